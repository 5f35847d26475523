//! Webhook subscriptions: admins subscribe anywhere, officers in their area (an officer's
//! subscription without a unit covers the area). Creating, rotating and deleting are
//! writes with their audit events (never the secret); the deliveries are the service's
//! own bookkeeping, outside the audit chain. `claim_due` and `record` are the worker's.

use chrono::{DateTime, SecondsFormat, Utc};
use dantin_domain::change::ChangeType;
use dantin_domain::webhook::{judge, Verdict};
use dantin_domain::{Rule, UnitId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::scope::Scope;
use dantin_persistence::webhooks::{self as stored, Attempted, NewWebhook};
use dantin_persistence::{units, Db, Store, Window};
use serde::Serialize;

pub use dantin_persistence::webhooks::{Delivery, Due, Webhook};

use crate::caller::Caller;
use crate::error::Record;
use crate::error::{Error, Result};
use crate::lookup::referenced;

/// How long the secret before a rotation goes on signing, so that receivers can switch.
pub const ROTATION_OVERLAP_HOURS: i64 = 24;

/// What a caller subscribes to.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub url: String,
    /// Every type when empty.
    pub types: Vec<ChangeType>,
    /// Everywhere when `None` (an officer's area, for an officer).
    pub unit: Option<UnitId>,
}

/// A subscription as the audit trail records it: never its secrets.
#[derive(Serialize)]
struct Audited<'a> {
    id: i64,
    url: &'a str,
    types: &'a str,
    unit_id: Option<i64>,
    owner: &'a str,
}

impl<'a> From<&'a Webhook> for Audited<'a> {
    fn from(w: &'a Webhook) -> Self {
        Self {
            id: w.id,
            url: &w.url,
            types: &w.types,
            unit_id: w.unit_id,
            owner: &w.owner,
        }
    }
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A new subscription with `secret`, which gets the changes committed after it.
pub fn create(
    store: &Store,
    caller: &Caller,
    sub: Subscription,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Webhook> {
    caller.write(store, |c| {
        caller.require_writer()?;
        let unit = sub.unit.or(caller.area());
        if let Some(unit) = unit {
            caller.require_unit(c, unit)?;
            referenced(units::find(c, unit)?, Rule::WebhookUnitExists, "unit", unit)?;
        }
        let hook = stored::insert(
            c,
            &NewWebhook {
                url: &sub.url,
                types: &sub.types,
                unit,
                owner: &caller.actor().username,
                secret,
                created_at: &instant(now),
            },
        )?;
        audit::append(
            c,
            caller.actor(),
            Change::created("webhook.create", "webhook", hook.id, &Audited::from(&hook)),
        )?;
        Ok(hook)
    })
}

/// The subscription, if the caller may see it: an officer, those of its area.
fn visible(c: &mut Db, caller: &Caller, id: i64) -> Result<Webhook> {
    caller.require_writer()?;
    let hook = stored::find(c, id)?.ok_or(Error::NotFound(Record::Webhook))?;
    let seen = match hook.unit_id {
        Some(unit) => caller.sees(c, UnitId::from(unit))?,
        None => caller.area().is_none(),
    };
    if seen {
        Ok(hook)
    } else {
        Err(Error::NotFound(Record::Webhook))
    }
}

pub fn get(store: &Store, caller: &Caller, id: i64) -> Result<Webhook> {
    store.read(|c| visible(c, caller, id))
}

pub fn list(store: &Store, caller: &Caller, window: Window) -> Result<Vec<Webhook>> {
    caller.require_writer()?;
    let area = caller.area().map(Scope::Subtree);
    Ok(store.read(|c| stored::list(c, area.as_ref(), window))?)
}

/// Deletes the subscription and its outbox; what it was.
pub fn delete(store: &Store, caller: &Caller, id: i64) -> Result<Webhook> {
    caller.write(store, |c| {
        let hook = visible(c, caller, id)?;
        stored::delete(c, id)?;
        audit::append(
            c,
            caller.actor(),
            Change::<_, ()> {
                action: "webhook.delete",
                entity_type: "webhook",
                entity_id: Some(id),
                before: Some(&Audited::from(&hook)),
                after: None,
            },
        )?;
        Ok(hook)
    })
}

/// A new secret; the one before signs too for `ROTATION_OVERLAP_HOURS`.
pub fn rotate(
    store: &Store,
    caller: &Caller,
    id: i64,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Webhook> {
    caller.write(store, |c| {
        visible(c, caller, id)?;
        let until = now + chrono::Duration::hours(ROTATION_OVERLAP_HOURS);
        let hook = stored::rotate(c, id, secret, until.timestamp_millis())?;
        audit::append(
            c,
            caller.actor(),
            Change::created(
                "webhook.rotate_secret",
                "webhook",
                id,
                &Audited::from(&hook),
            ),
        )?;
        Ok(hook)
    })
}

/// The subscription's deliveries, newest first.
pub fn deliveries(
    store: &Store,
    caller: &Caller,
    id: i64,
    window: Window,
) -> Result<Vec<Delivery>> {
    store.read(|c| {
        visible(c, caller, id)?;
        Ok(stored::deliveries(c, id, window)?)
    })
}

/// Sends a delivery again now, with a fresh schedule.
pub fn redeliver(
    store: &Store,
    caller: &Caller,
    id: i64,
    delivery: i64,
    now: DateTime<Utc>,
) -> Result<Delivery> {
    store.bookkeep(|c| {
        visible(c, caller, id)?;
        stored::redeliver(c, id, delivery, now.timestamp_millis())?
            .ok_or(Error::NotFound(Record::Delivery))
    })
}

/// Up to `limit` deliveries due now, held for `lease_ms` by the worker that asks.
pub fn claim_due(store: &Store, now: DateTime<Utc>, lease_ms: i64, limit: i64) -> Result<Vec<Due>> {
    Ok(store.bookkeep(|c| stored::claim_due(c, now.timestamp_millis(), lease_ms, limit))?)
}

/// What a receiver answered: its status (none: no answer) and `Retry-After` seconds, or
/// what went wrong.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: Option<u16>,
    pub retry_after: Option<u64>,
    pub error: Option<String>,
}

/// Records attempt of `due` that got `answer` at `now`, judged on `schedule` (seconds
/// between attempts); a 410 disables the subscription.
pub fn record(
    store: &Store,
    due: &Due,
    answer: &Answer,
    schedule: &[u64],
    now: DateTime<Utc>,
) -> Result<Verdict> {
    let attempt = due.delivery.attempts as u32 + 1;
    let verdict = judge(attempt, answer.status, answer.retry_after, schedule);
    let at = instant(now);
    let now_ms = now.timestamp_millis();
    let (state, next) = match verdict {
        Verdict::Delivered => ("delivered", now_ms),
        Verdict::RetryIn(seconds) => ("pending", now_ms + seconds as i64 * 1000),
        Verdict::Gone | Verdict::GaveUp => ("failed", now_ms),
    };
    store.bookkeep(|c| {
        stored::record(
            c,
            &Attempted {
                delivery: due.delivery.id,
                at: &at,
                status: answer.status.map(i32::from),
                error: answer.error.as_deref(),
                state,
                next_attempt_at: next,
            },
        )?;
        if verdict == Verdict::Gone {
            stored::disable(c, due.webhook.id, "the receiver answered 410 Gone", &at)?;
        }
        Ok::<_, Error>(())
    })?;
    Ok(verdict)
}
