//! Deltas of `ordering` and `consecutive`, evaluated per lesson.
//!
//! `ordering` counts the other course's lessons a lesson is out of order with (courses have a
//! handful of lessons, so a scan is cheaper than any index). `consecutive` keeps, per pair and
//! slot, how many lessons of the first course end just before the slot on its day and how many
//! of the second start there.

use horarium_core::{CourseId, Problem};

use crate::compile::{Delta, Mult, UNPLACED};

#[derive(Clone, Copy)]
enum Role {
    First,
    Then,
}

#[derive(Clone, Copy)]
struct Link {
    pair: u32,
    role: Role,
}

pub(crate) struct Ordering {
    /// Per pair: the first and the second course, and the level.
    pairs: Vec<(CourseId, CourseId, Mult)>,
    course_links: Vec<Vec<Link>>,
}

impl Ordering {
    pub(crate) fn new(problem: &Problem) -> Self {
        Ordering { pairs: Vec::new(), course_links: vec![Vec::new(); problem.courses().len()] }
    }

    pub(crate) fn add(&mut self, first: CourseId, then: CourseId, mult: Mult) {
        add_pair(&mut self.course_links, self.pairs.len(), first, then);
        self.pairs.push((first, then, mult));
    }

    /// Pairs out of order that a lesson of `course` at `start` (lasting `length`) forms with the
    /// lessons of the other courses, as a cost; `lessons` gives each course's lesson range and
    /// `slot_of`/`length_of` where the others are.
    #[inline]
    pub(crate) fn cost(
        &self,
        course: usize,
        start: u16,
        length: u16,
        lessons: &[std::ops::Range<u32>],
        slot_of: &[u16],
        length_of: &[u16],
    ) -> Delta {
        let mut res = Delta::ZERO;
        for link in &self.course_links[course] {
            let (first, then, mult) = self.pairs[link.pair as usize];
            let mut n = 0;
            match link.role {
                Role::First => {
                    let end = u32::from(start) + u32::from(length);
                    for y in lessons[then.index()].clone() {
                        let s = slot_of[y as usize];
                        n += i64::from(s != UNPLACED && end > u32::from(s));
                    }
                }
                Role::Then => {
                    for x in lessons[first.index()].clone() {
                        let s = slot_of[x as usize];
                        n += i64::from(s != UNPLACED && u32::from(s) + u32::from(length_of[x as usize]) > u32::from(start));
                    }
                }
            }
            res += Delta::of(n, mult);
        }
        res
    }

    #[inline]
    pub(crate) fn involves(&self, course: usize) -> bool {
        !self.course_links[course].is_empty()
    }
}

pub(crate) struct Consecutive {
    n_slots: usize,
    periods_per_day: u16,
    mults: Vec<Mult>,
    course_links: Vec<Vec<Link>>,
}

pub(crate) struct ConsecutiveState {
    /// Per pair and slot: lessons of the first course ending just before the slot, on its day.
    first_end: Vec<u16>,
    /// Per pair and slot: lessons of the second course starting at the slot.
    then_start: Vec<u16>,
}

impl Consecutive {
    pub(crate) fn new(problem: &Problem) -> Self {
        let cal = problem.calendar();
        Consecutive {
            n_slots: cal.n_slots(),
            periods_per_day: cal.periods_per_day,
            mults: Vec::new(),
            course_links: vec![Vec::new(); problem.courses().len()],
        }
    }

    pub(crate) fn add(&mut self, first: CourseId, then: CourseId, mult: Mult) {
        add_pair(&mut self.course_links, self.mults.len(), first, then);
        self.mults.push(mult);
    }

    pub(crate) fn new_state(&self) -> ConsecutiveState {
        ConsecutiveState { first_end: vec![0; self.mults.len() * self.n_slots], then_start: vec![0; self.mults.len() * self.n_slots] }
    }

    /// A lesson of `course` at `start`, lasting `length`, is placed (`sign` 1) or removed (-1).
    #[inline]
    pub(crate) fn change(&self, state: &mut ConsecutiveState, course: usize, start: u16, length: u16, sign: i16) -> Delta {
        let mut res = Delta::ZERO;
        for link in &self.course_links[course] {
            let base = link.pair as usize * self.n_slots;
            let mult = self.mults[link.pair as usize];
            match link.role {
                Role::First => {
                    // A lesson ending at the end of its day precedes nothing.
                    if start % self.periods_per_day + length >= self.periods_per_day {
                        continue;
                    }
                    let t = base + usize::from(start + length);
                    let before = state.first_end[t];
                    state.first_end[t] = before.wrapping_add_signed(sign);
                    let after = state.first_end[t];
                    if (before == 0) != (after == 0) {
                        // The lessons of the second course starting at t gain or lose their predecessor.
                        let waiting = i64::from(state.then_start[t]);
                        res += Delta::of(if after > 0 { -waiting } else { waiting }, mult);
                    }
                }
                Role::Then => {
                    let t = base + usize::from(start);
                    state.then_start[t] = state.then_start[t].wrapping_add_signed(sign);
                    if state.first_end[t] == 0 {
                        res += Delta::of(i64::from(sign), mult);
                    }
                }
            }
        }
        res
    }
}

fn add_pair(course_links: &mut [Vec<Link>], pair: usize, first: CourseId, then: CourseId) {
    #[allow(clippy::cast_possible_truncation, reason = "constraint counts fit u32")]
    let pair = pair as u32;
    course_links[first.index()].push(Link { pair, role: Role::First });
    course_links[then.index()].push(Link { pair, role: Role::Then });
}
