//! The change feed (migration `changes`): triggers note in `change_notes` which rows a
//! write created or changed, and how; before the write commits, `collect` turns the notes
//! into `changes` rows with the entity as it now stands (a person by id and name only),
//! tied to the write's audit event, in one statement. A change is committed with its
//! write or not at all, and its id orders the feed.

use std::sync::LazyLock;

use dantin_domain::change::ChangeType;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::{Backend, Db};
use crate::error::{StoreError, StoreResult};
use crate::schema::changes;
use crate::scope::{sql, Scope};

/// One change as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = changes)]
pub struct Change {
    pub id: i64,
    pub audit_event_id: i64,
    pub occurred_at: String,
    pub kind: String,
    pub entity_id: i64,
    pub unit_id: Option<i64>,
    /// The entity as it stood after the write, as JSON.
    pub data: String,
}

/// Which changes a page shows.
#[derive(Debug, Clone, Default)]
pub struct ChangeFilter {
    /// Only changes of units under this one on the latest map.
    pub scope: Option<Scope>,
    /// Only these kinds (every kind when empty).
    pub types: Vec<ChangeType>,
}

/// Up to `limit` changes after the change `after`, oldest first.
pub fn page(c: &mut Db, filter: &ChangeFilter, after: i64, limit: i64) -> StoreResult<Vec<Change>> {
    let mut q = changes::table
        .filter(changes::id.gt(after))
        .select(Change::as_select())
        .order(changes::id)
        .limit(limit)
        .into_boxed();
    if let Some(scope) = &filter.scope {
        q = q.filter(sql(scope.sql("changes.unit_id")));
    }
    if !filter.types.is_empty() {
        q = q.filter(changes::kind.eq_any(filter.types.iter().map(|t| t.as_str())));
    }
    Ok(q.load(c)?)
}

/// The id of the last change (0 when there is none).
pub fn last_id(c: &mut Db) -> StoreResult<i64> {
    let last: Option<i64> = changes::table
        .select(diesel::dsl::max(changes::id))
        .first(c)?;
    Ok(last.unwrap_or(0))
}

/// One change.
pub fn find(c: &mut Db, id: i64) -> StoreResult<Change> {
    Ok(changes::table
        .find(id)
        .select(Change::as_select())
        .first(c)?)
}

/// Turns this write's notes into changes, and the changes into deliveries to the webhooks
/// they match; in the write's transaction, after its statements and its audit event.
pub(crate) fn collect(c: &mut Db) -> StoreResult<()> {
    let statement = match c {
        Db::Sqlite(_) => &*SQLITE,
        Db::Postgres(_) => &*POSTGRES,
    };
    c.batch_execute(statement).map_err(StoreError::from)?;
    crate::webhooks::fan_out(c, chrono::Utc::now().timestamp_millis())
}

static SQLITE: LazyLock<String> = LazyLock::new(|| collect_sql(Backend::Sqlite));
static POSTGRES: LazyLock<String> = LazyLock::new(|| collect_sql(Backend::Postgres));

/// A JSON object of `fields` (name, SQL expression) in the backend's dialect.
fn object(backend: Backend, fields: &[(&str, &str)]) -> String {
    let pairs: Vec<String> = fields
        .iter()
        .map(|(name, expr)| format!("'{name}', {expr}"))
        .collect();
    match backend {
        Backend::Sqlite => format!("json_object({})", pairs.join(", ")),
        Backend::Postgres => format!("json_build_object({})", pairs.join(", ")),
    }
}

/// A person as the feed shows one, or null: `person` is the id column.
fn person(backend: Backend, id: &str) -> String {
    let name = format!("(SELECT p.full_name FROM persons p WHERE p.id = {id})");
    let object = object(backend, &[("id", id), ("name", &name)]);
    let nullable = format!("CASE WHEN {id} IS NULL THEN NULL ELSE {object} END");
    match backend {
        // A CASE may drop SQLite's JSON subtype; `json` restores it, so the person nests
        // as an object rather than as a string.
        Backend::Sqlite => format!("json({nullable})"),
        Backend::Postgres => nullable,
    }
}

