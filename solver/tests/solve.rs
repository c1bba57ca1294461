//! The search: reproducible, stoppable, warm-startable, and always scored by the core scorer.

use std::num::NonZeroUsize;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use horarium::formats::{self, ctt_solution};
use horarium::{score, solve, solve_with_progress, Cost, Problem, SolveOptions, SolveStatus};

fn itc(name: &str) -> Problem {
    formats::read_problem(&horarium_fixtures::itc2007_instance(name)).expect("ITC-2007 instances read")
}

fn fixture(path: &str) -> Problem {
    formats::read_problem(&horarium_fixtures::fixtures_dir().join(path)).expect("fixture reads")
}

fn iterations(n: u64, seed: u64) -> SolveOptions {
    SolveOptions { time_limit: None, max_iterations: Some(n), seed, ..SolveOptions::default() }
}

#[test]
fn one_thread_with_a_seed_and_an_iteration_limit_is_reproducible() {
    for name in ["comp01", "comp05"] {
        let problem = itc(name);
        let a = solve(&problem, &iterations(200_000, 7));
        let b = solve(&problem, &iterations(200_000, 7));
        assert_eq!(a.timetable, b.timetable, "{name}: same seed, same timetable");
        assert_eq!(a.statistics.moves_tried, b.statistics.moves_tried);
        assert_eq!(a.status, SolveStatus::IterationLimit);
        let c = solve(&problem, &iterations(200_000, 8));
        assert_ne!(a.timetable, c.timetable, "{name}: another seed explores differently");
    }
}

#[test]
fn every_itc_instance_becomes_feasible() {
    for name in horarium_fixtures::ITC2007 {
        let problem = itc(name);
        let solution = solve(&problem, &iterations(300_000, 1));
        assert_eq!(solution.score.cost.hard, 0, "{name}: {:?}", solution.score.by_kind);
        assert!(solution.statistics.time_to_first_feasible.is_some());
        // The returned score is the core scorer's, from scratch.
        assert_eq!(solution.score, score(&problem, &solution.timetable));
    }
}

#[test]
fn the_solution_file_round_trips_and_the_checker_agrees() {
    let problem = itc("comp07");
    let solution = solve(&problem, &iterations(300_000, 3));
    let text = ctt_solution::write_solution(&problem, &solution.timetable).unwrap();
    let read = ctt_solution::parse_solution(&problem, &text);
    assert!(read.warnings.is_empty());
    assert_eq!(score(&problem, &read.timetable).cost, solution.score.cost);
}

#[test]
fn a_set_cancellation_flag_stops_at_once_with_the_best_so_far() {
    let problem = itc("comp12");
    let cancel = Arc::new(AtomicBool::new(true));
    let options = SolveOptions { time_limit: Some(Duration::from_secs(60)), cancel: Some(cancel), ..SolveOptions::default() };
    let solution = solve(&problem, &options);
    assert_eq!(solution.status, SolveStatus::Cancelled);
    assert!(solution.statistics.elapsed < Duration::from_secs(30));
    assert_eq!(solution.timetable.n_unplaced(), 0, "construction placed every lesson before the search stopped");
}

#[test]
fn reaching_the_target_stops_the_search() {
    let problem = itc("comp01");
    let target = Cost { hard: 0, soft: 100_000 };
    let options = SolveOptions { time_limit: Some(Duration::from_secs(60)), target: Some(target), ..SolveOptions::default() };
    let solution = solve(&problem, &options);
    assert_eq!(solution.status, SolveStatus::TargetReached);
    assert!(solution.score.cost <= target);
}

#[test]
fn a_warm_start_is_never_made_worse() {
    let problem = itc("comp01");
    let path = horarium_fixtures::itc2007_dir().join("solutions/races/comp01.ctt.sol");
    let (initial, warnings) = formats::read_timetable(&problem, &path).unwrap();
    assert!(warnings.is_empty());
    let start = score(&problem, &initial).cost;
    let options = SolveOptions { initial: Some(initial), ..iterations(20_000, 1) };
    let solution = solve(&problem, &options);
    assert!(solution.score.cost <= start, "{} > {start}", solution.score.cost);
}

#[test]
fn progress_is_reported_and_the_best_never_gets_worse() {
    let problem = itc("comp05");
    let mut seen: Vec<Cost> = Vec::new();
    let solution = solve_with_progress(&problem, &iterations(400_000, 2), |p| seen.push(p.best));
    assert!(seen.len() >= 2);
    assert!(seen.windows(2).all(|w| w[1] <= w[0]), "best cost went up: {seen:?}");
    assert_eq!(*seen.last().unwrap(), solution.score.cost);
}

#[test]
fn two_threads_search_together() {
    let problem = itc("comp04");
    let options = SolveOptions { threads: NonZeroUsize::new(2).unwrap(), ..iterations(100_000, 5) };
    let solution = solve(&problem, &options);
    assert_eq!(solution.statistics.threads, 2);
    assert_eq!(solution.statistics.moves_tried, 200_000);
    assert_eq!(solution.score.cost.hard, 0);
}

#[test]
fn lengths_pins_and_room_choices_are_respected() {
    let problem = fixture("json/lengths_pins_rooms.json");
    let solution = solve(&problem, &iterations(100_000, 1));
    assert_eq!(solution.score.cost.hard, 0, "{:#?}", solution.score.violations);
    let cal = problem.calendar();
    for (idx, placement) in solution.timetable.placements().iter().enumerate() {
        let lesson = &problem.lessons()[idx];
        let course = problem.course(lesson.course);
        let p = placement.expect("every lesson placed");
        assert!(cal.period(p.slot) + lesson.length <= cal.periods_per_day, "{} crosses the end of a day", course.name);
        match course.name.as_str() {
            "Chem-5A" => assert_eq!(p.room.map(|r| problem.room(r).name.as_str()), Some("Lab")),
            "Sport-5B" => assert_eq!(p.room, None),
            "Art-5B" if lesson.index_in_course == 0 => {
                assert_eq!((cal.day(p.slot), cal.period(p.slot)), (1, 0));
                assert_eq!(p.room.map(|r| problem.room(r).name.as_str()), Some("R2"));
            }
            _ => {}
        }
    }
}
