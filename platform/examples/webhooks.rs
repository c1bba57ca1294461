//! The payment webhook's replay benchmark (issue 15's target; figures in BENCHMARKS.md):
//!
//! 1. the application in this process, over a fresh SQLite file (or `--database URL`), with a
//!    clock this program moves: `--schools` schools, each billed for a year, so each has twelve
//!    monthly invoices;
//! 2. what a provider would send about each invoice (sometimes a declined attempt, the payment,
//!    sometimes refunds adding up to at most the total), `--events` in all;
//! 3. every event signed and delivered in random order through the router, 10 % of them twice
//!    and 5 % more with a forged signature; refunds that arrive before their payment (409) are
//!    delivered again at the end, as a provider retries;
//! 4. the ledger checked: each valid event recorded once, one payment row per applied event,
//!    every invoice's payments and refunds equal to what its events say and its status to match.
//!
//! ```sh
//! cargo run --release -p horarium-platform --example webhooks -- --events 10000
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use horarium_platform::billing::webhook::sign;
use horarium_platform::{App, Clock, Db, ManualClock, Settings, Timestamp};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

const SECRET: &str = "whsec_bench";

struct Bench {
    app: App,
    clock: Arc<ManualClock>,
}

impl Bench {
    async fn call(&self, method: &str, path: &str, token: Option<&str>, headers: &[(&str, String)], body: Vec<u8>) -> (u16, Value) {
        let mut request = Request::builder().method(method).uri(path).header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = self.app.router().oneshot(request.body(Body::from(body)).expect("a request")).await.expect("an answer");
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.expect("a body").to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn ok(&self, method: &str, path: &str, token: Option<&str>, body: Value) -> Value {
        let (status, value) = self.call(method, path, token, &[], body.to_string().into_bytes()).await;
        assert!((200..300).contains(&status), "{method} {path}: {status} {value}");
        value
    }

    async fn deliver(&self, event: &Value, secret: &str) -> u16 {
        let body = event.to_string().into_bytes();
        let t = self.clock.now().millis() / 1000;
        let signature = format!("t={t},v1={}", sign(secret, t, &body));
        self.call("POST", "/api/v1/webhooks/payments", None, &[("horarium-signature", signature)], body).await.0
    }
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn event(id: String, kind: &str, invoice: &str, amount: Option<i64>, created: i64) -> Value {
    let mut data = json!({"invoice_id": invoice});
    if let Some(amount) = amount {
        data["amount_cents"] = json!(amount);
    }
    json!({"id": id, "type": kind, "created": created, "data": data})
}

#[tokio::main]
async fn main() {
    let mut events_wanted = 10_000usize;
    let mut database = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--events" => events_wanted = value.parse().expect("--events N"),
            "--database" => database = Some(value),
            other => panic!("unknown flag {other}"),
        }
    }
    let dir = std::env::temp_dir().join(format!("horarium-webhooks-{}", std::process::id()));
    let url = database.unwrap_or_else(|| format!("sqlite:{}/platform.db", dir.display()));
    let db = Db::open(&url).await.expect("the database opens");
    let clock = Arc::new(ManualClock::new(Timestamp::from_millis(1_796_083_200_000)));
    let settings =
        Settings { payment_webhook_secret: Some(SECRET.to_owned()), billing_every: Duration::from_secs(86_400), ..Settings::default() };
    let app = App::start(db.clone(), settings, clock.clone()).await.expect("the platform starts");
    horarium_platform::tenant::operator::add_operator(&db, "ops@bench.example", "Ops", "operator password", clock.now())
        .await
        .expect("an operator");
    let bench = Bench { app, clock };

