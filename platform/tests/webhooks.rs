//! The payment provider's signed events (`POST /webhooks/payments`): signatures, idempotency,
//! and invoices that stay consistent whatever the order of delivery.

use std::collections::BTreeMap;

use horarium_platform::billing::webhook::sign;
use horarium_platform::Clock;
use serde_json::{json, Value};
use sqlx::{Connection, Row};

use crate::common::{school, settings, School, Store, TestApp};
use crate::on_both;

const SECRET: &str = "whsec_test_secret";
const ROUTE: &str = "/api/v1/webhooks/payments";

async fn app_with_secret(store: Store) -> TestApp {
    TestApp::with_settings(store, horarium_platform::Settings { payment_webhook_secret: Some(SECRET.to_owned()), ..settings() }).await
}

/// Delivers `event` signed with `secret` at the app's time plus `skew` seconds.
async fn deliver(app: &TestApp, event: &Value, secret: &str, skew: i64) -> (u16, Value) {
    let body = event.to_string().into_bytes();
    let t = app.clock.now().millis() / 1000 + skew;
    let header = format!("t={t},v1={}", sign(secret, t, &body));
    app.post_raw(ROUTE, &[("horarium-signature", &header)], body).await
}

fn event(id: &str, kind: &str, invoice: &str, amount: Option<i64>, created: i64) -> Value {
    let mut data = json!({"invoice_id": invoice});
    if let Some(amount) = amount {
        data["amount_cents"] = json!(amount);
    }
    json!({"id": id, "type": kind, "created": created, "data": data})
}

/// A school past its trial and `months` of monthly invoices (the operator runs billing each
/// month); the school, a fresh token of its admin, and its invoices, newest first.
async fn invoiced(app: &TestApp, subdomain: &str, months: usize) -> (School, String, Vec<Value>) {
    let s = school(app, subdomain).await;
    app.clock.advance_days(14);
    for month in 0..months {
        if month > 0 {
            app.clock.advance_days(31);
        }
        let operator = app.operator().await;
        app.expect(200, "POST", "/api/v1/operator/billing/run", Some(&operator), None).await;
    }
    let token = app.login(&s).await;
    let page = app.expect(200, "GET", "/api/v1/billing/invoices?limit=100", Some(&token), None).await;
    (s, token, page["items"].as_array().unwrap().clone())
}

async fn invoice_status(app: &TestApp, token: &str, id: &str) -> String {
    app.expect(200, "GET", &format!("/api/v1/billing/invoices/{id}"), Some(token), None).await["status"].as_str().unwrap().to_owned()
}

