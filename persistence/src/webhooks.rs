//! Webhook subscriptions and their outbox (migration `webhooks`). `fan_out` runs in every
//! write's transaction, after its changes: each change joins the outbox of every enabled
//! subscription it matches. A worker of any instance claims the first pending delivery of
//! a subscription (deliveries of one subscription go one at a time, in change order) by a
//! lease, sends it, and records what came back.

use dantin_domain::change::ChangeType;
use dantin_domain::UnitId;
use diesel::prelude::*;

use crate::changes::{self, Change};
use crate::db::{on_backend, Db};
use crate::error::StoreResult;
use crate::schema::{changes as changes_table, webhook_deliveries as deliveries, webhooks};
use crate::scope::{sql, Scope};
use crate::window::Window;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhooks)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    /// Comma-separated change types; empty for every type.
    pub types: String,
    pub unit_id: Option<i64>,
    pub owner: String,
    pub secret: String,
    pub previous_secret: Option<String>,
    /// Unix milliseconds until which the previous secret also signs.
    pub previous_until: Option<i64>,
    pub seen_change: i64,
    pub disabled_at: Option<String>,
    pub disabled_reason: Option<String>,
    pub created_at: String,
}

impl Webhook {
    /// The types it wants; every type when empty.
    pub fn types(&self) -> Vec<ChangeType> {
        self.types
            .split(',')
            .filter_map(|t| t.parse().ok())
            .collect()
    }

    /// The secrets that sign a delivery at `now_ms`: the current one, and the one before a
    /// rotation while it lasts.
    pub fn signing_secrets(&self, now_ms: i64) -> Vec<&str> {
        let mut secrets = vec![self.secret.as_str()];
        if let (Some(previous), Some(until)) = (&self.previous_secret, self.previous_until) {
            if now_ms < until {
                secrets.push(previous);
            }
        }
        secrets
    }
}

pub struct NewWebhook<'a> {
    pub url: &'a str,
    pub types: &'a [ChangeType],
    pub unit: Option<UnitId>,
    pub owner: &'a str,
    pub secret: &'a str,
    pub created_at: &'a str,
}

/// A new subscription, which gets the changes committed after it.
pub fn insert(c: &mut Db, new: &NewWebhook<'_>) -> StoreResult<Webhook> {
    let seen: Option<i64> = changes_table::table
        .select(diesel::dsl::max(changes_table::id))
        .first(c)?;
    let types: Vec<&str> = new.types.iter().map(|t| t.as_str()).collect();
    Ok(diesel::insert_into(webhooks::table)
        .values((
            webhooks::url.eq(new.url),
            webhooks::types.eq(types.join(",")),
            webhooks::unit_id.eq(new.unit.map(UnitId::get)),
            webhooks::owner.eq(new.owner),
            webhooks::secret.eq(new.secret),
            webhooks::seen_change.eq(seen.unwrap_or(0)),
            webhooks::created_at.eq(new.created_at),
        ))
        .returning(webhooks::all_columns)
        .get_result(c)?)
}

pub fn find(c: &mut Db, id: i64) -> StoreResult<Option<Webhook>> {
    Ok(webhooks::table
        .find(id)
        .select(Webhook::as_select())
        .first(c)
        .optional()?)
}

/// The subscriptions whose area lies in `area` (every one when `None`), in id order.
pub fn list(c: &mut Db, area: Option<&Scope>, window: Window) -> StoreResult<Vec<Webhook>> {
    let mut q = webhooks::table
        .filter(webhooks::id.gt(window.after_id()))
        .select(Webhook::as_select())
        .order(webhooks::id)
        .limit(window.limit)
        .into_boxed();
    if let Some(area) = area {
        q = q.filter(sql(area.sql("webhooks.unit_id")));
    }
    Ok(q.load(c)?)
}

