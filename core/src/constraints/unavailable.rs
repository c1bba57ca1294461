//! `unavailable`: a teacher, group, room or course cannot be used in some slots.

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{Resource, Slot};
use crate::names::Names;

const SUMMARY: &str = "no lesson uses a teacher, group, room or course in a slot where it is unavailable; one unit per lesson and slot";

/// A resource is unavailable in some slots: no lesson that uses it may occupy them.
///
/// The amount is one for each lesson and each of its periods that falls on an unavailable slot,
/// as ITC-2007 track 3 counts `Availability` (there for courses, always hard). XHSTT calls it
/// AvoidUnavailableTimes; FET "not available times".
///
/// ```json
/// {"kind": "unavailable", "level": "hard", "resource": {"teacher": "Smith"},
///  "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unavailable {
    /// Who or what is unavailable.
    pub resource: Resource,
    /// The unavailable slots, sorted and without repeats.
    pub slots: Vec<Slot>,
}

/// A resource named in the serde model: `{"teacher": "Smith"}`, `{"group": "5A"}`, `{"room": "Gym"}` or `{"course": "c01"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResourceRefDef {
    /// A teacher by name.
    Teacher(String),
    /// A group by name.
    Group(String),
    /// A room by name.
    Room(String),
    /// A course by name.
    Course(String),
}

/// A slot in the serde model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlotDef {
    /// Day, from 0.
    pub day: u16,
    /// Period of the day, from 0.
    pub period: u16,
}

/// [`Unavailable`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnavailableDef {
    /// Who or what is unavailable.
    pub resource: ResourceRefDef,
    /// The unavailable slots.
    pub slots: Vec<SlotDef>,
}

impl ConstraintKind for Unavailable {
    type Def = UnavailableDef;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("Availability");

    fn resolve(def: UnavailableDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let resource = resolve_resource(&def.resource, names, &format!("{path}.resource"), issues)?;
        Some(Unavailable { resource, slots: resolve_slots(&def.slots, calendar, path, issues) })
    }

    fn to_def(&self, problem: &Entities) -> UnavailableDef {
        UnavailableDef { resource: resource_to_def(self.resource, problem), slots: slots_to_def(&self.slots, problem.calendar()) }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let mut blocked = vec![false; calendar.n_slots()];
        for s in &self.slots {
            blocked[s.index()] = true;
        }
        let (what, name) = view.describe(self.resource);
        for (entry_idx, entry) in view.entries.iter().enumerate() {
            if !view.uses(entry, self.resource) {
                continue;
            }
            for slot in view.covered_slots(entry) {
                if blocked[slot.index()] {
                    let course = &problem.course(entry.course).name;
                    let message =
                        format!("{what} {name} is unavailable at {}, but course {course} has a lesson then", calendar.slot_label(slot));
                    sink.add(1, view.lessons_of(&[entry_idx]), vec![slot], vec![self.resource], message);
                }
            }
        }
    }
}

/// Resolves a named resource; records an issue at `path` when the name is unknown.
pub(crate) fn resolve_resource(def: &ResourceRefDef, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Option<Resource> {
    Some(match def {
        ResourceRefDef::Teacher(n) => Resource::Teacher(names.teacher(n, path, issues)?),
        ResourceRefDef::Group(n) => Resource::Group(names.group(n, path, issues)?),
        ResourceRefDef::Room(n) => Resource::Room(names.room(n, path, issues)?),
        ResourceRefDef::Course(n) => Resource::Course(names.course(n, path, issues)?),
    })
}

pub(crate) fn resource_to_def(resource: Resource, problem: &Entities) -> ResourceRefDef {
    match resource {
        Resource::Teacher(t) => ResourceRefDef::Teacher(problem.teacher(t).name.clone()),
        Resource::Group(g) => ResourceRefDef::Group(problem.group(g).name.clone()),
        Resource::Room(r) => ResourceRefDef::Room(problem.room(r).name.clone()),
        Resource::Course(c) => ResourceRefDef::Course(problem.course(c).name.clone()),
    }
}

/// Resolves `{day, period}` pairs into sorted slots without repeats; records an issue per slot
/// outside the calendar, at `path.slots[k]`.
pub(crate) fn resolve_slots(defs: &[SlotDef], calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Vec<Slot> {
    let mut slots = Vec::with_capacity(defs.len());
    for (k, s) in defs.iter().enumerate() {
        match calendar.slot(s.day, s.period) {
            Some(slot) => slots.push(slot),
            None => issues.push(Issue::at_path(
                format!("{path}.slots[{k}]"),
                format!("day {} period {} is outside the {}x{} calendar", s.day, s.period, calendar.days, calendar.periods_per_day),
            )),
        }
    }
    slots.sort_unstable();
    slots.dedup();
    slots
}

pub(crate) fn slots_to_def(slots: &[Slot], calendar: &Calendar) -> Vec<SlotDef> {
    slots.iter().map(|&s| SlotDef { day: calendar.day(s), period: calendar.period(s) }).collect()
}
