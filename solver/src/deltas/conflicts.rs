//! Delta of `conflicts`: pairs of courses that share a teacher or group, meeting in one slot
//! (ITC-2007's relation, which ignores subgroups; the search's own graph is `crate::graph`).
//!
//! Courses present in each slot are kept as a bitset, and each course has the bitset of the
//! courses it conflicts with, so the pairs a course forms on entering a slot are one AND and a
//! popcount per 64 courses: no lists, no hashing.

use horarium_core::Problem;

use super::{Build, Mirror, Probe};
use crate::cost::{Delta, Mult};
use crate::graph::bitset_from_members;

pub(crate) struct Conflicts {
    mult: Mult,
    words: usize,
    /// Per course, the courses sharing a teacher or group with it (itself excluded).
    neighbours: Vec<u64>,
}

pub(crate) struct ConflictsState {
    /// Per slot, the courses with at least one lesson there.
    present: Vec<u64>,
}

impl Conflicts {
    /// Number of courses conflicting with `course` that have a lesson in `slot`.
    #[inline]
    fn count_present_neighbours(&self, state: &ConflictsState, course: usize, slot: usize) -> i64 {
        let nb = &self.neighbours[course * self.words..(course + 1) * self.words];
        let pr = &state.present[slot * self.words..(slot + 1) * self.words];
        nb.iter().zip(pr).map(|(a, b)| i64::from((a & b).count_ones())).sum()
    }

    /// A lesson of `course` enters `slot`, where the course had `before` lessons.
    #[inline]
    fn enter(&self, state: &mut ConflictsState, course: usize, slot: usize, before: u16) -> Delta {
        if self.mult.is_zero() {
            return Delta::ZERO;
        }
        if before > 0 {
            return Delta::of(1, self.mult);
        }
        state.present[slot * self.words + course / 64] |= 1 << (course % 64);
        Delta::of(self.count_present_neighbours(state, course, slot), self.mult)
    }

    /// A lesson of `course` leaves `slot`, where the course keeps `after` lessons.
    #[inline]
    fn leave(&self, state: &mut ConflictsState, course: usize, slot: usize, after: u16) -> Delta {
        if self.mult.is_zero() {
            return Delta::ZERO;
        }
        if after > 0 {
            return Delta::of(-1, self.mult);
        }
        state.present[slot * self.words + course / 64] &= !(1 << (course % 64));
        Delta::of(-self.count_present_neighbours(state, course, slot), self.mult)
    }

    /// Whether a hard clash can arise at all.
    #[inline]
    fn is_hard(&self) -> bool {
        self.mult.hard > 0
    }

    /// Whether two courses count as a conflict pair (they share a teacher or a group).
    #[inline]
    fn neighbours(&self, a: usize, b: usize) -> bool {
        self.neighbours[a * self.words + b / 64] & (1 << (b % 64)) != 0
    }
}

impl Mirror for Conflicts {
    type Constraint = horarium_core::constraints::Conflicts;
    type State = ConflictsState;

    fn new(_problem: &Problem) -> Self {
        Conflicts { mult: Mult::default(), words: 0, neighbours: Vec::new() }
    }

    fn add(&mut self, build: &mut Build<'_>, _constraint: &Self::Constraint, mult: Mult) {
        let problem = build.problem;
        if self.neighbours.is_empty() {
            // Courses per teacher and per group, so neighbours are found without comparing all pairs.
            let mut members: Vec<Vec<usize>> = vec![Vec::new(); problem.teachers().len() + problem.groups().len()];
            for (c, course) in problem.courses().iter().enumerate() {
                for t in &course.teachers {
                    members[t.index()].push(c);
                }
                for g in &course.groups {
                    members[problem.teachers().len() + g.index()].push(c);
                }
            }
            (self.words, self.neighbours) = bitset_from_members(problem.courses().len(), &members);
        }
        self.mult += mult;
    }

    fn new_state(&self, n_slots: usize) -> ConflictsState {
        ConflictsState { present: vec![0; n_slots * self.words] }
    }

    #[inline]
    fn enter_slot(&self, state: &mut ConflictsState, course: usize, slot: usize, before: u16) -> Delta {
        self.enter(state, course, slot, before)
    }

    #[inline]
    fn leave_slot(&self, state: &mut ConflictsState, course: usize, slot: usize, after: u16) -> Delta {
        self.leave(state, course, slot, after)
    }

