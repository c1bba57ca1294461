//! `keep_placements`: lessons stay where an earlier timetable put them (minimal-change re-solve).

use super::ConstraintKind;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::{LessonId, Resource, RoomId, Slot};
use crate::names::Names;
use crate::timetable::Timetable;

const SUMMARY: &str = "lessons keep the slot and room of an earlier timetable; one unit per lesson moved";

/// Each listed lesson keeps its start slot and room from an earlier timetable.
///
/// The amount is the number of listed lessons not at their old slot and room (a lesson left
/// unplaced counts as moved). A re-solve after a change (a teacher absent, a room closed) adds
/// this constraint with a soft weight, the cost of moving one lesson, so the search changes as
/// little as the new situation requires. `horarium resolve` writes it for you.
///
/// ```json
/// {"kind": "keep_placements", "level": {"soft": 10},
///  "placements": [{"course": "Maths-5A", "lesson": 0, "day": 0, "period": 1, "room": "R-5A"}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeepPlacements {
    /// Lessons and where they were: start slot and room (`None` for a lesson without a room).
    pub placements: Vec<(LessonId, Slot, Option<RoomId>)>,
}

/// One kept lesson in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeptDef {
    /// Course name.
    pub course: String,
    /// Which lesson of the course, from 0.
    pub lesson: u32,
    /// Day, from 0.
    pub day: u16,
    /// Start period, from 0.
    pub period: u16,
    /// Room name; absent for a lesson without a room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
}

/// [`KeepPlacements`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeepPlacementsDef {
    /// The lessons to keep in place.
    pub placements: Vec<KeptDef>,
}

impl KeepPlacements {
    /// Every placed lesson of `timetable`, to be kept where it is.
    pub fn of(timetable: &Timetable) -> Self {
        let placements =
            timetable.placements().iter().enumerate().filter_map(|(l, p)| p.map(|p| (LessonId::from_index(l), p.slot, p.room))).collect();
        KeepPlacements { placements }
    }
}

