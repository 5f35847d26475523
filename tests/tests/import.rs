//! Bulk import of units: any order, all or nothing, JSON or CSV; the trail names every unit
//! an import created.

use awc::http::Method;
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

fn indices(problem: &Value) -> Vec<u64> {
    let mut i: Vec<u64> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["index"]
                .as_u64()
                .expect("every refused row names its index")
        })
        .collect();
    i.sort();
    i.dedup();
    i
}

async fn json_rows_in_any_order_are_all_created(app: TestApp) {
    let admin = app.admin().await;
    let before = app.all_units("").await.len();
    let res = app
        .post_json(
            "/api/v1/units/import",
            &json!({"valid_from": "2021-01-01", "units": [
                {"code": "91-1-1-1", "name": "Thôn Nhập", "level": "village", "kind": "thon", "parent_code": "91-1-1"},
                {"code": "91-1-1", "name": "Xã Nhập", "level": "commune", "kind": "xa", "parent_code": "91-1"},
                {"code": "91-1", "name": "Huyện Nhập", "level": "district", "kind": "huyen", "parent_code": "91"},
                {"code": "91", "name": "Tỉnh Nhập", "level": "province", "kind": "tinh"},
                {"code": "22-X", "name": "Huyện Dưới Quảng Ninh", "level": "district", "kind": "huyen", "parent_code": "22"}
            ]}),
            Some(&admin),
        )
        .await;
    res.expect(201);
    let body = res.json();
    assert_eq!(body["created"], 5);
    assert_eq!(body["provinces"], 1);
    assert_eq!(body["districts"], 2);
    assert_eq!(body["communes"], 1);
    assert_eq!(body["villages"], 1);

    let after = app.all_units("").await;
    assert_eq!(after.len(), before + 5);
    let by_code = |code: &str| {
        after
            .iter()
            .find(|u| u["code"] == code)
            .unwrap_or_else(|| panic!("no unit {code}"))
            .clone()
    };
    assert_eq!(by_code("91-1-1-1")["parent_id"], by_code("91-1-1")["id"]);
    assert_eq!(by_code("91-1-1")["parent_id"], by_code("91-1")["id"]);
    assert_eq!(by_code("91-1")["parent_id"], by_code("91")["id"]);
    assert_eq!(by_code("91")["parent_id"], Value::Null);
    let qn = app.unit_named("Tỉnh Quảng Ninh").await;
    assert_eq!(by_code("22-X")["parent_id"], qn["id"]);
    assert_eq!(by_code("91")["valid_from"], "2021-01-01");

    // The trail names every unit the import created, by id and code.
    let events = app
        .get("/api/v1/audit-events?action=unit.import", Some(&admin))
        .await
        .json();
    let created = events["items"][0]["after"]["units"]
        .as_array()
        .unwrap()
        .clone();
    let mut codes: Vec<(i64, String)> = created
        .iter()
        .map(|u| (u[0].as_i64().unwrap(), u[1].as_str().unwrap().to_owned()))
        .collect();
    codes.sort();
    let mut expected: Vec<(i64, String)> = ["91-1-1-1", "91-1-1", "91-1", "91", "22-X"]
        .iter()
        .map(|code| (by_code(code)["id"].as_i64().unwrap(), (*code).to_owned()))
        .collect();
    expected.sort();
    assert_eq!(codes, expected);
}

async fn a_bad_file_is_refused_whole_listing_each_bad_row(app: TestApp) {
    let admin = app.admin().await;
    let before = app.all_units("").await.len();
    let res = app
        .post_json(
            "/api/v1/units/import",
            &json!({"valid_from": "2021-01-01", "units": [
                {"code": "92", "name": "Tỉnh Tốt", "level": "province", "kind": "tinh"},
                {"code": "92-1", "name": "Huyện Lạc", "level": "district", "kind": "huyen", "parent_code": "NOPE"},
                {"code": "92-2", "name": "Huyện Tốt", "level": "district", "kind": "huyen", "parent_code": "92"},
                {"code": "92-3", "name": "Huyện Lạc Nữa", "level": "district", "kind": "huyen", "parent_code": "ALSO-NOPE"}
            ]}),
            Some(&admin),
        )
        .await;
    let body = res.expect_problem(422, "import_rejected");
    assert_eq!(indices(&body), [1, 3], "{body}");
    assert_eq!(app.all_units("").await.len(), before);

    let res = app
        .post_json(
            "/api/v1/units/import",
            &json!({"valid_from": "2021-01-01", "units": [
                {"code": "93", "name": "Tỉnh Tốt", "level": "province", "kind": "tinh"},
                {"code": "93-1", "name": "Huyện Sai Cấp", "level": "hamlet", "kind": "huyen", "parent_code": "93"},
                {"code": "93-2", "name": "Huyện Tốt", "level": "district", "kind": "huyen", "parent_code": "93"}
            ]}),
            Some(&admin),
        )
        .await;
    let body = res.expect_problem(422, "import_rejected");
    assert_eq!(indices(&body), [1], "{body}");
    assert_eq!(app.all_units("").await.len(), before);
}

