//! The repair model: some lessons of a timetable free, the others fixed where they are, and the
//! exact soft cost of the kinds it can state, as a MIP over time and room.
//!
//! Lessons of one course and length are interchangeable, so one integer per course, length,
//! start slot and room counts how many of the free ones go there. The fixed lessons become
//! constants: the rooms and slots they hold, the teachers and students they keep busy, the days
//! and rooms their course already uses, the periods their groups are busy in.
//!
//! Stated exactly: the built-in rules, hard `unavailable`, `conflicts`, `clashes` and
//! `room_occupancy`; priced exactly: soft `room_capacity`, `room_stability`,
//! `min_working_days` and, with hard `conflicts`, `isolated_lessons` (the ITC-2007 kinds).
//! Every other kind keeps its cost outside the model: whoever repairs re-scores the result with
//! the core scorer and keeps it only when it is no worse.

use std::collections::{BTreeMap, BTreeSet};

use good_lp::{Expression, Variable};
use horarium_core::analysis::hard_unavailable_slots;
use horarium_core::constraints::Constraint as Rule;
use horarium_core::{CourseId, LessonId, Level, Placement, Problem, RoomId, Timetable};

use super::formulation::Formulation;
use super::rules::{courses_where, is_hard, one_lesson_at_a_time, rooms_closed, slot, weight_of, Weight};

/// The free lessons of one course and length, and where the model may put them.
pub(super) struct FreeClass {
    pub lessons: Vec<LessonId>,
    length: usize,
    /// (start slot, room or None for a course without rooms, how many of the lessons go there).
    pub places: Vec<(usize, Option<RoomId>, Variable)>,
}

/// The model as good_lp states it; the kinds it prices, it prices exactly.
pub(super) struct RepairModel {
    pub lp: Formulation,
    pub classes: Vec<FreeClass>,
}

impl std::ops::Deref for RepairModel {
    type Target = Formulation;
    fn deref(&self) -> &Formulation {
        &self.lp
    }
}

impl std::ops::DerefMut for RepairModel {
    fn deref_mut(&mut self) -> &mut Formulation {
        &mut self.lp
    }
}

