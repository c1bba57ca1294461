//! Sign-up, log-in, the school's settings and its users.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{check_email, check_password, normalize_email, school, School, TenantId, Week};
use crate::api::{Body, Page, PageParams, Paginated, Params};
use crate::app::AppState;
use crate::auth::{self, Admin, Editor, IssuedToken, Member, Role, Subject};
use crate::billing::{self, Cycle, Plan};
use crate::clock::Timestamp;
use crate::db::new_id;
use crate::error::{ApiError, ErrorBody};
use crate::sign_in::{self, ClientAddress};
use crate::validate::Check;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(signup))
        .routes(routes!(login))
        .routes(routes!(get_school, update_school))
        .routes(routes!(list_users, create_user))
        .routes(routes!(get_user, update_user, delete_user))
}

/// A new school and its first admin.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignUp {
    /// The school's name.
    pub school_name: String,
    /// How its users will log in: 3 to 63 lowercase letters, digits and hyphens.
    pub subdomain: String,
    /// The first school admin's name.
    pub admin_name: String,
    /// The first school admin's e-mail address.
    pub admin_email: String,
    /// The first school admin's password, at least 10 characters.
    pub password: String,
    /// `basic` (the default) or `standard`; `enterprise` is arranged with the platform's staff.
    #[serde(default)]
    pub plan: Option<Plan>,
    /// `monthly` (the default) or `yearly` (20 % off).
    #[serde(default)]
    pub cycle: Option<Cycle>,
    /// The school's week; Monday to Friday, 8 periods, when absent.
    #[serde(default)]
    pub week: Option<Week>,
}

/// A user of a school.
#[derive(Debug, Serialize, ToSchema)]
pub struct User {
    /// The user's id.
    pub id: String,
    /// Their e-mail address, which they log in with.
    pub email: String,
    /// Their name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// When they were added.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

#[derive(FromRow)]
struct UserRow {
    id: String,
    email: String,
    name: String,
    role: String,
    password_hash: String,
    created_at: i64,
}

impl UserRow {
    fn user(self) -> Result<User, ApiError> {
        let role = Role::parse(&self.role).ok_or_else(|| ApiError::internal(format!("unknown role {:?}", self.role)))?;
        Ok(User { id: self.id, email: self.email, name: self.name, role, created_at: self.created_at.into() })
    }
}

#[derive(FromRow)]
struct LoginRow {
    tenant_id: String,
    #[sqlx(flatten)]
    user: UserRow,
}

/// What sign-up and log-in answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Session {
    /// The access token.
    #[serde(flatten)]
    pub token: IssuedToken,
    /// The user it is for.
    pub user: User,
    /// The user's school.
    pub school: School,
}

fn check_subdomain(check: &mut Check, subdomain: &str) {
    let ok = (3..=63).contains(&subdomain.len())
        && subdomain.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !subdomain.starts_with('-')
        && !subdomain.ends_with('-');
    check.ensure(ok, "subdomain", "must be 3 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen");
}

/// Hashes on a blocking thread: Argon2 takes tens of milliseconds of CPU by design.
pub(crate) async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || auth::hash_password(&password)).await.map_err(ApiError::internal)?
}

/// Verifies on a blocking thread; an unknown user is checked against a dummy hash so that the
/// answer takes as long as for a known one.
pub(crate) async fn verify(password: String, hash: Option<String>) -> Result<bool, ApiError> {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| DUMMY.get_or_init(|| auth::hash_password("dummy password").unwrap_or_default()).clone());
        known && auth::verify_password(&password, &hash)
    })
    .await
    .map_err(ApiError::internal)
}

/// Signs a school up: the school, its 14-day trial, its first admin, and a token for them.
#[utoipa::path(post, path = "/signup", tag = "auth", request_body = SignUp,
    responses((status = 201, body = Session), (status = 409, body = ErrorBody, description = "the subdomain is taken"),
        (status = 422, body = ErrorBody)))]
