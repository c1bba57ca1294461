//! Generated secondary schools, feasible by construction.
//!
//! The generator first lays out a week for every class, then staffs and houses it: each course
//! gets a teacher of its subject who is free at all of its lessons (hiring one when nobody is),
//! and each lesson a room of the kind it needs that is free then (building one when none is).
//! The problem is written around that timetable, the *witness*, so every hard constraint holds
//! in it: the witness is returned with the problem and a test scores it at zero hard violations.
//!
//! The reference school (80 classes) has about 2,500 students, 120 teachers and 15 subjects over
//! 5 days of 8 periods. Classes split in two for a second language (French or Latin) and again
//! for religion or ethics, so each class is a small group hierarchy with parallel blocks.

use std::num::NonZeroU32;

use horarium_core::constraints::{
    ConstraintDef, ConstraintEntryDef, CourseSetDef, LessonsPerDayDef, MaxDaysDef, PreferredSlotsDef, ResourceRefDef, SlotDef, WhoDef,
};
use horarium_core::model::{CourseDef, GroupDef, LessonsDef, ProblemDef, RoomChoiceDef, RoomDef, TeacherDef};
use horarium_core::{rules, Calendar, Placement, Problem, RoomId, Slot, Timetable};

use crate::rng::{self, Rng};

const DAYS: u16 = 5;
const PERIODS: u16 = 8;
/// Most periods a teacher teaches in a week.
const TEACHER_LOAD: u32 = 27;
/// The tag of rooms a class can be taught in.
const CLASSROOM: &str = "classroom";
/// Teachers who teach at most this many periods are part-timers with a day off.
const PART_TIME_LOAD: u32 = 14;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct SchoolOptions {
    /// Number of classes (of about 31 students each), spread over grades 5 to 12.
    pub classes: usize,
    /// Random seed: the same options give the same school.
    pub seed: u64,
}

/// A generated school and the timetable it was built around.
#[derive(Clone, Debug)]
pub struct GeneratedSchool {
    /// The problem.
    pub problem: Problem,
    /// A timetable without hard violations (with some soft cost, as in a real school).
    pub witness: Timetable,
    /// Number of students.
    pub students: u32,
}

/// A room kind: which rooms may hold a subject's lessons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// The class's own room.
    Home,
    /// Any free classroom (another class's room, or a small room), for half a class.
    Classroom,
    /// A specialist room with this tag.
    Tagged(&'static str),
}

/// One subject of a class's plan: lesson lengths in lower (5–7) and upper (8–12) grades.
struct Subject {
    name: &'static str,
    place: Place,
    lower: &'static [u16],
    upper: &'static [u16],
}

/// The whole-class subjects of the plan.
const SUBJECTS: &[Subject] = &[
    Subject { name: "Maths", place: Place::Home, lower: &[1, 1, 1, 1], upper: &[2, 1, 1] },
    Subject { name: "German", place: Place::Home, lower: &[1, 1, 1, 1], upper: &[1, 1, 1] },
    Subject { name: "English", place: Place::Home, lower: &[1, 1, 1, 1], upper: &[1, 1, 1] },
    Subject { name: "Physics", place: Place::Tagged("lab"), lower: &[], upper: &[1, 1] },
    Subject { name: "Chemistry", place: Place::Tagged("lab"), lower: &[], upper: &[2] },
    Subject { name: "Biology", place: Place::Tagged("lab"), lower: &[1, 1], upper: &[1, 1] },
    Subject { name: "History", place: Place::Home, lower: &[1], upper: &[1, 1] },
    Subject { name: "Geography", place: Place::Home, lower: &[1, 1], upper: &[1] },
    Subject { name: "Art", place: Place::Tagged("art"), lower: &[2], upper: &[2] },
    Subject { name: "Music", place: Place::Tagged("music"), lower: &[1, 1], upper: &[1] },
    Subject { name: "Sport", place: Place::Tagged("gym"), lower: &[2, 1], upper: &[2] },
];

/// Pairs of subjects taught in parallel to the two halves of a class: (subject, subject, lengths).
const SPLITS: &[(&str, &str, &[u16])] = &[("French", "Latin", &[1, 1, 1]), ("Religion", "Ethics", &[1, 1])];

/// A course being planned: its name, subject, groups, students, room kind and lesson lengths.
struct Planned {
    name: String,
    subject: &'static str,
    groups: Vec<String>,
    students: u32,
    place: Place,
    home: usize,
    lengths: Vec<u16>,
    /// Per lesson: start slot, and room index once housed.
    slots: Vec<u16>,
    rooms: Vec<usize>,
    teacher: usize,
}

