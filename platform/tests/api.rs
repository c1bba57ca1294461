//! The API's contract: one error shape for every kind of bad input, authentication, pagination,
//! and an OpenAPI document that describes exactly the routes that answer.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::common::{operations, school, Store, TestApp, PASSWORD};
use crate::on_both;

/// The one error shape: `{"error": {"code", "message"[, "fields"]}}` and nothing else.
fn assert_error(body: &Value, code: &str) {
    let error = body["error"].as_object().unwrap_or_else(|| panic!("not the error shape: {body}"));
    assert_eq!(body.as_object().unwrap().len(), 1, "{body}");
    assert_eq!(error["code"], code, "{body}");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert!(error.keys().all(|k| ["code", "message", "fields"].contains(&k.as_str())), "{body}");
}

async fn raw(app: &TestApp, method: &str, path: &str, token: &str, content_type: Option<&str>, body: &str) -> (u16, Value) {
    let mut request = Request::builder().method(method).uri(path).header("authorization", format!("Bearer {token}"));
    if let Some(ct) = content_type {
        request = request.header("content-type", ct);
    }
    let response = app.router.clone().oneshot(request.body(Body::from(body.to_owned())).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn bad_input_answers_in_one_shape_naming_the_field(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "lambda").await;
    let t = s.token.as_str();

    let (status, body) = raw(&app, "POST", "/api/v1/rooms", t, Some("application/json"), "{\"name\": \"x\", ").await;
    assert_eq!(status, 400);
    assert_error(&body, "bad_request");
    let (status, body) = raw(&app, "POST", "/api/v1/rooms", t, Some("text/plain"), "{}").await;
    assert_eq!(status, 415);
    assert_error(&body, "unsupported_media_type");
    let huge = format!("{{\"name\": \"{}\", \"capacity\": 1}}", "x".repeat(horarium_platform::api::MAX_BODY));
    let (status, body) = raw(&app, "POST", "/api/v1/rooms", t, Some("application/json"), &huge).await;
    assert_eq!(status, 413);
    assert_error(&body, "payload_too_large");
    let (status, body) =
        raw(&app, "POST", "/api/v1/rooms", t, Some("application/json; charset=utf-8"), r#"{"name": "R", "capacity": "many"}"#).await;
    assert_eq!(status, 422);
    assert_error(&body, "invalid_input");
    assert_eq!(body["error"]["fields"][0]["field"], "capacity");
    let body = app.expect(422, "POST", "/api/v1/rooms", Some(t), Some(json!({"name": "R", "capacity": 10, "colour": "red"}))).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("unknown field `colour`"), "{body}");
    let body =
        app.expect(422, "POST", "/api/v1/teachers", Some(t), Some(json!({"name": "T", "unavailable": [{"day": 9, "period": 99}]}))).await;
    let fields: Vec<&str> = body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["unavailable[0].day", "unavailable[0].period"]);
    let body = app.expect(422, "POST", "/api/v1/rooms", Some(t), Some(json!({"name": " ", "capacity": 0, "tags": ["lab", ""]}))).await;
    assert_eq!(body["error"]["fields"].as_array().unwrap().len(), 3, "every problem at once: {body}");

    // Duplicates and rows in use are conflicts.
    let body = app.expect(409, "POST", "/api/v1/teachers", Some(t), Some(json!({"name": "lambda-T0"}))).await;
    assert_error(&body, "conflict");
    assert!(body["error"]["message"].as_str().unwrap().contains("teacher"), "{body}");
    let body = app.expect(409, "DELETE", &format!("/api/v1/teachers/{}", s.teachers[0]), Some(t), None).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("still used"), "{body}");
    let part = app.expect(201, "POST", "/api/v1/classes", Some(t), Some(json!({"name": "lambda-C0-a", "parent_id": s.classes[0]}))).await;
    let cycle = json!({"name": "lambda-C0", "parent_id": part["id"]});
    let body = app.expect(422, "PUT", &format!("/api/v1/classes/{}", s.classes[0]), Some(t), Some(cycle)).await;
    assert_eq!(body["error"]["fields"][0]["message"], "would make the class a part of itself");
    // Deleting a student takes their enrollments with them.
    app.expect(204, "DELETE", &format!("/api/v1/students/{}", s.students[0]), Some(t), None).await;
    app.expect(404, "GET", &format!("/api/v1/enrollments/{}", s.enrollments[0]), Some(t), None).await;

    // Unknown routes, methods, ids and query parameters.
    assert_error(&app.expect(404, "GET", "/api/v1/nothing", Some(t), None).await, "not_found");
    assert_error(&app.expect(405, "PATCH", "/api/v1/teachers", Some(t), None).await, "method_not_allowed");
    assert_error(&app.expect(404, "GET", "/api/v1/teachers/tch_nope", Some(t), None).await, "not_found");
    let body = app.expect(422, "GET", "/api/v1/teachers?limit=x", Some(t), None).await;
    assert_eq!(body["error"]["fields"][0]["field"], "limit");
    assert_error(&app.expect(422, "GET", "/api/v1/teachers?limit=0", Some(t), None).await, "invalid_input");
    assert_error(&app.expect(422, "GET", "/api/v1/teachers?limit=501", Some(t), None).await, "invalid_input");
    app.finish().await;
}
on_both!(bad_input_answers_in_one_shape_naming_the_field);

