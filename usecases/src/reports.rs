//! The reports portals pull: how far a pair of posts is unified in a unit and under it
//! (rule 21), and how a term's elections progressed day by day. Public.

use chrono::NaiveDate;
use dantin_domain::pair::PostPair;
use dantin_domain::{TermId, UnitId};
use dantin_persistence::reports;
use dantin_persistence::{terms, Store};

pub use dantin_persistence::reports::{
    Cumulative, NotUnified, ProgressDay, ProgressReport, UnificationReport,
};

use crate::clock::today;
use crate::error::Record;
use crate::error::Result;
use crate::lookup::{found, unit_on};
use crate::rule_sets;

/// The day a report is taken on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportDay {
    On(NaiveDate),
    /// A term's last day, or today while it runs.
    EndOfTerm(TermId),
}

/// The report of `pair` for `unit` and its subtree, against its province's target: the
/// subtree on the map of `map` (default: the report's day), the facts of the report's
/// day. The unit must be in force on the map's day. Without a unit, the whole country, a
/// row per province, against no target (each province sets its own).
pub fn unification(
    store: &Store,
    unit: Option<UnitId>,
    pair: PostPair,
    day: ReportDay,
    map: Option<NaiveDate>,
) -> Result<UnificationReport> {
    store.read(|c| {
        let on = match day {
            ReportDay::On(on) => on,
            ReportDay::EndOfTerm(term) => found(terms::find(c, term)?, Record::Term)?
                .ends_on
                .min(today()),
        };
        let map = map.unwrap_or(on);
        let (root, target) = match unit {
            Some(unit) => (
                Some(unit_on(c, unit, map)?),
                pair.target_percent(&rule_sets::for_unit(c, unit, on)?),
            ),
            None => (None, None),
        };
        Ok(reports::unification(
            c,
            store.kept(),
            root,
            pair,
            (on, map),
            target,
        )?)
    })
}

/// Day by day, cumulative: the term's head elections and cell congresses under `unit`,
/// on the map of `map` (default: the term's first day), where the unit must be in force;
/// without a unit, in the whole country.
pub fn progress(
    store: &Store,
    unit: Option<UnitId>,
    term: TermId,
    map: Option<NaiveDate>,
) -> Result<ProgressReport> {
    store.read(|c| {
        let term = found(terms::find(c, term)?, Record::Term)?;
        let map = map.unwrap_or(term.starts_on);
        let root = unit.map(|unit| unit_on(c, unit, map)).transpose()?;
        Ok(reports::progress(c, root, &term, map)?)
    })
}
