//! The seven resources of the school's data, each with its input, its list filter and its rules.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};
use utoipa::{IntoParams, ToSchema};

use super::{Ctx, Resource, Value};
use crate::clock::Timestamp;
use crate::error::ApiError;
use crate::tenant::MAX_PERIODS;
use crate::validate::Check;

fn json_column<T: DeserializeOwned>(row: &AnyRow, column: &str) -> Result<T, sqlx::Error> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text).map_err(|e| sqlx::Error::ColumnDecode { index: column.to_owned(), source: Box::new(e) })
}

pub(super) fn created_at(row: &AnyRow) -> Result<Timestamp, sqlx::Error> {
    row.try_get::<i64, _>("created_at").map(Timestamp::from)
}

fn json_text<T: Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_string(value).map(Value::Text).map_err(ApiError::internal)
}

/// A period of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Slot {
    /// The day, from 0.
    pub day: u16,
    /// The period, from 0.
    pub period: u16,
}

/// Checks that a referenced row exists in the tenant.
async fn reference(check: &mut Check, ctx: &Ctx<'_>, field: &str, table: &str, what: &str, id: &str) -> Result<(), ApiError> {
    if !ctx.exists(table, id).await? {
        check.fail(field, format!("no such {what} in this school"));
    }
    Ok(())
}

// --- teachers ---------------------------------------------------------------------------------

/// A teacher.
#[derive(Debug, Serialize, ToSchema)]
pub struct Teacher {
    /// Its id.
    pub id: String,
    /// Their name, unique in the school.
    pub name: String,
    /// Periods they cannot teach.
    pub unavailable: Vec<Slot>,
    /// When it was added.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// A teacher to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeacherInput {
    /// Their name, unique in the school.
    pub name: String,
    /// Periods they cannot teach.
    #[serde(default)]
    pub unavailable: Vec<Slot>,
}

impl FromRow<'_, AnyRow> for Teacher {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Teacher {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            unavailable: json_column(row, "unavailable")?,
            created_at: created_at(row)?,
        })
    }
}

impl Resource for Teacher {
    type Input = TeacherInput;
    type Filter = NoFilter;
    const TABLE: &'static str = "teachers";
    const WHAT: &'static str = "teacher";
    const PREFIX: &'static str = "tch";
    const COLUMNS: &'static [&'static str] = &["name", "unavailable"];
    const ORDER: &'static str = "name, id";
    const STAFF_ONLY: bool = false;

    async fn prepare(mut input: TeacherInput, ctx: &Ctx<'_>) -> Result<Vec<Value>, ApiError> {
        let week = ctx.week().await?;
        let mut check = Check::new();
        check.name("name", &input.name);
        for (i, slot) in input.unavailable.iter().enumerate() {
            check.ensure(slot.day < week.days, format!("unavailable[{i}].day"), format!("must be below the week's {} days", week.days));
            check.ensure(
                slot.period < week.periods_per_day,
                format!("unavailable[{i}].period"),
                format!("must be below the day's {} periods", week.periods_per_day),
            );
        }
        check.finish()?;
        input.unavailable.sort();
        input.unavailable.dedup();
        Ok(vec![Value::Text(input.name), json_text(&input.unavailable)?])
    }

    fn conditions(_: &NoFilter) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

// --- classes ----------------------------------------------------------------------------------

/// A class, or a part of one (a language set, half a class) when it has a parent.
#[derive(Debug, Serialize, ToSchema)]
pub struct Class {
    /// Its id.
    pub id: String,
    /// Its name, unique in the school.
    pub name: String,
    /// The class this one is a part of, if any.
    pub parent_id: Option<String>,
    /// Students expected before any is enrolled, for room sizes.
    pub expected_students: i64,
    /// When it was added.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// A class to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassInput {
    /// Its name, unique in the school.
    pub name: String,
    /// The class this one is a part of (its students are some of that class's).
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Students expected before any is enrolled, 0 to 10,000; the enrolled students count once there are any.
    #[serde(default)]
    pub expected_students: i64,
}

impl FromRow<'_, AnyRow> for Class {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Class {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            parent_id: row.try_get("parent_id")?,
            expected_students: row.try_get("expected_students")?,
            created_at: created_at(row)?,
        })
    }
}

