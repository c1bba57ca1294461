//! The validated timetabling problem: calendar, resources, courses, lessons and constraints.
//!
//! A [`Problem`] can only be built from a [`ProblemDef`] (the serde model, which names
//! entities by string) through [`Problem::from_def`], which checks every reference and
//! turns names into dense ids. Every id inside a `Problem` is therefore valid for it.
//! Reading files is left to [`crate::formats`]; scoring to [`crate::score`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, MAX_SLOTS};
use crate::constraints::{Constraint, ConstraintEntry, ConstraintEntryDef};
use crate::entities::{Course, Entities, Group, Lesson, Pin, Room, RoomChoice, Teacher, MAX_LESSONS};
use crate::error::Issue;
use crate::ids::{CourseId, GroupId, RoomId, Slot};
use crate::level::Level;

/// A timetabling problem whose references have all been checked: its entities and its constraints.
///
/// It dereferences to its [`Entities`], so `problem.course(id)` reads them directly and every
/// function that takes `&Entities` (the constraint kinds, [`crate::Timetable::new`]) takes `&problem`.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    entities: Entities,
    constraints: Vec<ConstraintEntry>,
}

impl Problem {
    /// Checks a problem definition and resolves its names into ids.
    ///
    /// Collects every issue found rather than stopping at the first.
    pub fn from_def(def: ProblemDef) -> Result<Problem, Vec<Issue>> {
        crate::problem::build::build(def)
    }

    /// The problem as its serde model, with names in place of ids.
    pub fn to_def(&self) -> ProblemDef {
        crate::problem::build::to_def(self)
    }

    /// The constraints, in the order they were given.
    pub fn constraints(&self) -> &[ConstraintEntry] {
        &self.constraints
    }

    /// This problem with one more constraint, built in code: its ids are this problem's, so no
    /// name is looked up again (the minimal-change re-solve adds its `keep_placements` this way).
    ///
    /// ```
    /// use horarium_core::constraints::KeepPlacements;
    /// use horarium_core::{formats::ctt, Constraint, Level, Timetable};
    /// let problem = ctt::parse_instance("tiny.ctt", include_str!("../../fixtures/ctt/tiny.ctt"))?.to_problem()?;
    /// let anchored = problem.with_constraint(Level::soft(10).unwrap(), Constraint::KeepPlacements(KeepPlacements::of(&Timetable::new(&problem))));
    /// assert_eq!(anchored.constraints().len(), problem.constraints().len() + 1);
    /// # Ok::<(), horarium_core::Error>(())
    /// ```
    pub fn with_constraint(&self, level: Level, constraint: Constraint) -> Problem {
        let mut res = self.clone();
        res.constraints.push(ConstraintEntry { level, constraint });
        res
    }

    /// The entities: calendar, teachers, groups, rooms, courses and lessons.
    pub fn entities(&self) -> &Entities {
        &self.entities
    }
}

impl std::ops::Deref for Problem {
    type Target = Entities;

    fn deref(&self) -> &Entities {
        &self.entities
    }
}

/// The serde model of a problem: what the JSON format reads and writes, and what the JSON Schema describes.
///
/// Entities refer to each other by name. Convert with [`Problem::from_def`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProblemDef {
    /// Name of the problem.
    pub name: String,
    /// The week.
    pub calendar: Calendar,
    /// Teachers.
    #[serde(default)]
    pub teachers: Vec<TeacherDef>,
    /// Groups of students.
    #[serde(default)]
    pub groups: Vec<GroupDef>,
    /// Rooms.
    #[serde(default)]
    pub rooms: Vec<RoomDef>,
    /// Courses and their lessons.
    pub courses: Vec<CourseDef>,
    /// Constraints, each with its level.
    #[serde(default)]
    pub constraints: Vec<ConstraintEntryDef>,
}

/// A teacher in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TeacherDef {
    /// Unique name.
    pub name: String,
}

/// A group in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupDef {
    /// Unique name.
    pub name: String,
    /// Name of the group this one is part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Names of the groups this one is part of, when there are several (a subgroup shared by two
    /// divisions of a year, such as language and religion); give `parent` or `parents`, not both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<String>,
}

