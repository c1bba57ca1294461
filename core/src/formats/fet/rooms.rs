//! FET's room constraints, which in the model are a course's choice of rooms.
//!
//! Every room constraint at 100 % that applies to a course's activities narrows its rooms: a
//! subject's, an activity tag's, a subject and tag's or an activity's preferred room(s). A home
//! room (of a students set, for the activities of exactly that set; of a teacher, for the
//! activities of that teacher alone) applies, as in FET, only to a course no preferred-room
//! constraint names. A course that none applies to has no room, as FET assigns none. Several
//! constraints on one course keep the rooms they all allow (none left makes the problem
//! infeasible, which the pre-analysis reports). The parts of a split activity are one course only
//! when they share their tags and the rooms asked of them alone (see `courses` in `mod.rs`), so
//! a constraint applies to exactly the activities it names.

use roxmltree::Node;

use super::{child, elements, is_active_at_100, text_of};
use crate::problem::RoomChoiceDef;

/// What a room constraint applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Scope {
    Subject(String),
    Tag(String),
    SubjectAndTag(String, String),
    Activity(u32),
    HomeOfStudents(String),
    HomeOfTeacher(String),
}

/// A room constraint at 100 %: the rooms its activities may use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RoomRule {
    pub(super) scope: Scope,
    pub(super) rooms: Vec<String>,
}

/// What the room rules need to know of a course.
pub(super) struct CourseFacts<'a> {
    pub(super) subject: &'a str,
    pub(super) tags: &'a [String],
    pub(super) activities: &'a [u32],
    pub(super) students: &'a [String],
    pub(super) teachers: &'a [String],
}

/// Whether `tag` is one of the room constraint types.
pub(super) fn is_room_constraint(tag: &str) -> bool {
    matches!(
        tag,
        "ConstraintSubjectPreferredRoom"
            | "ConstraintSubjectPreferredRooms"
            | "ConstraintActivityPreferredRoom"
            | "ConstraintActivityPreferredRooms"
            | "ConstraintActivityTagPreferredRoom"
            | "ConstraintActivityTagPreferredRooms"
            | "ConstraintSubjectActivityTagPreferredRoom"
            | "ConstraintSubjectActivityTagPreferredRooms"
            | "ConstraintStudentsSetHomeRoom"
            | "ConstraintStudentsSetHomeRooms"
            | "ConstraintTeacherHomeRoom"
            | "ConstraintTeacherHomeRooms"
    )
}

/// The rule of a room constraint `node` (one of [`is_room_constraint`]'s types), or the name of
/// the child it lacks.
pub(super) fn rule(node: Node<'_, '_>) -> Result<RoomRule, &'static str> {
    let tag = node.tag_name().name();
    let text = |name: &'static str| child(node, name).map(|n| text_of(n).to_owned()).ok_or(name);
    let scope = match tag {
        "ConstraintSubjectPreferredRoom" | "ConstraintSubjectPreferredRooms" => Scope::Subject(text("Subject")?),
        "ConstraintActivityTagPreferredRoom" | "ConstraintActivityTagPreferredRooms" => Scope::Tag(text("Activity_Tag")?),
        "ConstraintSubjectActivityTagPreferredRoom" | "ConstraintSubjectActivityTagPreferredRooms" => {
            Scope::SubjectAndTag(text("Subject")?, text("Activity_Tag")?)
        }
        "ConstraintActivityPreferredRoom" | "ConstraintActivityPreferredRooms" => {
            Scope::Activity(text("Activity_Id")?.parse().map_err(|_| "Activity_Id")?)
        }
        "ConstraintStudentsSetHomeRoom" | "ConstraintStudentsSetHomeRooms" => Scope::HomeOfStudents(text("Students")?),
        _ => Scope::HomeOfTeacher(text("Teacher")?),
    };
    let rooms = if tag.ends_with("Rooms") {
        elements(node, "Preferred_Room").map(|n| text_of(n).to_owned()).collect()
    } else {
        vec![text("Room")?]
    };
    Ok(RoomRule { scope, rooms })
}

/// Per activity id, the room sets the file's active constraints at 100 % on that activity alone
/// ask for, sorted: parts of one split activity that differ here cannot be one course.
pub(super) type OwnRooms = std::collections::HashMap<u32, Vec<Vec<String>>>;

/// The rooms the file at `root` asks of single activities (see [`OwnRooms`]).
pub(super) fn of_activities(root: Node<'_, '_>) -> OwnRooms {
    let mut own = OwnRooms::new();
    let Some(list) = child(root, "Space_Constraints_List") else { return own };
    let tags = ["ConstraintActivityPreferredRoom", "ConstraintActivityPreferredRooms"];
    for node in list.children().filter(|n| n.is_element() && tags.contains(&n.tag_name().name()) && is_active_at_100(*n)) {
        if let Ok(RoomRule { scope: Scope::Activity(id), mut rooms }) = rule(node) {
            rooms.sort();
            let sets = own.entry(id).or_default();
            sets.push(rooms);
            sets.sort();
        }
    }
    own
}

