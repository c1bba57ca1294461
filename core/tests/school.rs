//! The school model: the documented JSON format and its worked example, the two schools in
//! `fixtures/json/`, and every school constraint kind on tiny problems whose costs were computed
//! by hand.
//!
//! The tiny problems all share [`tiny`]'s week of two days (Mon, Tue) of four periods, without
//! period names, so slots read "Mon period 2"; class 5A splits into 5A-1 and 5A-2, and 5B does not
//! split. Their courses take place without a room, so that only the kind under test costs anything.
//! Violations are compared as `xAMOUNT at SLOTS of LESSONS: message`, slots as `day.period` and
//! lessons as `course/index`, in the order the scorer lists them.

use std::path::PathBuf;

use serde_json::{json, Value};

use horarium_core::constraints::ConstraintEntryDef;
use horarium_core::formats::json::{self as hjson, TimetableDef};
use horarium_core::formats::{read_problem, read_timetable};
use horarium_core::{
    score, Constraint, Cost, GroupId, Kind, Level, Placement, Problem, ProblemDef, Resource, RoomChoice, Score, Timetable, CATALOG,
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn json_fixture(name: &str) -> PathBuf {
    horarium_fixtures::fixtures_dir().join("json").join(name)
}

fn load(name: &str) -> Problem {
    read_problem(&json_fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn load_timetable(problem: &Problem, name: &str) -> Timetable {
    let (timetable, warnings) = read_timetable(problem, &json_fixture(name)).unwrap_or_else(|e| panic!("{e}"));
    assert!(warnings.is_empty(), "{warnings:?}");
    timetable
}

fn group(problem: &Problem, name: &str) -> GroupId {
    let idx = problem.groups().iter().position(|g| g.name == name).unwrap_or_else(|| panic!("no group {name}"));
    GroupId::from_index(idx)
}

/// The names of the leaves under a group.
fn leaves(problem: &Problem, name: &str) -> Vec<String> {
    problem.leaves(group(problem, name)).iter().map(|&g| problem.group(g).name.clone()).collect()
}

/// A class is a group named by its grade and one letter, such as 5A or 10C.
fn classes(problem: &Problem) -> Vec<String> {
    let is_class = |n: &str| {
        let (digits, letter) = n.split_at(n.len() - 1);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && letter.chars().all(|c| c.is_ascii_uppercase())
    };
    problem.groups().iter().map(|g| g.name.clone()).filter(|n| is_class(n)).collect()
}

/// Lesson `index` of the course named `name`.
fn lesson_id(problem: &Problem, name: &str, index: usize) -> horarium_core::LessonId {
    let course = problem.course_by_name(name).unwrap_or_else(|| panic!("no course {name}"));
    problem.course(course).lessons().nth(index).unwrap_or_else(|| panic!("{name} has no lesson {index}"))
}

/// A violation as `xAMOUNT at SLOTS of LESSONS: message`.
fn render(problem: &Problem, v: &horarium_core::Violation) -> String {
    let calendar = problem.calendar();
    let slots: Vec<String> = v.slots.iter().map(|&s| format!("{}.{}", calendar.day(s), calendar.period(s))).collect();
    let lessons: Vec<String> =
        v.lessons.iter().map(|&l| format!("{}/{}", problem.course_of(l).name, problem.lesson(l).index_in_course)).collect();
    format!("x{} at {} of {}: {}", v.amount, slots.join(","), lessons.join(","), v.message)
}

/// The violations of one kind, rendered.
fn of_kind(problem: &Problem, s: &Score, kind: Kind) -> Vec<String> {
    s.violations.iter().filter(|v| v.kind == kind).map(|v| render(problem, v)).collect()
}

/// Every violation costs its amount at its level, and the totals add up.
fn check_totals(s: &Score) {
    let mut total = Cost::default();
    for v in &s.violations {
        let (hard, soft) = v.level.cost(v.amount);
        assert_eq!(v.cost, Cost { hard, soft }, "{}", v.message);
        total.hard += hard;
        total.soft += soft;
    }
    assert_eq!(total, s.cost);
    for k in &s.by_kind {
        let mut of_kind = Cost::default();
        for v in s.violations.iter().filter(|v| v.kind == k.kind) {
            of_kind.hard += v.cost.hard;
            of_kind.soft += v.cost.soft;
        }
        assert_eq!(of_kind, k.cost, "{:?}", k.kind);
    }
}

/// A course of the tiny problems: taught without a room.
fn course(name: &str, teacher: &str, groups: &[&str], lessons: Value) -> Value {
    json!({"name": name, "teachers": [teacher], "groups": groups, "students": 10, "lessons": lessons, "rooms": "no_room"})
}

/// The serde model of a tiny problem: Mon and Tue of four periods, teachers Ada, Bob, Cy and
/// Dee, class 5A split into 5A-1 and 5A-2, and class 5B.
fn tiny_value(courses: Value, constraints: Value) -> Value {
    json!({
        "name": "tiny",
        "calendar": {"days": 2, "periods_per_day": 4, "day_names": ["Mon", "Tue"]},
        "teachers": [{"name": "Ada"}, {"name": "Bob"}, {"name": "Cy"}, {"name": "Dee"}],
        "groups": [{"name": "5A"}, {"name": "5A-1", "parent": "5A"}, {"name": "5A-2", "parent": "5A"}, {"name": "5B"}],
        "courses": courses,
        "constraints": constraints,
    })
}

fn tiny(courses: Value, constraints: Value) -> Problem {
    let def: ProblemDef = serde_json::from_value(tiny_value(courses, constraints)).expect("the serde model of a problem");
    Problem::from_def(def).unwrap_or_else(|issues| panic!("{issues:?}"))
}

/// A timetable placing every lesson, each as (course, lesson, day, period), without a room.
fn timetable(problem: &Problem, places: &[(&str, usize, u16, u16)]) -> Timetable {
    let mut t = Timetable::new(problem);
    for &(name, lesson, day, period) in places {
        let lesson = lesson_id(problem, name, lesson);
        assert!(t.get(lesson).is_none(), "{name}/{lesson:?} placed twice");
        let slot = problem.calendar().slot(day, period).expect("a slot of the week");
        t.set(lesson, Some(Placement { slot, room: None })).expect("inside the problem");
    }
    assert_eq!(t.n_unplaced(), 0, "every lesson is placed");
    t
}

/// Scores, checks that the totals add up, and returns the score.
fn scored(problem: &Problem, t: &Timetable) -> Score {
    let s = score(problem, t);
    check_totals(&s);
    s
}

// ---------------------------------------------------------------------------------------------
// The documented format and its worked example
// ---------------------------------------------------------------------------------------------

const DOC: &str = include_str!("../../docs/school-format.md");

/// The fenced blocks of the doc with their info string, in order.
fn doc_blocks(info: &str) -> Vec<&'static str> {
    let open = format!("```{info}\n");
    let mut res = Vec::new();
    let mut rest = DOC;
    while let Some(start) = rest.find(&open) {
        let body = &rest[start + open.len()..];
        let end = body.find("\n```\n").expect("every fence is closed");
        res.push(&body[..=end]);
        rest = &body[end + 4..];
    }
    res
}

#[test]
fn the_docs_worked_example_is_the_fixture_byte_for_byte() {
    let file = std::fs::read_to_string(json_fixture("school-worked-example.json")).expect("the worked example");
    let blocks: Vec<&str> = doc_blocks("json").into_iter().filter(|b| b.contains("\"calendar\"")).collect();
    assert_eq!(blocks.len(), 1, "the doc shows one whole problem");
    assert!(blocks[0] == file, "docs/school-format.md and fixtures/json/school-worked-example.json differ; keep them identical");
    let timetable = std::fs::read_to_string(json_fixture("school-worked-example.timetable.json")).expect("its timetable");
    let blocks: Vec<&str> = doc_blocks("json").into_iter().filter(|b| b.contains("\"assignments\"")).collect();
    assert_eq!(blocks.len(), 1, "the doc shows one whole timetable");
    assert!(blocks[0] == timetable, "the doc's timetable and fixtures/json/school-worked-example.timetable.json differ");
}

/// Every other JSON block of the doc is one constraint, or a list of them, that holds against the
/// worked example's names.
#[test]
fn every_constraint_shown_in_the_doc_is_valid_for_the_worked_example() {
    let example: Value = serde_json::from_str(include_str!("../../fixtures/json/school-worked-example.json")).expect("JSON");
    let mut seen = Vec::new();
    for block in doc_blocks("json") {
        if block.contains("\"calendar\"") || block.contains("\"assignments\"") {
            continue;
        }
        let value: Value = serde_json::from_str(block).unwrap_or_else(|e| panic!("{e} in\n{block}"));
        let entries = match value {
            Value::Array(items) => items,
            one => vec![one],
        };
        for entry in entries {
            let _: ConstraintEntryDef = serde_json::from_value(entry.clone()).unwrap_or_else(|e| panic!("{e}: {entry}"));
            let mut def = example.clone();
            def["constraints"] = json!([entry]);
            let def: ProblemDef = serde_json::from_value(def).expect("the worked example with one constraint");
            let problem = Problem::from_def(def).unwrap_or_else(|issues| panic!("{issues:?}: {entry}"));
            seen.push(problem.constraints()[0].constraint.kind());
        }
    }
    for entry in CATALOG.iter().filter(|e| !e.kind.is_built_in()) {
        assert!(seen.contains(&entry.kind), "the doc shows no example of {}", entry.kind.name());
    }
}

/// Each kind of the catalog has its section, which quotes the catalog's summary word for word.
#[test]
fn the_doc_lists_every_kind_with_the_catalogs_summary() {
    for entry in CATALOG {
        let heading = format!("### `{}`", entry.kind.name());
        let start = DOC.find(&format!("{heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
        let section = &DOC[start + heading.len()..];
        let section = &section[..section.find("\n### ").or_else(|| section.find("\n## ")).unwrap_or(section.len())];
        assert!(section.contains(entry.summary), "section {heading} does not quote the summary {:?}", entry.summary);
    }
}

/// The doc's list of validation messages is what the reader says for the worked example with
/// these constraints.
#[test]
fn the_docs_validation_messages_are_current() {
    let mut value: Value = serde_json::from_str(include_str!("../../fixtures/json/school-worked-example.json")).expect("JSON");
    value["constraints"] = json!([
        {"kind": "same_time", "level": "hard", "courses": ["French-6A"]},
        {"kind": "same_time", "level": "hard", "courses": ["French-6A", "German-6A", "French-6A"]},
        {"kind": "different_days", "level": "hard", "courses": ["Nope", "Science-6A"]},
        {"kind": "ordering", "level": "hard", "first": "French-6A", "then": "French-6A"},
        {"kind": "lessons_per_day", "level": "hard", "who": "all_groups"},
        {"kind": "lessons_per_day", "level": "hard", "who": "all_teachers", "min": 5, "max": 3},
        {"kind": "idle_gaps", "level": "hard", "who": {"teacher": "Zed"}, "per": "day", "max": 1},
        {"kind": "preferred_slots", "level": "hard", "resource": {"teacher": "Ada"}, "slots": [{"day": 5, "period": 0}]},
    ]);
    let blocks: Vec<&str> = doc_blocks("text").into_iter().filter(|b| b.starts_with("x.json: ")).collect();
    assert_eq!(blocks.len(), 1);
    assert_eq!(problem_errors(&value), blocks[0].lines().collect::<Vec<_>>());
}

/// The doc's report of the worked example's timetable is what the scorer says.
#[test]
fn the_docs_report_of_the_worked_example_is_current() {
    let problem = load("school-worked-example.json");
    let t = load_timetable(&problem, "school-worked-example.timetable.json");
    let s = scored(&problem, &t);
    let reports: Vec<&str> = doc_blocks("console").into_iter().filter(|b| b.contains("school-worked-example.timetable.json")).collect();
    assert_eq!(reports.len(), 1);
    let listed: Vec<&str> = reports[0].lines().filter(|l| l.starts_with("[H]") || l.starts_with("[S(")).collect();
    let ours: Vec<String> = s
        .violations
        .iter()
        .map(|v| match v.level {
            Level::Hard => format!("[H] {}", v.message),
            Level::Soft(w) => format!("[S({w})] {}", v.message),
        })
        .collect();
    assert_eq!(listed, ours);
    assert!(reports[0].contains(&format!("Summary: Total Cost = {}\n", s.cost.soft)), "{}", reports[0]);
    assert_eq!(s.cost, Cost { hard: 0, soft: 3 });
    // As the doc says, moving Science-6B's single from Thu 10:40 to 09:50 makes the timetable perfect.
    let mut better = t.clone();
    let single = lesson_id(&problem, "Science-6B", 1);
    let slot = problem.calendar().slot(3, 2).expect("Thu 09:50");
    better.set(single, Some(Placement { slot, room: t.get(single).and_then(|p| p.room) })).expect("inside the problem");
    assert_eq!(scored(&problem, &better).cost, Cost::default());
}

// ---------------------------------------------------------------------------------------------
// The fixtures
// ---------------------------------------------------------------------------------------------

/// What a school fixture is documented to contain.
struct Counts {
    classes: usize,
    groups: usize,
    teachers: usize,
    rooms: usize,
    courses: usize,
    lessons: usize,
    constraints: usize,
}

fn check_counts(problem: &Problem, c: &Counts) {
    assert_eq!(classes(problem).len(), c.classes, "classes: {:?}", classes(problem));
    assert_eq!(problem.groups().len(), c.groups, "groups");
    assert_eq!(problem.teachers().len(), c.teachers, "teachers");
    assert_eq!(problem.rooms().len(), c.rooms, "rooms");
    assert_eq!(problem.courses().len(), c.courses, "courses");
    assert_eq!(problem.lessons().len(), c.lessons, "lessons");
    assert_eq!(problem.constraints().len(), c.constraints, "constraints");
}

/// The features every school fixture must use: the group hierarchy, double periods, tagged rooms,
/// room capacity, pinned lessons, unavailable teachers, parallel blocks and five soft kinds.
fn check_features(problem: &Problem) {
    assert!(problem.groups().iter().any(|g| !g.parents.is_empty()), "a group hierarchy");
    assert!(problem.lessons().iter().any(|l| l.length == 2), "a double period");
    assert!(problem.courses().iter().any(|c| matches!(c.rooms, RoomChoice::Tagged(_))), "tagged rooms");
    assert!(problem.courses().iter().any(|c| !c.pinned.is_empty()), "a pinned lesson");
    let kinds = |level: fn(Level) -> bool| {
        let mut k: Vec<Kind> = problem.constraints().iter().filter(|e| level(e.level)).map(|e| e.constraint.kind()).collect();
        k.sort();
        k.dedup();
        k
    };
    let hard = kinds(|l| l == Level::Hard);
    for kind in [Kind::Clashes, Kind::RoomOccupancy, Kind::RoomCapacity, Kind::SameTime, Kind::Unavailable] {
        assert!(hard.contains(&kind), "hard {}", kind.name());
    }
    assert!(
        problem
            .constraints()
            .iter()
            .any(|e| matches!(&e.constraint, Constraint::Unavailable(u) if matches!(u.resource, Resource::Teacher(_)))),
        "an unavailable teacher"
    );
    let soft = kinds(|l| l != Level::Hard);
    assert!(soft.len() >= 5, "five soft kinds, found {soft:?}");
}

/// Writing a problem as JSON and reading it back gives the same problem.
fn check_round_trip(problem: &Problem) {
    let text = hjson::write_problem(problem);
    let again = hjson::parse_problem("again.json", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&again, problem);
}

#[test]
fn the_worked_example_parses_and_has_what_the_doc_says() {
    let p = load("school-worked-example.json");
    assert_eq!(p.name(), "worked-example");
    check_counts(&p, &Counts { classes: 2, groups: 4, teachers: 4, rooms: 4, courses: 8, lessons: 22, constraints: 10 });
    assert_eq!(leaves(&p, "6A"), ["6A-fr", "6A-de"]);
    assert_eq!(leaves(&p, "6A-fr"), ["6A-fr"]);
    assert_eq!(leaves(&p, "6B"), ["6B"]);
    let sport = p.course_by_name("Sport-6").expect("Sport-6");
    let names: Vec<&str> = p.course_leaves(sport).iter().map(|&g| p.group(g).name.as_str()).collect();
    assert_eq!(names, ["6A-fr", "6A-de", "6B"]);
    check_round_trip(&p);
}

#[test]
fn the_small_school_parses_and_has_what_its_name_says() {
    let p = load("school-small.json");
    assert_eq!(
        p.name(),
        "school-small: a hand-written school of 6 classes (5A 5B 6A 6B 7A 7B), 8 teachers, 11 rooms, 49 courses, 111 lessons; see docs/school-format.md"
    );
    assert_eq!(classes(&p), ["5A", "5B", "6A", "6B", "7A", "7B"]);
    check_counts(&p, &Counts { classes: 6, groups: 12, teachers: 8, rooms: 11, courses: 49, lessons: 111, constraints: 28 });
    check_features(&p);
    // The whole school, year 7, its split classes, and classes that do not split.
    assert_eq!(leaves(&p, "School"), ["5A", "5B", "6A", "6B", "7A-fr", "7A-la", "7B-fr", "7B-la"]);
    assert_eq!(leaves(&p, "Y7"), ["7A-fr", "7A-la", "7B-fr", "7B-la"]);
    assert_eq!(leaves(&p, "7A"), ["7A-fr", "7A-la"]);
    assert_eq!(leaves(&p, "7B"), ["7B-fr", "7B-la"]);
    assert_eq!(leaves(&p, "7B-la"), ["7B-la"]);
    for class in ["5A", "5B", "6A", "6B"] {
        assert_eq!(leaves(&p, class), [class]);
    }
    // French-7 takes the French halves of both classes: it involves them, their classes, year 7
    // and the school, but not the Latin halves.
    let french = p.course_by_name("French-7").expect("French-7");
    let names: Vec<&str> = p.course_leaves(french).iter().map(|&g| p.group(g).name.as_str()).collect();
    assert_eq!(names, ["7A-fr", "7B-fr"]);
    for (g, involved) in [("7A-fr", true), ("7A", true), ("Y7", true), ("School", true), ("7A-la", false), ("6A", false)] {
        assert_eq!(p.course_involves_group(french, group(&p, g)), involved, "French-7 and {g}");
    }
    let maths = p.course_by_name("Maths-7A").expect("Maths-7A");
    assert!(p.course_involves_group(maths, group(&p, "7A-la")));
    assert!(!p.course_involves_group(maths, group(&p, "7B-la")));
    check_round_trip(&p);
}

#[test]
fn the_medium_school_parses_and_has_what_its_name_says() {
    let p = load("school-medium.json");
    assert_eq!(
        p.name(),
        "school-medium: generated by fixtures/json/make_medium_school.py; 18 classes, 25 teachers, 29 rooms, 217 courses, 487 lessons"
    );
    // School, six year groups, 18 classes and two halves of each of the 15 classes from grade 6.
    check_counts(&p, &Counts { classes: 18, groups: 55, teachers: 25, rooms: 29, courses: 217, lessons: 487, constraints: 171 });
    check_features(&p);
    for class in classes(&p) {
        let grade: u32 = class[..class.len() - 1].parse().expect("a grade");
        let expected = if grade >= 6 { vec![format!("{class}-fr"), format!("{class}-es")] } else { vec![class.clone()] };
        assert_eq!(leaves(&p, &class), expected);
    }
    assert_eq!(leaves(&p, "Y5"), ["5A", "5B", "5C"]);
    assert_eq!(leaves(&p, "Y10"), ["10A-fr", "10A-es", "10B-fr", "10B-es", "10C-fr", "10C-es"]);
    assert_eq!(leaves(&p, "School").len(), 3 + 15 * 2);
    check_round_trip(&p);
}

/// The solver's timetable for the medium school has no hard violation: the school is feasible.
#[test]
fn the_medium_school_is_feasible() {
    let p = load("school-medium.json");
    let t = load_timetable(&p, "school-medium.timetable.json");
    assert_eq!(t.n_unplaced(), 0);
    let s = scored(&p, &t);
    assert_eq!(s.cost.hard, 0, "{:#?}", s.violations.iter().filter(|v| v.level == Level::Hard).collect::<Vec<_>>());
}

/// The committed medium school is what its script writes.
#[test]
fn the_medium_school_is_what_its_script_writes() {
    let script = json_fixture("make_medium_school.py");
    let out = std::process::Command::new("python3")
        .arg("-S")
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 {}: {e}", script.display()));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = std::fs::read(json_fixture("school-medium.json")).expect("the medium school");
    assert!(
        out.stdout == committed,
        "fixtures/json/school-medium.json is not what make_medium_school.py writes; regenerate it with `python3 fixtures/json/make_medium_school.py > fixtures/json/school-medium.json`"
    );
}

/// The hand-written timetable of the small school, scored by hand.
///
/// The week (Mon to Fri, periods 08:00 = 0 to 12:30 = 5): every class has the assembly at Mon 0,
/// then lessons in periods 1-4 on Monday, 0-4 on Tuesday and 0-3 on Wednesday to Friday: 22
/// periods, no idle period, 5, 5, 4, 4 and 4 periods a day. Year 7's French/Latin block meets at
/// Tue 0, Thu 0 and Fri 0, so each half of 7A and 7B is busy exactly when its class is.
///
/// Hard: every lesson is placed once, in a room its course accepts, pins hold (Assembly at
/// Mon 08:00 in the Hall, Sport-7A at Mon 08:50 in the Gym), no teacher or set of students has
/// two lessons at once (each slot's six lessons have six different teachers, the block's two
/// courses counting for 7A and 7B together), Lab, Gym and Music hold one lesson at a time, every
/// room has enough seats, Garcia teaches nothing on Friday and Hughes nothing on Wednesday
/// after 09:50, the block meets together, Science-7A (Tue, Wed) and Science-7B (Wed, Fri) meet
/// once a day. Hard total 0.
///
/// Soft, teacher by teacher (periods taught Mon..Fri, and the idle periods between them):
/// - Adams: Mon 0,1,3 (idle at 2); Tue 2,3,4; Wed 0-3; Thu 0,2,3 (idle at 1); Fri 0-3.
/// - Baker: Mon 1-4; Tue 2-4; Wed 0-2; Thu 1-3; Fri 0-2.
/// - Clark: Mon 1,3 (idle at 2); Tue 0,1,3,4 (idle at 2); Wed 2,3; Thu 0-3; Fri 0-3.
/// - Davis: Mon 2,4 (idle at 3); Tue 0,1,2,4 (idle at 3); Wed 1-3; Thu 0-2; Fri 0-3.
/// - Evans: Mon 2,4 (idle at 3); Tue 0,1,3 (idle at 2); Wed 0,3 (idle at 1 and 2); Thu 0-3; Fri 0-3.
/// - Fischer: Mon 1-4; Tue 0-4; Wed 0-3; Thu none; Fri 3.
/// - Garcia: Mon 1-4; Tue 0-3; Wed 0-3; Thu 0-3.
/// - Hughes: Mon 1-4; Tue 0,1,2,4 (idle at 3); Wed 0,1; Thu 0,1,3 (idle at 2); Fri 0-3.
///
/// - idle_gaps, teachers, at most 1 a day (soft 1): only Evans on Wednesday has 2: 1 unit, 1.
/// - idle_gaps, groups, none in the week (soft 3): no class or half has one: 0.
/// - lessons_per_day, groups, 4 to 6 (soft 2): 5, 5, 4, 4, 4 for every leaf: 0.
/// - lessons_per_day, teachers, 2 to 5 (soft 1): Fischer has 1 period on Friday, 1 short: 1.
///   (Fischer's 5 on Tuesday is not over 5; days without lessons do not count.)
/// - preferred_slots, Adams in periods 0-3 (soft 1): only Maths-5B at Tue 11:40 (period 4): 1.
/// - max_days, Fischer on 3 days (soft 2): Mon, Tue, Wed and Fri, one too many: 2.
/// - max_per_day, Maths at most once a day (soft 2): each Maths course meets on 4 days: 0.
/// - min_working_days, German on 3 days (soft 1): 4 days in grades 5-6, 3 in grade 7: 0.
/// - different_days, Humanities and Music of 7A (soft 1): Mon, Thu and Tue: 0; of 7B: Humanities
///   on Mon and Tue, Music on Tue, two lessons on Tuesday: 1.
///
/// Soft total 1 + 1 + 1 + 2 + 1 = 6.
#[test]
fn the_small_schools_timetable_scores_as_computed_by_hand() {
    let p = load("school-small.json");
    let t = load_timetable(&p, "school-small.timetable.json");
    assert_eq!(t.n_unplaced(), 0);
    let s = scored(&p, &t);
    let all: Vec<String> = s.violations.iter().map(|v| format!("{} {:?} {}", v.kind.name(), v.cost, render(&p, v))).collect();
    assert_eq!(
        all,
        [
            "idle_gaps Cost { hard: 0, soft: 1 } x1 at 2.1,2.2 of English-7A/1,English-7B/1: teacher Evans has 2 idle periods on Wed; at most 1 is allowed",
            "lessons_per_day Cost { hard: 0, soft: 1 } x1 at 4.3 of Science-7B/1: teacher Fischer has 1 period of lessons on Fri; at least 2 are required on a day with lessons",
            "preferred_slots Cost { hard: 0, soft: 1 } x1 at 1.4 of Maths-5B/1: teacher Adams would rather not have a lesson at Tue 11:40, but course Maths-5B meets then",
            "max_days Cost { hard: 0, soft: 2 } x1 at 0.1,0.3,1.0,1.2,2.0,1.4,2.2,4.3 of Science-5A/0,Science-5B/0,Science-6A/0,Science-6B/0,Science-7A/0,Science-7A/1,Science-7B/0,Science-7B/1: teacher Fischer has lessons on 4 days (Mon, Tue, Wed, Fri); at most 3 are allowed",
            "different_days Cost { hard: 0, soft: 1 } x1 at 1.2,1.4 of Humanities-7B/1,Music-7B/0: courses Humanities-7B, Music-7B should meet on different days, but 2 of their lessons are on Tue",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 6 });
    let hard_kinds: Vec<Kind> = s.by_kind.iter().filter(|k| k.cost.hard > 0).map(|k| k.kind).collect();
    assert!(hard_kinds.is_empty(), "{hard_kinds:?}");
}

// ---------------------------------------------------------------------------------------------
// clashes
// ---------------------------------------------------------------------------------------------

fn clash_courses() -> Value {
    json!([
        course("Maths-5A", "Cy", &["5A"], json!([2, 1])),
        course("French-5A", "Ada", &["5A-1"], json!(3)),
        course("German-5A", "Bob", &["5A-2"], json!(2)),
        course("Maths-5B", "Cy", &["5B"], json!(1)),
    ])
}

/// The two halves of 5A meet in parallel, each with its own teacher: no clash.
#[test]
fn clashes_two_subgroups_in_parallel_cost_nothing() {
    let p = tiny(clash_courses(), json!([{"kind": "clashes", "level": "hard"}]));
    let t = timetable(
        &p,
        &[
            ("French-5A", 0, 0, 0),
            ("German-5A", 0, 0, 0),
            ("French-5A", 1, 0, 1),
            ("German-5A", 1, 0, 1),
            ("Maths-5A", 0, 0, 2),
            ("Maths-5A", 1, 1, 0),
            ("French-5A", 2, 1, 1),
            ("Maths-5B", 0, 1, 2),
        ],
    );
    let s = scored(&p, &t);
    assert_eq!(s.cost, Cost::default(), "{:?}", s.violations);
    assert_eq!(s.of_kind(Kind::Clashes), Cost::default());
}

/// A half of 5A alongside a lesson of the whole class clashes for that half only: one unit per
/// leaf with two lessons.
///
/// Maths-5A's double at Mon 0 covers Mon 0 and 1; French-5A (5A-1) at Mon 1 puts 5A-1 in two
/// lessons there (1 unit), while 5A-2 has only Maths. At Mon 3 the halves meet in parallel (0).
/// At Tue 0 Maths-5A meets with French-5A and German-5A: 5A-1 and 5A-2 each have two lessons
/// (1 unit each). The teachers (Cy, Ada, Bob) never double up. Hard total 3.
#[test]
fn clashes_a_subgroup_alongside_its_whole_class_costs_one_per_leaf() {
    let p = tiny(clash_courses(), json!([{"kind": "clashes", "level": "hard"}]));
    let t = timetable(
        &p,
        &[
            ("Maths-5A", 0, 0, 0),
            ("French-5A", 0, 0, 1),
            ("French-5A", 1, 0, 3),
            ("German-5A", 0, 0, 3),
            ("Maths-5A", 1, 1, 0),
            ("French-5A", 2, 1, 0),
            ("German-5A", 1, 1, 0),
            ("Maths-5B", 0, 1, 1),
        ],
    );
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::Clashes),
        [
            "x1 at 0.1 of Maths-5A/0,French-5A/0: group 5A-1 has 2 lessons at Mon period 1: Maths-5A, French-5A",
            "x1 at 1.0 of Maths-5A/1,French-5A/2: group 5A-1 has 2 lessons at Tue period 0: Maths-5A, French-5A",
            "x1 at 1.0 of Maths-5A/1,German-5A/1: group 5A-2 has 2 lessons at Tue period 0: Maths-5A, German-5A",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 3, soft: 0 });
    let v = &s.violations[0];
    assert_eq!((v.kind, v.constraint, v.amount), (Kind::Clashes, Some(0), 1));
    assert_eq!(v.resources, [Resource::Group(group(&p, "5A-1"))]);
}

/// A teacher with three lessons at once has two too many; a soft level weighs each.
#[test]
fn clashes_count_every_lesson_beyond_the_first() {
    let courses = json!([
        course("French-5A", "Ada", &["5A-1"], json!(1)),
        course("Art-5B", "Ada", &["5B"], json!(1)),
        course("Choir-5A", "Ada", &["5A-2"], json!(1)),
    ]);
    let p = tiny(courses, json!([{"kind": "clashes", "level": {"soft": 10}}]));
    let t = timetable(&p, &[("French-5A", 0, 1, 3), ("Art-5B", 0, 1, 3), ("Choir-5A", 0, 1, 3)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::Clashes),
        ["x2 at 1.3 of French-5A/0,Art-5B/0,Choir-5A/0: teacher Ada has 3 lessons at Tue period 3: French-5A, Art-5B, Choir-5A"]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 20 });
    assert_eq!(s.violations[0].resources, [Resource::Teacher(horarium_core::TeacherId(0))]);
}

// ---------------------------------------------------------------------------------------------
// preferred_slots
// ---------------------------------------------------------------------------------------------

/// Preferred slots of a group count the lessons of its subgroups and of the groups it is part of.
///
/// 5A prefers Mon 0-2 (soft 1). Maths-5A's double at Mon 2 covers Mon 2 (preferred) and Mon 3
/// (1 unit); French-5A, a lesson of 5A-1, at Tue 0 (1); German-5A, of 5A-2, at Tue 1 (1);
/// Maths-5B is not 5A's. 5A-2 prefers Mon and Tue 0 (soft 2): Maths-5A (whole class) is inside,
/// French-5A is not 5A-2's, German-5A at Tue 1 is outside (1 unit, 2). Soft total 3 + 2 = 5.
#[test]
fn preferred_slots_of_a_group_count_its_subgroups_lessons() {
    let courses = json!([
        course("Maths-5A", "Cy", &["5A"], json!([2])),
        course("French-5A", "Ada", &["5A-1"], json!(1)),
        course("German-5A", "Bob", &["5A-2"], json!(1)),
        course("Maths-5B", "Cy", &["5B"], json!(1)),
    ]);
    let mornings = json!([{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}]);
    let half = json!([{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}, {"day": 0, "period": 3}, {"day": 1, "period": 0}]);
    let p = tiny(
        courses,
        json!([
            {"kind": "preferred_slots", "level": {"soft": 1}, "resource": {"group": "5A"}, "slots": mornings},
            {"kind": "preferred_slots", "level": {"soft": 2}, "resource": {"group": "5A-2"}, "slots": half},
        ]),
    );
    let t = timetable(&p, &[("Maths-5A", 0, 0, 2), ("French-5A", 0, 1, 0), ("German-5A", 0, 1, 1), ("Maths-5B", 0, 1, 1)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::PreferredSlots),
        [
            "x1 at 0.3 of Maths-5A/0: group 5A would rather not have a lesson at Mon period 3, but course Maths-5A meets then",
            "x1 at 1.0 of French-5A/0: group 5A would rather not have a lesson at Tue period 0, but course French-5A meets then",
            "x1 at 1.1 of German-5A/0: group 5A would rather not have a lesson at Tue period 1, but course German-5A meets then",
            "x1 at 1.1 of German-5A/0: group 5A-2 would rather not have a lesson at Tue period 1, but course German-5A meets then",
        ]
    );
    assert_eq!(s.violations.iter().map(|v| v.constraint).collect::<Vec<_>>(), [Some(0), Some(0), Some(0), Some(1)]);
    assert_eq!(s.cost, Cost { hard: 0, soft: 5 });
}

/// Preferred slots of a teacher, a room-less course and a course: one unit per period outside.
#[test]
fn preferred_slots_count_each_period_outside() {
    let courses = json!([course("Lab-5B", "Dee", &["5B"], json!([2, 2]))]);
    let p = tiny(
        courses,
        json!([{"kind": "preferred_slots", "level": {"soft": 4}, "resource": {"teacher": "Dee"}, "slots": [{"day": 1, "period": 0}]}]),
    );
    // Mon 1-2 is wholly outside (2 units); Tue 0-1 has Tue 1 outside (1 unit). Soft 3 x 4 = 12.
    let t = timetable(&p, &[("Lab-5B", 0, 0, 1), ("Lab-5B", 1, 1, 0)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::PreferredSlots),
        [
            "x1 at 0.1 of Lab-5B/0: teacher Dee would rather not have a lesson at Mon period 1, but course Lab-5B meets then",
            "x1 at 0.2 of Lab-5B/0: teacher Dee would rather not have a lesson at Mon period 2, but course Lab-5B meets then",
            "x1 at 1.1 of Lab-5B/1: teacher Dee would rather not have a lesson at Tue period 1, but course Lab-5B meets then",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 12 });
}

// ---------------------------------------------------------------------------------------------
// idle_gaps
// ---------------------------------------------------------------------------------------------

/// Ada teaches at Mon 0 and 3 (idle Mon 1 and 2) and at Tue 0 and 2 (idle Tue 1).
fn gappy_ada() -> (Problem, Timetable) {
    let courses = json!([course("French-5A", "Ada", &["5A-1"], json!(4))]);
    let constraints = json!([
        {"kind": "idle_gaps", "level": {"soft": 1}, "who": {"teacher": "Ada"}, "per": "day", "max": 1},
        {"kind": "idle_gaps", "level": {"soft": 2}, "who": {"teacher": "Ada"}, "per": "week", "max": 1},
        {"kind": "idle_gaps", "level": "hard", "who": {"teacher": "Ada"}, "per": "week", "max": 3},
        {"kind": "idle_gaps", "level": {"soft": 5}, "who": "all_teachers", "per": "day", "max": 0},
    ]);
    let p = tiny(courses, constraints);
    let t = timetable(&p, &[("French-5A", 0, 0, 0), ("French-5A", 1, 0, 3), ("French-5A", 2, 1, 0), ("French-5A", 3, 1, 2)]);
    (p, t)
}

/// Per day, at most 1: Monday's 2 idle periods are 1 too many, Tuesday's 1 is allowed (soft 1).
/// Per day, at most 0 for every teacher: Monday 2 units and Tuesday 1 (soft 5: 15); the other
/// teachers teach nothing.
#[test]
fn idle_gaps_per_day() {
    let (p, t) = gappy_ada();
    let s = scored(&p, &t);
    let per_day: Vec<String> =
        s.violations.iter().filter(|v| v.kind == Kind::IdleGaps && matches!(v.constraint, Some(0 | 3))).map(|v| render(&p, v)).collect();
    assert_eq!(
        per_day,
        [
            "x1 at 0.1,0.2 of French-5A/0,French-5A/1: teacher Ada has 2 idle periods on Mon; at most 1 is allowed",
            "x2 at 0.1,0.2 of French-5A/0,French-5A/1: teacher Ada has 2 idle periods on Mon; at most 0 are allowed",
            "x1 at 1.1 of French-5A/2,French-5A/3: teacher Ada has 1 idle period on Tue; at most 0 are allowed",
        ]
    );
}

/// Per week, at most 1: 2 + 1 = 3 idle periods, 2 too many (soft 2: 4); at most 3: none.
/// Totals: 1 + 4 + 15 = 20 soft, no hard.
#[test]
fn idle_gaps_per_week() {
    let (p, t) = gappy_ada();
    let s = scored(&p, &t);
    let per_week: Vec<String> = s.violations.iter().filter(|v| matches!(v.constraint, Some(1 | 2))).map(|v| render(&p, v)).collect();
    assert_eq!(
        per_week,
        ["x2 at 0.1,0.2,1.1 of French-5A/0,French-5A/1,French-5A/2,French-5A/3: teacher Ada has 3 idle periods in the week; at most 1 is allowed"]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 1 + 4 + 15 });
}

