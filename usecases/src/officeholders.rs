//! Who holds which post on a day, for public lists. Nothing personal beyond the name.

use dantin_persistence::{Db, Store};

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
        in_force(c, filter)?;
        Ok(dantin_persistence::officeholders::page(
            c, filter, after, limit,
        )?)
    })
}

/// 404, or `not_in_force`, unless the unit asked for stood on the map's day.
pub fn check_unit(store: &Store, filter: &OfficeholderFilter) -> Result<()> {
    store.read(|c| in_force(c, filter))
}

fn in_force(c: &mut Db, filter: &OfficeholderFilter) -> Result<()> {
    if let Some(unit) = filter.unit {
        unit_on(c, unit, filter.map)?;
    }
    Ok(())
}
