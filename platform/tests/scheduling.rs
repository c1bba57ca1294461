//! Timetabling jobs and versions through the API, end to end on the real engine.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::{school, solve, user, Store, TestApp};
use crate::on_both;

async fn solve_validate_resolve_compare_rollback(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "zeta").await;
    let t = Some(s.token.as_str());

    // Solve: progress shows, then the timetable is the school's current version.
    let job = app.expect(202, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 2, "seed": 7}))).await;
    assert_eq!(job["status"], "queued");
    let id = job["id"].as_str().unwrap();
    let start = Instant::now();
    let mut saw_progress = false;
    let job = loop {
        let job = app.expect(200, "GET", &format!("/api/v1/jobs/{id}"), t, None).await;
        saw_progress |= job["status"] == "running" && job["progress"]["moves"].as_i64().unwrap_or(0) > 0;
        if job["status"] == "succeeded" {
            break job;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{job}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(saw_progress, "progress was visible while the job ran");
    assert_eq!(job["attempts"], 1);
    assert_eq!(job["progress"]["best_hard"], 0);
    assert!(job["progress"]["elapsed_seconds"].as_f64().unwrap() > 1.5, "the final progress is saved: {job}");
    let first = job["version_id"].as_str().unwrap().to_owned();
    let current = app.expect(200, "GET", "/api/v1/timetables/current", t, None).await;
    assert_eq!(
        (current["id"].as_str(), current["number"].as_i64(), current["current"].as_bool()),
        (Some(first.as_str()), Some(1), Some(true))
    );
    assert_eq!(current["cost"]["hard"], 0);
    // 9 plans of [2, 1, 1]: 27 lessons, each class's 9 lessons at distinct times.
    let lessons = current["lessons"].as_array().unwrap();
    assert_eq!(lessons.len(), 27);
    for class in 0..3 {
        let name = format!("zeta-C{class}");
        let mine: Vec<&Value> = lessons.iter().filter(|l| l["classes"][0] == name.as_str()).collect();
        assert_eq!(mine.len(), 9);
        let mut periods = BTreeSet::new();
        for l in &mine {
            for p in 0..l["length"].as_u64().unwrap() {
                assert!(periods.insert((l["day"].as_u64().unwrap(), l["period"].as_u64().unwrap() + p)), "{name} has two lessons at once");
            }
        }
        assert!(
            mine.iter().filter(|l| l["course"].as_str().unwrap().contains("Science")).all(|l| l["room"] == "zeta-R0"),
            "Science in the lab"
        );
    }

    // The Maths teacher becomes unavailable on the days she teaches: the version breaks hard rules now.
    let teacher = "zeta-T0";
    let taught: BTreeSet<(u64, u64)> = lessons
        .iter()
        .filter(|l| l["teachers"][0] == teacher)
        .flat_map(|l| (0..l["length"].as_u64().unwrap()).map(move |p| (l["day"].as_u64().unwrap(), l["period"].as_u64().unwrap() + p)))
        .collect();
    let unavailable: Vec<Value> = taught.iter().take(3).map(|&(day, period)| json!({"day": day, "period": period})).collect();
    let put = json!({"name": teacher, "unavailable": unavailable});
    app.expect(200, "PUT", &format!("/api/v1/teachers/{}", s.teachers[0]), t, Some(put)).await;
    let validation = app.expect(200, "GET", &format!("/api/v1/timetables/{first}/validation"), t, None).await;
    assert_eq!(validation["feasible"], false);
    let conflicts = app.expect(200, "GET", &format!("/api/v1/timetables/{first}/conflicts?limit=2"), t, None).await;
    assert!(conflicts["total"].as_i64().unwrap() >= 1, "{conflicts}");
    assert!(conflicts["items"].as_array().unwrap().len() <= 2);
    for conflict in conflicts["items"].as_array().unwrap() {
        assert_eq!(conflict["level"], "hard");
        assert!(conflict["message"].as_str().unwrap().contains(teacher), "{conflict}");
    }

    // Re-solve from it: feasible again, and few lessons moved.
    let job = app.expect(202, "POST", "/api/v1/jobs", t, Some(json!({"kind": "resolve", "time_limit_seconds": 2}))).await;
    assert_eq!(job["base_version_id"].as_str(), Some(first.as_str()));
    assert_eq!(job["move_cost"], 10);
    let job = app.wait_job(&s.token, job["id"].as_str().unwrap(), Duration::from_secs(60)).await;
    assert_eq!(job["status"], "succeeded", "{job}");
    let second = job["version_id"].as_str().unwrap().to_owned();
    let validation = app.expect(200, "GET", &format!("/api/v1/timetables/{second}/validation"), t, None).await;
    assert_eq!(validation["feasible"], true, "{validation}");
    let compared = app.expect(200, "GET", &format!("/api/v1/timetables/{first}/compare/{second}"), t, None).await;
    let moved = compared["moved"].as_array().unwrap();
    assert!(!moved.is_empty() && moved.len() <= 12, "{} of 27 lessons moved: {compared}", moved.len());
    let label = app.expect(200, "GET", &format!("/api/v1/timetables/{second}"), t, None).await["label"].as_str().unwrap().to_owned();
    assert_eq!(label, format!("re-solve of version 1: {} lessons moved", moved.len()));
    let same = app.expect(200, "GET", &format!("/api/v1/timetables/{second}/compare/{second}"), t, None).await;
    assert_eq!(same["moved"], json!([]));

    // Roll back to the first: a third version, current, a copy of the first.
    let rolled = app.expect(201, "POST", &format!("/api/v1/timetables/{first}/rollback"), t, None).await;
    assert_eq!(
        (rolled["number"].as_i64(), rolled["label"].as_str(), rolled["current"].as_bool()),
        (Some(3), Some("rollback to version 1"), Some(true))
    );
    let third = rolled["id"].as_str().unwrap();
    let compared = app.expect(200, "GET", &format!("/api/v1/timetables/{first}/compare/{third}"), t, None).await;
    assert_eq!(compared["moved"], json!([]));
    let versions = app.expect(200, "GET", "/api/v1/timetables?limit=2", t, None).await;
    assert_eq!(versions["total"], 3);
    let numbers: Vec<i64> = versions["items"].as_array().unwrap().iter().map(|v| v["number"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [3, 2]);
    let jobs = app.expect(200, "GET", "/api/v1/jobs", t, None).await;
    assert_eq!(jobs["total"], 2);
    app.finish().await;
}
on_both!(solve_validate_resolve_compare_rollback);

async fn cancel_and_refusals(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "eta").await;
    let t = Some(s.token.as_str());

    // A running job is cancelled within a second or two, and makes no version.
    let job = app.expect(202, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 60}))).await;
    let id = job["id"].as_str().unwrap();
    let start = Instant::now();
    while app.expect(200, "GET", &format!("/api/v1/jobs/{id}"), t, None).await["status"] != "running" {
        assert!(start.elapsed() < Duration::from_secs(30));
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let asked = Instant::now();
    app.expect(200, "POST", &format!("/api/v1/jobs/{id}/cancel"), t, None).await;
    let job = app.wait_job(&s.token, id, Duration::from_secs(10)).await;
    assert_eq!(job["status"], "cancelled");
    assert_eq!(job["version_id"], Value::Null);
    assert!(asked.elapsed() < Duration::from_secs(5), "cancelled after {:?}", asked.elapsed());
    app.expect(409, "POST", &format!("/api/v1/jobs/{id}/cancel"), t, None).await;
    app.expect(404, "GET", "/api/v1/timetables/current", t, None).await;

    // A re-solve needs a version; bad requests name their fields.
    let refused = app.expect(422, "POST", "/api/v1/jobs", t, Some(json!({"kind": "resolve"}))).await;
    assert_eq!(refused["error"]["fields"][0]["field"], "from_version_id");
    let refused =
        app.expect(422, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 0.5, "move_cost": 3}))).await;
    let fields: Vec<&str> = refused["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["time_limit_seconds", "move_cost"]);
    app.expect(422, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 601}))).await;

    // Data that provably has no timetable: refused before any search, with the reasons.
    for _ in 0..4 {
        let plan = json!({"class_id": s.classes[0], "subject_id": s.subjects[0], "teacher_id": s.teachers[3], "lessons": [8, 8]});
        app.expect(201, "POST", "/api/v1/lesson-plans", t, Some(plan)).await;
    }
    let refused = app.expect(422, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve"}))).await;
    assert_eq!(refused["error"]["code"], "infeasible", "{refused}");
    let reasons = refused["error"]["fields"].as_array().unwrap();
    assert!(reasons.iter().any(|r| r["field"] == "teacher eta-T3" && r["message"].as_str().unwrap().contains("64 periods")), "{refused}");
    let problem = app.expect(200, "GET", "/api/v1/problem", t, None).await;
    assert!(!problem["infeasible"].as_array().unwrap().is_empty());
    let names: BTreeSet<&str> = problem["problem"]["courses"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 13, "one course per plan, each named once: {names:?}");
    assert!(names.contains("eta-Maths eta-C0 #5"), "{names:?}");

    // A school without lesson plans has nothing to solve.
    let empty = school(&app, "theta").await;
    for plan in &empty.plans {
        app.expect(204, "DELETE", &format!("/api/v1/lesson-plans/{plan}"), Some(&empty.token), None).await;
    }
    let refused = app.expect(422, "POST", "/api/v1/jobs", Some(&empty.token), Some(json!({"kind": "solve"}))).await;
    assert_eq!(refused["error"]["fields"][0]["field"], "lesson_plans");
    app.finish().await;
}
on_both!(cancel_and_refusals);

