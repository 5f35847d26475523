//! What a rule said about one case: the answer the API returns with every decision.

use serde::Serialize;

/// One rule applied to one case: its name, whether it passed, why, and its legal source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Check {
    #[cfg_attr(feature = "openapi", schema(example = "candidate_min_age"))]
    pub rule: &'static str,
    pub passed: bool,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "born 1972-03-14: 47 on 2020-01-05, at least 21 required")
    )]
    pub detail: String,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Thông tư 04/2012/TT-BNV Art. 3")
    )]
    pub source: &'static str,
}

impl Check {
    pub fn new(
        rule: &'static str,
        passed: bool,
        source: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            passed,
            detail: detail.into(),
            source,
        }
    }
}

/// The failed checks as violations, for a refusal.
pub fn failures(checks: &[Check]) -> crate::Violations {
    crate::Violations(
        checks
            .iter()
            .filter(|c| !c.passed)
            .map(|c| crate::RuleViolation::new(c.rule, c.detail.clone()))
            .collect(),
    )
}
