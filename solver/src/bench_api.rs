//! A narrow window on the search internals, for the criterion benches in `benches/`.
//!
//! Not part of the supported API: it exists so that move-evaluation throughput can be measured
//! from outside the crate without making the compiled problem or the search state public.

use horarium_core::Problem;

use crate::anneal::{accept, Moves, Objective, PARAMS};
use crate::compile::Compiled;
use crate::construct::construct;
use crate::rng::{self, Rng};
use crate::state::State;

/// Evaluates random moves on a constructed timetable.
pub struct MoveEvaluator<'c> {
    state: State<'c>,
    moves: Moves,
    rng: Rng,
}

impl MoveEvaluator<'_> {
    /// Applies one random move (move, swap or Kempe chain) and undoes it; returns its soft delta.
    pub fn evaluate_random_move(&mut self) -> i64 {
        let (applied, delta) = self.moves.random(&mut self.state, &mut self.rng);
        self.moves.undo(&mut self.state, applied);
        delta.soft
    }
}

/// Compiles `problem`, constructs a timetable with `seed`, repairs its hard violations as the
/// search's feasibility phase does, and hands `f` an evaluator in the state of the soft phase
/// (moves that surely break a hard constraint are rejected by the pre-check, as in the search).
pub fn with_move_evaluator<R>(problem: &Problem, seed: u64, f: impl FnOnce(&mut MoveEvaluator<'_>) -> R) -> R {
    let compiled = Compiled::new(problem);
    let mut rng = rng::for_thread(seed, 0);
    let mut state = State::new(&compiled);
    construct(&mut state, &mut rng, 1000);
    let mut moves = Moves::new(PARAMS, &compiled);
    for _ in 0..10_000_000 {
        if state.cost.hard == 0 {
            break;
        }
        let (applied, delta) = moves.random(&mut state, &mut rng);
        if !accept(delta, PARAMS.t_feasibility, Objective::Hard, &mut rng) {
            moves.undo(&mut state, applied);
        }
    }
    moves.precheck = state.cost.hard == 0;
    f(&mut MoveEvaluator { state, moves, rng })
}

/// Compiles `problem` and constructs a first timetable; returns its cost as (hard, soft).
pub fn construct_only(problem: &Problem, seed: u64) -> (i64, i64) {
    let compiled = Compiled::new(problem);
    let mut rng = rng::for_thread(seed, 0);
    let mut state = State::new(&compiled);
    construct(&mut state, &mut rng, 1000);
    (state.cost.hard, state.cost.soft)
}
