//! The validated timetabling problem: calendar, resources, courses, lessons and constraints.
//!
//! A [`Problem`] can only be built from a [`ProblemDef`] (the serde model, which names
//! entities by string) through [`Problem::from_def`], which checks every reference and
//! turns names into dense ids. Every id inside a `Problem` is therefore valid for it.
//! Reading files is left to [`crate::formats`]; scoring to [`crate::score`].

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, MAX_SLOTS};
use crate::constraints::{Constraint, ConstraintEntry, ConstraintEntryDef};
use crate::error::Issue;
use crate::ids::{CourseId, GroupId, LessonId, RoomId, Slot, TeacherId};

/// Upper bound on the number of lessons of a problem: a thousand-class school has about 35,000, and
/// the bound keeps a hostile file from making the reader allocate gigabytes.
pub const MAX_LESSONS: usize = 1 << 20;

/// A timetabling problem whose references have all been checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    name: String,
    calendar: Calendar,
    teachers: Vec<Teacher>,
    groups: Vec<Group>,
    rooms: Vec<Room>,
    courses: Vec<Course>,
    lessons: Vec<Lesson>,
    constraints: Vec<ConstraintEntry>,
    /// Per group, the leaves of the hierarchy under it (itself when it has no subgroups).
    leaves: Vec<Vec<GroupId>>,
}

/// A teacher.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Teacher {
    /// Unique name.
    pub name: String,
}

/// A group of students: a class, a curriculum, or any set of students that must not be in two places at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Unique name.
    pub name: String,
    /// The group this one is a part of (a subgroup of a class), if any.
    pub parent: Option<GroupId>,
}

/// A room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Room {
    /// Unique name.
    pub name: String,
    /// Number of seats.
    pub capacity: u32,
    /// Free-form tags such as "lab" or "gym", matched by [`RoomChoice::Tagged`].
    pub tags: Vec<String>,
}

/// Which rooms may hold the lessons of a course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomChoice {
    /// Any room.
    Any,
    /// Any room carrying all of these tags.
    Tagged(Vec<String>),
    /// One of these rooms.
    Only(Vec<RoomId>),
    /// No room: the lessons take place without one (sports outside, an excursion).
    NoRoom,
}

/// A lesson fixed in advance: it must start at `slot`, in `room` when one is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pin {
    /// The lesson of the course, counted from 0.
    pub lesson: u32,
    /// Start slot.
    pub slot: Slot,
    /// Room, when the pin fixes one.
    pub room: Option<RoomId>,
}

/// A course: something taught by some teachers to some groups in a number of lessons per week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Course {
    /// Unique name.
    pub name: String,
    /// Teachers who teach every lesson of the course.
    pub teachers: Vec<TeacherId>,
    /// Groups that attend every lesson of the course.
    pub groups: Vec<GroupId>,
    /// Number of students attending, compared with room capacity.
    pub students: u32,
    /// Rooms that qualify.
    pub rooms: RoomChoice,
    /// Lessons fixed in advance.
    pub pinned: Vec<Pin>,
    first_lesson: u32,
    n_lessons: u32,
}

impl Course {
    /// The ids of this course's lessons, in order.
    pub fn lessons(&self) -> impl ExactSizeIterator<Item = LessonId> + Clone {
        (self.first_lesson..self.first_lesson + self.n_lessons).map(LessonId)
    }

    /// Number of lessons per week.
    pub fn n_lessons(&self) -> usize {
        self.n_lessons as usize
    }

    /// Whether the course and `other` share a teacher or name the same group (the ITC-2007
    /// relation of `conflicts`; see [`Problem::courses_clash`] for the one that follows subgroups).
    pub fn shares_resource_with(&self, other: &Course) -> bool {
        self.teachers.iter().any(|t| other.teachers.contains(t)) || self.groups.iter().any(|g| other.groups.contains(g))
    }
}

