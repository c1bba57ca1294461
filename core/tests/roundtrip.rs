//! Readers and writers round-trip: `.ctt` text, Horarium JSON problems and timetables, and
//! competition solutions, on generated inputs and on the ITC-2007 instances.

use proptest::prelude::*;

use horarium_core::formats::{ctt, ctt_solution, json, read_problem};
use horarium_core::{score, Problem};

use crate::strategies::{config, ctt_instance, problem_def, timetable};

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn ctt_text_round_trips(instance in ctt_instance()) {
        let text = instance.to_text();
        match ctt::parse_instance("gen.ctt", &text) {
            Ok(parsed) => prop_assert_eq!(&parsed, &instance),
            Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
        }
        // Every instance the reader accepts converts to the general model.
        if let Err(e) = instance.to_problem() {
            return Err(TestCaseError::fail(format!("{e}\n{text}")));
        }
    }

    #[test]
    fn ctt_problems_round_trip_through_json(instance in ctt_instance()) {
        let problem = instance.to_problem().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let text = json::write_problem(&problem);
        let back = json::parse_problem("gen.json", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back, problem);
    }

    #[test]
    fn rich_problems_round_trip_through_json(def in problem_def()) {
        let problem = Problem::from_def(def.clone()).map_err(|issues| TestCaseError::fail(format!("the generator made an invalid problem: {issues:?}\n{def:#?}")))?;
        let text = json::write_problem(&problem);
        let back = json::parse_problem("gen.json", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &problem);
        prop_assert_eq!(Problem::from_def(problem.to_def()).ok(), Some(problem));
    }

    #[test]
    fn complete_timetables_round_trip_through_the_competition_format((instance, seed) in (ctt_instance(), any::<u64>())) {
        let problem = instance.to_problem().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let tt = timetable(&problem, seed, true);
        let fits = problem.courses().iter().all(|c| c.n_lessons() <= problem.calendar().n_slots());
        if fits && !problem.rooms().is_empty() {
            prop_assert_eq!(tt.n_unplaced(), 0, "the generator places every lesson");
        }
        let text = ctt_solution::write_solution(&problem, &tt).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let read = ctt_solution::parse_solution(&problem, &text);
        prop_assert!(read.warnings.is_empty(), "{:?}\n{}", read.warnings, text);
        prop_assert_eq!(read.timetable, tt);
    }

    #[test]
    fn timetables_round_trip_through_json((def, seed) in (problem_def(), any::<u64>())) {
        let problem = Problem::from_def(def).map_err(|issues| TestCaseError::fail(format!("{issues:?}")))?;
        let tt = timetable(&problem, seed, false);
        let text = json::write_timetable(&problem, &tt);
        let back = json::parse_timetable(&problem, "gen.json", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(score(&problem, &back), score(&problem, &tt));
        prop_assert_eq!(back, tt);
    }
}

/// Every shipped instance survives `.ctt` → text → `.ctt` and problem → JSON → problem.
#[test]
fn itc2007_instances_round_trip() {
    let mut names: Vec<&str> = horarium_fixtures::ITC2007.to_vec();
    names.extend(["toy", "toytoy"]);
    for name in names {
        let path = horarium_fixtures::itc2007_instance(name);
        let instance = ctt::read_instance(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ctt::parse_instance(name, &instance.to_text()).unwrap_or_else(|e| panic!("{e}")), instance, "{name}");
        let problem = read_problem(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(problem, instance.to_problem().unwrap_or_else(|e| panic!("{e}")), "{name}");
        let back = json::parse_problem(name, &json::write_problem(&problem)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, problem, "{name}");
    }
}

/// The reference solutions survive parse → write → parse, in both timetable formats.
#[test]
fn reference_solutions_round_trip() {
    for k in 1..=7 {
        let name = format!("comp{k:02}");
        let problem = read_problem(&horarium_fixtures::itc2007_instance(&name)).unwrap_or_else(|e| panic!("{e}"));
        let path = horarium_fixtures::itc2007_dir().join(format!("solutions/races/{name}.ctt.sol"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let read = ctt_solution::parse_solution(&problem, &text);
        assert!(read.warnings.is_empty() && read.timetable.n_unplaced() == 0, "{name}: {:?}", read.warnings);
        let written = ctt_solution::write_solution(&problem, &read.timetable).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ctt_solution::parse_solution(&problem, &written).timetable, read.timetable, "{name}");
        let mut sorted_in: Vec<String> =
            text.lines().filter(|l| !l.trim().is_empty()).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        let mut sorted_out: Vec<String> = written.lines().map(str::to_owned).collect();
        sorted_in.sort_unstable();
        sorted_out.sort_unstable();
        assert_eq!(sorted_out, sorted_in, "{name}: the same lines, in lesson order");
        let json_text = json::write_timetable(&problem, &read.timetable);
        assert_eq!(json::parse_timetable(&problem, &name, &json_text).unwrap_or_else(|e| panic!("{e}")), read.timetable, "{name}");
    }
}
