//! Timetable versions: each finished job, and each rollback, stores one, numbered in order per
//! school, with a copy of the problem it was made for; the school's current version is the
//! newest unless rolled back.

use std::collections::BTreeMap;

use horarium::formats::json::{self, AssignmentDef, TimetableDef};
use horarium::render::{self, Owner};
use horarium::report::ViolationReport;
use horarium::{Problem, Score, Timetable};
use serde::Serialize;
use sqlx::FromRow;
use utoipa::ToSchema;

use crate::clock::Timestamp;
use crate::db::{new_id, Db};
use crate::error::{ApiError, FieldError};
use crate::tenant::TenantId;

/// A version as stored.
#[derive(Clone, Debug, FromRow)]
pub struct VersionRow {
    /// Its tenant.
    pub tenant_id: String,
    /// Its id.
    pub id: String,
    /// Its number in the school, from 1.
    pub number: i64,
    /// The job that made it, if one did.
    pub job_id: Option<String>,
    /// What it is.
    pub label: String,
    /// Its hard cost when made.
    pub hard: i64,
    /// Its soft cost when made.
    pub soft: i64,
    /// The problem it was made for, as Horarium JSON.
    pub problem: String,
    /// The timetable, as Horarium JSON.
    pub timetable: String,
    /// When it was made.
    pub created_at: i64,
}

/// Hard and soft cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CostView {
    /// Hard violations (0: the timetable is usable).
    pub hard: u64,
    /// Weighted soft cost.
    pub soft: u64,
}

/// A version, without its lessons.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionSummary {
    /// Its id.
    pub id: String,
    /// Its number in the school, from 1.
    pub number: i64,
    /// What it is: "solve", "re-solve of version 3", "rollback to version 2".
    pub label: String,
    /// The job that made it.
    pub job_id: Option<String>,
    /// Its cost against the problem it was made for.
    pub cost: CostView,
    /// Whether it is the school's current timetable.
    pub current: bool,
    /// When it was made.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// One placed lesson of a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Lesson {
    /// Its course: "Maths 6A".
    pub course: String,
    /// Which lesson of the course, from 0.
    pub lesson: u32,
    /// Its day, from 0.
    pub day: u16,
    /// Its first period, from 0.
    pub period: u16,
    /// Periods it lasts.
    pub length: u16,
    /// Day and period by name: "Tue 3".
    pub slot: String,
    /// Its room, none for a lesson without one.
    pub room: Option<String>,
    /// Its teachers.
    pub teachers: Vec<String>,
    /// Its classes.
    pub classes: Vec<String>,
}

/// A version with its lessons.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionView {
    /// The version.
    #[serde(flatten)]
    pub summary: VersionSummary,
    /// Every placed lesson, by course.
    pub lessons: Vec<Lesson>,
}

fn corrupt(row: &VersionRow, e: impl std::fmt::Display) -> ApiError {
    ApiError::internal(format!("version {} cannot be read back: {e}", row.id))
}

impl VersionRow {
    /// The problem it was made for.
    pub fn problem(&self) -> Result<Problem, ApiError> {
        json::parse_problem("<version>", &self.problem).map_err(|e| corrupt(self, e))
    }

    /// Its timetable, by names.
    pub fn timetable_def(&self) -> Result<TimetableDef, ApiError> {
        serde_json::from_str(&self.timetable).map_err(|e| corrupt(self, e))
    }

    /// Its timetable for its own problem.
    pub fn timetable(&self, problem: &Problem) -> Result<Timetable, ApiError> {
        json::parse_timetable(problem, "<version>", &self.timetable).map_err(|e| corrupt(self, e))
    }

    /// Without its lessons.
    pub fn summary(&self, current: Option<&str>) -> VersionSummary {
        VersionSummary {
            id: self.id.clone(),
            number: self.number,
            label: self.label.clone(),
            job_id: self.job_id.clone(),
            cost: cost(self.hard, self.soft),
            current: current == Some(self.id.as_str()),
            created_at: self.created_at.into(),
        }
    }

    /// With its lessons.
    pub fn view(&self, current: Option<&str>) -> Result<VersionView, ApiError> {
        let problem = self.problem()?;
        let timetable = self.timetable(&problem)?;
        let calendar = problem.calendar();
        let lessons = timetable
            .placements()
            .iter()
            .enumerate()
            .filter_map(|(l, p)| p.map(|p| (horarium::LessonId::from_index(l), p)))
            .map(|(id, p)| {
                let lesson = problem.lesson(id);
                let course = problem.course(lesson.course);
                let (day, period) = (calendar.day(p.slot), calendar.period(p.slot));
                Lesson {
                    course: course.name.clone(),
                    lesson: lesson.index_in_course,
                    day,
                    period,
                    length: lesson.length,
                    slot: calendar.slot_label(p.slot),
                    room: p.room.map(|r| problem.room(r).name.clone()),
                    teachers: course.teachers.iter().map(|&t| problem.teacher(t).name.clone()).collect(),
                    classes: course.groups.iter().map(|&g| problem.group(g).name.clone()).collect(),
                }
            })
            .collect();
        Ok(VersionView { summary: self.summary(current), lessons })
    }
}

