//! The public list of who holds which post (`/officeholders`): its pages and `Link`
//! header, its cache policy with ETag and 304, its row shape, its filters, and the
//! unified flag each post carries from its pair (village, commune or agency).
//!
//! Most scenarios build a fresh commune of six villages (five with a cell, one without)
//! under a fresh unified-model term of Quảng Ninh (2030-2032), so the demo's own term and
//! villages stay out of the counts.

use std::collections::{BTreeSet, HashSet};

use dantin_tests::public::{get_with, ids_through_pages, officeholders, seats};
use dantin_tests::standings::{five_standings, two_communes, People, AFTER_ALL};
use dantin_tests::world::{created, id_of, world, World, A, B, C, D};
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

/// The commune's officeholders on `AFTER_ALL`.
fn scope(w: &World) -> String {
    format!("unit={}&on={AFTER_ALL}", w.commune)
}

/// The path of the commune's officeholders page on `AFTER_ALL`.
fn page(w: &World) -> String {
    format!("/api/v1/officeholders?limit=500&{}", scope(w))
}

/// The ETag of the 200 answer to `path`.
async fn etag_of(app: &TestApp, path: &str) -> String {
    let res = app.get(path, None).await;
    res.expect(200);
    res.header("etag").expect("an ETag")
}

/// Appoints a deputy head of A from 2030-02-01: a post outside any pair.
async fn appoint_deputy(w: &World, app: &TestApp) -> i64 {
    let deputy = w.person(app, "Đỗ Văn Phó", "1985-07-07", A, "none").await;
    created(
        app,
        &w.admin,
        "/api/v1/appointments",
        json!({
            "post": "deputy_village_head", "person_id": deputy, "unit_id": w.village(A),
            "starts_on": "2030-02-01", "basis": "election",
            "decision": "Quyết định công nhận phó trưởng thôn"
        }),
    )
    .await;
    deputy
}

/// The five standings with A's deputy head, for the filters to leave out or keep.
async fn five_standings_and_a_deputy(app: &TestApp) -> (World, People) {
    let w = world(app).await;
    let p = five_standings(&w, app).await;
    appoint_deputy(&w, app).await;
    (w, p)
}

/// The seats of `(village, post)`.
fn seats_of(w: &World, v: &[(usize, &str)]) -> BTreeSet<(i64, String)> {
    v.iter()
        .map(|(v, post)| (w.village(*v), (*post).to_owned()))
        .collect()
}

async fn paging_returns_every_row_once_in_order(app: TestApp) {
    let w = world(&app).await;
    five_standings(&w, &app).await;
    let all = officeholders(&app, &scope(&w)).await;
    let all_ids: Vec<i64> = all.iter().map(id_of).collect();
    // Four heads, A's and C's secretaries (B's awaits approval).
    assert_eq!(all.len(), 6, "{all:?}");
    let (paged, pages) = ids_through_pages(&app, &format!("{}&limit=2", scope(&w))).await;
    assert_eq!(paged, all_ids, "paging returns every row once, in order");
    assert_eq!(pages, 3);
    assert_eq!(
        paged.iter().collect::<HashSet<_>>().len(),
        paged.len(),
        "no row twice"
    );
}

/// The row's shape: the public person is an id and a name.
async fn a_row_shows_the_post_its_holder_and_its_flag(app: TestApp) {
    let w = world(&app).await;
    let p = five_standings(&w, &app).await;
    let all = officeholders(&app, &scope(&w)).await;
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
}

/// ETag, 304, and a public cache policy.
async fn a_page_has_an_etag_and_a_public_cache_policy(app: TestApp) {
    let w = world(&app).await;
    five_standings(&w, &app).await;
    let path = page(&w);
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
}

async fn writes_elsewhere_leave_the_etag_alone(app: TestApp) {
    let w = world(&app).await;
    five_standings(&w, &app).await;
    let path = page(&w);
    let etag = etag_of(&app, &path).await;

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
}

async fn a_new_post_in_the_commune_changes_the_etag(app: TestApp) {
    let w = world(&app).await;
    five_standings(&w, &app).await;
    let path = page(&w);
    let etag = etag_of(&app, &path).await;

    let deputy = appoint_deputy(&w, &app).await;
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
}

/// q: a person's name without diacritics.
async fn q_finds_a_name_without_diacritics(app: TestApp) {
    let (w, p) = five_standings_and_a_deputy(&app).await;
    let scope = scope(&w);
    let found = officeholders(&app, &format!("{scope}&q=nguyen%20van")).await;
    assert_eq!(found.len(), 2, "A's head and secretary: {found:?}");
    assert!(found.iter().all(|r| r["person"]["id"] == p.a), "{found:?}");
    let found = officeholders(&app, &format!("{scope}&q=HOANG")).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["person"]["id"], p.c_other);
    assert!(officeholders(&app, &format!("{scope}&q=khong%20ai"))
        .await
        .is_empty());
}

