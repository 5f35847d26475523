//! The administrative map through HTTP: create, read with ETags, search, filters, paging.

use dantin_tests::{both, json, TestApp};
use serde_json::Value;

fn ids(units: &[Value]) -> Vec<i64> {
    units.iter().map(|u| u["id"].as_i64().unwrap()).collect()
}

fn names(units: &[Value]) -> Vec<String> {
    let mut n: Vec<String> = units
        .iter()
        .map(|u| u["name"].as_str().unwrap().to_owned())
        .collect();
    n.sort();
    n
}

async fn health_names_the_backend(app: TestApp) {
    let res = app.get("/health", None).await;
    res.expect(200);
    let expected = match app.backend {
        dantin_tests::Backend::Sqlite => "sqlite",
        dantin_tests::Backend::Postgres => "postgres",
    };
    assert_eq!(res.json(), json!({"status": "ok", "database": expected}));
}

async fn admin_creates_a_whole_branch_with_locations(app: TestApp) {
    let admin = app.admin().await;
    let mut parent: Option<i64> = None;
    for (code, name, level, kind) in [
        (Some("99"), "Tỉnh Thử Nghiệm", "province", "tinh"),
        (None, "Huyện Thử", "district", "huyen"),
        (None, "Xã Thử", "commune", "xa"),
        (None, "Thôn Thử", "village", "thon"),
    ] {
        let res = app
            .post_json(
                "/api/v1/units",
                &json!({
                    "code": code, "name": name, "level": level, "kind": kind,
                    "parent_id": parent, "valid_from": "2000-01-01"
                }),
                Some(&admin),
            )
            .await;
        res.expect(201);
        let body = res.json();
        let id = body["id"].as_i64().unwrap();
        assert_eq!(
            res.header("location").as_deref(),
            Some(format!("/api/v1/units/{id}").as_str())
        );
        assert!(res.header("etag").is_some());
        assert_eq!(body["name"], name);
        assert_eq!(body["level"], level);
        assert_eq!(body["kind"], kind);
        assert_eq!(body["parent_id"], json!(parent));
        assert_eq!(body["valid_from"], "2000-01-01");
        assert_eq!(body["valid_to"], Value::Null);

        let got = app.get(&format!("/api/v1/units/{id}"), None).await;
        got.expect(200);
        assert_eq!(got.json(), body);
        parent = Some(id);
    }
}

async fn get_answers_etag_and_304_on_if_none_match(app: TestApp) {
    let unit = app.unit_named("Huyện Ba Chẽ").await;
    let path = format!("/api/v1/units/{}", unit["id"]);
    let res = app.get(&path, None).await;
    res.expect(200);
    assert_eq!(res.json(), unit);
    let etag = res.header("etag").expect("ETag");

    let req = app
        .request(awc::http::Method::GET, &path, None)
        .insert_header(("If-None-Match", etag.clone()));
    let res = app.send(req, Vec::new()).await;
    res.expect(304);
    assert!(res.body.is_empty());
    assert_eq!(res.header("etag"), Some(etag.clone()));

    let req = app
        .request(awc::http::Method::GET, &path, None)
        .insert_header(("If-None-Match", "\"12345\""));
    app.send(req, Vec::new()).await.expect(200);

    app.get("/api/v1/units/999999", None)
        .await
        .expect_problem(404, "not_found");
}

async fn search_ignores_case_and_diacritics(app: TestApp) {
    for q in ["ba%20che", "BA%20CHE", "Ba%20Ch%E1%BA%BD"] {
        let found = app.all_units(&format!("q={q}")).await;
        let n = names(&found);
        assert!(n.contains(&"Huyện Ba Chẽ".to_owned()), "q={q}: {n:?}");
        assert!(n.contains(&"Thị trấn Ba Chẽ".to_owned()), "q={q}: {n:?}");
        assert!(!n.contains(&"Xã Nam Sơn".to_owned()), "q={q}: {n:?}");
    }
    let none = app.all_units("q=zzzz").await;
    assert!(none.is_empty());
}

