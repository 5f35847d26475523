//! Every migration runs up, down and up again on each backend, and leaves the same
//! schema each time it runs up: a down that forgets an index or a column shows here.

use dantin_persistence::db::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use dantin_tests::{Backend, Database};
use diesel::connection::Connection;
use diesel::sql_types::Text;
use diesel::{PgConnection, QueryableByName, RunQueryDsl, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness};

/// One line of a schema's description.
#[derive(QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Every table, column, index and constraint of the SQLite schema, as SQLite keeps them.
const SQLITE_SCHEMA: &str = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS line \
     FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'";

/// Every column, index and constraint of the PostgreSQL schema.
const POSTGRES_SCHEMA: &str = "\
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable \
        || ' ' || coalesce(column_default, '') || ' ' || coalesce(collation_name, '') AS line \
        FROM information_schema.columns WHERE table_schema = 'public' \
        AND table_name <> '__diesel_schema_migrations' \
    UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' \
        AND tablename <> '__diesel_schema_migrations' \
    UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' \
        || pg_get_constraintdef(oid) FROM pg_constraint \
        WHERE connamespace = 'public'::regnamespace \
        AND conrelid::regclass::text <> '__diesel_schema_migrations'";

/// The schema's lines, sorted.
fn schema<C>(c: &mut C, query: &str) -> Vec<String>
where
    C: diesel::connection::LoadConnection,
    C::Backend: 'static,
    Line: QueryableByName<C::Backend>,
    diesel::query_builder::SqlQuery: diesel::query_builder::QueryFragment<C::Backend>,
{
    let mut lines: Vec<Line> = diesel::sql_query(query).load(c).expect("schema");
    lines.sort();
    lines.into_iter().map(|l| l.line).collect()
}

/// Up, down (checked empty), up again (checked equal).
fn up_down_up<C>(c: &mut C, migrations: fn() -> EmbeddedMigrations, query: &str)
where
    C: MigrationHarness<C::Backend> + diesel::connection::LoadConnection,
    C::Backend: 'static,
    Line: QueryableByName<C::Backend>,
    diesel::query_builder::SqlQuery: diesel::query_builder::QueryFragment<C::Backend>,
    EmbeddedMigrations: diesel::migration::MigrationSource<C::Backend>,
{
    let applied = c.run_pending_migrations(migrations()).expect("up").len();
    assert!(applied >= 4, "only {applied} migrations ran");
    let first = schema(c, query);
    assert!(first.len() > 20, "a schema of {} lines", first.len());
    let reverted = c.revert_all_migrations(migrations()).expect("down").len();
    assert_eq!(reverted, applied, "every migration reverts");
    let emptied = schema(c, query);
    assert!(emptied.is_empty(), "left after down: {emptied:#?}");
    c.run_pending_migrations(migrations()).expect("up again");
    let second = schema(c, query);
    let only_first: Vec<_> = first.iter().filter(|l| !second.contains(l)).collect();
    let only_second: Vec<_> = second.iter().filter(|l| !first.contains(l)).collect();
    assert!(
        only_first.is_empty() && only_second.is_empty(),
        "lost by down-up: {only_first:#?}\ngained: {only_second:#?}"
    );
}

#[test]
fn sqlite_migrations_run_up_down_and_up_to_the_same_schema() {
    let db = Database::fresh(Backend::Sqlite);
    let path = db.url.trim_start_matches("sqlite://").to_owned();
    let mut c = SqliteConnection::establish(&path).expect("sqlite");
    up_down_up(&mut c, || SQLITE_MIGRATIONS, SQLITE_SCHEMA);
    drop(c);
    db.remove();
}

#[test]
fn postgres_migrations_run_up_down_and_up_to_the_same_schema() {
    let db = Database::fresh(Backend::Postgres);
    let mut c = PgConnection::establish(&db.url).expect("postgres");
    up_down_up(&mut c, || POSTGRES_MIGRATIONS, POSTGRES_SCHEMA);
    drop(c);
    db.remove();
}