impl RepairModel {
    /// The model of `timetable` with the lessons of `free` to place again (a free lesson that is
    /// not placed now is placed by the model; a fixed one that is not placed stays so).
    pub(super) fn new(problem: &Problem, timetable: &Timetable, free: &[LessonId]) -> RepairModel {
        let calendar = problem.calendar();
        let n_slots = calendar.n_slots();
        let ppd = usize::from(calendar.periods_per_day);
        let n_courses = problem.courses().len();
        let mut model = RepairModel { lp: Formulation::new(), classes: Vec::new() };
        let is_free: BTreeSet<LessonId> = free.iter().copied().collect();

        // What the fixed lessons hold.
        let mut room_taken = vec![vec![false; problem.rooms().len()]; n_slots];
        let mut fixed_cover = vec![vec![0u32; n_slots]; n_courses];
        let mut fixed_days = vec![BTreeSet::new(); n_courses];
        let mut fixed_rooms = vec![BTreeSet::new(); n_courses];
        for (l, placement) in timetable.placements().iter().enumerate() {
            let lesson = LessonId::from_index(l);
            let (Some(p), false) = (placement, is_free.contains(&lesson)) else { continue };
            let c = problem.lesson(lesson).course.index();
            let start = p.slot.index();
            fixed_days[c].insert(start / ppd);
            for t in start..(start + usize::from(problem.lesson(lesson).length)).min(n_slots) {
                fixed_cover[c][t] += 1;
                if let Some(r) = p.room {
                    room_taken[t][r.index()] = true;
                }
            }
            if let Some(r) = p.room {
                fixed_rooms[c].insert(r.index());
            }
        }
        let room_closed = rooms_closed(problem);
        let occupancy_hard = is_hard(problem, |r| matches!(r, Rule::RoomOccupancy(_)));

        // The free lessons, by course and length, over the starts and rooms no hard rule forbids.
        let blocked = hard_unavailable_slots(problem);
        let mut by_class: BTreeMap<(usize, usize), Vec<LessonId>> = BTreeMap::new();
        for &lesson in free {
            by_class.entry((problem.lesson(lesson).course.index(), usize::from(problem.lesson(lesson).length))).or_default().push(lesson);
        }
        for ((c, length), lessons) in by_class {
            let course = &problem.courses()[c];
            let rooms: Vec<Option<RoomId>> = (0..problem.rooms().len())
                .map(RoomId::from_index)
                .filter(|&r| problem.room_allowed(CourseId::from_index(c), r))
                .map(Some)
                .chain(course.rooms.allows_no_room().then_some(None))
                .collect();
            let mut places = Vec::new();
            for s in 0..n_slots {
                let covered = s..s + length;
                if !problem.fits_in_day(slot(s), length as u16) || covered.clone().any(|t| calendar.is_break(slot(t)) || blocked[c][t]) {
                    continue;
                }
                for &room in &rooms {
                    let room_free = room.is_none_or(|r| {
                        covered.clone().all(|t| !(room_closed[r.index()][t] || occupancy_hard && room_taken[t][r.index()]))
                    });
                    if room_free {
                        let var = model.integer(0.0, lessons.len() as f64);
                        places.push((s, room, var));
                    }
                }
            }
            let all: Expression = places.iter().map(|&(_, _, v)| v).sum();
            model.constraints.push(all.eq(lessons.len() as f64));
            model.classes.push(FreeClass { lessons, length, places });
        }

        // What the free lessons cover: per course and slot, and per room and slot.
        let mut cover: Vec<BTreeMap<usize, Expression>> = vec![BTreeMap::new(); n_courses];
        let mut room_cover: BTreeMap<(usize, usize), Expression> = BTreeMap::new();
        for class in &model.classes {
            let c = problem.lesson(class.lessons[0]).course.index();
            for &(s, room, var) in &class.places {
                for t in s..s + class.length {
                    *cover[c].entry(t).or_insert_with(|| Expression::from(0.0)) += var;
                    if let Some(r) = room {
                        *room_cover.entry((t, r.index())).or_insert_with(|| Expression::from(0.0)) += var;
                    }
                }
            }
        }
        if occupancy_hard {
            for (_, lessons) in room_cover {
                model.constraints.push(lessons.leq(1.0));
            }
        }
        for clique in one_lesson_at_a_time(problem) {
            #[allow(clippy::needless_range_loop, reason = "t is a slot of every member's row")]
            for t in 0..n_slots {
                let free_here: Vec<&Expression> = clique.iter().filter_map(|&c| cover[c].get(&t)).collect();
                if free_here.is_empty() {
                    continue;
                }
                let fixed: u32 = clique.iter().map(|&c| fixed_cover[c][t]).sum();
                let sum: Expression = free_here.into_iter().cloned().sum();
                model.constraints.push(sum.leq(f64::from(1u32.saturating_sub(fixed))));
            }
        }

        // The fixed lessons' seats, so that the objective is the whole timetable's cost of the
        // kinds it prices.
        if let Some(Weight::Soft(w)) = weight_of(problem, |r| matches!(r, Rule::RoomCapacity(_))) {
            for (l, placement) in timetable.placements().iter().enumerate() {
                let lesson = LessonId::from_index(l);
                if let (Some(Placement { room: Some(r), .. }), false) = (placement, is_free.contains(&lesson)) {
                    let over = problem.course_of(lesson).students.saturating_sub(problem.room(*r).capacity);
                    model.objective += w * f64::from(over);
                }
            }
        }
        model.add_room_costs(problem, &fixed_rooms);
        model.add_working_days(problem, &fixed_days, ppd);
        if is_hard(problem, |r| matches!(r, Rule::Conflicts(_))) {
            model.add_isolated_lessons(problem, &cover, &fixed_cover, ppd);
        }
        model
    }