/// Whether making `parent` the parent of `id` would make `id` its own ancestor.
async fn makes_cycle(ctx: &Ctx<'_>, id: &str, parent: &str) -> Result<bool, ApiError> {
    let mut at = Some(parent.to_owned());
    // A chain longer than the school's classes is a cycle already stored; stop there too.
    for _ in 0..10_000 {
        let Some(current) = at else { return Ok(false) };
        if current == id {
            return Ok(true);
        }
        at = sqlx::query_scalar::<_, Option<String>>("SELECT parent_id FROM classes WHERE tenant_id = $1 AND id = $2")
            .bind(&ctx.tenant.0)
            .bind(&current)
            .fetch_optional(ctx.db.pool())
            .await?
            .flatten();
    }
    Ok(true)
}

impl Resource for Class {
    type Input = ClassInput;
    type Filter = ClassFilter;
    const TABLE: &'static str = "classes";
    const WHAT: &'static str = "class";
    const PREFIX: &'static str = "cls";
    const COLUMNS: &'static [&'static str] = &["name", "parent_id", "expected_students"];
    const ORDER: &'static str = "name, id";
    const STAFF_ONLY: bool = false;

    async fn prepare(input: ClassInput, ctx: &Ctx<'_>) -> Result<Vec<Value>, ApiError> {
        let mut check = Check::new();
        check.name("name", &input.name);
        check.range("expected_students", input.expected_students, 0, 10_000);
        if let Some(parent) = &input.parent_id {
            reference(&mut check, ctx, "parent_id", "classes", "class", parent).await?;
            if let Some(id) = ctx.id {
                if check.is_clean() && makes_cycle(ctx, id, parent).await? {
                    check.fail("parent_id", "would make the class a part of itself");
                }
            }
        }
        check.finish()?;
        Ok(vec![Value::Text(input.name), input.parent_id.into(), Value::Int(input.expected_students)])
    }

    fn conditions(filter: &ClassFilter) -> Vec<(&'static str, String)> {
        filter.parent_id.iter().map(|p| ("parent_id", p.clone())).collect()
    }
}

/// Which classes to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClassFilter {
    /// Only the parts of this class.
    pub parent_id: Option<String>,
}

// --- rooms ------------------------------------------------------------------------------------

/// A room.
#[derive(Debug, Serialize, ToSchema)]
pub struct Room {
    /// Its id.
    pub id: String,
    /// Its name, unique in the school.
    pub name: String,
    /// Seats.
    pub capacity: i64,
    /// Words that subjects ask for, such as "lab" or "gym".
    pub tags: Vec<String>,
    /// When it was added.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// A room to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoomInput {
    /// Its name, unique in the school.
    pub name: String,
    /// Seats, 1 to 10,000.
    pub capacity: i64,
    /// Words that subjects ask for, such as "lab" or "gym"; at most 20.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl FromRow<'_, AnyRow> for Room {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Room {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            capacity: row.try_get("capacity")?,
            tags: json_column(row, "tags")?,
            created_at: created_at(row)?,
        })
    }
}

impl Resource for Room {
    type Input = RoomInput;
    type Filter = NoFilter;
    const TABLE: &'static str = "rooms";
    const WHAT: &'static str = "room";
    const PREFIX: &'static str = "room";
    const COLUMNS: &'static [&'static str] = &["name", "capacity", "tags"];
    const ORDER: &'static str = "name, id";
    const STAFF_ONLY: bool = false;

    async fn prepare(mut input: RoomInput, _: &Ctx<'_>) -> Result<Vec<Value>, ApiError> {
        let mut check = Check::new();
        check.name("name", &input.name);
        check.range("capacity", input.capacity, 1, 10_000);
        check.ensure(input.tags.len() <= 20, "tags", "at most 20 tags");
        for (i, tag) in input.tags.iter().enumerate() {
            check.name(&format!("tags[{i}]"), tag);
        }
        check.finish()?;
        input.tags.sort();
        input.tags.dedup();
        Ok(vec![Value::Text(input.name), Value::Int(input.capacity), json_text(&input.tags)?])
    }

    fn conditions(_: &NoFilter) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

// --- subjects ---------------------------------------------------------------------------------

/// A subject, and the kind of room its lessons need.
#[derive(Debug, Serialize, ToSchema)]
pub struct Subject {
    /// Its id.
    pub id: String,
    /// Its name, unique in the school.
    pub name: String,
    /// Its lessons need a room with this tag ("lab"); any room when none.
    pub room_tag: Option<String>,
    /// False for lessons held without a room (sport outside).
    pub needs_room: bool,
    /// When it was added.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// A subject to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    /// Its name, unique in the school.
    pub name: String,
    /// Its lessons need a room with this tag ("lab"); any room when none.
    #[serde(default)]
    pub room_tag: Option<String>,
    /// False for lessons held without a room; true by default.
    #[serde(default = "yes")]
    pub needs_room: bool,
}

fn yes() -> bool {
    true
}

