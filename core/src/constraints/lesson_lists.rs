//! What the kinds on listed lessons share (`min_days_between`, `max_days_between`,
//! `min_gap_between`, `lesson_slots`, `same_start`, `not_overlapping`, `lesson_pair`): a lesson in
//! the serde model, a list of them resolved and written back, and a lesson's name in sentences.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::entities::Entities;
use crate::error::Issue;
use crate::ids::LessonId;
use crate::names::Names;

/// A lesson in the serde model: its course's name and its index in the course, from 0.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonDef {
    /// Course name.
    pub course: String,
    /// Which lesson of the course, from 0.
    pub lesson: u32,
}

/// The lessons of `defs`, each once, at `{path}.lessons`: an issue for fewer than `at_least`
/// (one or two) and for each unknown or repeated lesson.
pub(super) fn resolve_lessons(defs: &[LessonDef], at_least: usize, names: &Names, path: &str, issues: &mut Vec<Issue>) -> Vec<LessonId> {
    if defs.len() < at_least {
        let needed = if at_least == 1 { "at least one lesson is needed" } else { "at least two lessons are needed" };
        issues.push(Issue::at_path(format!("{path}.lessons"), needed.to_owned()));
    }
    let mut lessons = Vec::with_capacity(defs.len());
    for (k, l) in defs.iter().enumerate() {
        let item = format!("{path}.lessons[{k}]");
        let Some(lesson) = names.lesson(&l.course, l.lesson, &item, issues) else { continue };
        if lessons.contains(&lesson) {
            issues.push(Issue::at_path(item, format!("lesson {} of course {:?} is listed twice", l.lesson, l.course)));
            continue;
        }
        lessons.push(lesson);
    }
    lessons
}

/// A lesson in the serde model.
pub(super) fn lesson_def(problem: &Entities, lesson: LessonId) -> LessonDef {
    LessonDef { course: problem.course_of(lesson).name.clone(), lesson: problem.lesson(lesson).index_in_course }
}

/// Lessons in the serde model.
pub(super) fn lessons_to_def(problem: &Entities, lessons: &[LessonId]) -> Vec<LessonDef> {
    lessons.iter().map(|&l| lesson_def(problem, l)).collect()
}

/// "lesson 2 of course Maths-5A": a lesson as a sentence names it, counted from 1.
pub(super) fn lesson_name(problem: &Entities, lesson: LessonId) -> String {
    format!("lesson {} of course {}", problem.lesson(lesson).index_in_course + 1, problem.course_of(lesson).name)
}
