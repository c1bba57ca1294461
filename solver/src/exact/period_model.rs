//! The period model: a relaxation of a problem in which lessons get start slots but no rooms.
//!
//! It follows the first stage of Lach and Lübbecke's decomposition for curriculum-based course
//! timetabling ("Curriculum based course timetabling: new solutions to Udine benchmark
//! instances", Annals of Operations Research 194, 2012). Lessons of one course with one length
//! are interchangeable, so one integer variable counts how many of them start in each slot, and
//! rooms are counted instead of assigned: rooms of one capacity form a class, and in each slot
//! a class holds no more lessons than it has free rooms. The counting prices `room_capacity` as
//! an assignment would.
//!
//! Everything it does not state is relaxed: a hard rule left out can only admit more
//! timetables, and a soft cost left out counts zero. So the model's optimum, and every dual
//! bound HiGHS proves on it, is a lower bound on the soft cost of every timetable without hard
//! violations, and an infeasible model proves that there is no such timetable.
//!
//! Stated: the built-in rules (every lesson placed inside a day, off the breaks, pins kept),
//! hard `unavailable`, `conflicts` and `clashes` (one lesson at a time per teacher, group or leaf
//! group), `room_occupancy` (as counts per class of rooms of one capacity), hard
//! `min_working_days`; priced: soft `room_capacity` (exactly), `room_stability` (from below: a
//! course in rooms of two capacities uses two rooms at least), `min_working_days` and, when
//! `conflicts` is hard, `isolated_lessons`. Every other kind is relaxed.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use good_lp::{Expression, Variable};
use horarium_core::analysis::hard_unavailable_slots;
use horarium_core::constraints::Constraint as Rule;
use horarium_core::{CourseId, Level, Problem, RoomId};

use super::formulation::Formulation;
use super::rules::{courses_where, is_hard, one_lesson_at_a_time, rooms_closed, slot, weight_of, Weight};

/// The model as good_lp states it, and what it covers.
pub(super) struct PeriodModel {
    pub lp: Formulation,
    /// The soft kinds of the problem whose cost it leaves at zero, by catalog name.
    pub relaxed: BTreeSet<&'static str>,
}

impl std::ops::Deref for PeriodModel {
    type Target = Formulation;
    fn deref(&self) -> &Formulation {
        &self.lp
    }
}

impl std::ops::DerefMut for PeriodModel {
    fn deref_mut(&mut self) -> &mut Formulation {
        &mut self.lp
    }
}

/// The interchangeable lessons of a course: those of one length, with their start variables.
struct LessonClass {
    course: usize,
    length: usize,
    /// (start slot, number of the class's lessons starting there).
    starts: Vec<(usize, Variable)>,
}

