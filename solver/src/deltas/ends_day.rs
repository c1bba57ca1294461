//! Delta of `ends_day`: a listed lesson that some of its students have a lesson after, read off
//! the day patterns of the rows layer.

use horarium_core::constraints::Who;
use horarium_core::Problem;

use super::rows::RowChange;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::UNPLACED;

/// The listed lessons, each with the rows of its students and its level.
pub(crate) struct EndsDay {
    n_days: usize,
    /// Per slot: its day and its period in the day.
    slot_day: Vec<u16>,
    slot_period: Vec<u16>,
    listed: Vec<Listed>,
    /// The rows of every listed lesson, one after the other.
    rows: Vec<u32>,
    /// Per lesson (empty until the first constraint): its entries in `listed`.
    of_lesson: Vec<Vec<u32>>,
    /// Per row (empty until the first constraint): the entries of `listed` it is a row of.
    of_row: Vec<Vec<u32>>,
}

struct Listed {
    /// Its students' rows, `rows[first..end]`.
    first: u32,
    end: u32,
    mult: Mult,
}

/// Per search: where each listed lesson starts and whether it is followed, and the day patterns
/// of the rows read (the layer reports each change; the patterns of other rows are not needed).
pub(crate) struct State {
    start: Vec<u16>,
    length: Vec<u16>,
    followed: Vec<bool>,
    /// Per row and day: busy periods as bits, for the rows of listed lessons.
    pattern: Vec<u64>,
}

impl EndsDay {
    /// Whether listed lesson `i`, as the state has it, has a lesson of its students after it.
    #[inline]
    fn is_followed(&self, state: &State, i: usize) -> bool {
        let start = state.start[i];
        if start == UNPLACED {
            return false;
        }
        let start = usize::from(start);
        let day = usize::from(self.slot_day[start]);
        let end = u32::from(self.slot_period[start]) + u32::from(state.length[i]);
        let after = u64::MAX.checked_shl(end).unwrap_or(0);
        let listed = &self.listed[i];
        self.rows[listed.first as usize..listed.end as usize].iter().any(|&r| state.pattern[r as usize * self.n_days + day] & after != 0)
    }

    /// Re-reads whether listed lesson `i` is followed; the change of cost.
    #[inline]
    fn update(&self, state: &mut State, i: usize) -> Delta {
        let now = self.is_followed(state, i);
        let was = std::mem::replace(&mut state.followed[i], now);
        Delta::of(i64::from(now) - i64::from(was), self.listed[i].mult)
    }
}

impl Mirror for EndsDay {
    type Constraint = horarium_core::constraints::EndsDay;
    type State = State;

    fn new(problem: &Problem) -> Self {
        let calendar = problem.calendar();
        EndsDay {
            n_days: usize::from(calendar.days),
            slot_day: calendar.slots().map(|s| calendar.day(s)).collect(),
            slot_period: calendar.slots().map(|s| calendar.period(s)).collect(),
            listed: Vec::new(),
            rows: Vec::new(),
            of_lesson: Vec::new(),
            of_row: Vec::new(),
        }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let problem = build.problem;
        if self.of_lesson.is_empty() {
            self.of_lesson = vec![Vec::new(); problem.lessons().len()];
        }
        for &lesson in &constraint.lessons {
            let course = problem.course(problem.lesson(lesson).course);
            let mut rows: Vec<u32> = course.groups.iter().flat_map(|&g| build.rows.watch(problem, Who::Group(g))).collect();
            rows.sort_unstable();
            rows.dedup();
            #[allow(clippy::cast_possible_truncation, reason = "listed lessons and their rows fit u32")]
            let (index, first) = (self.listed.len() as u32, self.rows.len() as u32);
            for &r in &rows {
                if self.of_row.len() <= r as usize {
                    self.of_row.resize(r as usize + 1, Vec::new());
                }
                self.of_row[r as usize].push(index);
            }
            self.rows.extend(rows);
            #[allow(clippy::cast_possible_truncation, reason = "listed lessons and their rows fit u32")]
            self.listed.push(Listed { first, end: self.rows.len() as u32, mult });
            self.of_lesson[lesson.index()].push(index);
        }
    }

    fn new_state(&self, _n_slots: usize) -> State {
        let n_rows = self.of_row.len();
        State {
            start: vec![UNPLACED; self.listed.len()],
            length: vec![0; self.listed.len()],
            followed: vec![false; self.listed.len()],
            pattern: vec![0; n_rows * self.n_days],
        }
    }

    #[inline]
    fn row_change(&self, state: &mut State, change: &RowChange) -> Delta {
        let (Some(day), Some(listed)) = (change.day, self.of_row.get(change.row)) else { return Delta::ZERO };
        state.pattern[change.row * self.n_days + usize::from(day.day)] = day.pattern.1;
        let mut res = Delta::ZERO;
        for &i in listed {
            res += self.update(state, i as usize);
        }
        res
    }

    #[inline]
    fn place(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        let mut res = Delta::ZERO;
        for &i in self.of_lesson.get(lesson.lesson).map_or(&[][..], Vec::as_slice) {
            state.start[i as usize] = lesson.slot;
            state.length[i as usize] = lesson.length;
            res += self.update(state, i as usize);
        }
        res
    }

    #[inline]
    fn unplace(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        let mut res = Delta::ZERO;
        for &i in self.of_lesson.get(lesson.lesson).map_or(&[][..], Vec::as_slice) {
            state.start[i as usize] = UNPLACED;
            res += self.update(state, i as usize);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_running_cost_follows_the_lessons_after_each_listed_one() {
        let problem = school_with(
            r#"{"kind": "ends_day", "level": "hard", "lessons": [{"course": "Fr", "lesson": 0}]},
               {"kind": "ends_day", "level": {"soft": 3}, "lessons": [{"course": "Math", "lesson": 0}, {"course": "Fr", "lesson": 0}]}"#,
        );
        let ops = [
            // A1's Fr at Mon 1, then B's Bio after it: not Fr's students.
            Add("Fr", 0, 0, 1, Some("R1")),
            Add("Bio", 1, 0, 3, Some("R2")),
            // Math (A: A1 and A2) at Mon 2 follows Fr, and ends the day itself.
            Add("Math", 0, 0, 2, Some("R1")),
            // De (A2) at Mon 3 follows Math.
            Add("De", 0, 0, 3, Some("Gym")),
            Remove("Math", 0),
            Add("Math", 0, 1, 0, Some("R1")),
            Remove("Fr", 0),
            Remove("De", 0),
        ];
        let cost = |hard, soft| horarium_core::Cost { hard, soft };
        assert_eq!(
            run(&problem, &ops, Kind::EndsDay),
            [cost(0, 0), cost(0, 0), cost(0, 0), cost(1, 3), cost(1, 6), cost(0, 0), cost(0, 0), cost(0, 0), cost(0, 0)]
        );
    }

    #[test]
    fn a_double_lesson_is_followed_only_by_what_comes_after_its_last_period() {
        let problem = school_with(r#"{"kind": "ends_day", "level": "hard", "lessons": [{"course": "Bio", "lesson": 0}]}"#);
        // Bio's double (B) at Tue 1-2; Sport (Y: every leaf) at Tue 3, then at Tue 0.
        let ops = [Add("Bio", 0, 1, 1, Some("R1")), Add("Sport", 0, 1, 3, None), Remove("Sport", 0), Add("Sport", 0, 1, 0, None)];
        assert_eq!(run(&problem, &ops, Kind::EndsDay), [0, 0, 1, 0, 0].map(hard));
    }
}
