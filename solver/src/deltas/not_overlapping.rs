//! Delta of `not_overlapping`: a placed or unplaced lesson changes the periods it shares with the
//! other placed lessons of its sets.

use horarium_core::constraints::shared_periods;
use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

pub(crate) struct NotOverlapping {
    sets: LessonSets<()>,
}

impl NotOverlapping {
    /// The periods `lesson`, at its slot, shares with the other placed lessons of its sets.
    #[inline]
    fn shared(&self, lesson: &Placed<'_>) -> Delta {
        self.sets.pairs(lesson, |(), other, other_length| i64::from(shared_periods(lesson.slot, lesson.length, other, other_length)))
    }
}

impl Mirror for NotOverlapping {
    type Constraint = horarium_core::constraints::NotOverlapping;
    type State = ();

    fn new(problem: &Problem) -> Self {
        NotOverlapping { sets: LessonSets::new(problem) }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.sets.add(&constraint.lessons, (), mult);
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        self.shared(lesson)
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        -self.shared(lesson)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with, soft};

    #[test]
    fn the_running_cost_counts_shared_periods_as_core_does() {
        let problem = school_with(
            r#"{"kind": "not_overlapping", "level": {"soft": 2},
                "lessons": [{"course": "Bio", "lesson": 0}, {"course": "Fr", "lesson": 0}, {"course": "De", "lesson": 0}]}"#,
        );
        let ops = [
            Add("Bio", 0, 1, 1, Some("R1")),
            // Fr at Tue 2 shares Tue 2 with Bio's double (Tue 1-2).
            Add("Fr", 0, 1, 2, Some("R2")),
            // De at Tue 1 shares Tue 1 with Bio only.
            Add("De", 0, 1, 1, Some("Gym")),
            Remove("Bio", 0),
            Add("Bio", 0, 2, 0, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::NotOverlapping), [0, 0, 1, 2, 0, 0].map(|n| soft(2 * n)));
    }
}
