//! An officer reaching outside its area through the references a write carries (the
//! probe's class 1), and tenures entered by hand that skipped the rules elections keep.
//! Each attack is refused by the rule it breaks, and nothing is stored. A private record
//! outside the area is, to the officer, a record that does not exist.

use dantin_tests::unchanged::Unchanged;
use dantin_tests::world::{assert_refused, id_of, world, A, B};
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

/// The first item named `name` (under `key`) of a private list, as admin.
async fn named(app: &TestApp, list: &str, key: &str, name: &str) -> i64 {
    let admin = app.admin().await;
    let res = app
        .get(&format!("/api/v1/{list}?limit=500"), Some(&admin))
        .await;
    let items: Vec<Value> = res.expect(200).json()["items"].as_array().unwrap().clone();
    let found = items.iter().find(|i| i[key] == name);
    id_of(found.unwrap_or_else(|| panic!("no {list} named {name}")))
}

async fn an_officer_cannot_appoint_or_enrol_someone_from_outside_its_area(app: TestApp) {
    let officer = app.officer().await;
    let khe_tam = id_of(&app.unit_named("Thôn Khe Tâm").await);
    // Khu 6 is in Hạ Long, outside the officer's Ba Chẽ.
    let outsider = named(&app, "persons", "full_name", "Bùi Văn Huấn").await;
    let outside_cell = named(&app, "party-orgs", "name", "Chi bộ khu 6").await;
    let resident = named(&app, "persons", "full_name", "Lý Mạnh Thường").await;
    let before = Unchanged::mark(&app).await;

    let deputy = json!({"post": "deputy_village_head", "person_id": outsider, "unit_id": khe_tam,
        "starts_on": "2021-03-01", "basis": "election", "decision": "Quyết định 45/QĐ-UBND"});
    let res = app
        .post_json("/api/v1/appointments", &deputy, Some(&officer))
        .await;
    assert_refused(&res, "appointment_person_exists");

    let newcomer = json!({"full_name": "Hoàng Thị Mới", "gender": "female",
        "birth_date": "1990-01-01", "residence_unit_id": khe_tam, "party_status": "official",
        "party_org_id": outside_cell});
    let res = app
        .post_json("/api/v1/persons", &newcomer, Some(&officer))
        .await;
    assert_refused(&res, "person_party_org_exists");
    let res = app
        .patch_json(
            &format!("/api/v1/persons/{resident}"),
            &json!({"party_org_id": outside_cell}),
            Some(&officer),
        )
        .await;
    assert_refused(&res, "person_party_org_exists");
    before.assert(&app).await;
}

async fn a_cell_never_answers_to_another_provinces_committee(app: TestApp) {
    let officer = app.officer().await;
    let admin = app.admin().await;
    let cell = named(&app, "party-orgs", "name", "Chi bộ thôn Khe Tâm").await;
    let elsewhere = named(&app, "party-orgs", "name", "Tỉnh ủy Quảng Nam").await;
    let read = app
        .get(&format!("/api/v1/party-orgs/{cell}"), Some(&admin))
        .await
        .json();
    let before = Unchanged::mark(&app).await;
    let move_up = json!({"parent_id": elsewhere});
    let path = format!("/api/v1/party-orgs/{cell}");
    // The officer cannot even name that committee; an admin can, and the rule refuses it.
    assert_refused(
        &app.patch_json(&path, &move_up, Some(&officer)).await,
        "party_org_parent_exists",
    );
    assert_refused(
        &app.patch_json(&path, &move_up, Some(&admin)).await,
        "party_org_parent_above",
    );
    before.assert(&app).await;
    assert_eq!(app.get(&path, Some(&admin)).await.json(), read);
}

async fn an_election_team_names_only_persons_the_officer_may_know(app: TestApp) {
    let w = world(&app).await;
    let officer = app.officer().await;
    let head = w
        .person(&app, "Vi Văn Hẹn", "1980-01-01", A, "official")
        .await;
    let outsider = named(&app, "persons", "full_name", "Bùi Văn Huấn").await;
    let before = Unchanged::mark(&app).await;
    for team in [vec![outsider], vec![9_999_999]] {
        let election = json!({"village_id": w.village(A), "term_id": w.term,
            "held_on": "2030-01-06", "households_total": 100, "households_present": 80,
            "method": "secret_ballot", "candidates": [{"person_id": head, "votes": 70}],
            "election_team": team});
        let res = app
            .post_json("/api/v1/head-elections", &election, Some(&officer))
            .await;
        assert_refused(&res, "election_team_member_exists");
    }
    before.assert(&app).await;
}

