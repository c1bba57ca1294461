//! Timetabling jobs in the database.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use utoipa::ToSchema;

use sqlx::{Any, Transaction};

use crate::clock::Timestamp;
use crate::db::{new_id, Backend, Db};
use crate::error::ApiError;
use crate::tenant::TenantId;

/// Attempts a job gets in all: the first run and two resumptions after a crash.
pub const MAX_ATTEMPTS: i64 = 3;

/// What a job does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// Makes a timetable from scratch.
    Solve,
    /// Makes one from an existing version, moving as few lessons as it can.
    Resolve,
}

/// Where a job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Waiting for a worker.
    Queued,
    /// A worker is running it.
    Running,
    /// Done: its timetable is stored as a version.
    Succeeded,
    /// It could not finish; `error` says why.
    Failed,
    /// Cancelled before it finished.
    Cancelled,
}

impl JobStatus {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Succeeded => "succeeded",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    fn parse(name: &str) -> Option<JobStatus> {
        [JobStatus::Queued, JobStatus::Running, JobStatus::Succeeded, JobStatus::Failed, JobStatus::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// A job as stored.
#[derive(Clone, Debug, FromRow)]
pub struct JobRow {
    /// Its tenant.
    pub tenant_id: String,
    /// Its id.
    pub id: String,
    /// `solve` or `resolve`.
    pub kind: String,
    /// Its status's name.
    pub status: String,
    /// The engine's seed.
    pub seed: i64,
    /// Its time limit.
    pub time_limit_ms: i64,
    /// A re-solve's price of moving one lesson.
    pub move_cost: Option<i64>,
    /// A re-solve's starting version.
    pub base_version_id: Option<String>,
    /// The problem as Horarium JSON, as it was when the job was submitted.
    pub problem: String,
    /// Runs started so far.
    pub attempts: i64,
    /// Best hard cost found so far.
    pub best_hard: Option<i64>,
    /// Best soft cost found so far.
    pub best_soft: Option<i64>,
    /// Time spent in the current run.
    pub elapsed_ms: Option<i64>,
    /// Moves tried in the current run.
    pub moves: Option<i64>,
    /// 1 when cancellation was asked for.
    pub cancel_requested: i64,
    /// Why it failed.
    pub error: Option<String>,
    /// The version it made.
    pub version_id: Option<String>,
    /// When it was submitted.
    pub created_at: i64,
    /// When its current run started.
    pub started_at: Option<i64>,
    /// When it ended.
    pub finished_at: Option<i64>,
}

/// A job's progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobProgress {
    /// Best hard cost so far (0: no hard violation).
    pub best_hard: i64,
    /// Best soft cost so far.
    pub best_soft: i64,
    /// Seconds the current run has searched.
    pub elapsed_seconds: f64,
    /// Moves tried in the current run.
    pub moves: i64,
    /// The fraction of the time limit used, 0 to 1.
    pub fraction: f64,
}

/// A job as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Job {
    /// Its id.
    pub id: String,
    /// What it does.
    pub kind: JobKind,
    /// Where it is.
    pub status: JobStatus,
    /// The engine's seed.
    pub seed: i64,
    /// Its time limit in seconds.
    pub time_limit_seconds: f64,
    /// A re-solve's price of moving one lesson, in soft cost.
    pub move_cost: Option<i64>,
    /// A re-solve's starting version.
    pub base_version_id: Option<String>,
    /// Runs started: more than one when the server stopped while it ran and it was resumed.
    pub attempts: i64,
    /// Its progress, once it has some (updated every second while it runs).
    pub progress: Option<JobProgress>,
    /// Why it failed.
    pub error: Option<String>,
    /// The timetable version it made.
    pub version_id: Option<String>,
    /// When it was submitted.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
    /// When its current run started.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub started_at: Option<Timestamp>,
    /// When it ended.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub finished_at: Option<Timestamp>,
}

impl JobRow {
    /// The kind, checked.
    pub fn job_kind(&self) -> Result<JobKind, ApiError> {
        match self.kind.as_str() {
            "solve" => Ok(JobKind::Solve),
            "resolve" => Ok(JobKind::Resolve),
            other => Err(ApiError::internal(format!("job {} has kind {other:?}", self.id))),
        }
    }

