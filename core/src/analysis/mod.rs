//! Pre-analysis: reasons a problem cannot have a timetable without hard violations, found
//! before any search, so that an impossible problem is answered with its reasons, not a timeout.
//!
//! Every reason is a proof: counting arguments on hard constraints (more periods to teach than
//! slots to teach them in, more lessons needing a kind of room than such rooms can hold, a lesson
//! with no slot and room it may use, a course that must meet on more days than it can), and
//! graph arguments (`graph.rs`: courses that clash pairwise needing more periods than their free
//! slots, lessons pinned to one slot needing more rooms than a matching finds). Passing the analysis proves nothing: a problem may still
//! be infeasible for subtler reasons, which the search then reports as the violations it could
//! not remove.

mod graph;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::constraints::{Constraint, WhoRow};
use crate::entities::RoomChoice;
use crate::ids::{CourseId, GroupId, Resource, RoomId, TeacherId};
use crate::level::Level;
use crate::problem::Problem;
use crate::words::count;

/// Why a problem cannot be solved without hard violations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A teacher has more periods of lessons than slots in which they may teach.
    TeacherOverbooked,
    /// A set of students has more periods of lessons than slots in which they may have lessons.
    GroupOverbooked,
    /// A course accepts no room at all.
    NoRoom,
    /// A lesson has no start slot where the course, its teachers, its groups and one of its rooms are all available.
    NoPlace,
    /// The lessons that can only use some rooms need more room periods than those rooms have.
    RoomsOverbooked,
    /// A course must meet on more days than the week has, or than it has lessons (a hard
    /// `min_working_days`); or a teacher or set of students must come in on more days than they
    /// have lessons (a hard `min_days`).
    TooFewDays,
    /// Courses that clash pairwise (through shared teachers or students, no two in one slot)
    /// need more periods than the slots free for them.
    ClashingCourses,
    /// The lessons pinned to a slot need more rooms than those they may use can give at once.
    PinnedRooms,
}

/// One reason, with what it involves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Infeasibility {
    /// The kind of reason.
    pub reason: Reason,
    /// Teachers, groups, rooms and courses involved.
    pub resources: Vec<Resource>,
    /// One sentence for a person.
    pub message: String,
}

/// A problem that has no timetable without hard violations, with every reason found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct Infeasible {
    /// The reasons, at least one.
    pub reasons: Vec<Infeasibility>,
}

impl fmt::Display for Infeasible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the problem has no timetable without hard violations:")?;
        for r in &self.reasons {
            write!(f, "\n  - {}", r.message)?;
        }
        Ok(())
    }
}

