//! A rule the service applied to one case, as elections and eligibility answer it.

use dantin_domain::{eligibility, Rule};
use dantin_usecases::head_elections::CheckRecord;
use serde::Serialize;
use utoipa::ToSchema;

/// A rule the service applied to one case: whether it passed, the facts it used, and its
/// legal source.
// The one `Check` schema of the spec, for elections' stored checks and eligibility's
// fresh ones alike.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Check, example = json!(examples()[0]))]
pub struct CheckOut {
    pub rule: Rule,
    pub passed: bool,
    pub detail: String,
    pub source: String,
}

impl From<CheckRecord> for CheckOut {
    fn from(c: CheckRecord) -> Self {
        Self {
            rule: c.rule,
            passed: c.passed,
            detail: c.detail,
            source: c.source,
        }
    }
}

impl From<&dantin_domain::check::Check> for CheckOut {
    fn from(c: &dantin_domain::check::Check) -> Self {
        CheckRecord::from(c).into()
    }
}

/// Checks as the domain writes them, for the spec's examples: a candidate of 47 on the
/// day, and one who does not live in the village.
pub(crate) fn examples() -> [CheckOut; 2] {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a real date");
    [
        (&eligibility::min_age(day(1972, 3, 14), day(2020, 1, 5))).into(),
        (&eligibility::residence(false)).into(),
    ]
}