    /// As the API shows it.
    pub fn view(&self) -> Result<Job, ApiError> {
        let status =
            JobStatus::parse(&self.status).ok_or_else(|| ApiError::internal(format!("job {} has status {:?}", self.id, self.status)))?;
        let progress = match (self.best_hard, self.best_soft) {
            (Some(best_hard), Some(best_soft)) => {
                let elapsed = self.elapsed_ms.unwrap_or(0);
                Some(JobProgress {
                    best_hard,
                    best_soft,
                    elapsed_seconds: elapsed as f64 / 1000.0,
                    moves: self.moves.unwrap_or(0),
                    fraction: (elapsed as f64 / self.time_limit_ms.max(1) as f64).min(1.0),
                })
            }
            _ => None,
        };
        Ok(Job {
            id: self.id.clone(),
            kind: self.job_kind()?,
            status,
            seed: self.seed,
            time_limit_seconds: self.time_limit_ms as f64 / 1000.0,
            move_cost: self.move_cost,
            base_version_id: self.base_version_id.clone(),
            attempts: self.attempts,
            progress,
            error: self.error.clone(),
            version_id: self.version_id.clone(),
            created_at: self.created_at.into(),
            started_at: self.started_at.map(Timestamp::from),
            finished_at: self.finished_at.map(Timestamp::from),
        })
    }
}

/// A job to store.
#[derive(Debug)]
pub struct NewJob {
    /// What it does.
    pub kind: JobKind,
    /// The engine's seed.
    pub seed: u64,
    /// Its time limit.
    pub time_limit_ms: i64,
    /// A re-solve's price of moving one lesson.
    pub move_cost: Option<i64>,
    /// A re-solve's starting version.
    pub base_version_id: Option<String>,
    /// The problem, as Horarium JSON.
    pub problem: String,
}

/// Most jobs a tenant may have waiting or running.
pub const MAX_PENDING_PER_TENANT: i64 = 10;

/// Stores a queued job; refuses when the tenant has [`MAX_PENDING_PER_TENANT`] pending already.
pub async fn submit(db: &Db, tenant: &TenantId, job: NewJob, now: Timestamp) -> Result<JobRow, ApiError> {
    let seed = i64::try_from(job.seed).map_err(|_| ApiError::invalid_field("seed", "must be below 2^63"))?;
    let id = new_id("job");
    let mut tx = db.write().await?;
    crate::tenant::lock(&mut tx, tenant).await?;
    let pending: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE tenant_id = $1 AND status IN ('queued', 'running')")
        .bind(&tenant.0)
        .fetch_one(&mut *tx)
        .await?;
    if pending >= MAX_PENDING_PER_TENANT {
        return Err(ApiError::conflict(format!(
            "the school has {pending} jobs waiting or running, the most it may have; wait for one to finish or cancel one"
        )));
    }
    sqlx::query(
        "INSERT INTO jobs (tenant_id, id, kind, status, seed, time_limit_ms, move_cost, base_version_id, problem, attempts, cancel_requested, created_at) \
         VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7, $8, 0, 0, $9)",
    )
    .bind(&tenant.0)
    .bind(&id)
    .bind(match job.kind {
        JobKind::Solve => "solve",
        JobKind::Resolve => "resolve",
    })
    .bind(seed)
    .bind(job.time_limit_ms)
    .bind(job.move_cost)
    .bind(job.base_version_id)
    .bind(job.problem)
    .bind(now.millis())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    get(db, tenant, &id).await
}

/// One job of the tenant.
pub async fn get(db: &Db, tenant: &TenantId, id: &str) -> Result<JobRow, ApiError> {
    sqlx::query_as("SELECT * FROM jobs WHERE tenant_id = $1 AND id = $2")
        .bind(&tenant.0)
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or_else(|| ApiError::not_found("job"))
}

/// The tenant's jobs, newest first.
pub async fn list(db: &Db, tenant: &TenantId, limit: i64, offset: i64) -> Result<(Vec<JobRow>, i64), ApiError> {
    let rows = sqlx::query_as("SELECT * FROM jobs WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3")
        .bind(&tenant.0)
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await?;
    let total = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE tenant_id = $1").bind(&tenant.0).fetch_one(db.pool()).await?;
    Ok((rows, total))
}

/// The server running a job and how long its hold lasts without a heartbeat.
#[derive(Clone, Copy, Debug)]
pub struct Lease<'a> {
    /// The server's id, made when it starts.
    pub server: &'a str,
    /// How long a claim or heartbeat holds the job.
    pub millis: i64,
}