/// Looks for reasons why `problem` cannot be solved without hard violations.
///
/// ```
/// use horarium_core::{analysis, formats::json};
/// let text = r#"{"name": "tiny", "calendar": {"days": 1, "periods_per_day": 2},
///   "teachers": [{"name": "Ada"}], "rooms": [{"name": "R", "capacity": 30}],
///   "courses": [{"name": "Maths", "teachers": ["Ada"], "lessons": 3}],
///   "constraints": [{"kind": "clashes", "level": "hard"}]}"#;
/// let problem = json::parse_problem("tiny.json", text)?;
/// let err = analysis::check(&problem).unwrap_err();
/// assert_eq!(err.reasons[0].message, "teacher Ada has 3 periods of lessons but can teach in only 2 slots");
/// # Ok::<(), horarium_core::Error>(())
/// ```
pub fn check(problem: &Problem) -> Result<(), Infeasible> {
    let mut reasons = Vec::new();
    let blocked = Blocked::new(problem);
    let clashes_hard = problem.constraints().iter().any(|c| c.level == Level::Hard && matches!(c.constraint, Constraint::Clashes(_)));
    let conflicts_hard = problem.constraints().iter().any(|c| c.level == Level::Hard && matches!(c.constraint, Constraint::Conflicts(_)));
    let occupancy_hard =
        problem.constraints().iter().any(|c| c.level == Level::Hard && matches!(c.constraint, Constraint::RoomOccupancy(_)));
    let n_slots = problem.calendar().n_slots();
    // Periods of lessons per teacher and per leaf group.
    let course_leaves: Vec<Vec<GroupId>> = (0..problem.courses().len()).map(|c| problem.course_leaves(CourseId::from_index(c))).collect();
    let mut teacher_need = vec![0usize; problem.teachers().len()];
    let mut leaf_need = vec![0usize; problem.groups().len()];
    // Lessons per teacher and per leaf group: each is on one day.
    let mut teacher_lessons = vec![0usize; problem.teachers().len()];
    let mut leaf_lessons = vec![0usize; problem.groups().len()];
    for (course, leaves) in problem.courses().iter().zip(&course_leaves) {
        let n = periods(problem, course);
        course.teachers.iter().for_each(|t| teacher_need[t.index()] += n);
        leaves.iter().for_each(|g| leaf_need[g.index()] += n);
        course.teachers.iter().for_each(|t| teacher_lessons[t.index()] += course.n_lessons());
        leaves.iter().for_each(|g| leaf_lessons[g.index()] += course.n_lessons());
    }
    if clashes_hard || conflicts_hard {
        for (t, teacher) in problem.teachers().iter().enumerate() {
            let id = TeacherId::from_index(t);
            let need = teacher_need[t];
            let free = n_slots - blocked.of(Resource::Teacher(id)).iter().filter(|&&b| b).count();
            if need > free {
                reasons.push(Infeasibility {
                    reason: Reason::TeacherOverbooked,
                    resources: vec![Resource::Teacher(id)],
                    message: format!("teacher {} has {need} periods of lessons but can teach in only {free} slots", teacher.name),
                });
            }
        }
    }
    if clashes_hard {
        for (g, group) in problem.groups().iter().enumerate() {
            let id = GroupId::from_index(g);
            if !problem.is_leaf(id) {
                continue;
            }
            let need = leaf_need[g];
            let group_rows = blocked.group_rows(|g| problem.leaves(g).contains(&id));
            let free = (0..n_slots).filter(|&s| !group_rows.iter().any(|row| row[s])).count();
            if need > free {
                reasons.push(Infeasibility {
                    reason: Reason::GroupOverbooked,
                    resources: vec![Resource::Group(id)],
                    message: format!("group {} has {need} periods of lessons but only {free} slots are free for them", group.name),
                });
            }
        }
    }
    // Rooms: none at all, or no slot where the course and one of its rooms are available.
    let mut by_room_set: BTreeMap<Vec<RoomId>, usize> = BTreeMap::new();
    for (c, course) in problem.courses().iter().enumerate() {
        let id = CourseId::from_index(c);
        let rooms: Vec<RoomId> = (0..problem.rooms().len()).map(RoomId::from_index).filter(|&r| problem.room_allowed(id, r)).collect();
        let needs_room = !course.rooms.allows_no_room();
        if needs_room && rooms.is_empty() {
            let what = match &course.rooms {
                RoomChoice::Tagged(tags) => format!("a room tagged {}", tags.join(" and ")),
                _ => "a room".to_owned(),
            };
            reasons.push(Infeasibility {
                reason: Reason::NoRoom,
                resources: vec![Resource::Course(id)],
                message: format!("course {} needs {what}, but no room qualifies", course.name),
            });
            continue;
        }
        let course_rows = blocked.course_rows(problem, id);
        let course_ok = |s: usize| !course_rows.iter().any(|row| row[s]);
        let room_ok = |s: usize| !needs_room || rooms.iter().any(|&r| !blocked.of(Resource::Room(r))[s]);
        let cal = problem.calendar();
        let on_break: Vec<bool> = cal.slots().map(|s| cal.is_break(s)).collect();
        for lesson in course.lessons() {
            let len = problem.lesson(lesson).length;
            // A room that is never unavailable fits any slot; a thousand rooms need not be scanned per slot.
            let some_room_always_free = !needs_room || rooms.iter().any(|&r| !blocked.by_resource.contains_key(&Resource::Room(r)));
            let placeable = cal.slots().filter(|&s| problem.fits_in_day(s, len)).any(|s| {
                let covered = s.index()..s.index() + usize::from(len);
                // A lesson never covers a break (the built-in rule `break`).
                if covered.clone().any(|x| on_break[x]) {
                    return false;
                }
                covered.clone().all(course_ok)
                    && (some_room_always_free || rooms.iter().any(|&r| covered.clone().all(|x| !blocked.of(Resource::Room(r))[x])))
            });
            if !placeable {
                let rooms_note = if needs_room && !(0..n_slots).any(|s| course_ok(s) && room_ok(s)) {
                    "none of its rooms is free in the slots it may use"
                } else {
                    "no start slot keeps it inside a day, off the breaks and in slots it may use"
                };
                reasons.push(Infeasibility {
                    reason: Reason::NoPlace,
                    resources: vec![Resource::Course(id)],
                    message: format!(
                        "lesson {} of course {} cannot be placed: {rooms_note}",
                        problem.lesson(lesson).index_in_course + 1,
                        course.name
                    ),
                });
                break;
            }
        }
        if needs_room && rooms.len() < problem.rooms().len() {
            *by_room_set.entry(rooms).or_default() += periods(problem, course);
        }
    }
    for c in problem.constraints().iter().filter(|c| c.level == Level::Hard) {
        let Constraint::MinDays(rule) = &c.constraint else { continue };
        for row in rule.who.rows(problem) {
            let (lessons, who, resource) = match row {
                WhoRow::Teacher(t) => (teacher_lessons[t.index()], format!("teacher {}", problem.teacher(t).name), Resource::Teacher(t)),
                WhoRow::Students(g) => (leaf_lessons[g.index()], format!("group {}", problem.group(g).name), Resource::Group(g)),
            };
            if lessons < usize::from(rule.days) {
                reasons.push(Infeasibility {
                    reason: Reason::TooFewDays,
                    resources: vec![resource],
                    message: format!(
                        "{who} must have lessons on at least {} days, but has {}",
                        rule.days,
                        count(lessons as u64, "lesson", "lessons")
                    ),
                });
            }
        }
    }
    for c in problem.constraints().iter().filter(|c| c.level == Level::Hard) {
        let Constraint::MinWorkingDays(rule) = &c.constraint else { continue };
        let course = problem.course(rule.course);
        let reachable = usize::from(problem.calendar().days).min(course.lessons().len());
        if usize::from(rule.days) > reachable {
            reasons.push(Infeasibility {
                reason: Reason::TooFewDays,
                resources: vec![Resource::Course(rule.course)],
                message: format!(
                    "course {} must meet on at least {} days, but it has {} in a week of {} days",
                    course.name,
                    rule.days,
                    count(course.lessons().len() as u64, "lesson", "lessons"),
                    problem.calendar().days
                ),
            });
        }
    }
    if occupancy_hard {
        // Hall's condition on each set of rooms some course is confined to: the courses confined
        // to it (or to a part of it) need at most its room periods.
        for rooms in by_room_set.keys() {
            let need: usize = by_room_set.iter().filter(|(set, _)| set.iter().all(|r| rooms.contains(r))).map(|(_, n)| n).sum();
            let have: usize = rooms.iter().map(|&r| blocked.of(Resource::Room(r)).iter().filter(|&&b| !b).count()).sum();
            if need > have {
                let names: Vec<&str> = rooms.iter().map(|&r| problem.room(r).name.as_str()).collect();
                reasons.push(Infeasibility {
                    reason: Reason::RoomsOverbooked,
                    resources: rooms.iter().map(|&r| Resource::Room(r)).collect(),
                    message: format!(
                        "lessons that can only use {} need {need} room periods, but {} only {have} free periods",
                        names.join(", "),
                        if names.len() == 1 { "it has" } else { "together they have" },
                    ),
                });
            }
        }
    }
    graph::clashing_courses(problem, &blocked, graph::ClashRules { conflicts: conflicts_hard, clashes: clashes_hard }, &mut reasons);
    if occupancy_hard {
        graph::pinned_rooms(problem, &blocked, &mut reasons);
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(Infeasible { reasons })
    }
}