impl FromRow<'_, AnyRow> for Subject {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Subject {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            room_tag: row.try_get("room_tag")?,
            needs_room: row.try_get::<i64, _>("needs_room")? != 0,
            created_at: created_at(row)?,
        })
    }
}

impl Resource for Subject {
    type Input = SubjectInput;
    type Filter = NoFilter;
    const TABLE: &'static str = "subjects";
    const WHAT: &'static str = "subject";
    const PREFIX: &'static str = "sub";
    const COLUMNS: &'static [&'static str] = &["name", "room_tag", "needs_room"];
    const ORDER: &'static str = "name, id";
    const STAFF_ONLY: bool = false;

    async fn prepare(input: SubjectInput, _: &Ctx<'_>) -> Result<Vec<Value>, ApiError> {
        let mut check = Check::new();
        check.name("name", &input.name);
        if let Some(tag) = &input.room_tag {
            check.name("room_tag", tag);
            check.ensure(input.needs_room, "room_tag", "a subject without a room cannot ask for a kind of room");
        }
        check.finish()?;
        Ok(vec![Value::Text(input.name), input.room_tag.into(), Value::Int(i64::from(input.needs_room))])
    }

    fn conditions(_: &NoFilter) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

// --- students ---------------------------------------------------------------------------------

/// A student; the school is billed by how many it has.
#[derive(Debug, Serialize, ToSchema)]
pub struct Student {
    /// Its id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// The school's own number for them, unique in the school, if it has one.
    pub external_id: Option<String>,
    /// When they were added.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// A student to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StudentInput {
    /// Their name.
    pub name: String,
    /// The school's own number for them, unique in the school.
    #[serde(default)]
    pub external_id: Option<String>,
}

impl FromRow<'_, AnyRow> for Student {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Student {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            external_id: row.try_get("external_id")?,
            created_at: created_at(row)?,
        })
    }
}

impl Resource for Student {
    type Input = StudentInput;
    type Filter = NoFilter;
    const TABLE: &'static str = "students";
    const WHAT: &'static str = "student";
    const PREFIX: &'static str = "stu";
    const COLUMNS: &'static [&'static str] = &["name", "external_id"];
    const ORDER: &'static str = "name, id";
    const STAFF_ONLY: bool = true;

    async fn prepare(input: StudentInput, _: &Ctx<'_>) -> Result<Vec<Value>, ApiError> {
        let mut check = Check::new();
        check.name("name", &input.name);
        if let Some(external) = &input.external_id {
            check.name("external_id", external);
        }
        check.finish()?;
        Ok(vec![Value::Text(input.name), input.external_id.into()])
    }

    fn conditions(_: &NoFilter) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

// --- enrollments ------------------------------------------------------------------------------

/// A student's place in a class (or in a part of one).
#[derive(Debug, Serialize, ToSchema)]
pub struct Enrollment {
    /// Its id.
    pub id: String,
    /// The student.
    pub student_id: String,
    /// The class.
    pub class_id: String,
    /// When it was made.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// An enrollment to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnrollmentInput {
    /// The student.
    pub student_id: String,
    /// The class.
    pub class_id: String,
}

impl FromRow<'_, AnyRow> for Enrollment {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(Enrollment {
            id: row.try_get("id")?,
            student_id: row.try_get("student_id")?,
            class_id: row.try_get("class_id")?,
            created_at: created_at(row)?,
        })
    }
}

/// Which enrollments to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EnrollmentFilter {
    /// Only those in this class.
    pub class_id: Option<String>,
    /// Only those of this student.
    pub student_id: Option<String>,
}

impl Resource for Enrollment {
    type Input = EnrollmentInput;
    type Filter = EnrollmentFilter;
    const TABLE: &'static str = "enrollments";
    const WHAT: &'static str = "enrollment";
    const PREFIX: &'static str = "enr";
    const COLUMNS: &'static [&'static str] = &["student_id", "class_id"];
    const ORDER: &'static str = "class_id, student_id, id";
    const STAFF_ONLY: bool = true;

    async fn prepare(input: EnrollmentInput, ctx: &Ctx<'_>) -> Result<Vec<Value>, ApiError> {
        let mut check = Check::new();
        reference(&mut check, ctx, "student_id", "students", "student", &input.student_id).await?;
        reference(&mut check, ctx, "class_id", "classes", "class", &input.class_id).await?;
        check.finish()?;
        Ok(vec![Value::Text(input.student_id), Value::Text(input.class_id)])
    }

    fn conditions(filter: &EnrollmentFilter) -> Vec<(&'static str, String)> {
        let mut conditions = Vec::new();
        conditions.extend(filter.class_id.iter().map(|c| ("class_id", c.clone())));
        conditions.extend(filter.student_id.iter().map(|s| ("student_id", s.clone())));
        conditions
    }
}

