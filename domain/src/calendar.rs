//! Days as Vietnam counts them, and the days the registry holds at all. The clock is read
//! by the caller; this only says which day an instant falls on.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// The first day the registry holds: no unit, person or election of it is older.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("1900-01-01 is a day"),
};

/// The last day the registry holds: far enough for any term being planned, near enough
/// that every day is written `YYYY-MM-DD` (a date of year 10000 would sort before 2020
/// as text, and break `format: date`).
pub const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => panic!("2199-12-31 is a day"),
};

/// Whether the registry holds `day` (`EARLIEST` to `LATEST`, both included); the message
/// says the range otherwise.
pub fn check_held(day: NaiveDate) -> Result<NaiveDate, String> {
    if (EARLIEST..=LATEST).contains(&day) {
        Ok(day)
    } else {
        Err(format!(
            "{day} is outside the days the registry holds, {EARLIEST} to {LATEST}"
        ))
    }
}

/// Vietnam's time zone: UTC+7 all year (no daylight saving).
pub fn vietnam() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The day in Vietnam at the instant `now`: the default `on` of every read.
pub fn day_in_vietnam(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&vietnam()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_holds_the_years_1900_to_2199() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(check_held(d("1900-01-01")).is_ok());
        assert!(check_held(d("2199-12-31")).is_ok());
        assert!(check_held(d("1899-12-31")).is_err());
        assert!(check_held(d("2200-01-01")).is_err());
        assert!(check_held(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap()).is_err());
        assert!(check_held(NaiveDate::from_ymd_opt(-1, 1, 1).unwrap()).is_err());
    }

    #[test]
    fn the_day_turns_at_five_in_the_afternoon_utc() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(day_in_vietnam(at("2020-01-04T16:59:59Z")), d("2020-01-04"));
        assert_eq!(day_in_vietnam(at("2020-01-04T17:00:00Z")), d("2020-01-05"));
    }
}
