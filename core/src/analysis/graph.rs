//! The pre-analysis's graph arguments, with petgraph: cliques of courses that clash pairwise, of
//! which no slot holds two, and in each slot a matching of the lessons pinned there to the rooms
//! they may use.
//!
//! Cliques are grown greedily, one from each course, rather than enumerated: Bron–Kerbosch
//! (petgraph's `maximal_cliques`) took more than 20 s on FET's `GYR.fet`, whose overlapping
//! categories of subgroups make a great many maximal cliques, and a pre-analysis must answer at
//! once. A greedy clique is still a proof when it needs more periods than its free slots.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::maximum_matching;
use petgraph::graph::{NodeIndex, UnGraph};

use super::{periods, Blocked, Infeasibility, Reason};
use crate::ids::{CourseId, Resource, RoomId};
use crate::problem::Problem;
use crate::words::count;

/// Which hard rules make two courses clash.
#[derive(Clone, Copy, Debug)]
pub(super) struct ClashRules {
    /// `conflicts`: a shared teacher or group (by name, as ITC-2007 counts).
    pub conflicts: bool,
    /// `clashes`: a shared teacher or leaf group.
    pub clashes: bool,
}

/// Cliques of courses that clash pairwise and need more periods than the slots any of them may
/// use, grown from each course by adding, while one is left, the course clashing with every
/// member that has the most periods. A clique inside one teacher's or one leaf group's courses
/// is left out: the counting argument on that resource already reports it.
pub(super) fn clashing_courses(problem: &Problem, blocked: &Blocked, rules: ClashRules, reasons: &mut Vec<Infeasibility>) {
    if !(rules.conflicts || rules.clashes) {
        return;
    }
    // What each course shares: its teachers, and its groups (`conflicts`) or leaves (`clashes`),
    // each a key of its own kind; `counted` marks those the counting arguments already cover.
    let mut members: BTreeMap<(u8, usize), Vec<usize>> = BTreeMap::new();
    for (c, course) in problem.courses().iter().enumerate() {
        if course.n_lessons() == 0 {
            continue;
        }
        let mut add = |key| members.entry(key).or_default().push(c);
        course.teachers.iter().for_each(|t| add((TEACHER, t.index())));
        if rules.conflicts {
            course.groups.iter().for_each(|g| add((GROUP, g.index())));
        }
        if rules.clashes {
            problem.course_leaves(CourseId::from_index(c)).iter().for_each(|g| add((LEAF, g.index())));
        }
    }
    let counted = |key: &(u8, usize)| key.0 == TEACHER || key.0 == LEAF;

    let mut graph: UnGraph<usize, ()> = UnGraph::with_capacity(problem.courses().len(), 0);
    let nodes: Vec<NodeIndex> = (0..problem.courses().len()).map(|c| graph.add_node(c)).collect();
    let mut edges: BTreeSet<(usize, usize)> = BTreeSet::new();
    for courses in members.values() {
        for (i, &a) in courses.iter().enumerate() {
            edges.extend(courses[i + 1..].iter().map(|&b| (a.min(b), a.max(b))));
        }
    }
    for &(a, b) in &edges {
        graph.add_edge(nodes[a], nodes[b], ());
    }

    let calendar = problem.calendar();
    let need_of: Vec<usize> = problem.courses().iter().map(|course| periods(problem, course)).collect();
    let rows: Vec<Vec<&[bool]>> = (0..problem.courses().len()).map(|c| blocked.course_rows(problem, CourseId::from_index(c))).collect();
    let mut cliques: BTreeSet<Vec<usize>> = BTreeSet::new();
    for seed in 0..problem.courses().len() {
        let mut clique = vec![seed];
        let mut candidates: BTreeSet<usize> = graph.neighbors(nodes[seed]).map(|n| graph[n]).collect();
        while let Some(&next) = candidates.iter().max_by_key(|&&c| (need_of[c], std::cmp::Reverse(c))) {
            clique.push(next);
            let around: BTreeSet<usize> = graph.neighbors(nodes[next]).map(|n| graph[n]).collect();
            candidates = candidates.intersection(&around).copied().collect();
        }
        if clique.len() > 1 {
            clique.sort_unstable();
            cliques.insert(clique);
        }
    }
    for clique in cliques {
        let inside_one = members.iter().any(|(key, courses)| counted(key) && clique.iter().all(|c| courses.binary_search(c).is_ok()));
        if inside_one {
            continue;
        }
        let need: usize = clique.iter().map(|&c| need_of[c]).sum();
        let free = calendar
            .slots()
            .filter(|&s| !calendar.is_break(s) && clique.iter().any(|&c| !rows[c].iter().any(|row| row[s.index()])))
            .count();
        if need > free {
            let names: Vec<&str> = clique.iter().map(|&c| problem.courses()[c].name.as_str()).collect();
            reasons.push(Infeasibility {
                reason: Reason::ClashingCourses,
                resources: clique.iter().map(|&c| Resource::Course(CourseId::from_index(c))).collect(),
                message: format!(
                    "courses {} clash pairwise through shared teachers or students and need {need} periods, but only {} free for them",
                    listed(&names),
                    count(free as u64, "slot is", "slots are")
                ),
            });
        }
    }
}

