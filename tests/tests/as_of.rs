//! The demo's 2020 term read as of a day: the head elections and congresses held by then,
//! each with only the decisions taken by then (elections on 5/1/2020, recognised on 8/1;
//! congresses on 18-19/1, approved on 31/1).

use dantin_tests::world::id_of;
use dantin_tests::{both, TestApp};
use serde_json::Value;

async fn items(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let page = app.get(path, Some(token)).await.expect(200).json();
    page["items"].as_array().unwrap().clone()
}

async fn elections_and_congresses_as_of_a_day(app: TestApp) {
    let admin = app.admin().await;
    let khe_tam = id_of(&app.unit_named("Thôn Khe Tâm").await);
    let elections = |on: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let path = format!("/api/v1/head-elections?village={khe_tam}&on={on}");
            items(app, admin, &path).await
        }
    };
    assert_eq!(elections("2020-01-04").await, Vec::<Value>::new());
    let before = elections("2020-01-07").await;
    assert_eq!(before.len(), 1);
    assert_eq!(before[0]["recognition"], Value::Null, "{before:?}");
    let after = elections("2020-01-08").await;
    assert_eq!(
        after[0]["recognition"]["decided_on"], "2020-01-08",
        "{after:?}"
    );

    let cells = items(&app, &admin, &format!("/api/v1/party-orgs?unit={khe_tam}")).await;
    let cell = id_of(&cells[0]);
    let congresses = |on: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let path = format!("/api/v1/congresses?cell={cell}&on={on}");
            items(app, admin, &path).await
        }
    };
    assert_eq!(congresses("2020-01-18").await, Vec::<Value>::new());
    let held = congresses("2020-01-20").await;
    assert_eq!(held[0]["approval"], Value::Null, "{held:?}");
    let approved = congresses("2020-01-31").await;
    assert_eq!(
        approved[0]["approval"]["decided_on"], "2020-01-31",
        "{approved:?}"
    );
}

both!(elections_and_congresses_as_of_a_day);
