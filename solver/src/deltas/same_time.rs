//! Delta of `same_time`: per set of courses and slot, how many of the set's courses occupy it.

use horarium_core::Problem;

use super::course_sets::{add_set, Set};
use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

pub(crate) struct SameTime {
    n_slots: usize,
    sets: Vec<Set>,
    /// Per course: the sets it belongs to.
    course_sets: Vec<Vec<u32>>,
}

pub(crate) struct SameTimeState {
    /// Per set and slot: the set's courses occupying it.
    present: Vec<u16>,
}

impl SameTime {
    /// `course` starts (`sign` 1) or stops (-1) occupying `slot`.
    #[inline]
    fn presence(&self, state: &mut SameTimeState, course: usize, slot: usize, sign: i16) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.course_sets[course] {
            let set = &self.sets[k as usize];
            let cell = &mut state.present[k as usize * self.n_slots + slot];
            let before = i64::from(*cell);
            *cell = cell.wrapping_add_signed(sign);
            let after = i64::from(*cell);
            let missing = |p: i64| if p > 0 { set.size - p } else { 0 };
            res += Delta::of(missing(after) - missing(before), set.mult);
        }
        res
    }
}

impl Mirror for SameTime {
    type Constraint = horarium_core::constraints::SameTime;
    type State = SameTimeState;

    fn new(problem: &Problem) -> Self {
        SameTime { n_slots: problem.calendar().n_slots(), sets: Vec::new(), course_sets: vec![Vec::new(); problem.courses().len()] }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        add_set(&mut self.sets, &mut self.course_sets, &constraint.courses, mult);
    }

    fn new_state(&self, _n_slots: usize) -> SameTimeState {
        SameTimeState { present: vec![0; self.sets.len() * self.n_slots] }
    }

    #[inline]
    fn enter_slot(&self, state: &mut SameTimeState, course: usize, slot: usize, before: u16) -> Delta {
        if before == 0 {
            self.presence(state, course, slot, 1)
        } else {
            Delta::ZERO
        }
    }

    #[inline]
    fn leave_slot(&self, state: &mut SameTimeState, course: usize, slot: usize, after: u16) -> Delta {
        if after == 0 {
            self.presence(state, course, slot, -1)
        } else {
            Delta::ZERO
        }
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::{Cost, Kind};

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};

    #[test]
    fn the_running_cost_counts_the_courses_missing_from_each_occupied_period() {
        let problem = school_with(
            r#"{"kind": "same_time", "level": "hard", "courses": ["Fr", "De"]},
               {"kind": "same_time", "level": {"soft": 2}, "courses": ["Bio", "Math", "Art"]}"#,
        );
        let ops = [
            Add("Fr", 0, 0, 0, Some("R1")),
            Add("De", 0, 0, 0, Some("R2")),
            Add("De", 1, 1, 1, Some("R2")),
            // Bio's double: Math and Art missing at Wed 0 and Wed 1.
            Add("Bio", 0, 2, 0, Some("R1")),
            Add("Math", 0, 2, 0, Some("R2")),
            Add("Art", 0, 2, 0, Some("Gym")),
            // A second lesson of Math in the period changes nothing.
            Add("Math", 1, 2, 0, Some("Gym")),
            Remove("Bio", 0),
            Add("Fr", 1, 1, 1, Some("R1")),
        ];
        let cost = |hard, soft| Cost { hard, soft };
        assert_eq!(
            run(&problem, &ops, Kind::SameTime),
            [cost(0, 0), cost(1, 0), cost(0, 0), cost(1, 0), cost(1, 8), cost(1, 6), cost(1, 4), cost(1, 4), cost(1, 2), cost(0, 2)]
        );
    }
}
