//! Delta of `clashes`: lessons beyond the first that a teacher or a set of students has in one
//! slot, read off the rows layer's counts.

use horarium_core::Problem;

use super::rows::RowChange;
use super::{Build, Mirror, Probe};
use crate::cost::{Delta, Mult};

/// The level of `clashes`, which applies to every row.
pub(crate) struct Clashes {
    mult: Mult,
}

impl Mirror for Clashes {
    type Constraint = horarium_core::constraints::Clashes;
    type State = ();

    fn new(_problem: &Problem) -> Self {
        Clashes { mult: Mult::default() }
    }

    fn add(&mut self, build: &mut Build<'_>, _constraint: &Self::Constraint, mult: Mult) {
        build.rows.activate(build.problem);
        self.mult += mult;
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn row_change(&self, change: &RowChange) -> Delta {
        let beyond_one = |count: u16| i64::from(count.saturating_sub(1));
        Delta::of(beyond_one(change.count_after) - beyond_one(change.count_before), self.mult)
    }

    /// A row of the course already has a lesson in the slot (other than the one leaving it).
    #[inline]
    fn surely_violates(&self, _state: &(), probe: &Probe<'_>) -> bool {
        if self.mult.hard == 0 || !probe.single_period_elsewhere {
            return false;
        }
        let leaving_rows = probe.leaving_course.map_or(&[][..], |lc| probe.rows.of_course(lc));
        probe
            .rows
            .of_course(probe.course)
            .iter()
            .any(|&r| probe.rows.count(probe.rows_state, r, probe.slot) > u16::from(leaving_rows.contains(&r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deltas::RowChange;

    fn change(before: u16, after: u16) -> RowChange {
        RowChange { row: 0, count_before: before, count_after: after, day: None }
    }

    #[test]
    fn each_lesson_beyond_the_first_in_a_row_and_slot_is_one_unit() {
        let clashes = Clashes { mult: Mult { hard: 1, soft: 0 } };
        assert_eq!(clashes.row_change(&change(0, 1)), Delta::ZERO);
        assert_eq!(clashes.row_change(&change(1, 2)), Delta { hard: 1, soft: 0 });
        assert_eq!(clashes.row_change(&change(3, 2)), Delta { hard: -1, soft: 0 });
        assert_eq!(clashes.row_change(&change(1, 0)), Delta::ZERO);
    }
}
