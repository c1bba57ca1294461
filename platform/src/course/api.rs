//! The routes of the school's data: five per resource, all alike, stamped by [`resource_routes`]
//! so that each has its own documented entry in the OpenAPI document; and the school's data as
//! an engine problem.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::crud;
use super::resources::*;
use super::rules::{SchoolRule, SchoolRuleInput};
use crate::api::{Body, PageParams, Paginated, Params};
use crate::app::AppState;
use crate::auth::{Editor, Member};
use crate::error::{ApiError, ErrorBody};

/// Defines the five handlers of one resource: list, create, get, replace and delete.
macro_rules! resource_routes {
    (
        $R:ty, $Input:ty, $Filter:ty $(, $FilterParams:ty)?;
        $collection:literal, $item:literal;
        $list:ident: $list_doc:literal,
        $create:ident: $create_doc:literal,
        $get:ident: $get_doc:literal,
        $update:ident: $update_doc:literal,
        $delete:ident: $delete_doc:literal $(,)?
    ) => {
        #[doc = $list_doc]
        #[utoipa::path(get, path = $collection, tag = "courses", security(("bearer" = [])), params(PageParams $(, $FilterParams)?),
            responses((status = 200, body = Paginated<$R>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
        async fn $list(
            State(state): State<AppState>,
            member: Member,
            Params(page): Params<PageParams>,
            Params(filter): Params<$Filter>,
        ) -> Result<Json<Paginated<$R>>, ApiError> {
            Ok(Json(crud::list::<$R>(state.db(), &member, page, filter).await?))
        }

        #[doc = $create_doc]
        #[utoipa::path(post, path = $collection, tag = "courses", security(("bearer" = [])), request_body = $Input,
            responses((status = 201, body = $R), (status = 402, body = ErrorBody), (status = 403, body = ErrorBody),
                (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
        async fn $create(State(state): State<AppState>, Editor(member): Editor, Body(input): Body<$Input>) -> Result<(StatusCode, Json<$R>), ApiError> {
            Ok((StatusCode::CREATED, Json(crud::create::<$R>(state.db(), &member.tenant, input, state.now()).await?)))
        }

        #[doc = $get_doc]
        #[utoipa::path(get, path = $item, tag = "courses", security(("bearer" = [])), params(("id" = String, Path, description = "its id")),
            responses((status = 200, body = $R), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
        async fn $get(State(state): State<AppState>, member: Member, Path(id): Path<String>) -> Result<Json<$R>, ApiError> {
            Ok(Json(crud::get::<$R>(state.db(), &member, &id).await?))
        }

        #[doc = $update_doc]
        #[utoipa::path(put, path = $item, tag = "courses", security(("bearer" = [])), params(("id" = String, Path, description = "its id")),
            request_body = $Input, responses((status = 200, body = $R), (status = 402, body = ErrorBody), (status = 403, body = ErrorBody),
                (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
        async fn $update(
            State(state): State<AppState>,
            Editor(member): Editor,
            Path(id): Path<String>,
            Body(input): Body<$Input>,
        ) -> Result<Json<$R>, ApiError> {
            Ok(Json(crud::update::<$R>(state.db(), &member.tenant, &id, input).await?))
        }

        #[doc = $delete_doc]
        #[utoipa::path(delete, path = $item, tag = "courses", security(("bearer" = [])), params(("id" = String, Path, description = "its id")),
            responses((status = 204), (status = 402, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
                (status = 409, body = ErrorBody, description = "still in use")))]
        async fn $delete(State(state): State<AppState>, Editor(member): Editor, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
            crud::delete::<$R>(state.db(), &member.tenant, &id).await?;
            Ok(StatusCode::NO_CONTENT)
        }
    };
}

resource_routes!(Teacher, TeacherInput, NoFilter; "/teachers", "/teachers/{id}";
    list_teachers: "The school's teachers, by name.",
    create_teacher: "Adds a teacher.",
    get_teacher: "One teacher.",
    update_teacher: "Replaces a teacher's name and unavailable periods.",
    delete_teacher: "Removes a teacher who teaches no lesson plan.",
);
resource_routes!(Class, ClassInput, ClassFilter, ClassFilter; "/classes", "/classes/{id}";
    list_classes: "The school's classes and their parts, by name.",
    create_class: "Adds a class, or a part of one.",
    get_class: "One class.",
    update_class: "Replaces a class.",
    delete_class: "Removes a class without lesson plans or parts; its enrollments go with it.",
);
resource_routes!(Room, RoomInput, NoFilter; "/rooms", "/rooms/{id}";
    list_rooms: "The school's rooms, by name.",
    create_room: "Adds a room.",
    get_room: "One room.",
    update_room: "Replaces a room.",
    delete_room: "Removes a room no lesson plan is fixed to.",
);
resource_routes!(SchoolRule, SchoolRuleInput, NoFilter; "/constraints", "/constraints/{id}";
    list_constraints: "The school's own constraints (any kind of the engine's catalog, by the school's ids), in the order added.",
    create_constraint: "Adds a constraint: the catalog's JSON with the school's ids, checked as the engine checks a problem, every issue at its field.",
    get_constraint: "One of the school's constraints.",
    update_constraint: "Replaces one of the school's constraints.",
    delete_constraint: "Removes one of the school's constraints.",
);
resource_routes!(Subject, SubjectInput, NoFilter; "/subjects", "/subjects/{id}";
    list_subjects: "The school's subjects, by name.",
    create_subject: "Adds a subject.",
    get_subject: "One subject.",
    update_subject: "Replaces a subject.",
    delete_subject: "Removes a subject without lesson plans.",
);
resource_routes!(Student, StudentInput, NoFilter; "/students", "/students/{id}";
    list_students: "The school's students, by name (staff only).",
    create_student: "Adds a student.",
    get_student: "One student (staff only).",
    update_student: "Replaces a student.",
    delete_student: "Removes a student and their enrollments.",
);
resource_routes!(Enrollment, EnrollmentInput, EnrollmentFilter, EnrollmentFilter; "/enrollments", "/enrollments/{id}";
    list_enrollments: "The school's enrollments (staff only).",
    create_enrollment: "Enrolls a student in a class.",
    get_enrollment: "One enrollment (staff only).",
    update_enrollment: "Replaces an enrollment.",
    delete_enrollment: "Removes an enrollment.",
);
resource_routes!(LessonPlan, LessonPlanInput, LessonPlanFilter, LessonPlanFilter; "/lesson-plans", "/lesson-plans/{id}";
    list_lesson_plans: "The school's weekly lesson plans.",
    create_lesson_plan: "Adds a weekly lesson plan: a class taught a subject by a teacher, so many lessons a week.",
    get_lesson_plan: "One lesson plan.",
    update_lesson_plan: "Replaces a lesson plan.",
    delete_lesson_plan: "Removes a lesson plan.",
);

/// The school's data as the engine's problem, in Horarium JSON.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemView {
    /// The problem in the Horarium JSON format (`horarium schema problem`), as the command-line
    /// tool and the other bindings read it.
    #[schema(value_type = Object)]
    pub problem: serde_json::Value,
    /// Why it provably cannot be solved without hard violations; empty when no reason was found.
    pub infeasible: Vec<crate::error::FieldError>,
}

/// The school's data as a timetabling problem, with the pre-analysis's reasons, if any, why it
/// cannot be solved.
#[utoipa::path(get, path = "/problem", tag = "courses", security(("bearer" = [])),
    responses((status = 200, body = ProblemView), (status = 422, body = ErrorBody, description = "the data does not make a problem")))]
async fn get_problem(State(state): State<AppState>, member: Member) -> Result<Json<ProblemView>, ApiError> {
    let built = super::problem::build(state.db(), &member.tenant).await?;
    let infeasible = super::problem::infeasibility(&built);
    let problem = serde_json::to_value(built.to_def()).map_err(ApiError::internal)?;
    Ok(Json(ProblemView { problem, infeasible }))
}

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_teachers, create_teacher))
        .routes(routes!(get_teacher, update_teacher, delete_teacher))
        .routes(routes!(list_classes, create_class))
        .routes(routes!(get_class, update_class, delete_class))
        .routes(routes!(list_rooms, create_room))
        .routes(routes!(get_room, update_room, delete_room))
        .routes(routes!(list_subjects, create_subject))
        .routes(routes!(get_subject, update_subject, delete_subject))
        .routes(routes!(list_students, create_student))
        .routes(routes!(get_student, update_student, delete_student))
        .routes(routes!(list_enrollments, create_enrollment))
        .routes(routes!(get_enrollment, update_enrollment, delete_enrollment))
        .routes(routes!(list_lesson_plans, create_lesson_plan))
        .routes(routes!(get_lesson_plan, update_lesson_plan, delete_lesson_plan))
        .routes(routes!(list_constraints, create_constraint))
        .routes(routes!(get_constraint, update_constraint, delete_constraint))
        .routes(routes!(get_problem))
}
