//! Who is calling: password hashes (Argon2id), signed access tokens (HS256 JWTs), and the
//! extractors that let a handler's signature say who may call it.
//!
//! - [`Member`]: any user of a tenant (school admin, teacher or student); reads.
//! - [`Admin`]: a school admin of the tenant; reads of users and billing.
//! - [`Editor`]: a school admin of a tenant that is not suspended; every change.
//! - [`OperatorAuth`]: a super admin of the platform, for `/operator` routes only.
//!
//! The tenant comes from the token, never from the request, so a handler cannot be asked about
//! another tenant; the user's role is read from the database on every request, so removing a
//! user or changing a role takes effect at once, not when the token expires.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::clock::Timestamp;
use crate::error::ApiError;
use crate::tenant::TenantId;

/// How long an access token is valid.
pub const TOKEN_HOURS: i64 = 12;

/// A user's role within a tenant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the school's account: data, users, timetables and billing.
    SchoolAdmin,
    /// Reads the school's data and timetables.
    Teacher,
    /// Reads the timetables and the school's data, except other students.
    Student,
}

impl Role {
    /// The name stored in the database and in tokens.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::SchoolAdmin => "school_admin",
            Role::Teacher => "teacher",
            Role::Student => "student",
        }
    }

    /// The role stored as `name`.
    pub fn parse(name: &str) -> Option<Role> {
        match name {
            "school_admin" => Some(Role::SchoolAdmin),
            "teacher" => Some(Role::Teacher),
            "student" => Some(Role::Student),
            _ => None,
        }
    }
}

/// Hashes a password with Argon2id and a random salt, in the PHC string format.
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(ApiError::internal)
}

/// Whether `password` matches a hash made by [`hash_password`].
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// 32 random bytes as hex: a secret to sign tokens with.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a token says.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// The user's or operator's id.
    sub: String,
    /// The tenant, for a tenant's user; absent for an operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tid: Option<String>,
    /// Issued at, seconds since the epoch.
    iat: i64,
    /// Expires at, seconds since the epoch.
    exp: i64,
}

/// Signs and checks access tokens.
pub struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tokens { .. }")
    }
}

/// A signed token and when it expires.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedToken {
    /// The bearer token: send it as `Authorization: Bearer <token>`.
    pub token: String,
    /// When it stops being accepted.
    #[schema(value_type = String, format = DateTime)]
    pub expires_at: Timestamp,
}

/// Who a valid token names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A user of a tenant.
    User {
        /// The tenant.
        tenant: TenantId,
        /// The user's id.
        user: String,
    },
    /// A super admin of the platform.
    Operator(String),
}

impl Tokens {
    /// Tokens signed with `secret`; every server sharing a database must share the secret.
    pub fn new(secret: &str) -> Self {
        Tokens { encoding: EncodingKey::from_secret(secret.as_bytes()), decoding: DecodingKey::from_secret(secret.as_bytes()) }
    }

    /// A token for `subject`, issued at `now`.
    pub fn issue(&self, subject: &Subject, now: Timestamp) -> Result<IssuedToken, ApiError> {
        let expires_at = Timestamp::from_millis(now.millis() + TOKEN_HOURS * 3_600_000);
        let (sub, tid) = match subject {
            Subject::User { tenant, user } => (user.clone(), Some(tenant.0.clone())),
            Subject::Operator(id) => (id.clone(), None),
        };
        let claims = Claims { sub, tid, iat: now.millis() / 1000, exp: expires_at.millis() / 1000 };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(ApiError::internal)?;
        Ok(IssuedToken { token, expires_at })
    }

    /// The subject of a valid, unexpired token signed by this server, at `now`, and when (in
    /// seconds since the epoch) the token was issued.
    pub fn check(&self, token: &str, now: Timestamp) -> Result<(Subject, i64), ApiError> {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is checked against the application's clock below, not the system's.
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|_| ApiError::unauthorized("the access token is invalid"))?
            .claims;
        if claims.exp * 1000 <= now.millis() {
            return Err(ApiError::unauthorized("the access token has expired; log in again"));
        }
        let subject = match claims.tid {
            Some(tenant) => Subject::User { tenant: TenantId(tenant), user: claims.sub },
            None => Subject::Operator(claims.sub),
        };
        Ok((subject, claims.iat))
    }
}

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let header = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or_else(|| ApiError::unauthorized("missing Authorization header: send `Authorization: Bearer <token>` from /auth/login"))?;
    header
        .to_str()
        .ok()
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized("the Authorization header must be `Bearer <token>`"))
}

