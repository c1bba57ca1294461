//! Jobs and timetable versions over HTTP.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use horarium::formats::json;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::edits::{self, EditReport, EditRequest};
use super::jobs::{self, Job, JobKind, NewJob};
use super::versions::{self, CalendarOwner, Comparison, Validation, VersionSummary, VersionView, ViolationView};
use crate::api::{Body, Page, PageParams, Paginated, Params};
use crate::app::AppState;
use crate::auth::{Editor, Member, Role};
use crate::course::crud;
use crate::course::problem::{build, infeasibility};
use crate::course::resources::{Class, Room, Teacher};
use crate::error::{ApiError, ErrorBody};
use crate::tenant::TenantId;
use crate::validate::Check;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_jobs, submit_job))
        .routes(routes!(get_job, delete_job))
        .routes(routes!(cancel_job))
        .routes(routes!(list_versions))
        .routes(routes!(current_version))
        .routes(routes!(get_version, delete_version))
        .routes(routes!(compare_versions))
        .routes(routes!(rollback_version))
        .routes(routes!(edit_version))
        .routes(routes!(validate_version))
        .routes(routes!(version_conflicts))
        .routes(routes!(version_calendar))
}

fn staff(member: &Member) -> Result<(), ApiError> {
    if member.role == Role::Student {
        Err(ApiError::forbidden("students may see the timetables, not the jobs that make them"))
    } else {
        Ok(())
    }
}

/// A timetabling job to run.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobRequest {
    /// `solve` makes a timetable from scratch; `resolve` starts from a version and moves as few
    /// lessons as it can, for a change such as a teacher falling ill.
    pub kind: JobKind,
    /// Seconds to search, from 1 to the server's limit (600 by default); 10 by default.
    #[serde(default)]
    pub time_limit_seconds: Option<f64>,
    /// The engine's seed: the same seed, data and time give a similar timetable; 1 by default.
    #[serde(default)]
    pub seed: Option<u64>,
    /// For `resolve`: the version to start from; the current one by default.
    #[serde(default)]
    pub from_version_id: Option<String>,
    /// For `resolve`: what moving one lesson costs, in soft cost, 1 to 1,000; 10 by default.
    #[serde(default)]
    pub move_cost: Option<i64>,
}

/// Submits a job: the school's data as it is now is solved in the background. The job's
/// progress shows in `GET /jobs/{id}`; when it succeeds, its timetable is the school's current version.
#[utoipa::path(post, path = "/jobs", tag = "scheduling", security(("bearer" = [])), request_body = JobRequest,
    responses((status = 202, body = Job), (status = 402, body = ErrorBody), (status = 404, body = ErrorBody, description = "no such version"),
        (status = 409, body = ErrorBody, description = "too many jobs pending"),
        (status = 422, body = ErrorBody, description = "invalid request, or data that cannot make a timetable")))]
async fn submit_job(
    State(state): State<AppState>,
    Editor(member): Editor,
    Body(input): Body<JobRequest>,
) -> Result<(StatusCode, Json<Job>), ApiError> {
    let settings = state.settings();
    let mut check = Check::new();
    let seconds = input.time_limit_seconds.unwrap_or(settings.default_time_limit_seconds);
    let max = settings.max_time_limit_seconds;
    check.ensure(seconds.is_finite() && (1.0..=max).contains(&seconds), "time_limit_seconds", format!("must be between 1 and {max}"));
    if let Some(cost) = input.move_cost {
        check.range("move_cost", cost, 1, 1_000);
    }
    if input.kind == JobKind::Solve {
        check.ensure(input.from_version_id.is_none(), "from_version_id", "only a resolve starts from a version");
        check.ensure(input.move_cost.is_none(), "move_cost", "only a resolve has a cost of moving lessons");
    }
    check.finish()?;

    let base_version_id = match input.kind {
        JobKind::Solve => None,
        JobKind::Resolve => {
            let id = match input.from_version_id {
                Some(id) => id,
                None => versions::current_id(state.db(), &member.tenant).await?.ok_or_else(|| {
                    ApiError::invalid_field("from_version_id", "the school has no timetable yet to re-solve from; solve first")
                })?,
            };
            Some(versions::get(state.db(), &member.tenant, &id).await?.id)
        }
    };
    let problem = build(state.db(), &member.tenant).await?;
    let reasons = infeasibility(&problem);
    if !reasons.is_empty() {
        return Err(ApiError::infeasible("the school's data has no timetable without hard violations; fix these first", reasons));
    }
    let job = NewJob {
        kind: input.kind,
        seed: input.seed.unwrap_or(1),
        time_limit_ms: (seconds * 1000.0).round() as i64,
        move_cost: match input.kind {
            JobKind::Solve => None,
            JobKind::Resolve => Some(input.move_cost.unwrap_or(10)),
        },
        base_version_id,
        problem: json::write_problem(&problem),
    };
    let row = jobs::submit(state.db(), &member.tenant, job, state.now()).await?;
    state.runner().wake();
    Ok((StatusCode::ACCEPTED, Json(row.view()?)))
}