async fn pending_jobs_are_capped_per_school(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "iota").await;
    let t = Some(s.token.as_str());
    let mut ids = Vec::new();
    for _ in 0..10 {
        let job = app.expect(202, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 60}))).await;
        ids.push(job["id"].as_str().unwrap().to_owned());
    }
    app.expect(409, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve"}))).await;
    // One runs at a time per school, so the others wait; cancelling frees the places.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let statuses: Vec<String> = {
        let mut v = Vec::new();
        for id in &ids {
            v.push(app.expect(200, "GET", &format!("/api/v1/jobs/{id}"), t, None).await["status"].as_str().unwrap().to_owned());
        }
        v
    };
    assert!(statuses.iter().filter(|s| *s == "running").count() <= 1, "{statuses:?}");
    for id in &ids {
        app.expect(200, "POST", &format!("/api/v1/jobs/{id}/cancel"), t, None).await;
    }
    for id in &ids {
        assert_eq!(app.wait_job(&s.token, id, Duration::from_secs(10)).await["status"], "cancelled");
    }
    app.expect(202, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve", "time_limit_seconds": 1}))).await;
    app.finish().await;
}
on_both!(pending_jobs_are_capped_per_school);

async fn a_solved_school_shows_its_storage(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "kappa").await;
    let before = app.expect(200, "GET", "/api/v1/billing", Some(&s.token), None).await["usage"]["storage_bytes"].as_i64().unwrap();
    solve(&app, &s).await;
    let after = app.expect(200, "GET", "/api/v1/billing", Some(&s.token), None).await["usage"]["storage_bytes"].as_i64().unwrap();
    assert!(after > before + 1_000, "{before} -> {after}");
    app.finish().await;
}
on_both!(a_solved_school_shows_its_storage);

