//! The workers that run timetabling jobs.
//!
//! Each worker claims a queued job from the database, leased to its server, runs the engine on a
//! blocking thread (the async threads keep answering requests), saves its progress and renews the
//! lease every second (the heartbeat), watches for cancellation, and stores the result as a
//! timetable version. Submitting a job wakes a worker; workers also look every second, so
//! nothing waits for a wake-up that was missed, and before claiming they return to the queue the
//! jobs whose lease ran out (a dead server's): any number of servers share one database's jobs.

use std::collections::HashMap;
use std::num::{NonZeroU32, NonZeroUsize};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use horarium::formats::json;
use horarium::report::SolveParameters;
use horarium::{SolveOptions, SolveStatus};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use super::jobs::{self, Beat, Ending, JobKind, JobRow, JobStatus, Lease, Progress};
use super::versions::{self, CostView, NewVersion};
use crate::clock::Clock;
use crate::db::{new_id, Db};
use crate::error::ApiError;
use crate::tenant::TenantId;

/// How often a running job's progress is saved and its cancellation looked for.
pub const PROGRESS_EVERY: Duration = Duration::from_secs(1);

/// How jobs run.
#[derive(Clone, Copy, Debug)]
pub struct RunnerSettings {
    /// Jobs that run at once.
    pub workers: usize,
    /// Search threads of each job.
    pub threads_per_job: NonZeroUsize,
    /// How long a job stays its server's without a heartbeat: how soon another server takes
    /// over the jobs of one that died. Many heartbeats ([`PROGRESS_EVERY`]) fit in it.
    pub lease: Duration,
}

/// The default lease: 30 s.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(30);

impl Default for RunnerSettings {
    /// One job per core, one thread each, leases of [`DEFAULT_LEASE`].
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        RunnerSettings { workers: cores, threads_per_job: NonZeroUsize::MIN, lease: DEFAULT_LEASE }
    }
}

struct Shared {
    db: Db,
    clock: Arc<dyn Clock>,
    settings: RunnerSettings,
    /// This server's id, which its leases name.
    server: String,
    /// When this server last returned expired leases to the queue (milliseconds).
    last_expiry: AtomicI64,
    wake: Notify,
    stopping: AtomicBool,
    /// The cancellation flags of the searches running now, by job id, so that a stop ends them.
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

/// The running workers.
pub struct Runner {
    shared: Arc<Shared>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

impl std::fmt::Debug for Runner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner").field("settings", &self.shared.settings).finish_non_exhaustive()
    }
}

impl Shared {
    fn lease(&self) -> Lease<'_> {
        Lease { server: &self.server, millis: i64::try_from(self.settings.lease.as_millis()).unwrap_or(i64::MAX) }
    }

    /// Returns the jobs of servers that stopped answering to the queue, at most once a second.
    async fn expire_leases(&self) {
        let now = self.clock.now().millis();
        let last = self.last_expiry.load(Ordering::SeqCst);
        if now - last < 1000 || self.last_expiry.compare_exchange(last, now, Ordering::SeqCst, Ordering::SeqCst).is_err() {
            return;
        }
        match jobs::expire_leases(&self.db, self.clock.now()).await {
            Ok((0, 0)) => {}
            Ok((queued, ended)) => tracing::warn!(queued, ended, "jobs whose server stopped answering"),
            Err(e) => tracing::error!("returning expired jobs to the queue: {e}"),
        }
    }
}

impl Runner {
    /// Starts the workers of a new server id.
    pub async fn start(db: Db, clock: Arc<dyn Clock>, settings: RunnerSettings) -> Result<Runner, ApiError> {
        let server = new_id("srv");
        tracing::info!(%server, lease_seconds = settings.lease.as_secs_f64(), "job runner started");
        let shared = Arc::new(Shared {
            db,
            clock,
            settings,
            server,
            last_expiry: AtomicI64::new(i64::MIN / 2),
            wake: Notify::new(),
            stopping: AtomicBool::new(false),
            running: Mutex::new(HashMap::new()),
        });
        let workers = (0..settings.workers).map(|_| tokio::spawn(work(Arc::clone(&shared)))).collect();
        Ok(Runner { shared, workers: Mutex::new(workers) })
    }

