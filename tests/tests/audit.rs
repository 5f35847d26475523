//! The audit trail: who did what, readable by admins and auditors, and tamper-evident.

use dantin_tests::{both, json, TestApp};
use serde_json::Value;

async fn all_events(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/audit-events?limit=500&{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let res = app.get(&path, Some(token)).await;
        res.expect(200);
        let body = res.json();
        out.extend(body["items"].as_array().unwrap().iter().cloned());
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return out,
        }
    }
}

async fn writes_are_listed_for_auditors_only(app: TestApp) {
    let admin = app.admin().await;
    let nam_son = app.unit_named("Xã Nam Sơn").await;
    let unit = app
        .create_unit(
            &admin,
            json!({"name": "Thôn Kiểm Toán", "level": "village", "kind": "thon", "parent_id": nam_son["id"], "valid_from": "2020-01-01"}),
        )
        .await;

    let auditor = app.auditor().await;
    let events = all_events(&app, &auditor, "").await;
    // 196 demo events (`tests/tests/demo.rs` counts them), and the unit just created.
    assert_eq!(events.len(), 197, "{events:?}");
    let mine = events
        .iter()
        .find(|e| e["actor"] == "admin")
        .expect("the admin's write is in the trail");
    assert_eq!(mine["action"], "unit.create");
    assert_eq!(mine["entity_type"], "unit");
    assert_eq!(mine["entity_id"], unit["id"]);
    assert_eq!(mine["before"], Value::Null);
    assert_eq!(mine["after"]["name"], "Thôn Kiểm Toán");
    assert!(mine["hash"].as_str().is_some_and(|h| !h.is_empty()));

    let by_actor = all_events(&app, &auditor, "actor=admin").await;
    assert_eq!(by_actor.len(), 1);

    let officer = app.officer().await;
    app.get("/api/v1/audit-events", Some(&officer))
        .await
        .expect_problem(403, "forbidden");
    app.get("/api/v1/audit-events/verify", Some(&officer))
        .await
        .expect_problem(403, "forbidden");
    app.get("/api/v1/audit-events", None)
        .await
        .expect_problem(401, "unauthorized");
    app.get("/api/v1/audit-events", Some(&admin))
        .await
        .expect(200);
}

async fn verify_finds_a_tampered_event(app: TestApp) {
    let admin = app.admin().await;
    let auditor = app.auditor().await;
    let nam_son = app.unit_named("Xã Nam Sơn").await;
    app.create_unit(
        &admin,
        json!({"name": "Thôn Chuỗi", "level": "village", "kind": "thon", "parent_id": nam_son["id"], "valid_from": "2020-01-01"}),
    )
    .await;

    let res = app.get("/api/v1/audit-events/verify", Some(&auditor)).await;
    res.expect(200);
    let body = res.json();
    assert_eq!(body["valid"], true, "{body}");
    assert_eq!(body["checked"], 197, "{body}");
    assert_eq!(body["first_broken_id"], Value::Null, "{body}");

    let changed = app.sql("UPDATE audit_events SET after_json = '{}' WHERE id = 2");
    assert_eq!(changed, 1);

    let res = app.get("/api/v1/audit-events/verify", Some(&auditor)).await;
    res.expect(200);
    let body = res.json();
    assert_eq!(body["valid"], false, "{body}");
    assert_eq!(body["first_broken_id"], 2, "{body}");
}

both!(
    writes_are_listed_for_auditors_only,
    verify_finds_a_tampered_event,
);
