//! The organisations through the 2025 reform's shapes, on a small map: tỉnh 22; huyện 201
//! under it; xã c1 and c2 under 201; thôn v1 under c1, v2 under c2. Each unit has its
//! leading organisation (ids: the unit's id + 100).

use chrono::NaiveDate;

use super::*;
use crate::reorganization::{self, StoredVersion};
use crate::test_map::unit;
use crate::unit::UnitKind;

fn map() -> Vec<StoredVersion> {
    use UnitKind::*;
    use UnitLevel::*;
    vec![
        unit(1, "22", Province, Tinh, None),
        unit(2, "201", District, Huyen, Some(1)),
        unit(3, "c1", Commune, Xa, Some(2)),
        unit(4, "c2", Commune, Xa, Some(2)),
        unit(5, "v1", Village, Thon, Some(3)),
        unit(6, "v2", Village, Thon, Some(4)),
    ]
}

fn orgs() -> Vec<StoredOrg> {
    let org = |unit: i64, kind, parent: Option<i64>| StoredOrg {
        id: PartyOrgId(unit + 100),
        name: format!("{kind} of {unit}"),
        kind,
        parent: parent.map(|p| PartyOrgId(p + 100)),
        unit: Some(UnitId(unit)),
    };
    vec![
        org(1, PartyOrgKind::ProvincialCommittee, None),
        org(2, PartyOrgKind::DistrictCommittee, Some(1)),
        org(3, PartyOrgKind::GrassrootsCommittee, Some(2)),
        org(4, PartyOrgKind::GrassrootsCommittee, Some(2)),
        org(5, PartyOrgKind::Cell, Some(3)),
        org(6, PartyOrgKind::Cell, Some(4)),
    ]
}

fn judge(ops: &[Operation]) -> Result<OrgPlan, Vec<RowViolation>> {
    let day: NaiveDate = "2025-07-01".parse().unwrap();
    let units = reorganization::plan(day, &map(), ops).expect("the units' part is sound");
    plan(&units, &orgs(), ops)
}

fn rules(result: Result<OrgPlan, Vec<RowViolation>>) -> Vec<(usize, Rule)> {
    result
        .unwrap_err()
        .into_iter()
        .map(|e| (e.index, e.rule))
        .collect()
}

fn end(code: &str) -> Operation {
    Operation::End { code: code.into() }
}

fn mv(code: &str, parent: &str) -> Operation {
    Operation::Move {
        code: code.into(),
        parent_code: parent.into(),
    }
}

/// xã c1 and c2 merge into xã n under the province; the district ends.
fn merge() -> Vec<Operation> {
    vec![
        end("201"),
        end("c1"),
        end("c2"),
        Operation::Create {
            unit: reorganization::NewUnit {
                code: "n".into(),
                name: "Xã Mới".into(),
                level: UnitLevel::Commune,
                kind: UnitKind::Xa,
                parent_code: Some("22".into()),
            },
        },
        mv("v1", "n"),
        mv("v2", "n"),
    ]
}

fn committee_of(code: &str, superior: &str) -> Operation {
    Operation::CreateOrg {
        org: NewOrg {
            name: format!("Đảng ủy {code}"),
            kind: PartyOrgKind::GrassrootsCommittee,
            unit_code: code.into(),
            superior_unit_code: Some(superior.into()),
        },
    }
}

#[test]
fn committees_end_with_their_units_and_cells_follow_their_villages() {
    let mut ops = merge();
    ops.push(committee_of("n", "22"));
    let plan = judge(&ops).unwrap();
    assert_eq!(
        plan.ends,
        [PartyOrgId(102), PartyOrgId(103), PartyOrgId(104)]
    );
    assert_eq!(plan.creates.len(), 1);
    assert_eq!(
        plan.creates[0].parent,
        Some(OrgKey::Stored(PartyOrgId(101)))
    );
    let moved: Vec<(PartyOrgId, Option<OrgKey>)> =
        plan.changes.iter().map(|(id, o)| (*id, o.parent)).collect();
    assert_eq!(
        moved,
        [
            (PartyOrgId(105), Some(OrgKey::New(0))),
            (PartyOrgId(106), Some(OrgKey::New(0)))
        ]
    );
}

#[test]
fn a_cell_left_without_a_committee_is_refused_at_the_end_of_its_committees_unit() {
    let refused = rules(judge(&merge()));
    assert_eq!(
        refused,
        [
            (1, Rule::PartyOrgChildrenInForce),
            (2, Rule::PartyOrgChildrenInForce)
        ]
    );
}

#[test]
fn a_commune_that_only_moves_keeps_its_committee_under_the_province() {
    let ops = [end("201"), mv("c1", "22"), mv("c2", "22")];
    let plan = judge(&ops).unwrap();
    assert_eq!(plan.ends, [PartyOrgId(102)]);
    let moved: Vec<(PartyOrgId, Option<OrgKey>)> =
        plan.changes.iter().map(|(id, o)| (*id, o.parent)).collect();
    let province = Some(OrgKey::Stored(PartyOrgId(101)));
    assert_eq!(
        moved,
        [(PartyOrgId(103), province), (PartyOrgId(104), province)]
    );
}

#[test]
fn organisation_operations_are_checked() {
    let ops = [
        Operation::MoveOrg {
            org: PartyOrgId(105),
            superior_unit_code: "c2".into(),
        },
        Operation::RenameOrg {
            org: PartyOrgId(105),
            name: "Chi bộ mới".into(),
        },
        Operation::EndOrg {
            org: PartyOrgId(105),
        },
        Operation::EndOrg {
            org: PartyOrgId(999),
        },
        Operation::MoveOrg {
            org: PartyOrgId(106),
            superior_unit_code: "nowhere".into(),
        },
        // A cell cannot lead anything: a committee under it is misplaced.
        Operation::CreateOrg {
            org: NewOrg {
                name: "Đảng ủy lạc".into(),
                kind: PartyOrgKind::GrassrootsCommittee,
                unit_code: "c1".into(),
                superior_unit_code: Some("v2".into()),
            },
        },
    ];
    assert_eq!(
        rules(judge(&ops)),
        [
            // A cell moved under another commune's committee: not above its village.
            (0, Rule::PartyOrgParentAbove),
            (2, Rule::ReorganizationChangedTwice),
            (3, Rule::ReorganizationOrgKnown),
            (4, Rule::PartyOrgParentExists),
            (5, Rule::PartyOrgParentAbove),
            (5, Rule::PartyOrgParentKind),
        ]
    );
}