impl PeriodModel {
    pub(super) fn new(problem: &Problem) -> PeriodModel {
        let calendar = problem.calendar();
        let n_slots = calendar.n_slots();
        let ppd = usize::from(calendar.periods_per_day);
        let hard = |pick: fn(&Rule) -> bool| is_hard(problem, pick);
        let mut model = PeriodModel { lp: Formulation::new(), relaxed: BTreeSet::new() };

        // Start variables, per course and length, over the starts no hard rule forbids.
        let blocked = hard_unavailable_slots(problem);
        let mut classes: Vec<LessonClass> = Vec::new();
        for (c, course) in problem.courses().iter().enumerate() {
            let mut lengths: BTreeMap<usize, usize> = BTreeMap::new();
            for lesson in course.lessons() {
                *lengths.entry(usize::from(problem.lesson(lesson).length)).or_default() += 1;
            }
            let mut pinned: BTreeMap<(usize, usize), usize> = BTreeMap::new();
            for pin in &course.pinned {
                let lesson = course.lessons().nth(pin.lesson as usize).expect("pins are validated against the lesson count");
                *pinned.entry((usize::from(problem.lesson(lesson).length), pin.slot.index())).or_default() += 1;
            }
            for (&length, &count) in &lengths {
                let admissible = |s: usize| {
                    let covered = s..s + length;
                    problem.fits_in_day(slot(s), length as u16) && covered.clone().all(|t| !calendar.is_break(slot(t)) && !blocked[c][t])
                };
                let mut starts = Vec::new();
                for s in 0..n_slots {
                    let pins = pinned.get(&(length, s)).copied().unwrap_or(0);
                    // A pin keeps its slot even where a hard rule forbids it: the model relaxes
                    // that rule rather than the pin, which stays valid.
                    if pins == 0 && !admissible(s) {
                        continue;
                    }
                    let var = model.integer(pins as f64, count as f64);
                    starts.push((s, var));
                }
                let total: Expression = starts.iter().map(|&(_, v)| v).sum();
                model.constraints.push(total.eq(count as f64));
                classes.push(LessonClass { course: c, length, starts });
            }
        }

        // What each course occupies in each slot: the lessons covering it.
        let mut cover: Vec<Vec<Expression>> = vec![vec![Expression::from(0.0); n_slots]; problem.courses().len()];
        let mut covered_any = vec![vec![false; n_slots]; problem.courses().len()];
        for class in &classes {
            for &(s, var) in &class.starts {
                for t in s..s + class.length {
                    cover[class.course][t] += var;
                    covered_any[class.course][t] = true;
                }
            }
        }

        // One lesson at a time per teacher, group (as `conflicts` names them) and leaf group
        // (as `clashes` does), and per course.
        let conflicts_hard = hard(|r| matches!(r, Rule::Conflicts(_)));
        let cliques = one_lesson_at_a_time(problem);
        for clique in &cliques {
            for t in 0..n_slots {
                let members: Vec<usize> = clique.iter().copied().filter(|&c| covered_any[c][t]).collect();
                // A course alone needs the row only when two of its lessons could meet.
                if members.len() > 1 || members.first().is_some_and(|&c| problem.courses()[c].n_lessons() > 1) {
                    let sum: Expression = members.iter().map(|&c| cover[c][t].clone()).sum();
                    model.constraints.push(sum.leq(1.0));
                }
            }
        }

        model.add_rooms(problem, &cover, &covered_any, conflicts_hard);
        model.add_working_days(problem, &classes, ppd);
        if conflicts_hard {
            model.add_isolated_lessons(problem, &cover, ppd);
        }
        for c in problem.constraints() {
            let name = c.constraint.kind().name();
            if matches!(c.level, Level::Soft(_)) && !model.priced.contains(name) {
                model.relaxed.insert(name);
            }
        }
        model
    }

    /// Rooms as counts, when `room_occupancy` is hard: rooms of one capacity form a class, and
    /// in each slot a class holds no more lessons than it has free rooms. Through the classes,
    /// `room_capacity` is priced exactly, and `room_stability` from below (a course in rooms of
    /// two classes uses two rooms at least).
    fn add_rooms(&mut self, problem: &Problem, cover: &[Vec<Expression>], covered_any: &[Vec<bool>], one_at_a_time: bool) {
        if weight_of(problem, |r| matches!(r, Rule::RoomOccupancy(_))) != Some(Weight::Hard) {
            return;
        }
        let n_slots = problem.calendar().n_slots();
        let closed = rooms_closed(problem);
        let capacity = weight_of(problem, |r| matches!(r, Rule::RoomCapacity(_)));
        let weight = match capacity {
            Some(Weight::Soft(w)) => {
                self.priced.insert("room_capacity");
                w
            }
            _ => 0.0,
        };
        let mut stability: BTreeMap<usize, Vec<Level>> = BTreeMap::new();
        for c in problem.constraints() {
            if let Rule::RoomStability(rule) = &c.constraint {
                stability.entry(rule.course.index()).or_default().push(c.level);
            }
        }
        // With neither kind to price, every room is of one class.
        let by_capacity = capacity.is_some() || !stability.is_empty();
        let mut capacities: Vec<u32> = if by_capacity { problem.rooms().iter().map(|r| r.capacity).collect() } else { vec![0] };
        capacities.sort_unstable();
        capacities.dedup();
        let class_of = |r: usize| if by_capacity { capacities.binary_search(&problem.rooms()[r].capacity).unwrap_or(0) } else { 0 };
        let mut free_in_class = vec![vec![0usize; n_slots]; capacities.len()];
        for (r, closed) in closed.iter().enumerate() {
            for t in (0..n_slots).filter(|&t| !closed[t]) {
                free_in_class[class_of(r)][t] += 1;
            }
        }
        // Per course needing a room, the classes of its rooms (only those its students fit when
        // `room_capacity` is hard).
        let course_classes: Vec<Option<Vec<usize>>> = problem
            .courses()
            .iter()
            .enumerate()
            .map(|(c, course)| {
                // A course that may go without a room demands none: a relaxation, so still a bound.
                if course.rooms.allows_no_room() {
                    return None;
                }
                let mut classes: Vec<usize> = (0..problem.rooms().len())
                    .filter(|&r| problem.room_allowed(CourseId::from_index(c), RoomId::from_index(r)))
                    .filter(|&r| capacity != Some(Weight::Hard) || problem.rooms()[r].capacity >= course.students)
                    .map(class_of)
                    .collect();
                classes.sort_unstable();
                classes.dedup();
                Some(classes)
            })
            .collect();

        let mut used_class: BTreeMap<(usize, u64), Variable> = BTreeMap::new();
        for t in 0..n_slots {
            let mut in_class: Vec<Option<Expression>> = vec![None; capacities.len()];
            for (c, classes) in course_classes.iter().enumerate() {
                let Some(classes) = classes else { continue };
                if !covered_any[c][t] {
                    continue;
                }
                let course = &problem.courses()[c];
                // At most this many of its lessons share a slot.
                let most = if one_at_a_time { 1.0 } else { course.n_lessons() as f64 };
                let priced_stability = stability.contains_key(&c) && classes.len() > 1;
                let mut split = Expression::from(0.0);
                for &k in classes {
                    // One class: all the course's lessons there; else a share to choose.
                    let lessons: Expression = if classes.len() == 1 {
                        cover[c][t].clone()
                    } else {
                        let z = self.continuous(0.0, most);
                        split += z;
                        z.into()
                    };
                    self.objective += weight * f64::from(course.students.saturating_sub(capacities[k])) * lessons.clone();
                    if priced_stability {
                        let used = self.used(&mut used_class, c, k as u64);
                        self.constraints.push(lessons.clone().leq(most * used));
                    }
                    *in_class[k].get_or_insert_with(|| Expression::from(0.0)) += lessons;
                }
                if classes.len() != 1 {
                    // No class at all when no room qualifies: the lessons then have nowhere to go.
                    self.constraints.push(split.eq(cover[c][t].clone()));
                }
            }
            for (k, lessons) in in_class.into_iter().enumerate() {
                if let Some(lessons) = lessons {
                    self.constraints.push(lessons.leq(free_in_class[k][t] as f64));
                }
            }
        }

        // `room_stability`: a course in rooms of n classes uses at least n rooms.
        for (&c, levels) in &stability {
            let classes: Expression = used_class.range((c, 0)..(c + 1, 0)).map(|(_, &v)| v).sum();
            for &level in levels {
                self.at_most("room_stability", classes.clone(), 1.0, level);
            }
        }
    }

