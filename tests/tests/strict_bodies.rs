//! Every body refuses a field it does not have (the probe's class 8): a misspelt optional
//! field would otherwise be dropped and reset to its default, silently.

use dantin_tests::unchanged::Unchanged;
use dantin_tests::world::id_of;
use dantin_tests::{both, json, TestApp};

async fn a_misspelt_rule_set_field_is_refused_and_the_rules_stay(app: TestApp) {
    let admin = app.admin().await;
    let province = id_of(&app.unit_named("Tỉnh Quảng Ninh").await);
    let path = format!("/api/v1/rule-sets/{province}");
    let read = app.get(&path, Some(&admin)).await.json();
    let mut rules = read["rules"].clone();
    rules["commune_council_target_percentt"] = json!(40);
    let before = Unchanged::mark(&app).await;
    let res = app.put_json(&path, &rules, Some(&admin)).await;
    let body = res.expect_problem(422, "validation_failed");
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("commune_council_target_percentt"),
        "{body}"
    );
    before.assert(&app).await;
    assert_eq!(app.get(&path, Some(&admin)).await.json(), read);
}

async fn a_misspelt_exclusion_of_a_congress_is_refused(app: TestApp) {
    let admin = app.admin().await;
    let before = Unchanged::mark(&app).await;
    let congress = json!({"cell_id": 1, "term_id": 2, "held_on": "2020-01-18",
        "members_summoned": 7, "members_present": 7, "candidates": [{"person_id": 4, "votes": 7}],
        "exclusions": {"suspendedd": 2}});
    let res = app
        .post_json("/api/v1/congresses", &congress, Some(&admin))
        .await;
    let body = res.expect_problem(422, "validation_failed");
    assert!(
        body["errors"][0]["field"]
            .as_str()
            .unwrap()
            .starts_with("exclusions"),
        "{body}"
    );
    before.assert(&app).await;
}

both!(
    a_misspelt_rule_set_field_is_refused_and_the_rules_stay,
    a_misspelt_exclusion_of_a_congress_is_refused,
);
