//! FET's `.fet` files (the XML of the free timetabler FET), read into the general model.
//!
//! What a file holds becomes:
//!
//! - days and hours: the calendar, with their names;
//! - teachers: teachers; the students' hierarchy (year, group, subgroup, with sizes): groups, a
//!   group part of its year and a subgroup part of every group that lists it (FET's categories
//!   put one subgroup in several groups: see `GroupDef::parents`);
//! - activities: lessons. Activities sharing an `Activity_Group_Id` (one split activity) are the
//!   lessons of one course, in the order of their ids; any other activity is a course of its own.
//!   A course's teachers, students sets and subject are its activities', its students their
//!   `Number_Of_Students` or else the sum of its students sets' sizes. Inactive activities are
//!   left out. FET gives an activity a room only when a space constraint asks for one, so a
//!   course has the rooms its room constraints at 100 % allow, and none without one; those below
//!   100 % are priced preferences (see `rooms.rs`);
//! - rooms: rooms with their capacity and building;
//! - the time and space constraints of the catalog, each at the level its `Weight_Percentage`
//!   gives ([`level_of`]); inactive ones are left out. Any other type is refused, with one issue
//!   naming every such type and how often it occurs, or dropped and listed in
//!   [`FetInstance::skipped`] when [`FetOptions::skip_unsupported`] is set.
//!
//! FET's Official, Terms and Block-planning modes are read (an older file without `<Mode>` gives
//! its mode by its version, see [`mode_of_version`]); a file in the Mornings-Afternoons mode is
//! refused with an issue naming it. In the Terms mode each term is a named group of slots (its
//! days) that the term types count in; in the Block-planning mode a students set has at most one
//! activity in each hour over all the days (`busy_per_group` beside `clashes`); every other type
//! means what it does in the Official mode.
//!
//! | FET constraint | Horarium |
//! |---|---|
//! | `BasicCompulsoryTime` | `clashes` (hard) |
//! | `BasicCompulsorySpace` | `room_occupancy` and `room_capacity` (hard) |
//! | `MinDaysBetweenActivities` | `min_days_between`; below 100 % (even at 0 %), its "consecutive if same day" is a hard `min_days_between` of 0 days of its own, as FET holds that part at 100 % |
//! | `TeacherNotAvailableTimes`, `StudentsSetNotAvailableTimes`, `RoomNotAvailableTimes` | `unavailable` |
//! | `ActivityPreferredStartingTime` at 100 % | the lesson is pinned |
//! | `ActivityPreferredStartingTime` below 100 %, `Activit(y/ies)` and `Subactivities` `PreferredStartingTimes` and `PreferredTimeSlots` | `lesson_slots` |
//! | `Teacher(s)MaxDaysPerWeek` | `max_days` |
//! | `Teacher(s)MinDaysPerWeek` | `min_days` (every teacher who teaches, for `Teachers`) |
//! | `Teacher(s)IntervalMaxDaysPerWeek`, `Students(Set)IntervalMaxDaysPerWeek` | `max_days` with the interval's `periods` |
//! | `Teacher(s)MaxGapsPerWeek`, `Teacher(s)MaxGapsPerDay`, `Students(Set)MaxGapsPerWeek`, `Students(Set)MaxGapsPerDay` | `idle_gaps`, per subgroup or teacher with its not-available times `not_counted` where one is ever away |
//! | `Teacher(s)MaxHoursDaily`, `Students(Set)MaxHoursDaily` | `lessons_per_day` (max) |
//! | `Teacher(s)MinHoursDaily`, `Students(Set)MinHoursDaily` | `lessons_per_day` (min; `every_day` unless empty days are allowed) |
//! | the preferred and home room constraints | at 100 % the courses' rooms; below, `preferred_rooms` (see `rooms.rs`) |
//! | `BreakTimes` at 100 % | the calendar's breaks |
//! | `ActivitiesSameStartingTime` | `same_start` |
//! | `ActivitiesSameStartingHour` | `same_start` with `period_only` |
//! | `ActivitiesOccupyMaxDifferentRooms` | `max_rooms` |
//! | `ActivitiesOccupyMaxTimeSlotsFromSelection` | `max_slots_used` |
//! | `ActivitiesNotOverlapping` | `not_overlapping` |
//! | `TwoActivitiesConsecutive`, `TwoActivitiesGrouped`, `TwoActivitiesOrdered`, `TwoActivitiesOrderedIfSameDay` | `lesson_pair` (back to back allows breaks between, as in FET) |
//! | `ThreeActivitiesGrouped` | `grouped_lessons` |
//! | `Teacher(s)MinRestingHours`, `Students(Set)MinRestingHours` | `min_rest` |
//! | `ActivitiesSameRoomIfConsecutive` | `same_room_if_consecutive` (back to back without a break between: fet-cl lets two across a break sit in two rooms) |
//! | `ActivitiesSameStartingDay`, `MaxDaysBetweenActivities` | `max_days_between` (0 days for the same day) |
//! | `MinGapsBetweenActivities` | `min_gap_between` |
//! | `Teacher(s)MaxHoursContinuously`, `Students(Set)MaxHoursContinuously` | `max_consecutive_periods` |
//! | `Students(Set)EarlyMaxBeginningsAtSecondHour` | `early_start`, each subgroup's not-available times not counted |
//! | `ActivityEndsStudentsDay`, `ActivitiesEndStudentsDay` | `ends_day` |
//! | `Teacher(s)ActivityTagMaxHoursDaily`, `Students(Set)ActivityTagMaxHoursDaily` | `lessons_per_day` (max) counting the courses of the tag's activities |
//! | `Teacher(s)ActivityTagMaxHoursContinuously`, `Students(Set)ActivityTagMaxHoursContinuously` | `max_consecutive_periods` likewise |
//! | `Teacher(s)` and `Students(Set)` `MaxBuildingChangesPerDay`, `MaxBuildingChangesPerWeek`, `MinGapsBetweenBuildingChanges` | `building_changes` (a room's `Building` is its building) |
//! | `Teacher(s)MaxSpanPerDay`, `Students(Set)MaxSpanPerDay` without a day's exception | `max_span` |
//! | `ActivitiesMaxInATerm`, `ActivitiesOccupyMaxTerms` (Terms) | `lesson_spread`, `max_groups_used` over the terms |
//! | `ActivityTagsNotOverlapping` | `sets_not_overlapping`, a set per tag |
//! | `ActivitiesMin/MaxSimultaneousInSelectedTimeSlots` | `lessons_per_slot` |
//! | `MaxTotalActivitiesFromSetInSelectedTimeSlots` | `lesson_spread` over the slots where a lesson of the set's length starts to take place in one |

use std::collections::{BTreeMap, HashMap};
use std::num::NonZeroU32;
use std::path::Path;

mod rooms;
pub mod timetable;

use roxmltree::{Document, Node};

use crate::calendar::Calendar;
use crate::constraints::{
    BuildingChangesDef, BuildingLimit, Clashes, ConstraintDef, ConstraintEntryDef, EarlyStartDef, EndsDayDef, GroupLimitsDef,
    GroupedLessonsDef, IdleGapsDef, LessonDef, LessonPairDef, LessonSetDef, LessonSlotsDef, LessonSpreadDef, LessonsPerDayDef,
    LessonsPerSlotDef, MaxConsecutivePeriodsDef, MaxDaysBetweenDef, MaxDaysDef, MaxGroupsUsedDef, MaxRoomsDef, MaxSlotsUsedDef, MaxSpanDef,
    MinDaysBetweenDef, MinDaysDef, MinGapBetweenDef, MinRestDef, NotOverlappingDef, PairRule, Per, PreferredRoomsDef, ResourceRefDef,
    RoomCapacity, RoomOccupancy, SameRoomIfConsecutiveDef, SameStartDef, SetsNotOverlappingDef, SlotDef, SlotGroupDef, UnavailableDef,
    WhoDef,
};
use crate::error::{Error, Issue};
use crate::formats::xml::{child, document, elements, text_of, LineIndex};
use crate::level::Level;
use crate::problem::{CourseDef, GroupDef, LessonsDef, PinDef, Problem, ProblemDef, RoomChoiceDef, RoomDef, TeacherDef};

/// How to read a `.fet` file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FetOptions {
    /// Drop the constraints of types outside the catalog (and list them in
    /// [`FetInstance::skipped`]) instead of refusing the file.
    pub skip_unsupported: bool,
}

/// Per active activity id of a `.fet` file: the name of the course it became and its lesson's
/// index in that course.
pub type ActivityMap = BTreeMap<u32, (String, u32)>;

/// A `.fet` file read into the serde model, with what the mapping needs to read FET's timetables.
#[derive(Clone, Debug, PartialEq)]
pub struct FetInstance {
    /// The problem.
    pub problem: ProblemDef,
    /// Per active activity id: its course's name and its lesson's index in the course.
    pub activities: ActivityMap,
    /// The constraint types left out because the catalog has no counterpart (with
    /// [`FetOptions::skip_unsupported`]), each with how many constraints of it were dropped.
    pub skipped: Vec<(String, usize)>,
}

impl FetInstance {
    /// The validated problem.
    pub fn to_problem(&self, file: &str) -> Result<Problem, Error> {
        Problem::from_def(self.problem.clone()).map_err(|issues| Error::parse(file, issues))
    }
}

