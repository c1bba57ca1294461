//! The neighbourhood and the acceptance rule of the simulated annealing.
//!
//! The moves, each with an exact incremental cost:
//! - *Move or swap* (after Bellio, Ceschia, Di Gaspero, Schaerf and Urli, "Feature-based tuning
//!   of simulated annealing applied to the curriculum-based course timetabling problem", 2016):
//!   pick a movable lesson and a random (slot, room) it may use; if one lesson already holds that
//!   room and slot and can take the first lesson's place, the two swap, otherwise the lesson moves.
//!   A fraction of these keep the slot and change only the room.
//! - *Kempe chain* (as in Lü and Hao, "Adaptive tabu search for course timetabling", 2010): pick a
//!   lesson and a second slot, and exchange between the two slots the connected set of lessons
//!   that conflict with each other; this moves many lessons without creating a clash, which keeps
//!   the search mobile when the timetable is dense. Lessons keep their rooms when free, otherwise
//!   take the free room that seats their students best.
//! - *Block move*: the lessons that must start together (a hard `same_start`) move to one new
//!   start slot at once, their rooms chosen as in a Kempe chain. Moved one at a time, each would
//!   break the rule, so a block of a dozen lessons (a staff meeting) would hardly ever move.
//!
//! - *Ejection* and *holes*, for the feasibility phase once it stalls: a lesson moves and the
//!   lessons in its way go to the best of a few other starts; or a lesson is unplaced, and an
//!   unplaced lesson is placed again where it unplaces the lessons in its way, so that the
//!   defect walks as a hole (see [`Moves::insert`] and ARCHITECTURE.md).
//!
//! Nothing here allocates after [`Moves::new`]: a move is a few `State::add`/`remove` calls, and a
//! rejected move is undone by the inverse calls.

use crate::compile::{Compiled, NO_BLOCK};
use crate::cost::Delta;
use crate::placement::{NO_ROOM, UNPLACED};
use crate::rng::{self, Rng};
use crate::state::State;

/// Tuning of the annealing, chosen by measurement (ARCHITECTURE.md, "Why simulated annealing").
#[derive(Clone, Copy, Debug)]
pub(crate) struct Params {
    /// Start and end temperature of the soft phase.
    pub(crate) t0: f64,
    pub(crate) t1: f64,
    /// Temperature of the feasibility phase, in hard units (soft cost is ignored there).
    pub(crate) t_feasibility: f64,
    /// Probability that a move keeps the lesson's slot and only changes its room.
    pub(crate) room_only: f64,
    /// Probability that a move is a Kempe chain.
    pub(crate) kempe: f64,
    /// Probability that a lesson drawn for a move or swap that belongs to a block moves its
    /// whole block instead.
    pub(crate) block: f64,
    /// Probability, while the feasibility phase is stalled, that a move is an ejection: a lesson
    /// moves and the lessons it lands on go to the best of a few other slots.
    pub(crate) eject: f64,
}

pub(crate) const PARAMS: Params = Params { t0: 4.0, t1: 0.05, t_feasibility: 0.05, room_only: 0.1, kempe: 0.1, block: 0.5, eject: 0.3 };

/// Start slots tried for each lesson an ejection displaces (6 and 64 did worse than 24 in a 10 s
/// survey of the FET examples the search stalled on).
const EJECT_TRIES: usize = 24;

/// Probability that a move places an unplaced lesson (when there is one), and, while holes are
/// allowed, that it unplaces a lesson; and the random starts an insertion compares. Chosen on the
/// 24 FET examples the search stalled on (BENCHMARKS.md, "Holes"): 1, 2 and 8 starts were within
/// noise of each other, 24 clearly worse.
const HOLE_INSERT: f64 = 0.2;
const HOLE_DROP: f64 = 0.05;
const INSERT_TRIES: usize = 2;

/// Temperature, in soft units, at which a warm start's repair accepts a move that adds soft cost.
const WARM_REPAIR_SOFT_TEMPERATURE: f64 = 2.0;

/// Kempe chains longer than this are not tried: they are rarely accepted and cost time.
const MAX_CHAIN: usize = 24;

/// One applied move, remembered so that it can be undone.
#[derive(Clone, Copy)]
pub(crate) enum Applied {
    Nothing,
    Move {
        lesson: usize,
        from: (u16, u16),
    },
    Swap {
        a: usize,
        a_from: (u16, u16),
        b: usize,
        b_from: (u16, u16),
    },
    /// A Kempe chain, a block move or an ejection: the moved lessons and their origins are in
    /// [`Moves::moved`].
    Several,
    /// Rejected before being applied: it would have created a hard violation in the soft phase.
    Infeasible,
}

