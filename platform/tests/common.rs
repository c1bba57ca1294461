//! What the platform's tests share: a fresh database on either backend, the application over it
//! with a clock the test moves, requests without a network, and a small school.
//!
//! PostgreSQL is found through one setting, `HORARIUM_TEST_POSTGRES_URL` (by default
//! `postgres://horarium:horarium@127.0.0.1:5432/horarium_test`, which `scripts/setup.sh` creates
//! and starts); each test makes a database of its own there and drops it at the end.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use horarium_platform::scheduling::runner::RunnerSettings;
use horarium_platform::{App, Db, ManualClock, Settings, Timestamp};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sqlx::{Connection, Executor};
use tower::ServiceExt;

/// The default PostgreSQL of the tests.
pub const DEFAULT_POSTGRES: &str = "postgres://horarium:horarium@127.0.0.1:5432/horarium_test";

/// 2026-12-01T00:00:00Z, where every test's clock starts.
pub const T0: Timestamp = Timestamp::from_millis(1_796_083_200_000);

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// A fresh SQLite file.
    Sqlite,
    /// A fresh database on the tests' PostgreSQL server.
    Postgres,
}

/// The PostgreSQL URL of the tests.
pub fn postgres_url() -> String {
    std::env::var("HORARIUM_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES.to_owned())
}

/// A database made for one test; dropped by [`Database::drop_it`].
pub struct Database {
    /// Its URL.
    pub url: String,
    store: Store,
    name: String,
}

impl Database {
    /// A new, empty database.
    pub async fn new(store: Store) -> Database {
        let unique = format!("{}_{}", T0.millis() / 1000, uuid::Uuid::new_v4().simple());
        match store {
            Store::Sqlite => {
                let dir = std::env::temp_dir().join(format!("horarium-platform-test-{unique}"));
                let path = dir.join("platform.db");
                Database { url: format!("sqlite:{}", path.display()), store, name: dir.display().to_string() }
            }
            Store::Postgres => {
                let base = postgres_url();
                sqlx::any::install_default_drivers();
                let mut admin = sqlx::AnyConnection::connect(&base).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL is not reachable at {} ({e}); set HORARIUM_TEST_POSTGRES_URL, or run ./scripts/setup.sh, which installs and starts it",
                        horarium_platform::db::redact(&base)
                    )
                });
                let name = format!("horarium_t_{}", uuid::Uuid::new_v4().simple());
                admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("the test role may create databases (CREATEDB)");
                admin.close().await.ok();
                let (prefix, _) = base.rsplit_once('/').expect("a PostgreSQL URL ends with /DATABASE");
                Database { url: format!("{prefix}/{name}"), store, name }
            }
        }
    }

    /// Removes the database.
    pub async fn drop_it(self) {
        match self.store {
            Store::Sqlite => {
                let _ = std::fs::remove_dir_all(&self.name);
            }
            Store::Postgres => {
                if let Ok(mut admin) = sqlx::AnyConnection::connect(&postgres_url()).await {
                    let _ = admin.execute(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name).as_str()).await;
                    admin.close().await.ok();
                }
            }
        }
    }
}

/// The application over a fresh database, called without a network.
pub struct TestApp {
    /// The application.
    pub app: App,
    /// Its router.
    pub router: Router,
    /// Its clock, which only moves when the test says so.
    pub clock: Arc<ManualClock>,
    /// Its database.
    pub db: Db,
    database: Database,
}

/// The settings of the tests: two workers, and billing only when a test asks for it.
pub fn settings() -> Settings {
    Settings {
        runner: RunnerSettings { workers: 2, ..RunnerSettings::default() },
        billing_every: Duration::from_secs(3600),
        ..Settings::default()
    }
}

impl TestApp {
    /// The application over a fresh database of `store`.
    pub async fn new(store: Store) -> TestApp {
        TestApp::with_settings(store, settings()).await
    }

    /// The application over a fresh database of `store`, with `settings`.
    pub async fn with_settings(store: Store, settings: Settings) -> TestApp {
        let database = Database::new(store).await;
        let db = Db::open(&database.url).await.expect("the database opens and migrates");
        let clock = Arc::new(ManualClock::new(T0));
        let app = App::start(db.clone(), settings, clock.clone()).await.expect("the application starts");
        horarium_platform::tenant::operator::add_operator(&db, "ops@platform.example", "Ops", "operator password", T0)
            .await
            .expect("the tests' operator is added");
        TestApp { router: app.router(), app, clock, db, database }
    }

    /// The URL of its database, to read it directly.
    pub fn db_url(&self) -> String {
        self.database.url.clone()
    }

