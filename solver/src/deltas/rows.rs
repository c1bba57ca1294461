//! The rows layer, shared by the kinds on teachers and students (`clashes`, `idle_gaps`,
//! `lessons_per_day`, `max_days`, `min_days`, `early_start`, `max_consecutive_periods` and
//! `ends_day`), each of which owns its cost in its own file and prices the [`RowChange`]s this
//! layer reports.
//!
//! A row is a teacher or a leaf group (a set of students that never splits further); a lesson
//! occupies the rows of its course's teachers and of every leaf under its groups. A limit that
//! counts only some courses' lessons (FET's limits on an activity tag's hours) reads a *counting
//! row* of its own: a row occupied only by those lessons of its teacher or leaf, which reports the
//! changes of its days but never a clash (its lessons clash in the row it counts in). Each row keeps a
//! count of lessons per slot (clashes are the counts beyond one) and, per day, the pattern of
//! busy periods as bits, so idle periods, periods per day and days worked are a few bit
//! operations when one period of one day changes.

use std::collections::BTreeMap;

use horarium_core::constraints::{Who, WhoRow};
use horarium_core::{CourseId, GroupId, Problem};

use crate::cost::{Delta, Mult};

pub(crate) struct Rows {
    n_slots: usize,
    n_days: usize,
    n_rows: usize,
    /// Per slot: its day, and its period as a bit of the day's pattern (0 past 64 periods).
    slot_day: Vec<u16>,
    slot_bit: Vec<u64>,
    /// Per day: its breaks, as bits of its pattern.
    day_breaks: Vec<u64>,
    /// Per course: the rows its lessons occupy.
    course_rows: Vec<Vec<u32>>,
    /// Per course: the counting rows its lessons occupy (empty until the layer is active).
    course_counting_rows: Vec<Vec<u32>>,
    /// The counting rows made so far, by the row they count in and their courses, so that rules
    /// on the same ones share them.
    counting_rows: BTreeMap<(u32, Vec<CourseId>), u32>,
    /// Per row: whether some kind reads its days (then their patterns are kept).
    watched: Vec<bool>,
    /// Per teacher and per group: its row (`u32::MAX` for groups with subgroups).
    teacher_row: Vec<u32>,
    leaf_row: Vec<u32>,
}

pub(crate) struct RowsState {
    /// Per row and slot: lessons occupying it.
    count: Vec<u16>,
    /// Per row and slot: the last lesson that came to occupy it (the occupant when the count is
    /// 1, if it has not left since), for Kempe chains.
    last: Vec<u32>,
    /// Per row and day: busy periods as bits.
    pattern: Vec<u64>,
    /// Per row and day: busy periods.
    load: Vec<u16>,
    /// Per row: idle periods over the week, and days with lessons.
    week_idle: Vec<u32>,
    days_used: Vec<u16>,
}

/// Idle periods of a day pattern: the holes between its first and last busy period, but for the
/// day's `breaks` (bits too), which are nobody's idle period.
#[inline]
pub(crate) fn idle(pattern: u64, breaks: u64) -> u32 {
    if pattern == 0 {
        return 0;
    }
    let (low, high) = (pattern.trailing_zeros(), 64 - pattern.leading_zeros());
    let holes = high - low - pattern.count_ones();
    if breaks == 0 {
        return holes;
    }
    let span = (u64::MAX >> (64 - high)) & (u64::MAX << low);
    holes - (breaks & span & !pattern).count_ones()
}

impl Rows {
    pub(crate) fn new(problem: &Problem) -> Self {
        let cal = problem.calendar();
        let n_teachers = problem.teachers().len();
        let mut leaf_row = vec![u32::MAX; problem.groups().len()];
        let mut n_rows = n_teachers;
        for (g, row) in leaf_row.iter_mut().enumerate() {
            if problem.is_leaf(GroupId::from_index(g)) {
                #[allow(clippy::cast_possible_truncation, reason = "row counts are bounded by entity counts, below 2^32")]
                {
                    *row = n_rows as u32;
                }
                n_rows += 1;
            }
        }
        #[allow(clippy::cast_possible_truncation, reason = "teacher counts fit u32")]
        let teacher_row = (0..n_teachers).map(|t| t as u32).collect();
        Rows {
            n_slots: cal.n_slots(),
            n_days: usize::from(cal.days),
            n_rows,
            slot_day: cal.slots().map(|s| cal.day(s)).collect(),
            slot_bit: cal.slots().map(|s| 1u64.checked_shl(u32::from(cal.period(s))).unwrap_or(0)).collect(),
            day_breaks: (0..cal.days)
                .map(|d| {
                    let bit = |b: &horarium_core::SlotDef| 1u64.checked_shl(u32::from(b.period)).unwrap_or(0);
                    cal.breaks.iter().filter(|b| b.day == d).map(bit).fold(0, |m, b| m | b)
                })
                .collect(),
            course_rows: Vec::new(),
            course_counting_rows: Vec::new(),
            counting_rows: BTreeMap::new(),
            watched: vec![false; n_rows],
            teacher_row,
            leaf_row,
        }
    }

