//! Head elections, cell congresses, tenures and the unified status they add up to, as a
//! user drives them through the API: a fresh commune of five villages under a fresh
//! unified-model term of Quảng Ninh (2030-2032), so the demo's own term stays out of it.

use dantin_tests::world::{assert_refused, id_of, world, A, B, C, D, E};
use dantin_tests::{both, json, Resp, TestApp};
use serde_json::Value;

#[track_caller]
fn assert_status(s: &Value, unified: bool, pending: bool, reason: Option<&str>) {
    assert_eq!(s["unified"], unified, "{s}");
    assert_eq!(s["pending_approval"], pending, "{s}");
    match reason {
        Some(r) => assert_eq!(s["reason"], r, "{s}"),
        None => assert_eq!(s["reason"], Value::Null, "{s}"),
    }
}

async fn a_commune_of_five_villages_through_a_whole_term(app: TestApp) {
    let w = world(&app).await;
    let a_head = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    let b_head = w
        .person(&app, "Trần Văn Bình", "1985-03-02", B, "probationary")
        .await;
    let c_head = w
        .person(&app, "Lê Văn Cường", "1978-04-03", C, "official")
        .await;
    let d_head = w
        .person(&app, "Phạm Văn Dũng", "1975-05-04", D, "official")
        .await;
    let d_other = w
        .person(&app, "Hoàng Văn Đức", "1970-06-05", D, "official")
        .await;

    // A: the head is elected and recognised, then the congress elects the same person.
    let ea = w.elect_head(&app, A, "2030-01-06", a_head).await;
    let recognised = w.recognise(&app, ea, "2030-01-08").await;
    assert_eq!(recognised["recognition"]["decided_on"], "2030-01-08");
    assert_eq!(recognised["recognition"]["warning"], Value::Null);
    let s = w.status(&app, A, "2030-01-10").await;
    assert_status(&s, false, false, Some("no_secretary"));
    assert_eq!(s["head_person_id"], a_head);
    let res = w
        .congress(&app, A, "2030-01-20", (7, 7), &[(a_head, 7)], None)
        .await;
    res.expect(201);
    let ka = res.json();
    assert_eq!(ka["outcome"], "elected", "{ka}");
    assert_eq!(ka["winner_person_id"], a_head);
    // Between the congress and the approval: unified, approval pending.
    let s = w.status(&app, A, "2030-01-25").await;
    assert_status(&s, true, true, None);
    assert_eq!(s["secretary_person_id"], a_head);
    let approved = w.approve(&app, id_of(&ka), "2030-01-30").await;
    assert_eq!(approved["approval"]["decided_on"], "2030-01-30");
    let s = w.status(&app, A, "2030-02-05").await;
    assert_status(&s, true, false, None);
    assert_eq!(s["head_person_id"], a_head);
    assert_eq!(s["secretary_person_id"], a_head);
    assert_eq!(s["cell_id"], w.cell(A));

    // B: a probationary head; the congress may not elect them.
    let eb = w.elect_head(&app, B, "2030-01-06", b_head).await;
    w.recognise(&app, eb, "2030-01-08").await;
    let res = w
        .congress(&app, B, "2030-01-20", (6, 6), &[(b_head, 6)], None)
        .await;
    assert_refused(&res, "congress_official_members_only");
    let s = w.status(&app, B, "2030-02-05").await;
    assert_status(&s, false, false, Some("head_probationary"));
    assert_eq!(s["head_person_id"], b_head);

    // C: exactly half of the households present is no quorum; the re-run elects, and
    // both meetings are kept.
    let res = w
        .head_election(&app, C, "2030-01-06", (120, 60), &[(c_head, 60)], &[])
        .await;
    res.expect(201);
    let first = res.json();
    assert_eq!(first["outcome"], "no_quorum", "{first}");
    assert_eq!(first["winner_person_id"], Value::Null);
    assert_eq!(first["arithmetic"]["present_needed"], 61, "{first}");
    let s = w.status(&app, C, "2030-02-05").await;
    assert_status(&s, false, false, Some("no_head"));
    let res = w
        .head_election(&app, C, "2030-03-03", (120, 90), &[(c_head, 80)], &[])
        .await;
    res.expect(201);
    let rerun = res.json();
    assert_eq!(rerun["outcome"], "elected", "{rerun}");
    assert_eq!(rerun["winner_person_id"], c_head);
    let history = w.head_elections_of(&app, C).await;
    let outcomes: Vec<&Value> = history.iter().map(|e| &e["outcome"]).collect();
    assert_eq!(outcomes, [&json!("no_quorum"), &json!("elected")]);
    assert_eq!(history[0]["id"], first["id"]);
    assert_eq!(history[1]["id"], rerun["id"]);

    // D: the congress chooses another official member.
    let ed = w.elect_head(&app, D, "2030-01-06", d_head).await;
    w.recognise(&app, ed, "2030-01-08").await;
    let res = w
        .congress(
            &app,
            D,
            "2030-01-20",
            (8, 8),
            &[(d_other, 5), (d_head, 3)],
            None,
        )
        .await;
    res.expect(201);
    let kd = res.json();
    assert_eq!(kd["outcome"], "elected", "{kd}");
    assert_eq!(kd["winner_person_id"], d_other);
    w.approve(&app, id_of(&kd), "2030-01-30").await;
    let s = w.status(&app, D, "2030-02-05").await;
    assert_status(&s, false, false, Some("congress_chose_another"));
    assert_eq!(s["head_person_id"], d_head);
    assert_eq!(s["secretary_person_id"], d_other);

    // E: nothing held.
    let s = w.status(&app, E, "2030-02-05").await;
    assert_status(&s, false, false, Some("no_head"));
    assert_eq!(s["head_person_id"], Value::Null);
    assert_eq!(s["secretary_person_id"], Value::Null);
    assert_eq!(s["cell_id"], w.cell(E));
}

