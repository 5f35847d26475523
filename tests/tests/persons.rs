//! Persons (private) and terms.

use dantin_tests::{both, json, TestApp};
use serde_json::Value;

async fn all_persons(app: &TestApp, token: &str) -> Vec<Value> {
    let res = app.get("/api/v1/persons?limit=500", Some(token)).await;
    res.expect(200);
    res.json()["items"].as_array().unwrap().clone()
}

async fn anonymous_cannot_read_persons(app: TestApp) {
    app.get("/api/v1/persons", None)
        .await
        .expect_problem(401, "unauthorized");
    app.get("/api/v1/persons/1", None)
        .await
        .expect_problem(401, "unauthorized");
}

async fn admin_creates_a_person(app: TestApp) {
    let admin = app.admin().await;
    let village = app.unit_named("Thôn Khe Tâm").await;
    let res = app
        .post_json(
            "/api/v1/persons",
            &json!({
                "full_name": "Hoàng Văn Thử", "gender": "male", "birth_date": "1980-05-06",
                "residence_unit_id": village["id"], "party_status": "none"
            }),
            Some(&admin),
        )
        .await;
    res.expect(201);
    let body = res.json();
    let id = body["id"].as_i64().unwrap();
    assert_eq!(
        res.header("location").as_deref(),
        Some(format!("/api/v1/persons/{id}").as_str())
    );
    assert_eq!(body["full_name"], "Hoàng Văn Thử");
    assert_eq!(body["party_status"], "none");
    assert_eq!(body["party_org_id"], Value::Null);

    let got = app
        .get(&format!("/api/v1/persons/{id}"), Some(&admin))
        .await;
    got.expect(200);
    assert_eq!(got.json(), body);
    // The officer of Ba Chẽ sees a person living in Khe Tâm.
    let officer = app.officer().await;
    app.get(&format!("/api/v1/persons/{id}"), Some(&officer))
        .await
        .expect(200);
}

async fn an_officer_does_not_see_persons_outside_its_area(app: TestApp) {
    let admin = app.admin().await;
    let officer = app.officer().await;
    let khu6 = app.unit_named("Khu 6").await;
    let everyone = all_persons(&app, &admin).await;
    // The demo's six villagers and three cadres.
    assert_eq!(everyone.len(), 9);
    let outsider = everyone
        .iter()
        .find(|p| p["residence_unit_id"] == khu6["id"])
        .expect("a demo person lives in Khu 6");
    let res = app
        .get(
            &format!("/api/v1/persons/{}", outsider["id"]),
            Some(&officer),
        )
        .await;
    res.expect_problem(404, "not_found");

    // The officer's list is cut to its area too.
    let seen = all_persons(&app, &officer).await;
    assert!(!seen.is_empty());
    assert!(seen.len() < everyone.len());
    assert!(seen.iter().all(|p| p["id"] != outsider["id"]));
}

async fn a_party_member_without_an_organisation_is_422(app: TestApp) {
    let admin = app.admin().await;
    let village = app.unit_named("Thôn Khe Tâm").await;
    let res = app
        .post_json(
            "/api/v1/persons",
            &json!({
                "full_name": "Đảng Viên Lạc", "gender": "female", "birth_date": "1985-01-01",
                "residence_unit_id": village["id"], "party_status": "official"
            }),
            Some(&admin),
        )
        .await;
    res.expect_problem(422, "rule_violation");
    assert!(
        res.rules().contains(&"party_org_matches_status".to_owned()),
        "{}",
        res.text()
    );
    assert_eq!(all_persons(&app, &admin).await.len(), 9);
}

async fn a_term_for_a_province_is_created(app: TestApp) {
    let admin = app.admin().await;
    let province = app.unit_named("Tỉnh Thanh Hóa").await;
    let res = app
        .post_json(
            "/api/v1/terms",
            &json!({
                "label": "2022-2025", "starts_on": "2022-06-05", "ends_on": "2025-06-30",
                "scope_unit_id": province["id"], "unified_model": false
            }),
            Some(&admin),
        )
        .await;
    res.expect(201);
    let body = res.json();
    let id = body["id"].as_i64().unwrap();
    assert_eq!(
        res.header("location").as_deref(),
        Some(format!("/api/v1/terms/{id}").as_str())
    );
    assert_eq!(body["label"], "2022-2025");
    assert_eq!(body["scope_unit_id"], province["id"]);
    assert_eq!(body["unified_model"], false);
    let got = app.get(&format!("/api/v1/terms/{id}"), Some(&admin)).await;
    got.expect(200);
    assert_eq!(got.json()["label"], "2022-2025");
}

async fn a_term_scoped_to_a_district_is_422(app: TestApp) {
    let admin = app.admin().await;
    let district = app.unit_named("Huyện Ba Chẽ").await;
    let res = app
        .post_json(
            "/api/v1/terms",
            &json!({
                "label": "2022-2025", "starts_on": "2022-06-05", "ends_on": "2025-06-30",
                "scope_unit_id": district["id"], "unified_model": true
            }),
            Some(&admin),
        )
        .await;
    res.expect_problem(422, "rule_violation");
    assert!(
        res.rules().contains(&"term_scope_is_province".to_owned()),
        "{}",
        res.text()
    );
}

both!(
    anonymous_cannot_read_persons,
    admin_creates_a_person,
    an_officer_does_not_see_persons_outside_its_area,
    a_party_member_without_an_organisation_is_422,
    a_term_for_a_province_is_created,
    a_term_scoped_to_a_district_is_422,
);
