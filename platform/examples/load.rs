//! The platform's load test, against a running server on loopback (`scripts/bench-platform.sh`
//! starts one and runs this):
//!
//! 1. sets up `--tenants` schools through the API, each with a small school's data;
//! 2. burst: every school submits a solve job at the same moment while `--burst-readers` clients
//!    keep reading; waits until every job has ended, and prints how many succeeded, failed or
//!    went missing, how long it took, and the read latencies meanwhile;
//! 3. reads: `--clients` concurrent clients, each a loop of GET requests on the read endpoints
//!    (lists, one row, the school, the current timetable, the versions), for `--seconds`, and
//!    prints the latency percentiles.
//!
//! With several servers of one database (`--server A,B,C`), requests go to each in turn; with
//! `--kill-pid PID --kill-after S`, the server of that process (the last of `--server`) is killed
//! with SIGKILL S seconds into the burst and left out from then on: its jobs must finish on the
//! others once their lease runs out.
//!
//! ```sh
//! cargo run --release -p horarium-platform --example load -- --server http://127.0.0.1:8080 --out load.json
//! ```

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::Mutex;

struct Args {
    /// Comma-separated base URLs.
    server: String,
    kill_pid: Option<u32>,
    kill_after: f64,
    tenants: usize,
    clients: usize,
    seconds: u64,
    burst_readers: usize,
    job_seconds: f64,
    out: Option<String>,
}

