//! Billing: plans, money, invoices and the life of a subscription.
//!
//! The arithmetic ([`invoice`]) and the state machine ([`subscription`]) are pure functions of
//! their inputs and a time, tested on their own; [`store`] loads and saves them, and [`api`] is
//! the HTTP layer.
//!
//! The rules:
//!
//! | plan | price | students | storage |
//! |---|---|---|---|
//! | Basic | $99 a month | up to 500 | 5 GB |
//! | Standard | $249 a month | up to 2,000 | 20 GB |
//! | Enterprise | negotiated, per month | no limit | no limit |
//!
//! - Yearly billing costs twelve months at 20 % off (Basic: $950.40 a year).
//! - A new school has a 14-day free trial on the plan it chose; the first period starts when
//!   the trial ends, and its invoice is issued then.
//! - Each invoice is issued at the start of a period and charges the plan for that period in
//!   advance, plus, for the period just ended, $10 a month per started 100 students above the
//!   plan's limit and $5 a month per started GB (10^9 bytes) of storage above the plan's,
//!   measured when the period ends; then any credit is used up.
//! - Overage is billed on the plan in force during each part of a period: a plan change bills
//!   the old plan's overage for the time since the period began (or since the last change), at
//!   the usage of that moment, and the period's end bills the rest. So a change just before the
//!   period ends neither escapes the overage nor doubles it.
//! - A failed payment opens a 7-day grace period (status `past_due`), after which the school is
//!   suspended: it can read everything and change nothing until a payment succeeds.
//! - Changing plans mid-period credits the unused part of the old plan and charges the rest of
//!   the period on the new one, both in proportion to the time left, on an invoice of its own;
//!   changing between monthly and yearly starts a new period at once. A credit larger than the
//!   charge is kept for the next invoices. During the trial a change costs nothing, and asking
//!   for the plan in force changes nothing.
//! - All amounts are integer cents; a proportional amount is rounded half up to the cent.

pub mod api;
pub mod invoice;
pub mod store;
pub mod subscription;
pub mod webhook;

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An amount of US dollars in cents; negative for a credit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
pub struct Cents(pub i64);

impl Cents {
    /// Whole dollars.
    pub const fn dollars(d: i64) -> Self {
        Cents(d * 100)
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0 + other.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, other: Cents) {
        self.0 += other.0;
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, other: Cents) -> Cents {
        Cents(self.0 - other.0)
    }
}

impl Neg for Cents {
    type Output = Cents;
    fn neg(self) -> Cents {
        Cents(-self.0)
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        Cents(iter.map(|c| c.0).sum())
    }
}

impl fmt::Display for Cents {
    /// `$1,234.56`, `-$5.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let dollars = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in dollars.chars().enumerate() {
            if i > 0 && (dollars.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}${grouped}.{:02}", abs % 100)
    }
}

/// A subscription plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Plan {
    /// $99 a month, up to 500 students, 5 GB.
    Basic,
    /// $249 a month, up to 2,000 students, 20 GB.
    Standard,
    /// A negotiated price, no limits.
    Enterprise,
}

/// How often a subscription is invoiced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cycle {
    /// Every calendar month.
    Monthly,
    /// Every twelve months, at 20 % off.
    Yearly,
}

impl Cycle {
    /// Calendar months in one period.
    pub fn months(self) -> u32 {
        match self {
            Cycle::Monthly => 1,
            Cycle::Yearly => 12,
        }
    }

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Cycle::Monthly => "monthly",
            Cycle::Yearly => "yearly",
        }
    }

    /// The cycle stored as `name`.
    pub fn parse(name: &str) -> Option<Cycle> {
        match name {
            "monthly" => Some(Cycle::Monthly),
            "yearly" => Some(Cycle::Yearly),
            _ => None,
        }
    }
}

/// Bytes in a GB, as storage is billed.
pub const GB: i64 = 1_000_000_000;

/// What a plan gives for its price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    /// The price of one month, before any yearly discount.
    pub monthly_price: Cents,
    /// Students included; `None` for no limit.
    pub students: Option<i64>,
    /// Storage included, in bytes; `None` for no limit.
    pub storage: Option<i64>,
}

impl Plan {
    /// The plan's terms; `negotiated` is the monthly price of an Enterprise plan.
    pub fn terms(self, negotiated: Option<Cents>) -> Terms {
        match self {
            Plan::Basic => Terms { monthly_price: Cents::dollars(99), students: Some(500), storage: Some(5 * GB) },
            Plan::Standard => Terms { monthly_price: Cents::dollars(249), students: Some(2_000), storage: Some(20 * GB) },
            Plan::Enterprise => Terms { monthly_price: negotiated.unwrap_or_default(), students: None, storage: None },
        }
    }

    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Basic => "basic",
            Plan::Standard => "standard",
            Plan::Enterprise => "enterprise",
        }
    }

    /// The plan stored as `name`.
    pub fn parse(name: &str) -> Option<Plan> {
        match name {
            "basic" => Some(Plan::Basic),
            "standard" => Some(Plan::Standard),
            "enterprise" => Some(Plan::Enterprise),
            _ => None,
        }
    }

    /// "Basic", for invoice lines.
    pub fn title(self) -> &'static str {
        match self {
            Plan::Basic => "Basic",
            Plan::Standard => "Standard",
            Plan::Enterprise => "Enterprise",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_read_as_dollars() {
        assert_eq!(Cents(95_040).to_string(), "$950.40");
        assert_eq!(Cents(123_456_789).to_string(), "$1,234,567.89");
        assert_eq!(Cents(-500).to_string(), "-$5.00");
        assert_eq!(Cents(7).to_string(), "$0.07");
        assert_eq!(Cents(100_000).to_string(), "$1,000.00");
    }

    #[test]
    fn names_round_trip() {
        for plan in [Plan::Basic, Plan::Standard, Plan::Enterprise] {
            assert_eq!(Plan::parse(plan.as_str()), Some(plan));
        }
        for cycle in [Cycle::Monthly, Cycle::Yearly] {
            assert_eq!(Cycle::parse(cycle.as_str()), Some(cycle));
        }
    }
}
