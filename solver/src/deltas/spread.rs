//! Delta of `spread`: per group of each rule, the rule's lessons starting in it.

use horarium_core::Problem;

use super::slot_groups::{outside, GroupsBySlot};
use super::{Build, Mirror, Placed};
use crate::cost::{Delta, Mult};

/// One rule: its groups by slot, each group's bounds, where its counters start, its level.
struct Rule {
    groups: GroupsBySlot,
    bounds: Vec<(u16, u16)>,
    first: u32,
    mult: Mult,
}

pub(crate) struct Spread {
    rules: Vec<Rule>,
    /// Per course: the rules it is in.
    of_course: Vec<Vec<u32>>,
    n_slots: usize,
    n_counters: u32,
    empty: Delta,
}

/// Per search: per group of every rule, the lessons starting in it.
pub(crate) struct State {
    count: Vec<u16>,
}

impl Spread {
    #[inline]
    fn count(&self, state: &mut State, lesson: &Placed<'_>, entering: bool) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.of_course[lesson.course] {
            let rule = &self.rules[k as usize];
            for &g in rule.groups.at(usize::from(lesson.slot)) {
                let (min, max) = rule.bounds[usize::from(g)];
                let count = &mut state.count[(rule.first + u32::from(g)) as usize];
                let before = *count;
                *count = if entering { before + 1 } else { before - 1 };
                res += Delta::of(outside(*count, min, max) - outside(before, min, max), rule.mult);
            }
        }
        res
    }
}

impl Mirror for Spread {
    type Constraint = horarium_core::constraints::Spread;
    type State = State;

    fn new(problem: &Problem) -> Self {
        Spread {
            rules: Vec::new(),
            of_course: vec![Vec::new(); problem.courses().len()],
            n_slots: problem.calendar().n_slots(),
            n_counters: 0,
            empty: Delta::ZERO,
        }
    }

    fn add(&mut self, _build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult) {
        #[allow(clippy::cast_possible_truncation, reason = "rules and groups fit u32")]
        let k = self.rules.len() as u32;
        for c in &constraint.courses {
            self.of_course[c.index()].push(k);
        }
        let groups: Vec<_> = constraint.groups.iter().map(|g| g.group.clone()).collect();
        let bounds: Vec<(u16, u16)> = constraint.groups.iter().map(|g| (g.min, g.max.unwrap_or(u16::MAX))).collect();
        for &(min, max) in &bounds {
            self.empty += Delta::of(outside(0, min, max), mult);
        }
        self.rules.push(Rule { groups: GroupsBySlot::new(&groups, self.n_slots), bounds, first: self.n_counters, mult });
        #[allow(clippy::cast_possible_truncation, reason = "as above")]
        {
            self.n_counters += constraint.groups.len() as u32;
        }
    }

    fn new_state(&self, _n_slots: usize) -> State {
        State { count: vec![0; self.n_counters as usize] }
    }

    fn empty_cost(&self) -> Delta {
        self.empty
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
    use horarium_core::{Cost, Kind};

    use crate::deltas::test_support::Op::{Add, Remove};
    use crate::deltas::test_support::{run, school_with};

    #[test]
    fn the_running_cost_counts_the_lessons_short_or_over_in_each_group() {
        let problem = school_with(
            r#"{"kind": "spread", "level": {"soft": 2}, "courses": ["Math", "Bio"],
                "groups": [{"slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}], "max": 1},
                           {"slots": [{"day": 1, "period": 0}], "min": 1}]}"#,
        );
        let ops = [Add("Math", 0, 0, 0, Some("R1")), Add("Math", 1, 0, 1, Some("R1")), Add("Bio", 1, 1, 0, Some("R2")), Remove("Math", 0)];
        let cost = |soft| Cost { hard: 0, soft };
        // Nothing placed: Tuesday's first period one short.
        assert_eq!(run(&problem, &ops, Kind::Spread), [cost(2), cost(2), cost(4), cost(2), cost(0)]);
    }
}