    /// This server's id, which its leases and its lines of `job_runs` name.
    pub fn server(&self) -> &str {
        &self.shared.server
    }

    /// Tells a worker that a job is waiting.
    pub fn wake(&self) {
        self.shared.wake.notify_one();
    }

    /// Stops the workers: ends the searches running now (within milliseconds), waits for the
    /// workers, and queues again the jobs they were running without counting that run as an
    /// attempt, since a deliberate stop is not a failure of the job.
    pub async fn stop(&self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        for flag in self.shared.running.lock().unwrap_or_else(PoisonError::into_inner).values() {
            flag.store(true, Ordering::SeqCst);
        }
        self.shared.wake.notify_waiters();
        let workers = std::mem::take(&mut *self.workers.lock().unwrap_or_else(PoisonError::into_inner));
        for mut worker in workers {
            // A worker ends within a second: its search is cancelled, or it was waiting for a job.
            if tokio::time::timeout(Duration::from_secs(10), &mut worker).await.is_err() {
                worker.abort();
                let _ = worker.await;
            }
        }
        match jobs::release(&self.shared.db, self.shared.clock.now(), self.shared.lease()).await {
            Ok(0) => {}
            Ok(released) => tracing::info!(jobs = released, "running jobs queued again for the next server"),
            Err(e) => tracing::error!("queueing the running jobs again: {e}"),
        }
    }
}

async fn work(shared: Arc<Shared>) {
    while !shared.stopping.load(Ordering::SeqCst) {
        shared.expire_leases().await;
        match jobs::claim_next(&shared.db, shared.clock.now(), shared.lease()).await {
            Ok(Some(job)) => {
                tracing::info!(job = %job.id, tenant = %job.tenant_id, attempt = job.attempts, "job started");
                if let Err(e) = run(&shared, &job).await {
                    give_up(&shared, &job, &e).await;
                }
            }
            Ok(None) => {
                let _ = tokio::time::timeout(PROGRESS_EVERY, shared.wake.notified()).await;
            }
            Err(e) => {
                tracing::error!("claiming a job: {e}");
                tokio::time::sleep(PROGRESS_EVERY).await;
            }
        }
    }
}

/// A job whose run failed inside the platform (the database, not the engine): it is failed with
/// the reason, retried for a while, so that it never stays `running` and blocks its school's queue.
async fn give_up(shared: &Shared, job: &JobRow, e: &ApiError) {
    tracing::error!(job = %job.id, "job failed in the platform: {e}");
    for _ in 0..30 {
        if shared.stopping.load(Ordering::SeqCst) {
            // The stop queues it again instead.
            return;
        }
        let reason = format!("the platform could not complete the job ({e}); submit it again");
        let ending = Ending { status: JobStatus::Failed, error: Some(reason), version: None };
        match jobs::finish(&shared.db, job, ending, shared.clock.now(), shared.lease()).await {
            // Or the lease was lost, and the job is another run's now.
            Ok(_) => return,
            Err(again) => tracing::error!(job = %job.id, "recording the failure: {again}"),
        }
        tokio::time::sleep(PROGRESS_EVERY).await;
    }
}

/// How the engine's blocking task ended: what it made, why it could not, or its panic.
type EngineOutcome = Result<Result<Made, String>, tokio::task::JoinError>;

/// What the engine made.
struct Made {
    timetable: String,
    cost: CostView,
    label: String,
    cancelled: bool,
}