/// The school's jobs, newest first.
#[utoipa::path(get, path = "/jobs", tag = "scheduling", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Paginated<Job>), (status = 403, body = ErrorBody)))]
async fn list_jobs(
    State(state): State<AppState>,
    member: Member,
    Params(page): Params<PageParams>,
) -> Result<Json<Paginated<Job>>, ApiError> {
    staff(&member)?;
    let page = page.page()?;
    let (rows, total) = jobs::list(state.db(), &member.tenant, page.limit, page.offset).await?;
    let items = rows.iter().map(jobs::JobRow::view).collect::<Result<_, _>>()?;
    Ok(Json(Paginated::new(items, total, page)))
}

/// One job, with its progress while it runs.
#[utoipa::path(get, path = "/jobs/{id}", tag = "scheduling", security(("bearer" = [])), params(("id" = String, Path, description = "the job's id")),
    responses((status = 200, body = Job), (status = 404, body = ErrorBody)))]
async fn get_job(State(state): State<AppState>, member: Member, Path(id): Path<String>) -> Result<Json<Job>, ApiError> {
    staff(&member)?;
    Ok(Json(jobs::get(state.db(), &member.tenant, &id).await?.view()?))
}

/// Deletes a job that has ended, with its copy of the problem (which billed storage counts);
/// the version it made stays.
#[utoipa::path(delete, path = "/jobs/{id}", tag = "scheduling", security(("bearer" = [])), params(("id" = String, Path, description = "the job's id")),
    responses((status = 204), (status = 402, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the job is queued or running: cancel it first")))]
async fn delete_job(State(state): State<AppState>, Editor(member): Editor, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    jobs::delete(state.db(), &member.tenant, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancels a job: a queued one at once, a running one within a second; it makes no version.
#[utoipa::path(post, path = "/jobs/{id}/cancel", tag = "scheduling", security(("bearer" = [])), params(("id" = String, Path, description = "the job's id")),
    responses((status = 200, body = Job), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "the job has ended")))]
async fn cancel_job(State(state): State<AppState>, Editor(member): Editor, Path(id): Path<String>) -> Result<Json<Job>, ApiError> {
    Ok(Json(jobs::cancel(state.db(), &member.tenant, &id, state.now()).await?.view()?))
}

/// The school's timetable versions, newest first.
#[utoipa::path(get, path = "/timetables", tag = "scheduling", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Paginated<VersionSummary>)))]
async fn list_versions(
    State(state): State<AppState>,
    member: Member,
    Params(page): Params<PageParams>,
) -> Result<Json<Paginated<VersionSummary>>, ApiError> {
    let page = page.page()?;
    let (items, total) = versions::list(state.db(), &member.tenant, page.limit, page.offset).await?;
    Ok(Json(Paginated::new(items, total, page)))
}

/// The school's current timetable, with every lesson.
#[utoipa::path(get, path = "/timetables/current", tag = "scheduling", security(("bearer" = [])),
    responses((status = 200, body = VersionView), (status = 404, body = ErrorBody, description = "no timetable yet")))]
async fn current_version(State(state): State<AppState>, member: Member) -> Result<Json<VersionView>, ApiError> {
    let current = versions::current_id(state.db(), &member.tenant).await?.ok_or_else(|| ApiError::not_found("current timetable"))?;
    Ok(Json(versions::get(state.db(), &member.tenant, &current).await?.view(Some(&current))?))
}

async fn version_and_current(state: &AppState, tenant: &TenantId, id: &str) -> Result<(versions::VersionRow, Option<String>), ApiError> {
    let row = versions::get(state.db(), tenant, id).await?;
    Ok((row, versions::current_id(state.db(), tenant).await?))
}

