//! The application: its shared state, its start (the token secret, the job runner, the billing
//! loop), its router, and serving it until a shutdown signal.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::auth::{random_secret, Tokens};
use crate::clock::{Clock, Timestamp};
use crate::db::Db;
use crate::error::{ApiError, Error};
use crate::scheduling::runner::{Runner, RunnerSettings};

/// How the platform runs.
#[derive(Clone)]
pub struct Settings {
    /// A job's time limit when its request gives none, in seconds.
    pub default_time_limit_seconds: f64,
    /// The longest time limit a job may ask for, in seconds.
    pub max_time_limit_seconds: f64,
    /// How jobs run.
    pub runner: RunnerSettings,
    /// The secret that signs access tokens; when `None`, one is made on the first start and kept
    /// in the database, so that every server of a database shares it and tokens outlive restarts.
    pub token_secret: Option<String>,
    /// How often the server brings every subscription up to date by itself.
    pub billing_every: Duration,
    /// Whether the client's address is the first of `X-Forwarded-For` (a server behind a
    /// reverse proxy that sets it) rather than the connection's peer; sign-in throttling counts
    /// failures per address.
    pub trust_forwarded_for: bool,
    /// The secret the payment provider signs its events with (`POST /webhooks/payments`);
    /// without one, that route is off.
    pub payment_webhook_secret: Option<String>,
    /// How long a job that ended keeps its copy of the problem (billed as storage) before the
    /// housekeeping that runs with billing drops it; `None` keeps it.
    pub job_problem_retention: Option<Duration>,
}

/// The secrets are shown as whether they are set, never as what they are: settings get logged.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |s: &Option<String>| if s.is_some() { "<set>" } else { "<none>" };
        f.debug_struct("Settings")
            .field("default_time_limit_seconds", &self.default_time_limit_seconds)
            .field("max_time_limit_seconds", &self.max_time_limit_seconds)
            .field("runner", &self.runner)
            .field("token_secret", &set(&self.token_secret))
            .field("billing_every", &self.billing_every)
            .field("trust_forwarded_for", &self.trust_forwarded_for)
            .field("payment_webhook_secret", &set(&self.payment_webhook_secret))
            .field("job_problem_retention", &self.job_problem_retention)
            .finish()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_time_limit_seconds: 10.0,
            max_time_limit_seconds: 600.0,
            runner: RunnerSettings::default(),
            token_secret: None,
            billing_every: Duration::from_secs(60),
            trust_forwarded_for: false,
            payment_webhook_secret: None,
            job_problem_retention: None,
        }
    }
}

struct Inner {
    db: Db,
    tokens: Tokens,
    clock: Arc<dyn Clock>,
    runner: Runner,
    settings: Settings,
}

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("settings", &self.0.settings).finish_non_exhaustive()
    }
}

impl AppState {
    /// The database.
    pub fn db(&self) -> &Db {
        &self.0.db
    }

    /// The token signer.
    pub fn tokens(&self) -> &Tokens {
        &self.0.tokens
    }

    /// Now, by the application's clock.
    pub fn now(&self) -> Timestamp {
        self.0.clock.now()
    }

    /// The job runner.
    pub fn runner(&self) -> &Runner {
        &self.0.runner
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }
}

/// The running application.
pub struct App {
    state: AppState,
    router: Router,
    openapi: utoipa::openapi::OpenApi,
    billing: JoinHandle<()>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("state", &self.state).finish_non_exhaustive()
    }
}

/// The token secret of `settings`, or the one kept in the database (made on the first start).
async fn token_secret(db: &Db, settings: &Settings) -> Result<String, Error> {
    if let Some(secret) = &settings.token_secret {
        return Ok(secret.clone());
    }
    sqlx::query("INSERT INTO platform_settings (name, value) VALUES ('token_secret', $1) ON CONFLICT (name) DO NOTHING")
        .bind(random_secret())
        .execute(db.pool())
        .await?;
    Ok(sqlx::query_scalar("SELECT value FROM platform_settings WHERE name = 'token_secret'").fetch_one(db.pool()).await?)
}

impl App {
    /// Starts the application on `db` (migrated): the job runner, which also takes over the jobs
    /// of servers whose lease ran out (a crash), and the billing loop.
    pub async fn start(db: Db, settings: Settings, clock: Arc<dyn Clock>) -> Result<App, Error> {
        let tokens = Tokens::new(&token_secret(&db, &settings).await?);
        let runner = Runner::start(db.clone(), Arc::clone(&clock), settings.runner)
            .await
            .map_err(|e| Error::Corrupt(format!("starting the job runner: {e}")))?;
        let billing_every = settings.billing_every;
        let state = AppState(Arc::new(Inner { db, tokens, clock, runner, settings }));
        let billing = tokio::spawn(bill_every(state.clone(), billing_every));
        let (api, openapi) = crate::api::routes();
        let document = axum::body::Bytes::from(openapi.to_pretty_json().map_err(|e| Error::Corrupt(format!("the OpenAPI document: {e}")))?);
        let router = api
            .route(
                "/api/v1/openapi.json",
                // A clone of `Bytes` shares the one serialized document.
                get(move || {
                    let document = document.clone();
                    async move { ([(CONTENT_TYPE, "application/json")], document) }
                }),
            )
            .route("/healthz", get(|| async { "ok" }))
            .fallback(|| async { ApiError::not_found("route: see /api/v1/openapi.json for the API") })
            .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
            .layer(DefaultBodyLimit::max(crate::api::MAX_BODY))
            .with_state(state.clone());
        Ok(App { state, router, openapi, billing })
    }

    /// The router, to serve or to call directly in tests.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// The shared state.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The OpenAPI document of every route.
    pub fn openapi(&self) -> &utoipa::openapi::OpenApi {
        &self.openapi
    }

    /// Serves on `listener` until `shutdown` completes, then stops the job runner (queueing its
    /// running jobs again for the next start).
    pub async fn serve(self, listener: TcpListener, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), Error> {
        let address = listener.local_addr().map_err(|source| Error::Io { what: "the listening address".to_owned(), source })?;
        // With the peer's address, which sign-in throttling counts failures by.
        axum::serve(listener, self.router.clone().into_make_service_with_connect_info::<std::net::SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|source| Error::Io { what: format!("serving on {address}"), source })?;
        self.stop().await;
        Ok(())
    }

    /// Stops the background work: the billing loop and the job runner.
    pub async fn stop(&self) {
        self.billing.abort();
        self.state.runner().stop().await;
    }
}

/// The housekeeping every `every`: the billing run, then the retention of jobs' problems.
async fn bill_every(state: AppState, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match crate::billing::store::run_billing(state.db(), state.now()).await {
            Ok(run) if run.invoices_issued > 0 => tracing::info!(invoices = run.invoices_issued, suspended = run.suspended, "billing run"),
            Ok(_) => {}
            Err(e) => tracing::error!("billing run: {e}"),
        }
        if let Some(keep) = state.settings().job_problem_retention {
            let before = Timestamp::from(state.now().millis() - i64::try_from(keep.as_millis()).unwrap_or(i64::MAX));
            match crate::scheduling::jobs::drop_old_problems(state.db(), before).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(jobs = n, "dropped the problems of jobs past their retention"),
                Err(e) => tracing::error!("job retention: {e}"),
            }
        }
    }
}
