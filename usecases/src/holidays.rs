//! The public holidays of each year (rule 27): anyone reads them; admins keep them, a year
//! at a time, as the government publishes them. Deadlines in working days skip them.

use chrono::NaiveDate;
use dantin_domain::holiday::{check_year, Holiday, Holidays, DEADLINE_REACH_DAYS};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::holidays as stored;
use dantin_persistence::{Db, Store};

use crate::caller::Caller;
use crate::error::Result;

pub fn year(store: &Store, year: i32) -> Result<Vec<Holiday>> {
    Ok(store.read(|c| stored::year(c, year))?)
}

/// Replaces the holidays of `year`. Admin only. Decisions already recorded keep the
/// deadline they were judged against.
pub fn set_year(
    store: &Store,
    caller: &Caller,
    year: i32,
    days: Vec<Holiday>,
) -> Result<Vec<Holiday>> {
    caller.write(store, |c| {
        caller.require_admin()?;
        check_year(year, &days)?;
        let before = stored::year(c, year)?;
        stored::replace_year(c, year, &days)?;
        let after = stored::year(c, year)?;
        audit::append(
            c,
            caller.actor(),
            Change::changed(
                "holidays.update",
                "holiday_year",
                i64::from(year),
                &before,
                &after,
            ),
        )?;
        Ok(after)
    })
}

/// The holidays a deadline counted from `from` may meet.
pub(crate) fn after(c: &mut Db, from: NaiveDate) -> Result<Holidays> {
    let to = from
        .checked_add_days(chrono::Days::new(DEADLINE_REACH_DAYS))
        .unwrap_or(NaiveDate::MAX);
    Ok(stored::between(c, from, to)?)
}
