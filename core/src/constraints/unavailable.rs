//! `unavailable`: a teacher, group, room or course cannot be used in some slots.

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, SlotDef};
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
    resolve_slot_list(defs, calendar, &format!("{path}.slots"), issues)
}

/// The slots of `defs`, sorted and each once; each one outside the calendar is an issue at
/// `field[k]`.
pub(crate) fn resolve_slot_list(defs: &[SlotDef], calendar: &Calendar, field: &str, issues: &mut Vec<Issue>) -> Vec<Slot> {
    let mut slots = Vec::with_capacity(defs.len());
    for (k, s) in defs.iter().enumerate() {
        match calendar.slot(s.day, s.period) {
            Some(slot) => slots.push(slot),
            None => issues.push(Issue::at_path(
                format!("{field}[{k}]"),
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

#[cfg(test)]
mod tests {
    use super::{ResourceRefDef, SlotDef, Unavailable, UnavailableDef};
    use crate::constraints::test_support::{first_def, found, hard, place, school_issues, school_with, soft};
    use crate::constraints::ConstraintDef;
    use crate::ids::{Resource, Slot, TeacherId};
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_the_resource_and_sorts_the_slots_without_repeats() {
        let problem = school_with(
            r#"{"kind": "unavailable", "level": "hard", "resource": {"teacher": "Bob"},
                "slots": [{"day": 1, "period": 2}, {"day": 0, "period": 1}, {"day": 1, "period": 2}]}"#,
        );
        // Bob is teacher 1; Tue 2 is slot 1 * 4 + 2 = 6, Mon 1 is slot 1.
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::Unavailable(Unavailable { resource: Resource::Teacher(TeacherId(1)), slots: vec![Slot(1), Slot(6)] })
        );
        assert_eq!(
            first_def(&problem),
            ConstraintDef::Unavailable(UnavailableDef {
                resource: ResourceRefDef::Teacher("Bob".to_owned()),
                slots: vec![SlotDef { day: 0, period: 1 }, SlotDef { day: 1, period: 2 }],
            })
        );
    }

    #[test]
    fn an_unknown_resource_or_a_slot_outside_the_week_is_an_issue_at_its_path() {
        let issues = school_issues(r#"{"kind": "unavailable", "level": "hard", "resource": {"teacher": "Zed"}, "slots": []}"#);
        assert_eq!(issues, vec![("constraints[0].resource".to_owned(), "unknown teacher \"Zed\"".to_owned())]);
        let issues = school_issues(
            r#"{"kind": "unavailable", "level": "hard", "resource": {"room": "Gym"},
                "slots": [{"day": 2, "period": 3}, {"day": 3, "period": 0}, {"day": 0, "period": 4}]}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0].slots[1]".to_owned(), "day 3 period 0 is outside the 3x4 calendar".to_owned()),
                ("constraints[0].slots[2]".to_owned(), "day 0 period 4 is outside the 3x4 calendar".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_lesson_and_period_on_a_teachers_unavailable_slot() {
        let problem = school_with(
            r#"{"kind": "unavailable", "level": "hard", "resource": {"teacher": "Ann"},
                "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]}"#,
        );
        // Nothing placed, or Ann's lessons elsewhere and Bob's in her slots: no violation.
        let free = place(&problem, &[("Math", 0, 0, 2, Some("R1")), ("Art", 0, 0, 0, Some("R1"))]);
        assert_eq!(found(&problem, &free, Kind::Unavailable), vec![]);
        // Math at Mon 0, and Bio's double from Mon 1 (covering Mon 1 and 2): one unit each.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 0, 1, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::Unavailable),
            vec![
                (1, hard(1), "teacher Ann is unavailable at Mon period 0, but course Math has a lesson then".to_owned()),
                (1, hard(1), "teacher Ann is unavailable at Mon period 1, but course Bio has a lesson then".to_owned()),
            ]
        );
        // A double covering both slots counts two units.
        let t = place(&problem, &[("Bio", 0, 0, 0, Some("R2"))]);
        assert_eq!(crate::score(&problem, &t).of_kind(Kind::Unavailable), hard(2));
    }

    #[test]
    fn a_group_is_busy_in_the_lessons_of_its_subgroups_and_of_the_groups_above() {
        let problem =
            school_with(r#"{"kind": "unavailable", "level": {"soft": 2}, "resource": {"group": "A"}, "slots": [{"day": 1, "period": 0}]}"#);
        // Fr (subgroup A1) and Sport (Y, above A) use A's students; Bio (B) does not.
        let t = place(&problem, &[("Fr", 0, 1, 0, Some("R1")), ("Sport", 0, 1, 0, None), ("Bio", 1, 1, 0, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::Unavailable),
            vec![
                (1, soft(2), "group A is unavailable at Tue period 0, but course Fr has a lesson then".to_owned()),
                (1, soft(2), "group A is unavailable at Tue period 0, but course Sport has a lesson then".to_owned()),
            ]
        );
    }

    #[test]
    fn a_room_or_a_course_is_unavailable_only_to_the_lessons_that_use_it() {
        let problem = school_with(
            r#"{"kind": "unavailable", "level": "hard", "resource": {"room": "Gym"}, "slots": [{"day": 2, "period": 3}]},
               {"kind": "unavailable", "level": "hard", "resource": {"course": "Art"}, "slots": [{"day": 2, "period": 3}]}"#,
        );
        let t = place(&problem, &[("Math", 0, 2, 3, Some("Gym")), ("Art", 0, 2, 3, Some("R1")), ("Fr", 0, 2, 3, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::Unavailable),
            vec![
                (1, hard(1), "room Gym is unavailable at Wed period 3, but course Math has a lesson then".to_owned()),
                (1, hard(1), "course Art is unavailable at Wed period 3, but course Art has a lesson then".to_owned()),
            ]
        );
    }
}
