//! `xhstt_read/*`: read an XHSTT archive from its text into the resolved model, and evaluate
//! one solution of it.
//!
//! `xhstt_read/KS-PR-11` is the largest shared archive (809 events, 1.2 MB with its three
//! solutions); `xhstt_read/generated_2000` a generated one of 2,000 events (issue 16's target:
//! reading an archive of 2,000 events under 200 ms); `xhstt_evaluate/generated_2000` the exact
//! evaluation of its solution.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use horarium::formats::xhstt;
use horarium_benches::generated_archive;

fn xhstt_read(c: &mut Criterion) {
    let path = horarium_fixtures::xhstt_archive("KS-PR-11");
    let ks = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let generated = generated_archive(2000);
    let archive = xhstt::parse_archive("generated.xml", &generated).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(archive.instances[0].events.len(), 2000);
    let mut group = c.benchmark_group("xhstt_read");
    group.bench_function("KS-PR-11", |b| b.iter(|| xhstt::parse_archive("KS-PR-11.xml", black_box(&ks)).expect("reads")));
    group.bench_function("generated_2000", |b| b.iter(|| xhstt::parse_archive("generated.xml", black_box(&generated)).expect("reads")));
    group.finish();
    let instance = &archive.instances[0];
    let solution = &archive.solution_groups[0].solutions[0];
    c.bench_function("xhstt_evaluate/generated_2000", |b| b.iter(|| xhstt::evaluate(instance, black_box(solution)).expect("valid")));
}

criterion_group!(benches, xhstt_read);
criterion_main!(benches);
