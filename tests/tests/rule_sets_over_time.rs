//! A province's rules over time: a province born of a merger starts with its own rules,
//! rules set from a day hold from that day, and a report (as an election) is judged by the
//! rules in force on its day, of the province its unit stood in that day.

use dantin_tests::map::{apply, by_code, small_map, BEFORE, DAY};
use dantin_tests::world::id_of;
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

async fn target(app: &TestApp, unit: i64, on: &str) -> Value {
    let path = format!("/api/v1/reports/unification?unit={unit}&on={on}");
    app.get(&path, None).await.expect(200).json()["total"]["target"].clone()
}

async fn a_province_born_of_a_merger_starts_its_own_rules(app: TestApp) {
    let admin = app.admin().await;
    small_map(&app, &admin).await;
    let p = id_of(&by_code(&app, "P", BEFORE).await);
    let c1 = id_of(&by_code(&app, "C1", BEFORE).await);
    let rules_of = |province: i64| format!("/api/v1/rule-sets/{province}");
    let mut rules = app.get(&rules_of(p), Some(&admin)).await.expect(200).json()["rules"].clone();
    rules["village_unified_target_percent"] = json!(90);
    let res = app.put_json(&rules_of(p), &rules, Some(&admin)).await;
    res.expect(200);
    apply(
        &app,
        &admin,
        json!([
            {"op": "create", "unit": {"code": "Q", "name": "Tỉnh Hợp Nhất", "level": "province"}},
            {"op": "move", "code": "D", "parent_code": "Q"},
            {"op": "end", "code": "P"},
            {"op": "succeed", "from": "P", "to": ["Q"]},
        ]),
    )
    .await
    .expect(201);
    let q = id_of(&by_code(&app, "Q", DAY).await);
    // The commune stood in P in 2021, in Q from the act's day.
    assert_eq!(target(&app, c1, "2021-01-01").await, 90);
    assert_eq!(target(&app, c1, DAY).await, 100);

    // Q's rules from a later day on; before it, its rules from the beginning.
    rules["village_unified_target_percent"] = json!(80);
    let res = app
        .put_json(
            &format!("{}?from=2026-01-01", rules_of(q)),
            &rules,
            Some(&admin),
        )
        .await;
    assert_eq!(res.expect(200).json()["valid_from"], "2026-01-01");
    let on = |day: &str| format!("{}?on={day}", rules_of(q));
    let before = app
        .get(&on("2025-12-31"), Some(&admin))
        .await
        .expect(200)
        .json();
    assert_eq!(before["rules"]["village_unified_target_percent"], 100);
    assert_eq!(before.get("valid_from"), None);
    let after = app
        .get(&on("2026-01-01"), Some(&admin))
        .await
        .expect(200)
        .json();
    assert_eq!(after["rules"]["village_unified_target_percent"], 80);
    assert_eq!(target(&app, c1, "2025-12-31").await, 100);
    assert_eq!(target(&app, c1, "2026-02-01").await, 80);
    assert_eq!(
        target(&app, c1, "2021-01-01").await,
        90,
        "the past keeps its rules"
    );
}

both!(a_province_born_of_a_merger_starts_its_own_rules);