/// Whose lessons a version's calendar holds: a teacher, class or room, by the name the school's
/// data gives it (the engine's problem names them so, see `course::problem`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarOwner {
    /// A teacher.
    Teacher(String),
    /// A class, or a part of one: the lessons its students attend, its parts' and its whole
    /// class's included.
    Class(String),
    /// A room.
    Room(String),
}

impl VersionRow {
    /// Its placed lessons as an iCalendar file (`horarium::render::ics`: one weekly event per
    /// lesson in a reference week starting Monday 1 January 2024, with the violations it had
    /// against its own problem), everyone's or those of `owner`, stamped `now`. An owner its
    /// problem does not have (added or renamed since) is not found.
    pub fn calendar(&self, owner: Option<&CalendarOwner>, now: Timestamp) -> Result<String, ApiError> {
        let problem = self.problem()?;
        let owner = match owner {
            None => None,
            Some(CalendarOwner::Teacher(name)) => Some(problem.teacher_by_name(name).map(Owner::Teacher).ok_or_else(|| absent("teacher"))?),
            Some(CalendarOwner::Class(name)) => Some(problem.group_by_name(name).map(Owner::Group).ok_or_else(|| absent("class"))?),
            Some(CalendarOwner::Room(name)) => Some(problem.room_by_name(name).map(Owner::Room).ok_or_else(|| absent("room"))?),
        };
        let timetable = self.timetable(&problem)?;
        let score = horarium::score(&problem, &timetable);
        let dtstamp = render::utc_dtstamp(u64::try_from(now.millis().div_euclid(1000)).unwrap_or(0));
        Ok(render::ics(&problem, &timetable, &score, owner, &dtstamp))
    }
}

fn absent(what: &str) -> ApiError {
    ApiError::not_found(&format!("{what} in this timetable version"))
}

/// The tenant's current version id.
pub async fn current_id(db: &Db, tenant: &TenantId) -> Result<Option<String>, ApiError> {
    Ok(sqlx::query_scalar::<_, Option<String>>("SELECT current_version_id FROM tenants WHERE id = $1")
        .bind(&tenant.0)
        .fetch_optional(db.pool())
        .await?
        .flatten())
}

/// One version of the tenant.
pub async fn get(db: &Db, tenant: &TenantId, id: &str) -> Result<VersionRow, ApiError> {
    sqlx::query_as("SELECT * FROM timetable_versions WHERE tenant_id = $1 AND id = $2")
        .bind(&tenant.0)
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or_else(|| ApiError::not_found("timetable version"))
}

#[derive(FromRow)]
struct SummaryRow {
    id: String,
    number: i64,
    job_id: Option<String>,
    label: String,
    hard: i64,
    soft: i64,
    created_at: i64,
}

/// The tenant's versions, newest first, without their lessons.
pub async fn list(db: &Db, tenant: &TenantId, limit: i64, offset: i64) -> Result<(Vec<VersionSummary>, i64), ApiError> {
    let current = current_id(db, tenant).await?;
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT id, number, job_id, label, hard, soft, created_at FROM timetable_versions WHERE tenant_id = $1 ORDER BY number DESC LIMIT $2 OFFSET $3",
    )
    .bind(&tenant.0)
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await?;
    let total =
        sqlx::query_scalar("SELECT COUNT(*) FROM timetable_versions WHERE tenant_id = $1").bind(&tenant.0).fetch_one(db.pool()).await?;
    let items = rows
        .into_iter()
        .map(|r| VersionSummary {
            current: current.as_deref() == Some(r.id.as_str()),
            cost: cost(r.hard, r.soft),
            id: r.id,
            number: r.number,
            label: r.label,
            job_id: r.job_id,
            created_at: r.created_at.into(),
        })
        .collect();
    Ok((items, total))
}

/// A stored cost (never negative) as the API shows it.
fn cost(hard: i64, soft: i64) -> CostView {
    CostView { hard: u64::try_from(hard).unwrap_or(0), soft: u64::try_from(soft).unwrap_or(0) }
}

/// A version to store.
pub struct NewVersion<'a> {
    /// The job that made it.
    pub job_id: Option<&'a str>,
    /// What it is.
    pub label: String,
    /// Its cost.
    pub cost: CostView,
    /// The problem, as Horarium JSON.
    pub problem: String,
    /// The timetable, as Horarium JSON.
    pub timetable: String,
}

