//! The audit trail: every write appends an event in the same transaction as the write,
//! chained by hash to the event before it (see `dantin_domain::audit`).

use chrono::{SecondsFormat, Utc};
use dantin_domain::audit::{self as chain, chain_hash, AuditContent, ChainVerifier, StoredEvent};
use dantin_domain::merkle::Frontier;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::{audit_events, audit_head};
use crate::window::Window;

/// Who is writing, as the trail records it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub username: String,
    pub request_id: Option<String>,
}

/// What changed: the entity and its state before and after (absent for a creation or
/// an ending that leaves nothing).
pub struct Change<'a, B: Serialize, A: Serialize> {
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<i64>,
    pub before: Option<&'a B>,
    pub after: Option<&'a A>,
}

impl<'a, A: Serialize> Change<'a, (), A> {
    /// A record that did not exist before: `action` on the `entity_type` with `id`.
    pub fn created(action: &'a str, entity_type: &'a str, id: i64, after: &'a A) -> Self {
        Self {
            action,
            entity_type,
            entity_id: Some(id),
            before: None,
            after: Some(after),
        }
    }
}

impl<'a, T: Serialize> Change<'a, T, T> {
    /// A record changed from `before` to `after`.
    pub fn changed(
        action: &'a str,
        entity_type: &'a str,
        id: i64,
        before: &'a T,
        after: &'a T,
    ) -> Self {
        Self {
            action,
            entity_type,
            entity_id: Some(id),
            before: Some(before),
            after: Some(after),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub id: i64,
    pub occurred_at: String,
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<i64>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEvent {
    fn content(&self) -> AuditContent<'_> {
        AuditContent {
            occurred_at: &self.occurred_at,
            actor: &self.actor,
            action: &self.action,
            entity_type: &self.entity_type,
            entity_id: self.entity_id,
            before: self.before_json.as_deref(),
            after: self.after_json.as_deref(),
            request_id: self.request_id.as_deref(),
        }
    }
}

fn to_json<T: Serialize>(value: Option<&T>) -> StoreResult<Option<String>> {
    value
        .map(|v| serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}

/// Takes the chain head's row lock (PostgreSQL) or the database's write lock (SQLite)
/// until the transaction ends, so that writers line up: each event names its true
/// predecessor, and checks made before an insert still hold when it commits. The same
/// statement counts the write in the data version (`data_version`).
pub fn lock_chain(c: &mut Db) -> StoreResult<()> {
    diesel::update(audit_head::table)
        .set(audit_head::data_version.eq(audit_head::data_version + 1))
        .execute(c)?;
    Ok(())
}

/// How many write transactions have committed: a read that saw version N shows what the
/// registry holds for as long as the version is still N.
pub fn data_version(c: &mut Db) -> StoreResult<i64> {
    Ok(audit_head::table
        .select(audit_head::data_version)
        .first(c)?)
}

/// Appends one event; call it inside the transaction of the write it records (which
/// `Store::write` has locked the chain for).
pub fn append<B: Serialize, A: Serialize>(
    c: &mut Db,
    actor: &Actor,
    change: Change<'_, B, A>,
) -> StoreResult<()> {
    let (prev_hash, mut tree) = head(c)?;
    let occurred_at = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    let before = to_json(change.before)?;
    let after = to_json(change.after)?;
    let content = AuditContent {
        occurred_at: &occurred_at,
        actor: &actor.username,
        action: change.action,
        entity_type: change.entity_type,
        entity_id: change.entity_id,
        before: before.as_deref(),
        after: after.as_deref(),
        request_id: actor.request_id.as_deref(),
    };
    let hash = chain_hash(&prev_hash, &content);
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::occurred_at.eq(content.occurred_at),
            audit_events::actor.eq(content.actor),
            audit_events::action.eq(content.action),
            audit_events::entity_type.eq(content.entity_type),
            audit_events::entity_id.eq(content.entity_id),
            audit_events::before_json.eq(content.before),
            audit_events::after_json.eq(content.after),
            audit_events::request_id.eq(content.request_id),
            audit_events::prev_hash.eq(&prev_hash),
            audit_events::hash.eq(&hash),
        ))
        .execute(c)?;
    tree.push(chain::leaf(&hash));
    diesel::update(audit_head::table)
        .set((
            audit_head::hash.eq(&hash),
            audit_head::tree_size.eq(tree.size() as i64),
            audit_head::tree.eq(tree.to_bytes()),
        ))
        .execute(c)?;
    Ok(())
}

/// The last event's hash and the log's tree as kept with it.
fn head(c: &mut Db) -> StoreResult<(String, Frontier)> {
    let (hash, size, peaks): (String, i64, Option<Vec<u8>>) = audit_head::table
        .select((audit_head::hash, audit_head::tree_size, audit_head::tree))
        .first(c)?;
    let tree = peaks
        .and_then(|p| Frontier::from_bytes(size as u64, &p))
        .ok_or_else(|| StoreError::Corrupt("the audit log's tree is not kept".into()))?;
    Ok((hash, tree))
}

/// The audit log's tree as every write has kept it: its size and root, without reading
/// the events (`leaves` reads them).
pub fn tree(c: &mut Db) -> StoreResult<Frontier> {
    Ok(head(c)?.1)
}

/// Builds the kept tree from the stored events when it is not kept yet (a database from
/// before it was), as `Store::migrate` does; inside a write, which holds the chain's lock.
/// The number of events it was built from, or `None` when it was kept already.
pub fn build_tree(c: &mut Db) -> StoreResult<Option<u64>> {
    let kept: Option<Vec<u8>> = audit_head::table.select(audit_head::tree).first(c)?;
    if kept.is_some() {
        return Ok(None);
    }
    let mut tree = Frontier::default();
    walk(c, |e| {
        tree.push(chain::leaf(&e.hash));
        true
    })?;
    diesel::update(audit_head::table)
        .set((
            audit_head::tree_size.eq(tree.size() as i64),
            audit_head::tree.eq(tree.to_bytes()),
        ))
        .execute(c)?;
    Ok(Some(tree.size()))
}

#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    pub entity_type: Option<String>,
    pub entity_id: Option<i64>,
    pub actor: Option<String>,
    pub action: Option<String>,
}

