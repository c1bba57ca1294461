//! Time: a [`Timestamp`] type stored as milliseconds since the Unix epoch and shown as RFC 3339,
//! and the [`Clock`] the application reads it from, so that tests can move time forward (a
//! trial ending, a grace period running out) without waiting for it.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Months, Utc};
use serde::{Serialize, Serializer};

/// A point in time, to the millisecond, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// One day in milliseconds.
pub const DAY_MS: i64 = 24 * 60 * 60 * 1000;

impl Timestamp {
    /// From milliseconds since the Unix epoch.
    pub const fn from_millis(ms: i64) -> Self {
        Timestamp(ms)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn millis(self) -> i64 {
        self.0
    }

    /// This time plus `days` days of 24 hours.
    pub const fn plus_days(self, days: i64) -> Self {
        Timestamp(self.0 + days * DAY_MS)
    }

    /// This time plus `months` calendar months, the day of the month clamped to the month's
    /// length (31 January plus one month is 28 or 29 February).
    pub fn plus_months(self, months: u32) -> Self {
        let t = self.to_datetime().checked_add_months(Months::new(months)).unwrap_or(DateTime::<Utc>::MAX_UTC);
        Timestamp(t.timestamp_millis())
    }

    /// As a chrono time.
    pub fn to_datetime(self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.0).unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// RFC 3339 with milliseconds: `2026-12-01T18:03:33.000Z`.
    pub fn to_rfc3339(self) -> String {
        self.to_datetime().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }

    /// The date, `2026-12-01`.
    pub fn date(self) -> String {
        self.to_datetime().format("%Y-%m-%d").to_string()
    }
}

impl From<i64> for Timestamp {
    fn from(ms: i64) -> Self {
        Timestamp(ms)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

/// Where the application reads the time.
pub trait Clock: Send + Sync + 'static {
    /// Now.
    fn now(&self) -> Timestamp;
}

/// The computer's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp(Utc::now().timestamp_millis())
    }
}

/// A clock that only moves when told to: for tests, and for replaying billing at a given date.
#[derive(Debug)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    /// A clock showing `start`.
    pub fn new(start: Timestamp) -> Self {
        ManualClock(AtomicI64::new(start.0))
    }

    /// Moves the clock forward by `days` days.
    pub fn advance_days(&self, days: i64) {
        self.0.fetch_add(days * DAY_MS, Ordering::SeqCst);
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: std::time::Duration) {
        self.0.fetch_add(i64::try_from(by.as_millis()).unwrap_or(i64::MAX), Ordering::SeqCst);
    }

    /// Sets the clock.
    pub fn set(&self, t: Timestamp) {
        self.0.store(t.0, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.0.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        Timestamp(DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis())
    }

    #[test]
    fn months_are_calendar_months_clamped_to_the_month_end() {
        assert_eq!(at("2026-01-31T10:00:00Z").plus_months(1), at("2026-02-28T10:00:00Z"));
        assert_eq!(at("2028-01-31T10:00:00Z").plus_months(1), at("2028-02-29T10:00:00Z"));
        assert_eq!(at("2026-12-15T00:00:00Z").plus_months(12), at("2027-12-15T00:00:00Z"));
    }

    #[test]
    fn timestamps_read_as_rfc3339() {
        assert_eq!(at("2026-12-01T18:03:33.250Z").to_rfc3339(), "2026-12-01T18:03:33.250Z");
        assert_eq!(serde_json::to_string(&at("2026-12-01T00:00:00Z")).unwrap(), "\"2026-12-01T00:00:00.000Z\"");
        assert_eq!(at("2026-12-01T23:59:00Z").date(), "2026-12-01");
    }
}
