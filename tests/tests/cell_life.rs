//! The life of the cells (rules 24-26): meetings recorded from their minutes, the report
//! of the cells that met every month and held a thematic meeting every quarter, and the
//! attendance of the upper-level cadres assigned to them ("3+1").

use dantin_domain::access::Account;
use dantin_domain::UnitId;
use dantin_persistence::users;
use dantin_tests::personal_data::assert_nothing_personal;
use dantin_tests::public::{get_csv, parse_csv};
use dantin_tests::world::{assert_refused, created, id_of, world, World, A, B, C, D, E, F};
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

const YEAR: &str = "from=2030-01&to=2030-12";

fn meeting(cell: i64, day: &str, thematic: bool, cadres: &[i64]) -> Value {
    let mut m = json!({"cell_id": cell, "held_on": day, "kind": "regular",
                       "members_summoned": 12, "members_present": 11, "cadres": cadres});
    if thematic {
        m["kind"] = json!("thematic");
        m["topic"] = json!("Phát triển kinh tế thôn");
    }
    m
}

/// Regular meetings on the 5th of `months`, thematic ones on the 20th of `thematic`.
async fn hold(app: &TestApp, w: &World, v: usize, months: &[u32], thematic: &[u32]) {
    for (list, is_thematic, day) in [(months, false, 5), (thematic, true, 20)] {
        for m in list {
            let on = format!("2030-{m:02}-{day:02}");
            created(
                app,
                &w.admin,
                "/api/v1/cell-meetings",
                meeting(w.cell(v), &on, is_thematic, &[]),
            )
            .await;
        }
    }
}

/// The values of `keys` in `v`, in order.
fn pick(v: &Value, keys: &[&str]) -> Value {
    Value::Array(keys.iter().map(|k| v[*k].clone()).collect())
}

fn row_of(report: &Value, list: &str, key: &str, id: i64) -> Value {
    report[list]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r[key] == id || r[key]["id"] == id))
        .cloned()
        .unwrap_or_else(|| panic!("no {list} row for {id} in {report}"))
}

