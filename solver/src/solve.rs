//! The solve driver: compile, then a portfolio of independent searches that share their best.
//!
//! Thread 0 runs on the caller's thread and is the only one that calls the progress callback,
//! so the callback needs neither `Send` nor locking. The others run on a dedicated rayon pool.
//! Every `CHECK_EVERY` moves a thread polls the stop conditions, publishes its best if it
//! improved, and at each tenth of the budget adopts the shared best if it is better than its own.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

// `std::time::Instant` panics in a browser; `web_time` is the same type elsewhere and the
// browser's clock there.
use web_time::Instant;

use horarium_core::analysis::{self, Infeasible};
use horarium_core::report::{Progress, SolveStatus, Statistics};
use horarium_core::{score, Cost, Problem};

use crate::anneal::{self, Moves, Objective, Params, PARAMS};
use crate::compile::Compiled;
use crate::construct::construct;
use crate::cost::Delta;
use crate::options::{Solution, SolveOptions};
use crate::rng;
use crate::state::{assignment_to_timetable, State};

/// The longest one repair may take: HiGHS stops there with the best placement it found.
#[cfg(feature = "exact")]
const REPAIR_TIME: Duration = Duration::from_secs(3);

/// How long the repairing thread waits for a first timetable without hard violations.
#[cfg(feature = "exact")]
const REPAIR_WAIT: Duration = Duration::from_millis(20);

/// Moves between two polls of the clock and the shared state.
const CHECK_EVERY: u64 = 512;

/// Moves without fewer hard violations after which the feasibility phase draws ejections, until
/// it next reaches fewer: they free the tight schools where moves, swaps and Kempe chains
/// stall a few hard violations short, but they cost some two dozen evaluations each and slow
/// the schools that those reach zero on (FET's Namibian and Spanish examples, BENCHMARKS.md).
/// (Tests stall sooner, so that their short searches reach ejections.)
const EJECT_AFTER: u64 = if cfg!(test) { 1 << 10 } else { 1 << 17 };
/// Weight of a hard unit against a soft unit when construction compares positions.
const CONSTRUCTION_HARD_WEIGHT: i64 = 1000;
/// Start temperature of the soft phase after a warm start (the cold start uses `PARAMS.t0`).
const WARM_T0: f64 = 0.5;
/// Least time between two progress reports.
const REPORT_EVERY: Duration = Duration::from_millis(200);

/// Solves `problem` with `options`. See [`solve_with_progress`].
pub fn solve(problem: &Problem, options: &SolveOptions) -> Solution {
    solve_with_progress(problem, options, |_| {})
}

/// Runs the pre-analysis ([`analysis::check`]) and, when it proves nothing, solves `problem` as
/// [`solve_with_progress`] does; a problem with no timetable free of hard violations is refused
/// with every reason, without searching. Every adapter solves through this.
///
/// ```
/// use horarium::{formats::json, solve_checked, SolveOptions};
/// let text = r#"{"name": "tiny", "calendar": {"days": 1, "periods_per_day": 2},
///   "teachers": [{"name": "Ada"}], "rooms": [{"name": "R", "capacity": 30}],
///   "courses": [{"name": "Maths", "teachers": ["Ada"], "lessons": 3}],
///   "constraints": [{"kind": "clashes", "level": "hard"}]}"#;
/// let problem = json::parse_problem("tiny.json", text)?;
/// let refused = solve_checked(&problem, &SolveOptions::default(), |_| {}).unwrap_err();
/// assert_eq!(refused.reasons.len(), 1);
/// # Ok::<(), horarium::Error>(())
/// ```
pub fn solve_checked(problem: &Problem, options: &SolveOptions, on_progress: impl FnMut(&Progress)) -> Result<Solution, Infeasible> {
    analysis::check(problem)?;
    Ok(solve_with_progress(problem, options, on_progress))
}

