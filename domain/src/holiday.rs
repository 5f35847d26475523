//! Public holidays (rule 27): the days off of Bộ luật Lao động 2019 Art. 112 (Tết Dương
//! lịch, five days of Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, two days of Quốc
//! khánh) and the days the government moves around them. Their solar dates change every
//! year (Tết follows the lunar calendar) and are published each year, so they are data an
//! admin keeps per year, not computed; deadlines in working days skip them.

use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::rule::Rule;
use crate::violation::Violations;

/// One public holiday: a day and what it is ("Tết Nguyên đán").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub day: NaiveDate,
    pub name: String,
}

/// The public holidays a deadline skips.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays(BTreeSet<NaiveDate>);

impl Holidays {
    pub fn new(days: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self(days.into_iter().collect())
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.0.contains(&day)
    }
}

/// How many days after a day its deadlines may reach: the holidays to know of. Fifteen
/// working days with every holiday of a year among them stay well inside it.
pub const DEADLINE_REACH_DAYS: u64 = 366;

/// Rules `holiday_in_year` and `holiday_once`: a year's calendar lists days of that year,
/// each once.
pub fn check_year(year: i32, days: &[Holiday]) -> Result<(), Violations> {
    let mut v = Violations::default();
    for h in days.iter().filter(|h| h.day.year() != year) {
        v.check(false, Rule::HolidayInYear, || {
            format!("{} is not in {year}", h.day)
        });
    }
    let mut seen = HashSet::new();
    for h in days.iter().filter(|h| !seen.insert(h.day)) {
        v.check(false, Rule::HolidayOnce, || {
            format!("{} is listed more than once", h.day)
        });
    }
    v.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(day: &str) -> Holiday {
        Holiday {
            day: day.parse().unwrap(),
            name: "Tết Nguyên đán".to_owned(),
        }
    }

    #[test]
    fn a_year_lists_its_own_days_once() {
        assert!(check_year(2026, &[h("2026-02-16"), h("2026-02-17")]).is_ok());
        let wrong =
            check_year(2026, &[h("2025-12-31"), h("2026-02-16"), h("2026-02-16")]).unwrap_err();
        let rules: Vec<Rule> = wrong.0.iter().map(|r| r.rule).collect();
        assert_eq!(rules, [Rule::HolidayInYear, Rule::HolidayOnce]);
    }
}
