//! Delta of `grouped_lessons`: a placed or unplaced lesson changes whether each of its lists sits
//! back to back, read from where the others start.

use horarium_core::constraints::{back_to_back, MAX_GROUPED};
use horarium_core::Problem;

use super::lesson_pair::open_before;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::UNPLACED;

pub(crate) struct GroupedLessons {
    periods_per_day: u16,
    /// Per slot (and one past the last): the slots before it that are not breaks.
    open_before: Vec<u32>,
    /// Each list with its level.
    lists: Vec<(Vec<u32>, Mult)>,
    /// Per lesson: the lists it is in.
    of_lesson: Vec<Vec<u32>>,
}

impl GroupedLessons {
    /// Whether list `k` sits back to back with `moving` at `at` (`None`: unplaced) and every other
    /// lesson where `slot_of` has it.
    #[inline]
    fn holds(&self, k: usize, lesson: &Placed<'_>, at: Option<u16>) -> bool {
        let mut starts = [(0u16, 0u16); MAX_GROUPED];
        let mut n = 0;
        for &l in &self.lists[k].0 {
            let l = l as usize;
            let start = if l == lesson.lesson { at } else { Some(lesson.slot_of[l]).filter(|&s| s != UNPLACED) };
            if let Some(s) = start {
                starts[n] = (s, lesson.lesson_length[l]);
                n += 1;
            }
        }
        back_to_back(&mut starts[..n], self.periods_per_day, |from, to| self.open_before[from] == self.open_before[to])
    }

    #[inline]
    fn change(&self, lesson: &Placed<'_>, before: Option<u16>, after: Option<u16>) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.of_lesson[lesson.lesson] {
            let (was, is) = (self.holds(k as usize, lesson, before), self.holds(k as usize, lesson, after));
            if was != is {
                res += Delta::of(if is { -1 } else { 1 }, self.lists[k as usize].1);
            }
        }
        res
    }
}

impl Mirror for GroupedLessons {
    type Constraint = horarium_core::constraints::GroupedLessons;
    type State = ();

    fn new(problem: &Problem) -> Self {
        let calendar = problem.calendar();
        GroupedLessons {
            periods_per_day: calendar.periods_per_day,
            open_before: open_before(problem),
            lists: Vec::new(),
            of_lesson: vec![Vec::new(); problem.lessons().len()],
        }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids and lists are below MAX_LESSONS")]
        let (k, lessons) = (self.lists.len() as u32, constraint.lessons.iter().map(|l| l.index() as u32).collect::<Vec<u32>>());
        for &l in &lessons {
            self.of_lesson[l as usize].push(k);
        }
        self.lists.push((lessons, mult));
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        self.change(lesson, None, Some(lesson.slot))
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        self.change(lesson, Some(lesson.slot), None)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_running_cost_follows_whether_the_placed_lessons_sit_back_to_back() {
        let problem = school_with(
            r#"{"kind": "grouped_lessons", "level": "hard",
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Art", "lesson": 0}, {"course": "Fr", "lesson": 0}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 1, Some("R1")),
            Add("Fr", 0, 0, 3, Some("Gym")),
            // Art fills the hole at Mon 2.
            Add("Art", 0, 0, 2, Some("R2")),
            Remove("Math", 0),
            Remove("Art", 0),
        ];
        assert_eq!(run(&problem, &ops, Kind::GroupedLessons), [0, 0, 1, 0, 0, 0].map(hard));
    }
}