/// A room in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomDef {
    /// Unique name.
    pub name: String,
    /// Number of seats.
    pub capacity: u32,
    /// Tags such as "lab".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The building it is in, for the rules on moving between buildings. Default: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
}

/// Which rooms qualify for a course, in the serde model.
///
/// JSON: `"any"`, `"no_room"`, `{"tagged": ["lab"]}`, `{"only": ["B1", "B2"]}` or
/// `{"only_or_none": ["B1", "B2"]}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoomChoiceDef {
    /// Any room.
    #[default]
    Any,
    /// Rooms with all these tags.
    Tagged(Vec<String>),
    /// One of these rooms, by name.
    Only(Vec<String>),
    /// No room at all.
    NoRoom,
    /// One of these rooms, by name, or no room (which a soft `preferred_rooms` may price).
    OnlyOrNone(Vec<String>),
}

/// The lessons of a course: a number of single periods, or one length per lesson.
///
/// JSON: `4` (four single periods) or `[2, 1, 1]` (a double and two singles).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum LessonsDef {
    /// This many single-period lessons.
    Count(u32),
    /// One entry per lesson, giving its length in periods.
    Lengths(Vec<u16>),
}

/// A pinned lesson in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PinDef {
    /// The lesson of the course, counted from 0.
    pub lesson: u32,
    /// Day, from 0.
    pub day: u16,
    /// Start period, from 0.
    pub period: u16,
    /// Room name, when the pin fixes the room too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
}

/// A course in the serde model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CourseDef {
    /// Unique name.
    pub name: String,
    /// Names of the teachers.
    #[serde(default)]
    pub teachers: Vec<String>,
    /// Names of the attending groups.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Number of students.
    #[serde(default)]
    pub students: u32,
    /// The lessons per week.
    pub lessons: LessonsDef,
    /// Which rooms qualify. Default: any room.
    #[serde(default)]
    pub rooms: RoomChoiceDef,
    /// Lessons fixed in advance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pinned: Vec<PinDef>,
}

mod build {
    //! Name resolution and validation from [`ProblemDef`] to [`Problem`], and back.

    use super::*;
    use crate::names::{NameTable, Names};

