//! Delta of `min_days_between`: a placed or unplaced lesson changes the cost of its pairs with the
//! other placed lessons of each of its sets, read from where every lesson starts.

use horarium_core::Problem;

use super::lesson_sets::LessonSets;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// One constraint's rule: the least days apart, and whether two on one day must be back to back.
struct Rule {
    days: u16,
    consecutive_if_same_day: bool,
}

pub(crate) struct MinDaysBetween {
    periods_per_day: u16,
    sets: LessonSets<Rule>,
}

impl MinDaysBetween {
    /// The cost of `lesson`'s pairs with every other placed lesson of its sets, were it at its slot.
    #[inline]
    fn pairs(&self, lesson: &Placed<'_>) -> Delta {
        let (slot, length) = (lesson.slot, lesson.length);
        self.sets.pairs(lesson, |rule, other, other_length| {
            let apart = (slot / self.periods_per_day).abs_diff(other / self.periods_per_day);
            let back_to_back = slot + length == other || other + other_length == slot;
            let apart_on_one_day = rule.consecutive_if_same_day && apart == 0 && !back_to_back;
            i64::from(rule.days.saturating_sub(apart)) + i64::from(apart_on_one_day)
        })
    }
}

impl Mirror for MinDaysBetween {
    type Constraint = horarium_core::constraints::MinDaysBetween;
    type State = ();

    fn new(problem: &Problem) -> Self {
        MinDaysBetween { periods_per_day: problem.calendar().periods_per_day, sets: LessonSets::new(problem) }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let rule = Rule { days: constraint.days, consecutive_if_same_day: constraint.consecutive_if_same_day };
        self.sets.add(&constraint.lessons, rule, mult);
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
    use crate::deltas::test_support::{hard, run, school_with, soft};

    #[test]
    fn the_running_cost_counts_each_pair_too_close_as_core_does() {
        let problem = school_with(
            r#"{"kind": "min_days_between", "level": {"soft": 3}, "days": 2,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Math", "lesson": 2}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // 1 day from the first: 1 unit.
            Add("Math", 1, 1, 1, Some("R1")),
            // 2 days from the first, 1 from the second: 1 more.
            Add("Math", 2, 2, 0, Some("R1")),
            // Without the second, the first and third are 2 days apart; back on the first's day: 2 units.
            Remove("Math", 1),
            Add("Math", 1, 0, 2, Some("R1")),
            Remove("Math", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::MinDaysBetween), [0, 0, 1, 2, 0, 2, 0].map(|n| soft(3 * n)));
    }

    #[test]
    fn lessons_on_one_day_that_are_not_back_to_back_cost_one_more_when_asked() {
        let problem = school_with(
            r#"{"kind": "min_days_between", "level": "hard", "days": 1, "consecutive_if_same_day": true,
                "lessons": [{"course": "Bio", "lesson": 0}, {"course": "Bio", "lesson": 1}]}"#,
        );
        let ops = [
            // The double at Tue 0-1, the single right after it at Tue 2: 1 unit (same day).
            Add("Bio", 0, 1, 0, Some("R1")),
            Add("Bio", 1, 1, 2, Some("R2")),
            // The single at Tue 3, not back to back: 2 units.
            Remove("Bio", 1),
            Add("Bio", 1, 1, 3, Some("R2")),
            // On Wed: nothing.
            Remove("Bio", 1),
            Add("Bio", 1, 2, 3, Some("R2")),
        ];
        assert_eq!(run(&problem, &ops, Kind::MinDaysBetween), [0, 0, 1, 0, 2, 0, 0].map(hard));
    }
}
