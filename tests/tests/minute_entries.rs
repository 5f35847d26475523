//! Minutes typed twice (rule 23): in a province whose rules ask for it, a head election or
//! a congress counts only once two accounts typed equal entries, or a coordinator settled
//! the entries that differ; the single-entry path is refused there.

use dantin_tests::world::{assert_refused, id_of, world, World, A, B};
use dantin_tests::{both, Resp, TestApp};
use dantin_usecases::accounts::{self, NewAccount};
use dantin_usecases::Caller;
use serde_json::{json, Value};

const COORDINATOR: (&str, &str) = ("dieuphoi", "dieu-phoi-vien");

/// Asks for double entry in the world's province.
async fn double_entry(app: &TestApp, w: &World) {
    let path = format!("/api/v1/rule-sets/{}", w.province);
    let mut rules = app.get(&path, Some(&w.admin)).await.expect(200).json()["rules"].clone();
    assert_eq!(rules["double_entry"], false, "single entry until asked");
    rules["double_entry"] = json!(true);
    app.put_json(&path, &rules, Some(&w.admin))
        .await
        .expect(200);
}

/// An officer of huyện Ba Chẽ granted the coordinator capability, signed in.
async fn coordinator(app: &TestApp, w: &World) -> String {
    let district = app
        .get(&format!("/api/v1/units/{}", w.district), None)
        .await
        .expect(200)
        .json();
    let code = district["code"].as_str().expect("a code").to_owned();
    let new = NewAccount {
        username: COORDINATOR.0.to_owned(),
        password_hash: dantin_api::auth::hash_password(COORDINATOR.1),
        role: dantin_domain::access::Role::Officer,
        coordinator: true,
    };
    accounts::create(&app.store(), &Caller::system("test"), new, Some(&code))
        .expect("the coordinator's account");
    app.token(COORDINATOR.0, COORDINATOR.1).await
}

fn head_minute(w: &World, present: u32, votes: u32, head: i64) -> Value {
    json!({"head_election": {
        "village_id": w.village(A), "term_id": w.term, "held_on": "2030-01-06",
        "households_total": 100, "households_present": present, "method": "secret_ballot",
        "candidates": [{"person_id": head, "votes": votes}]
    }})
}

async fn first(app: &TestApp, token: &str, minute: Value) -> Resp {
    app.post_json(
        "/api/v1/minute-entries",
        &json!({ "minute": minute }),
        Some(token),
    )
    .await
}

async fn second(app: &TestApp, token: &str, id: i64, minute: Value) -> Resp {
    app.post_json(
        &format!("/api/v1/minute-entries/{id}/second"),
        &json!({ "minute": minute }),
        Some(token),
    )
    .await
}

async fn elections_of_a(app: &TestApp, w: &World) -> Vec<Value> {
    w.head_elections_of(app, A).await
}

async fn two_equal_entries_become_definitive(app: TestApp) {
    let w = world(&app).await;
    double_entry(&app, &w).await;
    let head = w
        .person(&app, "Nguyễn Văn An", "1980-01-01", A, "official")
        .await;
    // Where double entry is asked for, a result is never typed once.
    let once = w
        .head_election(&app, A, "2030-01-06", (100, 80), &[(head, 70)], &[])
        .await;
    assert_refused(&once, "double_entry_required");

    let officer = app.officer().await;
    let res = first(&app, &officer, head_minute(&w, 80, 70, head)).await;
    let entry = res.expect(201).json();
    assert_eq!(entry["state"], "first_entered");
    assert_eq!(entry["first"]["by"], "officer");
    assert_eq!(entry["head_election_id"], Value::Null);
    let id = id_of(&entry);
    assert!(
        elections_of_a(&app, &w).await.is_empty(),
        "nothing counts yet"
    );

    // The same account cannot type the second entry.
    let again = second(&app, &officer, id, head_minute(&w, 80, 70, head)).await;
    assert_refused(&again, "second_entry_by_another");

    let res = second(&app, &w.admin, id, head_minute(&w, 80, 70, head)).await;
    let entry = res.expect(200).json();
    assert_eq!(entry["state"], "definitive");
    assert_eq!(entry["differences"], json!([]));
    let election = entry["head_election_id"].as_i64().expect("its election");
    let recorded = elections_of_a(&app, &w).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["id"], election);
    assert_eq!(recorded[0]["winner_person_id"], head);
    // A definitive result is recognised as any other.
    w.recognise(&app, election, "2030-01-08").await;

    // Nothing follows a definitive minute.
    let late = second(&app, &officer, id, head_minute(&w, 80, 70, head)).await;
    late.expect_problem(409, "entry_state");

    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity_type=minute_entry&entity_id={id}"),
            Some(&w.admin),
        )
        .await
        .expect(200)
        .json();
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(actions, ["minute_entry.first", "minute_entry.second"]);
}