/// Solves `problem`, calling `on_progress` from the calling thread about five times a second and
/// whenever the best cost improves.
///
/// ```
/// use std::time::Duration;
/// use horarium::{formats::ctt, solve, SolveOptions};
///
/// let problem = ctt::parse_instance("tiny.ctt", include_str!("../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
/// let options = SolveOptions { time_limit: Some(Duration::from_millis(200)), ..SolveOptions::default() };
/// let solution = solve(&problem, &options);
/// assert!(solution.score.cost.is_feasible());
/// # Ok::<(), horarium::Error>(())
/// ```
pub fn solve_with_progress(problem: &Problem, options: &SolveOptions, mut on_progress: impl FnMut(&Progress)) -> Solution {
    let start = Instant::now();
    let compiled = Compiled::new(problem);
    let shared =
        Shared { best: Mutex::new(None), first_feasible: Mutex::new(None), stop: AtomicBool::new(false), done: AtomicBool::new(false) };
    let n_threads = options.threads.get();
    // The last of several threads repairs instead of annealing (the `exact` feature).
    let repairer = (cfg!(feature = "exact") && options.repair && n_threads > 1).then_some(n_threads - 1);
    let ctx = Ctx { compiled: &compiled, problem, options, shared: &shared, start };
    let mut reports: Vec<WorkerReport> = Vec::with_capacity(n_threads);
    if n_threads == 1 {
        reports.push(ctx.work(0, &mut on_progress));
    } else {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n_threads - 1).build();
        let others: Mutex<Vec<WorkerReport>> = Mutex::new(Vec::new());
        match pool {
            Ok(pool) => pool.in_place_scope(|scope| {
                for thread in 1..n_threads {
                    let (ctx, others) = (&ctx, &others);
                    scope.spawn(move |_| {
                        let report = if Some(thread) == repairer { ctx.repair_work(thread) } else { ctx.work(thread, &mut |_| {}) };
                        others.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(report);
                    });
                }
                reports.push(ctx.work(0, &mut on_progress));
                shared.done.store(true, Ordering::Relaxed);
            }),
            // Without a pool (thread creation refused by the system), search on this thread alone.
            Err(_) => reports.push(ctx.work(0, &mut on_progress)),
        }
        reports.extend(others.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner));
    }
    let elapsed = start.elapsed();
    let first_feasible = *shared.first_feasible.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let best = shared.best.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).expect("every worker publishes its final best");
    let timetable = assignment_to_timetable(problem, &best.slot_of, &best.room_of);
    let score = score(problem, &timetable);
    debug_assert_eq!(score.cost, best.cost, "the search's incremental cost agrees with the core scorer");
    let moves_tried: u64 = reports.iter().map(|r| r.tried).sum();
    let moves_accepted: u64 = reports.iter().map(|r| r.accepted).sum();
    let per_second = |n: u64| {
        #[allow(clippy::cast_precision_loss, reason = "a rate")]
        let rate = n as f64 / elapsed.as_secs_f64().max(1e-9);
        rate
    };
    let status = reports.iter().map(|r| r.status).min_by_key(|s| status_rank(*s)).unwrap_or(SolveStatus::TimeLimit);
    Solution {
        timetable,
        score,
        status,
        statistics: Statistics {
            moves_tried,
            moves_accepted,
            moves_per_second: per_second(moves_tried),
            accepted_per_second: per_second(moves_accepted),
            time_to_first_feasible: first_feasible,
            time_of_best: best.found_at,
            elapsed,
            threads: n_threads,
            repairs: reports.iter().map(|r| r.repairs.0).sum(),
            repairs_improved: reports.iter().map(|r| r.repairs.1).sum(),
        },
    }
}

fn status_rank(s: SolveStatus) -> u8 {
    match s {
        SolveStatus::TargetReached => 0,
        SolveStatus::Cancelled => 1,
        SolveStatus::IterationLimit => 2,
        SolveStatus::TimeLimit => 3,
    }
}

struct Best {
    cost: Cost,
    slot_of: Vec<u16>,
    room_of: Vec<u16>,
    found_at: Duration,
}

struct Shared {
    best: Mutex<Option<Best>>,
    first_feasible: Mutex<Option<Duration>>,
    stop: AtomicBool,
    /// Thread 0 has finished: the repairing thread, which counts no moves, stops too.
    done: AtomicBool,
}

struct Ctx<'a> {
    compiled: &'a Compiled,
    #[cfg_attr(
        not(any(test, feature = "debug-checks", feature = "exact")),
        allow(dead_code, reason = "only the self-audit and the repair read the problem")
    )]
    problem: &'a Problem,
    options: &'a SolveOptions,
    shared: &'a Shared,
    start: Instant,
}

struct WorkerReport {
    tried: u64,
    accepted: u64,
    status: SolveStatus,
    /// Repairs tried and those that improved (the repairing thread only).
    repairs: (u64, u64),
}

fn to_cost(d: Delta) -> Cost {
    #[allow(clippy::cast_sign_loss, reason = "a total cost is never negative")]
    Cost { hard: d.hard.max(0) as u64, soft: d.soft.max(0) as u64 }
}

