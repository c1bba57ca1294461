//! The school's data as the engine's problem.
//!
//! One group per class (a part of a class is a subgroup of it), one course per lesson plan,
//! named "Subject Class" (with " #2", " #3" for a second plan of the same subject and class),
//! and the rules every school gets:
//!
//! - hard: no teacher, class or room in two places at once (`clashes`, `room_occupancy`), rooms
//!   large enough (`room_capacity`), each teacher's unavailable periods (`unavailable`);
//! - soft: no idle periods in a class's week (`idle_gaps`, weight 3); at most one idle period a
//!   day for a teacher (`idle_gaps`, weight 1); a subject at most once a day for a class
//!   (`max_per_day`, weight 2, when it has two lessons or more); a subject of three lessons or
//!   more spread over three days (`min_working_days`, weight 1).
//!
//! A class's students are those enrolled in it or in any of its parts, or its expected number
//! while none is enrolled. A teacher's unavailable periods outside the week (after the week was
//! shortened) are left out: no lesson can be there anyway.

use std::collections::{BTreeSet, HashMap};

use horarium::model::{CourseDef, GroupDef, LessonsDef, ProblemDef, RoomChoiceDef, RoomDef, TeacherDef};
use horarium::{analysis, rules, Problem, Resource as EngineResource};

use super::resources::{Class, Enrollment, LessonPlan, Room, Subject, Teacher};
use super::rules::{Names, SchoolRule};
use crate::db::Db;
use crate::error::{ApiError, FieldError};
use crate::tenant::{school_in, TenantId};

async fn all<R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin>(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    tenant: &TenantId,
    table: &str,
) -> Result<Vec<R>, ApiError> {
    Ok(sqlx::query_as::<_, R>(&format!("SELECT * FROM {table} WHERE tenant_id = $1 ORDER BY created_at, id"))
        .bind(&tenant.0)
        .fetch_all(&mut **tx)
        .await?)
}

/// Builds the tenant's problem from its data as it is now, read in one snapshot so that edits
/// made meanwhile cannot leave a lesson plan pointing at a row that was not read: the school's
/// data, the rules every school gets, and the school's own rules (`rules.rs`), in the order
/// they were added.
pub async fn build(db: &Db, tenant: &TenantId) -> Result<Problem, ApiError> {
    let (mut def, names, own) = read(db, tenant, true).await?;
    let mut issues = Vec::new();
    for rule in &own {
        match super::rules::to_engine(&rule.constraint, &names, &format!("constraints.{}", rule.id)) {
            Ok(entry) => def.constraints.push(entry),
            Err(found) => issues.extend(found.into_iter().map(|i| FieldError {
                message: format!("{} (the rule names what the school's data no longer has: change or delete it)", i.message),
                ..i
            })),
        }
    }
    if !issues.is_empty() {
        return Err(ApiError::invalid(issues));
    }
    Problem::from_def(def)
        .map_err(|issues| ApiError::invalid(issues.into_iter().map(|i| FieldError { field: i.field, message: i.message }).collect()))
}

/// The problem of the school's data and the rules every school gets (not its own rules), with
/// the names its ids stand for; with `require_plans`, a school without lesson plans is an error.
pub async fn build_def(db: &Db, tenant: &TenantId, require_plans: bool) -> Result<(ProblemDef, Names), ApiError> {
    read(db, tenant, require_plans).await.map(|(def, names, _)| (def, names))
}