async fn different_entries_wait_for_the_coordinator(app: TestApp) {
    let w = world(&app).await;
    double_entry(&app, &w).await;
    let head = w
        .person(&app, "Nguyễn Văn An", "1980-01-01", A, "official")
        .await;
    let officer = app.officer().await;
    let id = id_of(
        &first(&app, &officer, head_minute(&w, 80, 70, head))
            .await
            .expect(201)
            .json(),
    );
    let res = second(&app, &w.admin, id, head_minute(&w, 86, 76, head)).await;
    let entry = res.expect(200).json();
    assert_eq!(entry["state"], "different");
    assert_eq!(
        entry["differences"],
        json!(["candidates[0].votes", "households_present"])
    );
    assert!(
        elections_of_a(&app, &w).await.is_empty(),
        "nothing counts yet"
    );
    let listed = app
        .get("/api/v1/minute-entries?state=different", Some(&officer))
        .await
        .expect(200)
        .json();
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(1));

    // An officer without the capability does not settle them.
    let path = format!("/api/v1/minute-entries/{id}/resolution");
    app.post_json(&path, &json!({"resolution": "keep_first"}), Some(&officer))
        .await
        .expect_problem(403, "forbidden");
    // A correction comes with its entry.
    let coordinator = coordinator(&app, &w).await;
    let bare = app
        .post_json(&path, &json!({"resolution": "correct"}), Some(&coordinator))
        .await;
    assert_refused(&bare, "resolution_correction");

    // The coordinator reads the paper: 83 present, 73 votes.
    let correction =
        json!({"resolution": "correct", "correction": {"minute": head_minute(&w, 83, 73, head)}});
    let res = app.post_json(&path, &correction, Some(&coordinator)).await;
    let entry = res.expect(200).json();
    assert_eq!(entry["state"], "definitive");
    assert_eq!(entry["resolution"], "correct");
    assert_eq!(entry["resolved_by"], COORDINATOR.0);
    let recorded = elections_of_a(&app, &w).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["id"], entry["head_election_id"]);
    assert_eq!(recorded[0]["households_present"], 83);
    assert_eq!(recorded[0]["candidates"][0]["votes"], 73);

    // Settled once.
    app.post_json(
        &path,
        &json!({"resolution": "keep_first"}),
        Some(&coordinator),
    )
    .await
    .expect_problem(409, "entry_state");
}

