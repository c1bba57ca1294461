//! Delta of `ordering`: per lesson, the lessons of the other course of each pair it is out of order with
//! (courses have a handful of lessons, so a scan is cheaper than any index).

use horarium_core::{CourseId, Problem};

use super::course_pairs::{add_pair, Link, Role};
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::UNPLACED;

pub(crate) struct Ordering {
    /// Per pair: the first and the second course, and the level.
    pairs: Vec<(CourseId, CourseId, Mult)>,
    course_links: Vec<Vec<Link>>,
}

impl Ordering {
    /// Pairs out of order that a lesson of `course` at `start` (lasting `length`) forms with the
    /// lessons of the other courses, as a cost; `lessons` gives each course's lesson range and
    /// `slot_of`/`length_of` where the others are.
    #[inline]
    fn cost(&self, course: usize, start: u16, length: u16, lessons: &[std::ops::Range<u32>], slot_of: &[u16], length_of: &[u16]) -> Delta {
        let mut res = Delta::ZERO;
        for link in &self.course_links[course] {
            let (first, then, mult) = self.pairs[link.pair as usize];
            let mut n = 0;
            match link.role {
                Role::First => {
                    let end = u32::from(start) + u32::from(length);
                    for y in lessons[then.index()].clone() {
                        let s = slot_of[y as usize];
                        n += i64::from(s != UNPLACED && end > u32::from(s));
                    }
                }
                Role::Then => {
                    for x in lessons[first.index()].clone() {
                        let s = slot_of[x as usize];
                        n += i64::from(s != UNPLACED && u32::from(s) + u32::from(length_of[x as usize]) > u32::from(start));
                    }
                }
            }
            res += Delta::of(n, mult);
        }
        res
    }

    #[inline]
    fn involves(&self, course: usize) -> bool {
        !self.course_links[course].is_empty()
    }
}

impl Mirror for Ordering {
    type Constraint = horarium_core::constraints::Ordering;
    type State = ();

    fn new(problem: &Problem) -> Self {
        Ordering { pairs: Vec::new(), course_links: vec![Vec::new(); problem.courses().len()] }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let (first, then) = (constraint.first, constraint.then);
        add_pair(&mut self.course_links, self.pairs.len(), first, then);
        self.pairs.push((first, then, mult));
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        if !self.involves(lesson.course) {
            return Delta::ZERO;
        }
        self.cost(lesson.course, lesson.slot, lesson.length, lesson.course_lessons, lesson.slot_of, lesson.lesson_length)
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        if !self.involves(lesson.course) {
            return Delta::ZERO;
        }
        -self.cost(lesson.course, lesson.slot, lesson.length, lesson.course_lessons, lesson.slot_of, lesson.lesson_length)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with, soft};

    #[test]
    fn the_running_cost_counts_the_pairs_out_of_order() {
        let problem = school_with(r#"{"kind": "ordering", "level": {"soft": 5}, "first": "Bio", "then": "Math"}"#);
        let ops = [
            Add("Math", 0, 0, 1, Some("R1")),
            // Bio's double covers Mon 0 and 1: not ended when Math meets at Mon 1.
            Add("Bio", 0, 0, 0, Some("R2")),
            // Math at Mon 2 starts as the double ends.
            Add("Math", 1, 0, 2, Some("R1")),
            // Bio at Tue 0 comes after both lessons of Math.
            Add("Bio", 1, 1, 0, Some("R2")),
            Remove("Math", 0),
            Add("Math", 0, 2, 0, Some("R1")),
            Remove("Bio", 1),
        ];
        assert_eq!(run(&problem, &ops, Kind::Ordering), [0, 0, 5, 5, 15, 5, 5, 0].map(soft));
    }
}
