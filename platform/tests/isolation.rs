//! Tenants are isolated and roles hold, on every operation of the OpenAPI document: a new route
//! is covered here without being listed.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::common::{operations, school, solve, user, School, Store, TestApp};
use crate::on_both;

/// A valid body for `method path` in `school`, so that only the id in the path can make it fail.
fn body_for(method: &str, path: &str, school: &School) -> Option<Value> {
    let resource = path.trim_start_matches("/api/v1/").split('/').next().unwrap_or_default();
    let n = &school.subdomain;
    let body = match (method, resource) {
        ("POST" | "PUT", "teachers") => json!({"name": format!("{n}-new teacher")}),
        ("POST" | "PUT", "classes") => json!({"name": format!("{n}-new class")}),
        ("POST" | "PUT", "rooms") => json!({"name": format!("{n}-new room"), "capacity": 20}),
        ("POST" | "PUT", "subjects") => json!({"name": format!("{n}-new subject")}),
        ("POST" | "PUT", "students") => json!({"name": format!("{n}-new student")}),
        ("POST" | "PUT", "enrollments") => json!({"student_id": school.students[0], "class_id": school.classes[1]}),
        ("POST" | "PUT", "lesson-plans") => {
            json!({"class_id": school.classes[0], "subject_id": school.subjects[0], "teacher_id": school.teachers[3], "lessons": [1]})
        }
        ("POST", "users") => {
            json!({"email": format!("new@{n}.example"), "name": "New", "role": "teacher", "password": crate::common::PASSWORD})
        }
        ("PUT", "users") => json!({"name": "New", "role": "school_admin"}),
        ("PUT", "school") => json!({"name": format!("{n} renamed"), "week": {"days": 5, "periods_per_day": 8}}),
        ("PUT", "billing") => json!({"plan": "standard", "cycle": "monthly"}),
        ("POST", "jobs") => json!({"kind": "solve", "time_limit_seconds": 1}),
        ("POST" | "PUT", "constraints") => {
            json!({"constraint": {"kind": "max_days", "level": "hard", "who": {"teacher": school.teachers[0]}, "days": 5}})
        }
        ("POST", "timetables") if path.ends_with("/edits") => {
            json!({"edits": [{"unplace": {"course": "x", "lesson": 0}}], "dry_run": true})
        }
        _ => return None,
    };
    Some(body)
}

/// The ids of `school` that a route's `{id}` may name, by the route's first segment.
fn ids_of(school: &School, extra: &BTreeMap<&str, String>) -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    ids.insert("teachers".to_owned(), school.teachers[0].clone());
    ids.insert("classes".to_owned(), school.classes[0].clone());
    ids.insert("rooms".to_owned(), school.rooms[0].clone());
    ids.insert("subjects".to_owned(), school.subjects[0].clone());
    ids.insert("students".to_owned(), school.students[0].clone());
    ids.insert("enrollments".to_owned(), school.enrollments[0].clone());
    ids.insert("lesson-plans".to_owned(), school.plans[0].clone());
    ids.insert("users".to_owned(), school.admin.clone());
    for (k, v) in extra {
        ids.insert((*k).to_owned(), v.clone());
    }
    ids
}

fn resource_of(path: &str) -> String {
    let rest = path.trim_start_matches("/api/v1/");
    if rest.starts_with("billing/invoices") {
        "invoices".to_owned()
    } else {
        rest.split('/').next().unwrap_or_default().to_owned()
    }
}

/// Every GET a school admin can make, the ids and names filled from `school`: the school's
/// whole data as the API shows it.
async fn snapshot(app: &TestApp, school: &School, ids: &BTreeMap<String, String>) -> BTreeMap<String, Value> {
    let mut all = BTreeMap::new();
    for (method, path) in operations(app) {
        if method != "GET" || path.contains("/operator") {
            continue;
        }
        let Some(concrete) = fill(&path, ids) else { continue };
        let (status, body) = app.call("GET", &concrete, Some(&school.token), None).await;
        // Validation and conflicts depend on nothing but the data; jobs' progress may still move.
        all.insert(concrete, json!({"status": status, "body": body}));
    }
    all
}

/// `path` with `{id}` (and `{other_id}`) replaced by the id of its resource in `ids`.
fn fill(path: &str, ids: &BTreeMap<String, String>) -> Option<String> {
    if !path.contains('{') {
        return Some(path.to_owned());
    }
    let id = ids.get(&resource_of(path))?;
    Some(path.replace("{id}", id).replace("{other_id}", id))
}

