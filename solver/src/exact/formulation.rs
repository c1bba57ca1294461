//! What both exact models write: a MIP's columns, rows and objective as good_lp states them, and
//! the ways of pricing a soft rule that the period model and the repair model share.

use std::collections::BTreeSet;

use good_lp::{Constraint, Expression, ProblemVariables, Variable, VariableDefinition};
use horarium_core::Level;

/// The columns, rows and objective of a model, with what it prices.
pub(super) struct Formulation {
    pub vars: ProblemVariables,
    pub objective: Expression,
    pub constraints: Vec<Constraint>,
    /// Integer columns among `vars`.
    pub n_integer: usize,
    /// The kinds whose cost the objective counts, by catalog name.
    pub priced: BTreeSet<&'static str>,
}

impl Formulation {
    pub(super) fn new() -> Formulation {
        Formulation {
            vars: ProblemVariables::new(),
            objective: Expression::from(0.0),
            constraints: Vec::new(),
            n_integer: 0,
            priced: BTreeSet::new(),
        }
    }

    pub(super) fn integer(&mut self, min: f64, max: f64) -> Variable {
        self.n_integer += 1;
        self.vars.add(VariableDefinition::new().integer().min(min).max(max))
    }

    pub(super) fn binary(&mut self) -> Variable {
        self.n_integer += 1;
        self.vars.add(VariableDefinition::new().binary())
    }

    pub(super) fn continuous(&mut self, min: f64, max: f64) -> Variable {
        self.vars.add(VariableDefinition::new().min(min).max(max))
    }

    /// `count` at least `least`: a row when `level` is hard; when soft, its weight per unit
    /// missing, counted as the cost of `kind`.
    pub(super) fn at_least(&mut self, kind: &'static str, count: Expression, least: f64, level: Level) {
        match level {
            Level::Hard => self.constraints.push(count.geq(least)),
            Level::Soft(w) => {
                let missing = self.continuous(0.0, f64::INFINITY);
                self.constraints.push((missing + count).geq(least));
                self.objective += f64::from(w.get()) * missing;
                self.priced.insert(kind);
            }
        }
    }

    /// `count` at most `most`: a row when `level` is hard; when soft, its weight per unit beyond,
    /// counted as the cost of `kind`.
    pub(super) fn at_most(&mut self, kind: &'static str, count: Expression, most: f64, level: Level) {
        match level {
            Level::Hard => self.constraints.push(count.leq(most)),
            Level::Soft(w) => {
                let beyond = self.continuous(0.0, f64::INFINITY);
                self.constraints.push((beyond + most).geq(count));
                self.objective += f64::from(w.get()) * beyond;
                self.priced.insert(kind);
            }
        }
    }

    /// `isolated_lessons` at `level` (soft) for a group busy `occupied[t]` (0 or 1) in slot t:
    /// a slot whose busy flag exceeds those of the periods just before and after on the same day
    /// holds an isolated lesson.
    pub(super) fn isolated_lessons(&mut self, occupied: &[Expression], periods_per_day: usize, level: Level) {
        for t in 0..occupied.len() {
            let mut alone = occupied[t].clone();
            if t % periods_per_day > 0 {
                alone -= occupied[t - 1].clone();
            }
            if t % periods_per_day + 1 < periods_per_day {
                alone -= occupied[t + 1].clone();
            }
            self.at_most("isolated_lessons", alone, 0.0, level);
        }
    }
}
