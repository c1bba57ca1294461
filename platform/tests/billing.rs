//! A school's subscription over months, through the API: trial, invoices, a failed payment, the
//! grace period, suspension, payment, plan changes with proration, overage, yearly billing.

use serde_json::{json, Value};

use crate::common::{school, Store, TestApp, T0};
use crate::on_both;

/// Every invoice adds up: its total is the sum of its lines, and each priced line is quantity × unit.
fn check_arithmetic(invoice: &Value) {
    let lines = invoice["lines"].as_array().unwrap();
    let sum: i64 = lines.iter().map(|l| l["amount_cents"].as_i64().unwrap()).sum();
    assert_eq!(invoice["total_cents"].as_i64().unwrap(), sum, "{invoice}");
    for line in lines {
        let (q, unit, amount) =
            (line["quantity"].as_i64().unwrap(), line["unit_cents"].as_i64().unwrap(), line["amount_cents"].as_i64().unwrap());
        assert!(q * unit == amount || (q == 1 && unit == amount), "{line}");
    }
}

async fn invoices(app: &TestApp, token: &str) -> Vec<Value> {
    let page = app.expect(200, "GET", "/api/v1/billing/invoices?limit=500", Some(token), None).await;
    let items = page["items"].as_array().unwrap().clone();
    for invoice in &items {
        check_arithmetic(invoice);
        let one = app.expect(200, "GET", &format!("/api/v1/billing/invoices/{}", invoice["id"].as_str().unwrap()), Some(token), None).await;
        assert_eq!(&one, invoice);
    }
    items
}

/// Fresh tokens of a school's admin and of the operator.
struct Tokens {
    admin: String,
    operator: String,
}

impl Tokens {
    async fn fresh(app: &TestApp, school: &crate::common::School) -> Tokens {
        Tokens { admin: app.login(school).await, operator: app.operator().await }
    }

    fn t(&self) -> Option<&str> {
        Some(&self.admin)
    }

    fn op(&self) -> Option<&str> {
        Some(&self.operator)
    }
}

/// Runs billing as an operator, now.
async fn run(app: &TestApp) -> Value {
    let operator = app.operator().await;
    app.expect(200, "POST", "/api/v1/operator/billing/run", Some(&operator), None).await
}

