//! `building_changes`: teachers and students move between buildings at most so often, or with
//! time to walk.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::who::{Who, WhoDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::idle_gaps::days_fit_a_pattern;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::Slot;
use crate::names::Names;

/// The most buildings a problem may have: a period's buildings are the bits of a `u64`.
pub const MAX_BUILDINGS: usize = 64;

const SUMMARY: &str = "a teacher or set of students changes buildings at most so many times a day or a week, or only with free periods \
                       between; one unit per change beyond, or per free period short";

/// How often a teacher or set of students may change buildings, or how long they need to.
///
/// A change is two lessons in a row of one day (free periods between them or not) held in rooms
/// of different buildings; lessons without a room, or in a room without a building, are not
/// part of the sequence. FET's "max building changes per day / per week" and "min gaps between
/// building changes".
///
/// ```json
/// {"kind": "building_changes", "level": "hard", "who": "all_teachers", "limit": {"max_per_day": 1}}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildingChanges {
    /// Whom it applies to.
    pub who: Who,
    /// The limit.
    pub limit: BuildingLimit,
}

/// The limit of a [`BuildingChanges`], in its serde model too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BuildingLimit {
    /// At most this many changes on each day; one unit per change beyond, day by day.
    MaxPerDay(u16),
    /// At most this many changes over the week; one unit per change beyond.
    MaxPerWeek(u16),
    /// At least this many free periods between two lessons in different buildings; one unit per
    /// period short, change by change.
    MinGap(u16),
}

/// [`BuildingChanges`] in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BuildingChangesDef {
    /// Whom it applies to.
    pub who: WhoDef,
    /// `{"max_per_day": n}`, `{"max_per_week": n}` or `{"min_gap": n}`.
    pub limit: BuildingLimit,
}

/// The building changes of one day's lessons of a row, given each period's buildings (a
/// bitmask per period, the lessons there held in rooms of those buildings): each change as the
/// periods it is between.
pub fn changes(buildings: &[u64]) -> Vec<(usize, usize)> {
    let mut res = Vec::new();
    let mut last: Option<usize> = None;
    for (p, &b) in buildings.iter().enumerate() {
        if b == 0 {
            continue;
        }
        if let Some(l) = last.filter(|&l| buildings[l] != b) {
            res.push((l, p));
        }
        last = Some(p);
    }
    res
}

impl ConstraintKind for BuildingChanges {
    type Def = BuildingChangesDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: BuildingChangesDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues)?;
        if def.limit == BuildingLimit::MinGap(0) {
            issues.push(Issue::at_path(format!("{path}.limit.min_gap"), "must be at least 1 (0 asks for nothing)".to_owned()));
            return None;
        }
        days_fit_a_pattern(calendar, "building changes", path, issues).then_some(BuildingChanges { who, limit: def.limit })
    }

    fn to_def(&self, problem: &Entities) -> BuildingChangesDef {
        BuildingChangesDef { who: self.who.to_def(problem), limit: self.limit }
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let calendar = problem.calendar();
        let busy = view.busy();
        let index = building_index(problem);
        for (row_idx, row) in self.who.busy_rows(problem, busy) {
            let mut week_changes = 0;
            let (mut week_entries, mut week_slots) = (Vec::new(), Vec::new());
            for day in 0..calendar.days {
                let slots: Vec<Option<Slot>> = (0..calendar.periods_per_day).map(|p| calendar.slot(day, p)).collect();
                let buildings: Vec<u64> = slots
                    .iter()
                    .map(|s| {
                        s.map_or(0, |s| {
                            busy.at(row_idx, s)
                                .iter()
                                .filter_map(|&e| view.entries[e].room.and_then(|r| index[r.index()]))
                                .fold(0, |m, b| m | 1u64.checked_shl(u32::from(b)).unwrap_or(0))
                        })
                    })
                    .collect();
                let found = changes(&buildings);
                let at = |p: usize| slots[p].into_iter().collect::<Vec<Slot>>();
                let entries_at = |p: usize| at(p).into_iter().flat_map(|s| busy.at(row_idx, s).iter().copied()).collect::<Vec<usize>>();
                match self.limit {
                    BuildingLimit::MaxPerDay(max) if found.len() > usize::from(max) => {
                        let message = format!(
                            "{} changes buildings {} times on {}; at most {max} are allowed",
                            row.describe(problem),
                            found.len(),
                            calendar.day_label(day)
                        );
                        let (entries, slots) = involved(&found, entries_at, at);
                        sink.add((found.len() - usize::from(max)) as u64, view.lessons_of(&entries), slots, vec![row.resource()], message);
                    }
                    BuildingLimit::MaxPerWeek(_) => {
                        week_changes += found.len();
                        let (entries, slots) = involved(&found, entries_at, at);
                        week_entries.extend(entries);
                        week_slots.extend(slots);
                    }
                    BuildingLimit::MinGap(min) => {
                        for &(from, to) in &found {
                            let gap = to - from - 1;
                            if gap >= usize::from(min) {
                                continue;
                            }
                            let message = format!(
                                "{} changes buildings between {} and {} with {gap} free periods; at least {min} are needed",
                                row.describe(problem),
                                slots[from].map_or_else(String::new, |s| calendar.slot_label(s)),
                                slots[to].map_or_else(String::new, |s| calendar.slot_label(s)),
                            );
                            let (entries, slots) = involved(&[(from, to)], entries_at, at);
                            sink.add((usize::from(min) - gap) as u64, view.lessons_of(&entries), slots, vec![row.resource()], message);
                        }
                    }
                    BuildingLimit::MaxPerDay(_) => {}
                }
            }
            if let BuildingLimit::MaxPerWeek(max) = self.limit {
                if week_changes > usize::from(max) {
                    week_entries.sort_unstable();
                    week_entries.dedup();
                    let message =
                        format!("{} changes buildings {week_changes} times in the week; at most {max} are allowed", row.describe(problem));
                    let amount = (week_changes - usize::from(max)) as u64;
                    sink.add(amount, view.lessons_of(&week_entries), week_slots, vec![row.resource()], message);
                }
            }
        }
    }
}

