//! Timetables for people: one self-contained HTML page of week grids, one CSV row per lesson, or
//! an iCalendar file of weekly events.
//!
//! [`html`] draws a week grid for every group, teacher and room, with each lesson one block
//! spanning its periods, the lessons that violate a rule outlined with the explanation on hover,
//! and the list of all violations with their totals. [`csv`] writes the same lessons as a table
//! for spreadsheets. [`ics`] writes them as an RFC 5545 calendar, everyone's or one [`Owner`]'s,
//! each lesson a weekly event in a fixed reference week (see [`REFERENCE_MONDAY`]). All three take
//! the [`Score`] of the timetable, so they show exactly what the scorer found.
//!
//! ```
//! use horarium::{formats::json, render, score, Timetable};
//!
//! let problem = json::parse_problem("p.json", include_str!("../../../fixtures/json/lengths_pins_rooms.json"))?;
//! let timetable = Timetable::new(&problem); // nothing placed: every lesson is a violation
//! let score = score(&problem, &timetable);
//! let page = render::html(&problem, &timetable, &score);
//! assert!(page.contains("lesson 1 of course Maths-5A is not placed"));
//! assert_eq!(render::csv(&problem, &timetable, &score).lines().count(), 1); // the header alone
//! # Ok::<(), horarium::Error>(())
//! ```
//!
//! A teacher's calendar, stamped with the time it was made:
//!
//! ```
//! use horarium::{formats::json, render, score, Placement, Timetable};
//!
//! let problem = json::parse_problem("p.json", include_str!("../../../fixtures/json/lengths_pins_rooms.json"))?;
//! let mut timetable = Timetable::new(&problem);
//! let maths = problem.course(problem.course_by_name("Maths-5A").unwrap()); // taught by Ada
//! let at = Placement { slot: problem.calendar().slot(0, 1).unwrap(), room: problem.room_by_name("R1") };
//! timetable.set(maths.lessons().next().unwrap(), Some(at)).unwrap(); // a double period
//! let ada = render::Owner::Teacher(problem.teacher_by_name("Ada").unwrap());
//! let dtstamp = render::utc_dtstamp(1_796_083_200); // seconds since 1970: 2026-12-01 00:00 UTC
//! assert!(render::check_dtstamp(&dtstamp).is_ok());
//! let calendar = render::ics(&problem, &timetable, &score(&problem, &timetable), Some(ada), &dtstamp);
//! assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n") && calendar.ends_with("END:VCALENDAR\r\n"));
//! assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 1); // the one lesson placed
//! // Monday (2024-01-01), periods 1 and 2 (09:00 to 10:45), repeated every week.
//! assert!(calendar.contains("DTSTAMP:20261201T000000Z\r\nDTSTART:20240101T090000\r\nDTEND:20240101T104500\r\nRRULE:FREQ=WEEKLY\r\n"));
//! # Ok::<(), horarium::Error>(())
//! ```

mod csv;
mod grid;
mod html;
mod ics;

pub use self::csv::csv;
pub use self::html::html;
pub use self::ics::{check_dtstamp, ics, utc_dtstamp, DEFAULT_DTSTAMP, REFERENCE_MONDAY};

use horarium_core::{Calendar, CourseId, GroupId, Kind, LessonId, Problem, Resource, RoomId, Score, Slot, TeacherId, Timetable};

/// Whose lessons a calendar holds: a group's (with those of its subgroups and of the groups it is
/// part of, since its students attend them), a teacher's, or a room's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    /// A group.
    Group(GroupId),
    /// A teacher.
    Teacher(TeacherId),
    /// A room.
    Room(RoomId),
}

impl Owner {
    /// Its name in `problem`.
    pub fn name(self, problem: &Problem) -> &str {
        match self {
            Owner::Group(g) => &problem.group(g).name,
            Owner::Teacher(t) => &problem.teacher(t).name,
            Owner::Room(r) => &problem.room(r).name,
        }
    }
}

impl From<Owner> for Resource {
    fn from(owner: Owner) -> Self {
        match owner {
            Owner::Group(g) => Resource::Group(g),
            Owner::Teacher(t) => Resource::Teacher(t),
            Owner::Room(r) => Resource::Room(r),
        }
    }
}

/// A lesson as it stands in the timetable: a planned lesson, or a surplus one read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Placed {
    /// The lesson, or `None` for a surplus lesson.
    lesson: Option<LessonId>,
    course: CourseId,
    slot: Slot,
    /// Periods, as the scorer counts them (a surplus lesson lasts one).
    length: u16,
    room: Option<RoomId>,
    /// Indices into [`Score::violations`] of the violations this lesson is part of.
    violations: Vec<usize>,
}

impl Placed {
    /// The periods of its day the lesson covers, `start..end`, cut at the end of the day.
    fn periods(&self, calendar: &Calendar) -> std::ops::Range<u16> {
        let start = calendar.period(self.slot);
        start..start.saturating_add(self.length).min(calendar.periods_per_day)
    }
}

