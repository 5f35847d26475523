//! The public unification report (`/reports/unification`) in JSON and CSV, checked
//! against figures counted by hand: for villages, on chosen dates and terms, and for the
//! commune and agency pairs.
//!
//! Most scenarios build a fresh commune of six villages (five with a cell, one without)
//! under a fresh unified-model term of Quảng Ninh (2030-2032), so the demo's own term and
//! villages stay out of the counts.

use std::collections::{BTreeMap, HashSet};

use dantin_tests::figures::{assert_csv_figures, assert_figures, child_row, FIGURE_KEYS};
use dantin_tests::public::{get_csv, parse_csv, report};
use dantin_tests::standings::{five_standings, two_communes, AFTER_ALL};
use dantin_tests::world::{id_of, world, World, A, B, C, D, E, F};
use dantin_tests::{both, json, today, TestApp};
use serde_json::Value;

/// The report's query for `unit` on `AFTER_ALL`.
fn after_all(unit: i64) -> String {
    format!("unit={unit}&on={AFTER_ALL}")
}

/// The five standings, and the commune's report on `AFTER_ALL`.
async fn five_standings_reported(app: &TestApp) -> (World, Value) {
    let w = world(app).await;
    five_standings(&w, app).await;
    let r = report(app, &after_all(w.commune)).await;
    (w, r)
}

async fn the_communes_total_matches_a_hand_count(app: TestApp) {
    let (w, r) = five_standings_reported(&app).await;
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
}

/// A row per village, each counted alone.
async fn each_village_is_a_row_counted_alone(app: TestApp) {
    let (w, r) = five_standings_reported(&app).await;
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
}

/// C and D, with their reasons; E is unknown, not "not unified"; F has no cell.
async fn not_unified_lists_the_villages_with_their_reasons(app: TestApp) {
    let (w, r) = five_standings_reported(&app).await;
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
}

/// The district's report has the commune as a child, with the same figures.
async fn the_districts_report_has_the_commune_as_a_child(app: TestApp) {
    let (w, r) = five_standings_reported(&app).await;
    let dr = report(&app, &after_all(w.district)).await;
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
}

