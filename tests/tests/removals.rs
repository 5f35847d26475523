//! Rule 10: a village head's resignation or removal ends the tenure with the commune's
//! decision recognising it, due within 5 working days; a late decision stands with a
//! warning, a missing one is refused and changes nothing.

use dantin_tests::world::{assert_refused, world, A, B};
use dantin_tests::{both, json, TestApp};
use serde_json::Value;

fn recognition(asked_on: &str, decided_on: &str) -> Value {
    json!({"asked_on": asked_on, "decision": "Quyết định 31/QĐ-UBND", "decided_on": decided_on})
}

async fn a_removal_is_a_recorded_decision_with_its_own_deadline(app: TestApp) {
    let w = world(&app).await;
    let head = w
        .person(&app, "Nguyễn Văn An", "1980-01-01", A, "official")
        .await;
    let e = w.elect_head(&app, A, "2030-01-06", head).await;
    w.recognise(&app, e, "2030-01-08").await;
    let tenure = w.head_tenure(&app, A, "2030-02-01").await;
    let end = format!("/api/v1/appointments/{}/end", tenure["id"]);
    let read = format!("/api/v1/appointments/{}", tenure["id"]);

    // Without the commune's decision, or with one that cannot be, nothing changes.
    let bare = json!({"ends_on": "2030-06-01", "reason": "removal"});
    assert_refused(
        &app.post_json(&end, &bare, Some(&w.admin)).await,
        "end_decision_required",
    );
    let backwards = json!({"ends_on": "2030-05-25", "reason": "removal",
                           "recognition": recognition("2030-05-29", "2030-05-27")});
    let res = app.post_json(&end, &backwards, Some(&w.admin)).await;
    assert_refused(&res, "end_decided_after_request");
    assert_refused(&res, "end_on_or_after_decision");
    let unchanged = app.get(&read, Some(&w.admin)).await.expect(200).json();
    assert_eq!(unchanged, tenure);

    // The meeting voted on Monday 27 May; recognised on Friday 31 May, within five
    // working days; the head holds the post no more from 1 June.
    let body = json!({"ends_on": "2030-06-01", "reason": "removal",
                      "recognition": recognition("2030-05-27", "2030-05-31")});
    let ended = app
        .post_json(&end, &body, Some(&w.admin))
        .await
        .expect(200)
        .json();
    assert_eq!(ended["end_reason"], "removal");
    assert_eq!(
        ended["end_recognition"],
        json!({"asked_on": "2030-05-27", "decision": "Quyết định 31/QĐ-UBND",
               "decided_on": "2030-05-31", "warning": null})
    );
    assert_eq!(
        app.get(&read, Some(&w.admin)).await.expect(200).json(),
        ended
    );
    let listed = app
        .get(
            &format!("/api/v1/appointments?unit={}", w.village(A)),
            Some(&w.admin),
        )
        .await
        .expect(200)
        .json();
    let row = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == tenure["id"]);
    assert_eq!(
        row.map(|t| &t["end_recognition"]),
        Some(&ended["end_recognition"])
    );
    let trail = app
        .get(
            &format!(
                "/api/v1/audit-events?entity_type=appointment&entity_id={}",
                tenure["id"]
            ),
            Some(&w.admin),
        )
        .await
        .expect(200)
        .json();
    let actions: Vec<&str> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"appointment.end_decision"), "{actions:?}");
}

async fn a_late_recognition_stands_with_a_warning_and_other_ends_take_none(app: TestApp) {
    let w = world(&app).await;
    let head = w
        .person(&app, "Trần Văn Bình", "1981-02-02", B, "official")
        .await;
    let e = w.elect_head(&app, B, "2030-01-06", head).await;
    w.recognise(&app, e, "2030-01-08").await;
    let tenure = w.head_tenure(&app, B, "2030-02-01").await;
    let end = format!("/api/v1/appointments/{}/end", tenure["id"]);

    // A term's end carries no decision of this kind.
    let odd = json!({"ends_on": "2030-06-01", "reason": "term_end",
                     "recognition": recognition("2030-05-27", "2030-05-31")});
    assert_refused(
        &app.post_json(&end, &odd, Some(&w.admin)).await,
        "end_decision_required",
    );

    // Resigned on Monday 27 May, recognised on Tuesday 4 June: due by Monday 3 June.
    let late = json!({"ends_on": "2030-06-04", "reason": "resignation",
                      "recognition": recognition("2030-05-27", "2030-06-04")});
    let ended = app
        .post_json(&end, &late, Some(&w.admin))
        .await
        .expect(200)
        .json();
    let warning = ended["end_recognition"]["warning"]
        .as_str()
        .unwrap_or_default();
    assert!(warning.contains("due by 2030-06-03"), "{ended}");
    assert_eq!(ended["ends_on"], "2030-06-04");
}

both!(
    a_removal_is_a_recorded_decision_with_its_own_deadline,
    a_late_recognition_stands_with_a_warning_and_other_ends_take_none,
);
