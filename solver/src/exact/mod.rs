//! The exact layer: integer programs over a problem, solved by HiGHS through good_lp.
//!
//! [`bound`] proves a lower bound on the soft cost of every timetable without hard violations
//! (or proves that there is none), from the period model (`period_model.rs`), a relaxation
//! that gives lessons start slots and counts rooms instead of assigning them.
//!
//! Only in native builds with the `exact` feature (on by default): HiGHS is C++, which the
//! WebAssembly build leaves out.

mod formulation;
mod neighbourhood;
mod period_model;
mod repair;
mod rules;

pub(crate) use neighbourhood::neighbourhood;

use std::time::{Duration, Instant};

use good_lp::{ResolutionError, Solution as _, SolutionStatus, SolverModel as _};
use highs::HighsModelStatus;
use horarium_core::report::BoundReport;
use horarium_core::{LessonId, Problem, Timetable};

use formulation::Formulation;
use period_model::PeriodModel;
use repair::RepairModel;

/// How [`bound`] runs.
#[derive(Clone, Debug)]
pub struct BoundOptions {
    /// HiGHS stops after this long with the best bound proved so far.
    pub time_limit: Duration,
}

impl Default for BoundOptions {
    fn default() -> Self {
        BoundOptions { time_limit: Duration::from_secs(60) }
    }
}

/// What [`bound`] proved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proof {
    /// Every timetable without hard violations has at least this soft cost; `exact` when the
    /// model was solved to optimality (a better bound then needs a stronger model, not more time).
    LowerBound {
        /// The bound.
        soft: u64,
        /// Whether HiGHS solved the model to optimality within the time limit.
        exact: bool,
    },
    /// No timetable is free of hard violations: even the relaxation has no solution.
    Infeasible,
}

/// A lower bound and how it was obtained.
#[derive(Clone, Debug)]
pub struct Bound {
    /// What was proved.
    pub proof: Proof,
    /// The model, in a few words.
    pub method: &'static str,
    /// Columns of the model, and how many of them are integer.
    pub variables: usize,
    /// Integer columns.
    pub integer: usize,
    /// Rows of the model.
    pub rows: usize,
    /// The kinds whose cost the model counts, by catalog name.
    pub priced: Vec<&'static str>,
    /// The soft kinds of the problem that the model leaves at zero, by catalog name.
    pub relaxed: Vec<&'static str>,
    /// Time spent, building and solving.
    pub elapsed: Duration,
}

impl Bound {
    /// The report every adapter writes.
    pub fn report(&self) -> BoundReport {
        BoundReport {
            feasible: self.proof != Proof::Infeasible,
            soft: self.soft(),
            exact: matches!(self.proof, Proof::LowerBound { exact: true, .. }),
            method: self.method.to_owned(),
            variables: self.variables,
            integer_variables: self.integer,
            rows: self.rows,
            priced: self.priced.iter().map(|s| (*s).to_owned()).collect(),
            relaxed: self.relaxed.iter().map(|s| (*s).to_owned()).collect(),
            seconds: self.elapsed.as_secs_f64(),
        }
    }

    /// The bound on the soft cost, when a timetable without hard violations may exist.
    pub fn soft(&self) -> Option<u64> {
        match self.proof {
            Proof::LowerBound { soft, .. } => Some(soft),
            Proof::Infeasible => None,
        }
    }
}

/// How [`repair`] runs.
#[derive(Clone, Debug)]
pub struct RepairOptions {
    /// HiGHS stops after this long with the best placement found so far.
    pub time_limit: Duration,
}

/// Some lessons of a timetable placed again by the repair model, the others where they were.
#[derive(Clone, Debug)]
pub struct Repair {
    /// The timetable with the freed lessons placed again.
    pub timetable: Timetable,
    /// The model's cost of this timetable: the soft cost of the kinds it prices, whole.
    pub priced_cost: u64,
    /// Whether HiGHS proved no placement of the freed lessons prices lower.
    pub optimal: bool,
    /// The kinds the model prices exactly, by catalog name; the others keep their cost outside.
    pub priced: Vec<&'static str>,
}

