//! Who may stand for a post, as named checks (DOMAIN.md rules 7 and 11).

use crate::rule::Rule;
use chrono::{Datelike, Months, NaiveDate};

use crate::appointment::Post;
use crate::check::Check;
use crate::id::{PartyOrgId, UnitId};
use crate::person::PartyStatus;
use crate::unit::UnitLevel;
use crate::RuleViolation;

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
        Rule::CandidateMinAge,
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
        Rule::CandidateResidence,
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
pub fn no_other_head_post(other_village: Option<UnitId>) -> Check {
    Check::new(
        Rule::CandidateHoldsNoOtherHeadPost,
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
        Rule::CongressOfficialMembersOnly,
        status == PartyStatus::Official,
        SRC_PARTY,
        format!("party status is `{status}`; `official` required"),
    )
}

/// Rule `candidate_member_of_cell`: a secretary is elected from the cell's own members.
pub fn member_of_cell(is_member: bool) -> Check {
    Check::new(
        Rule::CandidateMemberOfCell,
        is_member,
        SRC_PARTY,
        if is_member {
            "belongs to the cell"
        } else {
            "does not belong to the cell"
        },
    )
}

/// Rule `candidate_not_on_election_team` (rule 4): nobody on the election team stands
/// (Thông tư 04/2012/TT-BNV Art. 5).
pub fn not_on_election_team(on_team: bool) -> Check {
    Check::new(
        Rule::CandidateNotOnElectionTeam,
        !on_team,
        "Thông tư 04/2012/TT-BNV Art. 5",
        if on_team {
            "is on the election team"
        } else {
            "is not on the election team"
        },
    )
}

/// What rule 7 asks of a person standing for village head on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadCandidate {
    pub birth_date: NaiveDate,
    pub lives_in_village: bool,
    /// The other village the person heads on the day, if any.
    pub heads_elsewhere: Option<UnitId>,
}

/// Rule 7 for a head: age on the day, residence, and no head post elsewhere.
pub fn head_candidate(c: &HeadCandidate, day: NaiveDate) -> Vec<Check> {
    vec![
        min_age(c.birth_date, day),
        residence(c.lives_in_village),
        no_other_head_post(c.heads_elsewhere),
    ]
}

/// Rule 11 and the cell's own membership for a person standing for secretary.
pub fn secretary_candidate(status: PartyStatus, member_of_the_cell: bool) -> Vec<Check> {
    vec![official_member(status), member_of_cell(member_of_the_cell)]
}

/// The two kinds of post eligibility is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The village head or deputy, elected by the residents (rule 7).
    VillageHead,
    /// The cell secretary or deputy, elected by the congress (rule 11).
    CellSecretary,
}

/// Rule `eligibility_post_supported`: eligibility is computed for the village posts that
/// are elected, whose rules DOMAIN.md gives.
pub fn standing_for(post: Post) -> Result<Standing, RuleViolation> {
    match post {
        Post::VillageHead | Post::DeputyVillageHead => Ok(Standing::VillageHead),
        Post::CellSecretary | Post::CellDeputySecretary => Ok(Standing::CellSecretary),
        other => Err(RuleViolation::new(
            Rule::EligibilityPostSupported,
            format!("eligibility is computed for village posts; `{other}` is not one"),
        )),
    }
}

/// Rule `eligibility_unit_is_village`: the posts eligibility is computed for are a
/// village's.
pub fn check_is_village(level: UnitLevel) -> Result<(), RuleViolation> {
    if level == UnitLevel::Village {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::EligibilityUnitIsVillage,
            format!("the unit is a {level}"),
        ))
    }
}

/// Rule `eligibility_village_has_cell`: a secretary stands in the village's cell, so the
/// village needs one.
pub fn village_cell(cell: Option<PartyOrgId>, village: &str) -> Result<PartyOrgId, RuleViolation> {
    cell.ok_or_else(|| {
        RuleViolation::new(
            Rule::EligibilityVillageHasCell,
            format!("{village} has no Party cell"),
        )
    })
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
        assert!(no_other_head_post(None).passed && !no_other_head_post(Some(UnitId(3))).passed);
    }

    #[test]
    fn a_head_candidate_is_judged_on_all_three_counts() {
        let c = HeadCandidate {
            birth_date: d("1998-01-05"),
            lives_in_village: false,
            heads_elsewhere: Some(UnitId(9)),
        };
        let failed: Vec<Rule> = head_candidate(&c, d("2019-01-04"))
            .into_iter()
            .filter(|c| !c.passed)
            .map(|c| c.rule)
            .collect();
        assert_eq!(
            failed,
            vec![
                Rule::CandidateMinAge,
                Rule::CandidateResidence,
                Rule::CandidateHoldsNoOtherHeadPost
            ]
        );
    }

    #[test]
    fn the_election_team_does_not_stand() {
        assert!(!not_on_election_team(true).passed);
        assert!(not_on_election_team(false).passed);
        let failed: Vec<bool> = secretary_candidate(PartyStatus::Official, false)
            .iter()
            .map(|c| c.passed)
            .collect();
        assert_eq!(failed, vec![true, false]);
    }

    #[test]
    fn eligibility_is_for_the_village_posts_that_are_elected() {
        assert_eq!(
            standing_for(Post::DeputyVillageHead),
            Ok(Standing::VillageHead)
        );
        assert_eq!(
            standing_for(Post::CellSecretary),
            Ok(Standing::CellSecretary)
        );
        let err = standing_for(Post::PeoplesCommitteeChair).unwrap_err();
        assert_eq!(err.rule, Rule::EligibilityPostSupported);
    }
}