/// The lines of an iCalendar text, unfolded (a CRLF and a space join two lines).
fn unfold(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "every line ends with CRLF: {text}");
    text.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// A calendar's events, each as its properties by name, after checking it is one VCALENDAR.
fn events(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let lines = unfold(text);
    assert_eq!((lines.first().map(String::as_str), lines.last().map(String::as_str)), (Some("BEGIN:VCALENDAR"), Some("END:VCALENDAR")));
    let mut res = Vec::new();
    for line in &lines {
        match line.as_str() {
            "BEGIN:VEVENT" => res.push(std::collections::BTreeMap::new()),
            "END:VEVENT" => {}
            _ if line.starts_with("BEGIN:") || line.starts_with("END:") => assert!(line.ends_with(":VCALENDAR"), "{line}"),
            _ => {
                if let (Some(event), Some((name, value))) = (res.last_mut(), line.split_once(':')) {
                    event.insert(name.to_owned(), value.to_owned());
                }
            }
        }
    }
    res
}

/// A calendar that must be served: its text.
async fn calendar(app: &TestApp, path: &str, token: Option<&str>) -> String {
    let (status, content_type, text) = app.get_text(path, token).await;
    assert_eq!(status, 200, "{path}: {text}");
    assert_eq!(content_type, "text/calendar; charset=utf-8", "{path}");
    text
}