    /// The course, or a course it conflicts with, is already in the slot (and is not the one leaving).
    #[inline]
    fn surely_violates(&self, state: &ConflictsState, probe: &Probe<'_>) -> bool {
        if !self.is_hard() || !probe.single_period_elsewhere {
            return false;
        }
        let (course, s) = (probe.course, probe.slot);
        let mut own = i64::from(probe.course_slot_count[course * probe.n_slots + s]);
        let mut others = self.count_present_neighbours(state, course, s);
        if let Some(other_course) = probe.leaving_course {
            let last = probe.course_slot_count[other_course * probe.n_slots + s] == 1;
            if other_course == course {
                own -= 1;
            } else if last && self.neighbours(course, other_course) {
                others -= 1;
            }
        }
        own > 0 || others > 0
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::compile::Compiled;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{flags_move, flags_swap, hard, kind_cost, run, school_with, soft, step};
    use crate::state::State;

    #[test]
    fn the_running_cost_follows_pairs_and_extra_lessons_as_core_counts_them() {
        let problem = school_with(r#"{"kind": "conflicts", "level": "hard"}"#);
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Art shares group A with Math.
            Add("Art", 0, 0, 0, Some("R2")),
            // Fr (A1) shares nothing with them in ITC-2007's sense.
            Add("Fr", 0, 0, 0, Some("Gym")),
            // A second lesson of Math in the slot.
            Add("Math", 1, 0, 0, Some("R1")),
            // Bio's double (Mon 0 and 1) shares Ann with Math.
            Add("Bio", 0, 0, 0, Some("R2")),
            // Math keeps a lesson at Mon 0: only the extra one goes.
            Remove("Math", 0),
            // No more Math: its pairs go.
            Remove("Math", 1),
        ];
        assert_eq!(run(&problem, &ops, Kind::Conflicts), [0, 0, 1, 1, 2, 3, 2, 0].map(hard));
    }

    #[test]
    fn a_soft_level_prices_each_unit_at_its_weight() {
        let problem = school_with(r#"{"kind": "conflicts", "level": {"soft": 3}}"#);
        let ops = [Add("Math", 0, 1, 2, Some("R1")), Add("Bio", 1, 1, 2, Some("R1")), Add("Art", 0, 1, 2, Some("R1")), Remove("Math", 0)];
        assert_eq!(run(&problem, &ops, Kind::Conflicts), [0, 0, 3, 6, 0].map(soft));
    }

    #[test]
    fn a_flagged_move_adds_a_conflict_and_a_swap_of_the_pair_is_not_flagged() {
        let problem = school_with(r#"{"kind": "conflicts", "level": "hard"}"#);
        let compiled = Compiled::new(&problem);
        let mut state = State::new(&compiled);
        for op in [Add("Math", 0, 0, 0, Some("R1")), Add("Math", 1, 1, 0, Some("R1")), Add("Art", 0, 0, 1, Some("R1"))] {
            step(&problem, &mut state, op);
        }
        assert_eq!(kind_cost(&problem, &state, Kind::Conflicts), hard(0));
        // Art at Mon 0 meets Math (group A); Math 1 at Mon 0 meets Math 0; Fr there meets nobody.
        assert!(flags_move(&problem, &state, ("Math", 1), (0, 0), Some("R2")));
        assert!(!flags_move(&problem, &state, ("Fr", 0), (0, 0), Some("R2")));
        assert!(flags_move(&problem, &state, ("Art", 0), (0, 0), Some("R2")));
        // Math 0 and Art trading places leave each other's slot: nothing to flag, and nothing breaks.
        assert!(!flags_swap(&problem, &state, ("Math", 0), ("Art", 0)));
        for op in [Remove("Math", 0), Remove("Art", 0), Add("Math", 0, 0, 1, Some("R1")), Add("Art", 0, 0, 0, Some("R1"))] {
            step(&problem, &mut state, op);
        }
        assert_eq!(kind_cost(&problem, &state, Kind::Conflicts), hard(0));
        // The flagged move, made: a conflict.
        step(&problem, &mut state, Remove("Math", 1));
        step(&problem, &mut state, Add("Math", 1, 0, 0, Some("R2")));
        assert!(kind_cost(&problem, &state, Kind::Conflicts).hard > 0);
    }

    #[test]
    fn a_soft_conflict_is_never_flagged() {
        let problem = school_with(r#"{"kind": "conflicts", "level": {"soft": 1}}"#);
        let compiled = Compiled::new(&problem);
        let mut state = State::new(&compiled);
        step(&problem, &mut state, Add("Math", 0, 0, 0, Some("R1")));
        assert!(!flags_move(&problem, &state, ("Art", 0), (0, 0), Some("R2")));
    }
}
