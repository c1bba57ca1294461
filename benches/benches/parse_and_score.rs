//! `parse_and_score/all21`: parse all 21 ITC-2007 instances from their text into the general
//! model, and score one complete timetable of each with the exact core scorer.
//!
//! The files are read, and the timetables built, once before timing: the loop measures only
//! `parse_instance(..).to_problem()` and `score`. The timetables come from a short deterministic
//! search (one thread, seed 1, 2000 moves, no time limit), so every lesson is placed and the
//! scorer does its full work. Issue 2's target: under 50 ms in total on the 2-core machine.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use horarium::formats::ctt;
use horarium::{score, solve, SolveOptions, Timetable};
use horarium_benches::{itc2007_texts, parse};

fn parse_and_score(c: &mut Criterion) {
    let texts = itc2007_texts();
    let options = SolveOptions { time_limit: None, max_iterations: Some(2000), seed: 1, ..SolveOptions::default() };
    let timetables: Vec<Timetable> = texts.iter().map(|t| solve(&parse(t), &options).timetable).collect();
    for (instance, timetable) in texts.iter().zip(&timetables) {
        assert_eq!(timetable.n_unplaced(), 0, "the timetable of {} is complete", instance.name);
    }
    let mut group = c.benchmark_group("parse_and_score");
    group.bench_function("all21", |b| {
        b.iter(|| {
            let mut total = 0u64;
            for (instance, timetable) in texts.iter().zip(&timetables) {
                let problem = ctt::parse_instance(&instance.file, black_box(&instance.text))
                    .and_then(|i| i.to_problem())
                    .expect("the shipped instances parse");
                total += score(&problem, timetable).cost.soft;
            }
            black_box(total)
        });
    });
    group.finish();
}

criterion_group!(benches, parse_and_score);
criterion_main!(benches);
