//! The life of a subscription: trial, billing periods, a failed payment's grace period, and
//! suspension. A pure state machine: each transition takes the time, and those that bill return
//! the invoices to issue.

use serde::Serialize;
use utoipa::ToSchema;

use super::invoice::{self, Draft, Ended, Period, PlanChoice, Usage};
use super::{Cents, Cycle, Plan};
use crate::clock::Timestamp;

/// Days of free trial a new school gets.
pub const TRIAL_DAYS: i64 = 14;
/// Days after a failed payment before the school is suspended.
pub const GRACE_DAYS: i64 = 7;

/// Where a subscription stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// The free trial, until `ends_at`; no period and no invoice yet.
    Trialing {
        /// When the first period starts.
        ends_at: Timestamp,
    },
    /// Billed period by period.
    Billing {
        /// The current period.
        period: Period,
        /// Since when the current period's overage is unbilled: its start, or the last plan
        /// change, whose invoice billed the overage before it.
        overage_from: Timestamp,
        /// Whether its payments are in order.
        standing: Standing,
    },
}

/// Whether a billed subscription's payments are in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Every invoice is paid or awaiting payment.
    Good,
    /// A payment failed `since`; the school is suspended at the end of the grace period.
    PastDue {
        /// When the payment failed.
        since: Timestamp,
    },
    /// Suspended at `since` for a payment that failed at `past_due_since`: read-only.
    Suspended {
        /// When the payment failed.
        past_due_since: Timestamp,
        /// When the grace period ended.
        since: Timestamp,
    },
}

/// The status as the API names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In the free trial.
    Trialing,
    /// Billed, payments in order.
    Active,
    /// A payment failed; within the grace period.
    PastDue,
    /// The grace period ran out: read-only until a payment succeeds.
    Suspended,
}

impl Status {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Trialing => "trialing",
            Status::Active => "active",
            Status::PastDue => "past_due",
            Status::Suspended => "suspended",
        }
    }
}

/// A school's subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    /// The plan and how it is invoiced.
    pub choice: PlanChoice,
    /// Where it stands.
    pub state: State,
    /// Credit owed to the school, used by the next invoices.
    pub credit: Cents,
}

/// Why a plan change was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// An Enterprise plan needs its negotiated price.
    #[error("an enterprise plan needs its negotiated monthly price")]
    NoNegotiatedPrice,
}

impl Subscription {
    /// A new subscription at `now`: the trial on `plan`.
    pub fn start(plan: Plan, cycle: Cycle, now: Timestamp) -> Self {
        Subscription {
            choice: PlanChoice { plan, cycle, negotiated: None },
            state: State::Trialing { ends_at: now.plus_days(TRIAL_DAYS) },
            credit: Cents(0),
        }
    }

    /// The status as the API names it.
    pub fn status(&self) -> Status {
        match self.state {
            State::Trialing { .. } => Status::Trialing,
            State::Billing { standing: Standing::Good, .. } => Status::Active,
            State::Billing { standing: Standing::PastDue { .. }, .. } => Status::PastDue,
            State::Billing { standing: Standing::Suspended { .. }, .. } => Status::Suspended,
        }
    }

    /// Whether the school may only read.
    pub fn is_suspended(&self) -> bool {
        self.status() == Status::Suspended
    }

    /// Brings the subscription up to `now`: ends the trial, opens every period that has
    /// started (each with its invoice, billing the overage of the one before at `usage`), and
    /// suspends a school whose grace period is over. Returns the invoices to issue, oldest first.
    pub fn advance(&mut self, now: Timestamp, usage: Usage) -> Vec<Draft> {
        let mut drafts = Vec::new();
        if let State::Trialing { ends_at } = self.state {
            if now < ends_at {
                return drafts;
            }
            let period = Period::starting(ends_at, self.choice.cycle);
            drafts.push(invoice::period_invoice(self.choice, period, None, &mut self.credit));
            self.state = State::Billing { period, overage_from: period.start, standing: Standing::Good };
        }
        while let State::Billing { period, overage_from, standing } = self.state {
            if now < period.end {
                break;
            }
            let next = Period::starting(period.end, self.choice.cycle);
            let ended = Ended { choice: self.choice, period, overage_from, usage };
            drafts.push(invoice::period_invoice(self.choice, next, Some(ended), &mut self.credit));
            self.state = State::Billing { period: next, overage_from: next.start, standing };
        }
        if let State::Billing { period, overage_from, standing: Standing::PastDue { since } } = self.state {
            let grace_end = since.plus_days(GRACE_DAYS);
            if now >= grace_end {
                let standing = Standing::Suspended { past_due_since: since, since: grace_end };
                self.state = State::Billing { period, overage_from, standing };
            }
        }
        drafts
    }