/// Students are idle per leaf: 5A has Maths at Mon 0 and 2 and its half 5A-1 French at Mon 1, so
/// 5A-2 is idle at Mon 1 (1 unit for 5A and for every group, soft 3 each) and 5A-1 is not.
#[test]
fn idle_gaps_follow_subgroups() {
    let courses = json!([course("Maths-5A", "Cy", &["5A"], json!(2)), course("French-5A", "Ada", &["5A-1"], json!(1))]);
    let p = tiny(
        courses,
        json!([
            {"kind": "idle_gaps", "level": {"soft": 3}, "who": {"group": "5A"}, "per": "day", "max": 0},
            {"kind": "idle_gaps", "level": {"soft": 3}, "who": "all_groups", "per": "week", "max": 0},
            {"kind": "idle_gaps", "level": {"soft": 3}, "who": {"group": "5A-1"}, "per": "day", "max": 0},
        ]),
    );
    let t = timetable(&p, &[("Maths-5A", 0, 0, 0), ("French-5A", 0, 0, 1), ("Maths-5A", 1, 0, 2)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::IdleGaps),
        [
            "x1 at 0.1 of Maths-5A/0,Maths-5A/1: group 5A-2 has 1 idle period on Mon; at most 0 are allowed",
            "x1 at 0.1 of Maths-5A/0,Maths-5A/1: group 5A-2 has 1 idle period in the week; at most 0 are allowed",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 6 });
}

