//! Delta of `max_slots_used`: per list, how many of its lessons cover each of its slots, and how
//! many of its slots are covered.

use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// Each list with its most, where its counters start in the state, and its level; its slots'
/// positions; each lesson's lists.
pub(crate) struct MaxSlotsUsed {
    n_slots: usize,
    lists: LessonSets<(u16, u32)>,
    /// Per list and slot: its position among the list's slots, or `NONE`.
    position: Vec<u32>,
    n_counters: u32,
}

const NONE: u32 = u32::MAX;

/// Per search: per list and slot of it, the list's lessons covering it; per list, its slots covered.
pub(crate) struct State {
    count: Vec<u16>,
    occupied: Vec<u16>,
}

impl MaxSlotsUsed {
    /// Counts `lesson`'s periods in (or out of) the slots of its lists; the change of cost.
    #[inline]
    fn count(&self, state: &mut State, lesson: &Placed<'_>, entering: bool) -> Delta {
        let mut res = Delta::ZERO;
        for (k, &(max, first), mult) in self.lists.of(lesson.lesson) {
            for slot in usize::from(lesson.slot)..usize::from(lesson.slot) + usize::from(lesson.length) {
                let at = self.position[k * self.n_slots + slot];
                if at == NONE {
                    continue;
                }
                let count = &mut state.count[(first + at) as usize];
                let was = state.occupied[k];
                if entering {
                    *count += 1;
                    if *count == 1 {
                        state.occupied[k] += 1;
                    }
                } else {
                    *count -= 1;
                    if *count == 0 {
                        state.occupied[k] -= 1;
                    }
                }
                let excess = |n: u16| i64::from(n.saturating_sub(max));
                res += Delta::of(excess(state.occupied[k]) - excess(was), mult);
            }
        }
        res
    }
}

impl Mirror for MaxSlotsUsed {
    type Constraint = horarium_core::constraints::MaxSlotsUsed;
    type State = State;

    fn new(problem: &Problem) -> Self {
        MaxSlotsUsed { n_slots: problem.calendar().n_slots(), lists: LessonSets::new(problem), position: Vec::new(), n_counters: 0 }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let base = self.position.len();
        self.position.resize(base + self.n_slots, NONE);
        for (at, s) in constraint.slots.iter().enumerate() {
            #[allow(clippy::cast_possible_truncation, reason = "slot counts fit u32")]
            {
                self.position[base + s.index()] = at as u32;
            }
        }
        self.lists.add(&constraint.lessons, (constraint.max, self.n_counters), mult);
        #[allow(clippy::cast_possible_truncation, reason = "slot counts fit u32")]
        {
            self.n_counters += constraint.slots.len() as u32;
        }
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { count: vec![0; self.n_counters as usize], occupied: vec![0; self.lists.len()] }
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
    fn the_running_cost_counts_the_listed_slots_covered_beyond_the_most() {
        let problem = school_with(
            r#"{"kind": "max_slots_used", "level": "hard", "max": 1,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Bio", "lesson": 0}, {"course": "Fr", "lesson": 0}],
                "slots": [{"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 1, Some("R1")),
            Add("Fr", 0, 0, 1, Some("R2")),
            // Bio's double covers Mon 2 and 3.
            Add("Bio", 0, 0, 2, Some("Gym")),
            Remove("Math", 0),
            Remove("Fr", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::MaxSlotsUsed), [0, 0, 0, 2, 2, 1].map(hard));
    }
}
