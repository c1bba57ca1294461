//! A timetable: where and when each lesson of a problem takes place.
//!
//! A timetable is built for one problem and is only meaningful with it. Lessons may be
//! unplaced (the scorer counts them), and a timetable read from a file may hold *surplus*
//! lessons: entries for a course beyond its planned number of lessons. Keeping them, rather
//! than dropping them, lets the scorer count them exactly as the ITC-2007 validator does.

use crate::entities::Entities;
use crate::ids::{CourseId, LessonId, RoomId, Slot};

/// When and where one lesson takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Placement {
    /// The slot the lesson starts in.
    pub slot: Slot,
    /// The room, or `None` for a lesson held without one.
    pub room: Option<RoomId>,
}

/// A lesson found in an input beyond its course's planned number of lessons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SurplusLesson {
    /// The course.
    pub course: CourseId,
    /// Where and when.
    pub placement: Placement,
}

/// The placement of every lesson of a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timetable {
    placements: Vec<Option<Placement>>,
    surplus: Vec<SurplusLesson>,
    n_slots: usize,
    n_rooms: usize,
}

/// A placement that does not exist in the timetable's problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("placement outside the problem: lesson {lesson:?}, slot {slot:?}, room {room:?}")]
pub struct OutOfRange {
    /// The lesson (or, for a surplus lesson, its course's first lesson).
    pub lesson: LessonId,
    /// The slot.
    pub slot: Slot,
    /// The room.
    pub room: Option<RoomId>,
}

impl Timetable {
    /// A timetable for `problem` with every lesson unplaced.
    pub fn new(problem: &Entities) -> Self {
        Self {
            placements: vec![None; problem.lessons().len()],
            surplus: Vec::new(),
            n_slots: problem.calendar().n_slots(),
            n_rooms: problem.rooms().len(),
        }
    }

    /// Places `lesson`, or unplaces it with `None`.
    ///
    /// Fails, changing nothing, when the lesson, slot or room does not exist in the problem.
    pub fn set(&mut self, lesson: LessonId, placement: Option<Placement>) -> Result<(), OutOfRange> {
        if let Some(p) = placement {
            self.check(lesson, p)?;
        }
        match self.placements.get_mut(lesson.index()) {
            Some(cell) => {
                *cell = placement;
                Ok(())
            }
            None => Err(OutOfRange { lesson, slot: Slot(0), room: None }),
        }
    }

    /// Records a lesson beyond its course's planned number.
    pub fn push_surplus(&mut self, surplus: SurplusLesson) -> Result<(), OutOfRange> {
        self.check(LessonId(0), surplus.placement)?;
        self.surplus.push(surplus);
        Ok(())
    }

    fn check(&self, lesson: LessonId, p: Placement) -> Result<(), OutOfRange> {
        if p.slot.index() >= self.n_slots || p.room.is_some_and(|r| r.index() >= self.n_rooms) {
            return Err(OutOfRange { lesson, slot: p.slot, room: p.room });
        }
        Ok(())
    }

    /// The placement of `lesson`, or `None` when it is unplaced.
    pub fn get(&self, lesson: LessonId) -> Option<Placement> {
        self.placements[lesson.index()]
    }

    /// All placements, indexed by [`LessonId`].
    pub fn placements(&self) -> &[Option<Placement>] {
        &self.placements
    }

    /// Lessons beyond their course's planned number, in input order.
    pub fn surplus(&self) -> &[SurplusLesson] {
        &self.surplus
    }

    /// Number of lessons without a placement.
    pub fn n_unplaced(&self) -> usize {
        self.placements.iter().filter(|p| p.is_none()).count()
    }
}