async fn pages_cover_a_list_once_in_order(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "mus").await;
    let t = Some(s.token.as_str());
    for i in 0..7 {
        app.expect(201, "POST", "/api/v1/rooms", t, Some(json!({"name": format!("mus-extra-{i}"), "capacity": 10 + i}))).await;
    }
    let mut names = Vec::new();
    for offset in [0, 4, 8] {
        let page = app.expect(200, "GET", &format!("/api/v1/rooms?limit=4&offset={offset}"), t, None).await;
        assert_eq!((page["total"].as_i64(), page["limit"].as_i64(), page["offset"].as_i64()), (Some(10), Some(4), Some(offset)));
        names.extend(page["items"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()));
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names.len(), 10);
    assert_eq!(names, sorted, "by name, each once");
    let filtered = app.expect(200, "GET", &format!("/api/v1/lesson-plans?class_id={}", s.classes[1]), t, None).await;
    assert_eq!(filtered["total"], 3);
    assert!(filtered["items"].as_array().unwrap().iter().all(|p| p["class_id"] == s.classes[1].as_str()));
    let enrolled =
        app.expect(200, "GET", &format!("/api/v1/enrollments?class_id={}&student_id={}", s.classes[0], s.students[0]), t, None).await;
    assert_eq!(enrolled["total"], 1);
    app.finish().await;
}
on_both!(pages_cover_a_list_once_in_order);

