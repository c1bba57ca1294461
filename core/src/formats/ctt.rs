//! ITC-2007 track 3 (curriculum-based course timetabling) instances: `.ctt` files.
//!
//! [`parse_instance`] reads the text into a [`CttInstance`], which mirrors the file exactly and
//! writes back with [`CttInstance::to_text`]; [`CttInstance::to_problem`] maps it onto the general
//! model. Solutions in the competition format live in [`crate::formats::ctt_solution`].
//!
//! The mapping: each curriculum becomes a group; each course gets its teacher, the groups of the
//! curricula that list it, its students and `#lectures` single-period lessons in any room; the
//! constraints are `conflicts`, `room_occupancy` and per-course `unavailable` (hard),
//! `room_capacity` (soft 1), `min_working_days` (soft 5), `isolated_lessons` per curriculum
//! (soft 2) and `room_stability` (soft 1): the competition's levels and weights.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::calendar::{Calendar, MAX_SLOTS};
use crate::constraints::{
    Conflicts, ConstraintDef, ConstraintEntryDef, IsolatedLessonsDef, MinWorkingDaysDef, ResourceRefDef, RoomCapacity, RoomOccupancy,
    RoomStabilityDef, SlotDef, UnavailableDef,
};
use crate::error::{Error, Issue};
use crate::level::Level;
use crate::problem::{CourseDef, GroupDef, LessonsDef, Problem, ProblemDef, RoomChoiceDef, RoomDef, TeacherDef};

/// Weight of `room_capacity` in ITC-2007: one per student without a seat.
pub const WEIGHT_ROOM_CAPACITY: u32 = 1;
/// Weight of `min_working_days` in ITC-2007: five per missing day.
pub const WEIGHT_MIN_WORKING_DAYS: u32 = 5;
/// Weight of `isolated_lessons` (curriculum compactness) in ITC-2007: two per isolated lecture.
pub const WEIGHT_CURRICULUM_COMPACTNESS: u32 = 2;
/// Weight of `room_stability` in ITC-2007: one per extra room.
pub const WEIGHT_ROOM_STABILITY: u32 = 1;

/// A `.ctt` instance, field for field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CttInstance {
    /// The `Name:` header.
    pub name: String,
    /// The `Days:` header.
    pub days: u16,
    /// The `Periods_per_day:` header.
    pub periods_per_day: u16,
    /// The `COURSES:` section.
    pub courses: Vec<CttCourse>,
    /// The `ROOMS:` section.
    pub rooms: Vec<CttRoom>,
    /// The `CURRICULA:` section.
    pub curricula: Vec<CttCurriculum>,
    /// The `UNAVAILABILITY_CONSTRAINTS:` section.
    pub unavailability: Vec<CttUnavailability>,
}

/// A line of `COURSES:`: `course teacher #lectures min_working_days #students`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CttCourse {
    /// Course id.
    pub name: String,
    /// Teacher id.
    pub teacher: String,
    /// Lectures per week.
    pub lectures: u32,
    /// Minimum number of days the lectures should be spread over.
    pub min_working_days: u16,
    /// Number of students.
    pub students: u32,
}

/// A line of `ROOMS:`: `room capacity`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CttRoom {
    /// Room id.
    pub name: String,
    /// Seats.
    pub capacity: u32,
}

/// A line of `CURRICULA:`: `curriculum #courses course...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CttCurriculum {
    /// Curriculum id.
    pub name: String,
    /// Member courses.
    pub courses: Vec<String>,
}

/// A line of `UNAVAILABILITY_CONSTRAINTS:`: `course day period`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CttUnavailability {
    /// Course id.
    pub course: String,
    /// Day, from 0.
    pub day: u16,
    /// Period, from 0.
    pub period: u16,
}

const HEADER_KEYS: [&str; 7] = ["Name", "Courses", "Rooms", "Days", "Periods_per_day", "Curricula", "Constraints"];
const SECTIONS: [&str; 5] = ["COURSES:", "ROOMS:", "CURRICULA:", "UNAVAILABILITY_CONSTRAINTS:", "END."];

/// Reads a `.ctt` file from disk; see [`parse_instance`].
pub fn read_instance(path: &std::path::Path) -> Result<CttInstance, Error> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
    let text = super::utf8(&file, &bytes)?;
    parse_instance(&file, text)
}

