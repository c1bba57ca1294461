//! Delta of `min_gap_between`: a placed or unplaced lesson changes the cost of its pairs with the
//! other placed lessons of each of its sets on its day, read from where every lesson starts.

use horarium_core::constraints::gap_between;
use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

pub(crate) struct MinGapBetween {
    periods_per_day: u16,
    /// Each set with the least periods between two of its lessons on one day.
    sets: LessonSets<u16>,
}

impl MinGapBetween {
    /// The cost of `lesson`'s pairs with every other placed lesson of its sets, were it at its slot.
    #[inline]
    fn pairs(&self, lesson: &Placed<'_>) -> Delta {
        let ppd = self.periods_per_day;
        let (day, period) = (lesson.slot / ppd, lesson.slot % ppd);
        self.sets.pairs(lesson, |&periods, other, other_length| {
            if other / ppd != day {
                return 0;
            }
            i64::from(periods.saturating_sub(gap_between(period, lesson.length, other % ppd, other_length)))
        })
    }
}

impl Mirror for MinGapBetween {
    type Constraint = horarium_core::constraints::MinGapBetween;
    type State = ();

    fn new(problem: &Problem) -> Self {
        MinGapBetween { periods_per_day: problem.calendar().periods_per_day, sets: LessonSets::new(problem) }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        self.sets.add(&constraint.lessons, constraint.periods, mult);
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
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_running_cost_counts_the_periods_each_pair_of_a_day_is_short_as_core_does() {
        let problem = school_with(
            r#"{"kind": "min_gap_between", "level": "hard", "periods": 2,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Bio", "lesson": 0}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Bio's double at Mon 1-2, right after Math: 2 short.
            Add("Bio", 0, 0, 1, Some("R2")),
            // Math 2 at Mon 3, right after Bio: 2 more; 2 periods after Math 1: fine.
            Add("Math", 1, 0, 3, Some("R1")),
            Remove("Bio", 0),
            // On Tue: alone.
            Add("Bio", 0, 1, 1, Some("R2")),
            Remove("Math", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::MinGapBetween), [0, 0, 2, 4, 0, 0, 0].map(hard));
    }
}
