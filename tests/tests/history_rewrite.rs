//! History rewritten by a PATCH (the probe's class 2): a unit's dates cannot be moved
//! past the tenures and elections held there, so no day shows a head in a unit that is
//! not in force. The record, the unified status and the officeholders stay as they were.

use dantin_tests::unchanged::Unchanged;
use dantin_tests::world::{assert_refused, id_of};
use dantin_tests::{both, json, TestApp};

async fn a_patch_cannot_strand_the_tenures_and_elections_of_a_village(app: TestApp) {
    let admin = app.admin().await;
    let khe_tam = app.unit_named("Thôn Khe Tâm").await;
    let path = format!("/api/v1/units/{}", khe_tam["id"]);
    let status = format!(
        "/api/v1/units/{}/unified-status?on=2020-02-05",
        khe_tam["id"]
    );
    let heads = format!("/api/v1/officeholders?unit={}&on=2020-02-05", khe_tam["id"]);
    let status_before = app.get(&status, None).await.json();
    let heads_before = app.get(&heads, None).await.json();
    let before = Unchanged::mark(&app).await;

    // Its head was elected on 5/1/2020 and has held the post since 8/1/2020.
    let res = app
        .patch_json(&path, &json!({"valid_from": "2020-01-10"}), Some(&admin))
        .await;
    assert_refused(&res, "unit_tenures_within");
    assert_refused(&res, "unit_elections_within");
    let res = app
        .patch_json(&path, &json!({"valid_to": "2021-01-01"}), Some(&admin))
        .await;
    assert_refused(&res, "unit_tenures_within");

    before.assert(&app).await;
    assert_eq!(app.get(&path, None).await.json(), khe_tam);
    assert_eq!(app.get(&status, None).await.json(), status_before);
    assert_eq!(app.get(&heads, None).await.json(), heads_before);
    assert_eq!(status_before["unified"], true);
}

async fn a_unit_with_nothing_held_there_can_still_be_ended(app: TestApp) {
    let admin = app.admin().await;
    let thang_binh = id_of(&app.unit_named("Huyện Thăng Bình").await);
    let res = app
        .patch_json(
            &format!("/api/v1/units/{thang_binh}"),
            &json!({"valid_to": "2025-07-01"}),
            Some(&admin),
        )
        .await;
    assert_eq!(res.expect(200).json()["valid_to"], "2025-07-01");
}

both!(
    a_patch_cannot_strand_the_tenures_and_elections_of_a_village,
    a_unit_with_nothing_held_there_can_still_be_ended,
);
