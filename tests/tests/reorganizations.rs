//! Reorganisations (rule 22) as a portal sees them: a merge, a split, a rename, a
//! reclassification, a move and a recode, each read back the day before and the day of;
//! a reused code found by `code&on`; lineage and successors; an act refused whole.

use dantin_tests::map::{apply, by_code, small_map, unit_on, BEFORE, DAY};
use dantin_tests::unchanged::Unchanged;
use dantin_tests::world::id_of;
use dantin_tests::{both, json, TestApp};

async fn a_merge_ends_communes_moves_their_villages_and_records_the_succession(app: TestApp) {
    let admin = app.admin().await;
    small_map(&app, &admin).await;
    let c1 = id_of(&by_code(&app, "C1", BEFORE).await);
    let v1 = id_of(&by_code(&app, "V1", BEFORE).await);
    let p = id_of(&by_code(&app, "P", BEFORE).await);
    let res = apply(
        &app,
        &admin,
        json!([
            {"op": "end", "code": "C1"},
            {"op": "end", "code": "C2"},
            {"op": "move", "code": "V1", "parent_code": "C9"},
            {"op": "move", "code": "V2", "parent_code": "C9"},
            {"op": "create", "unit": {"code": "C9", "name": "Phường Hợp Nhất", "level": "commune", "parent_code": "P"}},
            {"op": "succeed", "from": "C1", "to": ["C9"]},
            {"op": "succeed", "from": "C2", "to": ["C9"]},
        ]),
    )
    .await;
    let act = res.expect(201).json();
    assert_eq!(
        (
            &act["created"],
            &act["ended"],
            &act["changed"],
            &act["successions"]
        ),
        (&json!(1), &json!(2), &json!(2), &json!(2))
    );
    let c9 = by_code(&app, "C9", DAY).await;
    assert_eq!(c9["kind"], "phuong", "read from the name");
    assert_eq!(c9["parent_id"], p);

    // The village, the day before and the day of.
    assert_eq!(
        unit_on(&app, v1, BEFORE).await.expect(200).json()["parent_id"],
        c1
    );
    assert_eq!(
        unit_on(&app, v1, DAY).await.expect(200).json()["parent_id"],
        c9["id"]
    );
    // The commune, ended: its days.
    let gone = unit_on(&app, c1, DAY).await;
    let problem = gone.expect_problem(404, "not_in_force");
    assert_eq!(
        problem["in_force"],
        json!({"valid_from": "2020-01-01", "valid_to": DAY})
    );
    assert_eq!(
        unit_on(&app, c1, BEFORE).await.expect(200).json()["name"],
        "Xã Một"
    );

    // Where it went, and who carries it on a later day.
    let lineage = app
        .get(&format!("/api/v1/units/{c1}/lineage"), None)
        .await
        .expect(200)
        .json();
    assert_eq!(lineage["successors"][0]["successor_id"], c9["id"]);
    assert_eq!(lineage["successors"][0]["whole"], true);
    assert_eq!(
        lineage["successors"][0]["basis"],
        "Nghị quyết 1679/NQ-UBTVQH15"
    );
    let carriers = app
        .get(
            &format!("/api/v1/units/{c1}/successors?on=2026-01-01"),
            None,
        )
        .await
        .expect(200)
        .json();
    assert_eq!(carriers, json!([c9.clone()]));
    let back = app
        .get(
            &format!("/api/v1/units/{}/successors?on=2021-01-01", c9["id"]),
            None,
        )
        .await
        .expect(200)
        .json();
    let names: Vec<&str> = back
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Xã Một", "Xã Hai"]);

    // The act itself, public.
    let read = app
        .get(&format!("/api/v1/reorganizations/{}", act["id"]), None)
        .await
        .expect(200)
        .json();
    assert_eq!(read["operations"].as_array().map(Vec::len), Some(7));
    assert_eq!(read["operations"][4]["unit"]["kind"], "phuong");
    // When it was recorded: an RFC 3339 instant, as the spec's `date-time` says.
    let recorded = read["recorded_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(recorded).is_ok(),
        "{recorded}"
    );
}

