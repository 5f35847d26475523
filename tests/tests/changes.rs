//! The change feed as an integrator follows it: each write's changes in order with the
//! entity as it now stands, by area and by kind, page after page through `after`; a
//! reorganisation's moves and ends; a long poll woken by a write on another instance;
//! bad parameters refused.

use dantin_tests::map::{apply, small_map, DAY};
use dantin_tests::personal_data::assert_nothing_personal;
use dantin_tests::world::{id_of, world, A, B};
use dantin_tests::{both, json, Resp, TestApp};
use serde_json::Value;

/// The feed's page at `query`, asserting 200.
async fn feed(app: &TestApp, query: &str) -> Value {
    let res = app.get(&format!("/api/v1/changes?{query}"), None).await;
    res.expect(200);
    res.json()
}

/// Where the feed ends now.
async fn end_of_feed(app: &TestApp) -> i64 {
    let mut after = 0;
    loop {
        let page = feed(app, &format!("after={after}&limit=500")).await;
        let next = page["next_after"].as_i64().unwrap();
        if next == after {
            return after;
        }
        after = next;
    }
}

/// The changes after `after`, as (type, entity id).
async fn kinds_after(app: &TestApp, after: i64, query: &str) -> Vec<(String, i64)> {
    feed(app, &format!("after={after}&{query}")).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["type"].as_str().unwrap().to_owned(),
                c["entity"]["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().unwrap()
}

async fn an_election_and_a_congress_show_as_they_happen(app: TestApp) {
    let w = world(&app).await;
    // The world's own units, each once, created.
    let created: Vec<i64> = items(&feed(&app, "types=unit.created&limit=500").await)
        .iter()
        .map(|c| c["entity"]["id"].as_i64().unwrap())
        .collect();
    for unit in [w.commune, w.village(A), w.village(B)] {
        assert_eq!(created.iter().filter(|u| **u == unit).count(), 1, "{unit}");
    }
    let start = end_of_feed(&app).await;

    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    let election = w.elect_head(&app, A, "2030-01-06", a).await;
    assert_eq!(
        kinds_after(&app, start, "").await,
        [("head_election.recorded".to_owned(), election)]
    );
    w.recognise(&app, election, "2030-01-08").await;
    let tenure = id_of(&w.head_tenure(&app, A, "2030-01-09").await);
    assert_eq!(
        kinds_after(&app, start, "").await,
        [
            ("head_election.recorded".to_owned(), election),
            ("head_election.recognized".to_owned(), election),
            ("tenure.started".to_owned(), tenure),
        ]
    );

    let page = feed(&app, &format!("after={start}")).await;
    let started = &items(&page)[2];
    assert_eq!(started["unit_id"], w.village(A));
    assert_eq!(started["entity"], json!({"type": "tenure", "id": tenure}));
    assert_eq!(
        started["data"]["person"],
        json!({"id": a, "name": "Nguyễn Văn An"})
    );
    assert_eq!(started["data"]["post"], "village_head");
    assert_eq!(started["data"]["starts_on"], "2030-01-08");
    assert_eq!(started["data"]["ends_on"], Value::Null);
    let recognized = &items(&page)[1]["data"];
    assert_eq!(recognized["winner"]["name"], "Nguyễn Văn An");
    assert_eq!(recognized["recognized_on"], "2030-01-08");
    assert_nothing_personal("the feed", &page.to_string(), &["1980-02-01".to_owned()]);
    // The change's write, in the audit trail.
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity_type=head_election&entity_id={election}"),
            Some(&w.admin),
        )
        .await;
    let events = trail.expect(200).json();
    let ids: Vec<&Value> = items(&events).iter().map(|e| &e["id"]).collect();
    assert!(ids.contains(&&started["audit_event_id"]), "{events}");

    // The secretary: the congress, its approval and the tenure it starts.
    let congress = w.elect_secretary(&app, A, "2030-01-10", a).await;
    w.approve(&app, congress, "2030-01-12").await;
    let after_head = items(&page)[2]["id"].as_i64().unwrap();
    let kinds = kinds_after(&app, after_head, "").await;
    let names: Vec<&str> = kinds.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        ["congress.recorded", "congress.approved", "tenure.started"]
    );

    // The tenure ended.
    app.post_json(
        &format!("/api/v1/appointments/{tenure}/end"),
        &json!({"ends_on": "2030-06-01", "reason": "removal",
               "recognition": {"asked_on": "2030-05-27", "decision": "Quyết định 31/QĐ-UBND", "decided_on": "2030-05-29"}}),
        Some(&w.admin),
    )
    .await
    .expect(200);
    let ended = feed(&app, &format!("after={start}&types=tenure.ended")).await;
    assert_eq!(items(&ended).len(), 1, "{ended}");
    assert_eq!(items(&ended)[0]["data"]["ends_on"], "2030-06-01");
    assert_eq!(items(&ended)[0]["data"]["end_reason"], "removal");

    // By area: village B has seen nothing since; the commune has seen all of it.
    let b = feed(&app, &format!("after={start}&unit={}", w.village(B))).await;
    assert_eq!(items(&b).len(), 0, "{b}");
    let commune = feed(&app, &format!("after={start}&unit={}", w.commune)).await;
    assert_eq!(items(&commune).len(), 7, "{commune}");
}

