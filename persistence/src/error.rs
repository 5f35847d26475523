use dantin_domain::Violations;

/// What can go wrong in storage, in terms the API can answer with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    /// A write that would contradict what is stored (a duplicate code, a taken username).
    #[error("conflict: {detail}")]
    Conflict { code: &'static str, detail: String },
    /// Well-formed input that breaks one or more domain rules.
    #[error("rules failed: {0:?}")]
    Rules(Violations),
    /// A bulk input refused as a whole, with every bad row by its index.
    #[error("{} rows refused", .0.len())]
    Rows(Vec<RowError>),
    /// The caller's `If-Match` names a version that is no longer current.
    #[error("stale version: current is {current}")]
    Stale { current: i32 },
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

/// One refused row of a bulk input: its 0-based index, the rule it broke and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub index: usize,
    pub rule: &'static str,
    pub detail: String,
}

impl From<diesel::result::Error> for StoreError {
    /// A unique index that catches a race the checks before it could not see is a
    /// conflict; a connection that died under us is an outage; the rest is a bug.
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind as K, Error as E};
        match e {
            E::DatabaseError(K::UniqueViolation, info) => StoreError::Conflict {
                code: "conflict",
                detail: format!(
                    "another write just stored the same key{}",
                    info.constraint_name()
                        .map(|c| format!(" ({c})"))
                        .unwrap_or_default()
                ),
            },
            E::DatabaseError(K::SerializationFailure, _) => StoreError::Conflict {
                code: "conflict",
                detail: "another write changed the same data at the same time; try again"
                    .to_owned(),
            },
            E::DatabaseError(K::ClosedConnection, info) => {
                StoreError::Unavailable(info.message().to_owned())
            }
            E::BrokenTransactionManager => StoreError::Unavailable(e.to_string()),
            e => StoreError::Database(e),
        }
    }
}

impl From<Violations> for StoreError {
    fn from(v: Violations) -> Self {
        StoreError::Rules(v)
    }
}

impl From<dantin_domain::RuleViolation> for StoreError {
    fn from(v: dantin_domain::RuleViolation) -> Self {
        StoreError::Rules(v.into())
    }
}

impl StoreError {
    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        StoreError::NotFound {
            entity,
            id: id.to_string(),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
