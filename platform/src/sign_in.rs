//! Sign-in throttling: how many password guesses reach the password check.
//!
//! Argon2 makes each guess cost the server tens of milliseconds, but without a limit an
//! attacker could still try thousands of passwords an hour. The policy, for school users
//! (`POST /auth/login`) and operators (`POST /operator/login`) alike:
//!
//! - An *account* is what a request names (a school's subdomain and an e-mail address, or an
//!   operator's e-mail address), whether or not it exists, so the answers do not tell which do.
//! - An attempt that reaches the password check counts as a failure from the moment it is let
//!   through (so that simultaneous requests cannot all slip in) until it succeeds.
//! - At most [`ACCOUNT_LIMIT`] failures per account in any [`WINDOW`] reach the check, from one
//!   address or from many. Addresses the account has never signed in from share
//!   [`UNKNOWN_LIMIT`] of them; the rest are kept for the addresses it has signed in from, so an
//!   attacker elsewhere cannot lock the real user out.
//! - Within each of those two classes, from the [`BACKOFF_AFTER`]-th failure on, the next attempt
//!   waits 1 s after the last failure, then 2 s, 4 s, and so on: a burst gets a few guesses, not ten.
//! - At most [`ADDRESS_LIMIT`] failures per client address in any window, whatever accounts they
//!   name, against guessing one common password over many accounts.
//! - A refused attempt is not a failure and changes nothing: waiting always helps, and every
//!   limit lifts at the latest a window after the failures that caused it.
//!
//! A refused attempt is answered 429 `too_many_attempts` with `Retry-After` (seconds). The
//! client address is the connection's peer, or with [`crate::Settings::trust_forwarded_for`]
//! (a server behind a reverse proxy) the first address of `X-Forwarded-For`. Everything is kept
//! in the database, so any number of servers of one database share the counts.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

use crate::app::AppState;
use crate::clock::Timestamp;
use crate::db::{new_id, Db};
use crate::error::ApiError;

/// The span over which failures are counted: 15 minutes.
pub const WINDOW_MILLIS: i64 = 15 * 60 * 1000;
/// [`WINDOW_MILLIS`] for the docs.
pub const WINDOW: std::time::Duration = std::time::Duration::from_millis(WINDOW_MILLIS as u64);
/// Failures per account and window that reach the password check.
pub const ACCOUNT_LIMIT: usize = 10;
/// Of those, how many addresses the account never signed in from may use.
pub const UNKNOWN_LIMIT: usize = 7;
/// Failures of a class after which each next attempt waits, doubling from 1 s.
pub const BACKOFF_AFTER: usize = 3;
/// Failures per client address and window, over every account.
pub const ADDRESS_LIMIT: usize = 30;

/// The client's address, as the policy counts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if state.settings().trust_forwarded_for {
            let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
            if let Some(first) = forwarded.and_then(|v| v.split(',').next()).map(str::trim).filter(|a| !a.is_empty()) {
                return Ok(ClientAddress(first.to_owned()));
            }
        }
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(a)| a.ip().to_string());
        // Called without a connection (a router in tests): one address for all.
        Ok(ClientAddress(peer.unwrap_or_else(|| "unknown".to_owned())))
    }
}

/// An attempt let through to the password check; [`Attempt::succeeded`] withdraws it.
#[derive(Debug)]
pub struct Attempt {
    id: String,
    account: String,
    address: String,
}

/// What the policy counts for one account and address, read in the decision's transaction.
#[derive(Debug, Default)]
struct Counts {
    /// The account's failures in the window, oldest first: (when, from a known address).
    account: Vec<(i64, bool)>,
    /// The address's failures in the window, and the oldest one's time.
    address: usize,
    address_oldest: i64,
}

/// Milliseconds to wait before an attempt from a `known` (or unknown) address may go through,
/// or `None` when it may now.
fn wait_for(counts: &Counts, known: bool, now: i64) -> Option<i64> {
    let expires = |at: i64| at + WINDOW_MILLIS - now;
    if counts.account.len() >= ACCOUNT_LIMIT {
        return Some(expires(counts.account[counts.account.len() - ACCOUNT_LIMIT].0));
    }
    let class: Vec<i64> = counts.account.iter().filter(|&&(_, k)| k == known).map(|&(at, _)| at).collect();
    if !known && class.len() >= UNKNOWN_LIMIT {
        return Some(expires(class[class.len() - UNKNOWN_LIMIT]));
    }
    if counts.address >= ADDRESS_LIMIT {
        return Some(expires(counts.address_oldest));
    }
    if class.len() >= BACKOFF_AFTER {
        let doublings = u32::try_from(class.len() - BACKOFF_AFTER).unwrap_or(u32::MAX).min(20);
        let backoff = (1000i64 << doublings).min(WINDOW_MILLIS);
        let last = class.last().copied().unwrap_or(now);
        if now < last + backoff {
            return Some(last + backoff - now);
        }
    }
    None
}