/// The neighbourhood, with the buffers it reuses from move to move.
pub(crate) struct Moves {
    params: Params,
    /// Whether moves that surely create a hard violation are rejected before being applied
    /// (the soft phase, where the timetable has none).
    pub(crate) precheck: bool,
    /// Whether ejections are drawn (by the feasibility phase once it stalls).
    pub(crate) ejecting: bool,
    /// Whether lessons may be unplaced on purpose, and a hole is priced at half a hard unit
    /// ([`with_holes_priced`]): by the feasibility phase in every other stalled stretch.
    pub(crate) holes: bool,
    /// Probability, while holes are allowed, that a move unplaces a lesson.
    drop: f64,
    chain: Vec<u32>,
    /// Lessons moved by the last Kempe chain, block move or ejection: (lesson, slot, room) where
    /// each came from.
    moved: Vec<(u32, u16, u16)>,
    /// Per lesson, the number of the last chain that took it.
    stamp: Vec<u32>,
    epoch: u32,
    /// The longest the current chain may grow: `MAX_CHAIN` more lessons than it started with.
    limit: usize,
}

impl Moves {
    pub(crate) fn new(params: Params, compiled: &Compiled) -> Self {
        // A chain starts with one lesson or one whole block.
        let longest = MAX_CHAIN + compiled.blocks.iter().map(|b| b.lessons.len()).max().unwrap_or(1);
        // Ejections find the lessons in the way through the rows layer: without it (ITC-2007)
        // there are none, and the draws stay those of the moves and swaps.
        let eject = if compiled.rows.is_active() { params.eject } else { 0.0 };
        // Holes, likewise: an insertion unplaces the lessons in its way through the rows layer.
        let drop = if compiled.rows.is_active() { HOLE_DROP } else { 0.0 };
        Moves {
            params: Params { eject, ..params },
            precheck: false,
            ejecting: false,
            holes: false,
            drop,
            chain: Vec::with_capacity(longest),
            moved: Vec::with_capacity(longest),
            stamp: vec![0; compiled.n_lessons()],
            epoch: 0,
            limit: MAX_CHAIN,
        }
    }

    /// Applies one random move; returns it together with its delta.
    #[inline]
    pub(crate) fn random(&mut self, state: &mut State<'_>, rng: &mut Rng) -> (Applied, Delta) {
        let draw = rng::unit(rng);
        if !state.unplaced.is_empty() || self.holes {
            let draw = rng::unit(rng);
            if !state.unplaced.is_empty() && draw < HOLE_INSERT {
                let lesson = state.unplaced[rng::below(rng, state.unplaced.len())] as usize;
                return self.insert(state, rng, lesson);
            }
            if self.holes && draw > 1.0 - self.drop {
                return self.drop_one(state, rng);
            }
        }
        if draw < self.params.kempe {
            self.kempe(state, rng)
        } else if self.ejecting && draw < self.params.kempe + self.params.eject {
            self.eject(state, rng)
        } else {
            self.move_or_swap(state, rng)
        }
    }

    #[inline]
    fn move_or_swap(&mut self, state: &mut State<'_>, rng: &mut Rng) -> (Applied, Delta) {
        let c = state.compiled;
        let lesson = c.movable[rng::below(rng, c.movable.len())] as usize;
        if state.slot_of[lesson] == UNPLACED {
            return self.insert(state, rng, lesson);
        }
        let block = c.lesson_block[lesson];
        if block != NO_BLOCK && rng::unit(rng) < self.params.block {
            return self.block_move(state, rng, block as usize);
        }
        let from = (state.slot_of[lesson], state.room_of[lesson]);
        debug_assert_ne!(from.0, UNPLACED);
        let course = c.lesson_course[lesson] as usize;
        let starts = &c.lesson_starts[lesson];
        let rooms = &c.course_rooms[course];
        let slot = if rng::unit(rng) < self.params.room_only { from.0 } else { starts[rng::below(rng, starts.len())] };
        let room = rooms[rng::below(rng, rooms.len())];
        if (slot, room) == from {
            return (Applied::Nothing, Delta::ZERO);
        }
        let occupant = state.occupant(room, slot);
        if let Ok(Some(other)) = occupant {
            let other = other as usize;
            if can_take(state, lesson, other, slot, from) {
                if self.precheck
                    && (state.surely_violates(lesson, slot, room, Some(other), false)
                        || state.surely_violates(other, from.0, from.1, Some(lesson), false))
                {
                    return (Applied::Infeasible, Delta::ZERO);
                }
                let mut d = state.remove(lesson);
                d += state.remove(other);
                d += state.add(lesson, slot, room);
                d += state.add(other, from.0, from.1);
                return (Applied::Swap { a: lesson, a_from: from, b: other, b_from: (slot, room) }, d);
            }
        }
        if self.precheck && state.surely_violates(lesson, slot, room, None, occupant != Ok(None)) {
            return (Applied::Infeasible, Delta::ZERO);
        }
        let mut d = state.remove(lesson);
        d += state.add(lesson, slot, room);
        (Applied::Move { lesson, from }, d)
    }

