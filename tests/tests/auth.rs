//! Signing in, and who may write what.

use dantin_tests::{both, json, TestApp};

async fn good_credentials_get_a_bearer_token(app: TestApp) {
    let res = app
        .post_json(
            "/api/v1/auth/token",
            &json!({"username": "admin", "password": "demo-admin"}),
            None,
        )
        .await;
    res.expect(200);
    let body = res.json();
    assert!(body["access_token"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
}

async fn bad_password_and_unknown_user_look_the_same(app: TestApp) {
    let wrong = app
        .post_json(
            "/api/v1/auth/token",
            &json!({"username": "admin", "password": "not-it"}),
            None,
        )
        .await;
    let wrong = wrong.expect_problem(401, "unauthorized");
    let unknown = app
        .post_json(
            "/api/v1/auth/token",
            &json!({"username": "nobody", "password": "demo-admin"}),
            None,
        )
        .await;
    let unknown = unknown.expect_problem(401, "unauthorized");
    assert_eq!(wrong["code"], unknown["code"]);
    assert_eq!(wrong["title"], unknown["title"]);
    assert_eq!(wrong["detail"], unknown["detail"]);
}

fn village(parent: &serde_json::Value, name: &str) -> serde_json::Value {
    json!({
        "name": name, "level": "village", "kind": "thon",
        "parent_id": parent["id"], "valid_from": "2020-01-01"
    })
}

async fn writing_without_a_token_is_401(app: TestApp) {
    let nam_son = app.unit_named("Xã Nam Sơn").await;
    let res = app
        .post_json("/api/v1/units", &village(&nam_son, "Thôn Mới"), None)
        .await;
    res.expect_problem(401, "unauthorized");
    assert_eq!(res.header("www-authenticate").as_deref(), Some("Bearer"));

    let res = app
        .post_json(
            "/api/v1/units",
            &village(&nam_son, "Thôn Mới"),
            Some("not.a.token"),
        )
        .await;
    res.expect_problem(401, "unauthorized");

    // A token signed with another key is refused too.
    let res = app
        .post_json(
            "/api/v1/units",
            &village(&nam_son, "Thôn Mới"),
            Some("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIiwiaWF0IjoxLCJuYmYiOjEsImV4cCI6OTk5OTk5OTk5OX0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        )
        .await;
    res.expect_problem(401, "unauthorized");
    assert!(app
        .all_units(&format!("parent={}", nam_son["id"]))
        .await
        .iter()
        .all(|u| u["name"] != "Thôn Mới"));
}

async fn an_auditor_cannot_write(app: TestApp) {
    let auditor = app.auditor().await;
    let nam_son = app.unit_named("Xã Nam Sơn").await;
    let res = app
        .post_json(
            "/api/v1/units",
            &village(&nam_son, "Thôn Mới"),
            Some(&auditor),
        )
        .await;
    res.expect_problem(403, "forbidden");
}

async fn an_officer_writes_only_inside_its_area(app: TestApp) {
    let officer = app.officer().await;
    let outside = app.unit_named("Phường Hồng Hà").await;
    let res = app
        .post_json(
            "/api/v1/units",
            &village(&outside, "Khu Mới"),
            Some(&officer),
        )
        .await;
    res.expect_problem(403, "forbidden");

    let inside = app.unit_named("Xã Nam Sơn").await;
    let res = app
        .post_json(
            "/api/v1/units",
            &village(&inside, "Thôn Mới"),
            Some(&officer),
        )
        .await;
    res.expect(201);
    assert_eq!(res.json()["parent_id"], inside["id"]);

    // Only an admin creates a province.
    let res = app
        .post_json(
            "/api/v1/units",
            &json!({"code": "98", "name": "Tỉnh Mới", "level": "province", "kind": "tinh", "valid_from": "2020-01-01"}),
            Some(&officer),
        )
        .await;
    res.expect_problem(403, "forbidden");
}

both!(
    good_credentials_get_a_bearer_token,
    bad_password_and_unknown_user_look_the_same,
    writing_without_a_token_is_401,
    an_auditor_cannot_write,
    an_officer_writes_only_inside_its_area,
);
