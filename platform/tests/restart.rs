//! Jobs survive the server: the real binary, killed (SIGKILL) or stopped (SIGTERM) while a job
//! runs, and started again on the same database.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::{Database, Store, PASSWORD};
use crate::on_both;

/// The server, started on a database; its log goes to a file beside the test's temp folder.
pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
    /// Its job runner's id, which its lines of `job_runs` name.
    pub(crate) id: String,
}

impl Server {
    pub(crate) fn start(database: &str, log: &std::path::Path) -> Server {
        let log_file = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("the server's log file opens");
        let mut child = Command::new(env!("CARGO_BIN_EXE_horarium-platform"))
            .args(["serve", "--database", database, "--listen", "127.0.0.1:0", "--workers", "1", "--job-lease", "2"])
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .expect("the server starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("its output")).read_line(&mut first).expect("it prints where it listens");
        let address = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {first:?}; log in {}", log.display()));
        let id = first.split_whitespace().find(|w| w.starts_with("srv_")).unwrap_or_else(|| panic!("no server id in {first:?}"));
        Server { child, base: format!("{address}/api/v1"), id: id.trim_end_matches(';').to_owned() }
    }

    /// SIGKILL: the process dies at once, as in a crash.
    pub(crate) fn kill(mut self) {
        self.child.kill().expect("the server is killed");
        self.child.wait().expect("the killed server is reaped");
    }

    /// SIGTERM: a deliberate stop, which the server handles.
    fn stop(mut self) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs").success());
        let status = self.child.wait().expect("the stopped server is reaped");
        assert!(status.success(), "a stopped server exits cleanly: {status}");
    }
}

async fn call(
    client: &reqwest::Client,
    server: &Server,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = client.request(method.parse().unwrap(), format!("{}{path}", server.base));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub(crate) async fn ok(
    client: &reqwest::Client,
    server: &Server,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Value {
    let (status, value) = call(client, server, method, path, token, body).await;
    assert!((200..300).contains(&status), "{method} {path}: {status} {value}");
    value
}

/// Waits until `check` holds for job `id`; returns it.
/// Signs up school `subdomain` on the real server with 3 teachers, 2 rooms, 2 classes and 3
/// subjects of 4 lessons a week each (24 lessons); its admin's token.
pub(crate) async fn small_school(client: &reqwest::Client, server: &Server, subdomain: &str) -> String {
    let signup = json!({"school_name": format!("{subdomain} school"), "subdomain": subdomain, "admin_name": "Ada",
        "admin_email": format!("ada@{subdomain}.example"), "password": PASSWORD});
    let token = ok(client, server, "POST", "/signup", None, Some(signup)).await["token"].as_str().unwrap().to_owned();
    let t = Some(token.as_str());
    let id = |v: Value| v["id"].as_str().unwrap().to_owned();
    let mut teachers = Vec::new();
    for name in ["Ada", "Ben", "Cleo"] {
        teachers.push(id(ok(client, server, "POST", "/teachers", t, Some(json!({"name": name}))).await));
    }
    for room in ["R1", "R2"] {
        ok(client, server, "POST", "/rooms", t, Some(json!({"name": room, "capacity": 30}))).await;
    }
    let mut classes = Vec::new();
    for class in ["C0", "C1"] {
        classes.push(id(ok(client, server, "POST", "/classes", t, Some(json!({"name": class, "expected_students": 20}))).await));
    }
    for (k, subject) in ["Maths", "English", "History"].iter().enumerate() {
        let subject = id(ok(client, server, "POST", "/subjects", t, Some(json!({"name": subject}))).await);
        for class in &classes {
            let plan = json!({"class_id": class, "subject_id": subject, "teacher_id": teachers[k], "lessons": [1, 1, 1, 1]});
            ok(client, server, "POST", "/lesson-plans", t, Some(plan)).await;
        }
    }
    token
}

pub(crate) async fn wait_for(
    client: &reqwest::Client,
    server: &Server,
    token: &str,
    id: &str,
    what: &str,
    check: impl Fn(&Value) -> bool,
) -> Value {
    let start = Instant::now();
    loop {
        let job = ok(client, server, "GET", &format!("/jobs/{id}"), Some(token), None).await;
        if check(&job) {
            return job;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "job {id} never {what}: {job}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn running(job: &Value) -> bool {
    job["status"] == "running"
}

async fn jobs_survive_a_crash_and_a_stop(store: Store) {
    let database = Database::new(store).await;
    let log = std::env::temp_dir().join(format!("horarium-platform-restart-{}.log", uuid::Uuid::new_v4().simple()));
    let client = reqwest::Client::new();
    let server = Server::start(&database.url, &log);

    let token = small_school(&client, &server, "restart").await;
    let t = Some(token.as_str());
    let id = |v: Value| v["id"].as_str().unwrap().to_owned();

    // Killed mid-job: started again, the job runs once more and finishes.
    let a = id(ok(&client, &server, "POST", "/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 3}))).await);
    wait_for(&client, &server, &token, &a, "ran", |j| running(j) && !j["progress"].is_null()).await;
    server.kill();
    let server = Server::start(&database.url, &log);
    let job = wait_for(&client, &server, &token, &a, "finished", |j| j["status"] == "succeeded").await;
    assert_eq!(job["attempts"], 2, "{job}");
    let current = ok(&client, &server, "GET", "/timetables/current", t, None).await;
    assert_eq!(current["id"], job["version_id"]);
    assert_eq!(current["cost"]["hard"], 0);
    assert_eq!(current["lessons"].as_array().unwrap().len(), 24);

    // Killed every time it runs: after the third run it is failed with the reason, not lost.
    let b = id(ok(&client, &server, "POST", "/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 60}))).await);
    let mut server = server;
    for attempt in 1..=3 {
        wait_for(&client, &server, &token, &b, "ran", |j| running(j) && j["attempts"] == attempt).await;
        server.kill();
        server = Server::start(&database.url, &log);
    }
    let job = wait_for(&client, &server, &token, &b, "failed", |j| j["status"] == "failed").await;
    assert_eq!(job["error"], "the server stopped while the job ran, 3 times; it was not started again", "{job}");

    // Stopped deliberately in the middle of a long search: the stop ends it at once, and the job
    // is queued again without counting that run, not cancelled.
    let c = id(ok(&client, &server, "POST", "/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 60}))).await);
    wait_for(&client, &server, &token, &c, "ran", running).await;
    let asked = Instant::now();
    server.stop();
    assert!(asked.elapsed() < Duration::from_secs(10), "the stop took {:?}", asked.elapsed());
    let server = Server::start(&database.url, &log);
    let job = wait_for(&client, &server, &token, &c, "ran again", running).await;
    assert_eq!(job["attempts"], 1, "{job}");
    ok(&client, &server, "POST", &format!("/jobs/{c}/cancel"), t, None).await;
    wait_for(&client, &server, &token, &c, "was cancelled", |j| j["status"] == "cancelled").await;

    // Tokens outlive restarts: the secret is kept in the database.
    ok(&client, &server, "GET", "/school", t, None).await;
    let versions = ok(&client, &server, "GET", "/timetables", t, None).await;
    assert_eq!(versions["total"], 1);
    server.kill();
    database.drop_it().await;
    let _ = std::fs::remove_file(&log);
}
on_both!(jobs_survive_a_crash_and_a_stop);