async fn a_tenure_entered_by_hand_keeps_the_rules_an_election_keeps(app: TestApp) {
    let w = world(&app).await;
    let head_of_a = w
        .person(&app, "Vi Văn Hẹn", "1980-01-01", A, "official")
        .await;
    w.recognised_head(&app, A, head_of_a).await;
    let outsider = w
        .person(&app, "Lò Thị Ngoài", "1985-05-05", A, "none")
        .await;
    let before = Unchanged::mark(&app).await;

    // The head of A, appointed interim head of B as well.
    let interim = json!({"post": "village_head", "person_id": head_of_a, "unit_id": w.village(B),
        "starts_on": "2030-02-01", "basis": "interim", "decision": "Quyết định 7/QĐ-UBND"});
    let res = app
        .post_json("/api/v1/appointments", &interim, Some(&w.admin))
        .await;
    assert_refused(&res, "candidate_holds_no_other_head_post");
    assert_refused(&res, "candidate_residence");

    // A non-member designated secretary of A's cell.
    let secretary = json!({"post": "cell_secretary", "person_id": outsider, "party_org_id": w.cell(A),
        "starts_on": "2030-02-01", "basis": "designated", "decision": "Quyết định 9-QĐ/ĐU"});
    let res = app
        .post_json("/api/v1/appointments", &secretary, Some(&w.admin))
        .await;
    assert_refused(&res, "congress_official_members_only");
    assert_refused(&res, "candidate_member_of_cell");
    before.assert(&app).await;
}

async fn an_officer_cannot_tell_elsewheres_records_from_missing_ones(app: TestApp) {
    let officer = app.officer().await;
    let admin = app.admin().await;
    let outside_cell = named(&app, "party-orgs", "name", "Chi bộ khu 6").await;
    let khu_6 = id_of(&app.unit_named("Khu 6").await);
    let election = app
        .get(
            &format!("/api/v1/head-elections?village={khu_6}"),
            Some(&admin),
        )
        .await
        .json()["items"][0]["id"]
        .as_i64()
        .expect("Khu 6's election");
    let congress = app
        .get(
            &format!("/api/v1/congresses?cell={outside_cell}"),
            Some(&admin),
        )
        .await
        .json()["items"][0]["id"]
        .as_i64()
        .expect("Khu 6's congress");
    let tenure = app
        .get(&format!("/api/v1/appointments?unit={khu_6}"), Some(&admin))
        .await
        .json()["items"][0]["id"]
        .as_i64()
        .expect("Khu 6's head");
    for (path, missing) in [
        (
            format!("/api/v1/party-orgs/{outside_cell}"),
            "/api/v1/party-orgs/9999999",
        ),
        (
            format!("/api/v1/head-elections/{election}"),
            "/api/v1/head-elections/9999999",
        ),
        (
            format!("/api/v1/congresses/{congress}"),
            "/api/v1/congresses/9999999",
        ),
        (
            format!("/api/v1/appointments/{tenure}"),
            "/api/v1/appointments/9999999",
        ),
    ] {
        let there = app.get(&path, Some(&officer)).await;
        let absent = app.get(missing, Some(&officer)).await;
        let there = there.expect_problem(404, "not_found");
        let absent = absent.expect_problem(404, "not_found");
        assert_eq!(there["detail"], absent["detail"], "{path}");
    }
}

both!(
    an_officer_cannot_appoint_or_enrol_someone_from_outside_its_area,
    a_cell_never_answers_to_another_provinces_committee,
    an_election_team_names_only_persons_the_officer_may_know,
    a_tenure_entered_by_hand_keeps_the_rules_an_election_keeps,
    an_officer_cannot_tell_elsewheres_records_from_missing_ones,
);
