//! Sign-in throttling (`horarium_platform::sign_in`): how many wrong passwords reach the
//! password check, per account and per address, and that the real user keeps a way in.

use std::time::Duration;

use horarium_platform::Clock;
use serde_json::{json, Value};

use crate::common::{school, settings, Store, TestApp, PASSWORD};
use crate::on_both;
use crate::restart::Server;

const LOGIN: &str = "/api/v1/auth/login";

fn credentials(subdomain: &str, password: &str) -> Value {
    json!({"subdomain": subdomain, "email": format!("admin@{subdomain}.example"), "password": password})
}

/// Guesses wrong passwords from the addresses `from` gives (by attempt number) for `minutes`
/// of the test's clock, retrying each refusal when `Retry-After` says (unless that is past the
/// end); when each guess that reached the password check (401) was made, in milliseconds.
async fn guess_for(app: &TestApp, subdomain: &str, minutes: u64, from: impl Fn(usize) -> String) -> Vec<i64> {
    let end = app.clock.now().millis() + i64::try_from(minutes * 60_000).unwrap();
    let (mut checked, mut attempt) = (Vec::new(), 0);
    loop {
        let now = app.clock.now().millis();
        let (status, retry_after, body) = app.post_from(&from(attempt), LOGIN, credentials(subdomain, "wrong password")).await;
        attempt += 1;
        match status {
            401 => checked.push(now),
            429 => {
                let seconds = retry_after.expect("a 429 says when to retry");
                assert!(seconds >= 1, "{body}");
                assert_eq!(body["error"]["code"], "too_many_attempts");
                if now + i64::try_from(seconds * 1000).unwrap() >= end {
                    return checked;
                }
                app.clock.advance(Duration::from_secs(seconds));
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
}

/// The most guesses in any 15 minutes of `times`.
fn most_in_a_window(times: &[i64]) -> usize {
    times.iter().map(|&t| times.iter().filter(|&&u| u >= t && u < t + 15 * 60_000).count()).max().unwrap_or(0)
}

async fn throttles_each_account_and_keeps_the_owners_addresses_open(store: Store) {
    let app = TestApp::with_settings(store, horarium_platform::Settings { trust_forwarded_for: true, ..settings() }).await;
    // Signed up from (the router's) "unknown" address; the admin signs in once from home.
    let s = school(&app, "throttled").await;
    let (status, _, _) = app.post_from("198.51.100.7", LOGIN, credentials(&s.subdomain, PASSWORD)).await;
    assert_eq!(status, 200);

    // One attacker's address, guessing as fast as allowed for 15 minutes: 7 guesses reach the check.
    assert_eq!(guess_for(&app, &s.subdomain, 15, |_| "203.0.113.1".to_owned()).await.len(), 7);
    // Many addresses share the same budget: none is left in this window.
    let (status, retry_after, _) = app.post_from("203.0.113.99", LOGIN, credentials(&s.subdomain, "wrong password")).await;
    assert_eq!(status, 429);
    assert!(retry_after.is_some());
    // The owner, from home, is not locked out, with the right password or a typo or two.
    let (status, _, _) = app.post_from("198.51.100.7", LOGIN, credentials(&s.subdomain, "typo")).await;
    assert_eq!(status, 401);
    let (status, _, _) = app.post_from("198.51.100.7", LOGIN, credentials(&s.subdomain, PASSWORD)).await;
    assert_eq!(status, 200);

    // Many addresses guessing for an hour: never more than 7 (the unknown addresses' share of
    // the account's 10) in any 15 minutes, and the limit lifts as failures leave the window.
    let checked = guess_for(&app, &s.subdomain, 60, |k| format!("192.0.2.{}", k % 250)).await;
    assert_eq!(most_in_a_window(&checked), 7, "{checked:?}");
    assert!(checked.len() >= 3 * 7, "{} guesses in an hour", checked.len());
    app.finish().await;
}
on_both!(throttles_each_account_and_keeps_the_owners_addresses_open);

async fn throttles_an_address_over_many_accounts_and_operators_too(store: Store) {
    let app = TestApp::with_settings(store, horarium_platform::Settings { trust_forwarded_for: true, ..settings() }).await;
    // One address spraying one password over 40 accounts (none exists): 30 reach the check.
    let mut checked = 0;
    for k in 0..40 {
        let (status, _, _) = app.post_from("203.0.113.5", LOGIN, credentials(&format!("school-{k}"), "Summer2026!")).await;
        checked += usize::from(status == 401);
    }
    assert_eq!(checked, 30);
    // Operators are throttled like users: three quick wrong guesses, then a wait.
    let wrong = json!({"email": "ops@platform.example", "password": "wrong"});
    let statuses: Vec<u16> = {
        let mut s = Vec::new();
        for _ in 0..5 {
            s.push(app.post_from("198.51.100.1", "/api/v1/operator/login", wrong.clone()).await.0);
        }
        s
    };
    assert_eq!(statuses, [401, 401, 401, 429, 429]);
    app.clock.advance(Duration::from_secs(1));
    let right = json!({"email": "ops@platform.example", "password": "operator password"});
    assert_eq!(app.post_from("198.51.100.1", "/api/v1/operator/login", right).await.0, 200);
    app.finish().await;
}
on_both!(throttles_an_address_over_many_accounts_and_operators_too);

/// The real server, its peer addresses, and 30 wrong passwords at once: a few reach the check,
/// the rest are told to wait, and the owner then signs in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_wrong_passwords_against_the_real_server() {
    let database = crate::common::Database::new(Store::Sqlite).await;
    let log = std::env::temp_dir().join(format!("horarium-sign-in-{}.log", std::process::id()));
    let server = Server::start(&database.url, &log);
    let client = reqwest::Client::new();
    let signup = json!({
        "school_name": "Burst school", "subdomain": "burst", "admin_name": "Burst admin",
        "admin_email": "admin@burst.example", "password": PASSWORD,
    });
    let response = client.post(format!("{}/signup", server.base)).json(&signup).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 201);
    let started = std::time::Instant::now();
    let guesses = (0..30).map(|_| client.post(format!("{}/auth/login", server.base)).json(&credentials("burst", "wrong password")).send());
    let answers = futures_join_all(guesses).await;
    let elapsed = started.elapsed();
    let checked = answers.iter().filter(|r| r.status().as_u16() == 401).count();
    let waits: Vec<u64> = answers
        .iter()
        .filter(|r| r.status().as_u16() == 429)
        .map(|r| r.headers().get("retry-after").expect("Retry-After").to_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(checked + waits.len(), 30);
    assert!((1..=5).contains(&checked), "{checked} of 30 guesses in {elapsed:?} reached the password check");
    // 127.0.0.1 signed the school up, so the owner there still has the guesses kept for known
    // addresses after a short wait.
    tokio::time::sleep(Duration::from_secs(*waits.iter().max().unwrap_or(&1))).await;
    let response = client.post(format!("{}/auth/login", server.base)).json(&credentials("burst", PASSWORD)).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    server.kill();
    database.drop_it().await;
}

/// Awaits every future at once (tokio has no join_all; each request runs on its own task).
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<reqwest::Response>
where
    F: std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static,
{
    let tasks: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(tasks.len());
    for task in tasks {
        out.push(task.await.expect("the request task").expect("the server answers"));
    }
    out
}
