//! Horarium's own JSON format for problems and timetables, and its JSON Schema.
//!
//! Serde is the single source of the format: [`ProblemDef`] is the document, and the schema
//! is generated from the same types. Reading reports serde's line and column for syntax and
//! type errors, and the JSON path of every unknown or inconsistent reference.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Issue};
use crate::problem::{Problem, ProblemDef};
use crate::timetable::{Placement, SurplusLesson, Timetable};

/// Parses a problem in JSON. `file` names it in error messages.
pub fn parse_problem(file: &str, text: &str) -> Result<Problem, Error> {
    let def: ProblemDef = serde_json::from_str(text).map_err(|e| serde_error(file, &e))?;
    Problem::from_def(def).map_err(|issues| Error::parse(file, issues))
}

/// The problem as pretty-printed JSON; parsing it gives back an equal problem.
pub fn write_problem(problem: &Problem) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(&problem.to_def()).expect("the problem model serializes")
}

/// The JSON Schema of the problem format, pretty-printed.
pub fn problem_schema() -> String {
    let schema = schemars::schema_for!(ProblemDef);
    serde_json::to_string_pretty(&schema).expect("a schema serializes")
}

/// The JSON Schema of the timetable format, pretty-printed.
pub fn timetable_schema() -> String {
    let schema = schemars::schema_for!(TimetableDef);
    serde_json::to_string_pretty(&schema).expect("a schema serializes")
}

/// A timetable in JSON: `{"assignments": [{"course": "c1", "lesson": 0, "day": 0, "period": 2, "room": "B"}]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimetableDef {
    /// One entry per placed lesson; unplaced lessons are absent.
    pub assignments: Vec<AssignmentDef>,
}

/// One placed lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentDef {
    /// Course name.
    pub course: String,
    /// Which lesson of the course, from 0. When absent, the course's next unassigned lesson.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<u32>,
    /// Day, from 0.
    pub day: u16,
    /// Start period, from 0.
    pub period: u16,
    /// Room name; absent for a lesson without a room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
}

/// Parses a timetable in JSON for `problem`.
///
/// Unknown courses and rooms, slots outside the week, and a lesson given twice are errors
/// (with their JSON path). Entries without a lesson index fill the course's free lessons in
/// order; any beyond its lesson count are kept as surplus lessons.
pub fn parse_timetable(problem: &Problem, file: &str, text: &str) -> Result<Timetable, Error> {
    let def: TimetableDef = serde_json::from_str(text).map_err(|e| serde_error(file, &e))?;
    timetable_from_def(problem, &def).map_err(|issues| Error::parse(file, issues))
}

/// Builds a timetable from its serde model, collecting every issue.
pub fn timetable_from_def(problem: &Problem, def: &TimetableDef) -> Result<Timetable, Vec<Issue>> {
    let (timetable, issues) = timetable_from_def_keeping_valid(problem, def);
    if issues.is_empty() {
        Ok(timetable)
    } else {
        Err(issues)
    }
}

/// Builds a timetable from the entries that fit `problem`, and lists the others as issues.
///
/// For a timetable made for an earlier version of a problem (a course removed, a room renamed):
/// what still applies is kept, the rest is reported, nothing is silently lost.
pub fn timetable_from_def_keeping_valid(problem: &Problem, def: &TimetableDef) -> (Timetable, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut timetable = Timetable::new(problem);
    let mut unindexed = Vec::new();
    for (idx, a) in def.assignments.iter().enumerate() {
        let path = format!("assignments[{idx}]");
        let course = problem.course_by_name(&a.course);
        if course.is_none() {
            issues.push(Issue::at_path(format!("{path}.course"), format!("unknown course {:?}", a.course)));
        }
        let room = match &a.room {
            Some(name) => match problem.room_by_name(name) {
                Some(r) => Some(Some(r)),
                None => {
                    issues.push(Issue::at_path(format!("{path}.room"), format!("unknown room {name:?}")));
                    None
                }
            },
            None => Some(None),
        };
        let cal = problem.calendar();
        let slot = cal.slot(a.day, a.period);
        if slot.is_none() {
            issues.push(Issue::at_path(
                path.clone(),
                format!("day {} period {} is outside the {}x{} week", a.day, a.period, cal.days, cal.periods_per_day),
            ));
        }
        let (Some(course), Some(room), Some(slot)) = (course, room, slot) else { continue };
        let placement = Placement { slot, room };
        match a.lesson {
            Some(k) => match problem.course(course).lessons().nth(k as usize) {
                Some(lesson) if timetable.get(lesson).is_some() => {
                    issues.push(Issue::at_path(format!("{path}.lesson"), format!("lesson {k} of course {:?} is placed twice", a.course)))
                }
                Some(lesson) => {
                    let _ = timetable.set(lesson, Some(placement));
                }
                None => issues.push(Issue::at_path(
                    format!("{path}.lesson"),
                    format!("course {:?} has {} lessons; lesson {k} does not exist", a.course, problem.course(course).n_lessons()),
                )),
            },
            None => unindexed.push((course, placement)),
        }
    }
    for (course, placement) in unindexed {
        let free = problem.course(course).lessons().find(|&l| timetable.get(l).is_none());
        // Slots and rooms were checked above, so storing cannot fail.
        let _ = match free {
            Some(lesson) => timetable.set(lesson, Some(placement)),
            None => timetable.push_surplus(SurplusLesson { course, placement }),
        };
    }
    (timetable, issues)
}

/// The timetable in its serde model.
pub fn timetable_to_def(problem: &Problem, timetable: &Timetable) -> TimetableDef {
    let cal = problem.calendar();
    let mut assignments = Vec::new();
    for (idx, p) in timetable.placements().iter().enumerate() {
        if let Some(p) = p {
            let lesson = &problem.lessons()[idx];
            assignments.push(AssignmentDef {
                course: problem.course(lesson.course).name.clone(),
                lesson: Some(lesson.index_in_course),
                day: cal.day(p.slot),
                period: cal.period(p.slot),
                room: p.room.map(|r| problem.room(r).name.clone()),
            });
        }
    }
    for s in timetable.surplus() {
        let p = s.placement;
        assignments.push(AssignmentDef {
            course: problem.course(s.course).name.clone(),
            lesson: None,
            day: cal.day(p.slot),
            period: cal.period(p.slot),
            room: p.room.map(|r| problem.room(r).name.clone()),
        });
    }
    TimetableDef { assignments }
}

/// The timetable as pretty-printed JSON.
pub fn write_timetable(problem: &Problem, timetable: &Timetable) -> String {
    serde_json::to_string_pretty(&timetable_to_def(problem, timetable)).expect("the timetable model serializes")
}

fn serde_error(file: &str, e: &serde_json::Error) -> Error {
    // serde_json appends " at line L column C" to its message; the line goes into the issue instead.
    let full = e.to_string();
    let message = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m).to_owned();
    Error::parse(file, vec![Issue { line: Some(e.line()), field: String::new(), message: format!("{message} (column {})", e.column()) }])
}
