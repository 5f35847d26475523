//! Connections, the pool and migrations. The backend is chosen by the URL's scheme,
//! never by trying one after the other.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::error::{StoreError, StoreResult};
use crate::kept::KeptParts;

/// The migrations of each backend, embedded in the binary (same names, same meaning).
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// One connection to either backend; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum Db {
    Postgres(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Where the database is, parsed from `sqlite://PATH` or `postgres://...`.
#[derive(Debug, Clone)]
pub enum DatabaseUrl {
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> StoreResult<Self> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            Ok(DatabaseUrl::Sqlite(path.to_owned()))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DatabaseUrl::Postgres(url.to_owned()))
        } else {
            Err(StoreError::Unavailable(
                "the database URL must start with sqlite:// or postgres://".to_owned(),
            ))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Opens connections of the URL's backend; SQLite ones get WAL, foreign keys and a busy
/// timeout before first use.
#[derive(Debug)]
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = Db;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Db, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => diesel::PgConnection::establish(url)
                .map(Db::Postgres)
                .map_err(r2d2::Error::ConnectionError),
            DatabaseUrl::Sqlite(path) => {
                let mut c = diesel::SqliteConnection::establish(path)
                    .map_err(r2d2::Error::ConnectionError)?;
                // busy_timeout first, so that the statements after it wait instead of failing.
                c.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(Db::Sqlite(c))
            }
        }
    }

    fn is_valid(&self, conn: &mut Db) -> Result<(), r2d2::Error> {
        conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut Db) -> bool {
        conn.is_broken()
    }
}

/// The database: a pool of connections and the way to read and write through them.
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<Manager>,
    backend: Backend,
    /// SQLite allows one writer at a time; writers of this process queue here instead of
    /// failing with SQLITE_BUSY when a deferred transaction tries to upgrade its lock.
    sqlite_writer: Arc<Mutex<()>>,
    /// Reads see the registry as it was known at this instant (`as_known_at`).
    known_at: Option<NaiveDateTime>,
    /// The reports' parts this process keeps (`kept`).
    kept: Arc<KeptParts>,
}