fn args() -> Args {
    let mut a = Args {
        server: "http://127.0.0.1:8080".into(),
        kill_pid: None,
        kill_after: 2.0,
        tenants: 100,
        clients: 500,
        seconds: 30,
        burst_readers: 50,
        job_seconds: 1.0,
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--server" => a.server = value(),
            "--tenants" => a.tenants = value().parse().expect("--tenants N"),
            "--clients" => a.clients = value().parse().expect("--clients N"),
            "--seconds" => a.seconds = value().parse().expect("--seconds N"),
            "--burst-readers" => a.burst_readers = value().parse().expect("--burst-readers N"),
            "--job-seconds" => a.job_seconds = value().parse().expect("--job-seconds S"),
            "--out" => a.out = Some(value()),
            "--kill-pid" => a.kill_pid = Some(value().parse().expect("--kill-pid PID")),
            "--kill-after" => a.kill_after = value().parse().expect("--kill-after S"),
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

#[derive(Clone)]
struct Tenant {
    token: String,
    teacher: String,
}

struct Client {
    http: reqwest::Client,
    bases: Vec<String>,
    /// The servers still in use: the first `live` of `bases`.
    live: AtomicUsize,
    next: AtomicUsize,
}

impl Client {
    /// The next live server's base URL.
    fn base(&self) -> &str {
        let live = self.live.load(Ordering::SeqCst).max(1);
        &self.bases[self.next.fetch_add(1, Ordering::Relaxed) % live]
    }

    async fn call(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: Option<Value>) -> Result<(u16, Value), String> {
        let mut request = self.http.request(method, format!("{}/api/v1{path}", self.base()));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
    }

    async fn ok(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: Option<Value>) -> Value {
        match self.call(method.clone(), path, token, body).await {
            Ok((status, value)) if (200..300).contains(&status) => value,
            other => panic!("{method} {path}: {other:?}"),
        }
    }
}

/// A school with 6 classes, 6 teachers, 6 rooms, 3 subjects and 18 lesson plans.
async fn set_up(client: &Client, i: usize) -> Tenant {
    use reqwest::Method;
    let subdomain = format!("load-{i:04}");
    let signup = json!({"school_name": format!("Load school {i}"), "subdomain": subdomain, "admin_name": "Admin",
        "admin_email": format!("admin@{subdomain}.example"), "password": "load test password"});
    let token = client.ok(Method::POST, "/signup", None, Some(signup)).await["token"].as_str().unwrap().to_owned();
    let t = Some(token.as_str());
    let id = |v: Value| v["id"].as_str().unwrap().to_owned();
    let mut teachers = Vec::new();
    let mut classes = Vec::new();
    for k in 0..6 {
        teachers.push(id(client.ok(Method::POST, "/teachers", t, Some(json!({"name": format!("Teacher {k}")}))).await));
        classes
            .push(id(client.ok(Method::POST, "/classes", t, Some(json!({"name": format!("Class {k}"), "expected_students": 25}))).await));
        client.ok(Method::POST, "/rooms", t, Some(json!({"name": format!("Room {k}"), "capacity": 30}))).await;
    }
    let mut subjects = Vec::new();
    for name in ["Maths", "English", "Science"] {
        subjects.push(id(client.ok(Method::POST, "/subjects", t, Some(json!({"name": name}))).await));
    }
    for (c, class) in classes.iter().enumerate() {
        for (s, subject) in subjects.iter().enumerate() {
            let teacher = &teachers[(c + s * 2) % teachers.len()];
            let plan = json!({"class_id": class, "subject_id": subject, "teacher_id": teacher, "lessons": [2, 1, 1]});
            client.ok(Method::POST, "/lesson-plans", t, Some(plan)).await;
        }
    }
    Tenant { token, teacher: teachers[0].clone() }
}

/// The read requests a client cycles through; the current timetable only once there is one.
fn reads(tenant: &Tenant, with_timetable: bool) -> Vec<String> {
    let mut paths = vec![
        "/teachers?limit=50".to_owned(),
        "/lesson-plans?limit=50".to_owned(),
        format!("/teachers/{}", tenant.teacher),
        "/school".to_owned(),
        "/rooms".to_owned(),
        "/timetables".to_owned(),
    ];
    if with_timetable {
        paths.push("/timetables/current".to_owned());
    }
    paths
}

#[derive(Default)]
struct Latencies {
    ok: Vec<Duration>,
    errors: usize,
    first_error: Option<String>,
}

impl Latencies {
    fn summary(&mut self, wall: Duration) -> Value {
        self.ok.sort();
        let pct = |p: f64| -> f64 {
            if self.ok.is_empty() {
                return f64::NAN;
            }
            let i = ((self.ok.len() as f64 * p).ceil() as usize).clamp(1, self.ok.len()) - 1;
            self.ok[i].as_secs_f64() * 1000.0
        };
        json!({
            "requests": self.ok.len() + self.errors,
            "errors": self.errors,
            "first_error": self.first_error,
            "per_second": self.ok.len() as f64 / wall.as_secs_f64(),
            "p50_ms": pct(0.50), "p90_ms": pct(0.90), "p99_ms": pct(0.99), "max_ms": pct(1.0),
        })
    }
}

/// `n` clients reading until `stop`, each on the tenants in turn.
async fn readers(client: Arc<Client>, tenants: Arc<Vec<Tenant>>, n: usize, with_timetable: bool, stop: Arc<AtomicBool>) -> Latencies {
    let all = Arc::new(Mutex::new(Latencies::default()));
    let mut tasks = Vec::new();
    for r in 0..n {
        let (client, tenants, stop, all) = (Arc::clone(&client), Arc::clone(&tenants), Arc::clone(&stop), Arc::clone(&all));
        tasks.push(tokio::spawn(async move {
            let tenant = &tenants[r % tenants.len()];
            let paths = reads(tenant, with_timetable);
            let mut mine = Latencies::default();
            let mut k = r;
            while !stop.load(Ordering::Relaxed) {
                let path = &paths[k % paths.len()];
                k += 1;
                let start = Instant::now();
                match client.call(reqwest::Method::GET, path, Some(&tenant.token), None).await {
                    Ok((200, _)) => mine.ok.push(start.elapsed()),
                    other => {
                        mine.errors += 1;
                        mine.first_error.get_or_insert_with(|| format!("GET {path}: {other:?}"));
                    }
                }
            }
            let mut all = all.lock().await;
            all.ok.extend(mine.ok);
            all.errors += mine.errors;
            if all.first_error.is_none() {
                all.first_error = mine.first_error;
            }
        }));
    }
    for task in tasks {
        task.await.expect("a reader finishes");
    }
    Arc::try_unwrap(all).ok().expect("every reader is done").into_inner()
}

#[tokio::main]
async fn main() {
    let args = args();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.clients + args.burst_readers)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("an HTTP client");
    let bases: Vec<String> = args.server.split(',').map(|s| s.trim().trim_end_matches('/').to_owned()).collect();
    let client = Arc::new(Client { http, live: AtomicUsize::new(bases.len()), bases, next: AtomicUsize::new(0) });

    let started = Instant::now();
    let mut tenants = Vec::with_capacity(args.tenants);
    for chunk in (0..args.tenants).collect::<Vec<_>>().chunks(10) {
        let made = futures_join(chunk.iter().map(|&i| {
            let client = Arc::clone(&client);
            async move { set_up(&client, i).await }
        }))
        .await;
        tenants.extend(made);
    }
    println!("set up {} schools in {:.1} s", tenants.len(), started.elapsed().as_secs_f64());
    let tenants = Arc::new(tenants);

    // 1. Every school submits a job at the same moment; reads go on.
    let stop = Arc::new(AtomicBool::new(false));
    let reading = tokio::spawn(readers(Arc::clone(&client), Arc::clone(&tenants), args.burst_readers, false, Arc::clone(&stop)));
    let start = Instant::now();
    let submitted = futures_join(tenants.iter().map(|t| {
        let client = Arc::clone(&client);
        let token = t.token.clone();
        let seconds = args.job_seconds;
        async move {
            let (status, job) = client
                .call(reqwest::Method::POST, "/jobs", Some(&token), Some(json!({"kind": "solve", "time_limit_seconds": seconds})))
                .await
                .expect("the submission is answered");
            assert_eq!(status, 202, "{job}");
            (token, job["id"].as_str().unwrap().to_owned())
        }
    }))
    .await;
    let submit_time = start.elapsed();
    let killed = match args.kill_pid {
        Some(pid) => {
            tokio::time::sleep(Duration::from_secs_f64(args.kill_after)).await;
            // Left out first, so that no request goes to it once it is dead.
            client.live.fetch_sub(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(200)).await;
            let status = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().expect("kill runs");
            assert!(status.success(), "the server {pid} is killed");
            println!("killed server process {pid} {:.1} s into the burst", start.elapsed().as_secs_f64());
            Some(pid)
        }
        None => None,
    };
    let mut pending: Vec<(String, String)> = submitted;
    let (mut succeeded, mut failed, mut cancelled) = (0, 0, 0);
    let mut hard_violations = 0;
    while !pending.is_empty() {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let mut still = Vec::new();
        for (token, id) in pending {
            let job = client.ok(reqwest::Method::GET, &format!("/jobs/{id}"), Some(&token), None).await;
            match job["status"].as_str() {
                Some("succeeded") => {
                    succeeded += 1;
                    if job["progress"]["best_hard"].as_i64() != Some(0) {
                        hard_violations += 1;
                    }
                }
                Some("failed") => failed += 1,
                Some("cancelled") => cancelled += 1,
                Some("queued" | "running") => still.push((token, id)),
                other => panic!("job {id} has status {other:?}"),
            }
        }
        pending = still;
        assert!(start.elapsed() < Duration::from_secs(3600), "the jobs did not end within an hour");
    }
    let all_done = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    let mut during = reading.await.expect("the readers finish");
    let during = during.summary(all_done);
    let listed: i64 = {
        let mut total = 0;
        for t in tenants.iter() {
            total += client.ok(reqwest::Method::GET, "/jobs", Some(&t.token), None).await["total"].as_i64().unwrap();
        }
        total
    };
    let burst = json!({
        "jobs": tenants.len(), "submitted_in_s": submit_time.as_secs_f64(), "succeeded": succeeded, "failed": failed,
        "cancelled": cancelled, "missing": tenants.len() as i64 - listed, "with_hard_violations": hard_violations,
        "all_done_in_s": all_done.as_secs_f64(), "job_time_limit_s": args.job_seconds, "reads_meanwhile": during,
        "servers": client.bases.len(), "killed_server_pid": killed,
    });
    println!("burst of {} jobs: {burst}", tenants.len());
    // 2. Reads under load, now that every school has a timetable.
    let stop = Arc::new(AtomicBool::new(false));
    let reading = tokio::spawn(readers(Arc::clone(&client), Arc::clone(&tenants), args.clients, true, Arc::clone(&stop)));
    let start = Instant::now();
    tokio::time::sleep(Duration::from_secs(args.seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut latencies = reading.await.expect("the readers finish");
    let read = latencies.summary(start.elapsed());
    println!("reads, {} clients for {} s: {read}", args.clients, args.seconds);

    if let Some(out) = &args.out {
        let report = json!({"server": args.server, "tenants": args.tenants, "reads": read, "burst": burst});
        std::fs::write(out, serde_json::to_string_pretty(&report).unwrap()).expect("the report is written");
    }
}

/// Runs the futures together and gives their results in order.
async fn futures_join<F: std::future::Future<Output = T> + Send + 'static, T: Send + 'static>(futures: impl Iterator<Item = F>) -> Vec<T> {
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for handle in handles {
        out.push(handle.await.expect("a task finishes"));
    }
    out
}
