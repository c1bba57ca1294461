//! FET's timetables: read the ones `fet-cl` writes, and write Horarium's back as a locked `.fet`.
//!
//! FET keeps a timetable in two ways, and both are read so that one scorer judges FET's result
//! and Horarium's under the same constraints:
//!
//! - `<name>_activities.xml`: one `<Activity>` per activity with its `Id`, `Day`, `Hour` and
//!   `Room` (empty for none);
//! - `<name>_data_and_timetable.fet`: the school's file with every activity locked, that is a
//!   `ConstraintActivityPreferredStartingTime` and, where it has a room, a
//!   `ConstraintActivityPreferredRoom`, both at 100 %.
//!
//! [`write_locked`] writes the second form for a timetable of Horarium's, so that a school opens
//! the result in FET's own interface.

use std::collections::HashMap;
use std::fmt::Write as _;

use roxmltree::{Document, Node};

use super::{is_active_at_100, ActivityMap};
use crate::error::{Error, Issue};
use crate::formats::json::{self, AssignmentDef, TimetableDef};
use crate::formats::xml::{child, document, elements, escape, text_of, LineIndex};
use crate::problem::Problem;
use crate::timetable::Timetable;

/// A timetable read from one of FET's files, with the warnings about what was left out of it.
#[derive(Clone, Debug)]
pub struct FetTimetable {
    /// The timetable.
    pub timetable: Timetable,
    /// Activities the timetable places that are not (active) activities of the problem.
    pub warnings: Vec<Issue>,
}

/// Reads `text`, FET's `_activities.xml` or a `.fet` file whose activities are locked (which of
/// the two by its root element), as a timetable for `problem`, whose activities are `activities`.
/// `file` names it in messages.
pub fn parse(problem: &Problem, activities: &ActivityMap, file: &str, text: &str) -> Result<FetTimetable, Error> {
    let (doc, text) = document(file, text)?;
    let mut reader =
        TimetableReader { lines: LineIndex::of(text), problem, activities, issues: Vec::new(), warnings: Vec::new(), entries: Vec::new() };
    let root = doc.root_element();
    match root.tag_name().name() {
        "Activities_Timetable" => reader.activities_xml(root),
        "fet" => reader.locked_fet(root),
        other => {
            let message = format!("not one of FET's timetables: the root element is <{other}>, not <Activities_Timetable> or <fet>");
            return Err(Error::parse(file, vec![Issue::at_line(reader.lines.line(root), "", message)]));
        }
    }
    let TimetableReader { mut issues, warnings, entries, .. } = reader;
    let def = TimetableDef { assignments: entries.iter().map(|(_, a)| a.clone()).collect() };
    let (timetable, placed) = json::timetable_from_def_keeping_valid(problem, &def);
    // Every entry was checked against the problem, so a remaining issue is an activity placed twice.
    for issue in placed {
        let at = issue.field.strip_prefix("assignments[").and_then(|f| f.split(']').next()).and_then(|k| k.parse::<usize>().ok());
        let line = at.and_then(|k| entries.get(k)).map(|(line, _)| *line);
        issues.push(Issue { line, field: "Id".to_owned(), message: issue.message });
    }
    if issues.is_empty() {
        Ok(FetTimetable { timetable, warnings })
    } else {
        issues.sort_by_key(|i| i.line);
        Err(Error::parse(file, issues))
    }
}

/// Reads one of FET's timetables from `path` (see [`parse`]).
pub fn read(problem: &Problem, activities: &ActivityMap, path: &std::path::Path) -> Result<FetTimetable, Error> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
    parse(problem, activities, &file, crate::formats::utf8(&file, &bytes)?)
}

struct TimetableReader<'a> {
    lines: LineIndex,
    problem: &'a Problem,
    activities: &'a ActivityMap,
    issues: Vec<Issue>,
    warnings: Vec<Issue>,
    /// Each placed activity's line and its lesson's place.
    entries: Vec<(usize, AssignmentDef)>,
}