/// Returns to the queue every job whose lease ran out (its server died or lost the database),
/// counting the run as an attempt: after [`MAX_ATTEMPTS`] it is failed with the reason, and one
/// whose cancellation was asked for is cancelled. Every server does this before it claims, so a
/// dead server's jobs finish elsewhere. Returns how many were queued again and how many ended.
pub async fn expire_leases(db: &Db, now: Timestamp) -> Result<(u64, u64), ApiError> {
    let expired = "status = 'running' AND (lease_until IS NULL OR lease_until < $1)";
    let mut tx = db.write().await?;
    let runs = "UPDATE job_runs SET ended_at = $1, outcome = 'lease expired' WHERE ended_at IS NULL AND EXISTS \
                (SELECT 1 FROM jobs j WHERE j.tenant_id = job_runs.tenant_id AND j.id = job_runs.job_id \
                AND j.status = 'running' AND (j.lease_until IS NULL OR j.lease_until < $1))";
    sqlx::query(runs).bind(now.millis()).execute(&mut *tx).await?;
    let cancelled = sqlx::query(&format!(
        "UPDATE jobs SET status = 'cancelled', finished_at = $1, lease_owner = NULL, lease_until = NULL WHERE {expired} AND cancel_requested = 1"
    ))
    .bind(now.millis())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let failed = sqlx::query(&format!(
        "UPDATE jobs SET status = 'failed', finished_at = $1, lease_owner = NULL, lease_until = NULL, \
         error = 'the server stopped while the job ran, ' || CAST(attempts AS TEXT) || ' times; it was not started again' \
         WHERE {expired} AND attempts >= $2"
    ))
    .bind(now.millis())
    .bind(MAX_ATTEMPTS)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let queued = sqlx::query(&format!("UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_until = NULL WHERE {expired}"))
        .bind(now.millis())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok((queued, cancelled + failed))
}

/// Claims the oldest queued job of a tenant that has no job running, for a worker of the
/// server holding `lease`: it becomes `running` with one more attempt, leased to that server,
/// and its run is logged in `job_runs`. `None` when there is nothing to claim.
pub async fn claim_next(db: &Db, now: Timestamp, lease: Lease<'_>) -> Result<Option<JobRow>, ApiError> {
    // PostgreSQL: servers claiming at once skip each other's candidates instead of waiting.
    // SQLite: one writer at a time already (`Db::write`), and it has no row locks to skip.
    let skip_locked = if db.backend() == Backend::Postgres { " FOR UPDATE OF j SKIP LOCKED" } else { "" };
    let select = format!(
        "SELECT tenant_id, id FROM jobs j WHERE status = 'queued' \
         AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.tenant_id = j.tenant_id AND r.status = 'running') \
         ORDER BY created_at, id LIMIT 1{skip_locked}"
    );
    // Another worker may claim the same school's other job first; then take the next one.
    for _ in 0..100 {
        let mut tx = db.write().await?;
        let candidate: Option<(String, String)> = sqlx::query_as(&select).fetch_optional(&mut *tx).await?;
        let Some((tenant, id)) = candidate else { return Ok(None) };
        let tenant = TenantId(tenant);
        // Two workers may each pick a different queued job of one school; the school's lock makes
        // them claim one after the other, and the second then sees the first one running (each
        // statement of a PostgreSQL transaction reads what was committed before it).
        match crate::tenant::lock(&mut tx, &tenant).await {
            Ok(()) => {}
            // The school was deleted meanwhile, and its jobs with it.
            Err(e) if e.status() == axum::http::StatusCode::NOT_FOUND => continue,
            Err(e) => return Err(e),
        }
        let claimed = sqlx::query(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = $3, best_hard = NULL, best_soft = NULL, \
             elapsed_ms = NULL, moves = NULL, lease_owner = $4, lease_until = $5 WHERE tenant_id = $1 AND id = $2 AND status = 'queued' \
             AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.tenant_id = $1 AND r.status = 'running')",
        )
        .bind(&tenant.0)
        .bind(&id)
        .bind(now.millis())
        .bind(lease.server)
        .bind(now.millis() + lease.millis)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 1 {
            sqlx::query(
                "INSERT INTO job_runs (id, tenant_id, job_id, attempt, server, started_at) \
                 SELECT $1, tenant_id, id, attempts, $4, $5 FROM jobs WHERE tenant_id = $2 AND id = $3",
            )
            .bind(new_id("run"))
            .bind(&tenant.0)
            .bind(&id)
            .bind(lease.server)
            .bind(now.millis())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        if claimed.rows_affected() == 1 {
            return get(db, &tenant, &id).await.map(Some);
        }
    }
    Ok(None)
}

