//! Minimal-change re-solve: solve a changed problem again, starting from the old timetable and
//! paying for every lesson that moves.
//!
//! The old placements become a `keep_placements` constraint at a soft weight, the cost of moving
//! one lesson, and the search starts from the old timetable (a warm start, repaired without
//! giving up soft cost and improved from a low temperature). The result lists what moved.

use std::num::NonZeroU32;

use horarium_core::constraints::KeepPlacements;
use horarium_core::formats::json;
use horarium_core::report::{LessonRef, MoveReport, PlaceRef, ResolveReport, ScoreReport};
use horarium_core::{score, Constraint, LessonId, Level, Placement, Problem, Score, Timetable};

use horarium_core::analysis::{self, Infeasible};

use crate::options::{Solution, SolveOptions};
use crate::solve::solve_with_progress;
use crate::Progress;

/// The cost of moving one lesson when the caller gives none: ten times a soft unit, so that a
/// re-solve keeps a lesson in place unless moving it saves more than ten.
pub const DEFAULT_MOVE_COST: NonZeroU32 = NonZeroU32::MIN.saturating_add(9);

/// Runs the pre-analysis and, when it proves nothing, [`resolve`]; a problem with no timetable
/// free of hard violations is refused with every reason, without searching. Every adapter
/// re-solves through this, as it solves through [`crate::solve_checked`].
pub fn resolve_checked(
    problem: &Problem,
    old: &Timetable,
    move_cost: NonZeroU32,
    options: &SolveOptions,
    on_progress: impl FnMut(&Progress),
) -> Result<Resolution, Infeasible> {
    analysis::check(problem)?;
    Ok(resolve(problem, old, move_cost, options, on_progress))
}

/// The outcome of [`resolve`].
#[derive(Clone, Debug)]
pub struct Resolution {
    /// The new timetable and the search's statistics; its score includes the cost of moves.
    pub solution: Solution,
    /// The new timetable scored against the changed problem alone, without the cost of moves.
    pub score: Score,
    /// Lessons whose slot or room differs from the old timetable (or that are newly placed or unplaced).
    pub moved: Vec<Moved>,
}

/// One lesson that moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moved {
    /// The lesson.
    pub lesson: LessonId,
    /// Where it was (`None`: not in the old timetable).
    pub from: Option<Placement>,
    /// Where it is now (`None`: unplaced).
    pub to: Option<Placement>,
}

/// Solves `problem` again from `old`, at `move_cost` soft units per moved lesson.
///
/// `old` must be a timetable of `problem` (read it with
/// [`horarium_core::formats::json::timetable_from_def_keeping_valid`] when the problem changed
/// since it was made). `options.initial` is ignored: the search starts from `old`.
///
/// ```
/// use std::num::NonZeroU32;
/// use std::time::Duration;
/// use horarium::generate::{school, SchoolOptions};
/// use horarium::{resolve::resolve, SolveOptions};
///
/// let school = school(&SchoolOptions { classes: 4, seed: 1 });
/// let options = SolveOptions { time_limit: Some(Duration::from_millis(300)), ..SolveOptions::default() };
/// let again = resolve(&school.problem, &school.witness, NonZeroU32::new(10).unwrap(), &options, |_| {});
/// assert!(again.score.cost.is_feasible());
/// // Nothing changed, so nothing needs to move.
/// assert!(again.moved.is_empty());
/// ```
pub fn resolve(
    problem: &Problem,
    old: &Timetable,
    move_cost: NonZeroU32,
    options: &SolveOptions,
    on_progress: impl FnMut(&Progress),
) -> Resolution {
    let anchored = problem.with_constraint(Level::Soft(move_cost), Constraint::KeepPlacements(KeepPlacements::of(old)));
    let options = SolveOptions { initial: Some(old.clone()), ..options.clone() };
    let solution = solve_with_progress(&anchored, &options, on_progress);
    let moved = old
        .placements()
        .iter()
        .zip(solution.timetable.placements())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(l, (&from, &to))| Moved { lesson: LessonId::from_index(l), from, to })
        .collect();
    let score = score(problem, &solution.timetable);
    Resolution { solution, score, moved }
}

impl Resolution {
    /// The re-solve's report, naming everything as `problem` (the changed problem) does; its
    /// score is the changed problem's alone, without the cost of moves.
    pub fn report(&self, problem: &Problem) -> ResolveReport {
        let mut solve = self.solution.report(problem);
        solve.score = ScoreReport::new(problem, &self.score);
        solve.timetable = json::timetable_to_def(problem, &self.solution.timetable);
        let place = |p: Option<Placement>| p.map(|p| PlaceRef::new(problem, p));
        let moved = self
            .moved
            .iter()
            .map(|m| MoveReport { lesson: LessonRef::new(problem, m.lesson), from: place(m.from), to: place(m.to) })
            .collect();
        ResolveReport { solve, moved }
    }
}
