//! Construction: place every unplaced lesson, hardest first, where it costs least.
//!
//! Lessons are ordered by how few slots their course can use without a hard violation and then
//! by how many courses they conflict with (a static saturation order), and each goes to the
//! (slot, room) whose weighted cost increase is smallest, ties broken at random. Construction
//! may leave hard violations; the annealing repairs them.

use crate::compile::{Compiled, UNPLACED};
use crate::rng::{self, Rng};
use crate::state::State;

pub(crate) fn construct(state: &mut State<'_>, rng: &mut Rng, hard_weight: i64) {
    let c = state.compiled;
    let mut order: Vec<(usize, usize, u32)> = c
        .movable
        .iter()
        .filter(|&&l| state.slot_of[l as usize] == UNPLACED)
        .map(|&l| {
            let lesson = l as usize;
            let course = c.lesson_course[lesson] as usize;
            let free = c.lesson_starts[lesson].iter().filter(|&&s| c.unavailable.course_allows(course, usize::from(s))).count();
            let degree = c.graph.degree(course) as usize;
            (free, usize::MAX - degree, l)
        })
        .collect();
    order.sort_unstable();
    for (_, _, lesson) in order {
        place_best(state, c, lesson as usize, rng, hard_weight);
    }
}

/// Puts an unplaced lesson at its cheapest position.
fn place_best(state: &mut State<'_>, c: &Compiled, lesson: usize, rng: &mut Rng, hard_weight: i64) {
    let course = c.lesson_course[lesson] as usize;
    let mut best = i64::MAX;
    let mut best_pos = (0u16, 0u16);
    let mut ties = 0usize;
    for &slot in &c.lesson_starts[lesson] {
        for &room in &c.course_rooms[course] {
            let d = state.add(lesson, slot, room);
            state.remove(lesson);
            let w = d.weighted(hard_weight);
            if w < best {
                best = w;
                best_pos = (slot, room);
                ties = 1;
            } else if w == best {
                // Reservoir sampling keeps a uniform choice among equally good positions.
                ties += 1;
                if rng::below(rng, ties) == 0 {
                    best_pos = (slot, room);
                }
            }
        }
    }
    if best < i64::MAX {
        state.add(lesson, best_pos.0, best_pos.1);
    }
}
