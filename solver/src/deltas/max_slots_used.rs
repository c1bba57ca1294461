//! Delta of `max_slots_used`: per list, how many of its lessons cover each of its slots, and how
//! many of its slots are covered.

use horarium_core::Problem;

use super::lesson_sets::{LessonSets, ListedSlots};
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// Each list with its most and level, and its slots' counters.
pub(crate) struct MaxSlotsUsed {
    lists: LessonSets<u16>,
    slots: ListedSlots,
}

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
        for (k, &max, mult) in self.lists.of(lesson.lesson) {
            for slot in usize::from(lesson.slot)..usize::from(lesson.slot) + usize::from(lesson.length) {
                let Some(at) = self.slots.counter(k, slot) else { continue };
                let count = &mut state.count[at];
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
        MaxSlotsUsed { lists: LessonSets::new(problem), slots: ListedSlots::new(problem) }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.slots.add(&constraint.slots);
        self.lists.add(&constraint.lessons, constraint.max, mult);
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { count: vec![0; self.slots.n_counters()], occupied: vec![0; self.lists.len()] }
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
