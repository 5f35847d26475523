//! Deadlines counted in working days (Monday to Friday; public holidays are not known
//! here and are not skipped).

use crate::rule::Rule;
use chrono::{Datelike, NaiveDate, Weekday};

use crate::check::Check;

/// The day `days` working days after `from`.
pub fn add_working_days(from: NaiveDate, days: u32) -> NaiveDate {
    let mut d = from;
    let mut left = days;
    while left > 0 {
        // The end of the calendar is as late as a deadline gets.
        let Some(next) = d.succ_opt() else { return d };
        d = next;
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

/// Rule `recognition_within_5_working_days` (rule 6): the commune People's Committee
/// recognises the elected head within 5 working days. A late decision still stands; the
/// check says it was late.
pub fn recognition_in_time(held_on: NaiveDate, decided_on: NaiveDate) -> Check {
    in_time(
        Rule::RecognitionWithin5WorkingDays,
        "Luật 10/2022/QH15 Art. 19; Thông tư 04/2012/TT-BNV Art. 9",
        held_on,
        decided_on,
        5,
    )
}

/// Rule `approval_within_15_working_days` (rule 16): the superior committee approves the
/// elected secretary within 15 working days.
pub fn approval_in_time(held_on: NaiveDate, decided_on: NaiveDate) -> Check {
    in_time(
        Rule::ApprovalWithin15WorkingDays,
        "Quy định 190-QĐ/TW 2024 Art. 30",
        held_on,
        decided_on,
        15,
    )
}

fn in_time(
    rule: Rule,
    source: &'static str,
    held_on: NaiveDate,
    decided_on: NaiveDate,
    days: u32,
) -> Check {
    let deadline = add_working_days(held_on, days);
    Check::new(
        rule,
        decided_on <= deadline,
        source,
        format!("decided on {decided_on}; due by {deadline}, {days} working days after {held_on}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn working_days_skip_the_weekend() {
        // 2020-01-05 was a Sunday: Mon 6 .. Fri 10.
        assert_eq!(add_working_days(d("2020-01-05"), 5), d("2020-01-10"));
        // From a Wednesday: Thu, Fri, Mon, Tue, Wed.
        assert_eq!(add_working_days(d("2020-01-08"), 5), d("2020-01-15"));
    }

    #[test]
    fn the_last_working_day_is_in_time_the_next_is_late() {
        assert!(recognition_in_time(d("2020-01-05"), d("2020-01-10")).passed);
        assert!(!recognition_in_time(d("2020-01-05"), d("2020-01-13")).passed);
        assert!(approval_in_time(d("2020-01-18"), d("2020-02-07")).passed);
        assert!(!approval_in_time(d("2020-01-18"), d("2020-02-10")).passed);
    }
}
