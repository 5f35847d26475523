//! A province's and the country's reports are put together from parts kept in memory,
//! each kept while nothing under it is written: every kind of write shows in them at
//! once, on the instance that kept them as on the one that wrote, and they read the same
//! as on an instance that kept nothing.

use dantin_tests::figures::FIGURE_KEYS;
use dantin_tests::standings::AFTER_ALL;
use dantin_tests::world::{world, World, A};
use dantin_tests::{both, TestApp};
use serde_json::{json, Value};

/// The reports a portal polls: the province's and the country's.
fn reports(w: &World) -> [String; 2] {
    [
        format!(
            "/api/v1/reports/unification?unit={}&on={AFTER_ALL}",
            w.province
        ),
        format!("/api/v1/reports/unification?on={AFTER_ALL}"),
    ]
}

/// Both reports as `kept` (an instance that has read them before) answers them, checked
/// against an instance that starts with nothing kept.
async fn read(kept: &TestApp, w: &World) -> [Value; 2] {
    let fresh = kept.beside();
    let mut answers = Vec::new();
    for path in reports(w) {
        let res = kept.get(&path, None).await;
        res.expect(200);
        let from_nothing = fresh.get(&path, None).await;
        assert_eq!(res.json(), from_nothing.json(), "{path}");
        answers.push(res.json());
    }
    answers.try_into().unwrap()
}

/// The counts of a report's figures, which come before the rate (the country has no
/// target, so neither rate nor gap).
fn counts(figures: &Value) -> Value {
    FIGURE_KEYS
        .iter()
        .take_while(|k| **k != "rate")
        .map(|k| (k.to_string(), figures[k].clone()))
        .collect()
}

/// The counts of the province's report, and of its row in the country's.
fn province_figures(w: &World, [province, country]: &[Value; 2]) -> (Value, Value) {
    let row = country["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["unit"]["id"] == w.province)
        .unwrap_or_else(|| panic!("a row for the province: {country}"));
    (counts(&province["total"]), counts(row))
}

/// How much each count of `after` grew over `before`.
fn grown(before: &Value, after: &Value) -> Value {
    let before = before.as_object().unwrap();
    after
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                json!(v.as_i64().unwrap() - before[k].as_i64().unwrap()),
            )
        })
        .collect()
}

/// Why village `v` is not unified, in the province's report and in the country's.
fn reasons(w: &World, v: usize, reports: &[Value; 2]) -> Vec<Value> {
    reports
        .iter()
        .map(|r| {
            r["not_unified"]
                .as_array()
                .unwrap()
                .iter()
                .find(|n| n["unit_id"] == w.village(v))
                .map_or(Value::Null, |n| n["reason"].clone())
        })
        .collect()
}

async fn every_write_shows_in_the_kept_reports(app: TestApp) {
    let w = world(&app).await;
    let other = app.beside();
    let (start, row) = province_figures(&w, &read(&other, &w).await);
    assert_eq!(start, row);

    // A head, elected and recognised: the village's standing is known, not unified.
    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    w.recognised_head(&app, A, a).await;
    let reports = read(&other, &w).await;
    let (total, row) = province_figures(&w, &reports);
    assert_eq!(total, row);
    let known = json!({"in_force": 0, "with_party_org": 0, "unknown": -1, "known": 1, "unified": 0, "pending_approval": 0});
    assert_eq!(grown(&start, &total), known);
    assert_eq!(reasons(&w, A, &reports), vec![json!("no_secretary"); 2]);

    // The head's party status corrected to probationary all along: another reason.
    let person = format!("/api/v1/persons/{a}");
    for (status, reason) in [
        ("probationary", "head_probationary"),
        ("official", "no_secretary"),
    ] {
        app.patch_json(&person, &json!({"party_status": status}), Some(&w.admin))
            .await
            .expect(200);
        let reports = read(&other, &w).await;
        assert_eq!(reasons(&w, A, &reports), vec![json!(reason); 2], "{status}");
    }

    // The same person elected secretary by the cell's congress and approved: unified.
    let k = w.elect_secretary(&app, A, "2030-01-20", a).await;
    w.approve(&app, k, "2030-01-25").await;
    let reports = read(&other, &w).await;
    let (total, row) = province_figures(&w, &reports);
    assert_eq!(total, row);
    let unified = json!({"in_force": 0, "with_party_org": 0, "unknown": -1, "known": 1, "unified": 1, "pending_approval": 0});
    assert_eq!(grown(&start, &total), unified);
    assert_eq!(reasons(&w, A, &reports), vec![Value::Null; 2]);

    // A new village under the commune, with no cell: one more in force.
    let since = app
        .get(&format!("/api/v1/units/{}", w.commune), None)
        .await
        .json()["valid_from"]
        .clone();
    app.create_unit(
        &w.admin,
        json!({
            "name": "Thôn Mới", "level": "village", "kind": "thon",
            "parent_id": w.commune, "valid_from": since
        }),
    )
    .await;
    let (total, row) = province_figures(&w, &read(&other, &w).await);
    assert_eq!(total, row);
    let one_more = json!({"in_force": 1, "with_party_org": 0, "unknown": -1, "known": 1, "unified": 1, "pending_approval": 0});
    assert_eq!(grown(&start, &total), one_more);
}

both!(every_write_shows_in_the_kept_reports);
