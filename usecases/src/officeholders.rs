//! Who holds which post on a day, for public lists. Nothing personal beyond the name.

use dantin_persistence::Store;

pub use dantin_persistence::officeholders::{OfficeUnit, Officeholder, OfficeholderFilter};

use crate::error::Result;
use crate::lookup::unit_on;

/// Up to `limit` officeholders after the tenure `after`, in tenure order. A unit asked
/// for must be in force on the map's day.
pub fn page(
    store: &Store,
    filter: &OfficeholderFilter,
    after: Option<i64>,
    limit: usize,
) -> Result<Vec<Officeholder>> {
    store.read(|c| {
        if let Some(unit) = filter.unit {
            unit_on(c, unit, filter.map)?;
        }
        Ok(dantin_persistence::officeholders::page(
            c, filter, after, limit,
        )?)
    })
}
