//! What `same_time` and `different_days` share: sets of courses, and each course's sets.

use horarium_core::CourseId;

use crate::cost::Mult;

/// One set of courses with its level.
pub(super) struct Set {
    pub(super) size: i64,
    pub(super) mult: Mult,
}

pub(super) fn add_set(sets: &mut Vec<Set>, course_sets: &mut [Vec<u32>], courses: &[CourseId], mult: Mult) {
    #[allow(clippy::cast_possible_truncation, reason = "constraint counts fit u32")]
    let k = sets.len() as u32;
    #[allow(clippy::cast_possible_wrap, reason = "course counts fit i64")]
    sets.push(Set { size: courses.len() as i64, mult });
    for c in courses {
        course_sets[c.index()].push(k);
    }
}
