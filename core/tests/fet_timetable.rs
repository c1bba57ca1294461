//! FET's timetables: `fet-cl`'s `_activities.xml` and a `.fet` file with its activities locked
//! read as timetables of the problem the `.fet` file is; Horarium's timetables written back as
//! locks, and read again unchanged.

use horarium_core::formats::fet::{self, timetable, FetOptions};
use horarium_core::formats::json::{self, AssignmentDef, TimetableDef};
use horarium_core::{Problem, Timetable};
use proptest::prelude::*;

fn fixture(name: &str) -> std::path::PathBuf {
    horarium_fixtures::fixtures_dir().join("fet").join(name)
}

fn small() -> (String, Problem, fet::ActivityMap) {
    let text = std::fs::read_to_string(fixture("small.fet")).expect("fixtures/fet/small.fet");
    let read = fet::parse("small.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let problem = read.to_problem("small.fet").unwrap_or_else(|e| panic!("{e}"));
    (text, problem, read.activities)
}

fn place(course: &str, lesson: u32, day: u16, period: u16, room: Option<&str>) -> AssignmentDef {
    AssignmentDef { course: course.to_owned(), lesson: Some(lesson), day, period, room: room.map(str::to_owned) }
}

/// The timetable `fixtures/fet/small_activities.xml` holds, written out by hand.
fn small_timetable(problem: &Problem) -> Timetable {
    let def = TimetableDef {
        assignments: vec![
            place("Math 5 #1", 0, 0, 0, Some("R1")),
            place("Math 5 #1", 1, 1, 2, Some("R1")),
            place("Math 5 #1", 2, 2, 0, Some("R1")),
            place("French 5 fr #4", 0, 1, 1, Some("R2")),
            place("Religion 5 rel #5", 0, 0, 2, None),
            place("Art 6+5 fr eth #6", 0, 2, 3, None),
        ],
    };
    json::timetable_from_def(problem, &def).unwrap_or_else(|issues| panic!("{issues:?}"))
}

fn read_timetable(problem: &Problem, activities: &fet::ActivityMap, text: &str) -> Result<timetable::FetTimetable, String> {
    timetable::parse(problem, activities, "t.xml", text).map_err(|e| e.to_string())
}

#[test]
fn fets_activities_file_reads_as_the_lessons_of_its_activities() {
    let (_, problem, activities) = small();
    let read = timetable::read(&problem, &activities, &fixture("small_activities.xml")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.timetable, small_timetable(&problem));
    assert!(read.warnings.is_empty());
}

#[test]
fn an_inactive_or_unknown_activity_is_a_warning_and_an_unplaced_one_stays_unplaced() {
    let (_, problem, activities) = small();
    let text = "<Activities_Timetable>\n<Activity><Id>7</Id><Day>Mon</Day><Hour>08:00</Hour><Room></Room></Activity>\n\
                <Activity><Id>1</Id><Day></Day><Hour></Hour><Room></Room></Activity>\n\
                <Activity><Id>5</Id><Day>Mon</Day><Hour>10:00</Hour><Room></Room></Activity>\n</Activities_Timetable>";
    let read = read_timetable(&problem, &activities, text).unwrap();
    assert_eq!(read.warnings.len(), 1);
    assert_eq!(read.warnings[0].line, Some(2));
    assert!(read.warnings[0].message.contains("activity 7 is not an active activity"), "{}", read.warnings[0].message);
    assert_eq!(read.timetable.placements().iter().flatten().count(), 1);
    assert_eq!(read.timetable.n_unplaced(), 5);
}

#[test]
fn names_that_are_not_the_problems_are_errors_with_line_and_field() {
    let (_, problem, activities) = small();
    let activity = |id: &str, day: &str, hour: &str, room: &str| {
        format!("<Activity><Id>{id}</Id><Day>{day}</Day><Hour>{hour}</Hour><Room>{room}</Room></Activity>\n")
    };
    let text = format!(
        "<Activities_Timetable>\n{}{}{}{}{}{}</Activities_Timetable>",
        activity("1", "Sun", "08:00", "R1"),
        activity("2", "Mon", "07:00", "R1"),
        activity("3", "Mon", "08:00", "Gym"),
        activity("x", "Mon", "08:00", "R1"),
        activity("5", "Mon", "08:00", ""),
        activity("5", "Tue", "08:00", ""),
    );
    let message = read_timetable(&problem, &activities, &text).unwrap_err();
    for expected in [
        "t.xml:2: field \"Day\": unknown day \"Sun\"",
        "t.xml:3: field \"Hour\": unknown hour \"07:00\"",
        "t.xml:4: field \"Room\": unknown room \"Gym\"",
        "t.xml:5: field \"Id\": expected an activity id, found \"x\"",
        "t.xml:7: field \"Id\": lesson 0 of course \"Religion 5 rel #5\" is placed twice",
    ] {
        assert!(message.contains(expected), "{expected:?} not in:\n{message}");
    }
    let other = read_timetable(&problem, &activities, "<Timetable/>").unwrap_err();
    assert!(other.contains("not one of FET's timetables: the root element is <Timetable>"), "{other}");
}

#[test]
fn a_timetable_written_as_locks_reads_back_as_the_same_timetable_and_problem() {
    let (text, problem, activities) = small();
    let placed = small_timetable(&problem);
    let written = timetable::write_locked(&text, &problem, &activities, &placed).unwrap_or_else(|e| panic!("{e}"));
    // Read as a timetable: the same placements.
    let read = read_timetable(&problem, &activities, &written).unwrap();
    assert_eq!(read.timetable, placed);
    // Read as a problem: every lesson pinned where the timetable has it; nothing else changed.
    let locked = fet::parse("locked.fet", &written, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let original = fet::parse("small.fet", &text, FetOptions::default()).unwrap();
    assert_eq!(locked.activities, original.activities);
    let pins: usize = locked.problem.courses.iter().map(|c| c.pinned.len()).sum();
    assert_eq!(pins, problem.lessons().len(), "every lesson is pinned");
    let unpinned = |mut p: horarium_core::ProblemDef| {
        p.courses.iter_mut().for_each(|c| c.pinned.clear());
        p
    };
    assert_eq!(unpinned(locked.problem), unpinned(original.problem));
    // The file's own lock of activity 4 is replaced, not doubled; its other lines are kept.
    assert_eq!(written.matches("<Activity_Id>4</Activity_Id>\n\t<Preferred_Day>").count(), 1);
    assert_eq!(written.matches("<ConstraintActivityPreferredRoom>").count(), 4);
    // Less the locks, the written file is the original less its own lock of activity 4, byte for byte.
    let ours = |block: &str| block.contains("Placed by Horarium");
    let added_removed =
        without(&without(&written, "ConstraintActivityPreferredStartingTime", ours), "ConstraintActivityPreferredRoom", ours);
    let original_less_lock = without(&text, "ConstraintActivityPreferredStartingTime", |b| b.contains("<Activity_Id>4</Activity_Id>"));
    assert_eq!(added_removed, original_less_lock);
}

/// `text` without the `<tag>` elements (each with the line break after it) whose text `drop` selects.
fn without(text: &str, tag: &str, drop: impl Fn(&str) -> bool) -> String {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>\n"));
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(&open) {
        let end = start + rest[start..].find(&close).expect("closed") + close.len();
        out.push_str(&rest[..start]);
        if !drop(&rest[start..end]) {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn names_are_written_as_the_file_spells_them_and_escaped() {
    let (text, _, _) = small();
    let text = text.replace("<Name>R1</Name>", "<Name>R&amp;1\t</Name>").replace("<Room>R1</Room>", "<Room>R&amp;1\t</Room>");
    let read = fet::parse("small.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let problem = read.to_problem("small.fet").unwrap();
    let def = TimetableDef { assignments: vec![place("Math 5 #1", 0, 0, 0, Some("R&1")), place("French 5 fr #4", 0, 1, 1, Some("R2"))] };
    let placed = json::timetable_from_def(&problem, &def).unwrap();
    let written = timetable::write_locked(&text, &problem, &read.activities, &placed).unwrap();
    assert!(written.contains("<Room>R&amp;1\t</Room>\n\t<Permanently_Locked>"), "{written}");
    assert_eq!(read_timetable(&problem, &read.activities, &written).unwrap().timetable, placed);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any timetable of the small school (lessons placed anywhere in the week, in any room or
    /// none, or left unplaced where the file has no lock of its own) written as locks reads
    /// back as itself.
    #[test]
    fn written_locks_round_trip(choices in prop::collection::vec((any::<bool>(), 0u16..3, 0u16..4, 0usize..3), 6)) {
        let (text, problem, activities) = small();
        let rooms = [None, Some("R1"), Some("R2")];
        let mut assignments = Vec::new();
        for (lesson, &(placed, day, period, room)) in problem.lessons().iter().zip(&choices) {
            let course = &problem.course(lesson.course).name;
            // An unplaced lesson keeps the file's own lock, and French's lesson has one.
            if placed || course.starts_with("French") {
                assignments.push(place(course, lesson.index_in_course, day, period, rooms[room]));
            }
        }
        let placed = json::timetable_from_def(&problem, &TimetableDef { assignments }).unwrap();
        let written = timetable::write_locked(&text, &problem, &activities, &placed).unwrap();
        prop_assert_eq!(read_timetable(&problem, &activities, &written).unwrap().timetable, placed);
    }
}