async fn errors_refuse_an_entry_and_warnings_are_acknowledged(app: TestApp) {
    let w = world(&app).await;
    let head = w
        .person(&app, "Nguyễn Văn An", "1980-01-01", A, "official")
        .await;
    // More present than households: an error, nothing kept.
    let res = first(&app, &w.admin, head_minute(&w, 120, 70, head)).await;
    assert_refused(&res, "present_within_total");
    // Everyone present: a warning to acknowledge.
    let res = first(&app, &w.admin, head_minute(&w, 100, 70, head)).await;
    assert_refused(&res, "entry_warnings_acknowledged");
    let body = json!({"minute": head_minute(&w, 100, 70, head), "acknowledged": ["full_turnout"]});
    let res = app
        .post_json("/api/v1/minute-entries", &body, Some(&w.admin))
        .await;
    let id = id_of(&res.expect(201).json());
    // Beside the demo's settled minute, this one waits for its second entry.
    let waiting = app
        .get("/api/v1/minute-entries?state=first_entered", Some(&w.admin))
        .await
        .expect(200)
        .json();
    assert_eq!(waiting["items"][0]["id"], id);
    assert_eq!(waiting["items"].as_array().map(Vec::len), Some(1));

    // A second entry of another village's minute is refused.
    let elsewhere = json!({"head_election": {
        "village_id": w.village(B), "term_id": w.term, "held_on": "2030-01-06",
        "households_total": 100, "households_present": 80, "method": "secret_ballot",
        "candidates": [{"person_id": head, "votes": 70}]
    }});
    // The second entry is typed blind: the officer sees who typed the first, not what.
    let officer = app.officer().await;
    let seen = app
        .get(&format!("/api/v1/minute-entries/{id}"), Some(&officer))
        .await
        .expect(200)
        .json();
    assert_eq!(seen["first"]["by"], "admin");
    assert_eq!(seen["first"]["minute"], Value::Null);
    assert_refused(
        &second(&app, &officer, id, elsewhere).await,
        "entry_same_record",
    );
    // Only entries that differ are settled; discarded ones count for nothing.
    let path = format!("/api/v1/minute-entries/{id}/resolution");
    app.post_json(
        &path,
        &json!({"resolution": "discard_both"}),
        Some(&w.admin),
    )
    .await
    .expect_problem(409, "entry_state");
    let body = json!({"minute": head_minute(&w, 100, 60, head), "acknowledged": ["full_turnout"]});
    let res = app
        .post_json(
            &format!("/api/v1/minute-entries/{id}/second"),
            &body,
            Some(&officer),
        )
        .await;
    assert_eq!(res.expect(200).json()["state"], "different");
    let res = app
        .post_json(
            &path,
            &json!({"resolution": "discard_both"}),
            Some(&w.admin),
        )
        .await;
    let entry = res.expect(200).json();
    assert_eq!(entry["state"], "discarded");
    assert_eq!(entry["head_election_id"], Value::Null);
    assert!(elections_of_a(&app, &w).await.is_empty());
}

async fn a_congress_typed_twice_is_recorded_once_equal(app: TestApp) {
    let w = world(&app).await;
    double_entry(&app, &w).await;
    let head = w
        .person(&app, "Nguyễn Văn An", "1980-01-01", A, "official")
        .await;
    let officer = app.officer().await;
    let id = id_of(
        &first(&app, &officer, head_minute(&w, 80, 70, head))
            .await
            .expect(201)
            .json(),
    );
    let election = second(&app, &w.admin, id, head_minute(&w, 80, 70, head))
        .await
        .expect(200)
        .json()["head_election_id"]
        .clone();
    w.recognise(&app, election.as_i64().unwrap(), "2030-01-08")
        .await;

    let single = w
        .congress(&app, A, "2030-01-20", (7, 6), &[(head, 5)], None)
        .await;
    assert_refused(&single, "double_entry_required");
    let minute = json!({"congress": {
        "cell_id": w.cell(A), "term_id": w.term, "held_on": "2030-01-20",
        "members_summoned": 7, "members_present": 6,
        "candidates": [{"person_id": head, "votes": 5}]
    }});
    let mut nowhere = minute.clone();
    nowhere["congress"]["cell_id"] = json!(999_999);
    assert_refused(
        &first(&app, &officer, nowhere).await,
        "congress_cell_exists",
    );
    let entry = first(&app, &officer, minute.clone())
        .await
        .expect(201)
        .json();
    assert_eq!(entry["kind"], "congress");
    let entry = second(&app, &w.admin, id_of(&entry), minute)
        .await
        .expect(200)
        .json();
    assert_eq!(entry["state"], "definitive");
    let congress = entry["congress_id"].as_i64().expect("its congress");
    let recorded = app
        .get(&format!("/api/v1/congresses/{congress}"), Some(&w.admin))
        .await
        .expect(200)
        .json();
    assert_eq!(recorded["winner_person_id"], head);
}

both!(
    two_equal_entries_become_definitive,
    different_entries_wait_for_the_coordinator,
    errors_refuse_an_entry_and_warnings_are_acknowledged,
    a_congress_typed_twice_is_recorded_once_equal,
);
