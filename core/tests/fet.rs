//! FET's `.fet` files: the hand-written `fixtures/fet/small.fet` maps onto the model as
//! `formats::fet` documents, the weight rule, and every refusal with its line and field.

use std::num::NonZeroU32;

use horarium_core::constraints::{
    BuildingChangesDef, BuildingLimit, ConstraintDef, GroupLimitsDef, GroupedLessonsDef, LessonDef, LessonPairDef, LessonSetDef,
    LessonSpreadDef, LessonsPerDayDef, LessonsPerSlotDef, MaxConsecutivePeriodsDef, MaxGroupsUsedDef, MaxRoomsDef, MaxSlotsUsedDef,
    MaxSpanDef, MinDaysBetweenDef, MinRestDef, PairRule, Per, ResourceRefDef, SameRoomIfConsecutiveDef, SameStartDef,
    SetsNotOverlappingDef, SlotDef, SlotGroupDef, WhoDef,
};
use horarium_core::formats::fet::{self, level_of, FetOptions};
use horarium_core::formats::{read_problem, read_problem_with, ReadOptions};
use horarium_core::model::{LessonsDef, PinDef, RoomChoiceDef};
use horarium_core::{Kind, Level, Placement, Problem, Slot, Timetable};

fn small_path() -> std::path::PathBuf {
    horarium_fixtures::fixtures_dir().join("fet/small.fet")
}

fn small_text() -> String {
    std::fs::read_to_string(small_path()).expect("fixtures/fet/small.fet")
}

fn soft(w: u32) -> Level {
    Level::Soft(NonZeroU32::new(w).unwrap())
}

/// The message of reading `text`, which must fail.
fn refused(text: &str, options: FetOptions) -> String {
    fet::parse("x.fet", text, options).expect_err("the file is refused").to_string()
}

#[test]
fn the_weight_percentage_gives_the_level() {
    assert_eq!(level_of(100.0), Some(Level::Hard));
    assert_eq!(level_of(99.0), Some(soft(100)));
    assert_eq!(level_of(95.0), Some(soft(20)));
    assert_eq!(level_of(50.0), Some(soft(2)));
    assert_eq!(level_of(10.0), Some(soft(1)));
    assert_eq!(level_of(99.99), Some(soft(10_000)));
    assert_eq!(level_of(0.0), None);
}

