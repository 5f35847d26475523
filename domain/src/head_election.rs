//! The village head election: a meeting of household representatives (DOMAIN.md rules
//! 1-6; Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15 Art. 15, 18, 19; Nghị định
//! 59/2023/NĐ-CP Art. 6-9; Thông tư 04/2012/TT-BNV as amended by 14/2018 and 05/2022).

use crate::rule::Rule;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::check::Check;
use crate::id::PersonId;
use crate::rule_set::{HeadMajorityBase, RuleSet, Share};
use crate::string_enum::string_enum;
use crate::unit::UnitLevel;
use crate::RuleViolation;

const SRC_MEETING: &str = "Luật 10/2022/QH15 Art. 18; Thông tư 04/2012/TT-BNV Art. 7";
const SRC_RESULT: &str = "Thông tư 04/2012/TT-BNV Art. 9 (amended by 14/2018)";

string_enum! {
    /// How the meeting voted (rule 3), or ballots handed to each household when the
    /// meeting had no quorum (rule 2).
    pub enum VotingMethod {
        ShowOfHands => "show_of_hands",
        SecretBallot => "secret_ballot",
        HouseholdBallot => "household_ballot",
    }
}

string_enum! {
    pub enum Outcome {
        Elected => "elected",
        NoWinner => "no_winner",
        NoQuorum => "no_quorum",
    }
}

/// One candidate and the votes they got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub person_id: PersonId,
    pub votes: u32,
}

/// What was recorded of the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub households_total: u32,
    /// Representatives present; with household ballots, the ballots returned.
    pub households_present: u32,
    pub method: VotingMethod,
    pub candidates: Vec<Tally>,
}

/// The arithmetic behind an outcome, returned to the caller as it was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Arithmetic {
    /// What the winner's votes are counted against.
    pub majority_base: u32,
    /// `all_households` or `present`.
    pub majority_base_kind: HeadMajorityBase,
    /// Fewest votes that win: more than half of the base.
    pub votes_needed: u32,
    /// Fewest present for a valid meeting: more than half of all households.
    pub present_needed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    pub winner: Option<PersonId>,
    pub arithmetic: Arithmetic,
    pub checks: Vec<Check>,
}

/// Rules `election_unit_is_village` and `election_term_of_province`: a head election is a
/// village's, under its own province's calendar (Nghị định 59/2023/NĐ-CP Art. 7: the
/// province sets the village head term).
pub fn check_village_and_term(
    level: UnitLevel,
    term_of_its_province: bool,
) -> Result<(), RuleViolation> {
    if level != UnitLevel::Village {
        return Err(RuleViolation::new(
            Rule::ElectionUnitIsVillage,
            format!("the unit is a {level}"),
        ));
    }
    if !term_of_its_province {
        return Err(RuleViolation::new(
            Rule::ElectionTermOfProvince,
            "the term is another province's calendar",
        ));
    }
    Ok(())
}

/// The smallest count strictly above `share` of `base`.
pub fn needed(share: Share, base: u32) -> u32 {
    (u64::from(base) * u64::from(share.numerator) / u64::from(share.denominator)) as u32 + 1
}

/// Checks that the numbers can be true at all; each failure refuses the record.
/// Rules `present_within_total`, `votes_within_present`, `candidate_unique`,
/// `candidate_required` (rule 4: at least one candidate).
pub fn integrity(m: &Meeting) -> Vec<Check> {
    let votes: u64 = m.candidates.iter().map(|c| u64::from(c.votes)).sum();
    let mut seen = HashSet::new();
    let duplicate = m.candidates.iter().find(|c| !seen.insert(c.person_id));
    vec![
        Check::new(
            Rule::PresentWithinTotal,
            m.households_present <= m.households_total,
            SRC_MEETING,
            format!(
                "{} present of {} households",
                m.households_present, m.households_total
            ),
        ),
        Check::new(
            Rule::VotesWithinPresent,
            votes <= u64::from(m.households_present),
            SRC_MEETING,
            format!("{votes} votes cast by {} present", m.households_present),
        ),
        Check::new(
            Rule::CandidateUnique,
            duplicate.is_none(),
            SRC_MEETING,
            match duplicate {
                Some(c) => format!("person {} stands twice", c.person_id),
                None => "each candidate stands once".to_owned(),
            },
        ),
        Check::new(
            Rule::CandidateRequired,
            !m.candidates.is_empty(),
            "Luật 10/2022/QH15 Art. 19; Thông tư 04/2012/TT-BNV Art. 6",
            format!("{} candidate(s)", m.candidates.len()),
        ),
    ]
}

