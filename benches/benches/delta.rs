//! `delta/random_move/compNN`: one random move of the annealing (move, swap or Kempe chain),
//! evaluated incrementally and undone, on a constructed timetable.
//!
//! Throughput is one element per iteration, so criterion prints moves evaluated per second.
//! Issue 3's target: at least one million per second per thread on comp05.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use horarium::bench_api::with_move_evaluator;
use horarium_benches::itc2007_problem;

/// comp05 and comp12 are the instances (the densest); comp01 is a small reference.
const INSTANCES: [&str; 3] = ["comp01", "comp05", "comp12"];

fn random_move(c: &mut Criterion) {
    let mut group = c.benchmark_group("delta/random_move");
    group.throughput(Throughput::Elements(1));
    for name in INSTANCES {
        let problem = itc2007_problem(name);
        group.bench_function(name, |b| with_move_evaluator(&problem, 1, |ev| b.iter(|| black_box(ev.evaluate_random_move()))));
    }
    group.finish();
}

criterion_group!(benches, random_move);
criterion_main!(benches);
