//! Delta of `same_start`: a placed or unplaced lesson changes how many of its set's other placed
//! lessons start elsewhere.

use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

pub(crate) struct SameStart {
    /// Each set with whether only the period of the day counts.
    sets: LessonSets<bool>,
    /// Per slot: its period of the day.
    slot_period: Vec<u16>,
}

impl SameStart {
    /// The pairs `lesson`, at its slot, forms with the other placed lessons of its sets that start elsewhere.
    #[inline]
    fn pairs(&self, lesson: &Placed<'_>) -> Delta {
        let period = |s: u16| self.slot_period[usize::from(s)];
        self.sets.pairs(lesson, |&period_only, other, _| {
            i64::from(if period_only { period(other) != period(lesson.slot) } else { other != lesson.slot })
        })
    }
}

impl Mirror for SameStart {
    type Constraint = horarium_core::constraints::SameStart;
    type State = ();

    fn new(problem: &Problem) -> Self {
        let calendar = problem.calendar();
        SameStart { sets: LessonSets::new(problem), slot_period: calendar.slots().map(|s| calendar.period(s)).collect() }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.sets.add(&constraint.lessons, constraint.period_only, mult);
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

    #[test]
    fn with_period_only_the_day_does_not_matter() {
        let problem = school_with(
            r#"{"kind": "same_start", "level": {"soft": 5}, "period_only": true,
                "lessons": [{"course": "Fr", "lesson": 0}, {"course": "De", "lesson": 0}, {"course": "Art", "lesson": 1}]}"#,
        );
        let ops = [
            Add("Fr", 0, 0, 1, Some("R1")),
            Add("De", 0, 2, 1, Some("R2")),
            Add("Art", 1, 1, 2, Some("Gym")),
            Remove("Art", 1),
            Add("Art", 1, 1, 1, Some("Gym")),
        ];
        assert_eq!(run(&problem, &ops, Kind::SameStart), [0, 0, 0, 2, 0, 0].map(|n| soft(5 * n)));
    }
}
