//! Generated schools and the minimal-change re-solve, through the library and the binary.

use std::collections::BTreeSet;
use std::num::NonZeroU32;
use std::process::Command;

use horarium::constraints::{Constraint, ResourceRefDef, SlotDef};
use horarium::formats::json;
use horarium::generate::{school, SchoolOptions};
use horarium::model::ProblemDef;
use horarium::resolve::resolve;
use horarium::{score, Problem, SolveOptions};

fn generated(classes: usize, seed: u64) -> horarium::generate::GeneratedSchool {
    school(&SchoolOptions { classes, seed })
}

#[test]
fn the_witness_of_every_generated_school_has_no_hard_violation() {
    for (classes, seed) in [(1, 1), (6, 2), (80, 1), (80, 2), (80, 3), (1000, 1)] {
        let s = generated(classes, seed);
        let cost = score(&s.problem, &s.witness).cost;
        assert_eq!(cost.hard, 0, "{classes} classes, seed {seed}: the witness has hard violations");
        assert_eq!(s.witness.n_unplaced(), 0, "{classes} classes, seed {seed}: the witness places every lesson");
        // Realistic soft preferences: the witness is not already optimal for them.
        if classes >= 6 {
            assert!(cost.soft > 0, "{classes} classes, seed {seed}: no soft cost at all");
        }
    }
}

#[test]
fn the_reference_school_has_the_reference_size() {
    let s = generated(80, 1);
    let p = &s.problem;
    assert!((2300..=2700).contains(&s.students), "{} students", s.students);
    assert!((100..=160).contains(&p.teachers().len()), "{} teachers", p.teachers().len());
    let subjects: BTreeSet<&str> = p.courses().iter().map(|c| c.name.split('-').next().unwrap()).collect();
    assert_eq!(subjects.len(), 15, "{subjects:?}");
    assert_eq!((p.calendar().days, p.calendar().periods_per_day), (5, 8));
    // Every class splits in two halves, each split again: four leaves per class.
    let class = p.groups().iter().position(|g| g.name == "5A").map(horarium::GroupId::from_index).unwrap();
    assert_eq!(p.leaves(class).len(), 4);
    // Parallel blocks, double periods, specialist rooms.
    let kinds: BTreeSet<&str> = p.constraints().iter().map(|c| c.constraint.kind().name()).collect();
    for kind in ["clashes", "same_time", "idle_gaps", "max_per_day", "unavailable", "max_days", "preferred_slots", "different_days"] {
        assert!(kinds.contains(kind), "no {kind} constraint");
    }
    assert!(p.lessons().iter().any(|l| l.length == 2));
    assert!(p.rooms().iter().any(|r| r.tags.iter().any(|t| t == "gym")));
}

#[test]
fn generation_is_deterministic_and_scales() {
    let a = json::write_problem(&generated(30, 7).problem);
    assert_eq!(a, json::write_problem(&generated(30, 7).problem), "same options, same school");
    assert_ne!(a, json::write_problem(&generated(30, 8).problem), "another seed, another school");
    let big = generated(1000, 1);
    assert!(big.problem.lessons().len() > 25_000, "{} lessons", big.problem.lessons().len());
}

/// The school with one busy teacher made unavailable on Monday.
fn teacher_absent_on_monday(problem: &Problem, timetable: &horarium::Timetable) -> (Problem, usize) {
    let mut per_teacher = vec![0usize; problem.teachers().len()];
    for (l, p) in timetable.placements().iter().enumerate() {
        if p.is_some_and(|p| problem.calendar().day(p.slot) == 0) {
            for t in &problem.course_of(horarium::LessonId::from_index(l)).teachers {
                per_teacher[t.index()] += 1;
            }
        }
    }
    let (teacher, &lessons) = per_teacher.iter().enumerate().max_by_key(|(_, n)| **n).unwrap();
    let mut def: ProblemDef = problem.to_def();
    let slots: Vec<SlotDef> = (0..problem.calendar().periods_per_day).map(|period| SlotDef { day: 0, period }).collect();
    let resource = ResourceRefDef::Teacher(problem.teachers()[teacher].name.clone());
    let entry = serde_json::json!({"kind": "unavailable", "level": "hard", "resource": resource, "slots": slots});
    def.constraints.push(serde_json::from_value(entry).unwrap());
    (Problem::from_def(def).unwrap(), lessons)
}

