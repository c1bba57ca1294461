//! The exact scorer: evaluates any timetable against its problem, from scratch.
//!
//! Scoring never fails. It returns a [`Score`] with the hard and soft totals, the totals per
//! kind and every violation with the lessons, slots and resources involved and a sentence that
//! explains it. This is the oracle the solver's incremental evaluation is tested against; it
//! favours clarity over speed.

use crate::constraints::view::{Sink, View};
use crate::constraints::CATALOG;
use crate::cost::{Cost, KindCost, Score};
use crate::ids::{CourseId, LessonId, Resource};
use crate::kind::Kind;
use crate::level::Level;
use crate::problem::Problem;
use crate::timetable::Timetable;

/// Scores `timetable` against `problem`, from scratch.
///
/// # Examples
///
/// ```
/// use horarium_core::{formats::ctt, score, Timetable};
/// let problem = ctt::parse_instance("tiny.ctt", include_str!("../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
/// let empty = Timetable::new(&problem);
/// let s = score(&problem, &empty);
/// assert_eq!(s.cost.hard, problem.lessons().len() as u64); // every lesson unplaced
/// # Ok::<(), horarium_core::Error>(())
/// ```
pub fn score(problem: &Problem, timetable: &Timetable) -> Score {
    let view = View::new(problem.entities(), timetable);
    let mut res = Score { cost: Cost::default(), by_kind: Vec::new(), violations: Vec::new() };
    // The built-in rules are always listed, breaks only in a week that has some.
    let has_breaks = !problem.calendar().breaks.is_empty();
    for entry in CATALOG.iter().filter(|e| e.kind.is_built_in() && (e.kind != Kind::Break || has_breaks)) {
        res.by_kind.push(KindCost { kind: entry.kind, cost: Cost::default() });
    }
    score_builtins(&view, &mut res);
    for (idx, c) in problem.constraints().iter().enumerate() {
        let kind = c.constraint.kind();
        let mut sink = Sink { kind, constraint: Some(idx), level: c.level, score: &mut res };
        c.constraint.score(&view, &mut sink);
        if !res.by_kind.iter().any(|k| k.kind == kind) {
            res.by_kind.push(KindCost { kind, cost: Cost::default() });
        }
    }
    let order = |k: Kind| CATALOG.iter().position(|e| e.kind == k);
    res.by_kind.sort_by_key(|k| order(k.kind));
    res
}

fn score_builtins(view: &View<'_>, score: &mut Score) {
    let problem = view.problem;
    let calendar = problem.calendar();
    let mut sink = Sink { kind: Kind::Unplaced, constraint: None, level: Level::Hard, score };
    for (idx, placement) in view.timetable.placements().iter().enumerate() {
        if placement.is_none() {
            let lesson = LessonId::from_index(idx);
            let course = problem.course_of(lesson);
            let message = format!("lesson {} of course {} is not placed", problem.lesson(lesson).index_in_course + 1, course.name);
            sink.add(1, vec![lesson], Vec::new(), vec![Resource::Course(problem.lesson(lesson).course)], message);
        }
    }
    for s in view.timetable.surplus() {
        let course = problem.course(s.course);
        let message = format!(
            "course {} has a lesson at {} beyond its {} planned lessons",
            course.name,
            calendar.slot_label(s.placement.slot),
            course.n_lessons()
        );
        sink.add(1, Vec::new(), vec![s.placement.slot], vec![Resource::Course(s.course)], message);
    }
    sink.kind = Kind::DayBoundary;
    for (idx, entry) in view.entries.iter().enumerate() {
        if !problem.fits_in_day(entry.slot, entry.length) {
            let message = format!(
                "a lesson of course {} lasts {} periods from {} and runs past the end of the day",
                problem.course(entry.course).name,
                entry.length,
                calendar.slot_label(entry.slot)
            );
            sink.add(1, view.lessons_of(&[idx]), vec![entry.slot], vec![Resource::Course(entry.course)], message);
        }
    }
    sink.kind = Kind::RoomChoice;
    for (idx, entry) in view.entries.iter().enumerate() {
        let course = problem.course(entry.course);
        let problem_text = match (entry.room, &course.rooms) {
            (None, rooms) if rooms.allows_no_room() => None,
            (None, _) => Some(format!("a lesson of course {} at {} has no room", course.name, calendar.slot_label(entry.slot))),
            (Some(r), _) if !problem.room_allowed(entry.course, r) => {
                Some(format!("course {} may not use room {} (at {})", course.name, problem.room(r).name, calendar.slot_label(entry.slot)))
            }
            (Some(_), _) => None,
        };
        if let Some(message) = problem_text {
            let mut resources = vec![Resource::Course(entry.course)];
            resources.extend(entry.room.map(Resource::Room));
            sink.add(1, view.lessons_of(&[idx]), vec![entry.slot], resources, message);
        }
    }
    sink.kind = Kind::Pinned;
    for (course_idx, course) in problem.courses().iter().enumerate() {
        for pin in &course.pinned {
            let lesson = course.lessons().nth(pin.lesson as usize).expect("pins are validated against the lesson count");
            let Some(placement) = view.timetable.get(lesson) else { continue };
            if placement.slot != pin.slot || pin.room.is_some_and(|r| placement.room != Some(r)) {
                let message = format!(
                    "lesson {} of course {} is pinned to {} but placed at {}",
                    pin.lesson + 1,
                    course.name,
                    calendar.slot_label(pin.slot),
                    calendar.slot_label(placement.slot)
                );
                sink.add(
                    1,
                    vec![lesson],
                    vec![pin.slot, placement.slot],
                    vec![Resource::Course(CourseId::from_index(course_idx))],
                    message,
                );
            }
        }
    }
    sink.kind = Kind::Break;
    for (idx, entry) in view.entries.iter().enumerate() {
        let breaks: Vec<_> = view.covered_slots(entry).filter(|&s| calendar.is_break(s)).collect();
        if !breaks.is_empty() {
            let labels: Vec<String> = breaks.iter().map(|&s| calendar.slot_label(s)).collect();
            let message = format!(
                "a lesson of course {} at {} covers the break at {}",
                problem.course(entry.course).name,
                calendar.slot_label(entry.slot),
                labels.join(" and ")
            );
            sink.add(breaks.len() as u64, view.lessons_of(&[idx]), breaks, vec![Resource::Course(entry.course)], message);
        }
    }
}