/// Progress of a running job, as the engine reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Best hard cost.
    pub best_hard: u64,
    /// Best soft cost.
    pub best_soft: u64,
    /// Milliseconds searched.
    pub elapsed_ms: u64,
    /// Moves tried.
    pub moves: u64,
}

fn int(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// What a heartbeat learned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Beat {
    /// The job is still the server's, its lease renewed: go on.
    Held,
    /// Still held, but cancellation was asked for.
    Cancel,
    /// The lease was lost (it ran out and the job went back to the queue, perhaps to another
    /// server): stop at once and record nothing.
    Lost,
}

/// Records a running job's progress and renews its lease, when the server still holds it.
pub async fn heartbeat(db: &Db, job: &JobRow, p: Progress, now: Timestamp, lease: Lease<'_>) -> Result<Beat, ApiError> {
    let held = sqlx::query(
        "UPDATE jobs SET best_hard = $3, best_soft = $4, elapsed_ms = $5, moves = $6, lease_until = $8 \
         WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND lease_owner = $7",
    )
    .bind(&job.tenant_id)
    .bind(&job.id)
    .bind(int(p.best_hard))
    .bind(int(p.best_soft))
    .bind(int(p.elapsed_ms))
    .bind(int(p.moves))
    .bind(lease.server)
    .bind(now.millis() + lease.millis)
    .execute(db.pool())
    .await?;
    if held.rows_affected() == 0 {
        return Ok(Beat::Lost);
    }
    let cancel: Option<i64> = sqlx::query_scalar("SELECT cancel_requested FROM jobs WHERE tenant_id = $1 AND id = $2")
        .bind(&job.tenant_id)
        .bind(&job.id)
        .fetch_optional(db.pool())
        .await?;
    Ok(if cancel == Some(0) { Beat::Held } else { Beat::Cancel })
}

/// Whether the server still holds `job`, asked inside `tx`, whose write it then keeps until the
/// end (on PostgreSQL the row stays locked, so the lease cannot run out and be taken meanwhile).
pub async fn still_held(tx: &mut Transaction<'static, Any>, job: &JobRow, lease: Lease<'_>) -> Result<bool, ApiError> {
    let held = sqlx::query(
        "UPDATE jobs SET lease_owner = lease_owner WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND lease_owner = $3",
    )
    .bind(&job.tenant_id)
    .bind(&job.id)
    .bind(lease.server)
    .execute(&mut **tx)
    .await?;
    Ok(held.rows_affected() == 1)
}

/// How a run ended, for its job and its line in `job_runs`.
#[derive(Debug)]
pub struct Ending<'a> {
    /// Succeeded, failed or cancelled.
    pub status: JobStatus,
    /// Why it failed.
    pub error: Option<String>,
    /// The version it made.
    pub version: Option<&'a str>,
}

