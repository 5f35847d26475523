//! Who holds which post on a day, for public lists. Nothing personal beyond the name.

use dantin_persistence::Store;

pub use dantin_persistence::officeholders::{OfficeUnit, Officeholder, OfficeholderFilter};

use crate::error::Result;

/// Up to `limit` officeholders after the tenure `after`, in tenure order.
pub fn page(
    store: &Store,
    filter: &OfficeholderFilter,
    after: Option<i64>,
    limit: usize,
) -> Result<Vec<Officeholder>> {
    Ok(store.read(|c| dantin_persistence::officeholders::page(c, filter, after, limit))?)
}
