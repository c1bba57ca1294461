//! Delta of `same_start`: a placed or unplaced lesson changes how many of its set's other placed
//! lessons start elsewhere, read from where every lesson starts.

use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::UNPLACED;

pub(crate) struct SameStart {
    /// Per constraint: its lessons and level.
    sets: Vec<(Vec<u32>, Mult)>,
    /// Per lesson: the constraints it belongs to.
    lesson_sets: Vec<Vec<u32>>,
}

impl SameStart {
    /// The pairs `lesson`, at its slot, forms with the other placed lessons of its sets that start elsewhere.
    #[inline]
    fn pairs(&self, lesson: &Placed<'_>) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.lesson_sets[lesson.lesson] {
            let (lessons, mult) = &self.sets[k as usize];
            let apart = lessons.iter().map(|&o| lesson.slot_of[o as usize]).filter(|&at| at != UNPLACED && at != lesson.slot).count();
            #[allow(clippy::cast_possible_wrap, reason = "a set's size")]
            {
                res += Delta::of(apart as i64, *mult);
            }
        }
        res
    }
}

impl Mirror for SameStart {
    type Constraint = horarium_core::constraints::SameStart;
    type State = ();

    fn new(problem: &Problem) -> Self {
        SameStart { sets: Vec::new(), lesson_sets: vec![Vec::new(); problem.lessons().len()] }
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

    // While a lesson is placed or unplaced, its own entry in `slot_of` is not its slot (see
    // `Placed`), so it is never counted against itself.
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
