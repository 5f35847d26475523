//! The pairs of posts whose unification is measured (DOMAIN.md rule 21): a post of a unit
//! and the Party post of that unit's organisation, held by one person.

use crate::appointment::Post;
use crate::party_org::PartyOrgKind;
use crate::rule_set::RuleSet;
use crate::string_enum::string_enum;
use crate::unit::UnitLevel;

string_enum! {
    pub enum PostPair {
        /// Village head and village cell secretary ("Dân tin – Đảng cử"; target 100%).
        Village => "village",
        /// Commune People's Committee chairman and commune Party secretary (target ≥ 75%).
        CommuneChair => "commune_chair",
        /// Commune People's Council chairman and commune Party secretary.
        CommuneCouncil => "commune_council",
        /// Agency or enterprise head and the secretary of its Party cell (the coal
        /// industry's 871/904).
        Agency => "agency",
    }
}

/// What a pair is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subjects {
    /// The units of a level (villages, communes), each with its organisation.
    UnitsAt(UnitLevel),
    /// Party cells that are not a village's: each stands for its agency.
    AgencyCells,
}

impl PostPair {
    /// What the pair is measured over.
    pub fn subjects(self) -> Subjects {
        match self {
            PostPair::Village => Subjects::UnitsAt(UnitLevel::Village),
            PostPair::CommuneChair | PostPair::CommuneCouncil => {
                Subjects::UnitsAt(UnitLevel::Commune)
            }
            PostPair::Agency => Subjects::AgencyCells,
        }
    }

    /// The unit's post ("head" in the unified status).
    pub fn unit_post(self) -> Post {
        match self {
            PostPair::Village => Post::VillageHead,
            PostPair::CommuneChair => Post::PeoplesCommitteeChair,
            PostPair::CommuneCouncil => Post::PeoplesCouncilChair,
            PostPair::Agency => Post::AgencyHead,
        }
    }

    /// The Party post ("secretary" in the unified status).
    pub fn party_post(self) -> Post {
        match self {
            PostPair::Village | PostPair::Agency => Post::CellSecretary,
            PostPair::CommuneChair | PostPair::CommuneCouncil => Post::CommunePartySecretary,
        }
    }

    /// The kind of Party organisation whose secretary is paired.
    pub fn org_kind(self) -> PartyOrgKind {
        match self {
            PostPair::Village | PostPair::Agency => PartyOrgKind::Cell,
            PostPair::CommuneChair | PostPair::CommuneCouncil => PartyOrgKind::GrassrootsCommittee,
        }
    }

    /// The province's target, where one is set.
    pub fn target_percent(self, rules: &RuleSet) -> Option<u32> {
        match self {
            PostPair::Village => Some(rules.village_unified_target_percent),
            PostPair::CommuneChair => Some(rules.commune_chair_target_percent),
            PostPair::CommuneCouncil => rules.commune_council_target_percent,
            PostPair::Agency => rules.agency_target_percent,
        }
    }

    /// The pair a post belongs to, for the `unified` flag of an officeholder; a cell
    /// secretary's depends on whether the cell is a village's.
    pub fn of_post(post: Post, village_cell: bool) -> Option<PostPair> {
        match post {
            Post::CellSecretary if !village_cell => Some(PostPair::Agency),
            Post::AgencyHead => Some(PostPair::Agency),
            Post::VillageHead | Post::CellSecretary => Some(PostPair::Village),
            Post::PeoplesCommitteeChair | Post::CommunePartySecretary => {
                Some(PostPair::CommuneChair)
            }
            Post::PeoplesCouncilChair => Some(PostPair::CommuneCouncil),
            Post::DeputyVillageHead | Post::CellDeputySecretary => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pair_joins_a_unit_post_and_its_party_post() {
        for pair in PostPair::ALL {
            assert!(!pair.unit_post().is_party_post());
            assert!(pair.party_post().is_party_post());
            assert_eq!(PostPair::of_post(pair.unit_post(), true), Some(*pair));
        }
        let rules = RuleSet::default();
        assert_eq!(PostPair::Village.target_percent(&rules), Some(100));
        assert_eq!(PostPair::CommuneChair.target_percent(&rules), Some(75));
        assert_eq!(PostPair::CommuneCouncil.target_percent(&rules), None);
        assert_eq!(
            PostPair::of_post(Post::CellSecretary, true),
            Some(PostPair::Village)
        );
        assert_eq!(
            PostPair::of_post(Post::CellSecretary, false),
            Some(PostPair::Agency)
        );
    }
}
