//! What every route shares: the JSON body and query extractors (which answer malformed input in
//! the one error shape, naming the field), pagination, and the assembly of all routes into one
//! router with its OpenAPI document.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::Router;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::app::AppState;
use crate::error::ApiError;
use crate::validate::Check;

/// Largest request body accepted, in bytes: a thousand-class school's data fits many times over.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// A JSON request body. A body not sent as JSON answers 415, one too large 413, malformed JSON
/// 400, and JSON of the wrong shape 422 naming the field (`lessons[2]: invalid type: string "x",
/// expected u16`).
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json")));
        if !is_json {
            return Err(ApiError::not_json());
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::too_large(MAX_BODY)
            } else {
                ApiError::bad_request(format!("cannot read the body: {}", e.body_text()))
            }
        })?;
        parse_json(&bytes).map(Body)
    }
}

/// Parses a JSON body: syntax errors are 400, shape errors 422 with the field's path.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => de.end().map(|()| value).map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}"))),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            if inner.is_syntax() || inner.is_eof() || inner.is_io() {
                Err(ApiError::bad_request(format!("the body is not valid JSON: {inner}")))
            } else {
                let field = if path == "." { "body".to_owned() } else { path };
                Err(ApiError::invalid_field(field, strip_position(&inner.to_string())))
            }
        }
    }
}

/// serde_json's message without " at line 1 column 42", which the field path makes redundant.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// A query string, parsed into `T`; a malformed one answers 422 naming the parameter.
#[derive(Debug)]
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de).map(Params).map_err(|err| {
            let path = err.path().to_string();
            ApiError::invalid_field(if path == "." { "query".to_owned() } else { path }, err.into_inner().to_string())
        })
    }
}

/// Default number of items per page.
pub const DEFAULT_LIMIT: i64 = 50;
/// Most items per page.
pub const MAX_LIMIT: i64 = 500;

/// Which page of a list: `?limit=50&offset=100`.
#[derive(Clone, Copy, Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 500; 50 by default.
    pub limit: Option<i64>,
    /// Items to skip, from 0; 0 by default.
    pub offset: Option<i64>,
}

/// A checked page request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// Items per page.
    pub limit: i64,
    /// Items skipped.
    pub offset: i64,
}

impl PageParams {
    /// The page asked for, or 422 naming the bad parameter.
    pub fn page(self) -> Result<Page, ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        let offset = self.offset.unwrap_or(0);
        let mut check = Check::new();
        check.range("limit", limit, 1, MAX_LIMIT);
        check.range("offset", offset, 0, i64::MAX / 2);
        check.finish()?;
        Ok(Page { limit, offset })
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paginated<T: ToSchema> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items the whole list has.
    pub total: i64,
    /// The page size asked for.
    pub limit: i64,
    /// Items skipped before this page.
    pub offset: i64,
}

impl<T: ToSchema> Paginated<T> {
    /// A page of `items` out of `total`.
    pub fn new(items: Vec<T>, total: i64, page: Page) -> Self {
        Paginated { items, total, limit: page.limit, offset: page.offset }
    }
}

/// The OpenAPI document's fixed parts; the paths are collected from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Horarium platform API",
        description = "Tenants, courses, billing and timetabling jobs of a school-management service. \
            Every error answers with `{\"error\": {\"code\", \"message\", \"fields\"}}`. \
            Log in with POST /api/v1/auth/login and send the token as `Authorization: Bearer <token>`.",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-up and log-in"),
        (name = "school", description = "The school's settings and users"),
        (name = "courses", description = "Teachers, classes, rooms, subjects, students, enrollments and lesson plans"),
        (name = "scheduling", description = "Timetabling jobs and timetable versions"),
        (name = "billing", description = "The subscription and its invoices"),
        (name = "operator", description = "The platform's super admins"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// Every route under `/api/v1`, and the OpenAPI document describing them.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let v1 = OpenApiRouter::new()
        .merge(crate::tenant::api::routes())
        .merge(crate::course::api::routes())
        .merge(crate::scheduling::api::routes())
        .merge(crate::billing::api::routes())
        .merge(crate::billing::webhook::routes())
        .merge(crate::tenant::operator::routes());
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1).split_for_parts()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        #[allow(dead_code, reason = "only parsed")]
        name: String,
        #[allow(dead_code, reason = "only parsed")]
        lessons: Vec<u16>,
    }

    #[test]
    fn a_shape_error_names_its_field_and_a_syntax_error_is_a_bad_request() {
        let err = parse_json::<Input>(br#"{"name": "x", "lessons": [1, "two"]}"#).unwrap_err();
        assert_eq!((err.status().as_u16(), err.code()), (422, "invalid_input"));
        assert!(err.to_string().contains("lessons[1]: invalid type: string \"two\", expected u16"), "{err}");
        let err = parse_json::<Input>(br#"{"name": "x"}"#).unwrap_err();
        assert!(err.to_string().contains("body: missing field `lessons`"), "{err}");
        let err = parse_json::<Input>(br#"{"name": "x", "lessons": [], "extra": 1}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `extra`"), "{err}");
        let err = parse_json::<Input>(br#"{"name": "x", "#).unwrap_err();
        assert_eq!((err.status().as_u16(), err.code()), (400, "bad_request"));
        let err = parse_json::<Input>(br#"{"name": "x", "lessons": []} trailing"#).unwrap_err();
        assert_eq!(err.code(), "bad_request");
    }

    #[test]
    fn pages_are_bounded() {
        assert_eq!(PageParams { limit: None, offset: None }.page().unwrap(), Page { limit: 50, offset: 0 });
        assert!(PageParams { limit: Some(0), offset: None }.page().is_err());
        assert!(PageParams { limit: Some(501), offset: None }.page().is_err());
        assert!(PageParams { limit: Some(10), offset: Some(-1) }.page().is_err());
    }
}
