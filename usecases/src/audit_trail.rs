//! The audit trail, for admins and auditors: every write, and whether the chain holds.

use dantin_persistence::audit;
use dantin_persistence::{Store, Window};

pub use dantin_persistence::audit::{AuditEvent, AuditFilter, Verification};

use crate::caller::Caller;
use crate::error::Result;

pub fn list(
    store: &Store,
    caller: &Caller,
    filter: &AuditFilter,
    window: Window,
) -> Result<Vec<AuditEvent>> {
    caller.require_audit_reader()?;
    Ok(store.read(|c| audit::list(c, filter, window))?)
}

pub fn verify(store: &Store, caller: &Caller) -> Result<Verification> {
    caller.require_audit_reader()?;
    Ok(store.read(audit::verify)?)
}
