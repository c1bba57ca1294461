//! Proptest generators of valid inputs: `.ctt` instances, rich problem definitions and timetables.
//!
//! Each generator draws raw numbers and then repairs them into a consistent value (names made
//! unique, references taken modulo the list they point into), so that shrinking still works on
//! the raw numbers. Invalid inputs are the business of the fuzz module.

use std::collections::HashSet;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed};

use horarium_core::constraints::{
    Conflicts, ConstraintDef, ConstraintEntryDef, IsolatedLessonsDef, MinWorkingDaysDef, ResourceRefDef, RoomCapacity, RoomOccupancy,
    RoomStabilityDef, SlotDef, UnavailableDef,
};
use horarium_core::formats::ctt::{CttCourse, CttCurriculum, CttInstance, CttRoom, CttUnavailability};
use horarium_core::model::{CourseDef, GroupDef, LessonsDef, PinDef, ProblemDef, RoomChoiceDef, RoomDef, TeacherDef};
use horarium_core::{Calendar, CourseId, Level, Placement, Problem, RoomChoice, RoomId, Slot, SurplusLesson, Timetable};

use crate::common::SplitMix64;

/// A proptest configuration with a fixed seed, so every run tests the same cases, and no
/// regression files (the fixed seed already replays a failure).
pub fn config(cases: u32) -> Config {
    Config { cases, rng_seed: RngSeed::Fixed(0x4f52_4152_4955_4d00), failure_persistence: None, ..Config::default() }
}

/// Tags a generated room may carry and a course may ask for.
const TAGS: [&str; 3] = ["lab", "gym", "big"];

/// A `.ctt` name: no whitespace, from a small alphabet so that names collide often.
fn ctt_name() -> impl Strategy<Value = String> {
    "[A-Ca-c0-2_.:-]{1,3}"
}

/// A JSON name: any printable text, empty included.
fn json_name() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[a-c0-2]{1,2}", 1 => "\\PC{0,6}"]
}

/// Makes names unique by appending underscores, keeping their order.
fn unique(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .map(|mut name| {
            while !seen.insert(name.clone()) {
                name.push('_');
            }
            name
        })
        .collect()
}

/// Picks distinct elements of `items` by the given indices (nothing when `items` is empty).
fn pick_distinct<T: Clone + PartialEq>(items: &[T], picks: &[Index]) -> Vec<T> {
    let mut res: Vec<T> = Vec::new();
    if items.is_empty() {
        return res;
    }
    for p in picks {
        let item = &items[p.index(items.len())];
        if !res.contains(item) {
            res.push(item.clone());
        }
    }
    res
}

/// A valid ITC-2007 instance: unique names, consistent references, days and periods in range.
pub fn ctt_instance() -> impl Strategy<Value = CttInstance> {
    let course = (ctt_name(), any::<Index>(), 0u32..=6, any::<u16>(), 0u32..=400);
    (
        1u16..=7,
        1u16..=9,
        "[A-Za-z0-9_-]([A-Za-z0-9 _.:-]{0,10}[A-Za-z0-9_-])?",
        vec(ctt_name(), 1..=4),
        vec(course, 0..=8),
        vec((ctt_name(), 0u32..=400), 0..=4),
        vec((ctt_name(), vec(any::<Index>(), 0..=4)), 0..=4),
        vec((any::<Index>(), any::<u16>(), any::<u16>()), 0..=8),
    )
        .prop_map(|(days, periods_per_day, name, teachers, courses, rooms, curricula, unavailability)| {
            let course_names = unique(courses.iter().map(|c| c.0.clone()));
            let courses: Vec<CttCourse> = courses
                .iter()
                .zip(&course_names)
                .map(|((_, teacher, lectures, min_days, students), name)| CttCourse {
                    name: name.clone(),
                    teacher: teachers[teacher.index(teachers.len())].clone(),
                    lectures: *lectures,
                    min_working_days: min_days % (days + 1),
                    students: *students,
                })
                .collect();
            let room_names = unique(rooms.iter().map(|r| r.0.clone()));
            let rooms = rooms.iter().zip(room_names).map(|((_, capacity), name)| CttRoom { name, capacity: *capacity }).collect();
            let curriculum_names = unique(curricula.iter().map(|q| q.0.clone()));
            let curricula = curricula
                .iter()
                .zip(curriculum_names)
                .map(|((_, members), name)| CttCurriculum { name, courses: pick_distinct(&course_names, members) })
                .collect();
            let unavailability = if course_names.is_empty() {
                Vec::new()
            } else {
                unavailability
                    .iter()
                    .map(|(course, day, period)| CttUnavailability {
                        course: course_names[course.index(course_names.len())].clone(),
                        day: day % days,
                        period: period % periods_per_day,
                    })
                    .collect()
            };
            CttInstance { name, days, periods_per_day, courses, rooms, curricula, unavailability }
        })
}

