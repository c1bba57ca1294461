//! Delta of `building_changes`: per row and slot, the buildings of the lessons there (a count per
//! building and their mask); a change of one slot re-reads its day's sequence of buildings.

use horarium_core::constraints::{building_index, BuildingLimit};
use horarium_core::Problem;

use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};
use crate::placement::NO_ROOM;

pub(crate) struct BuildingChanges {
    /// Per room: its building's index, or `None`.
    room_building: Vec<Option<u8>>,
    n_buildings: usize,
    /// Per course: the rows (this kind's numbering) its lessons occupy.
    course_rows: Vec<Vec<u32>>,
    /// Per row of the rows layer: this kind's number for it, or `NONE`.
    dense: Vec<u32>,
    /// Per row (this kind's numbering): its rules.
    rules: Vec<Vec<(BuildingLimit, Mult)>>,
    n_slots: usize,
    periods: usize,
}

const NONE: u32 = u32::MAX;

/// Per search: per row, slot and building, the lessons there; per row and slot, the mask of
/// buildings with one; per row, its changes over the week.
pub(crate) struct State {
    count: Vec<u16>,
    mask: Vec<u64>,
    week: Vec<u32>,
}

/// The changes of a day whose periods hold the buildings `masks`, and, for `min_gap`, the free
/// periods short over them.
#[inline]
fn day_amounts(masks: &[u64], min_gap: u16) -> (u32, u32) {
    let (mut changes, mut short) = (0, 0);
    let mut last: Option<(usize, u64)> = None;
    for (p, &m) in masks.iter().enumerate() {
        if m == 0 {
            continue;
        }
        if let Some((at, was)) = last {
            if was != m {
                changes += 1;
                #[allow(clippy::cast_possible_truncation, reason = "periods of a day fit u32")]
                let gap = (p - at - 1) as u32;
                short += u32::from(min_gap).saturating_sub(gap);
            }
        }
        last = Some((p, m));
    }
    (changes, short)
}

impl BuildingChanges {
    /// A lesson enters (or leaves) its slots in each of its rows; the change of cost.
    #[inline]
    fn count(&self, state: &mut State, lesson: &Placed<'_>, entering: bool) -> Delta {
        if lesson.room == NO_ROOM {
            return Delta::ZERO;
        }
        let Some(b) = self.room_building[usize::from(lesson.room)] else { return Delta::ZERO };
        let mut res = Delta::ZERO;
        let start = usize::from(lesson.slot);
        // A lesson run past the end of its day covers the next day's first periods (and is a
        // hard violation of its own): each day it covers is priced.
        let end = (start + usize::from(lesson.length)).min(self.n_slots);
        for &r in &self.course_rows[lesson.course] {
            let r = r as usize;
            let mut from = start;
            while from < end {
                let day = from / self.periods;
                let to = end.min((day + 1) * self.periods);
                res += self.set_day(state, r, day, from..to, b, entering);
                from = to;
            }
        }
        res
    }

    /// Lessons in building `b` enter (or leave) `slots` of `day` in row `r`; the change of cost.
    #[inline]
    fn set_day(&self, state: &mut State, r: usize, day: usize, slots: std::ops::Range<usize>, b: u8, entering: bool) -> Delta {
        let first = r * self.n_slots + day * self.periods;
        // The day as it was (a day has at most 64 periods, which the kind checks).
        let mut before = [0u64; 64];
        before[..self.periods].copy_from_slice(&state.mask[first..first + self.periods]);
        let before = &before[..self.periods];
        let week_before = state.week[r];
        for slot in slots {
            let at = r * self.n_slots + slot;
            let count = &mut state.count[at * self.n_buildings + usize::from(b)];
            if entering {
                *count += 1;
                if *count == 1 {
                    state.mask[at] |= 1 << b;
                }
            } else {
                *count -= 1;
                if *count == 0 {
                    state.mask[at] &= !(1 << b);
                }
            }
        }
        let after = &state.mask[first..first + self.periods];
        let week_after = week_before + day_amounts(after, 0).0 - day_amounts(before, 0).0;
        state.week[r] = week_after;
        let mut res = Delta::ZERO;
        for &(limit, mult) in &self.rules[r] {
            res += Delta::of(units(limit, after, week_after) - units(limit, before, week_before), mult);
        }
        res
    }
}