impl TimetableReader<'_> {
    /// `<Activities_Timetable><Activity><Id/><Day/><Hour/><Room/></Activity>...`
    fn activities_xml(&mut self, root: Node<'_, '_>) {
        for node in elements(root, "Activity") {
            let line = self.lines.line(node);
            let Some(id) = self.id(node, "Id", line) else { continue };
            let day = child(node, "Day").map_or("", text_of);
            let hour = child(node, "Hour").map_or("", text_of);
            // FET leaves the day and hour of an activity it could not place empty.
            if day.is_empty() && hour.is_empty() {
                continue;
            }
            let room = child(node, "Room").map(text_of).filter(|r| !r.is_empty());
            self.place(line, id, day, hour, room);
        }
    }

    /// A `.fet` file: each active activity's starting time and room at 100 %.
    fn locked_fet(&mut self, root: Node<'_, '_>) {
        let mut rooms: HashMap<u32, &str> = HashMap::new();
        if let Some(list) = child(root, "Space_Constraints_List") {
            for node in elements(list, "ConstraintActivityPreferredRoom").filter(|n| is_active_at_100(*n)) {
                if let (Some(id), Some(room)) = (child(node, "Activity_Id").and_then(|n| text_of(n).parse().ok()), child(node, "Room")) {
                    rooms.entry(id).or_insert(text_of(room));
                }
            }
        }
        let Some(list) = child(root, "Time_Constraints_List") else { return };
        let mut seen = HashMap::new();
        for node in elements(list, "ConstraintActivityPreferredStartingTime").filter(|n| is_active_at_100(*n)) {
            let line = self.lines.line(node);
            let Some(id) = self.id(node, "Activity_Id", line) else { continue };
            let day = child(node, "Preferred_Day").map_or("", text_of);
            let hour = child(node, "Preferred_Hour").map_or("", text_of);
            // Two locks of one activity at the same time say it once; at different times, the
            // first one is the timetable's and the second is reported below as a second placement.
            if seen.insert(id, (day, hour)) == Some((day, hour)) {
                continue;
            }
            self.place(line, id, day, hour, rooms.get(&id).copied());
        }
    }

    /// The activity id in `node`'s child `field`; an issue when it is not a number, a warning
    /// when the problem has no such active activity.
    fn id(&mut self, node: Node<'_, '_>, field: &str, line: usize) -> Option<u32> {
        let text = child(node, field).map_or("", text_of);
        let Ok(id) = text.parse::<u32>() else {
            self.issues.push(Issue::at_line(line, field, format!("expected an activity id, found {text:?}")));
            return None;
        };
        if !self.activities.contains_key(&id) {
            self.warnings.push(Issue::at_line(line, field, format!("activity {id} is not an active activity of the problem (left out)")));
            return None;
        }
        Some(id)
    }

    fn place(&mut self, line: usize, id: u32, day: &str, hour: &str, room: Option<&str>) {
        let calendar = self.problem.calendar();
        let Some(day_index) = calendar.day_names.iter().position(|d| d == day) else {
            self.issues.push(Issue::at_line(line, "Day", format!("unknown day {day:?}")));
            return;
        };
        let Some(hour_index) = calendar.period_names.iter().position(|h| h == hour) else {
            self.issues.push(Issue::at_line(line, "Hour", format!("unknown hour {hour:?}")));
            return;
        };
        if let Some(room) = room.filter(|r| self.problem.room_by_name(r).is_none()) {
            self.issues.push(Issue::at_line(line, "Room", format!("unknown room {room:?}")));
            return;
        }
        let (course, lesson) = &self.activities[&id];
        self.entries.push((
            line,
            AssignmentDef {
                course: course.clone(),
                lesson: Some(*lesson),
                day: u16::try_from(day_index).unwrap_or(u16::MAX),
                period: u16::try_from(hour_index).unwrap_or(u16::MAX),
                room: room.map(str::to_owned),
            },
        ));
    }
}

