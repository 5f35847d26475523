//! What can go wrong in storage itself. Whether a write is allowed is decided before it
//! reaches here; what is left is the database's own word.

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique index caught a clash the checks before it could not see: `what` says, in
    /// our words, what is already stored ("this unit code").
    #[error("conflict: another write just stored {what}")]
    Conflict { what: &'static str },
    /// The database cannot be reached or no connection is free.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(diesel::result::Error),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
}

/// What a unique index guards, named from the index or table the database reports; the
/// first match wins, so longer names come before the names they contain. Each index is a
/// second line of defence behind a rule of `dantin_domain` (or, for the keys, of this
/// crate).
const GUARDED: &[(&str, &str)] = &[
    ("idempotency_keys", "this idempotency key"),
    ("search_keys", "this search key"),
    ("candidates", "this candidate"),
    ("users", "this username"),
    ("terms", "a term with this label"),
    ("units", "this unit code"),
    ("audit", "this audit event"),
];

fn what_clashed(info: &dyn diesel::result::DatabaseErrorInformation) -> &'static str {
    let names = [
        info.constraint_name(),
        info.table_name(),
        Some(info.message()),
    ];
    GUARDED
        .iter()
        .find(|(needle, _)| names.iter().flatten().any(|n| n.contains(needle)))
        .map_or("the same record", |(_, what)| what)
}

impl From<diesel::result::Error> for StoreError {
    /// A unique index that catches a race is a conflict; a connection that died under us
    /// is an outage; the rest is a bug.
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        match e {
            E::DatabaseError(K::UniqueViolation, info) => StoreError::Conflict {
                what: what_clashed(info.as_ref()),
            },
            E::DatabaseError(K::SerializationFailure, _) => StoreError::Conflict {
                what: "a change to the same data at the same time",
            },
            E::DatabaseError(K::ClosedConnection, info) => {
                StoreError::Unavailable(info.message().to_owned())
            }
            E::BrokenTransactionManager => StoreError::Unavailable(e.to_string()),
            e => StoreError::Database(e),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