async fn pages_follow_one_another_through_after(app: TestApp) {
    world(&app).await;
    let whole = feed(&app, "limit=500").await;
    let all: Vec<i64> = items(&whole)
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert!(all.len() > 3, "{whole}");
    assert!(all.windows(2).all(|p| p[0] < p[1]), "oldest first: {all:?}");

    let mut path = "/api/v1/changes?limit=2".to_owned();
    let mut seen = Vec::new();
    loop {
        let res = app.get(&path, None).await;
        res.expect(200);
        let page = res.json();
        let link = res.header("link").expect("a Link to read on");
        let next = page["next_after"].as_i64().unwrap();
        assert_eq!(
            link,
            format!("</api/v1/changes?limit=2&after={next}>; rel=\"next\"")
        );
        if items(&page).is_empty() {
            break;
        }
        seen.extend(items(&page).iter().map(|c| c["id"].as_i64().unwrap()));
        path = link[1..link.find('>').unwrap()].to_owned();
    }
    assert_eq!(seen, all);
}

async fn a_reorganisation_shows_its_act_then_each_unit_it_changed(app: TestApp) {
    let admin = app.admin().await;
    small_map(&app, &admin).await;
    let start = end_of_feed(&app).await;
    apply(
        &app,
        &admin,
        json!([
            {"op": "end", "code": "C1"},
            {"op": "move", "code": "V1", "parent_code": "C9"},
            {"op": "create", "unit": {"code": "C9", "name": "Phường Hợp Nhất", "level": "commune", "parent_code": "P"}},
            {"op": "succeed", "from": "C1", "to": ["C9"]},
            {"op": "rename", "code": "C2", "name": "Xã Hai Mới"},
        ]),
    )
    .await
    .expect(201);
    let page = feed(&app, &format!("after={start}")).await;
    let by_kind =
        |kind: &str| -> Vec<&Value> { items(&page).iter().filter(|c| c["type"] == kind).collect() };
    let kinds: Vec<&str> = items(&page)
        .iter()
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds[0], "reorganization.applied", "{page}");
    assert_eq!(items(&page)[0]["unit_id"], Value::Null);
    assert_eq!(items(&page)[0]["data"]["effective_on"], DAY);

    let created = by_kind("unit.created");
    assert_eq!(created.len(), 1, "{page}");
    assert_eq!(created[0]["data"]["name"], "Phường Hợp Nhất");
    let c9 = created[0]["entity"]["id"].clone();
    let moved = by_kind("unit.moved");
    assert_eq!(moved.len(), 1, "{page}");
    assert_eq!(moved[0]["data"]["code"], "V1");
    assert_eq!(moved[0]["data"]["parent_id"], c9);
    assert_eq!(moved[0]["data"]["since"], DAY);
    let renamed = by_kind("unit.renamed");
    assert_eq!(renamed.len(), 1, "{page}");
    assert_eq!(renamed[0]["data"]["name"], "Xã Hai Mới");
    let ended = by_kind("unit.ended");
    assert_eq!(ended.len(), 1, "{page}");
    assert_eq!(ended[0]["data"]["code"], "C1");
    assert_eq!(ended[0]["data"]["valid_to"], DAY);
    assert_eq!(items(&page).len(), 5, "nothing else: {page}");
}

/// A reader waiting on one instance is answered by a write on another.
async fn a_waiting_reader_gets_the_next_change(app: TestApp) {
    let w = world(&app).await;
    let b = w
        .person(&app, "Trần Văn Bình", "1981-03-02", B, "official")
        .await;
    let start = end_of_feed(&app).await;
    let other = app.beside();
    let empty = feed(&other, &format!("after={start}&wait=1")).await;
    assert_eq!(empty, json!({"items": [], "next_after": start}));

    let path = format!("/api/v1/changes?after={start}&wait=30");
    let waiting = other.get(&path, None);
    let write = async {
        actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
        w.elect_head(&app, B, "2030-01-06", b).await
    };
    let (res, _): (Resp, i64) = futures_util::future::join(waiting, write).await;
    let page = res.expect(200).json();
    assert_eq!(items(&page)[0]["type"], "head_election.recorded", "{page}");
}

async fn bad_parameters_are_refused(app: TestApp) {
    for query in [
        "types=unit.exploded",
        "types=unit.created,",
        "limit=0",
        "limit=501",
        "after=-1",
        "wait=31",
        "after=x",
        "after=99999999",
    ] {
        let res = app.get(&format!("/api/v1/changes?{query}"), None).await;
        res.expect_problem(400, "invalid_parameter");
    }
    app.get("/api/v1/changes?unit=987654", None)
        .await
        .expect_problem(404, "not_found");
}

both!(
    an_election_and_a_congress_show_as_they_happen,
    pages_follow_one_another_through_after,
    a_reorganisation_shows_its_act_then_each_unit_it_changed,
    a_waiting_reader_gets_the_next_change,
    bad_parameters_are_refused,
);
