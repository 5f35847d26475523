//! The demo on the real country, as `make run` serves it: the official map of 30/6/2025
//! (`scripts/official-map.sh`, which `make test` runs), the demo's villages under their
//! real communes, and the 2025 reform moving them under the communes that succeed theirs.

use dantin_api::official_map;
use dantin_tests::map::official_data;
use dantin_tests::world::id_of;
use dantin_tests::{both, Backend, TestApp};
use serde_json::Value;

async fn on_the_real_country(backend: Backend) -> TestApp {
    let country = official_map::read_country(&official_data()).expect("the official map reads");
    TestApp::spawn_on_country(backend, &country).await
}

async fn get(app: &TestApp, path: &str) -> Value {
    app.get(&format!("/api/v1{path}"), None)
        .await
        .expect(200)
        .json()
}

/// The one unit that had `code` on `on`.
async fn coded(app: &TestApp, code: &str, on: &str) -> Value {
    let found = get(app, &format!("/units?code={code}&on={on}")).await;
    assert_eq!(found["items"].as_array().map(Vec::len), Some(1), "{found}");
    found["items"][0].clone()
}

/// Where phường Hồng Hà went, who led khu 6 in 2020, and under which commune it sits
/// today: the questions the README asks of `make run`.
async fn the_demo_sits_on_the_real_country(app: TestApp) {
    let hong_ha = coded(&app, "06697", "2020-02-05").await;
    assert_eq!(hong_ha["name"], "Phường Hồng Hà");
    let khu_6 = coded(&app, "06697-K6", "2020-02-05").await;
    assert_eq!(khu_6["parent_id"], hong_ha["id"]);

    let today = get(&app, &format!("/units/{}?on=2025-07-02", id_of(&khu_6))).await;
    let ha_long = get(&app, &format!("/units/{}", today["parent_id"])).await;
    assert_eq!(
        (ha_long["name"].as_str(), ha_long["code"].as_str()),
        (Some("Phường Hạ Long"), Some("06688"))
    );
    let carriers = get(
        &app,
        &format!("/units/{}/successors?on=2025-07-02", id_of(&hong_ha)),
    )
    .await;
    assert_eq!(carriers[0]["id"], ha_long["id"], "{carriers}");
    let gone = app
        .get(
            &format!("/api/v1/units/{}?on=2025-07-02", id_of(&hong_ha)),
            None,
        )
        .await
        .expect(404)
        .json();
    assert_eq!(gone["code"], "not_in_force");

    let heads = get(
        &app,
        &format!(
            "/officeholders?unit={}&post=village_head&on=2020-02-05",
            id_of(&khu_6)
        ),
    )
    .await;
    assert_eq!(
        heads["items"][0]["person"]["name"], "Bùi Văn Huấn",
        "{heads}"
    );
    assert_eq!(heads["items"][0]["since"], "2020-01-08");

    // Its cell followed it to the committee of phường Hạ Long, under the province's.
    let admin = app.admin().await;
    let token = Some(admin.as_str());
    let cells = app
        .get(&format!("/api/v1/party-orgs?unit={}", id_of(&khu_6)), token)
        .await
        .expect(200)
        .json();
    let cell = &cells["items"][0];
    assert_eq!(cell["name"], "Chi bộ khu 6", "{cells}");
    let committee = app
        .get(&format!("/api/v1/party-orgs/{}", cell["parent_id"]), token)
        .await
        .expect(200)
        .json();
    assert_eq!(committee["name"], "Đảng ủy phường Hạ Long", "{committee}");
    assert_eq!(committee["unit_id"], ha_long["id"]);

    // The 2020 figures of Quảng Ninh's demo villages, on the map of 2020.
    let quang_ninh = coded(&app, "22", "2020-02-05").await;
    let report = get(
        &app,
        &format!(
            "/reports/unification?unit={}&on=2020-02-05",
            id_of(&quang_ninh)
        ),
    )
    .await;
    assert_eq!(report["total"]["in_force"], 6, "{report}");
    assert_eq!(report["total"]["unified"], 6, "{report}");

    // 2024 in the life of the cells, read as Quan Sơn's report reads: every cell of huyện
    // Ba Chẽ met every month and held a thematic meeting every quarter...
    let ba_che = coded(&app, "202", "2024-12-31").await;
    let year = "from=2024-01&to=2024-12";
    let cells = get(
        &app,
        &format!("/reports/cell-meetings?unit={}&{year}", id_of(&ba_che)),
    )
    .await;
    assert_eq!(
        cells["total"],
        serde_json::json!({"cells": 4, "met_monthly": 4, "met_monthly_rate": 100.0,
            "thematic_quarterly": 4, "thematic_quarterly_rate": 100.0, "neither": 0})
    );
    // ...its two assigned cadres attended every meeting, and the province's cadre
    // assigned to khu 6 and khu 1 is flagged in both.
    let cadres = get(
        &app,
        &format!(
            "/reports/cadre-attendance?unit={}&{year}",
            id_of(&quang_ninh)
        ),
    )
    .await;
    let rates: Vec<(&str, f64)> = cadres["cadres"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["rate"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        rates,
        [
            ("Hoàng Văn Lực", 100.0),
            ("Triệu Thị Mai", 100.0),
            ("Phạm Minh Tâm", 56.3)
        ]
    );
    let flagged: Vec<&str> = cadres["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["cell_name"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["Chi bộ khu 6", "Chi bộ khu 1"], "{cadres}");
}

both!(spawn = super::on_the_real_country; the_demo_sits_on_the_real_country);
