//! Delta of `not_overlapping`: a placed or unplaced lesson changes the periods it shares with the
//! other placed lessons of its sets, read from where every lesson starts.

use horarium_core::constraints::shared_periods;
use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::UNPLACED;

pub(crate) struct NotOverlapping {
    /// Per constraint: its lessons and level.
    sets: Vec<(Vec<u32>, Mult)>,
    /// Per lesson: the constraints it belongs to.
    lesson_sets: Vec<Vec<u32>>,
}

impl NotOverlapping {
    /// The periods `lesson`, at its slot, shares with the other placed lessons of its sets.
    #[inline]
    fn shared(&self, lesson: &Placed<'_>) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.lesson_sets[lesson.lesson] {
            let (lessons, mult) = &self.sets[k as usize];
            let mut shared = 0;
            for &o in lessons {
                let o = o as usize;
                let at = lesson.slot_of[o];
                if o != lesson.lesson && at != UNPLACED {
                    shared += i64::from(shared_periods(lesson.slot, lesson.length, at, lesson.lesson_length[o]));
                }
            }
            res += Delta::of(shared, *mult);
        }
        res
    }
}

impl Mirror for NotOverlapping {
    type Constraint = horarium_core::constraints::NotOverlapping;
    type State = ();

    fn new(problem: &Problem) -> Self {
        NotOverlapping { sets: Vec::new(), lesson_sets: vec![Vec::new(); problem.lessons().len()] }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        #[allow(clippy::cast_possible_truncation, reason = "lesson and constraint counts are bounded by MAX_LESSONS")]
        let (k, lessons) = (self.sets.len() as u32, constraint.lessons.iter().map(|l| l.index() as u32).collect::<Vec<u32>>());
        for &l in &lessons {
            self.lesson_sets[l as usize].push(k);
        }
        self.sets.push((lessons, mult));
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
