//! Days as Vietnam counts them. The clock is read by the caller; this only says which
//! day an instant falls on.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

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
    fn the_day_turns_at_five_in_the_afternoon_utc() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(day_in_vietnam(at("2020-01-04T16:59:59Z")), d("2020-01-04"));
        assert_eq!(day_in_vietnam(at("2020-01-04T17:00:00Z")), d("2020-01-05"));
    }
}