/// The level of a FET constraint of `percentage` (its `Weight_Percentage`, from 0 to 100): 100 is
/// hard; below, soft with the weight `round(100 / (100 - percentage))`, the number of tries FET
/// expects to need before it breaks the constraint once, so 50 % weighs 2, 95 % 20 and 99 %
/// 100; 0 % constrains nothing (`None`).
pub fn level_of(percentage: f64) -> Option<Level> {
    if percentage >= 100.0 {
        Some(Level::Hard)
    } else if percentage > 0.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "at least 1, at most 100 / (100 - 99.99..) < 2^32")]
        let weight = (100.0 / (100.0 - percentage)).round().clamp(1.0, f64::from(u32::MAX)) as u32;
        Some(Level::Soft(NonZeroU32::new(weight).unwrap_or(NonZeroU32::MIN)))
    } else {
        None
    }
}

/// Reads a `.fet` file.
pub fn read(path: &Path, options: FetOptions) -> Result<FetInstance, Error> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| Error::Io { file: file.clone(), error })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| Error::parse(&file, vec![Issue::at_path(String::new(), format!("not UTF-8 text: {e}"))]))?;
    parse(&file, text, options)
}

/// Parses the text of a `.fet` file; `file` names it in messages.
pub fn parse(file: &str, text: &str, options: FetOptions) -> Result<FetInstance, Error> {
    let (doc, text) = document(file, text)?;
    let mut reader = Reader { doc: &doc, lines: LineIndex::of(text), issues: Vec::new() };
    let instance = reader.instance(options);
    match instance {
        Some(instance) if reader.issues.is_empty() => Ok(instance),
        _ => {
            reader.issues.sort_by_key(|i| i.line);
            Err(Error::parse(file, reader.issues))
        }
    }
}

/// The parse in progress: the document and every issue found so far.
struct Reader<'d, 'input> {
    doc: &'d Document<'input>,
    lines: LineIndex,
    issues: Vec<Issue>,
}

/// The students sets: per name, its size and the sets it is part of.
#[derive(Default)]
struct Students {
    order: Vec<String>,
    size: HashMap<String, u32>,
    parents: HashMap<String, Vec<String>>,
}

impl Students {
    fn add(&mut self, name: &str, size: u32, parent: Option<&str>) {
        if !self.size.contains_key(name) {
            self.order.push(name.to_owned());
            self.size.insert(name.to_owned(), size);
            self.parents.insert(name.to_owned(), Vec::new());
        }
        let parents = self.parents.get_mut(name).expect("added above");
        if let Some(p) = parent.filter(|p| !parents.iter().any(|q| q == p)) {
            parents.push(p.to_owned());
        }
    }
}

/// Per students set, the subgroups (sets without parts) it is made of, sorted.
type Leaves = HashMap<String, Vec<String>>;

impl Students {
    /// Each set's subgroups: the sets under it that have no part of their own (itself if none).
    fn leaves(&self) -> Leaves {
        let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
        for (name, parents) in &self.parents {
            for p in parents {
                children.entry(p.as_str()).or_default().push(name.as_str());
            }
        }
        let mut res = Leaves::new();
        for name in &self.order {
            let mut found = Vec::new();
            let mut stack = vec![name.as_str()];
            let mut seen = std::collections::HashSet::new();
            while let Some(set) = stack.pop() {
                if !seen.insert(set) {
                    continue;
                }
                match children.get(set) {
                    Some(parts) => stack.extend(parts.iter().copied()),
                    None => found.push(set.to_owned()),
                }
            }
            found.sort();
            res.insert(name.clone(), found);
        }
        res
    }
}

/// One active activity, before courses are formed.
struct Activity {
    id: u32,
    /// Its place among the parts of its split activity, in the order of their ids, from 1 (1 for
    /// an activity that is not split).
    component: u32,
    tags: Vec<String>,
    group: u32,
    teachers: Vec<String>,
    subject: String,
    students: Vec<String>,
    duration: u16,
    size: Option<u32>,
}

/// Whether the constraint `node` is active and at 100 % (as FET's locks are), read leniently: a
/// missing or unreadable weight is not 100 %.
fn is_active_at_100(node: Node<'_, '_>) -> bool {
    child(node, "Active").is_none_or(|a| text_of(a) == "true")
        && child(node, "Weight_Percentage").and_then(|w| text_of(w).parse::<f64>().ok()).is_some_and(|w| w >= 100.0)
}

impl<'d, 'input> Reader<'d, 'input> {
    fn issue(&mut self, node: Node<'_, '_>, field: &str, message: impl Into<String>) {
        let line = self.lines.line(node);
        self.issues.push(Issue::at_line(line, field, message));
    }