/// Removes the subscription and its outbox.
pub fn delete(c: &mut Db, id: i64) -> StoreResult<()> {
    diesel::delete(deliveries::table.filter(deliveries::webhook_id.eq(id))).execute(c)?;
    diesel::delete(webhooks::table.find(id)).execute(c)?;
    Ok(())
}

/// A new secret; the current one goes on signing until `previous_until` (unix ms).
pub fn rotate(c: &mut Db, id: i64, secret: &str, previous_until: i64) -> StoreResult<Webhook> {
    Ok(diesel::update(webhooks::table.find(id))
        .set((
            webhooks::previous_secret.eq(webhooks::secret.nullable()),
            webhooks::previous_until.eq(previous_until),
            webhooks::secret.eq(secret),
        ))
        .returning(webhooks::all_columns)
        .get_result(c)?)
}

/// Ends deliveries to the subscription, saying why.
pub fn disable(c: &mut Db, id: i64, reason: &str, at: &str) -> StoreResult<()> {
    diesel::update(webhooks::table.find(id))
        .set((
            webhooks::disabled_at.eq(at),
            webhooks::disabled_reason.eq(reason),
        ))
        .execute(c)?;
    Ok(())
}

/// Puts the changes committed since each enabled subscription last looked into its outbox,
/// when they match its types and area; in the write's transaction, after its changes.
pub(crate) fn fan_out(c: &mut Db, now_ms: i64) -> StoreResult<()> {
    let enabled: Vec<Webhook> = webhooks::table
        .filter(webhooks::disabled_at.is_null())
        .select(Webhook::as_select())
        .load(c)?;
    if enabled.is_empty() {
        return Ok(());
    }
    let Some(last) = changes_table::table
        .select(diesel::dsl::max(changes_table::id))
        .first::<Option<i64>>(c)?
    else {
        return Ok(());
    };
    for hook in enabled.iter().filter(|h| h.seen_change < last) {
        let mut matching = changes_table::table
            .filter(changes_table::id.gt(hook.seen_change))
            .select(changes_table::id)
            .order(changes_table::id)
            .into_boxed();
        let types = hook.types();
        if !types.is_empty() {
            matching =
                matching.filter(changes_table::kind.eq_any(types.iter().map(|t| t.as_str())));
        }
        if let Some(unit) = hook.unit_id {
            matching = matching.filter(sql(
                Scope::Subtree(UnitId::from(unit)).sql("changes.unit_id")
            ));
        }
        let ids: Vec<i64> = matching.load(c)?;
        for chunk in ids.chunks(1_000) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|change| {
                    (
                        deliveries::webhook_id.eq(hook.id),
                        deliveries::change_id.eq(change),
                        deliveries::state.eq("pending"),
                        deliveries::next_attempt_at.eq(now_ms),
                    )
                })
                .collect();
            on_backend!(c, |c| diesel::insert_into(deliveries::table)
                .values(&rows)
                .execute(c))?;
        }
    }
    diesel::update(webhooks::table.filter(webhooks::disabled_at.is_null()))
        .set(webhooks::seen_change.eq(last))
        .execute(c)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = deliveries)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    pub change_id: i64,
    /// `pending`, `delivered` or `failed`.
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: i64,
    pub last_attempt_at: Option<String>,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
}

/// The subscription's deliveries, newest first.
pub fn deliveries(c: &mut Db, webhook: i64, window: Window) -> StoreResult<Vec<Delivery>> {
    let mut q = deliveries::table
        .filter(deliveries::webhook_id.eq(webhook))
        .select(Delivery::as_select())
        .order(deliveries::id.desc())
        .limit(window.limit)
        .into_boxed();
    if let Some(after) = window.after {
        q = q.filter(deliveries::id.lt(after));
    }
    Ok(q.load(c)?)
}

