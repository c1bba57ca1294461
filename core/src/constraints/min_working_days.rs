//! `min_working_days`: the lessons of a course are spread over at least some number of days.

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{CourseId, Resource};
use crate::names::Names;
use crate::words::count;

const SUMMARY: &str = "a course's lessons are spread over at least a number of days; one unit per missing day";

/// The lessons of a course fall on at least `days` different days.
///
/// The amount is the number of days missing, as ITC-2007 track 3 counts `MinWorkingDays`
/// (there `Soft(5)`). XHSTT's SpreadEvents with a minimum is the general form. More days than
/// the week has is allowed, as the competition's instances do: the days beyond the week are
/// missing in every timetable (the pre-analysis calls a hard one infeasible).
///
/// ```json
/// {"kind": "min_working_days", "level": {"soft": 5}, "course": "Maths-5A", "days": 4}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MinWorkingDays {
    /// The course.
    pub course: CourseId,
    /// The least number of distinct days.
    pub days: u16,
}

/// [`MinWorkingDays`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinWorkingDaysDef {
    /// Course name.
    pub course: String,
    /// The least number of distinct days.
    pub days: u16,
}

impl ConstraintKind for MinWorkingDays {
    type Def = MinWorkingDaysDef;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("MinWorkingDays");

    fn resolve(def: MinWorkingDaysDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let course = names.course(&def.course, &format!("{path}.course"), issues)?;
        Some(MinWorkingDays { course, days: def.days })
    }

    fn to_def(&self, problem: &Entities) -> MinWorkingDaysDef {
        MinWorkingDaysDef { course: problem.course(self.course).name.clone(), days: self.days }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let calendar = view.problem.calendar();
        let mut used = vec![false; usize::from(calendar.days)];
        let entries = &view.by_course[self.course.index()];
        for &e in entries {
            used[usize::from(calendar.day(view.entries[e].slot))] = true;
        }
        let n_used = used.iter().filter(|&&u| u).count();
        let missing = usize::from(self.days).saturating_sub(n_used);
        if missing > 0 {
            let name = &view.problem.course(self.course).name;
            let message =
                format!("course {name} meets on {}; it should be spread over at least {}", count(n_used as u64, "day", "days"), self.days);
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            sink.add(missing as u64, view.lessons_of(entries), slots, vec![Resource::Course(self.course)], message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MinWorkingDays;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::ids::CourseId;
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_with_more_days_than_the_week_has() {
        let problem = school_with(r#"{"kind": "min_working_days", "level": {"soft": 5}, "course": "Art", "days": 3}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::MinWorkingDays(MinWorkingDays { course: CourseId(1), days: 3 }));
        let problem = school_with(r#"{"kind": "min_working_days", "level": {"soft": 5}, "course": "Math", "days": 5}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::MinWorkingDays(MinWorkingDays { course: CourseId(0), days: 5 }));
    }

    #[test]
    fn an_unknown_course_is_an_issue() {
        let issues = school_issues(r#"{"kind": "min_working_days", "level": "hard", "course": "Chem", "days": 2}"#);
        assert_eq!(issues, vec![("constraints[0].course".to_owned(), "unknown course \"Chem\"".to_owned())]);
    }

    #[test]
    fn the_days_beyond_the_week_are_always_missing() {
        // Three days in the week, five asked for: spread over all three, two are still missing.
        let problem = school_with(r#"{"kind": "min_working_days", "level": {"soft": 5}, "course": "Math", "days": 5}"#);
        let spread = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 3, Some("R1")), ("Math", 2, 2, 1, Some("R1"))]);
        assert_eq!(
            found(&problem, &spread, Kind::MinWorkingDays),
            vec![(2, soft(10), "course Math meets on 3 days; it should be spread over at least 5".to_owned())]
        );
    }

    #[test]
    fn one_unit_per_day_missing() {
        let problem = school_with(r#"{"kind": "min_working_days", "level": {"soft": 5}, "course": "Math", "days": 3}"#);
        let spread = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 3, Some("R1")), ("Math", 2, 2, 1, Some("R1"))]);
        assert_eq!(found(&problem, &spread, Kind::MinWorkingDays), vec![]);
        let two_days = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 3, Some("R1")), ("Math", 2, 2, 1, Some("R1"))]);
        assert_eq!(
            found(&problem, &two_days, Kind::MinWorkingDays),
            vec![(1, soft(5), "course Math meets on 2 days; it should be spread over at least 3".to_owned())]
        );
        let one_day = place(&problem, &[("Math", 0, 1, 0, Some("R1")), ("Math", 1, 1, 1, Some("R1")), ("Math", 2, 1, 2, Some("R1"))]);
        assert_eq!(
            found(&problem, &one_day, Kind::MinWorkingDays),
            vec![(2, soft(10), "course Math meets on 1 day; it should be spread over at least 3".to_owned())]
        );
    }

    #[test]
    fn a_course_with_nothing_placed_misses_every_day_and_a_double_is_one_day() {
        let problem = school_with(r#"{"kind": "min_working_days", "level": "hard", "course": "Bio", "days": 2}"#);
        let empty = place(&problem, &[]);
        assert_eq!(
            found(&problem, &empty, Kind::MinWorkingDays),
            vec![(2, hard(2), "course Bio meets on 0 days; it should be spread over at least 2".to_owned())]
        );
        // The double lasts Mon 2 and 3: one day.
        let t = place(&problem, &[("Bio", 0, 0, 2, Some("R1"))]);
        assert_eq!(crate::score(&problem, &t).of_kind(Kind::MinWorkingDays), hard(1));
    }
}