async fn subscription_lifecycle(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "delta").await;
    // Tokens last 12 hours by the application's clock: after moving it, log in again.
    let mut tok = Tokens::fresh(&app, &s).await;

    // A 14-day trial, without invoices.
    let sub = app.expect(200, "GET", "/api/v1/billing", tok.t(), None).await;
    assert_eq!((sub["status"].as_str(), sub["plan"].as_str(), sub["cycle"].as_str()), (Some("trialing"), Some("basic"), Some("monthly")));
    assert_eq!(sub["trial_ends_at"], "2026-12-15T00:00:00.000Z");
    assert_eq!(sub["usage"]["students"], 6);
    assert_eq!(sub["limits"], json!({"students": 500, "storage_bytes": 5_000_000_000_i64}));
    app.clock.advance_days(13);
    assert_eq!(run(&app).await["invoices_issued"], 0);

    // The trial ends: the first month is invoiced, $99.
    app.clock.advance_days(1);
    tok = Tokens::fresh(&app, &s).await;
    assert_eq!(run(&app).await["invoices_issued"], 1);
    assert_eq!(run(&app).await["invoices_issued"], 0, "a second run issues nothing more");
    let list = invoices(&app, &tok.admin).await;
    assert_eq!(list.len(), 1);
    let first = &list[0];
    assert_eq!(
        (first["number"].as_str(), first["status"].as_str(), first["total"].as_str()),
        (Some("HOR-000001"), Some("open"), Some("$99.00"))
    );
    assert_eq!(first["period"], json!({"start": "2026-12-15T00:00:00.000Z", "end": "2027-01-15T00:00:00.000Z"}));
    let first_id = first["id"].as_str().unwrap().to_owned();

    // The payment fails: 7 days of grace, during which the school still works.
    app.clock.advance_days(1);
    tok = Tokens::fresh(&app, &s).await;
    let paid = app
        .expect(200, "POST", &format!("/api/v1/operator/invoices/{first_id}/payments"), tok.op(), Some(json!({"outcome": "failed"})))
        .await;
    assert_eq!(paid["status"], "failed");
    let sub = app.expect(200, "GET", "/api/v1/billing", tok.t(), None).await;
    assert_eq!(sub["status"], "past_due");
    assert_eq!(sub["suspends_at"], "2026-12-23T00:00:00.000Z");
    app.clock.advance_days(6);
    tok = Tokens::fresh(&app, &s).await;
    app.expect(201, "POST", "/api/v1/teachers", tok.t(), Some(json!({"name": "delta-grace"}))).await;

    // The grace period ends: read-only, even before the billing run records it.
    app.clock.advance_days(1);
    tok = Tokens::fresh(&app, &s).await;
    let refused = app.expect(402, "POST", "/api/v1/teachers", tok.t(), Some(json!({"name": "delta-late"}))).await;
    assert_eq!(refused["error"]["code"], "tenant_suspended");
    assert_eq!(app.expect(200, "GET", "/api/v1/billing", tok.t(), None).await["status"], "suspended");
    run(&app).await;
    app.expect(402, "POST", "/api/v1/jobs", tok.t(), Some(json!({"kind": "solve"}))).await;
    app.expect(402, "PUT", "/api/v1/billing/plan", tok.t(), Some(json!({"plan": "standard", "cycle": "monthly"}))).await;
    app.expect(200, "GET", "/api/v1/teachers", tok.t(), None).await;
    app.expect(200, "GET", "/api/v1/billing/invoices", tok.t(), None).await;

    // It is paid: everything works again.
    let paid = app
        .expect(200, "POST", &format!("/api/v1/operator/invoices/{first_id}/payments"), tok.op(), Some(json!({"outcome": "succeeded"})))
        .await;
    assert_eq!((paid["status"].as_str(), paid["paid_at"].as_str()), (Some("paid"), Some("2026-12-23T00:00:00.000Z")));
    app.expect(409, "POST", &format!("/api/v1/operator/invoices/{first_id}/payments"), tok.op(), Some(json!({"outcome": "succeeded"})))
        .await;
    assert_eq!(app.expect(200, "GET", "/api/v1/billing", tok.t(), None).await["status"], "active");
    app.expect(201, "POST", "/api/v1/teachers", tok.t(), Some(json!({"name": "delta-back"}))).await;

    // Upgrade 10 days into the 31-day period: 21 days of Basic credited, 21 of Standard charged.
    app.clock.set(T0.plus_days(14 + 10));
    tok = Tokens::fresh(&app, &s).await;
    let changed = app.expect(200, "PUT", "/api/v1/billing/plan", tok.t(), Some(json!({"plan": "standard", "cycle": "monthly"}))).await;
    let invoice = &changed["invoice"];
    check_arithmetic(invoice);
    assert_eq!(invoice["kind"], "plan_change");
    let amounts: Vec<i64> = invoice["lines"].as_array().unwrap().iter().map(|l| l["amount_cents"].as_i64().unwrap()).collect();
    // 9,900 × 21/31 = 6,706.45 and 24,900 × 21/31 = 16,867.74, to the cent.
    assert_eq!(amounts, [-6_706, 16_868]);
    assert_eq!(changed["subscription"]["plan"], "standard");
    assert_eq!(changed["subscription"]["period_price_cents"], 24_900);

    // Back down at once: a credit larger than the charge, kept for the next invoice.
    let changed = app.expect(200, "PUT", "/api/v1/billing/plan", tok.t(), Some(json!({"plan": "basic", "cycle": "monthly"}))).await;
    assert_eq!(changed["invoice"]["status"], "credited");
    assert_eq!(changed["invoice"]["total_cents"], 6_706 - 16_868);
    assert_eq!(changed["subscription"]["credit_cents"], 16_868 - 6_706);

    // 620 students after the changes: at the period's end, 2 started hundreds over Basic's 500,
    // for the 21 of its 31 days since the last change (the days before were billed with it).
    for i in 6..620 {
        app.expect(201, "POST", "/api/v1/students", tok.t(), Some(json!({"name": format!("delta-extra-{i}")}))).await;
    }
    app.clock.set(T0.plus_days(14).plus_months(1));
    tok = Tokens::fresh(&app, &s).await;
    assert_eq!(run(&app).await["invoices_issued"], 1);
    let list = invoices(&app, &tok.admin).await;
    let newest = &list[0];
    let descriptions: Vec<&str> = newest["lines"].as_array().unwrap().iter().map(|l| l["description"].as_str().unwrap()).collect();
    assert!(descriptions[0].starts_with("620 students, 120 above the plan's 500: 2 started hundred(s) × 1 month(s)"), "{descriptions:?}");
    assert!(descriptions[0].ends_with("for 21 of its 31 days on the Basic plan, monthly"), "{descriptions:?}");
    assert!(descriptions[1].starts_with("Basic plan, monthly, 2027-01-15 to 2027-02-15"), "{descriptions:?}");
    assert!(descriptions[2].starts_with("Credit"), "{descriptions:?}");
    // $20 × 21/31 = $13.55 of overage and $99 of plan, less the $101.62 of credit.
    assert_eq!(newest["lines"][0]["amount_cents"], 1_355);
    assert_eq!(newest["total_cents"], 1_355 + 9_900 - 10_162);
    assert_eq!(app.expect(200, "GET", "/api/v1/billing", tok.t(), None).await["credit_cents"], 0);

    // Yearly: a new period from now, twelve months at 20 % off.
    let changed = app.expect(200, "PUT", "/api/v1/billing/plan", tok.t(), Some(json!({"plan": "basic", "cycle": "yearly"}))).await;
    let lines = changed["invoice"]["lines"].as_array().unwrap();
    assert_eq!(lines[1]["amount_cents"], 95_040);
    assert_eq!(changed["subscription"]["period"]["end"], "2028-01-15T00:00:00.000Z");
    // Asking for the plan in force changes nothing and issues nothing.
    let before = invoices(&app, &tok.admin).await.len();
    let same = app.expect(200, "PUT", "/api/v1/billing/plan", tok.t(), Some(json!({"plan": "basic", "cycle": "yearly"}))).await;
    assert_eq!(same["invoice"], Value::Null);
    assert_eq!(invoices(&app, &tok.admin).await.len(), before);

    // Enterprise only through an operator, at a negotiated price, without limits.
    app.expect(422, "PUT", "/api/v1/billing/plan", tok.t(), Some(json!({"plan": "enterprise", "cycle": "monthly"}))).await;
    let path = format!("/api/v1/operator/tenants/{}/plan", s.tenant);
    app.expect(422, "PUT", &path, tok.op(), Some(json!({"plan": "enterprise", "cycle": "yearly"}))).await;
    let enterprise = json!({"plan": "enterprise", "cycle": "yearly", "negotiated_monthly_cents": 150_000});
    let changed = app.expect(200, "PUT", &path, tok.op(), Some(enterprise)).await;
    assert_eq!(changed["subscription"]["period_price_cents"], 1_440_000);
    assert_eq!(changed["subscription"]["limits"], json!({"students": null, "storage_bytes": null}));
    let tenant = app.expect(200, "GET", &format!("/api/v1/operator/tenants/{}", s.tenant), tok.op(), None).await;
    assert_eq!(tenant["subscription"]["plan"], "enterprise");
    let tenants = app.expect(200, "GET", "/api/v1/operator/tenants", tok.op(), None).await;
    assert_eq!(tenants["total"], 1);
    invoices(&app, &tok.admin).await;
    app.finish().await;
}
on_both!(subscription_lifecycle);

async fn a_change_during_the_trial_is_free(store: Store) {
    let app = TestApp::new(store).await;
    let s = school(&app, "epsilon").await;
    let t = Some(s.token.as_str());
    let changed = app.expect(200, "PUT", "/api/v1/billing/plan", t, Some(json!({"plan": "standard", "cycle": "yearly"}))).await;
    assert_eq!(changed["invoice"], Value::Null);
    assert_eq!(changed["subscription"]["status"], "trialing");
    assert_eq!(changed["subscription"]["period_price_cents"], 239_040);
    assert!(invoices(&app, &s.token).await.is_empty());
    app.finish().await;
}
on_both!(a_change_during_the_trial_is_free);
