//! Invoice arithmetic: prices per cycle, overage, proration and credit, in integer cents.
//!
//! Every function here is pure: the same plan, period and usage give the same lines. An
//! invoice's total is by construction the sum of its lines, and each line's amount is its
//! quantity times its unit price, except a proportional line (quantity 1, amount = unit).

use serde::Serialize;
use utoipa::ToSchema;

use super::{Cents, Cycle, Plan, Terms, GB};
use crate::clock::Timestamp;

/// A billing period: from `start` (included) to `end` (excluded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Period {
    /// First instant of the period.
    #[schema(value_type = String, format = DateTime)]
    pub start: Timestamp,
    /// First instant after it.
    #[schema(value_type = String, format = DateTime)]
    pub end: Timestamp,
}

impl Period {
    /// The period of `cycle` that starts at `start`.
    pub fn starting(start: Timestamp, cycle: Cycle) -> Period {
        Period { start, end: start.plus_months(cycle.months()) }
    }

    /// Its length in milliseconds.
    pub fn millis(self) -> i64 {
        self.end.millis() - self.start.millis()
    }

    /// "2026-12-01 to 2027-01-01".
    pub fn label(self) -> String {
        format!("{} to {}", self.start.date(), self.end.date())
    }
}

/// What a tenant uses, as billed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Usage {
    /// Students on record.
    pub students: i64,
    /// Bytes stored: its data, timetable versions and jobs.
    pub storage_bytes: i64,
}

/// One line of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Line {
    /// What is charged or credited.
    pub description: String,
    /// How many units.
    pub quantity: i64,
    /// The price of one unit, in cents.
    #[schema(value_type = i64)]
    pub unit_cents: Cents,
    /// quantity × unit, in cents; negative for a credit.
    #[schema(value_type = i64)]
    pub amount_cents: Cents,
}

impl Line {
    fn priced(description: String, quantity: i64, unit: Cents) -> Line {
        Line { description, quantity, unit_cents: unit, amount_cents: Cents(quantity * unit.0) }
    }

    fn single(description: String, amount: Cents) -> Line {
        Line { description, quantity: 1, unit_cents: amount, amount_cents: amount }
    }
}

/// Why an invoice was issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    /// The start of a billing period.
    Period,
    /// A change of plan or cycle within a period.
    PlanChange,
}

impl InvoiceKind {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceKind::Period => "period",
            InvoiceKind::PlanChange => "plan_change",
        }
    }

    /// The kind stored as `name`.
    pub fn parse(name: &str) -> Option<InvoiceKind> {
        match name {
            "period" => Some(InvoiceKind::Period),
            "plan_change" => Some(InvoiceKind::PlanChange),
            _ => None,
        }
    }
}

/// An invoice before it is numbered and stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// Why it is issued.
    pub kind: InvoiceKind,
    /// The period it bills.
    pub period: Period,
    /// Its lines, in order.
    pub lines: Vec<Line>,
}

impl Draft {
    /// The sum of its lines.
    pub fn total(&self) -> Cents {
        self.lines.iter().map(|l| l.amount_cents).sum()
    }
}

/// `amount × numerator / denominator`, rounded half up (half away from zero), exactly.
pub fn scale(amount: Cents, numerator: i64, denominator: i64) -> Cents {
    assert!(denominator > 0, "a proportion needs a positive denominator");
    let product = i128::from(amount.0) * i128::from(numerator);
    let d = i128::from(denominator);
    let rounded = if product >= 0 { (2 * product + d) / (2 * d) } else { -((-2 * product + d) / (2 * d)) };
    Cents(i64::try_from(rounded).expect("a scaled amount of cents fits in i64"))
}

/// The price of one period of `cycle` on `terms`: a month's price, or twelve at 20 % off.
pub fn cycle_price(terms: Terms, cycle: Cycle) -> Cents {
    match cycle {
        Cycle::Monthly => terms.monthly_price,
        Cycle::Yearly => scale(terms.monthly_price, 12 * 80, 100),
    }
}

/// The part of `amount` for `remaining` out of `total` milliseconds: between 0 and `amount`,
/// and exactly those at the ends.
pub fn prorate(amount: Cents, remaining: i64, total: i64) -> Cents {
    scale(amount, remaining.clamp(0, total), total)
}

/// How many started `unit`s `used` exceeds `limit` by: 0 at or under the limit.
pub fn started_units_over(used: i64, limit: i64, unit: i64) -> i64 {
    let over = used - limit;
    if over <= 0 {
        0
    } else {
        (over + unit - 1) / unit
    }
}