impl ConstraintKind for KeepPlacements {
    type Def = KeepPlacementsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: KeepPlacementsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let mut placements = Vec::with_capacity(def.placements.len());
        let mut seen = std::collections::HashSet::new();
        let before = issues.len();
        for (k, p) in def.placements.iter().enumerate() {
            let item = format!("{path}.placements[{k}]");
            let Some(lesson) = names.lesson(&p.course, p.lesson, &item, issues) else { continue };
            let Some(slot) = calendar.slot(p.day, p.period) else {
                issues.push(Issue::at_path(
                    item,
                    format!("day {} period {} is outside the {}x{} calendar", p.day, p.period, calendar.days, calendar.periods_per_day),
                ));
                continue;
            };
            let room = match &p.room {
                Some(name) => match names.room(name, &format!("{item}.room"), issues) {
                    Some(room) => Some(room),
                    None => continue,
                },
                None => None,
            };
            if !seen.insert(lesson) {
                issues.push(Issue::at_path(item, format!("lesson {} of course {:?} is listed twice", p.lesson, p.course)));
                continue;
            }
            placements.push((lesson, slot, room));
        }
        (issues.len() == before).then_some(KeepPlacements { placements })
    }

    fn to_def(&self, problem: &Entities) -> KeepPlacementsDef {
        let cal = problem.calendar();
        let placements = self
            .placements
            .iter()
            .map(|&(lesson, slot, room)| KeptDef {
                course: problem.course_of(lesson).name.clone(),
                lesson: problem.lesson(lesson).index_in_course,
                day: cal.day(slot),
                period: cal.period(slot),
                room: room.map(|r| problem.room(r).name.clone()),
            })
            .collect();
        KeepPlacementsDef { placements }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let room_name = |r: Option<RoomId>| r.map_or_else(|| "no room".to_owned(), |r| format!("room {}", problem.room(r).name));
        for &(lesson, slot, room) in &self.placements {
            let now = view.timetable.get(lesson);
            if now.is_some_and(|p| p.slot == slot && p.room == room) {
                continue;
            }
            let course = problem.course_of(lesson);
            let was = format!("{} in {}", calendar.slot_label(slot), room_name(room));
            let message = match now {
                Some(p) => format!(
                    "lesson {} of course {} moved from {was} to {} in {}",
                    problem.lesson(lesson).index_in_course + 1,
                    course.name,
                    calendar.slot_label(p.slot),
                    room_name(p.room)
                ),
                None => format!(
                    "lesson {} of course {} was at {was} and is no longer placed",
                    problem.lesson(lesson).index_in_course + 1,
                    course.name
                ),
            };
            let mut slots = vec![slot];
            slots.extend(now.map(|p| p.slot));
            sink.add(1, vec![lesson], slots, vec![Resource::Course(problem.lesson(lesson).course)], message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::KeepPlacements;
    use crate::constraints::test_support::{found, lesson, place, school_issues, school_with, soft};
    use crate::ids::{RoomId, Slot};
    use crate::{Constraint, Kind};

    const KEEP: &str = r#"{"kind": "keep_placements", "level": {"soft": 10}, "placements": [
        {"course": "Math", "lesson": 0, "day": 0, "period": 1, "room": "R1"},
        {"course": "Sport", "lesson": 0, "day": 1, "period": 0}]}"#;

    #[test]
    fn resolves_each_lesson_with_its_slot_and_room() {
        let problem = school_with(KEEP);
        // Math's lesson 0 is lesson 0; Sport's is lesson 11; Mon 1 is slot 1 and Tue 0 slot 4.
        assert_eq!(
            problem.constraints()[0].constraint,
            Constraint::KeepPlacements(KeepPlacements {
                placements: vec![(lesson(&problem, "Math", 0), Slot(1), Some(RoomId(0))), (lesson(&problem, "Sport", 0), Slot(4), None)]
            })
        );
        assert_eq!(lesson(&problem, "Sport", 0).index(), 11);
    }

    #[test]
    fn every_bad_placement_is_an_issue_at_its_path() {
        let issues = school_issues(
            r#"{"kind": "keep_placements", "level": {"soft": 1}, "placements": [
                {"course": "Chem", "lesson": 0, "day": 0, "period": 0},
                {"course": "Math", "lesson": 3, "day": 0, "period": 0},
                {"course": "Math", "lesson": 0, "day": 3, "period": 0},
                {"course": "Art", "lesson": 1, "day": 0, "period": 0},
                {"course": "Art", "lesson": 1, "day": 1, "period": 0}]}"#,
        );
        assert_eq!(
            issues,
            vec![
                ("constraints[0].placements[0].course".to_owned(), "unknown course \"Chem\"".to_owned()),
                ("constraints[0].placements[1].lesson".to_owned(), "course \"Math\" has 3 lessons; lesson 3 does not exist".to_owned()),
                ("constraints[0].placements[2]".to_owned(), "day 3 period 0 is outside the 3x4 calendar".to_owned()),
                ("constraints[0].placements[4]".to_owned(), "lesson 1 of course \"Art\" is listed twice".to_owned()),
            ]
        );
        let issues = school_issues(
            r#"{"kind": "keep_placements", "level": {"soft": 1}, "placements": [
                {"course": "Math", "lesson": 1, "day": 0, "period": 0, "room": "R9"},
                {"course": "Chem", "lesson": 0, "day": 0, "period": 0}]}"#,
        );
        // An unknown room does not hide the issues of the placements after it.
        assert_eq!(
            issues,
            vec![
                ("constraints[0].placements[0].room".to_owned(), "unknown room \"R9\"".to_owned()),
                ("constraints[0].placements[1].course".to_owned(), "unknown course \"Chem\"".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_lesson_not_at_its_old_slot_and_room() {
        let problem = school_with(KEEP);
        let kept = place(&problem, &[("Math", 0, 0, 1, Some("R1")), ("Sport", 0, 1, 0, None), ("Math", 1, 2, 2, Some("Gym"))]);
        assert_eq!(found(&problem, &kept, Kind::KeepPlacements), vec![]);
        // Math keeps its slot but changes room; Sport is left unplaced.
        let t = place(&problem, &[("Math", 0, 0, 1, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::KeepPlacements),
            vec![
                (1, soft(10), "lesson 1 of course Math moved from Mon period 1 in room R1 to Mon period 1 in room R2".to_owned()),
                (1, soft(10), "lesson 1 of course Sport was at Tue period 0 in no room and is no longer placed".to_owned()),
            ]
        );
        let t = place(&problem, &[("Math", 0, 1, 0, Some("R1")), ("Sport", 0, 1, 0, None)]);
        assert_eq!(
            found(&problem, &t, Kind::KeepPlacements),
            vec![(1, soft(10), "lesson 1 of course Math moved from Mon period 1 in room R1 to Tue period 0 in room R1".to_owned())]
        );
    }

    #[test]
    fn of_keeps_every_placed_lesson_and_costs_nothing_on_its_own_timetable() {
        let problem = school_with("");
        let t = place(&problem, &[("Art", 1, 2, 3, Some("R2")), ("Sport", 0, 0, 0, None)]);
        let keep = KeepPlacements::of(&t);
        assert_eq!(
            keep.placements,
            vec![(lesson(&problem, "Art", 1), Slot(11), Some(RoomId(1))), (lesson(&problem, "Sport", 0), Slot(0), None)]
        );
        let anchored = problem.with_constraint(crate::Level::Hard, Constraint::KeepPlacements(keep));
        assert_eq!(found(&anchored, &t, Kind::KeepPlacements), vec![]);
        assert_eq!(crate::score(&anchored, &place(&problem, &[])).of_kind(Kind::KeepPlacements).hard, 2);
    }
}
