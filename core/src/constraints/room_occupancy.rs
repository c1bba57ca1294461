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
