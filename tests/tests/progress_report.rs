//! The public progress report (`/reports/progress`): a campaign's elections and congresses
//! counted day by day, in JSON and CSV, for a fresh commune under a fresh term.

use dantin_tests::figures::assert_cumulative;
use dantin_tests::public::{get_csv, parse_csv};
use dantin_tests::world::{world, World, A, B, C, D};
use dantin_tests::{both, TestApp};
use serde_json::Value;

/// A campaign over four Sundays of 2030 in the villages of `world`. Head elections: on
/// the 6th A and B elect, C has no quorum; on the 13th C's re-run elects, D has no
/// winner. Congresses: on the 20th A elects, B has no quorum; on the 27th B elects.
async fn campaign(app: &TestApp) -> World {
    let w = world(app).await;
    let a = w
        .person(app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    let b = w
        .person(app, "Trần Văn Bình", "1981-03-02", B, "official")
        .await;
    let c = w.person(app, "Lê Văn Cường", "1978-04-03", C, "none").await;
    let d = w
        .person(app, "Phạm Văn Dũng", "1975-05-04", D, "none")
        .await;
    let d2 = w.person(app, "Vũ Văn Đua", "1976-05-04", D, "none").await;

    // Day one: A and B elect, C has no quorum.
    w.elect_head(app, A, "2030-01-06", a).await;
    w.elect_head(app, B, "2030-01-06", b).await;
    let e = w
        .head_election(app, C, "2030-01-06", (120, 60), &[(c, 60)], &[])
        .await;
    e.expect(201);
    let e = e.json();
    assert_eq!(e["outcome"], "no_quorum", "{e}");
    // Day two: C's re-run elects, D has no winner.
    let e = w
        .head_election(app, C, "2030-01-13", (120, 90), &[(c, 80)], &[])
        .await;
    e.expect(201);
    let e = e.json();
    assert_eq!(e["outcome"], "elected", "{e}");
    let e = w
        .head_election(app, D, "2030-01-13", (100, 80), &[(d, 40), (d2, 40)], &[])
        .await;
    e.expect(201);
    let e = e.json();
    assert_eq!(e["outcome"], "no_winner", "{e}");
    // Congresses: A elects; B has no quorum, then elects a week later.
    w.elect_secretary(app, A, "2030-01-20", a).await;
    let k = w
        .congress(app, B, "2030-01-20", (8, 5), &[(b, 4)], None)
        .await;
    k.expect(201);
    let k = k.json();
    assert_eq!(k["outcome"], "no_quorum", "{k}");
    w.elect_secretary(app, B, "2030-01-27", b).await;
    w
}

/// The progress report of `unit` for the campaign's term, in JSON.
async fn progress(app: &TestApp, unit: i64, term: i64) -> Value {
    let res = app
        .get(
            &format!("/api/v1/reports/progress?unit={unit}&term={term}"),
            None,
        )
        .await;
    res.expect(200);
    res.json()
}

async fn the_commune_counts_the_campaign_day_by_day(app: TestApp) {
    let w = campaign(&app).await;
    let r = progress(&app, w.commune, w.term).await;
    assert_eq!(r["unit"]["id"], w.commune, "{r}");
    assert_eq!(r["term_id"], w.term, "{r}");
    assert_eq!(r["villages_in_scope"], 5, "F has no cell: {r}");
    let days = r["days"].as_array().unwrap();
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        ["2030-01-06", "2030-01-13", "2030-01-20", "2030-01-27"],
        "{r}"
    );
    let none = (0, 0, 0, 0, 0);
    assert_cumulative(&days[0], "head_elections", (3, 2, 0, 1, 2));
    assert_cumulative(&days[0], "congresses", none);
    assert_cumulative(&days[1], "head_elections", (5, 3, 1, 1, 3));
    assert_cumulative(&days[1], "congresses", none);
    assert_cumulative(&days[2], "head_elections", (5, 3, 1, 1, 3));
    assert_cumulative(&days[2], "congresses", (2, 1, 0, 1, 1));
    assert_cumulative(&days[3], "head_elections", (5, 3, 1, 1, 3));
    assert_cumulative(&days[3], "congresses", (3, 2, 0, 1, 2));
}

/// The district counts the same campaign (the demo's elections are of another term),
/// over more villages.
async fn the_district_counts_the_same_campaign_over_more_villages(app: TestApp) {
    let w = campaign(&app).await;
    let r = progress(&app, w.commune, w.term).await;
    let dr = progress(&app, w.district, w.term).await;
    assert_eq!(dr["days"], r["days"], "{dr}");
    assert!(dr["villages_in_scope"].as_u64().unwrap() >= 5, "{dr}");
}

/// CSV: a row a day.
async fn the_csv_report_is_a_row_a_day(app: TestApp) {
    let w = campaign(&app).await;
    let res = get_csv(
        &app,
        &format!(
            "/api/v1/reports/progress?unit={}&term={}",
            w.commune, w.term
        ),
        None,
    )
    .await;
    let (header, rows) = parse_csv(&res);
    assert_eq!(header[0], "date", "{header:?}");
    assert!(
        header.iter().any(|h| h == "villages_in_scope"),
        "{header:?}"
    );
    assert_eq!(rows.len(), 4, "{}", res.text());
    let last = &rows[3];
    assert_eq!(last["date"], "2030-01-27");
    assert_eq!(last["villages_in_scope"], "5");
    assert_eq!(last["head_elections_held"], "5");
    assert_eq!(last["head_elections_no_quorum"], "1");
    assert_eq!(last["villages_with_head_elected"], "3");
    assert_eq!(last["congresses_held"], "3");
    assert_eq!(last["cells_with_secretary_elected"], "2");
    assert_eq!(rows[0]["head_elections_held"], "3");
    assert_eq!(rows[0]["congresses_held"], "0");
}

async fn an_unknown_term_or_unit_is_not_found(app: TestApp) {
    let w = world(&app).await;
    let res = app
        .get(
            &format!("/api/v1/reports/progress?unit={}&term=99999999", w.commune),
            None,
        )
        .await;
    res.expect(404);
    res.assert_problem_shape();
    let res = app
        .get(
            &format!("/api/v1/reports/progress?unit=99999999&term={}", w.term),
            None,
        )
        .await;
    res.expect(404);
    res.assert_problem_shape();
}

both!(
    the_commune_counts_the_campaign_day_by_day,
    the_district_counts_the_same_campaign_over_more_villages,
    the_csv_report_is_a_row_a_day,
    an_unknown_term_or_unit_is_not_found,
);
