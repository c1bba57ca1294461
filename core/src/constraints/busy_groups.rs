//! `busy_groups`: in how many of some groups of slots a teacher or set of students has lessons.

use super::slot_groups::{outside, resolve_groups, GroupLimitsDef, SlotGroup};
use super::who::Who;
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

const SUMMARY: &str =
    "a teacher or set of students has lessons in between a least and a most of some groups of slots; one unit per group short or over";

/// Lessons in between `min` and `max` of the groups, for each teacher or set of students named.
///
/// A group counts when a lesson covers one of its slots. The amount is the groups short of
/// `min` or beyond `max`. With a group per day it bounds the days worked (as `max_days` and
/// `min_days` do); with a group per first period, "in school at the first period every day" is
/// `"min"` equal to the number of days. For a group, each leaf of the hierarchy under it counts
/// on its own. XHSTT calls it ClusterBusyTimes.
///
/// ```json
/// {"kind": "busy_groups", "level": {"soft": 100}, "who": "all_groups", "min": 2,
///  "groups": [{"name": "Mon 1", "slots": [{"day": 0, "period": 0}]}, {"name": "Tue 1", "slots": [{"day": 1, "period": 0}]}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusyGroups {
    /// Whom, the groups, and the least and most groups with lessons.
    pub limits: GroupLimits,
}

/// What `busy_groups` and `busy_per_group` hold: whom, the groups of slots, a least and a most.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupLimits {
    /// Whom it applies to.
    pub who: Who,
    /// The groups of slots.
    pub groups: Vec<SlotGroup>,
    /// The least.
    pub min: u16,
    /// The most; unbounded when `None`.
    pub max: Option<u16>,
}

impl GroupLimits {
    /// Resolves `def` at `path`: an issue for an unknown whom, no group or a slot outside the
    /// calendar, and a most below the least.
    pub(super) fn resolve(def: &GroupLimitsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        let before = issues.len();
        let who = Who::resolve(&def.who, names, &format!("{path}.who"), issues);
        let groups = resolve_groups(&def.groups, calendar, path, issues);
        if let Some(max) = def.max.filter(|&m| m < def.min) {
            issues.push(Issue::at_path(format!("{path}.max"), format!("the most, {max}, is below the least, {}", def.min)));
        }
        (issues.len() == before).then_some(GroupLimits { who: who?, groups, min: def.min, max: def.max })
    }

    pub(super) fn to_def(&self, problem: &Entities) -> GroupLimitsDef {
        GroupLimitsDef {
            who: self.who.to_def(problem),
            groups: self.groups.iter().map(|g| g.to_def(problem.calendar())).collect(),
            min: self.min,
            max: self.max,
        }
    }

    /// "at most 2" when `n` is beyond the most, "at least 1" otherwise.
    pub(super) fn asked(&self, n: u32) -> String {
        match self.max {
            Some(max) if n > u32::from(max) => format!("at most {max}"),
            _ => format!("at least {}", self.min),
        }
    }
}

impl ConstraintKind for BusyGroups {
    type Def = GroupLimitsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: GroupLimitsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(BusyGroups { limits: GroupLimits::resolve(&def, names, calendar, path, issues)? })
    }

    fn to_def(&self, problem: &Entities) -> GroupLimitsDef {
        self.limits.to_def(problem)
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let busy = view.busy();
        for (row_idx, row) in self.limits.who.busy_rows(problem, busy) {
            let mut entries = Vec::new();
            let mut used = 0u32;
            for g in &self.limits.groups {
                let before = entries.len();
                for &slot in &g.slots {
                    entries.extend(busy.at(row_idx, slot).iter().copied());
                }
                used += u32::from(entries.len() > before);
            }
            let amount = outside(used, self.limits.min, self.limits.max);
            if amount == 0 {
                continue;
            }
            entries.sort_unstable();
            entries.dedup();
            let asked = self.limits.asked(used);
            let message = format!(
                "{} has lessons in {used} of the {} groups of slots {}; {asked} asked for",
                row.describe(problem),
                self.limits.groups.len(),
                names_of(&self.limits.groups, problem.calendar())
            );
            let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
            sink.add(u64::from(amount), view.lessons_of(&entries), slots, vec![row.resource()], message);
        }
    }
}

/// "(Mon, Tue, Wed)": the groups' names, the first four and a count beyond.
pub(super) fn names_of(groups: &[SlotGroup], calendar: &Calendar) -> String {
    let shown: Vec<String> = groups.iter().take(4).map(|g| g.describe(calendar)).collect();
    match groups.len() {
        n if n > 4 => format!("({} and {} more)", shown.join("; "), n - 4),
        _ => format!("({})", shown.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::constraints::test_support::{found, hard, place, school_issues, school_with};
    use crate::Kind;

    const FIRST_PERIODS: &str = r#"{"kind": "busy_groups", "level": "hard", "who": {"group": "A"}, "min": 2, "max": 2,
        "groups": [{"name": "Mon 1", "slots": [{"day": 0, "period": 0}]}, {"name": "Tue 1", "slots": [{"day": 1, "period": 0}]},
                   {"name": "Wed 1", "slots": [{"day": 2, "period": 0}]}]}"#;

    #[test]
    fn refuses_no_groups_and_a_most_below_the_least() {
        let issues =
            school_issues(r#"{"kind": "busy_groups", "level": "hard", "who": {"teacher": "Zed"}, "groups": [], "min": 2, "max": 1}"#);
        assert_eq!(
            issues,
            vec![
                ("constraints[0].who".to_owned(), "unknown teacher \"Zed\"".to_owned()),
                ("constraints[0].groups".to_owned(), "name at least one group of slots".to_owned()),
                ("constraints[0].max".to_owned(), "the most, 1, is below the least, 2".to_owned()),
            ]
        );
    }

    #[test]
    fn one_unit_per_group_short_or_over_for_each_row() {
        let problem = school_with(FIRST_PERIODS);
        // A1 and A2 (A's leaves) both in Math at Mon 1, Tue 1 and Wed 1: one group over each.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 1, 0, Some("R1")), ("Math", 2, 2, 0, Some("R1"))]);
        let over = |g: &str| format!("group {g} has lessons in 3 of the 3 groups of slots (Mon 1; Tue 1; Wed 1); at most 2 asked for");
        assert_eq!(found(&problem, &t, Kind::BusyGroups), vec![(1, hard(1), over("A1")), (1, hard(1), over("A2"))]);
        // Fr (A1 only) at Mon 1: A1 in one group, A2 in none.
        let t = place(&problem, &[("Fr", 0, 0, 0, Some("R1")), ("Math", 0, 0, 2, Some("R1"))]);
        let short =
            |g: &str, n: u32| format!("group {g} has lessons in {n} of the 3 groups of slots (Mon 1; Tue 1; Wed 1); at least 2 asked for");
        assert_eq!(found(&problem, &t, Kind::BusyGroups), vec![(1, hard(1), short("A1", 1)), (2, hard(2), short("A2", 0))]);
    }
}
