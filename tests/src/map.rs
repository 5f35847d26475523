//! A small map with official codes, and the reads and acts the history tests make on it;
//! and where the real one is.

use std::path::PathBuf;

use serde_json::Value;

use crate::{json, Resp, TestApp};

/// The day before the acts of the tests, and their day.
pub const BEFORE: &str = "2025-06-30";
pub const DAY: &str = "2025-07-01";

/// Imports Tỉnh P; huyện D under it; xã C1, C2, C3 under D; thôn V1 under C1, V2 under C2, V3
/// and V4 under C3. All in force from 2020-01-01.
pub async fn small_map(app: &TestApp, admin: &str) {
    let units = json!([
        {"code": "P", "name": "Tỉnh Mẫu", "level": "province"},
        {"code": "D", "name": "Huyện Mẫu", "level": "district", "parent_code": "P"},
        {"code": "C1", "name": "Xã Một", "level": "commune", "parent_code": "D"},
        {"code": "C2", "name": "Xã Hai", "level": "commune", "parent_code": "D"},
        {"code": "C3", "name": "Xã Ba", "level": "commune", "parent_code": "D"},
        {"code": "V1", "name": "Thôn Một", "level": "village", "parent_code": "C1"},
        {"code": "V2", "name": "Thôn Hai", "level": "village", "parent_code": "C2"},
        {"code": "V3", "name": "Thôn Ba", "level": "village", "parent_code": "C3"},
        {"code": "V4", "name": "Thôn Bốn", "level": "village", "parent_code": "C3"},
    ]);
    let res = app
        .post_json(
            "/api/v1/units/import",
            &json!({"valid_from": "2020-01-01", "units": units}),
            Some(admin),
        )
        .await;
    res.expect(201);
}

/// The unit that had `code` on `on`.
pub async fn by_code(app: &TestApp, code: &str, on: &str) -> Value {
    let res = app
        .get(&format!("/api/v1/units?code={code}&on={on}"), None)
        .await;
    let items = res.expect(200).json()["items"].clone();
    assert_eq!(
        items.as_array().map(Vec::len),
        Some(1),
        "{code} on {on}: {items}"
    );
    items[0].clone()
}

pub async fn unit_on(app: &TestApp, id: i64, on: &str) -> Resp {
    app.get(&format!("/api/v1/units/{id}?on={on}"), None).await
}

pub async fn apply(app: &TestApp, admin: &str, operations: Value) -> Resp {
    let act = json!({"effective_on": DAY, "basis": "Nghị quyết 1679/NQ-UBTVQH15", "operations": operations});
    app.post_json("/api/v1/reorganizations", &act, Some(admin))
        .await
}

/// The folder of the official map (`bash scripts/official-map.sh` writes it; `make test`
/// runs that first).
pub fn official_data() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/official-map");
    assert!(
        dir.join("reform-2025-07-01.json").exists(),
        "no official map in {}: run `bash scripts/official-map.sh` (make test does)",
        dir.display()
    );
    dir
}