/// The raw draws for one course of [`problem_def`].
type RawCourse =
    (String, Vec<Index>, Vec<Index>, u32, (bool, u32, Vec<u16>), (u8, Vec<Index>, Vec<Index>), Vec<(Index, u16, u16, Option<Index>)>);

/// A valid problem definition using every feature of the model: lesson lengths, named days,
/// group parents, room tags and choices, pins and every constraint kind.
pub fn problem_def() -> impl Strategy<Value = ProblemDef> {
    let course = (
        json_name(),
        vec(any::<Index>(), 0..=2),
        vec(any::<Index>(), 0..=2),
        0u32..=100,
        (any::<bool>(), 0u32..5, vec(any::<u16>(), 0..=4)),
        (0u8..4, vec(any::<Index>(), 0..=2), vec(any::<Index>(), 0..=2)),
        vec((any::<Index>(), any::<u16>(), any::<u16>(), option::of(any::<Index>())), 0..=3),
    );
    let constraint = (0u8..7, option::of(1u32..=10), any::<Index>(), any::<u16>(), vec((any::<u16>(), any::<u16>()), 0..=4));
    (
        (1u16..=6, 1u16..=8, any::<bool>(), json_name()),
        vec(json_name(), 0..=4),
        vec((json_name(), option::of(any::<Index>())), 0..=5),
        vec((json_name(), 0u32..=200, vec(any::<Index>(), 0..=2)), 0..=4),
        vec(course, 0..=6),
        vec(constraint, 0..=8),
    )
        .prop_map(|((days, periods_per_day, named, name), teachers, groups, rooms, courses, constraints)| {
            let mut calendar = Calendar::new(days, periods_per_day);
            if named {
                calendar.day_names = (0..days).map(|d| format!("D{d}")).collect();
                calendar.period_names = (0..periods_per_day).map(|p| format!("{}:00", 8 + p)).collect();
            }
            let teacher_names = unique(teachers);
            let group_names = unique(groups.iter().map(|g| g.0.clone()));
            // A parent is always an earlier group, so the hierarchy has no cycle.
            let groups: Vec<GroupDef> = groups
                .iter()
                .enumerate()
                .map(|(idx, (_, parent))| GroupDef {
                    name: group_names[idx].clone(),
                    parent: parent.filter(|_| idx > 0).map(|p| group_names[p.index(idx)].clone()),
                    parents: Vec::new(),
                })
                .collect();
            let room_names = unique(rooms.iter().map(|r| r.0.clone()));
            let tags: Vec<String> = TAGS.iter().map(|t| (*t).to_owned()).collect();
            let rooms: Vec<RoomDef> = rooms
                .iter()
                .zip(&room_names)
                .map(|((_, capacity, tag_picks), name)| RoomDef {
                    name: name.clone(),
                    capacity: *capacity,
                    tags: pick_distinct(&tags, tag_picks),
                    building: None,
                })
                .collect();
            let course_names = unique(courses.iter().map(|c| c.0.clone()));
            let courses: Vec<CourseDef> = courses
                .iter()
                .zip(&course_names)
                .map(|(raw, name)| course_def(raw, name, &calendar, &teacher_names, &group_names, &room_names, &tags))
                .collect();
            let constraints = constraints
                .iter()
                .filter_map(|(kind, weight, pick, number, slots)| {
                    let level = weight.and_then(Level::soft).unwrap_or(Level::Hard);
                    let course = (!course_names.is_empty()).then(|| course_names[pick.index(course_names.len())].clone());
                    let constraint = match kind {
                        0 => ConstraintDef::Conflicts(Conflicts {}),
                        1 => ConstraintDef::RoomOccupancy(RoomOccupancy {}),
                        2 => ConstraintDef::RoomCapacity(RoomCapacity {}),
                        3 => {
                            let resources: Vec<ResourceRefDef> = [
                                teacher_names.iter().map(|n| ResourceRefDef::Teacher(n.clone())).collect::<Vec<_>>(),
                                group_names.iter().map(|n| ResourceRefDef::Group(n.clone())).collect(),
                                room_names.iter().map(|n| ResourceRefDef::Room(n.clone())).collect(),
                                course_names.iter().map(|n| ResourceRefDef::Course(n.clone())).collect(),
                            ]
                            .concat();
                            if resources.is_empty() {
                                return None;
                            }
                            let slots = slots.iter().map(|(d, p)| SlotDef { day: d % days, period: p % periods_per_day }).collect();
                            ConstraintDef::Unavailable(UnavailableDef { resource: resources[pick.index(resources.len())].clone(), slots })
                        }
                        4 => ConstraintDef::MinWorkingDays(MinWorkingDaysDef { course: course?, days: number % (days + 1) }),
                        5 if !group_names.is_empty() => {
                            ConstraintDef::IsolatedLessons(IsolatedLessonsDef { group: group_names[pick.index(group_names.len())].clone() })
                        }
                        5 => return None,
                        _ => ConstraintDef::RoomStability(RoomStabilityDef { course: course? }),
                    };
                    Some(ConstraintEntryDef { level, constraint })
                })
                .collect();
            ProblemDef {
                name,
                calendar,
                teachers: teacher_names.into_iter().map(|name| TeacherDef { name }).collect(),
                groups,
                rooms,
                courses,
                constraints,
            }
        })
}

