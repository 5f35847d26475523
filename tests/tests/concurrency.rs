//! Writers racing for the same thing: exactly one wins, the others get 409 (or 412 for
//! an edit of a version that is gone), on both backends (PostgreSQL runs them truly in
//! parallel from the server's blocking pool).

use awc::http::Method;
use dantin_tests::{both, TestApp};
use futures_util::future::join_all;
use serde_json::{json, Value};

const RACERS: usize = 50;

async fn statuses(app: &TestApp, path: &str, bodies: Vec<Value>, token: &str) -> Vec<u16> {
    let requests = bodies.iter().map(|b| app.post_json(path, b, Some(token)));
    join_all(requests).await.iter().map(|r| r.status).collect()
}

fn tally(statuses: &[u16]) -> (usize, usize) {
    let created = statuses.iter().filter(|s| **s == 201).count();
    let conflicts = statuses.iter().filter(|s| **s == 409).count();
    (created, conflicts)
}

async fn concurrent_appointments_to_one_post_leave_one_holder(app: TestApp) {
    let admin = app.admin().await;
    let commune = app.unit_named("Xã Nam Sơn").await;
    let village = app
        .create_unit(
            &admin,
            json!({"name": "Thôn Đua", "level": "village", "kind": "thon",
                   "parent_id": commune["id"], "valid_from": "2000-01-01"}),
        )
        .await;
    let mut people = Vec::new();
    for i in 0..RACERS {
        let res = app
            .post_json(
                "/api/v1/persons",
                &json!({"full_name": format!("Người Đua {i}"), "gender": "male", "birth_date": "1980-01-01",
                        "residence_unit_id": village["id"], "party_status": "none"}),
                Some(&admin),
            )
            .await;
        res.expect(201);
        people.push(res.json()["id"].clone());
    }
    let bodies = people
        .iter()
        .map(|p| {
            json!({"post": "village_head", "person_id": p, "unit_id": village["id"],
                   "starts_on": "2030-03-01", "basis": "interim", "decision": "Quyết định tạm thời"})
        })
        .collect();
    let got = statuses(&app, "/api/v1/appointments", bodies, &admin).await;
    assert_eq!(tally(&got), (1, RACERS - 1), "{got:?}");
    let held = app
        .get(
            &format!(
                "/api/v1/appointments?unit={}&post=village_head",
                village["id"]
            ),
            Some(&admin),
        )
        .await;
    held.expect(200);
    assert_eq!(held.json()["items"].as_array().unwrap().len(), 1);
}

async fn concurrent_units_with_one_code_create_one(app: TestApp) {
    let admin = app.admin().await;
    let province = app.unit_named("Tỉnh Quảng Ninh").await;
    let bodies = (0..RACERS)
        .map(|i| {
            json!({"code": "22-RACE", "name": format!("Huyện Đua {i}"), "level": "district",
                   "kind": "huyen", "parent_id": province["id"], "valid_from": "2030-01-01"})
        })
        .collect();
    let got = statuses(&app, "/api/v1/units", bodies, &admin).await;
    assert_eq!(tally(&got), (1, RACERS - 1), "{got:?}");
    let listed = app.all_units("q=huyen%20dua").await;
    assert_eq!(listed.len(), 0, "not in force today");
    let listed = app.all_units("q=huyen%20dua&on=2030-06-01").await;
    assert_eq!(listed.len(), 1, "{listed:?}");
}

async fn concurrent_writes_keep_the_audit_chain_whole(app: TestApp) {
    let admin = app.admin().await;
    let province = app.unit_named("Tỉnh Quảng Ninh").await;
    let bodies = (0..RACERS)
        .map(|i| {
            json!({"code": format!("22-CH{i}"), "name": format!("Huyện Chuỗi {i}"), "level": "district",
                   "kind": "huyen", "parent_id": province["id"], "valid_from": "2030-01-01"})
        })
        .collect();
    let got = statuses(&app, "/api/v1/units", bodies, &admin).await;
    assert_eq!(tally(&got), (RACERS, 0), "{got:?}");
    let verify = app.get("/api/v1/audit-events/verify", Some(&admin)).await;
    verify.expect(200);
    assert_eq!(verify.json()["valid"], true, "{}", verify.text());
}

async fn concurrent_edits_with_one_if_match_lose_no_update(app: TestApp) {
    let admin = app.admin().await;
    let unit = app.unit_named("Thôn Khe Tâm").await;
    let path = format!("/api/v1/units/{}", unit["id"]);
    let etag = app.get(&path, None).await.header("etag").unwrap();
    let edits = (0..RACERS).map(|i| {
        let req = app
            .request(Method::PATCH, &path, Some(&admin))
            .insert_header(("Content-Type", "application/json"))
            .insert_header(("If-Match", etag.as_str()));
        let body = json!({"name": format!("Thôn Khe Tâm {i}")});
        app.send(req, serde_json::to_vec(&body).unwrap())
    });
    let got: Vec<u16> = join_all(edits).await.iter().map(|r| r.status).collect();
    let winners: Vec<usize> = (0..RACERS).filter(|i| got[*i] == 200).collect();
    let stale = got.iter().filter(|s| **s == 412).count();
    assert_eq!((winners.len(), stale), (1, RACERS - 1), "{got:?}");
    let now = app.get(&path, None).await;
    assert_eq!(now.json()["name"], format!("Thôn Khe Tâm {}", winners[0]));
    assert_ne!(now.header("etag").unwrap(), etag);
}

both!(
    concurrent_edits_with_one_if_match_lose_no_update,
    concurrent_appointments_to_one_post_leave_one_holder,
    concurrent_units_with_one_code_create_one,
    concurrent_writes_keep_the_audit_chain_whole,
);