    /// A payment failed at `now`: the grace period starts, unless one is already running or over.
    pub fn payment_failed(&mut self, now: Timestamp) {
        if let State::Billing { period, overage_from, standing: Standing::Good } = self.state {
            self.state = State::Billing { period, overage_from, standing: Standing::PastDue { since: now } };
        }
    }

    /// Every failed payment has been made good: back in good standing, suspension lifted.
    pub fn payments_settled(&mut self) {
        if let State::Billing { period, overage_from, .. } = self.state {
            self.state = State::Billing { period, overage_from, standing: Standing::Good };
        }
    }

    /// Changes the plan or cycle at `now`, with `usage` measured then; returns the invoice of the
    /// change, if one is due (not during the trial, nor for the plan already in force). A
    /// negative total is added to the credit.
    pub fn change(&mut self, new: PlanChoice, now: Timestamp, usage: Usage) -> Result<Option<Draft>, ChangeError> {
        if new.plan == Plan::Enterprise && new.negotiated.is_none() {
            return Err(ChangeError::NoNegotiatedPrice);
        }
        let new = if new.plan == Plan::Enterprise { new } else { PlanChoice { negotiated: None, ..new } };
        let old = self.choice;
        if new == old {
            return Ok(None);
        }
        self.choice = new;
        match self.state {
            State::Trialing { .. } => Ok(None),
            State::Billing { period, overage_from, standing } => {
                let (draft, next) = invoice::plan_change(old, new, period, overage_from, usage, now);
                self.state = State::Billing { period: next, overage_from: now, standing };
                let total = draft.total();
                if total < Cents(0) {
                    self.credit += -total;
                }
                Ok(Some(draft))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const T0: Timestamp = Timestamp::from_millis(1_796_083_200_000); // 2026-12-01T00:00:00Z
    const NONE: Usage = Usage { students: 0, storage_bytes: 0 };

    #[test]
    fn a_trial_of_fourteen_days_then_monthly_invoices() {
        let mut s = Subscription::start(Plan::Basic, Cycle::Monthly, T0);
        assert_eq!(s.status(), Status::Trialing);
        assert!(s.advance(T0.plus_days(13), NONE).is_empty());
        let first = s.advance(T0.plus_days(14), NONE);
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].period, Period { start: T0.plus_days(14), end: T0.plus_days(14).plus_months(1) });
        assert_eq!(first[0].total(), Cents(9_900));
        assert_eq!(s.status(), Status::Active);
        // Three months later, with 1,120 students: three invoices, each with last month's overage.
        let later = s.advance(T0.plus_days(14).plus_months(3), Usage { students: 1_120, storage_bytes: 0 });
        assert_eq!(later.len(), 3);
        for draft in &later {
            // 620 over 500: 7 started hundreds at $10.
            assert_eq!(draft.total(), Cents(9_900 + 7_000));
        }
    }

    #[test]
    fn a_failed_payment_suspends_after_seven_days_and_a_payment_lifts_it() {
        let mut s = Subscription::start(Plan::Standard, Cycle::Yearly, T0);
        s.advance(T0.plus_days(14), NONE);
        let failed = T0.plus_days(15);
        s.payment_failed(failed);
        assert_eq!(s.status(), Status::PastDue);
        s.advance(failed.plus_days(GRACE_DAYS - 1), NONE);
        assert_eq!(s.status(), Status::PastDue);
        s.advance(failed.plus_days(GRACE_DAYS), NONE);
        assert_eq!(s.status(), Status::Suspended);
        assert!(s.is_suspended());
        // A second failure does not restart the clock.
        s.payment_failed(failed.plus_days(10));
        assert_eq!(
            s.state,
            State::Billing {
                period: Period::starting(T0.plus_days(14), Cycle::Yearly),
                overage_from: T0.plus_days(14),
                standing: Standing::Suspended { past_due_since: failed, since: failed.plus_days(GRACE_DAYS) },
            }
        );
        s.payments_settled();
        assert_eq!(s.status(), Status::Active);
    }

    #[test]
    fn a_change_during_the_trial_is_free_and_a_downgrade_later_leaves_credit() {
        let mut s = Subscription::start(Plan::Standard, Cycle::Monthly, T0);
        let basic = PlanChoice { plan: Plan::Basic, cycle: Cycle::Monthly, negotiated: None };
        assert_eq!(s.change(basic, T0.plus_days(1), NONE), Ok(None));
        let standard = PlanChoice { plan: Plan::Standard, ..basic };
        s.change(standard, T0.plus_days(2), NONE).unwrap();
        s.advance(T0.plus_days(14), NONE);
        assert_eq!(s.change(standard, T0.plus_days(14), NONE), Ok(None), "the plan in force: nothing to invoice");
        let draft = s.change(basic, T0.plus_days(14), NONE).unwrap().unwrap();
        // The whole period is left: $249 credited, $99 charged.
        assert_eq!(draft.total(), Cents(-15_000));
        assert_eq!(s.credit, Cents(15_000));
        let next = s.advance(T0.plus_days(14).plus_months(1), NONE);
        assert_eq!(next[0].total(), Cents(0));
        assert_eq!(s.credit, Cents(5_100));
    }

    #[test]
    fn enterprise_needs_a_price() {
        let mut s = Subscription::start(Plan::Basic, Cycle::Monthly, T0);
        let enterprise = PlanChoice { plan: Plan::Enterprise, cycle: Cycle::Monthly, negotiated: None };
        assert_eq!(s.change(enterprise, T0, NONE), Err(ChangeError::NoNegotiatedPrice));
        assert_eq!(s.choice.plan, Plan::Basic, "unchanged");
    }

    proptest! {
        /// However time moves, payments go and plans change, the periods are contiguous, each
        /// invoiced once, the current one holds the present, and a grace period never outlives
        /// seven days.
        #[test]
        fn periods_are_contiguous_and_each_is_invoiced_once(steps in proptest::collection::vec((0..40i64, 0..4u8), 1..30)) {
            let mut s = Subscription::start(Plan::Basic, Cycle::Monthly, T0);
            let mut now = T0;
            let mut periods: Vec<Period> = Vec::new();
            for (days, event) in steps {
                now = now.plus_days(days);
                for draft in s.advance(now, NONE) {
                    if let Some(last) = periods.last() {
                        prop_assert_eq!(last.end, draft.period.start);
                    }
                    prop_assert!(draft.period.start <= now);
                    periods.push(draft.period);
                }
                if let State::Billing { period, overage_from, standing } = s.state {
                    prop_assert!(period.start <= now && now < period.end, "the current period holds now");
                    prop_assert!(period.start <= overage_from && overage_from <= now);
                    if let Standing::Suspended { past_due_since, since } = standing {
                        prop_assert_eq!(since, past_due_since.plus_days(GRACE_DAYS));
                        prop_assert!(since <= now);
                    }
                    if let Standing::PastDue { since } = standing {
                        prop_assert!(now < since.plus_days(GRACE_DAYS), "a grace period that ran out suspends");
                    }
                }
                match event {
                    0 => s.payment_failed(now),
                    1 => s.payments_settled(),
                    2 => {
                        // Basic and Standard in turn, on the same cycle: the period stays.
                        let plan = if s.choice.plan == Plan::Basic { Plan::Standard } else { Plan::Basic };
                        let usage = Usage { students: 1_000, storage_bytes: 0 };
                        s.change(PlanChoice { plan, ..s.choice }, now, usage).unwrap();
                    }
                    _ => {}
                }
            }
        }
    }
}