async fn run(shared: &Shared, job: &JobRow) -> Result<(), ApiError> {
    let tenant = TenantId(job.tenant_id.clone());
    let base = match (&job.base_version_id, job.job_kind()?) {
        (Some(id), JobKind::Resolve) => match versions::get(&shared.db, &tenant, id).await {
            Ok(row) => Some(row),
            Err(e) if e.code() == "not_found" => {
                let ending =
                    Ending { status: JobStatus::Failed, error: Some("its starting version no longer exists".to_owned()), version: None };
                return jobs::finish(&shared.db, job, ending, shared.clock.now(), shared.lease()).await.map(drop);
            }
            Err(e) => return Err(e),
        },
        _ => None,
    };
    let cancel = Arc::new(AtomicBool::new(false));
    shared.running.lock().unwrap_or_else(PoisonError::into_inner).insert(job.id.clone(), Arc::clone(&cancel));
    // A stop that began before the flag was registered did not see it.
    if shared.stopping.load(Ordering::SeqCst) {
        cancel.store(true, Ordering::SeqCst);
    }
    let outcome = search(shared, job, base, &cancel).await;
    shared.running.lock().unwrap_or_else(PoisonError::into_inner).remove(&job.id);
    let Some(outcome) = outcome else { return Ok(()) };
    record(shared, job, &tenant, outcome).await
}

/// Runs the engine on the job until it ends, saving its progress and renewing its lease; `None`
/// when the runner is stopping, so that the job is left running for the stop to queue again, or
/// when the lease was lost, so that the job is left to the server that has it now.
async fn search(shared: &Shared, job: &JobRow, base: Option<versions::VersionRow>, cancel: &Arc<AtomicBool>) -> Option<EngineOutcome> {
    let latest: Arc<Mutex<Option<Progress>>> = Arc::new(Mutex::new(None));
    #[allow(clippy::cast_precision_loss, reason = "a time limit in milliseconds, checked when the job was made")]
    let parameters = SolveParameters {
        time_limit: Some(job.time_limit_ms as f64 / 1000.0),
        seed: u64::try_from(job.seed).unwrap_or(0),
        threads: shared.settings.threads_per_job.get(),
        ..SolveParameters::default()
    };
    let mut options = match SolveOptions::new(&parameters) {
        Ok(options) => options,
        Err(e) => return Some(Ok(Err(format!("the job's parameters are out of bounds: {e}")))),
    };
    options.cancel = Some(Arc::clone(cancel));
    let mut engine = {
        let (problem, latest, move_cost) = (job.problem.clone(), Arc::clone(&latest), job.move_cost);
        tokio::task::spawn_blocking(move || execute(&problem, base.as_ref(), move_cost, &options, &latest))
    };
    let mut every = tokio::time::interval(PROGRESS_EVERY);
    every.tick().await;
    let mut lost = false;
    let outcome = loop {
        tokio::select! {
            outcome = &mut engine => break outcome,
            _ = every.tick() => {
                let report = *latest.lock().unwrap_or_else(PoisonError::into_inner);
                let progress = report.unwrap_or(Progress { best_hard: 0, best_soft: 0, elapsed_ms: 0, moves: 0 });
                match jobs::heartbeat(&shared.db, job, progress, shared.clock.now(), shared.lease()).await {
                    Ok(Beat::Held) => {}
                    Ok(Beat::Cancel) => cancel.store(true, Ordering::SeqCst),
                    Ok(Beat::Lost) => {
                        tracing::warn!(job = %job.id, "the job's lease ran out: it is left to the server that has it now");
                        lost = true;
                        cancel.store(true, Ordering::SeqCst);
                    }
                    Err(e) => tracing::warn!(job = %job.id, "saving progress: {e}"),
                }
            }
        }
    };
    if lost || shared.stopping.load(Ordering::SeqCst) {
        return None;
    }
    // The last report, so that a finished job shows where the search ended, not its last sample.
    let last = *latest.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(last) = last {
        match jobs::heartbeat(&shared.db, job, last, shared.clock.now(), shared.lease()).await {
            Ok(Beat::Lost) => return None,
            Ok(_) => {}
            Err(e) => tracing::warn!(job = %job.id, "saving the final progress: {e}"),
        }
    }
    Some(outcome)
}