    /// Fills the rows of each course, once: a kind that reads rows calls this when it compiles
    /// its first constraint.
    pub(crate) fn activate(&mut self, problem: &Problem) {
        if !self.course_rows.is_empty() || problem.courses().is_empty() {
            return;
        }
        self.course_rows = (0..problem.courses().len())
            .map(|c| {
                let id = CourseId::from_index(c);
                let teachers = problem.course(id).teachers.iter().map(|t| self.teacher_row[t.index()]);
                let leaves = problem.course_leaves(id).into_iter().map(|g| self.leaf_row[g.index()]);
                teachers.chain(leaves).collect()
            })
            .collect();
        self.course_counting_rows = vec![Vec::new(); problem.courses().len()];
    }

    /// Per day: its breaks, as bits of its pattern.
    pub(crate) fn day_breaks(&self) -> &[u64] {
        &self.day_breaks
    }

    /// Whether some kind reads the rows, so that they know what occupies them.
    pub(crate) fn is_active(&self) -> bool {
        !self.course_rows.is_empty()
    }

    /// The rows of `who`, which from now on report the changes of their days.
    pub(crate) fn watch(&mut self, problem: &Problem, who: Who) -> Vec<u32> {
        let rows = self.rows_of(problem, who);
        for &r in &rows {
            self.watched[r as usize] = true;
        }
        rows
    }

    /// The counting rows of `who` for `courses` (sorted, each once): per row of `who`, a row
    /// occupied only by the lessons of those courses there, which reports the changes of its days.
    pub(crate) fn watch_counting(&mut self, problem: &Problem, who: Who, courses: &[CourseId]) -> Vec<u32> {
        let rows = self.rows_of(problem, who);
        rows.into_iter()
            .map(|row| {
                let key = (row, courses.to_vec());
                if let Some(&counting) = self.counting_rows.get(&key) {
                    return counting;
                }
                #[allow(clippy::cast_possible_truncation, reason = "row counts are bounded by entity and constraint counts, below 2^32")]
                let counting = self.n_rows as u32;
                self.n_rows += 1;
                self.watched.push(true);
                for c in courses {
                    if self.course_rows[c.index()].contains(&row) {
                        self.course_counting_rows[c.index()].push(counting);
                    }
                }
                self.counting_rows.insert(key, counting);
                counting
            })
            .collect()
    }

    /// The rows of `who`, with the layer active.
    pub(crate) fn rows_of(&mut self, problem: &Problem, who: Who) -> Vec<u32> {
        self.activate(problem);
        who.rows(problem)
            .into_iter()
            .map(|row| match row {
                WhoRow::Teacher(t) => self.teacher_row[t.index()],
                WhoRow::Students(g) => self.leaf_row[g.index()],
            })
            .collect()
    }

    pub(crate) fn new_state(&self) -> RowsState {
        let n = if self.course_rows.is_empty() { 0 } else { self.n_rows };
        RowsState {
            count: vec![0; n * self.n_slots],
            last: vec![u32::MAX; n * self.n_slots],
            pattern: vec![0; n * self.n_days],
            load: vec![0; n * self.n_days],
            week_idle: vec![0; n],
            days_used: vec![0; n],
        }
    }

    /// The rows occupied by a lesson of `course`.
    #[inline]
    pub(crate) fn of_course(&self, course: usize) -> &[u32] {
        self.course_rows.get(course).map_or(&[], Vec::as_slice)
    }

    /// The counting rows occupied by a lesson of `course`.
    #[inline]
    fn counting_of_course(&self, course: usize) -> &[u32] {
        self.course_counting_rows.get(course).map_or(&[], Vec::as_slice)
    }

    /// Lessons occupying `row` at `slot`.
    #[inline]
    pub(crate) fn count(&self, state: &RowsState, row: u32, slot: usize) -> u16 {
        state.count[row as usize * self.n_slots + slot]
    }