/// The entries and slots at both ends of each change.
fn involved(
    found: &[(usize, usize)],
    entries_at: impl Fn(usize) -> Vec<usize>,
    at: impl Fn(usize) -> Vec<Slot>,
) -> (Vec<usize>, Vec<Slot>) {
    let mut ends: Vec<usize> = found.iter().flat_map(|&(a, b)| [a, b]).collect();
    ends.sort_unstable();
    ends.dedup();
    let mut entries: Vec<usize> = ends.iter().flat_map(|&p| entries_at(p)).collect();
    entries.sort_unstable();
    entries.dedup();
    (entries, ends.iter().flat_map(|&p| at(p)).collect())
}

/// Per room: the index of its building among the problem's buildings (sorted by name, at most
/// [`MAX_BUILDINGS`], which a problem is checked for), or `None`.
pub fn building_index(problem: &Entities) -> Vec<Option<u8>> {
    let mut names: Vec<&str> = problem.rooms().iter().filter_map(|r| r.building.as_deref()).collect();
    names.sort_unstable();
    names.dedup();
    problem
        .rooms()
        .iter()
        .map(|r| r.building.as_deref().and_then(|b| names.binary_search(&b).ok()).and_then(|i| u8::try_from(i).ok()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::changes;
    use crate::constraints::test_support::{found, hard, place, problem, school, school_issues};
    use crate::Kind;

    /// The test school with `R1` and `R2` in building `North` and `Gym` in `South`.
    fn with_buildings(constraints: &str) -> crate::Problem {
        let text = school(constraints)
            .replace(r#""name": "R1", "capacity": 20"#, r#""name": "R1", "capacity": 20, "building": "North""#)
            .replace(r#""name": "R2", "capacity": 30"#, r#""name": "R2", "capacity": 30, "building": "North""#)
            .replace(r#""name": "Gym", "capacity": 60"#, r#""name": "Gym", "capacity": 60, "building": "South""#);
        assert!(text.contains("South"), "the fixture's rooms changed");
        problem(&text)
    }

    #[test]
    fn a_change_is_two_lessons_in_a_row_in_different_buildings() {
        assert_eq!(changes(&[1, 0, 2, 2, 0, 1]), [(0, 2), (3, 5)]);
        assert_eq!(changes(&[0, 1, 1, 0]), []);
        assert_eq!(changes(&[]), []);
    }

    #[test]
    fn changes_per_day_per_week_and_free_periods_between() {
        let per_day =
            with_buildings(r#"{"kind": "building_changes", "level": "hard", "who": {"teacher": "Ann"}, "limit": {"max_per_day": 0}}"#);
        // Mon: Math in R1 (North), Math in Gym (South), Math in R1: two changes.
        let placements = [("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 1, Some("Gym")), ("Math", 2, 0, 3, Some("R1"))];
        let t = place(&per_day, &placements);
        assert_eq!(
            found(&per_day, &t, Kind::BuildingChanges),
            vec![(2, hard(2), "teacher Ann changes buildings 2 times on Mon; at most 0 are allowed".to_owned())]
        );
        let per_week =
            with_buildings(r#"{"kind": "building_changes", "level": "hard", "who": {"teacher": "Ann"}, "limit": {"max_per_week": 1}}"#);
        let t = place(&per_week, &placements);
        assert_eq!(
            found(&per_week, &t, Kind::BuildingChanges),
            vec![(1, hard(1), "teacher Ann changes buildings 2 times in the week; at most 1 are allowed".to_owned())]
        );
        let gap = with_buildings(r#"{"kind": "building_changes", "level": "hard", "who": {"teacher": "Ann"}, "limit": {"min_gap": 1}}"#);
        let t = place(&gap, &placements);
        assert_eq!(
            found(&gap, &t, Kind::BuildingChanges),
            vec![(
                1,
                hard(1),
                "teacher Ann changes buildings between Mon period 0 and Mon period 1 with 0 free periods; at least 1 are needed".to_owned()
            )]
        );
    }

    #[test]
    fn a_gap_of_0_is_refused() {
        let issues = school_issues(r#"{"kind": "building_changes", "level": "hard", "who": "all_teachers", "limit": {"min_gap": 0}}"#);
        assert_eq!(issues, vec![("constraints[0].limit.min_gap".to_owned(), "must be at least 1 (0 asks for nothing)".to_owned())]);
    }
}
