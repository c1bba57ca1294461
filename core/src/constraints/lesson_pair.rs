//! `lesson_pair`: two lessons back to back, in order or in either order, or one before the other.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lesson_def, lesson_name, LessonDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, Slot};
use crate::names::Names;

const SUMMARY: &str =
    "two lessons are back to back on one day, in order or in either order, or one ends before the other starts; one unit when they are not";

/// How the two lessons of a [`LessonPair`] stand to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PairRule {
    /// `then` starts in the period `first` ends, on the same day (FET's two activities consecutive).
    Consecutive,
    /// One starts in the period the other ends, on the same day (FET's two activities grouped).
    Grouped,
    /// `first` ends no later than `then` starts, on the same day or an earlier one (FET's two activities ordered).
    Ordered,
    /// On the same day, `first` ends no later than `then` starts; on different days, either may
    /// come first (FET's two activities ordered if same day).
    OrderedIfSameDay,
}

/// Two lessons that must stand in `rule` to each other, such as the theory and the practical of
/// one topic. The amount is 1 when both are placed and they do not; `consecutive` (which speaks
/// of whole courses) asks it of every lesson of a course instead.
///
/// ```json
/// {"kind": "lesson_pair", "level": "hard", "rule": "consecutive",
///  "first": {"course": "Chemistry-5A", "lesson": 0}, "then": {"course": "Lab-5A", "lesson": 0}}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonPair {
    /// The first lesson.
    pub first: LessonId,
    /// The second lesson, another one.
    pub then: LessonId,
    /// How they stand to each other.
    pub rule: PairRule,
}

/// [`LessonPair`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonPairDef {
    /// The first lesson.
    pub first: LessonDef,
    /// The second lesson.
    pub then: LessonDef,
    /// How they stand to each other.
    pub rule: PairRule,
}

impl PairRule {
    /// Whether `first` at `a` (lasting `len_a`) and `then` at `b` (lasting `len_b`) keep the
    /// rule in a week of `periods_per_day` periods a day, `only_breaks(from, to)` telling whether
    /// the slots from `from` up to `to` are all breaks: back to back allows breaks between, as
    /// FET's two activities consecutive and grouped do.
    pub fn holds(self, a: Slot, len_a: u16, b: Slot, len_b: u16, periods_per_day: u16, only_breaks: impl Fn(usize, usize) -> bool) -> bool {
        let (a, b) = (usize::from(a.0), usize::from(b.0));
        let same_day = a / usize::from(periods_per_day) == b / usize::from(periods_per_day);
        let (end_a, end_b) = (a + usize::from(len_a), b + usize::from(len_b));
        let a_then_b = same_day && end_a <= b && only_breaks(end_a, b);
        match self {
            PairRule::Consecutive => a_then_b,
            PairRule::Grouped => a_then_b || (same_day && end_b <= a && only_breaks(end_b, a)),
            PairRule::Ordered => end_a <= b,
            PairRule::OrderedIfSameDay => !same_day || end_a <= b,
        }
    }
}

impl ConstraintKind for LessonPair {
    type Def = LessonPairDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: LessonPairDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let first = names.lesson(&def.first.course, def.first.lesson, &format!("{path}.first"), issues);
        let then = names.lesson(&def.then.course, def.then.lesson, &format!("{path}.then"), issues);
        let (first, then) = (first?, then?);
        if first == then {
            issues.push(Issue::at_path(format!("{path}.then"), "a lesson cannot be paired with itself".to_owned()));
            return None;
        }
        Some(LessonPair { first, then, rule: def.rule })
    }

    fn to_def(&self, problem: &Entities) -> LessonPairDef {
        LessonPairDef { first: lesson_def(problem, self.first), then: lesson_def(problem, self.then), rule: self.rule }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let (Some(a), Some(b)) = (view.timetable.get(self.first), view.timetable.get(self.then)) else { return };
        let (len_a, len_b) = (problem.lesson(self.first).length, problem.lesson(self.then).length);
        let only_breaks = |from: usize, to: usize| calendar.only_breaks(from, to);
        if self.rule.holds(a.slot, len_a, b.slot, len_b, calendar.periods_per_day, only_breaks) {
            return;
        }
        let name = |l: LessonId| lesson_name(problem, l);
        let how = match self.rule {
            PairRule::Consecutive => "should follow it directly on the same day",
            PairRule::Grouped => "should be right before or right after it on the same day",
            PairRule::Ordered => "should start after it ends",
            PairRule::OrderedIfSameDay => "should start after it ends when on the same day",
        };
        let message = format!(
            "{} at {} {how}: {} at {}",
            name(self.then),
            calendar.slot_label(b.slot),
            name(self.first),
            calendar.slot_label(a.slot)
        );
        let resources = vec![Resource::Course(problem.lesson(self.first).course), Resource::Course(problem.lesson(self.then).course)];
        sink.add(1, vec![self.first, self.then], vec![a.slot, b.slot], resources, message);
    }
}