    /// The lesson that last came to occupy `row` at `slot`; the caller checks it is still there.
    #[inline]
    pub(crate) fn last(&self, state: &RowsState, row: u32, slot: usize) -> u32 {
        state.last[row as usize * self.n_slots + slot]
    }

    /// Lesson `lesson` of `course` comes to cover `slot`; `on_change` prices each row's change.
    #[inline]
    pub(crate) fn enter(
        &self,
        state: &mut RowsState,
        course: usize,
        lesson: u32,
        slot: usize,
        mut on_change: impl FnMut(&RowChange) -> Delta,
    ) -> Delta {
        let mut res = Delta::ZERO;
        for &r in self.of_course(course) {
            let r = r as usize;
            state.last[r * self.n_slots + slot] = lesson;
            let count = &mut state.count[r * self.n_slots + slot];
            *count += 1;
            let after = *count;
            if after > 1 {
                res += on_change(&RowChange { row: r, slot, count_before: after - 1, count_after: after, day: None });
            } else if self.watched[r] {
                let day = self.toggle(state, r, slot, true);
                res += on_change(&RowChange { row: r, slot, count_before: 0, count_after: 1, day: Some(day) });
            }
        }
        for &r in self.counting_of_course(course) {
            let r = r as usize;
            let count = &mut state.count[r * self.n_slots + slot];
            *count += 1;
            if *count == 1 {
                let day = self.toggle(state, r, slot, true);
                res += on_change(&RowChange { row: r, slot, count_before: 0, count_after: 1, day: Some(day) });
            }
        }
        res
    }

    /// A lesson of `course` stops covering `slot`; `on_change` prices each row's change.
    #[inline]
    pub(crate) fn leave(&self, state: &mut RowsState, course: usize, slot: usize, mut on_change: impl FnMut(&RowChange) -> Delta) -> Delta {
        let mut res = Delta::ZERO;
        for &r in self.of_course(course) {
            let r = r as usize;
            let count = &mut state.count[r * self.n_slots + slot];
            *count -= 1;
            let after = *count;
            if after > 0 {
                res += on_change(&RowChange { row: r, slot, count_before: after + 1, count_after: after, day: None });
            } else if self.watched[r] {
                let day = self.toggle(state, r, slot, false);
                res += on_change(&RowChange { row: r, slot, count_before: 1, count_after: 0, day: Some(day) });
            }
        }
        for &r in self.counting_of_course(course) {
            let r = r as usize;
            let count = &mut state.count[r * self.n_slots + slot];
            *count -= 1;
            if *count == 0 {
                let day = self.toggle(state, r, slot, false);
                res += on_change(&RowChange { row: r, slot, count_before: 1, count_after: 0, day: Some(day) });
            }
        }
        res
    }

    /// Row `r` becomes busy (or free) at `slot`: updates its day and week, and returns the change.
    #[inline]
    fn toggle(&self, state: &mut RowsState, r: usize, slot: usize, busy: bool) -> DayChange {
        let day = r * self.n_days + usize::from(self.slot_day[slot]);
        let (p0, l0) = (state.pattern[day], state.load[day]);
        let (p1, l1) = if busy { (p0 | self.slot_bit[slot], l0 + 1) } else { (p0 & !self.slot_bit[slot], l0 - 1) };
        let breaks = self.day_breaks[usize::from(self.slot_day[slot])];
        let (i0, i1) = (idle(p0, breaks), idle(p1, breaks));
        let (w0, d0) = (state.week_idle[r], state.days_used[r]);
        let w1 = w0 + i1 - i0;
        let d1 = d0 + u16::from(l1 > 0) - u16::from(l0 > 0);
        state.pattern[day] = p1;
        state.load[day] = l1;
        state.week_idle[r] = w1;
        state.days_used[r] = d1;
        DayChange { day: self.slot_day[slot], pattern: (p0, p1), idle: (i0, i1), load: (l0, l1), week_idle: (w0, w1), days_used: (d0, d1) }
    }
}

/// A change of one row: a lesson came to cover, or stopped covering, one of its slots.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowChange {
    pub(crate) row: usize,
    /// The slot whose count changed.
    pub(crate) slot: usize,
    /// Lessons covering the slot in this row, before and after.
    pub(crate) count_before: u16,
    pub(crate) count_after: u16,
    /// When the row is watched and the slot became busy or free: the change of its day and week.
    pub(crate) day: Option<DayChange>,
}

