//! A rule the service applied to one case, as elections and eligibility answer it.

use dantin_domain::Rule;
use dantin_usecases::head_elections::CheckRecord;
use serde::Serialize;
use utoipa::ToSchema;

/// A rule the service applied to one case: whether it passed, the facts it used, and its
/// legal source.
// The one `Check` schema of the spec, for elections' stored checks and eligibility's
// fresh ones alike.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Check, example = json!({
    "rule": "household_quorum", "passed": true,
    "detail": "142 present of 158; at least 80 needed",
    "source": "Luật 10/2022/QH15 Art. 18; Thông tư 04/2012/TT-BNV Art. 7"
}))]
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