async fn sign_up_and_log_in(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "nus").await;

    // The same answer for a wrong password and for no such user.
    let wrong = app
        .expect(
            401,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"subdomain": "nus", "email": "admin@nus.example", "password": "wrong password"})),
        )
        .await;
    let nobody = app
        .expect(
            401,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"subdomain": "nus", "email": "nobody@nus.example", "password": PASSWORD})),
        )
        .await;
    assert_eq!(wrong, nobody);
    let other = app
        .expect(
            401,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"subdomain": "xis", "email": "admin@nus.example", "password": PASSWORD})),
        )
        .await;
    assert_eq!(wrong, other);
    // E-mail addresses are not case-sensitive.
    app.expect(
        200,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(json!({"subdomain": "nus", "email": "Admin@NUS.example", "password": PASSWORD})),
    )
    .await;

    // A taken subdomain, and a sign-up with every field wrong.
    let again = json!({"school_name": "Again", "subdomain": "nus", "admin_name": "A", "admin_email": "a@b.example", "password": PASSWORD});
    assert_error(&app.expect(409, "POST", "/api/v1/signup", None, Some(again)).await, "conflict");
    let bad = json!({"school_name": "", "subdomain": "-No-", "admin_name": "A", "admin_email": "nope", "password": "short", "plan": "enterprise",
        "week": {"days": 0, "periods_per_day": 8}});
    let body = app.expect(422, "POST", "/api/v1/signup", None, Some(bad)).await;
    let fields: Vec<&str> = body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["school_name", "subdomain", "admin_email", "password", "plan", "week.days"]);

    // Tokens last 12 hours by the application's clock; garbage is refused.
    app.clock.set(crate::common::T0.plus_days(0));
    app.expect(200, "GET", "/api/v1/school", Some(&s.token), None).await;
    app.clock.advance_days(1);
    let expired = app.expect(401, "GET", "/api/v1/school", Some(&s.token), None).await;
    assert!(expired["error"]["message"].as_str().unwrap().contains("expired"));
    assert_error(&app.expect(401, "GET", "/api/v1/school", Some("not.a.token"), None).await, "unauthorized");

    // A user removed, or whose role changed, is treated as such at once.
    let login = app
        .expect(
            200,
            "POST",
            "/api/v1/auth/login",
            None,
            Some(json!({"subdomain": "nus", "email": "admin@nus.example", "password": PASSWORD})),
        )
        .await;
    let admin = login["token"].as_str().unwrap().to_owned();
    let helper = json!({"email": "helper@nus.example", "name": "Helper", "role": "school_admin", "password": PASSWORD});
    let helper = app.expect(201, "POST", "/api/v1/users", Some(&admin), Some(helper)).await;
    let login = json!({"subdomain": "nus", "email": "helper@nus.example", "password": PASSWORD});
    let helper_token = app.expect(200, "POST", "/api/v1/auth/login", None, Some(login)).await["token"].as_str().unwrap().to_owned();
    let demote = json!({"name": "Helper", "role": "teacher"});
    app.expect(200, "PUT", &format!("/api/v1/users/{}", helper["id"].as_str().unwrap()), Some(&admin), Some(demote)).await;
    app.expect(403, "POST", "/api/v1/teachers", Some(&helper_token), Some(json!({"name": "nus-by-helper"}))).await;
    // A new password, five seconds later: the tokens issued before it stop working, a new log-in works.
    let renamed = json!({"name": "Helper", "role": "teacher", "password": "another long password"});
    let later = crate::common::T0.plus_days(1);
    app.clock.set(horarium_platform::Timestamp::from_millis(later.millis() + 5_000));
    app.expect(200, "PUT", &format!("/api/v1/users/{}", helper["id"].as_str().unwrap()), Some(&admin), Some(renamed)).await;
    let refused = app.expect(401, "GET", "/api/v1/school", Some(&helper_token), None).await;
    assert!(refused["error"]["message"].as_str().unwrap().contains("password was changed"), "{refused}");
    let login = json!({"subdomain": "nus", "email": "helper@nus.example", "password": "another long password"});
    let helper_token = app.expect(200, "POST", "/api/v1/auth/login", None, Some(login)).await["token"].as_str().unwrap().to_owned();
    app.expect(200, "GET", "/api/v1/school", Some(&helper_token), None).await;
    // A change without a password keeps it.
    app.expect(
        200,
        "PUT",
        &format!("/api/v1/users/{}", helper["id"].as_str().unwrap()),
        Some(&admin),
        Some(json!({"name": "H", "role": "teacher"})),
    )
    .await;
    let login = json!({"subdomain": "nus", "email": "helper@nus.example", "password": "another long password"});
    app.expect(200, "POST", "/api/v1/auth/login", None, Some(login)).await;
    app.expect(204, "DELETE", &format!("/api/v1/users/{}", helper["id"].as_str().unwrap()), Some(&admin), None).await;
    app.expect(401, "GET", "/api/v1/school", Some(&helper_token), None).await;
    // The last admin stays one.
    let body =
        app.expect(409, "PUT", &format!("/api/v1/users/{}", s.admin), Some(&admin), Some(json!({"name": "A", "role": "teacher"}))).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("last admin"));
    app.expect(409, "DELETE", &format!("/api/v1/users/{}", s.admin), Some(&admin), None).await;
    app.finish().await;
}
on_both!(sign_up_and_log_in);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_operation_is_routed_and_secured_as_documented() {
    let settings = horarium_platform::Settings { payment_webhook_secret: Some("whsec".to_owned()), ..crate::common::settings() };
    let app = TestApp::with_settings(Store::Sqlite, settings).await;
    let doc = serde_json::to_value(app.app.openapi()).unwrap();
    let public = ["/api/v1/signup", "/api/v1/auth/login", "/api/v1/operator/login"];
    // Needs no token: its signature is its credential.
    let signed = ["/api/v1/webhooks/payments"];
    let ops = operations(&app);
    for (method, path) in &ops {
        let operation = &doc["paths"][path.as_str()][method.to_lowercase()];
        let secured = operation.get("security").is_some();
        if signed.contains(&path.as_str()) {
            assert!(!secured, "{method} {path} takes no token");
            let (status, body) = app.call(method, path, None, Some(json!({}))).await;
            assert_eq!((status, body["error"]["code"].as_str()), (400, Some("bad_request")), "{method} {path} unsigned: {body}");
            continue;
        }
        assert_eq!(secured, !public.contains(&path.as_str()), "{method} {path}: security is documented");
        assert!(operation["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path}");
        let concrete = path.replace("{id}", "x").replace("{other_id}", "y");
        let (status, body) = app.call(method, &concrete, None, Some(json!({}))).await;
        assert_ne!(body["error"]["message"], "no such route: see /api/v1/openapi.json for the API", "{method} {path} is routed");
        if secured {
            assert_eq!(status, 401, "{method} {path} without a token: {body}");
        } else {
            assert_eq!(status, 422, "{method} {path} with an empty body: {body}");
        }
    }
    // Every schema a document references is defined in it.
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(doc["components"]["schemas"].get(name).is_some(), "schema {name} is defined");
    }
    // The served document is the same one.
    let served = app.expect(200, "GET", "/api/v1/openapi.json", None, None).await;
    assert_eq!(served, doc);
    assert_eq!(app.call("GET", "/healthz", None, None).await, (200, Value::String("ok".into())));
    app.finish().await;
}

