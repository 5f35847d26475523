//! Why a use case refused or failed, in terms the API answers with.

use dantin_domain::validity::Validity;
use dantin_domain::{RowViolation, RuleViolation, Violations};
use dantin_persistence::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The record does not exist (or, for persons, is not the caller's to know of).
    #[error("{0:?} not found")]
    NotFound(Record),
    /// The record exists, but was not in force on the day asked: these are its days.
    #[error("{what:?} not in force on {day}")]
    NotInForce {
        what: Record,
        day: chrono::NaiveDate,
        life: Validity,
    },
    /// The caller's role or area does not cover this.
    #[error("forbidden: {0:?}")]
    Forbidden(Denial),
    /// Well-formed input that breaks one or more rules of the domain. A single rule that
    /// guards the current state (`Rule::is_conflict`) is a conflict.
    #[error("rules failed: {0:?}")]
    Rules(Violations),
    /// A bulk input refused as a whole, with every bad row by its index.
    #[error("{} rows refused", .0.len())]
    Rows(Vec<RowViolation>),
    /// Another request with this `Idempotency-Key` was answered while this one waited:
    /// retried, this one gets that answer.
    #[error("the idempotency key was just answered")]
    KeyJustAnswered,
    /// This `Idempotency-Key` answered a different request.
    #[error("the idempotency key answered another request")]
    KeyReused,
    /// The caller's `If-Match` names a version that is no longer current.
    #[error("stale version: current is {current}")]
    Stale { current: i32 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The kinds of record a request may ask for by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Appointment,
    AuditEvent,
    CadreAssignment,
    CellMeeting,
    Congress,
    Delivery,
    HeadElection,
    PartyOrg,
    Person,
    Province,
    Reorganization,
    /// A scan of a minute.
    Scan,
    MinuteEntry,
    Term,
    Unit,
    /// A unit asked for by its code.
    UnitCode,
    Webhook,
}

/// Why the caller's role or area does not cover a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Auditors read; they never write.
    AuditorWrites,
    /// Only an admin may do this.
    AdminOnly,
    /// Only admins and officers granted the `coordinator` capability settle entries.
    CoordinatorOnly,
    /// Only admins and auditors read the audit trail.
    AuditTrail,
    /// The unit is outside the caller's area.
    OutsideArea,
    /// An officer may only see or change organisations that name a unit in its area.
    OrgWithoutUnit,
}

impl From<Violations> for Error {
    fn from(v: Violations) -> Self {
        Error::Rules(v)
    }
}

impl From<RuleViolation> for Error {
    fn from(v: RuleViolation) -> Self {
        Error::Rules(v.into())
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Optimistic concurrency: the version after this write, when the caller's expectation
/// (if any) still holds.
pub fn next_version(current: i32, expected: Option<i32>) -> Result<i32> {
    match expected {
        Some(v) if v != current => Err(Error::Stale { current }),
        _ => Ok(current + 1),
    }
}