/// Places the lessons `free` of `timetable` again, all others kept where they are, at the least
/// cost of the kinds the repair model prices (`repair.rs`: the ITC-2007 kinds exactly), without
/// breaking the hard rules it states. None when it finds no placement within the time limit (or
/// none exists). The caller judges the result with the core scorer: the kinds outside the model
/// may have got worse.
pub fn repair(problem: &Problem, timetable: &Timetable, free: &[LessonId], options: &RepairOptions) -> Result<Option<Repair>, ExactError> {
    let RepairModel { lp: Formulation { vars, objective, constraints, priced, .. }, classes } = RepairModel::new(problem, timetable, free);
    let mut unsolved = good_lp::solvers::highs::highs(vars.minimise(objective.clone()))
        .set_option("output_flag", false)
        .set_threads(1)
        .set_time_limit(options.time_limit.as_secs_f64().max(0.01))
        .set_option("mip_rel_gap", 0.0)
        .set_option("mip_abs_gap", 1.0 - 2.0 * ROUNDING_SLACK);
    for c in constraints {
        unsolved.add_constraint(c);
    }
    let solution = match unsolved.solve() {
        Ok(solution) => solution,
        Err(ResolutionError::Infeasible | ResolutionError::Other("NoSolutionFound")) => return Ok(None),
        Err(e) => return Err(ExactError(e.to_string())),
    };
    let placed = RepairModel::place(&classes, timetable, |v| solution.value(v));
    Ok(Some(Repair {
        timetable: placed,
        priced_cost: solution.eval(&objective).round().max(0.0) as u64,
        optimal: matches!(solution.status(), SolutionStatus::Optimal),
        priced: priced.into_iter().collect(),
    }))
}

/// Why HiGHS gave no answer.
#[derive(Debug, thiserror::Error)]
#[error("HiGHS could not solve the period model: {0}")]
pub struct ExactError(String);

/// Slack under HiGHS's dual bound before rounding up: its tolerances may put the bound a little
/// above the true value, and a bound must never be too high.
const ROUNDING_SLACK: f64 = 1e-4;

