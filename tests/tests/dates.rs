//! Days outside any plausible range (the probe's class 3): each attack is refused naming
//! its field, and nothing is stored. Dates run from 1900-01-01 to 2199-12-31, and an
//! election falls within its term.

use dantin_tests::unchanged::Unchanged;
use dantin_tests::world::{assert_refused, id_of, world, A};
use dantin_tests::{both, json, Resp, TestApp};

/// Asserts a 422 that names `field` as of the wrong form.
#[track_caller]
fn assert_field_refused(res: &Resp, field: &str) {
    let body = res.expect_problem(422, "validation_failed");
    let errors = body["errors"].as_array().expect("errors");
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == field && e["rule"] == "format"),
        "expected {field} refused: {body}"
    );
}

async fn a_unit_cannot_be_dated_beyond_the_years_the_registry_holds(app: TestApp) {
    let admin = app.admin().await;
    let commune = id_of(&app.unit_named("Xã Nam Sơn").await);
    let before = Unchanged::mark(&app).await;
    for (field, value) in [
        ("valid_from", "+10000-01-01"),
        ("valid_from", "-0001-01-01"),
        ("valid_from", "1899-12-31"),
        ("valid_to", "+10000-01-01"),
        ("valid_to", "2200-01-01"),
    ] {
        let mut unit = json!({"name": "Thôn Xa Xôi", "level": "village", "kind": "thon",
            "parent_id": commune, "valid_from": "2000-01-01"});
        unit[field] = json!(value);
        let res = app.post_json("/api/v1/units", &unit, Some(&admin)).await;
        assert_field_refused(&res, field);
    }
    let khe_tam = app.unit_named("Thôn Khe Tâm").await;
    let res = app
        .patch_json(
            &format!("/api/v1/units/{}", khe_tam["id"]),
            &json!({"valid_to": "+10000-01-01"}),
            Some(&admin),
        )
        .await;
    assert_field_refused(&res, "valid_to");
    before.assert(&app).await;
    assert!(app.all_units("q=xa%20xoi").await.is_empty());
    let read = app
        .get(&format!("/api/v1/units/{}", khe_tam["id"]), None)
        .await;
    assert_eq!(read.expect(200).json(), khe_tam, "the village is as it was");
    app.get("/api/v1/units?on=%2B10000-01-01", None)
        .await
        .expect_problem(400, "invalid_parameter");
}

async fn a_term_and_a_birth_date_stay_within_the_years_too(app: TestApp) {
    let admin = app.admin().await;
    let province = id_of(&app.unit_named("Tỉnh Quảng Ninh").await);
    let khe_tam = id_of(&app.unit_named("Thôn Khe Tâm").await);
    let before = Unchanged::mark(&app).await;
    let term = json!({"label": "2022-10000", "starts_on": "2022-06-05", "ends_on": "+10000-06-30",
        "scope_unit_id": province, "unified_model": true});
    let res = app.post_json("/api/v1/terms", &term, Some(&admin)).await;
    assert_field_refused(&res, "ends_on");
    let person = json!({"full_name": "Lão Bành Tổ", "gender": "male", "birth_date": "-5000-01-01",
        "residence_unit_id": khe_tam, "party_status": "none"});
    let res = app
        .post_json("/api/v1/persons", &person, Some(&admin))
        .await;
    assert_field_refused(&res, "birth_date");
    before.assert(&app).await;
}

async fn an_election_outside_its_term_is_refused(app: TestApp) {
    let w = world(&app).await;
    let head = w
        .person(&app, "Vi Văn Hẹn", "1980-01-01", A, "official")
        .await;
    let before = Unchanged::mark(&app).await;
    // The world's term is 2030-2032: an election of 2033 under it elects nobody.
    let res = w
        .head_election(&app, A, "2033-01-05", (100, 80), &[(head, 70)], &[])
        .await;
    assert_refused(&res, "election_within_term");
    before.assert(&app).await;
    assert!(w.head_elections_of(&app, A).await.is_empty());
}

both!(
    a_unit_cannot_be_dated_beyond_the_years_the_registry_holds,
    a_term_and_a_birth_date_stay_within_the_years_too,
    an_election_outside_its_term_is_refused,
);
