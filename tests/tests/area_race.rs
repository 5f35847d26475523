//! The caller's area is checked inside the write's transaction: a unit that leaves an
//! officer's area while the officer's write waits for its turn takes the write with it.
//!
//! The race, in the order it would happen: a reorganisation moves the commune out of the
//! officer's district and is about to commit; the officer's create of a village under the
//! commune arrives; the reorganisation commits; the officer's write runs. A check made
//! before the transaction (on the map as it was) would let the village in.

use std::sync::mpsc;
use std::time::Duration;

use dantin_persistence::StoreResult;
use dantin_tests::world::id_of;
use dantin_tests::{both, json, TestApp};
use diesel::RunQueryDsl;

async fn an_officers_write_is_refused_when_its_unit_leaves_the_area_first(app: TestApp) {
    let officer = app.officer().await;
    let commune = id_of(&app.unit_named("Xã Nam Sơn").await);
    let elsewhere = id_of(&app.unit_named("Huyện Thăng Bình").await);
    let units_before = app.all_units("").await.len();

    // The reorganisation: moved, not yet committed, until told to.
    let (moved, is_moved) = mpsc::channel();
    let (commit, may_commit) = mpsc::channel::<()>();
    let store = app.store();
    let mover = std::thread::spawn(move || {
        store
            .write(|c| -> StoreResult<()> {
                diesel::sql_query(format!(
                    "UPDATE units SET parent_id = {elsewhere} WHERE id = {commune}"
                ))
                .execute(c)?;
                moved.send(()).unwrap();
                may_commit.recv().unwrap();
                Ok(())
            })
            .unwrap()
    });
    is_moved.recv().unwrap();

    let village = json!({"name": "Thôn Chen Ngang", "level": "village", "kind": "thon",
        "parent_id": commune, "valid_from": "2000-01-01"});
    let officers_write = app.post_json("/api/v1/units", &village, Some(&officer));
    let commit_meanwhile = async {
        // Long enough for the request to be inside the service, waiting for the writer.
        actix_web::rt::time::sleep(Duration::from_millis(500)).await;
        commit.send(()).unwrap();
    };
    let (res, ()) = futures_util::future::join(officers_write, commit_meanwhile).await;
    mover.join().unwrap();

    res.expect_problem(403, "forbidden");
    assert_eq!(
        app.all_units("").await.len(),
        units_before,
        "no village was created"
    );
    let verified = app
        .get("/api/v1/audit-events/verify", Some(&app.admin().await))
        .await;
    assert_eq!(verified.expect(200).json()["valid"], true);
}

both!(an_officers_write_is_refused_when_its_unit_leaves_the_area_first);
