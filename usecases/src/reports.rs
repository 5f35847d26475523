//! The reports portals pull: how far a pair of posts is unified in a unit and under it
//! (rule 21), and how a term's elections progressed day by day. Public.

use chrono::NaiveDate;
use dantin_domain::pair::PostPair;
use dantin_domain::{TermId, UnitId};
use dantin_persistence::reports;
use dantin_persistence::{terms, units, Store};

pub use dantin_persistence::reports::{
    Cumulative, NotUnified, ProgressDay, ProgressReport, UnificationReport,
};

use crate::clock::today;
use crate::error::Result;
use crate::lookup::found;
use crate::rule_sets;

/// The day a report is taken on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportDay {
    On(NaiveDate),
    /// A term's last day, or today while it runs.
    EndOfTerm(TermId),
}

/// The report of `pair` for `unit` and its subtree, against its province's target.
pub fn unification(
    store: &Store,
    unit: UnitId,
    pair: PostPair,
    day: ReportDay,
) -> Result<UnificationReport> {
    store.read(|c| {
        let on = match day {
            ReportDay::On(on) => on,
            ReportDay::EndOfTerm(term) => {
                found(terms::find(c, term)?, "term")?.ends_on.min(today())
            }
        };
        let root = found(units::find(c, unit)?, "unit")?;
        let target = pair.target_percent(&rule_sets::for_unit(c, unit)?);
        Ok(reports::unification(c, root, pair, on, target)?)
    })
}

/// Day by day, cumulative: the term's head elections and cell congresses under `unit`.
pub fn progress(store: &Store, unit: UnitId, term: TermId) -> Result<ProgressReport> {
    store.read(|c| {
        let root = found(units::find(c, unit)?, "unit")?;
        let term = found(terms::find(c, term)?, "term")?;
        Ok(reports::progress(c, root, &term)?)
    })
}