/// A lower bound on the soft cost of every timetable of `problem` without hard violations, or
/// the proof that there is none.
///
/// # Examples
///
/// ```
/// use horarium::exact::{bound, BoundOptions, Proof};
/// use horarium::formats::ctt;
/// let problem = ctt::parse_instance("tiny.ctt", include_str!("../../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
/// let found = bound(&problem, &BoundOptions::default())?;
/// assert!(matches!(found.proof, Proof::LowerBound { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn bound(problem: &Problem, options: &BoundOptions) -> Result<Bound, ExactError> {
    let start = Instant::now();
    let PeriodModel { lp: Formulation { vars, objective, constraints, n_integer, priced }, relaxed } = PeriodModel::new(problem);
    let variables = vars.len();
    let rows = constraints.len();
    let mut unsolved = good_lp::solvers::highs::highs(vars.minimise(objective));
    for c in constraints {
        unsolved.add_constraint(c);
    }
    let mut model = unsolved.into_inner();
    model.make_quiet();
    let remaining = options.time_limit.saturating_sub(start.elapsed()).as_secs_f64();
    model.set_option("time_limit", remaining.max(0.01));
    model.set_option("threads", 1);
    // The objective is integral: a gap below one already proves the rounded bound.
    model.set_option("mip_abs_gap", 1.0 - 2.0 * ROUNDING_SLACK);
    model.set_option("mip_rel_gap", 0.0);
    let solved = model.try_solve().map_err(|status| ExactError(format!("{status:?}")))?;
    let status = solved.status();
    let proof = match status {
        HighsModelStatus::Infeasible => Proof::Infeasible,
        HighsModelStatus::Optimal | HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedInterrupt => {
            let dual = if n_integer == 0 {
                solved.objective_value()
            } else {
                solved.double_info_value(c"mip_dual_bound").map_err(|status| ExactError(format!("{status:?}")))?
            };
            let soft = if dual.is_finite() { (dual - ROUNDING_SLACK).ceil().max(0.0) as u64 } else { 0 };
            Proof::LowerBound { soft, exact: status == HighsModelStatus::Optimal }
        }
        other => return Err(ExactError(format!("{other:?}"))),
    };
    Ok(Bound {
        proof,
        method: "period model (Lach and Lübbecke's first stage) solved by HiGHS",
        variables,
        integer: n_integer,
        rows,
        priced: priced.into_iter().collect(),
        relaxed: relaxed.into_iter().collect(),
        elapsed: start.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use horarium_core::formats::{ctt, json};
    use std::num::NonZeroU32;

    use horarium_core::{score, Level, Problem};

    use horarium_core::LessonId;

    use super::{bound, repair, Bound, BoundOptions, Proof, RepairOptions};
    use crate::{solve, SolveOptions};

    fn bound_of(problem: &Problem) -> Bound {
        bound_within(problem, 10.0)
    }

    fn bound_within(problem: &Problem, seconds: f64) -> Bound {
        bound(problem, &BoundOptions { time_limit: Duration::from_secs_f64(seconds) }).expect("HiGHS answers")
    }

    fn school(calendar: &str, rest: &str) -> Problem {
        json::parse_problem("<test>", &format!(r#"{{"name": "t", "calendar": {calendar}, {rest}}}"#)).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn days_beyond_the_week_are_a_cost_no_timetable_avoids() {
        let text = include_str!("../../../fixtures/ctt/more_working_days_than_days.ctt");
        let problem = ctt::parse_instance("more.ctt", text).unwrap().to_problem().unwrap();
        let found = bound_of(&problem);
        assert_eq!(found.proof, Proof::LowerBound { soft: 15, exact: true });
        assert!(found.priced.contains(&"min_working_days"), "{:?}", found.priced);
    }

    #[test]
    fn two_lessons_at_once_in_rooms_too_small_for_one_of_them() {
        // One slot: both lessons meet at once, so one of them takes the 30-seat room; the
        // cheaper is Bio's (10 students without a seat, not Chem's 20).
        let problem = school(
            r#"{"days": 1, "periods_per_day": 1}"#,
            r#""teachers": [{"name": "Ada"}, {"name": "Bo"}],
            "rooms": [{"name": "Big", "capacity": 60}, {"name": "Small", "capacity": 30}],
            "courses": [{"name": "Chem", "teachers": ["Ada"], "students": 50, "lessons": 1},
                        {"name": "Bio", "teachers": ["Bo"], "students": 40, "lessons": 1}],
            "constraints": [{"kind": "conflicts", "level": "hard"}, {"kind": "room_occupancy", "level": "hard"},
                            {"kind": "room_capacity", "level": {"soft": 1}}]"#,
        );
        assert_eq!(bound_of(&problem).proof, Proof::LowerBound { soft: 10, exact: true });
    }

    #[test]
    fn a_pentagon_of_shared_teachers_does_not_fit_two_slots() {
        // Five courses in a ring, each sharing a teacher with the next: every teacher has two
        // lessons for two slots and no three courses clash pairwise, so neither counting nor
        // cliques object; but an odd ring cannot alternate between two slots.
        let problem = school(
            r#"{"days": 1, "periods_per_day": 2}"#,
            r#""teachers": [{"name": "T1"}, {"name": "T2"}, {"name": "T3"}, {"name": "T4"}, {"name": "T5"}],
            "rooms": [{"name": "R", "capacity": 30}, {"name": "S", "capacity": 30}, {"name": "U", "capacity": 30}],
            "courses": [{"name": "A", "teachers": ["T1", "T2"], "lessons": 1}, {"name": "B", "teachers": ["T2", "T3"], "lessons": 1},
                        {"name": "C", "teachers": ["T3", "T4"], "lessons": 1}, {"name": "D", "teachers": ["T4", "T5"], "lessons": 1},
                        {"name": "E", "teachers": ["T5", "T1"], "lessons": 1}],
            "constraints": [{"kind": "clashes", "level": "hard"}]"#,
        );
        assert!(crate::analysis::check(&problem).is_ok(), "the pre-analysis does not see it");
        assert_eq!(bound_of(&problem).proof, Proof::Infeasible);
    }

    #[test]
    fn an_isolated_lesson_is_counted_when_a_group_meets_once_a_day() {
        // The group meets once on each of two days: both lessons are isolated, whatever the slots.
        let problem = school(
            r#"{"days": 2, "periods_per_day": 3}"#,
            r#""groups": [{"name": "Q"}], "rooms": [{"name": "R", "capacity": 30}],
            "courses": [{"name": "M", "groups": ["Q"], "lessons": 2}],
            "constraints": [{"kind": "conflicts", "level": "hard"}, {"kind": "room_occupancy", "level": "hard"},
                            {"kind": "min_working_days", "level": "hard", "course": "M", "days": 2},
                            {"kind": "isolated_lessons", "level": {"soft": 2}, "group": "Q"}]"#,
        );
        assert_eq!(bound_of(&problem).proof, Proof::LowerBound { soft: 4, exact: true });
    }

    /// The bound never exceeds the soft cost of a timetable without hard violations: on
    /// generated schools (hard `clashes` and room rules), against the timetable each was built
    /// around, and on random schools that use every kind, made soft so that the search finds
    /// timetables without hard violations (most of these kinds the model leaves at zero).
    #[test]
    fn the_bound_is_below_every_timetable_without_hard_violations() {
        for (classes, seed) in [(2, 1), (3, 2), (5, 3)] {
            let generated = crate::generate::school(&crate::generate::SchoolOptions { classes, seed });
            let witness = score(&generated.problem, &generated.witness).cost;
            assert_eq!(witness.hard, 0);
            let soft = bound_of(&generated.problem).soft().expect("a generated school has a timetable");
            assert!(soft <= witness.soft, "{classes} classes: bound {soft} above the witness's {}", witness.soft);
        }
        let mut checked = 0;
        for seed in 0..8 {
            let mut def = crate::state::tests::random_school(seed).to_def();
            for c in &mut def.constraints {
                if c.level == Level::Hard {
                    c.level = Level::Soft(NonZeroU32::new(3).expect("3 is not zero"));
                }
            }
            let problem = Problem::from_def(def).expect("the same school");
            // Any bound HiGHS has proved when time runs out is as valid as its last one.
            let found = bound_within(&problem, 2.0);
            let options = SolveOptions { time_limit: None, max_iterations: Some(2_000), seed, ..SolveOptions::default() };
            let cost = solve(&problem, &options).score.cost;
            if cost.hard == 0 {
                let soft = found.soft().unwrap_or_else(|| panic!("seed {seed}: called infeasible, but a timetable has no hard violation"));
                assert!(soft <= cost.soft, "seed {seed}: bound {soft} above a timetable's soft cost {}", cost.soft);
                checked += 1;
            }
        }
        assert!(checked >= 4, "only {checked} random schools were solved without hard violations");
    }

    /// Freeing the lessons of a few curricula of a comp01 timetable: the repair keeps every hard
    /// rule, its model's cost is the core scorer's soft cost of the result to the unit (every
    /// ITC-2007 kind is priced exactly), and an optimal repair is never worse than before.
    #[test]
    fn a_repair_prices_the_itc_kinds_exactly_and_never_loses() {
        let problem = horarium_core::formats::read_problem(&horarium_fixtures::itc2007_instance("comp01")).unwrap();
        let options = SolveOptions { time_limit: None, max_iterations: Some(50_000), seed: 1, ..SolveOptions::default() };
        let before = solve(&problem, &options).timetable;
        let cost_before = score(&problem, &before).cost;
        assert_eq!(cost_before.hard, 0);
        for first in [0usize, 5, 10] {
            let groups: Vec<usize> = (first..first + 3).map(|g| g % problem.groups().len()).collect();
            let free: Vec<LessonId> = problem
                .courses()
                .iter()
                .filter(|c| c.groups.iter().any(|g| groups.contains(&g.index())))
                .flat_map(|c| c.lessons())
                .collect();
            let repaired = repair(&problem, &before, &free, &RepairOptions { time_limit: Duration::from_secs(20) })
                .expect("HiGHS answers")
                .expect("the current placement is one");
            let cost = score(&problem, &repaired.timetable).cost;
            assert_eq!(cost.hard, 0, "curricula {groups:?}");
            assert_eq!(cost.soft, repaired.priced_cost, "curricula {groups:?}: the model's cost is the scorer's");
            if repaired.optimal {
                assert!(cost.soft <= cost_before.soft, "curricula {groups:?}: {} after, {} before", cost.soft, cost_before.soft);
            }
            let kept = (0..problem.lessons().len()).map(LessonId::from_index).filter(|l| !free.contains(l));
            assert!(kept.into_iter().all(|l| repaired.timetable.get(l) == before.get(l)), "a fixed lesson moved");
        }
    }
}