struct Room {
    name: String,
    capacity: u32,
    tag: Option<&'static str>,
    busy: u64,
}

struct Teacher {
    subjects: [&'static str; 2],
    busy: u64,
    load: u32,
}

/// The bits of the slots a lesson covers.
fn cover(start: u16, length: u16) -> u64 {
    ((1u64 << length) - 1) << start
}

fn class_name(grade: usize, index: usize) -> String {
    let mut letters = String::new();
    let mut k = index;
    loop {
        letters.insert(0, char::from(b'A' + u8::try_from(k % 26).unwrap_or(0)));
        if k < 26 {
            break;
        }
        k = k / 26 - 1;
    }
    format!("{grade}{letters}")
}

/// Generates a school. Panics only if `classes` is zero.
pub fn school(options: &SchoolOptions) -> GeneratedSchool {
    assert!(options.classes > 0, "a school has at least one class");
    let mut rng = rng::for_thread(options.seed, 0);
    let mut groups: Vec<GroupDef> = Vec::new();
    let mut rooms: Vec<Room> = Vec::new();
    let mut courses: Vec<Planned> = Vec::new();
    let mut parallel: Vec<(usize, usize)> = Vec::new();
    let mut students = 0;
    for k in 0..options.classes {
        let grade = 5 + k % 8;
        let class = class_name(grade, k / 8);
        let size = 26 + u32::try_from(rng::below(&mut rng, 9)).unwrap_or(0);
        students += size;
        let home = rooms.len();
        rooms.push(Room { name: format!("R-{class}"), capacity: 36, tag: Some(CLASSROOM), busy: 0 });
        plan_class(&mut rng, &class, grade, size, home, &mut groups, &mut courses, &mut parallel);
    }
    let mut teachers: Vec<Teacher> = Vec::new();
    // Staff the courses with the most periods first, when teachers have the most room.
    let mut order: Vec<usize> = (0..courses.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(courses[c].lengths.iter().sum::<u16>()));
    for c in order {
        courses[c].teacher = staff(&mut rng, &courses[c], &mut teachers);
    }
    // Home rooms first: a half class may then borrow a classroom its own class has left.
    for home_first in [true, false] {
        for course in courses.iter_mut().filter(|c| (c.place == Place::Home) == home_first) {
            house(course, &mut rooms);
        }
    }
    let school = School { groups: &groups, rooms: &rooms, courses: &courses, teachers: &teachers, parallel: &parallel, students };
    build(&mut rng, options, &school)
}

/// Adds the groups and courses of one class, with its week laid out.
#[allow(clippy::too_many_arguments, reason = "the school being built, passed down field by field")]
fn plan_class(
    rng: &mut Rng,
    class: &str,
    grade: usize,
    size: u32,
    home: usize,
    groups: &mut Vec<GroupDef>,
    courses: &mut Vec<Planned>,
    parallel: &mut Vec<(usize, usize)>,
) {
    // Class → two language halves → each split again for religion or ethics.
    groups.push(GroupDef { name: class.to_owned(), parent: None, parents: Vec::new() });
    let half = [size / 2, size - size / 2];
    // Students of the four leaves: language half a or b, then religion (r) or ethics (e).
    let quarter = [half[0] / 2, half[0] - half[0] / 2, half[1] / 2, half[1] - half[1] / 2];
    for lang in ["a", "b"] {
        let name = format!("{class}-{lang}");
        groups.push(GroupDef { name: name.clone(), parent: Some(class.to_owned()), parents: Vec::new() });
        for belief in ["r", "e"] {
            groups.push(GroupDef { name: format!("{name}{belief}"), parent: Some(name.clone()), parents: Vec::new() });
        }
    }
    let upper = grade >= 8;
    let first = courses.len();
    // Blocks: one course each, or two in parallel for the two halves.
    let mut blocks: Vec<(Vec<usize>, Vec<u16>)> = Vec::new();
    for s in SUBJECTS {
        let lengths = if upper { s.upper } else { s.lower };
        if lengths.is_empty() {
            continue;
        }
        blocks.push((vec![courses.len()], lengths.to_vec()));
        courses.push(Planned {
            name: format!("{}-{class}", s.name),
            subject: s.name,
            groups: vec![class.to_owned()],
            students: size,
            place: s.place,
            home,
            lengths: lengths.to_vec(),
            slots: Vec::new(),
            rooms: Vec::new(),
            teacher: 0,
        });
    }
    for (split, &(a, b, lengths)) in SPLITS.iter().enumerate() {
        let mut pair = Vec::new();
        for (h, subject) in [a, b].into_iter().enumerate() {
            let lang = ["a", "b"][h];
            let groups_of = if split == 0 {
                vec![format!("{class}-{lang}")]
            } else {
                let belief = ["r", "e"][h];
                vec![format!("{class}-a{belief}"), format!("{class}-b{belief}")]
            };
            pair.push(courses.len());
            courses.push(Planned {
                name: format!("{subject}-{class}"),
                subject,
                groups: groups_of,
                students: if split == 0 { half[h] } else { quarter[h] + quarter[2 + h] },
                place: if h == 0 { Place::Home } else { Place::Classroom },
                home,
                lengths: lengths.to_vec(),
                slots: Vec::new(),
                rooms: Vec::new(),
                teacher: 0,
            });
        }
        parallel.push((pair[0], pair[1]));
        blocks.push((pair, lengths.to_vec()));
    }
    lay_out_week(rng, &blocks, &mut courses[first..], first);
}

/// Gives every lesson of a class's blocks a start slot: days of 5 to 8 periods without gaps,
/// doubles first, and a block's lessons on different days where the days allow it.
fn lay_out_week(rng: &mut Rng, blocks: &[(Vec<usize>, Vec<u16>)], courses: &mut [Planned], first: usize) {
    let total: u16 = blocks.iter().flat_map(|(_, l)| l.iter()).sum();
    let mut capacity = [total / DAYS; DAYS as usize];
    let mut days: Vec<usize> = (0..DAYS as usize).collect();
    shuffle(rng, &mut days);
    for &d in &days[..usize::from(total % DAYS)] {
        capacity[d] += 1;
    }
    // Lessons as (block, index in block, length), doubles first, otherwise in random order.
    let mut items: Vec<(usize, usize, u16)> =
        blocks.iter().enumerate().flat_map(|(b, (_, lengths))| lengths.iter().enumerate().map(move |(i, &l)| (b, i, l))).collect();
    shuffle(rng, &mut items);
    items.sort_by_key(|&(_, _, l)| std::cmp::Reverse(l));
    let mut day_items: Vec<Vec<(usize, usize, u16)>> = vec![Vec::new(); DAYS as usize];
    for item in items {
        let used = |d: usize, day_items: &[Vec<(usize, usize, u16)>]| day_items[d].iter().map(|x| x.2).sum::<u16>();
        let fits = |d: usize, day_items: &[Vec<(usize, usize, u16)>]| used(d, day_items) + item.2 <= capacity[d];
        let fresh = |d: usize, day_items: &[Vec<(usize, usize, u16)>]| !day_items[d].iter().any(|x| x.0 == item.0);
        let mut days: Vec<usize> = (0..DAYS as usize).collect();
        shuffle(rng, &mut days);
        // A day with room and without this block; else a day with room; else the least used day.
        let chosen = days
            .iter()
            .copied()
            .find(|&d| fits(d, &day_items) && fresh(d, &day_items))
            .or_else(|| days.iter().copied().find(|&d| fits(d, &day_items)))
            .or_else(|| days.iter().copied().min_by_key(|&d| used(d, &day_items)))
            .unwrap_or(0);
        day_items[chosen].push(item);
    }
    for (day, list) in day_items.iter_mut().enumerate() {
        shuffle(rng, list);
        let used: u16 = list.iter().map(|x| x.2).sum();
        // Most days start at the first period; some start later, which spreads the demand for teachers.
        let latest = PERIODS.saturating_sub(used);
        let mut period =
            if latest > 0 && rng::below(rng, 3) == 0 { 1 + u16::try_from(rng::below(rng, latest as usize)).unwrap_or(0) } else { 0 };
        debug_assert!(used <= PERIODS, "day {day} holds {used} periods: {list:?} capacity {capacity:?}");
        for &(b, _, length) in list.iter() {
            #[allow(clippy::cast_possible_truncation, reason = "five days")]
            let slot = day as u16 * PERIODS + period;
            for &c in &blocks[b].0 {
                courses[c - first].slots.push(slot);
            }
            period += length;
        }
    }
    // Lessons were pushed day by day; their lengths must follow the same order.
    for (b, (members, _)) in blocks.iter().enumerate() {
        let order: Vec<u16> = day_items.iter().flat_map(|list| list.iter().filter(|x| x.0 == b).map(|x| x.2)).collect();
        for &c in members {
            courses[c - first].lengths.clone_from(&order);
        }
    }
}

fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng::below(rng, i + 1);
        items.swap(i, j);
    }
}

