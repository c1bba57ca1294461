//! Which lessons a limit on teachers and students counts: all of theirs, or only those of some
//! courses (`lessons_per_day` and `max_consecutive_periods` with `courses`: FET's limits on the
//! hours of an activity tag).

use super::course_sets::course_names;
use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::CourseId;
use crate::names::Names;

/// The courses whose lessons count, sorted, each once, at least one; every lesson when `None`.
pub type CountedCourses = Option<Vec<CourseId>>;

/// Resolves `def` at `{path}.courses`: an issue for an empty list and each unknown or repeated name.
pub(super) fn resolve(def: Option<&[String]>, names: &Names, path: &str, issues: &mut Vec<Issue>) -> CountedCourses {
    let def = def?;
    if def.is_empty() {
        issues.push(Issue::at_path(format!("{path}.courses"), "name at least one course, or leave \"courses\" out".to_owned()));
    }
    let mut courses = Vec::with_capacity(def.len());
    for (k, name) in def.iter().enumerate() {
        let field = format!("{path}.courses[{k}]");
        let Some(id) = names.course(name, &field, issues) else { continue };
        if courses.contains(&id) {
            issues.push(Issue::at_path(field, format!("{name:?} is listed twice")));
        }
        courses.push(id);
    }
    courses.sort_unstable();
    courses.dedup();
    Some(courses)
}

/// The courses in the serde model.
pub(super) fn to_def(courses: &CountedCourses, problem: &Entities) -> Option<Vec<String>> {
    courses.as_ref().map(|cs| cs.iter().map(|&c| problem.course(c).name.clone()).collect())
}

/// Whether a lesson of `course` counts.
pub(super) fn counts(courses: &CountedCourses, course: CourseId) -> bool {
    courses.as_ref().is_none_or(|cs| cs.binary_search(&course).is_ok())
}

/// "lessons", or "lessons of courses Lab-6A, Lab-6B" in a sentence.
pub(super) fn lessons_counted(courses: &CountedCourses, problem: &Entities) -> String {
    match courses {
        None => "lessons".to_owned(),
        Some(cs) => format!("lessons of courses {}", course_names(cs, problem)),
    }
}