// --- lesson plans -----------------------------------------------------------------------------

/// Most lessons one plan may ask for in a week.
pub const MAX_LESSONS_PER_PLAN: usize = 40;

/// What a class is taught of a subject, by whom, each week: one course of the timetable.
#[derive(Debug, Serialize, ToSchema)]
pub struct LessonPlan {
    /// Its id.
    pub id: String,
    /// The class (or part of one) taught.
    pub class_id: String,
    /// The subject.
    pub subject_id: String,
    /// The teacher.
    pub teacher_id: String,
    /// One entry per lesson of the week, its length in periods: `[2, 1, 1]` is a double and two singles.
    pub lessons: Vec<u16>,
    /// The room every lesson must be in, if one is fixed; otherwise any room the subject allows.
    pub room_id: Option<String>,
    /// When it was added.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// A lesson plan to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonPlanInput {
    /// The class (or part of one) taught.
    pub class_id: String,
    /// The subject.
    pub subject_id: String,
    /// The teacher.
    pub teacher_id: String,
    /// One entry per lesson of the week, its length in periods (1 to the periods in a day); at most 40.
    pub lessons: Vec<u16>,
    /// The room every lesson must be in, if one is fixed.
    #[serde(default)]
    pub room_id: Option<String>,
}

impl FromRow<'_, AnyRow> for LessonPlan {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(LessonPlan {
            id: row.try_get("id")?,
            class_id: row.try_get("class_id")?,
            subject_id: row.try_get("subject_id")?,
            teacher_id: row.try_get("teacher_id")?,
            lessons: json_column(row, "lessons")?,
            room_id: row.try_get("room_id")?,
            created_at: created_at(row)?,
        })
    }
}

/// Which lesson plans to list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LessonPlanFilter {
    /// Only those of this class.
    pub class_id: Option<String>,
    /// Only those of this teacher.
    pub teacher_id: Option<String>,
    /// Only those of this subject.
    pub subject_id: Option<String>,
}

impl Resource for LessonPlan {
    type Input = LessonPlanInput;
    type Filter = LessonPlanFilter;
    const TABLE: &'static str = "lesson_plans";
    const WHAT: &'static str = "lesson plan";
    const PREFIX: &'static str = "plan";
    const COLUMNS: &'static [&'static str] = &["class_id", "subject_id", "teacher_id", "lessons", "room_id"];
    const ORDER: &'static str = "class_id, subject_id, id";
    const STAFF_ONLY: bool = false;

    async fn prepare(input: LessonPlanInput, ctx: &Ctx<'_>) -> Result<Vec<Value>, ApiError> {
        let week = ctx.week().await?;
        let mut check = Check::new();
        reference(&mut check, ctx, "class_id", "classes", "class", &input.class_id).await?;
        reference(&mut check, ctx, "subject_id", "subjects", "subject", &input.subject_id).await?;
        reference(&mut check, ctx, "teacher_id", "teachers", "teacher", &input.teacher_id).await?;
        if let Some(room) = &input.room_id {
            reference(&mut check, ctx, "room_id", "rooms", "room", room).await?;
        }
        check.ensure(!input.lessons.is_empty(), "lessons", "must list at least one lesson");
        check.ensure(input.lessons.len() <= MAX_LESSONS_PER_PLAN, "lessons", format!("at most {MAX_LESSONS_PER_PLAN} lessons a week"));
        for (i, &length) in input.lessons.iter().enumerate() {
            check.range(&format!("lessons[{i}]"), i64::from(length), 1, i64::from(week.periods_per_day).min(MAX_PERIODS));
        }
        check.finish()?;
        Ok(vec![
            Value::Text(input.class_id),
            Value::Text(input.subject_id),
            Value::Text(input.teacher_id),
            json_text(&input.lessons)?,
            input.room_id.into(),
        ])
    }

    fn conditions(filter: &LessonPlanFilter) -> Vec<(&'static str, String)> {
        let mut conditions = Vec::new();
        conditions.extend(filter.class_id.iter().map(|c| ("class_id", c.clone())));
        conditions.extend(filter.teacher_id.iter().map(|t| ("teacher_id", t.clone())));
        conditions.extend(filter.subject_id.iter().map(|s| ("subject_id", s.clone())));
        conditions
    }
}

/// No filter: the list has every row.
#[derive(Debug, Default, Deserialize)]
pub struct NoFilter {}