impl Ctx<'_> {
    /// Fraction of the budget used, and whether the search must stop (and why).
    fn budget(&self, iterations: u64, best: Cost) -> (f64, Option<SolveStatus>) {
        let mut fraction: f64 = 0.0;
        let mut status = None;
        if let Some(limit) = self.options.time_limit {
            let f = self.start.elapsed().as_secs_f64() / limit.as_secs_f64().max(1e-9);
            fraction = fraction.max(f);
            if f >= 1.0 {
                status = Some(SolveStatus::TimeLimit);
            }
        }
        if let Some(limit) = self.options.max_iterations {
            #[allow(clippy::cast_precision_loss, reason = "a fraction")]
            let f = iterations as f64 / limit.max(1) as f64;
            fraction = fraction.max(f);
            if iterations >= limit {
                status = Some(SolveStatus::IterationLimit);
            }
        }
        if self.options.target.is_some_and(|t| best <= t) {
            status = Some(SolveStatus::TargetReached);
        }
        if self.options.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) {
            status = Some(SolveStatus::Cancelled);
        }
        if status.is_none() && self.shared.stop.load(Ordering::Relaxed) {
            status = Some(SolveStatus::TargetReached);
        }
        (fraction, status)
    }

    /// Publishes a thread's best if it beats the shared one; returns the shared best cost.
    fn publish(&self, cost: Cost, slot_of: &[u16], room_of: &[u16]) -> Cost {
        let mut shared = self.shared.best.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match shared.as_mut() {
            Some(b) if b.cost <= cost => b.cost,
            _ => {
                if cost.hard == 0 {
                    let mut ff = self.shared.first_feasible.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    ff.get_or_insert(self.start.elapsed());
                }
                *shared = Some(Best { cost, slot_of: slot_of.to_vec(), room_of: room_of.to_vec(), found_at: self.start.elapsed() });
                cost
            }
        }
    }

    fn work(&self, thread: usize, on_progress: &mut dyn FnMut(&Progress)) -> WorkerReport {
        // A warm start is improved from a low temperature, so that the result stays near it.
        let warm = self.options.initial.is_some();
        let params: Params = if warm { Params { t0: WARM_T0, ..PARAMS } } else { PARAMS };
        let hard_objective = if warm { Objective::HardKeepingSoft } else { Objective::Hard };
        let mut rng = rng::for_thread(self.options.seed, thread);
        let mut state = State::new(self.compiled);
        state.place_pins(self.options.initial.as_ref());
        if let Some(initial) = &self.options.initial {
            state.load(initial);
        }
        construct(&mut state, &mut rng, CONSTRUCTION_HARD_WEIGHT);
        let mut best_cost = to_cost(state.cost);
        let mut best_slot = state.slot_of.clone();
        let mut best_room = state.room_of.clone();
        let mut published = self.publish(best_cost, &best_slot, &best_room);
        let mut last_report = Instant::now();
        let mut next_share = 0.1;
        let (mut tried, mut accepted) = (0u64, 0u64);
        let (mut fraction, mut stop) = self.budget(0, published);
        let mut temperature = params.t_feasibility;
        let report = |iterations: u64, best: Cost, fraction: f64, on_progress: &mut dyn FnMut(&Progress)| {
            let elapsed = self.start.elapsed();
            #[allow(clippy::cast_precision_loss, reason = "a rate")]
            let moves_per_second = iterations as f64 / elapsed.as_secs_f64().max(1e-9);
            on_progress(&Progress { elapsed, best, moves_per_second, iterations, fraction: fraction.min(1.0) });
        };
        if thread == 0 {
            report(0, published, fraction, on_progress);
        }
        let movable = !self.compiled.movable.is_empty();
        let mut moves = Moves::new(params, self.compiled);
        // The feasibility phase anneals hard units alone at a fixed low temperature, walking
        // freely over soft cost; the soft phase starts from the first timetable without hard
        // violations, never lets them come back, and cools over the remaining budget.
        let mut objective = if state.cost.hard > 0 { hard_objective } else { Objective::SoftKeepingFeasibility };
        moves.precheck = matches!(objective, Objective::SoftKeepingFeasibility);
        if moves.precheck {
            temperature = anneal::temperature(&params, fraction);
        }
        let mut phase_start = 0.0;
        // When the fewest hard violations so far were first reached.
        let (mut best_hard, mut best_at) = (best_cost.hard, 0);
        while stop.is_none() && movable {
            // The last block is cut so that an iteration limit is met exactly.
            let block = self.options.max_iterations.map_or(CHECK_EVERY, |limit| CHECK_EVERY.min(limit.saturating_sub(tried)));
            for _ in 0..block {
                tried += 1;
                let holes_before = state.unplaced.len();
                let (applied, mut delta) = moves.random(&mut state, &mut rng);
                if moves.holes {
                    #[allow(clippy::cast_possible_wrap, reason = "lesson counts fit i64")]
                    let holes = state.unplaced.len() as i64 - holes_before as i64;
                    delta = anneal::with_holes_priced(delta, holes);
                }
                if matches!(applied, anneal::Applied::Infeasible) {
                    continue;
                }
                if anneal::accept(delta, temperature, objective, &mut rng) {
                    accepted += 1;
                    let cost = to_cost(state.cost);
                    if cost < best_cost {
                        best_cost = cost;
                        best_slot.copy_from_slice(&state.slot_of);
                        best_room.copy_from_slice(&state.room_of);
                    }
                } else {
                    moves.undo(&mut state, applied);
                }
                #[cfg(any(test, feature = "debug-checks"))]
                audit(self.problem, &state);
            }
            if best_cost.hard < best_hard {
                (best_hard, best_at) = (best_cost.hard, tried);
            }
            let improved = best_cost < published;
            if improved {
                published = self.publish(best_cost, &best_slot, &best_room);
            }
            (fraction, stop) = self.budget(tried, published.min(best_cost));
            if matches!(objective, Objective::Hard | Objective::HardKeepingSoft) && best_cost.hard == 0 {
                objective = Objective::SoftKeepingFeasibility;
                moves.precheck = true;
                phase_start = fraction;
                state.reset_to(&best_slot, &best_room);
            }
            moves.ejecting = matches!(objective, Objective::Hard | Objective::HardKeepingSoft) && tried - best_at >= EJECT_AFTER;
            // Stalled stretches alternate: ejections alone, then ejections with holes. Holes alone
            // (from the start, or in every stalled stretch) solved more of the stalled FET
            // examples but lost some that ejections solve (BENCHMARKS.md, "Holes").
            moves.holes = moves.ejecting && ((tried - best_at) / EJECT_AFTER) % 2 == 0;
            if fraction >= next_share {
                next_share += 0.1;
                self.adopt_shared_best(&mut state, &mut best_cost, &mut best_slot, &mut best_room);
            }
            temperature = match objective {
                Objective::Hard | Objective::HardKeepingSoft => params.t_feasibility,
                Objective::SoftKeepingFeasibility => anneal::temperature(&params, (fraction - phase_start) / (1.0 - phase_start).max(1e-9)),
            };
            if thread == 0 && (improved || last_report.elapsed() >= REPORT_EVERY) {
                last_report = Instant::now();
                report(tried, published.min(best_cost), fraction, on_progress);
            }
        }
        if matches!(stop, Some(SolveStatus::TargetReached)) {
            self.shared.stop.store(true, Ordering::Relaxed);
        }
        published = self.publish(best_cost, &best_slot, &best_room);
        if thread == 0 {
            report(tried, published, fraction, on_progress);
        }
        WorkerReport { tried, accepted, status: stop.unwrap_or(SolveStatus::IterationLimit), repairs: (0, 0) }
    }

    /// The repairing thread: until the search stops, frees a neighbourhood of the shared best
    /// timetable without hard violations (`exact::neighbourhood`), places it again with HiGHS
    /// (`exact::repair`) and publishes the result when the core scorer finds it better.
    #[cfg(feature = "exact")]
    fn repair_work(&self, thread: usize) -> WorkerReport {
        use crate::exact::{neighbourhood, repair, RepairOptions};
        let mut rng = rng::for_thread(self.options.seed, thread);
        let (mut tried, mut accepted) = (0u64, 0u64);
        let status = loop {
            let best = self
                .shared
                .best
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .as_ref()
                .map(|b| (b.cost, b.slot_of.clone(), b.room_of.clone()));
            let (_, stop) = self.budget(0, best.as_ref().map_or(Cost { hard: u64::MAX, soft: u64::MAX }, |b| b.0));
            if let Some(status) = stop {
                break status;
            }
            if self.shared.done.load(Ordering::Relaxed) {
                break SolveStatus::IterationLimit;
            }
            let Some((cost, slot_of, room_of)) = best.filter(|b| b.0.hard == 0) else {
                std::thread::sleep(REPAIR_WAIT);
                continue;
            };
            let timetable = assignment_to_timetable(self.problem, &slot_of, &room_of);
            let free = neighbourhood(self.problem, &timetable, &mut rng);
            let left = self.options.time_limit.map_or(REPAIR_TIME, |limit| limit.saturating_sub(self.start.elapsed()));
            tried += 1;
            let Ok(Some(repaired)) = repair(self.problem, &timetable, &free, &RepairOptions { time_limit: left.min(REPAIR_TIME) }) else {
                continue;
            };
            let new_cost = score(self.problem, &repaired.timetable).cost;
            if new_cost < cost {
                accepted += 1;
                let (slot_of, room_of) = crate::state::timetable_to_assignment(&repaired.timetable);
                self.publish(new_cost, &slot_of, &room_of);
            }
        };
        WorkerReport { tried: 0, accepted: 0, status, repairs: (tried, accepted) }
    }

    /// Without the exact layer no thread repairs.
    #[cfg(not(feature = "exact"))]
    fn repair_work(&self, thread: usize) -> WorkerReport {
        self.work(thread, &mut |_| {})
    }

    /// Replaces this thread's state by the shared best when that is strictly better.
    fn adopt_shared_best(&self, state: &mut State<'_>, best_cost: &mut Cost, best_slot: &mut [u16], best_room: &mut [u16]) {
        if self.options.threads.get() == 1 {
            return;
        }
        let shared = self.shared.best.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(b) = shared.as_ref() else { return };
        if b.cost >= *best_cost {
            return;
        }
        *best_cost = b.cost;
        best_slot.copy_from_slice(&b.slot_of);
        best_room.copy_from_slice(&b.room_of);
        drop(shared);
        state.reset_to(best_slot, best_room);
    }
}