async fn signup(
    State(state): State<AppState>,
    address: ClientAddress,
    Body(input): Body<SignUp>,
) -> Result<(StatusCode, Json<Session>), ApiError> {
    let week = input.week.unwrap_or_else(Week::standard);
    let plan = input.plan.unwrap_or(Plan::Basic);
    let mut check = Check::new();
    check.name("school_name", &input.school_name);
    check_subdomain(&mut check, &input.subdomain);
    check.name("admin_name", &input.admin_name);
    check_email(&mut check, "admin_email", &input.admin_email);
    check_password(&mut check, "password", &input.password);
    check.ensure(plan != Plan::Enterprise, "plan", "enterprise is arranged with the platform's staff; sign up as basic or standard");
    week.check(&mut check, "week.");
    check.finish()?;

    let password_hash = hash(input.password).await?;
    let now = state.now();
    let tenant = TenantId(new_id("ten"));
    let user = User {
        id: new_id("usr"),
        email: normalize_email(&input.admin_email),
        name: input.admin_name,
        role: Role::SchoolAdmin,
        created_at: now,
    };
    let mut tx = state.db().write().await?;
    let taken: Option<String> =
        sqlx::query_scalar("SELECT id FROM tenants WHERE subdomain = $1").bind(&input.subdomain).fetch_optional(&mut *tx).await?;
    if taken.is_some() {
        return Err(ApiError::conflict(format!("the subdomain {:?} is taken", input.subdomain)));
    }
    sqlx::query("INSERT INTO tenants (id, name, subdomain, days, periods_per_day, day_names, period_names, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&tenant.0)
        .bind(&input.school_name)
        .bind(&input.subdomain)
        .bind(i64::from(week.days))
        .bind(i64::from(week.periods_per_day))
        .bind(serde_json::to_string(&week.day_names).map_err(ApiError::internal)?)
        .bind(serde_json::to_string(&week.period_names).map_err(ApiError::internal)?)
        .bind(now.millis())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO users (tenant_id, id, email, name, role, password_hash, password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(&tenant.0)
    .bind(&user.id)
    .bind(&user.email)
    .bind(&user.name)
    .bind(user.role.as_str())
    .bind(&password_hash)
    .bind(now.millis())
    .execute(&mut *tx)
    .await?;
    billing::store::start_trial(&mut tx, &tenant, plan, input.cycle.unwrap_or(Cycle::Monthly), now).await?;
    // The admin's first address is one they sign in from: an attacker cannot lock them out of it.
    sign_in::remember(&mut tx, &sign_in::user_account(&input.subdomain, &user.email), &address.0, now).await?;
    tx.commit().await?;
    tracing::info!(tenant = %tenant.0, subdomain = %input.subdomain, "school signed up");

    let token = state.tokens().issue(&Subject::User { tenant: tenant.clone(), user: user.id.clone() }, now)?;
    let school = school(state.db(), &tenant).await?;
    Ok((StatusCode::CREATED, Json(Session { token, user, school })))
}

/// Credentials of a school's user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogIn {
    /// The school's subdomain.
    pub subdomain: String,
    /// The user's e-mail address.
    pub email: String,
    /// The user's password.
    pub password: String,
}

/// Logs a user in: a token valid for 12 hours.
///
/// Failed log-ins are throttled per account and per client address (see the `sign_in` module):
/// too many answer 429 with `Retry-After`.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LogIn,
    responses((status = 200, body = Session), (status = 401, body = ErrorBody, description = "wrong subdomain, e-mail or password"),
        (status = 429, body = ErrorBody, description = "too many failed log-ins for the account or from the address; `Retry-After` says when to try again")))]
async fn login(State(state): State<AppState>, address: ClientAddress, Body(input): Body<LogIn>) -> Result<Json<Session>, ApiError> {
    let account = sign_in::user_account(&input.subdomain, &normalize_email(&input.email));
    let attempt = sign_in::admit(state.db(), state.now(), account, address.0).await?;
    let found: Option<(String, UserRow)> = sqlx::query_as::<_, LoginRow>(
        "SELECT u.tenant_id, u.id, u.email, u.name, u.role, u.password_hash, u.created_at FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE t.subdomain = $1 AND u.email = $2",
    )
    .bind(&input.subdomain)
    .bind(normalize_email(&input.email))
    .fetch_optional(state.db().pool())
    .await?
    .map(|r| (r.tenant_id, r.user));
    let hash = found.as_ref().map(|(_, u)| u.password_hash.clone());
    if !verify(input.password, hash).await? {
        return Err(ApiError::unauthorized("wrong subdomain, e-mail or password"));
    }
    let Some((tenant, user)) = found else {
        return Err(ApiError::unauthorized("wrong subdomain, e-mail or password"));
    };
    attempt.succeeded(state.db(), state.now()).await?;
    let tenant = TenantId(tenant);
    let user = user.user()?;
    let token = state.tokens().issue(&Subject::User { tenant: tenant.clone(), user: user.id.clone() }, state.now())?;
    Ok(Json(Session { token, user, school: school(state.db(), &tenant).await? }))
}

