//! Tokens that must not open anything: expired, not yet valid, signed with another key
//! or algorithm, unsigned (`alg: none`), tampered with, or naming a deleted account. Each
//! is refused with 401 on a private read, where a genuine token gets 200. So is a token
//! that claims a longer life than the service gives (an `exp` in 2100); the scheme's
//! case does not matter.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use dantin_tests::{both, TestApp};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

/// The secret the test harness signs with.
const SECRET: &[u8] = b"test-secret";

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("a JWT has a payload");
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn sign(claims: &Value, alg: Algorithm, key: &EncodingKey) -> String {
    jsonwebtoken::encode(&Header::new(alg), claims, key).unwrap()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn assert_refused(app: &TestApp, token: &str, what: &str) {
    let res = app.get("/api/v1/persons", Some(token)).await;
    assert_eq!(res.status, 401, "{what}: {}", res.text());
    res.assert_problem_shape();
}

async fn forged_and_stale_tokens_are_401(app: TestApp) {
    let genuine = app.admin().await;
    app.get("/api/v1/persons", Some(&genuine)).await.expect(200);
    let claims = claims_of(&genuine);
    let key = EncodingKey::from_secret(SECRET);

    let mut expired = claims.clone();
    expired["exp"] = json!(now() - 10);
    expired["iat"] = json!(now() - 3_600);
    expired["nbf"] = json!(now() - 3_600);
    assert_refused(&app, &sign(&expired, Algorithm::HS256, &key), "expired").await;

    let mut early = claims.clone();
    early["nbf"] = json!(now() + 3_600);
    assert_refused(&app, &sign(&early, Algorithm::HS256, &key), "not yet valid").await;

    let other_key = EncodingKey::from_secret(b"not-the-server-secret");
    assert_refused(
        &app,
        &sign(&claims, Algorithm::HS256, &other_key),
        "wrong signature",
    )
    .await;

    assert_refused(
        &app,
        &sign(&claims, Algorithm::HS512, &key),
        "another algorithm",
    )
    .await;

    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
    assert_refused(&app, &format!("{header}.{body}."), "alg none").await;

    // The auditor's token with its role claim changed to admin, signature kept.
    let auditor = app.auditor().await;
    let mut parts: Vec<String> = auditor.split('.').map(str::to_owned).collect();
    let mut tampered = claims_of(&auditor);
    tampered["role"] = json!("admin");
    parts[1] = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&tampered).unwrap());
    assert_refused(&app, &parts.join("."), "tampered claims").await;

    // A correctly signed token whose role no longer matches the account.
    let mut promoted = claims_of(&auditor);
    promoted["role"] = json!("admin");
    assert_refused(
        &app,
        &sign(&promoted, Algorithm::HS256, &key),
        "role not the account's",
    )
    .await;

    assert_refused(&app, "not.a.token", "garbage").await;

    // Signed with the right key, but living longer than any token this service issues.
    let mut forever = claims.clone();
    forever["exp"] = json!(4_102_444_800_i64); // 2100-01-01
    assert_refused(&app, &sign(&forever, Algorithm::HS256, &key), "exp in 2100").await;
    let mut from_the_future = claims.clone();
    from_the_future["iat"] = json!(now() + 600);
    assert_refused(
        &app,
        &sign(&from_the_future, Algorithm::HS256, &key),
        "issued in the future",
    )
    .await;
}

async fn the_bearer_scheme_is_case_insensitive(app: TestApp) {
    let token = app.admin().await;
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let req = app
            .request(awc::http::Method::GET, "/api/v1/persons", None)
            .insert_header(("Authorization", format!("{scheme} {token}")));
        let res = app.send(req, Vec::new()).await;
        assert_eq!(res.status, 200, "{scheme}: {}", res.text());
    }
}

async fn a_deleted_accounts_token_is_401(app: TestApp) {
    let token = app.officer().await;
    app.get("/api/v1/persons", Some(&token)).await.expect(200);
    assert_eq!(app.sql("DELETE FROM users WHERE username = 'officer'"), 1);
    assert_refused(&app, &token, "deleted account").await;
}

both!(
    the_bearer_scheme_is_case_insensitive,
    forged_and_stale_tokens_are_401,
    a_deleted_accounts_token_is_401
);
