//! Delta of `same_start`: a placed or unplaced lesson changes how many of its set's other placed
//! lessons start elsewhere.

use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

pub(crate) struct SameStart {
    sets: LessonSets<()>,
}

impl SameStart {
    /// The pairs `lesson`, at its slot, forms with the other placed lessons of its sets that start elsewhere.
    #[inline]
    fn pairs(&self, lesson: &Placed<'_>) -> Delta {
        self.sets.pairs(lesson, |(), other, _| i64::from(other != lesson.slot))
    }
}

impl Mirror for SameStart {
    type Constraint = horarium_core::constraints::SameStart;
    type State = ();

    fn new(problem: &Problem) -> Self {
        SameStart { sets: LessonSets::new(problem) }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.sets.add(&constraint.lessons, (), mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        self.pairs(lesson)
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        -self.pairs(lesson)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with, soft};

    #[test]
    fn the_running_cost_counts_pairs_starting_apart_as_core_does() {
        let problem = school_with(
            r#"{"kind": "same_start", "level": {"soft": 5},
                "lessons": [{"course": "Fr", "lesson": 0}, {"course": "De", "lesson": 0}, {"course": "Art", "lesson": 1}]}"#,
        );
        let ops = [
            Add("Fr", 0, 1, 1, Some("R1")),
            Add("De", 0, 1, 2, Some("R2")),
            Add("Art", 1, 1, 1, Some("Gym")),
            Remove("De", 0),
            Add("De", 0, 1, 1, Some("R2")),
        ];
        assert_eq!(run(&problem, &ops, Kind::SameStart), [0, 0, 1, 2, 0, 0].map(|n| soft(5 * n)));
    }
}