/// Every placed lesson, in lesson order and then the surplus lessons, with its violations.
fn placed(problem: &Problem, timetable: &Timetable, score: &Score) -> Vec<Placed> {
    let mut of_lesson: Vec<Vec<usize>> = vec![Vec::new(); problem.lessons().len()];
    for (idx, v) in score.violations.iter().enumerate() {
        for &l in &v.lessons {
            if of_lesson[l.index()].last() != Some(&idx) {
                of_lesson[l.index()].push(idx);
            }
        }
    }
    let mut res = Vec::new();
    for (idx, placement) in timetable.placements().iter().enumerate() {
        if let Some(p) = placement {
            let lesson = LessonId::from_index(idx);
            let info = problem.lesson(lesson);
            let violations = std::mem::take(&mut of_lesson[idx]);
            res.push(Placed { lesson: Some(lesson), course: info.course, slot: p.slot, length: info.length, room: p.room, violations });
        }
    }
    for s in timetable.surplus() {
        // The scorer names a surplus lesson by its course and slot only.
        let violations = (0..score.violations.len())
            .filter(|&idx| {
                let v = &score.violations[idx];
                v.kind == Kind::Unplaced
                    && v.lessons.is_empty()
                    && v.slots.contains(&s.placement.slot)
                    && v.resources.contains(&Resource::Course(s.course))
            })
            .collect();
        res.push(Placed { lesson: None, course: s.course, slot: s.placement.slot, length: 1, room: s.placement.room, violations });
    }
    res
}

/// Whether a lesson of `course` held in `room` belongs in the grid of a group, teacher or room.
/// A group's grid holds the lessons of its subgroups and of the groups it is part of, since its
/// students attend them.
fn shows(problem: &Problem, course: CourseId, room: Option<RoomId>, owner: Resource) -> bool {
    match owner {
        Resource::Group(g) => problem.course_involves_group(course, g),
        Resource::Teacher(t) => problem.course(course).teachers.contains(&t),
        Resource::Room(r) => room == Some(r),
        Resource::Course(c) => course == c,
    }
}

/// A period's name, or "period 3" as [`Calendar::slot_label`] writes it.
fn period_label(calendar: &Calendar, period: u16) -> String {
    calendar.period_names.get(usize::from(period)).cloned().unwrap_or_else(|| format!("period {period}"))
}

/// The names of a course's teachers.
fn teacher_names(problem: &Problem, course: CourseId) -> Vec<&str> {
    problem.course(course).teachers.iter().map(|&t| problem.teacher(t).name.as_str()).collect()
}

/// The names of a course's groups.
fn group_names(problem: &Problem, course: CourseId) -> Vec<&str> {
    problem.course(course).groups.iter().map(|&g| problem.group(g).name.as_str()).collect()
}

/// A room's name, or nothing for a lesson without a room.
fn room_name(problem: &Problem, room: Option<RoomId>) -> &str {
    room.map_or("", |r| problem.room(r).name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use horarium_core::formats::json;
    use horarium_core::{score, Placement, SurplusLesson};

    pub(super) fn fixture() -> Problem {
        json::parse_problem("lengths_pins_rooms.json", include_str!("../../../fixtures/json/lengths_pins_rooms.json")).unwrap()
    }

    #[test]
    fn placed_lessons_carry_their_violations_and_surplus_lessons_theirs() {
        let problem = fixture();
        let mut timetable = Timetable::new(&problem);
        let maths = problem.course_by_name("Maths-5A").unwrap();
        let chem = problem.course_by_name("Chem-5A").unwrap();
        let slot = problem.calendar().slot(1, 1).unwrap();
        let first = problem.course(maths).lessons().next().unwrap();
        let double = problem.course(chem).lessons().next().unwrap();
        timetable.set(first, Some(Placement { slot, room: problem.room_by_name("R1") })).unwrap();
        timetable.set(double, Some(Placement { slot, room: problem.room_by_name("Lab") })).unwrap();
        timetable.push_surplus(SurplusLesson { course: chem, placement: Placement { slot: Slot(0), room: None } }).unwrap();
        let score = score(&problem, &timetable);
        let placed = placed(&problem, &timetable, &score);
        assert_eq!(placed.len(), 3);
        assert_eq!((placed[0].lesson, placed[0].length), (Some(first), 2));
        assert_eq!(placed[0].periods(problem.calendar()), 1..3);
        let clash = |p: &Placed| p.violations.iter().any(|&v| score.violations[v].kind == Kind::Conflicts);
        assert!(clash(&placed[0]) && clash(&placed[1]), "{:#?}", score.violations);
        assert_eq!(placed[2].lesson, None);
        assert_eq!(placed[2].violations.len(), 1);
        assert!(score.violations[placed[2].violations[0]].message.contains("beyond its 1 planned lessons"));
        let group = Resource::Group(problem.course(maths).groups[0]);
        assert!(shows(&problem, maths, placed[0].room, group) && shows(&problem, chem, placed[1].room, group));
        let lab = Resource::Room(problem.room_by_name("Lab").unwrap());
        assert!(!shows(&problem, maths, placed[0].room, lab) && shows(&problem, chem, placed[1].room, lab));
    }

    #[test]
    fn a_lesson_past_the_end_of_the_day_is_cut_there() {
        let problem = fixture();
        let calendar = problem.calendar();
        let lesson =
            Placed { lesson: None, course: CourseId(0), slot: calendar.slot(0, 3).unwrap(), length: 2, room: None, violations: vec![] };
        assert_eq!(lesson.periods(calendar), 3..4);
        assert_eq!(period_label(calendar, 2), "period 2");
    }
}
