//! FET files through the command line: converted, solved and validated like `.ctt` and JSON,
//! and refused (or read with `--skip-unsupported`) when they use types outside the catalog.

use std::path::PathBuf;
use std::process::{Command, Output};

use horarium::formats::{self, json};
use horarium::score;

fn small() -> PathBuf {
    horarium_fixtures::fixtures_dir().join("fet/small.fet")
}

fn horarium(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_horarium")).args(args).output().unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("horarium-fet-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_fet_file_converts_solves_and_validates() {
    let dir = scratch("solve");
    let small = small();
    let converted = horarium(&["convert", small.to_str().unwrap(), "--to", "json"]);
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    let problem = json::parse_problem("small.json", &String::from_utf8_lossy(&converted.stdout)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(problem, formats::read_problem(&small).unwrap());

    let out = dir.join("small.json");
    let solved =
        horarium(&["solve", small.to_str().unwrap(), "--iterations", "20000", "--time", "60", "--quiet", "-o", out.to_str().unwrap()]);
    assert!(solved.status.success(), "{}", String::from_utf8_lossy(&solved.stderr));
    let (timetable, _) = formats::read_timetable(&problem, &out).unwrap();
    assert_eq!(score(&problem, &timetable).cost.hard, 0, "the small school has a timetable without hard violations");
    let validated = horarium(&["validate", small.to_str().unwrap(), out.to_str().unwrap(), "--json"]);
    assert!(validated.status.success(), "{}", String::from_utf8_lossy(&validated.stderr));
    let report: serde_json::Value = serde_json::from_slice(&validated.stdout).unwrap();
    assert_eq!(report["feasible"], true);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unsupported_types_refuse_the_file_unless_asked_to_leave_them_out() {
    let dir = scratch("unsupported");
    let text = std::fs::read_to_string(small()).unwrap().replace(
        "</Time_Constraints_List>",
        "<ConstraintActivitiesOccupyMinTimeSlotsFromSelection><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>0</Number_of_Activities><Active>true</Active></ConstraintActivitiesOccupyMinTimeSlotsFromSelection>\n</Time_Constraints_List>",
    );
    let path = dir.join("building-changes.fet");
    std::fs::write(&path, text).unwrap();
    let refused = horarium(&["convert", path.to_str().unwrap(), "--to", "json"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("constraint types Horarium does not support yet: ConstraintActivitiesOccupyMinTimeSlotsFromSelection (1)"),
        "{stderr}"
    );
    let read = horarium(&["analyze", path.to_str().unwrap(), "--skip-unsupported"]);
    assert!(read.status.success(), "{}", String::from_utf8_lossy(&read.stderr));
    let stderr = String::from_utf8_lossy(&read.stderr);
    assert!(stderr.contains("left out 1 constraint(s) of FET's type ConstraintActivitiesOccupyMinTimeSlotsFromSelection"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_solved_timetable_is_written_into_the_fet_file_and_read_back_as_fets_own() {
    let dir = scratch("locked");
    let small = small();
    let solved = dir.join("solved.json");
    let run = horarium(&["solve", small.to_str().unwrap(), "--iterations", "20000", "--quiet", "-o", solved.to_str().unwrap()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let locked = dir.join("locked.fet");
    let args = ["convert", small.to_str().unwrap(), "--to", "fet", "--timetable", solved.to_str().unwrap(), "-o", locked.to_str().unwrap()];
    let converted = horarium(&args);
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    // The locked file is one of FET's timetables of the school: it scores as the JSON does.
    let report = |timetable: &PathBuf| {
        let out = horarium(&["validate", small.to_str().unwrap(), timetable.to_str().unwrap(), "--json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report.as_object_mut().unwrap().remove("file");
        report
    };
    assert_eq!(report(&locked), report(&solved));
    // And a school of its own, with every lesson pinned.
    let problem = formats::read_problem(&locked).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(problem.courses().iter().map(|c| c.pinned.len()).sum::<usize>(), problem.lessons().len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fets_activities_file_is_validated_and_rendered_against_its_school() {
    let small = small();
    let activities = horarium_fixtures::fixtures_dir().join("fet/small_activities.xml");
    let out = horarium(&["validate", small.to_str().unwrap(), activities.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Violations of unplaced (hard) : 0"), "{text}");
    let html = horarium(&["render", small.to_str().unwrap(), activities.to_str().unwrap(), "--format", "csv"]);
    assert!(html.status.success(), "{}", String::from_utf8_lossy(&html.stderr));
    assert!(String::from_utf8_lossy(&html.stdout).contains("Math"), "{}", String::from_utf8_lossy(&html.stdout));
    // A FET timetable needs the .fet file it was made for.
    let tiny = horarium_fixtures::fixtures_dir().join("ctt/tiny.ctt");
    let refused = horarium(&["validate", tiny.to_str().unwrap(), activities.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("read together with the .fet file"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let no_timetable = horarium(&["convert", small.to_str().unwrap(), "--to", "fet"]);
    assert_eq!(no_timetable.status.code(), Some(2));
    let not_fet = horarium(&["convert", tiny.to_str().unwrap(), "--to", "fet", "--timetable", activities.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&not_fet.stderr).contains("give that file as the problem"),
        "{}",
        String::from_utf8_lossy(&not_fet.stderr)
    );
}
