//! The platform's super admins ("operators"): their log-in and their view of every tenant.
//! Operators are created on the command line (`horarium-platform operator add`), never through
//! the API. Their billing actions are in [`crate::billing::api`].

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::api::{hash, verify};
use super::{check_email, check_password, normalize_email, school, schools, School, TenantId};
use crate::api::{Body, Page, PageParams, Paginated, Params};
use crate::app::AppState;
use crate::auth::{IssuedToken, OperatorAuth, Subject};
use crate::billing::store::{subscription_view, SubscriptionView};
use crate::clock::Timestamp;
use crate::db::{new_id, Db};
use crate::error::{ApiError, ErrorBody};
use crate::sign_in::{self, ClientAddress};
use crate::validate::Check;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(operator_login)).routes(routes!(list_tenants)).routes(routes!(get_tenant))
}

/// Adds an operator (from the command line); fails when the e-mail address is taken.
pub async fn add_operator(db: &Db, email: &str, name: &str, password: &str, now: Timestamp) -> Result<String, ApiError> {
    let mut check = Check::new();
    check_email(&mut check, "email", email);
    check.name("name", name);
    check_password(&mut check, "password", password);
    check.finish()?;
    let id = new_id("op");
    let password_hash = hash(password.to_owned()).await?;
    sqlx::query("INSERT INTO operators (id, email, name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(normalize_email(email))
        .bind(name)
        .bind(&password_hash)
        .bind(now.millis())
        .execute(db.pool())
        .await?;
    Ok(id)
}

/// An operator's credentials.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OperatorLogIn {
    /// The operator's e-mail address.
    pub email: String,
    /// The operator's password.
    pub password: String,
}

/// Logs an operator in: a token for the `/operator` routes, valid for 12 hours.
///
/// Failed log-ins are throttled as a school user's are (see the `sign_in` module).
#[utoipa::path(post, path = "/operator/login", tag = "operator", request_body = OperatorLogIn,
    responses((status = 200, body = IssuedToken), (status = 401, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many failed log-ins; `Retry-After` says when to try again")))]
async fn operator_login(
    State(state): State<AppState>,
    address: ClientAddress,
    Body(input): Body<OperatorLogIn>,
) -> Result<Json<IssuedToken>, ApiError> {
    let attempt = sign_in::admit(state.db(), state.now(), sign_in::operator_account(&normalize_email(&input.email)), address.0).await?;
    let found: Option<(String, String)> = sqlx::query_as("SELECT id, password_hash FROM operators WHERE email = $1")
        .bind(normalize_email(&input.email))
        .fetch_optional(state.db().pool())
        .await?;
    if !verify(input.password, found.as_ref().map(|f| f.1.clone())).await? {
        return Err(ApiError::unauthorized("wrong e-mail or password"));
    }
    let (id, _) = found.ok_or_else(|| ApiError::unauthorized("wrong e-mail or password"))?;
    attempt.succeeded(state.db(), state.now()).await?;
    Ok(Json(state.tokens().issue(&Subject::Operator(id), state.now())?))
}

/// A tenant as operators see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TenantSummary {
    /// The school.
    pub school: School,
    /// Its subscription, usage and limits.
    pub subscription: SubscriptionView,
}

/// Every tenant, oldest first.
#[utoipa::path(get, path = "/operator/tenants", tag = "operator", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Paginated<TenantSummary>), (status = 403, body = ErrorBody)))]
async fn list_tenants(
    State(state): State<AppState>,
    _: OperatorAuth,
    Params(page): Params<PageParams>,
) -> Result<Json<Paginated<TenantSummary>>, ApiError> {
    let Page { limit, offset } = page.page()?;
    let (list, total) = schools(state.db(), limit, offset).await?;
    let mut items = Vec::with_capacity(list.len());
    for school in list {
        let subscription = subscription_view(state.db(), &TenantId(school.id.clone()), state.now()).await?;
        items.push(TenantSummary { school, subscription });
    }
    Ok(Json(Paginated::new(items, total, Page { limit, offset })))
}

/// One tenant.
#[utoipa::path(get, path = "/operator/tenants/{id}", tag = "operator", security(("bearer" = [])),
    params(("id" = String, Path, description = "the tenant's id")),
    responses((status = 200, body = TenantSummary), (status = 404, body = ErrorBody)))]
async fn get_tenant(State(state): State<AppState>, _: OperatorAuth, Path(id): Path<String>) -> Result<Json<TenantSummary>, ApiError> {
    let tenant = TenantId(id);
    let school = school(state.db(), &tenant).await?;
    let subscription = subscription_view(state.db(), &tenant, state.now()).await?;
    Ok(Json(TenantSummary { school, subscription }))
}