/// Checks the incremental cost against a full re-score (tests and the `debug-checks` feature).
#[cfg(any(test, feature = "debug-checks"))]
fn audit(problem: &Problem, state: &State<'_>) {
    let full = score(problem, &state.to_timetable(problem));
    assert_eq!(to_cost(state.cost), full.cost, "incremental cost drifted from the full re-score");
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;

    use horarium_core::formats::read_problem;

    use super::*;

    /// Under `cfg(test)` the search loop audits its incremental cost against a full re-score after
    /// every move; these runs go through both phases, the switch between them, and (with two
    /// threads) the adoption of the shared best.
    #[test]
    fn the_search_loop_keeps_its_cost_exact() {
        for (inst, threads) in [("comp01", 1), ("comp05", 1), ("comp07", 2)] {
            let problem = read_problem(&horarium_fixtures::itc2007_instance(inst)).unwrap();
            let options = SolveOptions {
                time_limit: None,
                max_iterations: Some(3_000),
                threads: NonZeroUsize::new(threads).unwrap(),
                ..SolveOptions::default()
            };
            let solution = solve(&problem, &options);
            assert_eq!(solution.statistics.moves_tried, 3_000 * threads as u64);
        }
    }

    /// The audit over a feasibility phase long enough to stall and draw ejections, on random
    /// small schools whose random hard rules often cannot all be met.
    #[test]
    fn the_search_loop_keeps_its_cost_exact_through_ejections() {
        let mut stalled = 0;
        for seed in 0..3 {
            let problem = crate::state::tests::random_school(seed);
            let options = SolveOptions { time_limit: None, max_iterations: Some(EJECT_AFTER + 5_000), seed, ..SolveOptions::default() };
            let solution = solve(&problem, &options);
            assert_eq!(solution.score.cost, score(&problem, &solution.timetable).cost);
            stalled += usize::from(solution.statistics.time_to_first_feasible.is_none());
        }
        assert!(stalled > 0, "no school stalled in its feasibility phase, so no ejection was drawn");
    }

    /// The same audit on random small schools, which use every school constraint kind.
    #[test]
    fn the_search_loop_keeps_its_cost_exact_on_schools() {
        for seed in 0..12 {
            let problem = crate::state::tests::random_school(seed);
            let options = SolveOptions { time_limit: None, max_iterations: Some(2_000), seed, ..SolveOptions::default() };
            let solution = solve(&problem, &options);
            assert_eq!(solution.score.cost, score(&problem, &solution.timetable).cost);
        }
    }

    /// With two threads and `repair`, the second repairs the first's best timetable: on comp01 some repairs
    /// run and the result is the core scorer's, without hard violations.
    #[cfg(feature = "exact")]
    #[test]
    fn the_repairing_thread_repairs_the_shared_best() {
        let problem = read_problem(&horarium_fixtures::itc2007_instance("comp01")).unwrap();
        let options = SolveOptions {
            time_limit: Some(Duration::from_secs(4)),
            threads: NonZeroUsize::new(2).unwrap(),
            repair: true,
            ..SolveOptions::default()
        };
        let solution = solve(&problem, &options);
        assert_eq!(solution.score.cost, score(&problem, &solution.timetable).cost);
        assert_eq!(solution.score.cost.hard, 0);
        assert!(solution.statistics.repairs > 0, "{:?}", solution.statistics);
        assert!(solution.statistics.repairs_improved <= solution.statistics.repairs);
    }
}
