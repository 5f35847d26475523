//! What a client sees when something is wrong: status, problem+json, rules, headers.

use awc::http::Method;
use dantin_tests::{both, json, TestApp};

async fn a_duplicate_code_in_force_is_409(app: TestApp) {
    let admin = app.admin().await;
    let res = app
        .post_json(
            "/api/v1/units",
            &json!({"code": "22", "name": "Tỉnh Trùng", "level": "province", "kind": "tinh", "valid_from": "2020-01-01"}),
            Some(&admin),
        )
        .await;
    res.expect_problem(409, "unit_code_unique_on_date");
    let provinces = app.all_units("level=province").await;
    assert_eq!(provinces.len(), 3);
}

async fn a_missing_parent_is_422_unit_parent_exists(app: TestApp) {
    let admin = app.admin().await;
    let res = app
        .post_json(
            "/api/v1/units",
            &json!({"name": "Thôn Mồ Côi", "level": "village", "kind": "thon", "parent_id": 999999, "valid_from": "2020-01-01"}),
            Some(&admin),
        )
        .await;
    res.expect(422);
    res.assert_problem_shape();
    assert!(
        res.rules().contains(&"unit_parent_exists".to_owned()),
        "{}",
        res.text()
    );
}

async fn a_village_under_a_district_is_422_unit_parent_level(app: TestApp) {
    let admin = app.admin().await;
    let district = app.unit_named("Huyện Ba Chẽ").await;
    let res = app
        .post_json(
            "/api/v1/units",
            &json!({"name": "Thôn Lạc", "level": "village", "kind": "thon", "parent_id": district["id"], "valid_from": "2020-01-01"}),
            Some(&admin),
        )
        .await;
    res.expect_problem(422, "rule_violation");
    assert_eq!(res.rules(), ["unit_parent_level"]);
}

async fn a_stale_if_match_is_412_and_changes_nothing(app: TestApp) {
    let admin = app.admin().await;
    let unit = app.unit_named("Thôn Khe Tâm").await;
    let path = format!("/api/v1/units/{}", unit["id"]);
    let old_etag = app.get(&path, None).await.header("etag").unwrap();

    let req = app
        .request(Method::PATCH, &path, Some(&admin))
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("If-Match", old_etag.clone()));
    let res = app
        .send(req, r#"{"name": "Thôn Khe Tâm Mới"}"#.as_bytes().to_vec())
        .await;
    res.expect(200);
    assert_eq!(res.json()["name"], "Thôn Khe Tâm Mới");
    let new_etag = res.header("etag").unwrap();
    assert_ne!(new_etag, old_etag);

    let req = app
        .request(Method::PATCH, &path, Some(&admin))
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("If-Match", old_etag));
    let res = app
        .send(req, r#"{"name": "Thôn Ghi Đè"}"#.as_bytes().to_vec())
        .await;
    res.expect_problem(412, "precondition_failed");

    let now = app.get(&path, None).await;
    now.expect(200);
    assert_eq!(now.json()["name"], "Thôn Khe Tâm Mới");
    assert_eq!(now.header("etag"), Some(new_etag));
}

async fn malformed_json_is_400_bad_request(app: TestApp) {
    let admin = app.admin().await;
    let req = app
        .request(Method::POST, "/api/v1/units", Some(&admin))
        .insert_header(("Content-Type", "application/json"));
    let res = app.send(req, b"{\"name\": ".to_vec()).await;
    res.expect_problem(400, "bad_request");
}

async fn an_impossible_date_is_422_on_its_field(app: TestApp) {
    let admin = app.admin().await;
    let nam_son = app.unit_named("Xã Nam Sơn").await;
    let res = app
        .post_json(
            "/api/v1/units",
            &json!({"name": "Thôn Ngày Sai", "level": "village", "kind": "thon", "parent_id": nam_son["id"], "valid_from": "2020-02-30"}),
            Some(&admin),
        )
        .await;
    let body = res.expect_problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "valid_from", "{body}");
}