/// Stores a version as the tenant's newest and current one; returns its id.
pub async fn store(db: &Db, tenant: &TenantId, version: NewVersion<'_>, now: Timestamp) -> Result<String, ApiError> {
    // Two versions finishing at once may pick the same number; the unique index makes one retry.
    for _ in 0..5 {
        let mut tx = db.write().await?;
        match insert(&mut tx, tenant, &version, now).await? {
            Some(id) => {
                tx.commit().await?;
                return Ok(id);
            }
            None => tx.rollback().await?,
        }
    }
    Err(ApiError::conflict("too many timetable versions were stored at the same moment; try again"))
}

/// Inserts `version` in `tx`, numbered after the school's newest, and makes it current; its id,
/// or `None` when another version took the number meanwhile (the transaction must then be
/// rolled back, and may be tried again).
pub async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    tenant: &TenantId,
    version: &NewVersion<'_>,
    now: Timestamp,
) -> Result<Option<String>, ApiError> {
    let id = new_id("ver");
    let number: i64 =
        sqlx::query_scalar("SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM timetable_versions WHERE tenant_id = $1")
            .bind(&tenant.0)
            .fetch_one(&mut **tx)
            .await?;
    let inserted = sqlx::query(
        "INSERT INTO timetable_versions (tenant_id, id, number, job_id, label, hard, soft, problem, timetable, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&tenant.0)
    .bind(&id)
    .bind(number)
    .bind(version.job_id.map(str::to_owned))
    .bind(version.label.replace("{n}", &number.to_string()))
    .bind(i64::try_from(version.cost.hard).unwrap_or(i64::MAX))
    .bind(i64::try_from(version.cost.soft).unwrap_or(i64::MAX))
    .bind(&version.problem)
    .bind(&version.timetable)
    .bind(now.millis())
    .execute(&mut **tx)
    .await;
    match inserted {
        Ok(_) => {
            sqlx::query("UPDATE tenants SET current_version_id = $2 WHERE id = $1").bind(&tenant.0).bind(&id).execute(&mut **tx).await?;
            Ok(Some(id))
        }
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Deletes version `id`; the current version is a conflict. Its number is not reused.
pub async fn delete(db: &Db, tenant: &TenantId, id: &str) -> Result<(), ApiError> {
    let mut tx = db.write().await?;
    // The school's lock: a job storing a new current version waits, and then sees this one gone.
    crate::tenant::lock(&mut tx, tenant).await?;
    let current: Option<String> =
        sqlx::query_scalar("SELECT current_version_id FROM tenants WHERE id = $1").bind(&tenant.0).fetch_one(&mut *tx).await?;
    if current.as_deref() == Some(id) {
        // Existence first: another school's version is a 404, never a hint.
        let exists: Option<i64> = sqlx::query_scalar("SELECT number FROM timetable_versions WHERE tenant_id = $1 AND id = $2")
            .bind(&tenant.0)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_some() {
            return Err(ApiError::conflict("this is the current timetable: make another version current (a rollback) before deleting it"));
        }
    }
    let deleted =
        sqlx::query("DELETE FROM timetable_versions WHERE tenant_id = $1 AND id = $2").bind(&tenant.0).bind(id).execute(&mut *tx).await?;
    if deleted.rows_affected() == 0 {
        return Err(ApiError::not_found("timetable version"));
    }
    tx.commit().await?;
    Ok(())
}

/// Makes a copy of version `id` the tenant's newest and current one.
pub async fn rollback(db: &Db, tenant: &TenantId, id: &str, now: Timestamp) -> Result<String, ApiError> {
    let old = get(db, tenant, id).await?;
    let version = NewVersion {
        job_id: None,
        label: format!("rollback to version {}", old.number),
        cost: cost(old.hard, old.soft),
        problem: old.problem,
        timetable: old.timetable,
    };
    store(db, tenant, version, now).await
}

/// Where a lesson is in a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Place {
    /// Its day, from 0.
    pub day: u16,
    /// Its first period, from 0.
    pub period: u16,
    /// Its room.
    pub room: Option<String>,
}

/// A lesson in a different place in two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Move {
    /// Its course.
    pub course: String,
    /// Which lesson of the course, from 0.
    pub lesson: u32,
    /// Where it is in the first version; none when it is not there.
    pub from: Option<Place>,
    /// Where it is in the second; none when it is not there.
    pub to: Option<Place>,
}

/// What changed from one version to another.
#[derive(Debug, Serialize, ToSchema)]
pub struct Comparison {
    /// The first version.
    pub from: VersionSummary,
    /// The second version.
    pub to: VersionSummary,
    /// Lessons placed in either.
    pub lessons: usize,
    /// The lessons that moved, appeared or disappeared, by course and lesson.
    pub moved: Vec<Move>,
}

fn places(def: &TimetableDef) -> BTreeMap<(String, u32), Place> {
    // A lesson without its index (never written by the platform) counts in the order given.
    let mut next: BTreeMap<&str, u32> = BTreeMap::new();
    def.assignments
        .iter()
        .map(|a: &AssignmentDef| {
            let counter = next.entry(a.course.as_str()).or_insert(0);
            let lesson = a.lesson.unwrap_or(*counter);
            *counter = lesson + 1;
            ((a.course.clone(), lesson), Place { day: a.day, period: a.period, room: a.room.clone() })
        })
        .collect()
}

/// The lessons that differ between two timetables, by course name and lesson index.
pub fn moves(from: &TimetableDef, to: &TimetableDef) -> (usize, Vec<Move>) {
    let (a, b) = (places(from), places(to));
    let mut keys: Vec<&(String, u32)> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let moved = keys
        .iter()
        .filter_map(|&key| {
            let (x, y) = (a.get(key), b.get(key));
            (x != y).then(|| Move { course: key.0.clone(), lesson: key.1, from: x.cloned(), to: y.cloned() })
        })
        .collect();
    (keys.len(), moved)
}

/// One violated rule of a version, exactly as the engine reports it everywhere
/// (`horarium::report::ViolationReport`): `kind`, `constraint`, `level` (`"hard"` or
/// `{"soft": weight}`), `amount`, `cost` (`{hard, soft}`), the `lessons` (`{course, lesson}`),
/// `slots` (`{day, period}`) and `resources` (`{type, name}`) involved, and the `message`.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct ViolationView(pub ViolationReport);

impl utoipa::PartialSchema for ViolationView {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .description(Some(
                "The engine's violation report: kind, constraint, level (\"hard\" or {\"soft\": weight}), amount, cost {hard, soft}, \
                 lessons [{course, lesson}], slots [{day, period}], resources [{type, name}], message",
            ))
            .into()
    }
}

