//! `/api/v1/auth/token`: sign in.

use actix_web::{post, web, HttpRequest, HttpResponse};
use dantin_usecases::{accounts, Store};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::{verify_password, TokenKeys};
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, WriteErrors};
use crate::extract::Json;
use crate::throttle::{SignIns, TrustedProxies};
use crate::wording::Detail;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"username": "admin", "password": "demo-admin"}))]
pub struct TokenRequest {
    #[validate(length(min = 1, max = 100))]
    pub username: String,
    #[validate(length(min = 1, max = 1000))]
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"access_token": "eyJhbGciOiJIUzI1NiJ9…", "token_type": "Bearer", "expires_in": 3600}))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the token expires.
    pub expires_in: i64,
}

/// Get a token
///
/// Exchanges a username and password for a bearer token. A wrong password and an unknown
/// username get the same 401.
#[utoipa::path(
    operation_id = "issueToken",
    tag = "auth",
    request_body = TokenRequest,
    security(),
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/auth/token")]
pub async fn token(
    req: HttpRequest,
    store: web::Data<Store>,
    keys: web::Data<TokenKeys>,
    sign_in: web::Data<SignIns>,
    proxies: web::Data<TrustedProxies>,
    body: Json<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let client = proxies.client(&req);
    sign_in
        .0
        .admit(
            store.clone(),
            client,
            Detail::new(
                "sign-in attempts from this address",
                "lượt đăng nhập từ địa chỉ này",
            ),
        )
        .await?;
    let TokenRequest { username, password } = body.0;
    let user = run(store, move |s| accounts::by_username(s, &username)).await?;
    let user = web::block(move || {
        verify_password(user.as_ref().map(|u| u.password_hash.as_str()), &password)
            .then_some(user)
            .flatten()
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))?
    .ok_or_else(|| {
        ApiError::unauthorized(
            "wrong username or password",
            "Sai tên đăng nhập hoặc mật khẩu.",
        )
    })?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        access_token: keys.issue(&user),
        token_type: "Bearer".to_owned(),
        expires_in: keys.ttl_seconds,
    }))
}
