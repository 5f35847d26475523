//! A person's party status over time: a head admitted on probation and made official
//! later counts as probationary on the days before, in the unified status, the report
//! and the checks of rule 11; a status given without its day corrects the record.

use dantin_tests::world::{world, A};
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> Value {
    app.get(path, token).await.expect(200).json()
}

async fn a_head_made_official_later_counts_as_probationary_before(app: TestApp) {
    let w = world(&app).await;
    let village = w.village(A);
    let head = w
        .person(&app, "Lò Văn Dự Bị", "1980-01-01", A, "probationary")
        .await;
    w.recognised_head(&app, A, head).await;
    let person = format!("/api/v1/persons/{head}");
    let made_official = json!({"party_status": "official", "party_status_since": "2031-03-01"});
    let res = app
        .patch_json(&person, &made_official, Some(&w.admin))
        .await;
    assert_eq!(
        res.expect(200).json()["party_status"],
        "probationary",
        "today's"
    );
    // The trail records a change on its day as such, not as a correction.
    let trail = get(
        &app,
        &format!("/api/v1/audit-events?entity_type=person&entity_id={head}"),
        Some(&w.admin),
    )
    .await;
    let last = trail["items"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "person.party_status_change", "{trail}");
    for (on, status) in [("2030-02-01", "probationary"), ("2031-06-01", "official")] {
        let then = get(&app, &format!("{person}?on={on}"), Some(&w.admin)).await;
        assert_eq!(then["party_status"], status, "{on}");
        let listed = get(
            &app,
            &format!("/api/v1/persons?unit={village}&on={on}"),
            Some(&w.admin),
        )
        .await;
        let listed = listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == head);
        assert_eq!(listed.unwrap()["party_status"], status, "{on}");
    }

    let reason = |on: &'static str| {
        let app = &app;
        async move {
            let path = format!("/api/v1/units/{village}/unified-status?on={on}");
            get(app, &path, None).await["reason"].clone()
        }
    };
    assert_eq!(reason("2030-02-01").await, "head_probationary");
    assert_eq!(reason("2031-06-01").await, "no_secretary");
    let report = get(
        &app,
        &format!(
            "/api/v1/reports/unification?unit={}&on=2030-02-01",
            w.commune
        ),
        None,
    )
    .await;
    let listed = report["not_unified"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["unit_id"] == village)
        .expect("village A is not unified");
    assert_eq!(listed["reason"], "head_probationary");

    // Rule 11 on the day of a congress: official members only.
    let official_on = |on: &'static str| {
        let (app, admin) = (&app, w.admin.clone());
        async move {
            let path = format!(
                "/api/v1/persons/{head}/eligibility?post=cell_secretary&unit={village}&on={on}"
            );
            let body = get(app, &path, Some(&admin)).await;
            body["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["rule"] == "congress_official_members_only")
                .expect("rule 11 is checked")["passed"]
                .clone()
        }
    };
    assert_eq!(official_on("2030-06-01").await, false);
    assert_eq!(official_on("2031-06-01").await, true);

    // Without a day, a status corrects the record: it holds all along.
    let corrected = json!({"party_status": "probationary"});
    app.patch_json(&person, &corrected, Some(&w.admin))
        .await
        .expect(200);
    assert_eq!(reason("2031-06-01").await, "head_probationary");
}

both!(a_head_made_official_later_counts_as_probationary_before);