/// The periods all the lessons of `course` last.
fn periods(problem: &Problem, course: &crate::entities::Course) -> usize {
    course.lessons().map(|l| usize::from(problem.lesson(l).length)).sum()
}

/// Per course, the slots its lessons may not cover under a hard `unavailable` of the course, of
/// one of its teachers or of a group involved in it (rooms are the search's choice, not the
/// course's): the rows [`check`] reasons with, which the search uses to narrow where a lesson
/// may start.
pub fn hard_unavailable_slots(problem: &Problem) -> Vec<Vec<bool>> {
    let blocked = Blocked::new(problem);
    let n_slots = problem.calendar().n_slots();
    (0..problem.courses().len())
        .map(|c| {
            let rows = blocked.course_rows(problem, CourseId::from_index(c));
            (0..n_slots).map(|s| rows.iter().any(|row| row[s])).collect()
        })
        .collect()
}

/// Slots made unusable by hard `unavailable` constraints, per resource.
struct Blocked {
    n_slots: usize,
    by_resource: BTreeMap<Resource, Vec<bool>>,
    none: Vec<bool>,
}

impl Blocked {
    fn new(problem: &Problem) -> Self {
        let n_slots = problem.calendar().n_slots();
        let mut by_resource: BTreeMap<Resource, Vec<bool>> = BTreeMap::new();
        for c in problem.constraints() {
            if let (Level::Hard, Constraint::Unavailable(u)) = (c.level, &c.constraint) {
                let row = by_resource.entry(u.resource).or_insert_with(|| vec![false; n_slots]);
                for s in &u.slots {
                    row[s.index()] = true;
                }
            }
        }
        Blocked { n_slots, by_resource, none: vec![false; n_slots] }
    }