/// Lets an attempt on `account` from `address` through to the password check, or refuses it
/// with 429 and how long to wait.
pub async fn admit(db: &Db, now: Timestamp, account: String, address: String) -> Result<Attempt, ApiError> {
    let now = now.millis();
    let mut tx = db.write().await?;
    // The account's lock first, then the address's, in every transaction: no deadlock.
    for name in [format!("account {account}"), format!("address {address}")] {
        sqlx::query("INSERT INTO sign_in_locks (name, at) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET at = excluded.at")
            .bind(name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM sign_in_attempts WHERE at <= $1").bind(now - WINDOW_MILLIS).execute(&mut *tx).await?;
    // A lock row unused for a window guards nothing: the tables stay the size of the last window.
    sqlx::query("DELETE FROM sign_in_locks WHERE at <= $1").bind(now - WINDOW_MILLIS).execute(&mut *tx).await?;
    let known: Option<i64> = sqlx::query_scalar("SELECT last_at FROM sign_in_addresses WHERE account = $1 AND address = $2")
        .bind(&account)
        .bind(&address)
        .fetch_optional(&mut *tx)
        .await?;
    let known = known.is_some();
    let account_rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT at, known FROM sign_in_attempts WHERE account = $1 ORDER BY at").bind(&account).fetch_all(&mut *tx).await?;
    let (address_count, address_oldest): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(at) FROM sign_in_attempts WHERE address = $1").bind(&address).fetch_one(&mut *tx).await?;
    let counts = Counts {
        account: account_rows.into_iter().map(|(at, k)| (at, k != 0)).collect(),
        address: usize::try_from(address_count).unwrap_or(usize::MAX),
        address_oldest: address_oldest.unwrap_or(now),
    };
    if let Some(wait) = wait_for(&counts, known, now) {
        tx.rollback().await?;
        let seconds = u64::try_from(wait.max(1)).unwrap_or(1).div_ceil(1000);
        tracing::warn!(%account, %address, seconds, "sign-in throttled");
        return Err(ApiError::too_many_attempts(seconds));
    }
    let id = new_id("sia");
    sqlx::query("INSERT INTO sign_in_attempts (id, account, address, known, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(&account)
        .bind(&address)
        .bind(i64::from(known))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Attempt { id, account, address })
}

impl Attempt {
    /// The password was right: the attempt is no failure, and the address is the account's.
    pub async fn succeeded(self, db: &Db, now: Timestamp) -> Result<(), ApiError> {
        let mut tx = db.write().await?;
        sqlx::query("DELETE FROM sign_in_attempts WHERE id = $1").bind(&self.id).execute(&mut *tx).await?;
        remember(&mut tx, &self.account, &self.address, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The account of a school's user, as the policy names it.
pub fn user_account(subdomain: &str, email: &str) -> String {
    format!("user:{subdomain}:{email}")
}

/// The account of an operator, as the policy names it.
pub fn operator_account(email: &str) -> String {
    format!("operator:{email}")
}

/// Records that `account` signed in (or signed up) from `address`.
pub async fn remember(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account: &str,
    address: &str,
    now: Timestamp,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO sign_in_addresses (account, address, last_at) VALUES ($1, $2, $3) \
         ON CONFLICT (account, address) DO UPDATE SET last_at = excluded.last_at",
    )
    .bind(account)
    .bind(address)
    .bind(now.millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(account: &[(i64, bool)]) -> Counts {
        Counts { account: account.to_vec(), ..Counts::default() }
    }

    #[test]
    fn a_few_failures_pass_then_each_waits_twice_as_long() {
        let now = 100_000;
        assert_eq!(wait_for(&counts(&[(now - 10, false), (now - 5, false)]), false, now), None);
        let three = counts(&[(now - 30, false), (now - 20, false), (now - 10, false)]);
        assert_eq!(wait_for(&three, false, now), Some(990), "1 s after the third");
        assert_eq!(wait_for(&three, false, now + 990), None);
        let four = counts(&[(now - 40, false), (now - 30, false), (now - 20, false), (now - 10, false)]);
        assert_eq!(wait_for(&four, false, now), Some(1990), "2 s after the fourth");
        assert_eq!(wait_for(&four, true, now), None, "a known address's failures are its own class");
    }

    #[test]
    fn the_window_caps_an_account_and_keeps_some_guesses_for_known_addresses() {
        let now = 10 * WINDOW_MILLIS;
        let seven: Vec<(i64, bool)> = (0..7).map(|k| (now - 600_000 + k * 60_000, false)).collect();
        assert_eq!(wait_for(&counts(&seven), false, now), Some(300_000), "until the oldest unknown one leaves the window");
        assert_eq!(wait_for(&counts(&seven), true, now), None, "kept for the addresses the account signed in from");
        let mut ten = seven.clone();
        ten.extend((0..3).map(|k| (now - 100_000 + k * 10_000, true)));
        assert_eq!(wait_for(&counts(&ten), true, now), Some(300_000));
        let address = Counts { address: ADDRESS_LIMIT, address_oldest: now - 60_000, ..Counts::default() };
        assert_eq!(wait_for(&address, true, now), Some(WINDOW_MILLIS - 60_000));
    }
}
