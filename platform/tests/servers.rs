//! Several servers on one PostgreSQL share the jobs through leases: each job succeeds once, no
//! job runs on two servers at once, and the jobs of a server killed mid-run finish elsewhere
//! once their lease runs out. The job log (`job_runs`) is the witness.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::json;
use sqlx::{Connection, Row};

use crate::common::{Database, Store};
use crate::restart::{ok, small_school, wait_for, Server};

/// A line of `job_runs`: server, started, ended, outcome.
type Run = (String, i64, Option<i64>, Option<String>);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_servers_share_the_jobs_and_finish_those_of_one_killed() {
    sqlx::any::install_default_drivers();
    let database = Database::new(Store::Postgres).await;
    let log = std::env::temp_dir().join(format!("horarium-platform-servers-{}.log", uuid::Uuid::new_v4().simple()));
    let client = reqwest::Client::new();
    // The first one migrates the database; the others start on it.
    let first = Server::start(&database.url, &log);
    let (second, third) = (Server::start(&database.url, &log), Server::start(&database.url, &log));
    let schools = 9;
    let mut tokens = Vec::new();
    for k in 0..schools {
        tokens.push(small_school(&client, &first, &format!("lease-{k}")).await);
    }
    // Every school submits a job, each through one of the servers (scripts/bench-platform.sh
    // submits 300 at the same moment).
    let servers = [&first, &second, &third];
    let mut jobs = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        let job = ok(&client, servers[k % 3], "POST", "/jobs", Some(token), Some(json!({"kind": "solve", "time_limit_seconds": 3}))).await;
        jobs.push(job["id"].as_str().unwrap().to_owned());
    }
    // Kill the second server while it runs a job.
    let mut db = sqlx::AnyConnection::connect(&database.url).await.unwrap();
    let started = Instant::now();
    loop {
        let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM job_runs WHERE server = $1 AND ended_at IS NULL")
            .bind(&second.id)
            .fetch_one(&mut db)
            .await
            .unwrap();
        if open > 0 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "the second server never ran a job");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let killed = second.id.clone();
    second.kill();
    for (token, job) in tokens.iter().zip(&jobs) {
        let done = wait_for(&client, &first, token, job, "succeeded", |j| j["status"] == "succeeded").await;
        assert!(!done["version_id"].is_null(), "{done}");
    }
    // The log: one success per job, and each job's runs one after the other.
    let rows = sqlx::query("SELECT job_id, server, started_at, ended_at, outcome FROM job_runs ORDER BY job_id, started_at")
        .fetch_all(&mut db)
        .await
        .unwrap();
    let mut runs: BTreeMap<String, Vec<Run>> = BTreeMap::new();
    for row in &rows {
        runs.entry(row.get("job_id")).or_default().push((
            row.get("server"),
            row.get("started_at"),
            row.get("ended_at"),
            row.get("outcome"),
        ));
    }
    assert_eq!(runs.len(), schools);
    for (job, runs) in &runs {
        let successes = runs.iter().filter(|r| r.3.as_deref() == Some("succeeded")).count();
        assert_eq!(successes, 1, "job {job}: {runs:?}");
        for pair in runs.windows(2) {
            let ended = pair[0].2.unwrap_or_else(|| panic!("job {job}: a run never ended before the next: {runs:?}"));
            assert!(ended <= pair[1].1, "job {job} ran on two servers at once: {runs:?}");
        }
    }
    let moved = runs.values().flatten().filter(|r| r.0 == killed && r.3.as_deref() == Some("lease expired")).count();
    assert!(moved >= 1, "the killed server's job was taken over when its lease ran out: {runs:?}");
    assert!(runs.values().flatten().any(|r| r.0 == third.id), "the third server ran jobs too");
    db.close().await.ok();
    first.kill();
    third.kill();
    database.drop_it().await;
    let _ = std::fs::remove_file(&log);
}