    /// Moves every lesson of block `block` to one random start slot the block may use.
    fn block_move(&mut self, state: &mut State<'_>, rng: &mut Rng, block: usize) -> (Applied, Delta) {
        let c = state.compiled;
        let block = &c.blocks[block];
        let to = block.starts[rng::below(rng, block.starts.len())];
        self.moved.clear();
        let mut d = Delta::ZERO;
        for &x in &block.lessons {
            let x = x as usize;
            #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
            self.moved.push((x as u32, state.slot_of[x], state.room_of[x]));
            d += state.remove(x);
        }
        for &(x, _, from_room) in &self.moved {
            let x = x as usize;
            let room = room_at(state, x, from_room, to);
            d += state.add(x, to, room);
        }
        (Applied::Several, d)
    }

    fn kempe(&mut self, state: &mut State<'_>, rng: &mut Rng) -> (Applied, Delta) {
        let c = state.compiled;
        let first = c.movable[rng::below(rng, c.movable.len())] as usize;
        if state.slot_of[first] == UNPLACED {
            return (Applied::Nothing, Delta::ZERO);
        }
        // A lesson of a block that starts together takes its whole block into the chain: the
        // block then changes slot without breaking its rule, and whatever it meets there makes
        // way for it (a block move alone would clash with all of that).
        let block = c.lesson_block[first] as usize;
        let whole_block = block != NO_BLOCK as usize && self.block_together(state, block);
        let starts = if whole_block { &c.blocks[block].starts } else { &c.lesson_starts[first] };
        let (s1, s2) = (state.slot_of[first], starts[rng::below(rng, starts.len())]);
        if s1 == s2
            || c.lesson_length[first] != 1
            || (whole_block && c.blocks[block].lessons.iter().any(|&x| c.lesson_length[x as usize] != 1))
        {
            return (Applied::Nothing, Delta::ZERO);
        }
        self.next_epoch();
        self.chain.clear();
        if whole_block {
            self.chain.extend_from_slice(&c.blocks[block].lessons);
        } else {
            #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
            self.chain.push(first as u32);
        }
        for &x in &self.chain {
            self.stamp[x as usize] = self.epoch;
        }
        self.limit = MAX_CHAIN + self.chain.len() - 1;
        let mut head = 0;
        while head < self.chain.len() {
            let x = self.chain[head] as usize;
            head += 1;
            let here = state.slot_of[x];
            let there = if here == s1 { s2 } else { s1 };
            let course_x = c.lesson_course[x] as usize;
            // With the rows layer, the lessons in the way are the occupants of the course's rows:
            // a few lookups instead of a scan of every lesson in the slot (a thousand in a large
            // school). Without it (ITC-2007), or where a row holds several lessons, scan.
            let mut scan = true;
            let rows = c.rows.of_course(course_x);
            if !rows.is_empty() {
                scan = false;
                for &r in rows {
                    match state.row_occupant(r, there) {
                        // Only lessons starting in the slot are exchanged, as in the scan.
                        Ok(None) => {}
                        Ok(Some(y)) if self.stamp[y as usize] == self.epoch || state.slot_of[y as usize] != there => {}
                        Ok(Some(y)) => {
                            if !self.take(state, y as usize, here) {
                                return (Applied::Nothing, Delta::ZERO);
                            }
                        }
                        Err(()) => scan = true,
                    }
                }
            }
            if scan {
                for &y in &state.at_slot[usize::from(there)] {
                    let y = y as usize;
                    if self.stamp[y] == self.epoch {
                        continue;
                    }
                    let course_y = c.lesson_course[y] as usize;
                    if course_y != course_x && !c.graph.adjacent(course_x, course_y) {
                        continue;
                    }
                    if !self.take(state, y, here) {
                        return (Applied::Nothing, Delta::ZERO);
                    }
                }
            }
        }
        self.moved.clear();
        let mut d = Delta::ZERO;
        for &x in &self.chain {
            let x = x as usize;
            self.moved.push((x as u32, state.slot_of[x], state.room_of[x]));
            d += state.remove(x);
        }
        for &(x, from_slot, from_room) in &self.moved {
            let x = x as usize;
            let to = if from_slot == s1 { s2 } else { s1 };
            let room = room_at(state, x, from_room, to);
            d += state.add(x, to, room);
        }
        (Applied::Several, d)
    }

