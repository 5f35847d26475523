//! Party organisations: village cells and the committees above them.

use crate::rule::Rule;
use crate::string_enum::string_enum;
use crate::unit::UnitLevel;
use crate::Violations;

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

#[cfg(test)]
mod tests {
    use super::*;
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
    fn committees_name_units_of_their_level() {
        assert!(check_party_org(GrassrootsCommittee, None, Some(UnitLevel::Commune)).is_ok());
        let err = check_party_org(GrassrootsCommittee, None, Some(UnitLevel::Village)).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::PartyOrgUnitLevel);
        let err = check_party_org(Cell, None, Some(UnitLevel::Province)).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::PartyOrgUnitLevel);
    }
}
