//! The demo's places through a reorganisation: khu 6 moves from phường Hồng Hà to its
//! successor and keeps its head; a village merger leaves the new village vacant, with its
//! own reason; a 2020 report on today's map counts what the old units held.

use dantin_tests::public::get_with;
use dantin_tests::world::id_of;
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

/// Gives the demo unit `name` an official code, so that an act can name it.
async fn code(app: &TestApp, admin: &str, name: &str, code: &str) -> i64 {
    let id = id_of(&app.unit_named(name).await);
    let res = app
        .patch_json(
            &format!("/api/v1/units/{id}"),
            &json!({"code": code}),
            Some(admin),
        )
        .await;
    res.expect(200);
    id
}

async fn apply(app: &TestApp, admin: &str, effective_on: &str, operations: Value) {
    let act = json!({"effective_on": effective_on, "basis": "Nghị quyết 1679/NQ-UBTVQH15", "operations": operations});
    app.post_json("/api/v1/reorganizations", &act, Some(admin))
        .await
        .expect(201);
}

async fn get(app: &TestApp, path: &str) -> Value {
    app.get(path, None).await.expect(200).json()
}

async fn khu_6_moves_to_the_successor_of_hong_ha_and_keeps_its_head(app: TestApp) {
    let admin = app.admin().await;
    let hong_ha = code(&app, &admin, "Phường Hồng Hà", "HH").await;
    code(&app, &admin, "Thành phố Hạ Long", "HL").await;
    let khu_6 = code(&app, &admin, "Khu 6", "K6").await;
    apply(
        &app,
        &admin,
        "2025-07-01",
        json!([
            {"op": "end", "code": "HL"},
            {"op": "end", "code": "HH"},
            {"op": "create", "unit": {"code": "HG", "name": "Phường Hồng Gai", "level": "commune", "parent_code": "22"}},
            {"op": "move", "code": "K6", "parent_code": "HG"},
            {"op": "succeed", "from": "HH", "to": ["HG"]},
            {"op": "create_org", "org": {"name": "Đảng ủy phường Hồng Gai", "kind": "grassroots_committee", "unit_code": "HG", "superior_unit_code": "22"}},
        ]),
    )
    .await;
    // The cell follows its village to the new phường's committee; the old one ended.
    let token = Some(admin.as_str());
    let cells = app
        .get(
            &format!("/api/v1/party-orgs?unit={khu_6}&on=2020-02-05"),
            token,
        )
        .await;
    let cell = id_of(&cells.expect(200).json()["items"][0]);
    let superior = |on: &'static str| {
        let app = &app;
        async move {
            let path = format!("/api/v1/party-orgs/{cell}?on={on}");
            let cell = app.get(&path, token).await.expect(200).json();
            let path = format!("/api/v1/party-orgs/{}?on={on}", cell["parent_id"]);
            app.get(&path, token).await.expect(200).json()
        }
    };
    let old = superior("2020-02-05").await;
    assert_eq!(old["name"], "Đảng ủy phường Hồng Hà");
    assert_eq!(
        superior("2025-07-02").await["name"],
        "Đảng ủy phường Hồng Gai"
    );
    let gone = app
        .get(
            &format!("/api/v1/party-orgs/{}?on=2025-07-02", old["id"]),
            token,
        )
        .await;
    gone.expect_problem(404, "not_in_force");
    let then = get(&app, &format!("/api/v1/units/{khu_6}?on=2020-02-05")).await;
    assert_eq!(then["parent_id"], hong_ha);
    let now = get(&app, &format!("/api/v1/units/{khu_6}?on=2025-07-02")).await;
    let hong_gai = get(&app, &format!("/api/v1/units/{}", now["parent_id"])).await;
    assert_eq!(hong_gai["name"], "Phường Hồng Gai");
    // Where phường Hồng Hà went.
    let carriers = get(
        &app,
        &format!("/api/v1/units/{hong_ha}/successors?on=2025-07-02"),
    )
    .await;
    assert_eq!(carriers[0]["name"], "Phường Hồng Gai");

    // Who led khu 6 in 2020, and still does: a village that only moves keeps its head.
    for on in ["2020-02-05", "2025-07-02"] {
        let heads = get(
            &app,
            &format!("/api/v1/officeholders?unit={khu_6}&post=village_head&on={on}"),
        )
        .await;
        assert_eq!(heads["items"][0]["person"]["name"], "Bùi Văn Huấn", "{on}");
    }
    // The new phường's subtree holds khu 6 from the act's day; its 2020 report needs the
    // map of a day it was in force.
    let report = app
        .get(
            &format!(
                "/api/v1/reports/unification?unit={}&on=2020-02-05",
                now["parent_id"]
            ),
            None,
        )
        .await;
    report.expect_problem(404, "not_in_force");
    // As a stream too: a unit that did not stand that day is a 404 before any row.
    let path = format!(
        "/api/v1/officeholders?unit={}&on=2020-02-05",
        now["parent_id"]
    );
    let csv = get_with(&app, &path, None, &[("Accept", "text/csv")]).await;
    csv.expect_problem(404, "not_in_force");
    let report = get(
        &app,
        &format!(
            "/api/v1/reports/unification?unit={}&on=2020-02-05&map=2025-07-02",
            now["parent_id"]
        ),
    )
    .await;
    assert_eq!(report["total"]["unified"], 1, "{report}");
}