    /// The text of `node`'s child `name`; an issue when it is missing.
    fn required(&mut self, node: Node<'d, 'input>, name: &str) -> Option<&'d str> {
        match child(node, name) {
            Some(c) => Some(text_of(c)),
            None => {
                let parent = node.tag_name().name().to_owned();
                self.issue(node, name, format!("missing in <{parent}>"));
                None
            }
        }
    }

    /// `node`'s child `name` as a number; an issue when it is missing or not a number.
    fn number<T: std::str::FromStr>(&mut self, node: Node<'d, 'input>, name: &str) -> Option<T> {
        let text = self.required(node, name)?;
        match text.parse() {
            Ok(n) => Some(n),
            Err(_) => {
                let at = child(node, name).unwrap_or(node);
                self.issue(at, name, format!("expected a non-negative whole number, found {text:?}"));
                None
            }
        }
    }

    /// `node`'s child `name` as `true` or `false`, `default` when it is missing.
    fn flag(&mut self, node: Node<'d, 'input>, name: &str, default: bool) -> bool {
        match child(node, name).map(text_of) {
            None => default,
            Some("true") => true,
            Some("false") => false,
            Some(other) => {
                let at = child(node, name).unwrap_or(node);
                self.issue(at, name, format!("expected true or false, found {other:?}"));
                default
            }
        }
    }

    /// The instance; `None` when the file is not one that can be read at all (then with an issue).
    fn instance(&mut self, options: FetOptions) -> Option<FetInstance> {
        let root = self.doc.root_element();
        if root.tag_name().name() != "fet" {
            let found = root.tag_name().name().to_owned();
            self.issue(root, "fet", format!("not a FET file: the root element is <{found}>, not <fet>"));
            return None;
        }
        let mode = match child(root, "Mode") {
            Some(node) => (text_of(node), node),
            None => (root.attribute("version").and_then(mode_of_version).unwrap_or("Official"), root),
        };
        let block_planning = mode.0 == "Block_Planning";
        let terms = match mode {
            ("Official" | "Block_Planning", _) => false,
            ("Terms", _) => true,
            (mode, at) => {
                let field = if at == root { "version" } else { "Mode" };
                let message = match root.attribute("version") {
                    Some(version) if at == root => format!(
                        "FET's {mode} mode (a file of FET version {version:?}) is not supported; the Official, Terms and Block_Planning modes are read"
                    ),
                    _ => format!("FET's {mode} mode is not supported; the Official, Terms and Block_Planning modes are read"),
                };
                self.issue(at, field, message);
                return None;
            }
        };
        let days = self.names(root, "Days_List", "Day", "Number_of_Days");
        let hours = self.names(root, "Hours_List", "Hour", "Number_of_Hours");
        let teachers = self.list_names(root, "Teachers_List", "Teacher");
        let students = self.students(root);
        let rooms = self.rooms(root);
        let activities = self.activities(root);
        let (courses, facts, lesson_of) = courses(&activities, &students, &rooms::of_activities(root));
        let calendar = Calendar {
            days: u16::try_from(days.len()).unwrap_or(u16::MAX),
            periods_per_day: u16::try_from(hours.len()).unwrap_or(u16::MAX),
            day_names: days.clone(),
            period_names: hours.clone(),
            breaks: Vec::new(),
        };
        let mut problem = ProblemDef {
            name: child(root, "Institution_Name").map(text_of).filter(|n| !n.is_empty()).unwrap_or("FET file").to_owned(),
            calendar,
            teachers: teachers.into_iter().map(|name| TeacherDef { name }).collect(),
            groups: students
                .order
                .iter()
                .map(|name| {
                    let parents = &students.parents[name];
                    match parents.len() {
                        1 => GroupDef { name: name.clone(), parent: parents.first().cloned(), parents: Vec::new() },
                        _ => GroupDef { name: name.clone(), parent: None, parents: parents.clone() },
                    }
                })
                .collect(),
            rooms,
            courses,
            constraints: Vec::new(),
        };
        let time = Slots { days: &days, hours: &hours };
        let terms = if terms { self.terms(root, &time)? } else { Vec::new() };
        let away = students_away(root, &time);
        let teachers_away = teachers_away(root, &time);
        let leaves = students.leaves();
        let mut unsupported: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut room_rules = rooms::RoomRules::default();
        for list in ["Time_Constraints_List", "Space_Constraints_List"] {
            let Some(list) = child(root, list) else { continue };
            for node in list.children().filter(Node::is_element) {
                if !self.flag(node, "Active", true) {
                    continue;
                }
                let weight: Option<f64> = self.required(node, "Weight_Percentage").and_then(|w| match w.parse::<f64>() {
                    Ok(w) if (0.0..=100.0).contains(&w) => Some(w),
                    _ => {
                        let at = child(node, "Weight_Percentage").unwrap_or(node);
                        self.issue(at, "Weight_Percentage", format!("expected a percentage from 0 to 100, found {w:?}"));
                        None
                    }
                });
                let Some(weight) = weight else { continue };
                let Some(level) = level_of(weight) else {
                    if node.tag_name().name() == "ConstraintMinDaysBetweenActivities" {
                        self.min_days(node, None, &lesson_of, &mut problem);
                    }
                    continue;
                };
                let tag = node.tag_name().name();
                let unmapped = if rooms::is_room_constraint(tag) {
                    match rooms::rule(node, level) {
                        Ok(rule) => room_rules.push(rule),
                        Err(missing) => self.issue(node, missing, format!("missing or not valid in <{tag}>")),
                    }
                    None
                } else if self.constraint(
                    node,
                    level,
                    &Context {
                        time: &time,
                        activities: &activities,
                        lesson_of: &lesson_of,
                        away: &away,
                        teachers_away: &teachers_away,
                        leaves: &leaves,
                        terms: &terms,
                        block_planning,
                    },
                    &mut problem,
                ) {
                    None
                } else {
                    Some(tag.to_owned())
                };
                if let Some(key) = unmapped {
                    // The byte offset, not the line: finding a line scans the text from its start.
                    unsupported.entry(key).or_insert((0, node.range().start)).0 += 1;
                }
            }
        }
        let mut preferring: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for (course, facts) in problem.courses.iter_mut().zip(&facts) {
            let rooms::CourseRooms { choice, preferences } = rooms::choice(&facts.as_facts(), &room_rules);
            course.rooms = choice;
            for rule in preferences {
                preferring.entry(rule).or_default().push(course.name.clone());
            }
        }
        for (n, courses) in preferring {
            let rule = room_rules.get(n);
            let constraint = ConstraintDef::PreferredRooms(PreferredRoomsDef { courses, rooms: rule.rooms.clone() });
            problem.constraints.push(ConstraintEntryDef { level: rule.level, constraint });
        }
        let mut skipped = Vec::new();
        if !unsupported.is_empty() {
            let list: Vec<String> = unsupported.iter().map(|(kind, (n, _))| format!("{kind} ({n})")).collect();
            if options.skip_unsupported {
                skipped = unsupported.into_iter().map(|(kind, (n, _))| (kind, n)).collect();
            } else {
                let first = unsupported.values().map(|&(_, at)| at).min().unwrap_or(0);
                let line = self.lines.line_at(first);
                self.issues.push(Issue::at_line(
                    line,
                    "Time_Constraints_List",
                    format!(
                        "constraint types Horarium does not support yet: {}; read with --skip-unsupported to leave them out",
                        list.join(", ")
                    ),
                ));
            }
        }
        let activities = lesson_of.into_iter().map(|(id, (course, lesson, _))| (id, (course, lesson))).collect();
        Some(FetInstance { problem, activities, skipped })
    }

    /// The Terms mode's terms, each a group of consecutive days: `Number_of_Terms` of
    /// `Number_of_Days_Per_Term` days, which must make the week (a file of FET's custom build,
    /// without them, has FET's default of 5 terms of 5 days).
    fn terms(&mut self, root: Node<'d, 'input>, time: &Slots<'_>) -> Option<Vec<SlotGroupDef>> {
        let read = |r: &mut Self, name: &str| match child(root, name) {
            Some(_) => r.number::<u16>(root, name),
            None => Some(5),
        };
        let (terms, days_per_term) = (read(self, "Number_of_Terms")?, read(self, "Number_of_Days_Per_Term")?);
        // A week of more days than a calendar holds is refused too, so the sums below stay in u16.
        if usize::from(terms) * usize::from(days_per_term) != time.days.len() || terms == 0 || u16::try_from(time.days.len()).is_err() {
            let at = child(root, "Number_of_Terms").unwrap_or(root);
            let message = format!(
                "{terms} terms of {days_per_term} days make {} days, but the file has {} days",
                u32::from(terms) * u32::from(days_per_term),
                time.days.len()
            );
            self.issue(at, "Number_of_Terms", message);
            return None;
        }
        let periods = u16::try_from(time.hours.len()).unwrap_or(u16::MAX);
        let group = |t: u16| SlotGroupDef {
            name: Some(format!("term {}", t + 1)),
            slots: (t * days_per_term..(t + 1) * days_per_term)
                .flat_map(|day| (0..periods).map(move |period| SlotDef { day, period }))
                .collect(),
        };
        Some((0..terms).map(group).collect())
    }

    /// The names of `list`'s `item`s (`<Day><Name>...`), checked against its count.
    fn names(&mut self, root: Node<'d, 'input>, list: &str, item: &'static str, count: &str) -> Vec<String> {
        let Some(node) = child(root, list) else {
            self.issue(root, list, "missing");
            return Vec::new();
        };
        let names: Vec<String> = elements(node, item).filter_map(|n| self.required(n, "Name")).map(str::to_owned).collect();
        if let Some(expected) = self.number::<usize>(node, count) {
            if expected != names.len() {
                self.issue(node, count, format!("says {expected}, but {} <{item}> are listed", names.len()));
            }
        }
        if names.is_empty() {
            self.issue(node, item, "none is listed");
        }
        names
    }

    /// The names of `list`'s `item`s. FET does not trim names, so `"HEN"` and `"HEN "` are two
    /// teachers: a name the trimmed ones already hold keeps its spaces, so that both are kept
    /// (references, read trimmed, name the first).
    fn list_names(&mut self, root: Node<'d, 'input>, list: &str, item: &'static str) -> Vec<String> {
        let Some(node) = child(root, list) else { return Vec::new() };
        let mut names: Vec<String> = Vec::new();
        for n in elements(node, item) {
            let Some(name) = self.required(n, "Name") else { continue };
            let raw = child(n, "Name").and_then(|c| c.text()).unwrap_or(name);
            let taken = names.iter().any(|t| t == name);
            names.push(if taken && raw != name && !names.iter().any(|t| t == raw) { raw } else { name }.to_owned());
        }
        names
    }

    fn students(&mut self, root: Node<'d, 'input>) -> Students {
        let mut students = Students::default();
        let Some(list) = child(root, "Students_List") else { return students };
        for year in elements(list, "Year") {
            let Some(year_name) = self.required(year, "Name") else { continue };
            let size = self.number(year, "Number_of_Students").unwrap_or(0);
            students.add(year_name, size, None);
            for group in elements(year, "Group") {
                let Some(group_name) = self.required(group, "Name").map(|n| untrimmed_if_same(group, n, year_name)) else { continue };
                let size = self.number(group, "Number_of_Students").unwrap_or(0);
                students.add(group_name, size, Some(year_name));
                for subgroup in elements(group, "Subgroup") {
                    let Some(name) = self.required(subgroup, "Name").map(|n| untrimmed_if_same(subgroup, n, group_name)) else { continue };
                    let size = self.number(subgroup, "Number_of_Students").unwrap_or(0);
                    students.add(name, size, Some(group_name));
                }
            }
        }
        students
    }

    fn rooms(&mut self, root: Node<'d, 'input>) -> Vec<RoomDef> {
        let Some(list) = child(root, "Rooms_List") else { return Vec::new() };
        let mut rooms = Vec::new();
        for room in elements(list, "Room") {
            let Some(name) = self.required(room, "Name") else { continue };
            if self.flag(room, "Virtual", false) {
                self.issue(room, "Virtual", format!("room {name:?} is virtual (a set of real rooms), which Horarium does not support yet"));
                continue;
            }
            let capacity = self.number(room, "Capacity").unwrap_or(0);
            let building = child(room, "Building").map(text_of).filter(|b| !b.is_empty()).map(str::to_owned);
            rooms.push(RoomDef { name: name.to_owned(), capacity, tags: Vec::new(), building });
        }
        rooms
    }

    fn activities(&mut self, root: Node<'d, 'input>) -> Vec<Activity> {
        let Some(list) = child(root, "Activities_List") else {
            self.issue(root, "Activities_List", "missing");
            return Vec::new();
        };
        let mut res = Vec::new();
        for node in elements(list, "Activity") {
            if !self.flag(node, "Active", true) {
                continue;
            }
            let (Some(id), Some(duration)) = (self.number::<u32>(node, "Id"), self.number::<u16>(node, "Duration")) else { continue };
            if duration == 0 {
                self.issue(node, "Duration", format!("activity {id} lasts 0 hours"));
                continue;
            }
            let group = child(node, "Activity_Group_Id").map_or(Some(0), |_| self.number::<u32>(node, "Activity_Group_Id")).unwrap_or(0);
            let size = child(node, "Number_Of_Students").and_then(|_| self.number::<u32>(node, "Number_Of_Students"));
            res.push(Activity {
                id,
                component: 0,
                group: if group == 0 { id } else { group },
                teachers: elements(node, "Teacher").map(|n| text_of(n).to_owned()).collect(),
                subject: child(node, "Subject").map(text_of).unwrap_or_default().to_owned(),
                tags: sorted_tags(node),
                students: elements(node, "Students").map(|n| text_of(n).to_owned()).collect(),
                duration,
                size,
            });
        }
        // Each part's place in its split activity, in the order of the parts' ids.
        let mut by_group: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (k, a) in res.iter().enumerate() {
            by_group.entry(a.group).or_default().push(k);
        }
        for mut parts in by_group.into_values() {
            parts.sort_by_key(|&k| res[k].id);
            for (n, k) in parts.into_iter().enumerate() {
                res[k].component = u32::try_from(n + 1).unwrap_or(u32::MAX);
            }
        }
        res
    }

    /// Adds the constraint `node` at `level` to `problem`; `false` when its type has no counterpart.
    fn constraint(&mut self, node: Node<'d, 'input>, level: Level, context: &Context<'_>, problem: &mut ProblemDef) -> bool {
        let Context { time, activities, lesson_of, away, teachers_away, leaves, terms, block_planning } = *context;
        let tag = node.tag_name().name();
        let mut push = |constraint: ConstraintDef| problem.constraints.push(ConstraintEntryDef { level, constraint });
        let teacher = |r: &mut Self| r.required(node, "Teacher_Name").map(|t| WhoDef::Teacher(t.to_owned()));
        match tag {
            "ConstraintBasicCompulsoryTime" => {
                push(ConstraintDef::Clashes(Clashes {}));
                // FET's block planning lays a teacher's column out as a day and a block as an hour:
                // a students set is in one activity per hour, whichever the days (fet-cl refuses a
                // students set locked into one hour of two days; a teacher it allows).
                if block_planning {
                    let periods = u16::try_from(time.hours.len()).unwrap_or(u16::MAX);
                    let days = u16::try_from(time.days.len()).unwrap_or(u16::MAX);
                    let groups = (0..periods)
                        .map(|period| SlotGroupDef {
                            name: Some(time.hours[usize::from(period)].clone()),
                            slots: (0..days).map(|day| SlotDef { day, period }).collect(),
                        })
                        .collect();
                    push(ConstraintDef::BusyPerGroup(GroupLimitsDef { who: WhoDef::AllGroups, groups, min: 0, max: Some(1) }));
                }
            }
            "ConstraintBasicCompulsorySpace" => {
                push(ConstraintDef::RoomOccupancy(RoomOccupancy {}));
                push(ConstraintDef::RoomCapacity(RoomCapacity {}));
            }
            "ConstraintMinDaysBetweenActivities" => self.min_days(node, Some(level), lesson_of, problem),
            "ConstraintTeacherNotAvailableTimes" | "ConstraintStudentsSetNotAvailableTimes" | "ConstraintRoomNotAvailableTimes" => {
                let (field, resource): (&str, fn(String) -> ResourceRefDef) = match tag {
                    "ConstraintTeacherNotAvailableTimes" => ("Teacher", ResourceRefDef::Teacher),
                    "ConstraintStudentsSetNotAvailableTimes" => ("Students", ResourceRefDef::Group),
                    _ => ("Room", ResourceRefDef::Room),
                };
                let Some(name) = self.required(node, field) else { return true };
                let slots: Vec<SlotDef> = elements(node, "Not_Available_Time").filter_map(|n| self.slot(n, time, "Day", "Hour")).collect();
                if !slots.is_empty() {
                    push(ConstraintDef::Unavailable(UnavailableDef { resource: resource(name.to_owned()), slots }));
                }
            }
            "ConstraintActivityPreferredStartingTime" if level == Level::Hard => {
                let Some(id) = self.number::<u32>(node, "Activity_Id") else { return true };
                let Some(slot) = self.slot(node, time, "Preferred_Day", "Preferred_Hour") else { return true };
                // An inactive activity's preference constrains nothing.
                if let Some((_, lesson, course)) = lesson_of.get(&id) {
                    if let Some(c) = problem.courses.get_mut(*course) {
                        c.pinned.push(PinDef { lesson: *lesson, day: slot.day, period: slot.period, room: None });
                    }
                }
            }
            // Breaks belong to the week: nobody has a lesson in them, and they are nobody's idle period.
            "ConstraintBreakTimes" if level == Level::Hard => {
                for n in elements(node, "Break_Time") {
                    if let Some(slot) = self.slot(n, time, "Day", "Hour") {
                        if !problem.calendar.breaks.contains(&slot) {
                            problem.calendar.breaks.push(slot);
                        }
                    }
                }
            }
            // A preferred starting time that may be broken, and sets of starting times or slots.
            "ConstraintActivityPreferredStartingTime" => {
                let Some(id) = self.number::<u32>(node, "Activity_Id") else { return true };
                let Some(slot) = self.slot(node, time, "Preferred_Day", "Preferred_Hour") else { return true };
                let lessons = lessons_of(lesson_of, [id]);
                if !lessons.is_empty() {
                    push(ConstraintDef::LessonSlots(LessonSlotsDef { lessons, slots: vec![slot], every_period: false }));
                }
            }
            "ConstraintActivityPreferredStartingTimes"
            | "ConstraintActivityPreferredTimeSlots"
            | "ConstraintActivitiesPreferredStartingTimes"
            | "ConstraintActivitiesPreferredTimeSlots"
            | "ConstraintSubactivitiesPreferredStartingTimes"
            | "ConstraintSubactivitiesPreferredTimeSlots" => {
                let every_period = tag.ends_with("TimeSlots");
                let (item, day, hour) = if every_period {
                    ("Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour")
                } else {
                    ("Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour")
                };
                let slots: Vec<SlotDef> = elements(node, item).filter_map(|n| self.slot(n, time, day, hour)).collect();
                let ids: Vec<u32> = if tag.starts_with("ConstraintActivity") {
                    self.number::<u32>(node, "Activity_Id").into_iter().collect()
                } else {
                    let mut filter = ActivityFilter::of(node);
                    if tag.starts_with("ConstraintSubactivities") {
                        filter.component = Some(self.number::<u32>(node, "Component_Number").unwrap_or(0));
                    }
                    activities.iter().filter(|a| filter.selects(a, leaves)).map(|a| a.id).collect()
                };
                let lessons = lessons_of(lesson_of, ids);
                // No slot allows nothing at all: every listed lesson then breaks it.
                if !lessons.is_empty() && !slots.is_empty() {
                    push(ConstraintDef::LessonSlots(LessonSlotsDef { lessons, slots, every_period }));
                } else if !lessons.is_empty() {
                    self.issue(node, item, "none is listed, so no time would do");
                }
            }
            "ConstraintActivityEndsStudentsDay" | "ConstraintActivitiesEndStudentsDay" => {
                let ids: Vec<u32> = if tag == "ConstraintActivityEndsStudentsDay" {
                    self.number::<u32>(node, "Activity_Id").into_iter().collect()
                } else {
                    let filter = ActivityFilter::of(node);
                    activities.iter().filter(|a| filter.selects(a, leaves)).map(|a| a.id).collect()
                };
                let lessons = lessons_of(lesson_of, ids);
                if !lessons.is_empty() {
                    push(ConstraintDef::EndsDay(EndsDayDef { lessons }));
                }
            }
            "ConstraintActivitiesNotOverlapping" => {
                let lessons = listed_lessons(lesson_of, node);
                if lessons.len() >= 2 {
                    push(ConstraintDef::NotOverlapping(NotOverlappingDef { lessons }));
                }
            }
            "ConstraintActivitiesOccupyMaxTimeSlotsFromSelection" => {
                let lessons = listed_lessons(lesson_of, node);
                let slots: Vec<SlotDef> =
                    elements(node, "Selected_Time_Slot").filter_map(|n| self.slot(n, time, "Selected_Day", "Selected_Hour")).collect();
                if let (false, Some(max)) = (lessons.is_empty(), self.number::<u16>(node, "Max_Number_of_Occupied_Time_Slots")) {
                    // No more slots than allowed constrains nothing.
                    if slots.len() > usize::from(max) {
                        push(ConstraintDef::MaxSlotsUsed(MaxSlotsUsedDef { lessons, slots, max }));
                    }
                }
            }
            "ConstraintActivitiesOccupyMaxDifferentRooms" => {
                let lessons = listed_lessons(lesson_of, node);
                if let (false, Some(max)) = (lessons.is_empty(), self.number::<u16>(node, "Max_Number_of_Different_Rooms")) {
                    push(ConstraintDef::MaxRooms(MaxRoomsDef { lessons, max }));
                }
            }
            "ConstraintActivitiesSameStartingHour" => {
                let lessons = listed_lessons(lesson_of, node);
                if lessons.len() >= 2 {
                    push(ConstraintDef::SameStart(SameStartDef { lessons, period_only: true }));
                }
            }
            "ConstraintActivitiesSameStartingTime" => {
                let lessons = listed_lessons(lesson_of, node);
                // Inactive activities are left out; fewer than two left constrain nothing.
                if lessons.len() >= 2 {
                    push(ConstraintDef::SameStart(SameStartDef { lessons, period_only: false }));
                }
            }
            "ConstraintActivitiesSameStartingDay" | "ConstraintMaxDaysBetweenActivities" => {
                let days = if tag == "ConstraintActivitiesSameStartingDay" { Some(0) } else { self.number::<u16>(node, "MaxDays") };
                let lessons = listed_lessons(lesson_of, node);
                // Days as far apart as the week allows constrain nothing.
                let n_days = u16::try_from(time.days.len()).unwrap_or(u16::MAX);
                if let Some(days) = days.filter(|&d| d < n_days.saturating_sub(1) && lessons.len() >= 2) {
                    push(ConstraintDef::MaxDaysBetween(MaxDaysBetweenDef { lessons, days }));
                }
            }
            "ConstraintMinGapsBetweenActivities" => {
                let periods = self.number::<u16>(node, "MinGaps");
                let lessons = listed_lessons(lesson_of, node);
                // More gaps than a day has periods is as strict as the day's periods: never two on one day.
                let day = u16::try_from(time.hours.len()).unwrap_or(u16::MAX);
                if let Some(periods) = periods.filter(|&p| p > 0 && lessons.len() >= 2) {
                    push(ConstraintDef::MinGapBetween(MinGapBetweenDef { lessons, periods: periods.min(day) }));
                }
            }
            "ConstraintTwoActivitiesConsecutive"
            | "ConstraintTwoActivitiesGrouped"
            | "ConstraintTwoActivitiesOrdered"
            | "ConstraintTwoActivitiesOrderedIfSameDay" => {
                let rule = match tag {
                    "ConstraintTwoActivitiesConsecutive" => PairRule::Consecutive,
                    "ConstraintTwoActivitiesGrouped" => PairRule::Grouped,
                    "ConstraintTwoActivitiesOrdered" => PairRule::Ordered,
                    _ => PairRule::OrderedIfSameDay,
                };
                let (Some(a), Some(b)) = (self.number::<u32>(node, "First_Activity_Id"), self.number::<u32>(node, "Second_Activity_Id"))
                else {
                    return true;
                };
                // An inactive activity's pair constrains nothing.
                let lesson = |id: u32| lessons_of(lesson_of, [id]).pop();
                if let (Some(first), Some(then)) = (lesson(a), lesson(b)) {
                    if first != then {
                        push(ConstraintDef::LessonPair(LessonPairDef { first, then, rule }));
                    }
                }
            }
            "ConstraintStudentsEarlyMaxBeginningsAtSecondHour" | "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour" => {
                let target = if tag.contains("StudentsSet") {
                    let Some(name) = self.required(node, "Students") else { return true };
                    Some(name)
                } else {
                    None
                };
                let Some(max_late_days) = self.number::<u16>(node, "Max_Beginnings_At_Second_Hour") else { return true };
                for (who, not_counted) in rows_with_away(&problem.groups, leaves, target, away) {
                    let constraint = ConstraintDef::EarlyStart(EarlyStartDef { who, max_late_days, not_counted });
                    problem.constraints.push(ConstraintEntryDef { level, constraint });
                }
            }
            "ConstraintTeachersMaxDaysPerWeek" => {
                if let Some(days) = self.number(node, "Max_Days_Per_Week") {
                    push(ConstraintDef::MaxDays(MaxDaysDef { who: WhoDef::AllTeachers, days, periods: Vec::new() }));
                }
            }
            "ConstraintTeacherMinDaysPerWeek" => {
                if let (Some(who), Some(days)) = (teacher(self), self.number(node, "Minimum_Days_Per_Week")) {
                    push(ConstraintDef::MinDays(MinDaysDef { who, days }));
                }
            }
            "ConstraintTeachersMinDaysPerWeek" => {
                // Each teacher who teaches: one without activities has no days to count.
                if let Some(days) = self.number::<u16>(node, "Minimum_Days_Per_Week") {
                    let mut teaching: Vec<&String> = activities.iter().flat_map(|a| &a.teachers).collect();
                    teaching.sort_unstable();
                    teaching.dedup();
                    for name in teaching {
                        push(ConstraintDef::MinDays(MinDaysDef { who: WhoDef::Teacher(name.clone()), days }));
                    }
                }
            }
            "ConstraintTeacherMaxDaysPerWeek" => {
                if let (Some(who), Some(days)) = (teacher(self), self.number(node, "Max_Days_Per_Week")) {
                    push(ConstraintDef::MaxDays(MaxDaysDef { who, days, periods: Vec::new() }));
                }
            }
            "ConstraintTeachersIntervalMaxDaysPerWeek"
            | "ConstraintStudentsIntervalMaxDaysPerWeek"
            | "ConstraintTeacherIntervalMaxDaysPerWeek"
            | "ConstraintStudentsSetIntervalMaxDaysPerWeek" => {
                let who = self.who_by_prefix(node, tag, "Teacher_Name");
                let (Some(who), Some(periods), Some(days)) =
                    (who, self.interval(node, time), self.number::<u16>(node, "Max_Days_Per_Week"))
                else {
                    return true;
                };
                // As many days as the week has constrain nothing.
                if usize::from(days) < time.days.len() {
                    push(ConstraintDef::MaxDays(MaxDaysDef { who, days, periods }));
                }
            }
            "ConstraintTeachersMaxGapsPerWeek"
            | "ConstraintTeachersMaxGapsPerDay"
            | "ConstraintStudentsMaxGapsPerWeek"
            | "ConstraintStudentsMaxGapsPerDay" => {
                let per = if tag.ends_with("PerDay") { Per::Day } else { Per::Week };
                if let Some(max) = self.number(node, "Max_Gaps") {
                    if tag.starts_with("ConstraintTeachers") {
                        // FET counts no gap at a teacher's not-available time: one rule per teacher where any is away.
                        if teachers_away.values().all(Vec::is_empty) {
                            push(ConstraintDef::IdleGaps(IdleGapsDef { who: WhoDef::AllTeachers, per, max, not_counted: Vec::new() }));
                        } else {
                            for t in &problem.teachers {
                                let not_counted = teachers_away.get(&t.name).cloned().unwrap_or_default();
                                let constraint =
                                    ConstraintDef::IdleGaps(IdleGapsDef { who: WhoDef::Teacher(t.name.clone()), per, max, not_counted });
                                problem.constraints.push(ConstraintEntryDef { level, constraint });
                            }
                        }
                    } else {
                        // FET counts no gap at a subgroup's not-available time.
                        for (who, not_counted) in rows_with_away(&problem.groups, leaves, None, away) {
                            problem.constraints.push(ConstraintEntryDef {
                                level,
                                constraint: ConstraintDef::IdleGaps(IdleGapsDef { who, per, max, not_counted }),
                            });
                        }
                    }
                }
            }
            "ConstraintTeacherMaxGapsPerWeek"
            | "ConstraintTeacherMaxGapsPerDay"
            | "ConstraintStudentsSetMaxGapsPerWeek"
            | "ConstraintStudentsSetMaxGapsPerDay" => {
                let per = if tag.ends_with("PerDay") { Per::Day } else { Per::Week };
                if tag.starts_with("ConstraintTeacher") {
                    if let (Some(name), Some(max)) = (self.required(node, "Teacher_Name"), self.number(node, "Max_Gaps")) {
                        let not_counted = teachers_away.get(name).cloned().unwrap_or_default();
                        push(ConstraintDef::IdleGaps(IdleGapsDef { who: WhoDef::Teacher(name.to_owned()), per, max, not_counted }));
                    }
                } else if let (Some(set), Some(max)) = (self.required(node, "Students"), self.number(node, "Max_Gaps")) {
                    // FET counts no gap at a subgroup's not-available time.
                    for (who, not_counted) in rows_with_away(&problem.groups, leaves, Some(set), away) {
                        problem.constraints.push(ConstraintEntryDef {
                            level,
                            constraint: ConstraintDef::IdleGaps(IdleGapsDef { who, per, max, not_counted }),
                        });
                    }
                }
            }
            "ConstraintTeachersMaxHoursDaily"
            | "ConstraintStudentsMaxHoursDaily"
            | "ConstraintTeacherMaxHoursDaily"
            | "ConstraintStudentsSetMaxHoursDaily" => {
                let who = self.who_by_prefix(node, tag, "Teacher_Name");
                if let (Some(who), Some(max)) = (who, self.number(node, "Maximum_Hours_Daily")) {
                    push(ConstraintDef::LessonsPerDay(LessonsPerDayDef {
                        who,
                        min: None,
                        max: Some(max),
                        every_day: false,
                        courses: None,
                    }));
                }
            }
            "ConstraintTeachersMaxHoursContinuously"
            | "ConstraintStudentsMaxHoursContinuously"
            | "ConstraintTeacherMaxHoursContinuously"
            | "ConstraintStudentsSetMaxHoursContinuously" => {
                let who = self.who_by_prefix(node, tag, "Teacher_Name");
                // As many as a day has constrain nothing; FET asks for at least 1.
                let day = u16::try_from(time.hours.len()).unwrap_or(u16::MAX);
                let max = self.number::<u16>(node, "Maximum_Hours_Continuously");
                if let (Some(who), Some(max)) = (who, max.filter(|&m| m < day)) {
                    if max == 0 {
                        let at = child(node, "Maximum_Hours_Continuously").unwrap_or(node);
                        self.issue(at, "Maximum_Hours_Continuously", "0 hours in a row would forbid every activity");
                    } else {
                        push(ConstraintDef::MaxConsecutivePeriods(MaxConsecutivePeriodsDef { who, max, courses: None }));
                    }
                }
            }
            "ConstraintTeachersMinHoursDaily"
            | "ConstraintStudentsMinHoursDaily"
            | "ConstraintTeacherMinHoursDaily"
            | "ConstraintStudentsSetMinHoursDaily" => {
                // FET calls a minimum for students that allows empty days non-standard, so a
                // file that does not say means none allowed: the least then holds on every day.
                let every_day = !self.flag(node, "Allow_Empty_Days", !tag.contains("Students"));
                let who = self.who_by_prefix(node, tag, "Teacher_Name");
                if let (Some(who), Some(min)) = (who, self.number(node, "Minimum_Hours_Daily")) {
                    push(ConstraintDef::LessonsPerDay(LessonsPerDayDef { who, min: Some(min), max: None, every_day, courses: None }));
                }
            }
            "ConstraintTeacherActivityTagMaxHoursDaily"
            | "ConstraintTeachersActivityTagMaxHoursDaily"
            | "ConstraintStudentsActivityTagMaxHoursDaily"
            | "ConstraintStudentsSetActivityTagMaxHoursDaily"
            | "ConstraintTeacherActivityTagMaxHoursContinuously"
            | "ConstraintTeachersActivityTagMaxHoursContinuously"
            | "ConstraintStudentsActivityTagMaxHoursContinuously"
            | "ConstraintStudentsSetActivityTagMaxHoursContinuously" => {
                let who = self.who_by_prefix(node, tag, "Teacher_Name");
                // Teachers' constraints name the tag `Activity_Tag_Name`, students' `Activity_Tag`.
                let field = if tag.starts_with("ConstraintTeacher") { "Activity_Tag_Name" } else { "Activity_Tag" };
                let Some(activity_tag) = self.required(node, field) else { return true };
                // The courses of the tag's activities: a split activity's parts with other tags are courses of their own.
                let mut courses: Vec<String> = activities
                    .iter()
                    .filter(|a| a.tags.iter().any(|t| t == activity_tag))
                    .filter_map(|a| lesson_of.get(&a.id).map(|(course, _, _)| course.clone()))
                    .collect();
                courses.sort_unstable();
                courses.dedup();
                let day = u16::try_from(time.hours.len()).unwrap_or(u16::MAX);
                let (Some(who), false) = (who, courses.is_empty()) else { return true };
                if tag.ends_with("Daily") {
                    // As many as a day has constrain nothing.
                    if let Some(max) = self.number::<u16>(node, "Maximum_Hours_Daily").filter(|&m| m < day) {
                        let def = LessonsPerDayDef { who, min: None, max: Some(max), every_day: false, courses: Some(courses) };
                        push(ConstraintDef::LessonsPerDay(def));
                    }
                } else if let Some(max) = self.number::<u16>(node, "Maximum_Hours_Continuously").filter(|&m| m < day) {
                    if max == 0 {
                        let at = child(node, "Maximum_Hours_Continuously").unwrap_or(node);
                        self.issue(at, "Maximum_Hours_Continuously", "0 hours in a row would forbid every activity with the tag");
                    } else {
                        push(ConstraintDef::MaxConsecutivePeriods(MaxConsecutivePeriodsDef { who, max, courses: Some(courses) }));
                    }
                }
            }
            "ConstraintTeacherMaxBuildingChangesPerDay"
            | "ConstraintTeachersMaxBuildingChangesPerDay"
            | "ConstraintTeacherMaxBuildingChangesPerWeek"
            | "ConstraintTeachersMaxBuildingChangesPerWeek"
            | "ConstraintTeacherMinGapsBetweenBuildingChanges"
            | "ConstraintTeachersMinGapsBetweenBuildingChanges"
            | "ConstraintStudentsSetMaxBuildingChangesPerDay"
            | "ConstraintStudentsMaxBuildingChangesPerDay"
            | "ConstraintStudentsSetMaxBuildingChangesPerWeek"
            | "ConstraintStudentsMaxBuildingChangesPerWeek"
            | "ConstraintStudentsSetMinGapsBetweenBuildingChanges"
            | "ConstraintStudentsMinGapsBetweenBuildingChanges" => {
                // These name the teacher `Teacher`, not `Teacher_Name`.
                let who = self.who_by_prefix(node, tag, "Teacher");
                let limit = if tag.ends_with("PerDay") {
                    self.number(node, "Max_Building_Changes_Per_Day").map(BuildingLimit::MaxPerDay)
                } else if tag.ends_with("PerWeek") {
                    self.number(node, "Max_Building_Changes_Per_Week").map(BuildingLimit::MaxPerWeek)
                } else {
                    // No gap asked for constrains nothing.
                    self.number(node, "Min_Gaps_Between_Building_Changes").filter(|&g| g > 0).map(BuildingLimit::MinGap)
                };
                if let (Some(who), Some(limit)) = (who, limit) {
                    push(ConstraintDef::BuildingChanges(BuildingChangesDef { who, limit }));
                }
            }
            "ConstraintActivitiesSameRoomIfConsecutive" => {
                let lessons = listed_lessons(lesson_of, node);
                if lessons.len() >= 2 {
                    push(ConstraintDef::SameRoomIfConsecutive(SameRoomIfConsecutiveDef { lessons }));
                }
            }
            "ConstraintTeacherMinRestingHours"
            | "ConstraintTeachersMinRestingHours"
            | "ConstraintStudentsSetMinRestingHours"
            | "ConstraintStudentsMinRestingHours" => {
                let who = self.who_by_prefix(node, tag, "Teacher_Name");
                let circular = self.flag(node, "Circular", false);
                // No rest asked for constrains nothing.
                let min = self.number::<u16>(node, "Minimum_Resting_Hours").filter(|&m| m > 0);
                if let (Some(who), Some(min)) = (who, min) {
                    push(ConstraintDef::MinRest(MinRestDef { who, min, circular }));
                }
            }
            "ConstraintThreeActivitiesGrouped" => {
                let ids = ["First_Activity_Id", "Second_Activity_Id", "Third_Activity_Id"].map(|field| self.number::<u32>(node, field));
                let [Some(a), Some(b), Some(c)] = ids else { return true };
                // An inactive activity is left out; two left are a grouped pair, one constrains nothing.
                let lessons = lessons_of(lesson_of, [a, b, c]);
                if lessons.len() >= 2 {
                    push(ConstraintDef::GroupedLessons(GroupedLessonsDef { lessons }));
                }
            }
            // One day allowed a period more is not in the catalog.
            "ConstraintTeachersMaxSpanPerDay"
            | "ConstraintStudentsMaxSpanPerDay"
            | "ConstraintTeacherMaxSpanPerDay"
            | "ConstraintStudentsSetMaxSpanPerDay"
                if !self.flag(node, "Allow_One_Day_Exception_of_Plus_One", false) =>
            {
                let who = self.who_by_prefix(node, tag, "Teacher_Name");
                // A span as long as the day constrains nothing.
                let day = u16::try_from(time.hours.len()).unwrap_or(u16::MAX);
                let max = self.number::<u16>(node, "Max_Span");
                if let (Some(who), Some(max)) = (who, max.filter(|&m| m < day)) {
                    if max == 0 {
                        self.issue(child(node, "Max_Span").unwrap_or(node), "Max_Span", "a span of 0 hours would forbid every activity");
                    } else {
                        push(ConstraintDef::MaxSpan(MaxSpanDef { who, max }));
                    }
                }
            }
            "ConstraintActivityTagsNotOverlapping" => {
                let tags: Vec<&str> = elements(node, "Activity_Tag").map(text_of).collect();
                // An activity with several of the tags is in the set of the first it has.
                let sets: Vec<LessonSetDef> = tags
                    .iter()
                    .enumerate()
                    .map(|(k, tag)| {
                        let ids = activities
                            .iter()
                            .filter(|a| {
                                a.tags.iter().any(|t| t == tag) && !tags[..k].iter().any(|earlier| a.tags.iter().any(|t| t == earlier))
                            })
                            .map(|a| a.id);
                        LessonSetDef { name: Some((*tag).to_owned()), lessons: lessons_of(lesson_of, ids) }
                    })
                    .filter(|set| !set.lessons.is_empty())
                    .collect();
                if sets.len() >= 2 {
                    push(ConstraintDef::SetsNotOverlapping(SetsNotOverlappingDef { sets }));
                }
            }
            "ConstraintActivitiesMinSimultaneousInSelectedTimeSlots" | "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots" => {
                let lessons = listed_lessons(lesson_of, node);
                let slots: Vec<SlotDef> =
                    elements(node, "Selected_Time_Slot").filter_map(|n| self.slot(n, time, "Selected_Day", "Selected_Hour")).collect();
                let bounds = if tag == "ConstraintActivitiesMinSimultaneousInSelectedTimeSlots" {
                    let allow_empty = self.flag(node, "Allow_Empty_Slots", false);
                    self.number::<u16>(node, "Min_Number_of_Simultaneous_Activities").filter(|&m| m > 0).map(|min| (min, None, allow_empty))
                } else {
                    // As many as listed constrain nothing.
                    let max = self.number::<u16>(node, "Max_Number_of_Simultaneous_Activities");
                    max.filter(|&m| usize::from(m) < lessons.len()).map(|max| (0, Some(max), false))
                };
                if let (false, false, Some((min, max, allow_empty))) = (lessons.is_empty(), slots.is_empty(), bounds) {
                    push(ConstraintDef::LessonsPerSlot(LessonsPerSlotDef { lessons, slots, min, max, allow_empty }));
                }
            }
            // An activity counts when it takes place in a selected slot; the catalog counts
            // starts, so the group is where a lesson of the listed length starts to take place
            // in one. Listed activities of different lengths would need a group per length.
            "ConstraintMaxTotalActivitiesFromSetInSelectedTimeSlots" => {
                let ids: Vec<u32> = listed_ids(node).collect();
                let mut lengths = activities.iter().filter(|a| ids.contains(&a.id) && lesson_of.contains_key(&a.id)).map(|a| a.duration);
                let length = lengths.next();
                if length.is_some() && lengths.any(|l| Some(l) != length) {
                    return false;
                }
                let selected: Vec<SlotDef> =
                    elements(node, "Selected_Time_Slot").filter_map(|n| self.slot(n, time, "Selected_Day", "Selected_Hour")).collect();
                let periods = u16::try_from(time.hours.len()).unwrap_or(u16::MAX);
                let length = length.unwrap_or(1);
                let starts: Vec<SlotDef> = (0..u16::try_from(time.days.len()).unwrap_or(u16::MAX))
                    .flat_map(|day| (0..periods.saturating_sub(length - 1)).map(move |period| SlotDef { day, period }))
                    .filter(|s| selected.iter().any(|x| x.day == s.day && (s.period..s.period + length).contains(&x.period)))
                    .collect();
                let lessons = lessons_of(lesson_of, ids);
                let max = self.number::<u16>(node, "Max_Total_Number_of_Activities").filter(|&m| usize::from(m) < lessons.len());
                if let (false, Some(max)) = (starts.is_empty(), max) {
                    let groups = vec![SlotGroupDef { name: Some("the selected slots".to_owned()), slots: starts }];
                    push(ConstraintDef::LessonSpread(LessonSpreadDef { lessons, groups, max }));
                }
            }
            "ConstraintActivitiesMaxInATerm" | "ConstraintActivitiesOccupyMaxTerms" if !terms.is_empty() => {
                let lessons = listed_lessons(lesson_of, node);
                let groups = terms.to_vec();
                if tag == "ConstraintActivitiesMaxInATerm" {
                    // No more than listed constrain nothing.
                    let max = self.number::<u16>(node, "Max_Number_of_Activities_in_A_Term");
                    if let Some(max) = max.filter(|&m| usize::from(m) < lessons.len()) {
                        push(ConstraintDef::LessonSpread(LessonSpreadDef { lessons, groups, max }));
                    }
                } else {
                    let max = self.number::<u16>(node, "Max_Number_of_Occupied_Terms");
                    if let Some(max) = max.filter(|&m| usize::from(m) < terms.len() && !lessons.is_empty()) {
                        push(ConstraintDef::MaxGroupsUsed(MaxGroupsUsedDef { lessons, groups, max }));
                    }
                }
            }
            _ => return false,
        }
        true
    }

    /// Whom a constraint of a family named `ConstraintTeachers…`, `ConstraintTeacher…`,
    /// `ConstraintStudentsSet…` and `ConstraintStudents…` applies to, the one teacher named in
    /// `teacher_field` (FET's families differ) and the students set in `Students`.
    fn who_by_prefix(&mut self, node: Node<'d, 'input>, tag: &str, teacher_field: &str) -> Option<WhoDef> {
        if tag.starts_with("ConstraintTeachers") {
            Some(WhoDef::AllTeachers)
        } else if tag.starts_with("ConstraintTeacher") {
            self.required(node, teacher_field).map(|t| WhoDef::Teacher(t.to_owned()))
        } else if tag.starts_with("ConstraintStudentsSet") {
            self.required(node, "Students").map(|s| WhoDef::Group(s.to_owned()))
        } else {
            Some(WhoDef::AllGroups)
        }
    }

    /// Adds FET's "min days between activities" `node` at `level` (`None`: 0 %). FET holds its
    /// "consecutive if same day" at 100 % whatever the weight, even 0 % (it refuses a locked
    /// timetable that breaks it), so below 100 % that part is a hard rule of its own.
    fn min_days(&mut self, node: Node<'d, 'input>, level: Option<Level>, lesson_of: &LessonOf, problem: &mut ProblemDef) {
        let lessons: Vec<LessonDef> = elements(node, "Activity_Id")
            .filter_map(|n| text_of(n).parse::<u32>().ok())
            .filter_map(|id| lesson_of.get(&id))
            .map(|(course, lesson, _)| LessonDef { course: course.clone(), lesson: *lesson })
            .collect();
        let days = self.number::<u16>(node, "MinDays");
        let consecutive_if_same_day = self.flag(node, "Consecutive_If_Same_Day", false);
        // Inactive activities are left out; fewer than two left constrain nothing.
        let Some(days) = days.filter(|&d| d > 0 && lessons.len() >= 2) else { return };
        let split = consecutive_if_same_day && level != Some(Level::Hard);
        if split {
            let only_consecutive = MinDaysBetweenDef { lessons: lessons.clone(), days: 0, consecutive_if_same_day: true };
            problem
                .constraints
                .push(ConstraintEntryDef { level: Level::Hard, constraint: ConstraintDef::MinDaysBetween(only_consecutive) });
        }
        if let Some(level) = level {
            let consecutive_if_same_day = consecutive_if_same_day && !split;
            let constraint = ConstraintDef::MinDaysBetween(MinDaysBetweenDef { lessons, days, consecutive_if_same_day });
            problem.constraints.push(ConstraintEntryDef { level, constraint });
        }
    }

    /// The periods from `node`'s `Interval_Start_Hour` up to (not including) its
    /// `Interval_End_Hour`, by name; an end left empty is the end of the day.
    fn interval(&mut self, node: Node<'d, 'input>, time: &Slots<'_>) -> Option<Vec<u16>> {
        let (start, end) = (self.required(node, "Interval_Start_Hour")?, self.required(node, "Interval_End_Hour")?);
        let hour = |r: &mut Self, name: &str, field: &str| {
            let at = time.hours.iter().position(|h| h == name);
            if at.is_none() {
                r.issue(child(node, field).unwrap_or(node), field, format!("unknown hour {name:?}"));
            }
            at
        };
        let first = hour(self, start, "Interval_Start_Hour")?;
        let end = if end.is_empty() { time.hours.len() } else { hour(self, end, "Interval_End_Hour")? };
        if first >= end {
            let at = child(node, "Interval_End_Hour").unwrap_or(node);
            self.issue(
                at,
                "Interval_End_Hour",
                format!("the interval from {start:?} to {end:?} holds no hour", end = time.hours.get(end).map_or("", String::as_str)),
            );
            return None;
        }
        Some((first..end).filter_map(|p| u16::try_from(p).ok()).collect())
    }

    /// The slot of `node`'s children `day` and `hour`, by name.
    fn slot(&mut self, node: Node<'d, 'input>, time: &Slots<'_>, day: &str, hour: &str) -> Option<SlotDef> {
        let (d, h) = (self.required(node, day)?, self.required(node, hour)?);
        let Some(d_index) = time.days.iter().position(|n| n == d) else {
            self.issue(node, day, format!("unknown day {d:?}"));
            return None;
        };
        let Some(h_index) = time.hours.iter().position(|n| n == h) else {
            self.issue(node, hour, format!("unknown hour {h:?}"));
            return None;
        };
        Some(SlotDef { day: u16::try_from(d_index).ok()?, period: u16::try_from(h_index).ok()? })
    }
}

