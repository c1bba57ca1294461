//! `busy_per_group`: how many slots of each group of slots a teacher or set of students is busy
//! in, in the groups they are busy in at all.

use super::busy_groups::GroupLimits;
use super::slot_groups::{outside, GroupLimitsDef};
use super::ConstraintKind;
use crate::calendar::Calendar;
use crate::constraints::view::{Sink, View};
use crate::entities::Entities;
use crate::error::Issue;
use crate::names::Names;

const SUMMARY: &str = "a teacher or set of students is busy in between a least and a most of the slots of each group they are busy in at all; one unit per slot short or over";

/// In each group of slots they have lessons in at all, a teacher or set of students is busy in
/// between `min` and `max` of its slots.
///
/// A group without their lessons is not judged, so `min` reads "if at all, then at least". The
/// amount is, per group, the busy slots short of `min` or beyond `max`. With a group per day
/// it is `lessons_per_day`; with other groups ("the first periods of the shifts", "afternoons")
/// it bounds the load there. For a group, each leaf of the hierarchy under it counts on its
/// own. XHSTT calls it LimitBusyTimes.
///
/// ```json
/// {"kind": "busy_per_group", "level": "hard", "who": {"group": "5A"}, "min": 2, "max": 3,
///  "groups": [{"name": "mornings", "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 1, "period": 0}]}]}
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusyPerGroup {
    /// Whom, the groups, and the least and most busy slots of a group they are busy in.
    pub limits: GroupLimits,
}

impl ConstraintKind for BusyPerGroup {
    type Def = GroupLimitsDef;
    const SUMMARY: &'static str = SUMMARY;

    fn resolve(def: GroupLimitsDef, names: &Names, calendar: &Calendar, path: &str, issues: &mut Vec<Issue>) -> Option<Self> {
        Some(BusyPerGroup { limits: GroupLimits::resolve(&def, names, calendar, path, issues)? })
    }

    fn to_def(&self, problem: &Entities) -> GroupLimitsDef {
        self.limits.to_def(problem)
    }

    fn score(&self, view: &View<'_>, sink: &mut Sink<'_>) {
        let problem = view.problem;
        let busy = view.busy();
        for (row_idx, row) in self.limits.who.busy_rows(problem, busy) {
            for g in &self.limits.groups {
                let mut entries = Vec::new();
                let mut n = 0u32;
                for &slot in &g.slots {
                    let at = busy.at(row_idx, slot);
                    n += u32::from(!at.is_empty());
                    entries.extend(at.iter().copied());
                }
                if n == 0 {
                    continue;
                }
                let amount = outside(n, self.limits.min, self.limits.max);
                if amount == 0 {
                    continue;
                }
                entries.sort_unstable();
                entries.dedup();
                let asked = self.limits.asked(n);
                let message = format!(
                    "{} is busy in {n} {} of {}; {asked} asked for",
                    row.describe(problem),
                    if n == 1 { "slot" } else { "slots" },
                    g.describe(problem.calendar())
                );
                let slots = entries.iter().map(|&e| view.entries[e].slot).collect();
                sink.add(u64::from(amount), view.lessons_of(&entries), slots, vec![row.resource()], message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::constraints::test_support::{found, place, school_with, soft};
    use crate::Kind;

    const MORNINGS: &str = r#"{"kind": "busy_per_group", "level": {"soft": 3}, "who": {"teacher": "Ann"}, "min": 2, "max": 2,
        "groups": [{"name": "Monday morning", "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}]},
                   {"slots": [{"day": 1, "period": 0}, {"day": 1, "period": 1}]}]}"#;

    #[test]
    fn one_unit_per_slot_short_or_over_in_each_group_busy_at_all() {
        let problem = school_with(MORNINGS);
        // Ann: Math at Mon 1, Mon 2 and Mon 3 (one over); Tuesday's group untouched: not judged.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Math", 1, 0, 1, Some("R1")), ("Math", 2, 0, 2, Some("R1"))]);
        assert_eq!(
            found(&problem, &t, Kind::BusyPerGroup),
            vec![(1, soft(3), "teacher Ann is busy in 3 slots of Monday morning; at most 2 asked for".to_owned())]
        );
        // Bio's double covers Tue 1 and 2: two slots, as asked; Math once on Monday: one short.
        let t = place(&problem, &[("Math", 0, 0, 0, Some("R1")), ("Bio", 0, 1, 0, Some("R2"))]);
        assert_eq!(
            found(&problem, &t, Kind::BusyPerGroup),
            vec![(1, soft(3), "teacher Ann is busy in 1 slot of Monday morning; at least 2 asked for".to_owned())]
        );
    }
}
