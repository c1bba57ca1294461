//! Solving an XHSTT archive: the search, and between its rounds a re-split of the events it
//! could not place without hard violations.
//!
//! XHSTT leaves the split of an event into parts to the solver. The mapping chooses one before
//! the search (`formats::xhstt::general`); when the search ends a round with hard violations,
//! the events of those violations take their next split in more parts (among those the required
//! split constraints allow), the timetable is carried over (every other event keeps its
//! placements) and the search goes on. With a time limit the rounds share it: each re-split
//! round gets a quarter of what is left, and once no hard violation remains (or no event can be
//! re-split) the last round takes the rest. With an iteration limit (or no time limit) there is
//! one round, so a seed and an iteration limit give the same timetable as `solve`.

use std::time::{Duration, Instant};

use horarium_core::analysis::Infeasible;
use horarium_core::formats::xhstt::model::EventId;
use horarium_core::formats::xhstt::XhsttProblem;
use horarium_core::report::Progress;
use horarium_core::Problem;

use crate::{solve_checked, Solution, SolveOptions};

/// What solving an archive gives: the problem as last split, with the solution found for it.
pub struct Solved {
    /// The archive with the split of the last round.
    pub xhstt: XhsttProblem,
    /// Its problem.
    pub problem: Problem,
    /// The best timetable of the last round, and its score on `problem`.
    pub solution: Solution,
    /// How many rounds re-split events.
    pub resplits: usize,
}

/// Solves `xhstt` (whose problem is `problem`) as the module says, calling `on_progress` with
/// the time and fraction of the whole run.
pub fn solve(
    xhstt: &XhsttProblem,
    problem: &Problem,
    options: &SolveOptions,
    mut on_progress: impl FnMut(&Progress),
) -> Result<Solved, Infeasible> {
    // An iteration limit makes a run reproducible; rounds cut by time would not be.
    let (Some(limit), None) = (options.time_limit, options.max_iterations) else {
        let solution = solve_checked(problem, options, on_progress)?;
        return Ok(Solved { xhstt: xhstt.clone(), problem: problem.clone(), solution, resplits: 0 });
    };
    let start = Instant::now();
    let mut current = (xhstt.clone(), problem.clone());
    let mut initial = options.initial.clone();
    let mut resplits = 0;
    let mut totals = Totals::default();
    // The last round's solution when the split stays: the next round is the last, from it.
    let mut previous: Option<Solution> = None;
    loop {
        let left = limit.saturating_sub(start.elapsed());
        let offset = start.elapsed();
        let last_round = previous.is_some() || left <= Duration::from_secs(2);
        // A round that may be followed by a re-split gets a quarter of what is left.
        let slice = if last_round { left } else { left.mul_f64(0.25) };
        let round = SolveOptions { time_limit: Some(slice), initial: initial.take(), ..options.clone() };
        let mut solution = solve_checked(&current.1, &round, |p| on_progress(&of_whole_run(p, offset, limit)))?;
        totals.add(&mut solution, offset);
        let cancelled = options.cancel.as_ref().is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed));
        if last_round || cancelled {
            let best = match previous {
                Some(p) if p.score.cost < solution.score.cost => p,
                _ => solution,
            };
            return Ok(Solved { xhstt: current.0, problem: current.1, solution: totals.finish(best, start), resplits });
        }
        let stuck = hard_events(&current.0, &solution);
        match (!stuck.is_empty()).then(|| current.0.resplit(&stuck)).flatten() {
            Some(Ok((xhstt, problem))) => {
                initial = Some(current.0.mapped.carry(&solution.timetable, &xhstt.mapped, &problem));
                current = (xhstt, problem);
                resplits += 1;
            }
            // Nothing to re-split (or a re-split that does not map, which the splits the mapping
            // offers never are): the rest of the time goes on from this timetable.
            _ => {
                initial = Some(solution.timetable.clone());
                previous = Some(solution);
            }
        }
    }
}

/// A round's progress as the whole run's: its time from the run's start, its fraction of the
/// run's time limit.
fn of_whole_run(p: &Progress, offset: Duration, limit: Duration) -> Progress {
    let mut whole = *p;
    whole.elapsed = offset + p.elapsed;
    whole.fraction = (whole.elapsed.as_secs_f64() / limit.as_secs_f64()).min(1.0);
    whole
}

/// The measurements of the rounds so far, as one run's.
#[derive(Default)]
struct Totals {
    moves_tried: u64,
    moves_accepted: u64,
    first_feasible: Option<Duration>,
}

impl Totals {
    /// Counts a round that started `offset` into the run, and makes its times the run's.
    fn add(&mut self, round: &mut Solution, offset: Duration) {
        let s = &mut round.statistics;
        self.moves_tried += s.moves_tried;
        self.moves_accepted += s.moves_accepted;
        self.first_feasible = self.first_feasible.or(s.time_to_first_feasible.map(|t| offset + t));
        s.time_of_best += offset;
    }

    /// The chosen round's solution with the whole run's measurements.
    fn finish(self, mut solution: Solution, start: Instant) -> Solution {
        let s = &mut solution.statistics;
        s.elapsed = start.elapsed();
        s.moves_tried = self.moves_tried;
        s.moves_accepted = self.moves_accepted;
        let seconds = s.elapsed.as_secs_f64().max(1e-9);
        #[allow(clippy::cast_precision_loss, reason = "a rate")]
        {
            s.moves_per_second = self.moves_tried as f64 / seconds;
            s.accepted_per_second = self.moves_accepted as f64 / seconds;
        }
        s.time_to_first_feasible = self.first_feasible;
        solution
    }
}

/// The events of the lessons in the solution's hard violations, each once.
fn hard_events(xhstt: &XhsttProblem, solution: &Solution) -> Vec<EventId> {
    let event_of = xhstt.mapped.event_of_lessons();
    let mut events: Vec<EventId> =
        solution.score.violations.iter().filter(|v| v.cost.hard > 0).flat_map(|v| v.lessons.iter().map(|l| event_of[l.index()])).collect();
    events.sort_unstable();
    events.dedup();
    events
}