/// Sends the delivery again, now and with a fresh schedule, whatever came of it before.
pub fn redeliver(
    c: &mut Db,
    webhook: i64,
    delivery: i64,
    now_ms: i64,
) -> StoreResult<Option<Delivery>> {
    Ok(diesel::update(
        deliveries::table
            .filter(deliveries::id.eq(delivery))
            .filter(deliveries::webhook_id.eq(webhook)),
    )
    .set((
        deliveries::state.eq("pending"),
        deliveries::attempts.eq(0),
        deliveries::next_attempt_at.eq(now_ms),
        deliveries::lease_until.eq(None::<i64>),
    ))
    .returning((
        deliveries::id,
        deliveries::webhook_id,
        deliveries::change_id,
        deliveries::state,
        deliveries::attempts,
        deliveries::next_attempt_at,
        deliveries::last_attempt_at,
        deliveries::last_status,
        deliveries::last_error,
    ))
    .get_result(c)
    .optional()?)
}

/// How many deliveries wait in the outbox of enabled subscriptions.
pub fn backlog(c: &mut Db) -> StoreResult<i64> {
    Ok(deliveries::table
        .inner_join(webhooks::table)
        .filter(webhooks::disabled_at.is_null())
        .filter(deliveries::state.eq("pending"))
        .count()
        .get_result(c)?)
}

/// A delivery a worker holds, with what it sends.
#[derive(Debug, Clone)]
pub struct Due {
    pub delivery: Delivery,
    pub webhook: Webhook,
    pub change: Change,
}

/// Up to `limit` deliveries due at `now_ms`, each the first pending one of an enabled
/// subscription and held by no other worker; each is now held until `now_ms + lease_ms`.
pub fn claim_due(c: &mut Db, now_ms: i64, lease_ms: i64, limit: i64) -> StoreResult<Vec<Due>> {
    let heads: Vec<(Delivery, Webhook)> = deliveries::table
        .inner_join(webhooks::table)
        .filter(webhooks::disabled_at.is_null())
        .filter(deliveries::state.eq("pending"))
        .filter(sql(
            "webhook_deliveries.id = (SELECT MIN(x.id) FROM webhook_deliveries x \
             WHERE x.webhook_id = webhook_deliveries.webhook_id AND x.state = 'pending')"
                .to_owned(),
        ))
        .filter(deliveries::next_attempt_at.le(now_ms))
        .filter(
            deliveries::lease_until
                .is_null()
                .or(deliveries::lease_until.lt(now_ms)),
        )
        .select((Delivery::as_select(), Webhook::as_select()))
        .order(deliveries::id)
        .limit(limit)
        .load(c)?;
    let mut due = Vec::with_capacity(heads.len());
    for (delivery, webhook) in heads {
        let held = diesel::update(
            deliveries::table
                .filter(deliveries::id.eq(delivery.id))
                .filter(
                    deliveries::lease_until
                        .is_null()
                        .or(deliveries::lease_until.lt(now_ms)),
                ),
        )
        .set(deliveries::lease_until.eq(now_ms + lease_ms))
        .execute(c)?;
        if held == 1 {
            let change = changes::find(c, delivery.change_id)?;
            due.push(Due {
                delivery,
                webhook,
                change,
            });
        }
    }
    Ok(due)
}

/// What came of an attempt.
pub struct Attempted<'a> {
    pub delivery: i64,
    pub at: &'a str,
    pub status: Option<i32>,
    pub error: Option<&'a str>,
    /// `pending` (then `next_attempt_at`), `delivered` or `failed`.
    pub state: &'a str,
    pub next_attempt_at: i64,
}

/// Records an attempt and lets the delivery go.
pub fn record(c: &mut Db, a: &Attempted<'_>) -> StoreResult<()> {
    diesel::update(deliveries::table.find(a.delivery))
        .set((
            deliveries::state.eq(a.state),
            deliveries::attempts.eq(deliveries::attempts + 1),
            deliveries::next_attempt_at.eq(a.next_attempt_at),
            deliveries::lease_until.eq(None::<i64>),
            deliveries::last_attempt_at.eq(a.at),
            deliveries::last_status.eq(a.status),
            deliveries::last_error.eq(a.error),
        ))
        .execute(c)?;
    Ok(())
}