/// Parses the text of a `.ctt` instance. `file` names it in error messages.
///
/// Every issue found is reported with its line: missing or repeated headers, counts that do
/// not match the sections, malformed numbers, unknown or repeated names, days and periods
/// out of range.
pub fn parse_instance(file: &str, text: &str) -> Result<CttInstance, Error> {
    let mut p = Parser {
        lines: text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty()).collect(),
        pos: 0,
        issues: Vec::new(),
    };
    let res = p.instance();
    // Header values are checked after every header line has been read; a stable sort puts
    // their issues back in input order, as `Error::Parse` promises.
    p.issues.sort_by_key(|issue| issue.line);
    if p.issues.is_empty() {
        res.ok_or_else(|| Error::parse(file, vec![Issue::at_line(1, "", "unreadable instance")]))
    } else {
        Err(Error::parse(file, p.issues))
    }
}

struct Parser<'t> {
    lines: Vec<(usize, &'t str)>,
    pos: usize,
    issues: Vec<Issue>,
}

struct Header {
    values: HashMap<&'static str, (usize, String)>,
}

impl<'t> Parser<'t> {
    fn last_line(&self) -> usize {
        self.lines.last().map_or(1, |l| l.0)
    }

    fn instance(&mut self) -> Option<CttInstance> {
        let header = self.header();
        let name = header.values.get("Name").map(|v| v.1.clone());
        let mut count = |key: &'static str, max: u64| -> Option<(usize, u64)> {
            let (line, value) = header.values.get(key)?;
            number(&mut self.issues, *line, key, value, max).map(|n| (*line, n))
        };
        let n_courses = count("Courses", u64::from(u32::MAX));
        let n_rooms = count("Rooms", u64::from(u32::MAX));
        let days = count("Days", u64::from(u16::MAX));
        let ppd = count("Periods_per_day", u64::from(u16::MAX));
        let n_curricula = count("Curricula", u64::from(u32::MAX));
        let n_unavail = count("Constraints", u64::from(u32::MAX));
        #[allow(clippy::cast_possible_truncation, reason = "bounded by u16::MAX in `number`")]
        let (days, ppd) = (days.map(|d| d.1 as u16), ppd.map(|p| p.1 as u16));
        if let (Some(d), Some(p)) = (days, ppd) {
            if d == 0 || p == 0 || usize::from(d) * usize::from(p) > MAX_SLOTS {
                let line = header.values["Days"].0;
                self.issues.push(Issue::at_line(
                    line,
                    "Days",
                    format!("{d} days of {p} periods: expected at least 1 of each and at most {MAX_SLOTS} slots"),
                ));
            }
        }

        let course_rows = self.section("COURSES:", n_courses, "courses");
        let mut courses = Vec::new();
        let mut course_names = HashSet::new();
        for (line, fields) in course_rows {
            let [name, teacher, lectures, min_days, students] = fields[..] else {
                self.issues.push(Issue::at_line(
                    line,
                    "COURSES",
                    format!("expected 5 fields (course teacher lectures min_working_days students), found {}", fields.len()),
                ));
                continue;
            };
            let lectures = number(&mut self.issues, line, "lectures", lectures, u64::from(u32::MAX));
            let min_days = number(&mut self.issues, line, "min_working_days", min_days, u64::from(u16::MAX));
            let students = number(&mut self.issues, line, "students", students, u64::from(u32::MAX));
            if !course_names.insert(name) {
                self.issues.push(Issue::at_line(line, "course", format!("course {name:?} is defined twice")));
            }
            if let (Some(lectures), Some(min_days), Some(students)) = (lectures, min_days, students) {
                #[allow(clippy::cast_possible_truncation, reason = "bounded in `number`")]
                courses.push(CttCourse {
                    name: name.to_owned(),
                    teacher: teacher.to_owned(),
                    lectures: lectures as u32,
                    min_working_days: min_days as u16,
                    students: students as u32,
                });
            }
        }
        let total_lectures: u64 = courses.iter().map(|c| u64::from(c.lectures)).sum();
        if total_lectures > crate::entities::MAX_LESSONS as u64 {
            let line = header.values.get("Courses").map_or(1, |v| v.0);
            self.issues.push(Issue::at_line(
                line,
                "lectures",
                format!("{total_lectures} lectures in total is more than the supported {}", crate::entities::MAX_LESSONS),
            ));
        }

        let room_rows = self.section("ROOMS:", n_rooms, "rooms");
        let mut rooms = Vec::new();
        let mut room_names = HashSet::new();
        for (line, fields) in room_rows {
            let [name, capacity] = fields[..] else {
                self.issues.push(Issue::at_line(line, "ROOMS", format!("expected 2 fields (room capacity), found {}", fields.len())));
                continue;
            };
            if !room_names.insert(name) {
                self.issues.push(Issue::at_line(line, "room", format!("room {name:?} is defined twice")));
            }
            if let Some(capacity) = number(&mut self.issues, line, "capacity", capacity, u64::from(u32::MAX)) {
                #[allow(clippy::cast_possible_truncation, reason = "bounded in `number`")]
                rooms.push(CttRoom { name: name.to_owned(), capacity: capacity as u32 });
            }
        }