/// The name of `node` (its `<Name>`, read trimmed as `name`), with its spaces kept when trimmed
/// it is its parent's name: FET does not trim names, so a year `"6"` may hold a group `"6 "`.
fn untrimmed_if_same<'a>(node: Node<'a, '_>, name: &'a str, parent: &str) -> &'a str {
    match child(node, "Name").and_then(|c| c.text()) {
        Some(raw) if name == parent && raw != name => raw,
        _ => name,
    }
}

/// The mode a file without `<Mode>` is in, as FET reads it from the custom builds that wrote
/// such files before modes existed (their version ends in `-algeria`, `-morocco` or `-ma`: mornings
/// and afternoons; `-bp`: block planning; `-mathmake`: terms); `None` for the Official mode.
fn mode_of_version(version: &str) -> Option<&'static str> {
    let suffix = version.split_once('-').map_or("", |(_, s)| s);
    if suffix.starts_with("mathmake") {
        Some("Terms")
    } else if ["algeria", "morocco", "ma"].iter().any(|p| suffix.starts_with(p)) {
        Some("Mornings_Afternoons")
    } else if suffix.starts_with("bp") {
        Some("Block_Planning")
    } else {
        None
    }
}

/// What the constraints are read against: the week's names, the activities, which lesson each
/// became, and when each students set is away.
#[derive(Clone, Copy)]
struct Context<'a> {
    time: &'a Slots<'a>,
    activities: &'a [Activity],
    lesson_of: &'a LessonOf,
    away: &'a HashMap<String, Vec<SlotDef>>,
    teachers_away: &'a HashMap<String, Vec<SlotDef>>,
    leaves: &'a Leaves,
    /// In the Terms mode, each term's slots; empty otherwise.
    terms: &'a [SlotGroupDef],
    /// Whether the file is in the Block-planning mode, where a students set has at most one
    /// activity in each hour over all the days (the days are the teachers' columns).
    block_planning: bool,
}

