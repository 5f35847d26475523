//! The national database the reads are measured on: Vietnam's official map of 30/6/2025
//! with nine villages under each commune (Quảng Ninh's 1,542 spread over its communes),
//! imported in one use-case call and, for the baseline, inserted by plain SQL into a
//! second database; a cell in every village.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use dantin_domain::search::search_keys;
use dantin_domain::unit::{UnitKind, UnitLevel};
use dantin_persistence::{Store, StoreError};
use dantin_tests::database::{Backend, Database};
use dantin_tests::raw_sql::{execute_timed, ids_by_code};
use dantin_usecases::accounts::{self, NewAccount};
use dantin_usecases::unit_import::{self, ImportRow};
use dantin_usecases::Caller;
use diesel::RunQueryDsl;

/// Quảng Ninh's official code, and its villages (Quảng Ninh's figure for 2022).
pub const QUANG_NINH: &str = "22";
const QUANG_NINH_VILLAGES: usize = 1542;
const VILLAGES_PER_COMMUNE: usize = 9;
pub const ADMIN: (&str, &str) = ("bench-admin", "bench-password-0123");

/// The rows of the import: the official map, then the villages.
pub struct Rows {
    pub valid_from: NaiveDate,
    pub rows: Vec<ImportRow>,
    /// Each village's code, its commune's code, and whether it is in Quảng Ninh.
    pub villages: Vec<(String, String, bool)>,
}

pub fn rows() -> Rows {
    let dir = dantin_tests::map::official_data();
    let country = dantin_api::official_map::read_country(&dir).expect("the official map");
    let mut rows = country.rows;
    let parent: HashMap<String, Option<String>> = rows
        .iter()
        .map(|r| (r.code.clone(), r.parent_code.clone()))
        .collect();
    let province_of = |code: &str| {
        let mut code = code.to_owned();
        while let Some(Some(p)) = parent.get(&code) {
            code = p.clone();
        }
        code
    };
    let communes: Vec<(String, bool)> = rows
        .iter()
        .filter(|r| r.level == UnitLevel::Commune)
        .map(|r| (r.code.clone(), province_of(&r.code) == QUANG_NINH))
        .collect();
    let in_quang_ninh = communes.iter().filter(|(_, q)| *q).count();
    let mut villages = Vec::new();
    let mut k = 0;
    for (commune, qn) in communes {
        let count = if qn {
            k += 1;
            QUANG_NINH_VILLAGES / in_quang_ninh
                + usize::from(k <= QUANG_NINH_VILLAGES % in_quang_ninh)
        } else {
            VILLAGES_PER_COMMUNE
        };
        for n in 1..=count {
            let code = format!("{commune}-T{n}");
            rows.push(ImportRow {
                index: rows.len(),
                code: code.clone(),
                name: format!("Thôn {n}"),
                level: UnitLevel::Village,
                kind: UnitKind::Thon,
                parent_code: Some(commune.clone()),
            });
            villages.push((code, commune.clone(), qn));
        }
    }
    Rows {
        valid_from: country.valid_from,
        rows,
        villages,
    }
}

/// A migrated store over a fresh database.
pub fn fresh(backend: Backend) -> (Database, Store) {
    let database = Database::fresh(backend);
    let store = Store::connect(&database.url, 4).expect("connect");
    store.migrate().expect("migrate");
    (database, store)
}

