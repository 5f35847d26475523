//! No personal data in public reads: no answer, export or documented schema of a public
//! operation shows a person's date of birth, ID number, ethnicity or address, whether
//! asked anonymously or as admin.

use std::collections::{BTreeSet, HashSet};

use dantin_tests::personal_data::{
    a_private_person, assert_nothing_personal, property_names, PrivatePerson, PERSONAL_KEYS,
};
use dantin_tests::public::{get_csv, get_ndjson, officeholders, parse_csv, parse_ndjson};
use dantin_tests::world::id_of;
use dantin_tests::{both, json, TestApp};

/// The callers of the public reads: anonymous, and the admin (who sees more elsewhere).
fn callers(p: &PrivatePerson) -> [(&str, Option<&str>); 2] {
    [("anonymous", None), ("admin", Some(p.admin.as_str()))]
}

/// The province, and the demo's 2020-2022 term, for the reports.
async fn province_and_demo_term(app: &TestApp, admin: &str) -> (i64, i64) {
    let province = id_of(&app.unit_named("Tỉnh Quảng Ninh").await);
    let res = app.get("/api/v1/terms?limit=500", Some(admin)).await;
    res.expect(200);
    let term = id_of(
        res.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["label"] == "2020-2022")
            .expect("the demo term"),
    );
    (province, term)
}

/// The lists that export as CSV and NDJSON.
const EXPORTS: [&str; 2] = [
    "/api/v1/units?on=2020-03-01",
    "/api/v1/officeholders?on=2020-03-01",
];

async fn public_json_answers_show_no_personal_data(app: TestApp) {
    let p = a_private_person(&app).await;
    let (province, term) = province_and_demo_term(&app, &p.admin).await;
    let v = p.village;
    let json_paths = [
        "/api/v1/units?limit=500".to_owned(),
        "/api/v1/units?limit=500&on=2020-03-01".to_owned(),
        format!("/api/v1/units/{v}"),
        format!("/api/v1/units/{v}/unified-status?on=2020-03-01"),
        format!("/api/v1/units/{v}/unified-status"),
        format!("/api/v1/changes?unit={v}&limit=500"),
        "/api/v1/officeholders?limit=500&on=2020-03-01".to_owned(),
        "/api/v1/officeholders?limit=500".to_owned(),
        "/api/v1/officeholders?limit=500&on=2020-03-01&q=dang%20van".to_owned(),
        format!("/api/v1/reports/unification?unit={province}&on=2020-03-01"),
        format!("/api/v1/reports/unification?unit={province}&term={term}"),
        format!("/api/v1/reports/unification?unit={province}&on=2020-03-01&pair=commune_chair"),
        format!("/api/v1/reports/progress?unit={province}&term={term}"),
    ];
    for (who, token) in callers(&p) {
        for path in &json_paths {
            let res = app.get(path, token).await;
            res.expect(200);
            assert_nothing_personal(&format!("{path} as {who}"), &res.text(), &p.secrets);
        }
    }
}

/// The exports and the reports, as CSV.
async fn public_csv_answers_show_no_personal_data(app: TestApp) {
    let p = a_private_person(&app).await;
    let (province, term) = province_and_demo_term(&app, &p.admin).await;
    let csv_only = [
        format!("/api/v1/reports/unification?unit={province}&on=2020-03-01"),
        format!("/api/v1/reports/progress?unit={province}&term={term}"),
    ];
    let paths: Vec<String> = EXPORTS
        .map(str::to_owned)
        .into_iter()
        .chain(csv_only)
        .collect();
    for (who, token) in callers(&p) {
        for path in &paths {
            let res = get_csv(&app, path, token).await;
            parse_csv(&res);
            assert_nothing_personal(&format!("{path} (CSV) as {who}"), &res.text(), &p.secrets);
        }
    }
}

async fn public_ndjson_exports_show_no_personal_data(app: TestApp) {
    let p = a_private_person(&app).await;
    for (who, token) in callers(&p) {
        for path in EXPORTS {
            let res = get_ndjson(&app, path, token).await;
            parse_ndjson(&res);
            assert_nothing_personal(
                &format!("{path} (NDJSON) as {who}"),
                &res.text(),
                &p.secrets,
            );
        }
    }
}

/// The person with every field does show, by name only.
async fn a_private_person_holding_a_post_shows_by_name_only(app: TestApp) {
    let p = a_private_person(&app).await;
    let rows = officeholders(&app, "on=2020-03-01&post=deputy_village_head").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        rows[0]["person"],
        json!({"id": p.id, "name": "Đặng Văn Riêng"})
    );
}

async fn no_public_operation_is_documented_to_answer_personal_data(app: TestApp) {
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
            for key in PERSONAL_KEYS {
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

/// The dashboard's pages and its CSV, down to the commune whose officeholders it lists,
/// in both languages; its dates are written the Vietnamese way too, so the secrets are
/// looked for in that form as well.
async fn the_dashboard_shows_no_personal_data(app: TestApp) {
    let p = a_private_person(&app).await;
    let (province, term) = province_and_demo_term(&app, &p.admin).await;
    let village = app
        .get(&format!("/api/v1/units/{}", p.village), None)
        .await
        .json();
    let commune = &village["parent_id"];
    let mut secrets = p.secrets.clone();
    secrets.extend(p.secrets.iter().filter_map(|s| {
        let day = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
        Some(day.format("%d/%m/%Y").to_string())
    }));
    let pages = [
        "/?on=2020-03-01".to_owned(),
        format!("/?unit={province}&term={term}"),
        format!("/?unit={commune}&on=2020-03-01"),
        format!("/?unit={commune}&on=2020-03-01&lang=en"),
        format!("/dashboard.csv?unit={province}&on=2020-03-01"),
    ];
    for path in &pages {
        let res = app.get(path, None).await;
        res.expect(200);
        assert_nothing_personal(path, &res.text(), &secrets);
    }
    let commune_page = app
        .get(&format!("/?unit={commune}&on=2020-03-01"), None)
        .await;
    assert!(commune_page.text().contains("Đặng Văn Riêng"));
}

both!(
    the_dashboard_shows_no_personal_data,
    public_json_answers_show_no_personal_data,
    public_csv_answers_show_no_personal_data,
    public_ndjson_exports_show_no_personal_data,
    a_private_person_holding_a_post_shows_by_name_only,
    no_public_operation_is_documented_to_answer_personal_data,
);
