//! Slow bodies (the probe's class 5): a body that trickles, or stops, is answered 408 once
//! its time is up, and the connection closes; the service goes on answering others.

use std::time::Duration;

use dantin_api::server::Timeouts;
use dantin_tests::raw_http::exchange;
use dantin_tests::{both, far_above_any_test, Backend, TestApp};

async fn spawn(backend: Backend) -> TestApp {
    let quick = Timeouts {
        head: Duration::from_secs(2),
        body: Duration::from_secs(1),
    };
    TestApp::spawn_configured(backend, true, far_above_any_test(), quick).await
}

fn token_request_head(length: usize) -> Vec<u8> {
    format!(
        "POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes()
}

async fn a_body_that_stops_is_answered_408_when_its_time_is_up(app: TestApp) {
    let port = app.port();
    let parts = vec![token_request_head(60), br#"{"username": "admin""#.to_vec()];
    let got = exchange(port, parts, Duration::ZERO, Duration::from_secs(10)).await;
    assert_eq!(got.status, 408, "{got:?}");
    assert_eq!(got.problem()["code"], "request_timeout");
    assert!(got.closed, "the connection is closed");
    assert!(
        got.waited < Duration::from_secs(5),
        "answered after {:?}",
        got.waited
    );
    app.get("/health", None).await.expect(200);
}

async fn a_body_that_trickles_is_cut_off_too(app: TestApp) {
    let port = app.port();
    let body = br#"{"username": "admin", "password": "demo-admin"}"#;
    let mut parts = vec![token_request_head(body.len())];
    parts.extend(body.iter().map(|b| vec![*b]));
    // One byte every 200 ms: the whole body would take 9 s; it may take 1.
    let got = exchange(
        port,
        parts,
        Duration::from_millis(200),
        Duration::from_secs(15),
    )
    .await;
    assert_eq!(got.status, 408, "{got:?}");
    assert_eq!(got.problem()["code"], "request_timeout");
    app.get("/health", None).await.expect(200);
}

both!(
    spawn = super::spawn;
    a_body_that_stops_is_answered_408_when_its_time_is_up,
    a_body_that_trickles_is_cut_off_too,
);