/// Decides the outcome of a meeting whose numbers passed `integrity`:
/// - `household_quorum` (rule 2): more than half of all households present, unless the
///   vote was by ballots handed to each household;
/// - `head_majority` (rule 5): the most votes, alone, and more than half of the base the
///   province chose (all households by default; with household ballots, always all).
pub fn decide(m: &Meeting, rules: &RuleSet) -> Decision {
    let present_needed = needed(Share::HALF, m.households_total);
    let quorum = m.method == VotingMethod::HouseholdBallot
        || Share::HALF.exceeded_by(m.households_present, m.households_total);
    let base_kind = match m.method {
        VotingMethod::HouseholdBallot => HeadMajorityBase::AllHouseholds,
        _ => rules.head_majority_base,
    };
    let majority_base = match base_kind {
        HeadMajorityBase::AllHouseholds => m.households_total,
        HeadMajorityBase::Present => m.households_present,
    };
    let arithmetic = Arithmetic {
        majority_base,
        majority_base_kind: base_kind,
        votes_needed: needed(Share::HALF, majority_base),
        present_needed,
    };
    let mut checks = vec![Check::new(
        Rule::HouseholdQuorum,
        quorum,
        SRC_MEETING,
        match m.method {
            VotingMethod::HouseholdBallot => {
                "votes taken by ballots handed to each household".to_owned()
            }
            _ => format!(
                "{} present of {}; at least {present_needed} needed",
                m.households_present, m.households_total
            ),
        },
    )];
    if !quorum {
        return Decision {
            outcome: Outcome::NoQuorum,
            winner: None,
            arithmetic,
            checks,
        };
    }
    let top = m.candidates.iter().map(|c| c.votes).max().unwrap_or(0);
    let leaders: Vec<&Tally> = m.candidates.iter().filter(|c| c.votes == top).collect();
    let winner = match leaders.as_slice() {
        [only] if Share::HALF.exceeded_by(only.votes, majority_base) => Some(only.person_id),
        _ => None,
    };
    checks.push(Check::new(
        Rule::HeadMajority,
        winner.is_some(),
        SRC_RESULT,
        match leaders.as_slice() {
            [_, _, ..] => format!("{} candidates tie at {top} votes", leaders.len()),
            _ => format!(
                "most votes {top}; at least {} of {majority_base} needed",
                arithmetic.votes_needed
            ),
        },
    ));
    Decision {
        outcome: if winner.is_some() {
            Outcome::Elected
        } else {
            Outcome::NoWinner
        },
        winner,
        arithmetic,
        checks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn meeting(total: u32, present: u32, votes: &[u32]) -> Meeting {
        Meeting {
            households_total: total,
            households_present: present,
            method: VotingMethod::SecretBallot,
            candidates: votes
                .iter()
                .enumerate()
                .map(|(i, &v)| Tally {
                    person_id: PersonId(i as i64 + 1),
                    votes: v,
                })
                .collect(),
        }
    }

    #[test]
    fn exactly_half_present_is_no_quorum_one_more_is() {
        let rules = RuleSet::default();
        assert_eq!(
            decide(&meeting(100, 50, &[50]), &rules).outcome,
            Outcome::NoQuorum
        );
        let d = decide(&meeting(100, 51, &[51]), &rules);
        assert_eq!((d.outcome, d.winner), (Outcome::Elected, Some(PersonId(1))));
        assert_eq!(d.arithmetic.present_needed, 51);
    }

    #[test]
    fn exactly_half_of_the_base_does_not_elect() {
        let rules = RuleSet::default();
        let d = decide(&meeting(100, 80, &[50, 30]), &rules);
        assert_eq!((d.outcome, d.winner), (Outcome::NoWinner, None));
        assert_eq!(d.arithmetic.votes_needed, 51);
        assert_eq!(
            decide(&meeting(100, 80, &[51, 29]), &rules).winner,
            Some(PersonId(1))
        );
    }

    #[test]
    fn the_base_is_the_provinces_choice() {
        let present_base = RuleSet {
            head_majority_base: HeadMajorityBase::Present,
            ..RuleSet::default()
        };
        // 41 of 80 present wins over present, not over 100 households.
        assert_eq!(
            decide(&meeting(100, 80, &[41, 39]), &present_base).winner,
            Some(PersonId(1))
        );
        assert_eq!(
            decide(&meeting(100, 80, &[41, 39]), &RuleSet::default()).winner,
            None
        );
    }

    #[test]
    fn household_ballots_need_no_quorum_and_count_over_all_households() {
        let present_base = RuleSet {
            head_majority_base: HeadMajorityBase::Present,
            ..RuleSet::default()
        };
        let mut m = meeting(100, 60, &[55]);
        m.method = VotingMethod::HouseholdBallot;
        let d = decide(&m, &present_base);
        assert_eq!((d.outcome, d.winner), (Outcome::Elected, Some(PersonId(1))));
        assert_eq!(d.arithmetic.majority_base, 100);
        m.candidates[0].votes = 50;
        assert_eq!(decide(&m, &present_base).outcome, Outcome::NoWinner);
    }

    #[test]
    fn an_election_is_a_villages_under_its_provinces_term() {
        assert!(check_village_and_term(UnitLevel::Village, true).is_ok());
        let err = check_village_and_term(UnitLevel::Commune, true).unwrap_err();
        assert_eq!(err.rule, Rule::ElectionUnitIsVillage);
        let err = check_village_and_term(UnitLevel::Village, false).unwrap_err();
        assert_eq!(err.rule, Rule::ElectionTermOfProvince);
    }

    #[test]
    fn a_tie_at_the_top_elects_nobody() {
        let d = decide(&meeting(10, 10, &[5, 5]), &RuleSet::default());
        assert_eq!(d.outcome, Outcome::NoWinner);
        assert!(d.checks.iter().any(|c| c.detail.contains("tie")));
    }

    #[test]
    fn impossible_numbers_fail_integrity() {
        let failed = |m: &Meeting| -> Vec<Rule> {
            integrity(m)
                .into_iter()
                .filter(|c| !c.passed)
                .map(|c| c.rule)
                .collect()
        };
        assert_eq!(
            failed(&meeting(100, 101, &[10])),
            vec![Rule::PresentWithinTotal]
        );
        assert_eq!(
            failed(&meeting(100, 60, &[40, 21])),
            vec![Rule::VotesWithinPresent]
        );
        let mut twice = meeting(100, 60, &[10, 10]);
        twice.candidates[1].person_id = PersonId(1);
        assert_eq!(failed(&twice), vec![Rule::CandidateUnique]);
        assert_eq!(
            failed(&meeting(100, 60, &[])),
            vec![Rule::CandidateRequired]
        );
        assert!(failed(&meeting(100, 60, &[40, 20])).is_empty());
    }

    proptest! {
        #[test]
        fn nobody_with_fewer_votes_than_another_is_elected(
            total in 1u32..500, present_share in 0u32..=100, votes in proptest::collection::vec(0u32..300, 1..5),
            base_present in any::<bool>(),
        ) {
            let present = total * present_share / 100;
            let m = meeting(total, present, &votes);
            let rules = RuleSet {
                head_majority_base: if base_present { HeadMajorityBase::Present } else { HeadMajorityBase::AllHouseholds },
                ..RuleSet::default()
            };
            let d = decide(&m, &rules);
            if let Some(w) = d.winner {
                let wv = m.candidates.iter().find(|c| c.person_id == w).unwrap().votes;
                prop_assert!(m.candidates.iter().all(|c| c.person_id == w || c.votes < wv));
                prop_assert!(wv >= d.arithmetic.votes_needed);
            }
        }

        #[test]
        fn no_outcome_elects_without_quorum(total in 1u32..500, present_share in 0u32..=50, v in 0u32..500) {
            let present = total * present_share / 100;
            let d = decide(&meeting(total, present, &[v]), &RuleSet::default());
            prop_assert_eq!(d.outcome, Outcome::NoQuorum);
            prop_assert_eq!(d.winner, None);
        }
    }
}
