//! What a problem names: its calendar, teachers, groups, rooms, courses and lessons.
//!
//! [`Entities`] is everything of a [`crate::Problem`] but its constraints, which read it: the
//! constraint kinds see the entities, never the problem that holds them, so that `constraints`
//! depends on this module and `problem` on both, one way.

use crate::calendar::Calendar;
use crate::ids::{CourseId, GroupId, LessonId, RoomId, Slot, TeacherId};

/// Upper bound on the number of lessons of a problem: a thousand-class school has about 35,000, and
/// the bound keeps a hostile file from making the reader allocate gigabytes.
pub const MAX_LESSONS: usize = 1 << 20;

/// The entities of a problem, all references checked (built by [`crate::Problem::from_def`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Entities {
    pub(crate) name: String,
    pub(crate) calendar: Calendar,
    pub(crate) teachers: Vec<Teacher>,
    pub(crate) groups: Vec<Group>,
    pub(crate) rooms: Vec<Room>,
    pub(crate) courses: Vec<Course>,
    pub(crate) lessons: Vec<Lesson>,
    /// Per group, the leaves of the hierarchy under it (itself when it has no subgroups).
    pub(crate) leaves: Vec<Vec<GroupId>>,
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
    /// The groups this one is a part of: none for a class, one for a subgroup of a class, several
    /// for a subgroup shared by two divisions of a year (FET's categories).
    pub parents: Vec<GroupId>,
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
    /// The building it is in, if any (see `building_changes`).
    pub building: Option<String>,
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
    /// One of these rooms, or none: as FET leaves without a room an activity whose room
    /// preferences below 100 % it does not meet (a `preferred_rooms` constraint prices that).
    OnlyOrNone(Vec<RoomId>),
}

impl RoomChoice {
    /// Whether a lesson may be held without a room.
    pub fn allows_no_room(&self) -> bool {
        matches!(self, RoomChoice::NoRoom | RoomChoice::OnlyOrNone(_))
    }
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
    pub(crate) first_lesson: u32,
    pub(crate) n_lessons: u32,
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
    /// relation of `conflicts`; see [`Entities::courses_clash`] for the one that follows subgroups).
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

impl Entities {
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
            RoomChoice::Only(rooms) | RoomChoice::OnlyOrNone(rooms) => rooms.contains(&room),
            RoomChoice::NoRoom => false,
        }
    }

    /// Whether a lesson of `length` periods starting at `slot` stays inside one day.
    pub fn fits_in_day(&self, slot: Slot, length: u16) -> bool {
        usize::from(self.calendar.period(slot)) + usize::from(length) <= usize::from(self.calendar.periods_per_day)
    }
}
