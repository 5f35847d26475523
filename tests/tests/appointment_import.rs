//! Bulk import of officeholders (`POST /appointments/import`): all or nothing, JSON or
//! CSV, every bad row listed by index and rule, each row held to the rules of a single
//! create, an officer kept to its area, a keyed retry answered once.
//!
//! The scenarios start from `world` (Xã Thử in huyện Ba Chẽ, villages A to F, each with
//! its cell but F), its units given codes so that rows can name them.

use awc::http::Method;
use dantin_tests::public::officeholders;
use dantin_tests::world::{created, id_of, world, World, A, B, C, D, E, F};
use dantin_tests::{both, json, Resp, TestApp};
use serde_json::Value;

const PATH: &str = "/api/v1/appointments/import";
/// A day after every tenure these scenarios start.
const LATER: &str = "2030-03-01";

/// The code given to village `v` (the commune's is `XT`).
fn code(v: usize) -> String {
    format!("XT-{}", ["A", "B", "C", "D", "E", "F"][v])
}

/// The world, its commune and villages coded.
async fn coded_world(app: &TestApp) -> World {
    let w = world(app).await;
    let units = [(w.commune, "XT".to_owned())]
        .into_iter()
        .chain((A..=F).map(|v| (w.village(v), code(v))));
    for (id, code) in units {
        let res = app
            .patch_json(
                &format!("/api/v1/units/{id}"),
                &json!({"code": code}),
                Some(&w.admin),
            )
            .await;
        res.expect(200);
    }
    w
}

/// A new person living in village `v`, a member of its cell unless `status` is `none`.
fn new_person(w: &World, name: &str, born: &str, v: usize, status: &str) -> Value {
    let mut person = json!({
        "full_name": name, "gender": "female", "birth_date": born,
        "residence_unit_code": code(v), "party_status": status
    });
    if status != "none" {
        person["party_org_id"] = json!(w.cell(v));
    }
    person
}

/// A row for `post` at village `v` from 2030-02-01, held by `holder` (`person_id` or
/// `person`).
fn row(v: usize, post: &str, holder: (&str, Value)) -> Value {
    let mut row = json!({
        "unit_code": code(v), "post": post, "starts_on": "2030-02-01",
        "basis": "election", "decision": "Quyết định nhập khẩu"
    });
    row[holder.0] = holder.1;
    row
}

async fn import(app: &TestApp, token: &str, rows: Vec<Value>) -> Resp {
    app.post_json(PATH, &json!({ "rows": rows }), Some(token))
        .await
}

/// Each refused row as (index, rule), in order.
fn refusals(problem: &Value) -> Vec<(u64, String)> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let index = e["index"].as_u64().expect("every refusal names its row");
            (index, e["rule"].as_str().unwrap().to_owned())
        })
        .collect()
}

/// The commune's officeholders on `LATER`.
async fn holders(app: &TestApp, w: &World) -> Vec<Value> {
    officeholders(app, &format!("unit={}&on={LATER}", w.commune)).await
}

/// The holder of `post` at village `v` on `LATER`, if any.
fn holder_of(rows: &[Value], w: &World, v: usize, post: &str) -> Option<i64> {
    rows.iter()
        .find(|r| r["unit"]["id"] == w.village(v) && r["post"] == post)
        .map(|r| r["person"]["id"].as_i64().unwrap())
}

