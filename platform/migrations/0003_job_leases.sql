-- Jobs are leased (src/scheduling/jobs.rs): the server running a job holds it until
-- lease_until and renews that with each heartbeat; a lease that runs out returns the job to the
-- queue (or fails it after its last attempt), so any number of servers share one database's
-- jobs and a job is never run by two at once nor lost with a server.
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until BIGINT;

-- One row per run of a job: which server ran it, as which attempt (a stopped run is not
-- counted, so the next one has the same number), from when to when, and how it ended
-- (succeeded, failed, cancelled, stopped, lease expired; none while it runs).
CREATE TABLE job_runs (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    attempt BIGINT NOT NULL,
    server TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    outcome TEXT,
    FOREIGN KEY (tenant_id, job_id) REFERENCES jobs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX job_runs_of_job ON job_runs (tenant_id, job_id);
CREATE INDEX job_runs_open ON job_runs (ended_at);