async fn a_split_is_partial_and_names_each_successor(app: TestApp) {
    let admin = app.admin().await;
    small_map(&app, &admin).await;
    let c3 = id_of(&by_code(&app, "C3", BEFORE).await);
    apply(
        &app,
        &admin,
        json!([
            {"op": "create", "unit": {"code": "C7", "name": "Xã Bảy", "level": "commune", "parent_code": "D"}},
            {"op": "create", "unit": {"code": "C8", "name": "Xã Tám", "level": "commune", "parent_code": "D"}},
            {"op": "move", "code": "V3", "parent_code": "C7"},
            {"op": "move", "code": "V4", "parent_code": "C8"},
            {"op": "end", "code": "C3"},
            {"op": "succeed", "from": "C3", "to": ["C7", "C8"]},
        ]),
    )
    .await
    .expect(201);
    let lineage = app
        .get(&format!("/api/v1/units/{c3}/lineage"), None)
        .await
        .expect(200)
        .json();
    let successors = lineage["successors"].as_array().unwrap();
    assert_eq!(successors.len(), 2);
    assert!(successors.iter().all(|s| s["whole"] == false));
    let carriers = app
        .get(&format!("/api/v1/units/{c3}/successors?on={DAY}"), None)
        .await
        .expect(200)
        .json();
    let codes: Vec<&str> = carriers
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["C7", "C8"]);
}

async fn a_rename_reclassify_and_recode_change_the_day_not_the_past(app: TestApp) {
    let admin = app.admin().await;
    small_map(&app, &admin).await;
    let c1 = id_of(&by_code(&app, "C1", BEFORE).await);
    let d = id_of(&by_code(&app, "D", BEFORE).await);
    apply(
        &app,
        &admin,
        json!([
            {"op": "rename", "code": "C1", "name": "Phường Một"},
            {"op": "reclassify", "code": "C1", "kind": "Phường"},
            {"op": "recode", "code": "C1", "new_code": "C1X"},
            {"op": "create", "unit": {"code": "C1", "name": "Xã Một Mới", "level": "commune", "parent_code": "D"}},
            {"op": "reclassify", "code": "D", "kind": "thi xa"},
            {"op": "rename", "code": "V2", "name": "Thôn Hai Mới"},
        ]),
    )
    .await
    .expect(201);
    let before = unit_on(&app, c1, BEFORE).await.expect(200).json();
    assert_eq!(
        (&before["name"], &before["kind"], &before["code"]),
        (&json!("Xã Một"), &json!("xa"), &json!("C1"))
    );
    let after = unit_on(&app, c1, DAY).await.expect(200).json();
    assert_eq!(
        (&after["name"], &after["kind"], &after["code"]),
        (&json!("Phường Một"), &json!("phuong"), &json!("C1X"))
    );
    assert_eq!(
        unit_on(&app, d, DAY).await.expect(200).json()["kind"],
        "thi_xa"
    );
    assert_eq!(
        unit_on(&app, d, BEFORE).await.expect(200).json()["kind"],
        "huyen"
    );
    // The code, reused the same day by a new unit: each day finds its own.
    assert_eq!(id_of(&by_code(&app, "C1", BEFORE).await), c1);
    let reused = by_code(&app, "C1", DAY).await;
    assert_ne!(id_of(&reused), c1);
    assert_eq!(reused["name"], "Xã Một Mới");
    // A correction of a unit's dates cannot undo a change a reorganisation made.
    let v2 = id_of(&by_code(&app, "V2", DAY).await);
    let res = app
        .patch_json(
            &format!("/api/v1/units/{v2}"),
            &json!({"valid_from": "2025-08-01"}),
            Some(&admin),
        )
        .await;
    res.expect_problem(422, "rule_violation");
    assert!(
        res.rules().contains(&"unit_versions_kept".to_owned()),
        "{:?}",
        res.rules()
    );
    // The old name still finds the unit it named.
    let found = app
        .get(&format!("/api/v1/units?q=xa%20mot&on={BEFORE}"), None)
        .await
        .expect(200)
        .json();
    assert_eq!(found["items"][0]["id"], c1);
}