/// One meeting of a course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// The course this lesson belongs to.
    pub course: CourseId,
    /// Position among the course's lessons, from 0.
    pub index_in_course: u32,
    /// Number of consecutive periods, at least 1; a lesson never crosses the end of a day.
    pub length: u16,
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

    /// Name of the problem.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The week.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }
    /// All teachers, indexed by [`TeacherId`].
    pub fn teachers(&self) -> &[Teacher] {
        &self.teachers
    }
    /// All groups, indexed by [`GroupId`].
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }
    /// All rooms, indexed by [`RoomId`].
    pub fn rooms(&self) -> &[Room] {
        &self.rooms
    }
    /// All courses, indexed by [`CourseId`].
    pub fn courses(&self) -> &[Course] {
        &self.courses
    }
    /// All lessons of all courses, indexed by [`LessonId`].
    pub fn lessons(&self) -> &[Lesson] {
        &self.lessons
    }
    /// The constraints, in the order they were given.
    pub fn constraints(&self) -> &[ConstraintEntry] {
        &self.constraints
    }
    /// The teacher with this id.
    pub fn teacher(&self, id: TeacherId) -> &Teacher {
        &self.teachers[id.index()]
    }
    /// The group with this id.
    pub fn group(&self, id: GroupId) -> &Group {
        &self.groups[id.index()]
    }
    /// The room with this id.
    pub fn room(&self, id: RoomId) -> &Room {
        &self.rooms[id.index()]
    }
    /// The course with this id.
    pub fn course(&self, id: CourseId) -> &Course {
        &self.courses[id.index()]
    }
    /// The lesson with this id.
    pub fn lesson(&self, id: LessonId) -> &Lesson {
        &self.lessons[id.index()]
    }
    /// The course a lesson belongs to.
    pub fn course_of(&self, lesson: LessonId) -> &Course {
        &self.courses[self.lessons[lesson.index()].course.index()]
    }
    /// The course with this name, if any.
    pub fn course_by_name(&self, name: &str) -> Option<CourseId> {
        self.courses.iter().position(|c| c.name == name).map(CourseId::from_index)
    }
    /// The room with this name, if any.
    pub fn room_by_name(&self, name: &str) -> Option<RoomId> {
        self.rooms.iter().position(|r| r.name == name).map(RoomId::from_index)
    }
    /// The teacher with this name, if any.
    pub fn teacher_by_name(&self, name: &str) -> Option<TeacherId> {
        self.teachers.iter().position(|t| t.name == name).map(TeacherId::from_index)
    }
    /// The group with this name, if any.
    pub fn group_by_name(&self, name: &str) -> Option<GroupId> {
        self.groups.iter().position(|g| g.name == name).map(GroupId::from_index)
    }

    /// The leaves of the group hierarchy under `group`: the sets of students that never split
    /// further. A group without subgroups is its own only leaf.
    pub fn leaves(&self, group: GroupId) -> &[GroupId] {
        &self.leaves[group.index()]
    }

    /// Whether a group has no subgroups.
    pub fn is_leaf(&self, group: GroupId) -> bool {
        self.leaves[group.index()] == [group]
    }

    /// The leaves attending the lessons of `course`: the leaves under each of its groups, sorted, without repeats.
    pub fn course_leaves(&self, course: CourseId) -> Vec<GroupId> {
        let mut res: Vec<GroupId> = self.course(course).groups.iter().flat_map(|&g| self.leaves(g).iter().copied()).collect();
        res.sort_unstable();
        res.dedup();
        res
    }

    /// Whether lessons of `a` and `b` can never meet at once: they share a teacher, or some
    /// students (a leaf under a group of each), which follows the group hierarchy.
    pub fn courses_clash(&self, a: CourseId, b: CourseId) -> bool {
        let (ca, cb) = (self.course(a), self.course(b));
        ca.teachers.iter().any(|t| cb.teachers.contains(t)) || {
            let lb = self.course_leaves(b);
            self.course_leaves(a).iter().any(|l| lb.binary_search(l).is_ok())
        }
    }

    /// Whether the lessons of `course` involve `group`'s students: the course attends the group,
    /// one of its subgroups, or a group it is part of.
    pub fn course_involves_group(&self, course: CourseId, group: GroupId) -> bool {
        let leaves = self.leaves(group);
        self.course(course).groups.iter().any(|&g| self.leaves(g).iter().any(|l| leaves.contains(l)))
    }

    /// Whether `room` qualifies for the lessons of `course`.
    pub fn room_allowed(&self, course: CourseId, room: RoomId) -> bool {
        match &self.course(course).rooms {
            RoomChoice::Any => true,
            RoomChoice::Tagged(tags) => tags.iter().all(|t| self.room(room).tags.contains(t)),
            RoomChoice::Only(rooms) => rooms.contains(&room),
            RoomChoice::NoRoom => false,
        }
    }

    /// Whether a lesson of `length` periods starting at `slot` stays inside one day.
    pub fn fits_in_day(&self, slot: Slot, length: u16) -> bool {
        usize::from(self.calendar.period(slot)) + usize::from(length) <= usize::from(self.calendar.periods_per_day)
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
}