/// The caller's school.
#[utoipa::path(get, path = "/school", tag = "school", security(("bearer" = [])),
    responses((status = 200, body = School), (status = 401, body = ErrorBody)))]
async fn get_school(State(state): State<AppState>, member: Member) -> Result<Json<School>, ApiError> {
    Ok(Json(school(state.db(), &member.tenant).await?))
}

/// New settings of a school.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SchoolUpdate {
    /// The school's name.
    pub name: String,
    /// Its week. Shrinking it leaves teachers' unavailable slots and lessons that no longer fit,
    /// which the next solve reports.
    pub week: Week,
}

/// Changes the school's name or week.
#[utoipa::path(put, path = "/school", tag = "school", security(("bearer" = [])), request_body = SchoolUpdate,
    responses((status = 200, body = School), (status = 402, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_school(
    State(state): State<AppState>,
    Editor(member): Editor,
    Body(input): Body<SchoolUpdate>,
) -> Result<Json<School>, ApiError> {
    let mut check = Check::new();
    check.name("name", &input.name);
    input.week.check(&mut check, "week.");
    check.finish()?;
    sqlx::query("UPDATE tenants SET name = $2, days = $3, periods_per_day = $4, day_names = $5, period_names = $6 WHERE id = $1")
        .bind(&member.tenant.0)
        .bind(&input.name)
        .bind(i64::from(input.week.days))
        .bind(i64::from(input.week.periods_per_day))
        .bind(serde_json::to_string(&input.week.day_names).map_err(ApiError::internal)?)
        .bind(serde_json::to_string(&input.week.period_names).map_err(ApiError::internal)?)
        .execute(state.db().pool())
        .await?;
    Ok(Json(school(state.db(), &member.tenant).await?))
}

/// A new user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// Their e-mail address, unique in the school.
    pub email: String,
    /// Their name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Their first password, at least 10 characters.
    pub password: String,
}

/// Changes to a user; the e-mail address stays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserUpdate {
    /// Their name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// A new password, when given.
    #[serde(default)]
    pub password: Option<String>,
}

/// The school's users, by name.
#[utoipa::path(get, path = "/users", tag = "school", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Paginated<User>), (status = 403, body = ErrorBody)))]
async fn list_users(
    State(state): State<AppState>,
    Admin(member): Admin,
    Params(page): Params<PageParams>,
) -> Result<Json<Paginated<User>>, ApiError> {
    let Page { limit, offset } = page.page()?;
    let rows: Vec<UserRow> = sqlx::query_as("SELECT * FROM users WHERE tenant_id = $1 ORDER BY name, id LIMIT $2 OFFSET $3")
        .bind(&member.tenant.0)
        .bind(limit)
        .bind(offset)
        .fetch_all(state.db().pool())
        .await?;
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE tenant_id = $1").bind(&member.tenant.0).fetch_one(state.db().pool()).await?;
    let users = rows.into_iter().map(UserRow::user).collect::<Result<_, _>>()?;
    Ok(Json(Paginated::new(users, total, Page { limit, offset })))
}

async fn user<'e>(db: impl sqlx::Executor<'e, Database = sqlx::Any>, tenant: &TenantId, id: &str) -> Result<UserRow, ApiError> {
    sqlx::query_as("SELECT * FROM users WHERE tenant_id = $1 AND id = $2")
        .bind(&tenant.0)
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| ApiError::not_found("user"))
}

/// Adds a user to the school.
#[utoipa::path(post, path = "/users", tag = "school", security(("bearer" = [])), request_body = NewUser,
    responses((status = 201, body = User), (status = 409, body = ErrorBody, description = "the e-mail address is taken"), (status = 422, body = ErrorBody)))]
