//! The public unification report (`/reports/unification`) in JSON and CSV, checked
//! against figures counted by hand: for villages, on chosen dates and terms, and for the
//! commune and agency pairs.
//!
//! Most scenarios build a fresh commune of six villages (five with a cell, one without)
//! under a fresh unified-model term of Quảng Ninh (2030-2032), so the demo's own term and
//! villages stay out of the counts.

use std::collections::{BTreeMap, HashSet};

use dantin_tests::figures::{assert_csv_figures, assert_figures, child_row, FIGURE_KEYS};
use dantin_tests::public::{get_csv, officeholders, parse_csv, report};
use dantin_tests::standings::{five_standings, AFTER_ALL};
use dantin_tests::world::{created, id_of, world, A, B, C, D, E, F};
use dantin_tests::{both, json, today, TestApp};
use serde_json::Value;

async fn a_report_matches_hand_counted_figures(app: TestApp) {
    let w = world(&app).await;
    five_standings(&w, &app).await;

    let r = report(&app, &format!("unit={}&on={AFTER_ALL}", w.commune)).await;
    assert_eq!(r["unit"]["id"], w.commune, "{r}");
    assert_eq!(r["unit"]["name"], "Xã Thử", "{r}");
    assert_eq!(r["unit"]["level"], "commune", "{r}");
    assert_eq!(r["pair"], "village", "{r}");
    assert_eq!(r["on"], AFTER_ALL, "{r}");
    assert_eq!(r["term_id"], Value::Null, "{r}");
    let expected = json!({
        "in_force": 6, "with_party_org": 5, "unknown": 1, "known": 4, "unified": 2,
        "pending_approval": 1, "rate": 50.0, "target": 100, "gap": 2
    });
    assert_figures(&r["total"], &expected);

    // A row per village, each counted alone.
    assert_eq!(r["children"].as_array().unwrap().len(), 6, "{r}");
    assert_figures(
        &child_row(&r, w.village(A)),
        &json!({"in_force": 1, "with_party_org": 1, "unknown": 0, "known": 1, "unified": 1,
                "pending_approval": 0, "rate": 100.0, "target": 100, "gap": 0}),
    );
    assert_figures(
        &child_row(&r, w.village(B)),
        &json!({"known": 1, "unified": 1, "pending_approval": 1, "rate": 100.0, "gap": 0}),
    );
    for v in [C, D] {
        assert_figures(
            &child_row(&r, w.village(v)),
            &json!({"known": 1, "unified": 0, "pending_approval": 0, "rate": 0.0, "gap": 1}),
        );
    }
    assert_figures(
        &child_row(&r, w.village(E)),
        &json!({"in_force": 1, "with_party_org": 1, "unknown": 1, "known": 0, "unified": 0,
                "rate": null}),
    );
    assert_figures(
        &child_row(&r, w.village(F)),
        &json!({"in_force": 1, "with_party_org": 0, "unknown": 0, "known": 0, "unified": 0,
                "rate": null}),
    );

    // C and D, with their reasons; E is unknown, not "not unified"; F has no cell.
    let not_unified: BTreeMap<i64, String> = r["not_unified"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["unit_id"].as_i64().unwrap(),
                n["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: BTreeMap<i64, String> = [
        (w.village(C), "congress_chose_another".to_owned()),
        (w.village(D), "no_secretary".to_owned()),
    ]
    .into_iter()
    .collect();
    assert_eq!(not_unified, want, "{r}");
    for n in r["not_unified"].as_array().unwrap() {
        assert!(
            n["name"].as_str().is_some_and(|s| s.starts_with("Thôn ")),
            "{n}"
        );
    }

    // The district's report has the commune as a child, with the same figures.
    let dr = report(&app, &format!("unit={}&on={AFTER_ALL}", w.district)).await;
    assert_eq!(dr["unit"]["id"], w.district, "{dr}");
    let row = child_row(&dr, w.commune);
    assert_eq!(row["unit"]["name"], "Xã Thử", "{row}");
    for key in FIGURE_KEYS {
        assert_eq!(
            row[*key], r["total"][*key],
            "`{key}`: {row} against {}",
            r["total"]
        );
    }
    // The commune's villages not unified are among the district's too.
    let district_not_unified: HashSet<i64> = dr["not_unified"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["unit_id"].as_i64().unwrap())
        .collect();
    assert!(district_not_unified.contains(&w.village(C)), "{dr}");
    assert!(district_not_unified.contains(&w.village(D)), "{dr}");

    // CSV: the commune's own report is a row per village, then the commune's total.
    let res = get_csv(
        &app,
        &format!(
            "/api/v1/reports/unification?unit={}&on={AFTER_ALL}",
            w.commune
        ),
        None,
    )
    .await;
    let (header, rows) = parse_csv(&res);
    for key in ["unit_id", "unit_name"].iter().chain(FIGURE_KEYS) {
        assert!(header.iter().any(|h| h == key), "no `{key}` in {header:?}");
    }
    assert_eq!(rows.len(), 7, "{}", res.text());
    let last = rows.last().unwrap();
    assert_eq!(last["unit_id"], w.commune.to_string(), "{last:?}");
    assert_eq!(last["unit_name"], "Xã Thử", "{last:?}");
    assert_csv_figures(last, &r["total"]);
    let a_row = rows
        .iter()
        .find(|row| row["unit_id"] == w.village(A).to_string())
        .expect("village A's row");
    assert_csv_figures(a_row, &child_row(&r, w.village(A)));

    // CSV of the district's report: the commune's row.
    let res = get_csv(
        &app,
        &format!(
            "/api/v1/reports/unification?unit={}&on={AFTER_ALL}",
            w.district
        ),
        None,
    )
    .await;
    let (_, rows) = parse_csv(&res);
    let commune_row = rows
        .iter()
        .find(|row| row["unit_id"] == w.commune.to_string())
        .unwrap_or_else(|| panic!("no commune row: {}", res.text()));
    assert_eq!(commune_row["unit_name"], "Xã Thử");
    assert_csv_figures(commune_row, &r["total"]);
    assert_eq!(
        rows.last().unwrap()["unit_id"],
        w.district.to_string(),
        "the total comes last: {}",
        res.text()
    );
    assert_csv_figures(rows.last().unwrap(), &dr["total"]);
}

async fn a_report_on_two_dates_around_a_congress(app: TestApp) {
    let w = world(&app).await;
    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    w.recognised_head(&app, A, a).await;
    let on = |day: &str| format!("unit={}&on={day}", w.commune);

    let before = report(&app, &on("2030-01-19")).await;
    assert_figures(
        &before["total"],
        &json!({"in_force": 6, "with_party_org": 5, "unknown": 4, "known": 1, "unified": 0,
                "pending_approval": 0, "rate": 0.0, "target": 100, "gap": 1}),
    );
    assert_eq!(
        before["not_unified"],
        json!([{"unit_id": w.village(A), "code": null, "name": "Thôn An", "reason": "no_secretary"}]),
        "{before}"
    );

    let k = w.elect_secretary(&app, A, "2030-01-20", a).await;
    // What was recorded later does not change the day before.
    assert_eq!(report(&app, &on("2030-01-19")).await, before);

    let after = report(&app, &on("2030-01-21")).await;
    assert_figures(
        &after["total"],
        &json!({"known": 1, "unified": 1, "pending_approval": 1, "rate": 100.0, "gap": 0}),
    );
    assert_eq!(after["not_unified"], json!([]), "{after}");

    w.approve(&app, k, "2030-01-30").await;
    // Still pending on the 21st: the approval came on the 30th.
    let still = report(&app, &on("2030-01-21")).await;
    assert_figures(
        &still["total"],
        &json!({"unified": 1, "pending_approval": 1}),
    );
    let approved = report(&app, &on("2030-02-01")).await;
    assert_figures(
        &approved["total"],
        &json!({"known": 1, "unified": 1, "pending_approval": 0, "rate": 100.0, "gap": 0}),
    );
    assert_figures(
        &child_row(&approved, w.village(A)),
        &json!({"unified": 1, "pending_approval": 0}),
    );

    // For a term: the term's last day, or today while it runs.
    let by_term = report(&app, &format!("unit={}&term={}", w.commune, w.term)).await;
    assert_eq!(by_term["term_id"], w.term, "{by_term}");
    let term_end = chrono::NaiveDate::from_ymd_opt(2032, 6, 30).unwrap();
    assert_eq!(
        by_term["on"],
        term_end.min(today()).to_string(),
        "{by_term}"
    );
    // The demo's 2020-2022 term is over: its last day.
    let res = app.get("/api/v1/terms?limit=500", Some(&w.admin)).await;
    res.expect(200);
    let demo_term = res.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["label"] == "2020-2022")
        .cloned()
        .expect("the demo's 2020-2022 term");
    let r = report(
        &app,
        &format!("unit={}&term={}", w.district, id_of(&demo_term)),
    )
    .await;
    assert_eq!(r["term_id"], demo_term["id"], "{r}");
    assert_eq!(r["on"], demo_term["ends_on"], "{r}");
    assert_eq!(r["on"], "2022-06-04", "{r}");

    // Both `on` and `term` is a bad request; an unknown unit or term is not found.
    let res = app
        .get(
            &format!(
                "/api/v1/reports/unification?unit={}&on=2030-01-21&term={}",
                w.commune, w.term
            ),
            None,
        )
        .await;
    res.expect(400);
    res.assert_problem_shape();
    let res = app
        .get("/api/v1/reports/unification?unit=99999999", None)
        .await;
    res.expect(404);
    res.assert_problem_shape();
    let res = app
        .get(
            &format!(
                "/api/v1/reports/unification?unit={}&term=99999999",
                w.commune
            ),
            None,
        )
        .await;
    res.expect(404);
    res.assert_problem_shape();
}