async fn read(db: &Db, tenant: &TenantId, require_plans: bool) -> Result<(ProblemDef, Names, Vec<SchoolRule>), ApiError> {
    let mut tx = db.snapshot().await?;
    let school = school_in(&mut *tx, tenant).await?;
    let teachers: Vec<Teacher> = all(&mut tx, tenant, "teachers").await?;
    let classes: Vec<Class> = all(&mut tx, tenant, "classes").await?;
    let rooms: Vec<Room> = all(&mut tx, tenant, "rooms").await?;
    let subjects: Vec<Subject> = all(&mut tx, tenant, "subjects").await?;
    let plans: Vec<LessonPlan> = all(&mut tx, tenant, "lesson_plans").await?;
    let enrollments: Vec<Enrollment> = all(&mut tx, tenant, "enrollments").await?;
    let own: Vec<SchoolRule> = all(&mut tx, tenant, "school_rules").await?;
    tx.commit().await?;
    if require_plans && plans.is_empty() {
        return Err(ApiError::invalid_field("lesson_plans", "the school has no lesson plans yet: add some before making a timetable"));
    }
    let mut ids = Names::default();

    let teacher_name: HashMap<&str, &str> = teachers.iter().map(|t| (t.id.as_str(), t.name.as_str())).collect();
    let class_by_id: HashMap<&str, &Class> = classes.iter().map(|c| (c.id.as_str(), c)).collect();
    let room_name: HashMap<&str, &str> = rooms.iter().map(|r| (r.id.as_str(), r.name.as_str())).collect();
    let subject_by_id: HashMap<&str, &Subject> = subjects.iter().map(|s| (s.id.as_str(), s)).collect();
    let students = class_students(&classes, &enrollments);

    let week = &school.week;
    let mut constraints = rules::school();
    for t in &teachers {
        let slots: Vec<(u16, u16)> =
            t.unavailable.iter().filter(|s| s.day < week.days && s.period < week.periods_per_day).map(|s| (s.day, s.period)).collect();
        if !slots.is_empty() {
            constraints.push(rules::unavailable_teacher(&t.name, slots));
        }
    }

    let mut names: HashMap<String, usize> = HashMap::new();
    let mut courses = Vec::with_capacity(plans.len());
    let missing = |what: &str, id: &str| ApiError::internal(format!("lesson plan refers to a missing {what} {id}"));
    for plan in &plans {
        let class = class_by_id.get(plan.class_id.as_str()).ok_or_else(|| missing("class", &plan.class_id))?;
        let subject = subject_by_id.get(plan.subject_id.as_str()).ok_or_else(|| missing("subject", &plan.subject_id))?;
        let teacher = teacher_name.get(plan.teacher_id.as_str()).ok_or_else(|| missing("teacher", &plan.teacher_id))?;
        let base = format!("{} {}", subject.name, class.name);
        let seen = names.entry(base.clone()).or_insert(0);
        *seen += 1;
        let name = if *seen == 1 { base } else { format!("{base} #{seen}") };
        ids.one.insert(plan.id.clone(), name.clone());
        ids.subject_courses.entry(plan.subject_id.clone()).or_default().push(name.clone());
        let rooms = match (&plan.room_id, subject.needs_room, &subject.room_tag) {
            (Some(room), _, _) => {
                RoomChoiceDef::Only(vec![(*room_name.get(room.as_str()).ok_or_else(|| missing("room", room))?).to_owned()])
            }
            (None, false, _) => RoomChoiceDef::NoRoom,
            (None, true, Some(tag)) => RoomChoiceDef::Tagged(vec![tag.clone()]),
            (None, true, None) => RoomChoiceDef::Any,
        };
        constraints.extend(rules::spread(&name, plan.lessons.len(), week.days));
        courses.push(CourseDef {
            name,
            teachers: vec![(*teacher).to_owned()],
            groups: vec![class.name.clone()],
            students: u32::try_from(students.get(class.id.as_str()).copied().unwrap_or(0)).unwrap_or(u32::MAX),
            lessons: LessonsDef::Lengths(plan.lessons.clone()),
            rooms,
            pinned: Vec::new(),
        });
    }

    let def = ProblemDef {
        name: school.name.clone(),
        calendar: week.calendar(),
        teachers: teachers.iter().map(|t| TeacherDef { name: t.name.clone() }).collect(),
        groups: classes
            .iter()
            .map(|c| GroupDef {
                name: c.name.clone(),
                parent: c.parent_id.as_deref().and_then(|p| class_by_id.get(p)).map(|p| p.name.clone()),
                parents: Vec::new(),
            })
            .collect(),
        rooms: rooms
            .iter()
            .map(|r| RoomDef {
                name: r.name.clone(),
                capacity: u32::try_from(r.capacity).unwrap_or(u32::MAX),
                tags: r.tags.clone(),
                building: None,
            })
            .collect(),
        courses,
        constraints,
    };
    ids.one.extend(teachers.iter().map(|t| (t.id.clone(), t.name.clone())));
    ids.one.extend(classes.iter().map(|c| (c.id.clone(), c.name.clone())));
    ids.one.extend(rooms.iter().map(|r| (r.id.clone(), r.name.clone())));
    Ok((def, ids, own))
}

