//! The slot-costs layer, shared by `unavailable` and `preferred_slots`: a table of the cost of
//! each course and each room in each slot.
//!
//! A constraint on a teacher or a group is folded into the table of every course it takes part
//! in, so the hot loop does one lookup per covered slot whatever the resource was.

use horarium_core::{Problem, Resource, Slot};

use crate::cost::{Delta, Mult};

pub(crate) struct SlotCosts {
    n_slots: usize,
    n_courses: usize,
    n_rooms: usize,
    /// Per course and slot, and per room and slot: the cost; empty until the first `add`.
    course_slot: Vec<Delta>,
    room_slot: Vec<Delta>,
}

impl SlotCosts {
    /// An all-zero table; it takes no memory until [`SlotCosts::add`].
    pub(crate) fn new(problem: &Problem) -> Self {
        let n_slots = problem.calendar().n_slots();
        SlotCosts {
            n_slots,
            n_courses: problem.courses().len(),
            n_rooms: problem.rooms().len(),
            course_slot: Vec::new(),
            room_slot: Vec::new(),
        }
    }

    /// Adds the cost `mult` of `resource` being busy in each of `slots`.
    pub(crate) fn add(&mut self, problem: &Problem, resource: Resource, slots: &[Slot], mult: Mult) {
        if self.course_slot.is_empty() {
            self.course_slot = vec![Delta::ZERO; self.n_slots * self.n_courses];
            self.room_slot = vec![Delta::ZERO; self.n_slots * self.n_rooms];
        }
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

    /// A table allocated at once, so that [`SlotCosts::course`] and [`SlotCosts::room`] may be
    /// read without asking [`SlotCosts::is_active`].
    pub(crate) fn allocated(problem: &Problem) -> Self {
        let mut costs = SlotCosts::new(problem);
        costs.course_slot = vec![Delta::ZERO; costs.n_slots * costs.n_courses];
        costs.room_slot = vec![Delta::ZERO; costs.n_slots * costs.n_rooms];
        costs
    }

    /// Whether some constraint was added: until then every cost is zero and the tables are empty,
    /// so the lookups below must not be made.
    #[inline]
    pub(crate) fn is_active(&self) -> bool {
        !self.course_slot.is_empty()
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
