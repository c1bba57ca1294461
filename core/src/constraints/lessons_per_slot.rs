//! `lessons_per_slot`: in each of some slots, between a least and a most of some listed lessons take place.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::lesson_lists::{lessons_to_def, resolve_lessons, LessonDef};
use super::slot_groups::{is_zero, outside};
use super::unavailable::{resolve_slot_list, slots_to_def};
use super::ConstraintKind;
use crate::calendar::{Calendar, SlotDef};
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, Slot};
use crate::names::Names;

const SUMMARY: &str =
    "in each of some slots, between a least and a most of some listed lessons take place; one unit per lesson short or over in each slot";

/// In each listed slot, between `min` and `max` of the listed lessons take place (cover it).
///
/// "At most 17 of these 467 lessons at once", "at least 10 of a block's lessons in each of its
/// slots, or none" (`allow_empty`: a slot none of them covers costs nothing). The amount is, per
/// slot, the lessons short of `min` or beyond `max`. FET's "activities max / min simultaneous in
/// selected time slots".
///
/// ```json
/// {"kind": "lessons_per_slot", "level": "hard", "min": 2, "allow_empty": true,
///  "lessons": [{"course": "Block-A", "lesson": 0}, {"course": "Block-B", "lesson": 0}, {"course": "Block-C", "lesson": 0}],
///  "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonsPerSlot {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonId>,
    /// The slots, sorted, each once.
    pub slots: Vec<Slot>,
    /// Least listed lessons covering each slot.
    pub min: u16,
    /// Most listed lessons covering each slot; unbounded when `None`.
    pub max: Option<u16>,
    /// Whether a slot none of them covers is free of the least.
    pub allow_empty: bool,
}

/// [`LessonsPerSlot`] in the serde model; at least one of `min` and `max`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonsPerSlotDef {
    /// The lessons, at least one, each once.
    pub lessons: Vec<LessonDef>,
    /// The slots, at least one.
    pub slots: Vec<SlotDef>,
    /// Least listed lessons covering each slot. Default: 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min: u16,
    /// Most listed lessons covering each slot. Default: no most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u16>,
    /// Whether a slot none of them covers is free of the least. Default: false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_empty: bool,
}

impl LessonsPerSlot {
    /// Units of violation for a slot that `n` listed lessons cover.
    pub fn amount(&self, n: u32) -> u32 {
        if n == 0 && self.allow_empty {
            0
        } else {
            outside(n, self.min, self.max)
        }
    }
}

impl ConstraintKind for LessonsPerSlot {
    type Def = LessonsPerSlotDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: LessonsPerSlotDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let lessons = resolve_lessons(&def.lessons, 1, names, path, issues);
        if def.slots.is_empty() {
            issues.push(Issue::at_path(format!("{path}.slots"), "name at least one slot".to_owned()));
        }
        let slots = resolve_slot_list(&def.slots, calendar, &format!("{path}.slots"), issues);
        match def.max {
            None if def.min == 0 => issues.push(Issue::at_path(path.to_owned(), "give \"min\", \"max\" or both".to_owned())),
            Some(max) if max < def.min => {
                issues.push(Issue::at_path(format!("{path}.max"), format!("the most, {max}, is below the least, {}", def.min)));
            }
            _ => {}
        }
        (issues.len() == before).then_some(LessonsPerSlot { lessons, slots, min: def.min, max: def.max, allow_empty: def.allow_empty })
    }

    fn to_def(&self, problem: &Entities) -> LessonsPerSlotDef {
        LessonsPerSlotDef {
            lessons: lessons_to_def(problem, &self.lessons),
            slots: slots_to_def(&self.slots, problem.calendar()),
            min: self.min,
            max: self.max,
            allow_empty: self.allow_empty,
        }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let mut covering: Vec<Vec<LessonId>> = vec![Vec::new(); self.slots.len()];
        for &l in &self.lessons {
            let Some(p) = view.timetable.get(l) else { continue };
            for k in 0..problem.lesson(l).length {
                if let Ok(at) = self.slots.binary_search(&Slot(p.slot.0 + k)) {
                    covering[at].push(l);
                }
            }
        }
        for (&slot, lessons) in self.slots.iter().zip(covering) {
            let n = u32::try_from(lessons.len()).unwrap_or(u32::MAX);
            let amount = self.amount(n);
            if amount == 0 {
                continue;
            }
            let asked = match self.max {
                Some(max) if n > u32::from(max) => format!("at most {max}"),
                _ if self.allow_empty => format!("at least {}, or none,", self.min),
                _ => format!("at least {}", self.min),
            };
            let message = format!(
                "{n} of a list of {} lessons take place at {}; {asked} may",
                self.lessons.len(),
                problem.calendar().slot_label(slot)
            );
            let resources = lessons.iter().map(|&l| Resource::Course(problem.lesson(l).course)).collect();
            sink.add(u64::from(amount), lessons, vec![slot], resources, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with};
    use crate::Kind;

    const TWO_OR_NONE: &str = r#"{"kind": "lessons_per_slot", "level": "hard", "min": 2, "max": 2, "allow_empty": true,
        "lessons": [{"course": "Math", "lesson": 0}, {"course": "Bio", "lesson": 0}, {"course": "Fr", "lesson": 0}],
        "slots": [{"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 1, "period": 0}]}"#;

    #[test]
    fn refuses_no_bound_and_a_most_below_the_least() {
        let issues = school_issues(
            r#"{"kind": "lessons_per_slot", "level": "hard", "lessons": [{"course": "Math", "lesson": 0}], "slots": [{"day": 0, "period": 0}]},
               {"kind": "lessons_per_slot", "level": "hard", "min": 2, "max": 1, "lessons": [{"course": "Math", "lesson": 0}], "slots": []}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0]".to_owned(), "give \"min\", \"max\" or both".to_owned()),
                ("constraints[1].slots".to_owned(), "name at least one slot".to_owned()),
                ("constraints[1].max".to_owned(), "the most, 1, is below the least, 2".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_lesson_short_or_over_in_each_slot_and_none_allowed() {
        let problem = school_with(TWO_OR_NONE);
        // Mon 1: Math, Bio's double (Mon 1-2) and French: one over. Mon 2: Bio alone: one short. Tue 0: none.
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Bio", 0, 0, 1, Some("R2")), ("Fr", 0, 0, 1, Some("Gym"))]);
        assert_eq!(
            found(&problem, &t, Kind::LessonsPerSlot),
            vec![
                (1, hard(1), "3 of a list of 3 lessons take place at Mon period 1; at most 2 may".to_owned()),
                (1, hard(1), "1 of a list of 3 lessons take place at Mon period 2; at least 2, or none, may".to_owned()),
            ]
        );
    }
}
