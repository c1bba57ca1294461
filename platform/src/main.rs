//! `horarium-platform`: serve the platform's HTTP API, migrate its database, add an operator.

use std::io::{BufRead, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use horarium_platform::scheduling::runner::RunnerSettings;
use horarium_platform::{App, Clock, Db, Settings, SystemClock};

/// The Horarium platform: schools, their data, billing and timetabling jobs over HTTP.
#[derive(Parser)]
#[command(name = "horarium-platform", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the HTTP API (the OpenAPI document is at /api/v1/openapi.json).
    Serve {
        #[command(flatten)]
        database: DatabaseArg,
        /// Address to listen on; port 0 picks a free one, which is printed.
        #[arg(long, env = "HORARIUM_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// Timetabling jobs that run at once (default: one per core).
        #[arg(long, env = "HORARIUM_WORKERS")]
        workers: Option<usize>,
        /// The longest time limit a job may ask for, in seconds.
        #[arg(long, default_value_t = 600.0)]
        max_time_limit: f64,
        /// Take the client's address from the first entry of X-Forwarded-For (only behind a
        /// reverse proxy that sets it): sign-in throttling counts failures per address.
        #[arg(long, env = "HORARIUM_TRUST_FORWARDED_FOR")]
        trust_forwarded_for: bool,
        /// Seconds a running job stays this server's without a heartbeat (one a second): how
        /// soon other servers of the database take over the jobs of one that died.
        #[arg(long, env = "HORARIUM_JOB_LEASE", default_value_t = 30.0)]
        job_lease: f64,
        /// Days a job that ended keeps its copy of the problem (billed as storage); 0 keeps it
        /// for ever.
        #[arg(long, env = "HORARIUM_JOB_PROBLEM_RETENTION_DAYS", default_value_t = 30)]
        job_problem_retention_days: u32,
    },
    /// Creates the database, or brings its schema up to date.
    Migrate {
        #[command(flatten)]
        database: DatabaseArg,
    },
    /// Manages the platform's operators (super admins).
    Operator {
        #[command(subcommand)]
        command: OperatorCommand,
    },
}

#[derive(Subcommand)]
enum OperatorCommand {
    /// Adds an operator; the password is read from HORARIUM_OPERATOR_PASSWORD, or else from the
    /// first line of standard input.
    Add {
        #[command(flatten)]
        database: DatabaseArg,
        /// Their e-mail address, which they log in with.
        #[arg(long)]
        email: String,
        /// Their name.
        #[arg(long)]
        name: String,
    },
}

#[derive(clap::Args)]
struct DatabaseArg {
    /// `sqlite:PATH` (created when missing) or `postgres://USER:PASSWORD@HOST:PORT/DATABASE`.
    #[arg(long = "database", env = "HORARIUM_DATABASE_URL", default_value = "sqlite:data/horarium.db")]
    url: String,
}

async fn open(database: &DatabaseArg) -> anyhow::Result<Db> {
    Db::open(&database.url).await.with_context(|| format!("opening the database {}", horarium_platform::db::redact(&database.url)))
}

/// Prints a line on standard output, if anyone still reads it: a server whose output was closed
/// (piped into a program that has exited) keeps serving rather than failing.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => {
                let _ = interrupt.await;
                return;
            }
        };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { database, listen, workers, max_time_limit, trust_forwarded_for, job_lease, job_problem_retention_days } => {
            if !(max_time_limit.is_finite() && max_time_limit >= 1.0) {
                bail!("--max-time-limit must be at least 1 second");
            }
            if !(job_lease.is_finite() && (2.0..=86_400.0).contains(&job_lease)) {
                bail!("--job-lease must be between 2 seconds (two heartbeats) and a day");
            }
            let db = open(&database).await?;
            let mut runner = RunnerSettings::default();
            if let Some(workers) = workers {
                if workers == 0 {
                    bail!("--workers must be at least 1: with none, submitted jobs would wait for ever");
                }
                runner.workers = workers;
            }
            let settings = Settings {
                max_time_limit_seconds: max_time_limit,
                default_time_limit_seconds: 10f64.min(max_time_limit),
                runner: RunnerSettings { threads_per_job: NonZeroUsize::MIN, lease: Duration::from_secs_f64(job_lease), ..runner },
                token_secret: std::env::var("HORARIUM_TOKEN_SECRET").ok().filter(|s| !s.is_empty()),
                trust_forwarded_for,
                payment_webhook_secret: std::env::var("HORARIUM_PAYMENT_WEBHOOK_SECRET").ok().filter(|s| !s.is_empty()),
                job_problem_retention: (job_problem_retention_days > 0)
                    .then(|| Duration::from_secs(u64::from(job_problem_retention_days) * 86_400)),
                ..Settings::default()
            };
            let app = App::start(db, settings, Arc::new(SystemClock)).await.context("starting the platform")?;
            let listener = tokio::net::TcpListener::bind(&listen).await.with_context(|| format!("listening on {listen}"))?;
            let address = listener.local_addr().context("the listening address")?;
            say(&format!(
                "horarium-platform listening on http://{address} (database {}, {} job workers as server {}; API at /api/v1, OpenAPI at /api/v1/openapi.json)",
                horarium_platform::db::redact(&database.url),
                runner.workers,
                app.state().runner().server()
            ));
            app.serve(listener, shutdown_signal()).await.context("serving")?;
            say("horarium-platform stopped");
            Ok(())
        }
        Command::Migrate { database } => {
            open(&database).await?;
            say(&format!("the database {} is up to date", horarium_platform::db::redact(&database.url)));
            Ok(())
        }
        Command::Operator { command: OperatorCommand::Add { database, email, name } } => {
            let password = match std::env::var("HORARIUM_OPERATOR_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line).context("reading the password from standard input")?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let db = open(&database).await?;
            let id = horarium_platform::tenant::operator::add_operator(&db, &email, &name, &password, SystemClock.now())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            say(&format!("operator {email} added ({id})"));
            Ok(())
        }
    }
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("HORARIUM_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("error: {e:#}");
        std::process::exit(2);
    }
}