async fn a_move_keeps_the_villages_under_the_map_of_each_day(app: TestApp) {
    let admin = app.admin().await;
    small_map(&app, &admin).await;
    let p = id_of(&by_code(&app, "P", BEFORE).await);
    let d = id_of(&by_code(&app, "D", BEFORE).await);
    // The districts end: every commune moves up under its province.
    apply(
        &app,
        &admin,
        json!([
            {"op": "move", "code": "C1", "parent_code": "P"},
            {"op": "move", "code": "C2", "parent_code": "P"},
            {"op": "move", "code": "C3", "parent_code": "P"},
            {"op": "end", "code": "D"},
        ]),
    )
    .await
    .expect(201);
    let children = |on: &str| {
        let app = &app;
        let on = on.to_owned();
        async move {
            let page = app
                .get(&format!("/api/v1/units?parent={p}&on={on}"), None)
                .await;
            let body = page.expect(200).json();
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(children(BEFORE).await, ["Huyện Mẫu"]);
    assert_eq!(children(DAY).await, ["Xã Một", "Xã Hai", "Xã Ba"]);
    // Today's province, as its units stood in 2020: the communes under it today.
    let then = app
        .get(
            &format!("/api/v1/units?parent={p}&on=2021-01-01&map={DAY}"),
            None,
        )
        .await
        .expect(200)
        .json();
    assert_eq!(then["items"].as_array().map(Vec::len), Some(3));
    assert_eq!(then["items"][0]["parent_id"], d, "as they were in 2021");
}

async fn an_act_with_one_bad_operation_is_refused_whole(app: TestApp) {
    let admin = app.admin().await;
    small_map(&app, &admin).await;
    let before = Unchanged::mark(&app).await;
    let c3 = id_of(&by_code(&app, "C3", BEFORE).await);
    let res = apply(
        &app,
        &admin,
        json!([
            {"op": "rename", "code": "C1", "name": "Xã Đổi Tên"},
            {"op": "end", "code": "C3"},
            {"op": "move", "code": "V1", "parent_code": "NOWHERE"},
            {"op": "create", "unit": {"code": "C2", "name": "Xã Trùng Mã", "level": "commune", "parent_code": "D"}},
            {"op": "move", "code": "D", "parent_code": "V2"},
        ]),
    )
    .await;
    let problem = res.expect_problem(422, "import_rejected");
    let errors: Vec<(u64, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["index"].as_u64().unwrap(), e["rule"].as_str().unwrap()))
        .collect();
    assert!(
        errors.contains(&(1, "unit_children_in_force")),
        "{errors:?}"
    );
    assert!(errors.contains(&(2, "unit_parent_exists")), "{errors:?}");
    assert!(
        errors.contains(&(3, "unit_code_unique_on_date")),
        "{errors:?}"
    );
    assert!(errors.contains(&(4, "unit_parent_level")), "{errors:?}");
    assert!(
        errors.iter().all(|(i, _)| *i != 0),
        "the rename was fine: {errors:?}"
    );
    before.assert(&app).await;
    assert_eq!(
        unit_on(&app, c3, DAY).await.expect(200).json()["name"],
        "Xã Ba"
    );
    assert_eq!(by_code(&app, "C1", DAY).await["name"], "Xã Một");
    let acts = app
        .get("/api/v1/reorganizations", None)
        .await
        .expect(200)
        .json();
    assert_eq!(acts["items"], json!([]));
}

async fn names_and_codes_keep_an_imports_bounds(app: TestApp) {
    let admin = app.admin().await;
    small_map(&app, &admin).await;
    let long = "Xã ".to_owned() + &"Dài ".repeat(60);
    let res = apply(
        &app,
        &admin,
        json!([
            {"op": "rename", "code": "C1", "name": long},
            {"op": "recode", "code": "C2", "new_code": "C".repeat(33)},
        ]),
    )
    .await;
    let problem = res.expect_problem(422, "validation_failed");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["operations[0].name", "operations[1].new_code"]);
    assert_eq!(by_code(&app, "C1", DAY).await["name"], "Xã Một");
}

async fn only_an_admin_applies_an_act(app: TestApp) {
    let officer = app.officer().await;
    let res = apply(&app, &officer, json!([{"op": "end", "code": "22"}])).await;
    res.expect_problem(403, "forbidden");
}

both!(
    a_merge_ends_communes_moves_their_villages_and_records_the_succession,
    a_split_is_partial_and_names_each_successor,
    a_rename_reclassify_and_recode_change_the_day_not_the_past,
    a_move_keeps_the_villages_under_the_map_of_each_day,
    an_act_with_one_bad_operation_is_refused_whole,
    names_and_codes_keep_an_imports_bounds,
    only_an_admin_applies_an_act,
);