    /// Moves a lesson to a random start and room, and each lesson it then shares a teacher's or
    /// students' row with (the lessons in its way) to the best of a few random starts of its
    /// own: one step of the recursive swapping with which FET places a lesson, for the
    /// feasibility phase, where a plain move or swap leaves the displaced lesson on a clash.
    fn eject(&mut self, state: &mut State<'_>, rng: &mut Rng) -> (Applied, Delta) {
        let c = state.compiled;
        let lesson = c.movable[rng::below(rng, c.movable.len())] as usize;
        let course = c.lesson_course[lesson] as usize;
        let rows = c.rows.of_course(course);
        if c.lesson_block[lesson] != NO_BLOCK || rows.is_empty() || state.slot_of[lesson] == UNPLACED {
            return self.move_or_swap(state, rng);
        }
        let starts = &c.lesson_starts[lesson];
        let rooms = &c.course_rooms[course];
        let (slot, room) = (starts[rng::below(rng, starts.len())], rooms[rng::below(rng, rooms.len())]);
        if slot == state.slot_of[lesson] {
            return (Applied::Nothing, Delta::ZERO);
        }
        // The lessons in the way: the occupants of the lesson's rows over the periods it will cover.
        self.gather_in_the_way(state, lesson, slot, NO_ROOM);
        self.moved.clear();
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
        self.moved.push((lesson as u32, state.slot_of[lesson], state.room_of[lesson]));
        let mut d = state.remove(lesson);
        for &y in &self.chain {
            let y = y as usize;
            self.moved.push((y as u32, state.slot_of[y], state.room_of[y]));
            d += state.remove(y);
        }
        d += state.add(lesson, slot, room);
        for k in 0..self.chain.len() {
            let y = self.chain[k] as usize;
            let (from_slot, from_room) = (self.moved[k + 1].1, self.moved[k + 1].2);
            let y_starts = &c.lesson_starts[y];
            let mut best: Option<(Delta, u16, u16)> = None;
            for _ in 0..EJECT_TRIES {
                let to = y_starts[rng::below(rng, y_starts.len())];
                if to == from_slot {
                    continue;
                }
                let room = room_at(state, y, from_room, to);
                let here = state.add(y, to, room);
                state.remove(y);
                if best.is_none_or(|(b, _, _)| (here.hard, here.soft) < (b.hard, b.soft)) {
                    best = Some((here, to, room));
                }
            }
            let (to, room) = best.map_or((from_slot, from_room), |(_, to, room)| (to, room));
            d += state.add(y, to, room);
        }
        (Applied::Several, d)
    }

    /// Places the unplaced `lesson` at the better of a few random starts (with a room as in a
    /// Kempe chain) and unplaces the lessons in its way there, which become the holes: FET's
    /// recursive swapping, one step at a time. With holes priced below any other hard unit, a
    /// hole that walks this way through a full timetable costs nothing until it finds a free place,
    /// while a violation can only move by being repaired.
    fn insert(&mut self, state: &mut State<'_>, rng: &mut Rng, lesson: usize) -> (Applied, Delta) {
        let c = state.compiled;
        if c.lesson_block[lesson] != NO_BLOCK || c.lesson_pin[lesson].is_some() {
            return (Applied::Nothing, Delta::ZERO);
        }
        let course = c.lesson_course[lesson] as usize;
        let (starts, rooms) = (&c.lesson_starts[lesson], &c.course_rooms[course]);
        let mut best: Option<(i64, u16, u16)> = None;
        for _ in 0..INSERT_TRIES {
            let slot = starts[rng::below(rng, starts.len())];
            let room = room_at(state, lesson, rooms[rng::below(rng, rooms.len())], slot);
            let d = self.insert_at(state, lesson, slot, room);
            // The lesson fills its hole and each lesson in its way makes one.
            #[allow(clippy::cast_possible_wrap, reason = "chains are short")]
            let priced = with_holes_priced(d, self.moved.len() as i64 - 2).hard;
            self.undo(state, Applied::Several);
            if best.is_none_or(|(b, _, _)| priced < b) {
                best = Some((priced, slot, room));
            }
        }
        let Some((_, slot, room)) = best else { return (Applied::Nothing, Delta::ZERO) };
        (Applied::Several, self.insert_at(state, lesson, slot, room))
    }