#[test]
fn a_resolve_after_a_teacher_falls_ill_moves_few_lessons() {
    let s = generated(80, 1);
    let (changed, displaced) = teacher_absent_on_monday(&s.problem, &s.witness);
    assert!(displaced >= 4, "the absent teacher had {displaced} lessons on Monday");
    assert!(score(&changed, &s.witness).cost.hard >= displaced as u64);
    let options = SolveOptions { time_limit: None, max_iterations: Some(1_500_000), ..SolveOptions::default() };
    let again = resolve(&changed, &s.witness, NonZeroU32::new(10).unwrap(), &options, |_| {});
    assert_eq!(again.score.cost.hard, 0, "{:?}", again.score.violations.iter().filter(|v| v.cost.hard > 0).collect::<Vec<_>>());
    assert!(again.moved.len() >= displaced, "the displaced lessons moved");
    assert!(again.moved.len() * 20 < changed.lessons().len(), "{} of {} lessons moved", again.moved.len(), changed.lessons().len());
    // Every moved lesson is reported with where it was and where it is, and nothing else changed.
    for (l, (a, b)) in s.witness.placements().iter().zip(again.solution.timetable.placements()).enumerate() {
        let reported = again.moved.iter().find(|m| m.lesson.index() == l);
        assert_eq!(reported.is_some(), a != b);
        if let Some(m) = reported {
            assert_eq!((m.from, m.to), (*a, *b));
        }
    }
    // The cost of moves is in the search's score, not in the problem's.
    let keep = again.solution.score.by_kind.iter().find(|k| k.kind == horarium::Kind::KeepPlacements).unwrap();
    assert_eq!(keep.cost.soft, 10 * again.moved.len() as u64);
    assert!(!changed.constraints().iter().any(|c| matches!(c.constraint, Constraint::KeepPlacements(_))));
}

#[test]
fn the_binary_generates_validates_and_resolves() {
    let dir = std::env::temp_dir().join(format!("horarium-school-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (problem, witness, changed, new) = (dir.join("p.json"), dir.join("w.json"), dir.join("c.json"), dir.join("n.json"));
    let run = |args: &[&std::ffi::OsStr]| Command::new(env!("CARGO_BIN_EXE_horarium")).args(args).output().unwrap();
    let out = run(&[
        "generate".as_ref(),
        "school".as_ref(),
        "--classes".as_ref(),
        "8".as_ref(),
        "--seed".as_ref(),
        "4".as_ref(),
        "-o".as_ref(),
        problem.as_os_str(),
        "--witness".as_ref(),
        witness.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("8 classes"));
    let out = run(&["validate".as_ref(), problem.as_os_str(), witness.as_os_str(), "--json".as_ref()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["violations"], 0, "{report}");
    let p = horarium::formats::read_problem(&problem).unwrap();
    let w = json::parse_timetable(&p, "w.json", &std::fs::read_to_string(&witness).unwrap()).unwrap();
    let (c, _) = teacher_absent_on_monday(&p, &w);
    std::fs::write(&changed, json::write_problem(&c)).unwrap();
    let out = run(&[
        "resolve".as_ref(),
        changed.as_os_str(),
        "--from".as_ref(),
        witness.as_os_str(),
        "--time".as_ref(),
        "3".as_ref(),
        "-o".as_ref(),
        new.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("lessons moved"), "{stderr}");
    assert!(stderr.lines().any(|l| l.starts_with("moved: ")), "{stderr}");
    let n = json::parse_timetable(&c, "n.json", &std::fs::read_to_string(&new).unwrap()).unwrap();
    assert_eq!(score(&c, &n).cost.hard, 0);
    // A missing old timetable is a clean error naming it.
    let out = run(&["resolve".as_ref(), changed.as_os_str(), "--from".as_ref(), dir.join("missing.json").as_os_str()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.json"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_pre_analysis_finds_no_reason_in_solvable_problems() {
    for seed in 1..=3 {
        let s = generated(80, seed);
        assert_eq!(horarium::analysis::check(&s.problem), Ok(()), "school seed {seed}");
    }
    for k in 1..=21 {
        let problem = horarium::formats::read_problem(&horarium_fixtures::itc2007_instance(&format!("comp{k:02}"))).unwrap();
        assert_eq!(horarium::analysis::check(&problem), Ok(()), "comp{k:02}");
    }
}

#[test]
fn solve_refuses_a_problem_the_analysis_proves_infeasible() {
    let dir = std::env::temp_dir().join(format!("horarium-infeasible-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("p.json");
    let text = r#"{"name": "too-much", "calendar": {"days": 1, "periods_per_day": 2},
        "teachers": [{"name": "Ada"}], "rooms": [{"name": "R", "capacity": 30}],
        "courses": [{"name": "Maths", "teachers": ["Ada"], "lessons": 3}],
        "constraints": [{"kind": "clashes", "level": "hard"}]}"#;
    std::fs::write(&path, text).unwrap();
    let run = |args: &[&std::ffi::OsStr]| Command::new(env!("CARGO_BIN_EXE_horarium")).args(args).output().unwrap();
    let reason = "teacher Ada has 3 periods of lessons but can teach in only 2 slots";
    let out = run(&["solve".as_ref(), path.as_os_str(), "--time".as_ref(), "30".as_ref()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains(reason), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "no timetable is written");
    let out = run(&["analyze".as_ref(), path.as_os_str(), "--json".as_ref()]);
    assert_eq!(out.status.code(), Some(3));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["reasons"][0]["reason"], "teacher_overbooked");
    assert_eq!(report["reasons"][0]["message"], reason);
    assert_eq!(report["feasible"], false);
    assert_eq!(report["reasons"][0]["resources"][0], serde_json::json!({"type": "teacher", "name": "Ada"}));
    std::fs::remove_dir_all(&dir).unwrap();
}
