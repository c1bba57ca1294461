-- The platform's schema, one file for SQLite and PostgreSQL alike.
--
-- Portable on purpose: TEXT and BIGINT only (times are milliseconds since the Unix epoch, money
-- is integer cents, flags are 0 or 1, lists are JSON text), no dialect's serial type (ids are
-- random and made by the application), and no dialect-specific syntax.
--
-- Isolation: every table of tenant data has tenant_id in its primary key, and every reference
-- between such tables goes through (tenant_id, id), so the database itself refuses a row that
-- points at another tenant's row.

-- Settings of the platform itself, such as the secret that signs access tokens.
CREATE TABLE platform_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    subdomain TEXT NOT NULL UNIQUE,
    days BIGINT NOT NULL,
    periods_per_day BIGINT NOT NULL,
    day_names TEXT NOT NULL,
    period_names TEXT NOT NULL,
    current_version_id TEXT,
    created_at BIGINT NOT NULL
);

-- The platform's own staff (super admins): not tenant data, so no tenant_id.
CREATE TABLE operators (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    -- Tokens issued before this are refused.
    password_changed_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);

CREATE TABLE teachers (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    unavailable TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE classes (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    parent_id TEXT,
    expected_students BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name),
    FOREIGN KEY (tenant_id, parent_id) REFERENCES classes (tenant_id, id)
);

CREATE TABLE rooms (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    capacity BIGINT NOT NULL,
    tags TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE subjects (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    room_tag TEXT,
    needs_room BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE students (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    external_id TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, external_id)
);

CREATE TABLE enrollments (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, student_id, class_id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES students (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, class_id) REFERENCES classes (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE lesson_plans (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    teacher_id TEXT NOT NULL,
    lessons TEXT NOT NULL,
    room_id TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, class_id) REFERENCES classes (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_id) REFERENCES subjects (tenant_id, id),
    FOREIGN KEY (tenant_id, teacher_id) REFERENCES teachers (tenant_id, id),
    FOREIGN KEY (tenant_id, room_id) REFERENCES rooms (tenant_id, id)
);

CREATE TABLE subscriptions (
    tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
    plan TEXT NOT NULL,
    cycle TEXT NOT NULL,
    status TEXT NOT NULL,
    trial_ends_at BIGINT NOT NULL,
    period_start BIGINT,
    period_end BIGINT,
    -- Since when the current period's overage is unbilled: its start, or the last plan change.
    overage_from BIGINT,
    past_due_since BIGINT,
    suspended_at BIGINT,
    negotiated_monthly_cents BIGINT,
    credit_cents BIGINT NOT NULL,
    invoices_issued BIGINT NOT NULL,
    -- Optimistic locking: every write checks and increments it, so two writers never lose each other's change.
    version BIGINT NOT NULL
);

CREATE TABLE invoices (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    number TEXT NOT NULL,
    kind TEXT NOT NULL,
    period_start BIGINT NOT NULL,
    period_end BIGINT NOT NULL,
    issued_at BIGINT NOT NULL,
    status TEXT NOT NULL,
    total_cents BIGINT NOT NULL,
    paid_at BIGINT,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number)
);

CREATE TABLE invoice_lines (
    tenant_id TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    description TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    unit_cents BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id, position),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

CREATE TABLE payments (
    tenant_id TEXT NOT NULL,
    id TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);

CREATE TABLE jobs (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    seed BIGINT NOT NULL,
    time_limit_ms BIGINT NOT NULL,
    move_cost BIGINT,
    base_version_id TEXT,
    problem TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    best_hard BIGINT,
    best_soft BIGINT,
    elapsed_ms BIGINT,
    moves BIGINT,
    cancel_requested BIGINT NOT NULL,
    error TEXT,
    version_id TEXT,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    PRIMARY KEY (tenant_id, id)
);

CREATE INDEX jobs_by_status ON jobs (status, created_at);

CREATE TABLE timetable_versions (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    number BIGINT NOT NULL,
    job_id TEXT,
    label TEXT NOT NULL,
    hard BIGINT NOT NULL,
    soft BIGINT NOT NULL,
    problem TEXT NOT NULL,
    timetable TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number)
);