/// One timetable version, with every lesson.
#[utoipa::path(get, path = "/timetables/{id}", tag = "scheduling", security(("bearer" = [])), params(("id" = String, Path, description = "the version's id")),
    responses((status = 200, body = VersionView), (status = 404, body = ErrorBody)))]
async fn get_version(State(state): State<AppState>, member: Member, Path(id): Path<String>) -> Result<Json<VersionView>, ApiError> {
    let (row, current) = version_and_current(&state, &member.tenant, &id).await?;
    Ok(Json(row.view(current.as_deref())?))
}

/// Moves, swaps or unplaces lessons of a version by hand and scores the result against the
/// version's problem: every violation the edits create or resolve, explained. Nothing is refused
/// for breaking a rule; with `dry_run` nothing is stored (for a drag-and-drop interface to ask
/// before it drops), otherwise the result is a new, current version.
#[utoipa::path(post, path = "/timetables/{id}/edits", tag = "scheduling", security(("bearer" = [])),
    params(("id" = String, Path, description = "the version to edit")), request_body = EditRequest,
    responses((status = 200, body = EditReport, description = "a dry run"), (status = 201, body = EditReport, description = "stored as a new version"),
        (status = 402, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "an edit names a course, lesson, day, period or room the version does not have")))]
async fn edit_version(
    State(state): State<AppState>,
    Editor(member): Editor,
    Path(id): Path<String>,
    Body(input): Body<EditRequest>,
) -> Result<(StatusCode, Json<EditReport>), ApiError> {
    let row = versions::get(state.db(), &member.tenant, &id).await?;
    let report = edits::edit(state.db(), &member.tenant, &row, &input, state.now()).await?;
    Ok((if input.dry_run { StatusCode::OK } else { StatusCode::CREATED }, Json(report)))
}

/// Deletes a timetable version the school no longer needs (never the current one), with its
/// copies of the problem and the timetable (which billed storage counts).
#[utoipa::path(delete, path = "/timetables/{id}", tag = "scheduling", security(("bearer" = [])), params(("id" = String, Path, description = "the version's id")),
    responses((status = 204), (status = 402, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "it is the current version")))]
async fn delete_version(State(state): State<AppState>, Editor(member): Editor, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    versions::delete(state.db(), &member.tenant, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The lessons that moved from one version to another.
#[utoipa::path(get, path = "/timetables/{id}/compare/{other_id}", tag = "scheduling", security(("bearer" = [])),
    params(("id" = String, Path, description = "the first version"), ("other_id" = String, Path, description = "the second version")),
    responses((status = 200, body = Comparison), (status = 404, body = ErrorBody)))]
async fn compare_versions(
    State(state): State<AppState>,
    member: Member,
    Path((id, other)): Path<(String, String)>,
) -> Result<Json<Comparison>, ApiError> {
    let (a, current) = version_and_current(&state, &member.tenant, &id).await?;
    let b = versions::get(state.db(), &member.tenant, &other).await?;
    let (lessons, moved) = versions::moves(&a.timetable_def()?, &b.timetable_def()?);
    Ok(Json(Comparison { from: a.summary(current.as_deref()), to: b.summary(current.as_deref()), lessons, moved }))
}

/// Makes an older version current again, as a new version that copies it (history is kept).
#[utoipa::path(post, path = "/timetables/{id}/rollback", tag = "scheduling", security(("bearer" = [])),
    params(("id" = String, Path, description = "the version to go back to")),
    responses((status = 201, body = VersionSummary), (status = 402, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn rollback_version(
    State(state): State<AppState>,
    Editor(member): Editor,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<VersionSummary>), ApiError> {
    let new = versions::rollback(state.db(), &member.tenant, &id, state.now()).await?;
    let (row, current) = version_and_current(&state, &member.tenant, &new).await?;
    Ok((StatusCode::CREATED, Json(row.summary(current.as_deref()))))
}

/// A version checked against the school's data as it is now: its cost, every rule it breaks,
/// and its lessons that no longer fit.
#[utoipa::path(get, path = "/timetables/{id}/validation", tag = "scheduling", security(("bearer" = [])),
    params(("id" = String, Path, description = "the version's id")),
    responses((status = 200, body = Validation), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "the data does not make a problem")))]
