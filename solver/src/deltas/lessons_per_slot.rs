//! Delta of `lessons_per_slot`: per rule and listed slot, how many listed lessons cover it.

use horarium_core::constraints::LessonsPerSlot as Rule;
use horarium_core::Problem;

use super::lesson_sets::{LessonSets, ListedSlots};
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// Each list with its bounds and level, and its slots' counters.
pub(crate) struct LessonsPerSlot {
    lists: LessonSets<Bounds>,
    slots: ListedSlots,
    /// The cost with nothing placed: every slot's least unmet, unless empty slots are allowed.
    empty: Delta,
}

/// A rule's least, most and whether an empty slot is free of the least.
#[derive(Clone, Copy)]
struct Bounds {
    min: u16,
    max: u16,
    allow_empty: bool,
}

impl Bounds {
    #[inline]
    fn amount(self, n: u16) -> i64 {
        if n == 0 && self.allow_empty {
            0
        } else {
            i64::from(self.min.saturating_sub(n)) + i64::from(n.saturating_sub(self.max))
        }
    }
}

/// Per search: per list and slot of it, the list's lessons covering it.
pub(crate) struct State {
    count: Vec<u16>,
}

impl LessonsPerSlot {
    #[inline]
    fn count(&self, state: &mut State, lesson: &Placed<'_>, entering: bool) -> Delta {
        let mut res = Delta::ZERO;
        for (k, &bounds, mult) in self.lists.of(lesson.lesson) {
            for slot in usize::from(lesson.slot)..usize::from(lesson.slot) + usize::from(lesson.length) {
                let Some(at) = self.slots.counter(k, slot) else { continue };
                let count = &mut state.count[at];
                let before = *count;
                *count = if entering { before + 1 } else { before - 1 };
                res += Delta::of(bounds.amount(*count) - bounds.amount(before), mult);
            }
        }
        res
    }
}

impl Mirror for LessonsPerSlot {
    type Constraint = Rule;
    type State = State;

    fn new(problem: &Problem) -> Self {
        LessonsPerSlot { lists: LessonSets::new(problem), slots: ListedSlots::new(problem), empty: Delta::ZERO }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Rule, mult: Mult) {
        let bounds = Bounds { min: constraint.min, max: constraint.max.unwrap_or(u16::MAX), allow_empty: constraint.allow_empty };
        self.slots.add(&constraint.slots);
        self.lists.add(&constraint.lessons, bounds, mult);
        for _ in &constraint.slots {
            self.empty += Delta::of(bounds.amount(0), mult);
        }
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { count: vec![0; self.slots.n_counters()] }
    }

    fn empty_cost(&self) -> Delta {
        self.empty
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
    fn the_running_cost_counts_the_lessons_short_or_over_in_each_slot() {
        let problem = school_with(
            r#"{"kind": "lessons_per_slot", "level": "hard", "min": 2, "max": 2, "allow_empty": true,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Bio", "lesson": 0}, {"course": "Fr", "lesson": 0}],
                "slots": [{"day": 0, "period": 1}, {"day": 0, "period": 2}]}"#,
        );
        let ops = [
            // Mon 1: one short.
            Add("Math", 0, 0, 1, Some("R1")),
            // Bio's double: Mon 1 has two, Mon 2 one short.
            Add("Bio", 0, 0, 1, Some("R2")),
            // Mon 1: one over.
            Add("Fr", 0, 0, 1, Some("Gym")),
            Remove("Bio", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::LessonsPerSlot), [0, 1, 1, 2, 0].map(hard));
    }
}