/// Imports the rows through the use case, in one transaction: how long it took.
pub fn import(store: &Store, rows: &Rows) -> Duration {
    let started = Instant::now();
    unit_import::import(
        store,
        &Caller::system("bench"),
        rows.valid_from,
        &rows.rows,
        Vec::new(),
    )
    .expect("the national import");
    started.elapsed()
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The same rows as plain multi-row INSERTs into the same tables (units, their versions,
/// their search keys), in one transaction, on a fresh database: how long it took.
pub fn raw_insert(backend: Backend, rows: &Rows) -> Duration {
    let (database, store) = fresh(backend);
    let mut order: Vec<&ImportRow> = rows.rows.iter().collect();
    order.sort_by_key(|r| UnitLevel::ALL.iter().position(|l| *l == r.level));
    let id: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code.as_str(), i + 1))
        .collect();
    let parent = |r: &ImportRow| {
        r.parent_code
            .as_deref()
            .map_or("NULL".to_owned(), |p| id[p].to_string())
    };
    let from = quoted(&rows.valid_from.to_string());
    // PostgreSQL's identity columns take given ids only when told so.
    let ids = match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " OVERRIDING SYSTEM VALUE",
    };
    let mut statements = Vec::new();
    for chunk in order.chunks(500) {
        let units: Vec<String> = chunk
            .iter()
            .map(|r| {
                format!(
                    "({}, {}, {}, '{}', '{}', {}, {from}, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                    id[r.code.as_str()], quoted(&r.code), quoted(&r.name), r.level.as_str(), r.kind.as_str(), parent(r)
                )
            })
            .collect();
        statements.push(format!(
            "INSERT INTO units (id, code, name, level, kind, parent_id, valid_from, version, created_at, updated_at){ids} VALUES {}",
            units.join(", ")
        ));
        let versions: Vec<String> = chunk
            .iter()
            .map(|r| {
                format!(
                    "({}, {from}, {}, {}, '{}', {})",
                    id[r.code.as_str()],
                    quoted(&r.code),
                    quoted(&r.name),
                    r.kind.as_str(),
                    parent(r)
                )
            })
            .collect();
        statements.push(format!(
            "INSERT INTO unit_versions (unit_id, valid_from, code, name, kind, parent_id) VALUES {}",
            versions.join(", ")
        ));
        let keys: Vec<String> = chunk
            .iter()
            .flat_map(|r| {
                let unit = id[r.code.as_str()];
                search_keys(&r.name)
                    .into_iter()
                    .map(move |k| format!("({}, {unit})", quoted(&k)))
            })
            .collect();
        statements.push(format!(
            "INSERT INTO unit_search_keys (key, unit_id) VALUES {}",
            keys.join(", ")
        ));
    }
    let took = execute_timed(&store, &statements);
    drop(store);
    database.remove();
    took
}

/// The bench's admin account.
pub fn admin(store: &Store) {
    let new = NewAccount {
        username: ADMIN.0.to_owned(),
        password_hash: dantin_api::auth::hash_password(ADMIN.1),
        role: dantin_domain::access::Role::Admin,
        coordinator: false,
    };
    accounts::create(store, &Caller::system("bench"), new, None).expect("the admin account");
}

/// A cell in every village, from the map's first day: plain SQL, far faster than the API.
pub fn cells(store: &Store, valid_from: NaiveDate) {
    let run = |sql: String| {
        store
            .write(|c| diesel::sql_query(sql).execute(c).map_err(StoreError::from))
            .expect("seed statement");
    };
    run(format!(
        "INSERT INTO party_orgs (name, kind, parent_id, unit_id, version, created_at, updated_at, valid_from) \
         SELECT 'Chi bộ ' || name, 'cell', NULL, id, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '{valid_from}' \
         FROM units WHERE level = 'village'"
    ));
    run(format!(
        "INSERT INTO party_org_versions (org_id, valid_from, name, parent_id, unit_id) \
         SELECT id, '{valid_from}', name, NULL, unit_id FROM party_orgs WHERE kind = 'cell'"
    ));
    for table in ["party_orgs", "party_org_versions"] {
        run(format!("ANALYZE {table}"));
    }
}

/// Each unit's id by code, and each village's cell by the village's code.
pub fn ids(store: &Store) -> (HashMap<String, i64>, HashMap<String, i64>) {
    (
        ids_by_code(store, "SELECT id, code FROM units WHERE code IS NOT NULL"),
        ids_by_code(
            store,
            "SELECT o.id, u.code FROM party_orgs o JOIN units u ON u.id = o.unit_id WHERE u.code IS NOT NULL",
        ),
    )
}

/// A day some weeks into the map, when the tenures the bench records have begun.
pub fn day(valid_from: NaiveDate, weeks: u64) -> NaiveDate {
    valid_from + Days::new(7 * weeks)
}