async fn a_good_file_creates_every_tenure(app: TestApp) {
    let w = coded_world(&app).await;
    let official = |v| new_person(&w, "Vi Thị Hai Vai", "1980-02-01", v, "official");
    let b_head = w
        .person(&app, "Đặng Văn Tạm", "1979-01-01", B, "none")
        .await;
    let c_member = w
        .person(&app, "Lục Văn Chỉ Định", "1982-05-05", C, "official")
        .await;
    let mut c_secretary = row(C, "cell_secretary", ("person_id", json!(c_member)));
    c_secretary["basis"] = json!("designated");
    let res = import(
        &app,
        &w.admin,
        vec![
            // The same new person heads A and leads its cell: created once, A unified.
            row(A, "village_head", ("person", official(A))),
            row(A, "cell_secretary", ("person", official(A))),
            row(B, "village_head", ("person_id", json!(b_head))),
            c_secretary,
        ],
    )
    .await;
    res.expect(201);
    assert_eq!(
        res.json(),
        json!({"created": 4, "persons_created": 1,
               "by_post": {"cell_secretary": 2, "village_head": 2}})
    );

    let rows = holders(&app, &w).await;
    assert_eq!(rows.len(), 4, "{rows:?}");
    let a_head = holder_of(&rows, &w, A, "village_head").expect("A's head");
    assert_eq!(holder_of(&rows, &w, A, "cell_secretary"), Some(a_head));
    assert_eq!(holder_of(&rows, &w, B, "village_head"), Some(b_head));
    assert_eq!(holder_of(&rows, &w, C, "cell_secretary"), Some(c_member));
    let a_row = rows
        .iter()
        .find(|r| r["unit"]["id"] == w.village(A) && r["post"] == "village_head")
        .unwrap();
    assert_eq!(a_row["unified"], true, "{a_row}");
    assert_eq!(a_row["since"], "2030-02-01", "{a_row}");

    // The trail keeps one event naming every tenure the import created.
    let events = app
        .get(
            "/api/v1/audit-events?action=appointment.import",
            Some(&w.admin),
        )
        .await
        .json();
    let after = &events["items"][0]["after"];
    assert_eq!(after["created"], 4, "{after}");
    assert_eq!(after["appointments"].as_array().unwrap().len(), 4);
    assert_eq!(after["persons"][0][0], a_head, "{after}");
}

async fn a_bad_file_creates_nothing_and_lists_every_bad_row(app: TestApp) {
    let w = coded_world(&app).await;
    // A's head is already recorded, from 2030-01-10.
    let holder = w.person(&app, "Nông Văn Cũ", "1970-01-01", A, "none").await;
    created(
        &app,
        &w.admin,
        "/api/v1/appointments",
        json!({"post": "village_head", "person_id": holder, "unit_id": w.village(A),
               "starts_on": "2030-01-10", "basis": "election", "decision": "Quyết định cũ"}),
    )
    .await;
    let before = holders(&app, &w).await;
    let person = |name, born, v| ("person", new_person(&w, name, born, v, "none"));
    let mut unknown = row(D, "village_head", person("Mã Sai", "1980-01-01", D));
    unknown["unit_code"] = json!("XT-NOPE");
    let mut wrong_seat = row(D, "village_head", person("Sai Chỗ", "1980-01-01", D));
    wrong_seat["unit_code"] = json!("XT");
    let mut both_forms = row(
        E,
        "deputy_village_head",
        person("Hai Cách", "1980-01-01", E),
    );
    both_forms["person_id"] = json!(holder);
    let mut neither = row(B, "village_head", ("person_id", json!(holder)));
    neither.as_object_mut().unwrap().remove("person_id");
    let res = import(
        &app,
        &w.admin,
        vec![
            row(D, "village_head", person("Đúng Rồi", "1980-01-01", D)),
            unknown,
            row(E, "village_head", person("Còn Nhỏ", "2015-01-01", E)),
            row(D, "village_head", person("Trùng Tệp", "1981-01-01", D)),
            row(A, "village_head", person("Trùng Kho", "1981-01-01", A)),
            wrong_seat,
            both_forms,
            neither,
            row(F, "cell_secretary", ("person_id", json!(holder))),
        ],
    )
    .await;
    let problem = res.expect_problem(422, "import_rejected");
    let refused = refusals(&problem);
    let expected = [
        (1, "appointment_unit_known"),
        (2, "candidate_min_age"),
        (3, "one_holder_per_post"),
        (4, "one_holder_per_post"),
        (5, "appointment_seat"),
        (6, "appointment_person_form"),
        (7, "appointment_person_form"),
        (8, "appointment_unit_has_org"),
    ];
    for (index, rule) in expected {
        assert!(
            refused.contains(&(index, rule.to_owned())),
            "row {index} refused by {rule}: {problem}"
        );
    }
    let indices: Vec<u64> = refused.iter().map(|(i, _)| *i).collect();
    assert!(
        !indices.contains(&0),
        "the good row is not refused: {problem}"
    );
    assert!(indices.windows(2).all(|p| p[0] <= p[1]), "{problem}");
    let clash = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["index"] == 3)
        .unwrap();
    assert!(
        clash["detail"].as_str().unwrap().contains("row 0"),
        "{clash}"
    );
    assert_eq!(holders(&app, &w).await, before, "nothing was created");
}