impl Scope {
    fn is_home(&self) -> bool {
        matches!(self, Scope::HomeOfStudents(_) | Scope::HomeOfTeacher(_))
    }

    fn applies_to(&self, course: &CourseFacts<'_>) -> bool {
        match self {
            Scope::Subject(s) => course.subject == s,
            Scope::Tag(t) => course.tags.contains(t),
            Scope::SubjectAndTag(s, t) => course.subject == s && course.tags.contains(t),
            Scope::Activity(id) => course.activities.contains(id),
            Scope::HomeOfStudents(set) => course.students.len() == 1 && &course.students[0] == set,
            Scope::HomeOfTeacher(teacher) => course.teachers.len() == 1 && &course.teachers[0] == teacher,
        }
    }
}

/// The room rules of a file, those on single activities found by id (a large school has one per
/// activity, so a course must not look through all of them).
#[derive(Default)]
pub(super) struct RoomRules {
    by_activity: std::collections::HashMap<u32, Vec<RoomRule>>,
    others: Vec<RoomRule>,
}

impl RoomRules {
    pub(super) fn push(&mut self, rule: RoomRule) {
        match rule.scope {
            Scope::Activity(id) => self.by_activity.entry(id).or_default().push(rule),
            _ => self.others.push(rule),
        }
    }

    /// The rules that may apply to `course`.
    fn of<'a>(&'a self, course: &'a CourseFacts<'_>) -> impl Iterator<Item = &'a RoomRule> + 'a {
        course.activities.iter().filter_map(|id| self.by_activity.get(id)).flatten().chain(&self.others)
    }
}

/// The rooms of a course under `rules`.
pub(super) fn choice(course: &CourseFacts<'_>, rules: &RoomRules) -> RoomChoiceDef {
    let narrowed = |home: bool| {
        rules.of(course).filter(|r| r.scope.is_home() == home && r.scope.applies_to(course)).fold(None, |acc: Option<Vec<String>>, r| {
            Some(match acc {
                None => r.rooms.clone(),
                Some(rooms) => rooms.into_iter().filter(|room| r.rooms.contains(room)).collect(),
            })
        })
    };
    match narrowed(false).or_else(|| narrowed(true)) {
        Some(rooms) => RoomChoiceDef::Only(rooms),
        None => RoomChoiceDef::NoRoom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(
        subject: &'a str,
        tags: &'a [String],
        activities: &'a [u32],
        students: &'a [String],
        teachers: &'a [String],
    ) -> CourseFacts<'a> {
        CourseFacts { subject, tags, activities, students, teachers }
    }

    fn rule(scope: Scope, rooms: &[&str]) -> RoomRule {
        RoomRule { scope, rooms: rooms.iter().map(|r| (*r).to_owned()).collect() }
    }

    #[test]
    fn preferred_rooms_narrow_and_home_rooms_apply_only_to_courses_nothing_else_names() {
        let (tags, students, teachers) = (vec!["lab".to_owned()], vec!["5A".to_owned()], vec!["Ann".to_owned()]);
        let chem = facts("Chem", &tags, &[7, 8], &students, &teachers);
        let math = facts("Math", &[], &[9], &students, &teachers);
        let rules = |n: usize| {
            let mut rules = RoomRules::default();
            for r in [
                rule(Scope::Subject("Chem".into()), &["L1", "L2", "R5"]),
                rule(Scope::Tag("lab".into()), &["L1", "L2"]),
                rule(Scope::Activity(8), &["L2", "L3"]),
                rule(Scope::HomeOfStudents("5A".into()), &["R5"]),
            ]
            .into_iter()
            .take(n)
            {
                rules.push(r);
            }
            rules
        };
        assert_eq!(choice(&chem, &rules(4)), RoomChoiceDef::Only(vec!["L2".into()]));
        assert_eq!(choice(&math, &rules(4)), RoomChoiceDef::Only(vec!["R5".into()]), "the home room");
        assert_eq!(choice(&math, &rules(3)), RoomChoiceDef::NoRoom, "no rule, no room, as in FET");
        let two_teachers = vec!["Ann".to_owned(), "Bob".to_owned()];
        let shared = facts("Art", &[], &[10], &students, &two_teachers);
        let mut ann = RoomRules::default();
        ann.push(rule(Scope::HomeOfTeacher("Ann".into()), &["R9"]));
        assert_eq!(choice(&shared, &ann), RoomChoiceDef::NoRoom, "not Ann's alone");
    }
}
