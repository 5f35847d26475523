//! The public holidays (migration `public_holidays`), kept per year.

use chrono::NaiveDate;
use dantin_domain::holiday::{Holiday, Holidays};
use diesel::prelude::*;

use crate::db::{on_backend, Db};
use crate::error::StoreResult;
use crate::schema::public_holidays;

fn year_span(year: i32) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    (first, last)
}

/// The holidays of `year`, in order.
pub fn year(c: &mut Db, year: i32) -> StoreResult<Vec<Holiday>> {
    let (first, last) = year_span(year);
    let rows: Vec<(NaiveDate, String)> = public_holidays::table
        .filter(public_holidays::day.between(first, last))
        .order(public_holidays::day)
        .select((public_holidays::day, public_holidays::name))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(day, name)| Holiday { day, name })
        .collect())
}

/// The holidays from `from` to `to`, both included.
pub fn between(c: &mut Db, from: NaiveDate, to: NaiveDate) -> StoreResult<Holidays> {
    let days: Vec<NaiveDate> = public_holidays::table
        .filter(public_holidays::day.between(from, to))
        .select(public_holidays::day)
        .load(c)?;
    Ok(Holidays::new(days))
}

/// Replaces the holidays of `year` with `days` (all of that year).
pub fn replace_year(c: &mut Db, year: i32, days: &[Holiday]) -> StoreResult<()> {
    let (first, last) = year_span(year);
    diesel::delete(public_holidays::table.filter(public_holidays::day.between(first, last)))
        .execute(c)?;
    let rows: Vec<_> = days
        .iter()
        .map(|h| {
            (
                public_holidays::day.eq(h.day),
                public_holidays::name.eq(&h.name),
            )
        })
        .collect();
    on_backend!(c, |c| diesel::insert_into(public_holidays::table)
        .values(&rows)
        .execute(c))?;
    Ok(())
}
