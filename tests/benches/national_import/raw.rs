//! The reform's baseline: the rows the act writes to the map, written by plain SQL on a
//! second copy of the country: the new provinces and communes with their versions, every
//! old version ended, the old provinces, districts and communes ended, every village's new
//! version under its merged commune and its parent updated, the successions.

use std::collections::HashMap;
use std::time::Duration;

use dantin_persistence::Store;
use dantin_tests::raw_sql::{execute_timed, ids_by_code};

const DAY: &str = "'2025-07-01'";
const NOW: &str = "'2026-01-01 00:00:00'";

/// Multi-row INSERTs of `rows` into `head`, 500 rows a statement.
fn inserts(head: &str, rows: &[String]) -> Vec<String> {
    rows.chunks(500)
        .map(|chunk| format!("{head} VALUES {}", chunk.join(", ")))
        .collect()
}

/// Writes the reform of `super::reform(provinces)` on the country `store` holds, in one
/// transaction: how long it took, and how many rows it wrote.
pub fn reform(store: &Store, provinces: usize) -> (Duration, usize) {
    // PostgreSQL's identity columns take given ids only when told so.
    let given = match store.backend() {
        dantin_persistence::Backend::Sqlite => "",
        dantin_persistence::Backend::Postgres => " OVERRIDING SYSTEM VALUE",
    };
    let mut ids = ids_by_code(store, "SELECT id, code FROM units WHERE code IS NOT NULL");
    let mut next = ids.values().max().copied().unwrap_or(0) + 1;
    let mut new_unit = |code: String, ids: &mut HashMap<String, i64>| {
        ids.insert(code, next);
        next += 1;
        next - 1
    };
    let (mut units, mut versions, mut successions) = (Vec::new(), Vec::new(), Vec::new());
    let mut unit =
        |id: i64, code: &str, name: &str, level: &str, kind: &str, parent: Option<i64>| {
            let parent = parent.map_or("NULL".to_owned(), |p| p.to_string());
            units.push(format!(
                "({id}, '{code}', '{name}', '{level}', '{kind}', {parent}, {DAY}, 1, {NOW}, {NOW})"
            ));
            versions.push(format!(
                "({id}, {DAY}, '{code}', '{name}', '{kind}', {parent})"
            ));
        };
    let mut villages = Vec::new();
    for p in 0..provinces {
        let (old, new) = (format!("B{p}"), format!("N{}", p / 2));
        if p % 2 == 0 {
            let id = new_unit(new.clone(), &mut ids);
            unit(
                id,
                &new,
                &format!("Tỉnh Hợp Nhất {}", p / 2),
                "province",
                "tinh",
                None,
            );
        }
        successions.push(format!("(1, {}, {}, TRUE)", ids[&old], ids[&new]));
        for d in 0..11 {
            for c in 0..15 {
                let n = d * 15 + c;
                let (cc, merged) = (format!("{old}-{d}-{c}"), format!("{new}-{p}-{}", n / 3));
                if n % 3 == 0 {
                    let id = new_unit(merged.clone(), &mut ids);
                    let name = format!("Phường Hợp Nhất {p} {}", n / 3);
                    unit(id, &merged, &name, "commune", "phuong", Some(ids[&new]));
                }
                successions.push(format!("(1, {}, {}, TRUE)", ids[&cc], ids[&merged]));
                for v in 0..10 {
                    let code = format!("{cc}-{v}");
                    villages.push(format!(
                        "({}, {DAY}, '{code}', 'Thôn Khe Tâm {v} {c} {d} {p}', 'thon', {})",
                        ids[&code], ids[&merged]
                    ));
                }
            }
        }
    }
    let mut statements = vec![format!(
        "INSERT INTO reorganizations (id, effective_on, basis, operations, created, ended, changed, successions, created_at){given} \
         VALUES (1, {DAY}, 'Nghị quyết 202/2025/QH15', '[]', 0, 0, 0, 0, {NOW})"
    )];
    statements.push(format!(
        "UPDATE unit_versions SET valid_to = {DAY} WHERE valid_to IS NULL AND valid_from < {DAY} \
         AND unit_id IN (SELECT id FROM units WHERE code LIKE 'B%')"
    ));
    statements.push(format!(
        "UPDATE units SET valid_to = {DAY}, updated_at = {NOW} \
         WHERE valid_from < {DAY} AND level <> 'village' AND code LIKE 'B%'"
    ));
    let written = units.len() * 2 + villages.len() + successions.len();
    statements.extend(inserts(
        &format!("INSERT INTO units (id, code, name, level, kind, parent_id, valid_from, version, created_at, updated_at){given}"),
        &units,
    ));
    let version_head =
        "INSERT INTO unit_versions (unit_id, valid_from, code, name, kind, parent_id)";
    statements.extend(inserts(version_head, &versions));
    statements.extend(inserts(version_head, &villages));
    statements.push(format!(
        "UPDATE units SET parent_id = (SELECT v.parent_id FROM unit_versions v \
         WHERE v.unit_id = units.id AND v.valid_from = {DAY}), updated_at = {NOW} \
         WHERE level = 'village' AND code LIKE 'B%'"
    ));
    statements.extend(inserts(
        "INSERT INTO unit_successions (reorganization_id, predecessor_id, successor_id, whole)",
        &successions,
    ));
    (execute_timed(store, &statements), written)
}
