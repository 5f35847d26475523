//! Limits a caller cannot talk its way past: sign-ins per address, writes per account
//! (429 with `Retry-After`), page sizes, and no way to tell a wrong password from an
//! unknown account.

use std::time::Duration;

use dantin_api::throttle::{Limits, Rate};
use dantin_tests::{both, json, Backend, TestApp};

const SIGN_INS_PER_MINUTE: u32 = 3;
const WRITES_PER_MINUTE: u32 = 2;

async fn spawn_tight(backend: Backend) -> TestApp {
    let per_minute = |burst| Rate {
        burst,
        period: Duration::from_secs(60),
    };
    let limits = Limits {
        sign_in: per_minute(SIGN_INS_PER_MINUTE),
        writes: per_minute(WRITES_PER_MINUTE),
    };
    TestApp::spawn_limited(backend, true, limits).await
}

async fn sign_in(app: &TestApp, username: &str, password: &str) -> dantin_tests::Resp {
    app.post_json(
        "/api/v1/auth/token",
        &json!({"username": username, "password": password}),
        None,
    )
    .await
}

/// Asserts a 429 problem whose `Retry-After` is the wait for one request's share of the
/// minute, and returns that wait.
fn assert_too_many(res: &dantin_tests::Resp, per_minute: u32) -> u64 {
    res.expect_problem(429, "too_many_requests");
    let wait: u64 = res
        .header("retry-after")
        .expect("a 429 says when to retry")
        .parse()
        .expect("Retry-After in whole seconds");
    let share = u64::from(60 / per_minute);
    assert!((1..=share).contains(&wait), "Retry-After {wait}s");
    wait
}

async fn sign_ins_beyond_the_limit_are_429_even_with_the_right_password(app: TestApp) {
    let guesses = ["guess-1", "guess-2"];
    for guess in guesses {
        sign_in(&app, "admin", guess).await.expect(401);
    }
    sign_in(&app, "admin", "demo-admin").await.expect(200);
    assert_eq!(guesses.len() + 1, SIGN_INS_PER_MINUTE as usize);

    assert_too_many(
        &sign_in(&app, "admin", "demo-admin").await,
        SIGN_INS_PER_MINUTE,
    );
    assert_too_many(
        &sign_in(&app, "auditor", "demo-auditor").await,
        SIGN_INS_PER_MINUTE,
    );
}

async fn writes_beyond_the_limit_are_429_change_nothing_and_spare_other_accounts(app: TestApp) {
    let admin = app.admin().await;
    let officer = app.officer().await;
    let commune = app.unit_named("Xã Nam Sơn").await;
    let village = |name: &str| {
        json!({"name": name, "level": "village", "kind": "thon",
               "parent_id": commune["id"], "valid_from": "2024-01-01"})
    };
    for name in ["Thôn Một", "Thôn Hai"] {
        app.create_unit(&admin, village(name)).await;
    }
    let refused = app
        .post_json("/api/v1/units", &village("Thôn Ba"), Some(&admin))
        .await;
    assert_too_many(&refused, WRITES_PER_MINUTE);
    let named_ba = app.all_units("q=thon%20ba").await;
    assert!(
        named_ba.is_empty(),
        "the refused write created {named_ba:?}"
    );

    app.get("/api/v1/persons", Some(&admin)).await.expect(200);
    let officers_own = app
        .post_json("/api/v1/units", &village("Thôn Bốn"), Some(&officer))
        .await;
    officers_own.expect(201);
}

async fn a_page_is_at_most_500_rows(app: TestApp) {
    let res = app.get("/api/v1/units?limit=501", None).await;
    res.expect_problem(400, "invalid_parameter");
    let res = app.get("/api/v1/units?limit=500", None).await;
    res.expect(200);
}

both!(
    spawn = super::spawn_tight;
    sign_ins_beyond_the_limit_are_429_even_with_the_right_password,
    writes_beyond_the_limit_are_429_change_nothing_and_spare_other_accounts,
    a_page_is_at_most_500_rows,
);
