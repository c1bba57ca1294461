//! Incremental (delta) evaluation of each constraint kind, mirroring `horarium_core::constraints`.
//!
//! Each kind of the catalog has a file here of the same name, whose type of the same name
//! implements [`Mirror`]: a compiled form (immutable, shared by all search threads), a state of
//! counters owned by one search (`()` when it keeps none), and the exact change of cost for each
//! event it cares about. [`Kinds`] and [`KindStates`] hold one of each, and their methods call
//! every kind's hook in catalog order; both are generated from the catalog's one line per kind
//! (`horarium_core::for_each_kind!`), so the search state and the search loop name no kind.
//!
//! Two layers are shared by several kinds: [`rows`] (what occupies each teacher and set of
//! students in each slot, read by `clashes`, `idle_gaps`, `lessons_per_day`, `max_days`, `min_days`, `ends_day` and others) and
//! [`slot_costs`] (a cost per course or room and slot, read by `unavailable` and
//! `preferred_slots`). Each kind that reads a layer owns its cost in its own file.
//!
//! Every delta is exact: the proptests in `state.rs` check it against `horarium_core::score`
//! after every move.

mod building_changes;
mod busy_groups;
mod busy_per_group;
mod clashes;
mod conflicts;
mod consecutive;
mod course_pairs;
mod course_sets;
mod different_days;
mod early_start;
mod ends_day;
mod grouped_lessons;
mod idle_gaps;
mod isolated_lessons;
mod keep_placements;
mod lesson_pair;
mod lesson_sets;
mod lesson_slots;
mod lesson_spread;
mod lessons_per_day;
mod lessons_per_slot;
mod max_consecutive_periods;
mod max_days;
mod max_days_between;
mod max_groups_used;
mod max_per_day;
mod max_rooms;
mod max_slots_used;
mod max_span;
mod min_days;
mod min_days_between;
mod min_gap_between;
mod min_rest;
mod min_working_days;
mod not_overlapping;
mod ordering;
mod preferred_rooms;
mod preferred_slots;
mod room_capacity;
mod room_occupancy;
mod room_stability;
pub(crate) mod rows;
mod same_room_if_consecutive;
mod same_start;
mod same_time;
mod sets_not_overlapping;
pub(crate) mod slot_costs;
mod slot_groups;
mod spread;
#[cfg(test)]
pub(crate) mod test_support;
mod unavailable;

use std::ops::Range;

use horarium_core::{Constraint, Problem};

use crate::cost::{Delta, Mult};
pub(crate) use rows::{RowChange, Rows, RowsState};

/// What a kind's compiled form is built with, besides its own constraints.
pub(crate) struct Build<'a> {
    pub(crate) problem: &'a Problem,
    /// The rows layer, which a kind on teachers and students asks to keep the rows it reads.
    pub(crate) rows: &'a mut Rows,
}

/// A lesson being placed or unplaced, as a kind's per-lesson hooks see it.
pub(crate) struct Placed<'a> {
    pub(crate) lesson: usize,
    pub(crate) course: usize,
    /// The start slot.
    pub(crate) slot: u16,
    pub(crate) length: u16,
    /// The day of the start slot.
    pub(crate) day: usize,
    /// The room, or `NO_ROOM`.
    pub(crate) room: u16,
    /// Where every lesson starts (`UNPLACED` for none), with this lesson still at its old value:
    /// `UNPLACED` while it is placed, its slot while it is unplaced.
    pub(crate) slot_of: &'a [u16],
    /// Where every lesson is held (`NO_ROOM` for none or unplaced), this lesson's entry as for `slot_of`.
    pub(crate) room_of: &'a [u16],
    /// Per course: its lessons, as a range of lesson ids.
    pub(crate) course_lessons: &'a [Range<u32>],
    /// Per lesson: its length in periods.
    pub(crate) lesson_length: &'a [u16],
}

/// A single move asked about before it is made (see [`Mirror::surely_violates`]).
pub(crate) struct Probe<'a> {
    pub(crate) course: usize,
    pub(crate) slot: usize,
    /// The room, or `NO_ROOM`.
    pub(crate) room: u16,
    /// The lesson lasts one period and moves to another slot: the per-slot pre-checks apply.
    pub(crate) single_period_elsewhere: bool,
    /// The course of the lesson leaving `slot` at the same time (a swap), if any.
    pub(crate) leaving_course: Option<usize>,
    /// The room is held by a lesson that stays there.
    pub(crate) room_taken: bool,
    /// Per course and slot: the course's lessons covering the slot.
    pub(crate) course_slot_count: &'a [u16],
    pub(crate) n_slots: usize,
    pub(crate) rows: &'a Rows,
    pub(crate) rows_state: &'a RowsState,
}