// ---------------------------------------------------------------------------------------------
// lessons_per_day
// ---------------------------------------------------------------------------------------------

/// Periods are counted per leaf, a double counting two; days without lessons are free.
///
/// Maths-5A's double at Mon 0 and single at Mon 2, French-5A (5A-1) at Mon 3, German-5A (5A-2)
/// at Tue 1. For 5A, 2 to 3 periods (soft 1): 5A-1 has 4 on Monday (1 over) and none on Tuesday;
/// 5A-2 has 3 on Monday and 1 on Tuesday (1 short). Cy, at most 2 (soft 5): 3 on Monday, 1 over.
/// Ada, at least 2 (soft 1): 1 on Monday, 1 short. Bob, at least 1: met. Soft 2 + 5 + 1 = 8.
#[test]
fn lessons_per_day_min_and_max() {
    let courses = json!([
        course("Maths-5A", "Cy", &["5A"], json!([2, 1])),
        course("French-5A", "Ada", &["5A-1"], json!(1)),
        course("German-5A", "Bob", &["5A-2"], json!(1)),
    ]);
    let p = tiny(
        courses,
        json!([
            {"kind": "lessons_per_day", "level": {"soft": 1}, "who": {"group": "5A"}, "min": 2, "max": 3},
            {"kind": "lessons_per_day", "level": {"soft": 5}, "who": {"teacher": "Cy"}, "max": 2},
            {"kind": "lessons_per_day", "level": {"soft": 1}, "who": {"teacher": "Ada"}, "min": 2},
            {"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Bob"}, "min": 1},
        ]),
    );
    let t = timetable(&p, &[("Maths-5A", 0, 0, 0), ("Maths-5A", 1, 0, 2), ("French-5A", 0, 0, 3), ("German-5A", 0, 1, 1)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::LessonsPerDay),
        [
            "x1 at 0.0,0.1,0.2,0.3 of Maths-5A/0,Maths-5A/1,French-5A/0: group 5A-1 has 4 periods of lessons on Mon; at most 3 are allowed",
            "x1 at 1.1 of German-5A/0: group 5A-2 has 1 period of lessons on Tue; at least 2 are required on a day with lessons",
            "x1 at 0.0,0.1,0.2 of Maths-5A/0,Maths-5A/1: teacher Cy has 3 periods of lessons on Mon; at most 2 are allowed",
            "x1 at 0.3 of French-5A/0: teacher Ada has 1 period of lessons on Mon; at least 2 are required on a day with lessons",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 8 });
}

