//! Reads as known at an instant (`as_known_at`): a correction changes what is known about
//! the past, a change happens on its day, and what the registry said before either stays
//! answerable.

use dantin_tests::world::{id_of, world};
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

/// An instant between two writes: the clocks of the test, SQLite and PostgreSQL are this
/// machine's, to the millisecond.
async fn instant() -> String {
    actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    actix_web::rt::time::sleep(std::time::Duration::from_millis(20)).await;
    at
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> Value {
    app.get(path, token).await.expect(200).json()
}

async fn name_of(app: &TestApp, unit: i64, on: &str, known_at: Option<&str>) -> Value {
    let known = known_at.map_or(String::new(), |at| format!("&as_known_at={at}"));
    get(app, &format!("/api/v1/units/{unit}?on={on}{known}"), None).await["name"].clone()
}

async fn a_correction_rewrites_the_past_a_change_happens_on_its_day(app: TestApp) {
    let admin = app.admin().await;
    let khe_tam = id_of(&app.unit_named("Thôn Khe Tâm").await);
    let before = instant().await;

    // A correction: the name was misspelt all along.
    app.patch_json(
        &format!("/api/v1/units/{khe_tam}"),
        &json!({"name": "Thôn Khe Tâm Trong"}),
        Some(&admin),
    )
    .await
    .expect(200);
    let corrected = instant().await;
    // A change: the village is renamed from 1/7/2026.
    let act = json!({"effective_on": "2026-07-01", "basis": "Nghị quyết 15/NQ-HĐND",
        "operations": [{"op": "rename", "code": "06982-KT", "name": "Thôn Khe Tâm Mới"}]});
    app.post_json("/api/v1/reorganizations", &act, Some(&admin))
        .await
        .expect(201);

    // Known now: the corrected name in 2020, the new one from the act's day.
    assert_eq!(
        name_of(&app, khe_tam, "2020-02-05", None).await,
        "Thôn Khe Tâm Trong"
    );
    assert_eq!(
        name_of(&app, khe_tam, "2026-07-01", None).await,
        "Thôn Khe Tâm Mới"
    );
    // Known before the correction: the first name, on both days.
    for on in ["2020-02-05", "2026-07-01"] {
        let then = name_of(&app, khe_tam, on, Some(&before)).await;
        assert_eq!(then, "Thôn Khe Tâm", "{on}");
    }
    // Known between the two: corrected, and not yet renamed.
    for on in ["2020-02-05", "2026-07-01"] {
        let then = name_of(&app, khe_tam, on, Some(&corrected)).await;
        assert_eq!(then, "Thôn Khe Tâm Trong", "{on}");
    }
    // The trail says which was which: the correction is the unit's own update, the
    // change is the act's.
    let events = |query: String| {
        let app = &app;
        let admin = &admin;
        async move { get(app, &format!("/api/v1/audit-events?{query}"), Some(admin)).await }
    };
    let corrections = events(format!("entity_id={khe_tam}&action=unit.update")).await;
    let corrected = &corrections["items"][0];
    assert_eq!(
        corrected["after"]["name"], "Thôn Khe Tâm Trong",
        "{corrections}"
    );
    let changes = events("action=reorganization.apply".to_owned()).await;
    assert_eq!(
        changes["items"][0]["after"]["changed"],
        json!([khe_tam]),
        "{changes}"
    );
}

async fn a_party_status_corrected_and_a_tenure_begun_later_are_not_known_before(app: TestApp) {
    let w = world(&app).await;
    let person = w
        .person(&app, "Trần Văn Biết", "1980-01-01", 0, "official")
        .await;
    let before = instant().await;
    // A correction: the person was a probationary member all along.
    app.patch_json(
        &format!("/api/v1/persons/{person}"),
        &json!({"party_status": "probationary"}),
        Some(&w.admin),
    )
    .await
    .expect(200);
    // A tenure begins: elected and recognised.
    w.recognised_head(&app, 0, person).await;

    let path = format!("/api/v1/persons/{person}");
    let now = get(&app, &path, Some(&w.admin)).await;
    assert_eq!(now["party_status"], "probationary");
    let then = get(
        &app,
        &format!("{path}?as_known_at={before}"),
        Some(&w.admin),
    )
    .await;
    assert_eq!(then["party_status"], "official");

    let heads = |known: String| {
        format!(
            "/api/v1/officeholders?unit={}&post=village_head&on=2030-02-01{known}",
            w.village(0)
        )
    };
    let now = get(&app, &heads(String::new()), None).await;
    assert_eq!(now["items"][0]["person"]["id"], person, "{now}");
    let then = get(&app, &heads(format!("&as_known_at={before}")), None).await;
    assert_eq!(then["items"], json!([]), "{then}");
}

async fn a_bad_instant_is_a_bad_request(app: TestApp) {
    let khe_tam = id_of(&app.unit_named("Thôn Khe Tâm").await);
    let res = app
        .get(
            &format!("/api/v1/units/{khe_tam}?as_known_at=2020-02-05"),
            None,
        )
        .await;
    res.expect_problem(400, "invalid_parameter");
}

both!(
    a_correction_rewrites_the_past_a_change_happens_on_its_day,
    a_party_status_corrected_and_a_tenure_begun_later_are_not_known_before,
    a_bad_instant_is_a_bad_request
);