/// Price of each started 100 students above the plan, per month.
pub const STUDENT_OVERAGE: Cents = Cents::dollars(10);
/// Price of each started GB above the plan, per month.
pub const STORAGE_OVERAGE: Cents = Cents::dollars(5);

/// The overage lines of a period of `months` months with `usage` on `terms`.
pub fn overage_lines(terms: Terms, usage: Usage, months: u32, label: &str) -> Vec<Line> {
    let months = i64::from(months);
    let mut lines = Vec::new();
    if let Some(limit) = terms.students {
        let hundreds = started_units_over(usage.students, limit, 100);
        if hundreds > 0 {
            let description = format!(
                "{} students, {} above the plan's {limit}: {hundreds} started hundred(s) × {months} month(s), {label}",
                usage.students,
                usage.students - limit
            );
            lines.push(Line::priced(description, hundreds * months, STUDENT_OVERAGE));
        }
    }
    if let Some(limit) = terms.storage {
        let gbs = started_units_over(usage.storage_bytes, limit, GB);
        if gbs > 0 {
            let description = format!(
                "{} bytes stored, above the plan's {} GB: {gbs} started GB × {months} month(s), {label}",
                usage.storage_bytes,
                limit / GB
            );
            lines.push(Line::priced(description, gbs * months, STORAGE_OVERAGE));
        }
    }
    lines
}

/// A plan as a subscription holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanChoice {
    /// The plan.
    pub plan: Plan,
    /// How often it is invoiced.
    pub cycle: Cycle,
    /// An Enterprise plan's monthly price.
    pub negotiated: Option<Cents>,
}

impl PlanChoice {
    /// Its terms.
    pub fn terms(self) -> Terms {
        self.plan.terms(self.negotiated)
    }

    /// The price of one of its periods.
    pub fn period_price(self) -> Cents {
        cycle_price(self.terms(), self.cycle)
    }

    fn title(self) -> String {
        format!("{} plan, {}", self.plan.title(), self.cycle.as_str())
    }
}

/// Days, to a tenth, in `ms` milliseconds.
fn days(ms: i64) -> f64 {
    (ms as f64 / crate::clock::DAY_MS as f64 * 10.0).round() / 10.0
}

/// The overage of the part of `period` from `from` to `to` spent on `choice`, with `usage`: the
/// period's overage lines when the part is the whole period, otherwise each of them in proportion
/// to the part.
pub fn overage_for(choice: PlanChoice, period: Period, from: Timestamp, to: Timestamp, usage: Usage) -> Vec<Line> {
    let full = overage_lines(choice.terms(), usage, choice.cycle.months(), &period.label());
    let part = (to.millis().min(period.end.millis()) - from.millis().max(period.start.millis())).clamp(0, period.millis());
    if part == period.millis() {
        return full;
    }
    full.into_iter()
        .map(|line| {
            let description =
                format!("{}, for {} of its {} days on the {}", line.description, days(part), days(period.millis()), choice.title());
            Line::single(description, prorate(line.amount_cents, part, period.millis()))
        })
        .filter(|line| line.amount_cents.0 > 0)
        .collect()
}

/// The end of a billing period whose overage is still to be billed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ended {
    /// The plan in force since `overage_from`.
    pub choice: PlanChoice,
    /// The period that ended.
    pub period: Period,
    /// Since when its overage is unbilled: its start, or its last plan change.
    pub overage_from: Timestamp,
    /// The usage measured at its end.
    pub usage: Usage,
}

/// The invoice that opens `period` on `choice`: the overage of the period that `ended`, when
/// there is one, for its part still unbilled, then the fee for the new period, then as much of
/// `credit` as the invoice can take (taken out of it).
pub fn period_invoice(choice: PlanChoice, period: Period, ended: Option<Ended>, credit: &mut Cents) -> Draft {
    let mut lines = Vec::new();
    if let Some(e) = ended {
        lines.extend(overage_for(e.choice, e.period, e.overage_from, e.period.end, e.usage));
    }
    lines.push(Line::single(format!("{}, {}", choice.title(), period.label()), choice.period_price()));
    let mut draft = Draft { kind: InvoiceKind::Period, period, lines };
    apply_credit(&mut draft, credit);
    draft
}

