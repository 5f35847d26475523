//! Scans of the paper minutes (rule 23): attached to a head election or a congress as the
//! file itself, its type read from its bytes, its SHA-256 in the audit trail, read back
//! byte for byte by those who may read the record, and by nobody else.

use awc::http::Method;
use dantin_tests::world::{assert_refused, world, World, A};
use dantin_tests::{both, Resp, TestApp, MINUTES_PDF};
use serde_json::Value;

/// `sha256sum` of `MINUTES_PDF`.
const MINUTES_SHA256: &str = "f01efa7a049895d2326af8a805f5aa2af585ba10579a94813dedb358c476c9aa";

async fn send_file(app: &TestApp, token: &str, path: &str, media: &str, bytes: Vec<u8>) -> Resp {
    let req = app
        .request(Method::POST, path, Some(token))
        .insert_header(("Content-Type", media));
    app.send(req, bytes).await
}

/// A head election of village A, elected and recognised, and its head.
async fn election(app: &TestApp, w: &World) -> (i64, i64) {
    let head = w
        .person(app, "Nguyễn Văn An", "1980-01-01", A, "official")
        .await;
    let e = w.elect_head(app, A, "2030-01-06", head).await;
    w.recognise(app, e, "2030-01-08").await;
    (e, head)
}

async fn a_scan_is_kept_as_received_with_its_digest_audited(app: TestApp) {
    let w = world(&app).await;
    let (e, head) = election(&app, &w).await;
    let path = format!("/api/v1/head-elections/{e}/minutes");

    let res = send_file(
        &app,
        &w.admin,
        &path,
        "application/pdf",
        MINUTES_PDF.to_vec(),
    )
    .await;
    let scan = res.expect(201).json();
    assert_eq!(scan["media_type"], "application/pdf");
    assert_eq!(scan["size"], MINUTES_PDF.len());
    assert_eq!(scan["sha256"], MINUTES_SHA256);
    assert_eq!(scan["head_election_id"], e);
    let location = res.header("location").expect("a Location");

    let file = app.get(&location, Some(&w.admin)).await;
    file.expect(200);
    assert_eq!(
        file.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert_eq!(file.header("etag"), Some(format!("\"{MINUTES_SHA256}\"")));
    assert_eq!(file.body, MINUTES_PDF);

    let listed = app.get(&path, Some(&w.admin)).await.expect(200).json();
    assert_eq!(listed, Value::Array(vec![scan.clone()]));

    // The trail holds the digest, not the file.
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity_type=head_election&entity_id={e}"),
            Some(&w.admin),
        )
        .await
        .expect(200)
        .json();
    let event = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|ev| ev["action"] == "minutes.attach")
        .cloned()
        .unwrap_or_else(|| panic!("no minutes.attach in {trail}"));
    assert_eq!(event["after"]["sha256"], MINUTES_SHA256);
    assert!(!event.to_string().contains("Bien ban"));

    // An auditor reads it; a congress's minutes may be an image.
    let auditor = app.auditor().await;
    app.get(&location, Some(&auditor)).await.expect(200);
    let k = w.elect_secretary(&app, A, "2030-01-20", head).await;
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let congress = format!("/api/v1/congresses/{k}/minutes");
    let res = send_file(&app, &w.admin, &congress, "image/png", png.clone()).await;
    let scan = res.expect(201).json();
    assert_eq!(
        (
            scan["congress_id"].as_i64(),
            scan["head_election_id"].as_i64()
        ),
        (Some(k), None)
    );
    let file = app
        .get(&format!("/api/v1/minutes/{}", scan["id"]), Some(&w.admin))
        .await;
    assert_eq!(file.expect(200).body, png);
}

async fn a_file_that_is_not_what_it_says_is_refused_and_nothing_is_kept(app: TestApp) {
    let w = world(&app).await;
    let (e, _) = election(&app, &w).await;
    let path = format!("/api/v1/head-elections/{e}/minutes");

    let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF".to_vec();
    let res = send_file(&app, &w.admin, &path, "application/pdf", jpeg.clone()).await;
    assert_refused(&res, "scan_type");
    let res = send_file(&app, &w.admin, &path, "image/png", b"<html>".to_vec()).await;
    assert_refused(&res, "scan_type");
    send_file(&app, &w.admin, &path, "text/plain", MINUTES_PDF.to_vec())
        .await
        .expect_problem(415, "unsupported_media_type");
    let mut huge = MINUTES_PDF.to_vec();
    huge.resize(10 * 1024 * 1024 + 1, b' ');
    send_file(&app, &w.admin, &path, "application/pdf", huge)
        .await
        .expect_problem(413, "payload_too_large");
    assert_eq!(
        app.get(&path, Some(&w.admin)).await.expect(200).json(),
        Value::Array(vec![])
    );

    // The same file sent as what it is is kept.
    let res = send_file(&app, &w.admin, &path, "image/jpeg", jpeg).await;
    assert_eq!(res.expect(201).json()["media_type"], "image/jpeg");
}

async fn scans_are_private_to_the_records_readers(app: TestApp) {
    let w = world(&app).await;
    let (e, _) = election(&app, &w).await;
    let path = format!("/api/v1/head-elections/{e}/minutes");
    let made = send_file(
        &app,
        &w.admin,
        &path,
        "application/pdf",
        MINUTES_PDF.to_vec(),
    )
    .await;
    let location = made.expect(201).header("location").unwrap();

    app.get(&location, None)
        .await
        .expect_problem(401, "unauthorized");
    app.get(&path, None)
        .await
        .expect_problem(401, "unauthorized");
    let auditor = app.auditor().await;
    send_file(
        &app,
        &auditor,
        &path,
        "application/pdf",
        MINUTES_PDF.to_vec(),
    )
    .await
    .expect_problem(403, "forbidden");
    app.get("/api/v1/minutes/999999", Some(&w.admin))
        .await
        .expect_problem(404, "not_found");
    app.get("/api/v1/congresses/999999/minutes", Some(&w.admin))
        .await
        .expect_problem(404, "not_found");
    // The officer of huyện Ba Chẽ attaches and reads them.
    let officer = app.officer().await;
    send_file(
        &app,
        &officer,
        &path,
        "application/pdf",
        MINUTES_PDF.to_vec(),
    )
    .await
    .expect(201);
    let listed = app.get(&path, Some(&officer)).await.expect(200).json();
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
}

both!(
    a_scan_is_kept_as_received_with_its_digest_audited,
    a_file_that_is_not_what_it_says_is_refused_and_nothing_is_kept,
    scans_are_private_to_the_records_readers,
);
