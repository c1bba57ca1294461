//! Delta of `isolated_lessons`: per group and slot, the number of the group's courses present,
//! and the isolation of the slot and its two neighbours before and after a change.
//!
//! Each group's loads are stored day by day with two always-zero cells before and after each
//! day, so the five loads a change depends on are one slice, without day-boundary branches.
//! (Measured on comp05, where a course belongs to ten curricula on average: this function was
//! two thirds of the search time with modulo arithmetic and bounds checks per neighbour.)

use horarium_core::Problem;

use super::{Build, Mirror};
use crate::cost::{Delta, Mult};

pub(crate) struct IsolatedLessons {
    /// Cells per group row: `days * (periods_per_day + 4)`.
    stride: usize,
    /// Per slot, its cell in a padded row.
    cell: Vec<u32>,
    /// Per group, its level (zero for groups without the constraint).
    mult: Vec<Mult>,
    /// Per course, the constrained groups it belongs to.
    course_groups: Vec<Vec<u32>>,
}

pub(crate) struct IsolatedLessonsState {
    /// Per group and slot, the number of the group's courses with a lesson there.
    load: Vec<u16>,
}

impl IsolatedLessons {
    /// `course` becomes present in `slot` (it had no lesson there); `sign` is +1, or -1 when it
    /// stops being present.
    ///
    /// Only the slot and its two neighbours can change isolation, and their isolation depends on
    /// at most two slots further out, so the delta is read off five loads.
    #[inline]
    fn presence(&self, state: &mut IsolatedLessonsState, course: usize, slot: usize, sign: i16) -> Delta {
        let mut res = Delta::ZERO;
        let cell = self.cell[slot] as usize;
        for &g in &self.course_groups[course] {
            let g = g as usize;
            let base = g * self.stride + cell;
            let window = &mut state.load[base - 2..base + 3];
            let [ll, l, x, r, rr] = [window[0], window[1], window[2], window[3], window[4]].map(i64::from);
            // Isolation of the window as a function of the load x of the middle slot:
            //   own   = x when both neighbours are empty,
            //   left  = l when l's other neighbour and x are empty, likewise right.
            // Written with 0/1 factors instead of branches: the tests are data-dependent and
            // mispredicted branches cost more than the multiplications.
            let empty = |v: i64| i64::from(v == 0);
            let after = x + i64::from(sign);
            let change = i64::from(sign) * empty(l) * empty(r) + (l * empty(ll) + r * empty(rr)) * (empty(after) - empty(x));
            res += Delta::of(change, self.mult[g]);
            window[2] = window[2].wrapping_add_signed(sign);
        }
        res
    }
}

impl Mirror for IsolatedLessons {
    type Constraint = horarium_core::constraints::IsolatedLessons;
    type State = IsolatedLessonsState;

    fn new(problem: &Problem) -> Self {
        let cal = problem.calendar();
        let padded_day = usize::from(cal.periods_per_day) + 4;
        #[allow(clippy::cast_possible_truncation, reason = "cells are below 2^16 * 5 / 1 for any calendar")]
        let cell = cal.slots().map(|s| (usize::from(cal.day(s)) * padded_day + usize::from(cal.period(s)) + 2) as u32).collect();
        IsolatedLessons {
            stride: usize::from(cal.days) * padded_day,
            cell,
            mult: vec![Mult::default(); problem.groups().len()],
            course_groups: vec![Vec::new(); problem.courses().len()],
        }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let (problem, group) = (build.problem, constraint.group);
        if self.mult[group.index()].is_zero() {
            for (c, course) in problem.courses().iter().enumerate() {
                if course.groups.contains(&group) {
                    self.course_groups[c].push(group.0);
                }
            }
        }
        self.mult[group.index()] += mult;
    }

    fn new_state(&self, _n_slots: usize) -> IsolatedLessonsState {
        IsolatedLessonsState { load: vec![0; self.mult.len() * self.stride] }
    }

    #[inline]
    fn enter_slot(&self, state: &mut IsolatedLessonsState, course: usize, slot: usize, before: u16) -> Delta {
        if before == 0 {
            self.presence(state, course, slot, 1)
        } else {
            Delta::ZERO
        }
    }

    #[inline]
    fn leave_slot(&self, state: &mut IsolatedLessonsState, course: usize, slot: usize, after: u16) -> Delta {
        if after == 0 {
            self.presence(state, course, slot, -1)
        } else {
            Delta::ZERO
        }
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with, soft};

    #[test]
    fn the_running_cost_follows_isolation_within_each_day() {
        let problem = school_with(r#"{"kind": "isolated_lessons", "level": {"soft": 2}, "group": "A"}"#);
        let ops = [
            Add("Math", 0, 0, 1, Some("R1")),
            Add("Art", 0, 0, 2, Some("R2")),
            Add("Math", 1, 0, 3, Some("R1")),
            // Mon 1 and Mon 3 are left alone.
            Remove("Art", 0),
            // Tue 0 follows Mon 3 in the week but not in the day.
            Add("Art", 1, 1, 0, Some("R1")),
            // Two courses alone at Mon 3: two units there.
            Add("Art", 0, 0, 3, Some("R2")),
            // Fr (subgroup A1) does not belong to A's courses.
            Add("Fr", 0, 0, 2, Some("R1")),
            // Math at Mon 2 joins Mon 1 and Mon 3 back together.
            Add("Math", 2, 0, 2, Some("Gym")),
        ];
        assert_eq!(run(&problem, &ops, Kind::IsolatedLessons), [0, 2, 0, 0, 4, 6, 8, 8, 2].map(soft));
    }

    #[test]
    fn a_course_counts_once_per_slot_and_each_constrained_group_on_its_own() {
        let problem = school_with(
            r#"{"kind": "isolated_lessons", "level": {"soft": 1}, "group": "A"},
               {"kind": "isolated_lessons", "level": {"soft": 10}, "group": "B"}"#,
        );
        let ops = [
            Add("Math", 0, 1, 1, Some("R1")),
            Add("Math", 1, 1, 1, Some("R2")),
            // Bio's double at Wed 0 and 1 keeps itself company.
            Add("Bio", 0, 2, 0, Some("R1")),
            Add("Bio", 1, 2, 3, Some("R1")),
            Remove("Math", 0),
            Remove("Math", 1),
        ];
        assert_eq!(run(&problem, &ops, Kind::IsolatedLessons), [0, 1, 1, 1, 11, 11, 10].map(soft));
    }
}
