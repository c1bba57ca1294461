//! Delta of `max_days_between`: a placed or unplaced lesson changes the cost of its pairs with the
//! other placed lessons of each of its sets, read from where every lesson starts.

use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

pub(crate) struct MaxDaysBetween {
    periods_per_day: u16,
    /// Each set with the most days two of its lessons may be apart.
    sets: LessonSets<u16>,
}

impl MaxDaysBetween {
    /// The cost of `lesson`'s pairs with every other placed lesson of its sets, were it at its slot.
    #[inline]
    fn pairs(&self, lesson: &Placed<'_>) -> Delta {
        let day = lesson.slot / self.periods_per_day;
        self.sets.pairs(lesson, |&days, other, _| i64::from(day.abs_diff(other / self.periods_per_day).saturating_sub(days)))
    }
}

impl Mirror for MaxDaysBetween {
    type Constraint = horarium_core::constraints::MaxDaysBetween;
    type State = ();

    fn new(problem: &Problem) -> Self {
        MaxDaysBetween { periods_per_day: problem.calendar().periods_per_day, sets: LessonSets::new(problem) }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.sets.add(&constraint.lessons, constraint.days, mult);
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
    fn the_running_cost_counts_each_pair_too_far_apart_as_core_does() {
        let problem = school_with(
            r#"{"kind": "max_days_between", "level": {"soft": 2}, "days": 0,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Art", "lesson": 0}, {"course": "Bio", "lesson": 0}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Art on Wed: 2 days from Math.
            Add("Art", 0, 2, 1, Some("R1")),
            // Bio on Tue: 1 day from each.
            Add("Bio", 0, 1, 0, Some("R2")),
            Remove("Art", 0),
            // Art back on Tue with Bio: 1 day from Math only.
            Add("Art", 0, 1, 3, Some("R1")),
            Remove("Math", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::MaxDaysBetween), [0, 0, 2, 4, 1, 2, 0].map(|n| soft(2 * n)));
    }
}