/// What `limit` costs, in units, for a row whose day holds `masks` and whose week has `week`
/// changes (the week's part counted whole: the difference is what is priced).
#[inline]
fn units(limit: BuildingLimit, masks: &[u64], week: u32) -> i64 {
    let units = match limit {
        BuildingLimit::MaxPerDay(max) => day_amounts(masks, 0).0.saturating_sub(u32::from(max)),
        BuildingLimit::MaxPerWeek(max) => week.saturating_sub(u32::from(max)),
        BuildingLimit::MinGap(min) => day_amounts(masks, min).1,
    };
    i64::from(units)
}

impl Mirror for BuildingChanges {
    type Constraint = horarium_core::constraints::BuildingChanges;
    type State = State;

    fn new(problem: &Problem) -> Self {
        let room_building = building_index(problem);
        let n_buildings = room_building.iter().flatten().map(|&b| usize::from(b) + 1).max().unwrap_or(0);
        let calendar = problem.calendar();
        BuildingChanges {
            room_building,
            n_buildings,
            course_rows: vec![Vec::new(); problem.courses().len()],
            dense: Vec::new(),
            rules: Vec::new(),
            n_slots: calendar.n_slots(),
            periods: usize::from(calendar.periods_per_day),
        }
    }

    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        let rows = build.rows.rows_of(build.problem, constraint.who);
        for &r in &rows {
            if self.dense.len() <= r as usize {
                self.dense.resize(r as usize + 1, NONE);
            }
            if self.dense[r as usize] == NONE {
                #[allow(clippy::cast_possible_truncation, reason = "row counts fit u32")]
                {
                    self.dense[r as usize] = self.rules.len() as u32;
                }
                self.rules.push(Vec::new());
                // The courses occupying the new row now occupy its number here too.
                for (c, rows_of_course) in self.course_rows.iter_mut().enumerate() {
                    if build.rows.of_course(c).contains(&r) {
                        rows_of_course.push(self.dense[r as usize]);
                    }
                }
            }
            self.rules[self.dense[r as usize] as usize].push((constraint.limit, mult));
        }
    }

    fn new_state(&self, _n_slots: usize) -> State {
        let cells = self.rules.len() * self.n_slots;
        State { count: vec![0; cells * self.n_buildings], mask: vec![0; cells], week: vec![0; self.rules.len()] }
    }

    #[inline]
    fn place(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.count(state, lesson, true)
    }

    #[inline]
    fn unplace(&self, state: &mut State, lesson: &Placed<'_>) -> Delta {
        self.count(state, lesson, false)
    }
}

#[cfg(test)]
mod tests {
    use horarium_core::Kind;

    use super::day_amounts;
    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn a_day_counts_its_changes_and_the_free_periods_short_between_them() {
        assert_eq!(day_amounts(&[1, 0, 2, 2, 0, 1], 2), (2, 2));
        assert_eq!(day_amounts(&[0, 1, 1, 0], 1), (0, 0));
        assert_eq!(day_amounts(&[1, 2], 3), (1, 3));
    }

    #[test]
    fn the_running_cost_follows_the_buildings_of_each_day() {
        let school =
            school_with(r#"{"kind": "building_changes", "level": "hard", "who": {"teacher": "Ann"}, "limit": {"max_per_day": 0}}"#);
        let text = serde_json::to_string(&school.to_def()).expect("the school as JSON");
        let text = text
            .replace(r#""name":"R1","capacity":20"#, r#""name":"R1","capacity":20,"building":"North""#)
            .replace(r#""name":"Gym","capacity":60"#, r#""name":"Gym","capacity":60,"building":"South""#);
        let problem = horarium_core::formats::json::parse_problem("<test>", &text).expect("the school with buildings");
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            // Gym is in the other building: one change.
            Add("Math", 1, 0, 2, Some("Gym")),
            // Back to R1 at Mon 3: two.
            Add("Math", 2, 0, 3, Some("R1")),
            // R2 has no building: no change.
            Add("Bio", 1, 0, 1, Some("R2")),
            Remove("Math", 1),
        ];
        assert_eq!(run(&problem, &ops, Kind::BuildingChanges), [0, 0, 1, 2, 2, 0].map(hard));
    }
}