/// The one statement that writes this write's changes, in a fixed order of kinds, then by
/// entity; then the notes are emptied.
fn collect_sql(backend: Backend) -> String {
    let text = |json: String| match backend {
        Backend::Sqlite => json,
        Backend::Postgres => format!("CAST({json} AS TEXT)"),
    };
    let unit = text(object(
        backend,
        &[
            ("id", "u.id"),
            ("code", "u.code"),
            ("name", "u.name"),
            ("kind", "u.kind"),
            ("level", "u.level"),
            ("parent_id", "u.parent_id"),
            ("valid_from", "u.valid_from"),
            ("valid_to", "u.valid_to"),
            (
                "since",
                "(SELECT MAX(v.valid_from) FROM unit_versions v WHERE v.unit_id = u.id)",
            ),
        ],
    ));
    let reorganization = text(object(
        backend,
        &[
            ("id", "r.id"),
            ("effective_on", "r.effective_on"),
            ("basis", "r.basis"),
            ("created", "r.created"),
            ("ended", "r.ended"),
            ("changed", "r.changed"),
            ("successions", "r.successions"),
        ],
    ));
    let holder = person(backend, "a.person_id");
    let tenure = text(object(
        backend,
        &[
            ("id", "a.id"),
            ("post", "a.post"),
            ("unit_id", "a.unit_id"),
            ("party_org_id", "a.party_org_id"),
            ("person", &holder),
            ("starts_on", "a.starts_on"),
            ("ends_on", "a.ends_on"),
            ("basis", "a.basis"),
            ("end_reason", "a.end_reason"),
            ("head_election_id", "a.head_election_id"),
            ("congress_id", "a.congress_id"),
        ],
    ));
    let head_winner = person(backend, "h.winner_person_id");
    let head_election = text(object(
        backend,
        &[
            ("id", "h.id"),
            ("village_id", "h.village_id"),
            ("term_id", "h.term_id"),
            ("held_on", "h.held_on"),
            ("outcome", "h.outcome"),
            ("winner", &head_winner),
            ("recognized_on", "h.recognized_on"),
        ],
    ));
    let congress_winner = person(backend, "k.winner_person_id");
    let congress = text(object(
        backend,
        &[
            ("id", "k.id"),
            ("cell_id", "k.cell_id"),
            ("unit_id", "o.unit_id"),
            ("term_id", "k.term_id"),
            ("held_on", "k.held_on"),
            ("outcome", "k.outcome"),
            ("winner", &congress_winner),
            ("approved_on", "k.approved_on"),
        ],
    ));
    let rank = {
        let arms: Vec<String> = ChangeType::ALL
            .iter()
            .enumerate()
            .map(|(n, t)| format!("WHEN '{}' THEN {n}", t.as_str()))
            .collect();
        format!("CASE c.type {} END", arms.join(" "))
    };
    format!(
        "INSERT INTO changes (audit_event_id, occurred_at, type, entity_id, unit_id, data) \
         SELECT e.id, e.occurred_at, c.type, c.entity_id, c.unit_id, c.data FROM (\
         SELECT n.what AS type, r.id AS entity_id, CAST(NULL AS BIGINT) AS unit_id, {reorganization} AS data \
         FROM change_notes n JOIN reorganizations r ON r.id = n.id WHERE n.what LIKE 'reorganization.%' \
         UNION ALL SELECT n.what, u.id, u.id, {unit} \
         FROM change_notes n JOIN units u ON u.id = n.id WHERE n.what LIKE 'unit.%' \
         UNION ALL SELECT n.what, a.id, COALESCE(a.unit_id, o.unit_id), {tenure} \
         FROM change_notes n JOIN appointments a ON a.id = n.id \
         LEFT JOIN party_orgs o ON o.id = a.party_org_id WHERE n.what LIKE 'tenure.%' \
         UNION ALL SELECT n.what, h.id, h.village_id, {head_election} \
         FROM change_notes n JOIN head_elections h ON h.id = n.id WHERE n.what LIKE 'head_election.%' \
         UNION ALL SELECT n.what, k.id, o.unit_id, {congress} \
         FROM change_notes n JOIN congresses k ON k.id = n.id \
         JOIN party_orgs o ON o.id = k.cell_id WHERE n.what LIKE 'congress.%' \
         ) AS c CROSS JOIN (SELECT id, occurred_at FROM audit_events ORDER BY id DESC LIMIT 1) AS e \
         ORDER BY {rank}, c.entity_id; \
         DELETE FROM change_notes;"
    )
}