/// Records how the job ended: its version, or why it failed, or that it was cancelled; nothing
/// when the lease was lost meanwhile.
async fn record(shared: &Shared, job: &JobRow, tenant: &TenantId, outcome: EngineOutcome) -> Result<(), ApiError> {
    let now = shared.clock.now();
    let failed = |error: String| Ending { status: JobStatus::Failed, error: Some(error), version: None };
    let ending = match outcome {
        Ok(Ok(made)) if made.cancelled => Ending { status: JobStatus::Cancelled, error: None, version: None },
        Ok(Ok(made)) => return store_success(shared, job, tenant, made).await,
        Ok(Err(message)) => failed(message),
        Err(panic) => {
            tracing::error!(job = %job.id, "the engine panicked: {panic}");
            failed(format!("the engine failed: {panic}"))
        }
    };
    if !jobs::finish(&shared.db, job, ending, now, shared.lease()).await? {
        tracing::warn!(job = %job.id, "the job's lease ran out before it was recorded");
    }
    Ok(())
}

/// Stores the version a job made and ends the job, in one transaction that first checks the
/// lease: a server whose lease ran out stores nothing.
async fn store_success(shared: &Shared, job: &JobRow, tenant: &TenantId, made: Made) -> Result<(), ApiError> {
    let version =
        NewVersion { job_id: Some(&job.id), label: made.label, cost: made.cost, problem: job.problem.clone(), timetable: made.timetable };
    // Two versions finishing at once may pick the same number; the unique index makes one retry.
    for _ in 0..5 {
        let now = shared.clock.now();
        let mut tx = shared.db.write().await?;
        if !jobs::still_held(&mut tx, job, shared.lease()).await? {
            tx.rollback().await?;
            tracing::warn!(job = %job.id, "the job's lease ran out before its timetable was stored");
            return Ok(());
        }
        let Some(id) = versions::insert(&mut tx, tenant, &version, now).await? else {
            tx.rollback().await?;
            continue;
        };
        jobs::finish_in(&mut tx, job, Ending { status: JobStatus::Succeeded, error: None, version: Some(&id) }, now, shared.lease())
            .await?;
        tx.commit().await?;
        tracing::info!(job = %job.id, version = %id, hard = made.cost.hard, soft = made.cost.soft, "job succeeded");
        return Ok(());
    }
    Err(ApiError::conflict("too many timetable versions were stored at the same moment"))
}

/// Runs the engine on a blocking thread: a solve from scratch, or a re-solve from `base`.
fn execute(
    problem: &str,
    base: Option<&versions::VersionRow>,
    move_cost: Option<i64>,
    options: &SolveOptions,
    latest: &Mutex<Option<Progress>>,
) -> Result<Made, String> {
    let problem = json::parse_problem("<job>", problem).map_err(|e| format!("the job's problem cannot be read: {e}"))?;
    let report = |p: &horarium::Progress| {
        let progress = Progress {
            best_hard: p.best.hard,
            best_soft: p.best.soft,
            elapsed_ms: u64::try_from(p.elapsed.as_millis()).unwrap_or(u64::MAX),
            moves: p.iterations,
        };
        *latest.lock().unwrap_or_else(PoisonError::into_inner) = Some(progress);
    };
    let (timetable, cost, status, label) = match base {
        None => {
            let solution = horarium::solve_with_progress(&problem, options, report);
            let cost = solution.score.cost;
            (solution.timetable, cost, solution.status, "solve".to_owned())
        }
        Some(base) => {
            let def = base.timetable_def().map_err(|e| e.to_string())?;
            let (old, _dropped) = json::timetable_from_def_keeping_valid(&problem, &def);
            let move_cost = NonZeroU32::new(u32::try_from(move_cost.unwrap_or(10)).unwrap_or(u32::MAX)).unwrap_or(NonZeroU32::MIN);
            let resolution = horarium::resolve::resolve(&problem, &old, move_cost, options, report);
            let label = format!("re-solve of version {}: {} lessons moved", base.number, resolution.moved.len());
            (resolution.solution.timetable, resolution.score.cost, resolution.solution.status, label)
        }
    };
    Ok(Made {
        timetable: json::write_timetable(&problem, &timetable),
        cost: CostView { hard: cost.hard, soft: cost.soft },
        label,
        cancelled: status == SolveStatus::Cancelled,
    })
}
