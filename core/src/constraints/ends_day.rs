//! `ends_day`: some lessons are the last of their students' day.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lesson_name, lessons_to_def, resolve_lessons, LessonDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource};
use crate::names::Names;

const SUMMARY: &str =
    "some lessons are the last of the day for their students; one unit per lesson that some of its students have a lesson after";

/// Each listed lesson ends its students' day: none of the sets of students it has (the leaves
/// under its groups) has a lesson in a later period of that day. FET's "activity ends students
/// day" (an exam, a lesson whose students leave the school for a practice).
///
/// The amount is one per placed lesson of the list that some of its students have a lesson after.
///
/// ```json
/// {"kind": "ends_day", "level": "hard", "lessons": [{"course": "Sport-6", "lesson": 0}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndsDay {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonId>,
}

/// [`EndsDay`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndsDayDef {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonDef>,
}

impl ConstraintKind for EndsDay {
    type Def = EndsDayDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: EndsDayDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 1, names, path, issues);
        (issues.len() == before).then_some(EndsDay { lessons })
    }

    fn to_def(&self, problem: &Entities) -> EndsDayDef {
        EndsDayDef { lessons: lessons_to_def(problem, &self.lessons) }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for &lesson in &self.lessons {
            let Some(placement) = view.timetable.get(lesson) else { continue };
            let course = problem.lesson(lesson).course;
            let (day, start) = (calendar.day(placement.slot), calendar.period(placement.slot));
            let after = start + problem.lesson(lesson).length..calendar.periods_per_day;
            let mut later = Vec::new();
            for leaf in problem.course_leaves(course) {
                let row = busy.row_of_leaf(leaf);
                let first = after.clone().filter_map(|p| calendar.slot(day, p)).find(|&s| !busy.at(row, s).is_empty());
                if let Some(slot) = first {
                    later.push((leaf, slot));
                }
            }
            let Some(from) = later.iter().map(|&(_, s)| s).min() else { continue };
            let groups: Vec<&str> = later.iter().map(|&(g, _)| problem.group(g).name.as_str()).collect();
            let who = match groups.as_slice() {
                [one] => format!("group {one} has"),
                many => format!("groups {} have", many.join(", ")),
            };
            let message = format!(
                "{} at {} should end the students' day, but {who} a lesson after it (from {})",
                lesson_name(problem, lesson),
                calendar.slot_label(placement.slot),
                calendar.slot_label(from)
            );
            let mut resources = vec![Resource::Course(course)];
            resources.extend(later.iter().map(|&(g, _)| Resource::Group(g)));
            sink.add(1, vec![lesson], vec![placement.slot], resources, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EndsDay;
    use crate::constraints::test_support::{found, hard, lesson, place, school_issues, school_with, soft};
    use crate::{Constraint, Kind};

    const FR_AND_ART: &str =
        r#"{"kind": "ends_day", "level": {"soft": 4}, "lessons": [{"course": "Fr", "lesson": 0}, {"course": "Art", "lesson": 1}]}"#;

    #[test]
    fn resolves_its_lessons_and_reports_bad_ones() {
        let problem = school_with(FR_AND_ART);
        let lessons = vec![lesson(&problem, "Fr", 0), lesson(&problem, "Art", 1)];
        assert_eq!(problem.constraints()[0].constraint, Constraint::EndsDay(EndsDay { lessons }));
        assert_eq!(
            school_issues(r#"{"kind": "ends_day", "level": "hard", "lessons": []}"#),
            vec![("constraints[0].lessons".to_owned(), "at least one lesson is needed".to_owned())]
        );
    }

    #[test]
    fn one_unit_per_lesson_some_of_whose_students_have_a_lesson_after_it() {
        let problem = school_with(FR_AND_ART);
        // Fr (A1) at Mon 1; De (A2) at Mon 2 is not A1's; Art (A: A1 and A2) at Tue 1, Math at Tue 3.
        let t = place(
            &problem,
            &[("Fr", 0, 0, 1, Some("R1")), ("De", 0, 0, 2, Some("R2")), ("Art", 1, 1, 1, Some("R1")), ("Math", 0, 1, 3, Some("R2"))],
        );
        assert_eq!(
            found(&problem, &t, Kind::EndsDay),
            vec![(1, soft(4), "lesson 2 of course Art at Tue period 1 should end the students' day, but groups A1, A2 have a lesson after it (from Tue period 3)".to_owned())]
        );
        // A lesson of A1 after Fr breaks it; one of B, who are not Fr's students, does not.
        let problem = school_with(r#"{"kind": "ends_day", "level": "hard", "lessons": [{"course": "Fr", "lesson": 0}]}"#);
        let t = place(&problem, &[("Fr", 0, 0, 0, Some("R1")), ("Bio", 1, 0, 3, Some("R2")), ("Math", 1, 0, 2, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::EndsDay),
            vec![(1, hard(1), "lesson 1 of course Fr at Mon period 0 should end the students' day, but group A1 has a lesson after it (from Mon period 2)".to_owned())]
        );
        let t = place(&problem, &[("Fr", 0, 0, 0, Some("R1")), ("Bio", 1, 0, 3, Some("R2")), ("Math", 1, 1, 2, Some("R1"))]);
        assert_eq!(found(&problem, &t, Kind::EndsDay), vec![]);
    }
}
