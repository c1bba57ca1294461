//! Name tables: how a serde model's names become dense ids, each unknown name an issue at its path.

use std::collections::HashMap;

use crate::error::Issue;
use crate::ids::{CourseId, GroupId, LessonId, RoomId, TeacherId};

/// Maps names to ids and records duplicate names as issues.
pub(crate) struct NameTable {
    pub(crate) ids: HashMap<String, u32>,
}

impl NameTable {
    pub(crate) fn new<'a>(what: &str, names: impl Iterator<Item = &'a str>, issues: &mut Vec<Issue>) -> Self {
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
            issues
                .push(Issue::at_path(format!("{path}.lesson"), format!("course {name:?} has {n} lessons; lesson {index} does not exist")));
            return None;
        }
        Some(LessonId(first + index))
    }
}
