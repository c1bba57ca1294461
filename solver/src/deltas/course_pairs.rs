//! What `ordering` and `consecutive` share: each course's place in the pairs of courses.

use horarium_core::CourseId;

#[derive(Clone, Copy)]
pub(super) enum Role {
    First,
    Then,
}

#[derive(Clone, Copy)]
pub(super) struct Link {
    pub(super) pair: u32,
    pub(super) role: Role,
}

pub(super) fn add_pair(course_links: &mut [Vec<Link>], pair: usize, first: CourseId, then: CourseId) {
    #[allow(clippy::cast_possible_truncation, reason = "constraint counts fit u32")]
    let pair = pair as u32;
    course_links[first.index()].push(Link { pair, role: Role::First });
    course_links[then.index()].push(Link { pair, role: Role::Then });
}
