//! Party organisations: village cells and the committees above them.

use crate::rule::Rule;
use crate::string_enum::string_enum;
use crate::unit::UnitLevel;
use crate::{RuleViolation, Violations};

string_enum! {
    pub enum PartyOrgKind {
        /// chi bộ
        Cell => "cell",
        /// đảng ủy cơ sở
        GrassrootsCommittee => "grassroots_committee",
        /// huyện ủy / thị ủy / thành ủy thuộc tỉnh
        DistrictCommittee => "district_committee",
        /// tỉnh ủy / thành ủy
        ProvincialCommittee => "provincial_committee",
    }
}

impl PartyOrgKind {
    fn rank(self) -> u8 {
        match self {
            PartyOrgKind::ProvincialCommittee => 0,
            PartyOrgKind::DistrictCommittee => 1,
            PartyOrgKind::GrassrootsCommittee => 2,
            PartyOrgKind::Cell => 3,
        }
    }
}

/// The rules of a party organisation's place (Điều lệ Đảng Art. 21-24):
/// - `party_org_parent_kind`: a superior is of a higher kind (a cell sits under a
///   grassroots, district or provincial committee, never under another cell);
/// - `party_org_unit_level`: a cell names a village (or an agency's unit, at any level
///   below province), a committee names a unit of its own level.
pub fn check_party_org(
    kind: PartyOrgKind,
    parent_kind: Option<PartyOrgKind>,
    unit_level: Option<UnitLevel>,
) -> Result<(), Violations> {
    let mut v = Violations::default();
    if let Some(parent) = parent_kind {
        v.check(
            parent.rank() < kind.rank(),
            Rule::PartyOrgParentKind,
            || format!("a `{kind}` cannot sit under a `{parent}`"),
        );
    }
    if let Some(level) = unit_level {
        let fits = match kind {
            PartyOrgKind::Cell => level != UnitLevel::Province,
            PartyOrgKind::GrassrootsCommittee => level == UnitLevel::Commune,
            PartyOrgKind::DistrictCommittee => level == UnitLevel::District,
            PartyOrgKind::ProvincialCommittee => level == UnitLevel::Province,
        };
        v.check(fits, Rule::PartyOrgUnitLevel, || {
            format!("a `{kind}` cannot name a unit at level `{level}`")
        });
    }
    v.into_result()
}

/// Rule `party_org_parent_above`: a superior committee leads the unit the organisation
/// sits in or one above it (Điều lệ Đảng Art. 21-24: a village cell is under its commune's
/// committee, that one under its district's or province's), so a cell never answers to
/// another province. `chain` is the organisation's unit and those above it.
pub fn check_superior_above<U: PartialEq + std::fmt::Display>(
    superior_unit: Option<U>,
    chain: &[U],
) -> Result<(), RuleViolation> {
    match superior_unit {
        Some(unit) if !chain.contains(&unit) => Err(RuleViolation::new(
            Rule::PartyOrgParentAbove,
            format!("the superior's unit {unit} is not this organisation's unit or one above it"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnitId;
    use PartyOrgKind::*;

    #[test]
    fn superiors_are_of_a_higher_kind() {
        assert!(check_party_org(Cell, Some(GrassrootsCommittee), Some(UnitLevel::Village)).is_ok());
        assert!(check_party_org(Cell, Some(DistrictCommittee), None).is_ok());
        let err = check_party_org(Cell, Some(Cell), None).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::PartyOrgParentKind);
        let err = check_party_org(DistrictCommittee, Some(GrassrootsCommittee), None).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::PartyOrgParentKind);
    }

    #[test]
    fn a_superior_leads_the_unit_or_one_above_it() {
        let chain = [UnitId(40), UnitId(30), UnitId(20)];
        assert!(check_superior_above(Some(UnitId(30)), &chain).is_ok());
        assert!(check_superior_above(Some(UnitId(40)), &chain).is_ok());
        assert!(check_superior_above(None, &chain).is_ok());
        let err = check_superior_above(Some(UnitId(31)), &chain).unwrap_err();
        assert_eq!(err.rule, Rule::PartyOrgParentAbove);
    }

    #[test]
    fn committees_name_units_of_their_level() {
        assert!(check_party_org(GrassrootsCommittee, None, Some(UnitLevel::Commune)).is_ok());
        let err = check_party_org(GrassrootsCommittee, None, Some(UnitLevel::Village)).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::PartyOrgUnitLevel);
        let err = check_party_org(Cell, None, Some(UnitLevel::Province)).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::PartyOrgUnitLevel);
    }
}
