//! Passwords, tokens, and the signed-in account as an extractor.

use std::future::Future;
use std::pin::Pin;
use std::sync::LazyLock;

use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::Utc;
use dantin_domain::access::{within_reach, Reach, Role};
use dantin_persistence::{units, users, Actor, Db, Store};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::middleware::RequestId;
use crate::throttle::Throttle;

pub fn hash_password(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes(), &SaltString::generate(&mut OsRng))
        .expect("argon2 hashes any password")
        .to_string()
}

/// A hash of no account's password: checked when the username is unknown, so that an
/// unknown name and a wrong password take the same time and give the same answer.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("no account has this password"));

pub fn verify_password(hash: Option<&str>, password: &str) -> bool {
    let stored = hash.unwrap_or(&DUMMY_HASH);
    let ok = PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false);
    ok && hash.is_some()
}

/// Signs and checks tokens (HS256 with `DANTIN_JWT_SECRET`).
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub ttl_seconds: i64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    role: Role,
    iat: i64,
    nbf: i64,
    exp: i64,
}

impl TokenKeys {
    pub fn new(secret: &[u8], ttl_seconds: i64) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            ttl_seconds,
        }
    }

    pub fn issue(&self, user: &users::User) -> String {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user.id.to_string(),
            role: user.role,
            iat: now,
            nbf: now,
            exp: now + self.ttl_seconds,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// The account of the request's bearer token, if the token is valid.
    pub fn account(&self, req: &HttpRequest) -> Option<i64> {
        let token = bearer(req).ok()?;
        self.verify(&token).ok()?.sub.parse().ok()
    }

    fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        let mut v = Validation::new(Algorithm::HS256);
        v.validate_nbf = true;
        v.leeway = 0;
        v.set_required_spec_claims(&["exp", "nbf", "sub"]);
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &v)
            .map(|d| d.claims)
            .map_err(|_| ApiError::unauthorized("the bearer token is invalid or expired"))
    }
}

/// The signed-in account of a request. Extracting it answers 401 when the token is
/// missing or bad, or names an account that no longer exists or changed role.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub reach: Reach,
    pub request_id: Option<String>,
}

impl AuthUser {
    pub fn actor(&self) -> Actor {
        Actor {
            username: self.username.clone(),
            request_id: self.request_id.clone(),
        }
    }

    /// 403 unless the role may write at all.
    pub fn require_writer(&self) -> Result<(), ApiError> {
        if self.role.may_write() {
            Ok(())
        } else {
            Err(ApiError::forbidden(format!(
                "the {} role cannot write",
                self.role
            )))
        }
    }

    /// 403 unless the role is admin.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.role.is_admin() {
            Ok(())
        } else {
            Err(ApiError::forbidden("only an admin may do this"))
        }
    }

    /// Whether the unit `unit_id` is in this account's area.
    pub fn reaches(&self, c: &mut Db, unit_id: i64) -> Result<bool, ApiError> {
        Ok(match self.reach {
            Reach::Everything => true,
            reach => within_reach(reach, &units::ancestry(c, unit_id)?),
        })
    }

    /// 403 unless the unit is in this account's area (writes).
    pub fn require_reach(&self, c: &mut Db, unit_id: i64) -> Result<(), ApiError> {
        if self.reaches(c, unit_id)? {
            Ok(())
        } else {
            Err(ApiError::forbidden("the unit is outside your area"))
        }
    }

    /// Like `require_reach`, but a unit that does not exist passes: the write that follows
    /// reports it as the rule it breaks (422), which tells nothing of anyone's area.
    pub fn require_reach_if_exists(&self, c: &mut Db, unit_id: i64) -> Result<(), ApiError> {
        match units::get(c, unit_id) {
            Ok(_) => self.require_reach(c, unit_id),
            Err(dantin_persistence::StoreError::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// The root of the area that private lists are cut to, if any.
    pub fn reach_root(&self) -> Option<i64> {
        match self.reach {
            Reach::Everything => None,
            Reach::Subtree(root) => Some(root),
        }
    }
}

fn bearer(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .ok_or_else(|| {
            ApiError::unauthorized("this operation needs `Authorization: Bearer <token>`")
        })?;
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized("the Authorization header must be `Bearer <token>`"))
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let token = bearer(req);
        let keys = req.app_data::<web::Data<TokenKeys>>().cloned();
        let store = req.app_data::<web::Data<Store>>().cloned();
        let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
        let is_write = !req.method().is_safe();
        let writes = req.app_data::<web::Data<Throttle<i64>>>().cloned();
        Box::pin(async move {
            let (keys, store) = keys
                .zip(store)
                .ok_or_else(|| ApiError::internal("token keys or store missing from app data"))?;
            let claims = keys.verify(&token?)?;
            let id: i64 = claims
                .sub
                .parse()
                .map_err(|_| ApiError::unauthorized("the bearer token is invalid or expired"))?;
            let user = crate::db::run(store, move |s| s.read(|c| users::get(c, id))).await?;
            let user = user.filter(|u| u.role == claims.role).ok_or_else(|| {
                ApiError::unauthorized("the account of this token no longer exists")
            })?;
            if is_write {
                let writes = writes.ok_or_else(|| ApiError::internal("write throttle missing"))?;
                writes.admit(user.id, "writes from this account")?;
            }
            let reach = match (user.role, user.unit_id) {
                (Role::Officer, Some(unit)) => Reach::Subtree(unit),
                _ => Reach::Everything,
            };
            Ok(AuthUser {
                id: user.id,
                username: user.username,
                role: user.role,
                reach,
                request_id,
            })
        })
    }
}