/// A user of a tenant, authenticated.
#[derive(Clone, Debug)]
pub struct Member {
    /// The user's tenant: every query the request makes is scoped by it.
    pub tenant: TenantId,
    /// The user's id.
    pub user: String,
    /// The user's role, as stored now.
    pub role: Role,
}

impl FromRequestParts<AppState> for Member {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?;
        match state.tokens().check(token, state.now())? {
            (Subject::User { tenant, user }, issued_at) => {
                let found: Option<(String, i64)> =
                    sqlx::query_as("SELECT role, password_changed_at FROM users WHERE tenant_id = $1 AND id = $2")
                        .bind(&tenant.0)
                        .bind(&user)
                        .fetch_optional(state.db().pool())
                        .await?;
                let (role, password_changed_at) = found.ok_or_else(|| ApiError::unauthorized("the user of this token no longer exists"))?;
                // Seconds, as tokens count them: a token of the second of the change still passes.
                if issued_at < password_changed_at.div_euclid(1000) {
                    return Err(ApiError::unauthorized("the password was changed after this token was issued; log in again"));
                }
                let role = Role::parse(&role).ok_or_else(|| ApiError::internal(format!("unknown role {role:?} stored for {user}")))?;
                Ok(Member { tenant, user, role })
            }
            (Subject::Operator(_), _) => {
                Err(ApiError::forbidden("an operator's token is for the /operator routes; log in as a user of the school"))
            }
        }
    }
}

/// A school admin of the tenant, authenticated.
#[derive(Clone, Debug)]
pub struct Admin(pub Member);

impl FromRequestParts<AppState> for Admin {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let member = Member::from_request_parts(parts, state).await?;
        if member.role != Role::SchoolAdmin {
            return Err(ApiError::forbidden(format!("this needs a school admin; you are a {}", member.role.as_str().replace('_', " "))));
        }
        Ok(Admin(member))
    }
}

/// A school admin of a tenant that may change its data: not suspended for non-payment.
#[derive(Clone, Debug)]
pub struct Editor(pub Member);

impl FromRequestParts<AppState> for Editor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Admin(member) = Admin::from_request_parts(parts, state).await?;
        if crate::billing::store::is_suspended(state.db(), &member.tenant, state.now()).await? {
            return Err(ApiError::suspended());
        }
        Ok(Editor(member))
    }
}

/// A super admin of the platform, authenticated.
#[derive(Clone, Debug)]
pub struct OperatorAuth {
    /// The operator's id.
    pub id: String,
}

impl FromRequestParts<AppState> for OperatorAuth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?;
        match state.tokens().check(token, state.now())? {
            (Subject::Operator(id), _) => {
                let known: Option<String> =
                    sqlx::query_scalar("SELECT id FROM operators WHERE id = $1").bind(&id).fetch_optional(state.db().pool()).await?;
                known.map(|id| OperatorAuth { id }).ok_or_else(|| ApiError::unauthorized("the operator of this token no longer exists"))
            }
            (Subject::User { .. }, _) => Err(ApiError::forbidden("this is for operators of the platform")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("correct horse ", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
        assert_ne!(hash, hash_password("correct horse").unwrap(), "salted");
    }

    #[test]
    fn tokens_name_their_subject_until_they_expire() {
        let tokens = Tokens::new("secret");
        let now = Timestamp::from_millis(1_800_000_000_000);
        let user = Subject::User { tenant: TenantId("ten_1".into()), user: "usr_1".into() };
        let issued = tokens.issue(&user, now).unwrap();
        assert_eq!(tokens.check(&issued.token, now).unwrap(), (user, now.millis() / 1000));
        let later = now.plus_days(1);
        assert_eq!(tokens.check(&issued.token, later).unwrap_err().code(), "unauthorized");
        let operator = Subject::Operator("op_1".into());
        assert_eq!(tokens.check(&tokens.issue(&operator, now).unwrap().token, now).unwrap().0, operator);
    }

    #[test]
    fn a_token_signed_with_another_secret_or_altered_is_refused() {
        let now = Timestamp::from_millis(1_800_000_000_000);
        let user = Subject::User { tenant: TenantId("ten_1".into()), user: "usr_1".into() };
        let theirs = Tokens::new("other").issue(&user, now).unwrap().token;
        assert_eq!(Tokens::new("secret").check(&theirs, now).unwrap_err().code(), "unauthorized");
        let mut ours = Tokens::new("secret").issue(&user, now).unwrap().token;
        ours.insert(ours.len() / 2, 'x');
        assert_eq!(Tokens::new("secret").check(&ours, now).unwrap_err().code(), "unauthorized");
    }
}
