//! Text that no name should hold (the probe's class 4): control characters, bidirectional
//! overrides and invisible names are refused naming their field, names are stored in one
//! normal form, and CSV exports never hand a spreadsheet a formula to run.

use dantin_tests::public::{get_csv, parse_csv};
use dantin_tests::unchanged::Unchanged;
use dantin_tests::world::{id_of, world, A};
use dantin_tests::{both, json, Backend, TestApp};

const BAD_NAMES: &[&str] = &[
    "Thôn\u{0}Nul",
    "Thôn \u{1b}[31mĐỏ",
    "Thôn\u{202E}gnàL",
    "Thôn\u{2066}Ẩn\u{2069}",
    "   ",
    "\u{200B}\u{200C}\u{FEFF}",
    "",
];

async fn control_deceptive_and_invisible_names_are_refused(app: TestApp) {
    let admin = app.admin().await;
    let commune = id_of(&app.unit_named("Xã Nam Sơn").await);
    let khe_tam = id_of(&app.unit_named("Thôn Khe Tâm").await);
    let before = Unchanged::mark(&app).await;
    for name in BAD_NAMES {
        let unit = json!({"name": name, "level": "village", "kind": "thon",
            "parent_id": commune, "valid_from": "2000-01-01"});
        let res = app.post_json("/api/v1/units", &unit, Some(&admin)).await;
        let body = res.expect_problem(422, "validation_failed");
        assert_eq!(body["errors"][0]["field"], "name", "{name:?}: {body}");
        let person = json!({"full_name": name, "gender": "female", "birth_date": "1980-01-01",
            "residence_unit_id": khe_tam, "party_status": "none"});
        let res = app
            .post_json("/api/v1/persons", &person, Some(&admin))
            .await;
        let body = res.expect_problem(422, "validation_failed");
        assert_eq!(body["errors"][0]["field"], "full_name", "{name:?}: {body}");
    }
    let res = app
        .patch_json(
            &format!("/api/v1/units/{khe_tam}"),
            &json!({"name": "Thôn\u{7}Chuông"}),
            Some(&admin),
        )
        .await;
    res.expect_problem(422, "validation_failed");
    before.assert(&app).await;
    assert_eq!(
        app.get(&format!("/api/v1/units/{khe_tam}"), None)
            .await
            .json()["name"],
        "Thôn Khe Tâm"
    );
}

async fn a_name_is_stored_composed_and_trimmed(app: TestApp) {
    let admin = app.admin().await;
    let commune = id_of(&app.unit_named("Xã Nam Sơn").await);
    // "Thôn Chẽ" with its accents as separate combining marks (NFD), and spaces around.
    let decomposed = "  Tho\u{302}n Che\u{303}\u{3000}";
    let unit = app
        .create_unit(
            &admin,
            json!({"name": decomposed, "level": "village", "kind": "thon",
                "parent_id": commune, "valid_from": "2000-01-01"}),
        )
        .await;
    assert_eq!(unit["name"], "Thôn Chẽ");
    let found = app.all_units("q=thon%20che").await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["name"], "Thôn Chẽ");
}

async fn csv_exports_never_hand_a_spreadsheet_a_formula(app: TestApp) {
    let w = world(&app).await;
    let formula = "=HYPERLINK(\"http://attacker.example/\",\"Khe Tâm\")";
    let unit = app
        .create_unit(
            &w.admin,
            json!({"name": formula, "level": "village", "kind": "thon",
                "parent_id": w.commune, "valid_from": "2000-01-01"}),
        )
        .await;
    let head = w.person(&app, "@SUM(1+1)", "1980-01-01", A, "none").await;
    let election = w.elect_head(&app, A, "2030-01-06", head).await;
    w.recognise(&app, election, "2030-01-08").await;
    // A name stored before names were checked may still hold a control character.
    let escape = match app.backend {
        Backend::Sqlite => "char(27)",
        Backend::Postgres => "chr(27)",
    };
    for (table, id) in [("units", "id"), ("unit_versions", "unit_id")] {
        app.sql(&format!(
            "UPDATE {table} SET name = 'Thôn ' || {escape} || '[2J' WHERE {id} = {}",
            w.village(A)
        ));
    }

    let (_, units) = parse_csv(&get_csv(&app, "/api/v1/units?level=village", None).await);
    let unit_id = id_of(&unit).to_string();
    let row = units
        .iter()
        .find(|r| r["id"] == unit_id)
        .expect("the unit is exported");
    assert_eq!(row["name"], format!("'{formula}"));
    let old = units
        .iter()
        .find(|r| r["id"] == w.village(A).to_string())
        .expect("village A is exported");
    assert_eq!(old["name"], "Thôn [2J", "the escape byte is dropped");

    let path = format!("/api/v1/officeholders?unit={}&on=2030-02-01", w.commune);
    let (_, rows) = parse_csv(&get_csv(&app, &path, None).await);
    let held = rows
        .iter()
        .find(|r| r["person_id"] == head.to_string())
        .expect("the head is exported");
    assert_eq!(held["person_name"], "'@SUM(1+1)");
}

both!(
    control_deceptive_and_invisible_names_are_refused,
    a_name_is_stored_composed_and_trimmed,
    csv_exports_never_hand_a_spreadsheet_a_formula,
);
