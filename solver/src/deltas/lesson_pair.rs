//! Delta of `lesson_pair`: a placed or unplaced lesson changes whether each of its pairs holds,
//! read from where the other lesson starts.

use horarium_core::constraints::PairRule;
use horarium_core::{Problem, Slot};

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::UNPLACED;

/// One pair, as seen from one of its lessons.
#[derive(Clone, Copy)]
struct Side {
    other: u32,
    /// Whether this lesson is the pair's `first`.
    is_first: bool,
    rule: PairRule,
    mult: Mult,
}

pub(crate) struct LessonPair {
    periods_per_day: u16,
    /// Per slot (and one past the last): the slots before it that are not breaks.
    open_before: Vec<u32>,
    /// Per lesson: the pairs it is in.
    sides: Vec<Vec<Side>>,
}

impl LessonPair {
    /// The broken pairs of `lesson`, at its slot, with their other lessons where they are.
    #[inline]
    fn broken(&self, lesson: &Placed<'_>) -> Delta {
        let mut res = Delta::ZERO;
        for side in &self.sides[lesson.lesson] {
            let other = side.other as usize;
            let at = lesson.slot_of[other];
            if at == UNPLACED {
                continue;
            }
            let (mine, theirs) = ((Slot(lesson.slot), lesson.length), (Slot(at), lesson.lesson_length[other]));
            let ((a, len_a), (b, len_b)) = if side.is_first { (mine, theirs) } else { (theirs, mine) };
            let only_breaks = |from: usize, to: usize| self.open_before[from] == self.open_before[to];
            if !side.rule.holds(a, len_a, b, len_b, self.periods_per_day, only_breaks) {
                res += Delta::of(1, side.mult);
            }
        }
        res
    }
}

/// Per slot (and one past the last): the slots before it that are not breaks, so that the slots
/// from `from` up to `to` are all breaks exactly when the two counts are equal.
pub(super) fn open_before(problem: &Problem) -> Vec<u32> {
    let calendar = problem.calendar();
    let mut res = Vec::with_capacity(calendar.n_slots() + 1);
    let mut open = 0;
    res.push(0);
    for s in calendar.slots() {
        open += u32::from(!calendar.is_break(s));
        res.push(open);
    }
    res
}

impl Mirror for LessonPair {
    type Constraint = horarium_core::constraints::LessonPair;
    type State = ();

    fn new(problem: &Problem) -> Self {
        LessonPair {
            periods_per_day: problem.calendar().periods_per_day,
            open_before: open_before(problem),
            sides: vec![Vec::new(); problem.lessons().len()],
        }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids are below MAX_LESSONS")]
        let (first, then) = (constraint.first.index() as u32, constraint.then.index() as u32);
        self.sides[first as usize].push(Side { other: then, is_first: true, rule: constraint.rule, mult });
        self.sides[then as usize].push(Side { other: first, is_first: false, rule: constraint.rule, mult });
    }

    fn new_state(&self, _n_slots: usize) {}

    #[inline]
    fn place(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        self.broken(lesson)
    }

    #[inline]
    fn unplace(&self, _state: &mut (), lesson: &Placed<'_>) -> Delta {
        -self.broken(lesson)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with, soft};

    #[test]
    fn the_running_cost_follows_each_rule_as_core_does() {
        let problem = school_with(
            r#"{"kind": "lesson_pair", "level": {"soft": 3}, "rule": "consecutive", "first": {"course": "Bio", "lesson": 0}, "then": {"course": "Art", "lesson": 1}},
               {"kind": "lesson_pair", "level": {"soft": 1}, "rule": "grouped", "first": {"course": "Math", "lesson": 0}, "then": {"course": "Art", "lesson": 1}},
               {"kind": "lesson_pair", "level": {"soft": 7}, "rule": "ordered", "first": {"course": "Math", "lesson": 1}, "then": {"course": "Math", "lesson": 0}}"#,
        );
        let ops = [
            // Art alone: no pair has both lessons yet.
            Add("Art", 1, 0, 2, Some("R2")),
            // Bio's double at Mon 0-1, so Art at Mon 2 follows it.
            Add("Bio", 0, 0, 0, Some("R1")),
            // Math at Tue 0: not next to Art (1).
            Add("Math", 0, 1, 0, Some("R1")),
            // Math's second at Wed 0, after Math's first: ordered broken (7).
            Add("Math", 1, 2, 0, Some("R1")),
            // Art moved to Tue 1: right after Math (grouped holds), no longer after Bio (3).
            Remove("Art", 1),
            Add("Art", 1, 1, 1, Some("R2")),
        ];
        assert_eq!(run(&problem, &ops, Kind::LessonPair), [0, 0, 0, 1, 8, 7, 10].map(soft));
    }
}
