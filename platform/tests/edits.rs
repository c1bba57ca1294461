//! Hand edits of a timetable version (`POST /timetables/{id}/edits`): a dry run reports what a
//! move would break without storing anything; a real edit is a new current version; nothing is
//! refused for breaking a rule, only edits naming what does not exist.

use serde_json::{json, Value};

use crate::common::{school, solve, Store, TestApp};
use crate::on_both;

/// Two lessons of different classes and teachers at different times, and one of a class at a
/// time the other one's class is busy.
fn pick(lessons: &[Value]) -> (&Value, &Value) {
    let a = &lessons[0];
    let b = lessons
        .iter()
        .find(|l| l["classes"] == a["classes"] && (l["day"] != a["day"] || l["period"] != a["period"]) && l["length"] == a["length"])
        .expect("another lesson of the same class and length");
    (a, b)
}

async fn edits_are_scored_and_explained_then_stored_as_a_version(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "editor").await;
    let t = Some(s.token.as_str());
    let job = solve(&app, &s).await;
    let id = job["version_id"].as_str().unwrap().to_owned();
    let current = app.expect(200, "GET", "/api/v1/timetables/current", t, None).await;
    assert_eq!(current["cost"]["hard"], 0);
    let lessons = current["lessons"].as_array().unwrap();
    let (a, b) = pick(lessons);
    let path = format!("/api/v1/timetables/{id}/edits");

    // Dry run: a lesson onto another lesson of its class makes a clash, explained; nothing stored.
    let onto = json!({"move": {"course": a["course"], "lesson": a["lesson"], "day": b["day"], "period": b["period"]}});
    let report = app.expect(200, "POST", &path, t, Some(json!({"edits": [onto], "dry_run": true}))).await;
    assert_eq!(report["version"], Value::Null);
    assert_eq!(report["before"]["hard"], 0);
    assert!(report["after"]["hard"].as_u64().unwrap() >= 1, "{report}");
    let created = report["created"].as_array().unwrap();
    assert!(created.iter().any(|v| v["kind"] == "clashes" && v["message"].as_str().unwrap().contains("2 lessons at")), "{report}");
    assert_eq!(report["moved"].as_array().unwrap().len(), 1);
    assert_eq!(report["resolved"], json!([]));
    assert_eq!(app.expect(200, "GET", "/api/v1/timetables", t, None).await["total"], 1, "a dry run stores nothing");

    // A swap of two lessons of one class, stored: the new current version, with the cost reported.
    let swap = json!({"swap": {"a": {"course": a["course"], "lesson": a["lesson"]}, "b": {"course": b["course"], "lesson": b["lesson"]}}});
    let report = app.expect(201, "POST", &path, t, Some(json!({"edits": [swap]}))).await;
    let version = &report["version"];
    assert_eq!((version["number"].as_i64(), version["current"].as_bool()), (Some(2), Some(true)), "{report}");
    assert_eq!(report["moved"].as_array().unwrap().len(), 2);
    let now = app.expect(200, "GET", "/api/v1/timetables/current", t, None).await;
    let placed = |course: &Value, lesson: &Value| {
        now["lessons"].as_array().unwrap().iter().find(|l| &l["course"] == course && &l["lesson"] == lesson).cloned().unwrap()
    };
    let moved_a = placed(&a["course"], &a["lesson"]);
    assert_eq!((moved_a["day"].clone(), moved_a["period"].clone()), (b["day"].clone(), b["period"].clone()));
    assert_eq!(now["cost"], report["after"]);

    // Unplacing a lesson is reported (a hard `unplaced`), and stored if asked; edits that name
    // what does not exist are refused, every one with its field.
    let unplace = json!({"unplace": {"course": a["course"], "lesson": a["lesson"]}});
    let report = app.expect(200, "POST", &path, t, Some(json!({"edits": [unplace], "dry_run": true}))).await;
    assert!(report["created"].as_array().unwrap().iter().any(|v| v["kind"] == "unplaced"), "{report}");
    let bad = json!({"edits": [
        {"move": {"course": "no such course", "lesson": 0, "day": 0, "period": 0}},
        {"move": {"course": a["course"], "lesson": 99, "day": 9, "period": 0, "room": "nowhere"}},
    ], "dry_run": true});
    let refused = app.expect(422, "POST", &path, t, Some(bad)).await;
    let fields: Vec<&str> = refused["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["edits[0].move.course", "edits[1].move.lesson", "edits[1].move.day", "edits[1].move.room"]);
    app.expect(422, "POST", &path, t, Some(json!({"edits": []}))).await;
    app.finish().await;
}
on_both!(edits_are_scored_and_explained_then_stored_as_a_version);