async fn signed_events_pay_fail_and_refund_once_each(store: Store) {
    let app = app_with_secret(store).await;
    let (_, token, invoices) = invoiced(&app, "paying", 1).await;
    let (id, total) = (invoices[0]["id"].as_str().unwrap().to_owned(), invoices[0]["total_cents"].as_i64().unwrap());
    let now = app.clock.now().millis() / 1000;
    let paid = event("evt_paid", "payment.succeeded", &id, Some(total), now);

    // Bad, stale and missing signatures change nothing.
    let (status, body) = deliver(&app, &paid, "not the secret", 0).await;
    assert_eq!((status, body["error"]["code"].as_str()), (400, Some("bad_request")), "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("does not match"), "{body}");
    let (status, body) = deliver(&app, &paid, SECRET, -301).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("replay"), "{body}");
    let (status, _) = app.post_raw(ROUTE, &[], paid.to_string().into_bytes()).await;
    assert_eq!(status, 400);
    assert_eq!(invoice_status(&app, &token, &id).await, "open");

    // A refund before the payment cannot apply yet: 409, so that the provider delivers it again.
    let refund = event("evt_refund_1", "refund.succeeded", &id, Some(total - 1000), now + 60);
    assert_eq!(deliver(&app, &refund, SECRET, 0).await.0, 409);
    // A payment of the wrong amount is recorded and ignored.
    let (status, body) = deliver(&app, &event("evt_short", "payment.succeeded", &id, Some(100), now), SECRET, 0).await;
    assert_eq!((status, body["result"].as_str()), (200, Some("ignored")), "{body}");
    assert_eq!(invoice_status(&app, &token, &id).await, "open");

    // The payment, once however often it comes.
    let (status, body) = deliver(&app, &paid, SECRET, 0).await;
    assert_eq!((status, body["result"].as_str()), (200, Some("applied")), "{body}");
    assert_eq!(invoice_status(&app, &token, &id).await, "paid");
    let (status, body) = deliver(&app, &paid, SECRET, 0).await;
    assert_eq!((status, body["result"].as_str()), (200, Some("duplicate")), "{body}");
    // A failure reported after the payment (an earlier attempt, delivered late) changes nothing.
    let (_, body) = deliver(&app, &event("evt_failed", "payment.failed", &id, None, now - 60), SECRET, 0).await;
    assert_eq!(body["result"], "ignored", "{body}");
    assert_eq!(invoice_status(&app, &token, &id).await, "paid");
    assert_eq!(app.expect(200, "GET", "/api/v1/billing", Some(&token), None).await["status"], "active");

    // Refunds, in parts: the invoice is refunded when all of it went back, and no more can.
    assert_eq!(deliver(&app, &refund, SECRET, 0).await.1["result"], "applied");
    assert_eq!(invoice_status(&app, &token, &id).await, "paid");
    assert_eq!(
        deliver(&app, &event("evt_refund_2", "refund.succeeded", &id, Some(1000), now + 120), SECRET, 0).await.1["result"],
        "applied"
    );
    assert_eq!(invoice_status(&app, &token, &id).await, "refunded");
    let (_, body) = deliver(&app, &event("evt_refund_3", "refund.succeeded", &id, Some(1), now + 180), SECRET, 0).await;
    assert_eq!(body["result"], "ignored", "{body}");
    // An invoice of nobody's.
    let (_, body) = deliver(&app, &event("evt_stray", "payment.succeeded", "inv_nowhere", Some(5), now), SECRET, 0).await;
    assert_eq!((body["result"].as_str(), body["reason"].as_str()), (Some("ignored"), Some("no invoice inv_nowhere")));
    app.finish().await;

    // Without a secret the route is off.
    let off = TestApp::new(store).await;
    assert_eq!(deliver(&off, &paid, SECRET, 0).await.0, 404);
    off.finish().await;
}
on_both!(signed_events_pay_fail_and_refund_once_each);

/// What the provider would send about one invoice: perhaps a declined attempt, the payment,
/// perhaps refunds that add up to at most the total.
fn history(invoice: &str, total: i64, k: usize, t0: i64, rng: &mut impl FnMut(u64) -> u64) -> Vec<Value> {
    let mut events = Vec::new();
    if rng(3) == 0 {
        events.push(event(&format!("evt_{k}_declined"), "payment.failed", invoice, None, t0));
    }
    events.push(event(&format!("evt_{k}_paid"), "payment.succeeded", invoice, Some(total), t0 + 10));
    let mut left = total;
    for r in 0..rng(3) {
        let amount = if r == 1 { left } else { 1 + i64::try_from(rng(u64::try_from(left).unwrap().max(1))).unwrap() };
        let amount = amount.min(left);
        if amount == 0 {
            break;
        }
        left -= amount;
        events.push(event(&format!("evt_{k}_refund_{r}"), "refund.succeeded", invoice, Some(amount), t0 + 20 + i64::try_from(r).unwrap()));
    }
    events
}