/// Per students set, its not-available times at 100 % (FET allows no other for students).
fn students_away(root: Node<'_, '_>, time: &Slots<'_>) -> HashMap<String, Vec<SlotDef>> {
    away_at_100(root, time, "ConstraintStudentsSetNotAvailableTimes", "Students")
}

/// Per teacher, their not-available times at 100 %.
fn teachers_away(root: Node<'_, '_>, time: &Slots<'_>) -> HashMap<String, Vec<SlotDef>> {
    away_at_100(root, time, "ConstraintTeacherNotAvailableTimes", "Teacher")
}

/// Per name in `field` of the active `tag` constraints at 100 %, the not-available times, sorted
/// and each once.
fn away_at_100(root: Node<'_, '_>, time: &Slots<'_>, tag: &'static str, field: &str) -> HashMap<String, Vec<SlotDef>> {
    let mut away: HashMap<String, Vec<SlotDef>> = HashMap::new();
    let Some(list) = child(root, "Time_Constraints_List") else { return away };
    for node in elements(list, tag).filter(|n| is_active_at_100(*n)) {
        let Some(name) = child(node, field).map(text_of) else { continue };
        let slots = away.entry(name.to_owned()).or_default();
        for n in elements(node, "Not_Available_Time") {
            let (Some(d), Some(h)) = (child(n, "Day").map(text_of), child(n, "Hour").map(text_of)) else { continue };
            let (Some(day), Some(period)) = (time.days.iter().position(|x| x == d), time.hours.iter().position(|x| x == h)) else {
                continue;
            };
            if let (Ok(day), Ok(period)) = (u16::try_from(day), u16::try_from(period)) {
                slots.push(SlotDef { day, period });
            }
        }
    }
    for slots in away.values_mut() {
        slots.sort_by_key(|s| (s.day, s.period));
        slots.dedup();
    }
    away
}

