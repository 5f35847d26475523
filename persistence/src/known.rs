//! Reads as known at an instant (rule 22, bitemporal): what the registry said then,
//! before later corrections and changes were recorded.
//!
//! The tables below carry `recorded_at`, and their updates and deletes keep the rows as
//! they were in `<table>_history` with `superseded_at` (triggers of the migration
//! `known_time`). For a read as known at `T`, each is shadowed, inside a transaction that
//! is always rolled back, by a temporary table of the same name holding the rows recorded
//! by `T` and not superseded by `T`; the queries, written once, then read the shadows (a
//! temporary table comes first in both backends' name resolution). Other tables (elections,
//! congresses, terms, rule sets) are read as they are now.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;

use crate::db::{Backend, Db};
use crate::error::StoreResult;

/// The tables that carry transaction time, and whether they keep a history (the others
/// are only ever inserted into).
const TABLES: &[(&str, bool)] = &[
    ("units", true),
    ("unit_versions", true),
    ("unit_successions", false),
    ("party_orgs", true),
    ("party_org_versions", true),
    ("persons", true),
    ("appointments", true),
    ("party_status_changes", true),
];

/// Shadows each table of `TABLES` with its rows as known at `at`. Only inside a
/// transaction that is rolled back: the shadows must not outlive the read.
pub(crate) fn shadow(c: &mut Db, backend: Backend, at: NaiveDateTime) -> StoreResult<()> {
    let schema = match backend {
        Backend::Sqlite => "main",
        Backend::Postgres => "public",
    };
    // Formatted, not bound: the same text on both backends, and no input reaches it but a
    // parsed instant. SQLite compares the stored text, which sorts as the instant does.
    let at = at.format("'%Y-%m-%d %H:%M:%S%.6f'");
    let mut sql = String::new();
    for (table, history) in TABLES {
        let recorded = format!("SELECT * FROM {schema}.{table} WHERE recorded_at <= {at}");
        if *history {
            sql.push_str(&format!(
                "CREATE TEMP TABLE {table} AS \
                 SELECT *, recorded_at AS superseded_at FROM ({recorded}) AS now_known \
                 UNION ALL SELECT * FROM {schema}.{table}_history \
                 WHERE recorded_at <= {at} AND superseded_at > {at};\n\
                 ALTER TABLE {table} DROP COLUMN superseded_at;\n"
            ));
        } else {
            sql.push_str(&format!("CREATE TEMP TABLE {table} AS {recorded};\n"));
        }
        sql.push_str(&format!("CREATE INDEX {table}_known_id ON {table} (id);\n"));
    }
    c.batch_execute(&sql)?;
    Ok(())
}