async fn commune_pairs_use_their_target(app: TestApp) {
    let admin = app.admin().await;
    let province = app.unit_named("Tỉnh Quảng Ninh").await;
    let since = province["valid_from"].clone();
    let district = id_of(
        &app.create_unit(
            &admin,
            json!({
                "name": "Huyện Đôi", "level": "district", "kind": "huyen",
                "parent_id": province["id"], "valid_from": since
            }),
        )
        .await,
    );
    let mut communes = Vec::new();
    for name in ["Một", "Hai"] {
        let commune = id_of(
            &app.create_unit(
                &admin,
                json!({
                    "name": format!("Xã {name}"), "level": "commune", "kind": "xa",
                    "parent_id": district, "valid_from": since
                }),
            )
            .await,
        );
        let committee = id_of(
            &created(
                &app,
                &admin,
                "/api/v1/party-orgs",
                json!({"name": format!("Đảng ủy xã {name}"), "kind": "grassroots_committee", "unit_id": commune}),
            )
            .await,
        );
        communes.push((commune, committee));
    }
    let person = |name: &str, commune: i64, org: Option<i64>| {
        let mut body = json!({
            "full_name": name, "gender": "female", "birth_date": "1972-02-02",
            "residence_unit_id": commune, "party_status": "none"
        });
        if let Some(org) = org {
            body["party_status"] = json!("official");
            body["party_org_id"] = json!(org);
        }
        body
    };
    let (c1, k1) = communes[0];
    let (c2, k2) = communes[1];
    let both_posts = id_of(
        &created(
            &app,
            &admin,
            "/api/v1/persons",
            person("Nguyễn Thị Kiêm", c1, Some(k1)),
        )
        .await,
    );
    let chair2 = id_of(
        &created(
            &app,
            &admin,
            "/api/v1/persons",
            person("Trần Thị Chủ", c2, None),
        )
        .await,
    );
    let secretary2 = id_of(
        &created(
            &app,
            &admin,
            "/api/v1/persons",
            person("Lê Thị Thư", c2, Some(k2)),
        )
        .await,
    );
    let appoint = |post: &str, person: i64, seat: (&str, i64)| {
        let mut body = json!({
            "post": post, "person_id": person, "starts_on": "2030-01-10",
            "basis": "election", "decision": "Nghị quyết bầu"
        });
        body[seat.0] = json!(seat.1);
        body
    };
    for body in [
        appoint("peoples_committee_chair", both_posts, ("unit_id", c1)),
        appoint("commune_party_secretary", both_posts, ("party_org_id", k1)),
        appoint("peoples_committee_chair", chair2, ("unit_id", c2)),
        appoint("commune_party_secretary", secretary2, ("party_org_id", k2)),
    ] {
        created(&app, &admin, "/api/v1/appointments", body).await;
    }

    let r = report(
        &app,
        &format!("unit={district}&on={AFTER_ALL}&pair=commune_chair"),
    )
    .await;
    assert_eq!(r["pair"], "commune_chair", "{r}");
    assert_figures(
        &r["total"],
        &json!({"in_force": 2, "with_party_org": 2, "unknown": 0, "known": 2, "unified": 1,
                "pending_approval": 0, "rate": 50.0, "target": 75, "gap": 1}),
    );
    assert_figures(
        &child_row(&r, c1),
        &json!({"known": 1, "unified": 1, "rate": 100.0, "target": 75, "gap": 0}),
    );
    assert_figures(
        &child_row(&r, c2),
        &json!({"known": 1, "unified": 0, "rate": 0.0, "target": 75, "gap": 1}),
    );
    let not_unified = r["not_unified"].as_array().unwrap();
    assert_eq!(not_unified.len(), 1, "{r}");
    assert_eq!(not_unified[0]["unit_id"], c2, "{r}");
    assert_eq!(not_unified[0]["reason"], "head_not_party_member", "{r}");

    // The council pair has no target, hence no gap.
    let r = report(
        &app,
        &format!("unit={district}&on={AFTER_ALL}&pair=commune_council"),
    )
    .await;
    assert_eq!(r["pair"], "commune_council", "{r}");
    assert_figures(
        &r["total"],
        &json!({"in_force": 2, "with_party_org": 2, "unified": 0, "target": null, "gap": null}),
    );
    // CSV leaves them empty.
    let res = get_csv(
        &app,
        &format!("/api/v1/reports/unification?unit={district}&on={AFTER_ALL}&pair=commune_council"),
        None,
    )
    .await;
    let (_, rows) = parse_csv(&res);
    assert_eq!(rows.len(), 3, "{}", res.text());
    assert_csv_figures(rows.last().unwrap(), &r["total"]);

    // The village pair over a district with no villages: nothing to count.
    let r = report(&app, &format!("unit={district}&on={AFTER_ALL}")).await;
    assert_figures(
        &r["total"],
        &json!({"in_force": 0, "known": 0, "unified": 0, "rate": null, "target": 100, "gap": 0}),
    );

    // The officeholders of the commune posts carry the same flag.
    let rows = officeholders(&app, &format!("unit={district}&on={AFTER_ALL}")).await;
    assert_eq!(rows.len(), 4, "{rows:?}");
    for row in &rows {
        let unit = row["unit"]["id"].as_i64().unwrap();
        assert_eq!(row["unit"]["level"], "commune", "{row}");
        assert_eq!(row["unified"], unit == c1, "{row}");
    }
    // Agencies: each stands for itself through its Party cell (a cell that is not a
    // village's); its head and its cell's secretary make the agency pair.
    let agency_cell = |name: &str, commune: i64, committee: i64| json!({"name": format!("Chi bộ {name}"), "kind": "cell", "parent_id": committee, "unit_id": commune});
    let cell1 = id_of(
        &created(
            &app,
            &admin,
            "/api/v1/party-orgs",
            agency_cell("Công ty Than Một", c1, k1),
        )
        .await,
    );
    let cell2 = id_of(
        &created(
            &app,
            &admin,
            "/api/v1/party-orgs",
            agency_cell("Công ty Than Hai", c2, k2),
        )
        .await,
    );
    let director1 = id_of(
        &created(
            &app,
            &admin,
            "/api/v1/persons",
            person("Phạm Văn Giám", c1, Some(cell1)),
        )
        .await,
    );
    let director2 = id_of(
        &created(
            &app,
            &admin,
            "/api/v1/persons",
            person("Vũ Văn Đốc", c2, Some(cell2)),
        )
        .await,
    );
    let secretary3 = id_of(
        &created(
            &app,
            &admin,
            "/api/v1/persons",
            person("Đỗ Thị Bí", c2, Some(cell2)),
        )
        .await,
    );
    for body in [
        appoint("agency_head", director1, ("party_org_id", cell1)),
        appoint("cell_secretary", director1, ("party_org_id", cell1)),
        appoint("agency_head", director2, ("party_org_id", cell2)),
        appoint("cell_secretary", secretary3, ("party_org_id", cell2)),
    ] {
        created(&app, &admin, "/api/v1/appointments", body).await;
    }
    let r = report(&app, &format!("unit={district}&on={AFTER_ALL}&pair=agency")).await;
    assert_eq!(r["pair"], "agency", "{r}");
    assert_figures(
        &r["total"],
        &json!({"in_force": 2, "with_party_org": 2, "unknown": 0, "known": 2, "unified": 1,
                "pending_approval": 0, "rate": 50.0, "target": null, "gap": null}),
    );
    assert_figures(
        &child_row(&r, c1),
        &json!({"known": 1, "unified": 1, "rate": 100.0}),
    );
    let not_unified = r["not_unified"].as_array().unwrap();
    assert_eq!(not_unified.len(), 1, "{r}");
    assert_eq!(not_unified[0]["unit_id"], c2, "{r}");
    assert_eq!(not_unified[0]["party_org_id"], cell2, "{r}");
    assert_eq!(not_unified[0]["name"], "Chi bộ Công ty Than Hai", "{r}");
    assert_eq!(not_unified[0]["reason"], "congress_chose_another", "{r}");
    // The agency posts carry the agency pair's flag; the commune posts keep theirs.
    let rows = officeholders(&app, &format!("unit={district}&on={AFTER_ALL}")).await;
    assert_eq!(rows.len(), 8, "{rows:?}");
    for row in rows
        .iter()
        .filter(|r| r["post"] == "agency_head" || r["post"] == "cell_secretary")
    {
        assert_eq!(row["unified"], row["unit"]["id"] == c1, "{row}");
    }
    // The village pair does not count agency cells.
    let r = report(&app, &format!("unit={district}&on={AFTER_ALL}")).await;
    assert_eq!(r["total"]["in_force"], 0, "{r}");

    let unknown_pair = app
        .get(
            &format!("/api/v1/reports/unification?unit={district}&pair=hamlet"),
            None,
        )
        .await;
    unknown_pair.expect(400);
    unknown_pair.assert_problem_shape();
}

both!(
    a_report_matches_hand_counted_figures,
    a_report_on_two_dates_around_a_congress,
    commune_pairs_use_their_target,
);
