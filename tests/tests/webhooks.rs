//! The webhook drill: subscriptions delivered to a receiver that verifies every signature
//! with the `standardwebhooks` package from PyPI (tests/conformance/webhook_receiver.py,
//! installed by `make test`'s set-up). Two instances deliver from one outbox; a receiver
//! down for a while gets every change once it is back, in order and none twice; a busy
//! receiver is retried when it asks, a gone one disabled; a rotated secret still verifies;
//! refused URLs; the secret shown once.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dantin_tests::world::{assert_refused, created, id_of, world, World, A, B};
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

/// A receiver process, stopped when dropped.
struct Receiver(Child);

impl Receiver {
    /// Starts the receiver on `port`, verifying with `secret`, writing to `out`.
    fn start(port: u16, secret: &str, out: &PathBuf, extra: &[&str]) -> Self {
        let (python, root) = dantin_tests::conformance_python();
        let mut child = Command::new(python)
            .arg(root.join("tests/conformance/webhook_receiver.py"))
            .args(["--port", &port.to_string(), "--secret", secret])
            .arg("--out")
            .arg(out)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("the receiver starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("the receiver says it listens");
        assert_eq!(line.trim(), "listening");
        Receiver(child)
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn out_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dantin-webhooks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

/// What the receiver wrote so far.
fn received(out: &PathBuf) -> Vec<Value> {
    std::fs::read_to_string(out)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Waits until `done` holds of what the receiver wrote (at most 30 s), and returns it.
async fn wait_for(out: &PathBuf, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let started = Instant::now();
    loop {
        let lines = received(out);
        if done(&lines) || started.elapsed() > Duration::from_secs(30) {
            return lines;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A subscription of the admin's: (id, secret).
async fn subscribe(app: &TestApp, w: &World, body: Value) -> (i64, String) {
    let made = created(app, &w.admin, "/api/v1/webhooks", body).await;
    (id_of(&made), made["secret"].as_str().unwrap().to_owned())
}

/// The webhook-ids of the feed's changes under `unit` after `after`.
async fn feed_ids(app: &TestApp, unit: i64, after: i64) -> Vec<String> {
    let res = app
        .get(
            &format!("/api/v1/changes?unit={unit}&after={after}&limit=500"),
            None,
        )
        .await;
    res.expect(200).json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("chg_{}", c["id"]))
        .collect()
}

async fn last_change(app: &TestApp) -> i64 {
    let res = app.get("/api/v1/changes?limit=500", None).await;
    let mut after = 0;
    let mut page = res.expect(200).json();
    loop {
        let next = page["next_after"].as_i64().unwrap();
        if next == after {
            return after;
        }
        after = next;
        page = app
            .get(&format!("/api/v1/changes?after={after}&limit=500"), None)
            .await
            .json();
    }
}

fn kept_ids(lines: &[Value]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| l["repeat"] == false)
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_receiver_down_for_a_while_gets_everything_once_in_order(app: TestApp) {
    let w = world(&app).await;
    let other = app.beside();
    let start = last_change(&app).await;
    let port = free_port();
    let (hook, secret) = subscribe(
        &app,
        &w,
        json!({"url": format!("http://127.0.0.1:{port}/hook"), "unit_id": w.commune}),
    )
    .await;

    // The receiver is down: changes pile up in the outbox, the workers of both instances
    // try and fail.
    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    let election = w.elect_head(&other, A, "2030-01-06", a).await;
    w.recognise(&app, election, "2030-01-08").await;
    let congress = w.elect_secretary(&other, A, "2030-01-10", a).await;
    w.approve(&app, congress, "2030-01-12").await;
    // Elsewhere: not this subscription's area.
    app.create_unit(
        &w.admin,
        json!({"name": "Xã Ngoài", "level": "commune", "kind": "xa",
               "parent_id": id_of(&app.unit_named("Huyện Thăng Bình").await), "valid_from": "2020-01-01"}),
    )
    .await;
    actix_web::rt::time::sleep(Duration::from_millis(2500)).await;

    let expected = feed_ids(&app, w.commune, start).await;
    assert_eq!(expected.len(), 6, "{expected:?}");
    let out = out_file(&format!("down-{:?}", app.backend));
    let receiver = Receiver::start(port, &secret, &out, &[]);
    let lines = wait_for(&out, |l| kept_ids(l).len() >= expected.len()).await;
    assert!(lines.iter().all(|l| l.get("bad").is_none()), "{lines:?}");
    assert_eq!(kept_ids(&lines), expected, "every change once, in order");
    assert_eq!(lines.len(), expected.len(), "none twice: {lines:?}");
    assert_eq!(lines[0]["type"], "head_election.recorded");

    // Down again, and back.
    drop(receiver);
    let b = w
        .person(&app, "Trần Văn Bình", "1981-03-02", B, "official")
        .await;
    w.elect_head(&app, B, "2030-01-06", b).await;
    actix_web::rt::time::sleep(Duration::from_millis(1500)).await;
    let _back = Receiver::start(port, &secret, &out, &[]);
    let expected = feed_ids(&app, w.commune, start).await;
    let lines = wait_for(&out, |l| kept_ids(l).len() >= expected.len()).await;
    assert_eq!(kept_ids(&lines), expected);

    // The log: all delivered, the first after several attempts.
    let log = app
        .get(
            &format!("/api/v1/webhooks/{hook}/deliveries?limit=500"),
            Some(&w.admin),
        )
        .await;
    let log = log.expect(200).json();
    let items = log["items"].as_array().unwrap();
    assert_eq!(items.len(), expected.len(), "{log}");
    assert!(items.iter().all(|d| d["state"] == "delivered"), "{log}");
    let first = items.last().unwrap();
    assert!(first["attempts"].as_i64().unwrap() > 1, "{first}");
    assert_eq!(first["webhook_id_header"], expected[0]);
}

async fn busy_receivers_are_retried_and_gone_ones_disabled(app: TestApp) {
    let w = world(&app).await;
    let (busy_port, gone_port) = (free_port(), free_port());
    let (busy, busy_secret) = subscribe(
        &app,
        &w,
        json!({"url": format!("http://127.0.0.1:{busy_port}/"), "types": ["head_election.recorded"]}),
    )
    .await;
    let (gone, gone_secret) = subscribe(
        &app,
        &w,
        json!({"url": format!("http://127.0.0.1:{gone_port}/")}),
    )
    .await;
    let busy_out = out_file(&format!("busy-{:?}", app.backend));
    let gone_out = out_file(&format!("gone-{:?}", app.backend));
    let _busy = Receiver::start(busy_port, &busy_secret, &busy_out, &["--busy", "2"]);
    let _gone = Receiver::start(gone_port, &gone_secret, &gone_out, &["--gone"]);

    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    w.elect_head(&app, A, "2030-01-06", a).await;
    let lines = wait_for(&busy_out, |l| !l.is_empty()).await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["type"], "head_election.recorded");
    let log = app
        .get(
            &format!("/api/v1/webhooks/{busy}/deliveries"),
            Some(&w.admin),
        )
        .await
        .json();
    assert_eq!(
        log["items"][0]["attempts"], 3,
        "two 503s, then delivered: {log}"
    );
    assert_eq!(log["items"][0]["state"], "delivered");

    // Sent again on request, with the same webhook-id: the receiver knows it.
    let delivery = log["items"][0]["id"].as_i64().unwrap();
    app.post_json(
        &format!("/api/v1/webhooks/{busy}/deliveries/{delivery}/redeliver"),
        &json!({}),
        Some(&w.admin),
    )
    .await
    .expect(202);
    let lines = wait_for(&busy_out, |l| l.len() >= 2).await;
    assert_eq!(lines[1]["repeat"], true, "{lines:?}");
    assert_eq!(lines[1]["id"], lines[0]["id"]);

    // 410: the subscription stops.
    let started = Instant::now();
    let disabled = loop {
        let hook = app
            .get(&format!("/api/v1/webhooks/{gone}"), Some(&w.admin))
            .await
            .json();
        if !hook["disabled_at"].is_null() || started.elapsed() > Duration::from_secs(30) {
            break hook;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        disabled["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("410"),
        "{disabled}"
    );
    assert!(received(&gone_out).is_empty());
}

async fn a_rotated_secret_goes_on_verifying_while_receivers_switch(app: TestApp) {
    let w = world(&app).await;
    let port = free_port();
    let (hook, old) = subscribe(
        &app,
        &w,
        json!({"url": format!("http://127.0.0.1:{port}/")}),
    )
    .await;
    let res = app
        .post_json(
            &format!("/api/v1/webhooks/{hook}/secret"),
            &json!({}),
            Some(&w.admin),
        )
        .await;
    let new = res.expect(200).json()["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(new, old);
    let out = out_file(&format!("rotated-{:?}", app.backend));
    let receiver = Receiver::start(port, &old, &out, &[]);
    w.person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    app.create_unit(
        &w.admin,
        json!({"name": "Thôn Mới", "level": "village", "kind": "thon",
               "parent_id": w.commune, "valid_from": "2020-01-01"}),
    )
    .await;
    let lines = wait_for(&out, |l| !l.is_empty()).await;
    assert_eq!(
        lines[0]["type"], "unit.created",
        "the old secret verifies: {lines:?}"
    );
    drop(receiver);
    let _switched = Receiver::start(port, &new, &out, &[]);
    app.create_unit(
        &w.admin,
        json!({"name": "Thôn Mới Hơn", "level": "village", "kind": "thon",
               "parent_id": w.commune, "valid_from": "2020-01-01"}),
    )
    .await;
    let lines = wait_for(&out, |l| l.len() >= 2).await;
    assert!(lines.iter().all(|l| l.get("bad").is_none()), "{lines:?}");
    assert_eq!(lines.len(), 2, "the new secret verifies: {lines:?}");
}

async fn bad_urls_are_refused_and_the_secret_is_shown_once(app: TestApp) {
    let w = world(&app).await;
    for url in [
        "http://10.0.0.8/hook",
        "http://169.254.169.254/",
        "ftp://127.0.0.1/",
        "nope",
    ] {
        let res = app
            .post_json("/api/v1/webhooks", &json!({"url": url}), Some(&w.admin))
            .await;
        assert_refused(&res, "webhook_url_allowed");
    }
    let res = app
        .post_json(
            "/api/v1/webhooks",
            &json!({"url": "http://127.0.0.1:9/", "unit_id": 987654}),
            Some(&w.admin),
        )
        .await;
    assert_refused(&res, "webhook_unit_exists");
    let res = app
        .post_json(
            "/api/v1/webhooks",
            &json!({"url": "http://127.0.0.1:9/", "types": ["unit.exploded"]}),
            Some(&w.admin),
        )
        .await;
    res.expect_problem(422, "validation_failed");

    let (hook, secret) = subscribe(&app, &w, json!({"url": "http://127.0.0.1:9/"})).await;
    let read = app
        .get(&format!("/api/v1/webhooks/{hook}"), Some(&w.admin))
        .await;
    assert!(!read.expect(200).text().contains(&secret));
    assert!(read.json().get("secret").is_none());
    let list = app.get("/api/v1/webhooks", Some(&w.admin)).await;
    assert!(!list.expect(200).text().contains(&secret));
    let trail = app
        .get(
            &format!("/api/v1/audit-events?entity_type=webhook&entity_id={hook}"),
            Some(&w.admin),
        )
        .await;
    let trail = trail.expect(200);
    assert!(trail.text().contains("webhook.create"), "{}", trail.text());
    assert!(!trail.text().contains(&secret));

    let res = app
        .send(
            app.request(
                awc::http::Method::DELETE,
                &format!("/api/v1/webhooks/{hook}"),
                Some(&w.admin),
            ),
            Vec::new(),
        )
        .await;
    assert_eq!(res.expect(200).json()["id"], hook);
    app.get(&format!("/api/v1/webhooks/{hook}"), Some(&w.admin))
        .await
        .expect_problem(404, "not_found");
}

both!(
    a_receiver_down_for_a_while_gets_everything_once_in_order,
    busy_receivers_are_retried_and_gone_ones_disabled,
    a_rotated_secret_goes_on_verifying_while_receivers_switch,
    bad_urls_are_refused_and_the_secret_is_shown_once,
);
