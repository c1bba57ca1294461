//! The school's own rules: constraints of the engine's catalog, any kind, hard or soft, on its
//! own teachers, classes, rooms, subjects and lesson plans by id.
//!
//! A rule is stored as the catalog's JSON (`{"kind": ..., "level": ..., ...}`, as
//! docs/school-format.md describes each kind) with the school's ids where the catalog names
//! things: a teacher's, class's or room's id for its name, a lesson plan's id for its course, and
//! in a list of courses a subject's id for every lesson plan of that subject. The ids become the
//! names they have now whenever a problem is built, so renaming a teacher keeps the rule; a rule
//! that names a row removed since stops every job with a message naming the rule until it is
//! changed or removed.

use std::collections::HashMap;

use horarium::constraints::ConstraintEntryDef;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use sqlx::any::AnyRow;
use sqlx::{FromRow, Row};
use utoipa::ToSchema;

use super::resources::{created_at, NoFilter};
use super::{Ctx, Resource, Value};
use crate::clock::Timestamp;
use crate::error::{ApiError, FieldError};

/// One of the school's rules.
#[derive(Debug, Serialize, ToSchema)]
pub struct SchoolRule {
    /// Its id.
    pub id: String,
    /// A note for people: why the rule exists.
    pub note: String,
    /// The constraint, as the catalog's JSON with the school's ids (see the `constraints` tag).
    #[schema(value_type = Object)]
    pub constraint: Json,
    /// When it was added.
    #[schema(value_type = String, format = DateTime)]
    pub created_at: Timestamp,
}

/// A rule to create or replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SchoolRuleInput {
    /// A note for people. Default: empty.
    #[serde(default)]
    pub note: String,
    /// The constraint: `{"kind": "unavailable", "level": "hard", "resource": {"teacher": "tch_..."}, "slots": [...]}`,
    /// any kind of the catalog with the school's ids where it names teachers, classes
    /// (groups), rooms and courses (lesson plans; a subject's id stands for all its plans in a
    /// list of courses).
    #[schema(value_type = Object)]
    pub constraint: Json,
}

impl FromRow<'_, AnyRow> for SchoolRule {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        let text: String = row.try_get("definition")?;
        Ok(SchoolRule {
            id: row.try_get("id")?,
            note: row.try_get("note")?,
            constraint: serde_json::from_str(&text).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            created_at: created_at(row)?,
        })
    }
}

/// The names the school's ids stand for now.
#[derive(Debug, Default)]
pub struct Names {
    /// Teacher, class, room and lesson plan ids, each to the one name the engine knows it by.
    pub one: HashMap<String, String>,
    /// Subject ids to the course names of their lesson plans.
    pub subject_courses: HashMap<String, Vec<String>>,
}

impl Names {
    /// `value` with every id replaced by its name, each id that stands for nothing now an issue
    /// at its path under `path`.
    pub fn resolve(&self, value: &Json, path: &str, issues: &mut Vec<FieldError>) -> Json {
        match value {
            Json::String(s) => self.name_of(s, path, issues).map_or(Json::Null, Json::String),
            Json::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (k, item) in items.iter().enumerate() {
                    match item {
                        Json::String(s) if s.starts_with("sub_") => match self.subject_courses.get(s) {
                            Some(courses) => out.extend(courses.iter().cloned().map(Json::String)),
                            None => {
                                issues.push(FieldError { field: format!("{path}[{k}]"), message: format!("no subject {s} in this school") })
                            }
                        },
                        other => out.push(self.resolve(other, &format!("{path}[{k}]"), issues)),
                    }
                }
                Json::Array(out)
            }
            Json::Object(fields) => {
                Json::Object(fields.iter().map(|(key, v)| (key.clone(), self.resolve(v, &format!("{path}.{key}"), issues))).collect())
            }
            other => other.clone(),
        }
    }

    fn name_of(&self, s: &str, path: &str, issues: &mut Vec<FieldError>) -> Option<String> {
        const KINDS: [(&str, &str); 5] =
            [("tch_", "teacher"), ("cls_", "class"), ("room_", "room"), ("plan_", "lesson plan"), ("sub_", "subject")];
        let Some((_, what)) = KINDS.iter().find(|(prefix, _)| s.starts_with(prefix)) else { return Some(s.to_owned()) };
        if let Some(name) = self.one.get(s) {
            return Some(name.clone());
        }
        let message = if s.starts_with("sub_") && self.subject_courses.contains_key(s) {
            "a subject stands for its lesson plans only in a list of courses".to_owned()
        } else {
            format!("no {what} {s} in this school")
        };
        issues.push(FieldError { field: path.to_owned(), message });
        None
    }
}

/// A stored rule with its ids resolved, as the engine's constraint; the issues at `field`.
pub fn to_engine(definition: &Json, names: &Names, field: &str) -> Result<ConstraintEntryDef, Vec<FieldError>> {
    let mut issues = Vec::new();
    let resolved = names.resolve(definition, field, &mut issues);
    if !issues.is_empty() {
        return Err(issues);
    }
    serde_path_to_error::deserialize(&resolved).map_err(|e| {
        let at = e.path().to_string();
        let field = if at == "." { field.to_owned() } else { format!("{field}.{at}") };
        vec![FieldError { field, message: e.into_inner().to_string() }]
    })
}

impl Resource for SchoolRule {
    type Input = SchoolRuleInput;
    type Filter = NoFilter;
    const TABLE: &'static str = "school_rules";
    const WHAT: &'static str = "rule";
    const PREFIX: &'static str = "rule";
    const COLUMNS: &'static [&'static str] = &["note", "definition"];
    const ORDER: &'static str = "created_at, id";
    const STAFF_ONLY: bool = false;

    async fn prepare(input: SchoolRuleInput, ctx: &Ctx<'_>) -> Result<Vec<Value>, ApiError> {
        if input.note.chars().count() > 500 {
            return Err(ApiError::invalid_field("note", "at most 500 characters"));
        }
        // The kind's own checks (names, slots, counts) against the school as it is now, with the
        // rule in place: every issue at its field of `constraint`.
        let (def, names) = super::problem::build_def(ctx.db, ctx.tenant, false).await?;
        let entry = to_engine(&input.constraint, &names, "constraint").map_err(ApiError::invalid)?;
        let mut def = def;
        let at = def.constraints.len();
        def.constraints.push(entry);
        if let Err(issues) = horarium::Problem::from_def(def) {
            let prefix = format!("constraints[{at}]");
            let mine: Vec<FieldError> = issues
                .into_iter()
                .filter_map(|i| {
                    i.field.strip_prefix(&prefix).map(|rest| FieldError { field: format!("constraint{rest}"), message: i.message })
                })
                .collect();
            if !mine.is_empty() {
                return Err(ApiError::invalid(mine));
            }
        }
        Ok(vec![Value::Text(input.note), Value::Text(input.constraint.to_string())])
    }

    fn conditions(_: &NoFilter) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}
