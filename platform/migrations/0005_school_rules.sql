-- A school's own rules (src/course/rules.rs): constraints of the engine's catalog as JSON, with
-- the school's ids where the catalog names teachers, classes, rooms and courses.
CREATE TABLE school_rules (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    note TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
