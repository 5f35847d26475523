//! The public reads: who holds which post (`/officeholders`), the unification and progress
//! reports, and the CSV / NDJSON exports, checked against figures counted by hand, and
//! checked for personal data that must never show.
//!
//! Most scenarios build a fresh commune of six villages (five with a cell, one without)
//! under a fresh unified-model term of Quảng Ninh (2030-2032), so the demo's own term and
//! villages stay out of the counts.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use awc::http::Method;
use dantin_tests::figures::{
    assert_csv_figures, assert_cumulative, assert_figures, child_row, FIGURE_KEYS,
};
use dantin_tests::personal_data::{assert_nothing_personal, property_names};
use dantin_tests::public::{
    get_csv, get_ndjson, get_with, ids_through_pages, officeholders, parse_csv, parse_ndjson,
    report, seats,
};
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

async fn officeholders_page_and_cache(app: TestApp) {
    let w = world(&app).await;
    let p = five_standings(&w, &app).await;
    let scope = format!("unit={}&on={AFTER_ALL}", w.commune);

    let all = officeholders(&app, &scope).await;
    let all_ids: Vec<i64> = all.iter().map(id_of).collect();
    // Four heads, A's and C's secretaries (B's awaits approval).
    assert_eq!(all.len(), 6, "{all:?}");
    let (paged, pages) = ids_through_pages(&app, &format!("{scope}&limit=2")).await;
    assert_eq!(paged, all_ids, "paging returns every row once, in order");
    assert_eq!(pages, 3);
    assert_eq!(
        paged.iter().collect::<HashSet<_>>().len(),
        paged.len(),
        "no row twice"
    );

    // The row's shape: the public person is an id and a name.
    let a_head = all
        .iter()
        .find(|r| r["unit"]["id"] == w.village(A) && r["post"] == "village_head")
        .expect("A's head")
        .clone();
    assert_eq!(
        a_head["unit"],
        json!({"id": w.village(A), "code": null, "name": "Thôn An", "level": "village"})
    );
    assert_eq!(
        a_head["person"],
        json!({"id": p.a, "name": "Nguyễn Văn An"})
    );
    assert_eq!(a_head["since"], "2030-01-08", "{a_head}");
    assert_eq!(a_head["until"], Value::Null, "{a_head}");
    assert_eq!(
        a_head["term"],
        json!({"id": w.term, "label": "2030-2032"}),
        "{a_head}"
    );
    assert_eq!(a_head["unified"], true, "{a_head}");
    let c_secretary = all
        .iter()
        .find(|r| r["post"] == "cell_secretary" && r["person"]["id"] == p.c_other)
        .expect("C's secretary");
    assert_eq!(c_secretary["unit"]["id"], w.village(C), "{c_secretary}");
    assert_eq!(c_secretary["unified"], false, "{c_secretary}");

    // ETag, 304, and a public cache policy.
    let path = format!("/api/v1/officeholders?limit=500&{scope}");
    let res = app.get(&path, None).await;
    res.expect(200);
    assert_eq!(
        res.header("cache-control").as_deref(),
        Some("public, max-age=60")
    );
    let etag = res.header("etag").expect("an ETag");
    let res = get_with(&app, &path, None, &[("If-None-Match", &etag)]).await;
    res.expect(304);
    assert!(res.body.is_empty(), "a 304 has no body");
    assert_eq!(res.header("etag").as_deref(), Some(etag.as_str()));
    let res = get_with(
        &app,
        &path,
        None,
        &[("If-None-Match", "\"something-else\"")],
    )
    .await;
    res.expect(200);
    assert_eq!(res.json()["items"].as_array().unwrap().len(), 6);

    // Writes elsewhere leave the tag alone.
    let quan_son = app.unit_named("Huyện Quan Sơn").await;
    let far = app
        .create_unit(
            &w.admin,
            json!({
                "name": "Xã Xa Xôi", "level": "commune", "kind": "xa",
                "parent_id": quan_son["id"], "valid_from": quan_son["valid_from"]
            }),
        )
        .await;
    created(
        &app,
        &w.admin,
        "/api/v1/persons",
        json!({
            "full_name": "Nguyễn Văn Xa", "gender": "male", "birth_date": "1970-01-01",
            "residence_unit_id": id_of(&far), "party_status": "none"
        }),
    )
    .await;
    let res = app.get(&path, None).await;
    res.expect(200);
    assert_eq!(res.header("etag").as_deref(), Some(etag.as_str()));
    get_with(&app, &path, None, &[("If-None-Match", &etag)])
        .await
        .expect(304);

    // A new post in the commune changes it.
    let deputy = w.person(&app, "Đỗ Văn Phó", "1985-07-07", A, "none").await;
    created(
        &app,
        &w.admin,
        "/api/v1/appointments",
        json!({
            "post": "deputy_village_head", "person_id": deputy, "unit_id": w.village(A),
            "starts_on": "2030-02-01", "basis": "election",
            "decision": "Quyết định công nhận phó trưởng thôn"
        }),
    )
    .await;
    let res = get_with(&app, &path, None, &[("If-None-Match", &etag)]).await;
    res.expect(200);
    let new_etag = res.header("etag").expect("an ETag");
    assert_ne!(new_etag, etag, "the page changed, so must its tag");
    let rows = res.json()["items"].as_array().unwrap().clone();
    assert_eq!(rows.len(), 7);
    let deputy_row = rows
        .iter()
        .find(|r| r["post"] == "deputy_village_head")
        .expect("the deputy");
    assert_eq!(
        deputy_row["person"],
        json!({"id": deputy, "name": "Đỗ Văn Phó"})
    );
    assert_eq!(deputy_row["unified"], Value::Null, "{deputy_row}");
    // ...but not before the deputy took office.
    let before = officeholders(&app, &format!("unit={}&on=2030-01-31", w.commune)).await;
    assert!(before.iter().all(|r| r["post"] != "deputy_village_head"));

    // q: a person's name without diacritics.
    let found = officeholders(&app, &format!("{scope}&q=nguyen%20van")).await;
    assert_eq!(found.len(), 2, "A's head and secretary: {found:?}");
    assert!(found.iter().all(|r| r["person"]["id"] == p.a), "{found:?}");
    let found = officeholders(&app, &format!("{scope}&q=HOANG")).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["person"]["id"], p.c_other);
    assert!(officeholders(&app, &format!("{scope}&q=khong%20ai"))
        .await
        .is_empty());

    // unified=true / false (deputies, outside any pair, are in neither).
    let yes = officeholders(&app, &format!("{scope}&unified=true")).await;
    let no = officeholders(&app, &format!("{scope}&unified=false")).await;
    let set = |v: &[(usize, &str)]| -> BTreeSet<(i64, String)> {
        v.iter()
            .map(|(v, post)| (w.village(*v), (*post).to_owned()))
            .collect()
    };
    assert_eq!(
        seats(&yes),
        set(&[
            (A, "village_head"),
            (A, "cell_secretary"),
            (B, "village_head")
        ])
    );
    assert!(yes.iter().all(|r| r["unified"] == true));
    assert_eq!(
        seats(&no),
        set(&[
            (C, "village_head"),
            (C, "cell_secretary"),
            (D, "village_head")
        ])
    );
    assert!(no.iter().all(|r| r["unified"] == false));

    // post=
    let heads = officeholders(&app, &format!("{scope}&post=village_head")).await;
    assert_eq!(
        seats(&heads),
        set(&[
            (A, "village_head"),
            (B, "village_head"),
            (C, "village_head"),
            (D, "village_head")
        ])
    );
    let heads_by_person: BTreeSet<i64> = heads
        .iter()
        .map(|r| r["person"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(heads_by_person, [p.a, p.b, p.c, p.d].into_iter().collect());
    let secretaries = officeholders(&app, &format!("{scope}&post=cell_secretary")).await;
    assert_eq!(
        seats(&secretaries),
        set(&[(A, "cell_secretary"), (C, "cell_secretary")])
    );

    // on=: before the congresses, four heads and nobody unified.
    let early = officeholders(&app, &format!("unit={}&on=2030-01-10", w.commune)).await;
    assert_eq!(early.len(), 4, "{early:?}");
    assert!(early
        .iter()
        .all(|r| r["post"] == "village_head" && r["unified"] == false));

    // A bad parameter is a 400 problem.
    let res = app
        .get(&format!("/api/v1/officeholders?{scope}&limit=0"), None)
        .await;
    res.expect(400);
    res.assert_problem_shape();
    let res = app
        .get(
            &format!("/api/v1/officeholders?{scope}&cursor=garbage"),
            None,
        )
        .await;
    res.expect(400);
    res.assert_problem_shape();
}

async fn progress_counts_the_campaign_day_by_day(app: TestApp) {
    let w = world(&app).await;
    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    let b = w
        .person(&app, "Trần Văn Bình", "1981-03-02", B, "official")
        .await;
    let c = w
        .person(&app, "Lê Văn Cường", "1978-04-03", C, "none")
        .await;
    let d = w
        .person(&app, "Phạm Văn Dũng", "1975-05-04", D, "none")
        .await;
    let d2 = w.person(&app, "Vũ Văn Đua", "1976-05-04", D, "none").await;

    // Day one: A and B elect, C has no quorum.
    w.elect_head(&app, A, "2030-01-06", a).await;
    w.elect_head(&app, B, "2030-01-06", b).await;
    let e = w
        .head_election(&app, C, "2030-01-06", (120, 60), &[(c, 60)], &[])
        .await;
    e.expect(201);
    let e = e.json();
    assert_eq!(e["outcome"], "no_quorum", "{e}");
    // Day two: C's re-run elects, D has no winner.
    let e = w
        .head_election(&app, C, "2030-01-13", (120, 90), &[(c, 80)], &[])
        .await;
    e.expect(201);
    let e = e.json();
    assert_eq!(e["outcome"], "elected", "{e}");
    let e = w
        .head_election(&app, D, "2030-01-13", (100, 80), &[(d, 40), (d2, 40)], &[])
        .await;
    e.expect(201);
    let e = e.json();
    assert_eq!(e["outcome"], "no_winner", "{e}");
    // Congresses: A elects; B has no quorum, then elects a week later.
    w.elect_secretary(&app, A, "2030-01-20", a).await;
    let k = w
        .congress(&app, B, "2030-01-20", (8, 5), &[(b, 4)], None)
        .await;
    k.expect(201);
    let k = k.json();
    assert_eq!(k["outcome"], "no_quorum", "{k}");
    w.elect_secretary(&app, B, "2030-01-27", b).await;

    let res = app
        .get(
            &format!(
                "/api/v1/reports/progress?unit={}&term={}",
                w.commune, w.term
            ),
            None,
        )
        .await;
    res.expect(200);
    let r = res.json();
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

    // The district counts the same campaign (the demo's elections are of another term),
    // over more villages.
    let res = app
        .get(
            &format!(
                "/api/v1/reports/progress?unit={}&term={}",
                w.district, w.term
            ),
            None,
        )
        .await;
    res.expect(200);
    let dr = res.json();
    assert_eq!(dr["days"], r["days"], "{dr}");
    assert!(dr["villages_in_scope"].as_u64().unwrap() >= 5, "{dr}");

    // CSV: a row a day.
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

    // Unknown term or unit.
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

async fn exports_stream_csv_and_ndjson(app: TestApp) {
    let admin = app.admin().await;
    // More units than one chunk of a streamed export.
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
    let listed_ids: BTreeSet<i64> = listed.iter().map(id_of).collect();
    assert!(listed.len() > 1_100);

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
    assert_eq!(csv_ids, listed_ids);
    let one = rows
        .iter()
        .find(|r| r["code"] == "22-EXP-1-0042")
        .expect("an imported village");
    assert_eq!(one["name"], "Thôn Xuất 42");
    assert_eq!(one["level"], "village");
    assert_eq!(one["valid_from"], "2021-01-01");
    assert_eq!(one["valid_to"], "");

    let res = get_ndjson(&app, "/api/v1/units", None).await;
    let lines = parse_ndjson(&res);
    assert_eq!(lines.len(), listed.len(), "an NDJSON line per unit");
    let nd_ids: BTreeSet<i64> = lines.iter().map(id_of).collect();
    assert_eq!(nd_ids, listed_ids);
    let by_id: BTreeMap<i64, &Value> = listed.iter().map(|u| (id_of(u), u)).collect();
    for line in &lines {
        assert_eq!(line, by_id[&id_of(line)], "NDJSON matches the JSON list");
    }

    // Filters apply to exports too.
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

    // Officeholders as CSV and NDJSON: the demo's 2020-2022 term.
    let q = "on=2020-03-01";
    let mut json_rows = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/officeholders?limit=3&{q}");
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
    let res = get_csv(&app, &format!("/api/v1/officeholders?{q}"), None).await;
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
    let res = get_ndjson(&app, &format!("/api/v1/officeholders?{q}&limit=1"), None).await;
    let lines = parse_ndjson(&res);
    assert_eq!(lines, json_rows, "NDJSON is the JSON rows, every one");
}

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

async fn head_answers_as_get_without_the_body(app: TestApp) {
    let unit = app.unit_named("Thôn Khe Tâm").await;
    let cases = [
        (
            format!("/api/v1/units/{}", unit["id"]),
            "application/json",
            200,
        ),
        ("/api/v1/officeholders".to_owned(), "application/json", 200),
        ("/api/v1/units".to_owned(), "text/csv", 200),
        (
            "/api/v1/units/999999999".to_owned(),
            "application/json",
            404,
        ),
    ];
    for (path, accept, status) in cases {
        let get = get_with(&app, &path, None, &[("Accept", accept)]).await;
        let mut req = app.request(Method::HEAD, &path, None);
        req = req.insert_header(("Accept", accept));
        let head = app.send(req, Vec::new()).await;
        assert_eq!((head.status, get.status), (status, status), "{path}");
        assert!(head.body.is_empty(), "HEAD {path} sent a body");
        for name in ["content-type", "etag", "cache-control"] {
            assert_eq!(head.header(name), get.header(name), "{name} of {path}");
        }
        // A length, where one is announced, is the GET's: RFC 9110 §8.6.
        let announced = head
            .header("content-length")
            .map(|n| n.parse::<usize>().unwrap());
        if accept == "application/json" {
            assert_eq!(announced, Some(get.body.len()), "content-length of {path}");
        } else {
            assert!(
                announced.is_none_or(|n| n == get.body.len()),
                "{path}: {announced:?}"
            );
        }
    }
}

both!(
    head_answers_as_get_without_the_body,
    a_report_matches_hand_counted_figures,
    a_report_on_two_dates_around_a_congress,
    officeholders_page_and_cache,
    progress_counts_the_campaign_day_by_day,
    commune_pairs_use_their_target,
    exports_stream_csv_and_ndjson,
    public_reads_never_show_personal_data,
);
