//! `preferred_slots`: a teacher, group, room or course has its lessons in some slots only.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{Resource, Slot};
use crate::names::Names;

use super::unavailable::{resolve_resource, resolve_slots, resource_to_def, slots_to_def, ResourceRefDef, SlotDef};
use super::ConstraintKind;

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