    // More than two events per invoice on average, twelve invoices per school; the events stop
    // at `--events`.
    let schools = events_wanted.div_ceil(24).max(1);
    let started = Instant::now();
    let mut admins = Vec::new();
    for k in 0..schools {
        let subdomain = format!("pay-{k:04}");
        let signup = json!({"school_name": format!("School {k}"), "subdomain": subdomain, "admin_name": "Admin",
            "admin_email": format!("admin@{subdomain}.example"), "password": "a long enough password"});
        bench.ok("POST", "/api/v1/signup", None, signup).await;
        admins.push(subdomain);
    }
    bench.clock.advance_days(14);
    for month in 0..12 {
        if month > 0 {
            bench.clock.advance_days(31);
        }
        let operator =
            bench.ok("POST", "/api/v1/operator/login", None, json!({"email": "ops@bench.example", "password": "operator password"})).await;
        bench.ok("POST", "/api/v1/operator/billing/run", operator["token"].as_str(), json!(null)).await;
    }
    let mut invoices: Vec<(String, i64)> = Vec::new();
    for subdomain in &admins {
        let credentials =
            json!({"subdomain": subdomain, "email": format!("admin@{subdomain}.example"), "password": "a long enough password"});
        let session = bench.ok("POST", "/api/v1/auth/login", None, credentials).await;
        let page = bench.call("GET", "/api/v1/billing/invoices?limit=100", session["token"].as_str(), &[], Vec::new()).await.1;
        for invoice in page["items"].as_array().expect("invoices") {
            invoices.push((invoice["id"].as_str().unwrap().to_owned(), invoice["total_cents"].as_i64().unwrap()));
        }
    }
    println!("{} schools, {} invoices, set up in {:.1} s", schools, invoices.len(), started.elapsed().as_secs_f64());

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = bench.clock.now().millis() / 1000;
    let mut valid = Vec::new();
    'invoices: for (k, (invoice, total)) in invoices.iter().enumerate() {
        if rng.below(3) == 0 {
            valid.push(event(format!("evt_{k}_declined"), "payment.failed", invoice, None, now - 100));
        }
        valid.push(event(format!("evt_{k}_paid"), "payment.succeeded", invoice, Some(*total), now - 90));
        let mut left = *total;
        for r in 0..rng.below(3) {
            let amount = if r == 1 { left } else { (1 + i64::try_from(rng.below(u64::try_from(left.max(1)).unwrap())).unwrap()).min(left) };
            if amount == 0 {
                break;
            }
            left -= amount;
            valid.push(event(
                format!("evt_{k}_refund_{r}"),
                "refund.succeeded",
                invoice,
                Some(amount),
                now - 80 + i64::try_from(r).unwrap(),
            ));
        }
        if valid.len() >= events_wanted {
            break 'invoices;
        }
    }
    let mut deliveries: Vec<(usize, bool)> = (0..valid.len()).map(|i| (i, true)).collect();
    for i in 0..valid.len() {
        if rng.below(10) == 0 {
            deliveries.push((i, true));
        }
        if rng.below(20) == 0 {
            deliveries.push((i, false));
        }
    }
    for i in (1..deliveries.len()).rev() {
        let j = usize::try_from(rng.below(u64::try_from(i + 1).unwrap())).unwrap();
        deliveries.swap(i, j);
    }
    let started = Instant::now();
    let mut answers: BTreeMap<u16, usize> = BTreeMap::new();
    let mut later = Vec::new();
    for &(i, genuine) in &deliveries {
        let status = bench.deliver(&valid[i], if genuine { SECRET } else { "forged" }).await;
        *answers.entry(status).or_default() += 1;
        match (status, genuine) {
            (400, false) | (200, true) => {}
            (409, true) => later.push(i),
            other => panic!("{other:?} on {}", valid[i]),
        }
    }
    let mut retries = 0;
    while !later.is_empty() {
        retries += 1;
        assert!(retries <= 5, "refunds of invoices never paid");
        let mut again = Vec::new();
        for i in later {
            match bench.deliver(&valid[i], SECRET).await {
                200 => {}
                409 => again.push(i),
                other => panic!("{other} on {}", valid[i]),
            }
        }
        later = again;
    }
    let elapsed = started.elapsed();

    // The ledger.
    let pool = db.pool();
    let recorded: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_events").fetch_one(pool).await.unwrap();
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payment_events WHERE result = 'applied'").fetch_one(pool).await.unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE event_id IS NOT NULL").fetch_one(pool).await.unwrap();
    let distinct: i64 =
        sqlx::query_scalar("SELECT COUNT(DISTINCT event_id) FROM payments WHERE event_id IS NOT NULL").fetch_one(pool).await.unwrap();
    let mut expected: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for e in &valid {
        let entry = expected.entry(e["data"]["invoice_id"].as_str().unwrap()).or_default();
        match e["type"].as_str().unwrap() {
            "payment.succeeded" => entry.0 += e["data"]["amount_cents"].as_i64().unwrap(),
            "refund.succeeded" => entry.1 += e["data"]["amount_cents"].as_i64().unwrap(),
            _ => {}
        }
    }
    let mut inconsistent = 0;
    for (invoice, total) in &invoices {
        let Some(&(paid, refunded)) = expected.get(invoice.as_str()) else { continue };
        let (got_paid, got_refunded, status): (i64, i64, String) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN p.outcome = 'succeeded' THEN p.amount_cents ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN p.outcome = 'refunded' THEN p.amount_cents ELSE 0 END), 0) AS BIGINT), MAX(i.status) \
             FROM invoices i LEFT JOIN payments p ON p.tenant_id = i.tenant_id AND p.invoice_id = i.id WHERE i.id = $1",
        )
        .bind(invoice)
        .fetch_one(pool)
        .await
        .unwrap();
        let should = if refunded == *total { "refunded" } else { "paid" };
        if (got_paid, got_refunded, status.as_str()) != (paid, refunded, should) {
            inconsistent += 1;
            eprintln!("invoice {invoice}: paid {got_paid} refunded {got_refunded} {status}, expected {paid} {refunded} {should}");
        }
    }
    let report = json!({
        "valid_events": valid.len(), "deliveries": deliveries.len(), "answers": answers, "retry_rounds": retries,
        "seconds": elapsed.as_secs_f64(), "per_second": deliveries.len() as f64 / elapsed.as_secs_f64(),
        "events_recorded": recorded, "events_applied": applied, "payment_rows": rows, "distinct_events_in_payments": distinct,
        "invoices_checked": expected.len(), "invoices_inconsistent": inconsistent,
    });
    println!("{report}");
    bench.app.stop().await;
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(recorded, i64::try_from(valid.len()).unwrap(), "each valid event recorded once");
    assert_eq!((rows, distinct), (applied, applied), "one payment row per applied event");
    assert_eq!(inconsistent, 0, "every invoice adds up");
}