/// Per class, its students: those enrolled in it or any of its parts (each once), or its
/// expected number while none is.
fn class_students<'a>(classes: &'a [Class], enrollments: &'a [Enrollment]) -> HashMap<&'a str, i64> {
    let parent: HashMap<&str, &str> = classes.iter().filter_map(|c| Some((c.id.as_str(), c.parent_id.as_deref()?))).collect();
    let mut enrolled: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for e in enrollments {
        // The class and every class it is a part of; a stored cycle cannot loop for ever.
        let mut at = Some(e.class_id.as_str());
        for _ in 0..=classes.len() {
            let Some(class) = at else { break };
            enrolled.entry(class).or_default().insert(e.student_id.as_str());
            at = parent.get(class).copied();
        }
    }
    classes
        .iter()
        .map(|c| {
            let n = enrolled.get(c.id.as_str()).map_or(0, |s| i64::try_from(s.len()).unwrap_or(i64::MAX));
            (c.id.as_str(), if n > 0 { n } else { c.expected_students })
        })
        .collect()
}

/// The pre-analysis's reasons why `problem` has no timetable without hard violations, each
/// named by the first resource it involves; empty when none is found.
pub fn infeasibility(problem: &Problem) -> Vec<FieldError> {
    match analysis::check(problem) {
        Ok(()) => Vec::new(),
        Err(infeasible) => infeasible
            .reasons
            .into_iter()
            .map(|r| {
                let field = r.resources.first().map_or_else(String::new, |&res| resource_name(problem, res));
                FieldError { field, message: r.message }
            })
            .collect(),
    }
}

fn resource_name(problem: &Problem, resource: EngineResource) -> String {
    match resource {
        EngineResource::Teacher(id) => format!("teacher {}", problem.teacher(id).name),
        EngineResource::Group(id) => format!("class {}", problem.group(id).name),
        EngineResource::Room(id) => format!("room {}", problem.room(id).name),
        EngineResource::Course(id) => format!("course {}", problem.course(id).name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Timestamp;

    fn class(id: &str, parent: Option<&str>, expected: i64) -> Class {
        Class {
            id: id.into(),
            name: id.into(),
            parent_id: parent.map(Into::into),
            expected_students: expected,
            created_at: Timestamp::from_millis(0),
        }
    }

    fn enrolled(student: &str, class: &str) -> Enrollment {
        Enrollment {
            id: format!("{student}-{class}"),
            student_id: student.into(),
            class_id: class.into(),
            created_at: Timestamp::from_millis(0),
        }
    }

    #[test]
    fn a_class_counts_the_students_of_its_parts_once_and_expected_ones_until_then() {
        let classes = [class("6A", None, 30), class("6A-fr", Some("6A"), 15), class("6B", None, 28)];
        let enrollments = [enrolled("s1", "6A"), enrolled("s1", "6A-fr"), enrolled("s2", "6A-fr"), enrolled("s3", "6A")];
        let students = class_students(&classes, &enrollments);
        assert_eq!(students["6A"], 3);
        assert_eq!(students["6A-fr"], 2);
        assert_eq!(students["6B"], 28);
    }
}