// ---------------------------------------------------------------------------------------------
// max_days
// ---------------------------------------------------------------------------------------------

/// Cy teaches on Monday and Tuesday: one day too many for at most 1 (soft 2). For 5A at most 1
/// day (hard), each half counts: 5A-1 has Maths on both days and French on Tuesday, 5A-2 Maths on
/// both days: 1 unit each. Every teacher on at most 2 days: met. Hard 2, soft 2.
#[test]
fn max_days_counts_days_per_teacher_and_per_leaf() {
    let courses = json!([
        course("Maths-5A", "Cy", &["5A"], json!(2)),
        course("French-5A", "Ada", &["5A-1"], json!(1)),
        course("Maths-5B", "Cy", &["5B"], json!(1)),
    ]);
    let p = tiny(
        courses,
        json!([
            {"kind": "max_days", "level": {"soft": 2}, "who": {"teacher": "Cy"}, "days": 1},
            {"kind": "max_days", "level": "hard", "who": {"group": "5A"}, "days": 1},
            {"kind": "max_days", "level": "hard", "who": "all_teachers", "days": 2},
        ]),
    );
    let t = timetable(&p, &[("Maths-5A", 0, 0, 0), ("Maths-5A", 1, 1, 1), ("French-5A", 0, 1, 2), ("Maths-5B", 0, 0, 1)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::MaxDays),
        [
            "x1 at 0.0,1.1,0.1 of Maths-5A/0,Maths-5A/1,Maths-5B/0: teacher Cy has lessons on 2 days (Mon, Tue); at most 1 is allowed",
            "x1 at 0.0,1.1,1.2 of Maths-5A/0,Maths-5A/1,French-5A/0: group 5A-1 has lessons on 2 days (Mon, Tue); at most 1 is allowed",
            "x1 at 0.0,1.1 of Maths-5A/0,Maths-5A/1: group 5A-2 has lessons on 2 days (Mon, Tue); at most 1 is allowed",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 2, soft: 2 });
}