async fn an_unknown_route_is_404_problem(app: TestApp) {
    let res = app.get("/api/v1/nothing-here", None).await;
    res.expect_problem(404, "not_found");
    let res = app.get("/no/such/path", None).await;
    res.expect_problem(404, "not_found");
}

async fn a_wrong_method_is_405_with_allow(app: TestApp) {
    let req = app.request(Method::DELETE, "/api/v1/units", None);
    let res = app.send(req, Vec::new()).await;
    res.expect_problem(405, "method_not_allowed");
    let allow = res.header("allow").expect("Allow");
    let mut methods: Vec<&str> = allow.split(',').map(str::trim).collect();
    methods.sort();
    assert_eq!(methods, ["GET", "POST"]);

    let req = app.request(Method::PUT, "/api/v1/units/1", None);
    let res = app.send(req, Vec::new()).await;
    res.expect_problem(405, "method_not_allowed");
    let allow = res.header("allow").expect("Allow");
    let mut methods: Vec<&str> = allow.split(',').map(str::trim).collect();
    methods.sort();
    assert_eq!(methods, ["GET", "PATCH"]);
}

async fn a_body_that_is_not_json_is_415(app: TestApp) {
    let admin = app.admin().await;
    let req = app
        .request(Method::POST, "/api/v1/units", Some(&admin))
        .insert_header(("Content-Type", "text/plain"));
    let res = app
        .send(
            req,
            br#"{"name": "x", "level": "province", "kind": "tinh", "valid_from": "2020-01-01"}"#
                .to_vec(),
        )
        .await;
    res.expect_problem(415, "unsupported_media_type");
}

async fn a_body_over_256_kib_is_413(app: TestApp) {
    let admin = app.admin().await;
    let big = "x".repeat(300 * 1024);
    let body = serde_json::to_vec(
        &json!({"name": big, "level": "province", "kind": "tinh", "valid_from": "2020-01-01"}),
    )
    .unwrap();
    let req = app
        .request(Method::POST, "/api/v1/units", Some(&admin))
        .insert_header(("Content-Type", "application/json"));
    let res = app.send(req, body).await;
    res.expect_problem(413, "payload_too_large");
}

async fn the_request_id_is_echoed_in_the_problem(app: TestApp) {
    let req = app
        .request(Method::GET, "/api/v1/units/999999", None)
        .insert_header(("X-Request-Id", "test-req-42"));
    let res = app.send(req, Vec::new()).await;
    let body = res.expect_problem(404, "not_found");
    assert_eq!(res.header("x-request-id").as_deref(), Some("test-req-42"));
    assert_eq!(body["request_id"], "test-req-42");
}

async fn an_error_asked_for_gzip_arrives_as_valid_gzip(app: TestApp) {
    let admin = app.admin().await;
    let req = app
        .request(Method::POST, "/api/v1/terms", Some(&admin))
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("Accept-Encoding", "gzip"));
    let res = app.send(req, b"{}".to_vec()).await;
    res.expect(422);
    assert_eq!(res.header("content-encoding").as_deref(), Some("gzip"));
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(res.body.as_slice()),
        &mut text,
    )
    .expect("the body is the gzip the header announces");
    let problem: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(problem["code"], "validation_failed");
}

both!(
    an_error_asked_for_gzip_arrives_as_valid_gzip,
    a_duplicate_code_in_force_is_409,
    a_missing_parent_is_422_unit_parent_exists,
    a_village_under_a_district_is_422_unit_parent_level,
    a_stale_if_match_is_412_and_changes_nothing,
    malformed_json_is_400_bad_request,
    an_impossible_date_is_422_on_its_field,
    an_unknown_route_is_404_problem,
    a_wrong_method_is_405_with_allow,
    a_body_that_is_not_json_is_415,
    a_body_over_256_kib_is_413,
    the_request_id_is_echoed_in_the_problem,
);
