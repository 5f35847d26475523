//! Passwords, tokens, and the signed-in account as an extractor.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, LazyLock};

use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::Utc;
use dantin_domain::access::Role;
use dantin_domain::UserId;
use dantin_usecases::accounts::{self, User};
use dantin_usecases::idempotency::KeyedRequest;
use dantin_usecases::{Caller, Store};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::idempotency::{answer_of, PendingKey};
use crate::middleware::RequestId;
use crate::throttle::Writes;
use crate::wording::Detail;

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

    pub fn issue(&self, user: &User) -> String {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user.id.to_string(),
            role: user.account.role(),
            iat: now,
            nbf: now,
            exp: now + self.ttl_seconds,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// The account of the request's bearer token, if the token is valid.
    pub fn account(&self, req: &HttpRequest) -> Option<UserId> {
        let token = bearer(req).ok()?;
        self.verify(&token).ok()?.sub.parse().ok().map(UserId)
    }

    /// The token's claims, when it is ours, in force, and no longer-lived than the tokens
    /// this service issues: a token that claims to live longer (or to have been issued
    /// in the future) was not issued here, whoever signed it.
    fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        let invalid = invalid_token;
        let mut v = Validation::new(Algorithm::HS256);
        v.validate_nbf = true;
        v.leeway = 0;
        v.set_required_spec_claims(&["exp", "nbf", "iat", "sub"]);
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &v)
            .map_err(|_| invalid())?
            .claims;
        let issued_by_us = claims.iat <= Utc::now().timestamp()
            && claims.exp.saturating_sub(claims.iat) <= self.ttl_seconds;
        issued_by_us.then_some(claims).ok_or_else(invalid)
    }
}

/// The signed-in account of a request. Extracting it answers 401 when the token is
/// missing or bad, or names an account that no longer exists or changed role.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: UserId,
    /// Who calls the use cases, and what the audit trail records of it.
    pub caller: Caller,
    /// The request's `Idempotency-Key`, not yet answered.
    key: Option<PendingKey>,
}

impl AuthUser {
    /// The caller of a create: with an `Idempotency-Key`, its write keeps the answer that
    /// `render` gives its result (the handler answers with the same `render`), in the
    /// write's own transaction.
    pub fn keeping<T: Clone + 'static>(&self, render: fn(T) -> HttpResponse) -> Caller {
        match &self.key {
            None => self.caller.clone(),
            Some(k) => self.caller.clone().with_key(KeyedRequest {
                account: self.id,
                key: k.key.clone(),
                fingerprint: k.fingerprint.clone(),
                received: k.received,
                render: Arc::new(move |result: &dyn Any| {
                    answer_of(render(result.downcast_ref::<T>()?.clone()))
                }),
            }),
        }
    }
}

fn bearer(req: &HttpRequest) -> Result<String, ApiError> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .ok_or_else(|| {
            ApiError::unauthorized(
                "this operation needs `Authorization: Bearer <token>`",
                "Thao tác này cần `Authorization: Bearer <token>`.",
            )
        })?;
    // The scheme is case-insensitive (RFC 9110 §11.1): `bearer`, `Bearer`, `BEARER`.
    value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::unauthorized(
                "the Authorization header must be `Bearer <token>`",
                "Tiêu đề Authorization phải có dạng `Bearer <token>`.",
            )
        })
}

fn invalid_token() -> ApiError {
    ApiError::unauthorized(
        "the bearer token is invalid or expired",
        "Mã truy cập (bearer token) không hợp lệ hoặc đã hết hạn.",
    )
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let token = bearer(req);
        let keys = req.app_data::<web::Data<TokenKeys>>().cloned();
        let store = req.app_data::<web::Data<Store>>().cloned();
        let request_id = req.extensions().get::<RequestId>().map(|r| r.0.clone());
        let key = req.extensions().get::<PendingKey>().cloned();
        let is_write = !req.method().is_safe();
        let writes = req.app_data::<web::Data<Writes>>().cloned();
        Box::pin(async move {
            let (keys, store) = keys
                .zip(store)
                .ok_or_else(|| ApiError::internal("token keys or store missing from app data"))?;
            let claims = keys.verify(&token?)?;
            let id = claims
                .sub
                .parse()
                .map(UserId)
                .map_err(|_| invalid_token())?;
            let user = crate::db::run(store.clone(), move |s| accounts::by_id(s, id)).await?;
            let user = user
                .filter(|u| u.account.role() == claims.role)
                .ok_or_else(|| {
                    ApiError::unauthorized(
                        "the account of this token no longer exists",
                        "Tài khoản của mã truy cập này không còn tồn tại.",
                    )
                })?;
            if is_write {
                let writes = writes.ok_or_else(|| ApiError::internal("write throttle missing"))?;
                writes
                    .0
                    .admit(
                        store.clone(),
                        user.id,
                        Detail::new("writes from this account", "lượt ghi từ tài khoản này"),
                    )
                    .await?;
            }
            Ok(AuthUser {
                id: user.id,
                caller: Caller::new(user.account, user.username, request_id)
                    .coordinating(user.coordinator),
                key,
            })
        })
    }
}
