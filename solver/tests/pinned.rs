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
    ("comp01", 0x57dfc5ea54cdf378),
    ("comp02", 0x1ab4e12776dc0eb8),
    ("comp03", 0x385c88b098b5f37b),
    ("comp04", 0xfa1292cecd00ed25),
    ("comp05", 0x42c07477beaba1a8),
    ("comp06", 0x70c522b4b30f33e4),
    ("comp07", 0x70c4a56504e2583d),
    ("comp08", 0xba8e17d843582c11),
    ("comp09", 0x5be5904fa7e3a907),
    ("comp10", 0x3b4f584b42df3b82),
    ("comp11", 0x850c1d1e97e2dc05),
    ("comp12", 0xbde5547561474b38),
    ("comp13", 0x2b505748fbfd4daf),
    ("comp14", 0x5952bfe7be7b9ec5),
    ("comp15", 0x385c88b098b5f37b),
    ("comp16", 0xd0f41ffefe461324),
    ("comp17", 0xdab18d3e0f9fa46b),
    ("comp18", 0xd4a7705a366204f9),
    ("comp19", 0xff5541e7a8cc5259),
    ("comp20", 0x03288562f536bbbb),
    ("comp21", 0xa0c6bd99dbe0eef8),
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
    ("json/school-small.json", 0x54ca8e14e2ee1eef),
    ("json/school-medium.json", 0x000d8d936c138635),
    ("json/school-worked-example.json", 0x83c35f6fc09c3e74),
    ("json/lengths_pins_rooms.json", 0x2af2b2278e9aedb9),
    ("generated 12 classes, witness", 0x526f3ea0fd4ddfd6),
    ("generated 12 classes, solved", 0xd3d84761dab1d371),
    ("school-small, resolved", 0x54ca8e14e2ee1eef),
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
