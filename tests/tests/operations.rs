//! What operators and web clients see: Prometheus metrics that `promtool check metrics`
//! (Debian's prometheus package) accepts, counting requests by route pattern and showing
//! the audit log's size and the outbox; CORS for the configured web origin only.

use std::io::Write;
use std::process::{Command, Stdio};

use dantin_tests::public::get_with;
use dantin_tests::world::world;
use dantin_tests::{both, TestApp};

/// The web origin the tests' instances let call the API.
const ORIGIN: &str = "https://cong.example.gov.vn";

/// The value of the metric line that starts with `series`.
fn value_of(metrics: &str, series: &str) -> Option<f64> {
    metrics
        .lines()
        .find(|l| l.starts_with(series))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

async fn metrics_count_requests_by_route_and_pass_promtool(app: TestApp) {
    let w = world(&app).await;
    for _ in 0..3 {
        app.get(&format!("/api/v1/units/{}", w.commune), None)
            .await
            .expect(200);
    }
    app.get("/api/v1/units/987654", None).await.expect(404);
    let res = app.get("/metrics", None).await;
    res.expect(200);
    assert!(res
        .header("content-type")
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = res.text();
    let route = r#"dantin_http_requests_total{method="GET",route="/api/v1/units/{id}",status="#;
    assert_eq!(
        value_of(&text, &format!(r#"{route}"200"}}"#)),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        value_of(&text, &format!(r#"{route}"404"}}"#)),
        Some(1.0),
        "{text}"
    );
    assert!(!text.contains("987654"), "paths never become labels");
    let size = app.get("/api/v1/audit/checkpoint", None).await.json()["tree_size"].as_f64();
    assert_eq!(value_of(&text, "dantin_audit_tree_size "), size, "{text}");
    assert_eq!(value_of(&text, "dantin_webhook_outbox_pending "), Some(0.0));
    assert!(value_of(&text, "dantin_db_pool_connections ").unwrap() >= 1.0);
    assert!(text.contains("dantin_http_request_duration_seconds_bucket"));

    let mut promtool = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect(
            "promtool, from Debian's prometheus package: run `make ops-tools` (make test does)",
        );
    promtool
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = promtool.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn the_configured_web_origin_may_call_and_read_the_headers(app: TestApp) {
    let preflight = app
        .send(
            app.request(awc::http::Method::OPTIONS, "/api/v1/units", None)
                .insert_header(("Origin", ORIGIN))
                .insert_header(("Access-Control-Request-Method", "POST"))
                .insert_header((
                    "Access-Control-Request-Headers",
                    "authorization, content-type, idempotency-key",
                )),
            Vec::new(),
        )
        .await;
    preflight.expect(200);
    assert_eq!(
        preflight.header("access-control-allow-origin").as_deref(),
        Some(ORIGIN)
    );
    let methods = preflight.header("access-control-allow-methods").unwrap();
    assert!(methods.contains("POST"), "{methods}");

    let read = get_with(&app, "/api/v1/units?limit=1", None, &[("Origin", ORIGIN)]).await;
    read.expect(200);
    assert_eq!(
        read.header("access-control-allow-origin").as_deref(),
        Some(ORIGIN)
    );
    let exposed = read
        .header("access-control-expose-headers")
        .unwrap()
        .to_lowercase();
    for header in ["etag", "link", "retry-after", "x-request-id"] {
        assert!(exposed.contains(header), "{exposed}");
    }

    let other = get_with(
        &app,
        "/api/v1/units?limit=1",
        None,
        &[("Origin", "https://elsewhere.example.com")],
    )
    .await;
    assert!(other.header("access-control-allow-origin").is_none());
}

both!(
    metrics_count_requests_by_route_and_pass_promtool,
    the_configured_web_origin_may_call_and_read_the_headers,
);