async fn the_report_names_the_cells_that_missed_a_month_or_a_quarter(app: TestApp) {
    let w = world(&app).await;
    let all: Vec<u32> = (1..=12).collect();
    let but_july: Vec<u32> = (1..=12).filter(|m| *m != 7).collect();
    hold(&app, &w, A, &all, &[2, 5, 8, 11]).await;
    hold(&app, &w, B, &but_july, &[1, 4, 8, 10]).await;
    hold(&app, &w, C, &all, &[3, 9, 12]).await;
    hold(&app, &w, D, &[1, 2], &[]).await;

    let path = format!("/api/v1/reports/cell-meetings?unit={}&{YEAR}", w.commune);
    let res = app.get(&path, None).await;
    let report = res.expect(200).json();
    assert_eq!(
        (report["from"].as_str(), report["to"].as_str()),
        (Some("2030-01"), Some("2030-12"))
    );
    assert_eq!(
        report["total"],
        json!({"cells": 5, "met_monthly": 2, "met_monthly_rate": 40.0, "thematic_quarterly": 2,
               "thematic_quarterly_rate": 40.0, "neither": 2})
    );
    let a = row_of(&report, "cells", "cell_id", w.cell(A));
    assert_eq!(
        pick(&a, &["met_monthly", "thematic_quarterly"]),
        json!([true, true])
    );
    assert_eq!(
        pick(&a, &["months", "months_met", "quarters"]),
        json!([12, 12, 4])
    );
    // Eleven months of twelve is not monthly, whatever else the cell did.
    let b = row_of(&report, "cells", "cell_id", w.cell(B));
    assert_eq!(b["months_met"], 11);
    assert_eq!(b["met_monthly"], false);
    assert_eq!(b["months_missed"], json!(["2030-07"]));
    assert_eq!(b["thematic_quarterly"], true);
    // The quarter without a thematic meeting is named.
    let c = row_of(&report, "cells", "cell_id", w.cell(C));
    assert_eq!(c["quarters_without_thematic"], json!(["2030-Q2"]));
    assert_eq!(
        pick(&c, &["met_monthly", "thematic_quarterly"]),
        json!([true, false])
    );
    let e = row_of(&report, "cells", "cell_id", w.cell(E));
    assert_eq!(e["months_missed"].as_array().map(Vec::len), Some(12));

    // A row per village; the one without a cell counts none.
    let child = |v: usize| row_of(&report, "children", "unit", w.village(v));
    assert_eq!(pick(&child(A), &["cells", "met_monthly"]), json!([1, 1]));
    assert_eq!(
        pick(&child(B), &["met_monthly", "thematic_quarterly"]),
        json!([0, 1])
    );
    assert_eq!(child(D)["neither"], json!(1));
    assert_eq!(child(F)["cells"], json!(0));

    // The district's report has the commune as a row with the same figures.
    let district = app
        .get(
            &format!("/api/v1/reports/cell-meetings?unit={}&{YEAR}", w.district),
            None,
        )
        .await
        .expect(200)
        .json();
    let commune = row_of(&district, "children", "unit", w.commune);
    for key in ["cells", "met_monthly", "thematic_quarterly", "neither"] {
        assert_eq!(commune[key], report["total"][key], "{key}");
    }

    // As CSV: a row per village, then the commune.
    let csv = get_csv(&app, &path, None).await;
    let (header, rows) = parse_csv(csv.expect(200));
    assert_eq!(header[..4], ["unit_id", "unit_code", "unit_name", "cells"]);
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[6]["met_monthly_rate"], "40.0");

    // A meeting recorded later changes the answer at once: B's July.
    let etag = res.header("etag").expect("an ETag");
    created(
        &app,
        &w.admin,
        "/api/v1/cell-meetings",
        meeting(w.cell(B), "2030-07-05", false, &[]),
    )
    .await;
    let again = app.get(&path, None).await.expect(200).json();
    assert_eq!(again["total"]["met_monthly"], 3);
    let after = app.get(&path, None).await;
    assert_ne!(after.header("etag"), Some(etag));
}

/// An officer of the commune only: the district's cadres live outside its area.
async fn commune_officer(app: &TestApp, w: &World) -> String {
    app.store()
        .write(|c| {
            users::insert(
                c,
                "officer_commune",
                &dantin_api::auth::hash_password("demo-officer-commune"),
                (
                    Account::Officer {
                        unit: UnitId(w.commune),
                    },
                    false,
                ),
            )
        })
        .expect("the commune's officer is created");
    app.token("officer_commune", "demo-officer-commune").await
}