async fn concurrent_writes_all_succeed(store: Store) {
    let app = std::sync::Arc::new(TestApp::new(store).await);
    // Twenty schools sign up at the same moment, each then writing while the others do.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let app = std::sync::Arc::clone(&app);
        tasks.push(tokio::spawn(async move {
            let s = format!("rush-{i:02}");
            let signup =
                json!({"school_name": s, "subdomain": s, "admin_name": "A", "admin_email": format!("a@{s}.example"), "password": PASSWORD});
            let (status, body) = app.call("POST", "/api/v1/signup", None, Some(signup)).await;
            assert_eq!(status, 201, "{body}");
            let token = body["token"].as_str().unwrap().to_owned();
            for k in 0..5 {
                let (status, body) =
                    app.call("POST", "/api/v1/rooms", Some(&token), Some(json!({"name": format!("R{k}"), "capacity": 30}))).await;
                assert_eq!(status, 201, "{body}");
            }
            let (status, body) =
                app.call("PUT", "/api/v1/billing/plan", Some(&token), Some(json!({"plan": "standard", "cycle": "yearly"}))).await;
            assert_eq!(status, 200, "{body}");
        }));
    }
    for task in tasks {
        task.await.expect("every school's writes succeed");
    }
    let operator = app.operator().await;
    let tenants = app.expect(200, "GET", "/api/v1/operator/tenants?limit=100", Some(&operator), None).await;
    assert_eq!(tenants["total"], 20);
    std::sync::Arc::into_inner(app).expect("the tasks are done").finish().await;
}
on_both!(concurrent_writes_all_succeed);
