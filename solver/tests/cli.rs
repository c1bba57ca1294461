//! The `horarium` binary end to end: `validate --json` agrees with the independent checker
//! `ctt_validate.py`, bad input exits with status 2 and a located message, `convert` writes JSON
//! that reads back to the same problem, and `schema` prints the checked-in schemas.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use horarium::formats::{ctt, ctt_solution, json, read_problem};
use horarium_fixtures::ItcReport;

fn horarium(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_horarium")).args(args).output().expect("the horarium binary runs")
}

/// Runs `horarium validate INSTANCE SOLUTION --json` and checks that it succeeded.
fn validate_json(instance: &Path, solution: &Path) -> String {
    let out = horarium(&["validate".as_ref(), instance.as_os_str(), solution.as_os_str(), "--json".as_ref()]);
    assert!(
        out.status.success(),
        "horarium validate {} {} failed: {}",
        instance.display(),
        solution.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the report is UTF-8")
}

/// Runs the independent checker, `ctt_validate.py INSTANCE SOLUTION --json`.
fn checker_json(instance: &Path, solution: &Path) -> String {
    horarium_fixtures::run_ctt_validator(instance, solution)
}

/// A `--json` report of either tool, with its totals checked against its components.
fn report(text: &str) -> ItcReport {
    let res = ItcReport::from_json(text);
    assert_eq!(res.violations, res.hard.values().sum::<u64>(), "violations is the hard total: {text}");
    assert_eq!(res.cost, res.soft.values().sum::<u64>(), "cost is the soft total: {text}");
    res
}

/// A file in the system's temporary folder, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(suffix: &str, contents: impl AsRef<[u8]>) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("horarium-cli-test-{}-{n}-{suffix}", std::process::id()));
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs `f` over `items` on two threads, keeping the order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let half = items.len().div_ceil(2);
    std::thread::scope(|scope| {
        let (first, second) = items.split_at(half);
        let other = scope.spawn(|| second.iter().map(&f).collect::<Vec<R>>());
        let mut res: Vec<R> = first.iter().map(&f).collect();
        res.extend(other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        res
    })
}

#[test]
fn validate_agrees_with_the_checker_on_the_reference_solutions() {
    let dir = horarium_fixtures::itc2007_dir();
    let mut cases: Vec<(PathBuf, PathBuf)> = Vec::new();
    for sub in ["solutions/races", "solutions/tests"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.join(sub).display())) {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            let instance = name.split(".ctt").next().expect("a name before .ctt").to_owned();
            cases.push((dir.join(format!("{instance}.ctt")), path));
        }
    }
    cases.sort();
    assert_eq!(cases.len(), 12);
    let results = parallel_map(&cases, |(instance, solution)| {
        (report(&validate_json(instance, solution)), report(&checker_json(instance, solution)))
    });
    for ((_, solution), (mine, truth)) in cases.iter().zip(results) {
        assert_eq!(mine, truth, "{}: horarium (left) differs from the checker (right)", solution.display());
        assert_eq!(mine.violations, 0, "{}", solution.display());
    }
}

/// SplitMix64: a fixed-seed generator for test data.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        usize::try_from((z ^ (z >> 31)) % n as u64).expect("below n")
    }
}

