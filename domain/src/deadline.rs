//! Deadlines counted in working days: Monday to Friday, less the public holidays of the
//! calendar kept as data (rule 27, `holiday`).

use crate::rule::Rule;
use chrono::{Datelike, NaiveDate, Weekday};

use crate::check::Check;
use crate::holiday::Holidays;

/// The day `days` working days after `from`: weekends and `holidays` do not count.
pub fn add_working_days(from: NaiveDate, days: u32, holidays: &Holidays) -> NaiveDate {
    let mut d = from;
    let mut left = days;
    while left > 0 {
        // The end of the calendar is as late as a deadline gets.
        let Some(next) = d.succ_opt() else { return d };
        d = next;
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(d) {
            left -= 1;
        }
    }
    d
}

/// Rule `recognition_within_5_working_days` (rule 6): the commune People's Committee
/// recognises the elected head within 5 working days. A late decision still stands; the
/// check says it was late.
pub fn recognition_in_time(
    held_on: NaiveDate,
    decided_on: NaiveDate,
    holidays: &Holidays,
) -> Check {
    in_time(
        Rule::RecognitionWithin5WorkingDays,
        "Luật 10/2022/QH15 Art. 19; Thông tư 04/2012/TT-BNV Art. 9; Bộ luật Lao động 2019 Art. 112",
        (held_on, decided_on),
        5,
        holidays,
    )
}

/// Rule `removal_within_5_working_days` (rule 10): the commune People's Committee
/// recognises a village head's resignation or removal within 5 working days of the
/// resignation or of the meeting that voted the removal.
pub fn removal_in_time(asked_on: NaiveDate, decided_on: NaiveDate, holidays: &Holidays) -> Check {
    in_time(
        Rule::RemovalWithin5WorkingDays,
        "Thông tư 04/2012/TT-BNV Art. 11 as amended; Bộ luật Lao động 2019 Art. 112",
        (asked_on, decided_on),
        5,
        holidays,
    )
}

/// Rule `approval_within_15_working_days` (rule 16): the superior committee approves the
/// elected secretary within 15 working days.
pub fn approval_in_time(held_on: NaiveDate, decided_on: NaiveDate, holidays: &Holidays) -> Check {
    in_time(
        Rule::ApprovalWithin15WorkingDays,
        "Quy định 190-QĐ/TW 2024 Art. 30; Bộ luật Lao động 2019 Art. 112",
        (held_on, decided_on),
        15,
        holidays,
    )
}

fn in_time(
    rule: Rule,
    source: &'static str,
    (held_on, decided_on): (NaiveDate, NaiveDate),
    days: u32,
    holidays: &Holidays,
) -> Check {
    let deadline = add_working_days(held_on, days, holidays);
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

    fn none() -> Holidays {
        Holidays::default()
    }

    /// The days off of Tết Bính Ngọ as the government set them: 14 to 22 February 2026.
    fn tet_2026() -> Holidays {
        Holidays::new((14..=22).map(|day| NaiveDate::from_ymd_opt(2026, 2, day).unwrap()))
    }

    #[test]
    fn working_days_skip_the_weekend() {
        // 2020-01-05 was a Sunday: Mon 6 .. Fri 10.
        assert_eq!(
            add_working_days(d("2020-01-05"), 5, &none()),
            d("2020-01-10")
        );
        // From a Wednesday: Thu, Fri, Mon, Tue, Wed.
        assert_eq!(
            add_working_days(d("2020-01-08"), 5, &none()),
            d("2020-01-15")
        );
    }

    #[test]
    fn a_deadline_across_tet_counts_working_days_only() {
        // From Tuesday 10 February 2026: Wed 11, Thu 12, Fri 13, then Tết to Sunday 22,
        // then Mon 23 and Tue 24. Without the calendar it would fall on Tue 17, in Tết.
        assert_eq!(
            add_working_days(d("2026-02-10"), 5, &tet_2026()),
            d("2026-02-24")
        );
        assert_eq!(
            add_working_days(d("2026-02-10"), 5, &none()),
            d("2026-02-17")
        );
        assert!(recognition_in_time(d("2026-02-10"), d("2026-02-24"), &tet_2026()).passed);
        assert!(!recognition_in_time(d("2026-02-10"), d("2026-02-25"), &tet_2026()).passed);
        assert!(!recognition_in_time(d("2026-02-10"), d("2026-02-24"), &none()).passed);
    }

    #[test]
    fn the_last_working_day_is_in_time_the_next_is_late() {
        assert!(recognition_in_time(d("2020-01-05"), d("2020-01-10"), &none()).passed);
        assert!(!recognition_in_time(d("2020-01-05"), d("2020-01-13"), &none()).passed);
        assert!(approval_in_time(d("2020-01-18"), d("2020-02-07"), &none()).passed);
        assert!(!approval_in_time(d("2020-01-18"), d("2020-02-10"), &none()).passed);
    }
}