/// The teacher of a course: of its subject, free at all its lessons, the busiest such one (which
/// packs teachers' weeks); a new teacher when nobody is free.
fn staff(rng: &mut Rng, course: &Planned, teachers: &mut Vec<Teacher>) -> usize {
    let need: u64 = course.slots.iter().zip(&course.lengths).map(|(&s, &l)| cover(s, l)).fold(0, |a, b| a | b);
    let periods: u32 = course.lengths.iter().map(|&l| u32::from(l)).sum();
    let best = teachers
        .iter()
        .enumerate()
        .filter(|(_, t)| t.subjects.contains(&course.subject) && t.busy & need == 0 && t.load + periods <= TEACHER_LOAD)
        .max_by_key(|(_, t)| t.load)
        .map(|(k, _)| k);
    let k = best.unwrap_or_else(|| {
        let all: Vec<&'static str> = SUBJECTS.iter().map(|s| s.name).chain(SPLITS.iter().flat_map(|s| [s.0, s.1])).collect();
        let mut second = all[rng::below(rng, all.len())];
        if second == course.subject {
            second = all[(rng::below(rng, all.len() - 1) + 1 + all.iter().position(|&s| s == second).unwrap_or(0)) % all.len()];
        }
        teachers.push(Teacher { subjects: [course.subject, second], busy: 0, load: 0 });
        teachers.len() - 1
    });
    teachers[k].busy |= need;
    teachers[k].load += periods;
    k
}