async fn tenant_isolation(store: Store) {
    let app = TestApp::new(store).await;
    let mut a = school(&app, "alpha").await;
    let mut b = school(&app, "beta").await;
    // Beta also gets a timetable version, a job and an invoice.
    let job = solve(&app, &b).await;
    let version = job["version_id"].as_str().unwrap().to_owned();
    app.clock.advance_days(15);
    // Tokens last 12 hours by the application's clock.
    a.token = app.login(&a).await;
    b.token = app.login(&b).await;
    let operator = app.operator().await;
    app.expect(200, "POST", "/api/v1/operator/billing/run", Some(&operator), None).await;
    let invoices = app.expect(200, "GET", "/api/v1/billing/invoices", Some(&b.token), None).await;
    let invoice = invoices["items"][0]["id"].as_str().unwrap().to_owned();
    let rule = app.expect(201, "POST", "/api/v1/constraints", Some(&b.token), body_for("POST", "/api/v1/constraints", &b)).await;
    let extra = BTreeMap::from([
        ("jobs", job["id"].as_str().unwrap().to_owned()),
        ("timetables", version),
        ("invoices", invoice),
        ("constraints", rule["id"].as_str().unwrap().to_owned()),
    ]);
    let b_ids = ids_of(&b, &extra);
    let before = snapshot(&app, &b, &b_ids).await;

    let ops = operations(&app);
    assert!(ops.len() >= 55, "the document lists the routes: {}", ops.len());
    let mut checked = 0;
    for (method, path) in &ops {
        if path.contains("/operator") || path.ends_with("/signup") || path.ends_with("/login") {
            continue;
        }
        if path.contains('{') {
            // Alpha's admin names beta's row: 404, exactly as for a row that does not exist.
            let concrete = fill(path, &b_ids).unwrap_or_else(|| panic!("no id of beta for {path}"));
            let (status, body) = app.call(method, &concrete, Some(&a.token), body_for(method, path, &a)).await;
            assert_eq!(status, 404, "{method} {path} with beta's id as alpha: {body}");
            assert_eq!(body["error"]["code"], "not_found", "{body}");
            checked += 1;
        } else if method == "GET" {
            // Alpha's lists and views never show a trace of beta.
            let (status, body) = app.call(method, path, Some(&a.token), None).await;
            let text = body.to_string();
            assert!(!text.contains("beta"), "GET {path} as alpha ({status}) shows beta's data: {text}");
            for id in b_ids.values() {
                assert!(!text.contains(id.as_str()), "GET {path} as alpha shows beta's id {id}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 35, "{checked} operations checked");

    // A reference to beta's rows in alpha's input is refused as a reference to nothing.
    let plan = json!({"class_id": b.classes[0], "subject_id": a.subjects[0], "teacher_id": b.teachers[0], "lessons": [1]});
    let refused = app.expect(422, "POST", "/api/v1/lesson-plans", Some(&a.token), Some(plan)).await;
    let fields: Vec<_> = refused["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(fields, ["class_id", "teacher_id"]);
    let enrollment = json!({"student_id": b.students[0], "class_id": a.classes[0]});
    app.expect(422, "POST", "/api/v1/enrollments", Some(&a.token), Some(enrollment)).await;
    let re_solve = json!({"kind": "resolve", "from_version_id": b_ids["timetables"]});
    app.expect(404, "POST", "/api/v1/jobs", Some(&a.token), Some(re_solve)).await;

    // Nothing alpha did changed beta.
    assert_eq!(snapshot(&app, &b, &b_ids).await, before, "beta's data is as it was");
    app.finish().await;
}
on_both!(tenant_isolation);

/// What a student may read: the timetables and the school's data, not its people or its money.
fn student_may_read(path: &str) -> bool {
    let resource = resource_of(path);
    !["students", "enrollments", "users", "billing", "invoices", "jobs"].contains(&resource.as_str())
}

async fn roles(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "gamma").await;
    let job = solve(&app, &s).await;
    let student = user(&app, &s, "student").await;
    let teacher = user(&app, &s, "teacher").await;
    let version = job["version_id"].as_str().unwrap().to_owned();
    let rule = app.expect(201, "POST", "/api/v1/constraints", Some(&s.token), body_for("POST", "/api/v1/constraints", &s)).await;
    let extra = BTreeMap::from([
        ("jobs", job["id"].as_str().unwrap().to_owned()),
        ("timetables", version),
        ("constraints", rule["id"].as_str().unwrap().to_owned()),
    ]);
    let ids = ids_of(&s, &extra);
    let before = snapshot(&app, &s, &ids).await;
    let operator = app.operator().await;

    for (method, path) in operations(&app) {
        // No token at all: signing up and in, and the payment provider's signed events (whose
        // signature is their credential: tests/webhooks.rs).
        if path.ends_with("/signup") || path.ends_with("/login") || path.contains("/webhooks/") {
            continue;
        }
        let Some(concrete) = fill(&path, &ids) else { continue };
        let body = body_for(&method, &path, &s);
        if path.contains("/operator") {
            // A school's admin is no operator, and an operator is no school user.
            let (status, reply) = app.call(&method, &concrete, Some(&s.token), body.clone()).await;
            assert_eq!(status, 403, "{method} {path} as a school admin: {reply}");
            continue;
        }
        let (status, reply) = app.call(&method, &concrete, Some(&operator), body.clone()).await;
        assert_eq!(status, 403, "{method} {path} as an operator: {reply}");
        let (status, reply) = app.call(&method, &concrete, None, body.clone()).await;
        assert_eq!(status, 401, "{method} {path} without a token: {reply}");
        assert_eq!(reply["error"]["code"], "unauthorized");
        if method == "GET" {
            let (status, reply) = app.call(&method, &concrete, Some(&student), None).await;
            let expected = if student_may_read(&path) { 200 } else { 403 };
            assert_eq!(status, expected, "GET {path} as a student: {reply}");
            let (status, reply) = app.call(&method, &concrete, Some(&teacher), None).await;
            let teacher_may = !["users", "billing", "invoices"].contains(&resource_of(&path).as_str());
            assert_eq!(status, if teacher_may { 200 } else { 403 }, "GET {path} as a teacher: {reply}");
        } else {
            for (who, token) in [("student", &student), ("teacher", &teacher)] {
                let (status, reply) = app.call(&method, &concrete, Some(token), body.clone()).await;
                assert_eq!(status, 403, "{method} {path} as a {who}: {reply}");
                assert_eq!(reply["error"]["code"], "forbidden");
            }
        }
    }
    assert_eq!(snapshot(&app, &s, &ids).await, before, "no student or teacher changed anything");
    app.finish().await;
}
on_both!(roles);