    fn of(&self, r: Resource) -> &[bool] {
        self.by_resource.get(&r).map_or(&self.none[..self.n_slots], Vec::as_slice)
    }

    /// The rows of the groups `pick` selects.
    fn group_rows(&self, pick: impl Fn(GroupId) -> bool) -> Vec<&[bool]> {
        self.by_resource.iter().filter(|(r, _)| matches!(r, Resource::Group(g) if pick(*g))).map(|(_, row)| row.as_slice()).collect()
    }

    /// The rows that forbid slots to a lesson of `course`: the course's, its teachers', and those of
    /// the groups involved in it.
    fn course_rows(&self, problem: &Problem, course: CourseId) -> Vec<&[bool]> {
        let c = problem.course(course);
        let mut rows = vec![self.of(Resource::Course(course))];
        rows.extend(c.teachers.iter().map(|&t| self.of(Resource::Teacher(t))));
        rows.extend(self.group_rows(|g| problem.course_involves_group(course, g)));
        rows
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A problem from a JSON value, with `extra` constraints after hard clashes and room occupancy.
    fn problem(courses: serde_json::Value, extra: &[serde_json::Value]) -> Problem {
        let mut constraints = vec![json!({"kind": "clashes", "level": "hard"}), json!({"kind": "room_occupancy", "level": "hard"})];
        constraints.extend(extra.iter().cloned());
        let def = json!({
            "name": "t", "calendar": {"days": 2, "periods_per_day": 3},
            "teachers": [{"name": "Ada"}, {"name": "Bo"}],
            "groups": [{"name": "5A"}, {"name": "5A-1", "parent": "5A"}, {"name": "5A-2", "parent": "5A"}],
            "rooms": [{"name": "R1", "capacity": 30}, {"name": "Lab", "capacity": 30, "tags": ["lab"]}],
            "courses": courses, "constraints": constraints,
        });
        Problem::from_def(serde_json::from_value(def).unwrap()).unwrap()
    }

    fn reasons(p: &Problem) -> Vec<(Reason, String)> {
        check(p).err().map(|e| e.reasons.into_iter().map(|r| (r.reason, r.message)).collect()).unwrap_or_default()
    }

    #[test]
    fn a_feasible_problem_has_no_reason() {
        let p = problem(json!([{"name": "M", "teachers": ["Ada"], "groups": ["5A"], "lessons": [2, 1]}]), &[]);
        assert_eq!(reasons(&p), vec![]);
    }

    #[test]
    fn a_teacher_with_more_periods_than_free_slots() {
        let courses = json!([{"name": "M", "teachers": ["Ada"], "lessons": 3}, {"name": "P", "teachers": ["Ada"], "lessons": [2]}]);
        let day_off = json!({"kind": "unavailable", "level": "hard", "resource": {"teacher": "Ada"},
            "slots": [{"day": 1, "period": 0}, {"day": 1, "period": 1}]});
        let p = problem(courses.clone(), std::slice::from_ref(&day_off));
        assert_eq!(
            reasons(&p),
            vec![(Reason::TeacherOverbooked, "teacher Ada has 5 periods of lessons but can teach in only 4 slots".into())]
        );
        // A soft unavailability blocks nothing.
        let mut soft = day_off;
        soft["level"] = json!({"soft": 1});
        assert_eq!(reasons(&problem(courses, &[soft])), vec![]);
    }

    #[test]
    fn a_subgroup_counts_its_own_lessons_and_its_class() {
        // 5A-1 has the class's 4 periods and its own 3: 7 > 6. 5A-2 has 4.
        let courses = json!([{"name": "M", "groups": ["5A"], "lessons": 4}, {"name": "F", "groups": ["5A-1"], "lessons": 3}]);
        assert_eq!(
            reasons(&problem(courses, &[])),
            vec![(Reason::GroupOverbooked, "group 5A-1 has 7 periods of lessons but only 6 slots are free for them".into())]
        );
        // The class being unavailable takes slots from its subgroups too.
        let courses = json!([{"name": "F", "groups": ["5A-2"], "lessons": 5}]);
        let off = json!({"kind": "unavailable", "level": "hard", "resource": {"group": "5A"}, "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}]});
        assert_eq!(reasons(&problem(courses, &[off]))[0].0, Reason::GroupOverbooked);
    }

    #[test]
    fn a_course_without_a_room_or_a_place() {
        let courses = json!([{"name": "Gym", "lessons": 1, "rooms": {"tagged": ["gym"]}}]);
        assert_eq!(
            reasons(&problem(courses, &[])),
            vec![(Reason::NoRoom, "course Gym needs a room tagged gym, but no room qualifies".into())]
        );
        // The lab is closed whenever Chem's teacher is free.
        let courses = json!([{"name": "Chem", "teachers": ["Bo"], "lessons": 1, "rooms": {"tagged": ["lab"]}}]);
        let bo = json!({"kind": "unavailable", "level": "hard", "resource": {"teacher": "Bo"}, "slots": [{"day": 0, "period": 0}, {"day": 0, "period": 1}, {"day": 0, "period": 2}]});
        let lab = json!({"kind": "unavailable", "level": "hard", "resource": {"room": "Lab"}, "slots": [{"day": 1, "period": 0}, {"day": 1, "period": 1}, {"day": 1, "period": 2}]});
        assert_eq!(
            reasons(&problem(courses, &[bo, lab])),
            vec![(Reason::NoPlace, "lesson 1 of course Chem cannot be placed: none of its rooms is free in the slots it may use".into())]
        );
    }

    #[test]
    fn lessons_confined_to_a_room_need_its_periods() {
        let courses = json!([{"name": "Chem", "lessons": 4, "rooms": {"tagged": ["lab"]}}, {"name": "Bio", "lessons": [2, 1], "rooms": {"only": ["Lab"]}}]);
        assert_eq!(
            reasons(&problem(courses, &[])),
            vec![(Reason::RoomsOverbooked, "lessons that can only use Lab need 7 room periods, but it has only 6 free periods".into())]
        );
    }

    #[test]
    fn a_course_that_must_meet_on_more_days_than_it_can() {
        let courses = json!([{"name": "M", "lessons": 3}, {"name": "F", "lessons": 1}]);
        let three = json!({"kind": "min_working_days", "level": "hard", "course": "M", "days": 3});
        let two = json!({"kind": "min_working_days", "level": "hard", "course": "F", "days": 2});
        let soft = json!({"kind": "min_working_days", "level": {"soft": 5}, "course": "M", "days": 4});
        assert_eq!(
            reasons(&problem(courses, &[three, two, soft])),
            vec![
                (Reason::TooFewDays, "course M must meet on at least 3 days, but it has 3 lessons in a week of 2 days".into()),
                (Reason::TooFewDays, "course F must meet on at least 2 days, but it has 1 lesson in a week of 2 days".into()),
            ]
        );
    }

    #[test]
    fn a_teacher_or_group_that_must_come_in_on_more_days_than_they_have_lessons() {
        // Ada's one double is on one day; 5A-1 has it and Bo's single, 5A-2 only Bo's single.
        let courses = json!([{"name": "M", "teachers": ["Ada"], "groups": ["5A-1"], "lessons": [2]}, {"name": "P", "teachers": ["Bo"], "groups": ["5A"], "lessons": 1}]);
        let ada = json!({"kind": "min_days", "level": "hard", "who": {"teacher": "Ada"}, "days": 2});
        let class = json!({"kind": "min_days", "level": "hard", "who": {"group": "5A"}, "days": 2});
        let soft = json!({"kind": "min_days", "level": {"soft": 1}, "who": "all_teachers", "days": 2});
        assert_eq!(
            reasons(&problem(courses, &[ada, class, soft])),
            vec![
                (Reason::TooFewDays, "teacher Ada must have lessons on at least 2 days, but has 1 lesson".into()),
                (Reason::TooFewDays, "group 5A-2 must have lessons on at least 2 days, but has 1 lesson".into()),
            ]
        );
    }
}
