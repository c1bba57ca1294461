//! Tiny `.ctt` fixtures whose costs were computed by hand, one per constraint kind.
//!
//! Each fixture is three files in `fixtures/ctt/`: `NAME.ctt`, `NAME.sol` and `NAME.expected`.
//! The expected file explains the computation in `#` comments, gives the eight ITC-2007
//! components and the number of skipped lines as `Component = N`, and lists every violation
//! as `- kind xAMOUNT at SLOTS of LESSONS: message`, slots as `day.period` and lessons as
//! `course/index` (`-` for none). [`check`] is the only caller of the API.

use std::collections::BTreeMap;
use std::path::PathBuf;

use horarium_core::formats::{ctt_solution, read_problem};
use horarium_core::{score, Cost, Problem, Violation};

use crate::common::{checker, ours, ITC_HARD, ITC_SOFT};

/// What a `.expected` file says.
struct Expected {
    components: BTreeMap<String, u64>,
    violations: Vec<String>,
}

fn parse_expected(path: &std::path::Path) -> Expected {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut components = BTreeMap::new();
    let mut violations = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(violation) = line.strip_prefix("- ") {
            violations.push(violation.to_owned());
        } else if let Some((name, value)) = line.split_once(" = ") {
            let value = value.parse().unwrap_or_else(|_| panic!("{}:{}: {value:?} is not a number", path.display(), idx + 1));
            assert!(components.insert(name.to_owned(), value).is_none(), "{}:{}: {name} given twice", path.display(), idx + 1);
        } else {
            panic!("{}:{}: expected a comment, `Component = N` or `- violation`, found {line:?}", path.display(), idx + 1);
        }
    }
    let mut names: Vec<&str> = ITC_HARD.iter().chain(&ITC_SOFT).copied().collect();
    names.push("warnings");
    let mut given: Vec<&str> = components.keys().map(String::as_str).collect();
    given.sort_unstable();
    names.sort_unstable();
    assert_eq!(given, names, "{} must give every component and the warnings", path.display());
    Expected { components, violations }
}

/// A violation in the `.expected` syntax.
fn render(problem: &Problem, v: &Violation) -> String {
    let calendar = problem.calendar();
    let slots: Vec<String> = v.slots.iter().map(|&s| format!("{}.{}", calendar.day(s), calendar.period(s))).collect();
    let lessons: Vec<String> =
        v.lessons.iter().map(|&l| format!("{}/{}", problem.course_of(l).name, problem.lesson(l).index_in_course)).collect();
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "-".to_owned()
        } else {
            items.join(",")
        }
    };
    format!("{} x{} at {} of {}: {}", v.kind.name(), v.amount, list(slots), list(lessons), v.message)
}

fn check(name: &str) {
    let dir: PathBuf = horarium_fixtures::fixtures_dir().join("ctt");
    let instance = dir.join(format!("{name}.ctt"));
    let solution = dir.join(format!("{name}.sol"));
    let expected = parse_expected(&dir.join(format!("{name}.expected")));
    let problem = read_problem(&instance).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(&solution).unwrap_or_else(|e| panic!("cannot read {}: {e}", solution.display()));

    let mine = ours(&problem, &text);
    let mut components: BTreeMap<String, u64> = mine.hard.clone().into_iter().chain(mine.soft.clone()).collect();
    components.insert("warnings".to_owned(), mine.n_warnings as u64);
    assert_eq!(components, expected.components, "{name}: our components (left) differ from the hand computation (right)");

    let read = ctt_solution::parse_solution(&problem, &text);
    let s = score(&problem, &read.timetable);
    let mut rendered: Vec<String> = s.violations.iter().map(|v| render(&problem, v)).collect();
    let mut wanted = expected.violations.clone();
    rendered.sort();
    wanted.sort();
    assert_eq!(rendered, wanted, "{name}: our violations (left) differ from the expected ones (right)");

    // Each violation costs its amount at its level, and the totals add up.
    let mut by_kind: BTreeMap<&str, Cost> = BTreeMap::new();
    for v in &s.violations {
        let (hard, soft) = v.level.cost(v.amount);
        assert_eq!(v.cost, Cost { hard, soft }, "{name}: {}", v.message);
        let total = by_kind.entry(v.kind.name()).or_default();
        total.hard += hard;
        total.soft += soft;
    }
    for k in &s.by_kind {
        assert_eq!(
            by_kind.get(k.kind.name()).copied().unwrap_or_default(),
            k.cost,
            "{name}: the violations of {} add up to its total",
            k.kind.name()
        );
    }
    assert_eq!(s.cost.hard, s.by_kind.iter().map(|k| k.cost.hard).sum::<u64>());
    assert_eq!(s.cost.soft, s.by_kind.iter().map(|k| k.cost.soft).sum::<u64>());

    // The hand computation is checked against the independent checker as well.
    assert_eq!(checker(&instance, &solution), mine, "{name}: our score (left) differs from the checker (right)");
}

macro_rules! fixtures {
    ($($name:ident),+ $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )+

        /// Every fixture pair in `fixtures/ctt/` has a test above.
        #[test]
        fn every_fixture_is_checked() {
            let listed = [$(stringify!($name)),+];
            let dir = horarium_fixtures::fixtures_dir().join("ctt");
            let mut found: Vec<String> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
                .map(|entry| entry.expect("a directory entry").path())
                .filter(|path| path.extension().is_some_and(|ext| ext == "expected"))
                .map(|path| path.file_stem().expect("a file name").to_string_lossy().into_owned())
                .collect();
            found.sort();
            let mut listed: Vec<String> = listed.iter().map(|s| (*s).to_owned()).collect();
            listed.sort();
            assert_eq!(found, listed);
        }
    };
}

fixtures!(
    tiny,
    conflicts,
    room_occupancy,
    availability,
    room_capacity,
    min_working_days,
    more_working_days_than_days,
    isolated_lessons,
    room_stability,
    lectures
);
