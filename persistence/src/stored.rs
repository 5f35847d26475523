//! Values kept as JSON text in a column: a decision's checks and arithmetic, a province's
//! rules.

use dantin_domain::check::Check;
use dantin_domain::Rule;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{StoreError, StoreResult};

/// A check as stored and read back: the same fields as `dantin_domain::check::Check`,
/// owned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRecord {
    pub rule: Rule,
    pub passed: bool,
    pub detail: String,
    pub source: String,
}

impl From<&Check> for CheckRecord {
    fn from(c: &Check) -> Self {
        Self {
            rule: c.rule,
            passed: c.passed,
            detail: c.detail.clone(),
            source: c.source.to_owned(),
        }
    }
}

pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("stored values serialize")
}

pub fn from_json<T: DeserializeOwned>(json: &str) -> StoreResult<T> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub fn checks_json(checks: &[Check]) -> String {
    to_json(&checks.iter().map(CheckRecord::from).collect::<Vec<_>>())
}
