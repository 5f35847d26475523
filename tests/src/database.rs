//! A fresh, empty database of either backend for one test, and its removal afterwards.
//! PostgreSQL being unreachable fails the test: its tests never pass by skipping.

use std::path::PathBuf;

use diesel::{Connection, RunQueryDsl};
use rand::Rng;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Its name, as `BENCH_BACKENDS` and the benches' tables write it.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// The backends a bench runs on: those `BENCH_BACKENDS` names (`sqlite`, `postgres`,
    /// separated by spaces or commas), both when it is unset.
    pub fn benched() -> Vec<Backend> {
        let named = std::env::var("BENCH_BACKENDS").unwrap_or_default();
        let all = [Backend::Sqlite, Backend::Postgres];
        if named.trim().is_empty() {
            return all.to_vec();
        }
        let names: Vec<&str> = named.split([' ', ',']).filter(|n| !n.is_empty()).collect();
        for name in &names {
            assert!(
                all.iter().any(|b| b.name() == *name),
                "BENCH_BACKENDS names sqlite or postgres, not {name:?}"
            );
        }
        all.into_iter()
            .filter(|b| names.contains(&b.name()))
            .collect()
    }
}

/// Where the PostgreSQL server for tests is (`DANTIN_TEST_PG_URL`).
pub fn pg_base() -> String {
    std::env::var("DANTIN_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
        .trim_end_matches('/')
        .to_owned()
}

fn random_hex() -> String {
    format!("{:016x}", rand::thread_rng().gen::<u64>())
}

/// A database made for one test: a SQLite file or a PostgreSQL database of its own.
#[derive(Debug, Clone)]
pub struct Database {
    pub backend: Backend,
    pub url: String,
    sqlite_path: Option<PathBuf>,
}

impl Database {
    pub fn fresh(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("dantin-e2e-{}.sqlite", random_hex()));
                Self {
                    backend,
                    url: format!("sqlite://{}", path.display()),
                    sqlite_path: Some(path),
                }
            }
            Backend::Postgres => {
                let base = pg_base();
                let name = format!("dantin_t_{}", random_hex());
                let mut admin = diesel::PgConnection::establish(&format!("{base}/postgres"))
                    .unwrap_or_else(|e| panic!("PostgreSQL at {base} is unreachable: {e}"));
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .unwrap_or_else(|e| panic!("cannot create database {name}: {e}"));
                Self {
                    backend,
                    url: format!("{base}/{name}"),
                    sqlite_path: None,
                }
            }
        }
    }

    /// Removes the database; every connection to it must be closed first.
    pub fn remove(&self) {
        match &self.sqlite_path {
            Some(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            None => {
                if let Some(name) = self.url.rsplit('/').next() {
                    if let Ok(mut admin) =
                        diesel::PgConnection::establish(&format!("{}/postgres", pg_base()))
                    {
                        let _ = diesel::sql_query(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        ))
                        .execute(&mut admin);
                    }
                }
            }
        }
    }
}

/// A migrated store over a fresh database, for tests that call storage and the use cases
/// directly; the database is removed when it is dropped.
pub struct StoreFixture {
    store: Option<dantin_persistence::Store>,
    pub database: Database,
}

impl StoreFixture {
    pub fn new(backend: Backend) -> Self {
        let database = Database::fresh(backend);
        let store = dantin_persistence::Store::connect(&database.url, 2).expect("connect");
        store.migrate().expect("migrate");
        Self {
            store: Some(store),
            database,
        }
    }

    pub fn store(&self) -> &dantin_persistence::Store {
        self.store.as_ref().expect("the store lives until drop")
    }

    /// Another store on the same database: a second process, as far as locks go.
    pub fn second_store(&self) -> dantin_persistence::Store {
        dantin_persistence::Store::connect(&self.database.url, 2).expect("second store")
    }
}

impl Drop for StoreFixture {
    fn drop(&mut self) {
        drop(self.store.take());
        self.database.remove();
    }
}

/// Generates `sqlite::name` and `postgres::name` tests from `fn name(db: &StoreFixture)`,
/// each on a fresh migrated store.
#[macro_export]
macro_rules! on_both_stores {
    ($($name:ident),+ $(,)?) => {
        $crate::on_both_stores!(@backend sqlite, Sqlite; $($name),+);
        $crate::on_both_stores!(@backend postgres, Postgres; $($name),+);
    };
    (@backend $module:ident, $backend:ident; $($name:ident),+) => {
        mod $module {
            $(
                #[test]
                fn $name() {
                    let db = $crate::database::StoreFixture::new($crate::Backend::$backend);
                    super::$name(&db);
                }
            )+
        }
    };
}