/// How a watched row's day and week change when one of its slots becomes busy or free; each pair
/// is (before, after).
#[derive(Clone, Copy, Debug)]
pub(crate) struct DayChange {
    /// Which day.
    pub(crate) day: u16,
    /// Busy periods of the day, as bits (none past the 64th period).
    pub(crate) pattern: (u64, u64),
    /// Idle periods of the day: the holes between its first and last busy period.
    pub(crate) idle: (u32, u32),
    /// Busy periods of the day.
    pub(crate) load: (u16, u16),
    /// Idle periods over the week.
    pub(crate) week_idle: (u32, u32),
    /// Days with lessons.
    pub(crate) days_used: (u16, u16),
}

/// How far `value` exceeds `max`, in units.
#[inline]
pub(crate) fn excess(value: u32, max: u16) -> i64 {
    i64::from(value.saturating_sub(u32::from(max)))
}

/// The rules one kind keeps on the days of the rows it watches, each with its level: what
/// `idle_gaps`, `lessons_per_day` and `max_days` hold, each with its own kind of rule `R`.
pub(crate) struct RowRules<R> {
    /// Per row: the rules on it (empty until the first rule is added).
    rules: Vec<Vec<(R, Mult)>>,
}

impl<R: Copy> RowRules<R> {
    pub(crate) fn new() -> Self {
        RowRules { rules: Vec::new() }
    }

    /// Puts `rule` at level `mult` on every row of `who`, and has the layer watch them; returns
    /// how many rows that is.
    pub(crate) fn add(&mut self, rows: &mut Rows, problem: &Problem, who: Who, rule: R, mult: Mult) -> usize {
        self.add_each(rows, problem, who, |_| rule, mult)
    }

    /// Puts `rule` at level `mult` on every row of `who`, counting only the lessons of `courses`
    /// when given (on counting rows); returns how many rows that is.
    pub(crate) fn add_counting(
        &mut self,
        rows: &mut Rows,
        problem: &Problem,
        who: Who,
        courses: Option<&[CourseId]>,
        rule: R,
        mult: Mult,
    ) -> usize {
        let Some(courses) = courses else { return self.add(rows, problem, who, rule, mult) };
        let watched = rows.watch_counting(problem, who, courses);
        self.put(rows, &watched, |_| rule, mult);
        watched.len()
    }

    /// Puts a rule at level `mult` on every row of `who`, each row's made by `rule_for(row)`,
    /// and has the layer watch them; returns how many rows that is.
    pub(crate) fn add_each(&mut self, rows: &mut Rows, problem: &Problem, who: Who, rule_for: impl FnMut(u32) -> R, mult: Mult) -> usize {
        let watched = rows.watch(problem, who);
        self.put(rows, &watched, rule_for, mult);
        watched.len()
    }

    fn put(&mut self, rows: &Rows, watched: &[u32], mut rule_for: impl FnMut(u32) -> R, mult: Mult) {
        // Counting rows made after an earlier rule come after the rows it was sized for.
        if self.rules.len() < rows.n_rows {
            self.rules.resize(rows.n_rows, Vec::new());
        }
        for &r in watched {
            self.rules[r as usize].push((rule_for(r), mult));
        }
    }

    /// The rules on `row`.
    #[inline]
    pub(crate) fn of_row(&self, row: usize) -> &[(R, Mult)] {
        self.rules.get(row).map_or(&[], Vec::as_slice)
    }

    /// The change of cost of the rules on the changed row when its day changed, with `units`
    /// giving each rule's change in units.
    #[inline]
    pub(crate) fn price(&self, change: &RowChange, units: impl Fn(R, &DayChange) -> i64) -> Delta {
        let (Some(day), Some(rules)) = (change.day, self.rules.get(change.row)) else { return Delta::ZERO };
        let mut res = Delta::ZERO;
        for &(rule, mult) in rules {
            res += Delta::of(units(rule, &day), mult);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::idle;

    #[test]
    fn idle_periods_are_the_holes_between_the_first_and_last_busy_period_but_breaks() {
        assert_eq!(idle(0, 0b10), 0);
        assert_eq!(idle(0b1001, 0), 2);
        assert_eq!(idle(0b1001, 0b0010), 1);
        assert_eq!(idle(0b101, 0b010), 0);
        // A break outside the day's span changes nothing.
        assert_eq!(idle(0b1010, 0b0001), 1);
        assert_eq!(idle(1 << 63 | 1, 0), 62);
        assert_eq!(idle(1 << 63 | 1, 1 << 62), 61);
    }
}
