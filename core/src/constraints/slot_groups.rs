//! Named sets of slots, what `spread`, `busy_groups` and `busy_per_group` count in.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::unavailable::{resolve_slot_list, slots_to_def};
use super::who::WhoDef;
use crate::calendar::{Calendar, SlotDef};
use crate::error::Issue;
use crate::ids::{LessonId, Slot};
use crate::timetable::Timetable;

/// A set of slots, with a name for explanations (a day, "first periods", "afternoons").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotGroup {
    /// Its name, when it has one.
    pub name: Option<String>,
    /// Its slots, sorted, each once.
    pub slots: Vec<Slot>,
}

/// [`SlotGroup`] in the serde model: `{"name": "Monday", "slots": [{"day": 0, "period": 0}, …]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlotGroupDef {
    /// A name for explanations. Default: the group is named by its slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The slots, at least one.
    pub slots: Vec<SlotDef>,
}

impl SlotGroup {
    /// The group of `def`, at `field`: an issue for a slot outside the calendar or no slot.
    pub(super) fn resolve(def: &SlotGroupDef, calendar: &Calendar, field: &str, issues: &mut Vec<Issue>) -> Self {
        if def.slots.is_empty() {
            issues.push(Issue::at_path(format!("{field}.slots"), "name at least one slot".to_owned()));
        }
        SlotGroup { name: def.name.clone(), slots: resolve_slot_list(&def.slots, calendar, &format!("{field}.slots"), issues) }
    }

    pub(super) fn to_def(&self, calendar: &Calendar) -> SlotGroupDef {
        SlotGroupDef { name: self.name.clone(), slots: slots_to_def(&self.slots, calendar) }
    }

    /// Of `lessons`, those placed in `timetable` to start in the group, in their order.
    pub(super) fn starting_in(&self, lessons: &[LessonId], timetable: &Timetable) -> Vec<LessonId> {
        lessons.iter().copied().filter(|&l| timetable.get(l).is_some_and(|p| self.slots.binary_search(&p.slot).is_ok())).collect()
    }

    /// "Mon" for a group named so; otherwise its slots, "Mon 1, Tue 1" (the first three and a
    /// count beyond).
    pub(super) fn describe(&self, calendar: &Calendar) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        let shown: Vec<String> = self.slots.iter().take(3).map(|&s| calendar.slot_label(s)).collect();
        match self.slots.len() {
            n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
            _ => shown.join(", "),
        }
    }
}

/// Resolves `defs` at `{path}.groups[k]`; an issue when there is none.
pub(super) fn resolve_groups(defs: &[SlotGroupDef], calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Vec<SlotGroup> {
    if defs.is_empty() {
        issues.push(Issue::at_path(format!("{path}.groups"), "name at least one group of slots".to_owned()));
    }
    defs.iter().enumerate().map(|(k, d)| SlotGroup::resolve(d, calendar, &format!("{path}.groups[{k}]"), issues)).collect()
}

/// How far `value` lies outside `[min, max]` (`max` unbounded when `None`).
pub(crate) fn outside(value: u32, min: u16, max: Option<u16>) -> u32 {
    u32::from(min).saturating_sub(value) + max.map_or(0, |m| value.saturating_sub(u32::from(m)))
}

/// `busy_groups` and `busy_per_group` in the serde model: whom, which groups of slots, and a
/// least and a most (of groups busy, or of busy slots per group busy at all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupLimitsDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// The groups of slots, at least one.
    pub groups: Vec<SlotGroupDef>,
    /// The least. Default: 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min: u16,
    /// The most. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u16>,
}

pub(super) fn is_zero(n: &u16) -> bool {
    *n == 0
}
