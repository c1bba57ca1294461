//! Which lessons a repair frees: a neighbourhood of a timetable chosen to matter, drawn at
//! random among three kinds, each cut to at most `MAX_FREE` lessons.
//!
//! - the lessons of a few groups (ITC-2007's curricula), whose compactness and clashes tie
//!   them together;
//! - the lessons of one day, which can trade slots and rooms among themselves;
//! - the lessons of the soft violations of a few courses, and the courses' other lessons,
//!   where the cost is.

use std::collections::BTreeSet;

use horarium_core::{score, CourseId, LessonId, Problem, Timetable};

use crate::rng::{self, Rng};

/// The most lessons one repair frees: on comp01, some 50 lessons of three curricula take HiGHS
/// about a second.
const MAX_FREE: usize = 48;

/// Groups whose lessons one curricula neighbourhood frees.
const GROUPS: usize = 3;

/// The lessons of `timetable` a repair should free next.
pub(crate) fn neighbourhood(problem: &Problem, timetable: &Timetable, rng: &mut Rng) -> Vec<LessonId> {
    let courses = problem.courses();
    let mut free: Vec<LessonId> = match rng::below(rng, 3) {
        0 if !problem.groups().is_empty() => {
            let groups: BTreeSet<usize> = (0..GROUPS).map(|_| rng::below(rng, problem.groups().len())).collect();
            courses.iter().filter(|c| c.groups.iter().any(|g| groups.contains(&g.index()))).flat_map(|c| c.lessons()).collect()
        }
        1 => {
            let ppd = usize::from(problem.calendar().periods_per_day);
            let day = rng::below(rng, usize::from(problem.calendar().days));
            (0..problem.lessons().len())
                .map(LessonId::from_index)
                .filter(|&l| timetable.get(l).is_some_and(|p| p.slot.index() / ppd == day))
                .collect()
        }
        _ => {
            let found = score(problem, timetable);
            let soft: Vec<_> = found.violations.iter().filter(|v| matches!(v.level, horarium_core::Level::Soft(_))).collect();
            let mut picked: BTreeSet<CourseId> = BTreeSet::new();
            for _ in 0..GROUPS.min(soft.len()) {
                let v = soft[rng::below(rng, soft.len())];
                picked.extend(v.lessons.iter().map(|&l| problem.lesson(l).course));
            }
            picked.iter().flat_map(|&c| problem.course(c).lessons()).collect()
        }
    };
    // A random part of a neighbourhood too large for a quick repair.
    for i in (1..free.len()).rev() {
        free.swap(i, rng::below(rng, i + 1));
    }
    free.truncate(MAX_FREE);
    free.sort_unstable();
    free
}
