//! Problems on `Accept-Language: vi`: the title, the detail and every item's detail in
//! Vietnamese; without it, the same problem in English.

use awc::http::Method;
use dantin_tests::{both, json, Resp, TestApp};
use serde_json::Value;

const VI: &str = "vi-VN,vi;q=0.9,en;q=0.5";

/// The request in Vietnamese and in English: the two problems, which must share their
/// status and code.
async fn both_languages(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (Value, Value) {
    let mut answers = Vec::new();
    for language in [Some(VI), None] {
        let mut req = app.request(method.clone(), path, token);
        if let Some(language) = language {
            req = req.insert_header(("Accept-Language", language));
        }
        let res: Resp = match body {
            Some(body) => {
                let req = req.insert_header(("Content-Type", "application/json"));
                app.send(req, serde_json::to_vec(body).unwrap()).await
            }
            None => app.send(req, Vec::new()).await,
        };
        res.assert_problem_shape();
        answers.push(res.json());
    }
    let en = answers.pop().unwrap();
    let vi = answers.pop().unwrap();
    assert_eq!(vi["status"], en["status"]);
    assert_eq!(vi["code"], en["code"]);
    assert_ne!(vi["detail"], en["detail"], "{vi}");
    (vi, en)
}

/// A unit created (or not) in both languages.
async fn unit_posted(app: &TestApp, token: Option<&str>, body: &Value) -> (Value, Value) {
    both_languages(app, Method::POST, "/api/v1/units", token, Some(body)).await
}

async fn a_missing_record_is_said_in_vietnamese(app: TestApp) {
    let (vi, en) = both_languages(&app, Method::GET, "/api/v1/units/999999", None, None).await;
    assert_eq!(vi["title"], "Không tìm thấy");
    assert_eq!(vi["detail"], "Không tìm thấy đơn vị.");
    assert_eq!(en["title"], "Not found");
    assert_eq!(en["detail"], "unit not found");
}

async fn a_broken_rule_is_stated_in_vietnamese(app: TestApp) {
    let admin = app.admin().await;
    let district = app.unit_named("Huyện Ba Chẽ").await;
    let body = json!({"name": "Thôn Lạc", "level": "village", "kind": "thon",
        "parent_id": district["id"], "valid_from": "2020-01-01"});
    let (vi, en) = unit_posted(&app, Some(&admin), &body).await;
    assert_eq!(vi["title"], "Yêu cầu vi phạm quy định");
    assert_eq!(vi["detail"], "Yêu cầu vi phạm 1 quy định.");
    assert_eq!(vi["errors"][0]["rule"], "unit_parent_level");
    assert_eq!(
        vi["errors"][0]["detail"],
        "Đơn vị phải trực thuộc một đơn vị ở cấp liền trên."
    );
    assert_eq!(en["detail"], "1 rule(s) failed");
    assert_eq!(en["errors"][0]["rule"], "unit_parent_level");
    assert!(
        en["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("district"),
        "{en}"
    );
}

async fn a_conflict_states_the_rule_it_guards(app: TestApp) {
    let admin = app.admin().await;
    let body = json!({"code": "22", "name": "Tỉnh Trùng", "level": "province", "kind": "tinh",
        "valid_from": "2020-01-01"});
    let (vi, _) = unit_posted(&app, Some(&admin), &body).await;
    assert_eq!(vi["code"], "unit_code_unique_on_date");
    assert_eq!(
        vi["detail"],
        "Hai đơn vị cùng có hiệu lực trong một ngày không được trùng mã."
    );
}

async fn fields_that_fail_are_named_in_vietnamese(app: TestApp) {
    let admin = app.admin().await;
    let nam_son = app.unit_named("Xã Nam Sơn").await;
    let body = json!({"name": "x".repeat(201), "level": "village", "kind": "thon",
        "parent_id": nam_son["id"], "valid_from": "2020-01-01"});
    let (vi, en) = unit_posted(&app, Some(&admin), &body).await;
    assert_eq!(vi["detail"], "1 trường dữ liệu không hợp lệ.");
    assert_eq!(vi["errors"][0]["field"], "name");
    assert_eq!(
        vi["errors"][0]["detail"],
        "`name` phải có từ 1 đến 200 ký tự."
    );
    assert_eq!(
        en["errors"][0]["detail"],
        "`name` must have between 1 and 200 characters"
    );

    let body = json!({"name": "Thôn Ngày Sai", "level": "village", "kind": "thon",
        "parent_id": nam_son["id"], "valid_from": "2020-02-30"});
    let (vi, _) = unit_posted(&app, Some(&admin), &body).await;
    assert_eq!(vi["errors"][0]["field"], "valid_from");
    assert_eq!(
        vi["errors"][0]["detail"],
        "`valid_from` có giá trị sai kiểu hoặc sai định dạng."
    );
}

async fn refusals_and_bad_requests_are_said_in_vietnamese(app: TestApp) {
    let auditor = app.auditor().await;
    let nam_son = app.unit_named("Xã Nam Sơn").await;
    let body = json!({"name": "Thôn Kiểm Tra", "level": "village", "kind": "thon",
        "parent_id": nam_son["id"], "valid_from": "2020-01-01"});
    let (vi, _) = unit_posted(&app, Some(&auditor), &body).await;
    assert_eq!(vi["status"], 403);
    assert_eq!(
        vi["detail"],
        "Kiểm tra viên chỉ được xem, không được ghi dữ liệu."
    );

    let (vi, _) = unit_posted(&app, None, &body).await;
    assert_eq!(vi["status"], 401);
    assert_eq!(
        vi["detail"],
        "Thao tác này cần `Authorization: Bearer <token>`."
    );

    let (vi, _) = both_languages(&app, Method::GET, "/api/v1/units?limit=0", None, None).await;
    assert_eq!(vi["code"], "invalid_parameter");
    assert_eq!(vi["detail"], "`limit` phải từ 1 đến 500.");

    let admin = app.admin().await;
    let req = app
        .request(Method::POST, "/api/v1/units", Some(&admin))
        .insert_header(("Content-Type", "application/json"))
        .insert_header(("Accept-Language", VI));
    let res = app.send(req, b"{\"name\": ".to_vec()).await;
    let vi = res.expect_problem(400, "bad_request");
    assert_eq!(
        vi["detail"],
        "Nội dung không phải JSON hợp lệ (dòng 1, cột 9)."
    );
}

async fn a_record_out_of_force_gives_its_days_in_vietnamese(app: TestApp) {
    let commune = app.unit_named("Xã Nam Sơn").await;
    let path = format!("/api/v1/units/{}?on=1999-01-01", commune["id"]);
    let (vi, en) = both_languages(&app, Method::GET, &path, None, None).await;
    assert_eq!(vi["code"], "not_in_force");
    let days = &en["in_force"];
    let until = match days["valid_to"].as_str() {
        Some(to) => format!(" đến trước ngày {}", vietnamese_day(to)),
        None => String::new(),
    };
    let from = vietnamese_day(days["valid_from"].as_str().unwrap());
    assert_eq!(
        vi["detail"],
        format!("Ngày 01/01/1999 đơn vị không có hiệu lực: hiệu lực từ ngày {from}{until}.")
    );
}

fn vietnamese_day(iso: &str) -> String {
    let day = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap();
    day.format("%d/%m/%Y").to_string()
}

both!(
    a_missing_record_is_said_in_vietnamese,
    a_broken_rule_is_stated_in_vietnamese,
    a_conflict_states_the_rule_it_guards,
    fields_that_fail_are_named_in_vietnamese,
    refusals_and_bad_requests_are_said_in_vietnamese,
    a_record_out_of_force_gives_its_days_in_vietnamese,
);
