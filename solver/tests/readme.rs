//! The Rust example of README.md runs, and the README shows exactly this code.
//!
//! The example is the text between the two marker lines below; `readme_shows_the_example`
//! checks that README.md holds it verbatim, so the two cannot drift apart.

// README example: begin
use std::path::Path;

use horarium::formats::{ctt, ctt_solution};
use horarium::{score, solve, SolveOptions};

/// Solves an ITC-2007 instance reproducibly; returns the timetable in the competition format.
fn solve_ctt(path: &Path) -> Result<String, horarium::Error> {
    let problem = ctt::read_instance(path)?.to_problem()?;
    // One thread, a seed and an iteration limit: the same timetable on every run.
    let options = SolveOptions { time_limit: None, max_iterations: Some(200_000), seed: 7, ..SolveOptions::default() };
    let solution = solve(&problem, &options);
    let cost = solution.score.cost;
    println!("{:?}: hard {} soft {}", solution.status, cost.hard, cost.soft);
    for violation in &solution.score.violations {
        println!("  {}", violation.message);
    }
    // Any timetable can be scored against its problem, from scratch; scoring never fails.
    assert_eq!(score(&problem, &solution.timetable).cost, cost);
    ctt_solution::write_solution(&problem, &solution.timetable)
}
// README example: end

/// The text between the markers of this file.
fn example_text() -> &'static str {
    let file = include_str!("readme.rs");
    let begin = file.find("// README example: begin\n").expect("this file has a begin marker") + "// README example: begin\n".len();
    // The marker is a line of its own; the same words also appear in this function's string literals.
    let end = file.find("\n// README example: end\n").expect("this file has an end marker line") + 1;
    &file[begin..end]
}

#[test]
fn readme_example_solves_the_tiny_fixture() {
    let path = horarium_fixtures::fixtures_dir().join("ctt/tiny.ctt");
    let text = solve_ctt(&path).expect("the bundled fixture reads");
    // tiny.ctt has 5 lectures: one line each, every one placed.
    assert_eq!(text.lines().count(), 5, "{text}");
    let problem = ctt::read_instance(&path).and_then(|i| i.to_problem()).expect("the bundled fixture reads");
    let read = ctt_solution::parse_solution(&problem, &text);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(score(&problem, &read.timetable).cost.hard, 0, "{text}");
}

#[test]
fn readme_example_is_reproducible() {
    let path = horarium_fixtures::fixtures_dir().join("ctt/tiny.ctt");
    assert_eq!(solve_ctt(&path).expect("first run"), solve_ctt(&path).expect("second run"));
}

#[test]
fn readme_shows_the_example() {
    let readme_path = horarium_fixtures::workspace_root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).expect("README.md is readable");
    let block = format!("```rust\n{}```\n", example_text());
    assert!(readme.contains(&block), "README.md must show the example of solver/tests/readme.rs verbatim:\n{block}");
}
