//! What the kinds on lists of lessons share (`min_days_between`, `max_days_between`,
//! `min_gap_between`, `same_start`, `not_overlapping`, `max_rooms`, `max_slots_used`,
//! `lessons_per_slot`, `same_room_if_consecutive`): each list with its rule and level, each
//! lesson's lists, and the sum over a lesson's pairs with the other
//! placed lessons of its lists, read from where every lesson starts.

use horarium_core::{LessonId, Problem, Slot};

use super::Placed;
use crate::cost::{Delta, Mult};
use crate::placement::UNPLACED;

/// Lists of lessons, each with a rule `R` and a level.
pub(super) struct LessonSets<R> {
    sets: Vec<(Vec<u32>, R, Mult)>,
    /// Per lesson: the lists it is in.
    of_lesson: Vec<Vec<u32>>,
}

impl<R> LessonSets<R> {
    pub(super) fn new(problem: &Problem) -> Self {
        LessonSets { sets: Vec::new(), of_lesson: vec![Vec::new(); problem.lessons().len()] }
    }

    pub(super) fn add(&mut self, lessons: &[LessonId], rule: R, mult: Mult) {
        #[allow(clippy::cast_possible_truncation, reason = "lesson and constraint counts are bounded by MAX_LESSONS")]
        let (k, lessons) = (self.sets.len() as u32, lessons.iter().map(|l| l.index() as u32).collect::<Vec<u32>>());
        for &l in &lessons {
            self.of_lesson[l as usize].push(k);
        }
        self.sets.push((lessons, rule, mult));
    }

    /// The lessons of list `k`.
    #[inline]
    pub(super) fn lessons(&self, k: usize) -> &[u32] {
        &self.sets[k].0
    }

    /// How many lists there are.
    pub(super) fn len(&self) -> usize {
        self.sets.len()
    }

    /// The lists `lesson` is in: each one's number (in the order added), rule and level.
    #[inline]
    pub(super) fn of(&self, lesson: usize) -> impl Iterator<Item = (usize, &R, Mult)> + '_ {
        self.of_lesson[lesson].iter().map(|&k| {
            let (_, rule, mult) = &self.sets[k as usize];
            (k as usize, rule, *mult)
        })
    }

    /// Over the lists `lesson` is in, the amount `pair(rule, other's start, other's length)` of its
    /// pairs with the other placed lessons, at each list's level. While a lesson is placed or
    /// unplaced its own entry in `slot_of` is not its slot (see [`Placed`]), and it is skipped.
    #[inline]
    pub(super) fn pairs(&self, lesson: &Placed<'_>, pair: impl Fn(&R, u16, u16) -> i64) -> Delta {
        let mut res = Delta::ZERO;
        for &k in &self.of_lesson[lesson.lesson] {
            let (lessons, rule, mult) = &self.sets[k as usize];
            let mut amount = 0;
            for &other in lessons {
                let other = other as usize;
                let at = lesson.slot_of[other];
                if other != lesson.lesson && at != UNPLACED {
                    amount += pair(rule, at, lesson.lesson_length[other]);
                }
            }
            res += Delta::of(amount, *mult);
        }
        res
    }
}

/// What `max_slots_used` and `lessons_per_slot` keep beside their [`LessonSets`]: each list's own
/// slots, each with a counter in the search state, looked up by list (in the order added) and slot.
pub(super) struct ListedSlots {
    n_slots: usize,
    /// Per list and slot: the slot's counter, or `NONE`.
    counter: Vec<u32>,
    n_counters: u32,
}

const NONE: u32 = u32::MAX;

impl ListedSlots {
    pub(super) fn new(problem: &Problem) -> Self {
        ListedSlots { n_slots: problem.calendar().n_slots(), counter: Vec::new(), n_counters: 0 }
    }

    /// Gives the next list's `slots` their counters.
    pub(super) fn add(&mut self, slots: &[Slot]) {
        let base = self.counter.len();
        self.counter.resize(base + self.n_slots, NONE);
        for s in slots {
            self.counter[base + s.index()] = self.n_counters;
            self.n_counters += 1;
        }
    }

    /// The counter of list `k` for `slot`, when the list has the slot.
    #[inline]
    pub(super) fn counter(&self, k: usize, slot: usize) -> Option<usize> {
        let at = self.counter[k * self.n_slots + slot];
        (at != NONE).then_some(at as usize)
    }

    /// How many counters all lists have together.
    pub(super) fn n_counters(&self) -> usize {
        self.n_counters as usize
    }
}