/// Events in the order they were written.
pub fn list(c: &mut Db, f: &AuditFilter, w: Window) -> StoreResult<Vec<AuditEvent>> {
    let mut q = audit_events::table
        .select(AuditEvent::as_select())
        .filter(audit_events::id.gt(w.after_id()))
        .order(audit_events::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(t) = &f.entity_type {
        q = q.filter(audit_events::entity_type.eq(t));
    }
    if let Some(id) = f.entity_id {
        q = q.filter(audit_events::entity_id.eq(id));
    }
    if let Some(a) = &f.actor {
        q = q.filter(audit_events::actor.eq(a));
    }
    if let Some(a) = &f.action {
        q = q.filter(audit_events::action.eq(a));
    }
    Ok(q.load(c)?)
}

/// How many events the trail holds: the size of the audit log's tree.
pub fn size(c: &mut Db) -> StoreResult<i64> {
    Ok(audit_events::table.count().get_result(c)?)
}

/// Calls `visit` on every event in the order they were written, a page at a time so that
/// memory stays flat, until it returns false.
fn walk(c: &mut Db, mut visit: impl FnMut(&AuditEvent) -> bool) -> StoreResult<()> {
    const PAGE: i64 = 2_000;
    let mut after = 0;
    loop {
        let page: Vec<AuditEvent> = audit_events::table
            .select(AuditEvent::as_select())
            .filter(audit_events::id.gt(after))
            .order(audit_events::id)
            .limit(PAGE)
            .load(c)?;
        for e in &page {
            if !visit(e) {
                return Ok(());
            }
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = last.id,
            _ => return Ok(()),
        }
    }
}

/// Each event's id and its chain hash computed again from what is stored (its content and
/// `prev_hash`), in the order events were written: the leaves of the audit log's Merkle
/// tree (`dantin_domain::merkle`), so that a rewritten event changes the tree even when its
/// stored `hash` was left as it was.
pub fn leaves(c: &mut Db) -> StoreResult<Vec<(i64, String)>> {
    let mut leaves = Vec::new();
    walk(c, |e| {
        leaves.push((e.id, chain_hash(&e.prev_hash, &e.content())));
        true
    })?;
    Ok(leaves)
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub checked: u64,
    pub first_broken: Option<i64>,
    /// Whether the head row names the last event's hash and keeps the tree of the events'
    /// hashes (a deleted tail shows here).
    pub head_matches: bool,
}

/// Walks the chain from the first event to the first broken link.
pub fn verify(c: &mut Db) -> StoreResult<Verification> {
    let mut verifier = ChainVerifier::default();
    let mut tree = Frontier::default();
    walk(c, |e| {
        verifier.push(&StoredEvent {
            id: e.id,
            prev_hash: &e.prev_hash,
            hash: &e.hash,
            content: e.content(),
        });
        tree.push(chain::leaf(&e.hash));
        verifier.first_broken.is_none()
    })?;
    let (head, kept) = head(c)?;
    Ok(Verification {
        checked: verifier.checked,
        head_matches: verifier.first_broken.is_some() || (head == verifier.head() && kept == tree),
        first_broken: verifier.first_broken,
    })
}
