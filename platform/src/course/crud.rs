//! List, get, create, update and delete for any [`Resource`].
//!
//! Every statement has `tenant_id = $1`, bound to the caller's tenant, so a row of another tenant
//! is never read, changed or counted: asking for one by id answers 404, like a row that does not
//! exist. Table and column names come from the resources' constants, never from the request.

use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Any;

use super::{Ctx, Resource, Value};
use crate::api::{Page, PageParams, Paginated};
use crate::auth::{Member, Role};
use crate::clock::Timestamp;
use crate::db::{new_id, Db};
use crate::error::ApiError;
use crate::tenant::TenantId;

fn bind<'q>(query: Query<'q, Any, AnyArguments<'q>>, value: Value) -> Query<'q, Any, AnyArguments<'q>> {
    match value {
        Value::Text(s) => query.bind(s),
        Value::Int(i) => query.bind(i),
        Value::NullText => query.bind(None::<String>),
    }
}

fn readable<R: Resource>(member: &Member) -> Result<(), ApiError> {
    if R::STAFF_ONLY && member.role == Role::Student {
        Err(ApiError::forbidden(format!("students may not see the school's {} records", R::WHAT)))
    } else {
        Ok(())
    }
}

/// A page of the tenant's rows, filtered by `filter`.
pub async fn list<R: Resource>(db: &Db, member: &Member, page: PageParams, filter: R::Filter) -> Result<Paginated<R>, ApiError> {
    readable::<R>(member)?;
    let Page { limit, offset } = page.page()?;
    let conditions = R::conditions(&filter);
    let mut predicate = String::from("tenant_id = $1");
    for (i, (column, _)) in conditions.iter().enumerate() {
        predicate.push_str(&format!(" AND {column} = ${}", i + 2));
    }
    let n = conditions.len();
    let select = format!("SELECT * FROM {} WHERE {predicate} ORDER BY {} LIMIT ${} OFFSET ${}", R::TABLE, R::ORDER, n + 2, n + 3);
    let mut rows = sqlx::query_as::<_, R>(&select).bind(&member.tenant.0);
    for (_, value) in &conditions {
        rows = rows.bind(value.clone());
    }
    let items = rows.bind(limit).bind(offset).fetch_all(db.pool()).await?;
    let count = format!("SELECT COUNT(*) FROM {} WHERE {predicate}", R::TABLE);
    let mut total = sqlx::query_scalar::<_, i64>(&count).bind(&member.tenant.0);
    for (_, value) in &conditions {
        total = total.bind(value.clone());
    }
    let total = total.fetch_one(db.pool()).await?;
    Ok(Paginated::new(items, total, Page { limit, offset }))
}

async fn fetch<R: Resource>(db: &Db, tenant: &TenantId, id: &str) -> Result<R, ApiError> {
    sqlx::query_as::<_, R>(&format!("SELECT * FROM {} WHERE tenant_id = $1 AND id = $2", R::TABLE))
        .bind(&tenant.0)
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or_else(|| ApiError::not_found(R::WHAT))
}

/// One row of the tenant's.
pub async fn get<R: Resource>(db: &Db, member: &Member, id: &str) -> Result<R, ApiError> {
    readable::<R>(member)?;
    fetch(db, &member.tenant, id).await
}

/// A duplicate name (or other unique value) as a conflict naming the resource.
fn conflict<R: Resource>(err: sqlx::Error) -> ApiError {
    let err = ApiError::from(err);
    if err.code() == "conflict" {
        ApiError::conflict(format!("a {} with the same name (or the same unique value) already exists", R::WHAT))
    } else {
        err
    }
}

/// Creates a row from `input`.
pub async fn create<R: Resource>(db: &Db, tenant: &TenantId, input: R::Input, now: Timestamp) -> Result<R, ApiError> {
    let values = R::prepare(input, &Ctx { db, tenant, id: None }).await?;
    let id = new_id(R::PREFIX);
    let columns = R::COLUMNS.join(", ");
    let placeholders: Vec<String> = (0..R::COLUMNS.len()).map(|i| format!("${}", i + 4)).collect();
    let sql = format!("INSERT INTO {} (tenant_id, id, created_at, {columns}) VALUES ($1, $2, $3, {})", R::TABLE, placeholders.join(", "));
    let mut query = sqlx::query(&sql).bind(&tenant.0).bind(&id).bind(now.millis());
    for value in values {
        query = bind(query, value);
    }
    query.execute(db.pool()).await.map_err(conflict::<R>)?;
    fetch(db, tenant, &id).await
}

/// Replaces the row `id` with `input`.
pub async fn update<R: Resource>(db: &Db, tenant: &TenantId, id: &str, input: R::Input) -> Result<R, ApiError> {
    // 404 before any validation, so that another tenant's id learns nothing from the answer.
    fetch::<R>(db, tenant, id).await?;
    let values = R::prepare(input, &Ctx { db, tenant, id: Some(id) }).await?;
    let assignments: Vec<String> = R::COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 3)).collect();
    let sql = format!("UPDATE {} SET {} WHERE tenant_id = $1 AND id = $2", R::TABLE, assignments.join(", "));
    let mut query = sqlx::query(&sql).bind(&tenant.0).bind(id);
    for value in values {
        query = bind(query, value);
    }
    if query.execute(db.pool()).await.map_err(conflict::<R>)?.rows_affected() == 0 {
        return Err(ApiError::not_found(R::WHAT));
    }
    fetch(db, tenant, id).await
}

/// Deletes the row `id`; a row still referenced (a teacher with lesson plans) is a conflict.
pub async fn delete<R: Resource>(db: &Db, tenant: &TenantId, id: &str) -> Result<(), ApiError> {
    let done = sqlx::query(&format!("DELETE FROM {} WHERE tenant_id = $1 AND id = $2", R::TABLE))
        .bind(&tenant.0)
        .bind(id)
        .execute(db.pool())
        .await
        .map_err(|e| match ApiError::from(e) {
            err if err.code() == "conflict" => ApiError::conflict(format!(
                "this {} is still used by other records (such as lesson plans or subgroups); change or remove those first",
                R::WHAT
            )),
            err => err,
        })?;
    if done.rows_affected() == 0 {
        return Err(ApiError::not_found(R::WHAT));
    }
    Ok(())
}
