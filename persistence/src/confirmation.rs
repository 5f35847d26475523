//! A recorded recognition or approval, as the columns of its election keep it.

use chrono::NaiveDate;
use serde::Serialize;

/// The decision's number, its date, and the warning kept when it came after its deadline
/// (5 working days after a head election, 15 after a congress).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confirmation {
    pub decision: String,
    pub on: NaiveDate,
    pub warning: Option<String>,
}

impl Confirmation {
    /// From its columns: there is one when both the decision and its date are recorded.
    pub(crate) fn from_columns(
        decision: Option<String>,
        on: Option<NaiveDate>,
        warning: Option<String>,
    ) -> Option<Self> {
        Some(Self {
            decision: decision?,
            on: on?,
            warning,
        })
    }
}
