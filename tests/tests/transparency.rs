//! The transparency drill: the audit log checked from outside by the repo's verifier
//! (tests/conformance/verify_log.py: hashlib and `cryptography`, none of our code), as a
//! Certificate Transparency monitor checks a log. A signed checkpoint, kept; more writes;
//! the log still extends the kept checkpoint, every event is included, and a report
//! states the checkpoint it was read on. Then one stored event is rewritten: the chain's
//! own verification, the verifier and the consistency proof from the kept checkpoint all
//! catch it.

use std::process::Command;

use dantin_tests::world::{world, A};
use dantin_tests::{both, TestApp};
use serde_json::Value;

/// Runs the verifier against `app`; its exit status and what it printed.
fn verifier(app: &TestApp, args: &[&str]) -> (bool, String) {
    let (python, root) = dantin_tests::conformance_python();
    let out = Command::new(python)
        .arg(root.join("tests/conformance/verify_log.py"))
        .args(args)
        .args(["--base-url", &app.url("")])
        .output()
        .expect("the verifier runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

async fn checkpoint(app: &TestApp) -> Value {
    app.get("/api/v1/audit/checkpoint", None)
        .await
        .expect(200)
        .json()
}

async fn the_log_is_verified_from_outside_and_a_rewrite_is_caught(app: TestApp) {
    let w = world(&app).await;
    let first = checkpoint(&app).await;
    let key = first["public_key"].as_str().unwrap().to_owned();
    let kept = std::env::temp_dir().join(format!(
        "dantin-checkpoint-{}-{:?}.json",
        std::process::id(),
        app.backend
    ));
    let kept = kept.to_str().unwrap();
    let (ok, said) = verifier(&app, &["checkpoint", "--public-key", &key, "--save", kept]);
    assert!(ok, "{said}");
    let kept_size = first["tree_size"].as_u64().unwrap();
    assert!(kept_size > 5, "{first}");

    // More writes; the log extends the kept checkpoint, and every event is in it.
    let a = w
        .person(&app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    w.recognised_head(&app, A, a).await;
    let (ok, said) = verifier(
        &app,
        &["consistency", "--public-key", &key, "--saved", kept],
    );
    assert!(ok, "{said}");
    let (ok, said) = verifier(&app, &["events", "--public-key", &key, "--token", &w.admin]);
    assert!(ok, "{said}");

    // A report states the checkpoint it was read on.
    let now = checkpoint(&app).await;
    let report = app
        .get(
            &format!(
                "/api/v1/reports/unification?unit={}&on=2030-02-01",
                w.commune
            ),
            None,
        )
        .await
        .expect(200)
        .json();
    assert_eq!(report["checkpoint"]["tree_size"], now["tree_size"]);
    assert_eq!(report["checkpoint"]["root_hash"], now["root_hash"]);
    assert_eq!(report["total"]["unified"], 0, "{report}");

    // A signature by another key is refused.
    let (other, _) = dantin_api::log_key::LogKey::generate();
    let (ok, said) = verifier(&app, &["checkpoint", "--public-key", &other.public_key()]);
    assert!(!ok && said.contains("signature"), "{said}");

    // One stored event rewritten: who wrote it, say.
    let event: i64 = 3;
    app.sql(&format!(
        "UPDATE audit_events SET actor = 'mallory' WHERE id = {event}"
    ));
    let verify = app
        .get("/api/v1/audit-events/verify", Some(&w.admin))
        .await
        .expect(200)
        .json();
    assert_eq!(verify["first_broken_id"], event, "{verify}");
    // The signed root is the tree every write kept, so the event's stored hash still
    // makes it; the proofs, computed from the events as stored now, no longer lead to it.
    let (ok, said) = verifier(&app, &["events", "--public-key", &key, "--token", &w.admin]);
    assert!(!ok && said.contains("inclusion proof fails"), "{said}");
    let (ok, said) = verifier(
        &app,
        &["consistency", "--public-key", &key, "--saved", kept],
    );
    assert!(!ok && said.contains("does not extend"), "{said}");
    let _ = std::fs::remove_file(kept);
}

async fn proofs_answer_only_for_trees_the_log_has_had(app: TestApp) {
    world(&app).await;
    let size = checkpoint(&app).await["tree_size"].as_u64().unwrap();
    let proof = app
        .get(
            &format!("/api/v1/audit/proofs/inclusion?event=1&tree_size={size}"),
            None,
        )
        .await
        .expect(200)
        .json();
    assert_eq!(proof["leaf_index"], 0);
    assert!(!proof["path"].as_array().unwrap().is_empty());
    for bad in [
        format!(
            "/api/v1/audit/proofs/inclusion?event=1&tree_size={}",
            size + 1
        ),
        "/api/v1/audit/proofs/inclusion?event=1&tree_size=0".to_owned(),
        format!("/api/v1/audit/proofs/consistency?first={}&second=2", size),
        format!("/api/v1/audit/proofs/consistency?first={}", size + 1),
    ] {
        app.get(&bad, None)
            .await
            .expect_problem(400, "invalid_parameter");
    }
    app.get("/api/v1/audit/proofs/inclusion?event=987654", None)
        .await
        .expect_problem(404, "not_found");
}

both!(
    the_log_is_verified_from_outside_and_a_rewrite_is_caught,
    proofs_answer_only_for_trees_the_log_has_had,
);