// ---------------------------------------------------------------------------------------------
// max_per_day
// ---------------------------------------------------------------------------------------------

/// A double, then two singles on Monday and one on Tuesday: three lessons on Monday, the double
/// counting one. At most 1 (soft 2): 2 too many, 4. At most 2 (hard): 1. At most 3: met.
#[test]
fn max_per_day_counts_lessons_not_periods() {
    let p = tiny(
        json!([course("Maths-5A", "Cy", &["5A"], json!([2, 1, 1, 1]))]),
        json!([
            {"kind": "max_per_day", "level": {"soft": 2}, "course": "Maths-5A", "max": 1},
            {"kind": "max_per_day", "level": "hard", "course": "Maths-5A", "max": 2},
            {"kind": "max_per_day", "level": "hard", "course": "Maths-5A", "max": 3},
        ]),
    );
    let t = timetable(&p, &[("Maths-5A", 0, 0, 0), ("Maths-5A", 1, 0, 2), ("Maths-5A", 2, 0, 3), ("Maths-5A", 3, 1, 0)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::MaxPerDay),
        [
            "x2 at 0.0,0.2,0.3 of Maths-5A/0,Maths-5A/1,Maths-5A/2: course Maths-5A has 3 lessons on Mon; at most 1 is allowed",
            "x1 at 0.0,0.2,0.3 of Maths-5A/0,Maths-5A/1,Maths-5A/2: course Maths-5A has 3 lessons on Mon; at most 2 are allowed",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 1, soft: 4 });
}

// ---------------------------------------------------------------------------------------------
// same_time
// ---------------------------------------------------------------------------------------------