/// The incremental mirror of one kind of the catalog, in `deltas/<kind>.rs`.
///
/// Every hook has a default that costs nothing, so a kind implements only the events it reads;
/// the calls are static and inlined, and none may allocate.
pub(crate) trait Mirror: Sized {
    /// The kind in core that this mirrors.
    type Constraint;
    /// The counters of one search.
    type State;

    /// The compiled form with no constraint of this kind.
    fn new(problem: &Problem) -> Self;
    /// Folds one constraint of this kind, at the level `mult`, into the compiled form.
    fn add(&mut self, build: &mut Build<'_>, constraint: &Self::Constraint, mult: Mult);
    /// The counters of a search with nothing placed.
    fn new_state(&self, n_slots: usize) -> Self::State;
    /// The cost of the timetable with nothing placed.
    fn empty_cost(&self) -> Delta {
        Delta::ZERO
    }

    /// A lesson of `course` comes to cover `slot`, which `before` lessons of the course covered.
    #[inline]
    fn enter_slot(&self, _state: &mut Self::State, _course: usize, _slot: usize, _before: u16) -> Delta {
        Delta::ZERO
    }
    /// A lesson of `course` stops covering `slot`, which `after` lessons of the course still cover.
    #[inline]
    fn leave_slot(&self, _state: &mut Self::State, _course: usize, _slot: usize, _after: u16) -> Delta {
        Delta::ZERO
    }
    /// A lesson comes to hold `room` at `slot`, which `before` lessons held.
    #[inline]
    fn enter_room_slot(&self, _state: &mut Self::State, _room: usize, _slot: usize, _before: u16) -> Delta {
        Delta::ZERO
    }
    /// A lesson stops holding `room` at `slot`, which `after` lessons still hold.
    #[inline]
    fn leave_room_slot(&self, _state: &mut Self::State, _room: usize, _slot: usize, _after: u16) -> Delta {
        Delta::ZERO
    }
    /// A teacher's or a set of students' row changed (see [`RowChange`]).
    #[inline]
    fn row_change(&self, _state: &mut Self::State, _change: &RowChange) -> Delta {
        Delta::ZERO
    }
    /// A lesson is placed.
    #[inline]
    fn place(&self, _state: &mut Self::State, _lesson: &Placed<'_>) -> Delta {
        Delta::ZERO
    }
    /// A lesson is unplaced.
    #[inline]
    fn unplace(&self, _state: &mut Self::State, _lesson: &Placed<'_>) -> Delta {
        Delta::ZERO
    }
    /// What holding a lesson of `course` in `room` costs, wherever and whenever it is.
    #[inline]
    fn room_cost(&self, _course: usize, _room: usize) -> Delta {
        Delta::ZERO
    }
    /// Whether a lesson of `course` may cover `slot` without a hard violation of this kind.
    #[inline]
    fn slot_allowed(&self, _course: usize, _slot: usize) -> bool {
        true
    }
    /// Whether the slot and room of the move in `probe` alone break a hard rule of this kind,
    /// whatever else is placed: a table lookup, asked before [`Mirror::surely_violates`].
    #[inline]
    fn forbids(&self, _probe: &Probe<'_>) -> bool {
        false
    }
    /// Whether the move in `probe` surely adds a hard violation of this kind, given a current
    /// timetable without any: `true` must be certain, `false` proves nothing. It lets the soft
    /// phase reject the commonest hopeless moves without making and undoing them.
    #[inline]
    fn surely_violates(&self, _state: &Self::State, _probe: &Probe<'_>) -> bool {
        false
    }
}

/// Generates [`Kinds`] and [`KindStates`] from the catalog.
macro_rules! define_mirrors {
    ($($kind:ident($module:ident, $def:ty),)*) => {
        // One bit per kind in a u64: the catalog must stay within 64 kinds (or `active` grow).
        const _: () = assert!([$(stringify!($module)),*].len() <= 64, "Kinds::active has one bit per kind");

        /// Each kind's bit in [`Kinds::active`].
        #[allow(non_camel_case_types, reason = "named after the kinds' modules")]
        #[derive(Clone, Copy)]
        enum Bit {
            $($module,)*
        }

        /// The compiled form of every kind, shared by the search threads.
        pub(crate) struct Kinds {
            $(pub(crate) $module: $module::$kind,)*
            /// One bit per kind the problem uses: the hooks of the others are skipped, so that a
            /// kind costs the search nothing in a problem without it (a test and a branch per hook
            /// instead of a call that walks empty tables).
            active: u64,
        }

        /// The counters of every kind, for one search.
        pub(crate) struct KindStates {
            $($module: <$module::$kind as Mirror>::State,)*
        }

        impl Kinds {
            /// Compiles every constraint of `problem` into its kind's form.
            pub(crate) fn new(problem: &Problem, rows: &mut Rows) -> Self {
                let mut kinds = Kinds { $($module: <$module::$kind as Mirror>::new(problem),)* active: 0 };
                let mut build = Build { problem, rows };
                for entry in problem.constraints() {
                    let mult = Mult::of(entry.level);
                    match &entry.constraint {
                        $(Constraint::$kind(c) => {
                            kinds.$module.add(&mut build, c, mult);
                            kinds.active |= 1 << Bit::$module as u32;
                        })*
                    }
                }
                kinds
            }

            /// Whether the problem has a constraint of the kind of `bit`.
            #[inline]
            fn uses(&self, bit: Bit) -> bool {
                self.active & (1 << bit as u32) != 0
            }

            pub(crate) fn new_states(&self, n_slots: usize) -> KindStates {
                KindStates { $($module: self.$module.new_state(n_slots),)* }
            }

            pub(crate) fn empty_cost(&self) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.empty_cost();
                })*
                d
            }