    /// Unplaces the lessons in the way of `lesson` at `slot` in `room` and places it there.
    fn insert_at(&mut self, state: &mut State<'_>, lesson: usize, slot: u16, room: u16) -> Delta {
        self.gather_in_the_way(state, lesson, slot, room);
        self.moved.clear();
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
        self.moved.push((lesson as u32, UNPLACED, NO_ROOM));
        let mut d = Delta::ZERO;
        for &y in &self.chain {
            let y = y as usize;
            self.moved.push((y as u32, state.slot_of[y], state.room_of[y]));
            d += state.remove(y);
        }
        d += state.add(lesson, slot, room);
        d
    }

    /// Fills `chain` with the lessons in the way of `lesson` at `slot` in `room` (`NO_ROOM`: rows
    /// only): the single occupants of its rows and of the room over the periods it would cover,
    /// leaving out pinned lessons and blocks, which never move alone.
    fn gather_in_the_way(&mut self, state: &State<'_>, lesson: usize, slot: u16, room: u16) {
        let c = state.compiled;
        let rows = c.rows.of_course(c.lesson_course[lesson] as usize);
        self.next_epoch();
        self.stamp[lesson] = self.epoch;
        self.chain.clear();
        for t in slot..slot + c.lesson_length[lesson] {
            let occupants = rows.iter().map(|&r| state.row_occupant(r, t)).chain(std::iter::once(state.occupant(room, t)));
            for y in occupants {
                let Ok(Some(y)) = y else { continue };
                let y = y as usize;
                let free = c.lesson_pin[y].is_none() && c.lesson_block[y] == NO_BLOCK;
                if free && self.stamp[y] != self.epoch && self.chain.len() < MAX_CHAIN {
                    self.stamp[y] = self.epoch;
                    #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
                    self.chain.push(y as u32);
                }
            }
        }
    }

    /// Unplaces a random placed lesson (accepted when it took part in a hard violation).
    fn drop_one(&mut self, state: &mut State<'_>, rng: &mut Rng) -> (Applied, Delta) {
        let c = state.compiled;
        let lesson = c.movable[rng::below(rng, c.movable.len())] as usize;
        if c.lesson_block[lesson] != NO_BLOCK || state.slot_of[lesson] == UNPLACED {
            return (Applied::Nothing, Delta::ZERO);
        }
        self.moved.clear();
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
        self.moved.push((lesson as u32, state.slot_of[lesson], state.room_of[lesson]));
        (Applied::Several, state.remove(lesson))
    }

    /// Starts a new chain's stamps: no lesson is in it yet.
    fn next_epoch(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.fill(0);
            self.epoch = 1;
        }
    }

    /// Whether every lesson of block `block` starts in the same slot.
    #[inline]
    fn block_together(&self, state: &State<'_>, block: usize) -> bool {
        let lessons = &state.compiled.blocks[block].lessons;
        let slot = state.slot_of[lessons[0] as usize];
        lessons.iter().all(|&x| state.slot_of[x as usize] == slot)
    }

    /// Adds lesson `y` to the chain if it can move to `to`; false when it cannot (or the chain is full).
    #[inline]
    fn take(&mut self, state: &State<'_>, y: usize, to: u16) -> bool {
        let c = state.compiled;
        let can_move = c.lesson_pin[y].is_none() && c.lesson_length[y] == 1 && c.lesson_starts[y].binary_search(&to).is_ok();
        if !can_move || self.chain.len() >= self.limit {
            return false;
        }
        self.stamp[y] = self.epoch;
        #[allow(clippy::cast_possible_truncation, reason = "lesson ids fit u32")]
        self.chain.push(y as u32);
        true
    }

    /// Undoes the move returned by the last call of [`Moves::random`].
    #[inline]
    pub(crate) fn undo(&self, state: &mut State<'_>, applied: Applied) {
        match applied {
            Applied::Nothing | Applied::Infeasible => {}
            Applied::Move { lesson, from } => {
                state.remove(lesson);
                state.add(lesson, from.0, from.1);
            }
            Applied::Swap { a, a_from, b, b_from } => {
                state.remove(a);
                state.remove(b);
                state.add(a, a_from.0, a_from.1);
                state.add(b, b_from.0, b_from.1);
            }
            Applied::Several => {
                for &(x, _, _) in &self.moved {
                    if state.slot_of[x as usize] != UNPLACED {
                        state.remove(x as usize);
                    }
                }
                for &(x, slot, room) in &self.moved {
                    if slot != UNPLACED {
                        state.add(x as usize, slot, room);
                    }
                }
            }
        }
    }
}