        let curriculum_rows = self.section("CURRICULA:", n_curricula, "curricula");
        let mut curricula = Vec::new();
        let mut curriculum_names = HashSet::new();
        for (line, fields) in curriculum_rows {
            if fields.len() < 2 {
                self.issues.push(Issue::at_line(
                    line,
                    "CURRICULA",
                    format!("expected a curriculum, a count and its courses, found {} fields", fields.len()),
                ));
                continue;
            }
            let name = fields[0];
            if !curriculum_names.insert(name) {
                self.issues.push(Issue::at_line(line, "curriculum", format!("curriculum {name:?} is defined twice")));
            }
            let members = &fields[2..];
            if let Some(n) = number(&mut self.issues, line, "#courses", fields[1], u64::from(u32::MAX)) {
                if n != members.len() as u64 {
                    self.issues.push(Issue::at_line(
                        line,
                        "#courses",
                        format!("curriculum {name:?} announces {n} courses but lists {}", members.len()),
                    ));
                }
            }
            let mut seen = HashSet::new();
            for &m in members {
                if !course_names.contains(m) {
                    self.issues.push(Issue::at_line(line, "course", format!("curriculum {name:?} lists unknown course {m:?}")));
                } else if !seen.insert(m) {
                    self.issues.push(Issue::at_line(line, "course", format!("curriculum {name:?} lists course {m:?} twice")));
                }
            }
            curricula.push(CttCurriculum { name: name.to_owned(), courses: members.iter().map(|m| (*m).to_owned()).collect() });
        }

        let unavail_rows = self.section("UNAVAILABILITY_CONSTRAINTS:", n_unavail, "unavailability constraints");
        let mut unavailability = Vec::new();
        for (line, fields) in unavail_rows {
            let [course, day, period] = fields[..] else {
                self.issues.push(Issue::at_line(
                    line,
                    "UNAVAILABILITY_CONSTRAINTS",
                    format!("expected 3 fields (course day period), found {}", fields.len()),
                ));
                continue;
            };
            if !course_names.contains(course) {
                self.issues.push(Issue::at_line(line, "course", format!("unknown course {course:?}")));
            }
            let day_n = number(&mut self.issues, line, "day", day, u64::from(days.unwrap_or(u16::MAX)).saturating_sub(1));
            let period_n = number(&mut self.issues, line, "period", period, u64::from(ppd.unwrap_or(u16::MAX)).saturating_sub(1));
            if let (Some(d), Some(p)) = (day_n, period_n) {
                #[allow(clippy::cast_possible_truncation, reason = "bounded in `number`")]
                unavailability.push(CttUnavailability { course: course.to_owned(), day: d as u16, period: p as u16 });
            }
        }
        self.end();
        Some(CttInstance { name: name?, days: days?, periods_per_day: ppd?, courses, rooms, curricula, unavailability })
    }

    fn header(&mut self) -> Header {
        let mut values: HashMap<&'static str, (usize, String)> = HashMap::new();
        while let Some(&(line, text)) = self.lines.get(self.pos) {
            let text = text.trim();
            if SECTIONS.contains(&text) {
                break;
            }
            self.pos += 1;
            let Some((key, value)) = text.split_once(':') else {
                self.issues.push(Issue::at_line(
                    line,
                    "header",
                    format!("expected \"Key: value\" or \"COURSES:\", found {:?}", clip(text)),
                ));
                continue;
            };
            let key = key.trim();
            match HEADER_KEYS.iter().find(|k| **k == key) {
                Some(k) => {
                    if values.insert(k, (line, value.trim().to_owned())).is_some() {
                        self.issues.push(Issue::at_line(line, *k, format!("header {k:?} appears twice")));
                    }
                }
                None => self.issues.push(Issue::at_line(
                    line,
                    "header",
                    format!("unknown header {:?}; expected one of {}", clip(key), HEADER_KEYS.join(", ")),
                )),
            }
        }
        for key in HEADER_KEYS {
            if !values.contains_key(key) {
                let line = self.lines.get(self.pos).map_or(self.last_line(), |l| l.0);
                self.issues.push(Issue::at_line(line, key, format!("missing header \"{key}:\"")));
            }
        }
        Header { values }
    }

    /// Reads the rows of one section, checking its title and its announced row count.
    fn section(&mut self, title: &str, expected: Option<(usize, u64)>, what: &str) -> Vec<(usize, Vec<&'t str>)> {
        let mut rows = Vec::new();
        let title_line = match self.lines.get(self.pos) {
            Some(&(line, text)) if text.trim() == title => {
                self.pos += 1;
                line
            }
            Some(&(line, text)) => {
                self.issues.push(Issue::at_line(line, title, format!("expected section {title:?}, found {:?}", clip(text.trim()))));
                // Skip to the section if it comes later, so the rest can still be checked.
                match self.lines[self.pos..].iter().position(|(_, t)| t.trim() == title) {
                    Some(offset) => {
                        self.pos += offset + 1;
                        line
                    }
                    None => return rows,
                }
            }
            None => {
                self.issues.push(Issue::at_line(self.last_line(), title, format!("expected section {title:?}, found the end of the file")));
                return rows;
            }
        };
        while let Some(&(line, text)) = self.lines.get(self.pos) {
            if SECTIONS.contains(&text.trim()) {
                break;
            }
            self.pos += 1;
            rows.push((line, text.split_whitespace().collect()));
        }
        if let Some((header_line, n)) = expected {
            if rows.len() as u64 != n {
                self.issues.push(Issue::at_line(
                    title_line,
                    title,
                    format!("the header (line {header_line}) announces {n} {what}, the section has {}", rows.len()),
                ));
            }
        }
        rows
    }

    fn end(&mut self) {
        match self.lines.get(self.pos) {
            Some(&(_, text)) if text.trim() == "END." => {
                if let Some(&(line, text)) = self.lines.get(self.pos + 1) {
                    self.issues.push(Issue::at_line(line, "END.", format!("unexpected text after \"END.\": {:?}", clip(text.trim()))));
                }
            }
            Some(&(line, text)) => {
                self.issues.push(Issue::at_line(line, "END.", format!("expected \"END.\", found {:?}", clip(text.trim()))))
            }
            None => self.issues.push(Issue::at_line(self.last_line(), "END.", "expected \"END.\", found the end of the file")),
        }
    }
}

