//! The CSV and NDJSON exports of the public lists (units and officeholders): streamed in
//! full past one chunk, with the same rows as the paged JSON, filters applied.

use std::collections::{BTreeMap, BTreeSet};

use dantin_tests::public::{get_csv, get_ndjson, parse_csv, parse_ndjson};
use dantin_tests::world::id_of;
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

/// Imports more units than one chunk of a streamed export: a district, its commune
/// (code 22-EXP-1) and 1,100 villages; every unit the JSON list then answers.
async fn more_units_than_a_chunk(app: &TestApp) -> Vec<Value> {
    let admin = app.admin().await;
    let mut units = vec![
        json!({"code": "22-EXP", "name": "Huyện Xuất", "level": "district", "kind": "huyen", "parent_code": "22"}),
        json!({"code": "22-EXP-1", "name": "Xã Xuất", "level": "commune", "kind": "xa", "parent_code": "22-EXP"}),
    ];
    for i in 0..1_100 {
        units.push(json!({
            "code": format!("22-EXP-1-{i:04}"), "name": format!("Thôn Xuất {i}"),
            "level": "village", "kind": "thon", "parent_code": "22-EXP-1"
        }));
    }
    app.post_json(
        "/api/v1/units/import",
        &json!({"valid_from": "2021-01-01", "units": units}),
        Some(&admin),
    )
    .await
    .expect(201);

    let listed = app.all_units("").await;
    assert!(listed.len() > 1_100);
    listed
}

/// The ids of `units`.
fn ids(units: &[Value]) -> BTreeSet<i64> {
    units.iter().map(id_of).collect()
}

async fn units_stream_as_csv_past_one_chunk(app: TestApp) {
    let listed = more_units_than_a_chunk(&app).await;
    let res = get_csv(&app, "/api/v1/units", None).await;
    let (header, rows) = parse_csv(&res);
    assert_eq!(
        header,
        [
            "id",
            "code",
            "name",
            "level",
            "kind",
            "parent_id",
            "valid_from",
            "valid_to"
        ],
        "{header:?}"
    );
    assert_eq!(rows.len(), listed.len(), "a CSV row per unit");
    let csv_ids: BTreeSet<i64> = rows.iter().map(|r| r["id"].parse().unwrap()).collect();
    assert_eq!(csv_ids.len(), rows.len(), "no unit twice");
    assert_eq!(csv_ids, ids(&listed));
    let one = rows
        .iter()
        .find(|r| r["code"] == "22-EXP-1-0042")
        .expect("an imported village");
    assert_eq!(one["name"], "Thôn Xuất 42");
    assert_eq!(one["level"], "village");
    assert_eq!(one["valid_from"], "2021-01-01");
    assert_eq!(one["valid_to"], "");
}

async fn units_stream_as_ndjson_past_one_chunk(app: TestApp) {
    let listed = more_units_than_a_chunk(&app).await;
    let res = get_ndjson(&app, "/api/v1/units", None).await;
    let lines = parse_ndjson(&res);
    assert_eq!(lines.len(), listed.len(), "an NDJSON line per unit");
    let nd_ids: BTreeSet<i64> = lines.iter().map(id_of).collect();
    assert_eq!(nd_ids, ids(&listed));
    let by_id: BTreeMap<i64, &Value> = listed.iter().map(|u| (id_of(u), u)).collect();
    for line in &lines {
        assert_eq!(line, by_id[&id_of(line)], "NDJSON matches the JSON list");
    }
}

/// Filters apply to exports too.
async fn filters_apply_to_exports(app: TestApp) {
    let listed = more_units_than_a_chunk(&app).await;
    let commune = listed
        .iter()
        .find(|u| u["code"] == "22-EXP-1")
        .expect("the imported commune");
    let res = get_csv(
        &app,
        &format!("/api/v1/units?parent={}", id_of(commune)),
        None,
    )
    .await;
    assert_eq!(parse_csv(&res).1.len(), 1_100);
}

/// The officeholders' query for a day of the demo's 2020-2022 term.
const IN_2020: &str = "on=2020-03-01";

/// The officeholders of `IN_2020`, page by page as JSON.
async fn officeholders_in_pages_of_three(app: &TestApp) -> Vec<Value> {
    let mut json_rows = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/officeholders?limit=3&{IN_2020}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let res = app.get(&path, None).await;
        res.expect(200);
        let body = res.json();
        json_rows.extend(body["items"].as_array().unwrap().iter().cloned());
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert!(!json_rows.is_empty(), "the demo has officeholders in 2020");
    json_rows
}

async fn officeholders_export_as_csv_ignoring_paging(app: TestApp) {
    let json_rows = officeholders_in_pages_of_three(&app).await;
    let res = get_csv(&app, &format!("/api/v1/officeholders?{IN_2020}"), None).await;
    assert!(
        res.text().starts_with("id,unit_id,"),
        "header: {}",
        res.text()
    );
    let (header, rows) = parse_csv(&res);
    assert_eq!(
        header,
        [
            "id",
            "unit_id",
            "unit_code",
            "unit_name",
            "unit_level",
            "post",
            "person_id",
            "person_name",
            "since",
            "until",
            "term_id",
            "term_label",
            "unified"
        ]
    );
    assert_eq!(rows.len(), json_rows.len(), "CSV ignores paging");
    for (row, json) in rows.iter().zip(&json_rows) {
        assert_eq!(row["id"], id_of(json).to_string());
        assert_eq!(row["person_name"], json["person"]["name"].as_str().unwrap());
        assert_eq!(row["post"], json["post"].as_str().unwrap());
        assert_eq!(row["unit_id"], json["unit"]["id"].to_string());
    }
}

async fn officeholders_export_as_ndjson_ignoring_paging(app: TestApp) {
    let json_rows = officeholders_in_pages_of_three(&app).await;
    let res = get_ndjson(
        &app,
        &format!("/api/v1/officeholders?{IN_2020}&limit=1"),
        None,
    )
    .await;
    let lines = parse_ndjson(&res);
    assert_eq!(lines, json_rows, "NDJSON is the JSON rows, every one");
}

both!(
    units_stream_as_csv_past_one_chunk,
    units_stream_as_ndjson_past_one_chunk,
    filters_apply_to_exports,
    officeholders_export_as_csv_ignoring_paging,
    officeholders_export_as_ndjson_ignoring_paging,
);
