//! `conflicts`: lessons of courses that share a teacher or a group must not overlap.

use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::ids::{CourseId, Resource};

const SUMMARY: &str = "courses sharing a teacher or a group never meet at the same time; one unit per pair of courses and slot";

/// Courses that share a teacher or a group must not have lessons in the same slot.
///
/// The amount is counted as ITC-2007 track 3 counts `Conflicts`: one unit for each pair of
/// distinct courses that share a resource and each slot in which both have a lesson (a pair
/// sharing both a teacher and a curriculum still counts once). A course with two lessons in
/// one slot counts one unit per extra lesson. `Hard` adds the units to the hard total;
/// `Soft(w)` adds `w` per unit.
///
/// ```json
/// {"kind": "conflicts", "level": "hard"}
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conflicts {}

impl ConstraintKind for Conflicts {
    type Def = Self;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("Conflicts");

    fn resolve(def: Self, _names: &Names, _calendar: &Calendar, _path: &str, _issues: &mut Vec<Issue>) -> Option<Self> {
        Some(def)
    }

    fn to_def(&self, _problem: &Entities) -> Self {
        self.clone()
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        // Courses present in each slot, with the entries that put them there.
        let mut present: Vec<Vec<(CourseId, usize)>> = vec![Vec::new(); calendar.n_slots()];
        for (entry_idx, entry) in view.entries.iter().enumerate() {
            for slot in view.covered_slots(entry) {
                present[slot.index()].push((entry.course, entry_idx));
            }
        }
        for (slot_idx, list) in present.iter_mut().enumerate() {
            list.sort_unstable();
            let slot = view.slot(slot_idx);
            for (i, &(course, entry_idx)) in list.iter().enumerate() {
                if i > 0 && list[i - 1].0 == course {
                    let name = &problem.course(course).name;
                    sink.add(
                        1,
                        view.lessons_of(&[list[i - 1].1, entry_idx]),
                        vec![slot],
                        vec![Resource::Course(course)],
                        format!("course {name} has two lessons at {}", calendar.slot_label(slot)),
                    );
                }
            }
            let mut distinct: Vec<(CourseId, usize)> = list.clone();
            distinct.dedup_by_key(|(c, _)| *c);
            for (i, &(a, ea)) in distinct.iter().enumerate() {
                let course_a = problem.course(a);
                for &(b, eb) in &distinct[i + 1..] {
                    let course_b = problem.course(b);
                    if !course_a.shares_resource_with(course_b) {
                        continue;
                    }
                    let mut resources = vec![Resource::Course(a), Resource::Course(b)];
                    let mut shared = Vec::new();
                    for t in course_a.teachers.iter().filter(|t| course_b.teachers.contains(t)) {
                        resources.push(Resource::Teacher(*t));
                        shared.push(format!("teacher {}", problem.teacher(*t).name));
                    }
                    for g in course_a.groups.iter().filter(|g| course_b.groups.contains(g)) {
                        resources.push(Resource::Group(*g));
                        shared.push(format!("group {}", problem.group(*g).name));
                    }
                    let message = format!(
                        "courses {} and {} both meet at {} but share {}",
                        course_a.name,
                        course_b.name,
                        calendar.slot_label(slot),
                        shared.join(", ")
                    );
                    sink.add(1, view.lessons_of(&[ea, eb]), vec![slot], resources, message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Conflicts;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::{Constraint, Kind, Level};

    #[test]
    fn resolves_without_parameters_and_rejects_unknown_ones() {
        let problem = school_with(r#"{"kind": "conflicts", "level": "hard"}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::Conflicts(Conflicts {}));
        assert_eq!(problem.constraints()[0].level, Level::Hard);
        let issues = school_issues(r#"{"kind": "conflicts", "level": "hard", "max": 1}"#);
        assert_eq!(issues.len(), 1);
        assert!(issues[0].1.contains("unknown field `max`"), "{issues:?}");
    }

    #[test]
    fn courses_sharing_nothing_or_only_related_groups_do_not_conflict() {
        let problem = school_with(r#"{"kind": "conflicts", "level": "hard"}"#);
        // Math (Ann, A) and Fr (Cy, A1) share no teacher and name no common group: ITC-2007's
        // relation ignores the hierarchy. Math and Bio share Ann but meet one after the other.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Fr", 0, 0, 0, Some("R2")), ("Bio", 1, 0, 1, Some("R1"))]);
        assert_eq!(found(&problem, &t, Kind::Conflicts), vec![]);
    }

    #[test]
    fn one_unit_per_pair_sharing_a_resource_and_per_extra_lesson_of_a_course() {
        let problem = school_with(r#"{"kind": "conflicts", "level": "hard"}"#);
        let t = place(
            &problem,
            &[
                // Mon 0: two lessons of Math, and Art, which shares group A with Math.
                ("Math", 0, 0, 0, Some("R1")),
                ("Math", 1, 0, 0, Some("R2")),
                ("Art", 0, 0, 0, Some("Gym")),
                // Bio's double from Tue 1 covers Tue 2, where Math meets: they share Ann.
                ("Bio", 0, 1, 1, Some("R1")),
                ("Math", 2, 1, 2, Some("R2")),
                // Art and Bio share nothing.
                ("Art", 1, 1, 1, Some("R2")),
            ],
        );
        assert_eq!(
            found(&problem, &t, Kind::Conflicts),
            vec![
                (1, hard(1), "course Math has two lessons at Mon period 0".to_owned()),
                (1, hard(1), "courses Math and Art both meet at Mon period 0 but share group A".to_owned()),
                (1, hard(1), "courses Math and Bio both meet at Tue period 2 but share teacher Ann".to_owned()),
            ]
        );
    }

    #[test]
    fn a_soft_level_weighs_each_unit() {
        let problem = school_with(r#"{"kind": "conflicts", "level": {"soft": 3}}"#);
        let t = place(&problem, &[("Math", 0, 2, 3, Some("R1")), ("Bio", 1, 2, 3, Some("R2")), ("Art", 0, 2, 3, Some("Gym"))]);
        let v = found(&problem, &t, Kind::Conflicts);
        assert_eq!(v.iter().map(|(a, c, _)| (*a, *c)).collect::<Vec<_>>(), vec![(1, soft(3)), (1, soft(3))]);
        assert_eq!(crate::score(&problem, &t).of_kind(Kind::Conflicts), soft(6));
    }
}
