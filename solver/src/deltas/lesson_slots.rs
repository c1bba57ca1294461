//! Delta of `lesson_slots`: per constrained lesson, a table of the starts each of its constraints
//! allows, so placing or unplacing it costs one lookup per constraint.

use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

pub(crate) struct LessonSlots {
    n_slots: usize,
    /// Per lesson: its constraints, as (table, level).
    lesson_rules: Vec<Vec<(u32, Mult)>>,
    /// Per table: whether a start slot is allowed, for one lesson of one constraint.
    allowed: Vec<Vec<bool>>,
}

impl LessonSlots {
    #[inline]
    fn cost(&self, lesson: &Placed<'_>) -> Delta {
        let mut res = Delta::ZERO;
        for &(table, mult) in &self.lesson_rules[lesson.lesson] {
            if !self.allowed[table as usize][usize::from(lesson.slot)] {
                res += Delta::of(1, mult);
            }
        }
        res
    }
}

impl Mirror for LessonSlots {
    type Constraint = horarium_core::constraints::LessonSlots;
    type State = ();

    fn new(problem: &Problem) -> Self {
        LessonSlots { n_slots: problem.calendar().n_slots(), lesson_rules: vec![Vec::new(); problem.lessons().len()], allowed: Vec::new() }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let problem = build.problem;
        let listed = |s: usize| constraint.slots.binary_search(&horarium_core::Slot(u16::try_from(s).unwrap_or(u16::MAX))).is_ok();
        for &lesson in &constraint.lessons {
            let length = usize::from(problem.lesson(lesson).length);
            let allowed = (0..self.n_slots)
                .map(|s| {
                    if constraint.every_period {
                        (s..(s + length).min(self.n_slots)).all(listed) && s + length <= self.n_slots
                    } else {
                        listed(s)
                    }
                })
                .collect();
            #[allow(clippy::cast_possible_truncation, reason = "tables are bounded by the lessons of the constraints")]
            self.lesson_rules[lesson.index()].push((self.allowed.len() as u32, mult));
            self.allowed.push(allowed);
        }
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        self.cost(lesson)
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        -self.cost(lesson)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with, soft};

    #[test]
    fn the_running_cost_counts_lessons_outside_their_slots_as_core_does() {
        let problem = school_with(
            r#"{"kind": "lesson_slots", "level": {"soft": 2}, "lessons": [{"course": "Math", "lesson": 0}, {"course": "Art", "lesson": 1}],
                "slots": [{"day": 0, "period": 0}, {"day": 1, "period": 0}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Art", 1, 0, 2, Some("R1")),
            // A lesson the constraint does not list costs nothing wherever it is.
            Add("Math", 1, 2, 3, Some("R1")),
            Remove("Art", 1),
            Add("Art", 1, 1, 0, Some("R1")),
        ];
        assert_eq!(run(&problem, &ops, Kind::LessonSlots), [0, 0, 2, 2, 0, 0].map(soft));
    }

    #[test]
    fn with_every_period_each_period_of_a_double_counts() {
        let problem = school_with(
            r#"{"kind": "lesson_slots", "level": "hard", "every_period": true, "lessons": [{"course": "Bio", "lesson": 0}],
                "slots": [{"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}]}"#,
        );
        let ops = [Add("Bio", 0, 0, 0, Some("R1")), Remove("Bio", 0), Add("Bio", 0, 0, 2, Some("R1"))];
        assert_eq!(run(&problem, &ops, Kind::LessonSlots), [0, 1, 0, 0].map(hard));
    }
}