async fn create_user(
    State(state): State<AppState>,
    Editor(member): Editor,
    Body(input): Body<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    let mut check = Check::new();
    check_email(&mut check, "email", &input.email);
    check.name("name", &input.name);
    check_password(&mut check, "password", &input.password);
    check.finish()?;
    let password_hash = hash(input.password).await?;
    let id = new_id("usr");
    sqlx::query(
        "INSERT INTO users (tenant_id, id, email, name, role, password_hash, password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
        .bind(&member.tenant.0)
        .bind(&id)
        .bind(normalize_email(&input.email))
        .bind(&input.name)
        .bind(input.role.as_str())
        .bind(&password_hash)
        .bind(state.now().millis())
        .execute(state.db().pool())
        .await
        .map_err(|e| match ApiError::from(e) {
            err if err.code() == "conflict" => ApiError::conflict(format!("a user with the e-mail address {:?} exists", input.email)),
            err => err,
        })?;
    Ok((StatusCode::CREATED, Json(user(state.db().pool(), &member.tenant, &id).await?.user()?)))
}

/// One user.
#[utoipa::path(get, path = "/users/{id}", tag = "school", security(("bearer" = [])), params(("id" = String, Path, description = "the user's id")),
    responses((status = 200, body = User), (status = 404, body = ErrorBody)))]
async fn get_user(State(state): State<AppState>, Admin(member): Admin, Path(id): Path<String>) -> Result<Json<User>, ApiError> {
    Ok(Json(user(state.db().pool(), &member.tenant, &id).await?.user()?))
}

/// How many school admins the school has besides `except`, inside `tx`.
async fn other_admins(tx: &mut sqlx::Transaction<'_, sqlx::Any>, tenant: &TenantId, except: &str) -> Result<i64, ApiError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND role = 'school_admin' AND id <> $2")
        .bind(&tenant.0)
        .bind(except)
        .fetch_one(&mut **tx)
        .await?)
}

/// Changes a user's name, role or password. The last school admin keeps that role.
#[utoipa::path(put, path = "/users/{id}", tag = "school", security(("bearer" = [])), params(("id" = String, Path, description = "the user's id")),
    request_body = UserUpdate, responses((status = 200, body = User), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn update_user(
    State(state): State<AppState>,
    Editor(member): Editor,
    Path(id): Path<String>,
    Body(input): Body<UserUpdate>,
) -> Result<Json<User>, ApiError> {
    let mut check = Check::new();
    check.name("name", &input.name);
    if let Some(password) = &input.password {
        check_password(&mut check, "password", password);
    }
    check.finish()?;
    let password_hash = match input.password {
        Some(password) => Some(hash(password).await?),
        None => None,
    };
    // The check that the last admin stays and the write land together.
    let mut tx = state.db().write().await?;
    crate::tenant::lock(&mut tx, &member.tenant).await?;
    let old = user(&mut *tx, &member.tenant, &id).await?;
    if old.role == Role::SchoolAdmin.as_str() && input.role != Role::SchoolAdmin && other_admins(&mut tx, &member.tenant, &id).await? == 0 {
        return Err(ApiError::conflict("the school's last admin must stay an admin; make another user admin first"));
    }
    sqlx::query(
        "UPDATE users SET name = $3, role = $4, password_hash = COALESCE($5, password_hash), \
         password_changed_at = CASE WHEN $5 IS NULL THEN password_changed_at ELSE $6 END WHERE tenant_id = $1 AND id = $2",
    )
    .bind(&member.tenant.0)
    .bind(&id)
    .bind(&input.name)
    .bind(input.role.as_str())
    .bind(password_hash)
    .bind(state.now().millis())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Json(user(state.db().pool(), &member.tenant, &id).await?.user()?))
}

/// Removes a user; their tokens stop working at once. The last school admin stays.
#[utoipa::path(delete, path = "/users/{id}", tag = "school", security(("bearer" = [])), params(("id" = String, Path, description = "the user's id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn delete_user(State(state): State<AppState>, Editor(member): Editor, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    let mut tx = state.db().write().await?;
    crate::tenant::lock(&mut tx, &member.tenant).await?;
    let old = user(&mut *tx, &member.tenant, &id).await?;
    if old.role == Role::SchoolAdmin.as_str() && other_admins(&mut tx, &member.tenant, &id).await? == 0 {
        return Err(ApiError::conflict("the school's last admin cannot be removed"));
    }
    sqlx::query("DELETE FROM users WHERE tenant_id = $1 AND id = $2").bind(&member.tenant.0).bind(&id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