async fn an_officer_imports_only_in_its_area(app: TestApp) {
    let w = coded_world(&app).await;
    let outside = app.unit_named("Huyện Thăng Bình").await;
    let commune = app
        .create_unit(
            &w.admin,
            json!({"code": "NG", "name": "Xã Ngoài", "level": "commune", "kind": "xa",
                   "parent_id": outside["id"], "valid_from": outside["valid_from"]}),
        )
        .await;
    app.create_unit(
        &w.admin,
        json!({"code": "NG-1", "name": "Thôn Ngoài", "level": "village", "kind": "thon",
               "parent_id": id_of(&commune), "valid_from": outside["valid_from"]}),
    )
    .await;
    let officer = app.officer().await;
    let inside = row(
        D,
        "village_head",
        (
            "person",
            new_person(&w, "Trong Vùng", "1980-01-01", D, "none"),
        ),
    );
    let mut elsewhere = inside.clone();
    elsewhere["unit_code"] = json!("NG-1");
    elsewhere["person"]["residence_unit_code"] = json!("NG-1");
    let res = import(&app, &officer, vec![inside.clone(), elsewhere]).await;
    let problem = res.expect_problem(422, "import_rejected");
    assert_eq!(
        refusals(&problem),
        [
            (1, "unit_in_area".to_owned()),
            (1, "unit_in_area".to_owned())
        ],
        "{problem}"
    );
    assert_eq!(holders(&app, &w).await, Vec::<Value>::new());

    // Inside its area the officer imports; an auditor never does.
    import(&app, &app.auditor().await, vec![inside.clone()])
        .await
        .expect_problem(403, "forbidden");
    import(&app, &officer, vec![inside]).await.expect(201);
    assert!(holder_of(&holders(&app, &w).await, &w, D, "village_head").is_some());
}

async fn csv_rows_are_read_as_json_rows_are(app: TestApp) {
    let w = coded_world(&app).await;
    let b_head = w
        .person(&app, "Đặng Văn CSV", "1979-01-01", B, "none")
        .await;
    let header = "unit_code,post,person_id,person.full_name,person.gender,person.birth_date,\
                  person.residence_unit_code,person.party_status,person.party_org_id,\
                  starts_on,basis,decision";
    let send = |body: String| {
        let req = app
            .request(Method::POST, PATH, Some(&w.admin))
            .insert_header(("Content-Type", "text/csv; charset=utf-8"));
        app.send(req, body.into_bytes())
    };
    // A row missing a new person's gender is named with its column.
    let missing = format!(
        "{header}\nXT-B,village_head,{b_head},,,,,,,2030-02-01,election,QĐ 1\n\
         XT-A,village_head,,Vi Thị CSV,,1980-02-01,XT-A,none,,2030-02-01,election,QĐ 2\n"
    );
    let problem = send(missing).await.expect_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["index"], 1, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "person.gender", "{problem}");
    assert_eq!(holders(&app, &w).await, Vec::<Value>::new());

    let good = format!(
        "{header}\nXT-B,village_head,{b_head},,,,,,,2030-02-01,election,QĐ 1\n\
         XT-A,cell_secretary,,Vi Thị CSV,female,1980-02-01,XT-A,official,{},2030-02-01,election,QĐ 2\n",
        w.cell(A)
    );
    let res = send(good).await;
    res.expect(201);
    assert_eq!(res.json()["persons_created"], 1);
    let rows = holders(&app, &w).await;
    assert_eq!(holder_of(&rows, &w, B, "village_head"), Some(b_head));
    assert!(
        holder_of(&rows, &w, A, "cell_secretary").is_some(),
        "{rows:?}"
    );
}

async fn a_keyed_retry_gets_the_first_answer_and_creates_once(app: TestApp) {
    let w = coded_world(&app).await;
    let body = json!({"rows": [row(C, "village_head", ("person", new_person(&w, "Thử Lại", "1980-01-01", C, "none")))]});
    let send = || {
        let req = app
            .request(Method::POST, PATH, Some(&w.admin))
            .insert_header(("Content-Type", "application/json"))
            .insert_header(("Idempotency-Key", "import-once"));
        app.send(req, serde_json::to_vec(&body).unwrap())
    };
    let first = send().await;
    first.expect(201);
    let again = send().await;
    again.expect(201);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(again.json(), first.json());
    assert_eq!(holders(&app, &w).await.len(), 1);
}

both!(
    a_good_file_creates_every_tenure,
    a_bad_file_creates_nothing_and_lists_every_bad_row,
    an_officer_imports_only_in_its_area,
    csv_rows_are_read_as_json_rows_are,
    a_keyed_retry_gets_the_first_answer_and_creates_once,
);
