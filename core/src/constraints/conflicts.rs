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