/// Parses a non-negative integer no larger than `max`, recording an issue otherwise.
fn number(issues: &mut Vec<Issue>, line: usize, field: &str, text: &str, max: u64) -> Option<u64> {
    let text = text.trim();
    let message = if text.starts_with('-') && text.len() > 1 && text[1..].bytes().all(|b| b.is_ascii_digit()) {
        format!("expected a non-negative integer, found {text:?}")
    } else if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        format!("expected an integer, found {:?}", clip(text))
    } else {
        match text.parse::<u64>() {
            Ok(n) if n <= max => return Some(n),
            _ => format!("expected at most {max}, found {}", clip(text)),
        }
    };
    issues.push(Issue::at_line(line, field, message));
    None
}

/// Shortens a quoted input so one bad line cannot flood a message.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(40) {
        Some((idx, _)) => &text[..idx],
        None => text,
    }
}

impl CttInstance {
    /// The instance in `.ctt` syntax; parsing it gives back an equal instance.
    pub fn to_text(&self) -> String {
        let mut res = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(res, "Name: {}", self.name);
        let _ = writeln!(res, "Courses: {}", self.courses.len());
        let _ = writeln!(res, "Rooms: {}", self.rooms.len());
        let _ = writeln!(res, "Days: {}", self.days);
        let _ = writeln!(res, "Periods_per_day: {}", self.periods_per_day);
        let _ = writeln!(res, "Curricula: {}", self.curricula.len());
        let _ = writeln!(res, "Constraints: {}", self.unavailability.len());
        res.push_str("\nCOURSES:\n");
        for c in &self.courses {
            let _ = writeln!(res, "{} {} {} {} {}", c.name, c.teacher, c.lectures, c.min_working_days, c.students);
        }
        res.push_str("\nROOMS:\n");
        for r in &self.rooms {
            let _ = writeln!(res, "{}\t{}", r.name, r.capacity);
        }
        res.push_str("\nCURRICULA:\n");
        for q in &self.curricula {
            let _ = writeln!(res, "{}  {}  {}", q.name, q.courses.len(), q.courses.join(" "));
        }
        res.push_str("\nUNAVAILABILITY_CONSTRAINTS:\n");
        for u in &self.unavailability {
            let _ = writeln!(res, "{} {} {}", u.course, u.day, u.period);
        }
        res.push_str("\nEND.\n");
        res
    }

