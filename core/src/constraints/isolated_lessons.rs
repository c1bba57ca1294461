//! `isolated_lessons`: a group's lessons on a day sit next to each other.

use super::ConstraintKind;
use crate::calendar::Calendar;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{GroupId, Resource};
use crate::names::Names;

const SUMMARY: &str = "a group has no lesson without another of its lessons in the period before or after; one unit per isolated lesson";

/// Every lesson of a group is adjacent (same day, previous or next period) to another lesson of the group.
///
/// The amount counts, for each slot in which the group has lessons but has none in the
/// previous or next period of the same day, the number of the group's courses meeting in that
/// slot. This is ITC-2007 track 3's `CurriculumCompactness` (there `Soft(2)`, the group being a curriculum).
///
/// ```json
/// {"kind": "isolated_lessons", "level": {"soft": 2}, "group": "q001"}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsolatedLessons {
    /// The group.
    pub group: GroupId,
}

/// [`IsolatedLessons`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IsolatedLessonsDef {
    /// Group name.
    pub group: String,
}

impl ConstraintKind for IsolatedLessons {
    type Def = IsolatedLessonsDef;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("CurriculumCompactness");

    fn resolve(def: IsolatedLessonsDef, names: &Names, _calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(IsolatedLessons { group: names.group(&def.group, &format!("{path}.group"), issues)? })
    }

    fn to_def(&self, problem: &Entities) -> IsolatedLessonsDef {
        IsolatedLessonsDef { group: problem.group(self.group).name.clone() }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let n_slots = calendar.n_slots();
        // Entries of the group's courses per slot; a course counts once per slot.
        let mut at: Vec<Vec<usize>> = vec![Vec::new(); n_slots];
        for (course_idx, course) in problem.courses().iter().enumerate() {
            if !course.groups.contains(&self.group) {
                continue;
            }
            for &e in &view.by_course[course_idx] {
                for slot in view.covered_slots(&view.entries[e]) {
                    let list = &mut at[slot.index()];
                    if !list.iter().any(|&other| view.entries[other].course == view.entries[e].course) {
                        list.push(e);
                    }
                }
            }
        }
        let ppd = usize::from(calendar.periods_per_day);
        for slot_idx in 0..n_slots {
            if at[slot_idx].is_empty() {
                continue;
            }
            let period = slot_idx % ppd;
            let before = period > 0 && !at[slot_idx - 1].is_empty();
            let after = period + 1 < ppd && !at[slot_idx + 1].is_empty();
            if before || after {
                continue;
            }
            let slot = view.slot(slot_idx);
            let names: Vec<&str> = at[slot_idx].iter().map(|&e| problem.course(view.entries[e].course).name.as_str()).collect();
            let message = format!(
                "group {} has an isolated lesson at {} ({}) with no lesson just before or after",
                problem.group(self.group).name,
                calendar.slot_label(slot),
                names.join(", ")
            );
            sink.add(at[slot_idx].len() as u64, view.lessons_of(&at[slot_idx]), vec![slot], vec![Resource::Group(self.group)], message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IsolatedLessons;
    use crate::constraints::test_support::{found, place, school_issues, school_with, soft};
    use crate::ids::GroupId;
    use crate::{Constraint, Kind};

    const GROUP_A: &str = r#"{"kind": "isolated_lessons", "level": {"soft": 2}, "group": "A"}"#;

    #[test]
    fn resolves_the_group_and_reports_an_unknown_one() {
        let problem = school_with(GROUP_A);
        assert_eq!(problem.constraints()[0].constraint, Constraint::IsolatedLessons(IsolatedLessons { group: GroupId(1) }));
        let issues = school_issues(r#"{"kind": "isolated_lessons", "level": "hard", "group": "Z"}"#);
        assert_eq!(issues, vec![("constraints[0].group".to_owned(), "unknown group \"Z\"".to_owned())]);
    }

    #[test]
    fn lessons_next_to_each_other_are_not_isolated() {
        let problem = school_with(GROUP_A);
        let t = place(
            &problem,
            &[("Math", 0, 0, 0, Some("R1")), ("Art", 0, 0, 1, Some("R1")), ("Math", 1, 1, 2, Some("R1")), ("Art", 1, 1, 3, Some("R1"))],
        );
        assert_eq!(found(&problem, &t, Kind::IsolatedLessons), vec![]);
    }

    #[test]
    fn one_unit_per_course_in_an_isolated_slot_and_days_do_not_touch() {
        let problem = school_with(GROUP_A);
        let t = place(
            &problem,
            &[
                // Mon 3 and Tue 0 are consecutive slots but on different days: both isolated.
                ("Math", 0, 0, 3, Some("R1")),
                ("Art", 0, 1, 0, Some("R1")),
                // Two courses alone at Wed 2: two units.
                ("Math", 1, 2, 2, Some("R1")),
                ("Art", 1, 2, 2, Some("R2")),
            ],
        );
        let message =
            |slot: &str, courses: &str| format!("group A has an isolated lesson at {slot} ({courses}) with no lesson just before or after");
        assert_eq!(
            found(&problem, &t, Kind::IsolatedLessons),
            vec![
                (1, soft(2), message("Mon period 3", "Math")),
                (1, soft(2), message("Tue period 0", "Art")),
                (2, soft(4), message("Wed period 2", "Math, Art")),
            ]
        );
    }

    #[test]
    fn only_the_courses_naming_the_group_count_and_a_course_counts_once_per_slot() {
        let problem = school_with(GROUP_A);
        // Fr (subgroup A1) next to Math does not keep it company; two lessons of Math in one slot are one unit.
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Math", 1, 0, 1, Some("R2")), ("Fr", 0, 0, 2, Some("Gym"))]);
        assert_eq!(
            found(&problem, &t, Kind::IsolatedLessons),
            vec![(1, soft(2), "group A has an isolated lesson at Mon period 1 (Math) with no lesson just before or after".to_owned())]
        );
    }
}