/// A room for every lesson of a course: its home room, or a free room of its kind (a new one when none is free).
fn house(course: &mut Planned, rooms: &mut Vec<Room>) {
    for (&slot, &length) in course.slots.iter().zip(&course.lengths) {
        let need = cover(slot, length);
        let room = match course.place {
            Place::Home => course.home,
            Place::Classroom | Place::Tagged(_) => {
                let tag = match course.place {
                    Place::Tagged(t) => t,
                    _ => CLASSROOM,
                };
                match rooms.iter().position(|r| r.tag == Some(tag) && r.busy & need == 0 && r.capacity >= course.students) {
                    Some(r) => r,
                    None => {
                        let (name, capacity) = if tag == CLASSROOM { ("Small", 20) } else { (tag, 36) };
                        let n = rooms.iter().filter(|r| r.name.starts_with(&capitalized(name))).count() + 1;
                        rooms.push(Room { name: format!("{}-{n}", capitalized(name)), capacity, tag: Some(tag), busy: 0 });
                        rooms.len() - 1
                    }
                }
            }
        };
        rooms[room].busy |= need;
        course.rooms.push(room);
    }
}

fn capitalized(tag: &str) -> String {
    let mut chars = tag.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Writes the problem around the witness, with its hard rules and realistic soft preferences.
/// Everything planned, staffed and housed.
struct School<'a> {
    groups: &'a [GroupDef],
    rooms: &'a [Room],
    courses: &'a [Planned],
    teachers: &'a [Teacher],
    /// Pairs of courses taught at the same time to the two halves of a class.
    parallel: &'a [(usize, usize)],
    students: u32,
}