/// Events of many invoices, delivered in random order with duplicates and forged signatures:
/// each valid event is applied exactly once, and every invoice adds up.
async fn replayed_in_any_order_each_event_applies_once(store: Store) {
    let app = app_with_secret(store).await;
    // One school, a year of monthly invoices.
    let (_, token, invoices) = invoiced(&app, "replay", 12).await;
    assert!(invoices.len() >= 12, "{} invoices", invoices.len());
    // xorshift: the same deliveries on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rng = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n.max(1)
    };
    let now = app.clock.now().millis() / 1000;
    let mut valid = Vec::new();
    for (k, invoice) in invoices.iter().enumerate() {
        valid.extend(history(invoice["id"].as_str().unwrap(), invoice["total_cents"].as_i64().unwrap(), k, now - 100, &mut rng));
    }
    // The deliveries: each event, 10 % of them twice, and 5 % forgeries, shuffled.
    let mut deliveries: Vec<(Value, bool)> = valid.iter().map(|e| (e.clone(), true)).collect();
    for e in &valid {
        if rng(10) == 0 {
            deliveries.push((e.clone(), true));
        }
        if rng(20) == 0 {
            deliveries.push((e.clone(), false));
        }
    }
    for i in (1..deliveries.len()).rev() {
        let j = usize::try_from(rng(u64::try_from(i + 1).unwrap())).unwrap();
        deliveries.swap(i, j);
    }
    let mut later = Vec::new();
    for (e, genuine) in &deliveries {
        let (status, body) = deliver(&app, e, if *genuine { SECRET } else { "forged" }, 0).await;
        match (status, genuine) {
            (400, false) | (200, true) => {}
            (409, true) => later.push(e.clone()),
            other => panic!("{other:?}: {e} -> {body}"),
        }
    }
    // The provider delivers again what could not apply yet.
    for _ in 0..5 {
        let mut again = Vec::new();
        for e in later {
            match deliver(&app, &e, SECRET, 0).await.0 {
                200 => {}
                409 => again.push(e),
                other => panic!("{other} on {e}"),
            }
        }
        later = again;
    }
    assert!(later.is_empty(), "refunds of invoices never paid: {later:?}");

    // The ledger: each valid event once, and every invoice consistent with its payments.
    let mut db = sqlx::AnyConnection::connect(&app.db_url()).await.unwrap();
    let recorded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_events").fetch_one(&mut db).await.unwrap();
    assert_eq!(recorded, i64::try_from(valid.len()).unwrap());
    let applied: i64 =
        sqlx::query_scalar("SELECT COUNT(DISTINCT event_id) FROM payments WHERE event_id IS NOT NULL").fetch_one(&mut db).await.unwrap();
    let applied_events: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payment_events WHERE result = 'applied'").fetch_one(&mut db).await.unwrap();
    let payment_rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE event_id IS NOT NULL").fetch_one(&mut db).await.unwrap();
    assert_eq!((applied, payment_rows), (applied_events, applied_events), "one payment row per applied event");
    let mut expected: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for e in &valid {
        let entry = expected.entry(e["data"]["invoice_id"].as_str().unwrap().to_owned()).or_default();
        match e["type"].as_str().unwrap() {
            "payment.succeeded" => entry.0 += e["data"]["amount_cents"].as_i64().unwrap(),
            "refund.succeeded" => entry.1 += e["data"]["amount_cents"].as_i64().unwrap(),
            _ => {}
        }
    }
    for invoice in &invoices {
        let id = invoice["id"].as_str().unwrap();
        let total = invoice["total_cents"].as_i64().unwrap();
        let row = sqlx::query(
            "SELECT CAST(COALESCE(SUM(CASE WHEN outcome = 'succeeded' THEN amount_cents ELSE 0 END), 0) AS BIGINT) AS paid, \
             CAST(COALESCE(SUM(CASE WHEN outcome = 'refunded' THEN amount_cents ELSE 0 END), 0) AS BIGINT) AS refunded \
             FROM payments WHERE invoice_id = $1",
        )
        .bind(id)
        .fetch_one(&mut db)
        .await
        .unwrap();
        let (paid, refunded): (i64, i64) = (row.get("paid"), row.get("refunded"));
        assert_eq!((paid, refunded), expected[id], "invoice {id}");
        let status = invoice_status(&app, &token, id).await;
        let should = if refunded == total && total > 0 { "refunded" } else { "paid" };
        assert_eq!(status, should, "invoice {id}: paid {paid:?}, refunded {refunded:?} of {total}");
    }
    db.close().await.ok();
    app.finish().await;
}
on_both!(replayed_in_any_order_each_event_applies_once);
