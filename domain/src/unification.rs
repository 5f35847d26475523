//! Whether a village is unified on a day: one person is both its recognised head and its
//! cell's secretary (DOMAIN.md rules 19-20).

use serde::Serialize;

use crate::appointment::Basis;
use crate::id::PersonId;
use crate::person::PartyStatus;
use crate::rule::Rule;
use crate::string_enum::string_enum;
use crate::unit::UnitLevel;
use crate::RuleViolation;

string_enum! {
    /// Why a village is not unified (rule 20).
    pub enum NotUnifiedReason {
        NoHead => "no_head",
        HeadRemoved => "head_removed",
        InterimHead => "interim_head",
        HeadNotPartyMember => "head_not_party_member",
        HeadProbationary => "head_probationary",
        NoSecretary => "no_secretary",
        CongressChoseAnother => "congress_chose_another",
        /// The village began as the successor of others in a reorganisation (rule 22) and
        /// nobody has held its head post since: vacant until an election or an interim
        /// appointment.
        VacantAfterReorganization => "vacant_after_reorganization",
    }
}

/// A tenure in force on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    pub person_id: PersonId,
    pub basis: Basis,
    /// Recognised (head) or approved (secretary); an elected secretary awaiting approval
    /// is `false`.
    pub confirmed: bool,
}

/// The village's standing on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnifiedStatus {
    pub unified: bool,
    /// With `unified`: the secretary is elected but not yet approved (rule 16).
    pub pending_approval: bool,
    pub reason: Option<NotUnifiedReason>,
}

/// The facts rule 19 needs about a village on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VillageDay {
    pub head: Option<Holding>,
    /// The head's party status, when there is a head.
    pub head_party_status: Option<PartyStatus>,
    /// Whether the last head's tenure ended by removal (when there is no head).
    pub last_head_removed: bool,
    /// Whether the village succeeded others in a reorganisation and has had no head since.
    pub vacant_since_reorganization: bool,
    pub secretary: Option<Holding>,
}

/// Rule 19: unified when the same person is the recognised head (not interim) and the
/// cell's secretary, approved or elected awaiting approval (reported apart). Otherwise
/// the first reason of rule 20 that applies.
pub fn unified_status(day: &VillageDay) -> UnifiedStatus {
    let not = |reason| UnifiedStatus {
        unified: false,
        pending_approval: false,
        reason: Some(reason),
    };
    let Some(head) = day.head else {
        return not(if day.last_head_removed {
            NotUnifiedReason::HeadRemoved
        } else if day.vacant_since_reorganization {
            NotUnifiedReason::VacantAfterReorganization
        } else {
            NotUnifiedReason::NoHead
        });
    };
    if head.basis == Basis::Interim {
        return not(NotUnifiedReason::InterimHead);
    }
    match (day.secretary, day.head_party_status) {
        (Some(s), _) if s.person_id == head.person_id => UnifiedStatus {
            unified: true,
            pending_approval: !s.confirmed,
            reason: None,
        },
        (_, Some(PartyStatus::None) | None) => not(NotUnifiedReason::HeadNotPartyMember),
        (_, Some(PartyStatus::Probationary)) => not(NotUnifiedReason::HeadProbationary),
        (None, Some(PartyStatus::Official)) => not(NotUnifiedReason::NoSecretary),
        (Some(_), Some(PartyStatus::Official)) => not(NotUnifiedReason::CongressChoseAnother),
    }
}

/// Rule `status_of_a_village`: a unified status is a village's (rule 19 pairs a village's
/// head with its cell's secretary; the other pairs are reported, not asked one by one).
pub fn check_is_village(level: UnitLevel) -> Result<(), RuleViolation> {
    if level == UnitLevel::Village {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::StatusOfAVillage,
            format!("the unit is a {level}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NotUnifiedReason::*;

    fn holding(person: i64, basis: Basis, confirmed: bool) -> Option<Holding> {
        Some(Holding {
            person_id: PersonId(person),
            basis,
            confirmed,
        })
    }

    fn day(
        head: Option<Holding>,
        status: Option<PartyStatus>,
        secretary: Option<Holding>,
    ) -> VillageDay {
        VillageDay {
            head,
            head_party_status: status,
            last_head_removed: false,
            vacant_since_reorganization: false,
            secretary,
        }
    }

    #[test]
    fn every_reason_of_rule_20() {
        let official = Some(PartyStatus::Official);
        let e = Basis::Election;
        let table = [
            (day(None, None, holding(2, e, true)), Some(NoHead)),
            (
                day(
                    holding(1, Basis::Interim, true),
                    official,
                    holding(1, e, true),
                ),
                Some(InterimHead),
            ),
            (
                day(
                    holding(1, e, true),
                    Some(PartyStatus::None),
                    holding(2, e, true),
                ),
                Some(HeadNotPartyMember),
            ),
            (
                day(holding(1, e, true), Some(PartyStatus::Probationary), None),
                Some(HeadProbationary),
            ),
            (day(holding(1, e, true), official, None), Some(NoSecretary)),
            (
                day(holding(1, e, true), official, holding(2, e, true)),
                Some(CongressChoseAnother),
            ),
            (
                day(holding(1, e, true), official, holding(1, e, true)),
                None,
            ),
        ];
        for (d, want) in table {
            let s = unified_status(&d);
            assert_eq!(s.reason, want, "{d:?}");
            assert_eq!(s.unified, want.is_none());
        }
        let removed = VillageDay {
            last_head_removed: true,
            ..day(None, None, None)
        };
        assert_eq!(unified_status(&removed).reason, Some(HeadRemoved));
        let merged = VillageDay {
            vacant_since_reorganization: true,
            ..day(None, None, None)
        };
        assert_eq!(
            unified_status(&merged).reason,
            Some(VacantAfterReorganization)
        );
        let merged_with_head = VillageDay {
            vacant_since_reorganization: true,
            ..day(holding(1, e, true), official, holding(1, e, true))
        };
        assert_eq!(unified_status(&merged_with_head).reason, None);
    }

    #[test]
    fn a_secretary_awaiting_approval_is_unified_and_reported_pending() {
        let s = unified_status(&day(
            holding(1, Basis::Election, true),
            Some(PartyStatus::Official),
            holding(1, Basis::Election, false),
        ));
        assert!(s.unified && s.pending_approval);
    }
}
