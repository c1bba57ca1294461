//! Construction: place every unplaced lesson, hardest first, where it costs least.
//!
//! Lessons are ordered by how few slots their course can use without a hard violation and then
//! by how many courses they conflict with (a static saturation order), and each goes to the
//! (slot, room) whose weighted cost increase is smallest, ties broken at random. Construction
//! may leave hard violations; the annealing repairs them.

use crate::compile::Compiled;
use crate::placement::UNPLACED;
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
            let free = c.lesson_starts[lesson].iter().filter(|&&s| c.kinds.slot_allowed(course, usize::from(s))).count();
            let degree = c.graph.degree(course) as usize;
            (free, usize::MAX - degree, l)
        })
        .collect();
    order.sort_unstable();
    for (_, _, lesson) in order {
        place_best(state, c, lesson as usize, rng, hard_weight);
    }
}

/// Courses accepting more rooms than this are placed by trying only a few of them per slot.
const MANY_ROOMS: usize = 32;
/// Rooms tried per slot for such a course: the first few free ones from a random start.
const ROOMS_PER_SLOT: usize = 4;

/// Puts an unplaced lesson at its cheapest position.
///
/// Every start slot is tried; for a course that accepts more than [`MANY_ROOMS`] rooms, only
/// that many rooms free at the slot (from a random position in the list), or one occupied room when
/// none is free. A school where half classes may use any classroom has a thousand rooms per
/// course, and trying them all made construction the slowest part of a large solve.
fn place_best(state: &mut State<'_>, c: &Compiled, lesson: usize, rng: &mut Rng, hard_weight: i64) {
    let course = c.lesson_course[lesson] as usize;
    let rooms = &c.course_rooms[course];
    let length = c.lesson_length[lesson];
    let mut best = i64::MAX;
    let mut best_pos = (0u16, 0u16);
    let mut ties = 0usize;
    let sample = rooms.len() > MANY_ROOMS;
    let offset = if sample { rng::below(rng, rooms.len()) } else { 0 };
    for &slot in &c.lesson_starts[lesson] {
        let mut tried = 0;
        for k in 0..rooms.len() {
            let room = rooms[(offset + k) % rooms.len()];
            if sample {
                if tried == ROOMS_PER_SLOT {
                    break;
                }
                let free = (slot..slot + length).all(|s| state.room_free(room, s));
                // When no room is free at this slot, the last one looked at is tried anyway.
                let last_chance = k + 1 == rooms.len() && tried == 0;
                if !free && !last_chance {
                    continue;
                }
            }
            tried += 1;
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