/// The `.fet` file `original` (the school's file `problem` and `activities` were read from) with
/// every lesson `timetable` places locked at its starting time and room, as FET locks an
/// activity: a `ConstraintActivityPreferredStartingTime` and a `ConstraintActivityPreferredRoom`
/// at 100 %. The file's own locks of those activities (such constraints at 100 %) are replaced;
/// everything else is kept byte for byte.
pub fn write_locked(original: &str, problem: &Problem, activities: &ActivityMap, timetable: &Timetable) -> Result<String, Error> {
    let text = original.strip_prefix('\u{feff}').unwrap_or(original);
    let doc = Document::parse(text).map_err(|e| not_from(format!("not well-formed XML: {e}")))?;
    let root = doc.root_element();
    let id_of: HashMap<(&str, u32), u32> = activities.iter().map(|(&id, (course, lesson))| ((course.as_str(), *lesson), id)).collect();
    let calendar = problem.calendar();
    let raw = RawNames::of(root);
    let mut times = String::new();
    let mut rooms = String::new();
    let mut locked_time = std::collections::HashSet::new();
    let mut locked_room = std::collections::HashSet::new();
    for (idx, placement) in timetable.placements().iter().enumerate() {
        let Some(p) = placement else { continue };
        let lesson = &problem.lessons()[idx];
        let course = &problem.course(lesson.course).name;
        let Some(&id) = id_of.get(&(course.as_str(), lesson.index_in_course)) else {
            return Err(not_from(format!("lesson {} of course {course:?} is none of its activities", lesson.index_in_course)));
        };
        let (Some(day), Some(hour)) =
            (calendar.day_names.get(usize::from(calendar.day(p.slot))), calendar.period_names.get(usize::from(calendar.period(p.slot))))
        else {
            return Err(not_from("the problem's days and hours have no names".to_owned()));
        };
        let (day, hour) = (escape(raw.day(day)), escape(raw.hour(hour)));
        locked_time.insert(id);
        let _ = write!(
            times,
            "<ConstraintActivityPreferredStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>{id}</Activity_Id>\n\t<Preferred_Day>{day}</Preferred_Day>\n\t<Preferred_Hour>{hour}</Preferred_Hour>\n\t<Permanently_Locked>false</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments>Placed by Horarium</Comments>\n</ConstraintActivityPreferredStartingTime>\n"
        );
        if let Some(room) = p.room {
            locked_room.insert(id);
            let room = escape(raw.room(&problem.room(room).name));
            let _ = write!(
                rooms,
                "<ConstraintActivityPreferredRoom>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>{id}</Activity_Id>\n\t<Room>{room}</Room>\n\t<Permanently_Locked>false</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments>Placed by Horarium</Comments>\n</ConstraintActivityPreferredRoom>\n"
            );
        }
    }
    // Edits as (byte range to replace, text), applied from the end so earlier offsets hold.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (list, tag, locked, added) in [
        ("Time_Constraints_List", "ConstraintActivityPreferredStartingTime", &locked_time, times),
        ("Space_Constraints_List", "ConstraintActivityPreferredRoom", &locked_room, rooms),
    ] {
        match child(root, list) {
            Some(node) => {
                for old in elements(node, tag).filter(|n| is_lock_of(n, locked)) {
                    let mut range = old.range();
                    // The line break after the element goes with it.
                    if text[range.end..].starts_with('\n') {
                        range.end += 1;
                    }
                    edits.push((range, String::new()));
                }
                let end_tag = format!("</{list}>");
                let at = text[node.range()].rfind(&end_tag).map_or(node.range().end, |k| node.range().start + k);
                edits.push((at..at, added));
            }
            None => {
                let at = text[root.range()].rfind("</fet>").map_or(root.range().end, |k| root.range().start + k);
                edits.push((at..at, format!("<{list}>\n{added}</{list}>\n")));
            }
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse((range.start, range.end)));
    let mut out = text.to_owned();
    for (range, with) in edits {
        out.replace_range(range, &with);
    }
    Ok(out)
}

/// The names of days, hours and rooms as the file spells them. The reader trims names, but FET
/// compares them as written (a room named `"Aula 1\t\t"` is not `"Aula 1"`), so a lock names
/// them the file's way.
struct RawNames<'a> {
    days: HashMap<&'a str, &'a str>,
    hours: HashMap<&'a str, &'a str>,
    rooms: HashMap<&'a str, &'a str>,
}

impl<'a> RawNames<'a> {
    fn of(root: Node<'a, '_>) -> Self {
        let names = |list: &str, item: &'static str| -> HashMap<&'a str, &'a str> {
            child(root, list)
                .into_iter()
                .flat_map(|l| elements(l, item))
                .filter_map(|n| child(n, "Name"))
                .map(|n| (text_of(n), n.text().unwrap_or("")))
                .collect()
        };
        RawNames { days: names("Days_List", "Day"), hours: names("Hours_List", "Hour"), rooms: names("Rooms_List", "Room") }
    }

    fn day<'n>(&self, name: &'n str) -> &'n str
    where
        'a: 'n,
    {
        self.days.get(name).copied().unwrap_or(name)
    }

    fn hour<'n>(&self, name: &'n str) -> &'n str
    where
        'a: 'n,
    {
        self.hours.get(name).copied().unwrap_or(name)
    }

    fn room<'n>(&self, name: &'n str) -> &'n str
    where
        'a: 'n,
    {
        self.rooms.get(name).copied().unwrap_or(name)
    }
}

/// Whether `node` (an activity's starting time or room constraint) is an active one at 100 % on
/// one of the `locked` activities.
fn is_lock_of(node: &Node<'_, '_>, locked: &std::collections::HashSet<u32>) -> bool {
    is_active_at_100(*node)
        && child(*node, "Activity_Id").and_then(|n| text_of(n).parse::<u32>().ok()).is_some_and(|id| locked.contains(&id))
}

/// The error of a writer given a problem that was not read from the `.fet` file it is given.
fn not_from(why: String) -> Error {
    Error::parse(
        "the original .fet file",
        vec![Issue::at_path(String::new(), format!("{why}: a timetable is written into the .fet file its problem was read from"))],
    )
}