/// French-5A (singles) and German-5A (a double, then singles) as a parallel block (hard).
/// Mon 0 both (0); Mon 1 only German's double (1); Tue 0 both (0); Tue 2 only French (1);
/// Tue 3 only German (1). Hard 3.
#[test]
fn same_time_counts_the_courses_missing_from_each_period() {
    let p = tiny(
        json!([course("French-5A", "Ada", &["5A-1"], json!(3)), course("German-5A", "Bob", &["5A-2"], json!([2, 1, 1]))]),
        json!([{"kind": "same_time", "level": "hard", "courses": ["French-5A", "German-5A"]}]),
    );
    let t = timetable(
        &p,
        &[
            ("French-5A", 0, 0, 0),
            ("German-5A", 0, 0, 0),
            ("French-5A", 1, 1, 0),
            ("German-5A", 1, 1, 0),
            ("French-5A", 2, 1, 2),
            ("German-5A", 2, 1, 3),
        ],
    );
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::SameTime),
        [
            "x1 at 0.1 of German-5A/0: courses French-5A, German-5A should meet at the same time, but at Mon period 1 only German-5A has a lesson",
            "x1 at 1.2 of French-5A/2: courses French-5A, German-5A should meet at the same time, but at Tue period 2 only French-5A has a lesson",
            "x1 at 1.3 of German-5A/2: courses French-5A, German-5A should meet at the same time, but at Tue period 3 only German-5A has a lesson",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 3, soft: 0 });
    let resources: Vec<Resource> = ["French-5A", "German-5A"].iter().map(|n| Resource::Course(p.course_by_name(n).unwrap())).collect();
    assert_eq!(s.violations[0].resources, resources);
}

/// Three courses: at Mon 0 two meet and one is missing (1); at Mon 1 one meets and two are
/// missing (2). Soft 3 x 1.
#[test]
fn same_time_of_three_courses() {
    let p = tiny(
        json!([
            course("French-5A", "Ada", &["5A-1"], json!(1)),
            course("German-5A", "Bob", &["5A-2"], json!(1)),
            course("Art-5B", "Cy", &["5B"], json!(1)),
        ]),
        json!([{"kind": "same_time", "level": {"soft": 1}, "courses": ["French-5A", "German-5A", "Art-5B"]}]),
    );
    let t = timetable(&p, &[("French-5A", 0, 0, 0), ("German-5A", 0, 0, 0), ("Art-5B", 0, 0, 1)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::SameTime),
        [
            "x1 at 0.0 of French-5A/0,German-5A/0: courses French-5A, German-5A, Art-5B should meet at the same time, but at Mon period 0 only French-5A, German-5A have a lesson",
            "x2 at 0.1 of Art-5B/0: courses French-5A, German-5A, Art-5B should meet at the same time, but at Mon period 1 only Art-5B has a lesson",
        ]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 3 });
}

// ---------------------------------------------------------------------------------------------
// different_days
// ---------------------------------------------------------------------------------------------

/// Physics at Mon 0 and Tue 0, Chemistry's double at Mon 2: two lessons of the set on Monday, one
/// too many (soft 3). Moving Physics' second lesson to Mon 1 makes three on Monday, two too many.
#[test]
fn different_days_counts_lessons_beyond_the_first_of_a_day() {
    let p = tiny(
        json!([course("Physics-5A", "Dee", &["5A"], json!(2)), course("Chemistry-5A", "Dee", &["5A"], json!([2]))]),
        json!([{"kind": "different_days", "level": {"soft": 3}, "courses": ["Physics-5A", "Chemistry-5A"]}]),
    );
    let t = timetable(&p, &[("Physics-5A", 0, 0, 0), ("Chemistry-5A", 0, 0, 2), ("Physics-5A", 1, 1, 0)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::DifferentDays),
        ["x1 at 0.0,0.2 of Physics-5A/0,Chemistry-5A/0: courses Physics-5A, Chemistry-5A should meet on different days, but 2 of their lessons are on Mon"]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 3 });

    let t = timetable(&p, &[("Physics-5A", 0, 0, 0), ("Chemistry-5A", 0, 0, 2), ("Physics-5A", 1, 0, 1)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::DifferentDays),
        ["x2 at 0.0,0.1,0.2 of Physics-5A/0,Physics-5A/1,Chemistry-5A/0: courses Physics-5A, Chemistry-5A should meet on different days, but 3 of their lessons are on Mon"]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 6 });
}

// ---------------------------------------------------------------------------------------------
// ordering
// ---------------------------------------------------------------------------------------------

/// Theory before Lab (soft 5). Lab's double starts at Mon 2. Theory at Mon 1 ends exactly when
/// Lab starts (in order); Theory at Tue 1 comes after it (1 pair out of order).
#[test]
fn ordering_counts_pairs_out_of_order() {
    let p = tiny(
        json!([course("Theory-5A", "Dee", &["5A"], json!(2)), course("Lab-5A", "Dee", &["5A"], json!([2]))]),
        json!([{"kind": "ordering", "level": {"soft": 5}, "first": "Theory-5A", "then": "Lab-5A"}]),
    );
    let t = timetable(&p, &[("Theory-5A", 0, 0, 1), ("Lab-5A", 0, 0, 2), ("Theory-5A", 1, 1, 1)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::Ordering),
        ["x1 at 1.1,0.2 of Theory-5A/1,Lab-5A/0: course Theory-5A should come before course Lab-5A, but its lesson at Tue period 1 has not ended when Lab-5A meets at Mon period 2"]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 5 });
    assert_eq!(
        s.violations[0].resources,
        [Resource::Course(p.course_by_name("Theory-5A").unwrap()), Resource::Course(p.course_by_name("Lab-5A").unwrap())]
    );

    // A Theory lesson that starts with the Lab, or a double that has not ended, is out of order too.
    let p = tiny(
        json!([course("Theory-5A", "Dee", &["5A"], json!([1, 2])), course("Lab-5A", "Dee", &["5A"], json!(1))]),
        json!([{"kind": "ordering", "level": "hard", "first": "Theory-5A", "then": "Lab-5A"}]),
    );
    let t = timetable(&p, &[("Theory-5A", 0, 1, 2), ("Theory-5A", 1, 0, 1), ("Lab-5A", 0, 1, 2)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::Ordering),
        ["x1 at 1.2,1.2 of Theory-5A/0,Lab-5A/0: course Theory-5A should come before course Lab-5A, but its lesson at Tue period 2 has not ended when Lab-5A meets at Tue period 2"]
    );
    let t = timetable(&p, &[("Theory-5A", 0, 0, 0), ("Theory-5A", 1, 1, 1), ("Lab-5A", 0, 1, 2)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::Ordering),
        ["x1 at 1.1,1.2 of Theory-5A/1,Lab-5A/0: course Theory-5A should come before course Lab-5A, but its lesson at Tue period 1 has not ended when Lab-5A meets at Tue period 2"]
    );
    assert_eq!(s.cost, Cost { hard: 1, soft: 0 });
}

// ---------------------------------------------------------------------------------------------
// consecutive
// ---------------------------------------------------------------------------------------------

/// Briefing, then Lab (hard). Lab's first double at Mon 1 follows the Briefing at Mon 0. The
/// second Briefing at Mon 3 ends with Monday, so the slot right after it is Tue 0; but Lab at
/// Tue 0 is on another day: not preceded, 1 unit.
#[test]
fn consecutive_does_not_cross_the_end_of_a_day() {
    let p = tiny(
        json!([course("Briefing-5A", "Dee", &["5A"], json!(2)), course("Lab-5A", "Dee", &["5A"], json!([2, 2]))]),
        json!([{"kind": "consecutive", "level": "hard", "first": "Briefing-5A", "then": "Lab-5A"}]),
    );
    let t = timetable(&p, &[("Briefing-5A", 0, 0, 0), ("Lab-5A", 0, 0, 1), ("Briefing-5A", 1, 0, 3), ("Lab-5A", 1, 1, 0)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::Consecutive),
        ["x1 at 1.0 of Lab-5A/1: the lesson of course Lab-5A at Tue period 0 should directly follow a lesson of course Briefing-5A on the same day"]
    );
    assert_eq!(s.cost, Cost { hard: 1, soft: 0 });
    assert_eq!(
        s.violations[0].resources,
        [Resource::Course(p.course_by_name("Briefing-5A").unwrap()), Resource::Course(p.course_by_name("Lab-5A").unwrap())]
    );

    // A period between them breaks the chain (Tue 0, then Tue 2); right after it, it holds (Tue 1, Tue 2).
    let t = timetable(&p, &[("Briefing-5A", 0, 0, 0), ("Lab-5A", 0, 0, 1), ("Briefing-5A", 1, 1, 0), ("Lab-5A", 1, 1, 2)]);
    assert_eq!(
        of_kind(&p, &scored(&p, &t), Kind::Consecutive),
        ["x1 at 1.2 of Lab-5A/1: the lesson of course Lab-5A at Tue period 2 should directly follow a lesson of course Briefing-5A on the same day"]
    );
    let t = timetable(&p, &[("Briefing-5A", 0, 0, 0), ("Lab-5A", 0, 0, 1), ("Briefing-5A", 1, 1, 1), ("Lab-5A", 1, 1, 2)]);
    assert_eq!(scored(&p, &t).cost, Cost::default());
}

