//! `max_slots_used`: some lessons together occupy at most a number of some slots.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lessons_to_def, resolve_lessons, LessonDef};
use super::unavailable::{resolve_slot_list, slots_to_def};
use super::ConstraintKind;
use crate::calendar::{Calendar, SlotDef};
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, Slot};
use crate::names::Names;

const SUMMARY: &str = "some lessons together occupy at most a number of some slots; one unit per slot occupied beyond";

/// Of the slots listed, the listed lessons together occupy (cover with at least one period) at
/// most `max`: a subject's lessons in at most two of the afternoon periods, a staff's meetings in
/// at most one of the Friday slots. FET's "activities occupy max time slots from selection".
///
/// The amount is the number of listed slots some listed lesson covers, beyond `max`.
///
/// ```json
/// {"kind": "max_slots_used", "level": "hard", "max": 1,
///  "lessons": [{"course": "Science-6A", "lesson": 0}, {"course": "Science-6B", "lesson": 0}],
///  "slots": [{"day": 4, "period": 4}, {"day": 4, "period": 5}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaxSlotsUsed {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonId>,
    /// The slots, sorted, each once.
    pub slots: Vec<Slot>,
    /// Most of them occupied.
    pub max: u16,
}

/// [`MaxSlotsUsed`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaxSlotsUsedDef {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonDef>,
    /// The slots counted.
    pub slots: Vec<SlotDef>,
    /// Most of them occupied.
    pub max: u16,
}

impl ConstraintKind for MaxSlotsUsed {
    type Def = MaxSlotsUsedDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: MaxSlotsUsedDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 1, names, path, issues);
        let slots = resolve_slot_list(&def.slots, calendar, &format!("{path}.slots"), issues);
        (issues.len() == before).then_some(MaxSlotsUsed { lessons, slots, max: def.max })
    }

    fn to_def(&self, problem: &Entities) -> MaxSlotsUsedDef {
        MaxSlotsUsedDef {
            lessons: lessons_to_def(problem, &self.lessons),
            slots: slots_to_def(&self.slots, problem.calendar()),
            max: self.max,
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let mut occupied: Vec<Slot> = Vec::new();
        let mut lessons = Vec::new();
        for &lesson in &self.lessons {
            let Some(p) = view.timetable.get(lesson) else { continue };
            let covered = (0..problem.lesson(lesson).length).map(|k| Slot(p.slot.0 + k)).filter(|s| self.slots.binary_search(s).is_ok());
            let before = occupied.len();
            occupied.extend(covered);
            if occupied.len() > before {
                lessons.push(lesson);
            }
        }
        occupied.sort_unstable();
        occupied.dedup();
        if occupied.len() <= usize::from(self.max) {
            return;
        }
        let labels: Vec<String> = occupied.iter().map(|&s| calendar.slot_label(s)).collect();
        let message = format!(
            "{} lessons of a list occupy {} of its slots ({}); at most {} may be",
            lessons.len(),
            occupied.len(),
            labels.join(", "),
            self.max
        );
        let resources = lessons.iter().map(|&l| Resource::Course(problem.lesson(l).course)).collect();
        sink.add((occupied.len() - usize::from(self.max)) as u64, lessons, occupied, resources, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::constraints::test_support::{found, hard, place, school_with};
    use crate::Kind;

    #[test]
    fn one_unit_per_listed_slot_occupied_beyond_the_most() {
        let problem = school_with(
            r#"{"kind": "max_slots_used", "level": "hard", "max": 1,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Bio", "lesson": 0}, {"course": "Fr", "lesson": 0}],
                "slots": [{"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}]}"#,
        );
        // Math at Mon 1 and Fr at Mon 1 share one slot; Bio's double at Mon 2-3 takes two more.
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Fr", 0, 0, 1, Some("R2")), ("Bio", 0, 0, 2, Some("Gym"))]);
        assert_eq!(
            found(&problem, &t, Kind::MaxSlotsUsed),
            vec![(
                2,
                hard(2),
                "3 lessons of a list occupy 3 of its slots (Mon period 1, Mon period 2, Mon period 3); at most 1 may be".to_owned()
            )]
        );
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Fr", 0, 0, 1, Some("R2")), ("Bio", 0, 1, 2, Some("Gym"))]);
        assert_eq!(found(&problem, &t, Kind::MaxSlotsUsed), vec![]);
    }
}
