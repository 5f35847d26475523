//! Who may stand for a post, as named checks (DOMAIN.md rules 7 and 11).

use chrono::{Datelike, Months, NaiveDate};

use crate::check::Check;
use crate::person::PartyStatus;

pub const HEAD_MIN_AGE: u32 = 21;

const SRC_HEAD_AGE: &str =
    "Thông tư 04/2012/TT-BNV Art. 3 (amended by 14/2018, 05/2022); Luật 10/2022/QH15 Art. 19";
const SRC_PARTY: &str = "Điều lệ Đảng Art. 3, 5; Quy định 190-QĐ/TW 2024 Art. 30";

/// Age in whole years on `day`.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Rule `candidate_min_age`: at least 21 on election day (a 21st birthday on the day counts).
pub fn min_age(birth: NaiveDate, day: NaiveDate) -> Check {
    let of_age = birth
        .checked_add_months(Months::new(HEAD_MIN_AGE * 12))
        .is_some_and(|d| d <= day);
    Check::new(
        "candidate_min_age",
        of_age,
        SRC_HEAD_AGE,
        format!(
            "{} years old on {day}; at least {HEAD_MIN_AGE} required",
            age_on(birth, day)
        ),
    )
}

/// Rule `candidate_residence`: a permanent resident living in the village.
pub fn residence(lives_in_village: bool) -> Check {
    Check::new(
        "candidate_residence",
        lives_in_village,
        SRC_HEAD_AGE,
        if lives_in_village {
            "lives in the village"
        } else {
            "does not live in the village"
        },
    )
}

/// Rule `candidate_holds_no_other_head_post`: not already head of another village.
pub fn no_other_head_post(other_village: Option<i64>) -> Check {
    Check::new(
        "candidate_holds_no_other_head_post",
        other_village.is_none(),
        SRC_HEAD_AGE,
        match other_village {
            None => "holds no village head post elsewhere".to_owned(),
            Some(v) => format!("already village head of unit {v}"),
        },
    )
}

/// Rule `congress_official_members_only`: only official members stand (probationary
/// members neither vote nor stand).
pub fn official_member(status: PartyStatus) -> Check {
    Check::new(
        "congress_official_members_only",
        status == PartyStatus::Official,
        SRC_PARTY,
        format!("party status is `{status}`; `official` required"),
    )
}

/// Rule `candidate_member_of_cell`: a secretary is elected from the cell's own members.
pub fn member_of_cell(is_member: bool) -> Check {
    Check::new(
        "candidate_member_of_cell",
        is_member,
        SRC_PARTY,
        if is_member {
            "belongs to the cell"
        } else {
            "does not belong to the cell"
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_21st_birthday_on_election_day_counts_the_day_before_does_not() {
        let born = d("1998-01-05");
        assert!(min_age(born, d("2019-01-05")).passed);
        assert!(!min_age(born, d("2019-01-04")).passed);
        assert_eq!(age_on(born, d("2019-01-04")), 20);
        assert_eq!(age_on(born, d("2019-01-05")), 21);
    }

    #[test]
    fn a_leap_day_birthday_comes_of_age_on_28_february() {
        let born = d("2000-02-29");
        assert!(!min_age(born, d("2021-02-27")).passed);
        assert!(min_age(born, d("2021-02-28")).passed);
    }

    #[test]
    fn only_official_members_stand_in_party_elections() {
        assert!(official_member(PartyStatus::Official).passed);
        assert!(!official_member(PartyStatus::Probationary).passed);
        assert!(!official_member(PartyStatus::None).passed);
    }

    #[test]
    fn residence_and_other_posts_are_checked() {
        assert!(residence(true).passed && !residence(false).passed);
        assert!(no_other_head_post(None).passed && !no_other_head_post(Some(3)).passed);
    }
}
