//! Tenants (schools), their users and the platform's operators.
//!
//! A tenant is one school: its name, its subdomain (how its users log in), its week (days ×
//! periods) and a pointer to its current timetable. Every other table holds rows of exactly one
//! tenant, and every query names the tenant of the caller's token, never one from the request.

pub mod api;
pub mod operator;

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use utoipa::ToSchema;

use crate::clock::Timestamp;
use crate::db::Db;
use crate::error::ApiError;
use crate::validate::Check;

/// The id of a tenant.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TenantId(pub String);

/// Most days in a school's cycle (a fortnight of weekdays is 10).
pub const MAX_DAYS: i64 = 14;
/// Most periods in a school day.
pub const MAX_PERIODS: i64 = 16;

/// A school's week: how many days, how many periods a day, and their names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Week {
    /// Teaching days in the cycle, 1 to 14 (10 for an A/B fortnight).
    pub days: u16,
    /// Periods in every day, 1 to 16.
    pub periods_per_day: u16,
    /// One name per day ("Mon"), or none.
    #[serde(default)]
    pub day_names: Vec<String>,
    /// One name per period ("08:00"), or none.
    #[serde(default)]
    pub period_names: Vec<String>,
}

impl Week {
    /// Monday to Friday, eight periods named 1 to 8.
    pub fn standard() -> Self {
        Week {
            days: 5,
            periods_per_day: 8,
            day_names: ["Mon", "Tue", "Wed", "Thu", "Fri"].map(String::from).to_vec(),
            period_names: (1..=8).map(|p| p.to_string()).collect(),
        }
    }

    /// Records every problem of this week, its fields under `prefix`.
    pub fn check(&self, check: &mut Check, prefix: &str) {
        check.range(&format!("{prefix}days"), i64::from(self.days), 1, MAX_DAYS);
        check.range(&format!("{prefix}periods_per_day"), i64::from(self.periods_per_day), 1, MAX_PERIODS);
        for (field, names, count) in [("day_names", &self.day_names, self.days), ("period_names", &self.period_names, self.periods_per_day)]
        {
            check.ensure(
                names.is_empty() || names.len() == usize::from(count),
                format!("{prefix}{field}"),
                format!("must give one name for each of the {count}, or none"),
            );
            for (i, name) in names.iter().enumerate() {
                check.name(&format!("{prefix}{field}[{i}]"), name);
            }
        }
    }

    /// The engine's calendar.
    pub fn calendar(&self) -> horarium::Calendar {
        horarium::Calendar {
            days: self.days,
            periods_per_day: self.periods_per_day,
            day_names: self.day_names.clone(),
            period_names: self.period_names.clone(),
            breaks: Vec::new(),
        }
    }
}

#[derive(FromRow)]
struct SchoolRow {
    id: String,
    name: String,
    subdomain: String,
    days: i64,
    periods_per_day: i64,
    day_names: String,
    period_names: String,
    current_version_id: Option<String>,
    created_at: i64,
}

/// A school: one tenant of the platform.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct School {
    /// The tenant's id.
    pub id: String,
    /// The school's name.
    pub name: String,
    /// Its users log in with it: `POST /auth/login {"subdomain": ...}`.
    pub subdomain: String,
    /// The week its timetables fill.
    pub week: Week,
    /// The timetable version in use, if any.
    pub current_version_id: Option<String>,
    /// When the school signed up.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

impl TryFrom<SchoolRow> for School {
    type Error = ApiError;

    fn try_from(r: SchoolRow) -> Result<Self, ApiError> {
        let names = |text: &str| serde_json::from_str::<Vec<String>>(text).map_err(ApiError::internal);
        Ok(School {
            week: Week {
                days: u16::try_from(r.days).map_err(ApiError::internal)?,
                periods_per_day: u16::try_from(r.periods_per_day).map_err(ApiError::internal)?,
                day_names: names(&r.day_names)?,
                period_names: names(&r.period_names)?,
            },
            id: r.id,
            name: r.name,
            subdomain: r.subdomain,
            current_version_id: r.current_version_id,
            created_at: r.created_at.into(),
        })
    }
}

/// The school of `tenant`.
pub async fn school(db: &Db, tenant: &TenantId) -> Result<School, ApiError> {
    school_in(db.pool(), tenant).await
}

/// The school of `tenant`, read through `executor` (a transaction's connection, say).
pub async fn school_in<'e>(executor: impl sqlx::Executor<'e, Database = sqlx::Any>, tenant: &TenantId) -> Result<School, ApiError> {
    let row: Option<SchoolRow> = sqlx::query_as("SELECT * FROM tenants WHERE id = $1").bind(&tenant.0).fetch_optional(executor).await?;
    row.ok_or_else(|| ApiError::not_found("school"))?.try_into()
}

/// Serializes the writers of one tenant inside `tx`, until it ends: a check that must hold when
/// the write lands ("the last admin stays", "at most 10 pending jobs") is then not raced. It
/// locks the tenant's row on PostgreSQL; on SQLite, a write transaction holds the database's
/// one write lock already.
pub async fn lock(tx: &mut sqlx::Transaction<'_, sqlx::Any>, tenant: &TenantId) -> Result<(), ApiError> {
    let locked = sqlx::query("UPDATE tenants SET name = name WHERE id = $1").bind(&tenant.0).execute(&mut **tx).await?;
    if locked.rows_affected() == 0 {
        return Err(ApiError::not_found("school"));
    }
    Ok(())
}

/// The schools, oldest first, for operators.
pub async fn schools(db: &Db, limit: i64, offset: i64) -> Result<(Vec<School>, i64), ApiError> {
    let rows: Vec<SchoolRow> = sqlx::query_as("SELECT * FROM tenants ORDER BY created_at, id LIMIT $1 OFFSET $2")
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tenants").fetch_one(db.pool()).await?;
    Ok((rows.into_iter().map(School::try_from).collect::<Result<_, _>>()?, total))
}

/// Records the problems of an e-mail address (a light check: one `@`, something either side).
pub fn check_email(check: &mut Check, field: &str, email: &str) {
    let ok = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.contains('@'));
    check.ensure(ok, field, "must be an e-mail address such as ada@school.org");
}

/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 10;

/// Records the problems of a new password.
pub fn check_password(check: &mut Check, field: &str, password: &str) {
    check.ensure(password.chars().count() >= MIN_PASSWORD, field, format!("must be at least {MIN_PASSWORD} characters"));
    check.ensure(password.len() <= 1024, field, "must be at most 1024 bytes");
}

/// E-mail addresses are compared without case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_must_name_all_its_days_or_none() {
        let mut check = Check::new();
        Week::standard().check(&mut check, "week.");
        assert!(check.is_clean());
        let mut check = Check::new();
        Week { days: 0, periods_per_day: 17, day_names: vec!["Mon".into()], period_names: vec![] }.check(&mut check, "week.");
        let err = check.finish().unwrap_err();
        assert!(err.to_string().contains("3 problems"), "{err}");
    }

    #[test]
    fn emails_and_passwords() {
        let mut check = Check::new();
        check_email(&mut check, "email", "ada@school.org");
        check_password(&mut check, "password", "0123456789");
        assert!(check.is_clean());
        for bad in ["ada", "ada@school", "@school.org", "a da@school.org", "a@b@c.org"] {
            let mut check = Check::new();
            check_email(&mut check, "email", bad);
            assert!(!check.is_clean(), "{bad}");
        }
        let mut check = Check::new();
        check_password(&mut check, "password", "short");
        assert!(!check.is_clean());
        assert_eq!(normalize_email(" Ada@School.ORG "), "ada@school.org");
    }
}
