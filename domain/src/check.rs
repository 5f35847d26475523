//! What a rule said about one case: the answer the API returns with every decision.

use crate::rule::Rule;

/// One rule applied to one case: its name, whether it passed, why, and its legal source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub rule: Rule,
    pub passed: bool,
    pub detail: String,
    pub source: &'static str,
}

impl Check {
    pub fn new(rule: Rule, passed: bool, source: &'static str, detail: impl Into<String>) -> Self {
        Self {
            rule,
            passed,
            detail: detail.into(),
            source,
        }
    }
}

impl Check {
    /// The check as a refusal when it failed.
    pub fn into_result(self) -> Result<(), crate::RuleViolation> {
        if self.passed {
            Ok(())
        } else {
            Err(crate::RuleViolation::new(self.rule, self.detail))
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
