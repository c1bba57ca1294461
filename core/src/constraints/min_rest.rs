//! `min_rest`: between one day's last lesson and the next day's first, a teacher or set of
//! students rests at least a number of periods.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::who::{Who, WhoDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::idle_gaps::days_fit_a_pattern;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

const SUMMARY: &str = "between the last lesson of a day and the first of the next, a teacher or set of students has at least a number of \
                       free periods; one unit per period short";

/// At least `min` free periods from the last lesson of a day to the first of the next day (the
/// periods after the one and before the other), for two consecutive days that both have
/// lessons; with `circular`, the last day of the week is followed by the first.
///
/// The amount is, per such pair of days, the periods short of `min`. For a group, each leaf of
/// the hierarchy under it counts on its own. FET's "min resting hours".
///
/// ```json
/// {"kind": "min_rest", "level": "hard", "who": "all_teachers", "min": 2, "circular": false}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinRest {
    /// Whom it applies to.
    pub who: Who,
    /// The least free periods between two days' lessons, at least 1.
    pub min: u16,
    /// Whether the week's last day is followed by its first.
    pub circular: bool,
}

/// [`MinRest`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinRestDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// The least free periods between two days' lessons, at least 1.
    pub min: u16,
    /// Whether the week's last day is followed by its first. Default: false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub circular: bool,
}

/// The free periods short of `min` between a day with busy periods `before` (bits) and the next
/// with `after`, in days of `periods` periods; none when either day is free.
pub fn rest_short(before: u64, after: u64, min: u16, periods: u16) -> u32 {
    if before == 0 || after == 0 {
        return 0;
    }
    let last = 63 - before.leading_zeros();
    let rest = (u32::from(periods) - 1 - last) + after.trailing_zeros();
    u32::from(min).saturating_sub(rest)
}

/// The pairs of days, each day and the next, that `circular` asks about in a week of `days` days.
pub fn day_pairs(days: u16, circular: bool) -> impl Iterator<Item = (u16, u16)> {
    let wrap = (circular && days > 1).then_some((days - 1, 0));
    (1..days).map(|d| (d - 1, d)).chain(wrap)
}

impl ConstraintKind for MinRest {
    type Def = MinRestDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MinRestDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues)?;
        if def.min == 0 {
            issues.push(Issue::at_path(format!("{path}.min"), "must be at least 1 (0 asks for nothing)".to_owned()));
            return None;
        }
        days_fit_a_pattern(calendar, "rests", path, issues).then_some(MinRest { who, min: def.min, circular: def.circular })
    }

    fn to_def(&self, problem: &Entities) -> MinRestDef {
        MinRestDef { who: self.who.to_def(problem), min: self.min, circular: self.circular }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        let bits = |pattern: Vec<bool>| {
            pattern.iter().enumerate().filter(|(_, &b)| b).fold(0u64, |m, (p, _)| m | 1u64.checked_shl(p as u32).unwrap_or(0))
        };
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            let patterns: Vec<u64> = (0..calendar.days).map(|d| bits(busy.day_pattern(problem, row_idx, d))).collect();
            for (a, b) in day_pairs(calendar.days, self.circular) {
                let short = rest_short(patterns[usize::from(a)], patterns[usize::from(b)], self.min, calendar.periods_per_day);
                if short == 0 {
                    continue;
                }
                let last = 63 - patterns[usize::from(a)].leading_zeros();
                let first = patterns[usize::from(b)].trailing_zeros();
                #[allow(clippy::cast_possible_truncation, reason = "periods of a day fit u16")]
                let (end, start) = (calendar.slot(a, last as u16), calendar.slot(b, first as u16));
                let slots: Vec<_> = end.into_iter().chain(start).collect();
                let mut entries: Vec<usize> = slots.iter().flat_map(|&s| busy.at(row_idx, s).iter().copied()).collect();
                entries.sort_unstable();
                entries.dedup();
                let message = format!(
                    "{} rests {} periods from {} to {}; at least {} are needed",
                    row.describe(problem),
                    u32::from(self.min) - short,
                    calendar.day_label(a),
                    calendar.day_label(b),
                    self.min
                );
                sink.add(u64::from(short), view.lessons_of(&entries), slots, vec![row.resource()], message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{day_pairs, rest_short};
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with};
    use crate::Kind;

    #[test]
    fn the_rest_runs_from_the_last_busy_period_to_the_next_days_first() {
        // Days of 4 periods: last at 3, first at 0: no rest; last at 1, first at 2: 2 + 2.
        assert_eq!(rest_short(0b1000, 0b0001, 2, 4), 2);
        assert_eq!(rest_short(0b0010, 0b0100, 5, 4), 1);
        assert_eq!(rest_short(0, 0b0001, 2, 4), 0);
        assert_eq!(day_pairs(3, false).collect::<Vec<_>>(), [(0, 1), (1, 2)]);
        assert_eq!(day_pairs(3, true).collect::<Vec<_>>(), [(0, 1), (1, 2), (2, 0)]);
        assert_eq!(day_pairs(1, true).count(), 0);
    }

    #[test]
    fn one_unit_per_period_short_between_two_days() {
        let problem = school_with(r#"{"kind": "min_rest", "level": "hard", "who": {"teacher": "Ann"}, "min": 3, "circular": true}"#);
        // Mon ends at 3, Tue starts at 1: a rest of 1, two short. Wed 0 after Tue 1: rest 2 + 0, one short;
        // Wed 0 and Mon 0 (circular): rest 3.
        let t = place(&problem, &[("Math", 0, 0, 3, Some("R1")), ("Math", 1, 1, 1, Some("R1")), ("Math", 2, 2, 0, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MinRest),
            vec![
                (2, hard(2), "teacher Ann rests 1 periods from Mon to Tue; at least 3 are needed".to_owned()),
                (1, hard(1), "teacher Ann rests 2 periods from Tue to Wed; at least 3 are needed".to_owned()),
            ]
        );
        let issues = school_issues(r#"{"kind": "min_rest", "level": "hard", "who": "all_teachers", "min": 0}"#);
        assert_eq!(issues, vec![("constraints[0].min".to_owned(), "must be at least 1 (0 asks for nothing)".to_owned())]);
    }
}