const TEACHER: u8 = 0;
const GROUP: u8 = 1;
const LEAF: u8 = 2;

/// In each slot, the lessons pinned to cover it against the rooms each may use there (its
/// pinned room, or else its free allowed rooms): a maximum matching smaller than the lessons
/// proves that two of them must share a room.
pub(super) fn pinned_rooms(problem: &Problem, blocked: &Blocked, reasons: &mut Vec<Infeasibility>) {
    let calendar = problem.calendar();
    let mut at: Vec<Vec<(CourseId, Vec<RoomId>)>> = vec![Vec::new(); calendar.n_slots()];
    for (c, course) in problem.courses().iter().enumerate() {
        if course.rooms.allows_no_room() {
            continue;
        }
        let id = CourseId::from_index(c);
        for pin in &course.pinned {
            let lesson = course.lessons().nth(pin.lesson as usize).expect("pins are validated against the lesson count");
            for s in pin.slot.index()..pin.slot.index() + usize::from(problem.lesson(lesson).length) {
                let rooms: Vec<RoomId> = match pin.room {
                    Some(r) => vec![r],
                    None => (0..problem.rooms().len())
                        .map(RoomId::from_index)
                        .filter(|&r| problem.room_allowed(id, r) && !blocked.of(Resource::Room(r))[s])
                        .collect(),
                };
                if let Some(lessons) = at.get_mut(s) {
                    lessons.push((id, rooms));
                }
            }
        }
    }
    for (s, lessons) in at.iter().enumerate().filter(|(_, lessons)| lessons.len() > 1) {
        let mut graph: UnGraph<(), ()> = UnGraph::default();
        let lesson_nodes: Vec<NodeIndex> = lessons.iter().map(|_| graph.add_node(())).collect();
        let mut room_nodes: BTreeMap<RoomId, NodeIndex> = BTreeMap::new();
        for (node, (_, rooms)) in lesson_nodes.iter().zip(lessons) {
            for &r in rooms {
                let room = *room_nodes.entry(r).or_insert_with(|| graph.add_node(()));
                graph.add_edge(*node, room, ());
            }
        }
        let housed = maximum_matching(&graph).len();
        if housed < lessons.len() {
            let courses: BTreeSet<CourseId> = lessons.iter().map(|(c, _)| *c).collect();
            let names: Vec<&str> = courses.iter().map(|&c| problem.course(c).name.as_str()).collect();
            let mut resources: Vec<Resource> = courses.iter().map(|&c| Resource::Course(c)).collect();
            resources.extend(room_nodes.keys().map(|&r| Resource::Room(r)));
            let slot = calendar.slot_label(crate::ids::Slot(u16::try_from(s).expect("a calendar has at most u16::MAX slots")));
            reasons.push(Infeasibility {
                reason: Reason::PinnedRooms,
                resources,
                message: format!(
                    "at {slot}, {} pinned there (of {}) need rooms, but the rooms they may use hold only {housed} of them at once",
                    count(lessons.len() as u64, "lesson", "lessons"),
                    listed(&names)
                ),
            });
        }
    }
}

