//! `clashes`: no teacher and no set of students has two lessons at once, following subgroups.

use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};

const SUMMARY: &str = "no teacher and no set of students (a group without subgroups) has two lessons at once; one unit per extra lesson";

/// No teacher and no set of students attends two lessons in the same period.
///
/// Students are counted per leaf of the group hierarchy: a lesson of a class occupies every
/// subgroup of it, so two subgroups of one class may meet in parallel (language groups) while
/// neither may meet alongside a lesson of the whole class. The amount is, for each teacher and
/// each leaf group and each period, the number of lessons beyond the first. Rooms are the
/// business of `room_occupancy`.
///
/// This is the school form of a clash; `conflicts` is ITC-2007's pairwise count, which knows no
/// subgroups. XHSTT calls it AvoidClashes.
///
/// ```json
/// {"kind": "clashes", "level": "hard"}
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clashes {}

impl ConstraintKind for Clashes {
    type Def = Self;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: Self, _names: &Names, _calendar: &Calendar, _path: &str, _issues: &mut Vec<Issue>) -> Option<Self> {
        Some(def)
    }

    fn to_def(&self, _problem: &Entities) -> Self {
        self.clone()
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        for (row_idx, &row) in busy.rows().iter().enumerate() {
            for slot in calendar.slots() {
                let here = busy.at(row_idx, slot);
                if here.len() < 2 {
                    continue;
                }
                let courses: Vec<&str> = here.iter().map(|&e| problem.course(view.entries[e].course).name.as_str()).collect();
                let message = format!(
                    "{} has {} lessons at {}: {}",
                    row.describe(problem),
                    here.len(),
                    calendar.slot_label(slot),
                    courses.join(", ")
                );
                sink.add(here.len() as u64 - 1, view.lessons_of(here), vec![slot], vec![row.resource()], message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Clashes;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::{Constraint, Kind};

    const HARD: &str = r#"{"kind": "clashes", "level": "hard"}"#;

    #[test]
    fn resolves_without_parameters_and_rejects_unknown_ones() {
        assert_eq!(school_with(HARD).constraints()[0].constraint, Constraint::Clashes(Clashes {}));
        let issues = school_issues(r#"{"kind": "clashes", "level": "hard", "who": "all_teachers"}"#);
        assert_eq!(issues.len(), 1);
        assert!(issues[0].1.contains("unknown field `who`"), "{issues:?}");
    }

    #[test]
    fn subgroups_of_a_class_meet_in_parallel() {
        let problem = school_with(HARD);
        // Fr (Cy, A1) and De (Bob, A2) share no teacher and no set of students.
        let t = place(&problem, &[("Fr", 0, 1, 0, Some("R1")), ("De", 0, 1, 0, Some("R2")), ("Bio", 1, 1, 0, Some("Gym"))]);
        assert_eq!(found(&problem, &t, Kind::Clashes), vec![]);
    }

    #[test]
    fn a_class_lesson_clashes_in_every_subgroup_and_a_teacher_in_each_covered_period() {
        let problem = school_with(HARD);
        let t = place(
            &problem,
            &[
                // Math and Art (both class A): A's leaves A1 and A2 each have two lessons.
                ("Math", 0, 0, 0, Some("R1")),
                ("Art", 0, 0, 0, Some("R2")),
                // Math (A) and Fr (A1) at Tue 1: only A1's students clash.
                ("Math", 1, 1, 1, Some("R1")),
                ("Fr", 0, 1, 1, Some("R2")),
                // Bio's double from Wed 0 covers Wed 1, where Ann also teaches Math.
                ("Bio", 0, 2, 0, Some("R1")),
                ("Math", 2, 2, 1, Some("R2")),
            ],
        );
        assert_eq!(
            found(&problem, &t, Kind::Clashes),
            vec![
                (1, hard(1), "teacher Ann has 2 lessons at Wed period 1: Math, Bio".to_owned()),
                (1, hard(1), "group A1 has 2 lessons at Mon period 0: Math, Art".to_owned()),
                (1, hard(1), "group A1 has 2 lessons at Tue period 1: Math, Fr".to_owned()),
                (1, hard(1), "group A2 has 2 lessons at Mon period 0: Math, Art".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_lesson_beyond_the_first() {
        let problem = school_with(r#"{"kind": "clashes", "level": {"soft": 5}}"#);
        // Sport (Cy, Y) and Fr (Cy, A1) and Math (Ann, A) at Mon 2: A1 has three lessons, A2 and Cy two, B one.
        let t = place(&problem, &[("Sport", 0, 0, 2, None), ("Fr", 0, 0, 2, Some("R1")), ("Math", 0, 0, 2, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::Clashes),
            vec![
                (1, soft(5), "teacher Cy has 2 lessons at Mon period 2: Fr, Sport".to_owned()),
                (2, soft(10), "group A1 has 3 lessons at Mon period 2: Math, Fr, Sport".to_owned()),
                (1, soft(5), "group A2 has 2 lessons at Mon period 2: Math, Sport".to_owned()),
            ]
        );
    }
}
