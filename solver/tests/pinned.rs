//! Results pinned by digest: one thread, a seed and an iteration limit give these exact timetables.
//!
//! A change that only reorganises code (how a constraint kind is wired, how a report is built)
//! must leave every digest here as it is. A change meant to alter the search changes them on
//! purpose, and says so in its commit with the new values, which the failure message prints.

use std::num::NonZeroU32;

use horarium::formats;
use horarium::generate::{school, SchoolOptions};
use horarium::{resolve::resolve, solve, Problem, SolveOptions, Timetable};

fn options(iterations: u64) -> SolveOptions {
    SolveOptions { time_limit: None, max_iterations: Some(iterations), seed: 11, ..SolveOptions::default() }
}

/// FNV-1a over every placement (slot and room, or a marker for an unplaced lesson), in lesson order.
fn digest(timetable: &Timetable) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |value: u64| {
        for byte in value.to_le_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for placement in timetable.placements() {
        match placement {
            Some(p) => {
                eat(u64::from(p.slot.0));
                eat(p.room.map_or(u64::MAX - 1, |r| r.index() as u64));
            }
            None => eat(u64::MAX),
        }
    }
    hash
}

fn check(pinned: &[(&str, u64)], actual: &[(String, u64)]) {
    let wrong: Vec<String> = pinned
        .iter()
        .zip(actual)
        .filter(|((_, want), (_, got))| want != got)
        .map(|((name, want), (_, got))| format!("{name}: pinned {want:#018x}, got {got:#018x}"))
        .collect();
    let table: Vec<String> = actual.iter().map(|(name, got)| format!("(\"{name}\", {got:#018x}),")).collect();
    assert!(
        wrong.is_empty() && pinned.len() == actual.len(),
        "timetables changed ({} pinned, {} run):\n{}\n\nevery digest of this run:\n{}",
        pinned.len(),
        actual.len(),
        wrong.join("\n"),
        table.join("\n")
    );
}

const ITC: &[(&str, u64)] = &[
    ("comp01", 0xc82087e30c79a5e2),
    ("comp02", 0xa2b98cdf4ad4bf08),
    ("comp03", 0xb9258da5524f2f2c),
    ("comp04", 0x3b60809ec7786168),
    ("comp05", 0x1a38413bbda06479),
    ("comp06", 0x832ec7b896a4b7cd),
    ("comp07", 0xaeb04ff25aa1b6f7),
    ("comp08", 0x57d21456a935d5e1),
    ("comp09", 0x028b78e2d0990777),
    ("comp10", 0x68d9cf5c1ac6e3fa),
    ("comp11", 0x9dc7bb5fdf120ed8),
    ("comp12", 0xe0e465bf81d3684d),
    ("comp13", 0xe27eb22a11b9cee9),
    ("comp14", 0x5ff515711417808d),
    ("comp15", 0xb9258da5524f2f2c),
    ("comp16", 0xd4824d57e9c02640),
    ("comp17", 0x2a96d0952aeba5d5),
    ("comp18", 0x195cd14655bc40a7),
    ("comp19", 0x2c43d0a3faa1f3b7),
    ("comp20", 0x13788af716d8e346),
    ("comp21", 0x7ed2eff8ac39e5e9),
];

#[test]
fn every_itc_instance_gives_its_pinned_timetable() {
    let actual: Vec<(String, u64)> = (1..=21)
        .map(|i| {
            let name = format!("comp{i:02}");
            let problem = formats::read_problem(&horarium_fixtures::itc2007_instance(&name)).expect("ITC-2007 instances read");
            (name, digest(&solve(&problem, &options(150_000)).timetable))
        })
        .collect();
    check(ITC, &actual);
}

const SCHOOLS: &[(&str, u64)] = &[
    ("json/school-small.json", 0xf45009bb85f4e5c2),
    ("json/school-medium.json", 0xd96d6c3dc469e203),
    ("json/school-worked-example.json", 0xf288efac4cd1ef95),
    ("json/lengths_pins_rooms.json", 0x707e9d6eccddf347),
    ("generated 12 classes, witness", 0x526f3ea0fd4ddfd6),
    ("generated 12 classes, solved", 0xde3a5afd68388a18),
    ("school-small, resolved", 0xf45009bb85f4e5c2),
];

fn fixture(path: &str) -> Problem {
    formats::read_problem(&horarium_fixtures::fixtures_dir().join(path)).expect("fixture reads")
}

#[test]
fn every_school_fixture_gives_its_pinned_timetable() {
    let mut actual = Vec::new();
    for path in ["json/school-small.json", "json/school-medium.json", "json/school-worked-example.json", "json/lengths_pins_rooms.json"] {
        actual.push((path.to_owned(), digest(&solve(&fixture(path), &options(150_000)).timetable)));
    }
    let generated = school(&SchoolOptions { classes: 12, seed: 3 });
    actual.push(("generated 12 classes, witness".to_owned(), digest(&generated.witness)));
    actual.push(("generated 12 classes, solved".to_owned(), digest(&solve(&generated.problem, &options(150_000)).timetable)));
    let small = fixture("json/school-small.json");
    let first = solve(&small, &options(150_000)).timetable;
    let again = resolve(&small, &first, NonZeroU32::new(7).expect("non-zero"), &options(50_000), |_| {});
    actual.push(("school-small, resolved".to_owned(), digest(&again.solution.timetable)));
    check(SCHOOLS, &actual);
}