/// A double `first` lesson is followed once it has ended: Briefing's double at Mon 0-1, then Lab
/// at Mon 2 (in order) and Lab at Mon 1 (inside the double: not preceded, soft 2).
#[test]
fn consecutive_follows_the_end_of_a_double() {
    let p = tiny(
        json!([course("Briefing-5A", "Dee", &["5A"], json!([2])), course("Lab-5A", "Dee", &["5A"], json!(2))]),
        json!([{"kind": "consecutive", "level": {"soft": 2}, "first": "Briefing-5A", "then": "Lab-5A"}]),
    );
    let t = timetable(&p, &[("Briefing-5A", 0, 0, 0), ("Lab-5A", 0, 0, 2), ("Lab-5A", 1, 0, 1)]);
    let s = scored(&p, &t);
    assert_eq!(
        of_kind(&p, &s, Kind::Consecutive),
        ["x1 at 0.1 of Lab-5A/1: the lesson of course Lab-5A at Mon period 1 should directly follow a lesson of course Briefing-5A on the same day"]
    );
    assert_eq!(s.cost, Cost { hard: 0, soft: 2 });
}

// ---------------------------------------------------------------------------------------------
// Validation of the school kinds
// ---------------------------------------------------------------------------------------------

/// The message lines of a problem that must be rejected.
fn problem_errors(value: &Value) -> Vec<String> {
    let text = serde_json::to_string_pretty(value).expect("JSON");
    match hjson::parse_problem("x.json", &text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(err) => err.to_string().lines().map(str::to_owned).collect(),
    }
}

fn two_courses() -> Value {
    json!([course("French-5A", "Ada", &["5A-1"], json!(1)), course("German-5A", "Bob", &["5A-2"], json!(1))])
}

// Bug found with this test: the courses of `same_time` and `different_days` were checked only up to
// the first unknown or repeated name (constraints[2] reported "Nope" but not "Nada"), where every
// other reference list reports every issue.
#[test]
fn school_kinds_report_every_bad_reference_and_parameter_with_its_path() {
    let constraints = json!([
        {"kind": "same_time", "level": "hard", "courses": ["French-5A"]},
        {"kind": "same_time", "level": "hard", "courses": ["French-5A", "German-5A", "French-5A"]},
        {"kind": "different_days", "level": {"soft": 1}, "courses": ["Nope", "German-5A", "Nada"]},
        {"kind": "ordering", "level": "hard", "first": "French-5A", "then": "French-5A"},
        {"kind": "consecutive", "level": "hard", "first": "Nope", "then": "Nada"},
        {"kind": "consecutive", "level": "hard", "first": "German-5A", "then": "German-5A"},
        {"kind": "lessons_per_day", "level": "hard", "who": "all_groups"},
        {"kind": "lessons_per_day", "level": "hard", "who": "all_teachers", "min": 5, "max": 3},
        {"kind": "idle_gaps", "level": "hard", "who": {"teacher": "Zed"}, "per": "day", "max": 1},
        {"kind": "max_days", "level": "hard", "who": {"group": "9Z"}, "days": 3},
        {"kind": "lessons_per_day", "level": "hard", "who": {"teacher": "Zed"}, "max": 3},
        {"kind": "max_per_day", "level": "hard", "course": "Nope", "max": 1},
        {"kind": "preferred_slots", "level": {"soft": 1}, "resource": {"room": "Attic"}, "slots": []},
        {"kind": "preferred_slots", "level": {"soft": 1}, "resource": {"teacher": "Ada"},
         "slots": [{"day": 2, "period": 0}, {"day": 1, "period": 3}, {"day": 0, "period": 4}]},
    ]);
    assert_eq!(
        problem_errors(&tiny_value(two_courses(), constraints)),
        [
            r#"x.json: field "constraints[0].courses": name at least two courses"#,
            r#"x.json: field "constraints[1].courses[2]": "French-5A" is listed twice"#,
            r#"x.json: field "constraints[2].courses[0]": unknown course "Nope""#,
            r#"x.json: field "constraints[2].courses[2]": unknown course "Nada""#,
            r#"x.json: field "constraints[3].then": a course cannot be ordered against itself"#,
            r#"x.json: field "constraints[4].first": unknown course "Nope""#,
            r#"x.json: field "constraints[4].then": unknown course "Nada""#,
            r#"x.json: field "constraints[5].then": a course cannot be ordered against itself"#,
            r#"x.json: field "constraints[6]": give "min", "max" or both"#,
            r#"x.json: field "constraints[7].min": min 5 is more than max 3"#,
            r#"x.json: field "constraints[8].who": unknown teacher "Zed""#,
            r#"x.json: field "constraints[9].who": unknown group "9Z""#,
            r#"x.json: field "constraints[10].who": unknown teacher "Zed""#,
            r#"x.json: field "constraints[11].course": unknown course "Nope""#,
            r#"x.json: field "constraints[12].resource": unknown room "Attic""#,
            r#"x.json: field "constraints[13].slots[0]": day 2 period 0 is outside the 2x4 calendar"#,
            r#"x.json: field "constraints[13].slots[2]": day 0 period 4 is outside the 2x4 calendar"#,
        ]
    );
}

