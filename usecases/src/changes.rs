//! The public change feed: what a public read can show, change by change, for integrators
//! keeping a local copy. Nothing personal beyond a person's id and name.

use dantin_domain::change::ChangeType;
use dantin_domain::UnitId;
use dantin_persistence::changes::ChangeFilter;
use dantin_persistence::scope::Scope;
use dantin_persistence::units;
use dantin_persistence::Store;

pub use dantin_persistence::changes::Change;

use crate::error::Record;
use crate::error::Result;
use crate::lookup::found;

/// Which changes a reader follows.
#[derive(Debug, Clone, Default)]
pub struct ChangeQuery {
    /// Only the changes of units under this one on the latest map (where a unit now lies,
    /// ended units included); the unit must exist.
    pub unit: Option<UnitId>,
    /// Only these kinds; every kind when empty.
    pub types: Vec<ChangeType>,
}

/// Up to `limit` changes after the change `after`, oldest first; `None` when `after` is
/// past the last change (a position the feed never gave).
pub fn page(
    store: &Store,
    query: &ChangeQuery,
    after: i64,
    limit: i64,
) -> Result<Option<Vec<Change>>> {
    store.read(|c| {
        if after > dantin_persistence::changes::last_id(c)? {
            return Ok(None);
        }
        if let Some(unit) = query.unit {
            found(units::find(c, unit)?, Record::Unit)?;
        }
        let filter = ChangeFilter {
            scope: query.unit.map(Scope::Subtree),
            types: query.types.clone(),
        };
        Ok(Some(dantin_persistence::changes::page(
            c, &filter, after, limit,
        )?))
    })
}
