//! Delta of `max_groups_used`: per rule, the listed lessons starting in each group, and how many
//! groups hold at least one.

use horarium_core::Problem;

use super::slot_groups::GroupsBySlot;
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// One rule: its groups by slot, where its counters start, its most and level.
struct Rule {
    groups: GroupsBySlot,
    first: u32,
    max: u16,
    mult: Mult,
}

pub(crate) struct MaxGroupsUsed {
    rules: Vec<Rule>,
    /// Per lesson: the rules listing it.
    of_lesson: Vec<Vec<u32>>,
    n_slots: usize,
    n_counters: u32,
}

/// Per search: per group of every rule, the listed lessons starting in it; per rule, its groups
/// holding one.
pub(crate) struct State {
    count: Vec<u16>,
    used: Vec<u16>,
}

impl MaxGroupsUsed {
    #[inline]
    fn count(&self, state: &mut State, lesson: &Placed<'_>, entering: bool) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.of_lesson[lesson.lesson] {
            let rule = &self.rules[k as usize];
            let used = &mut state.used[k as usize];
            let before = *used;
            for &g in rule.groups.at(usize::from(lesson.slot)) {
                let count = &mut state.count[(rule.first + u32::from(g)) as usize];
                if entering {
                    *count += 1;
                    *used += u16::from(*count == 1);
                } else {
                    *count -= 1;
                    *used -= u16::from(*count == 0);
                }
            }
            let beyond = |n: u16| i64::from(n.saturating_sub(rule.max));
            res += Delta::of(beyond(*used) - beyond(before), rule.mult);
        }
        res
    }
}

impl Mirror for MaxGroupsUsed {
    type Constraint = horarium_core::constraints::MaxGroupsUsed;
    type State = State;

    fn new(problem: &Problem) -> Self {
        MaxGroupsUsed {
            rules: Vec::new(),
            of_lesson: vec![Vec::new(); problem.lessons().len()],
            n_slots: problem.calendar().n_slots(),
            n_counters: 0,
        }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        #[allow(clippy::cast_possible_truncation, reason = "rules and groups fit u32")]
        let k = self.rules.len() as u32;
        for l in &constraint.lessons {
            self.of_lesson[l.index()].push(k);
        }
        let groups = GroupsBySlot::new(&constraint.groups, self.n_slots);
        #[allow(clippy::cast_possible_truncation, reason = "as above")]
        let n_groups = groups.n_groups() as u32;
        self.rules.push(Rule { groups, first: self.n_counters, max: constraint.max, mult });
        self.n_counters += n_groups;
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { count: vec![0; self.n_counters as usize], used: vec![0; self.rules.len()] }
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

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{hard, run, school_with};

    #[test]
    fn the_running_cost_counts_the_groups_used_beyond_the_most() {
        let problem = school_with(
            r#"{"kind": "max_groups_used", "level": "hard", "max": 1,
                "lessons": [{"course": "Math", "lesson": 0}, {"course": "Math", "lesson": 1}, {"course": "Math", "lesson": 2}],
                "groups": [{"slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]}, {"slots": [{"day": 1, "period": 0}]}]}"#,
        );
        let ops = [
            Add("Math", 0, 0, 0, Some("R1")),
            Add("Math", 1, 0, 1, Some("R1")),
            Add("Math", 2, 1, 0, Some("R1")),
            Remove("Math", 0),
            Remove("Math", 1),
        ];
        assert_eq!(run(&problem, &ops, Kind::MaxGroupsUsed), [0, 0, 0, 1, 1, 0].map(hard));
    }
}