/// Whom a rule on `target` (a students set, or every one) applies to, each with the periods it
/// is away: FET counts only the periods a subgroup is there (for early starts and for gaps),
/// which are the leaf's own, less its and every enclosing set's not-available times. One rule
/// for `target` when no leaf is ever away, else one per leaf.
fn rows_with_away(
    groups: &[GroupDef],
    subgroups: &Leaves,
    target: Option<&str>,
    away: &HashMap<String, Vec<SlotDef>>,
) -> Vec<(WhoDef, Vec<SlotDef>)> {
    let parents_of = |g: &GroupDef| -> Vec<String> { g.parent.iter().cloned().chain(g.parents.iter().cloned()).collect() };
    // The leaves under the target (a name that is no students set stands for itself), or every leaf.
    let mut leaves: Vec<&str> = match target {
        Some(t) => subgroups.get(t).map_or(vec![t], |l| l.iter().map(String::as_str).collect()),
        None => subgroups.iter().filter(|(name, l)| l.len() == 1 && &l[0] == *name).map(|(name, _)| name.as_str()).collect(),
    };
    leaves.sort_unstable();
    let by_name: HashMap<&str, &GroupDef> = groups.iter().map(|g| (g.name.as_str(), g)).collect();
    let away_of = |leaf: &str| -> Vec<SlotDef> {
        let mut slots = Vec::new();
        let mut up = vec![leaf.to_owned()];
        let mut visited = std::collections::HashSet::new();
        while let Some(g) = up.pop() {
            if !visited.insert(g.clone()) {
                continue;
            }
            slots.extend(away.get(&g).into_iter().flatten().copied());
            up.extend(by_name.get(g.as_str()).map(|d| parents_of(d)).unwrap_or_default());
        }
        slots.sort_by_key(|s| (s.day, s.period));
        slots.dedup();
        slots
    };
    let per_leaf: Vec<(&str, Vec<SlotDef>)> = leaves.iter().map(|&l| (l, away_of(l))).collect();
    if per_leaf.iter().all(|(_, slots)| slots.is_empty()) {
        let who = target.map_or(WhoDef::AllGroups, |t| WhoDef::Group(t.to_owned()));
        return vec![(who, Vec::new())];
    }
    per_leaf.into_iter().map(|(leaf, slots)| (WhoDef::Group(leaf.to_owned()), slots)).collect()
}

