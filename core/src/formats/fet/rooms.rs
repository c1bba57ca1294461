//! FET's room constraints, which in the model are a course's choice of rooms and the
//! `preferred_rooms` constraints that price the preferences below 100 %.
//!
//! The room constraints that apply to a course's activities are a subject's, an activity tag's,
//! a subject and tag's or an activity's preferred room(s); a home room (of a students set, for
//! the activities of exactly that set; of a teacher, for the activities of that teacher alone)
//! applies, as in FET, only to a course no preferred-room constraint names. A course that none
//! applies to has no room, as FET assigns none.
//!
//! Those at 100 % narrow the course's rooms to the rooms they all allow (none left makes the
//! problem infeasible, which the pre-analysis reports). One below 100 % becomes a soft
//! `preferred_rooms` on the course; FET leaves an activity whose preferences it gives up on
//! without a room (its fitness does not count an activity without a room against them, but its
//! generator only ever picks a preferred room or none), so a course with preferences below 100 %
//! only may use any of their rooms or none (`only_or_none`), and each preference missed, no room
//! included, costs its weight. The parts of a split activity are one course only when they
//! share their tags and the rooms asked of them alone, at the same weights (see `courses` in
//! `mod.rs`), so a constraint applies to exactly the activities it names.

use roxmltree::Node;

use crate::formats::xml::{child, elements, text_of};
use crate::level::Level;
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

/// A room constraint: the rooms its activities use, at its level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RoomRule {
    pub(super) scope: Scope,
    pub(super) rooms: Vec<String>,
    pub(super) level: Level,
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

/// The rule of a room constraint `node` (one of [`is_room_constraint`]'s types) at `level`, or
/// the name of the child it lacks.
pub(super) fn rule(node: Node<'_, '_>, level: Level) -> Result<RoomRule, &'static str> {
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
    Ok(RoomRule { scope, rooms, level })
}

/// Per activity id, the room sets the file's active constraints on that activity alone ask for,
/// each with its weight (0 for hard), sorted: parts of one split activity that differ here cannot
/// be one course.
pub(super) type OwnRooms = std::collections::HashMap<u32, Vec<(u32, Vec<String>)>>;

/// The rooms the file at `root` asks of single activities (see [`OwnRooms`]).
pub(super) fn of_activities(root: Node<'_, '_>) -> OwnRooms {
    let mut own = OwnRooms::new();
    let Some(list) = child(root, "Space_Constraints_List") else { return own };
    let tags = ["ConstraintActivityPreferredRoom", "ConstraintActivityPreferredRooms"];
    for node in list.children().filter(|n| n.is_element() && tags.contains(&n.tag_name().name())) {
        let active = child(node, "Active").is_none_or(|a| text_of(a) == "true");
        let level = child(node, "Weight_Percentage").and_then(|w| text_of(w).parse::<f64>().ok()).and_then(super::level_of);
        let Some(level) = level.filter(|_| active) else { continue };
        if let Ok(RoomRule { scope: Scope::Activity(id), mut rooms, level }) = rule(node, level) {
            rooms.sort();
            let sets = own.entry(id).or_default();
            sets.push((if let Level::Soft(w) = level { w.get() } else { 0 }, rooms));
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

/// The room rules of a file, numbered in the order pushed; those on single activities found by
/// id (a large school has one per activity, so a course must not look through all of them).
#[derive(Default)]
pub(super) struct RoomRules {
    rules: Vec<RoomRule>,
    by_activity: std::collections::HashMap<u32, Vec<usize>>,
    others: Vec<usize>,
}

impl RoomRules {
    pub(super) fn push(&mut self, rule: RoomRule) {
        match rule.scope {
            Scope::Activity(id) => self.by_activity.entry(id).or_default().push(self.rules.len()),
            _ => self.others.push(self.rules.len()),
        }
        self.rules.push(rule);
    }

    /// Rule number `n`.
    pub(super) fn get(&self, n: usize) -> &RoomRule {
        &self.rules[n]
    }

    /// The numbers of the rules that may apply to `course`. Of the rules on single activities,
    /// those of its first activity: every part of a course has the same ones ([`OwnRooms`]), and
    /// a preference below 100 % is counted per lesson of the course, so it must be counted once.
    fn of<'a>(&'a self, course: &'a CourseFacts<'_>) -> impl Iterator<Item = usize> + 'a {
        course.activities.first().and_then(|id| self.by_activity.get(id)).into_iter().flatten().chain(&self.others).copied()
    }
}

/// A course's rooms under the room rules, and the numbers of the rules below 100 % that apply
/// to it (each a `preferred_rooms` on the course).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct CourseRooms {
    pub(super) choice: RoomChoiceDef,
    pub(super) preferences: Vec<usize>,
}

