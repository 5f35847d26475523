//! Errors the HTTP layer answers before any route (the probe's class 7): a request line
//! that is not HTTP, a head too large, a head too slow. Each is problem+json like every
//! other error, and the connection closes.

use std::time::Duration;

use dantin_api::server::Timeouts;
use dantin_tests::raw_http::exchange;
use dantin_tests::{both, far_above_any_test, Backend, TestApp};

async fn spawn(backend: Backend) -> TestApp {
    let quick = Timeouts {
        head: Duration::from_secs(1),
        body: Duration::from_secs(5),
    };
    TestApp::spawn_configured(backend, true, far_above_any_test(), quick).await
}

async fn a_request_line_that_is_not_http_is_a_400_problem(app: TestApp) {
    let parts = vec![b"NOT HTTP AT ALL\r\n\r\n".to_vec()];
    let got = exchange(app.port(), parts, Duration::ZERO, Duration::from_secs(5)).await;
    assert_eq!(got.status, 400, "{got:?}");
    assert_eq!(got.problem()["code"], "bad_request");
    assert!(got.closed);
}

async fn a_head_too_large_is_a_431_problem(app: TestApp) {
    let header = format!(
        "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(128 * 1024)
    );
    let got = exchange(
        app.port(),
        vec![header.into_bytes()],
        Duration::ZERO,
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(got.status, 431, "{got:?}");
    assert_eq!(got.problem()["code"], "headers_too_large");
}

async fn a_head_too_slow_is_a_408_problem(app: TestApp) {
    let parts = vec![b"GET /health HTTP/1.1\r\nHost: x\r\n".to_vec()];
    let got = exchange(app.port(), parts, Duration::ZERO, Duration::from_secs(10)).await;
    assert_eq!(got.status, 408, "{got:?}");
    assert_eq!(got.problem()["code"], "request_timeout");
    assert!(got.closed);
    app.get("/health", None).await.expect(200);
}

both!(
    spawn = super::spawn;
    a_request_line_that_is_not_http_is_a_400_problem,
    a_head_too_large_is_a_431_problem,
    a_head_too_slow_is_a_408_problem,
);