#[cfg(test)]
mod tests {
    use super::{LessonPair, PairRule};
    use crate::constraints::test_support::{found, hard, lesson, place, school_issues, school_with};
    use crate::ids::Slot;
    use crate::{Constraint, Kind};

    fn pair(rule: &str) -> String {
        format!(
            r#"{{"kind": "lesson_pair", "level": "hard", "rule": "{rule}", "first": {{"course": "Bio", "lesson": 0}}, "then": {{"course": "Art", "lesson": 1}}}}"#
        )
    }

    #[test]
    fn resolves_two_lessons_and_refuses_one_twice() {
        let problem = school_with(&pair("grouped"));
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::LessonPair(LessonPair {
                first: lesson(&problem, "Bio", 0),
                then: lesson(&problem, "Art", 1),
                rule: PairRule::Grouped
            })
        );
        let issues = school_issues(
            r#"{"kind": "lesson_pair", "level": "hard", "rule": "ordered", "first": {"course": "Art", "lesson": 1}, "then": {"course": "Art", "lesson": 1}}"#,
        );
        assert_eq!(issues, vec![("constraints[0].then".to_owned(), "a lesson cannot be paired with itself".to_owned())]);
    }

    #[test]
    fn each_rule_holds_or_costs_one() {
        // Bio's double at Mon 0-1; Art at Mon 2 follows it, at Tue 2 does not.
        let (bio, art_after, art_next_day) = (("Bio", 0, 0, 0, Some("R1")), ("Art", 1, 0, 2, Some("R2")), ("Art", 1, 1, 2, Some("R2")));
        for (rule, after, next_day) in [("consecutive", 0, 1), ("grouped", 0, 1), ("ordered", 0, 0)] {
            let problem = school_with(&pair(rule));
            assert_eq!(found(&problem, &place(&problem, &[bio, art_after]), Kind::LessonPair).len(), after, "{rule}");
            assert_eq!(found(&problem, &place(&problem, &[bio, art_next_day]), Kind::LessonPair).len(), next_day, "{rule}");
        }
        // Art right before the double: grouped, neither consecutive nor ordered.
        let no_breaks = |from: usize, to: usize| from == to;
        assert!(PairRule::Grouped.holds(Slot(2), 2, Slot(1), 1, 4, no_breaks));
        assert!(!PairRule::Consecutive.holds(Slot(2), 2, Slot(1), 1, 4, no_breaks));
        assert!(!PairRule::Ordered.holds(Slot(2), 2, Slot(1), 1, 4, no_breaks));
        // Only breaks between: back to back, as in FET.
        let break_at_2 = |from: usize, to: usize| (from..to).all(|s| s == 2);
        assert!(PairRule::Consecutive.holds(Slot(0), 2, Slot(3), 1, 4, break_at_2));
        assert!(PairRule::Grouped.holds(Slot(3), 1, Slot(0), 2, 4, break_at_2));
        assert!(!PairRule::Consecutive.holds(Slot(0), 1, Slot(3), 1, 4, break_at_2));
        // Ordered if on the same day: free across days.
        assert!(PairRule::OrderedIfSameDay.holds(Slot(5), 1, Slot(1), 1, 4, no_breaks));
        assert!(!PairRule::OrderedIfSameDay.holds(Slot(2), 1, Slot(1), 1, 4, no_breaks));
        let problem = school_with(&pair("consecutive"));
        assert_eq!(
            found(&problem, &place(&problem, &[bio, art_next_day]), Kind::LessonPair),
            vec![(
                1,
                hard(1),
                "lesson 2 of course Art at Tue period 2 should follow it directly on the same day: lesson 1 of course Bio at Mon period 0"
                    .to_owned()
            )]
        );
    }
}
