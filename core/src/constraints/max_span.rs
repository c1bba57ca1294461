//! `max_span`: a teacher's or students' day lasts at most a number of periods, first lesson to last.

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::idle_gaps::days_fit_a_pattern;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use super::who::{Who, WhoDef};

const SUMMARY: &str = "a teacher's or set of students' day spans at most a number of periods from its first lesson to its last; \
                       one unit per period beyond";

/// From the first period with a lesson to the last, each day spans at most `max` periods.
///
/// The span counts every period between, free periods and breaks too: 4 lessons with one free
/// period among them span 5. A day without lessons spans nothing. The amount is, per day, the
/// periods of span beyond `max`. For a group, each leaf of the hierarchy under it counts on its
/// own. FET's "max span per day".
///
/// ```json
/// {"kind": "max_span", "level": "hard", "who": "all_groups", "max": 6}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxSpan {
    /// Whom it applies to.
    pub who: Who,
    /// The most periods a day spans, at least 1.
    pub max: u16,
}

/// [`MaxSpan`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxSpanDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// The most periods a day spans, at least 1.
    pub max: u16,
}

/// The periods from the first `true` of `busy` to its last, both in; 0 when none is.
pub(crate) fn span(busy: &[bool]) -> u16 {
    match (busy.iter().position(|&b| b), busy.iter().rposition(|&b| b)) {
        #[allow(clippy::cast_possible_truncation, reason = "periods of a day fit u16")]
        (Some(first), Some(last)) => (last - first + 1) as u16,
        _ => 0,
    }
}

impl ConstraintKind for MaxSpan {
    type Def = MaxSpanDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxSpanDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues)?;
        if def.max == 0 {
            issues.push(Issue::at_path(format!("{path}.max"), "must be at least 1 (0 would forbid every lesson)".to_owned()));
            return None;
        }
        days_fit_a_pattern(calendar, "spans", path, issues).then_some(MaxSpan { who, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> MaxSpanDef {
        MaxSpanDef { who: self.who.to_def(problem), max: self.max }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            for day in 0..calendar.days {
                let pattern = busy.day_pattern(problem, row_idx, day);
                let span = span(&pattern);
                if span <= self.max {
                    continue;
                }
                let busy_slots: Vec<_> =
                    (0..calendar.periods_per_day).filter(|&p| pattern[usize::from(p)]).filter_map(|p| calendar.slot(day, p)).collect();
                let mut entries: Vec<usize> = busy_slots.iter().flat_map(|&s| busy.at(row_idx, s).iter().copied()).collect();
                entries.sort_unstable();
                entries.dedup();
                let message = format!(
                    "{}'s {} spans {span} periods from its first lesson to its last; at most {} may",
                    row.describe(problem),
                    calendar.day_label(day),
                    self.max
                );
                sink.add(u64::from(span - self.max), view.lessons_of(&entries), busy_slots, vec![row.resource()], message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{span, MaxSpan, MaxSpanDef};
    use crate::constraints::test_support::{first_def, found, hard, place, school_issues, school_with};
    use crate::constraints::{ConstraintDef, Who, WhoDef};
    use crate::{Constraint, Kind};

    #[test]
    fn the_span_runs_from_the_first_busy_period_to_the_last() {
        assert_eq!(span(&[false, true, false, true]), 3);
        assert_eq!(span(&[false, false]), 0);
        assert_eq!(span(&[true]), 1);
    }

    #[test]
    fn resolves_and_round_trips_and_refuses_a_most_of_0() {
        let problem = school_with(r#"{"kind": "max_span", "level": "hard", "who": "all_teachers", "max": 2}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::MaxSpan(MaxSpan { who: Who::AllTeachers, max: 2 }));
        assert_eq!(first_def(&problem), ConstraintDef::MaxSpan(MaxSpanDef { who: WhoDef::AllTeachers, max: 2 }));
        let issues = school_issues(r#"{"kind": "max_span", "level": "hard", "who": "all_groups", "max": 0}"#);
        assert_eq!(issues, vec![("constraints[0].max".to_owned(), "must be at least 1 (0 would forbid every lesson)".to_owned())]);
    }

    #[test]
    fn each_day_costs_its_periods_of_span_beyond_the_most() {
        let problem = school_with(r#"{"kind": "max_span", "level": "hard", "who": {"teacher": "Ann"}, "max": 2}"#);
        // Mon: Math 0 and Math 3: a span of 4. Tue: Bio's double 1-2: a span of 2.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 3, Some("R1")), ("Bio", 0, 1, 1, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxSpan),
            vec![(2, hard(2), "teacher Ann's Mon spans 4 periods from its first lesson to its last; at most 2 may".to_owned())]
        );
    }
}
