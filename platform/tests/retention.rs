//! Retention: a school deletes the timetable versions and the jobs it no longer needs (never
//! the current version, never a job still queued or running), jobs drop their copy of the
//! problem after the configured retention, and billed storage follows.

use std::time::Duration;

use serde_json::json;

use crate::common::{school, settings, solve, Store, TestApp};
use crate::on_both;

async fn storage(app: &TestApp, token: &str) -> i64 {
    app.expect(200, "GET", "/api/v1/billing", Some(token), None).await["usage"]["storage_bytes"].as_i64().unwrap()
}

async fn versions_and_jobs_are_deleted_and_storage_follows(store: Store) {
    let retention = horarium_platform::Settings {
        job_problem_retention: Some(Duration::from_secs(86_400)),
        billing_every: Duration::from_millis(100),
        ..settings()
    };
    let app = TestApp::with_settings(store, retention).await;
    let s = school(&app, "keeper").await;
    let t = Some(s.token.as_str());
    let first = solve(&app, &s).await;
    let second = solve(&app, &s).await;
    let (old, current) = (first["version_id"].as_str().unwrap(), second["version_id"].as_str().unwrap());
    let full = storage(&app, &s.token).await;

    // The current version stays; an older one goes, and with it its bytes.
    let refused = app.expect(409, "DELETE", &format!("/api/v1/timetables/{current}"), t, None).await;
    assert!(refused["error"]["message"].as_str().unwrap().contains("current"), "{refused}");
    app.expect(204, "DELETE", &format!("/api/v1/timetables/{old}"), t, None).await;
    app.expect(404, "GET", &format!("/api/v1/timetables/{old}"), t, None).await;
    app.expect(404, "DELETE", &format!("/api/v1/timetables/{old}"), t, None).await;
    let listed = app.expect(200, "GET", "/api/v1/timetables", t, None).await;
    assert_eq!(listed["total"], 1);
    let without_version = storage(&app, &s.token).await;
    assert!(without_version < full, "{without_version} < {full}");

    // A job that ended goes; one still running does not.
    let first_job = first["id"].as_str().unwrap();
    app.expect(204, "DELETE", &format!("/api/v1/jobs/{first_job}"), t, None).await;
    app.expect(404, "GET", &format!("/api/v1/jobs/{first_job}"), t, None).await;
    let without_job = storage(&app, &s.token).await;
    assert!(without_job < without_version, "{without_job} < {without_version}");
    let long = app.expect(202, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 60}))).await;
    let long = long["id"].as_str().unwrap();
    let refused = app.expect(409, "DELETE", &format!("/api/v1/jobs/{long}"), t, None).await;
    assert!(refused["error"]["message"].as_str().unwrap().contains("cancel it first"), "{refused}");
    app.expect(200, "POST", &format!("/api/v1/jobs/{long}/cancel"), t, None).await;
    let cancelled = app.wait_job(&s.token, long, Duration::from_secs(30)).await;
    assert_eq!(cancelled["status"], "cancelled");

    // Past the retention, the jobs that ended keep no copy of the problem; the versions keep theirs.
    let before = storage(&app, &s.token).await;
    app.clock.advance_days(2);
    let token = app.login(&s).await;
    let start = std::time::Instant::now();
    while storage(&app, &token).await >= before {
        assert!(start.elapsed() < Duration::from_secs(10), "the housekeeping never dropped the jobs' problems");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let current_view = app.expect(200, "GET", "/api/v1/timetables/current", Some(&token), None).await;
    assert_eq!(current_view["id"], current);
    app.expect(200, "GET", &format!("/api/v1/jobs/{}", second["id"].as_str().unwrap()), Some(&token), None).await;
    app.finish().await;
}
on_both!(versions_and_jobs_are_deleted_and_storage_follows);
