//! Public holidays (rule 27): a calendar an admin keeps per year, public to read, which the
//! working-day deadlines of recognitions and approvals skip.

use dantin_tests::world::{assert_refused, world, A, B};
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

/// A Tết of the world's term: Friday 1 to Thursday 7 February 2030.
fn tet_2030() -> Value {
    let days: Vec<Value> = (1..=7)
        .map(|d| json!({"date": format!("2030-02-0{d}"), "name": "Tết Nguyên đán"}))
        .collect();
    json!({ "days": days })
}

async fn a_deadline_across_tet_counts_working_days_only(app: TestApp) {
    let w = world(&app).await;
    let a_head = w
        .person(&app, "Nguyễn Văn An", "1980-01-01", A, "official")
        .await;
    let b_head = w
        .person(&app, "Trần Văn Bình", "1981-02-02", B, "official")
        .await;

    // Elected on Wednesday 30 January: five working days run to Wednesday 6 February
    // without the calendar, to Wednesday 13 February across Tết.
    let ea = w.elect_head(&app, A, "2030-01-30", a_head).await;
    let late = w.recognise(&app, ea, "2030-02-12").await;
    assert!(
        late["recognition"]["warning"]
            .as_str()
            .is_some_and(|w| w.contains("due by 2030-02-06")),
        "{late}"
    );

    let res = app
        .put_json("/api/v1/holidays/2030", &tet_2030(), Some(&w.admin))
        .await;
    res.expect(200);
    assert_eq!(res.json()["days"].as_array().map(Vec::len), Some(7));

    let eb = w.elect_head(&app, B, "2030-01-30", b_head).await;
    let in_time = w.recognise(&app, eb, "2030-02-12").await;
    assert_eq!(in_time["recognition"]["warning"], Value::Null, "{in_time}");
    // What was judged before the calendar keeps its warning.
    let again = app
        .get(&format!("/api/v1/head-elections/{ea}"), Some(&w.admin))
        .await;
    assert!(again.json()["recognition"]["warning"].is_string());
}

async fn anyone_reads_a_year_and_only_an_admin_keeps_it(app: TestApp) {
    let w = world(&app).await;
    let empty = app.get("/api/v1/holidays/2030", None).await;
    assert_eq!(empty.expect(200).json(), json!({"year": 2030, "days": []}));

    let officer = app.officer().await;
    app.put_json("/api/v1/holidays/2030", &tet_2030(), Some(&officer))
        .await
        .expect_problem(403, "forbidden");
    app.put_json("/api/v1/holidays/2030", &tet_2030(), Some(&w.admin))
        .await
        .expect(200);

    let kept = app
        .get("/api/v1/holidays/2030", None)
        .await
        .expect(200)
        .json();
    assert_eq!(
        kept["days"][0],
        json!({"date": "2030-02-01", "name": "Tết Nguyên đán"})
    );

    // A day of another year, or a day twice: refused, and the year stays as it was.
    let wrong = json!({"days": [
        {"date": "2031-01-01", "name": "Tết Dương lịch"},
        {"date": "2030-04-30", "name": "Ngày Giải phóng miền Nam"},
        {"date": "2030-04-30", "name": "Ngày Giải phóng miền Nam"}
    ]});
    let res = app
        .put_json("/api/v1/holidays/2030", &wrong, Some(&w.admin))
        .await;
    res.expect(422);
    assert_refused(&res, "holiday_in_year");
    assert_refused(&res, "holiday_once");
    let after = app
        .get("/api/v1/holidays/2030", None)
        .await
        .expect(200)
        .json();
    assert_eq!(after, kept);

    // Replacing a year leaves the others alone; an empty list clears it.
    app.put_json(
        "/api/v1/holidays/2031",
        &json!({"days": [{"date": "2031-01-01", "name": "Tết Dương lịch"}]}),
        Some(&w.admin),
    )
    .await
    .expect(200);
    app.put_json(
        "/api/v1/holidays/2030",
        &json!({"days": []}),
        Some(&w.admin),
    )
    .await
    .expect(200);
    let y2031 = app
        .get("/api/v1/holidays/2031", None)
        .await
        .expect(200)
        .json();
    assert_eq!(y2031["days"].as_array().map(Vec::len), Some(1));
    app.get("/api/v1/holidays/1800", None)
        .await
        .expect_problem(400, "invalid_parameter");
}

both!(
    a_deadline_across_tet_counts_working_days_only,
    anyone_reads_a_year_and_only_an_admin_keeps_it,
);