fn build(rng: &mut Rng, options: &SchoolOptions, school: &School<'_>) -> GeneratedSchool {
    let School { groups, rooms, courses, teachers, parallel, students } = *school;
    let teacher_name = |k: usize| format!("T{:04}", k + 1);
    let mut constraints = rules::school();
    let lessons_per_day = LessonsPerDayDef { who: WhoDef::AllGroups, min: Some(4), max: Some(8), every_day: false, courses: None };
    constraints.push(ConstraintEntryDef::soft(NonZeroU32::MIN, ConstraintDef::LessonsPerDay(lessons_per_day)));
    for &(a, b) in parallel {
        let courses = vec![courses[a].name.clone(), courses[b].name.clone()];
        constraints.push(ConstraintEntryDef::hard(ConstraintDef::SameTime(CourseSetDef { courses })));
    }
    for c in courses {
        constraints.extend(rules::spread(&c.name, c.lengths.len(), DAYS));
        if c.subject == "Physics" {
            let chemistry = c.name.replace("Physics", "Chemistry");
            let courses = vec![c.name.clone(), chemistry];
            constraints.push(ConstraintEntryDef::soft(NonZeroU32::MIN, ConstraintDef::DifferentDays(CourseSetDef { courses })));
        }
    }
    let day_period = |s: u16| (s / PERIODS, s % PERIODS);
    for (k, t) in teachers.iter().enumerate() {
        let free_days: Vec<u16> = (0..DAYS).filter(|&d| t.busy & (((1u64 << PERIODS) - 1) << (d * PERIODS)) == 0).collect();
        if t.load <= PART_TIME_LOAD && !free_days.is_empty() {
            // A part-timer's day off, and no more days than they work now.
            let off = free_days[rng::below(rng, free_days.len())];
            constraints.push(rules::unavailable_teacher(&teacher_name(k), (0..PERIODS).map(|p| (off, p))));
            #[allow(clippy::cast_possible_truncation, reason = "five days")]
            let worked = DAYS - free_days.len() as u16;
            let max_days = MaxDaysDef { who: WhoDef::Teacher(teacher_name(k)), days: worked, periods: Vec::new() };
            constraints.push(ConstraintEntryDef::hard(ConstraintDef::MaxDays(max_days)));
        } else if rng::below(rng, 5) == 0 {
            let free: Vec<u16> = (0..DAYS * PERIODS).filter(|&s| t.busy & (1u64 << s) == 0).collect();
            let slots: Vec<_> = (0..2 + rng::below(rng, 3)).map(|_| day_period(free[rng::below(rng, free.len())])).collect();
            constraints.push(rules::unavailable_teacher(&teacher_name(k), slots));
        }
        if rng::below(rng, 10) == 0 {
            let mornings = (0..DAYS).flat_map(|d| (0..5).map(move |p| SlotDef { day: d, period: p })).collect();
            let preferred = PreferredSlotsDef { resource: ResourceRefDef::Teacher(teacher_name(k)), slots: mornings };
            constraints.push(ConstraintEntryDef::soft(NonZeroU32::MIN, ConstraintDef::PreferredSlots(preferred)));
        }
    }
    let def = ProblemDef {
        name: format!("school-{}-classes-seed-{}", options.classes, options.seed),
        calendar: Calendar {
            days: DAYS,
            periods_per_day: PERIODS,
            day_names: ["Mon", "Tue", "Wed", "Thu", "Fri"].map(String::from).to_vec(),
            period_names: (1..=PERIODS).map(|p| p.to_string()).collect(),
            breaks: Vec::new(),
        },
        teachers: (0..teachers.len()).map(|k| TeacherDef { name: teacher_name(k) }).collect(),
        groups: groups.to_vec(),
        rooms: rooms
            .iter()
            .map(|r| RoomDef {
                name: r.name.clone(),
                capacity: r.capacity,
                tags: r.tag.map(|t| vec![t.to_owned()]).unwrap_or_default(),
                building: None,
            })
            .collect(),
        courses: courses
            .iter()
            .map(|c| CourseDef {
                name: c.name.clone(),
                teachers: vec![teacher_name(c.teacher)],
                groups: c.groups.clone(),
                students: c.students,
                lessons: if c.lengths.iter().all(|&l| l == 1) {
                    LessonsDef::Count(u32::try_from(c.lengths.len()).unwrap_or(0))
                } else {
                    LessonsDef::Lengths(c.lengths.clone())
                },
                rooms: match c.place {
                    Place::Home => RoomChoiceDef::Only(vec![rooms[c.home].name.clone()]),
                    Place::Classroom => RoomChoiceDef::Tagged(vec![CLASSROOM.to_owned()]),
                    Place::Tagged(t) => RoomChoiceDef::Tagged(vec![t.to_owned()]),
                },
                pinned: Vec::new(),
            })
            .collect(),
        constraints,
    };
    let problem = Problem::from_def(def).unwrap_or_else(|issues| panic!("the generator wrote an invalid problem: {issues:?}"));
    let mut witness = Timetable::new(&problem);
    for (c, course) in courses.iter().enumerate() {
        let lessons = problem.courses()[c].lessons();
        for (lesson, (&slot, &room)) in lessons.zip(course.slots.iter().zip(&course.rooms)) {
            let placement = Placement { slot: Slot(slot), room: Some(RoomId::from_index(room)) };
            witness.set(lesson, Some(placement)).expect("the witness uses the problem's slots and rooms");
        }
    }
    GeneratedSchool { problem, witness, students }
}
