//! `preferred_slots`: a teacher, group, room or course has its lessons in some slots only.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{Resource, Slot};
use crate::names::Names;

use super::unavailable::{resolve_resource, resolve_slots, resource_to_def, slots_to_def, ResourceRefDef};
use super::ConstraintKind;
use crate::calendar::SlotDef;

const SUMMARY: &str =
    "lessons that use a teacher, group, room or course fall in its preferred slots; one unit per lesson and period outside them";

/// The lessons that use a resource fall in its preferred slots.
///
/// The amount is one for each lesson and each of its periods outside the preferred slots. It is
/// the complement of `unavailable`, handy when the allowed times are the shorter list (a part-time
/// teacher's mornings). For a group, lessons of its subgroups and of the groups it belongs to count too.
/// XHSTT calls it PreferTimes.
///
/// ```json
/// {"kind": "preferred_slots", "level": {"soft": 1}, "resource": {"teacher": "Jones"},
///  "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreferredSlots {
    /// Who or what has the preference.
    pub resource: Resource,
    /// The preferred slots, sorted and without repeats.
    pub slots: Vec<Slot>,
}

/// [`PreferredSlots`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferredSlotsDef {
    /// Who or what has the preference.
    pub resource: ResourceRefDef,
    /// The preferred slots.
    pub slots: Vec<SlotDef>,
}

impl PreferredSlots {
    /// The slots outside the preference.
    pub fn other_slots(&self, calendar: &Calendar) -> Vec<Slot> {
        calendar.slots().filter(|s| self.slots.binary_search(s).is_err()).collect()
    }
}

impl ConstraintKind for PreferredSlots {
    type Def = PreferredSlotsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: PreferredSlotsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let resource = resolve_resource(&def.resource, names, &format!("{path}.resource"), issues)?;
        Some(PreferredSlots { resource, slots: resolve_slots(&def.slots, calendar, path, issues) })
    }

    fn to_def(&self, problem: &Entities) -> PreferredSlotsDef {
        PreferredSlotsDef { resource: resource_to_def(self.resource, problem), slots: slots_to_def(&self.slots, problem.calendar()) }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let (what, name) = view.describe(self.resource);
        for (entry_idx, entry) in view.entries.iter().enumerate() {
            if !view.uses(entry, self.resource) {
                continue;
            }
            for slot in view.covered_slots(entry) {
                if self.slots.binary_search(&slot).is_err() {
                    let course = &problem.course(entry.course).name;
                    let message = format!(
                        "{what} {name} would rather not have a lesson at {}, but course {course} meets then",
                        calendar.slot_label(slot)
                    );
                    sink.add(1, view.lessons_of(&[entry_idx]), vec![slot], vec![self.resource], message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PreferredSlots;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::ids::{CourseId, Resource, Slot};
    use crate::{Calendar, Constraint, Kind};

    #[test]
    fn resolves_the_resource_and_the_slots_and_knows_the_others() {
        let problem = school_with(
            r#"{"kind": "preferred_slots", "level": {"soft": 1}, "resource": {"course": "Art"},
                "slots": [{"day": 2, "period": 3}, {"day": 0, "period": 0}]}"#,
        );
        let expected = PreferredSlots { resource: Resource::Course(CourseId(1)), slots: vec![Slot(0), Slot(11)] };
        assert_eq!(problem.constraints()[0].constraint, Constraint::PreferredSlots(expected.clone()));
        let others = expected.other_slots(&Calendar::new(3, 4));
        assert_eq!(others, (1..11).map(Slot).collect::<Vec<_>>());
    }

    #[test]
    fn an_unknown_resource_or_a_slot_outside_the_week_is_an_issue_at_its_path() {
        let issues = school_issues(r#"{"kind": "preferred_slots", "level": "hard", "resource": {"room": "R9"}, "slots": []}"#);
        assert_eq!(issues, vec![("constraints[0].resource".to_owned(), "unknown room \"R9\"".to_owned())]);
        let issues = school_issues(
            r#"{"kind": "preferred_slots", "level": "hard", "resource": {"group": "A"}, "slots": [{"day": 0, "period": 4}]}"#,
        );
        assert_eq!(issues, vec![("constraints[0].slots[0]".to_owned(), "day 0 period 4 is outside the 3x4 calendar".to_owned())]);
    }

    #[test]
    fn one_unit_per_lesson_and_period_outside_a_teachers_preference() {
        let problem = school_with(
            r#"{"kind": "preferred_slots", "level": {"soft": 1}, "resource": {"teacher": "Cy"},
                "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]}"#,
        );
        let inside = place(&problem, &[("Fr", 0, 0, 0, Some("R1")), ("Fr", 1, 0, 1, Some("R1")), ("Math", 0, 2, 2, Some("R1"))]);
        assert_eq!(found(&problem, &inside, Kind::PreferredSlots), vec![]);
        let t = place(&problem, &[("Fr", 0, 0, 1, Some("R1")), ("Fr", 1, 1, 0, Some("R1")), ("Sport", 0, 0, 2, None)]);
        assert_eq!(
            found(&problem, &t, Kind::PreferredSlots),
            vec![
                (1, soft(1), "teacher Cy would rather not have a lesson at Tue period 0, but course Fr meets then".to_owned()),
                (1, soft(1), "teacher Cy would rather not have a lesson at Mon period 2, but course Sport meets then".to_owned()),
            ]
        );
    }

    #[test]
    fn each_period_of_a_double_outside_the_preference_counts_and_groups_follow_the_hierarchy() {
        let problem = school_with(
            r#"{"kind": "preferred_slots", "level": "hard", "resource": {"course": "Bio"}, "slots": [{"day": 0, "period": 0}]},
               {"kind": "preferred_slots", "level": {"soft": 2}, "resource": {"group": "A"},
                "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}]}"#,
        );
        // Bio's double from Mon 0 leaves its preference at Mon 1; Sport (Y, above A) on Tue is outside A's.
        let t = place(&problem, &[("Bio", 0, 0, 0, Some("R1")), ("Sport", 0, 1, 3, None), ("De", 0, 0, 3, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::PreferredSlots),
            vec![
                (1, hard(1), "course Bio would rather not have a lesson at Mon period 1, but course Bio meets then".to_owned()),
                (1, soft(2), "group A would rather not have a lesson at Tue period 3, but course Sport meets then".to_owned()),
            ]
        );
    }
}
