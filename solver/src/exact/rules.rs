//! What the exact layer's models read off a problem: how it weighs a kind, and which sets of
//! courses may hold at most one lesson in a slot.

use std::collections::BTreeSet;

use horarium_core::constraints::Constraint as Rule;
use horarium_core::{Course, CourseId, GroupId, Level, Problem, Resource, Slot};

/// How a problem weighs a kind: hard when one constraint of it is hard, else the sum of its
/// soft weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Weight {
    Hard,
    Soft(f64),
}

/// The weight of the kind `pick` selects, None when the problem has no constraint of it.
pub(super) fn weight_of(problem: &Problem, pick: impl Fn(&Rule) -> bool) -> Option<Weight> {
    let mut res: Option<Weight> = None;
    for c in problem.constraints().iter().filter(|c| pick(&c.constraint)) {
        res = Some(match (res, c.level) {
            (_, Level::Hard) | (Some(Weight::Hard), _) => Weight::Hard,
            (Some(Weight::Soft(a)), Level::Soft(b)) => Weight::Soft(a + f64::from(b.get())),
            (None, Level::Soft(b)) => Weight::Soft(f64::from(b.get())),
        });
    }
    res
}

/// Whether the kind `pick` selects is hard in `problem`.
pub(super) fn is_hard(problem: &Problem, pick: impl Fn(&Rule) -> bool) -> bool {
    weight_of(problem, pick) == Some(Weight::Hard)
}

/// The sets of courses of which a slot holds at most one lesson, by index: per teacher, group
/// (as `conflicts` names them) and leaf group (as `clashes` does), and each course alone, as the
/// hard `conflicts` and `clashes` of `problem` require.
pub(super) fn one_lesson_at_a_time(problem: &Problem) -> BTreeSet<Vec<usize>> {
    let conflicts = is_hard(problem, |r| matches!(r, Rule::Conflicts(_)));
    let clashes = is_hard(problem, |r| matches!(r, Rule::Clashes(_)));
    let mut cliques: BTreeSet<Vec<usize>> = BTreeSet::new();
    if conflicts || clashes {
        for t in 0..problem.teachers().len() {
            cliques.insert(courses_where(problem, |course| course.teachers.iter().any(|x| x.index() == t)));
        }
    }
    if conflicts {
        for g in 0..problem.groups().len() {
            cliques.insert(courses_where(problem, |course| course.groups.iter().any(|x| x.index() == g)));
        }
        cliques.extend((0..problem.courses().len()).map(|c| vec![c]));
    }
    if clashes {
        let leaves: Vec<_> = (0..problem.courses().len()).map(|c| problem.course_leaves(CourseId::from_index(c))).collect();
        for g in (0..problem.groups().len()).filter(|&g| problem.is_leaf(GroupId::from_index(g))) {
            cliques.insert((0..leaves.len()).filter(|&c| leaves[c].iter().any(|l| l.index() == g)).collect());
        }
        for (c, course) in problem.courses().iter().enumerate() {
            if !course.teachers.is_empty() || !leaves[c].is_empty() {
                cliques.insert(vec![c]);
            }
        }
    }
    cliques.retain(|clique| !clique.is_empty());
    cliques
}

/// Per room and slot, whether a hard `unavailable` closes the room then.
pub(super) fn rooms_closed(problem: &Problem) -> Vec<Vec<bool>> {
    let mut closed = vec![vec![false; problem.calendar().n_slots()]; problem.rooms().len()];
    for c in problem.constraints() {
        if let (Level::Hard, Rule::Unavailable(u)) = (c.level, &c.constraint) {
            if let Resource::Room(r) = u.resource {
                u.slots.iter().for_each(|s| closed[r.index()][s.index()] = true);
            }
        }
    }
    closed
}

/// The courses that `pick` selects, by index.
pub(super) fn courses_where(problem: &Problem, pick: impl Fn(&Course) -> bool) -> Vec<usize> {
    problem.courses().iter().enumerate().filter(|(_, course)| pick(course)).map(|(c, _)| c).collect()
}

/// The slot at `index`, which the calendar's size bounds.
pub(super) fn slot(index: usize) -> Slot {
    Slot(u16::try_from(index).expect("a calendar has at most u16::MAX slots"))
}
