//! `Idempotency-Key` on creates: a retried POST creates once, whatever the timing.

use awc::http::Method;
use dantin_tests::world::{world, A};
use dantin_tests::{both, json, Resp, TestApp};
use futures_util::future::join_all;
use serde_json::Value;

async fn post_keyed(app: &TestApp, path: &str, body: &Value, key: &str, token: &str) -> Resp {
    let req = app
        .request(Method::POST, path, Some(token))
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("Idempotency-Key", key));
    app.send(req, serde_json::to_vec(body).unwrap()).await
}

fn person(name: &str, village: &Value) -> Value {
    json!({"full_name": name, "gender": "female", "birth_date": "1985-04-30",
           "residence_unit_id": village["id"], "party_status": "none"})
}

async fn persons_named(app: &TestApp, token: &str, name: &str) -> usize {
    let res = app.get("/api/v1/persons?limit=500", Some(token)).await;
    res.expect(200);
    let items = res.json()["items"].as_array().unwrap().clone();
    items.iter().filter(|p| p["full_name"] == name).count()
}

async fn audit_events(app: &TestApp, token: &str) -> usize {
    let res = app.get("/api/v1/audit-events?limit=500", Some(token)).await;
    res.json()["items"].as_array().unwrap().len()
}

async fn a_retry_with_the_same_key_gets_the_first_answer_and_creates_nothing(app: TestApp) {
    let admin = app.admin().await;
    let village = app.unit_named("Thôn Khe Tâm").await;
    let body = person("Lê Thị Thử Lại", &village);
    let events = audit_events(&app, &admin).await;

    let first = post_keyed(&app, "/api/v1/persons", &body, "retry-1", &admin).await;
    first.expect(201);
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = post_keyed(&app, "/api/v1/persons", &body, "retry-1", &admin).await;
    again.expect(201);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(again.json(), first.json());
    assert_eq!(again.header("location"), first.header("location"));
    assert_eq!(persons_named(&app, &admin, "Lê Thị Thử Lại").await, 1);
    assert_eq!(audit_events(&app, &admin).await, events + 1);

    // The replayed ETag is the record's: an edit made with it goes through.
    let etag = again
        .header("etag")
        .expect("a replayed create carries its ETag");
    assert_eq!(Some(&etag), first.header("etag").as_ref());
    let edit = app
        .request(
            Method::PATCH,
            &again.header("location").unwrap(),
            Some(&admin),
        )
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("If-Match", etag));
    let edited = app
        .send(edit, r#"{"full_name": "Lê Thị Đã Sửa"}"#.into())
        .await;
    edited.expect(200);
}

async fn the_same_key_for_another_request_is_422_and_creates_nothing(app: TestApp) {
    let admin = app.admin().await;
    let village = app.unit_named("Thôn Khe Tâm").await;
    let path = "/api/v1/persons";
    post_keyed(&app, path, &person("Người Một", &village), "k-2", &admin)
        .await
        .expect(201);
    let other = post_keyed(&app, path, &person("Người Hai", &village), "k-2", &admin).await;
    other.expect_problem(422, "idempotency_key_reused");
    assert_eq!(persons_named(&app, &admin, "Người Hai").await, 0);
}

async fn simultaneous_retries_create_once(app: TestApp) {
    let admin = app.admin().await;
    let village = app.unit_named("Thôn Khe Tâm").await;
    let body = person("Trần Thị Đồng Thời", &village);
    let tries = (0..10).map(|_| post_keyed(&app, "/api/v1/persons", &body, "same-time", &admin));
    let answers = join_all(tries).await;
    let fresh = answers
        .iter()
        .filter(|r| r.status == 201 && r.header("idempotent-replayed").is_none())
        .count();
    let others_ok = answers.iter().all(|r| {
        r.status == 201 || r.status == 409 && r.json()["code"] == "idempotency_key_in_flight"
    });
    let statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
    assert_eq!(fresh, 1, "{statuses:?}");
    assert!(others_ok, "{statuses:?}");
    assert_eq!(persons_named(&app, &admin, "Trần Thị Đồng Thời").await, 1);
}

async fn a_failed_request_frees_its_key_and_keys_belong_to_one_account(app: TestApp) {
    let admin = app.admin().await;
    let officer = app.officer().await;
    let village = app.unit_named("Thôn Khe Tâm").await;
    let mut bad = person("Vũ Văn Sửa", &village);
    bad["birth_date"] = json!("1985-02-30");
    let refused = post_keyed(&app, "/api/v1/persons", &bad, "fix-and-retry", &admin).await;
    refused.expect(422);
    let good = person("Vũ Văn Sửa", &village);
    post_keyed(&app, "/api/v1/persons", &good, "fix-and-retry", &admin)
        .await
        .expect(201);
    let officers = post_keyed(&app, "/api/v1/persons", &good, "fix-and-retry", &officer).await;
    officers.expect(201);
    assert_eq!(officers.header("idempotent-replayed"), None);
    assert_eq!(persons_named(&app, &admin, "Vũ Văn Sửa").await, 2);
}

