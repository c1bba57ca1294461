//! One week grid: periods down, days across, and each lesson one cell spanning its periods.
//!
//! Lessons that overlap in a grid (the parallel lessons of a class's halves, or a clash) stand
//! side by side: each day is split into as many lanes as it needs, and a lesson takes the first
//! lane free at its start, so that it stays one cell whose `rowspan` is its length. A lesson then
//! widens over the lanes to its right that are free while it runs (`colspan`), so that a
//! whole-class lesson fills its day's column and parallel ones share it.

use std::cmp::Reverse;
use std::fmt::Write as _;
use std::ops::Range;

use horarium_core::{Calendar, Level, Problem, Resource, Score};

use super::html::{escape, violation_text};
use super::{group_names, period_label, room_name, teacher_names, Placed};

/// Writes the table of `owner`'s week, holding `lessons`, the lessons [`super::shows`] puts there.
pub(super) fn table(out: &mut String, problem: &Problem, score: &Score, owner: Resource, lessons: &[&Placed]) {
    let calendar = problem.calendar();
    let days: Vec<Day<'_>> = (0..calendar.days).map(|d| Day::new(calendar, d, lessons)).collect();
    let free = free_cell_violations(problem, score, owner);
    out.push_str("<table class=\"week\">\n<thead><tr><th></th>");
    for (d, day) in (0..calendar.days).zip(&days) {
        let _ = write!(out, "<th colspan=\"{}\">{}</th>", day.lanes, escape(&calendar.day_label(d)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for period in 0..calendar.periods_per_day {
        let _ = write!(out, "<tr><th>{}</th>", escape(&period_label(calendar, period)));
        for (d, day) in (0..calendar.days).zip(&days) {
            let slot = calendar.slot(d, period).expect("day and period are in the calendar");
            let busy = day.busy(period);
            let mut lane = 0;
            while lane < day.lanes {
                if let Some(item) = day.starting(period, lane) {
                    lesson_cell(out, problem, score, owner, item);
                    lane = item.lanes.end;
                } else if day.covered(period, lane) {
                    lane += 1;
                } else {
                    let width = (lane..day.lanes).take_while(|&l| day.starting(period, l).is_none() && !day.covered(period, l)).count();
                    free_cell(out, score, width, if busy { &[] } else { &free[slot.index()] });
                    lane += width;
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A lesson in a day of a grid: a cell spanning some periods (rows) and lanes (columns).
struct Item<'a> {
    lesson: &'a Placed,
    periods: Range<u16>,
    lanes: Range<usize>,
}

/// The lessons of one day of a grid, in lanes.
struct Day<'a> {
    items: Vec<Item<'a>>,
    /// Number of lanes, at least one.
    lanes: usize,
}

impl<'a> Day<'a> {
    fn new(calendar: &Calendar, day: u16, lessons: &[&'a Placed]) -> Self {
        let mut items: Vec<Item<'a>> = lessons
            .iter()
            .filter(|l| calendar.day(l.slot) == day)
            .map(|&lesson| Item { lesson, periods: lesson.periods(calendar), lanes: 0..1 })
            .collect();
        items.sort_by_key(|i| (i.periods.start, Reverse(i.periods.end), i.lesson.course, i.lesson.lesson));
        let periods: Vec<Range<u16>> = items.iter().map(|i| i.periods.clone()).collect();
        let (lane_of, lanes) = lanes(&periods);
        for (item, lane) in items.iter_mut().zip(lane_of.iter().copied()) {
            item.lanes = lane..lane + 1;
        }
        // Widen each lesson over the lanes to its right with no lesson overlapping it. No two
        // cells can then meet: another lesson widening into such a lane would have to cross
        // this one's lane while it runs.
        for k in 0..items.len() {
            let overlaps = |j: usize| periods[j].start < periods[k].end && periods[k].start < periods[j].end;
            let end = (lane_of[k] + 1..lanes).find(|&lane| (0..items.len()).any(|j| lane_of[j] == lane && overlaps(j))).unwrap_or(lanes);
            items[k].lanes.end = end;
        }
        Self { items, lanes }
    }

    /// The lesson whose cell starts at `period` in `lane`.
    fn starting(&self, period: u16, lane: usize) -> Option<&Item<'a>> {
        self.items.iter().find(|i| i.lanes.start == lane && i.periods.start == period)
    }

    /// Whether the cell of another lesson covers `period` in `lane`: one that started earlier, or
    /// one in a lane to the left that widened over it.
    fn covered(&self, period: u16, lane: usize) -> bool {
        self.items
            .iter()
            .any(|i| i.lanes.contains(&lane) && i.periods.contains(&period) && (i.periods.start < period || i.lanes.start < lane))
    }

    /// Whether any lesson runs at `period`.
    fn busy(&self, period: u16) -> bool {
        self.items.iter().any(|i| i.periods.contains(&period))
    }
}

/// Gives each of some periods ranges, sorted by start, the first lane free at its start, and
/// returns the lanes and their number (at least one). Taken by start, ranges need no more lanes
/// than the most of them that overlap at one period.
fn lanes(periods: &[Range<u16>]) -> (Vec<usize>, usize) {
    let mut ends: Vec<u16> = Vec::new();
    let lane_of = periods
        .iter()
        .map(|r| match ends.iter().position(|&end| end <= r.start) {
            Some(lane) => {
                ends[lane] = r.end;
                lane
            }
            None => {
                ends.push(r.end);
                ends.len() - 1
            }
        })
        .collect();
    (lane_of, ends.len().max(1))
}

/// Per slot, the violations naming `owner` there (for a group, or some of its students: a
/// subgroup or a group it is part of); they mark the slot's cell when it is free (an idle gap,
/// say), since a lesson there shows its own violations.
fn free_cell_violations(problem: &Problem, score: &Score, owner: Resource) -> Vec<Vec<usize>> {
    let names_owner = |r: &Resource| match (*r, owner) {
        (Resource::Group(a), Resource::Group(b)) => problem.leaves(a).iter().any(|l| problem.leaves(b).contains(l)),
        (r, owner) => r == owner,
    };
    let mut res = vec![Vec::new(); problem.calendar().n_slots()];
    for (idx, v) in score.violations.iter().enumerate() {
        if v.resources.iter().any(names_owner) {
            for s in &v.slots {
                if let Some(cell) = res.get_mut(s.index()) {
                    if cell.last() != Some(&idx) {
                        cell.push(idx);
                    }
                }
            }
        }
    }
    res
}

/// The class marking the cell of some violations: `hard`, `soft`, or none.
fn marking(score: &Score, violations: &[usize]) -> &'static str {
    if violations.iter().any(|&v| score.violations[v].level == Level::Hard) {
        " hard"
    } else if violations.is_empty() {
        ""
    } else {
        " soft"
    }
}

/// Writes ` rowspan="2"` and ` colspan="3"`, each when above one.
fn spans(out: &mut String, rows: usize, columns: usize) {
    if rows > 1 {
        let _ = write!(out, " rowspan=\"{rows}\"");
    }
    if columns > 1 {
        let _ = write!(out, " colspan=\"{columns}\"");
    }
}

/// An empty cell `width` lanes wide, marked when violations name the grid's owner there.
fn free_cell(out: &mut String, score: &Score, width: usize, violations: &[usize]) {
    out.push_str("<td");
    spans(out, 1, width);
    if !violations.is_empty() {
        let title: Vec<String> = violations.iter().map(|&v| violation_text(&score.violations[v])).collect();
        let _ = write!(out, " class=\"free{}\" title=\"{}\"", marking(score, violations), escape(&title.join("\n")));
    }
    out.push_str("></td>");
}

fn lesson_cell(out: &mut String, problem: &Problem, score: &Score, owner: Resource, item: &Item<'_>) {
    let lesson = item.lesson;
    let course = problem.course(lesson.course);
    let hue = lesson.course.index() * 137 % 360;
    let _ = write!(out, "<td class=\"lesson{}\"", marking(score, &lesson.violations));
    spans(out, item.periods.len(), item.lanes.len());
    let _ = write!(out, " style=\"background:hsl({hue},65%,90%)\" title=\"{}\">", escape(&title(problem, score, lesson)));
    let _ = write!(out, "<b>{}</b>", escape(&course.name));
    for line in details(problem, owner, lesson) {
        let _ = write!(out, "<br><small>{}</small>", escape(&line));
    }
    if !lesson.violations.is_empty() {
        out.push_str(" <span class=\"warn\">\u{26a0}</span>");
    }
    out.push_str("</td>");
}

/// What a lesson's cell shows besides the course: whatever the grid's owner does not say already.
fn details(problem: &Problem, owner: Resource, lesson: &Placed) -> Vec<String> {
    let course = problem.course(lesson.course);
    let teachers = || teacher_names(problem, lesson.course).join(", ");
    let groups = || group_names(problem, lesson.course).join(", ");
    let room = room_name(problem, lesson.room).to_owned();
    let lines = match owner {
        Resource::Group(g) => {
            let own = course.groups == [g];
            vec![if own { String::new() } else { groups() }, teachers(), room]
        }
        Resource::Teacher(t) => {
            let others: Vec<&str> = course.teachers.iter().filter(|&&o| o != t).map(|&o| problem.teacher(o).name.as_str()).collect();
            vec![groups(), room, if others.is_empty() { String::new() } else { format!("with {}", others.join(", ")) }]
        }
        Resource::Room(_) => vec![groups(), teachers()],
        Resource::Course(_) => vec![groups(), teachers(), room],
    };
    lines.into_iter().filter(|l| !l.is_empty()).collect()
}

/// The hover text of a lesson: which lesson, when, who and where, and its violations.
fn title(problem: &Problem, score: &Score, lesson: &Placed) -> String {
    let calendar = problem.calendar();
    let course = problem.course(lesson.course);
    let mut res = match lesson.lesson {
        Some(l) => format!("{}, lesson {} of {}", course.name, problem.lesson(l).index_in_course + 1, course.n_lessons()),
        None => format!("{}, a lesson beyond the {} planned", course.name, course.n_lessons()),
    };
    let _ = write!(res, "\n{}", calendar.slot_label(lesson.slot));
    if lesson.length > 1 {
        let last = calendar.period(lesson.slot).saturating_add(lesson.length - 1);
        let _ = write!(res, " to {} ({} periods)", period_label(calendar, last), lesson.length);
    }
    for (label, names) in [("teachers", teacher_names(problem, lesson.course)), ("groups", group_names(problem, lesson.course))] {
        if !names.is_empty() {
            let _ = write!(res, "\n{label}: {}", names.join(", "));
        }
    }
    let _ = write!(res, "\nroom: {}", lesson.room.map_or("none", |r| problem.room(r).name.as_str()));
    for &v in &lesson.violations {
        let _ = write!(res, "\n\u{26a0} {}", violation_text(&score.violations[v]));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use horarium_core::{CourseId, Slot};

    fn lesson(course: u32, slot: u16, length: u16) -> Placed {
        Placed { lesson: None, course: CourseId(course), slot: Slot(slot), length, room: None, violations: Vec::new() }
    }

    #[test]
    fn a_lesson_widens_over_the_lanes_free_while_it_runs() {
        let calendar = Calendar::new(2, 4);
        // Day 0: a double beside a single, then a single alone; day 1: one lesson.
        let lessons = [lesson(0, 0, 2), lesson(1, 0, 1), lesson(2, 3, 1), lesson(3, 5, 3)];
        let refs: Vec<&Placed> = lessons.iter().collect();
        let day = Day::new(&calendar, 0, &refs);
        assert_eq!(day.lanes, 2);
        let cells: Vec<(u32, Range<u16>, Range<usize>)> =
            day.items.iter().map(|i| (i.lesson.course.0, i.periods.clone(), i.lanes.clone())).collect();
        assert_eq!(cells, [(0, 0..2, 0..1), (1, 0..1, 1..2), (2, 3..4, 0..2)]);
        assert!(day.covered(1, 0) && !day.covered(1, 1) && day.covered(3, 1) && !day.covered(2, 0));
        assert!(day.busy(1) && !day.busy(2));
        let day = Day::new(&calendar, 1, &refs);
        assert_eq!((day.lanes, day.items.len(), day.items[0].periods.clone()), (1, 1, 1..4));
    }

    #[test]
    fn overlapping_lessons_take_as_few_lanes_as_the_most_at_once() {
        assert_eq!(lanes(&[]), (vec![], 1));
        assert_eq!(lanes(&[0..2, 2..3, 4..5]), (vec![0, 0, 0], 1));
        // A double beside two singles, then a single alone.
        assert_eq!(lanes(&[0..2, 0..1, 1..2, 3..4]), (vec![0, 1, 1, 0], 2));
        // Three at once at period 1.
        assert_eq!(lanes(&[0..3, 1..2, 1..4, 2..3]), (vec![0, 1, 2, 1], 3));
    }
}
