//! ITC-2007 track 3 solutions: one line per lecture, `course room day period`.
//!
//! Reading follows the competition's validator: a line naming an unknown course or room, a day
//! or period out of range, or a second lecture of a course in a period it already uses, is
//! skipped with a warning (and the lecture then counts as unplaced). A course's lines fill its
//! lessons in order; lines beyond its number of lectures become surplus lessons, which the
//! scorer counts, so nothing in the file is silently lost.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::error::{Error, Issue};
use crate::ids::{CourseId, Slot};
use crate::problem::Problem;
use crate::timetable::{Placement, SurplusLesson, Timetable};

/// A timetable read from a solution file, with the lines that were skipped.
#[derive(Clone, Debug)]
pub struct SolutionRead {
    /// The timetable.
    pub timetable: Timetable,
    /// One warning per skipped line, as the competition's validator would print it.
    pub warnings: Vec<Issue>,
}

/// Reads a solution file from disk; see [`parse_solution`].
pub fn read_solution(problem: &Problem, path: &std::path::Path) -> Result<SolutionRead, Error> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
    Ok(parse_solution(problem, super::utf8(&file, &bytes)?))
}

/// Parses a solution in the competition format against `problem`. Never fails: bad lines become warnings.
pub fn parse_solution(problem: &Problem, text: &str) -> SolutionRead {
    let calendar = problem.calendar();
    let mut timetable = Timetable::new(problem);
    let mut warnings = Vec::new();
    let mut used: HashSet<(CourseId, Slot)> = HashSet::new();
    let mut filled = vec![0usize; problem.courses().len()];
    // A line ends with "\n", "\r\n" or a lone "\r", as the independent checker (Python's universal
    // newlines) reads it; `str::lines` alone would merge lines ended by a lone "\r".
    let lines = text.split('\n').flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'));
    for (idx, line) in lines.enumerate() {
        let line_no = idx + 1;
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        let [course_name, room_name, day, period] = fields[..] else {
            warnings.push(Issue::at_line(line_no, "line", format!("expected 4 fields (course room day period), found {}", fields.len())));
            continue;
        };
        let (Ok(day), Ok(period)) = (day.parse::<i64>(), period.parse::<i64>()) else {
            warnings.push(Issue::at_line(line_no, "day/period", format!("expected integers, found {day:?} and {period:?}")));
            continue;
        };
        let Some(course) = problem.course_by_name(course_name) else {
            warnings.push(Issue::at_line(line_no, "course", format!("unknown course {course_name:?}")));
            continue;
        };
        let Some(room) = problem.room_by_name(room_name) else {
            warnings.push(Issue::at_line(line_no, "room", format!("unknown room {room_name:?}")));
            continue;
        };
        let slot = u16::try_from(day).ok().zip(u16::try_from(period).ok()).and_then(|(d, p)| calendar.slot(d, p));
        let Some(slot) = slot else {
            warnings.push(Issue::at_line(
                line_no,
                "day/period",
                format!("day {day} period {period} is outside the {}x{} week", calendar.days, calendar.periods_per_day),
            ));
            continue;
        };
        if !used.insert((course, slot)) {
            warnings.push(Issue::at_line(
                line_no,
                "period",
                format!("repeated entry: course {course_name} already has a lecture at day {day} period {period}"),
            ));
            continue;
        }
        let placement = Placement { slot, room: Some(room) };
        let k = filled[course.index()];
        filled[course.index()] += 1;
        // The slot and room were just checked against the problem, so neither call can fail.
        let stored = match problem.course(course).lessons().nth(k) {
            Some(lesson) => timetable.set(lesson, Some(placement)),
            None => timetable.push_surplus(SurplusLesson { course, placement }),
        };
        debug_assert!(stored.is_ok());
    }
    SolutionRead { timetable, warnings }
}

/// Writes a timetable in the competition format, lessons in id order, surplus lessons last.
///
/// Fails when a placed lesson has no room, which the format cannot express.
pub fn write_solution(problem: &Problem, timetable: &Timetable) -> Result<String, Error> {
    let calendar = problem.calendar();
    let mut res = String::new();
    let mut line = |course: CourseId, placement: Placement| -> Result<(), Error> {
        let course = &problem.course(course).name;
        let Some(room) = placement.room else {
            return Err(Error::Unsupported { format: "ctt solution", message: format!("a lesson of course {course} has no room") });
        };
        // Writing to a String cannot fail.
        let _ = writeln!(res, "{course} {} {} {}", problem.room(room).name, calendar.day(placement.slot), calendar.period(placement.slot));
        Ok(())
    };
    for (idx, placement) in timetable.placements().iter().enumerate() {
        if let Some(p) = placement {
            line(problem.lessons()[idx].course, *p)?;
        }
    }
    for s in timetable.surplus() {
        line(s.course, s.placement)?;
    }
    Ok(res)
}