/// Names as a sentence lists them: `A`, `A and B`, `A, B and C`, and at most six.
fn listed(names: &[&str]) -> String {
    const SHOWN: usize = 6;
    let mut shown: Vec<String> = names.iter().take(SHOWN).map(|n| (*n).to_owned()).collect();
    if names.len() > SHOWN {
        shown.push(format!("{} more", names.len() - SHOWN));
    }
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => shown.join(""),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::listed;
    use crate::analysis::{check, Reason};
    use crate::problem::Problem;

    /// One day of two periods, three teachers, rooms R and S; `courses` and `constraints` as given.
    fn problem(courses: serde_json::Value, constraints: serde_json::Value) -> Problem {
        let def = json!({
            "name": "t", "calendar": {"days": 1, "periods_per_day": 2},
            "teachers": [{"name": "T1"}, {"name": "T2"}, {"name": "T3"}],
            "groups": [{"name": "Q1"}, {"name": "Q2"}, {"name": "Q3"}],
            "rooms": [{"name": "R", "capacity": 30}, {"name": "S", "capacity": 30}],
            "courses": courses, "constraints": constraints,
        });
        Problem::from_def(serde_json::from_value(def).unwrap()).unwrap()
    }

    fn reasons(p: &Problem) -> Vec<(Reason, String)> {
        check(p).err().map(|e| e.reasons.into_iter().map(|r| (r.reason, r.message)).collect()).unwrap_or_default()
    }

    #[test]
    fn three_courses_clashing_pairwise_through_teachers_need_three_slots() {
        let courses = json!([{"name": "A", "teachers": ["T1", "T3"], "lessons": 1}, {"name": "B", "teachers": ["T1", "T2"], "lessons": 1},
                             {"name": "C", "teachers": ["T2", "T3"], "lessons": 1}]);
        assert_eq!(
            reasons(&problem(courses, json!([{"kind": "clashes", "level": "hard"}]))),
            vec![(
                Reason::ClashingCourses,
                "courses A, B and C clash pairwise through shared teachers or students and need 3 periods, but only 2 slots are free for them"
                    .into()
            )]
        );
    }

    #[test]
    fn curricula_clash_under_conflicts_and_a_teachers_own_clique_is_left_to_the_count() {
        // A and B share curriculum Q1, B and C Q2, A and C Q3.
        let courses = json!([{"name": "A", "groups": ["Q1", "Q3"], "lessons": 1}, {"name": "B", "groups": ["Q1", "Q2"], "lessons": 1},
                             {"name": "C", "groups": ["Q2", "Q3"], "lessons": 1}]);
        let found = reasons(&problem(courses.clone(), json!([{"kind": "conflicts", "level": "hard"}])));
        assert_eq!(found.iter().map(|r| r.0).collect::<Vec<_>>(), vec![Reason::ClashingCourses]);
        // Hard unavailable slots of all three leave one slot: still a clash, with one slot free.
        let closed = json!([{"kind": "conflicts", "level": "hard"},
                            {"kind": "unavailable", "level": "hard", "resource": {"group": "Q1"}, "slots": [{"day": 0, "period": 0}]},
                            {"kind": "unavailable", "level": "hard", "resource": {"group": "Q2"}, "slots": [{"day": 0, "period": 0}]}]);
        assert!(reasons(&problem(courses, closed))[0].1.ends_with("need 3 periods, but only 1 slot is free for them"));
        // Two courses of one teacher are the teacher's count, not a second reason.
        let one_teacher = json!([{"name": "A", "teachers": ["T1"], "lessons": 2}, {"name": "B", "teachers": ["T1"], "lessons": 1}]);
        let found = reasons(&problem(one_teacher, json!([{"kind": "clashes", "level": "hard"}])));
        assert_eq!(found.iter().map(|r| r.0).collect::<Vec<_>>(), vec![Reason::TeacherOverbooked]);
    }

    #[test]
    fn lessons_pinned_to_one_slot_need_a_room_each() {
        let pinned = |room: &str| json!([{"lesson": 0, "day": 0, "period": 1, "room": room}]);
        let courses = json!([{"name": "A", "lessons": 1, "pinned": pinned("R")}, {"name": "B", "lessons": 1, "pinned": pinned("R")},
                             {"name": "C", "lessons": 1, "pinned": [{"lesson": 0, "day": 0, "period": 1}]}]);
        assert_eq!(
            reasons(&problem(courses, json!([{"kind": "room_occupancy", "level": "hard"}]))),
            vec![(
                Reason::PinnedRooms,
                "at day 0 period 1, 3 lessons pinned there (of A, B and C) need rooms, but the rooms they may use hold only 2 of them at once"
                    .into()
            )]
        );
        // One pinned to R and one free to take S: a matching houses both.
        let courses = json!([{"name": "A", "lessons": 1, "pinned": pinned("R")}, {"name": "C", "lessons": 1, "pinned": [{"lesson": 0, "day": 0, "period": 1}]}]);
        assert_eq!(reasons(&problem(courses, json!([{"kind": "room_occupancy", "level": "hard"}]))), vec![]);
    }

    #[test]
    fn names_are_listed_as_a_sentence_lists_them() {
        assert_eq!(listed(&["A"]), "A");
        assert_eq!(listed(&["A", "B"]), "A and B");
        assert_eq!(listed(&["A", "B", "C"]), "A, B and C");
        assert_eq!(listed(&["1", "2", "3", "4", "5", "6", "7", "8"]), "1, 2, 3, 4, 5, 6 and 2 more");
    }
}
