//! A school's own constraints (`/constraints`): any kind of the catalog by the school's ids,
//! checked with every issue at its field, part of every job's problem, and explained in the
//! reports; a constraint naming a row removed since stops jobs with a message naming it.

use serde_json::{json, Value};

use crate::common::{school, solve, Store, TestApp};
use crate::on_both;

async fn school_constraints_are_checked_solved_and_explained(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "rules").await;
    let t = Some(s.token.as_str());

    // Teacher 0 not in the first period of any day (hard), and the class's first two subjects
    // on different days (soft, through a subject id: every lesson plan of it).
    let mornings = json!({"note": "T0 takes the children to school",
        "constraint": {"kind": "unavailable", "level": "hard", "resource": {"teacher": s.teachers[0]},
            "slots": (0..5).map(|d| json!({"day": d, "period": 0})).collect::<Vec<Value>>()}});
    let created = app.expect(201, "POST", "/api/v1/constraints", t, Some(mornings)).await;
    assert_eq!(created["constraint"]["resource"]["teacher"], s.teachers[0], "stored with the school's ids");
    let apart = json!({"constraint": {"kind": "different_days", "level": {"soft": 5}, "courses": [s.plans[0], s.plans[1]]}});
    let apart = app.expect(201, "POST", "/api/v1/constraints", t, Some(apart)).await;
    let per_subject = json!({"constraint": {"kind": "max_per_day", "level": "hard", "course": s.plans[2], "max": 1}});
    app.expect(201, "POST", "/api/v1/constraints", t, Some(per_subject)).await;
    let listed = app.expect(200, "GET", "/api/v1/constraints", t, None).await;
    assert_eq!(listed["total"], 3);

    // Every issue at its field: unknown kind, a class where a teacher goes, an id of nothing, a slot outside the week.
    let (status, body) =
        app.call("POST", "/api/v1/constraints", t, Some(json!({"constraint": {"kind": "no_such_kind", "level": "hard"}}))).await;
    assert_eq!(status, 422, "{body}");
    let wrong = json!({"constraint": {"kind": "unavailable", "level": "hard", "resource": {"teacher": s.classes[0]}, "slots": []}});
    let refused = app.expect(422, "POST", "/api/v1/constraints", t, Some(wrong)).await;
    assert_eq!(refused["error"]["fields"][0]["field"], "constraint.resource", "{refused}");
    assert!(refused["error"]["fields"][0]["message"].as_str().unwrap().contains("unknown teacher"), "{refused}");
    let outside = json!({"constraint": {"kind": "unavailable", "level": "hard", "resource": {"teacher": s.teachers[1]}, "slots": [{"day": 9, "period": 0}]}});
    let refused = app.expect(422, "POST", "/api/v1/constraints", t, Some(outside)).await;
    assert!(refused["error"]["fields"][0]["field"].as_str().unwrap().starts_with("constraint.slots[0]"), "{refused}");
    let nothing = json!({"constraint": {"kind": "max_days", "level": "hard", "who": {"teacher": "tch_0000"}, "days": 2}});
    let refused = app.expect(422, "POST", "/api/v1/constraints", t, Some(nothing)).await;
    assert_eq!(refused["error"]["fields"][0]["field"], "constraint.who.teacher", "{refused}");

    // Part of the problem: the timetable keeps T0's first periods free.
    let problem = app.expect(200, "GET", "/api/v1/problem", t, None).await;
    let kinds: Vec<&str> = problem["problem"]["constraints"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"different_days"), "{kinds:?}");
    let job = solve(&app, &s).await;
    let version = app.expect(200, "GET", &format!("/api/v1/timetables/{}", job["version_id"].as_str().unwrap()), t, None).await;
    let t0_name = app.expect(200, "GET", &format!("/api/v1/teachers/{}", s.teachers[0]), t, None).await["name"].clone();
    for lesson in version["lessons"].as_array().unwrap() {
        if lesson["teachers"].as_array().unwrap().contains(&t0_name) {
            assert_ne!(lesson["period"], 0, "{lesson}");
        }
    }
    // Explained in the conflicts of a hand edit that breaks it.
    let t0_lesson = version["lessons"].as_array().unwrap().iter().find(|l| l["teachers"].as_array().unwrap().contains(&t0_name)).unwrap();
    let edit = json!({"edits": [{"move": {"course": t0_lesson["course"], "lesson": t0_lesson["lesson"], "day": 0, "period": 0}}], "dry_run": true});
    let report = app.expect(200, "POST", &format!("/api/v1/timetables/{}/edits", job["version_id"].as_str().unwrap()), t, Some(edit)).await;
    assert!(report["created"].as_array().unwrap().iter().any(|v| v["kind"] == "unavailable"), "{report}");

    // Changed, then deleted.
    let id = apart["id"].as_str().unwrap();
    let changed = json!({"constraint": {"kind": "different_days", "level": {"soft": 9}, "courses": [s.subjects[0]]}});
    let changed = app.expect(200, "PUT", &format!("/api/v1/constraints/{id}"), t, Some(changed)).await;
    assert_eq!(changed["constraint"]["level"]["soft"], 9);
    app.expect(204, "DELETE", &format!("/api/v1/constraints/{id}"), t, None).await;
    app.expect(404, "GET", &format!("/api/v1/constraints/{id}"), t, None).await;

    // A constraint naming a room removed since stops jobs, naming itself.
    let room = app.expect(201, "POST", "/api/v1/rooms", t, Some(json!({"name": "rules-gone", "capacity": 10}))).await;
    let room_id = room["id"].as_str().unwrap();
    let closed =
        json!({"constraint": {"kind": "unavailable", "level": "hard", "resource": {"room": room_id}, "slots": [{"day": 0, "period": 1}]}});
    let closed = app.expect(201, "POST", "/api/v1/constraints", t, Some(closed)).await;
    app.expect(204, "DELETE", &format!("/api/v1/rooms/{room_id}"), t, None).await;
    let stopped = app.expect(422, "POST", "/api/v1/jobs", t, Some(json!({"kind": "solve"}))).await;
    let field = stopped["error"]["fields"][0]["field"].as_str().unwrap();
    assert_eq!(field, format!("constraints.{}.resource.room", closed["id"].as_str().unwrap()), "{stopped}");
    app.finish().await;
}
on_both!(school_constraints_are_checked_solved_and_explained);
