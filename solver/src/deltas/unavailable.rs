//! Delta of `unavailable`: a table of the cost of each course and each room in each slot.
//!
//! `preferred_slots` is folded in too, as unavailability in the slots outside the preference.
//! Teacher and group unavailability are folded into the table of every course they take part in,
//! so the hot loop does one lookup per covered slot whatever the resource was.

use horarium_core::{Problem, Resource, Slot};

use crate::compile::{Delta, Mult};

pub(crate) struct Unavailable {
    n_slots: usize,
    course_slot: Vec<Delta>,
    room_slot: Vec<Delta>,
}

impl Unavailable {
    pub(crate) fn new(problem: &Problem) -> Self {
        let n_slots = problem.calendar().n_slots();
        Unavailable {
            n_slots,
            course_slot: vec![Delta::ZERO; n_slots * problem.courses().len()],
            room_slot: vec![Delta::ZERO; n_slots * problem.rooms().len()],
        }
    }

    pub(crate) fn add(&mut self, problem: &Problem, resource: Resource, slots: &[Slot], mult: Mult) {
        let one = Delta::of(1, mult);
        let mut mark_course = |c: usize| {
            for s in slots {
                self.course_slot[c * self.n_slots + s.index()] += one;
            }
        };
        match resource {
            Resource::Course(c) => mark_course(c.index()),
            Resource::Teacher(t) => {
                problem.courses().iter().enumerate().filter(|(_, course)| course.teachers.contains(&t)).for_each(|(c, _)| mark_course(c))
            }
            Resource::Group(g) => (0..problem.courses().len())
                .filter(|&c| problem.course_involves_group(horarium_core::CourseId::from_index(c), g))
                .for_each(&mut mark_course),
            Resource::Room(r) => {
                for s in slots {
                    self.room_slot[r.index() * self.n_slots + s.index()] += one;
                }
            }
        }
    }

    /// The cost of a lesson of `course` occupying `slot`.
    #[inline]
    pub(crate) fn course(&self, course: usize, slot: usize) -> Delta {
        self.course_slot[course * self.n_slots + slot]
    }

    /// The cost of a lesson occupying `room` in `slot`.
    #[inline]
    pub(crate) fn room(&self, room: usize, slot: usize) -> Delta {
        self.room_slot[room * self.n_slots + slot]
    }

    /// Whether a course may occupy a slot without a hard violation.
    #[inline]
    pub(crate) fn course_allows(&self, course: usize, slot: usize) -> bool {
        self.course_slot[course * self.n_slots + slot].hard == 0
    }
}