async fn validate_version(State(state): State<AppState>, member: Member, Path(id): Path<String>) -> Result<Json<Validation>, ApiError> {
    Ok(Json(validation(&state, &member.tenant, &id).await?))
}

/// Version `id` checked against the school's data as it is now.
async fn validation(state: &AppState, tenant: &TenantId, id: &str) -> Result<Validation, ApiError> {
    let (row, current) = version_and_current(state, tenant, id).await?;
    let problem = build(state.db(), tenant).await?;
    versions::validate(&row, &problem, current.as_deref())
}

/// The hard rules a version breaks against the school's data as it is now (clashes, a teacher
/// on a day off, a room too small), one page at a time.
#[utoipa::path(get, path = "/timetables/{id}/conflicts", tag = "scheduling", security(("bearer" = [])),
    params(("id" = String, Path, description = "the version's id"), PageParams),
    responses((status = 200, body = Paginated<ViolationView>), (status = 404, body = ErrorBody)))]
async fn version_conflicts(
    State(state): State<AppState>,
    member: Member,
    Path(id): Path<String>,
    Params(page): Params<PageParams>,
) -> Result<Json<Paginated<ViolationView>>, ApiError> {
    let Page { limit, offset } = page.page()?;
    let hard: Vec<ViolationView> =
        validation(&state, &member.tenant, &id).await?.violations.into_iter().filter(|v| v.0.is_hard()).collect();
    let total = i64::try_from(hard.len()).unwrap_or(i64::MAX);
    let items = hard.into_iter().skip(usize::try_from(offset).unwrap_or(usize::MAX)).take(usize::try_from(limit).unwrap_or(0)).collect();
    Ok(Json(Paginated::new(items, total, Page { limit, offset })))
}

/// Whose lessons a calendar holds: at most one of a teacher, a class and a room, by their ids;
/// everyone's without any.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CalendarParams {
    /// A teacher's id: the lessons they teach.
    pub teacher: Option<String>,
    /// A class's id: the lessons its students attend (its parts' and its whole class's included).
    pub class: Option<String>,
    /// A room's id: the lessons held in it.
    pub room: Option<String>,
}

/// A version as an iCalendar file (RFC 5545) for a calendar program: one weekly event per
/// placed lesson, everyone's or one teacher's, class's or room's. A timetable has no dates, so
/// its first day is Monday 1 January 2024 and each event repeats every week from there; times
/// come from the period names when they start with a time of day (`08:00`), otherwise period
/// `p` starts at 08:00 plus `p` hours. A teacher, class or room is matched by the name it has
/// now: one added or renamed since the version was made is not in it (404).
#[utoipa::path(get, path = "/timetables/{id}/calendar.ics", tag = "scheduling", security(("bearer" = [])),
    params(("id" = String, Path, description = "the version's id"), CalendarParams),
    responses((status = 200, content_type = "text/calendar", body = String, description = "the calendar, `text/calendar; charset=utf-8`"),
        (status = 404, body = ErrorBody, description = "no such version, or no such teacher, class or room in it"),
        (status = 422, body = ErrorBody, description = "more than one of teacher, class and room, or another parameter")))]
async fn version_calendar(
    State(state): State<AppState>,
    member: Member,
    Path(id): Path<String>,
    Params(query): Params<CalendarParams>,
) -> Result<Response, ApiError> {
    let CalendarParams { teacher, class, room } = query;
    if [&teacher, &class, &room].iter().filter(|o| o.is_some()).count() > 1 {
        return Err(ApiError::invalid_field("query", "give at most one of teacher, class and room"));
    }
    let row = versions::get(state.db(), &member.tenant, &id).await?;
    let db = state.db();
    let owner = if let Some(t) = teacher {
        Some(CalendarOwner::Teacher(crud::get::<Teacher>(db, &member, &t).await?.name))
    } else if let Some(c) = class {
        Some(CalendarOwner::Class(crud::get::<Class>(db, &member, &c).await?.name))
    } else if let Some(r) = room {
        Some(CalendarOwner::Room(crud::get::<Room>(db, &member, &r).await?.name))
    } else {
        None
    };
    let text = row.calendar(owner.as_ref(), state.now())?;
    let headers = [
        (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
        (header::CONTENT_DISPOSITION, format!("inline; filename=\"timetable-{}.ics\"", row.number)),
    ];
    Ok((headers, text).into_response())
}