    /// The binary "course `c` uses rooms of class `kind`", made on first use.
    fn used(&mut self, used_kind: &mut BTreeMap<(usize, u64), Variable>, c: usize, kind: u64) -> Variable {
        if let Some(&v) = used_kind.get(&(c, kind)) {
            return v;
        }
        let v = self.binary();
        used_kind.insert((c, kind), v);
        v
    }

    /// `min_working_days`: a day counts once a lesson of the course starts on it.
    fn add_working_days(&mut self, problem: &Problem, classes: &[LessonClass], ppd: usize) {
        let n_days = usize::from(problem.calendar().days);
        let mut used_day: BTreeMap<usize, Vec<Variable>> = BTreeMap::new();
        for c in problem.constraints() {
            let Rule::MinWorkingDays(rule) = &c.constraint else { continue };
            if rule.days == 0 {
                continue;
            }
            let course = rule.course.index();
            if let Entry::Vacant(entry) = used_day.entry(course) {
                let mut days = Vec::with_capacity(n_days);
                for day in 0..n_days {
                    let used = self.continuous(0.0, 1.0);
                    let starts: Expression = classes
                        .iter()
                        .filter(|class| class.course == course)
                        .flat_map(|class| &class.starts)
                        .filter(|&&(s, _)| s / ppd == day)
                        .map(|&(_, v)| v)
                        .sum();
                    self.constraints.push(Expression::from(used).leq(starts));
                    days.push(used);
                }
                entry.insert(days);
            }
            let days_used: Expression = used_day[&course].iter().copied().sum();
            self.at_least("min_working_days", days_used, f64::from(rule.days), c.level);
        }
    }

    /// `isolated_lessons`, priced where a group has at most one lesson per slot (`conflicts`
    /// hard): a slot of the group with nothing just before or after it on the same day.
    fn add_isolated_lessons(&mut self, problem: &Problem, cover: &[Vec<Expression>], ppd: usize) {
        let n_slots = problem.calendar().n_slots();
        for c in problem.constraints() {
            let (Rule::IsolatedLessons(rule), Level::Soft(_)) = (&c.constraint, c.level) else { continue };
            let members = courses_where(problem, |course| course.groups.contains(&rule.group));
            let occupied: Vec<Expression> = (0..n_slots).map(|t| members.iter().map(|&m| cover[m][t].clone()).sum()).collect();
            self.isolated_lessons(&occupied, ppd, c.level);
        }
    }
}