    /// `room_capacity` per lesson, and `room_stability`: a room counts once some lesson of the
    /// course uses it, fixed or free.
    fn add_room_costs(&mut self, problem: &Problem, fixed_rooms: &[BTreeSet<usize>]) {
        let capacity = match weight_of(problem, |r| matches!(r, Rule::RoomCapacity(_))) {
            Some(Weight::Soft(w)) => {
                self.priced.insert("room_capacity");
                w
            }
            _ => 0.0,
        };
        let mut stability: BTreeMap<usize, Vec<Level>> = BTreeMap::new();
        for c in problem.constraints() {
            if let (Rule::RoomStability(rule), Level::Soft(_)) = (&c.constraint, c.level) {
                stability.entry(rule.course.index()).or_default().push(c.level);
            }
        }
        let mut used: BTreeMap<(usize, usize), Expression> = BTreeMap::new();
        for class in &self.classes {
            let c = problem.lesson(class.lessons[0]).course.index();
            let students = problem.courses()[c].students;
            for &(_, room, var) in &class.places {
                let Some(r) = room else { continue };
                let over = students.saturating_sub(problem.room(r).capacity);
                if over > 0 && capacity > 0.0 {
                    self.lp.objective += capacity * f64::from(over) * var;
                }
                if stability.contains_key(&c) && !fixed_rooms[c].contains(&r.index()) {
                    *used.entry((c, r.index())).or_insert_with(|| Expression::from(0.0)) += var;
                }
            }
        }
        for (&c, levels) in &stability {
            // Rooms beyond the first, among the fixed lessons' and those the free ones open.
            let mut rooms = Expression::from(fixed_rooms[c].len() as f64);
            for (&(_, _), lessons) in used.range((c, 0)..(c + 1, 0)) {
                let open = self.binary();
                let most = problem.courses()[c].n_lessons() as f64;
                self.constraints.push(lessons.clone().leq(most * open));
                rooms += open;
            }
            for &level in levels {
                self.at_most("room_stability", rooms.clone(), 1.0, level);
            }
        }
    }

    /// `min_working_days`: a day counts once a lesson of the course starts on it.
    fn add_working_days(&mut self, problem: &Problem, fixed_days: &[BTreeSet<usize>], ppd: usize) {
        let n_days = usize::from(problem.calendar().days);
        for c in problem.constraints() {
            let Rule::MinWorkingDays(rule) = &c.constraint else { continue };
            let course = rule.course.index();
            let mut days_used = Expression::from(fixed_days[course].len() as f64);
            for day in (0..n_days).filter(|d| !fixed_days[course].contains(d)) {
                let starts: Expression = self
                    .classes
                    .iter()
                    .filter(|class| problem.lesson(class.lessons[0]).course.index() == course)
                    .flat_map(|class| &class.places)
                    .filter(|&&(s, _, _)| s / ppd == day)
                    .map(|&(_, _, v)| v)
                    .sum();
                let used = self.continuous(0.0, 1.0);
                self.constraints.push(Expression::from(used).leq(starts));
                days_used += used;
            }
            self.at_least("min_working_days", days_used, f64::from(rule.days), c.level);
        }
    }

    /// `isolated_lessons`, where a group has at most one lesson per slot (hard `conflicts`).
    fn add_isolated_lessons(&mut self, problem: &Problem, cover: &[BTreeMap<usize, Expression>], fixed_cover: &[Vec<u32>], ppd: usize) {
        let n_slots = problem.calendar().n_slots();
        for c in problem.constraints() {
            let (Rule::IsolatedLessons(rule), Level::Soft(_)) = (&c.constraint, c.level) else { continue };
            let members = courses_where(problem, |course| course.groups.contains(&rule.group));
            let occupied: Vec<Expression> = (0..n_slots)
                .map(|t| {
                    let fixed: u32 = members.iter().map(|&m| fixed_cover[m][t]).sum();
                    members.iter().filter_map(|&m| cover[m].get(&t)).cloned().sum::<Expression>() + f64::from(fixed)
                })
                .collect();
            self.isolated_lessons(&occupied, ppd, c.level);
        }
    }

    /// `before` with the free lessons of `classes` where the solution `value` puts them.
    pub(super) fn place(classes: &[FreeClass], before: &Timetable, value: impl Fn(Variable) -> f64) -> Timetable {
        let mut res = before.clone();
        for class in classes {
            let mut lessons = class.lessons.iter();
            for &(s, room, var) in &class.places {
                // Integer columns come back within HiGHS's tolerance of an integer.
                let n = value(var).round() as usize;
                for &lesson in lessons.by_ref().take(n) {
                    res.set(lesson, Some(Placement { slot: slot(s), room })).expect("the model places lessons inside the calendar");
                }
            }
        }
        res
    }
}