async fn every_bad_row_is_listed_whatever_its_fault(app: TestApp) {
    let admin = app.admin().await;
    let before = app.all_units("").await.len();
    let res = app
        .post_json(
            "/api/v1/units/import",
            &json!({"valid_from": "2021-01-01", "units": [
                {"code": "94", "name": "Tỉnh Tốt", "level": "province", "kind": "tinh"},
                {"code": "94-1", "name": "Huyện Lạc", "level": "district", "kind": "huyen", "parent_code": "NOPE"},
                {"code": "94-2", "name": "Huyện Sai Cấp", "level": "hamlet", "kind": "huyen", "parent_code": "94"}
            ]}),
            Some(&admin),
        )
        .await;
    let body = res.expect_problem(422, "import_rejected");
    assert_eq!(
        indices(&body),
        [1, 2],
        "a refusal must list every bad row: {body}"
    );
    assert_eq!(app.all_units("").await.len(), before);
}

async fn csv_with_valid_from_in_the_query(app: TestApp) {
    let admin = app.admin().await;
    let before = app.all_units("").await.len();
    let csv = "code,name,level,kind,parent_code\n\
               95-1,Huyện CSV,district,huyen,95\n\
               95,Tỉnh CSV,province,tinh,\n\
               95-1-1,Xã CSV,commune,xa,95-1\n";
    let req = app
        .request(
            Method::POST,
            "/api/v1/units/import?valid_from=2022-07-01",
            Some(&admin),
        )
        .insert_header(("Content-Type", "text/csv; charset=utf-8"));
    let res = app.send(req, csv.as_bytes().to_vec()).await;
    res.expect(201);
    assert_eq!(res.json()["created"], 3);
    let after = app.all_units("").await;
    assert_eq!(after.len(), before + 3);
    let province = after.iter().find(|u| u["code"] == "95").unwrap();
    assert_eq!(province["name"], "Tỉnh CSV");
    assert_eq!(province["valid_from"], "2022-07-01");

    // Without valid_from a CSV import cannot say when the units start.
    let req = app
        .request(Method::POST, "/api/v1/units/import", Some(&admin))
        .insert_header(("Content-Type", "text/csv"));
    let res = app
        .send(
            req,
            "code,name,level,kind,parent_code\n96,Tỉnh B,province,tinh,\n"
                .as_bytes()
                .to_vec(),
        )
        .await;
    res.expect_problem(400, "invalid_parameter");
}

async fn only_an_admin_imports(app: TestApp) {
    let body = json!({"valid_from": "2021-01-01", "units": [
        {"code": "97", "name": "Tỉnh Cấm", "level": "province", "kind": "tinh"}
    ]});
    for token in [app.officer().await, app.auditor().await] {
        let res = app
            .post_json("/api/v1/units/import", &body, Some(&token))
            .await;
        res.expect_problem(403, "forbidden");
    }
    app.post_json("/api/v1/units/import", &body, None)
        .await
        .expect_problem(401, "unauthorized");
    assert!(app.all_units("").await.iter().all(|u| u["code"] != "97"));
}

async fn every_invalid_csv_row_is_listed(app: TestApp) {
    let admin = app.admin().await;
    let before = app.all_units("").await.len();
    let csv = "code,name,level,kind,parent_code\n\
               98,,province,tinh,\n\
               98-1,Huyện Tốt,district,huyen,98\n\
               ,Huyện Không Mã,district,huyen,98\n";
    let req = app
        .request(
            Method::POST,
            "/api/v1/units/import?valid_from=2022-07-01",
            Some(&admin),
        )
        .insert_header(("Content-Type", "text/csv"));
    let res = app.send(req, csv.as_bytes().to_vec()).await;
    let problem = res.expect_problem(422, "validation_failed");
    assert_eq!(indices(&problem), vec![0, 2]);
    assert_eq!(app.all_units("").await.len(), before);
}

both!(
    json_rows_in_any_order_are_all_created,
    every_invalid_csv_row_is_listed,
    a_bad_file_is_refused_whole_listing_each_bad_row,
    every_bad_row_is_listed_whatever_its_fault,
    csv_with_valid_from_in_the_query,
    only_an_admin_imports,
);
