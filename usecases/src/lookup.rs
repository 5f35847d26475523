//! Records a use case needs: missing ones answer 404 when they are what was asked for,
//! and the rule they break when a request refers to them.

use std::fmt::Display;

use dantin_domain::{Rule, RuleViolation};

use crate::error::{Error, Result};

/// The record asked for, or 404 naming its kind.
pub(crate) fn found<T>(record: Option<T>, what: &'static str) -> Result<T> {
    record.ok_or(Error::NotFound(what))
}

/// The record a request refers to, or `rule` broken: "no `what` has id `id`".
pub(crate) fn referenced<T>(
    record: Option<T>,
    rule: Rule,
    what: &str,
    id: impl Display,
) -> Result<T> {
    record.ok_or_else(|| RuleViolation::missing(rule, what, id).into())
}
