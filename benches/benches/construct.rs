//! `construct/compNN`: compile an ITC-2007 instance and construct a first timetable (seed 1).
//!
//! Parsing happens once, before timing. Construction may leave hard violations for the
//! annealing to repair; the bench measures its time, not its quality.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use horarium::bench_api::construct_only;
use horarium_benches::{itc2007_problem, ITC2007};

fn construct(c: &mut Criterion) {
    let mut group = c.benchmark_group("construct");
    for name in ITC2007 {
        let problem = itc2007_problem(name);
        group.bench_function(name, |b| b.iter(|| black_box(construct_only(black_box(&problem), 1))));
    }
    group.finish();
}

criterion_group!(benches, construct);
criterion_main!(benches);