async fn a_malformed_key_is_400(app: TestApp) {
    let admin = app.admin().await;
    let village = app.unit_named("Thôn Khe Tâm").await;
    let long = "k".repeat(256);
    for key in [long.as_str(), "has space"] {
        let res = post_keyed(
            &app,
            "/api/v1/persons",
            &person("Ai Đó", &village),
            key,
            &admin,
        )
        .await;
        res.expect_problem(400, "invalid_parameter");
    }
    assert_eq!(persons_named(&app, &admin, "Ai Đó").await, 0);
}

/// Sends `body` to `path` twice with one key: the first is answered afresh, the second
/// replays it. The answer.
async fn twice(app: &TestApp, token: &str, path: &str, body: Value, key: &str) -> Value {
    let first = post_keyed(app, path, &body, key, token).await;
    assert!(first.status < 300, "{path}: {}", first.text());
    assert_eq!(first.header("idempotent-replayed"), None, "{path}");
    let again = post_keyed(app, path, &body, key, token).await;
    assert_eq!(again.status, first.status, "{path}: {}", again.text());
    assert_eq!(
        again.header("idempotent-replayed").as_deref(),
        Some("true"),
        "{path}"
    );
    assert_eq!(again.json(), first.json(), "{path}");
    assert_eq!(again.header("location"), first.header("location"), "{path}");
    first.json()
}

async fn every_keyed_write_keeps_its_answer(app: TestApp) {
    let w = world(&app).await;
    let t = w.admin.clone();
    let events = audit_events(&app, &t).await;
    let village = twice(
        &app,
        &t,
        "/api/v1/units",
        json!({"name": "Thôn Một Lần", "level": "village",
        "kind": "thon", "parent_id": w.commune, "valid_from": "2000-01-01"}),
        "unit",
    )
    .await;
    twice(
        &app,
        &t,
        "/api/v1/units/import",
        json!({"valid_from": "2025-07-01", "units": [
        {"code": "96", "name": "Tỉnh Một Lần", "level": "province", "kind": "tinh"}]}),
        "import",
    )
    .await;
    let committee = app
        .get(&format!("/api/v1/party-orgs?unit={}", w.commune), Some(&t))
        .await
        .json()["items"][0]["id"]
        .clone();
    twice(
        &app,
        &t,
        "/api/v1/party-orgs",
        json!({"name": "Chi bộ thôn Một Lần", "kind": "cell",
        "parent_id": committee, "unit_id": village["id"]}),
        "org",
    )
    .await;
    let head = twice(
        &app,
        &t,
        "/api/v1/persons",
        json!({"full_name": "Đặng Văn Một",
        "gender": "male", "birth_date": "1980-01-01", "residence_unit_id": w.village(A),
        "party_status": "official", "party_org_id": w.cell(A)}),
        "person",
    )
    .await;
    twice(
        &app,
        &t,
        "/api/v1/terms",
        json!({"label": "một lần", "starts_on": "2040-01-01",
        "ends_on": "2042-06-30", "scope_unit_id": w.province, "unified_model": true}),
        "term",
    )
    .await;
    let election = twice(&app, &t, "/api/v1/head-elections", json!({"village_id": w.village(A),
        "term_id": w.term, "held_on": "2030-01-06", "households_total": 100, "households_present": 80,
        "method": "secret_ballot", "candidates": [{"person_id": head["id"], "votes": 70}]}), "election").await;
    twice(
        &app,
        &t,
        &format!("/api/v1/head-elections/{}/recognition", election["id"]),
        json!({"decision": "Quyết định 1/QĐ-UBND", "decided_on": "2030-01-08"}),
        "recognition",
    )
    .await;
    let congress = twice(
        &app,
        &t,
        "/api/v1/congresses",
        json!({"cell_id": w.cell(A),
        "term_id": w.term, "held_on": "2030-01-20", "members_summoned": 7, "members_present": 7,
        "candidates": [{"person_id": head["id"], "votes": 7}]}),
        "congress",
    )
    .await;
    twice(
        &app,
        &t,
        &format!("/api/v1/congresses/{}/approval", congress["id"]),
        json!({"decision": "Quyết định 2-QĐ/ĐU", "decided_on": "2030-01-25"}),
        "approval",
    )
    .await;
    let deputy = twice(
        &app,
        &t,
        "/api/v1/appointments",
        json!({"post": "deputy_village_head",
        "person_id": head["id"], "unit_id": w.village(A), "starts_on": "2030-02-01",
        "basis": "election", "decision": "Quyết định 3/QĐ-UBND"}),
        "appointment",
    )
    .await;
    twice(
        &app,
        &t,
        &format!("/api/v1/appointments/{}/end", deputy["id"]),
        json!({"ends_on": "2030-06-01", "reason": "resignation"}),
        "end",
    )
    .await;
    // Eleven writes, each once; the recognition and the approval each start a tenure.
    assert_eq!(audit_events(&app, &t).await, events + 13);
}

both!(
    every_keyed_write_keeps_its_answer,
    a_retry_with_the_same_key_gets_the_first_answer_and_creates_nothing,
    the_same_key_for_another_request_is_422_and_creates_nothing,
    simultaneous_retries_create_once,
    a_failed_request_frees_its_key_and_keys_belong_to_one_account,
    a_malformed_key_is_400,
);
