//! What the kinds' unit tests share: a small school read from JSON, timetables placed by hand,
//! and the violations of one kind in core's score.
//!
//! The school of [`school`] (every kind's tests may use it, or write a problem of their own):
//!
//! - calendar: 3 days (`Mon`, `Tue`, `Wed`) of 4 periods (unnamed, so a slot reads `Tue period 2`);
//! - teachers `Ann`, `Bob`, `Cy`;
//! - groups `Y`, its classes `A` and `B`, and `A`'s subgroups `A1` and `A2`; the leaves (sets of
//!   students that never split) are `A1`, `A2` and `B`;
//! - rooms `R1` (20 seats), `R2` (30 seats, tagged `lab`) and `Gym` (60 seats);
//! - courses, with their lesson ids:
//!
//! | course  | teacher | groups | students | lessons            | ids      |
//! |---------|---------|--------|----------|--------------------|----------|
//! | `Math`  | Ann     | A      | 25       | 3 singles          | 0, 1, 2  |
//! | `Art`   | Bob     | A      | 25       | 2 singles          | 3, 4     |
//! | `Bio`   | Ann     | B      | 15       | a double, a single | 5, 6     |
//! | `Fr`    | Cy      | A1     | 12       | 2 singles          | 7, 8     |
//! | `De`    | Bob     | A2     | 12       | 2 singles          | 9, 10    |
//! | `Sport` | Cy      | Y      | 50       | 1 single, no room  | 11       |

use crate::constraints::ConstraintDef;
use crate::cost::{Cost, Violation};
use crate::formats::json::parse_problem;
use crate::ids::{LessonId, Slot};
use crate::kind::Kind;
use crate::problem::Problem;
use crate::timetable::{Placement, Timetable};

/// The JSON text of the school above (`fixtures/json/kind-tests.json`) with `constraints` (the
/// items of the array, comma-separated).
pub(crate) fn school(constraints: &str) -> String {
    include_str!("../../../fixtures/json/kind-tests.json").replace(r#""constraints": []"#, &format!(r#""constraints": [{constraints}]"#))
}

/// A problem from JSON text; panics with its issues when it is invalid.
pub(crate) fn problem(json: &str) -> Problem {
    parse_problem("<test>", json).unwrap_or_else(|e| panic!("the test problem is invalid: {e}"))
}

/// The school with `constraints`.
pub(crate) fn school_with(constraints: &str) -> Problem {
    problem(&school(constraints))
}

/// The issues of an invalid problem, as (field, message); panics when the problem is valid.
pub(crate) fn issues(json: &str) -> Vec<(String, String)> {
    match parse_problem("<test>", json) {
        Ok(_) => panic!("the problem was expected to be rejected"),
        Err(e) => e.issues().iter().map(|i| (i.field.clone(), i.message.clone())).collect(),
    }
}

/// The issues of the school with `constraints`.
pub(crate) fn school_issues(constraints: &str) -> Vec<(String, String)> {
    issues(&school(constraints))
}

/// The first constraint of a problem in the serde model (to check what a resolved constraint holds).
pub(crate) fn first_def(problem: &Problem) -> ConstraintDef {
    problem.constraints()[0].constraint.to_def(problem)
}

/// The id of lesson `index` of the course named `course`.
pub(crate) fn lesson(problem: &Problem, course: &str, index: usize) -> LessonId {
    let c = problem.course_by_name(course).unwrap_or_else(|| panic!("no course {course}"));
    problem.course(c).lessons().nth(index).unwrap_or_else(|| panic!("course {course} has no lesson {index}"))
}

/// A timetable with each `(course, lesson, day, period, room)` placed (room `None` for none) and
/// every other lesson unplaced, built with [`Timetable::new`] and [`Timetable::set`].
pub(crate) fn place(problem: &Problem, placements: &[(&str, usize, u16, u16, Option<&str>)]) -> Timetable {
    let mut timetable = Timetable::new(problem);
    for &(course, index, day, period, room) in placements {
        let slot: Slot = problem.calendar().slot(day, period).unwrap_or_else(|| panic!("no slot day {day} period {period}"));
        let room = room.map(|r| problem.room_by_name(r).unwrap_or_else(|| panic!("no room {r}")));
        timetable.set(lesson(problem, course, index), Some(Placement { slot, room })).expect("the placement exists");
    }
    timetable
}

/// The violations of `kind` when `timetable` is scored against `problem`.
pub(crate) fn violations(problem: &Problem, timetable: &Timetable, kind: Kind) -> Vec<Violation> {
    crate::score(problem, timetable).violations.into_iter().filter(|v| v.kind == kind).collect()
}

/// The violations of `kind`, each as (amount, cost, message).
pub(crate) fn found(problem: &Problem, timetable: &Timetable, kind: Kind) -> Vec<(u64, Cost, String)> {
    violations(problem, timetable, kind).into_iter().map(|v| (v.amount, v.cost, v.message)).collect()
}

/// A hard cost of `n`.
pub(crate) fn hard(n: u64) -> Cost {
    Cost { hard: n, soft: 0 }
}

/// A soft cost of `n`.
pub(crate) fn soft(n: u64) -> Cost {
    Cost { hard: 0, soft: n }
}