/// The rooms of a course under `rules`.
pub(super) fn choice(course: &CourseFacts<'_>, rules: &RoomRules) -> CourseRooms {
    let applying = |home: bool| -> Vec<usize> {
        rules.of(course).filter(|&n| rules.get(n).scope.is_home() == home && rules.get(n).scope.applies_to(course)).collect()
    };
    let mut chosen = applying(false);
    if chosen.is_empty() {
        chosen = applying(true);
    }
    let (hard, soft): (Vec<usize>, Vec<usize>) = chosen.into_iter().partition(|&n| rules.get(n).level == Level::Hard);
    let hard = hard.iter().map(|&n| rules.get(n)).fold(None, |acc: Option<Vec<String>>, r| {
        Some(match acc {
            None => r.rooms.clone(),
            Some(rooms) => rooms.into_iter().filter(|room| r.rooms.contains(room)).collect(),
        })
    });
    let choice = match hard {
        Some(rooms) => RoomChoiceDef::Only(rooms),
        None if soft.is_empty() => RoomChoiceDef::NoRoom,
        None => {
            let mut rooms: Vec<String> = Vec::new();
            for room in soft.iter().flat_map(|&n| &rules.get(n).rooms) {
                if !rooms.contains(room) {
                    rooms.push(room.clone());
                }
            }
            RoomChoiceDef::OnlyOrNone(rooms)
        }
    };
    let mut preferences = soft;
    preferences.sort_unstable();
    CourseRooms { choice, preferences }
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
        RoomRule { scope, rooms: rooms.iter().map(|r| (*r).to_owned()).collect(), level: Level::Hard }
    }

    fn soft(weight: u32, scope: Scope, rooms: &[&str]) -> RoomRule {
        RoomRule { level: Level::soft(weight).expect("a weight above 0"), ..rule(scope, rooms) }
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
                rule(Scope::Activity(7), &["L2", "L3"]),
                rule(Scope::HomeOfStudents("5A".into()), &["R5"]),
            ]
            .into_iter()
            .take(n)
            {
                rules.push(r);
            }
            rules
        };
        assert_eq!(choice(&chem, &rules(4)).choice, RoomChoiceDef::Only(vec!["L2".into()]));
        assert_eq!(choice(&math, &rules(4)).choice, RoomChoiceDef::Only(vec!["R5".into()]), "the home room");
        assert_eq!(choice(&math, &rules(3)).choice, RoomChoiceDef::NoRoom, "no rule, no room, as in FET");
        let two_teachers = vec!["Ann".to_owned(), "Bob".to_owned()];
        let shared = facts("Art", &[], &[10], &students, &two_teachers);
        let mut ann = RoomRules::default();
        ann.push(rule(Scope::HomeOfTeacher("Ann".into()), &["R9"]));
        assert_eq!(choice(&shared, &ann).choice, RoomChoiceDef::NoRoom, "not Ann's alone");
    }

    #[test]
    fn preferences_below_100_percent_are_priced_and_allow_no_room_unless_a_hard_rule_asks_for_one() {
        let (tags, students, teachers) = (vec!["lab".to_owned()], vec!["5A".to_owned()], vec!["Ann".to_owned()]);
        let chem = facts("Chem", &tags, &[7, 8], &students, &teachers);
        let mut rules = RoomRules::default();
        rules.push(soft(20, Scope::Subject("Chem".into()), &["L1", "L2"]));
        rules.push(soft(5, Scope::Tag("lab".into()), &["L2", "L3"]));
        rules.push(rule(Scope::HomeOfStudents("5A".into()), &["R5"]));
        let only_soft = choice(&chem, &rules);
        assert_eq!(only_soft.choice, RoomChoiceDef::OnlyOrNone(vec!["L1".into(), "L2".into(), "L3".into()]));
        assert_eq!(only_soft.preferences, vec![0, 1], "the home room gives way to the preferred rooms");
        rules.push(rule(Scope::Activity(7), &["L3", "L4"]));
        // The first activity's rules stand for every part's (parts of one course share them), so
        // one the file would give the second part alone is not counted again.
        rules.push(soft(2, Scope::Activity(8), &["L4"]));
        let with_hard = choice(&chem, &rules);
        assert_eq!(with_hard.choice, RoomChoiceDef::Only(vec!["L3".into(), "L4".into()]));
        assert_eq!(with_hard.preferences, vec![0, 1]);
        let home_only = choice(&facts("Math", &[], &[9], &students, &teachers), &rules);
        assert_eq!(home_only, CourseRooms { choice: RoomChoiceDef::Only(vec!["R5".into()]), preferences: vec![] });
    }
}
