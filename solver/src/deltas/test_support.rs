//! What the kinds' unit tests share: a search state built from a problem in JSON, steps named by
//! course and lesson, and after each step the running cost compared with core's full score.
//!
//! [`school`] is the school of core's kind tests (`core/src/constraints/test_support.rs`):
//!
//! - calendar: 3 days (`Mon`, `Tue`, `Wed`) of 4 periods; slot = day * 4 + period;
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
//!
//! Steps must stay inside what the search produces (a double within its day, a room for every
//! course but `Sport`), since the search state does not count the built-in rules beyond
//! `unplaced`.

use horarium_core::formats::json::parse_problem;
use horarium_core::{Cost, Kind, Problem};

use crate::compile::Compiled;
use crate::cost::Delta;
use crate::placement::{NO_ROOM, UNPLACED};
use crate::state::State;

/// The JSON text of the school above (`fixtures/json/kind-tests.json`) with `constraints` (the
/// items of the array, comma-separated).
pub(crate) fn school(constraints: &str) -> String {
    include_str!("../../../fixtures/json/kind-tests.json").replace(r#""constraints": []"#, &format!(r#""constraints": [{constraints}]"#))
}

/// The school with `constraints`.
pub(crate) fn school_with(constraints: &str) -> Problem {
    parse_problem("<test>", &school(constraints)).unwrap_or_else(|e| panic!("the test problem is invalid: {e}"))
}

/// One step of a test: place lesson `index` of a course at (day, period) in a room (`None` for
/// none), or unplace it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    Add(&'static str, usize, u16, u16, Option<&'static str>),
    Remove(&'static str, usize),
}

/// The id of lesson `index` of the course named `course`.
pub(crate) fn lesson(problem: &Problem, course: &str, index: usize) -> usize {
    let c = problem.course_by_name(course).unwrap_or_else(|| panic!("no course {course}"));
    problem.course(c).lessons().nth(index).unwrap_or_else(|| panic!("course {course} has no lesson {index}")).index()
}

/// The slot of `period` on `day`, as the search writes it.
pub(crate) fn slot(problem: &Problem, day: u16, period: u16) -> u16 {
    problem.calendar().slot(day, period).unwrap_or_else(|| panic!("no slot day {day} period {period}")).0
}

/// The room named `name` as the search writes it (`NO_ROOM` for `None`).
pub(crate) fn room(problem: &Problem, name: Option<&str>) -> u16 {
    name.map_or(NO_ROOM, |n| {
        let id = problem.room_by_name(n).unwrap_or_else(|| panic!("no room {n}"));
        u16::try_from(id.index()).expect("test rooms fit u16")
    })
}

/// Core's full score of the state's timetable, as the search counts it.
pub(crate) fn core_total(problem: &Problem, state: &State<'_>) -> Delta {
    let cost = horarium_core::score(problem, &state.to_timetable(problem)).cost;
    Delta { hard: i64::try_from(cost.hard).expect("small"), soft: i64::try_from(cost.soft).expect("small") }
}

/// Core's cost of `kind` in the state's timetable.
pub(crate) fn kind_cost(problem: &Problem, state: &State<'_>, kind: Kind) -> Cost {
    horarium_core::score(problem, &state.to_timetable(problem)).of_kind(kind)
}

/// Applies `op` to the state, and checks that the change it returns is the change of core's
/// full score and that the running cost is core's full score.
pub(crate) fn step(problem: &Problem, state: &mut State<'_>, op: Op) {
    let before = core_total(problem, state);
    assert_eq!(state.cost, before, "the running cost differs from core's score before {op:?}");
    let delta = match op {
        Op::Add(course, index, day, period, r) => {
            let l = lesson(problem, course, index);
            assert_eq!(state.slot_of[l], UNPLACED, "{op:?}: the lesson is already placed");
            state.add(l, slot(problem, day, period), room(problem, r))
        }
        Op::Remove(course, index) => {
            let l = lesson(problem, course, index);
            assert_ne!(state.slot_of[l], UNPLACED, "{op:?}: the lesson is not placed");
            state.remove(l)
        }
    };
    let after = core_total(problem, state);
    assert_eq!(state.cost, after, "the running cost differs from core's score after {op:?}");
    assert_eq!(Delta { hard: before.hard + delta.hard, soft: before.soft + delta.soft }, after, "the delta of {op:?} is not core's change");
}

/// Applies every step of `ops` to a new state of `problem`, checking each against core (see
/// [`step`]); returns core's cost of `kind` with nothing placed and then after each step.
pub(crate) fn run(problem: &Problem, ops: &[Op], kind: Kind) -> Vec<Cost> {
    let compiled = Compiled::new(problem);
    let mut state = State::new(&compiled);
    let mut res = vec![kind_cost(problem, &state, kind)];
    for &op in ops {
        step(problem, &mut state, op);
        res.push(kind_cost(problem, &state, kind));
    }
    res
}

/// Whether the pre-check flags moving lesson `index` of `course` to (day, period, room) on its
/// own, with the room taken or not as the search tells it.
pub(crate) fn flags_move(
    problem: &Problem,
    state: &State<'_>,
    (course, index): (&str, usize),
    (day, period): (u16, u16),
    r: Option<&str>,
) -> bool {
    let (s, r) = (slot(problem, day, period), room(problem, r));
    state.surely_violates(lesson(problem, course, index), s, r, None, state.occupant(r, s) != Ok(None))
}

/// Whether the pre-check flags swapping two placed lessons, as the search asks it: each lesson
/// going to the other's slot and room, with the other leaving.
pub(crate) fn flags_swap(problem: &Problem, state: &State<'_>, a: (&str, usize), b: (&str, usize)) -> bool {
    let (a, b) = (lesson(problem, a.0, a.1), lesson(problem, b.0, b.1));
    state.surely_violates(a, state.slot_of[b], state.room_of[b], Some(b), false)
        || state.surely_violates(b, state.slot_of[a], state.room_of[a], Some(a), false)
}

/// A hard cost of `n`.
pub(crate) fn hard(n: u64) -> Cost {
    Cost { hard: n, soft: 0 }
}

/// A soft cost of `n`.
pub(crate) fn soft(n: u64) -> Cost {
    Cost { hard: 0, soft: n }
}
