//! A rule that refused an input, named the way the API reports it.

use crate::rule::Rule;

/// One failed rule: its stable name (what clients match on) and a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleViolation {
    pub rule: Rule,
    pub detail: String,
}

impl RuleViolation {
    pub fn new(rule: Rule, detail: impl Into<String>) -> Self {
        Self {
            rule,
            detail: detail.into(),
        }
    }
}

impl RuleViolation {
    /// A reference to a record that does not exist: `what` names its kind ("unit").
    pub fn missing(rule: Rule, what: &str, id: impl std::fmt::Display) -> Self {
        Self::new(rule, format!("no {what} has id {id}"))
    }
}

impl std::fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.rule, self.detail)
    }
}

/// Every rule an input broke, so that a caller can fix them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations(pub Vec<RuleViolation>);

impl Violations {
    pub fn check(&mut self, ok: bool, rule: Rule, detail: impl FnOnce() -> String) {
        if !ok {
            self.0.push(RuleViolation::new(rule, detail()));
        }
    }

    /// `Ok(())` when nothing failed, else every failure.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl From<RuleViolation> for Violations {
    fn from(v: RuleViolation) -> Self {
        Self(vec![v])
    }
}

/// One refused row of a bulk input: its 0-based index in the input, the rule it broke
/// and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowViolation {
    pub index: usize,
    pub rule: Rule,
    pub detail: String,
}

impl RowViolation {
    pub fn new(index: usize, v: RuleViolation) -> Self {
        Self {
            index,
            rule: v.rule,
            detail: v.detail,
        }
    }
}