impl ToSchema for ViolationView {}

/// A version checked against the school's data as it is now.
#[derive(Debug, Serialize, ToSchema)]
pub struct Validation {
    /// The version.
    pub version: VersionSummary,
    /// Its cost against the data as it is now.
    pub cost: CostView,
    /// Whether it breaks no hard rule now.
    pub feasible: bool,
    /// Its lessons that no longer fit the data (a course or room removed, a week shortened).
    pub dropped: Vec<FieldError>,
    /// Every rule it breaks now.
    pub violations: Vec<ViolationView>,
}

/// The violations of a score, hard first.
pub fn violation_views(problem: &Problem, score: &Score) -> Vec<ViolationView> {
    let mut views: Vec<ViolationView> = score.violations.iter().map(|v| ViolationView(ViolationReport::new(problem, v))).collect();
    views.sort_by_key(|v| !v.0.is_hard());
    views
}

/// Scores version `row` against `problem` (the school's data now): its lessons are carried
/// over by course name and lesson index, those that no longer fit are listed as dropped.
pub fn validate(row: &VersionRow, problem: &Problem, current: Option<&str>) -> Result<Validation, ApiError> {
    let def = row.timetable_def()?;
    let (timetable, issues) = json::timetable_from_def_keeping_valid(problem, &def);
    let score = horarium::score(problem, &timetable);
    Ok(Validation {
        version: row.summary(current),
        cost: CostView { hard: score.cost.hard, soft: score.cost.soft },
        feasible: score.cost.is_feasible(),
        dropped: issues.into_iter().map(|i| FieldError { field: i.field, message: i.message }).collect(),
        violations: violation_views(problem, &score),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(course: &str, lesson: u32, day: u16, period: u16, room: Option<&str>) -> AssignmentDef {
        AssignmentDef { course: course.into(), lesson: Some(lesson), day, period, room: room.map(Into::into) }
    }

    #[test]
    fn moves_list_what_moved_appeared_or_disappeared() {
        let a = TimetableDef { assignments: vec![at("M", 0, 0, 0, Some("R")), at("M", 1, 1, 0, Some("R")), at("E", 0, 2, 3, None)] };
        let b = TimetableDef { assignments: vec![at("M", 0, 0, 0, Some("R")), at("M", 1, 1, 0, Some("S")), at("F", 0, 4, 4, None)] };
        let (lessons, moved) = moves(&a, &b);
        assert_eq!(lessons, 4);
        let names: Vec<_> = moved.iter().map(|m| (m.course.as_str(), m.lesson, m.from.is_some(), m.to.is_some())).collect();
        assert_eq!(names, [("E", 0, true, false), ("F", 0, false, true), ("M", 1, true, true)]);
        assert_eq!(moves(&a, &a).1, []);
    }
}
