//! Persons who hold or stand for posts.

use crate::rule::Rule;
use chrono::NaiveDate;

use crate::string_enum::string_enum;
use crate::Violations;

string_enum! {
    pub enum Gender {
        Male => "male",
        Female => "female",
    }
}

string_enum! {
    /// Party membership (Điều lệ Đảng Art. 5): only official members vote or stand in
    /// Party elections.
    pub enum PartyStatus {
        None => "none",
        Probationary => "probationary",
        Official => "official",
    }
}

/// A person's party status from a day on; `since: None` is a status known to have held
/// all along (recorded without its day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    pub status: PartyStatus,
    pub since: Option<NaiveDate>,
}

/// A person's party status on `day` (rules 11 and 19 judge the status of the day, not
/// today's: a member admitted on probation becomes official only after twelve months,
/// Điều lệ Đảng Art. 5): the latest change on or before it; none before the first.
pub fn status_on(changes: &[StatusChange], day: NaiveDate) -> PartyStatus {
    changes
        .iter()
        .filter(|c| c.since.is_none_or(|since| since <= day))
        .max_by_key(|c| c.since)
        .map_or(PartyStatus::None, |c| c.status)
}

/// The rules a person's record must satisfy:
/// - `birth_date_not_in_future`: nobody is born after `today`;
/// - `party_org_matches_status`: a member (probationary or official) belongs to a Party
///   organisation, a non-member to none (Điều lệ Đảng Art. 5, 7).
pub fn check_person(
    birth_date: NaiveDate,
    party_status: PartyStatus,
    has_party_org: bool,
    today: NaiveDate,
) -> Result<(), Violations> {
    let mut v = Violations::default();
    v.check(birth_date <= today, Rule::BirthDateNotInFuture, || {
        "the date of birth is later than today".to_owned()
    });
    let is_member = party_status != PartyStatus::None;
    v.check(
        is_member == has_party_org,
        Rule::PartyOrgMatchesStatus,
        || {
            if is_member {
                format!("a {party_status} member must name the party organisation they belong to")
            } else {
                "a person who is not a Party member cannot belong to a party organisation"
                    .to_owned()
            }
        },
    );
    v.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn membership_and_organisation_go_together() {
        let today = d("2020-01-05");
        let born = d("1970-01-01");
        let table = [
            (PartyStatus::None, false, true),
            (PartyStatus::None, true, false),
            (PartyStatus::Official, true, true),
            (PartyStatus::Official, false, false),
            (PartyStatus::Probationary, true, true),
            (PartyStatus::Probationary, false, false),
        ];
        for (status, has_org, ok) in table {
            let got = check_person(born, status, has_org, today);
            assert_eq!(got.is_ok(), ok, "{status} with org {has_org}");
            if let Err(v) = got {
                assert_eq!(v.0[0].rule, Rule::PartyOrgMatchesStatus);
            }
        }
    }

    #[test]
    fn born_today_is_fine_born_tomorrow_is_not() {
        let today = d("2020-01-05");
        assert!(check_person(today, PartyStatus::None, false, today).is_ok());
        let err = check_person(d("2020-01-06"), PartyStatus::None, false, today).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::BirthDateNotInFuture);
    }

    #[test]
    fn the_status_of_a_day_is_the_last_change_by_then() {
        let change = |status, since: Option<&str>| StatusChange {
            status,
            since: since.map(d),
        };
        let history = [
            change(PartyStatus::Probationary, None),
            change(PartyStatus::Official, Some("2021-03-01")),
        ];
        assert_eq!(
            status_on(&history, d("2021-02-28")),
            PartyStatus::Probationary
        );
        assert_eq!(status_on(&history, d("2021-03-01")), PartyStatus::Official);
        let admitted = [change(PartyStatus::Probationary, Some("2020-05-19"))];
        assert_eq!(status_on(&admitted, d("2020-05-18")), PartyStatus::None);
        assert_eq!(status_on(&[], d("2020-05-18")), PartyStatus::None);
    }
}