impl Store {
    pub fn connect(url: &str, max_connections: u32) -> StoreResult<Self> {
        let url = DatabaseUrl::parse(url)?;
        if let DatabaseUrl::Sqlite(path) = &url {
            if let Some(dir) = std::path::Path::new(path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        StoreError::Unavailable(format!("cannot create {}: {e}", dir.display()))
                    })?;
                }
            }
        }
        if let DatabaseUrl::Sqlite(path) = &url {
            // WAL is a property of the file: set it once, before the pool opens its
            // connections all at once.
            diesel::SqliteConnection::establish(path)
                .and_then(|mut c| {
                    c.batch_execute("PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;")
                        .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))
                })
                .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        }
        let backend = url.backend();
        let pool = r2d2::Pool::builder()
            .max_size(max_connections)
            .connection_timeout(Duration::from_secs(5))
            .build(Manager { url })
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        Ok(Self {
            pool,
            backend,
            sqlite_writer: Arc::new(Mutex::new(())),
            known_at: None,
            kept: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// How many connections the pool opens at most.
    pub fn max_connections(&self) -> u32 {
        self.pool.max_size()
    }

    /// Applies the embedded migrations that have not run yet.
    pub fn migrate(&self) -> StoreResult<()> {
        let mut conn = self.conn()?;
        let result = match &mut *conn {
            Db::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(drop),
            Db::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(drop),
        };
        result.map_err(|e| StoreError::Migration(e.to_string()))?;
        drop(conn);
        if let Some(events) = self.write(crate::audit::build_tree)? {
            log::info!("built the audit log's kept tree from its {events} events");
        }
        let backfilled: usize = self.write(crate::persons::backfill_search_keys)?;
        if backfilled > 0 {
            log::info!(
                "gave name search keys to {backfilled} persons stored before names were searchable"
            );
        }
        Ok(())
    }

    fn conn(&self) -> StoreResult<r2d2::PooledConnection<Manager>> {
        self.pool
            .get()
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }

    /// The same database, whose reads answer what the registry said at `at` (`None`: what
    /// it says now). Writes are unaffected: they always write now.
    pub fn as_known_at(&self, at: Option<NaiveDateTime>) -> Store {
        Store {
            known_at: at,
            ..self.clone()
        }
    }

    /// The reports' parts kept by this process, for reads of what the registry says now
    /// (none as known at an instant).
    pub fn kept(&self) -> Option<&KeptParts> {
        self.known_at.is_none().then_some(&*self.kept)
    }

    /// Runs `f` on a connection: for reads. Outside any transaction; as known at an
    /// instant, in a transaction that is rolled back (`known`).
    pub fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Db) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.conn()?;
        let Some(at) = self.known_at else {
            return f(&mut conn);
        };
        /// How the always rolled-back transaction ends.
        enum Done<T, E> {
            Store(StoreError),
            Read(Result<T, E>),
        }
        impl<T, E> From<diesel::result::Error> for Done<T, E> {
            fn from(e: diesel::result::Error) -> Self {
                Done::Store(e.into())
            }
        }
        let backend = self.backend;
        let ended = (*conn).transaction::<(), Done<T, E>, _>(|c| {
            crate::known::shadow(c, backend, at).map_err(Done::Store)?;
            Err(Done::Read(f(c)))
        });
        match ended {
            Err(Done::Read(read)) => read,
            Err(Done::Store(e)) => Err(e.into()),
            Ok(()) => unreachable!("the read's transaction always rolls back"),
        }
    }

    /// Runs `f` in one transaction: it commits when `f` returns `Ok`, and nothing of it
    /// stays when `f` returns an error. `f` may fail with the caller's own error type, so
    /// that every check a write depends on (the caller's area included) runs inside it.
    ///
    /// Writers run one at a time. Every write ends in the audit chain anyway, and the
    /// rules checked before an insert (one holder per post, a code free on a day, a unit
    /// within the caller's area) hold only if no other writer slips in between the check
    /// and the insert: on PostgreSQL the transaction takes the chain head's row lock
    /// first; on SQLite the process-wide writer lock and SQLite's own single writer do
    /// the same.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Db) -> Result<T, E>,
    ) -> Result<T, E> {
        self.transaction(|c| {
            crate::audit::lock_chain(c)?;
            let done = f(c)?;
            crate::changes::collect(c)?;
            crate::marks::mark_touched(c)?;
            Ok(done)
        })
    }

    /// Runs `f` in one transaction that records how the service itself does (webhook
    /// deliveries, rate limits): outside the audit chain and the data version, since no
    /// public read shows it. On SQLite it takes the write lock first, as a write does, so
    /// that what it reads stays true until it writes (a read that later wants to write
    /// could find another process's commit in its way).
    pub fn bookkeep<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Db) -> Result<T, E>,
    ) -> Result<T, E> {
        self.transaction(|c| {
            if let Db::Sqlite(lite) = c {
                lite.batch_execute("UPDATE audit_head SET data_version = data_version WHERE false")
                    .map_err(StoreError::from)?;
            }
            f(c)
        })
    }

    /// One transaction, after the process's writer lock on SQLite.
    fn transaction<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut Db) -> Result<T, E>,
    ) -> Result<T, E> {
        /// Diesel rolls back on any error convertible from its own; the caller's error
        /// rides through unchanged.
        enum Failed<E> {
            Store(StoreError),
            Caller(E),
        }
        impl<E> From<diesel::result::Error> for Failed<E> {
            fn from(e: diesel::result::Error) -> Self {
                Failed::Store(e.into())
            }
        }
        let mut conn = self.conn()?;
        let _guard = self.writer_guard();
        (*conn)
            .transaction(|c| f(c).map_err(Failed::Caller))
            .map_err(|e| match e {
                Failed::Store(e) => E::from(e),
                Failed::Caller(e) => e,
            })
    }

    fn writer_guard(&self) -> Option<MutexGuard<'_, ()>> {
        (self.backend == Backend::Sqlite)
            .then(|| self.sqlite_writer.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The data version (`audit::data_version`), read now, whatever instant the reads of
    /// this store are known at.
    pub fn data_version(&self) -> StoreResult<i64> {
        crate::audit::data_version(&mut *self.conn()?)
    }

    /// The pool's connections: (open, idle).
    pub fn pool_state(&self) -> (u32, u32) {
        let state = self.pool.state();
        (state.connections, state.idle_connections)
    }

    /// Whether the database answers a trivial query.
    pub fn ping(&self) -> StoreResult<()> {
        self.conn()?
            .ping()
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }
}

/// Runs the same statement on the concrete connection, for the few statements that the
/// multi-backend connection cannot build (multi-row inserts). The body is compiled once per
/// backend from one text, so the query is still written once.
macro_rules! on_backend {
    ($db:expr, |$c:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Postgres($c) => $body,
            $crate::db::Db::Sqlite($c) => $body,
        }
    };
}
pub(crate) use on_backend;