/// A random timetable: every lecture somewhere, then lines dropped, repeated, moved onto an
/// unavailable period, duplicated into a surplus lecture, or replaced by malformed ones.
fn random_solution(rng: &mut Rng, instance: &ctt::CttInstance) -> String {
    let (days, ppd) = (usize::from(instance.days), usize::from(instance.periods_per_day));
    let mut lines: Vec<String> = Vec::new();
    for course in &instance.courses {
        for _ in 0..course.lectures {
            let room = &instance.rooms[rng.below(instance.rooms.len())].name;
            lines.push(format!("{} {room} {} {}", course.name, rng.below(days), rng.below(ppd)));
        }
    }
    for _ in 0..rng.below(12) {
        let at = rng.below(lines.len());
        match rng.below(6) {
            0 => drop(lines.remove(at)),
            1 => {
                let copy = lines[at].clone();
                lines.push(copy);
            }
            2 => {
                let u = &instance.unavailability[rng.below(instance.unavailability.len())];
                lines.push(format!("{} {} {} {}", u.course, instance.rooms[0].name, u.day, u.period));
            }
            3 => lines.insert(at, format!("Nobody {} 0 0", instance.rooms[0].name)),
            4 => lines.insert(at, format!("{} {} {days} 0", instance.courses[0].name, instance.rooms[0].name)),
            _ => lines.insert(at, format!("{} {} x", instance.courses[0].name, instance.rooms[0].name)),
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn validate_agrees_with_the_checker_on_random_timetables() {
    let mut cases: Vec<(PathBuf, String)> = Vec::new();
    for (idx, name) in horarium_fixtures::ITC2007.iter().enumerate().filter(|(idx, _)| idx % 2 == 0) {
        let path = horarium_fixtures::itc2007_instance(name);
        let instance = ctt::read_instance(&path).unwrap_or_else(|e| panic!("{e}"));
        for case in 0..3 {
            let mut rng = Rng(0xc11 * 1000 + (idx as u64) * 10 + case);
            cases.push((path.clone(), random_solution(&mut rng, &instance)));
        }
    }
    assert!(cases.len() >= 30);
    let results = parallel_map(&cases, |(instance, text)| {
        let file = TempFile::new("random.sol", text);
        (report(&validate_json(instance, &file.0)), report(&checker_json(instance, &file.0)))
    });
    let mut n_infeasible = 0;
    for ((instance, text), (mine, truth)) in cases.iter().zip(results) {
        assert_eq!(mine, truth, "{}: horarium (left) differs from the checker (right) on:\n{text}", instance.display());
        n_infeasible += usize::from(truth.violations > 0);
    }
    assert!(n_infeasible * 2 > cases.len(), "the random timetables are mostly infeasible");
}

/// A JSON problem and timetable give the same totals as the `.ctt` files they were converted from.
#[test]
fn validate_reads_json_like_ctt() {
    let instance = horarium_fixtures::itc2007_instance("comp01");
    let solution = horarium_fixtures::itc2007_dir().join("solutions/tests/comp01.ctt.sol.57");
    let problem = read_problem(&instance).unwrap_or_else(|e| panic!("{e}"));
    let read = ctt_solution::read_solution(&problem, &solution).unwrap_or_else(|e| panic!("{e}"));
    let problem_json = TempFile::new("comp01.json", json::write_problem(&problem));
    let timetable_json = TempFile::new("comp01.timetable.json", json::write_timetable(&problem, &read.timetable));
    let from_ctt: serde_json::Value = serde_json::from_str(&validate_json(&instance, &solution)).expect("JSON");
    let from_json: serde_json::Value = serde_json::from_str(&validate_json(&problem_json.0, &timetable_json.0)).expect("JSON");
    assert_eq!((&from_json["violations"], &from_json["cost"]), (&from_ctt["violations"], &from_ctt["cost"]));
    assert_eq!(from_ctt["cost"], 57);
}

/// Runs `horarium ARGS`, expects exit status 2, and returns standard error.
fn fails(args: &[&std::ffi::OsStr]) -> String {
    let out = horarium(args);
    assert_eq!(out.status.code(), Some(2), "exit status of horarium {args:?}; stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "nothing on standard output when failing: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).expect("messages are UTF-8")
}

#[test]
fn bad_input_exits_with_status_2_and_a_located_message() {
    let comp01 = horarium_fixtures::itc2007_instance("comp01");
    let text = std::fs::read_to_string(&comp01).unwrap_or_else(|e| panic!("cannot read {}: {e}", comp01.display()));
    let bad = TempFile::new("bad.ctt", text.replacen("Rooms: 6", "Rooms: x", 1).replacen("c0001 t000 6 4 130", "c0001 t000 6 4 -130", 1));
    let solution = horarium_fixtures::itc2007_dir().join("solutions/races/comp01.ctt.sol");
    let stderr = fails(&["validate".as_ref(), bad.0.as_os_str(), solution.as_os_str(), "--json".as_ref()]);
    let name = bad.0.display();
    assert!(stderr.contains(&format!("{name}:3: field \"Rooms\": expected an integer, found \"x\"")), "{stderr}");
    assert!(stderr.contains(&format!("{name}:10: field \"students\": expected a non-negative integer, found \"-130\"")), "{stderr}");

    let bad_timetable = TempFile::new("bad.json", "{\"assignments\": [\n  {\"course\": \"c0001\", \"day\": 0 \"period\": 0}\n]}");
    let stderr = fails(&["validate".as_ref(), comp01.as_os_str(), bad_timetable.0.as_os_str()]);
    assert!(stderr.contains(&format!("{}:2: expected `,` or `}}`", bad_timetable.0.display())), "{stderr}");

    let missing = std::env::temp_dir().join(format!("horarium-cli-test-{}-missing.ctt", std::process::id()));
    let stderr = fails(&["validate".as_ref(), missing.as_os_str(), solution.as_os_str()]);
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
    let stderr = fails(&["convert".as_ref(), bad.0.as_os_str(), "--to".as_ref(), "json".as_ref()]);
    assert!(stderr.contains(&format!("{name}:3: field \"Rooms\"")), "{stderr}");
}

#[test]
fn convert_writes_json_that_reads_back_to_the_same_problem() {
    let mut names: Vec<&str> = horarium_fixtures::ITC2007.to_vec();
    names.extend(["toy", "toytoy"]);
    for name in names {
        let path = horarium_fixtures::itc2007_instance(name);
        let out = horarium(&["convert".as_ref(), path.as_os_str(), "--to".as_ref(), "json".as_ref()]);
        assert!(out.status.success(), "convert {name}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).expect("JSON is UTF-8");
        let back = json::parse_problem(name, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, read_problem(&path).unwrap_or_else(|e| panic!("{e}")), "{name}");
    }
    let output = std::env::temp_dir().join(format!("horarium-cli-test-{}-toy.json", std::process::id()));
    let toy = horarium_fixtures::itc2007_instance("toy");
    let out = horarium(&["convert".as_ref(), toy.as_os_str(), "--to".as_ref(), "json".as_ref(), "-o".as_ref(), output.as_os_str()]);
    assert!(out.status.success() && out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let back = read_problem(&output).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_file(&output);
    assert_eq!(back, read_problem(&toy).unwrap_or_else(|e| panic!("{e}")));
}

/// `horarium schema KIND` prints exactly the checked-in file, so the regeneration command that
/// horarium-core's schema test recommends reproduces it.
#[test]
fn schema_prints_the_checked_in_schemas() {
    for kind in ["problem", "timetable"] {
        let out = horarium(&["schema".as_ref(), kind.as_ref()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let path = horarium_fixtures::workspace_root().join(format!("core/schema/{kind}.schema.json"));
        let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        assert!(out.stdout == committed, "{} differs from `horarium schema {kind}`", path.display());
    }
}

/// `horarium validate ARCHIVE.xml` evaluates the archive's solutions in XHSTT's terms, per
/// constraint and point, beside the values the file reports; a second archive's solutions are
/// evaluated against the first's instances; a solution that is no timetable exits with status 1.
#[test]
fn validate_evaluates_xhstt_archives() {
    let small = horarium_fixtures::fixtures_dir().join("xhstt/small.xml");
    let out = horarium(&["validate".as_ref(), small.as_os_str()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.starts_with("small (A small school), solution group \"by-hand\": infeasibility 0, objective 20 (as the file reports)\n"),
        "{text}"
    );
    assert!(text.contains("  spread \"Maths at most once a day\" (SpreadEventsConstraint, objective, weight 1, Quadratic): 4\n    maths: deviation 2, cost 4\n"), "{text}");
    assert!(text.contains("    Sc1→Sc2: deviation 3, cost 3\n"), "{text}");

    let out = horarium(&["validate".as_ref(), small.as_os_str(), "--json".as_ref()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let solution = &report["solutions"][0];
    assert_eq!((solution["infeasibility"].as_u64(), solution["objective"].as_u64()), (Some(0), Some(20)));
    assert_eq!(solution["reported"], serde_json::json!({"infeasibility": 0, "objective": 20}));
    assert_eq!(solution["constraints"].as_array().map(Vec::len), Some(16));
    let costs: u64 = solution["constraints"].as_array().into_iter().flatten().filter_map(|c| c["cost"].as_u64()).sum();
    assert_eq!(costs, 20);

    // The same solution, alone in a second archive, with Sp2 moved off Sp1's time: the linked
    // sports lessons now differ at two times, 2 of infeasibility.
    let source = std::fs::read_to_string(&small).expect("readable");
    let groups = &source[source.find("<SolutionGroups>").expect("has solutions")..source.find("</SolutionGroups>").expect("closed")];
    let moved = groups.replace(r#"<Event Reference="Sp2"><Time Reference="We1"/>"#, r#"<Event Reference="Sp2"><Time Reference="We2"/>"#);
    let solutions =
        TempFile::new("solutions.xml", format!("<HighSchoolTimetableArchive>{moved}</SolutionGroups></HighSchoolTimetableArchive>"));
    let out = horarium(&["validate".as_ref(), small.as_os_str(), solutions.0.as_os_str()]);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("infeasibility 2, objective 20 (the file reports infeasibility 0, objective 20)"), "{text}");
    assert!(text.contains("  link \"Sports together\" (LinkEventsConstraint, required, weight 1, Linear): 2\n"), "{text}");

    let short = groups.replace(r#"<Event Reference="Ma1"><Duration>1</Duration><Time Reference="Tu3"/><Resources><Resource Reference="R1"><Role>Room</Role></Resource></Resources></Event>"#, "");
    let solutions =
        TempFile::new("short.xml", format!("<HighSchoolTimetableArchive>{short}</SolutionGroups></HighSchoolTimetableArchive>"));
    let out = horarium(&["validate".as_ref(), small.as_os_str(), solutions.0.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("not a timetable of the instance:\n  the parts of event \"Ma1\" last 2 times in all, not its duration 3\n"),
        "{text}"
    );

    let unknown = TempFile::new(
        "unknown.xml",
        r#"<HighSchoolTimetableArchive><SolutionGroups><SolutionGroup Id="g"><Solution Reference="other"/></SolutionGroup></SolutionGroups></HighSchoolTimetableArchive>"#,
    );
    let stderr = fails(&["validate".as_ref(), small.as_os_str(), unknown.0.as_os_str()]);
    assert!(
        stderr.contains(&format!(
            "{}:1: field \"Reference\": solution of an instance \"other\" the archive does not hold",
            unknown.0.display()
        )),
        "{stderr}"
    );
}

/// `horarium solve ARCHIVE.xml -o OUT.xml` writes the archive with Horarium's solution and its
/// report, which `validate` evaluates to the same values; an instance that does not map onto
/// the general model is refused with status 2 and every reason.
#[test]
fn solve_writes_xhstt_solutions_that_validate_evaluates() {
    let archive = horarium_fixtures::xhstt_archive("GR-H1-97");
    let out = TempFile::new("GR-H1-97.xml", "");
    let run = horarium(&[
        "solve".as_ref(),
        archive.as_os_str(),
        "--time".as_ref(),
        "10".as_ref(),
        "--quiet".as_ref(),
        "-o".as_ref(),
        out.0.as_os_str(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let summary = stderr.lines().find(|l| l.starts_with("XHSTT: ")).unwrap_or_else(|| panic!("no XHSTT summary: {stderr}"));
    let check = horarium(&["validate".as_ref(), archive.as_os_str(), out.0.as_os_str()]);
    let text = String::from_utf8(check.stdout).expect("UTF-8");
    let values = summary.trim_start_matches("XHSTT: ");
    assert!(
        text.starts_with(&format!("GR-H1-97 (GreeceHighSchool1), solution group \"Horarium\": {values} (as the file reports)")),
        "{text}"
    );
    // Greece's instance has hard constraints only; 10 s is plenty to meet them all.
    assert_eq!(values, "infeasibility 0, objective 0");

    // Read back as a timetable, for render or a warm start, it is refused with the way to use it.
    let stderr = fails(&["render".as_ref(), archive.as_os_str(), out.0.as_os_str()]);
    assert!(
        stderr.contains("an XHSTT solution is evaluated against its archive by `horarium validate ARCHIVE.xml SOLUTIONS.xml`"),
        "{stderr}"
    );

    let small = horarium_fixtures::fixtures_dir().join("xhstt/small.xml");
    let stderr = fails(&["solve".as_ref(), small.as_os_str(), "--iterations".as_ref(), "10".as_ref()]);
    assert!(stderr.contains("field \"instance small, event Ma1\": leaves its resource of role \"Room\" open"), "{stderr}");
    assert!(
        stderr.contains("field \"instance small, constraint order\": (OrderEventsConstraint) has no counterpart in the catalog yet"),
        "{stderr}"
    );
}