            #[inline]
            pub(crate) fn enter_slot(&self, states: &mut KindStates, course: usize, slot: usize, before: u16) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.enter_slot(&mut states.$module, course, slot, before);
                })*
                d
            }

            #[inline]
            pub(crate) fn leave_slot(&self, states: &mut KindStates, course: usize, slot: usize, after: u16) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.leave_slot(&mut states.$module, course, slot, after);
                })*
                d
            }

            #[inline]
            pub(crate) fn enter_room_slot(&self, states: &mut KindStates, room: usize, slot: usize, before: u16) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.enter_room_slot(&mut states.$module, room, slot, before);
                })*
                d
            }

            #[inline]
            pub(crate) fn leave_room_slot(&self, states: &mut KindStates, room: usize, slot: usize, after: u16) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.leave_room_slot(&mut states.$module, room, slot, after);
                })*
                d
            }

            #[inline]
            pub(crate) fn row_change(&self, states: &mut KindStates, change: &RowChange) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.row_change(&mut states.$module, change);
                })*
                d
            }

            #[inline]
            pub(crate) fn place(&self, states: &mut KindStates, lesson: &Placed<'_>) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.place(&mut states.$module, lesson);
                })*
                d
            }

            #[inline]
            pub(crate) fn unplace(&self, states: &mut KindStates, lesson: &Placed<'_>) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.unplace(&mut states.$module, lesson);
                })*
                d
            }

            /// What holding a lesson of `course` in `room` costs, over every kind.
            #[inline]
            pub(crate) fn room_cost(&self, course: usize, room: usize) -> Delta {
                let mut d = Delta::ZERO;
                $(if self.uses(Bit::$module) {
                    d += self.$module.room_cost(course, room);
                })*
                d
            }

            /// Whether a lesson of `course` may cover `slot` without a hard violation of any kind
            /// that knows it from the slot alone.
            #[inline]
            pub(crate) fn slot_allowed(&self, course: usize, slot: usize) -> bool {
                true $(&& (!self.uses(Bit::$module) || self.$module.slot_allowed(course, slot)))*
            }

            /// The cheap lookups of every kind first, then the counting arguments.
            #[inline]
            pub(crate) fn surely_violates(&self, states: &KindStates, probe: &Probe<'_>) -> bool {
                false $(|| (self.uses(Bit::$module) && self.$module.forbids(probe)))*
                    $(|| (self.uses(Bit::$module) && self.$module.surely_violates(&states.$module, probe)))*
            }
        }
    };
}

horarium_core::for_each_kind!(define_mirrors);
