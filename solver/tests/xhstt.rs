//! Solving XHSTT archives: the re-split between rounds, and one round without a time limit.

use std::num::NonZeroUsize;
use std::time::Duration;

use horarium::formats::xhstt::{model::EventId, XhsttProblem};
use horarium::{solve_checked, SolveOptions};

fn read(name: &str) -> (XhsttProblem, horarium::Problem) {
    let path = horarium_fixtures::xhstt_archive(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    XhsttProblem::parse(name, text).unwrap_or_else(|e| panic!("{e}"))
}

/// BR-SA-00's split read from its constraints (every double its distribute constraints ask
/// for) leaves the search a clash short; re-splitting the events of the clash reaches none.
#[test]
fn re_splitting_the_events_of_hard_violations_reaches_a_solution_without_infeasibility() {
    let (x, problem) = read("BR-SA-00");
    let options = SolveOptions {
        time_limit: Some(Duration::from_secs(20)),
        seed: 1,
        threads: NonZeroUsize::new(2).expect("2"),
        ..SolveOptions::default()
    };
    let solved = horarium::xhstt::solve(&x, &problem, &options, |_| {}).expect("feasible");
    assert!(solved.resplits >= 1, "a round re-split events");
    assert!(solved.xhstt.mapped.parts.iter().map(Vec::len).sum::<usize>() > x.mapped.parts.iter().map(Vec::len).sum::<usize>());
    let (_, evaluation) = solved.xhstt.solution(&solved.solution.timetable);
    let evaluation = evaluation.expect("a solution of the instance");
    assert_eq!(evaluation.infeasibility, 0, "{:?}", solved.solution.score.by_kind);
    assert!(solved.solution.statistics.elapsed >= Duration::from_secs(19), "the rounds share the whole time");
}

/// With an iteration limit there is one round: the timetable `solve_checked` gives.
#[test]
fn with_an_iteration_limit_one_round_as_solve() {
    let (x, problem) = read("BR-SA-00");
    let options =
        SolveOptions { time_limit: Some(Duration::from_secs(60)), max_iterations: Some(20_000), seed: 3, ..SolveOptions::default() };
    let solved = horarium::xhstt::solve(&x, &problem, &options, |_| {}).expect("feasible");
    let plain = solve_checked(&problem, &options, |_| {}).expect("feasible");
    assert_eq!((solved.resplits, &solved.solution.timetable), (0, &plain.timetable));
}

/// A re-split takes the next split in more parts of the events named, and a timetable carried
/// over keeps every other event's placements.
#[test]
fn a_re_split_changes_only_the_events_named_and_carries_the_rest() {
    let (x, problem) = read("BR-SA-00");
    let timetable =
        solve_checked(&problem, &SolveOptions { time_limit: None, max_iterations: Some(5_000), ..SolveOptions::default() }, |_| {})
            .expect("feasible")
            .timetable;
    let split = (0..x.mapped.parts.len())
        .find(|&e| x.mapped.alternatives[e].iter().any(|a| a.len() > x.mapped.parts[e].len()))
        .expect("an event to split");
    let (y, split_problem) = x.resplit(&[EventId(split as u32)]).expect("a re-split").expect("it maps");
    for (e, (before, after)) in x.mapped.parts.iter().zip(&y.mapped.parts).enumerate() {
        assert_eq!(before == after, e != split, "event {e}");
    }
    assert!(y.mapped.parts[split].len() > x.mapped.parts[split].len());
    let carried = x.mapped.carry(&timetable, &y.mapped, &split_problem);
    assert_eq!(carried.n_unplaced(), y.mapped.parts[split].len(), "only the re-split event's lessons start unplaced");
    assert_eq!(x.resplit(&[]).map(|r| r.is_ok()), None, "nothing named, nothing re-split");
}
