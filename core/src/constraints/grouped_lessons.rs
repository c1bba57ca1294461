//! `grouped_lessons`: some lessons sit back to back on one day, in any order.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lesson_name, lessons_to_def, resolve_lessons, LessonDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, Slot};
use crate::names::Names;

const SUMMARY: &str = "some lessons sit back to back on one day, in any order, breaks between allowed; one unit when they do not";

/// The most lessons a `grouped_lessons` lists: the search checks them with a fixed buffer.
pub const MAX_GROUPED: usize = 16;

/// The placed lessons of the list sit back to back on one day, in any order: each starts where
/// the one before ends, or after only breaks.
///
/// The amount is one when they do not. An unplaced lesson is left out (it is a violation of its
/// own). FET's "three activities grouped" (`lesson_pair` with `grouped` is the same for two).
///
/// ```json
/// {"kind": "grouped_lessons", "level": "hard",
///  "lessons": [{"course": "Lab-6A", "lesson": 0}, {"course": "Lab-6A", "lesson": 1}, {"course": "Science-6A", "lesson": 0}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupedLessons {
    /// The lessons, two to [`MAX_GROUPED`], each once.
    pub lessons: Vec<LessonId>,
}

/// [`GroupedLessons`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupedLessonsDef {
    /// The lessons, two to 16, each once.
    pub lessons: Vec<LessonDef>,
}

/// Whether lessons starting at `starts` with their lengths sit back to back on one day of
/// `periods_per_day` periods, in some order, `only_breaks(from, to)` telling whether the slots
/// from `from` up to `to` are all breaks. Sorts `starts`.
pub fn back_to_back(starts: &mut [(u16, u16)], periods_per_day: u16, only_breaks: impl Fn(usize, usize) -> bool) -> bool {
    starts.sort_unstable();
    let day = |s: u16| s / periods_per_day;
    starts.windows(2).all(|w| {
        let ((a, len_a), (b, _)) = (w[0], w[1]);
        let end = usize::from(a) + usize::from(len_a);
        day(a) == day(b) && end <= usize::from(b) && only_breaks(end, usize::from(b))
    })
}

impl ConstraintKind for GroupedLessons {
    type Def = GroupedLessonsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: GroupedLessonsDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 2, names, path, issues);
        if lessons.len() > MAX_GROUPED {
            issues.push(Issue::at_path(format!("{path}.lessons"), format!("at most {MAX_GROUPED} lessons may be grouped")));
        }
        (issues.len() == before).then_some(GroupedLessons { lessons })
    }

    fn to_def(&self, problem: &Entities) -> GroupedLessonsDef {
        GroupedLessonsDef { lessons: lessons_to_def(problem, &self.lessons) }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let placed: Vec<(LessonId, Slot)> = self.lessons.iter().filter_map(|&l| view.timetable.get(l).map(|p| (l, p.slot))).collect();
        let mut starts: Vec<(u16, u16)> = placed.iter().map(|&(l, s)| (s.0, problem.lesson(l).length)).collect();
        let only_breaks = |from: usize, to: usize| calendar.only_breaks(from, to);
        if back_to_back(&mut starts, calendar.periods_per_day, only_breaks) {
            return;
        }
        let names: Vec<String> =
            placed.iter().map(|&(l, s)| format!("{} at {}", lesson_name(problem, l), calendar.slot_label(s))).collect();
        let message = format!("{} should sit back to back on one day", names.join(", "));
        let resources = placed.iter().map(|&(l, _)| Resource::Course(problem.lesson(l).course)).collect();
        sink.add(1, placed.iter().map(|&(l, _)| l).collect(), placed.iter().map(|&(_, s)| s).collect(), resources, message);
    }
}

#[cfg(test)]
mod tests {
    use super::back_to_back;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with};
    use crate::Kind;

    #[test]
    fn back_to_back_in_any_order_with_only_breaks_between() {
        let no_breaks = |from: usize, to: usize| from == to;
        assert!(back_to_back(&mut [(2, 1), (0, 2), (3, 1)], 4, no_breaks));
        assert!(!back_to_back(&mut [(0, 1), (2, 1)], 4, no_breaks));
        // Period 1 a break: 0 and 2 are back to back.
        assert!(back_to_back(&mut [(0, 1), (2, 1)], 4, |from, to| (from..to).all(|s| s == 1)));
        // Not across days.
        assert!(!back_to_back(&mut [(3, 1), (4, 1)], 4, no_breaks));
    }

    #[test]
    fn one_unit_when_the_placed_lessons_are_not_back_to_back() {
        let problem = school_with(
            r#"{"kind": "grouped_lessons", "level": "hard",
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Art", "lesson": 0}, {"course": "Fr", "lesson": 0}]}"#,
        );
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Art", 0, 0, 0, Some("R2")), ("Fr", 0, 0, 2, Some("Gym"))]);
        assert_eq!(found(&problem, &t, Kind::GroupedLessons), vec![]);
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Art", 0, 0, 0, Some("R2")), ("Fr", 0, 0, 3, Some("Gym"))]);
        assert_eq!(
            found(&problem, &t, Kind::GroupedLessons),
            vec![(
                1,
                hard(1),
                "lesson 1 of course Math at Mon period 1, lesson 1 of course Art at Mon period 0, lesson 1 of course Fr at Mon period 3 should sit back to back on one day".to_owned()
            )]
        );
        let issues = school_issues(r#"{"kind": "grouped_lessons", "level": "hard", "lessons": [{"course": "Math", "lesson": 0}]}"#);
        assert_eq!(issues, vec![("constraints[0].lessons".to_owned(), "at least two lessons are needed".to_owned())]);
    }
}
