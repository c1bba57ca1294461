//! The API's one error shape, and the crate's error for everything below the HTTP layer.
//!
//! Every failed request answers with a status and the body
//! `{"error": {"code": "...", "message": "...", "fields": [{"field": "...", "message": "..."}]}}`:
//! `code` is stable and meant for programs, `message` is a sentence for people, and `fields`
//! (present only for invalid input) lists every problem found in the input, not just the first.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// An error the API answers with.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: Vec<FieldError>,
    /// Seconds to wait, sent as `Retry-After`.
    retry_after: Option<u64>,
}

/// One problem with one field of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field, as a path into the input: `lessons[2]`, `unavailable[0].day`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// The body of every error response.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable, for programs: `not_found`, `invalid_input`, `unauthorized`, `forbidden`,
    /// `conflict`, `tenant_suspended`, `bad_request`, `method_not_allowed`, `unsupported_media_type`,
    /// `payload_too_large`, `infeasible`, `too_many_attempts`, `internal`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Every problem found in the input, for `invalid_input` and `infeasible`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), fields: Vec::new(), retry_after: None }
    }

    /// 404: `what` (such as "teacher") does not exist, or belongs to another tenant, which is
    /// deliberately indistinguishable.
    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("no such {what}"))
    }

    /// 422: the input is well-formed JSON but breaks these rules.
    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [one] => format!("invalid input: {}: {}", one.field, one.message),
            many => format!("invalid input: {} problems, listed in fields", many.len()),
        };
        ApiError { fields, ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", message) }
    }

    /// 422 for one field.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::invalid(vec![FieldError { field: field.into(), message: message.into() }])
    }

    /// 422: the school's data cannot make a timetable without hard violations, for `reasons`.
    pub fn infeasible(message: impl Into<String>, reasons: Vec<FieldError>) -> Self {
        ApiError { fields: reasons, ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "infeasible", message) }
    }

    /// 400: the request itself is malformed (not JSON, a bad query string).
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 415: the body is not sent as JSON.
    pub fn not_json() -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "the body must be JSON, sent with Content-Type: application/json",
        )
    }

    /// 413: the body is larger than the API accepts.
    pub fn too_large(limit: usize) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", format!("the body is larger than the {limit} bytes accepted"))
    }

    /// 405: the route exists but not with this method.
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "this route does not take that method: see /api/v1/openapi.json for the API",
        )
    }

    /// 401: no valid credentials.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 403: authenticated, but the role does not allow this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 409: the change conflicts with existing data (a duplicate name, a row still in use).
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// 429: too many failed sign-ins for the account or from the address (see
    /// [`crate::sign_in`]); try again after `seconds`, which `Retry-After` says too.
    pub fn too_many_attempts(seconds: u64) -> Self {
        let message = format!("too many failed sign-ins for this account or from this address; try again in {seconds} s");
        ApiError { retry_after: Some(seconds), ..Self::new(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", message) }
    }

    /// 402: the tenant is suspended for non-payment and may only read.
    pub fn suspended() -> Self {
        Self::new(
            StatusCode::PAYMENT_REQUIRED,
            "tenant_suspended",
            "this school's subscription is suspended after a failed payment: it can read its data but change nothing until the invoice is paid",
        )
    }

    /// 500: a fault of the server; the cause is logged, not shown.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!("internal error: {cause}");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error; it has been logged")
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: ErrorDetail { code: self.code.to_owned(), message: self.message, fields: self.fields } };
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                ApiError::conflict("a record with the same name (or the same unique value) already exists")
            }
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                ApiError::conflict("the record is still in use by others (remove those first), or names one that does not exist")
            }
            _ => ApiError::internal(format!("database: {err}")),
        }
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        match err {
            Error::Database(e) => e.into(),
            other => ApiError::internal(other),
        }
    }
}

/// The crate's error outside the HTTP layer: opening storage, migrating, starting the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database refused or failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database URL is not one this platform can use.
    #[error("database URL {url:?}: {reason}")]
    DatabaseUrl {
        /// The URL as given.
        url: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// A file or socket could not be used.
    #[error("{what}: {source}")]
    Io {
        /// What was being done, naming the path or address.
        what: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// Stored data could not be read back (a bug or a hand-edited database).
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
}