#[test]
fn idle_gaps_need_days_of_at_most_64_periods() {
    let mut value =
        tiny_value(two_courses(), json!([{"kind": "idle_gaps", "level": "hard", "who": "all_groups", "per": "week", "max": 0}]));
    value["calendar"] = json!({"days": 1, "periods_per_day": 65});
    assert_eq!(
        problem_errors(&value),
        [r#"x.json: field "constraints[0]": idle gaps are supported for days of at most 64 periods; this calendar has 65"#]
    );
    value["calendar"] = json!({"days": 1, "periods_per_day": 64});
    let text = serde_json::to_string(&value).expect("JSON");
    assert!(hjson::parse_problem("x.json", &text).is_ok());
}

/// Shapes that serde rejects: the reader gives the line and serde's message.
#[test]
fn school_kinds_with_the_wrong_shape_are_rejected_by_the_reader() {
    let cases = [
        (
            json!({"kind": "idle_gaps", "level": "hard", "who": "all_groups", "per": "month", "max": 0}),
            "unknown variant `month`, expected `day` or `week`",
        ),
        (
            json!({"kind": "idle_gaps", "level": "hard", "who": "everyone", "per": "day", "max": 0}),
            "unknown variant `everyone`, expected one of `teacher`, `group`, `all_teachers`, `all_groups`",
        ),
        (json!({"kind": "max_days", "level": "hard", "days": 3}), "missing field `who`"),
        (json!({"kind": "same_time", "level": "hard", "courses": "French-5A"}), "invalid type: string \"French-5A\", expected a sequence"),
        (json!({"kind": "ordering", "level": "hard", "first": "French-5A"}), "missing field `then`"),
        (json!({"kind": "clashes", "level": "hard", "max": 1}), "unknown field `max`, there are no fields"),
        (json!({"kind": "max_per_day", "level": "hard", "course": "French-5A", "max": -1}), "invalid value: integer `-1`, expected u16"),
        (json!({"kind": "lessons_per_week", "level": "hard"}), "unknown variant `lessons_per_week`, expected one of"),
    ];
    for (constraint, expected) in cases {
        let value = tiny_value(two_courses(), json!([constraint]));
        let errors = problem_errors(&value);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("x.json:") && errors[0].contains(expected), "{constraint}: {errors:?} should say {expected:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Round trips of the school kinds
// ---------------------------------------------------------------------------------------------

/// Every school kind, with its optional parameters present and absent, survives writing as JSON
/// and reading back.
// Bug found with this test: `lessons_per_day` with `"min": 0` and no `max` was written without
// either, which the reader rejects ("give \"min\", \"max\" or both"), so the problem did not
// survive its own JSON.
#[test]
fn school_kinds_round_trip_through_json() {
    let constraints = json!([
        {"kind": "clashes", "level": "hard"},
        {"kind": "preferred_slots", "level": {"soft": 1}, "resource": {"group": "5A-1"}, "slots": [{"day": 1, "period": 3}, {"day": 0, "period": 0}]},
        {"kind": "idle_gaps", "level": {"soft": 3}, "who": "all_groups", "per": "week", "max": 0},
        {"kind": "idle_gaps", "level": "hard", "who": {"teacher": "Ada"}, "per": "day", "max": 2},
        {"kind": "lessons_per_day", "level": "hard", "who": {"group": "5A"}, "min": 2, "max": 3},
        {"kind": "lessons_per_day", "level": "hard", "who": "all_teachers", "min": 2},
        {"kind": "lessons_per_day", "level": "hard", "who": "all_teachers", "max": 4},
        {"kind": "lessons_per_day", "level": "hard", "who": "all_teachers", "min": 0, "max": 4},
        {"kind": "lessons_per_day", "level": "hard", "who": "all_teachers", "min": 0},
        {"kind": "max_days", "level": {"soft": 2}, "who": {"teacher": "Bob"}, "days": 1},
        {"kind": "max_per_day", "level": "hard", "course": "French-5A", "max": 1},
        {"kind": "same_time", "level": "hard", "courses": ["French-5A", "German-5A"]},
        {"kind": "different_days", "level": {"soft": 1}, "courses": ["German-5A", "French-5A"]},
        {"kind": "ordering", "level": {"soft": 1}, "first": "German-5A", "then": "French-5A"},
        {"kind": "consecutive", "level": "hard", "first": "French-5A", "then": "German-5A"},
    ]);
    let problem = tiny(two_courses(), constraints);
    check_round_trip(&problem);
}

/// A [`TimetableDef`] is what the doc's timetables are written in; the fixtures' timetables place
/// every lesson exactly once, by index.
#[test]
fn the_fixtures_timetables_name_every_lesson_once() {
    for (problem, timetable) in [
        ("school-worked-example.json", "school-worked-example.timetable.json"),
        ("school-small.json", "school-small.timetable.json"),
        ("school-medium.json", "school-medium.timetable.json"),
    ] {
        let p = load(problem);
        let text = std::fs::read_to_string(json_fixture(timetable)).expect("a timetable");
        let def: TimetableDef = serde_json::from_str(&text).expect("a timetable document");
        assert_eq!(def.assignments.len(), p.lessons().len(), "{timetable}");
        assert!(def.assignments.iter().all(|a| a.lesson.is_some()), "{timetable} gives every lesson's index");
        let t = load_timetable(&p, timetable);
        assert_eq!(t.n_unplaced(), 0, "{timetable}");
        assert!(t.surplus().is_empty(), "{timetable}");
    }
}

/// A subgroup shared by two divisions of a year (FET's categories: language and religion) is a
/// leaf of both, so a lesson of either division occupies it; the JSON names both parents, and a
/// group given `parent` and `parents` at once, or a parent twice, is refused.
#[test]
fn a_subgroup_of_two_divisions_is_a_leaf_of_both() {
    let text = r#"{"name": "divisions", "calendar": {"days": 1, "periods_per_day": 2},
      "teachers": [{"name": "Ann"}, {"name": "Bob"}],
      "groups": [{"name": "Y"}, {"name": "Fr", "parent": "Y"}, {"name": "De", "parent": "Y"},
                 {"name": "Cat", "parent": "Y"}, {"name": "Eth", "parent": "Y"},
                 {"name": "Fr-Cat", "parents": ["Fr", "Cat"]}, {"name": "Fr-Eth", "parents": ["Fr", "Eth"]},
                 {"name": "De-Cat", "parents": ["De", "Cat"]}, {"name": "De-Eth", "parents": ["De", "Eth"]}],
      "rooms": [{"name": "R", "capacity": 30}],
      "courses": [{"name": "French", "teachers": ["Ann"], "groups": ["Fr"], "lessons": 1},
                  {"name": "Religion", "teachers": ["Bob"], "groups": ["Cat"], "lessons": 1}],
      "constraints": [{"kind": "clashes", "level": "hard"}]}"#;
    let problem = hjson::parse_problem("divisions.json", text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(leaves(&problem, "Fr"), ["Fr-Cat", "Fr-Eth"]);
    assert_eq!(leaves(&problem, "Cat"), ["Fr-Cat", "De-Cat"]);
    assert_eq!(leaves(&problem, "Y"), ["Fr-Cat", "Fr-Eth", "De-Cat", "De-Eth"]);
    // French and Religion share the students of Fr-Cat, so they clash at one time.
    let french = problem.course_by_name("French").unwrap();
    let religion = problem.course_by_name("Religion").unwrap();
    assert!(problem.courses_clash(french, religion));
    // Written back with both parents, and read again the same.
    let again = hjson::parse_problem("again.json", &hjson::write_problem(&problem)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, problem);
    assert!(hjson::write_problem(&problem).contains(r#""parents": ["#));

    let bad =
        text.replace(r#"{"name": "Fr-Cat", "parents": ["Fr", "Cat"]}"#, r#"{"name": "Fr-Cat", "parent": "Y", "parents": ["Fr", "Fr"]}"#);
    let message = hjson::parse_problem("bad.json", &bad).unwrap_err().to_string();
    assert!(message.contains(r#"field "groups[5].parents": give parent or parents, not both"#), "{message}");
    assert!(message.contains(r#"field "groups[5].parents[1]": "Fr" is listed twice"#), "{message}");
    let cycle = text.replace(r#"{"name": "Y"}"#, r#"{"name": "Y", "parents": ["Fr-Cat", "De-Eth"]}"#);
    let message = hjson::parse_problem("cycle.json", &cycle).unwrap_err().to_string();
    assert!(message.contains(r#"field "groups[0].parents": group "Y" is its own ancestor"#), "{message}");
}

/// A break is no slot for a lesson (a built-in hard rule, `break`, listed only in a week that has
/// breaks) and nobody's idle period; breaks are checked against the calendar.
#[test]
fn breaks_hold_no_lesson_and_are_no_idle_period() {
    let text = r#"{"name": "breaks", "calendar": {"days": 1, "periods_per_day": 4, "breaks": [{"day": 0, "period": 1}]},
      "teachers": [{"name": "Ann"}], "rooms": [{"name": "R", "capacity": 30}],
      "courses": [{"name": "Maths", "teachers": ["Ann"], "lessons": [1, 1, 2]}],
      "constraints": [{"kind": "idle_gaps", "level": "hard", "who": "all_teachers", "per": "day", "max": 0}]}"#;
    let problem = hjson::parse_problem("breaks.json", text).unwrap_or_else(|e| panic!("{e}"));
    let kinds = |t: &Timetable| scored(&problem, t).violations.iter().map(|v| (v.kind, v.amount, v.message.clone())).collect::<Vec<_>>();
    let place = |starts: &[u16]| {
        let mut t = Timetable::new(&problem);
        for (k, &start) in starts.iter().enumerate() {
            t.set(
                lesson_id(&problem, "Maths", k),
                Some(Placement { slot: horarium_core::Slot(start), room: Some(horarium_core::RoomId(0)) }),
            )
            .unwrap();
        }
        t
    };
    // Periods 0 and 2 around the break: no idle period. The double at 2-3.
    let t = place(&[0, 2, 2]);
    assert!(kinds(&t).iter().all(|(k, _, _)| *k != Kind::IdleGaps && *k != Kind::Break), "{:?}", kinds(&t));
    // The double starting at 0 covers the break.
    let t = place(&[2, 3, 0]);
    let found = kinds(&t);
    assert!(
        found.contains(&(Kind::Break, 1, "a lesson of course Maths at day 0 period 0 covers the break at day 0 period 1".to_owned())),
        "{found:?}"
    );
    assert_eq!(scored(&problem, &t).of_kind(Kind::Break).hard, 1);
    // Listed in the breakdown only where there are breaks.
    assert!(scored(&problem, &Timetable::new(&problem)).by_kind.iter().any(|k| k.kind == Kind::Break));
    let without = hjson::parse_problem("b.json", &text.replace(r#", "breaks": [{"day": 0, "period": 1}]"#, "")).unwrap();
    assert!(!scored(&without, &Timetable::new(&without)).by_kind.iter().any(|k| k.kind == Kind::Break));
    // Checked against the calendar, and written back.
    let bad = text.replace(
        r#""breaks": [{"day": 0, "period": 1}]"#,
        r#""breaks": [{"day": 0, "period": 9}, {"day": 0, "period": 1}, {"day": 0, "period": 1}]"#,
    );
    let message = hjson::parse_problem("bad.json", &bad).unwrap_err().to_string();
    assert!(message.contains(r#"field "calendar.breaks[0]": day 0 period 9 is outside the 1x4 calendar"#), "{message}");
    assert!(message.contains(r#"field "calendar.breaks[2]": day 0 period 1 is listed twice"#), "{message}");
    assert_eq!(hjson::parse_problem("again.json", &hjson::write_problem(&problem)).unwrap(), problem);
}

/// A pin over a break or past the end of its day is refused, and the pre-analysis knows that a
/// lesson fits nowhere when every start would cover a break.
#[test]
fn breaks_refuse_pins_on_them_and_count_in_the_analysis() {
    let text = r#"{"name": "breaks", "calendar": {"days": 1, "periods_per_day": 4, "breaks": [{"day": 0, "period": 2}]},
      "teachers": [{"name": "Ann"}], "rooms": [{"name": "R", "capacity": 30}],
      "courses": [{"name": "Lab", "teachers": ["Ann"], "lessons": [3], "pinned": [PIN]}],
      "constraints": [{"kind": "clashes", "level": "hard"}]}"#;
    let message = |pin: &str| hjson::parse_problem("p.json", &text.replace("PIN", pin)).unwrap_err().to_string();
    assert!(message(r#"{"lesson": 0, "day": 0, "period": 0}"#).contains("the lesson would cover the break at day 0 period 2"));
    assert!(message(r#"{"lesson": 0, "day": 0, "period": 2}"#)
        .contains("a lesson of 3 periods from day 0 period 2 runs past the end of the day"));
    // Unpinned, the triple has no start that stays in the day and off the break.
    let problem =
        hjson::parse_problem("p.json", &text.replace("PIN", "").replace(r#", "pinned": []"#, "")).unwrap_or_else(|e| panic!("{e}"));
    let reasons = horarium_core::analysis::check(&problem).unwrap_err();
    assert!(reasons.reasons.iter().any(|r| r.message.contains("off the breaks")), "{reasons}");
}