/// CSV: the commune's own report is a row per village, then the commune's total.
async fn the_csv_report_is_a_row_per_village_then_the_total(app: TestApp) {
    let (w, r) = five_standings_reported(&app).await;
    let res = get_csv(
        &app,
        &format!("/api/v1/reports/unification?{}", after_all(w.commune)),
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
}

/// CSV of the district's report: the commune's row, and the district's total last.
async fn the_districts_csv_report_has_the_communes_row(app: TestApp) {
    let (w, r) = five_standings_reported(&app).await;
    let dr = report(&app, &after_all(w.district)).await;
    let res = get_csv(
        &app,
        &format!("/api/v1/reports/unification?{}", after_all(w.district)),
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
    // What was recorded later does not change the day before (only the audit log's
    // checkpoint the report states has grown).
    let again = report(&app, &on("2030-01-19")).await;
    assert_ne!(again["checkpoint"], before["checkpoint"]);
    let figures = |mut r: Value| {
        r.as_object_mut().unwrap().remove("checkpoint");
        r
    };
    assert_eq!(figures(again), figures(before.clone()));

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
}

/// For a term: the term's last day, or today while it runs.
async fn a_report_for_a_term_is_on_its_last_day_or_today(app: TestApp) {
    let w = world(&app).await;
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
}

/// Both `on` and `term` is a bad request; an unknown unit or term is not found.
async fn both_a_day_and_a_term_or_an_unknown_one_is_refused(app: TestApp) {
    let w = world(&app).await;
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

async fn the_commune_chair_pair_counts_against_its_target(app: TestApp) {
    let d = two_communes(&app).await;
    let r = report(
        &app,
        &format!("unit={}&on={AFTER_ALL}&pair=commune_chair", d.district),
    )
    .await;
    assert_eq!(r["pair"], "commune_chair", "{r}");
    assert_figures(
        &r["total"],
        &json!({"in_force": 2, "with_party_org": 2, "unknown": 0, "known": 2, "unified": 1,
                "pending_approval": 0, "rate": 50.0, "target": 75, "gap": 1}),
    );
    assert_figures(
        &child_row(&r, d.c1),
        &json!({"known": 1, "unified": 1, "rate": 100.0, "target": 75, "gap": 0}),
    );
    assert_figures(
        &child_row(&r, d.c2),
        &json!({"known": 1, "unified": 0, "rate": 0.0, "target": 75, "gap": 1}),
    );
    let not_unified = r["not_unified"].as_array().unwrap();
    assert_eq!(not_unified.len(), 1, "{r}");
    assert_eq!(not_unified[0]["unit_id"], d.c2, "{r}");
    assert_eq!(not_unified[0]["reason"], "head_not_party_member", "{r}");
}

async fn the_commune_council_pair_has_no_target_hence_no_gap(app: TestApp) {
    let d = two_communes(&app).await;
    let query = format!("unit={}&on={AFTER_ALL}&pair=commune_council", d.district);
    let r = report(&app, &query).await;
    assert_eq!(r["pair"], "commune_council", "{r}");
    assert_figures(
        &r["total"],
        &json!({"in_force": 2, "with_party_org": 2, "unified": 0, "target": null, "gap": null}),
    );
    // CSV leaves them empty.
    let res = get_csv(&app, &format!("/api/v1/reports/unification?{query}"), None).await;
    let (_, rows) = parse_csv(&res);
    assert_eq!(rows.len(), 3, "{}", res.text());
    assert_csv_figures(rows.last().unwrap(), &r["total"]);
}

/// Each agency stands for itself through its Party cell; its head and its cell's
/// secretary make the agency pair.
async fn the_agency_pair_counts_each_agency_by_its_cell(app: TestApp) {
    let d = two_communes(&app).await;
    let agencies = d.agencies(&app).await;
    let r = report(
        &app,
        &format!("unit={}&on={AFTER_ALL}&pair=agency", d.district),
    )
    .await;
    assert_eq!(r["pair"], "agency", "{r}");
    assert_figures(
        &r["total"],
        &json!({"in_force": 2, "with_party_org": 2, "unknown": 0, "known": 2, "unified": 1,
                "pending_approval": 0, "rate": 50.0, "target": null, "gap": null}),
    );
    assert_figures(
        &child_row(&r, d.c1),
        &json!({"known": 1, "unified": 1, "rate": 100.0}),
    );
    let not_unified = r["not_unified"].as_array().unwrap();
    assert_eq!(not_unified.len(), 1, "{r}");
    assert_eq!(not_unified[0]["unit_id"], d.c2, "{r}");
    assert_eq!(not_unified[0]["party_org_id"], agencies.cell2, "{r}");
    assert_eq!(not_unified[0]["name"], "Chi bộ Công ty Than Hai", "{r}");
    assert_eq!(not_unified[0]["reason"], "congress_chose_another", "{r}");
}

/// The village pair over a district with no villages counts nothing: not the commune
/// posts, and not the agency cells either.
async fn the_village_pair_counts_neither_commune_posts_nor_agency_cells(app: TestApp) {
    let d = two_communes(&app).await;
    let village_pair = format!("unit={}&on={AFTER_ALL}", d.district);
    let r = report(&app, &village_pair).await;
    assert_figures(
        &r["total"],
        &json!({"in_force": 0, "known": 0, "unified": 0, "rate": null, "target": 100, "gap": 0}),
    );
    d.agencies(&app).await;
    let r = report(&app, &village_pair).await;
    assert_eq!(r["total"]["in_force"], 0, "{r}");
}

async fn an_unknown_pair_is_a_bad_request(app: TestApp) {
    let d = two_communes(&app).await;
    let unknown_pair = app
        .get(
            &format!(
                "/api/v1/reports/unification?unit={}&pair=hamlet",
                d.district
            ),
            None,
        )
        .await;
    unknown_pair.expect(400);
    unknown_pair.assert_problem_shape();
}

both!(
    the_communes_total_matches_a_hand_count,
    each_village_is_a_row_counted_alone,
    not_unified_lists_the_villages_with_their_reasons,
    the_districts_report_has_the_commune_as_a_child,
    the_csv_report_is_a_row_per_village_then_the_total,
    the_districts_csv_report_has_the_communes_row,
    a_report_on_two_dates_around_a_congress,
    a_report_for_a_term_is_on_its_last_day_or_today,
    both_a_day_and_a_term_or_an_unknown_one_is_refused,
    the_commune_chair_pair_counts_against_its_target,
    the_commune_council_pair_has_no_target_hence_no_gap,
    the_agency_pair_counts_each_agency_by_its_cell,
    the_village_pair_counts_neither_commune_posts_nor_agency_cells,
    an_unknown_pair_is_a_bad_request,
);