#[test]
fn the_small_school_maps_its_structure() {
    let read = fet::read(&small_path(), FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let p = &read.problem;
    assert_eq!(p.name, "Small FET school");
    assert_eq!((p.calendar.days, p.calendar.periods_per_day), (3, 4));
    assert_eq!(p.calendar.day_names, ["Mon", "Tue", "Wed"]);
    assert_eq!(p.calendar.period_names[2], "10:00");
    assert_eq!(p.teachers.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Ann", "Bob"]);
    // Years, groups and subgroups; the subgroup listed under two groups is one group with both as parents.
    let group = |name: &str| p.groups.iter().find(|g| g.name == name).unwrap_or_else(|| panic!("no group {name}"));
    assert_eq!(p.groups.len(), 7);
    assert_eq!(group("5").parent, None);
    assert_eq!(group("5 fr").parent.as_deref(), Some("5"));
    assert_eq!(group("5 fr rel").parents, ["5 fr", "5 rel"]);
    assert_eq!(group("5 de rel").parent.as_deref(), Some("5 rel"));
    // Split activities make one course, in the order of their ids; the inactive activity is left out.
    let names: Vec<&str> = p.courses.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Math 5 #1", "French 5 fr #4", "Religion 5 rel #5", "Art 6+5 fr eth #6"]);
    let math = &p.courses[0];
    assert_eq!(math.lessons, LessonsDef::Lengths(vec![1, 2, 1]));
    assert_eq!((math.teachers.clone(), math.groups.clone(), math.students), (vec!["Ann".to_owned()], vec!["5".to_owned()], 40));
    // A subject's preferred room; a home room applies only where no preferred room does; no
    // room constraint, no room, as FET assigns none.
    assert_eq!(math.rooms, RoomChoiceDef::Only(vec!["R1".to_owned()]));
    assert_eq!(p.courses[1].rooms, RoomChoiceDef::Only(vec!["R2".to_owned()]));
    assert_eq!(p.courses[2].rooms, RoomChoiceDef::NoRoom);
    // Students: the activity's own number when given, else the sum of its sets' sizes.
    assert_eq!(p.courses[3].students, 30);
    assert_eq!(p.courses[3].teachers, ["Ann", "Bob"]);
    assert_eq!(p.courses[2].students, 22);
    // A preferred starting time at 100 % pins the lesson.
    assert_eq!(p.courses[1].pinned, [PinDef { lesson: 0, day: 1, period: 1, room: None }]);
    assert_eq!(read.activities[&2], ("Math 5 #1".to_owned(), 1));
    assert_eq!(read.activities[&6], ("Art 6+5 fr eth #6".to_owned(), 0));
    assert!(!read.activities.contains_key(&7));
    assert!(read.skipped.is_empty());
}

#[test]
fn the_small_school_maps_its_constraints_at_their_levels() {
    let read = fet::read(&small_path(), FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(Level, ConstraintDef)> = read.problem.constraints.iter().map(|c| (c.level, c.constraint.clone())).collect();
    let slot = |day, period| SlotDef { day, period };
    let lesson = |lesson| LessonDef { course: "Math 5 #1".to_owned(), lesson };
    let kinds: Vec<&str> = got
        .iter()
        .map(|(_, c)| match c {
            ConstraintDef::Clashes(_) => "clashes",
            ConstraintDef::MinDaysBetween(_) => "min_days_between",
            ConstraintDef::Unavailable(_) => "unavailable",
            ConstraintDef::IdleGaps(_) => "idle_gaps",
            ConstraintDef::MaxDays(_) => "max_days",
            ConstraintDef::LessonsPerDay(_) => "lessons_per_day",
            ConstraintDef::RoomOccupancy(_) => "room_occupancy",
            ConstraintDef::RoomCapacity(_) => "room_capacity",
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    // The pin is not a constraint; the 0 % and the inactive ones are left out.
    assert_eq!(
        kinds,
        [
            "clashes",
            "min_days_between",
            "min_days_between",
            "unavailable",
            "unavailable",
            "idle_gaps",
            "idle_gaps",
            "idle_gaps",
            "max_days",
            "lessons_per_day",
            "lessons_per_day",
            "room_occupancy",
            "room_capacity",
            "unavailable"
        ]
    );
    // FET holds "consecutive if same day" at 100 % whatever the weight: a hard rule of its own.
    assert_eq!(
        got[1],
        (
            Level::Hard,
            ConstraintDef::MinDaysBetween(MinDaysBetweenDef {
                lessons: vec![lesson(0), lesson(1), lesson(2)],
                days: 0,
                consecutive_if_same_day: true
            })
        )
    );
    assert_eq!(
        got[2],
        (
            soft(20),
            ConstraintDef::MinDaysBetween(MinDaysBetweenDef {
                lessons: vec![lesson(0), lesson(1), lesson(2)],
                days: 1,
                consecutive_if_same_day: false
            })
        )
    );
    match &got[3] {
        (Level::Hard, ConstraintDef::Unavailable(u)) => {
            assert_eq!(u.resource, ResourceRefDef::Teacher("Bob".to_owned()));
            assert_eq!(u.slots, [slot(2, 2), slot(2, 3)]);
        }
        other => panic!("{other:?}"),
    }
    match &got[4] {
        (level, ConstraintDef::Unavailable(u)) => assert_eq!((*level, &u.resource), (soft(2), &ResourceRefDef::Group("6".to_owned()))),
        other => panic!("{other:?}"),
    }
    // Bob is away on Wed at 10:00 and 11:00, which are no gaps of his, as in FET: one rule per teacher.
    match (&got[5], &got[6], &got[7]) {
        ((Level::Hard, ConstraintDef::IdleGaps(ann)), (Level::Hard, ConstraintDef::IdleGaps(bob)), (level, ConstraintDef::IdleGaps(s))) => {
            assert_eq!(
                (&ann.who, ann.per, ann.max, ann.not_counted.as_slice()),
                (&WhoDef::Teacher("Ann".to_owned()), Per::Week, 3, &[][..])
            );
            assert_eq!((&bob.who, bob.not_counted.as_slice()), (&WhoDef::Teacher("Bob".to_owned()), &[slot(2, 2), slot(2, 3)][..]));
            assert_eq!((*level, &s.who, s.per, s.max), (soft(100), &WhoDef::AllGroups, Per::Week, 0));
        }
        other => panic!("{other:?}"),
    }
    match (&got[9], &got[10]) {
        ((_, ConstraintDef::LessonsPerDay(max)), (_, ConstraintDef::LessonsPerDay(min))) => {
            assert_eq!((&max.who, max.min, max.max), (&WhoDef::AllTeachers, None, Some(3)));
            assert_eq!((&min.who, min.min, min.max), (&WhoDef::Group("5".to_owned()), Some(2), None));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_small_school_is_a_problem_every_reader_accepts() {
    let problem = read_problem(&small_path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(problem.lessons().len(), 6);
    assert_eq!(problem.constraints().len(), 14);
    // The shared subgroup is a leaf of both its groups, so French and Religion clash.
    let french = problem.course_by_name("French 5 fr #4").unwrap();
    let religion = problem.course_by_name("Religion 5 rel #5").unwrap();
    assert!(problem.courses_clash(french, religion));
}

#[test]
fn unsupported_types_are_listed_with_their_counts_or_left_out_on_request() {
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags><Weight_Percentage>100</Weight_Percentage>\
         <Max_Building_Changes_Per_Day>1</Max_Building_Changes_Per_Day><Active>true</Active></ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags>\n\
         <ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags>\n\
         <ConstraintActivitiesOccupyMinTimeSlotsFromSelection><Weight_Percentage>100</Weight_Percentage>\
         <Max_Building_Changes_Per_Day>2</Max_Building_Changes_Per_Day><Active>true</Active></ConstraintActivitiesOccupyMinTimeSlotsFromSelection>\n\
         </Time_Constraints_List>",
    );
    let message = refused(&text, FetOptions::default());
    assert!(
        message.contains(
            "field \"Time_Constraints_List\": constraint types Horarium does not support yet: ConstraintActivitiesOccupyMinTimeSlotsFromSelection (1), \
             ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags (2); read with --skip-unsupported to leave them out"
        ),
        "{message}"
    );
    let line = text.lines().position(|l| l.contains("<ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags><Weight")).unwrap() + 1;
    assert!(message.contains(&format!("x.fet:{line}: ")), "the first such constraint's line: {message}");
    let read = fet::parse("x.fet", &text, FetOptions { skip_unsupported: true }).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        read.skipped,
        [
            ("ConstraintActivitiesOccupyMinTimeSlotsFromSelection".to_owned(), 1),
            ("ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags".to_owned(), 2)
        ]
    );
    assert_eq!(read.problem.constraints.len(), 14);
    // Through the generic reader, by the file's extension.
    let dir = std::env::temp_dir().join(format!("horarium-fet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("unsupported.fet");
    std::fs::write(&path, &text).unwrap();
    assert!(read_problem(&path).is_err());
    let read = read_problem_with(&path, ReadOptions { skip_unsupported: true }).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.skipped.len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_room_preference_below_100_percent_is_priced_and_its_course_may_go_without_a_room() {
    let text = small_text().replace(
        "<ConstraintSubjectPreferredRoom>\n\t<Weight_Percentage>100</Weight_Percentage>",
        "<ConstraintSubjectPreferredRoom>\n\t<Weight_Percentage>90</Weight_Percentage>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let math = read.problem.courses.iter().find(|c| c.name.starts_with("Math")).expect("the Math course");
    // The preference, not the class's home room R2 at 100 %, says where Math goes, as in FET.
    assert_eq!(math.rooms, RoomChoiceDef::OnlyOrNone(vec!["R1".to_owned()]));
    let preferences: Vec<_> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::PreferredRooms(p) => Some((c.level, p.courses.clone(), p.rooms.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(preferences, [(soft(10), vec![math.name.clone()], vec!["R1".to_owned()])]);
    // Scored: Math in R2 or in no room misses the preference, in R1 it does not.
    let problem = Problem::from_def(read.problem.clone()).unwrap_or_else(|e| panic!("{e:?}"));
    let course = problem.course_by_name(&math.name).unwrap();
    let lesson = problem.course(course).lessons().next().unwrap();
    let cost_in = |room: Option<&str>| {
        let mut timetable = Timetable::new(&problem);
        timetable.set(lesson, Some(Placement { slot: Slot(0), room: room.map(|r| problem.room_by_name(r).unwrap()) })).unwrap();
        let score = horarium_core::score(&problem, &timetable);
        (score.of_kind(Kind::PreferredRooms).soft, score.of_kind(Kind::RoomChoice).hard)
    };
    assert_eq!(cost_in(Some("R1")), (0, 0));
    assert_eq!(cost_in(None), (10, 0));
    assert_eq!(cost_in(Some("R2")), (10, 1), "R2 is not one of Math's rooms at all");
}

#[test]
fn activities_that_end_the_students_day_are_listed_lessons() {
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintActivityEndsStudentsDay><Weight_Percentage>100</Weight_Percentage><Activity_Id>4</Activity_Id>\
         <Active>true</Active></ConstraintActivityEndsStudentsDay>\n\
         <ConstraintActivitiesEndStudentsDay><Weight_Percentage>95</Weight_Percentage><Teacher_Name></Teacher_Name>\
         <Students_Name></Students_Name><Subject_Name>Math</Subject_Name><Activity_Tag_Name></Activity_Tag_Name>\
         <Active>true</Active></ConstraintActivitiesEndStudentsDay>\n\
         </Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let ends: Vec<_> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::EndsDay(e) => Some((c.level, e.lessons.iter().map(|l| (l.course.as_str(), l.lesson)).collect::<Vec<_>>())),
            _ => None,
        })
        .collect();
    let math = read.problem.courses.iter().find(|c| c.name.starts_with("Math")).expect("the Math course").name.as_str();
    assert_eq!(
        ends,
        [(Level::Hard, vec![("French 5 fr #4", 0)]), (soft(20), vec![(math, 0), (math, 1), (math, 2)])],
        "activity 4, then every Math activity"
    );
}

#[test]
fn min_days_per_week_hold_for_one_teacher_or_for_each_teacher_who_teaches() {
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintTeacherMinDaysPerWeek><Weight_Percentage>100</Weight_Percentage><Teacher_Name>Ann</Teacher_Name>\
         <Minimum_Days_Per_Week>3</Minimum_Days_Per_Week><Active>true</Active></ConstraintTeacherMinDaysPerWeek>\n\
         <ConstraintTeachersMinDaysPerWeek><Weight_Percentage>50</Weight_Percentage>\
         <Minimum_Days_Per_Week>1</Minimum_Days_Per_Week><Active>true</Active></ConstraintTeachersMinDaysPerWeek>\n\
         </Time_Constraints_List>",
    );
    let text = text.replace("</Teachers_List>", "<Teacher><Name>Cleo</Name></Teacher>\n</Teachers_List>");
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let min_days: Vec<_> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::MinDays(m) => Some((c.level, m.who.clone(), m.days)),
            _ => None,
        })
        .collect();
    let mut expected = vec![(Level::Hard, WhoDef::Teacher("Ann".to_owned()), 3)];
    let mut teaching: Vec<&str> = read.problem.courses.iter().flat_map(|c| c.teachers.iter().map(String::as_str)).collect();
    teaching.sort_unstable();
    teaching.dedup();
    expected.extend(teaching.iter().map(|t| (soft(2), WhoDef::Teacher((*t).to_owned()), 1)));
    assert_eq!(min_days, expected);
    assert_eq!(teaching, ["Ann", "Bob"], "Cleo, who teaches nothing, is left out");
}

#[test]
fn same_starting_hours_and_most_rooms_of_listed_activities() {
    let text = small_text().replace(
        "</Space_Constraints_List>",
        "<ConstraintActivitiesOccupyMaxDifferentRooms><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>\
         <Activity_Id>1</Activity_Id><Activity_Id>4</Activity_Id><Max_Number_of_Different_Rooms>1</Max_Number_of_Different_Rooms>\
         <Active>true</Active></ConstraintActivitiesOccupyMaxDifferentRooms>\n</Space_Constraints_List>",
    );
    let text = text.replace(
        "</Time_Constraints_List>",
        "<ConstraintActivitiesSameStartingHour><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>\
         <Activity_Id>4</Activity_Id><Activity_Id>5</Activity_Id><Active>true</Active></ConstraintActivitiesSameStartingHour>\n\
         </Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let math = read.problem.courses.iter().find(|c| c.name.starts_with("Math")).expect("the Math course").name.clone();
    let lesson = |course: &str, lesson: u32| LessonDef { course: course.to_owned(), lesson };
    let found: Vec<ConstraintDef> = read
        .problem
        .constraints
        .iter()
        .filter(|c| {
            matches!(c.constraint, ConstraintDef::MaxRooms(_)) || matches!(&c.constraint, ConstraintDef::SameStart(s) if s.period_only)
        })
        .map(|c| c.constraint.clone())
        .collect();
    assert_eq!(
        found,
        [
            ConstraintDef::SameStart(SameStartDef {
                lessons: vec![lesson("French 5 fr #4", 0), lesson("Religion 5 rel #5", 0)],
                period_only: true
            }),
            ConstraintDef::MaxRooms(MaxRoomsDef { lessons: vec![lesson(&math, 0), lesson("French 5 fr #4", 0)], max: 1 }),
        ]
    );
}

#[test]
fn a_students_set_is_not_idle_when_it_is_not_there() {
    // 5 fr's subgroups are away at Tue 09:00 (lunch, say): no gap there for them, as in FET.
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintStudentsSetNotAvailableTimes><Weight_Percentage>100</Weight_Percentage><Students>5 fr</Students>\
         <Number_of_Not_Available_Times>1</Number_of_Not_Available_Times><Not_Available_Time><Day>Tue</Day><Hour>09:00</Hour>\
         </Not_Available_Time><Active>true</Active></ConstraintStudentsSetNotAvailableTimes>\n\
         <ConstraintStudentsSetMaxGapsPerDay><Weight_Percentage>100</Weight_Percentage><Max_Gaps>0</Max_Gaps><Students>5</Students>\
         <Active>true</Active></ConstraintStudentsSetMaxGapsPerDay>\n\
         </Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let gaps: Vec<(String, Vec<SlotDef>)> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::IdleGaps(g) if c.level == Level::Hard && g.per == Per::Day => match &g.who {
                WhoDef::Group(name) => Some((name.clone(), g.not_counted.clone())),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let tue_9 = vec![SlotDef { day: 1, period: 1 }];
    assert!(gaps.iter().any(|(leaf, slots)| leaf == "5 fr rel" && slots == &tue_9), "{gaps:?}");
    assert!(gaps.iter().any(|(leaf, slots)| leaf == "5 fr eth" && slots == &tue_9), "{gaps:?}");
    assert!(gaps.iter().any(|(leaf, slots)| leaf.starts_with("5 de") && slots.is_empty()), "{gaps:?}");
}

#[test]
fn activities_occupying_at_most_some_selected_slots_are_max_slots_used() {
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintActivitiesOccupyMaxTimeSlotsFromSelection><Weight_Percentage>100</Weight_Percentage>\
         <Number_of_Activities>2</Number_of_Activities><Activity_Id>4</Activity_Id><Activity_Id>5</Activity_Id>\
         <Number_of_Selected_Time_Slots>2</Number_of_Selected_Time_Slots>\
         <Selected_Time_Slot><Selected_Day>Tue</Selected_Day><Selected_Hour>08:00</Selected_Hour></Selected_Time_Slot>\
         <Selected_Time_Slot><Selected_Day>Wed</Selected_Day><Selected_Hour>11:00</Selected_Hour></Selected_Time_Slot>\
         <Max_Number_of_Occupied_Time_Slots>1</Max_Number_of_Occupied_Time_Slots><Active>true</Active>\
         </ConstraintActivitiesOccupyMaxTimeSlotsFromSelection>\n</Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<&MaxSlotsUsedDef> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::MaxSlotsUsed(m) => Some(m),
            _ => None,
        })
        .collect();
    let lesson = |course: &str| LessonDef { course: course.to_owned(), lesson: 0 };
    assert_eq!(
        found,
        [&MaxSlotsUsedDef {
            lessons: vec![lesson("French 5 fr #4"), lesson("Religion 5 rel #5")],
            slots: vec![SlotDef { day: 1, period: 0 }, SlotDef { day: 2, period: 3 }],
            max: 1
        }]
    );
}

#[test]
fn other_modes_and_other_files_are_refused_by_name() {
    let text = small_text().replace("<Mode>Official</Mode>", "<Mode>Mornings_Afternoons</Mode>");
    assert_eq!(
        refused(&text, FetOptions::default()),
        "x.fet:3: field \"Mode\": FET's Mornings_Afternoons mode is not supported; the Official, Terms and Block_Planning modes are read"
    );
    // Before modes existed, FET's custom builds said theirs in the version.
    for version in ["5.27.3-algeria17", "5.27.3-ma3"] {
        let text =
            small_text().replace("<Mode>Official</Mode>", "").replacen("<fet version=\"", &format!("<fet version=\"{version}\" old=\""), 1);
        let message = refused(&text, FetOptions::default());
        let expected = format!("FET's Mornings_Afternoons mode (a file of FET version \"{version}\") is not supported");
        assert!(message.contains(&expected), "{message}");
    }
    // A block-planning build's file reads as that mode; a terms build's, with FET's default of
    // 5 terms of 5 days, must have 25 days.
    let old = |version: &str| {
        small_text().replace("<Mode>Official</Mode>", "").replacen("<fet version=\"", &format!("<fet version=\"{version}\" old=\""), 1)
    };
    assert!(fet::parse("x.fet", &old("5.44.2-bp"), FetOptions::default()).is_ok());
    assert_eq!(
        refused(&old("5.42.2-mathmake"), FetOptions::default()),
        "x.fet:2: field \"Number_of_Terms\": 5 terms of 5 days make 25 days, but the file has 3 days"
    );
    let message = refused("<?xml version=\"1.0\"?>\n<timetable/>", FetOptions::default());
    assert!(message.contains("x.fet:2: field \"fet\": not a FET file: the root element is <timetable>, not <fet>"), "{message}");
    let message = refused("<fet>\n<Days_List>\n</fet>", FetOptions::default());
    assert!(message.starts_with("x.fet:3: not well-formed XML"), "{message}");
}

/// The constraints of `text`'s problem that `pick` selects.
fn constraints_of<T: Clone>(text: &str, pick: impl Fn(&ConstraintDef) -> Option<&T>) -> Vec<T> {
    let read = fet::parse("x.fet", text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    read.problem.constraints.iter().filter_map(|c| pick(&c.constraint)).cloned().collect()
}

#[test]
fn the_terms_mode_reads_each_term_as_a_group_of_days() {
    let terms = |n: u16, days: u16| {
        format!("<Mode>Terms</Mode>\n<Number_of_Terms>{n}</Number_of_Terms><Number_of_Days_Per_Term>{days}</Number_of_Days_Per_Term>")
    };
    let text = small_text().replace("<Mode>Official</Mode>", &terms(3, 1)).replace(
        "</Time_Constraints_List>",
        "<ConstraintActivitiesMaxInATerm><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>3</Number_of_Activities>\
         <Activity_Id>1</Activity_Id><Activity_Id>2</Activity_Id><Activity_Id>3</Activity_Id>\
         <Max_Number_of_Activities_in_A_Term>1</Max_Number_of_Activities_in_A_Term><Active>true</Active></ConstraintActivitiesMaxInATerm>\
         <ConstraintActivitiesOccupyMaxTerms><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>\
         <Activity_Id>4</Activity_Id><Activity_Id>5</Activity_Id>\
         <Max_Number_of_Occupied_Terms>1</Max_Number_of_Occupied_Terms><Active>true</Active></ConstraintActivitiesOccupyMaxTerms>\
         <ConstraintActivitiesOccupyMaxTerms><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>1</Number_of_Activities>\
         <Activity_Id>4</Activity_Id><Max_Number_of_Occupied_Terms>3</Max_Number_of_Occupied_Terms><Active>true</Active></ConstraintActivitiesOccupyMaxTerms>\
         \n</Time_Constraints_List>",
    );
    let term =
        |t: u16| SlotGroupDef { name: Some(format!("term {}", t + 1)), slots: (0..4).map(|period| SlotDef { day: t, period }).collect() };
    let math = |lesson: u32| LessonDef { course: "Math 5 #1".to_owned(), lesson };
    let spread = constraints_of(&text, |c| match c {
        ConstraintDef::LessonSpread(l) => Some(l),
        _ => None,
    });
    assert_eq!(spread, [LessonSpreadDef { lessons: vec![math(0), math(1), math(2)], groups: (0..3).map(term).collect(), max: 1 }]);
    // At most all three terms constrains nothing.
    let used = constraints_of(&text, |c| match c {
        ConstraintDef::MaxGroupsUsed(m) => Some(m),
        _ => None,
    });
    let lesson = |course: &str| LessonDef { course: course.to_owned(), lesson: 0 };
    assert_eq!(
        used,
        [MaxGroupsUsedDef {
            lessons: vec![lesson("French 5 fr #4"), lesson("Religion 5 rel #5")],
            groups: (0..3).map(term).collect(),
            max: 1
        }]
    );
    // Scored: Math on Mon and twice on Tue breaks the most per term once.
    let problem = fet::parse("x.fet", &text, FetOptions::default()).unwrap().to_problem("x.fet").unwrap();
    let mut timetable = Timetable::new(&problem);
    let math = problem.course(problem.course_by_name("Math 5 #1").unwrap());
    for (lesson, (day, period)) in math.lessons().zip([(0, 0), (1, 0), (1, 3)]) {
        let slot = problem.calendar().slot(day, period).unwrap();
        timetable.set(lesson, Some(Placement { slot, room: None })).unwrap();
    }
    let violations: Vec<String> = horarium_core::score(&problem, &timetable)
        .violations
        .into_iter()
        .filter(|v| v.kind == Kind::LessonSpread)
        .map(|v| v.message)
        .collect();
    assert_eq!(violations, ["2 of a list of 3 lessons start in term 2; at most 1 may"]);
    // The terms must make the week.
    let text = small_text().replace("<Mode>Official</Mode>", &terms(2, 2));
    assert_eq!(
        refused(&text, FetOptions::default()),
        "x.fet:4: field \"Number_of_Terms\": 2 terms of 2 days make 4 days, but the file has 3 days"
    );
}

#[test]
fn the_block_planning_modes_types_are_listed_lesson_kinds() {
    let text = small_text()
        .replace("<Mode>Official</Mode>", "<Mode>Block_Planning</Mode>")
        .replace("<Subject>French</Subject>", "<Subject>French</Subject><Activity_Tag>Lang</Activity_Tag>")
        .replace("<Subject>Religion</Subject>", "<Subject>Religion</Subject><Activity_Tag>Ethics</Activity_Tag>")
        .replace("<Subject>Art</Subject>", "<Subject>Art</Subject><Activity_Tag>Ethics</Activity_Tag><Activity_Tag>Lang</Activity_Tag>")
        .replace(
            "</Time_Constraints_List>",
            "<ConstraintActivityTagsNotOverlapping><Weight_Percentage>100</Weight_Percentage><Number_of_Activity_Tags>3</Number_of_Activity_Tags>\
             <Activity_Tag>Lang</Activity_Tag><Activity_Tag>Ethics</Activity_Tag><Activity_Tag>Sport</Activity_Tag>\
             <Active>true</Active></ConstraintActivityTagsNotOverlapping>\
             <ConstraintActivitiesMinSimultaneousInSelectedTimeSlots><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>\
             <Activity_Id>4</Activity_Id><Activity_Id>6</Activity_Id><Number_of_Selected_Time_Slots>1</Number_of_Selected_Time_Slots>\
             <Selected_Time_Slot><Selected_Day>Tue</Selected_Day><Selected_Hour>09:00</Selected_Hour></Selected_Time_Slot>\
             <Min_Number_of_Simultaneous_Activities>2</Min_Number_of_Simultaneous_Activities><Allow_Empty_Slots>true</Allow_Empty_Slots>\
             <Active>true</Active></ConstraintActivitiesMinSimultaneousInSelectedTimeSlots>\
             <ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>\
             <Activity_Id>4</Activity_Id><Activity_Id>6</Activity_Id><Number_of_Selected_Time_Slots>1</Number_of_Selected_Time_Slots>\
             <Selected_Time_Slot><Selected_Day>Tue</Selected_Day><Selected_Hour>09:00</Selected_Hour></Selected_Time_Slot>\
             <Max_Number_of_Simultaneous_Activities>1</Max_Number_of_Simultaneous_Activities><Active>true</Active></ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots>\
             <ConstraintMaxTotalActivitiesFromSetInSelectedTimeSlots><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>\
             <Activity_Id>1</Activity_Id><Activity_Id>3</Activity_Id><Number_of_Selected_Time_Slots>1</Number_of_Selected_Time_Slots>\
             <Selected_Time_Slot><Selected_Day>Wed</Selected_Day><Selected_Hour>10:00</Selected_Hour></Selected_Time_Slot>\
             <Max_Total_Number_of_Activities>1</Max_Total_Number_of_Activities><Active>true</Active></ConstraintMaxTotalActivitiesFromSetInSelectedTimeSlots>\
             \n</Time_Constraints_List>",
        );
    let lesson = |course: &str, lesson: u32| LessonDef { course: course.to_owned(), lesson };
    // Art has both tags and goes with the first listed; no activity has Sport.
    let sets = constraints_of(&text, |c| match c {
        ConstraintDef::SetsNotOverlapping(s) => Some(s),
        _ => None,
    });
    assert_eq!(
        sets,
        [SetsNotOverlappingDef {
            sets: vec![
                LessonSetDef { name: Some("Lang".to_owned()), lessons: vec![lesson("French 5 fr #4", 0), lesson("Art 6+5 fr eth #6", 0)] },
                LessonSetDef { name: Some("Ethics".to_owned()), lessons: vec![lesson("Religion 5 rel #5", 0)] },
            ]
        }]
    );
    let per_slot = constraints_of(&text, |c| match c {
        ConstraintDef::LessonsPerSlot(l) => Some(l),
        _ => None,
    });
    let listed = vec![lesson("French 5 fr #4", 0), lesson("Art 6+5 fr eth #6", 0)];
    let tue_9 = vec![SlotDef { day: 1, period: 1 }];
    assert_eq!(
        per_slot,
        [
            LessonsPerSlotDef { lessons: listed.clone(), slots: tue_9.clone(), min: 2, max: None, allow_empty: true },
            LessonsPerSlotDef { lessons: listed, slots: tue_9, min: 0, max: Some(1), allow_empty: false },
        ]
    );
    // Math's lessons 0 and 2 last an hour: those starting at Wed 10:00 are in the slot.
    let spread = constraints_of(&text, |c| match c {
        ConstraintDef::LessonSpread(l) => Some(l),
        _ => None,
    });
    // A students set has one activity per hour over all the days, as fet-cl holds it.
    let per_hour = constraints_of(&text, |c| match c {
        ConstraintDef::BusyPerGroup(g) => Some(g),
        _ => None,
    });
    let hour =
        |period: u16, name: &str| SlotGroupDef { name: Some(name.to_owned()), slots: (0..3).map(|day| SlotDef { day, period }).collect() };
    assert_eq!(
        per_hour,
        [GroupLimitsDef {
            who: WhoDef::AllGroups,
            groups: vec![hour(0, "08:00"), hour(1, "09:00"), hour(2, "10:00"), hour(3, "11:00")],
            min: 0,
            max: Some(1)
        }]
    );
    let selected = SlotGroupDef { name: Some("the selected slots".to_owned()), slots: vec![SlotDef { day: 2, period: 2 }] };
    assert_eq!(spread, [LessonSpreadDef { lessons: vec![lesson("Math 5 #1", 0), lesson("Math 5 #1", 2)], groups: vec![selected], max: 1 }]);
}

#[test]
fn bad_values_are_located_by_line_and_field() {
    let text = small_text()
        .replace("<Number_of_Days>3</Number_of_Days>", "<Number_of_Days>5</Number_of_Days>")
        .replace("<Day>Wed</Day><Hour>10:00</Hour>", "<Day>Sun</Day><Hour>10:00</Hour>")
        .replace("<Max_Gaps>3</Max_Gaps>", "<Max_Gaps>three</Max_Gaps>")
        .replace("<Weight_Percentage>50</Weight_Percentage>", "<Weight_Percentage>150</Weight_Percentage>")
        .replace("<Duration>2</Duration>", "<Duration>0</Duration>");
    let message = refused(&text, FetOptions::default());
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (needle, expected) in [
        ("<Days_List>", "field \"Number_of_Days\": says 5, but 3 <Day> are listed".to_owned()),
        ("<Day>Sun</Day>", "field \"Day\": unknown day \"Sun\"".to_owned()),
        ("<Max_Gaps>three", "field \"Max_Gaps\": expected a non-negative whole number, found \"three\"".to_owned()),
        ("<Weight_Percentage>150", "field \"Weight_Percentage\": expected a percentage from 0 to 100, found \"150\"".to_owned()),
    ] {
        let wanted = format!("{}: {expected}", line_of(needle));
        assert!(message.contains(&wanted), "{wanted:?} not in {message}");
    }
    assert!(message.contains("field \"Duration\": activity 2 lasts 0 hours"), "{message}");
}

#[test]
fn break_times_are_the_weeks_breaks() {
    let text = small_text().replace(
        "<Break_Time><Day>Mon</Day><Hour>11:00</Hour></Break_Time>\n\t<Active>false</Active>",
        "<Break_Time><Day>Mon</Day><Hour>11:00</Hour></Break_Time>\n\t<Active>true</Active>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.problem.calendar.breaks, [SlotDef { day: 0, period: 3 }]);
    assert_eq!(read.problem.constraints.len(), 14, "a break is the week's, not a constraint");
}

#[test]
fn preferred_starting_times_and_time_slots_are_lesson_slots() {
    use horarium_core::constraints::LessonSlotsDef;
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintActivitiesPreferredStartingTimes><Weight_Percentage>95</Weight_Percentage><Teacher_Name></Teacher_Name>\
         <Students_Name></Students_Name><Subject_Name>Math</Subject_Name><Activity_Tag_Name></Activity_Tag_Name>\
         <Number_of_Preferred_Starting_Times>2</Number_of_Preferred_Starting_Times>\
         <Preferred_Starting_Time><Preferred_Starting_Day>Mon</Preferred_Starting_Day><Preferred_Starting_Hour>08:00</Preferred_Starting_Hour></Preferred_Starting_Time>\
         <Preferred_Starting_Time><Preferred_Starting_Day>Tue</Preferred_Starting_Day><Preferred_Starting_Hour>08:00</Preferred_Starting_Hour></Preferred_Starting_Time>\
         <Active>true</Active></ConstraintActivitiesPreferredStartingTimes>\n\
         <ConstraintActivityPreferredTimeSlots><Weight_Percentage>100</Weight_Percentage><Activity_Id>5</Activity_Id>\
         <Number_of_Preferred_Time_Slots>1</Number_of_Preferred_Time_Slots>\
         <Preferred_Time_Slot><Preferred_Day>Wed</Preferred_Day><Preferred_Hour>09:00</Preferred_Hour></Preferred_Time_Slot>\
         <Active>true</Active></ConstraintActivityPreferredTimeSlots>\n\
         <ConstraintActivityPreferredStartingTime><Weight_Percentage>50</Weight_Percentage><Activity_Id>6</Activity_Id>\
         <Preferred_Day>Tue</Preferred_Day><Preferred_Hour>10:00</Preferred_Hour><Permanently_Locked>false</Permanently_Locked>\
         <Active>true</Active></ConstraintActivityPreferredStartingTime>\n\
         </Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let got: Vec<(Level, LessonSlotsDef)> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::LessonSlots(l) => Some((c.level, l.clone())),
            _ => None,
        })
        .collect();
    let lesson = |course: &str, lesson| LessonDef { course: course.to_owned(), lesson };
    let slot = |day, period| SlotDef { day, period };
    assert_eq!(
        got,
        [
            (
                soft(20),
                LessonSlotsDef {
                    lessons: vec![lesson("Math 5 #1", 0), lesson("Math 5 #1", 1), lesson("Math 5 #1", 2)],
                    slots: vec![slot(0, 0), slot(1, 0)],
                    every_period: false
                }
            ),
            (Level::Hard, LessonSlotsDef { lessons: vec![lesson("Religion 5 rel #5", 0)], slots: vec![slot(2, 1)], every_period: true }),
            (soft(2), LessonSlotsDef { lessons: vec![lesson("Art 6+5 fr eth #6", 0)], slots: vec![slot(1, 2)], every_period: false }),
        ]
    );
    assert!(read.skipped.is_empty());
}

#[test]
fn activities_with_the_same_starting_time_are_same_start() {
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintActivitiesSameStartingTime><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>3</Number_of_Activities>\
         <Activity_Id>4</Activity_Id><Activity_Id>5</Activity_Id><Activity_Id>7</Activity_Id><Active>true</Active></ConstraintActivitiesSameStartingTime>\n\
         <ConstraintActivitiesSameStartingTime><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>\
         <Activity_Id>4</Activity_Id><Activity_Id>7</Activity_Id><Active>true</Active></ConstraintActivitiesSameStartingTime>\n\
         </Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let same: Vec<&SameStartDef> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::SameStart(s) => Some(s),
            _ => None,
        })
        .collect();
    // Activity 7 is inactive: left out, and the second constraint, left with one lesson, with it.
    let lesson = |course: &str| LessonDef { course: course.to_owned(), lesson: 0 };
    assert_eq!(same, [&SameStartDef { lessons: vec![lesson("French 5 fr #4"), lesson("Religion 5 rel #5")], period_only: false }]);
}

#[test]
fn a_part_of_a_split_activity_with_other_teachers_is_a_course_of_its_own() {
    // Activity 2, the double of Math's split activity, is taught by Bob instead of Ann.
    let text = small_text().replacen(
        "<Teacher>Ann</Teacher>\n\t<Subject>Math</Subject>\n\t<Students>5</Students>\n\t<Duration>2</Duration>",
        "<Teacher>Bob</Teacher>\n\t<Subject>Math</Subject>\n\t<Students>5</Students>\n\t<Duration>2</Duration>",
        1,
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let math: Vec<(&str, &LessonsDef, &Vec<String>)> =
        read.problem.courses.iter().filter(|c| c.name.starts_with("Math")).map(|c| (c.name.as_str(), &c.lessons, &c.teachers)).collect();
    assert_eq!(
        math,
        [
            ("Math 5 #1", &LessonsDef::Lengths(vec![1, 1]), &vec!["Ann".to_owned()]),
            ("Math 5 #1.2", &LessonsDef::Lengths(vec![2]), &vec!["Bob".to_owned()])
        ]
    );
    assert_eq!(read.activities[&3], ("Math 5 #1".to_owned(), 1));
    assert_eq!(read.activities[&2], ("Math 5 #1.2".to_owned(), 0));
}

#[test]
fn a_part_of_a_split_activity_with_other_tags_is_a_course_of_its_own_with_its_tags_rooms() {
    // Activity 3, a single of Math's split activity, is its lab, whose tag asks for R1; Math's
    // own room rule becomes Art's, so that the lectures have only their class's home room, R2.
    let text = small_text()
        .replacen("<Subject>Math</Subject>\n\t<Room>R1</Room>", "<Subject>Art</Subject>\n\t<Room>R1</Room>", 1)
        .replacen(
            "<Duration>1</Duration>\n\t<Total_Duration>4</Total_Duration>\n\t<Id>3</Id>",
            "<Duration>1</Duration>\n\t<Total_Duration>4</Total_Duration>\n\t<Activity_Tag>Lab</Activity_Tag>\n\t<Id>3</Id>",
            1,
        )
        .replace(
            "</Space_Constraints_List>",
            "<ConstraintActivityTagPreferredRoom><Weight_Percentage>100</Weight_Percentage><Activity_Tag>Lab</Activity_Tag><Room>R1</Room>\
             <Active>true</Active></ConstraintActivityTagPreferredRoom>\n</Space_Constraints_List>",
        );
    assert!(text.contains("<Activity_Tag>Lab</Activity_Tag>\n\t<Id>3</Id>"), "the fixture's activity 3 moved");
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let math: Vec<(&str, &LessonsDef, &RoomChoiceDef)> =
        read.problem.courses.iter().filter(|c| c.name.starts_with("Math")).map(|c| (c.name.as_str(), &c.lessons, &c.rooms)).collect();
    assert_eq!(
        math,
        [
            ("Math 5 #1", &LessonsDef::Lengths(vec![1, 2]), &RoomChoiceDef::Only(vec!["R2".to_owned()])),
            ("Math 5 #1.3", &LessonsDef::Lengths(vec![1]), &RoomChoiceDef::Only(vec!["R1".to_owned()]))
        ]
    );
    assert_eq!(read.activities[&3], ("Math 5 #1.3".to_owned(), 0));
}

#[test]
fn a_minimum_that_does_not_allow_empty_days_holds_on_every_day() {
    use horarium_core::constraints::LessonsPerDayDef;
    let minimum = |text: &str| {
        let read = fet::parse("x.fet", text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        read.problem.constraints.iter().find_map(|c| match &c.constraint {
            ConstraintDef::LessonsPerDay(d @ LessonsPerDayDef { min: Some(_), .. }) => Some(d.clone()),
            _ => None,
        })
    };
    assert!(!minimum(&small_text()).unwrap().every_day);
    // FET's students minimum allows no empty day unless the file says so.
    let text = small_text().replace("\t<Allow_Empty_Days>true</Allow_Empty_Days>\n", "");
    assert!(minimum(&text).unwrap().every_day);
    let text = small_text().replace("<Allow_Empty_Days>true</Allow_Empty_Days>", "<Allow_Empty_Days>false</Allow_Empty_Days>");
    assert!(minimum(&text).unwrap().every_day);
}

#[test]
fn subactivities_select_one_part_of_each_split_activity_and_teachers_max_days_is_max_days() {
    use horarium_core::constraints::{LessonSlotsDef, MaxDaysDef};
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintSubactivitiesPreferredStartingTimes><Weight_Percentage>100</Weight_Percentage><Component_Number>2</Component_Number>\
         <Teacher_Name></Teacher_Name><Students_Name></Students_Name><Subject_Name>Math</Subject_Name><Activity_Tag_Name></Activity_Tag_Name>\
         <Number_of_Preferred_Starting_Times>1</Number_of_Preferred_Starting_Times>\
         <Preferred_Starting_Time><Preferred_Starting_Day>Wed</Preferred_Starting_Day><Preferred_Starting_Hour>08:00</Preferred_Starting_Hour></Preferred_Starting_Time>\
         <Active>true</Active></ConstraintSubactivitiesPreferredStartingTimes>\n\
         <ConstraintTeachersMaxDaysPerWeek><Weight_Percentage>100</Weight_Percentage><Max_Days_Per_Week>2</Max_Days_Per_Week><Active>true</Active></ConstraintTeachersMaxDaysPerWeek>\n\
         </Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let found = |f: &dyn Fn(&ConstraintDef) -> bool| read.problem.constraints.iter().filter(|c| f(&c.constraint)).count();
    let second = LessonSlotsDef {
        lessons: vec![LessonDef { course: "Math 5 #1".to_owned(), lesson: 1 }],
        slots: vec![SlotDef { day: 2, period: 0 }],
        every_period: false,
    };
    assert_eq!(found(&|c| c == &ConstraintDef::LessonSlots(second.clone())), 1, "only the second part of Math");
    assert_eq!(found(&|c| c == &ConstraintDef::MaxDays(MaxDaysDef { who: WhoDef::AllTeachers, days: 2, periods: Vec::new() })), 1);
}

#[test]
fn two_activities_consecutive_grouped_and_ordered_are_lesson_pairs() {
    use horarium_core::constraints::{LessonPairDef, PairRule};
    let pair = |tag: &str, a: u32, b: u32| {
        format!("<{tag}><Weight_Percentage>100</Weight_Percentage><First_Activity_Id>{a}</First_Activity_Id><Second_Activity_Id>{b}</Second_Activity_Id><Active>true</Active></{tag}>\n")
    };
    let added = pair("ConstraintTwoActivitiesConsecutive", 1, 4)
        + &pair("ConstraintTwoActivitiesGrouped", 4, 5)
        + &pair("ConstraintTwoActivitiesOrdered", 3, 2)
        + &pair("ConstraintTwoActivitiesGrouped", 4, 7);
    let text = small_text().replace("</Time_Constraints_List>", &(added + "</Time_Constraints_List>"));
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let pairs: Vec<LessonPairDef> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::LessonPair(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let lesson = |course: &str, lesson| LessonDef { course: course.to_owned(), lesson };
    let (math, french, religion) = ("Math 5 #1", "French 5 fr #4", "Religion 5 rel #5");
    // The pair with the inactive activity 7 is left out.
    assert_eq!(
        pairs,
        [
            LessonPairDef { first: lesson(math, 0), then: lesson(french, 0), rule: PairRule::Consecutive },
            LessonPairDef { first: lesson(french, 0), then: lesson(religion, 0), rule: PairRule::Grouped },
            LessonPairDef { first: lesson(math, 2), then: lesson(math, 1), rule: PairRule::Ordered },
        ]
    );
}

#[test]
fn activities_not_overlapping_are_not_overlapping() {
    use horarium_core::constraints::NotOverlappingDef;
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintActivitiesNotOverlapping><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>3</Number_of_Activities>\
         <Activity_Id>2</Activity_Id><Activity_Id>6</Activity_Id><Activity_Id>7</Activity_Id><Active>true</Active></ConstraintActivitiesNotOverlapping>\n\
         </Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let lesson = |course: &str, lesson| LessonDef { course: course.to_owned(), lesson };
    let found: Vec<&ConstraintDef> =
        read.problem.constraints.iter().map(|c| &c.constraint).filter(|c| matches!(c, ConstraintDef::NotOverlapping(_))).collect();
    // The inactive activity 7 is left out.
    assert_eq!(
        found,
        [&ConstraintDef::NotOverlapping(NotOverlappingDef { lessons: vec![lesson("Math 5 #1", 1), lesson("Art 6+5 fr eth #6", 0)] })]
    );
}

#[test]
fn early_beginnings_are_early_starts_with_each_subgroups_absences_not_counted() {
    use horarium_core::constraints::EarlyStartDef;
    let early = |extra: &str| {
        let text = small_text().replace("</Time_Constraints_List>", &format!("{extra}\n</Time_Constraints_List>"));
        let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        read.problem
            .constraints
            .iter()
            .filter_map(|c| match &c.constraint {
                ConstraintDef::EarlyStart(e) => Some((c.level, e.clone())),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let all = "<ConstraintStudentsEarlyMaxBeginningsAtSecondHour><Weight_Percentage>100</Weight_Percentage>\
               <Max_Beginnings_At_Second_Hour>1</Max_Beginnings_At_Second_Hour><Active>true</Active></ConstraintStudentsEarlyMaxBeginningsAtSecondHour>";
    // Nobody is ever away: one rule for every set.
    assert_eq!(early(all), [(Level::Hard, EarlyStartDef { who: WhoDef::AllGroups, max_late_days: 1, not_counted: vec![] })]);
    // Group "5 fr" is away on Mon at 08:00: its two subgroups do not count that period as late.
    let away = "<ConstraintStudentsSetNotAvailableTimes><Weight_Percentage>100</Weight_Percentage><Students>5 fr</Students>\
                <Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\
                <Not_Available_Time><Day>Mon</Day><Hour>08:00</Hour></Not_Available_Time><Active>true</Active></ConstraintStudentsSetNotAvailableTimes>";
    let rule = |who: &str, not_counted: Vec<SlotDef>| {
        (Level::Hard, EarlyStartDef { who: WhoDef::Group(who.to_owned()), max_late_days: 1, not_counted })
    };
    let monday_first = vec![SlotDef { day: 0, period: 0 }];
    assert_eq!(
        early(&format!("{all}{away}")),
        [rule("5 de rel", vec![]), rule("5 fr eth", monday_first.clone()), rule("5 fr rel", monday_first), rule("6", vec![])]
    );
    // A students set's own rule at 90 %: one soft rule on that set.
    let set = "<ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour><Weight_Percentage>90</Weight_Percentage><Students>5 rel</Students>\
               <Max_Beginnings_At_Second_Hour>0</Max_Beginnings_At_Second_Hour><Active>true</Active></ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour>";
    assert_eq!(early(set), [(soft(10), EarlyStartDef { who: WhoDef::Group("5 rel".to_owned()), max_late_days: 0, not_counted: vec![] })]);
}

#[test]
fn consecutive_if_same_day_holds_at_100_percent_whatever_the_weight_even_0() {
    let at_zero = small_text().replacen(
        "<Weight_Percentage>95</Weight_Percentage>\n\t<Consecutive_If_Same_Day>",
        "<Weight_Percentage>0</Weight_Percentage>\n\t<Consecutive_If_Same_Day>",
        1,
    );
    assert_ne!(at_zero, small_text(), "the fixture's min days constraint is at 95 %");
    let read = fet::parse("x.fet", &at_zero, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let lesson = |lesson| LessonDef { course: "Math 5 #1".to_owned(), lesson };
    let min_days: Vec<(Level, &ConstraintDef)> = read
        .problem
        .constraints
        .iter()
        .filter(|c| matches!(c.constraint, ConstraintDef::MinDaysBetween(_)))
        .map(|c| (c.level, &c.constraint))
        .collect();
    assert_eq!(
        min_days,
        [(
            Level::Hard,
            &ConstraintDef::MinDaysBetween(MinDaysBetweenDef {
                lessons: vec![lesson(0), lesson(1), lesson(2)],
                days: 0,
                consecutive_if_same_day: true
            })
        )]
    );
}

#[test]
fn same_starting_day_max_days_and_min_gaps_between_activities_are_lesson_list_kinds() {
    use horarium_core::constraints::{MaxDaysBetweenDef, MinGapBetweenDef};
    let list = |tag: &str, ids: &[u32], extra: &str| {
        let ids: String = ids.iter().map(|i| format!("<Activity_Id>{i}</Activity_Id>")).collect();
        format!("<{tag}><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>{ids}{extra}<Active>true</Active></{tag}>\n")
    };
    let added = [
        list("ConstraintActivitiesSameStartingDay", &[2, 4, 7], ""),
        list("ConstraintMaxDaysBetweenActivities", &[1, 5], "<MaxDays>1</MaxDays>"),
        // As far apart as the week allows (3 days: 2 apart at most): nothing to hold.
        list("ConstraintMaxDaysBetweenActivities", &[1, 6], "<MaxDays>2</MaxDays>"),
        list("ConstraintMinGapsBetweenActivities", &[3, 6], "<MinGaps>2</MinGaps>"),
        // More gaps than the day's 4 periods: as many as the day has.
        list("ConstraintMinGapsBetweenActivities", &[4, 5], "<MinGaps>9</MinGaps>"),
        list("ConstraintMinGapsBetweenActivities", &[4, 6], "<MinGaps>0</MinGaps>"),
    ]
    .concat();
    let text = small_text().replace("</Time_Constraints_List>", &format!("{added}</Time_Constraints_List>"));
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let lesson = |course: &str, lesson| LessonDef { course: course.to_owned(), lesson };
    let found: Vec<&ConstraintDef> = read
        .problem
        .constraints
        .iter()
        .map(|c| &c.constraint)
        .filter(|c| matches!(c, ConstraintDef::MaxDaysBetween(_) | ConstraintDef::MinGapBetween(_)))
        .collect();
    // The inactive activity 7 is left out.
    assert_eq!(
        found,
        [
            &ConstraintDef::MaxDaysBetween(MaxDaysBetweenDef {
                lessons: vec![lesson("Math 5 #1", 1), lesson("French 5 fr #4", 0)],
                days: 0
            }),
            &ConstraintDef::MaxDaysBetween(MaxDaysBetweenDef {
                lessons: vec![lesson("Math 5 #1", 0), lesson("Religion 5 rel #5", 0)],
                days: 1
            }),
            &ConstraintDef::MinGapBetween(MinGapBetweenDef {
                lessons: vec![lesson("Math 5 #1", 2), lesson("Art 6+5 fr eth #6", 0)],
                periods: 2
            }),
            &ConstraintDef::MinGapBetween(MinGapBetweenDef {
                lessons: vec![lesson("French 5 fr #4", 0), lesson("Religion 5 rel #5", 0)],
                periods: 4
            }),
        ]
    );
    // And the problem they make is valid.
    read.to_problem("x.fet").unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn max_hours_continuously_is_max_consecutive_periods() {
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintTeachersMaxHoursContinuously><Weight_Percentage>95</Weight_Percentage><Maximum_Hours_Continuously>2</Maximum_Hours_Continuously><Active>true</Active></ConstraintTeachersMaxHoursContinuously>\n\
         <ConstraintStudentsSetMaxHoursContinuously><Weight_Percentage>100</Weight_Percentage><Students>5 fr</Students><Maximum_Hours_Continuously>3</Maximum_Hours_Continuously><Active>true</Active></ConstraintStudentsSetMaxHoursContinuously>\n\
         <ConstraintTeacherMaxHoursContinuously><Weight_Percentage>100</Weight_Percentage><Teacher_Name>Ann</Teacher_Name><Maximum_Hours_Continuously>4</Maximum_Hours_Continuously><Active>true</Active></ConstraintTeacherMaxHoursContinuously>\n\
         </Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<(Level, &ConstraintDef)> = read
        .problem
        .constraints
        .iter()
        .filter(|c| matches!(c.constraint, ConstraintDef::MaxConsecutivePeriods(_)))
        .map(|c| (c.level, &c.constraint))
        .collect();
    // Ann's 4 in a row is as many as the day has: nothing to hold.
    assert_eq!(
        found,
        [
            (soft(20), &ConstraintDef::MaxConsecutivePeriods(MaxConsecutivePeriodsDef { who: WhoDef::AllTeachers, max: 2, courses: None })),
            (
                Level::Hard,
                &ConstraintDef::MaxConsecutivePeriods(MaxConsecutivePeriodsDef {
                    who: WhoDef::Group("5 fr".to_owned()),
                    max: 3,
                    courses: None
                })
            ),
        ]
    );
    let text = text.replace(
        "<Maximum_Hours_Continuously>3</Maximum_Hours_Continuously>",
        "<Maximum_Hours_Continuously>0</Maximum_Hours_Continuously>",
    );
    let message = refused(&text, FetOptions::default());
    assert!(message.contains("field \"Maximum_Hours_Continuously\": 0 hours in a row would forbid every activity"), "{message}");
}

#[test]
fn interval_max_days_per_week_is_max_days_in_the_intervals_periods() {
    use horarium_core::constraints::MaxDaysDef;
    let interval = |tag: &str, who: &str, start: &str, end: &str, days: u16| {
        format!(
            "<{tag}><Weight_Percentage>100</Weight_Percentage>{who}<Interval_Start_Hour>{start}</Interval_Start_Hour>\
             <Interval_End_Hour>{end}</Interval_End_Hour><Max_Days_Per_Week>{days}</Max_Days_Per_Week><Active>true</Active></{tag}>\n"
        )
    };
    let added = [
        interval("ConstraintTeacherIntervalMaxDaysPerWeek", "<Teacher_Name>Ann</Teacher_Name>", "09:00", "11:00", 1),
        // An empty end is the end of the day.
        interval("ConstraintStudentsSetIntervalMaxDaysPerWeek", "<Students>5 fr</Students>", "10:00", "", 2),
        // As many days as the week has: nothing to hold.
        interval("ConstraintTeachersIntervalMaxDaysPerWeek", "", "08:00", "", 3),
    ]
    .concat();
    let text = small_text().replace("</Time_Constraints_List>", &format!("{added}</Time_Constraints_List>"));
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<&ConstraintDef> = read
        .problem
        .constraints
        .iter()
        .map(|c| &c.constraint)
        .filter(|c| matches!(c, ConstraintDef::MaxDays(MaxDaysDef { periods, .. }) if !periods.is_empty()))
        .collect();
    assert_eq!(
        found,
        [
            &ConstraintDef::MaxDays(MaxDaysDef { who: WhoDef::Teacher("Ann".to_owned()), days: 1, periods: vec![1, 2] }),
            &ConstraintDef::MaxDays(MaxDaysDef { who: WhoDef::Group("5 fr".to_owned()), days: 2, periods: vec![2, 3] }),
        ]
    );
    let bad = small_text().replace(
        "</Time_Constraints_List>",
        &format!(
            "{}{}</Time_Constraints_List>",
            interval("ConstraintTeachersIntervalMaxDaysPerWeek", "", "11:00", "09:00", 1),
            interval("ConstraintTeachersIntervalMaxDaysPerWeek", "", "noon", "", 1)
        ),
    );
    let message = refused(&bad, FetOptions::default());
    assert!(message.contains("field \"Interval_End_Hour\": the interval from \"11:00\" to \"09:00\" holds no hour"), "{message}");
    assert!(message.contains("field \"Interval_Start_Hour\": unknown hour \"noon\""), "{message}");
}

#[test]
fn activities_are_selected_by_a_students_set_they_share_students_with() {
    let text = small_text().replace(
        "</Time_Constraints_List>",
        "<ConstraintActivitiesPreferredStartingTimes><Weight_Percentage>100</Weight_Percentage><Teacher_Name></Teacher_Name>\
         <Students_Name>5 fr</Students_Name><Subject_Name></Subject_Name><Activity_Tag_Name></Activity_Tag_Name>\
         <Number_of_Preferred_Starting_Times>1</Number_of_Preferred_Starting_Times>\
         <Preferred_Starting_Time><Preferred_Starting_Day>Wed</Preferred_Starting_Day><Preferred_Starting_Hour>08:00</Preferred_Starting_Hour></Preferred_Starting_Time>\
         <Active>true</Active></ConstraintActivitiesPreferredStartingTimes>\n</Time_Constraints_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let selected: Vec<String> = read
        .problem
        .constraints
        .iter()
        .filter_map(|c| match &c.constraint {
            ConstraintDef::LessonSlots(d) if d.slots == [SlotDef { day: 2, period: 0 }] => Some(d.lessons.clone()),
            _ => None,
        })
        .flatten()
        .map(|l| format!("{} {}", l.course, l.lesson))
        .collect();
    // French is 5 fr's own; Math is its year's (5); Religion's 5 rel shares the subgroup 5 fr rel
    // with it; Art's 5 fr eth is part of it.
    assert_eq!(selected, ["Math 5 #1 0", "Math 5 #1 1", "Math 5 #1 2", "French 5 fr #4 0", "Religion 5 rel #5 0", "Art 6+5 fr eth #6 0"]);
}

#[test]
fn max_span_per_day_is_max_span_unless_one_day_may_have_an_hour_more() {
    let span = |tag: &str, who: &str, exception: &str| {
        format!(
            "<{tag}><Weight_Percentage>100</Weight_Percentage>{who}<Max_Span>3</Max_Span>{exception}<Active>true</Active></{tag}>\n</Time_Constraints_List>"
        )
    };
    let text = small_text()
        .replace("</Time_Constraints_List>", &span("ConstraintTeacherMaxSpanPerDay", "<Teacher_Name>Ann</Teacher_Name>", ""))
        .replace(
            "</Time_Constraints_List>",
            &span(
                "ConstraintStudentsMaxSpanPerDay",
                "",
                "<Allow_One_Day_Exception_of_Plus_One>false</Allow_One_Day_Exception_of_Plus_One>",
            ),
        );
    let found = constraints_of(&text, |c| match c {
        ConstraintDef::MaxSpan(m) => Some(m),
        _ => None,
    });
    assert_eq!(found, [MaxSpanDef { who: WhoDef::Teacher("Ann".to_owned()), max: 3 }, MaxSpanDef { who: WhoDef::AllGroups, max: 3 }]);
    let text = small_text().replace(
        "</Time_Constraints_List>",
        &span("ConstraintTeachersMaxSpanPerDay", "", "<Allow_One_Day_Exception_of_Plus_One>true</Allow_One_Day_Exception_of_Plus_One>"),
    );
    let message = refused(&text, FetOptions::default());
    assert!(message.contains("constraint types Horarium does not support yet: ConstraintTeachersMaxSpanPerDay (1)"), "{message}");
}

#[test]
fn an_activity_tags_hours_are_limits_counting_the_courses_of_its_activities() {
    let text = small_text()
        .replace("<Subject>French</Subject>", "<Subject>French</Subject><Activity_Tag>Lang</Activity_Tag>")
        .replace("<Subject>Art</Subject>", "<Subject>Art</Subject><Activity_Tag>Lang</Activity_Tag>")
        .replace(
            "</Time_Constraints_List>",
            "<ConstraintTeacherActivityTagMaxHoursDaily><Weight_Percentage>100</Weight_Percentage><Teacher_Name>Bob</Teacher_Name>\
             <Activity_Tag_Name>Lang</Activity_Tag_Name><Maximum_Hours_Daily>1</Maximum_Hours_Daily><Active>true</Active>\
             </ConstraintTeacherActivityTagMaxHoursDaily>\
             <ConstraintStudentsActivityTagMaxHoursContinuously><Weight_Percentage>95</Weight_Percentage>\
             <Activity_Tag>Lang</Activity_Tag><Maximum_Hours_Continuously>1</Maximum_Hours_Continuously><Active>true</Active>\
             </ConstraintStudentsActivityTagMaxHoursContinuously>\
             <ConstraintTeachersActivityTagMaxHoursDaily><Weight_Percentage>100</Weight_Percentage>\
             <Activity_Tag_Name>Sport</Activity_Tag_Name><Maximum_Hours_Daily>1</Maximum_Hours_Daily><Active>true</Active>\
             </ConstraintTeachersActivityTagMaxHoursDaily>\n</Time_Constraints_List>",
        );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let tagged = || Some(vec!["Art 6+5 fr eth #6".to_owned(), "French 5 fr #4".to_owned()]);
    // No active activity has Sport: that limit constrains nothing.
    let found: Vec<(Level, ConstraintDef)> = read
        .problem
        .constraints
        .iter()
        .filter(|c| match &c.constraint {
            ConstraintDef::LessonsPerDay(d) => d.courses.is_some(),
            ConstraintDef::MaxConsecutivePeriods(d) => d.courses.is_some(),
            _ => false,
        })
        .map(|c| (c.level, c.constraint.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Level::Hard,
                ConstraintDef::LessonsPerDay(LessonsPerDayDef {
                    who: WhoDef::Teacher("Bob".to_owned()),
                    min: None,
                    max: Some(1),
                    every_day: false,
                    courses: tagged()
                })
            ),
            (
                soft(20),
                ConstraintDef::MaxConsecutivePeriods(MaxConsecutivePeriodsDef { who: WhoDef::AllGroups, max: 1, courses: tagged() })
            ),
        ]
    );
}

#[test]
fn building_changes_read_each_rooms_building() {
    let text = small_text()
        .replace("<Name>R1</Name><Building></Building>", "<Name>R1</Name><Building>North</Building>")
        .replace(
            "</Time_Constraints_List>",
            "<ConstraintTeacherMaxBuildingChangesPerDay><Weight_Percentage>100</Weight_Percentage><Teacher>Ann</Teacher>\
             <Max_Building_Changes_Per_Day>1</Max_Building_Changes_Per_Day><Active>true</Active></ConstraintTeacherMaxBuildingChangesPerDay>\
             <ConstraintStudentsMaxBuildingChangesPerWeek><Weight_Percentage>100</Weight_Percentage>\
             <Max_Building_Changes_Per_Week>3</Max_Building_Changes_Per_Week><Active>true</Active></ConstraintStudentsMaxBuildingChangesPerWeek>\
             <ConstraintStudentsSetMinGapsBetweenBuildingChanges><Weight_Percentage>100</Weight_Percentage><Students>5</Students>\
             <Min_Gaps_Between_Building_Changes>1</Min_Gaps_Between_Building_Changes><Active>true</Active></ConstraintStudentsSetMinGapsBetweenBuildingChanges>\
             <ConstraintTeachersMinGapsBetweenBuildingChanges><Weight_Percentage>100</Weight_Percentage>\
             <Min_Gaps_Between_Building_Changes>0</Min_Gaps_Between_Building_Changes><Active>true</Active></ConstraintTeachersMinGapsBetweenBuildingChanges>\
             \n</Time_Constraints_List>",
        );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let buildings: Vec<Option<&str>> = read.problem.rooms.iter().map(|r| r.building.as_deref()).collect();
    assert_eq!(buildings, [Some("North"), None]);
    let found = constraints_of(&text, |c| match c {
        ConstraintDef::BuildingChanges(b) => Some(b),
        _ => None,
    });
    // No gap asked for constrains nothing.
    assert_eq!(
        found,
        [
            BuildingChangesDef { who: WhoDef::Teacher("Ann".to_owned()), limit: BuildingLimit::MaxPerDay(1) },
            BuildingChangesDef { who: WhoDef::AllGroups, limit: BuildingLimit::MaxPerWeek(3) },
            BuildingChangesDef { who: WhoDef::Group("5".to_owned()), limit: BuildingLimit::MinGap(1) },
        ]
    );
}

#[test]
fn ordered_if_same_day_three_grouped_same_room_if_consecutive_and_resting_hours_are_read() {
    let text = small_text()
        .replace(
            "</Time_Constraints_List>",
            "<ConstraintTwoActivitiesOrderedIfSameDay><Weight_Percentage>100</Weight_Percentage><First_Activity_Id>4</First_Activity_Id>\
             <Second_Activity_Id>5</Second_Activity_Id><Active>true</Active></ConstraintTwoActivitiesOrderedIfSameDay>\
             <ConstraintThreeActivitiesGrouped><Weight_Percentage>100</Weight_Percentage><First_Activity_Id>1</First_Activity_Id>\
             <Second_Activity_Id>4</Second_Activity_Id><Third_Activity_Id>5</Third_Activity_Id><Active>true</Active></ConstraintThreeActivitiesGrouped>\
             <ConstraintThreeActivitiesGrouped><Weight_Percentage>100</Weight_Percentage><First_Activity_Id>4</First_Activity_Id>\
             <Second_Activity_Id>7</Second_Activity_Id><Third_Activity_Id>99</Third_Activity_Id><Active>true</Active></ConstraintThreeActivitiesGrouped>\
             <ConstraintTeacherMinRestingHours><Weight_Percentage>100</Weight_Percentage><Teacher_Name>Bob</Teacher_Name>\
             <Minimum_Resting_Hours>2</Minimum_Resting_Hours><Circular>true</Circular><Active>true</Active></ConstraintTeacherMinRestingHours>\
             <ConstraintStudentsMinRestingHours><Weight_Percentage>100</Weight_Percentage>\
             <Minimum_Resting_Hours>0</Minimum_Resting_Hours><Circular>false</Circular><Active>true</Active></ConstraintStudentsMinRestingHours>\
             \n</Time_Constraints_List>",
        )
        .replace(
            "</Space_Constraints_List>",
            "<ConstraintActivitiesSameRoomIfConsecutive><Weight_Percentage>100</Weight_Percentage><Number_of_Activities>2</Number_of_Activities>\
             <Activity_Id>4</Activity_Id><Activity_Id>5</Activity_Id><Active>true</Active></ConstraintActivitiesSameRoomIfConsecutive>\
             \n</Space_Constraints_List>",
        );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let lesson = |course: &str| LessonDef { course: course.to_owned(), lesson: 0 };
    let (french, religion) = (lesson("French 5 fr #4"), lesson("Religion 5 rel #5"));
    let found: Vec<ConstraintDef> = read
        .problem
        .constraints
        .iter()
        .map(|c| c.constraint.clone())
        .filter(|c| {
            matches!(
                c,
                ConstraintDef::LessonPair(_)
                    | ConstraintDef::GroupedLessons(_)
                    | ConstraintDef::SameRoomIfConsecutive(_)
                    | ConstraintDef::MinRest(_)
            )
        })
        .collect();
    // The second triple has an inactive activity and an unknown one: nothing is left to group;
    // no rest asked for constrains nothing.
    assert_eq!(
        found,
        [
            ConstraintDef::LessonPair(LessonPairDef { first: french.clone(), then: religion.clone(), rule: PairRule::OrderedIfSameDay }),
            ConstraintDef::GroupedLessons(GroupedLessonsDef { lessons: vec![lesson("Math 5 #1"), french.clone(), religion.clone()] }),
            ConstraintDef::MinRest(MinRestDef { who: WhoDef::Teacher("Bob".to_owned()), min: 2, circular: true }),
            ConstraintDef::SameRoomIfConsecutive(SameRoomIfConsecutiveDef { lessons: vec![french, religion] }),
        ]
    );
}

#[test]
fn two_teachers_whose_names_differ_only_in_spaces_stay_two_as_in_fet() {
    let text = small_text().replace(
        "</Teachers_List>",
        "<Teacher><Name>Bob </Name><Target_Number_of_Hours>0</Target_Number_of_Hours><Qualified_Subjects></Qualified_Subjects><Comments></Comments></Teacher>\n</Teachers_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = read.problem.teachers.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Bob", "Bob "]);
    assert!(read.to_problem("x.fet").is_ok());
}

#[test]
fn a_group_named_like_its_year_but_for_spaces_is_a_group_of_its_own_as_in_fet() {
    let text = small_text().replace(
        "</Students_List>",
        "<Year><Name>7</Name><Number_of_Students>10</Number_of_Students><Comments></Comments>\
         <Group><Name>7  </Name><Number_of_Students>10</Number_of_Students><Comments></Comments></Group></Year>\n</Students_List>",
    );
    let read = fet::parse("x.fet", &text, FetOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let group = read.problem.groups.iter().find(|g| g.name == "7  ").expect("the group keeps its spaces");
    assert_eq!(group.parent.as_deref(), Some("7"));
    assert!(read.to_problem("x.fet").is_ok());
}