/// Adds a line using as much of `credit` as brings the invoice's total down to zero at most.
fn apply_credit(draft: &mut Draft, credit: &mut Cents) {
    let used = Cents(credit.0.min(draft.total().0).max(0));
    if used.0 > 0 {
        draft.lines.push(Line::single("Credit from earlier plan changes".to_owned(), -used));
        *credit = *credit - used;
    }
}

/// The invoice for changing from `old` to `new` at `now`, within `period`, and the period that
/// follows it: the same one when the cycle stays, a new one starting now when it changes.
///
/// The unused part of `period` on `old` is credited; the rest of the period on `new` (or a whole
/// new period) is charged; and the overage of the part of the period spent on `old` since
/// `overage_from` is billed at `usage`, so that a change just before the period ends does not
/// escape it. The total may be negative: the caller keeps it as credit.
pub fn plan_change(
    old: PlanChoice,
    new: PlanChoice,
    period: Period,
    overage_from: Timestamp,
    usage: Usage,
    now: Timestamp,
) -> (Draft, Period) {
    let remaining = period.end.millis() - now.millis();
    let share = format!("{} of {} days", days(remaining.clamp(0, period.millis())), days(period.millis()));
    let mut lines = vec![Line::single(
        format!("Unused time on the {} ({share}, {})", old.title(), period.label()),
        -prorate(old.period_price(), remaining, period.millis()),
    )];
    let next = if new.cycle == old.cycle {
        lines.push(Line::single(
            format!("Remaining time on the {} ({share}, {})", new.title(), period.label()),
            prorate(new.period_price(), remaining, period.millis()),
        ));
        period
    } else {
        let next = Period::starting(now, new.cycle);
        lines.push(Line::single(format!("{}, {}", new.title(), next.label()), new.period_price()));
        next
    };
    lines.extend(overage_for(old, period, overage_from, now, usage));
    (Draft { kind: InvoiceKind::PlanChange, period: next, lines }, next)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::clock::DAY_MS;

    const T0: Timestamp = Timestamp::from_millis(1_796_083_200_000); // 2026-12-01T00:00:00Z

    fn basic(cycle: Cycle) -> PlanChoice {
        PlanChoice { plan: Plan::Basic, cycle, negotiated: None }
    }
    fn standard(cycle: Cycle) -> PlanChoice {
        PlanChoice { plan: Plan::Standard, cycle, negotiated: None }
    }

    #[test]
    fn the_published_prices() {
        assert_eq!(basic(Cycle::Monthly).period_price(), Cents(9_900));
        assert_eq!(basic(Cycle::Yearly).period_price(), Cents(95_040));
        assert_eq!(standard(Cycle::Monthly).period_price(), Cents(24_900));
        assert_eq!(standard(Cycle::Yearly).period_price(), Cents(239_040));
        let enterprise = PlanChoice { plan: Plan::Enterprise, cycle: Cycle::Yearly, negotiated: Some(Cents(123_457)) };
        // 123,457 × 12 × 0.8 = 1,185,187.2 cents.
        assert_eq!(enterprise.period_price(), Cents(1_185_187));
    }

    #[test]
    fn overage_counts_started_hundreds_and_gigabytes() {
        let terms = Plan::Basic.terms(None);
        let at = |students, storage_bytes| {
            overage_lines(terms, Usage { students, storage_bytes }, 1, "p").iter().map(|l| l.amount_cents).sum::<Cents>()
        };
        assert_eq!(at(500, 5 * GB), Cents(0));
        assert_eq!(at(501, 0), Cents(1_000));
        assert_eq!(at(600, 0), Cents(1_000));
        assert_eq!(at(601, 0), Cents(2_000));
        assert_eq!(at(0, 5 * GB + 1), Cents(500));
        assert_eq!(at(0, 7 * GB), Cents(1_000));
        assert_eq!(at(650, 6 * GB + 1), Cents(2_000 + 1_000));
        // A year of overage is twelve months of it, undiscounted.
        let yearly = overage_lines(terms, Usage { students: 501, storage_bytes: 0 }, 12, "p");
        assert_eq!(yearly[0].quantity, 12);
        assert_eq!(yearly[0].amount_cents, Cents(12_000));
        // Enterprise has no limits.
        assert!(
            overage_lines(Plan::Enterprise.terms(Some(Cents(1))), Usage { students: 1 << 40, storage_bytes: 1 << 50 }, 1, "p").is_empty()
        );
    }

    #[test]
    fn an_upgrade_halfway_through_a_30_day_month() {
        let period = Period { start: T0, end: T0.plus_days(30) };
        let (draft, next) = plan_change(basic(Cycle::Monthly), standard(Cycle::Monthly), period, T0, Usage::default(), T0.plus_days(15));
        assert_eq!(next, period);
        let amounts: Vec<_> = draft.lines.iter().map(|l| l.amount_cents).collect();
        assert_eq!(amounts, [Cents(-4_950), Cents(12_450)]);
        assert_eq!(draft.total(), Cents(7_500));
        assert!(draft.lines[0].description.contains("15 of 30 days"), "{}", draft.lines[0].description);
    }

    #[test]
    fn monthly_to_yearly_starts_a_new_period() {
        let period = Period::starting(T0, Cycle::Monthly);
        let now = T0.plus_days(10);
        let (draft, next) = plan_change(basic(Cycle::Monthly), basic(Cycle::Yearly), period, T0, Usage::default(), now);
        assert_eq!(next, Period::starting(now, Cycle::Yearly));
        assert_eq!(draft.lines[1].amount_cents, Cents(95_040));
        assert_eq!(draft.lines[0].amount_cents, -prorate(Cents(9_900), period.millis() - 10 * DAY_MS, period.millis()));
    }

    #[test]
    fn credit_is_used_up_to_the_invoice_total_and_kept_beyond() {
        let period = Period::starting(T0, Cycle::Monthly);
        let mut credit = Cents(15_000);
        let draft = period_invoice(basic(Cycle::Monthly), period, None, &mut credit);
        assert_eq!(draft.total(), Cents(0));
        assert_eq!(credit, Cents(5_100));
        let draft = period_invoice(basic(Cycle::Monthly), period, None, &mut credit);
        assert_eq!(draft.total(), Cents(4_800));
        assert_eq!(credit, Cents(0));
        let draft = period_invoice(basic(Cycle::Monthly), period, None, &mut credit);
        assert_eq!(draft.lines.len(), 1, "no credit line without credit");
    }

    #[test]
    fn a_change_just_before_the_period_ends_still_pays_the_periods_overage() {
        // 2,000 students on Basic: 15 started hundreds, $150 a month.
        let usage = Usage { students: 2_000, storage_bytes: 0 };
        let period = Period::starting(T0, Cycle::Monthly);
        let minute_before = Timestamp::from_millis(period.end.millis() - 60_000);
        let (draft, _) = plan_change(basic(Cycle::Monthly), standard(Cycle::Monthly), period, period.start, usage, minute_before);
        let overage = draft.lines[2].amount_cents;
        assert!(Cents(14_999) <= overage && overage <= Cents(15_000), "{draft:?}");
        // The minute left on Standard has none, and the period's end bills only that minute.
        let ended = Ended { choice: standard(Cycle::Monthly), period, overage_from: minute_before, usage };
        let next = period_invoice(standard(Cycle::Monthly), Period::starting(period.end, Cycle::Monthly), Some(ended), &mut Cents(0));
        assert_eq!(next.lines.len(), 1, "{next:?}");
        // Downgrading just before the end pays Standard's (none) for the time on it.
        let (draft, _) = plan_change(standard(Cycle::Monthly), basic(Cycle::Monthly), period, period.start, usage, minute_before);
        assert_eq!(draft.lines.len(), 2, "{draft:?}");
    }

    proptest! {
        /// However a period is cut by plan changes, each part pays the overage of its own plan,
        /// and on one plan the parts add up to the whole period's overage within a cent a line.
        #[test]
        fn the_parts_of_a_period_pay_its_overage(students in 0..5_000i64, cut in 0.0..=1.0f64) {
            let usage = Usage { students, storage_bytes: 0 };
            let period = Period::starting(T0, Cycle::Monthly);
            let at = Timestamp::from_millis(period.start.millis() + (period.millis() as f64 * cut) as i64);
            let sum = |lines: Vec<Line>| lines.iter().map(|l| l.amount_cents).sum::<Cents>();
            let whole = sum(overage_for(basic(Cycle::Monthly), period, period.start, period.end, usage));
            let parts = sum(overage_for(basic(Cycle::Monthly), period, period.start, at, usage))
                + sum(overage_for(basic(Cycle::Monthly), period, at, period.end, usage));
            prop_assert!((parts.0 - whole.0).abs() <= 2, "{} vs {}", parts.0, whole.0);
            prop_assert!(parts <= whole + Cents(2));
        }
    }

    fn choice() -> impl Strategy<Value = PlanChoice> {
        (0..3u8, any::<bool>(), 0..10_000_000i64).prop_map(|(p, yearly, negotiated)| PlanChoice {
            plan: [Plan::Basic, Plan::Standard, Plan::Enterprise][usize::from(p)],
            cycle: if yearly { Cycle::Yearly } else { Cycle::Monthly },
            negotiated: Some(Cents(negotiated)),
        })
    }

    proptest! {
        #[test]
        fn proration_stays_between_nothing_and_the_full_price(amount in 0..100_000_000i64, total in 1..400 * DAY_MS, r in 0.0..=1.0f64) {
            let remaining = (total as f64 * r) as i64;
            let part = prorate(Cents(amount), remaining, total);
            prop_assert!(Cents(0) <= part && part <= Cents(amount));
            prop_assert_eq!(prorate(Cents(amount), total, total), Cents(amount));
            prop_assert_eq!(prorate(Cents(amount), 0, total), Cents(0));
            prop_assert!(prorate(Cents(amount), (remaining + DAY_MS).min(total), total) >= part, "monotonic");
        }

        #[test]
        fn the_two_sides_of_a_split_period_add_up_to_its_price_within_a_cent(amount in 0..100_000_000i64, total in 1..400 * DAY_MS, r in 0.0..=1.0f64) {
            let used = (total as f64 * r) as i64;
            let sum = prorate(Cents(amount), used, total) + prorate(Cents(amount), total - used, total);
            prop_assert!((sum.0 - amount).abs() <= 1, "{} vs {}", sum.0, amount);
        }

        #[test]
        fn a_yearly_period_costs_twelve_months_at_twenty_percent_off(monthly in 0..100_000_000i64) {
            let terms = Plan::Enterprise.terms(Some(Cents(monthly)));
            let yearly = cycle_price(terms, Cycle::Yearly).0;
            // 12 × 0.8 = 9.6 months, to the nearest cent.
            prop_assert!((yearly * 10 - monthly * 96).abs() <= 5);
            prop_assert!(yearly <= 12 * monthly);
        }

        #[test]
        fn a_change_to_the_same_plan_costs_nothing(c in choice(), at in 0.0..=1.0f64) {
            let period = Period::starting(T0, c.cycle);
            let now = Timestamp::from_millis(period.start.millis() + (period.millis() as f64 * at) as i64);
            let (draft, next) = plan_change(c, c, period, period.start, Usage::default(), now);
            prop_assert_eq!(draft.total(), Cents(0));
            prop_assert_eq!(next, period);
        }

        #[test]
        fn a_change_never_charges_more_than_the_new_plans_period(old in choice(), new in choice(), at in 0.0..=1.0f64) {
            let period = Period::starting(T0, old.cycle);
            let now = Timestamp::from_millis(period.start.millis() + (period.millis() as f64 * at) as i64);
            let (draft, _) = plan_change(old, new, period, period.start, Usage::default(), now);
            prop_assert_eq!(draft.lines.len(), 2);
            prop_assert!(draft.lines[1].amount_cents <= new.period_price());
            prop_assert!(-draft.lines[0].amount_cents <= old.period_price(), "the credit never exceeds what was paid");
            prop_assert_eq!(draft.total(), draft.lines.iter().map(|l| l.amount_cents).sum::<Cents>());
        }

        #[test]
        fn a_period_invoice_adds_up_and_credit_is_conserved(
            c in choice(), students in 0..10_000i64, storage in 0..50 * GB, credit in 0..1_000_000i64,
        ) {
            let period = Period::starting(T0, c.cycle);
            let before = Period::starting(T0.plus_days(-400), c.cycle);
            let ended = Some(Ended { choice: c, period: before, overage_from: before.start, usage: Usage { students, storage_bytes: storage } });
            let mut left = Cents(credit);
            let draft = period_invoice(c, period, ended, &mut left);
            for line in &draft.lines {
                prop_assert_eq!(line.amount_cents, Cents(line.quantity * line.unit_cents.0));
            }
            prop_assert!(draft.lines.len() <= 4);
            let before_credit: Cents = draft.lines.iter().filter(|l| l.amount_cents.0 >= 0).map(|l| l.amount_cents).sum();
            prop_assert!(draft.total() >= Cents(0), "credit never makes an invoice negative");
            prop_assert_eq!(before_credit - draft.total() + left, Cents(credit), "credit used plus credit left is the credit");
            prop_assert!(before_credit >= c.period_price());
        }
    }
}