/// The room `lesson` takes when it moves from `from_room` to `slot`: the same room when it is
/// free there, else the best free one, else the same room all the same.
fn room_at(state: &State<'_>, lesson: usize, from_room: u16, slot: u16) -> u16 {
    if state.room_free(from_room, slot) {
        from_room
    } else {
        best_free_room(state, lesson, slot).unwrap_or(from_room)
    }
}

/// The free room at `slot` that seats `lesson`'s students at the least cost, if any is free.
fn best_free_room(state: &State<'_>, lesson: usize, slot: u16) -> Option<u16> {
    let c = state.compiled;
    let course = c.lesson_course[lesson] as usize;
    let cost = |r: u16| c.kinds.room_cost(course, usize::from(r)).soft;
    let mut free = c.course_rooms[course].iter().copied().filter(|&r| r != NO_ROOM && state.room_free(r, slot));
    // A room that seats everyone cannot be beaten: stop there (courses may accept a thousand rooms).
    let mut best = free.next()?;
    for r in free {
        if cost(best) == 0 {
            break;
        }
        if cost(r) < cost(best) {
            best = r;
        }
    }
    Some(best)
}

/// Whether `other`, starting at `slot`, can take the place `to` of `lesson` in a swap.
#[inline]
fn can_take(state: &State<'_>, lesson: usize, other: usize, slot: u16, to: (u16, u16)) -> bool {
    let c = state.compiled;
    other != lesson
        && c.lesson_pin[other].is_none()
        && state.slot_of[other] == slot
        && c.lesson_length[other] == c.lesson_length[lesson]
        && c.lesson_starts[other].binary_search(&to.0).is_ok()
        && c.course_rooms[c.lesson_course[other] as usize].contains(&to.1)
}

/// A delta as the feasibility phase compares it while holes are allowed: a hole (an unplaced
/// lesson; `holes` more of them after the move) costs half of any other hard unit, so that
/// turning a violation into a hole is progress and a hole is filled only without new violations.
#[inline]
pub(crate) fn with_holes_priced(delta: Delta, holes: i64) -> Delta {
    // Each hole is one of `delta.hard`'s units; counted twice, then once back.
    Delta { hard: 2 * delta.hard - holes, soft: delta.soft }
}

/// How the two parts of a delta are combined into the one number annealing compares.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Objective {
    /// Hard units only: the feasibility phase.
    Hard,
    /// Hard units, but a move that leaves them unchanged must not add soft cost: the feasibility
    /// phase of a warm start, which must repair the given timetable without wandering from it.
    HardKeepingSoft,
    /// Soft cost, never accepting an increase of hard violations: the optimisation phase.
    SoftKeepingFeasibility,
}

/// The acceptance rule of simulated annealing.
#[inline]
pub(crate) fn accept(delta: Delta, temperature: f64, objective: Objective, rng: &mut Rng) -> bool {
    let w = match objective {
        Objective::Hard => delta.hard,
        Objective::HardKeepingSoft if delta.hard == 0 => {
            // Soft cost may rise now and then, at a fixed temperature in soft units, so that a
            // repair can move a lesson out of the way at the price of one move.
            if delta.soft <= 0 {
                return true;
            }
            #[allow(clippy::cast_precision_loss, reason = "deltas are small integers")]
            let p = (-(delta.soft as f64) / WARM_REPAIR_SOFT_TEMPERATURE).exp();
            return rng::unit(rng) < p;
        }
        Objective::HardKeepingSoft => delta.hard,
        Objective::SoftKeepingFeasibility if delta.hard > 0 => return false,
        Objective::SoftKeepingFeasibility if delta.hard < 0 => return true,
        Objective::SoftKeepingFeasibility => delta.soft,
    };
    if w <= 0 {
        return true;
    }
    #[allow(clippy::cast_precision_loss, reason = "deltas are small integers")]
    let p = (-(w as f64) / temperature).exp();
    rng::unit(rng) < p
}

