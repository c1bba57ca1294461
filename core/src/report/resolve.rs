//! A minimal-change re-solve's report: [`ResolveReport`].

use serde::{Deserialize, Serialize};

use crate::entities::Entities;
use crate::report::{LessonRef, SolveReport};
use crate::timetable::Placement;

/// A finished re-solve: the solve's report, whose score is the changed problem's alone (without
/// the cost of moves), and every lesson whose slot or room changed.
///
/// JSON: the fields of [`SolveReport`] and `"moved": [{"lesson": {"course": "Maths-5A", "lesson":
/// 0}, "from": {"day": 0, "period": 1, "room": "R1"}, "to": {"day": 2, "period": 0, "room": "R1"}}]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResolveReport {
    /// Status, statistics, score and timetable.
    #[serde(flatten)]
    pub solve: SolveReport,
    /// The lessons that moved, were newly placed (`from` is `null`) or were left unplaced (`to` is `null`).
    pub moved: Vec<MoveReport>,
}

/// One lesson that moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveReport {
    /// The lesson.
    pub lesson: LessonRef,
    /// Where it was; `null` when the old timetable did not place it.
    pub from: Option<PlaceRef>,
    /// Where it is; `null` when it is no longer placed.
    pub to: Option<PlaceRef>,
}

/// Where a lesson is: its start day and period, and its room (`null` for none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRef {
    /// Day, from 0.
    pub day: u16,
    /// Start period, from 0.
    pub period: u16,
    /// The room's name.
    pub room: Option<String>,
}

impl PlaceRef {
    /// A placement in `problem`, by name.
    pub fn new(problem: &Entities, p: Placement) -> Self {
        let calendar = problem.calendar();
        PlaceRef { day: calendar.day(p.slot), period: calendar.period(p.slot), room: p.room.map(|r| problem.room(r).name.clone()) }
    }
}
