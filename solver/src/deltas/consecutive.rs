//! Delta of `consecutive`: per pair and slot, how many lessons of the first course end just
//! before the slot on its day and how many of the second start there.

use horarium_core::Problem;

use super::course_pairs::{add_pair, Link, Role};
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

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
    /// A lesson of `course` at `start`, lasting `length`, is placed (`sign` 1) or removed (-1).
    #[inline]
    fn change(&self, state: &mut ConsecutiveState, course: usize, start: u16, length: u16, sign: i16) -> Delta {
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

impl Mirror for Consecutive {
    type Constraint = horarium_core::constraints::Consecutive;
    type State = ConsecutiveState;

    fn new(problem: &Problem) -> Self {
        let cal = problem.calendar();
        Consecutive {
            n_slots: cal.n_slots(),
            periods_per_day: cal.periods_per_day,
            mults: Vec::new(),
            course_links: vec![Vec::new(); problem.courses().len()],
        }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        add_pair(&mut self.course_links, self.mults.len(), constraint.first, constraint.then);
        self.mults.push(mult);
    }

    fn new_state(&self, _n_slots: usize) -> ConsecutiveState {
        ConsecutiveState { first_end: vec![0; self.mults.len() * self.n_slots], then_start: vec![0; self.mults.len() * self.n_slots] }
    }

    #[inline]
    fn place(&self, state: &mut ConsecutiveState, lesson: &Placed<'_>) -> Delta {
        self.change(state, lesson.course, lesson.slot, lesson.length, 1)
    }

    #[inline]
    fn unplace(&self, state: &mut ConsecutiveState, lesson: &Placed<'_>) -> Delta {
        self.change(state, lesson.course, lesson.slot, lesson.length, -1)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_running_cost_counts_the_lessons_not_directly_preceded_on_their_day() {
        let problem = school_with(r#"{"kind": "consecutive", "level": "hard", "first": "Art", "then": "Math"}"#);
        let ops = [
            Add("Math", 0, 0, 1, Some("R1")),
            Add("Art", 0, 0, 0, Some("R2")),
            // Two lessons after one: both preceded.
            Add("Math", 1, 0, 1, Some("R2")),
            Add("Math", 2, 1, 0, Some("R1")),
            // Art ending at the end of Mon precedes nothing on Tue.
            Add("Art", 1, 0, 3, Some("R1")),
            Remove("Art", 0),
            Remove("Art", 1),
            Add("Art", 1, 0, 0, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::Consecutive), [0, 1, 0, 0, 1, 1, 3, 3, 1].map(hard));
    }

    #[test]
    fn a_double_precedes_the_period_after_its_end() {
        let problem = school_with(r#"{"kind": "consecutive", "level": "hard", "first": "Bio", "then": "Art"}"#);
        let ops = [
            Add("Bio", 0, 2, 0, Some("R1")),
            Add("Art", 0, 2, 2, Some("R2")),
            Add("Art", 1, 2, 1, Some("R2")),
            // The double at Tue 2 and 3 ends with the day.
            Remove("Bio", 0),
            Add("Bio", 0, 1, 2, Some("R1")),
            Remove("Art", 0),
            Add("Art", 0, 2, 0, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::Consecutive), [0, 0, 0, 1, 2, 2, 1, 2].map(hard));
    }
}