    /// Stops the application and drops its database.
    pub async fn finish(self) {
        self.app.stop().await;
        self.db.close().await;
        self.database.drop_it().await;
    }

    /// One request; the status and the body as JSON (`Value::Null` for an empty body).
    pub async fn call(&self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> (u16, Value) {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => request.header("content-type", "application/json").body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        }
        .expect("a well-formed request");
        let response = self.router.clone().oneshot(request).await.expect("the router always answers");
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.expect("a readable body").to_bytes();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (status, value)
    }

    /// A POST from client `address` (sent as `X-Forwarded-For`, which the application trusts
    /// only with `Settings::trust_forwarded_for`): the status, `Retry-After` and the body.
    pub async fn post_from(&self, address: &str, path: &str, body: Value) -> (u16, Option<u64>, Value) {
        let request = Request::builder()
            .method("POST")
            .uri(path)
            .header("x-forwarded-for", address)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .expect("a well-formed request");
        let response = self.router.clone().oneshot(request).await.expect("the router always answers");
        let status = response.status().as_u16();
        let retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().parse().expect("seconds"));
        let bytes = response.into_body().collect().await.expect("a readable body").to_bytes();
        (status, retry_after, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    /// A POST of `body` as it is, with `headers`: the status and the body as JSON.
    pub async fn post_raw(&self, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> (u16, Value) {
        let mut request = Request::builder().method("POST").uri(path).header("content-type", "application/json");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response =
            self.router.clone().oneshot(request.body(Body::from(body)).expect("a well-formed request")).await.expect("an answer");
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.expect("a readable body").to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    /// A GET whose answer is not JSON: the status, the `Content-Type` and the body as text.
    pub async fn get_text(&self, path: &str, token: Option<&str>) -> (u16, String, String) {
        let mut request = Request::builder().method("GET").uri(path);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let request = request.body(Body::empty()).expect("a well-formed request");
        let response = self.router.clone().oneshot(request).await.expect("the router always answers");
        let status = response.status().as_u16();
        let content_type =
            response.headers().get("content-type").map(|v| v.to_str().expect("an ASCII content type").to_owned()).unwrap_or_default();
        let bytes = response.into_body().collect().await.expect("a readable body").to_bytes();
        (status, content_type, String::from_utf8(bytes.to_vec()).expect("a UTF-8 body"))
    }

    /// A request that must answer `expected`; its body.
    pub async fn expect(&self, expected: u16, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Value {
        let (status, value) = self.call(method, path, token, body).await;
        assert_eq!(status, expected, "{method} {path}: {value}");
        value
    }

    /// A fresh token of the tests' operator. Log in again after moving the clock: tokens last
    /// 12 hours by it.
    pub async fn operator(&self) -> String {
        let body = json!({"email": "ops@platform.example", "password": "operator password"});
        self.expect(200, "POST", "/api/v1/operator/login", None, Some(body)).await["token"].as_str().unwrap().to_owned()
    }

    /// A fresh token of the school's admin.
    pub async fn login(&self, school: &School) -> String {
        let body = json!({"subdomain": school.subdomain, "email": format!("admin@{}.example", school.subdomain), "password": PASSWORD});
        self.expect(200, "POST", "/api/v1/auth/login", None, Some(body)).await["token"].as_str().unwrap().to_owned()
    }

    /// Waits until job `id` has ended; returns it.
    pub async fn wait_job(&self, token: &str, id: &str, within: Duration) -> Value {
        let start = std::time::Instant::now();
        loop {
            let job = self.expect(200, "GET", &format!("/api/v1/jobs/{id}"), Some(token), None).await;
            if ["succeeded", "failed", "cancelled"].contains(&job["status"].as_str().unwrap()) {
                return job;
            }
            assert!(start.elapsed() < within, "job {id} did not end within {within:?}: {job}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// A school's ids, as the tests use them.
#[derive(Clone, Debug, Default)]
pub struct School {
    /// Its subdomain; every name in it starts with it.
    pub subdomain: String,
    /// Its admin's token.
    pub token: String,
    /// Its tenant id.
    pub tenant: String,
    /// Its admin's user id.
    pub admin: String,
    /// Its teachers.
    pub teachers: Vec<String>,
    /// Its classes.
    pub classes: Vec<String>,
    /// Its rooms.
    pub rooms: Vec<String>,
    /// Its subjects.
    pub subjects: Vec<String>,
    /// Its students.
    pub students: Vec<String>,
    /// Its enrollments.
    pub enrollments: Vec<String>,
    /// Its lesson plans.
    pub plans: Vec<String>,
}

/// The password of every test user.
pub const PASSWORD: &str = "a long enough password";

/// Signs a school up and gives it 3 classes of 25, 4 teachers, 3 rooms (one lab), 3 subjects
/// (Science in the lab), a lesson plan per class and subject ([2, 1, 1]), and 6 students.
pub async fn school(app: &TestApp, subdomain: &str) -> School {
    let signup = json!({
        "school_name": format!("{subdomain} school"), "subdomain": subdomain,
        "admin_name": format!("{subdomain} admin"), "admin_email": format!("admin@{subdomain}.example"), "password": PASSWORD,
    });
    let session = app.expect(201, "POST", "/api/v1/signup", None, Some(signup)).await;
    let token = session["token"].as_str().unwrap().to_owned();
    let mut s = School {
        subdomain: subdomain.to_owned(),
        tenant: session["school"]["id"].as_str().unwrap().to_owned(),
        admin: session["user"]["id"].as_str().unwrap().to_owned(),
        token,
        ..School::default()
    };
    let t = Some(s.token.as_str());
    let id = |v: Value| v["id"].as_str().unwrap().to_owned();
    for i in 0..4 {
        s.teachers.push(id(app.expect(201, "POST", "/api/v1/teachers", t, Some(json!({"name": format!("{subdomain}-T{i}")}))).await));
    }
    for i in 0..3 {
        let class = json!({"name": format!("{subdomain}-C{i}"), "expected_students": 25});
        s.classes.push(id(app.expect(201, "POST", "/api/v1/classes", t, Some(class)).await));
    }
    for i in 0..3 {
        let room = json!({"name": format!("{subdomain}-R{i}"), "capacity": 30, "tags": if i == 0 { vec!["lab"] } else { vec![] }});
        s.rooms.push(id(app.expect(201, "POST", "/api/v1/rooms", t, Some(room)).await));
    }
    for name in ["Maths", "Science", "English"] {
        let subject = json!({"name": format!("{subdomain}-{name}"), "room_tag": if name == "Science" { Some("lab") } else { None }});
        s.subjects.push(id(app.expect(201, "POST", "/api/v1/subjects", t, Some(subject)).await));
    }
    for (c, class) in s.classes.clone().iter().enumerate() {
        for (k, subject) in s.subjects.clone().iter().enumerate() {
            let plan = json!({"class_id": class, "subject_id": subject, "teacher_id": s.teachers[k], "lessons": [2, 1, 1]});
            s.plans.push(id(app.expect(201, "POST", "/api/v1/lesson-plans", t, Some(plan)).await));
        }
        for i in 0..2 {
            let student = json!({"name": format!("{subdomain}-S{c}{i}"), "external_id": format!("{subdomain}-{c}{i}")});
            let student = id(app.expect(201, "POST", "/api/v1/students", t, Some(student)).await);
            let enrollment = json!({"student_id": student, "class_id": class});
            s.enrollments.push(id(app.expect(201, "POST", "/api/v1/enrollments", t, Some(enrollment)).await));
            s.students.push(student);
        }
    }
    s
}

/// Adds a user with `role` to the school and logs them in; their token.
pub async fn user(app: &TestApp, school: &School, role: &str) -> String {
    let email = format!("{role}@{}.example", school.subdomain);
    let body = json!({"email": email, "name": format!("{} {role}", school.subdomain), "role": role, "password": PASSWORD});
    app.expect(201, "POST", "/api/v1/users", Some(&school.token), Some(body)).await;
    let login = json!({"subdomain": school.subdomain, "email": email, "password": PASSWORD});
    app.expect(200, "POST", "/api/v1/auth/login", None, Some(login)).await["token"].as_str().unwrap().to_owned()
}

/// Solves the school (2 s) and waits for it; the job.
pub async fn solve(app: &TestApp, school: &School) -> Value {
    let job = app.expect(202, "POST", "/api/v1/jobs", Some(&school.token), Some(json!({"kind": "solve", "time_limit_seconds": 2}))).await;
    let job = app.wait_job(&school.token, job["id"].as_str().unwrap(), Duration::from_secs(60)).await;
    assert_eq!(job["status"], "succeeded", "{job}");
    job
}

/// The operations of the OpenAPI document: (method, path), paths with their `/api/v1` prefix.
pub fn operations(app: &TestApp) -> Vec<(String, String)> {
    let doc = serde_json::to_value(app.app.openapi()).unwrap();
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "delete", "patch"] {
            if item.get(method).is_some() {
                ops.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    ops
}

/// Runs one test on SQLite and on PostgreSQL, as two test functions.
#[macro_export]
macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::common::Store::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::common::Store::Postgres).await
            }
        }
    };
}
