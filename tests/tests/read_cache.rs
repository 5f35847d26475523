//! The public reads kept in memory: a write shows in the next read and in its `ETag`, on
//! the instance that made it and on another over the same database; a write elsewhere
//! leaves the page and its `ETag` as they were.

use dantin_tests::public::get_with;
use dantin_tests::standings::AFTER_ALL;
use dantin_tests::world::{world, World, A, B, E};
use dantin_tests::{both, Resp, TestApp};
use serde_json::Value;

fn commune_page(w: &World) -> String {
    format!("/api/v1/officeholders?unit={}&on={AFTER_ALL}", w.commune)
}

fn commune_report(w: &World) -> String {
    format!(
        "/api/v1/reports/unification?unit={}&on={AFTER_ALL}",
        w.commune
    )
}

/// The page's people, by id.
fn holders(res: &Resp) -> Vec<i64> {
    res.expect(200);
    let body = res.json();
    let items = body["items"].as_array().expect("a page has items");
    items
        .iter()
        .map(|i| i["person"]["id"].as_i64().unwrap())
        .collect()
}

fn tag(res: &Resp) -> String {
    res.header("etag").expect("a public read has an ETag")
}

async fn if_none_match(app: &TestApp, path: &str, tag: &str) -> Resp {
    get_with(app, path, None, &[("If-None-Match", tag)]).await
}

async fn a_write_shows_at_once_in_the_page_and_its_etag(app: TestApp) {
    let w = world(&app).await;
    let first = app.get(&commune_page(&w), None).await;
    assert_eq!(holders(&first), Vec::<i64>::new());
    if_none_match(&app, &commune_page(&w), &tag(&first))
        .await
        .expect(304);

    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    w.recognised_head(&app, A, a).await;

    let after = if_none_match(&app, &commune_page(&w), &tag(&first)).await;
    assert_eq!(holders(&after), vec![a]);
    assert_ne!(tag(&after), tag(&first));
    let report = app.get(&commune_report(&w), None).await;
    report.expect(200);
    assert_eq!(report.json()["total"]["known"], 1, "{}", report.text());
}

async fn another_instance_shows_the_write_at_once(app: TestApp) {
    let w = world(&app).await;
    let other = app.beside();
    let first = other.get(&commune_page(&w), None).await;
    assert_eq!(holders(&first), Vec::<i64>::new());
    let report = other.get(&commune_report(&w), None).await;
    report.expect(200);
    assert_eq!(report.json()["total"]["known"], 0, "{}", report.text());

    let b = w
        .person(&app, "Trần Văn Bình", "1981-03-02", B, "official")
        .await;
    w.recognised_head(&app, B, b).await;

    let after = if_none_match(&other, &commune_page(&w), &tag(&first)).await;
    assert_eq!(holders(&after), vec![b]);
    let report = other.get(&commune_report(&w), None).await;
    report.expect(200);
    assert_eq!(report.json()["total"]["known"], 1, "{}", report.text());
}

async fn a_write_elsewhere_keeps_the_page_and_its_etag(app: TestApp) {
    let w = world(&app).await;
    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    w.recognised_head(&app, A, a).await;
    let first = app.get(&commune_page(&w), None).await;
    assert_eq!(holders(&first), vec![a]);

    // A person who holds no post changes nothing the page shows.
    w.person(&app, "Lê Thị Êm", "1990-01-01", E, "none").await;

    let again = if_none_match(&app, &commune_page(&w), &tag(&first)).await;
    again.expect(304);
    assert_eq!(tag(&again), tag(&first));
    let body: Value = app.get(&commune_page(&w), None).await.json();
    assert_eq!(body, first.json());
}

/// While other clients read the page all the time, each read of the version under way
/// may have begun before a write committed: a read asked after the write must still show
/// it.
async fn under_load_a_read_after_a_write_shows_it(app: TestApp) {
    let w = world(&app).await;
    let done = std::cell::Cell::new(false);
    let reader = || async {
        while !done.get() {
            app.get(&commune_page(&w), None).await.expect(200);
        }
    };
    let writer = async {
        let mut heads = Vec::new();
        for (v, name) in [(A, "Nguyễn Văn An"), (B, "Trần Văn Bình"), (E, "Lê Văn Êm")] {
            let p = w.person(&app, name, "1980-02-01", v, "official").await;
            w.recognised_head(&app, v, p).await;
            heads.push(p);
            let mut shown = holders(&app.get(&commune_page(&w), None).await);
            shown.sort_unstable();
            assert_eq!(
                shown, heads,
                "read just after the head of village {v} was recognised"
            );
        }
        done.set(true);
    };
    futures_util::future::join(
        writer,
        futures_util::future::join_all((0..4).map(|_| reader())),
    )
    .await;
}

both!(
    a_write_shows_at_once_in_the_page_and_its_etag,
    under_load_a_read_after_a_write_shows_it,
    another_instance_shows_the_write_at_once,
    a_write_elsewhere_keeps_the_page_and_its_etag,
);
