//! Timetabling jobs in the database.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use utoipa::ToSchema;

use crate::clock::Timestamp;
use crate::db::{new_id, Db};
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

/// Claims the oldest queued job of a tenant that has no job running, for a worker: it becomes
/// `running` with one more attempt. `None` when there is nothing to claim.
pub async fn claim_next(db: &Db, now: Timestamp) -> Result<Option<JobRow>, ApiError> {
    // Another worker may claim the same candidate first; then take the next one.
    for _ in 0..100 {
        let candidate: Option<(String, String)> = sqlx::query_as(
            "SELECT tenant_id, id FROM jobs j WHERE status = 'queued' \
             AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.tenant_id = j.tenant_id AND r.status = 'running') \
             ORDER BY created_at, id LIMIT 1",
        )
        .fetch_optional(db.pool())
        .await?;
        let Some((tenant, id)) = candidate else { return Ok(None) };
        let tenant = TenantId(tenant);
        // Two workers may each pick a different queued job of one school; the school's lock makes
        // them claim one after the other, and the second then sees the first one running (each
        // statement of a PostgreSQL transaction reads what was committed before it).
        let mut tx = db.write().await?;
        match crate::tenant::lock(&mut tx, &tenant).await {
            Ok(()) => {}
            // The school was deleted meanwhile, and its jobs with it.
            Err(e) if e.status() == axum::http::StatusCode::NOT_FOUND => continue,
            Err(e) => return Err(e),
        }
        let claimed = sqlx::query(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = $3, best_hard = NULL, best_soft = NULL, \
             elapsed_ms = NULL, moves = NULL WHERE tenant_id = $1 AND id = $2 AND status = 'queued' \
             AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.tenant_id = $1 AND r.status = 'running')",
        )
        .bind(&tenant.0)
        .bind(&id)
        .bind(now.millis())
        .execute(&mut *tx)
        .await?;
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

/// Records a running job's progress; returns whether cancellation was asked for meanwhile.
pub async fn save_progress(db: &Db, job: &JobRow, p: Progress) -> Result<bool, ApiError> {
    sqlx::query("UPDATE jobs SET best_hard = $3, best_soft = $4, elapsed_ms = $5, moves = $6 WHERE tenant_id = $1 AND id = $2 AND status = 'running'")
        .bind(&job.tenant_id)
        .bind(&job.id)
        .bind(int(p.best_hard))
        .bind(int(p.best_soft))
        .bind(int(p.elapsed_ms))
        .bind(int(p.moves))
        .execute(db.pool())
        .await?;
    let cancel: Option<i64> = sqlx::query_scalar("SELECT cancel_requested FROM jobs WHERE tenant_id = $1 AND id = $2")
        .bind(&job.tenant_id)
        .bind(&job.id)
        .fetch_optional(db.pool())
        .await?;
    Ok(cancel != Some(0))
}

/// Ends a running job as failed, cancelled or succeeded (with its version).
pub async fn finish(
    db: &Db,
    job: &JobRow,
    status: JobStatus,
    error: Option<String>,
    version: Option<&str>,
    now: Timestamp,
) -> Result<(), ApiError> {
    sqlx::query("UPDATE jobs SET status = $3, error = $4, version_id = $5, finished_at = $6 WHERE tenant_id = $1 AND id = $2")
        .bind(&job.tenant_id)
        .bind(&job.id)
        .bind(status.as_str())
        .bind(error)
        .bind(version.map(str::to_owned))
        .bind(now.millis())
        .execute(db.pool())
        .await?;
    Ok(())
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

/// After a crash: queues again every job left running, or marks it failed when it has had
/// [`MAX_ATTEMPTS`] runs (or cancelled, when that was asked for). Returns how many were resumed
/// and how many failed.
pub async fn recover(db: &Db, now: Timestamp) -> Result<(u64, u64), ApiError> {
    // Cancellation was asked for before the crash: it stays cancelled.
    sqlx::query("UPDATE jobs SET status = 'cancelled', finished_at = $1 WHERE status = 'running' AND cancel_requested = 1")
        .bind(now.millis())
        .execute(db.pool())
        .await?;
    let failed = sqlx::query(
        "UPDATE jobs SET status = 'failed', finished_at = $2, error = 'the server stopped while the job ran, ' || CAST(attempts AS TEXT) || ' times; it was not started again' \
         WHERE status = 'running' AND attempts >= $1",
    )
    .bind(MAX_ATTEMPTS)
    .bind(now.millis())
    .execute(db.pool())
    .await?
    .rows_affected();
    let resumed = sqlx::query("UPDATE jobs SET status = 'queued' WHERE status = 'running'").execute(db.pool()).await?.rows_affected();
    Ok((resumed, failed))
}
