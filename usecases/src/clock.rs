//! The clock, read in one place.

use chrono::NaiveDate;

/// Today in Vietnam: the default `on` of every read.
pub fn today() -> NaiveDate {
    dantin_domain::calendar::day_in_vietnam(chrono::Utc::now())
}