async fn list_filters_by_parent_and_level(app: TestApp) {
    let ba_che = app.unit_named("Huyện Ba Chẽ").await;
    let children = app.all_units(&format!("parent={}", ba_che["id"])).await;
    assert_eq!(names(&children), ["Thị trấn Ba Chẽ", "Xã Nam Sơn"]);
    assert!(children.iter().all(|u| u["parent_id"] == ba_che["id"]));

    let provinces = app.all_units("level=province").await;
    assert_eq!(
        names(&provinces),
        ["Tỉnh Quảng Nam", "Tỉnh Quảng Ninh", "Tỉnh Thanh Hóa"]
    );
    let villages = app.all_units("level=village").await;
    assert_eq!(villages.len(), 6);
    assert!(villages.iter().all(|u| u["level"] == "village"));

    let res = app.get("/api/v1/units?level=hamlet", None).await;
    res.expect(400);
    res.assert_problem_shape();
}

async fn list_on_answers_as_things_stood_that_day(app: TestApp) {
    let admin = app.admin().await;
    let nam_son = app.unit_named("Xã Nam Sơn").await;
    let old = app
        .create_unit(
            &admin,
            json!({
                "name": "Thôn Cũ", "level": "village", "kind": "thon",
                "parent_id": nam_son["id"], "valid_from": "2001-01-01", "valid_to": "2010-01-01"
            }),
        )
        .await;
    let today = app.all_units(&format!("parent={}", nam_son["id"])).await;
    assert!(!ids(&today).contains(&old["id"].as_i64().unwrap()));
    assert_eq!(today.len(), 3);

    let then = app
        .all_units(&format!("parent={}&on=2005-06-01", nam_son["id"]))
        .await;
    assert!(ids(&then).contains(&old["id"].as_i64().unwrap()));
    assert_eq!(then.len(), 4);

    // Before the demo units came into force there was nothing.
    let before = app.all_units("on=1999-12-31").await;
    assert!(before.is_empty(), "{before:?}");
}

async fn paging_returns_every_row_exactly_once(app: TestApp) {
    let all = ids(&app.all_units("").await);
    assert_eq!(all.len(), 18);

    let mut seen = Vec::new();
    let mut path = "/api/v1/units?limit=2".to_owned();
    let mut pages = 0;
    loop {
        let res = app.get(&path, None).await;
        res.expect(200);
        let body = res.json();
        let items = body["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(ids(items));
        pages += 1;
        match body["next_cursor"].as_str() {
            Some(c) => {
                let link = res.header("link").expect("Link header with a next page");
                assert!(link.contains("rel=\"next\""), "{link}");
                assert!(link.contains(c), "{link}");
                assert!(link.contains("limit=2"), "{link}");
                path = format!("/api/v1/units?limit=2&cursor={c}");
            }
            None => {
                assert!(res.header("link").is_none());
                break;
            }
        }
        assert!(pages < 50, "paging does not end");
    }
    assert_eq!(pages, 9);
    let mut sorted_seen = seen.clone();
    sorted_seen.sort();
    sorted_seen.dedup();
    assert_eq!(sorted_seen.len(), seen.len(), "a row came twice: {seen:?}");
    let mut sorted_all = all.clone();
    sorted_all.sort();
    assert_eq!(sorted_seen, sorted_all);

    let res = app.get("/api/v1/units?limit=0", None).await;
    res.expect_problem(400, "invalid_parameter");
    let res = app.get("/api/v1/units?cursor=garbage", None).await;
    res.expect_problem(400, "invalid_parameter");
}

both!(
    health_names_the_backend,
    admin_creates_a_whole_branch_with_locations,
    get_answers_etag_and_304_on_if_none_match,
    search_ignores_case_and_diacritics,
    list_filters_by_parent_and_level,
    list_on_answers_as_things_stood_that_day,
    paging_returns_every_row_exactly_once,
);