/// unified=true / false (deputies, outside any pair, are in neither).
async fn unified_keeps_the_posts_of_unified_pairs_or_the_others(app: TestApp) {
    let (w, _) = five_standings_and_a_deputy(&app).await;
    let scope = scope(&w);
    let yes = officeholders(&app, &format!("{scope}&unified=true")).await;
    let no = officeholders(&app, &format!("{scope}&unified=false")).await;
    assert_eq!(
        seats(&yes),
        seats_of(
            &w,
            &[
                (A, "village_head"),
                (A, "cell_secretary"),
                (B, "village_head")
            ]
        )
    );
    assert!(yes.iter().all(|r| r["unified"] == true));
    assert_eq!(
        seats(&no),
        seats_of(
            &w,
            &[
                (C, "village_head"),
                (C, "cell_secretary"),
                (D, "village_head")
            ]
        )
    );
    assert!(no.iter().all(|r| r["unified"] == false));
}

/// post=, which a deputy head is not a village head to.
async fn post_keeps_one_post(app: TestApp) {
    let (w, p) = five_standings_and_a_deputy(&app).await;
    let scope = scope(&w);
    let heads = officeholders(&app, &format!("{scope}&post=village_head")).await;
    assert_eq!(
        seats(&heads),
        seats_of(
            &w,
            &[
                (A, "village_head"),
                (B, "village_head"),
                (C, "village_head"),
                (D, "village_head")
            ]
        )
    );
    let heads_by_person: BTreeSet<i64> = heads
        .iter()
        .map(|r| r["person"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(heads_by_person, [p.a, p.b, p.c, p.d].into_iter().collect());
    let secretaries = officeholders(&app, &format!("{scope}&post=cell_secretary")).await;
    assert_eq!(
        seats(&secretaries),
        seats_of(&w, &[(A, "cell_secretary"), (C, "cell_secretary")])
    );
}

/// on=: the posts held that day.
async fn on_shows_the_posts_held_that_day(app: TestApp) {
    let (w, _) = five_standings_and_a_deputy(&app).await;
    // Before the congresses, four heads and nobody unified.
    let early = officeholders(&app, &format!("unit={}&on=2030-01-10", w.commune)).await;
    assert_eq!(early.len(), 4, "{early:?}");
    assert!(early
        .iter()
        .all(|r| r["post"] == "village_head" && r["unified"] == false));
    // No deputy before the deputy took office.
    let before = officeholders(&app, &format!("unit={}&on=2030-01-31", w.commune)).await;
    assert!(before.iter().all(|r| r["post"] != "deputy_village_head"));
}

/// A bad parameter is a 400 problem.
async fn a_bad_limit_or_cursor_is_a_bad_request(app: TestApp) {
    let w = world(&app).await;
    let scope = scope(&w);
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

/// The commune posts carry the flag of the commune chair pair: unified in Xã Một only.
async fn commune_posts_carry_their_pairs_flag(app: TestApp) {
    let d = two_communes(&app).await;
    let rows = officeholders(&app, &format!("unit={}&on={AFTER_ALL}", d.district)).await;
    assert_eq!(rows.len(), 4, "{rows:?}");
    for row in &rows {
        let unit = row["unit"]["id"].as_i64().unwrap();
        assert_eq!(row["unit"]["level"], "commune", "{row}");
        assert_eq!(row["unified"], unit == d.c1, "{row}");
    }
}

/// The agency posts carry the agency pair's flag; the commune posts keep theirs.
async fn agency_posts_carry_the_agency_pairs_flag(app: TestApp) {
    let d = two_communes(&app).await;
    d.agencies(&app).await;
    let rows = officeholders(&app, &format!("unit={}&on={AFTER_ALL}", d.district)).await;
    assert_eq!(rows.len(), 8, "{rows:?}");
    let (agency, commune): (Vec<&Value>, Vec<&Value>) = rows
        .iter()
        .partition(|r| r["post"] == "agency_head" || r["post"] == "cell_secretary");
    assert_eq!((agency.len(), commune.len()), (4, 4), "{rows:?}");
    for row in agency.into_iter().chain(commune) {
        assert_eq!(row["unified"], row["unit"]["id"] == d.c1, "{row}");
    }
}

both!(
    paging_returns_every_row_once_in_order,
    a_row_shows_the_post_its_holder_and_its_flag,
    a_page_has_an_etag_and_a_public_cache_policy,
    writes_elsewhere_leave_the_etag_alone,
    a_new_post_in_the_commune_changes_the_etag,
    q_finds_a_name_without_diacritics,
    unified_keeps_the_posts_of_unified_pairs_or_the_others,
    post_keeps_one_post,
    on_shows_the_posts_held_that_day,
    a_bad_limit_or_cursor_is_a_bad_request,
    commune_posts_carry_their_pairs_flag,
    agency_posts_carry_the_agency_pairs_flag,
);