async fn a_cadre_who_attended_two_of_three_reads_67_percent(app: TestApp) {
    let w = world(&app).await;
    let officer = commune_officer(&app, &w).await;
    let cadre = |name: &str, born: &str| {
        json!({"full_name": name, "gender": "male", "birth_date": born,
               "residence_unit_id": w.district, "party_status": "none"})
    };
    let thanh = id_of(
        &created(
            &app,
            &w.admin,
            "/api/v1/persons",
            cadre("Hà Văn Thành", "1970-03-04"),
        )
        .await,
    );
    let luong = id_of(
        &created(
            &app,
            &w.admin,
            "/api/v1/persons",
            cadre("Lương Văn Sơn", "1972-05-06"),
        )
        .await,
    );
    let assign = |person: i64, cell: i64, ends_on: Value| {
        json!({"person_id": person, "cell_id": cell, "post": "Ủy viên Ban Thường vụ Huyện ủy",
               "starts_on": "2030-01-01", "ends_on": ends_on})
    };
    let made = created(
        &app,
        &w.admin,
        "/api/v1/cadre-assignments",
        assign(thanh, w.cell(A), json!("2030-02-28")),
    )
    .await;
    assert_eq!(made["name"], "Hà Văn Thành");
    created(
        &app,
        &w.admin,
        "/api/v1/cadre-assignments",
        assign(luong, w.cell(D), Value::Null),
    )
    .await;

    // The same cadre to the same cell twice at once is a conflict.
    let twice = app
        .post_json(
            "/api/v1/cadre-assignments",
            &assign(thanh, w.cell(A), Value::Null),
            Some(&w.admin),
        )
        .await;
    let problem = twice.expect_problem(409, "cadre_assigned_once");
    assert!(problem["detail"]
        .as_str()
        .is_some_and(|d| d.contains("2030-01-01")));
    // The commune's officer cannot name the district's cadres on its own...
    let res = app
        .post_json(
            "/api/v1/cadre-assignments",
            &assign(thanh, w.cell(B), Value::Null),
            Some(&officer),
        )
        .await;
    assert_refused(&res, "cadre_exists");
    let res = app
        .post_json(
            "/api/v1/cell-meetings",
            &meeting(w.cell(A), "2030-01-05", false, &[luong]),
            Some(&officer),
        )
        .await;
    assert_refused(&res, "cadre_exists");
    // ...but records the assigned cadre at the meetings of the cell assigned.
    for (day, thematic, cadres) in [
        ("2030-01-05", false, vec![thanh]),
        ("2030-02-05", false, vec![]),
        ("2030-02-20", true, vec![thanh]),
        ("2030-03-05", false, vec![]),
    ] {
        created(
            &app,
            &officer,
            "/api/v1/cell-meetings",
            meeting(w.cell(A), day, thematic, &cadres),
        )
        .await;
    }
    hold(&app, &w, D, &[1, 2], &[]).await;

    let path = format!("/api/v1/reports/cadre-attendance?unit={}&{YEAR}", w.commune);
    let report = app.get(&path, None).await.expect(200).json();
    let t = row_of(&report, "cadres", "person_id", thanh);
    assert_eq!(
        (
            t["assigned"].clone(),
            t["attended"].clone(),
            t["rate"].clone(),
            t["post"].clone()
        ),
        (
            json!(3),
            json!(2),
            json!(66.7),
            json!("Ủy viên Ban Thường vụ Huyện ủy")
        )
    );
    let s = row_of(&report, "cadres", "person_id", luong);
    assert_eq!(
        (
            s["assigned"].clone(),
            s["attended"].clone(),
            s["rate"].clone()
        ),
        (json!(2), json!(0), json!(0.0))
    );
    assert_eq!(
        report["total"],
        json!({"assigned": 5, "attended": 2, "rate": 40.0})
    );
    assert_eq!(
        row_of(&report, "children", "unit", w.village(A))["attended"],
        2
    );
    // Missing one of three is not more than the default third; missing both of two is.
    let flagged = report["flagged"].as_array().unwrap();
    assert_eq!(flagged.len(), 1, "{report}");
    assert_eq!(
        (
            flagged[0]["person_id"].clone(),
            flagged[0]["cell_id"].clone()
        ),
        (json!(luong), json!(w.cell(D)))
    );
    assert_eq!(
        flagged[0]["flag"],
        json!({"numerator": 1, "denominator": 3})
    );
    // Public: names and posts, nothing personal.
    assert_nothing_personal(
        "the attendance report",
        &report.to_string(),
        &["1970-03-04".to_owned()],
    );
    let listed = app
        .get(
            &format!("/api/v1/cadre-assignments?unit={}", w.commune),
            None,
        )
        .await
        .expect(200)
        .json();
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(2));
    assert_nothing_personal(
        "the assignments",
        &listed.to_string(),
        &["1970-03-04".to_owned()],
    );

    // A province that flags any miss flags both.
    let rules_path = format!("/api/v1/rule-sets/{}", w.province);
    let mut rules = app
        .get(&rules_path, Some(&w.admin))
        .await
        .expect(200)
        .json()["rules"]
        .clone();
    assert_eq!(
        rules["cadre_missed_flag"],
        json!({"numerator": 1, "denominator": 3})
    );
    rules["cadre_missed_flag"] = json!({"numerator": 0, "denominator": 1});
    app.put_json(&rules_path, &rules, Some(&w.admin))
        .await
        .expect(200);
    let report = app.get(&path, None).await.expect(200).json();
    assert_eq!(
        report["flagged"].as_array().map(Vec::len),
        Some(2),
        "{report}"
    );
}