/// The temperature at `fraction` of the soft phase.
pub(crate) fn temperature(params: &Params, fraction: f64) -> f64 {
    params.t0 * (params.t1 / params.t0).powf(fraction.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use horarium_core::formats::read_problem;
    use proptest::prelude::*;

    use super::*;
    use crate::construct::construct;

    fn check(problem: &horarium_core::Problem, state: &State<'_>) {
        let full = horarium_core::score(problem, &state.to_timetable(problem));
        #[allow(clippy::cast_possible_wrap, reason = "test costs are small")]
        let expected = Delta { hard: full.cost.hard as i64, soft: full.cost.soft as i64 };
        assert_eq!(state.cost, expected, "incremental cost differs from core's full re-score");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

        /// Random sequences of moves, swaps and Kempe chains, each kept or undone at random, with and
        /// without the pre-check: after every step the incremental cost equals core's full score.
        #[test]
        fn every_move_kind_keeps_the_cost_exact(
            inst in prop::sample::select(vec!["comp01", "comp05", "comp12", "comp16"]),
            seed in any::<u64>(),
            steps in prop::collection::vec((any::<bool>(), any::<bool>()), 1..150),
        ) {
            let problem = read_problem(&horarium_fixtures::itc2007_instance(inst)).unwrap();
            let compiled = Compiled::new(&problem);
            let mut rng = rng::for_thread(seed, 0);
            let mut state = State::new(&compiled);
            construct(&mut state, &mut rng, 1000);
            check(&problem, &state);
            let params = Params { kempe: 0.4, ..PARAMS };
            let mut moves = Moves::new(params, &compiled);
            for (keep, precheck) in steps {
                moves.precheck = precheck;
                let before = state.cost;
                let (applied, delta) = moves.random(&mut state, &mut rng);
                prop_assert_eq!(Delta { hard: before.hard + delta.hard, soft: before.soft + delta.soft }, state.cost);
                check(&problem, &state);
                if !keep {
                    moves.undo(&mut state, applied);
                    prop_assert_eq!(state.cost, before);
                    check(&problem, &state);
                }
            }
        }

        /// The same on random schools, whose hard `same_start` sets make blocks: block moves
        /// keep the cost exact, and a block's lessons start together after one.
        #[test]
        fn block_moves_keep_the_cost_exact(
            seed in any::<u64>(),
            steps in prop::collection::vec((any::<bool>(), any::<bool>()), 1..80),
        ) {
            let problem = crate::state::tests::random_school(seed);
            let compiled = Compiled::new(&problem);
            let mut rng = rng::for_thread(seed, 0);
            let mut state = State::new(&compiled);
            construct(&mut state, &mut rng, 1000);
            check(&problem, &state);
            let params = Params { kempe: 0.0, block: 1.0, ..PARAMS };
            let mut moves = Moves::new(params, &compiled);
            for (keep, precheck) in steps {
                moves.precheck = precheck;
                let before = state.cost;
                let (applied, delta) = moves.random(&mut state, &mut rng);
                prop_assert_eq!(Delta { hard: before.hard + delta.hard, soft: before.soft + delta.soft }, state.cost);
                check(&problem, &state);
                if let Applied::Several = applied {
                    let (first, _, _) = moves.moved[0];
                    if compiled.lesson_block[first as usize] != NO_BLOCK {
                        let slot = state.slot_of[first as usize];
                        prop_assert!(moves.moved.iter().all(|&(x, _, _)| state.slot_of[x as usize] == slot));
                    }
                }
                if !keep {
                    moves.undo(&mut state, applied);
                    prop_assert_eq!(state.cost, before);
                    check(&problem, &state);
                }
            }
        }

        /// Ejections on random schools keep the cost exact and move each lesson at most once.
        #[test]
        fn ejections_keep_the_cost_exact(
            seed in any::<u64>(),
            steps in prop::collection::vec(any::<bool>(), 1..80),
        ) {
            let problem = crate::state::tests::random_school(seed);
            let compiled = Compiled::new(&problem);
            let mut rng = rng::for_thread(seed, 0);
            let mut state = State::new(&compiled);
            construct(&mut state, &mut rng, 1000);
            let params = Params { kempe: 0.0, eject: 1.0, ..PARAMS };
            let mut moves = Moves::new(params, &compiled);
            moves.ejecting = true;
            for keep in steps {
                let before = state.cost;
                let (applied, delta) = moves.random(&mut state, &mut rng);
                prop_assert_eq!(Delta { hard: before.hard + delta.hard, soft: before.soft + delta.soft }, state.cost);
                check(&problem, &state);
                if let Applied::Several = applied {
                    let mut lessons: Vec<u32> = moves.moved.iter().map(|&(x, _, _)| x).collect();
                    lessons.sort_unstable();
                    lessons.dedup();
                    prop_assert_eq!(lessons.len(), moves.moved.len());
                }
                if !keep {
                    moves.undo(&mut state, applied);
                    prop_assert_eq!(state.cost, before);
                    check(&problem, &state);
                }
            }
        }

        /// With holes allowed, every move (drops and insertions among them) keeps the cost exact,
        /// an undo puts every lesson back, and the list of unplaced lessons is exactly the
        /// lessons without a slot.
        #[test]
        fn holes_keep_the_cost_exact(
            seed in any::<u64>(),
            steps in prop::collection::vec(any::<bool>(), 1..120),
        ) {
            let problem = crate::state::tests::random_school(seed);
            let compiled = Compiled::new(&problem);
            let mut rng = rng::for_thread(seed, 0);
            let mut state = State::new(&compiled);
            construct(&mut state, &mut rng, 1000);
            let mut moves = Moves::new(PARAMS, &compiled);
            (moves.ejecting, moves.holes) = (true, true);
            for keep in steps {
                let (before, slots_before) = (state.cost, state.slot_of.clone());
                let (applied, delta) = moves.random(&mut state, &mut rng);
                prop_assert_eq!(Delta { hard: before.hard + delta.hard, soft: before.soft + delta.soft }, state.cost);
                check(&problem, &state);
                let mut unplaced: Vec<u32> = state.unplaced.clone();
                unplaced.sort_unstable();
                let expected: Vec<u32> = (0..compiled.n_lessons() as u32).filter(|&x| state.slot_of[x as usize] == UNPLACED).collect();
                prop_assert_eq!(unplaced, expected);
                if !keep {
                    moves.undo(&mut state, applied);
                    prop_assert_eq!(state.cost, before);
                    prop_assert_eq!(&state.slot_of, &slots_before);
                    check(&problem, &state);
                }
            }
        }

        /// The pre-check never rejects a move that would not have raised the hard cost.
        #[test]
        fn precheck_rejects_only_moves_that_create_hard_violations(seed in any::<u64>(), n in 1usize..400) {
            let problem = read_problem(&horarium_fixtures::itc2007_instance("comp07")).unwrap();
            let compiled = Compiled::new(&problem);
            let mut rng = rng::for_thread(seed, 0);
            let mut state = State::new(&compiled);
            construct(&mut state, &mut rng, 1000);
            let params = Params { kempe: 0.0, ..PARAMS };
            let mut with = Moves::new(params, &compiled);
            with.precheck = true;
            let mut without = Moves::new(params, &compiled);
            for _ in 0..n {
                let mut twin = rng.clone();
                let (applied, _) = with.random(&mut state, &mut rng);
                if matches!(applied, Applied::Infeasible) {
                    let hard_before = state.cost.hard;
                    let (applied, delta) = without.random(&mut state, &mut twin);
                    // The same random draws give the same move, now applied.
                    prop_assert!(hard_before > 0 || delta.hard > 0, "the pre-check rejected a move with hard delta {}", delta.hard);
                    without.undo(&mut state, applied);
                } else {
                    with.undo(&mut state, applied);
                }
            }
        }
    }

    /// One class, two periods, three one-period lessons: one of them must clash. Unplacing a
    /// clashing lesson is progress once holes are priced, and placing the hole again where
    /// another lesson sits makes that lesson the hole at no cost: the hole walks, the class never
    /// holds two lessons.
    #[test]
    fn a_hole_walks_through_a_full_class() {
        let courses = ["c0", "c1", "c2"].map(|c| serde_json::json!({"name": c, "groups": ["A"], "lessons": 1, "rooms": "no_room"}));
        let def = serde_json::json!({
            "name": "full class",
            "calendar": {"days": 1, "periods_per_day": 2},
            "teachers": [],
            "groups": [{"name": "A"}],
            "rooms": [],
            "courses": courses,
            "constraints": [{"level": "hard", "kind": "clashes"}],
        });
        let problem = horarium_core::Problem::from_def(serde_json::from_value(def).unwrap()).unwrap();
        let compiled = Compiled::new(&problem);
        let mut state = State::new(&compiled);
        state.add(0, 0, NO_ROOM);
        state.add(1, 0, NO_ROOM);
        state.add(2, 1, NO_ROOM);
        assert_eq!(state.cost.hard, 1, "lessons 0 and 1 clash");
        let mut moves = Moves::new(PARAMS, &compiled);
        (moves.ejecting, moves.holes) = (true, true);

        let d = state.remove(0);
        assert_eq!((d.hard, with_holes_priced(d, 1).hard), (0, -1), "a clash became a hole: progress");
        assert_eq!(state.unplaced, [0]);

        for (slot, in_the_way) in [(1u16, 2usize), (0, 1)] {
            let d = moves.insert_at(&mut state, 0, slot, NO_ROOM);
            assert_eq!((d.hard, with_holes_priced(d, 0).hard), (0, 0), "the hole moved for free");
            assert_eq!(state.unplaced, [in_the_way as u32]);
            assert_eq!(state.slot_of[0], slot);
            check(&problem, &state);
            moves.undo(&mut state, Applied::Several);
            assert_eq!(state.unplaced, [0]);
            assert_eq!(state.slot_of[in_the_way], slot);
            check(&problem, &state);
        }
    }
}
