//! The school's data: teachers, classes, rooms, subjects, students, enrollments and weekly
//! lesson plans, and their conversion into the engine's `Problem`.
//!
//! - [`crud`]: list, get, create, update and delete for any [`Resource`], every statement scoped
//!   by the caller's tenant;
//! - [`resources`]: the seven resources, each its table, columns and validation;
//! - [`rules`]: the school's own rules, constraints of the engine's catalog by the school's ids;
//! - [`problem`]: the school's data and rules as a `horarium::Problem` (the school model of the JSON format);
//! - [`api`]: the routes.

pub mod api;
pub mod crud;
pub mod problem;
pub mod resources;
pub mod rules;

use std::future::Future;

use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::FromRow;

use crate::db::Db;
use crate::error::ApiError;
use crate::tenant::{school, TenantId, Week};

/// A value for one column, bound as a statement parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Text.
    Text(String),
    /// An integer.
    Int(i64),
    /// A text column's NULL.
    NullText,
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        v.map_or(Value::NullText, Value::Text)
    }
}

/// What a resource's validation may look at.
pub struct Ctx<'a> {
    /// The database.
    pub db: &'a Db,
    /// The caller's tenant.
    pub tenant: &'a TenantId,
    /// The row being updated; `None` when creating.
    pub id: Option<&'a str>,
}

impl Ctx<'_> {
    /// The school's week, for checking slots and lesson lengths.
    pub async fn week(&self) -> Result<Week, ApiError> {
        Ok(school(self.db, self.tenant).await?.week)
    }

    /// Whether `table` has a row `id` of this tenant.
    pub async fn exists(&self, table: &str, id: &str) -> Result<bool, ApiError> {
        let found: Option<i64> = sqlx::query_scalar(&format!("SELECT 1 FROM {table} WHERE tenant_id = $1 AND id = $2"))
            .bind(&self.tenant.0)
            .bind(id)
            .fetch_optional(self.db.pool())
            .await?;
        Ok(found.is_some())
    }
}

/// A kind of row of the school's data, served by the generic [`crud`] routes.
pub trait Resource: for<'r> FromRow<'r, AnyRow> + Serialize + utoipa::ToSchema + Send + Unpin + 'static {
    /// What a client sends to create or replace one.
    type Input: DeserializeOwned + Send + 'static;
    /// The query parameters its list may be filtered by.
    type Filter: DeserializeOwned + Send + 'static;
    /// Its table.
    const TABLE: &'static str;
    /// Its name in messages: "teacher".
    const WHAT: &'static str;
    /// The prefix of its ids: "tch".
    const PREFIX: &'static str;
    /// The columns an input sets, in the order [`Resource::prepare`] gives their values.
    const COLUMNS: &'static [&'static str];
    /// How lists are ordered.
    const ORDER: &'static str;
    /// Hidden from students (other students' names and classes).
    const STAFF_ONLY: bool;

    /// Checks an input against every rule, the tenant's other rows included, and gives the values
    /// of [`Resource::COLUMNS`]; a 422 listing every problem otherwise.
    fn prepare(input: Self::Input, ctx: &Ctx<'_>) -> impl Future<Output = Result<Vec<Value>, ApiError>> + Send;

    /// The column equalities a filter asks for.
    fn conditions(filter: &Self::Filter) -> Vec<(&'static str, String)>;
}
