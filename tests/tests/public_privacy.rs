//! No personal data in public reads: no answer, export or documented schema of a public
//! operation shows a person's date of birth, ID number, ethnicity or address.

use std::collections::{BTreeSet, HashSet};

use dantin_tests::personal_data::{assert_nothing_personal, property_names};
use dantin_tests::public::{get_csv, get_ndjson, officeholders, parse_csv, parse_ndjson};
use dantin_tests::world::{created, id_of};
use dantin_tests::{both, json, TestApp};

async fn public_reads_never_show_personal_data(app: TestApp) {
    let admin = app.admin().await;
    // One more person, with every personal field, holding a post in a demo village.
    let village = app
        .all_units("level=village&on=2020-03-01")
        .await
        .into_iter()
        .next()
        .expect("a demo village");
    let res = app
        .post_json(
            "/api/v1/persons",
            &json!({
                "full_name": "Đặng Văn Riêng", "gender": "male", "birth_date": "1966-06-16",
                "residence_unit_id": id_of(&village), "party_status": "none",
                "ethnicity": "Sán Dìu", "id_number": "022066001234",
                "address": "Số 7 ngõ Bí Mật"
            }),
            Some(&admin),
        )
        .await;
    res.expect(201);
    let private = id_of(&res.json());
    created(
        &app,
        &admin,
        "/api/v1/appointments",
        json!({
            "post": "deputy_village_head", "person_id": private, "unit_id": id_of(&village),
            "starts_on": "2020-02-01", "basis": "election", "decision": "Quyết định 1/QĐ"
        }),
    )
    .await;

    // Every person's date of birth, as the admin sees them.
    let mut secrets: Vec<String> = vec![
        "Sán Dìu".into(),
        "022066001234".into(),
        "Số 7 ngõ Bí Mật".into(),
    ];
    let mut cursor: Option<String> = None;
    loop {
        let mut path = "/api/v1/persons?limit=500".to_owned();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let res = app.get(&path, Some(&admin)).await;
        res.expect(200);
        let body = res.json();
        for p in body["items"].as_array().unwrap() {
            let born = p["birth_date"]
                .as_str()
                .unwrap_or_else(|| panic!("the admin sees birth dates: {p}"));
            secrets.push(born.to_owned());
        }
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert!(secrets.contains(&"1966-06-16".to_owned()));
    assert!(secrets.len() > 5, "the demo has people: {secrets:?}");

    let province = id_of(&app.unit_named("Tỉnh Quảng Ninh").await);
    let res = app.get("/api/v1/terms?limit=500", Some(&admin)).await;
    res.expect(200);
    let term = id_of(
        res.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["label"] == "2020-2022")
            .expect("the demo term"),
    );
    let v = id_of(&village);
    let json_paths = [
        "/api/v1/units?limit=500".to_owned(),
        "/api/v1/units?limit=500&on=2020-03-01".to_owned(),
        format!("/api/v1/units/{v}"),
        format!("/api/v1/units/{v}/unified-status?on=2020-03-01"),
        format!("/api/v1/units/{v}/unified-status"),
        "/api/v1/officeholders?limit=500&on=2020-03-01".to_owned(),
        "/api/v1/officeholders?limit=500".to_owned(),
        "/api/v1/officeholders?limit=500&on=2020-03-01&q=dang%20van".to_owned(),
        format!("/api/v1/reports/unification?unit={province}&on=2020-03-01"),
        format!("/api/v1/reports/unification?unit={province}&term={term}"),
        format!("/api/v1/reports/unification?unit={province}&on=2020-03-01&pair=commune_chair"),
        format!("/api/v1/reports/progress?unit={province}&term={term}"),
    ];
    let export_paths = [
        "/api/v1/units?on=2020-03-01".to_owned(),
        "/api/v1/officeholders?on=2020-03-01".to_owned(),
    ];
    let csv_only = [
        format!("/api/v1/reports/unification?unit={province}&on=2020-03-01"),
        format!("/api/v1/reports/progress?unit={province}&term={term}"),
    ];
    for token in [None, Some(admin.as_str())] {
        let who = if token.is_some() {
            "admin"
        } else {
            "anonymous"
        };
        for path in &json_paths {
            let res = app.get(path, token).await;
            res.expect(200);
            assert_nothing_personal(&format!("{path} as {who}"), &res.text(), &secrets);
        }
        for path in export_paths.iter().chain(&csv_only) {
            let res = get_csv(&app, path, token).await;
            parse_csv(&res);
            assert_nothing_personal(&format!("{path} (CSV) as {who}"), &res.text(), &secrets);
        }
        for path in &export_paths {
            let res = get_ndjson(&app, path, token).await;
            parse_ndjson(&res);
            assert_nothing_personal(&format!("{path} (NDJSON) as {who}"), &res.text(), &secrets);
        }
        // The person with every field does show, by name only.
        let rows = officeholders(&app, "on=2020-03-01&post=deputy_village_head").await;
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(
            rows[0]["person"],
            json!({"id": private, "name": "Đặng Văn Riêng"})
        );
    }

    // The served OpenAPI document: no public operation's answer can hold personal data.
    let res = app.get("/api-docs/openapi.json", None).await;
    res.expect(200);
    let doc = res.json();
    let components = doc["components"]["schemas"].clone();
    let mut public = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            if op["security"] != json!([]) {
                continue;
            }
            public.push(format!("{method} {path}"));
            let mut names = BTreeSet::new();
            let mut seen = HashSet::new();
            for (_, media) in op["responses"]["200"]["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                property_names(&media["schema"], &components, &mut seen, &mut names);
            }
            for key in ["birth_date", "id_number", "ethnicity", "address"] {
                assert!(
                    !names.contains(key),
                    "public {method} {path} can answer `{key}` (schemas {seen:?})"
                );
            }
        }
    }
    for op in [
        "get /api/v1/officeholders",
        "get /api/v1/reports/unification",
        "get /api/v1/reports/progress",
        "get /api/v1/units",
        "get /api/v1/units/{id}",
    ] {
        assert!(
            public.iter().any(|p| p == op),
            "{op} is documented as public: {public:?}"
        );
    }
    // The persons routes are not public, and their schema does hold the personal fields
    // (so the walk above would have seen them).
    assert!(!public.iter().any(|p| p.contains("/persons")), "{public:?}");
    let mut names = BTreeSet::new();
    property_names(
        &json!({"$ref": "#/components/schemas/PersonOut"}),
        &components,
        &mut HashSet::new(),
        &mut names,
    );
    assert!(names.contains("birth_date"), "{names:?}");
}

both!(public_reads_never_show_personal_data);
