//! `horarium bound` end to end: the exact layer's lower bounds on ITC-2007 instances never
//! exceed the best known values, the CLI's sentences, JSON and exit statuses.

use std::process::Command;

use horarium::report::BoundReport;

fn bound(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_horarium")).arg("bound").args(args).output().expect("horarium runs");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The best known value of an ITC-2007 instance (`best_known.csv`, column `best_known_ub`).
fn best_known(name: &str) -> u64 {
    let path = horarium_fixtures::itc2007_dir().join("best_known.csv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let line = text.lines().find(|l| l.starts_with(&format!("{name},"))).unwrap_or_else(|| panic!("{name} is not in {}", path.display()));
    line.split(',').nth(1).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("bad line {line}"))
}

#[test]
fn the_bound_never_exceeds_the_best_known_value() {
    for name in ["comp01", "comp11"] {
        let instance = horarium_fixtures::itc2007_instance(name);
        let (status, stdout, stderr) = bound(&[instance.to_str().unwrap(), "--time", "10", "--json"]);
        assert_eq!(status, Some(0), "{stderr}");
        let report: BoundReport = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
        let soft = report.soft.expect("ITC-2007 instances have timetables without hard violations");
        assert!(soft <= best_known(name), "{name}: bound {soft} above the best known {}", best_known(name));
        assert!(report.priced.iter().any(|k| k == "isolated_lessons"), "{name}: {:?}", report.priced);
    }
}

#[test]
fn bound_explains_what_it_proved() {
    let fixture = horarium_fixtures::fixtures_dir().join("ctt/more_working_days_than_days.ctt");
    let (status, stdout, stderr) = bound(&[fixture.to_str().unwrap(), "--time", "5"]);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stdout.starts_with(
            "MoreWorkingDaysThanDays: every timetable without hard violations has a soft cost of at least 15 (the relaxation's optimum)\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("counted: min_working_days, room_capacity, room_stability"), "{stdout}");

    // Three courses that clash pairwise cannot share two slots: exit status 3, as `analyze`.
    let dir = std::env::temp_dir().join(format!("horarium-exact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let triangle = dir.join("triangle.json");
    std::fs::write(
        &triangle,
        r#"{"name": "triangle", "calendar": {"days": 1, "periods_per_day": 2},
            "teachers": [{"name": "T1"}, {"name": "T2"}, {"name": "T3"}], "rooms": [{"name": "R", "capacity": 30}],
            "courses": [{"name": "A", "teachers": ["T1", "T3"], "lessons": 1}, {"name": "B", "teachers": ["T1", "T2"], "lessons": 1},
                        {"name": "C", "teachers": ["T2", "T3"], "lessons": 1}],
            "constraints": [{"kind": "clashes", "level": "hard"}]}"#,
    )
    .unwrap();
    let (status, stdout, _) = bound(&[triangle.to_str().unwrap(), "--time", "5"]);
    assert_eq!(status, Some(3));
    assert!(stdout.starts_with("triangle: no timetable without hard violations exists"), "{stdout}");
    let (status, _, stderr) = bound(&[triangle.to_str().unwrap(), "--time", "0"]);
    assert_eq!(status, Some(2));
    assert!(stderr.contains("--time must be a positive number of seconds, found 0"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn solve_and_bench_stop_at_the_bound_and_call_it_optimal() {
    let fixture = horarium_fixtures::fixtures_dir().join("ctt/more_working_days_than_days.ctt");
    let dir = std::env::temp_dir().join(format!("horarium-exact-solve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_horarium"))
        .args(["solve", fixture.to_str().unwrap(), "--time", "30", "--bound", "5", "-o", dir.join("t.sol").to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("every timetable without hard violations has a soft cost of at least 15"), "{stderr}");
    // The search stops as soon as it meets the bound, long before its 30 s.
    assert!(stderr.contains("MoreWorkingDaysThanDays: target_reached after"), "{stderr}");
    assert!(stderr.ends_with("optimal: the soft cost 15 equals the proved lower bound 15\n"), "{stderr}");

    let out = Command::new(env!("CARGO_BIN_EXE_horarium"))
        .args(["bench", "--instances", fixture.parent().unwrap().to_str().unwrap(), "--only", "more_working_days_than_days"])
        .args(["--time", "30", "--seeds", "2", "--bound", "5"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let header = stdout.lines().next().unwrap();
    assert!(header.ends_with(" bound  optimal"), "{stdout}");
    let row: Vec<&str> = stdout.lines().nth(1).unwrap().split_whitespace().collect();
    assert_eq!(row[0], "more_working_days_than_days", "{stdout}");
    assert_eq!(row[row.len() - 2..], ["15", "2"], "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