async fn a_village_merger_ends_the_heads_and_leaves_the_successor_vacant(app: TestApp) {
    let admin = app.admin().await;
    let khe_tam = code(&app, &admin, "Thôn Khe Tâm", "KT").await;
    code(&app, &admin, "Thôn Nam Hả Trong", "NHT").await;
    code(&app, &admin, "Xã Nam Sơn", "NS").await;
    apply(
        &app,
        &admin,
        "2026-03-01",
        json!([
            {"op": "end", "code": "KT"},
            {"op": "end", "code": "NHT"},
            {"op": "create", "unit": {"code": "KTM", "name": "Thôn Khe Tâm Mới", "level": "village", "parent_code": "NS"}},
            {"op": "succeed", "from": "KT", "to": ["KTM"]},
            {"op": "succeed", "from": "NHT", "to": ["KTM"]},
        ]),
    )
    .await;
    let heads = app
        .get(
            &format!("/api/v1/appointments?unit={khe_tam}&post=village_head"),
            Some(&admin),
        )
        .await
        .expect(200)
        .json();
    let last = &heads["items"][0];
    assert_eq!(
        (&last["ends_on"], &last["end_reason"]),
        (&json!("2026-03-01"), &json!("unit_reorganized"))
    );
    let merged = get(&app, "/api/v1/units?code=KTM&on=2026-03-02").await;
    let status = get(
        &app,
        &format!(
            "/api/v1/units/{}/unified-status?on=2026-03-02",
            merged["items"][0]["id"]
        ),
    )
    .await;
    assert_eq!(status["unified"], false);
    assert_eq!(status["reason"], "vacant_after_reorganization");
    // In 2020, Khe Tâm's standing is as it was.
    let then = get(
        &app,
        &format!("/api/v1/units/{khe_tam}/unified-status?on=2020-02-05"),
    )
    .await;
    assert_eq!(then["unified"], true);
}