/// Ends a running job held by `lease`'s server, inside `tx` (after [`still_held`]).
pub async fn finish_in(
    tx: &mut Transaction<'static, Any>,
    job: &JobRow,
    ending: Ending<'_>,
    now: Timestamp,
    lease: Lease<'_>,
) -> Result<(), ApiError> {
    sqlx::query(
        "UPDATE jobs SET status = $3, error = $4, version_id = $5, finished_at = $6, lease_owner = NULL, lease_until = NULL \
         WHERE tenant_id = $1 AND id = $2 AND lease_owner = $7",
    )
    .bind(&job.tenant_id)
    .bind(&job.id)
    .bind(ending.status.as_str())
    .bind(ending.error)
    .bind(ending.version.map(str::to_owned))
    .bind(now.millis())
    .bind(lease.server)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE job_runs SET ended_at = $4, outcome = $5 WHERE tenant_id = $1 AND job_id = $2 AND server = $3 AND ended_at IS NULL",
    )
    .bind(&job.tenant_id)
    .bind(&job.id)
    .bind(lease.server)
    .bind(now.millis())
    .bind(ending.status.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends a running job held by `lease`'s server; `false` (and nothing changed) when its lease
/// was lost meanwhile.
pub async fn finish(db: &Db, job: &JobRow, ending: Ending<'_>, now: Timestamp, lease: Lease<'_>) -> Result<bool, ApiError> {
    let mut tx = db.write().await?;
    if !still_held(&mut tx, job, lease).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    finish_in(&mut tx, job, ending, now, lease).await?;
    tx.commit().await?;
    Ok(true)
}

/// Deletes a job that has ended (its runs with it); a queued or running one is a conflict.
pub async fn delete(db: &Db, tenant: &TenantId, id: &str) -> Result<(), ApiError> {
    let mut tx = db.write().await?;
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM jobs WHERE tenant_id = $1 AND id = $2")
        .bind(&tenant.0)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    match status.as_deref() {
        None => return Err(ApiError::not_found("job")),
        Some(status @ ("queued" | "running")) => {
            return Err(ApiError::conflict(format!("the job is {status}: cancel it first, then delete it once it has ended")));
        }
        Some(_) => {}
    }
    // SQLite applies ON DELETE CASCADE only with its foreign keys on, which every connection sets;
    // deleting the runs first does not depend on it.
    sqlx::query("DELETE FROM job_runs WHERE tenant_id = $1 AND job_id = $2").bind(&tenant.0).bind(id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM jobs WHERE tenant_id = $1 AND id = $2").bind(&tenant.0).bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Drops the copy of the problem of every job that ended before `before` (retention: a job
/// that ended needs it no more, and it is most of a job's stored bytes); how many.
pub async fn drop_old_problems(db: &Db, before: Timestamp) -> Result<u64, ApiError> {
    let dropped = sqlx::query(
        "UPDATE jobs SET problem = '' WHERE status IN ('succeeded', 'failed', 'cancelled') AND finished_at < $1 AND problem <> ''",
    )
    .bind(before.millis())
    .execute(db.pool())
    .await?;
    Ok(dropped.rows_affected())
}

/// Asks for a job to be cancelled: a queued one is cancelled at once, a running one when its
/// worker next looks (within a second). One statement, so that a worker claiming the job at the
/// same moment cannot make the request miss. Returns the job as it is then.
pub async fn cancel(db: &Db, tenant: &TenantId, id: &str, now: Timestamp) -> Result<JobRow, ApiError> {
    let asked = sqlx::query(
        "UPDATE jobs SET cancel_requested = 1, \
         finished_at = CASE WHEN status = 'queued' THEN $3 ELSE finished_at END, \
         status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END \
         WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')",
    )
    .bind(&tenant.0)
    .bind(id)
    .bind(now.millis())
    .execute(db.pool())
    .await?;
    let job = get(db, tenant, id).await?;
    if asked.rows_affected() == 0 {
        return Err(ApiError::conflict(format!("the job has ended ({}); there is nothing to cancel", job.status)));
    }
    Ok(job)
}

/// A deliberate stop of the server holding `lease`: queues its running jobs again without
/// counting their runs, which end `stopped`, so that the next server to claim them (this one
/// started again, or another) runs them at once. Returns how many.
pub async fn release(db: &Db, now: Timestamp, lease: Lease<'_>) -> Result<u64, ApiError> {
    let mut tx = db.write().await?;
    sqlx::query(
        "UPDATE job_runs SET ended_at = $2, outcome = 'stopped' WHERE server = $1 AND ended_at IS NULL AND EXISTS \
         (SELECT 1 FROM jobs j WHERE j.tenant_id = job_runs.tenant_id AND j.id = job_runs.job_id AND j.status = 'running' AND j.lease_owner = $1)",
    )
    .bind(lease.server)
    .bind(now.millis())
    .execute(&mut *tx)
    .await?;
    let released = sqlx::query(
        "UPDATE jobs SET status = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL \
         WHERE status = 'running' AND lease_owner = $1",
    )
    .bind(lease.server)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(released)
}