/// An activity's tags, sorted and each once, so that parts with the same tags compare equal.
fn sorted_tags(activity: Node<'_, '_>) -> Vec<String> {
    let mut tags: Vec<String> = elements(activity, "Activity_Tag").map(|n| text_of(n).to_owned()).collect();
    tags.sort();
    tags.dedup();
    tags
}

/// The activity ids a constraint lists (`<Activity_Id>`), as written.
fn listed_ids<'a>(node: Node<'a, '_>) -> impl Iterator<Item = u32> + 'a {
    elements(node, "Activity_Id").filter_map(|n| text_of(n).parse::<u32>().ok())
}

/// The lessons of the activities a constraint lists (see [`lessons_of`]).
fn listed_lessons(lesson_of: &LessonOf, node: Node<'_, '_>) -> Vec<LessonDef> {
    lessons_of(lesson_of, listed_ids(node))
}

/// The lessons of the active activities among `ids`, each once.
fn lessons_of(lesson_of: &LessonOf, ids: impl IntoIterator<Item = u32>) -> Vec<LessonDef> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter()
        .filter(|&id| seen.insert(id))
        .filter_map(|id| lesson_of.get(&id))
        .map(|(course, lesson, _)| LessonDef { course: course.clone(), lesson: *lesson })
        .collect()
}