    pub(super) fn build(def: ProblemDef) -> Result<Problem, Vec<Issue>> {
        let mut issues = Vec::new();
        let calendar = def.calendar;
        if calendar.days == 0 || calendar.periods_per_day == 0 {
            issues.push(Issue::at_path("calendar".into(), "days and periods_per_day must both be at least 1".into()));
        }
        if calendar.n_slots() > MAX_SLOTS {
            issues.push(Issue::at_path("calendar".into(), format!("{} slots is more than the supported {MAX_SLOTS}", calendar.n_slots())));
        }
        for (field, names, n) in
            [("day_names", &calendar.day_names, calendar.days), ("period_names", &calendar.period_names, calendar.periods_per_day)]
        {
            if !names.is_empty() && names.len() != usize::from(n) {
                issues.push(Issue::at_path(format!("calendar.{field}"), format!("expected {n} names, found {}", names.len())));
            }
        }
        for (k, b) in calendar.breaks.iter().enumerate() {
            if calendar.slot(b.day, b.period).is_none() {
                let (days, periods) = (calendar.days, calendar.periods_per_day);
                let message = format!("day {} period {} is outside the {days}x{periods} calendar", b.day, b.period);
                issues.push(Issue::at_path(format!("calendar.breaks[{k}]"), message));
            } else if calendar.breaks[..k].contains(b) {
                issues.push(Issue::at_path(format!("calendar.breaks[{k}]"), format!("day {} period {} is listed twice", b.day, b.period)));
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        let mut names = Names {
            teachers: NameTable::new("teachers", def.teachers.iter().map(|t| t.name.as_str()), &mut issues),
            groups: NameTable::new("groups", def.groups.iter().map(|g| g.name.as_str()), &mut issues),
            rooms: NameTable::new("rooms", def.rooms.iter().map(|r| r.name.as_str()), &mut issues),
            courses: NameTable::new("courses", def.courses.iter().map(|c| c.name.as_str()), &mut issues),
            course_lessons: Vec::new(),
        };
        let teachers = def.teachers.into_iter().map(|t| Teacher { name: t.name }).collect();
        let mut groups: Vec<Group> = Vec::with_capacity(def.groups.len());
        for (idx, g) in def.groups.into_iter().enumerate() {
            if g.parent.is_some() && !g.parents.is_empty() {
                issues.push(Issue::at_path(format!("groups[{idx}].parents"), "give parent or parents, not both".to_owned()));
            }
            let mut parents = Vec::new();
            let named = g.parent.iter().map(|p| (p, format!("groups[{idx}].parent")));
            for (name, path) in named.chain(g.parents.iter().enumerate().map(|(k, p)| (p, format!("groups[{idx}].parents[{k}]")))) {
                let Some(parent) = names.group(name, &path, &mut issues) else { continue };
                if parents.contains(&parent) {
                    issues.push(Issue::at_path(path, format!("{name:?} is listed twice")));
                } else {
                    parents.push(parent);
                }
            }
            groups.push(Group { name: g.name, parents });
        }
        check_group_cycles(&groups, &mut issues);
        let leaves = if issues.is_empty() { group_leaves(&groups) } else { Vec::new() };
        let mut buildings: Vec<&str> = def.rooms.iter().filter_map(|r| r.building.as_deref()).collect();
        buildings.sort_unstable();
        buildings.dedup();
        if buildings.len() > crate::constraints::MAX_BUILDINGS {
            let at =
                def.rooms.iter().position(|r| r.building.as_deref() == Some(buildings[crate::constraints::MAX_BUILDINGS])).unwrap_or(0);
            let message = format!("{} buildings are named; at most {} are supported", buildings.len(), crate::constraints::MAX_BUILDINGS);
            issues.push(Issue::at_path(format!("rooms[{at}].building"), message));
        }
        let rooms =
            def.rooms.into_iter().map(|r| Room { name: r.name, capacity: r.capacity, tags: r.tags, building: r.building }).collect();

        let mut courses = Vec::with_capacity(def.courses.len());
        let mut lessons = Vec::new();
        for (idx, c) in def.courses.into_iter().enumerate() {
            let path = format!("courses[{idx}]");
            let course_id = CourseId::from_index(idx);
            let teachers = resolve_list(&c.teachers, &format!("{path}.teachers"), &mut issues, |n, p, i| names.teacher(n, p, i));
            let groups = resolve_list(&c.groups, &format!("{path}.groups"), &mut issues, |n, p, i| names.group(n, p, i));
            let rooms = match c.rooms {
                RoomChoiceDef::Any => RoomChoice::Any,
                RoomChoiceDef::NoRoom => RoomChoice::NoRoom,
                RoomChoiceDef::Tagged(tags) => RoomChoice::Tagged(tags),
                RoomChoiceDef::Only(list) => {
                    RoomChoice::Only(resolve_list(&list, &format!("{path}.rooms.only"), &mut issues, |n, p, i| names.room(n, p, i)))
                }
                RoomChoiceDef::OnlyOrNone(list) => {
                    RoomChoice::OnlyOrNone(resolve_list(&list, &format!("{path}.rooms.only_or_none"), &mut issues, |n, p, i| {
                        names.room(n, p, i)
                    }))
                }
            };
            let lengths: Vec<u16> = match c.lessons {
                LessonsDef::Count(n) if n as usize > MAX_LESSONS => {
                    issues.push(Issue::at_path(format!("{path}.lessons"), format!("{n} lessons is more than the supported {MAX_LESSONS}")));
                    Vec::new()
                }
                LessonsDef::Count(n) => vec![1; n as usize],
                LessonsDef::Lengths(l) => l,
            };
            for (k, &len) in lengths.iter().enumerate() {
                if len == 0 || len > calendar.periods_per_day {
                    issues.push(Issue::at_path(
                        format!("{path}.lessons[{k}]"),
                        format!("lesson length {len} must be between 1 and periods_per_day ({})", calendar.periods_per_day),
                    ));
                }
            }
            if lessons.len() + lengths.len() > MAX_LESSONS {
                issues.push(Issue::at_path(format!("{path}.lessons"), format!("more than the supported {MAX_LESSONS} lessons in total")));
                return Err(issues);
            }
            #[allow(clippy::cast_possible_truncation, reason = "lesson count bounded by MAX_LESSONS just above")]
            let (first_lesson, n_lessons) = (lessons.len() as u32, lengths.len() as u32);
            let mut pinned = Vec::with_capacity(c.pinned.len());
            for (k, pin) in c.pinned.iter().enumerate() {
                let pin_path = format!("{path}.pinned[{k}]");
                if pin.lesson >= n_lessons {
                    issues.push(Issue::at_path(
                        format!("{pin_path}.lesson"),
                        format!("the course has {n_lessons} lessons; lesson {} does not exist", pin.lesson),
                    ));
                    continue;
                }
                let Some(slot) = calendar.slot(pin.day, pin.period) else {
                    issues.push(Issue::at_path(
                        pin_path,
                        format!(
                            "day {} period {} is outside the {}x{} calendar",
                            pin.day, pin.period, calendar.days, calendar.periods_per_day
                        ),
                    ));
                    continue;
                };
                // The search never places a lesson there, so a pin there could never hold.
                let length = lengths[pin.lesson as usize];
                if usize::from(pin.period) + usize::from(length) > usize::from(calendar.periods_per_day) {
                    issues.push(Issue::at_path(
                        pin_path,
                        format!("a lesson of {length} periods from {} runs past the end of the day", calendar.slot_label(slot)),
                    ));
                    continue;
                }
                if let Some(b) = (0..length).map(|k| Slot(slot.0 + k)).find(|&s| calendar.is_break(s)) {
                    issues.push(Issue::at_path(pin_path, format!("the lesson would cover the break at {}", calendar.slot_label(b))));
                    continue;
                }
                let room = pin.room.as_deref().and_then(|r| names.room(r, &format!("{pin_path}.room"), &mut issues));
                if pinned.iter().any(|p: &Pin| p.lesson == pin.lesson) {
                    issues.push(Issue::at_path(pin_path, format!("lesson {} is pinned twice", pin.lesson)));
                    continue;
                }
                pinned.push(Pin { lesson: pin.lesson, slot, room });
            }
            for (k, &length) in lengths.iter().enumerate() {
                #[allow(clippy::cast_possible_truncation, reason = "k < n_lessons which fits u32")]
                lessons.push(Lesson { course: course_id, index_in_course: k as u32, length });
            }
            courses.push(Course { name: c.name, teachers, groups, students: c.students, rooms, pinned, first_lesson, n_lessons });
        }
        names.course_lessons = courses.iter().map(|c: &Course| (c.first_lesson, c.n_lessons)).collect();
        let mut constraints = Vec::with_capacity(def.constraints.len());
        for (idx, entry) in def.constraints.into_iter().enumerate() {
            let path = format!("constraints[{idx}]");
            if let Some(constraint) = Constraint::resolve(entry.constraint, &names, &calendar, &path, &mut issues) {
                constraints.push(ConstraintEntry { level: entry.level, constraint });
            }
        }
        if issues.is_empty() {
            Ok(Problem { entities: Entities { name: def.name, calendar, teachers, groups, rooms, courses, lessons, leaves }, constraints })
        } else {
            Err(issues)
        }
    }

    fn resolve_list<T>(
        names: &[String],
        path: &str,
        issues: &mut Vec<Issue>,
        mut one: impl FnMut(&str, &str, &mut Vec<Issue>) -> Option<T>,
    ) -> Vec<T>
    where
        T: PartialEq,
    {
        let mut res = Vec::with_capacity(names.len());
        for (k, name) in names.iter().enumerate() {
            let item_path = format!("{path}[{k}]");
            if let Some(id) = one(name, &item_path, issues) {
                if res.contains(&id) {
                    issues.push(Issue::at_path(item_path, format!("{name:?} is listed twice")));
                } else {
                    res.push(id);
                }
            }
        }
        res
    }

    fn check_group_cycles(groups: &[Group], issues: &mut Vec<Issue>) {
        for (idx, start) in groups.iter().enumerate() {
            let field = if start.parents.len() > 1 { "parents" } else { "parent" };
            if ancestors(groups, GroupId::from_index(idx)).contains(&GroupId::from_index(idx)) {
                issues.push(Issue::at_path(format!("groups[{idx}].{field}"), format!("group {:?} is its own ancestor", start.name)));
            }
        }
    }

    /// Every group `group` is part of, directly or not, each once (itself only in a cycle).
    fn ancestors(groups: &[Group], group: GroupId) -> Vec<GroupId> {
        let mut seen = vec![false; groups.len()];
        let mut res = Vec::new();
        let mut todo = groups[group.index()].parents.clone();
        while let Some(p) = todo.pop() {
            if !std::mem::replace(&mut seen[p.index()], true) {
                res.push(p);
                todo.extend_from_slice(&groups[p.index()].parents);
            }
        }
        res
    }

    /// Per group, the leaves under it; the hierarchy has no cycles.
    fn group_leaves(groups: &[Group]) -> Vec<Vec<GroupId>> {
        let mut has_child = vec![false; groups.len()];
        for g in groups {
            for p in &g.parents {
                has_child[p.index()] = true;
            }
        }
        let mut leaves = vec![Vec::new(); groups.len()];
        for (idx, &is_parent) in has_child.iter().enumerate() {
            if is_parent {
                continue;
            }
            let leaf = GroupId::from_index(idx);
            leaves[idx].push(leaf);
            for p in ancestors(groups, leaf) {
                leaves[p.index()].push(leaf);
            }
        }
        leaves
    }

    pub(super) fn to_def(p: &Problem) -> ProblemDef {
        let room_name = |r: &RoomId| p.room(*r).name.clone();
        ProblemDef {
            name: p.name.clone(),
            calendar: p.calendar.clone(),
            teachers: p.teachers.iter().map(|t| TeacherDef { name: t.name.clone() }).collect(),
            groups: p
                .groups
                .iter()
                .map(|g| {
                    let mut names = g.parents.iter().map(|&id| p.group(id).name.clone());
                    match g.parents.len() {
                        1 => GroupDef { name: g.name.clone(), parent: names.next(), parents: Vec::new() },
                        _ => GroupDef { name: g.name.clone(), parent: None, parents: names.collect() },
                    }
                })
                .collect(),
            rooms: p
                .rooms
                .iter()
                .map(|r| RoomDef { name: r.name.clone(), capacity: r.capacity, tags: r.tags.clone(), building: r.building.clone() })
                .collect(),
            courses: p
                .courses
                .iter()
                .map(|c| {
                    let lengths: Vec<u16> = c.lessons().map(|l| p.lesson(l).length).collect();
                    CourseDef {
                        name: c.name.clone(),
                        teachers: c.teachers.iter().map(|t| p.teacher(*t).name.clone()).collect(),
                        groups: c.groups.iter().map(|g| p.group(*g).name.clone()).collect(),
                        students: c.students,
                        #[allow(clippy::cast_possible_truncation, reason = "n_lessons came from a u32")]
                        lessons: if lengths.iter().all(|&l| l == 1) {
                            LessonsDef::Count(lengths.len() as u32)
                        } else {
                            LessonsDef::Lengths(lengths)
                        },
                        rooms: match &c.rooms {
                            RoomChoice::Any => RoomChoiceDef::Any,
                            RoomChoice::NoRoom => RoomChoiceDef::NoRoom,
                            RoomChoice::Tagged(t) => RoomChoiceDef::Tagged(t.clone()),
                            RoomChoice::Only(rs) => RoomChoiceDef::Only(rs.iter().map(room_name).collect()),
                            RoomChoice::OnlyOrNone(rs) => RoomChoiceDef::OnlyOrNone(rs.iter().map(room_name).collect()),
                        },
                        pinned: c
                            .pinned
                            .iter()
                            .map(|pin| PinDef {
                                lesson: pin.lesson,
                                day: p.calendar.day(pin.slot),
                                period: p.calendar.period(pin.slot),
                                room: pin.room.as_ref().map(room_name),
                            })
                            .collect(),
                    }
                })
                .collect(),
            constraints: p.constraints.iter().map(|e| ConstraintEntryDef { level: e.level, constraint: e.constraint.to_def(p) }).collect(),
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_def().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Problem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let def = ProblemDef::deserialize(deserializer)?;
        Problem::from_def(def)
            .map_err(|issues| serde::de::Error::custom(issues.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")))
    }
}