async fn a_meeting_that_cannot_be_is_refused_and_nothing_is_stored(app: TestApp) {
    let w = world(&app).await;
    let cell = w.cell(A);
    let committee = app
        .get(&format!("/api/v1/party-orgs/{cell}"), Some(&w.admin))
        .await
        .json()["parent_id"]
        .clone();
    let post = |body: Value| {
        let admin = w.admin.clone();
        let app = &app;
        async move {
            app.post_json("/api/v1/cell-meetings", &body, Some(&admin))
                .await
        }
    };
    let mut no_topic = meeting(cell, "2030-03-20", true, &[]);
    no_topic["topic"] = Value::Null;
    assert_refused(&post(no_topic).await, "meeting_topic");
    let mut crowded = meeting(cell, "2030-03-05", false, &[]);
    crowded["members_present"] = json!(13);
    assert_refused(&post(crowded).await, "present_within_summoned");
    let mut of_committee = meeting(cell, "2030-03-05", false, &[]);
    of_committee["cell_id"] = committee;
    assert_refused(&post(of_committee).await, "is_a_cell");
    assert_refused(
        &post(meeting(cell, "1900-01-02", false, &[])).await,
        "cell_in_force",
    );
    assert_refused(
        &post(meeting(999_999, "2030-03-05", false, &[])).await,
        "cell_exists",
    );
    let person = w
        .person(&app, "Nguyễn Văn An", "1980-01-01", A, "official")
        .await;
    assert_refused(
        &post(meeting(cell, "2030-03-05", false, &[person, person])).await,
        "cadre_listed_once",
    );
    assert_refused(
        &post(meeting(cell, "2030-03-05", false, &[999_999])).await,
        "cadre_exists",
    );
    let auditor = app.auditor().await;
    app.post_json(
        "/api/v1/cell-meetings",
        &meeting(cell, "2030-03-05", false, &[]),
        Some(&auditor),
    )
    .await
    .expect_problem(403, "forbidden");
    let listed = app
        .get(
            &format!("/api/v1/cell-meetings?cell={cell}"),
            Some(&w.admin),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(listed["items"], json!([]));

    // The one that can be is read back as recorded.
    let made = created(
        &app,
        &w.admin,
        "/api/v1/cell-meetings",
        meeting(cell, "2030-03-20", true, &[person]),
    )
    .await;
    let read = app
        .get(
            &format!("/api/v1/cell-meetings/{}", id_of(&made)),
            Some(&w.admin),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(read, made);
    assert_eq!(
        (read["topic"].as_str(), read["cadres"].clone()),
        (Some("Phát triển kinh tế thôn"), json!([person]))
    );
}

async fn a_period_must_be_months_in_order(app: TestApp) {
    let w = world(&app).await;
    for query in [
        "from=2030-13&to=2030-12",
        "from=2030-1&to=2030-12",
        "to=2030-12",
        "from=2030-12&to=2030-01",
        "from=2020-01&to=2030-01",
    ] {
        for report in ["cell-meetings", "cadre-attendance"] {
            let path = format!("/api/v1/reports/{report}?unit={}&{query}", w.commune);
            app.get(&path, None)
                .await
                .expect_problem(400, "invalid_parameter");
        }
    }
    // The whole country, a row per province.
    let country = app
        .get(&format!("/api/v1/reports/cell-meetings?{YEAR}"), None)
        .await
        .expect(200)
        .json();
    assert!(country.get("unit").is_none());
    assert!(country["children"]
        .as_array()
        .is_some_and(|rows| !rows.is_empty()));
    app.get(
        &format!("/api/v1/reports/cadre-attendance?unit=999999&{YEAR}"),
        None,
    )
    .await
    .expect_problem(404, "not_found");
}

both!(
    the_report_names_the_cells_that_missed_a_month_or_a_quarter,
    a_cadre_who_attended_two_of_three_reads_67_percent,
    a_meeting_that_cannot_be_is_refused_and_nothing_is_stored,
    a_period_must_be_months_in_order,
);