/// Which rooms qualify for a course, in the serde model.
///
/// JSON: `"any"`, `"no_room"`, `{"tagged": ["lab"]}` or `{"only": ["B1", "B2"]}`.
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

    /// Maps names to ids and records duplicate names as issues.
    pub(crate) struct NameTable {
        pub(crate) ids: HashMap<String, u32>,
    }

    impl NameTable {
        fn new<'a>(what: &str, names: impl Iterator<Item = &'a str>, issues: &mut Vec<Issue>) -> Self {
            let mut ids = HashMap::new();
            for (idx, name) in names.enumerate() {
                #[allow(clippy::cast_possible_truncation, reason = "entity counts are bounded by MAX_LESSONS")]
                if ids.insert(name.to_owned(), idx as u32).is_some() {
                    issues.push(Issue::at_path(format!("{what}[{idx}].name"), format!("duplicate name {name:?}")));
                }
            }
            Self { ids }
        }

        pub(crate) fn get(&self, name: &str) -> Option<u32> {
            self.ids.get(name).copied()
        }
    }

    /// All name tables of a problem, handed to each constraint kind's resolver.
    pub(crate) struct Names {
        pub(crate) teachers: NameTable,
        pub(crate) groups: NameTable,
        pub(crate) rooms: NameTable,
        pub(crate) courses: NameTable,
        /// Per course: its first lesson id and lesson count (filled once courses are built).
        pub(crate) course_lessons: Vec<(u32, u32)>,
    }

    impl Names {
        fn resolve<T>(table: &NameTable, what: &str, name: &str, path: &str, issues: &mut Vec<Issue>, make: fn(u32) -> T) -> Option<T> {
            match table.get(name) {
                Some(id) => Some(make(id)),
                None => {
                    issues.push(Issue::at_path(path.to_owned(), format!("unknown {what} {name:?}")));
                    None
                }
            }
        }
        pub(crate) fn teacher(&self, name: &str, path: &str, issues: &mut Vec<Issue>) -> Option<TeacherId> {
            Self::resolve(&self.teachers, "teacher", name, path, issues, TeacherId)
        }
        pub(crate) fn group(&self, name: &str, path: &str, issues: &mut Vec<Issue>) -> Option<GroupId> {
            Self::resolve(&self.groups, "group", name, path, issues, GroupId)
        }
        pub(crate) fn room(&self, name: &str, path: &str, issues: &mut Vec<Issue>) -> Option<RoomId> {
            Self::resolve(&self.rooms, "room", name, path, issues, RoomId)
        }
        pub(crate) fn course(&self, name: &str, path: &str, issues: &mut Vec<Issue>) -> Option<CourseId> {
            Self::resolve(&self.courses, "course", name, path, issues, CourseId)
        }
        /// Lesson `index` of the course named `name`.
        pub(crate) fn lesson(&self, name: &str, index: u32, path: &str, issues: &mut Vec<Issue>) -> Option<LessonId> {
            let course = self.course(name, &format!("{path}.course"), issues)?;
            let (first, n) = self.course_lessons.get(course.index()).copied().unwrap_or((0, 0));
            if index >= n {
                issues.push(Issue::at_path(
                    format!("{path}.lesson"),
                    format!("course {name:?} has {n} lessons; lesson {index} does not exist"),
                ));
                return None;
            }
            Some(LessonId(first + index))
        }
    }

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
            let parent = g.parent.as_deref().and_then(|p| names.group(p, &format!("groups[{idx}].parent"), &mut issues));
            groups.push(Group { name: g.name, parent });
        }
        check_group_cycles(&groups, &mut issues);
        let leaves = if issues.is_empty() { group_leaves(&groups) } else { Vec::new() };
        let rooms = def.rooms.into_iter().map(|r| Room { name: r.name, capacity: r.capacity, tags: r.tags }).collect();

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
            Ok(Problem { name: def.name, calendar, teachers, groups, rooms, courses, lessons, constraints, leaves })
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
            let mut cur = start.parent;
            let mut steps = 0;
            while let Some(p) = cur {
                steps += 1;
                if p.index() == idx || steps > groups.len() {
                    issues.push(Issue::at_path(format!("groups[{idx}].parent"), format!("group {:?} is its own ancestor", start.name)));
                    break;
                }
                cur = groups[p.index()].parent;
            }
        }
    }

    /// Per group, the leaves under it; the hierarchy has no cycles.
    fn group_leaves(groups: &[Group]) -> Vec<Vec<GroupId>> {
        let mut has_child = vec![false; groups.len()];
        for g in groups {
            if let Some(p) = g.parent {
                has_child[p.index()] = true;
            }
        }
        let mut leaves = vec![Vec::new(); groups.len()];
        for (idx, g) in groups.iter().enumerate() {
            if has_child[idx] {
                continue;
            }
            let leaf = GroupId::from_index(idx);
            leaves[idx].push(leaf);
            let mut cur = g.parent;
            while let Some(p) = cur {
                leaves[p.index()].push(leaf);
                cur = groups[p.index()].parent;
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
                .map(|g| GroupDef { name: g.name.clone(), parent: g.parent.map(|id| p.group(id).name.clone()) })
                .collect(),
            rooms: p.rooms.iter().map(|r| RoomDef { name: r.name.clone(), capacity: r.capacity, tags: r.tags.clone() }).collect(),
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

pub(crate) use build::Names;

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