    /// What is valid in the format but cannot be met: a course asking for more working days than
    /// the week has. The competition's validator charges every missing day, so such a course
    /// costs at least that much in any timetable; the instance is read and scored that way.
    pub fn warnings(&self) -> Vec<Issue> {
        self.courses
            .iter()
            .filter(|c| c.min_working_days > self.days)
            .map(|c| {
                let missing = u32::from(c.min_working_days - self.days);
                Issue::at_path(
                    "min_working_days".to_owned(),
                    format!(
                        "course {} asks for {} working days, but the week has {}; every timetable misses at least {missing}, \
                         which costs at least {} as the competition scores it",
                        c.name,
                        c.min_working_days,
                        self.days,
                        missing * WEIGHT_MIN_WORKING_DAYS
                    ),
                )
            })
            .collect()
    }

    /// The instance in the general model, with the competition's constraints, levels and weights.
    ///
    /// Fails only for an instance that was built by hand with inconsistent names or ranges;
    /// every instance returned by [`parse_instance`] converts.
    pub fn to_problem(&self) -> Result<Problem, Error> {
        Problem::from_def(self.to_def()).map_err(|issues| Error::parse(&self.name, issues))
    }

    fn to_def(&self) -> ProblemDef {
        let mut teachers: Vec<TeacherDef> = Vec::new();
        let mut seen_teachers = HashSet::new();
        for c in &self.courses {
            if seen_teachers.insert(c.teacher.as_str()) {
                teachers.push(TeacherDef { name: c.teacher.clone() });
            }
        }
        let mut groups_of: HashMap<&str, Vec<String>> = HashMap::new();
        for q in &self.curricula {
            for m in &q.courses {
                groups_of.entry(m.as_str()).or_default().push(q.name.clone());
            }
        }
        let soft = |w: u32| Level::soft(w).expect("ITC-2007 weights are positive constants");
        let mut constraints = vec![
            ConstraintEntryDef { level: Level::Hard, constraint: ConstraintDef::Conflicts(Conflicts {}) },
            ConstraintEntryDef { level: Level::Hard, constraint: ConstraintDef::RoomOccupancy(RoomOccupancy {}) },
        ];
        let mut unavailable: Vec<(&str, Vec<SlotDef>)> = Vec::new();
        for u in &self.unavailability {
            let slot = SlotDef { day: u.day, period: u.period };
            match unavailable.iter_mut().find(|(c, _)| *c == u.course) {
                Some((_, slots)) => slots.push(slot),
                None => unavailable.push((&u.course, vec![slot])),
            }
        }
        for (course, slots) in unavailable {
            constraints.push(ConstraintEntryDef {
                level: Level::Hard,
                constraint: ConstraintDef::Unavailable(UnavailableDef { resource: ResourceRefDef::Course(course.to_owned()), slots }),
            });
        }
        constraints
            .push(ConstraintEntryDef { level: soft(WEIGHT_ROOM_CAPACITY), constraint: ConstraintDef::RoomCapacity(RoomCapacity {}) });
        for c in self.courses.iter().filter(|c| c.min_working_days > 0) {
            constraints.push(ConstraintEntryDef {
                level: soft(WEIGHT_MIN_WORKING_DAYS),
                constraint: ConstraintDef::MinWorkingDays(MinWorkingDaysDef { course: c.name.clone(), days: c.min_working_days }),
            });
        }
        for q in &self.curricula {
            constraints.push(ConstraintEntryDef {
                level: soft(WEIGHT_CURRICULUM_COMPACTNESS),
                constraint: ConstraintDef::IsolatedLessons(IsolatedLessonsDef { group: q.name.clone() }),
            });
        }
        for c in &self.courses {
            constraints.push(ConstraintEntryDef {
                level: soft(WEIGHT_ROOM_STABILITY),
                constraint: ConstraintDef::RoomStability(RoomStabilityDef { course: c.name.clone() }),
            });
        }
        ProblemDef {
            name: self.name.clone(),
            calendar: Calendar::new(self.days, self.periods_per_day),
            teachers,
            groups: self.curricula.iter().map(|q| GroupDef { name: q.name.clone(), parent: None, parents: Vec::new() }).collect(),
            rooms: self
                .rooms
                .iter()
                .map(|r| RoomDef { name: r.name.clone(), capacity: r.capacity, tags: Vec::new(), building: None })
                .collect(),
            courses: self
                .courses
                .iter()
                .map(|c| CourseDef {
                    name: c.name.clone(),
                    teachers: vec![c.teacher.clone()],
                    groups: groups_of.get(c.name.as_str()).cloned().unwrap_or_default(),
                    students: c.students,
                    lessons: LessonsDef::Count(c.lectures),
                    rooms: RoomChoiceDef::Any,
                    pinned: Vec::new(),
                })
                .collect(),
            constraints,
        }
    }
}
