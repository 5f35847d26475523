//! What a rule said about one case: the answer the API returns with every decision.

/// One rule applied to one case: its name, whether it passed, why, and its legal source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub rule: &'static str,
    pub passed: bool,
    pub detail: String,
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
