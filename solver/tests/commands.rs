//! `horarium solve` and `horarium bench` end to end: outputs, progress, Ctrl-C.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use horarium::formats::{self, ctt_solution};
use horarium::score;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("horarium-commands-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn solve_writes_a_feasible_timetable_and_reports_progress() {
    let dir = scratch("solve");
    let instance = horarium_fixtures::itc2007_instance("comp01");
    let out = dir.join("comp01.sol");
    let output = Command::new(env!("CARGO_BIN_EXE_horarium"))
        .args(["solve", instance.to_str().unwrap(), "--time", "1.5", "--seed", "3", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Not a terminal: plain progress lines, then the breakdown.
    assert!(stderr.contains("] best hard"), "{stderr}");
    assert!(stderr.contains("cost: hard 0 soft"), "{stderr}");
    let problem = formats::read_problem(&instance).unwrap();
    let read = ctt_solution::read_solution(&problem, &out).unwrap();
    assert!(read.warnings.is_empty());
    assert_eq!(score(&problem, &read.timetable).cost.hard, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn solve_reads_a_course_asking_for_more_days_than_the_week_with_a_warning() {
    let dir = scratch("more-days");
    let instance = horarium_fixtures::fixtures_dir().join("ctt/more_working_days_than_days.ctt");
    let out = dir.join("more.sol");
    let output = Command::new(env!("CARGO_BIN_EXE_horarium"))
        .args(["solve", instance.to_str().unwrap(), "--iterations", "20000", "--seed", "1", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let warning = format!(
        "warning: {}: field \"min_working_days\": course A asks for 5 working days, but the week has 2; \
         every timetable misses at least 3, which costs at least 15 as the competition scores it",
        instance.display()
    );
    assert!(stderr.contains(&warning), "{stderr}");
    // The best timetable spreads A over both days: the 15 no timetable avoids, and nothing else.
    let problem = formats::read_problem(&instance).unwrap();
    let read = ctt_solution::read_solution(&problem, &out).unwrap();
    assert_eq!(score(&problem, &read.timetable).cost, horarium::Cost { hard: 0, soft: 15 });
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ctrl_c_stops_the_search_and_still_writes_the_best_timetable() {
    let dir = scratch("ctrlc");
    let instance = horarium_fixtures::itc2007_instance("comp12");
    let out = dir.join("comp12.sol");
    let mut child = Command::new(env!("CARGO_BIN_EXE_horarium"))
        .args(["solve", instance.to_str().unwrap(), "--time", "120", "-o", out.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the search runs (its first progress line), then interrupt it as a terminal would.
    std::thread::sleep(Duration::from_millis(1500));
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let started = Instant::now();
    let status = child.wait().unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "the search did not stop promptly");
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{stderr}");
    assert!(stderr.contains(": cancelled after"), "{stderr}");
    let problem = formats::read_problem(&instance).unwrap();
    let read = ctt_solution::read_solution(&problem, &out).unwrap();
    assert_eq!(read.timetable.n_unplaced(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bench_runs_every_instance_and_seed_and_writes_its_outputs() {
    let dir = scratch("bench");
    let data = dir.join("instances");
    std::fs::create_dir_all(&data).unwrap();
    for name in ["tiny", "conflicts"] {
        std::fs::copy(horarium_fixtures::fixtures_dir().join(format!("ctt/{name}.ctt")), data.join(format!("{name}.ctt"))).unwrap();
    }
    std::fs::write(data.join("best_known.csv"), "instance,best_known_ub,source\ntiny,0,\"hand, checked\"\nconflicts,0,x\n").unwrap();
    let prefix = dir.join("run");
    let output = Command::new(env!("CARGO_BIN_EXE_horarium"))
        .args([
            "bench",
            "--instances",
            data.to_str().unwrap(),
            "--time",
            "0.3",
            "--seeds",
            "2",
            "--jobs",
            "2",
            "--out",
            prefix.to_str().unwrap(),
            "--plot",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let header = stdout.lines().next().unwrap();
    for column in ["instance", "best known", "min", "median", "max", "gap %", "feasible at", "hard"] {
        assert!(header.contains(column), "{header}");
    }
    assert!(stdout.lines().any(|l| l.starts_with("tiny ")), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("total")), "{stdout}");
    let csv = std::fs::read_to_string(dir.join("run.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 2 * 2, "{csv}");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("run.json")).unwrap()).unwrap();
    assert_eq!(json["runs"].as_array().unwrap().len(), 4);
    assert_eq!(json["summary"][0]["best_known"], 0);
    for name in ["tiny", "conflicts"] {
        let svg = std::fs::read_to_string(dir.join(format!("run-{name}.svg"))).unwrap();
        assert!(svg.contains("<svg"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bench_names_a_bad_best_known_file_and_line() {
    let dir = scratch("bench-bad");
    let data = dir.join("instances");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(horarium_fixtures::fixtures_dir().join("ctt/tiny.ctt"), data.join("tiny.ctt")).unwrap();
    let csv = dir.join("bk.csv");
    std::fs::write(&csv, "instance,best_known_ub\ntiny,seven\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_horarium"))
        .args(["bench", "--instances", data.to_str().unwrap(), "--time", "0.1", "--seeds", "1", "--best-known", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bk.csv:2: field \"best_known_ub\": expected an integer, found \"seven\""), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
