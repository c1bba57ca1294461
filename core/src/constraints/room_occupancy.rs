//! `room_occupancy`: a room holds at most one lesson at a time.

use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::constraints::view::{Sink, View};
use crate::ids::Resource;

const SUMMARY: &str = "a room holds at most one lesson at a time; one unit per extra lesson";

/// A room holds at most one lesson in each slot.
///
/// The amount is the number of lessons beyond the first in each room and slot, as
/// ITC-2007 track 3 counts `RoomOccupancy`. `Hard` adds it to the hard total; `Soft(w)` adds `w` per unit.
///
/// ```json
/// {"kind": "room_occupancy", "level": "hard"}
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomOccupancy {}

impl ConstraintKind for RoomOccupancy {
    type Def = Self;
    const SUMMARY: &'static str = SUMMARY;
    const ITC2007: Option<&'static str> = Some("RoomOccupancy");

    fn resolve(def: Self, _names: &Names, _calendar: &Calendar, _path: &str, _issues: &mut Vec<Issue>) -> Option<Self> {
        Some(def)
    }

    fn to_def(&self, _problem: &Entities) -> Self {
        self.clone()
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let n_slots = problem.calendar().n_slots();
        let mut in_room: Vec<Vec<usize>> = vec![Vec::new(); n_slots * problem.rooms().len()];
        for (entry_idx, entry) in view.entries.iter().enumerate() {
            if let Some(room) = entry.room {
                for slot in view.covered_slots(entry) {
                    in_room[room.index() * n_slots + slot.index()].push(entry_idx);
                }
            }
        }
        for (cell, entries) in in_room.iter().enumerate() {
            if entries.len() < 2 {
                continue;
            }
            let room = crate::ids::RoomId::from_index(cell / n_slots);
            let slot = view.slot(cell % n_slots);
            let names: Vec<&str> = entries.iter().map(|&e| problem.course(view.entries[e].course).name.as_str()).collect();
            let message = format!(
                "room {} holds {} lessons at {} ({}); it can hold one",
                problem.room(room).name,
                entries.len(),
                problem.calendar().slot_label(slot),
                names.join(", ")
            );
            sink.add(entries.len() as u64 - 1, view.lessons_of(entries), vec![slot], vec![Resource::Room(room)], message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RoomOccupancy;
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with, soft};
    use crate::{Constraint, Kind};

    #[test]
    fn resolves_without_parameters_and_rejects_unknown_ones() {
        let problem = school_with(r#"{"kind": "room_occupancy", "level": "hard"}"#);
        assert_eq!(problem.constraints()[0].constraint, Constraint::RoomOccupancy(RoomOccupancy {}));
        let issues = school_issues(r#"{"kind": "room_occupancy", "level": "hard", "room": "R1"}"#);
        assert_eq!(issues.len(), 1);
        assert!(issues[0].1.contains("unknown field `room`"), "{issues:?}");
    }

    #[test]
    fn different_rooms_adjacent_periods_and_lessons_without_a_room_never_share() {
        let problem = school_with(r#"{"kind": "room_occupancy", "level": "hard"}"#);
        let t = place(
            &problem,
            &[
                ("Math", 0, 0, 0, Some("R1")),
                ("Art", 0, 0, 0, Some("R2")),
                // Bio's double covers Wed 0 and 1; De follows it in the Gym at Wed 2.
                ("Bio", 0, 2, 0, Some("Gym")),
                ("De", 0, 2, 2, Some("Gym")),
                ("Sport", 0, 0, 0, None),
            ],
        );
        assert_eq!(found(&problem, &t, Kind::RoomOccupancy), vec![]);
    }

    #[test]
    fn one_unit_per_lesson_beyond_the_first_in_a_room_and_period() {
        let problem = school_with(r#"{"kind": "room_occupancy", "level": "hard"}"#);
        let t = place(
            &problem,
            &[
                ("Math", 0, 0, 0, Some("R1")),
                ("Art", 0, 0, 0, Some("R1")),
                ("Math", 1, 1, 3, Some("R2")),
                ("Art", 1, 1, 3, Some("R2")),
                ("Fr", 0, 1, 3, Some("R2")),
                // Bio's double from Wed 0 covers Wed 1, where De is in the same room.
                ("Bio", 0, 2, 0, Some("Gym")),
                ("De", 0, 2, 1, Some("Gym")),
            ],
        );
        assert_eq!(
            found(&problem, &t, Kind::RoomOccupancy),
            vec![
                (1, hard(1), "room R1 holds 2 lessons at Mon period 0 (Math, Art); it can hold one".to_owned()),
                (2, hard(2), "room R2 holds 3 lessons at Tue period 3 (Math, Art, Fr); it can hold one".to_owned()),
                (1, hard(1), "room Gym holds 2 lessons at Wed period 1 (Bio, De); it can hold one".to_owned()),
            ]
        );
    }

    #[test]
    fn a_soft_level_weighs_each_extra_lesson() {
        let problem = school_with(r#"{"kind": "room_occupancy", "level": {"soft": 4}}"#);
        let t = place(&problem, &[("Math", 0, 1, 1, Some("R1")), ("Art", 0, 1, 1, Some("R1")), ("Fr", 0, 1, 1, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::RoomOccupancy),
            vec![(2, soft(8), "room R1 holds 3 lessons at Tue period 1 (Math, Art, Fr); it can hold one".to_owned())]
        );
    }
}