fn course_def(
    raw: &RawCourse,
    name: &str,
    calendar: &Calendar,
    teachers: &[String],
    groups: &[String],
    rooms: &[String],
    tags: &[String],
) -> CourseDef {
    let (_, teacher_picks, group_picks, students, (as_count, count, lengths), (choice, tag_picks, room_picks), pins) = raw;
    let ppd = calendar.periods_per_day;
    let lessons = if *as_count { LessonsDef::Count(*count) } else { LessonsDef::Lengths(lengths.iter().map(|l| l % ppd + 1).collect()) };
    let n_lessons = match &lessons {
        LessonsDef::Count(n) => *n as usize,
        LessonsDef::Lengths(l) => l.len(),
    };
    let room_choice = match choice {
        0 => RoomChoiceDef::Any,
        1 => RoomChoiceDef::NoRoom,
        2 => RoomChoiceDef::Tagged(pick_distinct(tags, tag_picks)),
        _ => RoomChoiceDef::Only(pick_distinct(rooms, room_picks)),
    };
    let mut pinned: Vec<PinDef> = Vec::new();
    if n_lessons > 0 {
        for (lesson, day, period, room) in pins {
            let lesson = u32::try_from(lesson.index(n_lessons)).expect("a handful of lessons");
            let length = match &lessons {
                LessonsDef::Count(_) => 1,
                LessonsDef::Lengths(l) => l[lesson as usize],
            };
            // A pin keeps its lesson inside the day, as the reader requires.
            if pinned.iter().all(|p| p.lesson != lesson) && length <= ppd {
                let room = room.filter(|_| !rooms.is_empty()).map(|r| rooms[r.index(rooms.len())].clone());
                pinned.push(PinDef { lesson, day: day % calendar.days, period: period % (ppd - length + 1), room });
            }
        }
    }
    CourseDef {
        name: name.to_owned(),
        teachers: pick_distinct(teachers, teacher_picks),
        groups: pick_distinct(groups, group_picks),
        students: *students,
        lessons,
        rooms: room_choice,
        pinned,
    }
}

/// A random timetable for `problem`, drawn from `seed`.
///
/// With `complete`, every lesson is placed in a room (when the problem has rooms at all), the
/// lessons of a course in distinct slots while the week allows, so that the competition format,
/// which skips a repeated course and slot, can carry it. Otherwise lessons are placed or not at
/// random, sometimes without a room. Either way some courses whose lessons are all placed get
/// surplus lessons, as a reader makes them. Rooms ignore the course's room choice.
pub fn timetable(problem: &Problem, seed: u64, complete: bool) -> Timetable {
    let mut rng = SplitMix64::new(seed);
    let mut res = Timetable::new(problem);
    let n_slots = problem.calendar().n_slots();
    let n_rooms = problem.rooms().len();
    if complete && n_rooms == 0 {
        return res;
    }
    let pick_room = |rng: &mut SplitMix64, course: CourseId| -> Option<RoomId> {
        let roomless = matches!(problem.course(course).rooms, RoomChoice::NoRoom) || rng.chance(1, 10);
        (n_rooms > 0 && (complete || !roomless)).then(|| RoomId::from_index(rng.below(n_rooms)))
    };
    let to_slot = |s: usize| Slot(u16::try_from(s).expect("slots fit in u16"));
    for (course_idx, course) in problem.courses().iter().enumerate() {
        let course_id = CourseId::from_index(course_idx);
        let mut free: Vec<usize> = (0..n_slots).collect();
        rng.shuffle(&mut free);
        let mut next_slot = |rng: &mut SplitMix64| {
            if complete {
                free.pop()
            } else {
                Some(rng.below(n_slots))
            }
        };
        for lesson in course.lessons() {
            if !complete && rng.chance(1, 4) {
                continue;
            }
            let Some(slot) = next_slot(&mut rng) else {
                break;
            };
            let room = pick_room(&mut rng, course_id);
            res.set(lesson, Some(Placement { slot: to_slot(slot), room })).expect("slot and room exist");
        }
        if course.lessons().all(|l| res.get(l).is_some()) && rng.chance(1, 4) {
            for _ in 0..=rng.below(2) {
                let Some(slot) = next_slot(&mut rng) else {
                    break;
                };
                let room = pick_room(&mut rng, course_id);
                res.push_surplus(SurplusLesson { course: course_id, placement: Placement { slot: to_slot(slot), room } })
                    .expect("slot and room exist");
            }
        }
    }
    res
}
