//! Delta of `sets_not_overlapping`: per rule and slot, how many lessons of each set cover it and
//! of all sets together, so that a lesson entering a slot meets the others' lessons there.

use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// Per lesson: its rules, each with the lesson's set in it.
pub(crate) struct SetsNotOverlapping {
    /// Per rule: where its counters start, how many sets it has, its level.
    rules: Vec<(u32, u32, Mult)>,
    of_lesson: Vec<Vec<(u32, u32)>>,
    n_slots: usize,
    n_counters: usize,
}

/// Per search: per rule, slot and set, the set's lessons covering the slot; per rule and slot,
/// all of them.
pub(crate) struct State {
    per_set: Vec<u16>,
    total: Vec<u16>,
}

impl SetsNotOverlapping {
    /// A lesson's periods enter (or leave) its slots; the change of cost.
    #[inline]
    fn count(&self, state: &mut State, lesson: &Placed<'_>, entering: bool) -> Delta {
        let mut res = Delta::ZERO;
        for &(k, set) in &self.of_lesson[lesson.lesson] {
            let (first, n_sets, mult) = self.rules[k as usize];
            let mut pairs = 0;
            for slot in usize::from(lesson.slot)..usize::from(lesson.slot) + usize::from(lesson.length) {
                let at = k as usize * self.n_slots + slot;
                let mine = &mut state.per_set[first as usize + slot * n_sets as usize + set as usize];
                let total = &mut state.total[at];
                if entering {
                    pairs += i64::from(*total - *mine);
                    *mine += 1;
                    *total += 1;
                } else {
                    *mine -= 1;
                    *total -= 1;
                    pairs -= i64::from(*total - *mine);
                }
            }
            res += Delta::of(pairs, mult);
        }
        res
    }
}

impl Mirror for SetsNotOverlapping {
    type Constraint = horarium_core::constraints::SetsNotOverlapping;
    type State = State;

    fn new(problem: &Problem) -> Self {
        SetsNotOverlapping {
            rules: Vec::new(),
            of_lesson: vec![Vec::new(); problem.lessons().len()],
            n_slots: problem.calendar().n_slots(),
            n_counters: 0,
        }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        #[allow(clippy::cast_possible_truncation, reason = "rules, sets and counters fit u32")]
        let (k, n_sets) = (self.rules.len() as u32, constraint.sets.len() as u32);
        for (s, set) in constraint.sets.iter().enumerate() {
            for l in &set.lessons {
                #[allow(clippy::cast_possible_truncation, reason = "as above")]
                self.of_lesson[l.index()].push((k, s as u32));
            }
        }
        #[allow(clippy::cast_possible_truncation, reason = "as above")]
        self.rules.push((self.n_counters as u32, n_sets, mult));
        self.n_counters += self.n_slots * constraint.sets.len();
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { per_set: vec![0; self.n_counters], total: vec![0; self.rules.len() * self.n_slots] }
    }

    #[inline]
    fn place(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.count(state, lesson, true)
    }

    #[inline]
    fn unplace(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.count(state, lesson, false)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_running_cost_counts_the_pairs_of_lessons_of_two_sets_per_period() {
        let problem = school_with(
            r#"{"kind": "sets_not_overlapping", "level": "hard",
                "sets": [{"lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}]},
                         {"lessons": [{"course": "Bio", "lesson": 0}]}, {"lessons": [{"course": "Fr", "lesson": 0}]}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 1, Some("R1")),
            Add("Math", 1, 0, 1, Some("R1")),
            // Bio's double covers Mon 1-2: two pairs at Mon 1.
            Add("Bio", 0, 0, 1, Some("R2")),
            Add("Fr", 0, 0, 2, Some("Gym")),
            Remove("Math", 0),
            Remove("Bio", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::SetsNotOverlapping), [0, 0, 0, 2, 3, 2, 0].map(hard));
    }
}