async fn a_version_as_a_calendar(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "omicron").await;
    let t = Some(s.token.as_str());
    let version = solve(&app, &s).await["version_id"].as_str().unwrap().to_owned();
    let lessons = app.expect(200, "GET", &format!("/api/v1/timetables/{version}"), t, None).await["lessons"].as_array().unwrap().clone();
    let at = format!("/api/v1/timetables/{version}/calendar.ics");
    // Everyone's: one event per placed lesson, stamped with the application's clock.
    let all = events(&calendar(&app, &at, t).await);
    assert_eq!(all.len(), lessons.len());
    assert!(all.iter().all(|e| e["DTSTAMP"] == "20261201T000000Z" && e["RRULE"] == "FREQ=WEEKLY"), "{all:?}");

    // A teacher's, a class's and a room's, asked for by the school's ids: each event is one of
    // theirs, and each of their lessons has one.
    let owners = [
        ("teacher", &s.teachers[1], "omicron-T1", "teachers"),
        ("class", &s.classes[2], "omicron-C2", "classes"),
        ("room", &s.rooms[0], "omicron-R0", "room"),
    ];
    for (kind, id, name, field) in owners {
        let theirs: Vec<&Value> = lessons
            .iter()
            .filter(|l| if field == "room" { l[field] == name } else { l[field].as_array().unwrap().contains(&json!(name)) })
            .collect();
        assert!(!theirs.is_empty() && theirs.len() < lessons.len(), "{kind} {name}");
        let text = calendar(&app, &format!("{at}?{kind}={id}"), t).await;
        assert!(text.contains(&format!("\r\nX-WR-CALNAME:omicron school - {name}\r\n")), "{text}");
        let events = events(&text);
        assert_eq!(events.len(), theirs.len(), "{kind} {name}: {text}");
        let mut summaries: Vec<&str> = events.iter().map(|e| e["SUMMARY"].as_str()).collect();
        let mut courses: Vec<&str> = theirs.iter().map(|l| l["course"].as_str().unwrap()).collect();
        summaries.sort_unstable();
        courses.sort_unstable();
        assert_eq!(summaries, courses, "{kind} {name}");
        for event in &events {
            let belongs = match kind {
                "teacher" => event["DESCRIPTION"].contains(&format!("Teachers: {name}")),
                "class" => event["DESCRIPTION"].contains(&format!("Groups: {name}")),
                _ => event["LOCATION"] == name,
            };
            assert!(belongs, "{kind} {name}: {event:?}");
        }
    }
    // Students may read the timetable, so they may take it to their calendar.
    let student = user(&app, &s, "student").await;
    assert_eq!(events(&calendar(&app, &format!("{at}?class={}", s.classes[0]), Some(&student)).await).len(), 9);

    // 404: no such version, no such teacher, and a teacher added after the version was made.
    let missing = app.expect(404, "GET", "/api/v1/timetables/ver_nope/calendar.ics", t, None).await;
    assert_eq!(missing["error"]["message"], "no such timetable version");
    let missing = app.expect(404, "GET", &format!("{at}?teacher=tch_nope"), t, None).await;
    assert_eq!(missing["error"]["message"], "no such teacher");
    let late = app.expect(201, "POST", "/api/v1/teachers", t, Some(json!({"name": "omicron-T9"}))).await["id"].as_str().unwrap().to_owned();
    let missing = app.expect(404, "GET", &format!("{at}?teacher={late}"), t, None).await;
    assert_eq!(missing["error"]["message"], "no such teacher in this timetable version");
    app.expect(404, "GET", &format!("{at}?room={}", s.classes[0]), t, None).await;
    // 422: two owners at once, or a parameter it does not take.
    let both = format!("{at}?teacher={}&class={}", s.teachers[0], s.classes[0]);
    assert_eq!(app.expect(422, "GET", &both, t, None).await["error"]["fields"][0]["field"], "query");
    app.expect(422, "GET", &format!("{at}?teacher_id={}", s.teachers[0]), t, None).await;
    app.expect(401, "GET", &at, None, None).await;
    // The document says so.
    let doc = serde_json::to_value(app.app.openapi()).unwrap();
    let operation = &doc["paths"]["/api/v1/timetables/{id}/calendar.ics"]["get"];
    assert!(operation["responses"]["200"]["content"]["text/calendar"].is_object(), "{operation}");
    let params: Vec<&str> = operation["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(params, ["id", "teacher", "class", "room"]);
    app.finish().await;
}
on_both!(a_version_as_a_calendar);