/// Which activities a constraint on "activities" selects: those of a teacher, a students set, a
/// subject, an activity tag and a duration, each only when given.
struct ActivityFilter {
    teacher: Option<String>,
    students: Option<String>,
    subject: Option<String>,
    tag: Option<String>,
    duration: Option<u16>,
    /// Which part of each split activity ("subactivities"), from 1.
    component: Option<u32>,
}

impl ActivityFilter {
    fn of(node: Node<'_, '_>) -> Self {
        let given = |name: &str| child(node, name).map(text_of).filter(|t| !t.is_empty()).map(str::to_owned);
        ActivityFilter {
            teacher: given("Teacher_Name"),
            students: given("Students_Name"),
            subject: given("Subject_Name"),
            tag: given("Activity_Tag_Name"),
            duration: given("Duration").and_then(|d| d.parse().ok()),
            component: None,
        }
    }

    /// Whether the filter selects `a`: FET selects an activity by students set when one of its
    /// sets shares students with the set named (the set itself, a part of it, or a set it is part
    /// of), which `leaves` tells.
    fn selects(&self, a: &Activity, leaves: &Leaves) -> bool {
        let share = |x: &str, y: &str| {
            x == y || leaves.get(x).is_some_and(|lx| leaves.get(y).is_some_and(|ly| lx.iter().any(|l| ly.binary_search(l).is_ok())))
        };
        self.teacher.as_ref().is_none_or(|t| a.teachers.contains(t))
            && self.students.as_ref().is_none_or(|s| a.students.iter().any(|x| share(x, s)))
            && self.subject.as_ref().is_none_or(|s| &a.subject == s)
            && self.tag.as_ref().is_none_or(|t| a.tags.contains(t))
            && self.duration.is_none_or(|d| a.duration == d)
            && self.component.is_none_or(|c| a.component == c)
    }
}

/// The names of the days and hours, which constraints name times by.
struct Slots<'a> {
    days: &'a [String],
    hours: &'a [String],
}

/// Per activity id: its course's name, its lesson's index in the course, and the course's index.
type LessonOf = HashMap<u32, (String, u32, usize)>;

/// What the room constraints read of a course: its activities' subject, tags and ids.
struct Facts {
    subject: String,
    tags: Vec<String>,
    activities: Vec<u32>,
    students: Vec<String>,
    teachers: Vec<String>,
}

impl Facts {
    fn as_facts(&self) -> rooms::CourseFacts<'_> {
        rooms::CourseFacts {
            subject: &self.subject,
            tags: &self.tags,
            activities: &self.activities,
            students: &self.students,
            teachers: &self.teachers,
        }
    }
}

/// The courses made of the activities (one per activity group), what the room constraints read
/// of each, and per activity id its course's name and lesson index. `own_rooms` holds the rooms
/// the file asks of single activities.
fn courses(activities: &[Activity], students: &Students, own_rooms: &rooms::OwnRooms) -> (Vec<CourseDef>, Vec<Facts>, LessonOf) {
    let mut by_group: BTreeMap<u32, Vec<&Activity>> = BTreeMap::new();
    for a in activities {
        by_group.entry(a.group).or_default().push(a);
    }
    // FET lets one part of a split activity change its teachers, students, subject or activity
    // tags (a lab among lectures, which a tag's preferred room sends to the lab alone), or ask
    // for rooms of its own: such parts are courses of their own (a course has one choice of
    // rooms), named after the group and their first activity.
    let mut parts_of_courses: Vec<(String, Vec<&Activity>)> = Vec::new();
    for (group, mut parts) in by_group {
        parts.sort_by_key(|a| a.id);
        let mut alike: Vec<Vec<&Activity>> = Vec::new();
        for a in parts {
            let same = |b: &Activity| {
                b.teachers == a.teachers
                    && b.students == a.students
                    && b.subject == a.subject
                    && b.tags == a.tags
                    && own_rooms.get(&b.id) == own_rooms.get(&a.id)
            };
            match alike.iter_mut().find(|b| same(b[0])) {
                Some(b) => b.push(a),
                None => alike.push(vec![a]),
            }
        }
        for (k, parts) in alike.into_iter().enumerate() {
            let suffix = if k == 0 { group.to_string() } else { format!("{group}.{}", parts[0].id) };
            parts_of_courses.push((suffix, parts));
        }
    }
    let mut courses = Vec::with_capacity(parts_of_courses.len());
    let mut facts = Vec::with_capacity(parts_of_courses.len());
    let mut lesson_of = HashMap::new();
    for (suffix, parts) in parts_of_courses {
        let first = parts[0];
        let who = if first.students.is_empty() { "no students".to_owned() } else { first.students.join("+") };
        let name = format!("{} {who} #{suffix}", if first.subject.is_empty() { "activity" } else { &first.subject });
        let size = first.size.unwrap_or_else(|| first.students.iter().map(|s| students.size.get(s).copied().unwrap_or(0)).sum());
        for (k, a) in parts.iter().enumerate() {
            lesson_of.insert(a.id, (name.clone(), u32::try_from(k).unwrap_or(u32::MAX), courses.len()));
        }
        courses.push(CourseDef {
            name,
            teachers: first.teachers.clone(),
            groups: first.students.clone(),
            students: size,
            lessons: LessonsDef::Lengths(parts.iter().map(|a| a.duration).collect()),
            rooms: RoomChoiceDef::NoRoom,
            pinned: Vec::new(),
        });
        let mut tags: Vec<String> = parts.iter().flat_map(|a| a.tags.iter().cloned()).collect();
        tags.sort();
        tags.dedup();
        facts.push(Facts {
            subject: first.subject.clone(),
            tags,
            activities: parts.iter().map(|a| a.id).collect(),
            students: first.students.clone(),
            teachers: first.teachers.clone(),
        });
    }
    (courses, facts, lesson_of)
}
