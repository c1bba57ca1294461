//! Hand edits of a large school's timetable, timed (issue 15's target: a dry run answers within
//! 50 ms at the 99th percentile for an 80-class school, fast enough for drag and drop):
//!
//! 1. the application in this process over a fresh SQLite file (or `--database URL`): a school of
//!    `--classes` classes (10 subjects each, 30 periods a week), one teacher per two classes and
//!    subject group, one room per class, set up through the API, and a solve job;
//! 2. `--edits` dry runs through the router, one after the other, each moving one random lesson
//!    to a random day and period: the latency of each, whole requests (token, database, scoring
//!    before and after, the report's JSON);
//! 3. prints the percentiles as JSON.
//!
//! ```sh
//! cargo run --release -p horarium-platform --example edits -- --classes 80 --edits 1000
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use horarium_platform::{App, Db, Settings, SystemClock};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

async fn call(app: &App, method: &str, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
    let mut request = Request::builder().method(method).uri(path).header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = if body.is_null() { Body::empty() } else { Body::from(body.to_string()) };
    let response = app.router().oneshot(request.body(body).expect("a request")).await.expect("an answer");
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.expect("a body").to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn ok(app: &App, method: &str, path: &str, token: Option<&str>, body: Value) -> Value {
    let (status, value) = call(app, method, path, token, body).await;
    assert!((200..300).contains(&status), "{method} {path}: {status} {value}");
    value
}

#[tokio::main]
async fn main() {
    let (mut classes, mut edits, mut database) = (80usize, 1000usize, None);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--classes" => classes = value.parse().expect("--classes N"),
            "--edits" => edits = value.parse().expect("--edits N"),
            "--database" => database = Some(value),
            other => panic!("unknown flag {other}"),
        }
    }
    let dir = std::env::temp_dir().join(format!("horarium-edits-{}", std::process::id()));
    let url = database.unwrap_or_else(|| format!("sqlite:{}/platform.db", dir.display()));
    let db = Db::open(&url).await.expect("the database opens");
    let app = App::start(db.clone(), Settings::default(), Arc::new(SystemClock)).await.expect("the platform starts");

    let started = Instant::now();
    let signup = json!({"school_name": "Large school", "subdomain": "large", "admin_name": "Admin",
        "admin_email": "admin@large.example", "password": "a long enough password", "plan": "standard"});
    let token = ok(&app, "POST", "/api/v1/signup", None, signup).await["token"].as_str().unwrap().to_owned();
    let t = Some(token.as_str());
    let id = |v: Value| v["id"].as_str().unwrap().to_owned();
    // 10 subjects of 3 periods a week: 30 of the 40 periods, as a secondary school's week.
    let subjects: Vec<String> = {
        let mut out = Vec::new();
        for k in 0..10 {
            out.push(id(ok(&app, "POST", "/api/v1/subjects", t, json!({"name": format!("Subject {k}")})).await));
        }
        out
    };
    let mut class_ids = Vec::new();
    for c in 0..classes {
        class_ids.push(id(ok(&app, "POST", "/api/v1/classes", t, json!({"name": format!("Class {c}"), "expected_students": 25})).await));
        ok(&app, "POST", "/api/v1/rooms", t, json!({"name": format!("Room {c}"), "capacity": 30})).await;
    }
    // A teacher per subject and pair of classes: 6 periods of it a week each.
    let mut teachers = Vec::new();
    for k in 0..subjects.len() * classes.div_ceil(2) {
        teachers.push(id(ok(&app, "POST", "/api/v1/teachers", t, json!({"name": format!("Teacher {k}")})).await));
    }
    for (c, class) in class_ids.iter().enumerate() {
        for (s, subject) in subjects.iter().enumerate() {
            let teacher = &teachers[s * classes.div_ceil(2) + c / 2];
            let plan = json!({"class_id": class, "subject_id": subject, "teacher_id": teacher, "lessons": [1, 1, 1]});
            ok(&app, "POST", "/api/v1/lesson-plans", t, plan).await;
        }
    }
    let job = ok(&app, "POST", "/api/v1/jobs", t, json!({"kind": "solve", "time_limit_seconds": 30})).await;
    let job_id = id(job);
    let version = loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let job = ok(&app, "GET", &format!("/api/v1/jobs/{job_id}"), t, Value::Null).await;
        match job["status"].as_str() {
            Some("succeeded") => break job["version_id"].as_str().unwrap().to_owned(),
            Some("queued" | "running") => {}
            other => panic!("the job ended {other:?}: {job}"),
        }
    };
    let current = ok(&app, "GET", &format!("/api/v1/timetables/{version}"), t, Value::Null).await;
    let lessons = current["lessons"].as_array().unwrap().clone();
    println!(
        "{} classes, {} lessons, {} teachers; set up and solved in {:.1} s (cost {})",
        classes,
        lessons.len(),
        teachers.len(),
        started.elapsed().as_secs_f64(),
        current["cost"]
    );

    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut below = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % u64::try_from(n).unwrap()).unwrap()
    };
    let path = format!("/api/v1/timetables/{version}/edits");
    let mut latencies = Vec::with_capacity(edits);
    let mut created = 0usize;
    for _ in 0..edits {
        let lesson = &lessons[below(lessons.len())];
        let edit = json!({"move": {"course": lesson["course"], "lesson": lesson["lesson"], "day": below(5), "period": below(8)}});
        let start = Instant::now();
        let (status, report) = call(&app, "POST", &path, t, json!({"edits": [edit], "dry_run": true})).await;
        latencies.push(start.elapsed());
        assert_eq!(status, 200, "{report}");
        created += report["created"].as_array().map_or(0, Vec::len);
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1].as_secs_f64() * 1000.0;
    let report = json!({
        "classes": classes, "lessons": lessons.len(), "dry_runs": edits, "violations_reported": created,
        "p50_ms": pct(0.5), "p90_ms": pct(0.9), "p99_ms": pct(0.99), "max_ms": pct(1.0),
    });
    println!("{report}");
    app.stop().await;
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
