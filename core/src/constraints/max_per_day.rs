//! `max_per_day`: a course has at most some lessons on one day.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{CourseId, Resource};
use crate::names::Names;

const SUMMARY: &str = "a course has at most a number of lessons on one day; one unit per lesson too many";

/// At most `max` lessons of a course on any one day.
///
/// With `max` 1, a course's lessons are spread one per day: the usual rule for a school subject
/// (a double period is one lesson). The amount is, per day, the lessons beyond `max`.
/// Together with `min_working_days` it makes the spread of a course.
///
/// ```json
/// {"kind": "max_per_day", "level": "hard", "course": "Maths-5A", "max": 1}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxPerDay {
    /// The course.
    pub course: CourseId,
    /// Most lessons on a day.
    pub max: u16,
}

/// [`MaxPerDay`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxPerDayDef {
    /// Course name.
    pub course: String,
    /// Most lessons on a day.
    pub max: u16,
}

impl ConstraintKind for MaxPerDay {
    type Def = MaxPerDayDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxPerDayDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(MaxPerDay { course: names.course(&def.course, &format!("{path}.course"), issues)?, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> MaxPerDayDef {
        MaxPerDayDef { course: problem.course(self.course).name.clone(), max: self.max }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let calendar = view.problem.calendar();
        let mut per_day: Vec<Vec<usize>> = vec![Vec::new(); usize::from(calendar.days)];
        for &e in &view.by_course[self.course.index()] {
            per_day[usize::from(calendar.day(view.entries[e].slot))].push(e);
        }
        let name = &view.problem.course(self.course).name;
        for (day, entries) in per_day.iter().enumerate() {
            if entries.len() <= usize::from(self.max) {
                continue;
            }
            #[allow(clippy::cast_possible_truncation, reason = "days fit u16")]
            let label = calendar.day_label(day as u16);
            let message = format!(
                "course {name} has {} lessons on {label}; at most {} {} allowed",
                entries.len(),
                self.max,
                if self.max == 1 { "is" } else { "are" }
            );
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            sink.add(
                (entries.len() - usize::from(self.max)) as u64,
                view.lessons_of(entries),
                slots,
                vec![Resource::Course(self.course)],
                message,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MaxPerDay;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::ids::CourseId;
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_the_course_and_reports_an_unknown_one() {
        let problem = school_with(r#"{"kind": "max_per_day", "level": "hard", "course": "De", "max": 1}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::MaxPerDay(MaxPerDay { course: CourseId(4), max: 1 }));
        let issues = school_issues(r#"{"kind": "max_per_day", "level": "hard", "course": "Chem", "max": 1}"#);
        assert_eq!(issues, vec![("constraints[0].course".to_owned(), "unknown course \"Chem\"".to_owned())]);
    }

    #[test]
    fn one_unit_per_lesson_beyond_the_most_on_a_day() {
        let problem = school_with(r#"{"kind": "max_per_day", "level": "hard", "course": "Math", "max": 1}"#);
        let spread = place(&problem, &[("Math", 0, 0, 3, Some("R1")), ("Math", 1, 1, 0, Some("R1")), ("Math", 2, 2, 0, Some("R1"))]);
        assert_eq!(found(&problem, &spread, Kind::MaxPerDay), vec![]);
        let two_on_mon = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 3, Some("R1")), ("Math", 2, 2, 0, Some("R1"))]);
        assert_eq!(
            found(&problem, &two_on_mon, Kind::MaxPerDay),
            vec![(1, hard(1), "course Math has 2 lessons on Mon; at most 1 is allowed".to_owned())]
        );
        let all_on_tue = place(&problem, &[("Math", 0, 1, 0, Some("R1")), ("Math", 1, 1, 1, Some("R1")), ("Math", 2, 1, 2, Some("R1"))]);
        assert_eq!(
            found(&problem, &all_on_tue, Kind::MaxPerDay),
            vec![(2, hard(2), "course Math has 3 lessons on Tue; at most 1 is allowed".to_owned())]
        );
    }

    #[test]
    fn a_double_is_one_lesson_and_the_most_may_be_more_than_one() {
        let problem = school_with(r#"{"kind": "max_per_day", "level": {"soft": 3}, "course": "Bio", "max": 1}"#);
        let t = place(&problem, &[("Bio", 0, 2, 0, Some("R1"))]);
        assert_eq!(found(&problem, &t, Kind::MaxPerDay), vec![]);
        let t = place(&problem, &[("Bio", 0, 2, 0, Some("R1")), ("Bio", 1, 2, 3, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxPerDay),
            vec![(1, soft(3), "course Bio has 2 lessons on Wed; at most 1 is allowed".to_owned())]
        );
        let problem = school_with(r#"{"kind": "max_per_day", "level": {"soft": 3}, "course": "Math", "max": 2}"#);
        let t = place(&problem, &[("Math", 0, 1, 0, Some("R1")), ("Math", 1, 1, 1, Some("R1")), ("Math", 2, 1, 2, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxPerDay),
            vec![(1, soft(3), "course Math has 3 lessons on Tue; at most 2 are allowed".to_owned())]
        );
    }
}