async fn a_2020_report_on_todays_map_counts_what_the_old_units_held(app: TestApp) {
    let admin = app.admin().await;
    let ba_che = code(&app, &admin, "Huyện Ba Chẽ", "BC").await;
    code(&app, &admin, "Xã Nam Sơn", "NS").await;
    code(&app, &admin, "Thị trấn Ba Chẽ", "TTBC").await;
    for (name, c) in [
        ("Thôn Nam Hả Trong", "V1"),
        ("Thôn Nam Hả Ngoài", "V2"),
        ("Thôn Khe Tâm", "V3"),
        ("Khu phố II", "V4"),
    ] {
        code(&app, &admin, name, c).await;
    }
    apply(
        &app,
        &admin,
        "2025-07-01",
        json!([
            {"op": "end", "code": "BC"},
            {"op": "end", "code": "NS"},
            {"op": "end", "code": "TTBC"},
            {"op": "create", "unit": {"code": "XBC", "name": "Xã Ba Chẽ", "level": "commune", "parent_code": "22"}},
            {"op": "move", "code": "V1", "parent_code": "XBC"},
            {"op": "move", "code": "V2", "parent_code": "XBC"},
            {"op": "move", "code": "V3", "parent_code": "XBC"},
            {"op": "move", "code": "V4", "parent_code": "XBC"},
            {"op": "succeed", "from": "NS", "to": ["XBC"]},
            {"op": "succeed", "from": "TTBC", "to": ["XBC"]},
            {"op": "create_org", "org": {"name": "Đảng ủy xã Ba Chẽ", "kind": "grassroots_committee", "unit_code": "XBC", "superior_unit_code": "22"}},
        ]),
    )
    .await;
    let new = get(&app, "/api/v1/units?code=XBC&on=2025-07-01").await["items"][0]["id"].clone();
    let old = get(
        &app,
        &format!("/api/v1/reports/unification?unit={ba_che}&on=2020-02-05"),
    )
    .await;
    let today = get(
        &app,
        &format!("/api/v1/reports/unification?unit={new}&on=2020-02-05&map=2025-07-02"),
    )
    .await;
    assert_eq!(today["total"], old["total"]);
    assert_eq!(today["total"]["in_force"], 4, "{today}");
    // The same for the campaign of the 2020-2022 term.
    let quang_ninh = app.unit_named("Tỉnh Quảng Ninh").await["id"].clone();
    let terms = app
        .get("/api/v1/terms", Some(&admin))
        .await
        .expect(200)
        .json();
    let term = terms["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["label"] == "2020-2022" && t["scope_unit_id"] == quang_ninh)
        .expect("the demo's term")["id"]
        .clone();
    let old = get(
        &app,
        &format!("/api/v1/reports/progress?unit={ba_che}&term={term}"),
    )
    .await;
    let today = get(
        &app,
        &format!("/api/v1/reports/progress?unit={new}&term={term}&map=2025-07-02"),
    )
    .await;
    assert_eq!(today["days"], old["days"]);
    assert_eq!(today["villages_in_scope"], 4);
}

/// A commune ended while its villages' cells have no committee to follow to: refused whole,
/// naming each cell at the operation that ends its committee's commune.
async fn cells_left_without_a_committee_refuse_the_act(app: TestApp) {
    let admin = app.admin().await;
    let act = json!({"effective_on": "2025-07-01", "basis": "Nghị quyết 1679/NQ-UBTVQH15", "operations": [
        {"op": "create", "unit": {"code": "XBC", "name": "Xã Ba Chẽ", "level": "commune", "parent_code": "202"}},
        {"op": "move", "code": "06970-KPII", "parent_code": "XBC"},
        {"op": "end", "code": "06970"},
    ]});
    let res = app
        .post_json("/api/v1/reorganizations", &act, Some(&admin))
        .await;
    let problem = res.expect_problem(422, "import_rejected");
    assert_eq!(problem["errors"][0]["index"], 2, "{problem}");
    assert_eq!(problem["errors"][0]["rule"], "party_org_children_in_force");
    let detail = problem["errors"][0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("Chi bộ khu phố II") && detail.contains("Đảng ủy thị trấn Ba Chẽ"),
        "{detail}"
    );
    // Nothing stored: khu phố II is still under thị trấn Ba Chẽ.
    let khu = app.unit_named("Khu phố II").await;
    assert_eq!(
        app.unit_named("Thị trấn Ba Chẽ").await["id"],
        khu["parent_id"]
    );
}

both!(
    cells_left_without_a_committee_refuse_the_act,
    khu_6_moves_to_the_successor_of_hong_ha_and_keeps_its_head,
    a_village_merger_ends_the_heads_and_leaves_the_successor_vacant,
    a_2020_report_on_todays_map_counts_what_the_old_units_held,
);