async fn head_election_boundaries(app: TestApp) {
    let w = world(&app).await;
    let day = "2030-03-10";
    // Turns 21 on the election day, and one who turns 21 the day after.
    let of_age = w.person(&app, "Vừa Đủ Tuổi", "2009-03-10", A, "none").await;
    let a_day_short = w
        .person(&app, "Thiếu Một Ngày", "2009-03-11", A, "none")
        .await;
    let elder = w
        .person(&app, "Người Cao Tuổi", "1960-01-01", A, "none")
        .await;
    let neighbour = w
        .person(&app, "Người Thôn Khác", "1970-01-01", B, "none")
        .await;
    let teller = w.person(&app, "Tổ Bầu Cử", "1972-01-01", A, "none").await;

    let res = w
        .head_election(&app, A, day, (100, 80), &[(of_age, 60)], &[])
        .await;
    res.expect(201);
    let body = res.json();
    assert_eq!(body["outcome"], "elected", "{body}");
    assert_eq!(body["winner_person_id"], of_age);
    let age_check = body["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "candidate_min_age")
        .unwrap_or_else(|| panic!("the age check is reported: {body}"))
        .clone();
    assert_eq!(age_check["passed"], true);

    let res = w
        .head_election(&app, A, day, (100, 80), &[(a_day_short, 60)], &[])
        .await;
    assert_refused(&res, "candidate_min_age");

    let res = w
        .head_election(&app, A, day, (100, 60), &[(elder, 40), (teller, 21)], &[])
        .await;
    assert_refused(&res, "votes_within_present");

    let res = w
        .head_election(&app, A, day, (100, 101), &[(elder, 60)], &[])
        .await;
    assert_refused(&res, "present_within_total");

    let res = w
        .head_election(&app, A, day, (100, 80), &[(elder, 30), (elder, 30)], &[])
        .await;
    assert_refused(&res, "candidate_unique");

    let res = w
        .head_election(&app, A, day, (100, 80), &[(neighbour, 60)], &[])
        .await;
    assert_refused(&res, "candidate_residence");

    let res = w
        .head_election(&app, A, day, (100, 80), &[(teller, 60)], &[teller])
        .await;
    assert_refused(&res, "candidate_not_on_election_team");

    // Exactly half of all households, with more than half present: no winner.
    let res = w
        .head_election(&app, A, day, (100, 80), &[(elder, 50), (teller, 30)], &[])
        .await;
    res.expect(201);
    let body = res.json();
    assert_eq!(body["outcome"], "no_winner", "{body}");
    assert_eq!(body["winner_person_id"], Value::Null);
    assert_eq!(body["arithmetic"]["votes_needed"], 51, "{body}");
    assert_eq!(body["arithmetic"]["majority_base"], 100, "{body}");

    // Only the two meetings that were accepted are stored.
    let stored = w.head_elections_of(&app, A).await;
    let outcomes: Vec<&Value> = stored.iter().map(|e| &e["outcome"]).collect();
    assert_eq!(outcomes, [&json!("elected"), &json!("no_winner")]);
}

async fn congress_order_and_committee(app: TestApp) {
    let w = world(&app).await;
    let a_head = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    let b_head = w
        .person(&app, "Trần Văn Bình", "1981-02-01", B, "official")
        .await;
    w.elect_head(&app, A, "2030-01-10", a_head).await;

    let res = w
        .congress(&app, A, "2030-01-09", (7, 7), &[(a_head, 7)], None)
        .await;
    assert_refused(&res, "head_election_before_congress");
    let res = w
        .congress(&app, A, "2030-01-10", (7, 7), &[(a_head, 7)], None)
        .await;
    res.expect(201);
    assert_eq!(res.json()["outcome"], "elected", "{}", res.text());

    // Nine official members: a committee first.
    w.elect_head(&app, B, "2030-01-10", b_head).await;
    let res = w
        .congress(&app, B, "2030-01-15", (9, 9), &[(b_head, 9)], None)
        .await;
    assert_refused(&res, "cell_committee_required");
    let res = w
        .congress(
            &app,
            B,
            "2030-01-15",
            (9, 9),
            &[(b_head, 9)],
            Some(&[b_head]),
        )
        .await;
    res.expect(201);
    let body = res.json();
    assert_eq!(body["outcome"], "elected", "{body}");
    assert_eq!(body["winner_person_id"], b_head);
    assert_eq!(body["committee"], json!([b_head]));
}

async fn one_holder_per_post_and_interim(app: TestApp) {
    let w = world(&app).await;
    let head = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    let stand_in = w
        .person(&app, "Trần Văn Tạm", "1982-02-01", A, "none")
        .await;
    let e = w.elect_head(&app, A, "2030-01-06", head).await;
    w.recognise(&app, e, "2030-01-08").await;
    let tenure = w.head_tenure(&app, A, "2030-02-01").await;
    assert_eq!(tenure["person_id"], head);
    assert_eq!(tenure["basis"], "election");
    assert_eq!(tenure["starts_on"], "2030-01-08");
    assert_eq!(tenure["head_election_id"], e);

    let interim = json!({
        "post": "village_head", "person_id": stand_in, "unit_id": w.village(A),
        "starts_on": "2030-06-01", "basis": "interim", "decision": "Quyết định 45/QĐ-UBND"
    });
    app.post_json("/api/v1/appointments", &interim, Some(&w.admin))
        .await
        .expect_problem(409, "one_holder_per_post");

    let res = app
        .post_json(
            &format!("/api/v1/appointments/{}/end", id_of(&tenure)),
            &json!({"ends_on": "2030-06-01", "reason": "removal",
               "recognition": {"asked_on": "2030-05-27", "decision": "Quyết định 31/QĐ-UBND", "decided_on": "2030-05-29"}}),
            Some(&w.admin),
        )
        .await;
    res.expect(200);
    assert_eq!(res.json()["end_reason"], "removal");
    let res = app
        .post_json("/api/v1/appointments", &interim, Some(&w.admin))
        .await;
    res.expect(201);
    let stand_in_tenure = res.json();
    assert_eq!(stand_in_tenure["basis"], "interim");
    let s = w.status(&app, A, "2030-06-02").await;
    assert_status(&s, false, false, Some("interim_head"));
    assert_eq!(s["head_person_id"], stand_in);
    // After a removal, the election is due within 60 days (rule 9).
    assert_eq!(s["election_due_by"], "2030-07-31", "{s}");
    assert_eq!(s["head_vacant_since"], Value::Null, "{s}");
    // The day before, the elected head still held the post.
    let s = w.status(&app, A, "2030-05-31").await;
    assert_eq!(s["head_person_id"], head, "{s}");

    // The interim tenure ends at the term's end: nobody heads the village.
    app.post_json(
        &format!("/api/v1/appointments/{}/end", id_of(&stand_in_tenure)),
        &json!({"ends_on": "2030-09-01", "reason": "term_end"}),
        Some(&w.admin),
    )
    .await
    .expect(200);
    let s = w.status(&app, A, "2030-09-02").await;
    assert_status(&s, false, false, Some("no_head"));
    assert_eq!(s["head_vacant_since"], "2030-09-01", "{s}");
    assert_eq!(s["election_due_by"], Value::Null, "{s}");

    // B: a head removed and nobody appointed yet.
    let b_head = w
        .person(&app, "Lê Văn Bình", "1979-02-01", B, "official")
        .await;
    let eb = w.elect_head(&app, B, "2030-01-06", b_head).await;
    w.recognise(&app, eb, "2030-01-08").await;
    let tb = w.head_tenure(&app, B, "2030-02-01").await;
    app.post_json(
        &format!("/api/v1/appointments/{}/end", id_of(&tb)),
        &json!({"ends_on": "2030-06-01", "reason": "removal",
               "recognition": {"asked_on": "2030-05-27", "decision": "Quyết định 31/QĐ-UBND", "decided_on": "2030-05-29"}}),
        Some(&w.admin),
    )
    .await
    .expect(200);
    let s = w.status(&app, B, "2030-06-02").await;
    assert_status(&s, false, false, Some("head_removed"));
    assert_eq!(s["head_person_id"], Value::Null);
}

async fn eligibility_explains_each_check(app: TestApp) {
    let w = world(&app).await;
    let young_outsider = w
        .person(&app, "Trẻ Thôn Khác", "2010-01-01", B, "none")
        .await;
    let probationary = w
        .person(&app, "Đảng Viên Dự Bị", "1990-01-01", A, "probationary")
        .await;

    let res = app
        .get(
            &format!(
                "/api/v1/persons/{young_outsider}/eligibility?post=village_head&unit={}&on=2030-06-01",
                w.village(A)
            ),
            Some(&w.admin),
        )
        .await;
    res.expect(200);
    let body = res.json();
    assert_eq!(body["eligible"], false, "{body}");
    let checks = body["checks"].as_array().unwrap();
    let passed = |rule: &str| -> Value {
        let c = checks
            .iter()
            .find(|c| c["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} check: {body}"));
        assert!(c["detail"].as_str().is_some_and(|d| !d.is_empty()), "{c}");
        c["passed"].clone()
    };
    assert_eq!(passed("candidate_min_age"), false);
    assert_eq!(passed("candidate_residence"), false);
    assert_eq!(passed("candidate_holds_no_other_head_post"), true);

    let res = app
        .get(
            &format!(
                "/api/v1/persons/{probationary}/eligibility?post=cell_secretary&unit={}&on=2030-06-01",
                w.village(A)
            ),
            Some(&w.admin),
        )
        .await;
    res.expect(200);
    let body = res.json();
    assert_eq!(body["eligible"], false, "{body}");
    let official = body["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == "congress_official_members_only")
        .unwrap_or_else(|| panic!("no membership check: {body}"))
        .clone();
    assert_eq!(official["passed"], false, "{body}");
}

async fn put_rule_set(app: &TestApp, province: i64, body: &Value, token: &str) -> Resp {
    app.put_json(&format!("/api/v1/rule-sets/{province}"), body, Some(token))
        .await
}

async fn rule_sets_are_admin_configurable(app: TestApp) {
    let w = world(&app).await;
    let res = app
        .get(&format!("/api/v1/rule-sets/{}", w.province), Some(&w.admin))
        .await;
    res.expect(200);
    let body = res.json();
    assert_eq!(body["version"], 0, "{body}");
    assert_eq!(body["rules"]["head_majority_base"], "all_households");
    assert_eq!(
        body["rules"]["congress_quorum"],
        json!({"numerator": 2, "denominator": 3})
    );
    assert_eq!(body["rules"]["head_term_months"], 30);

    let winner = w
        .person(&app, "Nguyễn Văn Thắng", "1980-01-01", A, "none")
        .await;
    let runner_up = w
        .person(&app, "Trần Văn Nhì", "1981-01-01", A, "none")
        .await;
    // 41 of 80 present, of 100 households: not enough over all households.
    let res = w
        .head_election(
            &app,
            A,
            "2030-01-06",
            (100, 80),
            &[(winner, 41), (runner_up, 39)],
            &[],
        )
        .await;
    res.expect(201);
    assert_eq!(res.json()["outcome"], "no_winner", "{}", res.text());

    let mut rules = body["rules"].clone();
    rules["head_majority_base"] = json!("present");
    let res = put_rule_set(&app, w.province, &rules, &w.admin).await;
    res.expect(200);
    let changed = res.json();
    assert_eq!(changed["version"], 1, "{changed}");
    assert_eq!(changed["rules"]["head_majority_base"], "present");

    let res = w
        .head_election(
            &app,
            A,
            "2030-02-02",
            (100, 80),
            &[(winner, 41), (runner_up, 39)],
            &[],
        )
        .await;
    res.expect(201);
    let e = res.json();
    assert_eq!(e["outcome"], "elected", "{e}");
    assert_eq!(e["winner_person_id"], winner);
    assert_eq!(e["arithmetic"]["majority_base"], 80, "{e}");
    assert_eq!(e["arithmetic"]["majority_base_kind"], "present", "{e}");
    assert_eq!(e["arithmetic"]["votes_needed"], 41, "{e}");

    let officer = app.officer().await;
    put_rule_set(&app, w.province, &rules, &officer)
        .await
        .expect_problem(403, "forbidden");

    let mut bad = rules.clone();
    bad["head_term_months"] = json!(36);
    let res = put_rule_set(&app, w.province, &bad, &w.admin).await;
    assert_refused(&res, "rule_set_bounds");

    // Neither refusal changed anything.
    let res = app
        .get(&format!("/api/v1/rule-sets/{}", w.province), Some(&w.admin))
        .await;
    res.expect(200);
    let now = res.json();
    assert_eq!(now["version"], 1, "{now}");
    assert_eq!(now["rules"]["head_term_months"], 30);
}

async fn counts_beyond_any_village_are_refused_not_stored(app: TestApp) {
    let w = world(&app).await;
    let p = w
        .person(&app, "Nguyễn Văn Lớn", "1980-01-01", A, "official")
        .await;
    let res = w
        .head_election(
            &app,
            A,
            "2030-01-06",
            (3_000_000_000, 10),
            &[(p, 3_000_000_000)],
            &[],
        )
        .await;
    res.expect_problem(422, "validation_failed");
    let fields: Vec<String> = res.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        fields.contains(&"households_total".to_owned()),
        "{fields:?}"
    );
    assert!(
        fields.iter().any(|f| f.starts_with("candidates")),
        "{fields:?}"
    );
    assert!(w.head_elections_of(&app, A).await.is_empty());
}

both!(
    counts_beyond_any_village_are_refused_not_stored,
    a_commune_of_five_villages_through_a_whole_term,
    head_election_boundaries,
    congress_order_and_committee,
    one_holder_per_post_and_interim,
    eligibility_explains_each_check,
    rule_sets_are_admin_configurable,
);
