//! The planner's rules at their boundaries, on a small map: a province, two districts,
//! three communes and their villages.

use super::*;
use crate::test_map::unit;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const DAY: &str = "2025-07-01";

/// Tỉnh 22; huyện 201 and 202 under it; xã 1 and 2 under 201, xã 3 under 202; thôn 11
/// under xã 1, thôn 12 under xã 2, thôn 13 under xã 3.
fn map() -> Vec<StoredVersion> {
    use UnitKind::*;
    use UnitLevel::*;
    vec![
        unit(1, "22", Province, Tinh, None),
        unit(2, "201", District, Huyen, Some(1)),
        unit(3, "202", District, Huyen, Some(1)),
        unit(4, "c1", Commune, Xa, Some(2)),
        unit(5, "c2", Commune, Xa, Some(2)),
        unit(6, "c3", Commune, Xa, Some(3)),
        unit(7, "v11", Village, Thon, Some(4)),
        unit(8, "v12", Village, Thon, Some(5)),
        unit(9, "v13", Village, Thon, Some(6)),
    ]
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

fn create(code: &str, level: UnitLevel, kind: UnitKind, parent: &str) -> Operation {
    Operation::Create {
        unit: NewUnit {
            code: code.into(),
            name: format!("{kind} mới {code}"),
            level,
            kind,
            parent_code: Some(parent.into()),
        },
    }
}

fn rules(result: Result<Plan, Vec<RowViolation>>) -> Vec<(usize, Rule)> {
    result
        .unwrap_err()
        .into_iter()
        .map(|e| (e.index, e.rule))
        .collect()
}

/// Two communes merge into a new one that hangs straight under the province; their
/// villages move to it. The ends come first in the list, as the official tables do.
fn merge() -> Vec<Operation> {
    vec![
        end("c1"),
        end("c2"),
        mv("v11", "c9"),
        mv("v12", "c9"),
        create("c9", UnitLevel::Commune, UnitKind::Phuong, "22"),
        Operation::Succeed {
            from: "c1".into(),
            to: vec!["c9".into()],
        },
        Operation::Succeed {
            from: "c2".into(),
            to: vec!["c9".into()],
        },
    ]
}

#[test]
fn a_merge_is_judged_on_the_map_it_leaves_whatever_the_order() {
    let plan = plan(d(DAY), &map(), &merge()).unwrap();
    assert_eq!(plan.ends, vec![(UnitId(4), 0), (UnitId(5), 1)]);
    assert_eq!(plan.creates.len(), 1);
    assert_eq!(plan.creates[0].parent, Some(Key::Stored(UnitId(1))));
    assert_eq!(
        plan.changes
            .iter()
            .map(|(id, s)| (*id, s.parent))
            .collect::<Vec<_>>(),
        vec![
            (UnitId(7), Some(Key::New(0))),
            (UnitId(8), Some(Key::New(0)))
        ]
    );
    assert!(plan
        .successions
        .iter()
        .all(|s| s.whole && s.successor == Key::New(0)));
    let mut reversed = merge();
    reversed.reverse();
    assert!(super::plan(d(DAY), &map(), &reversed).is_ok());
}

#[test]
fn a_split_is_partial_and_names_each_successor() {
    let ops = vec![
        end("c3"),
        create("c7", UnitLevel::Commune, UnitKind::Xa, "202"),
        create("c8", UnitLevel::Commune, UnitKind::Xa, "202"),
        mv("v13", "c8"),
        Operation::Succeed {
            from: "c3".into(),
            to: vec!["c7".into(), "c8".into()],
        },
    ];
    let plan = plan(d(DAY), &map(), &ops).unwrap();
    assert_eq!(plan.successions.len(), 2);
    assert!(plan.successions.iter().all(|s| !s.whole));
}

#[test]
fn an_end_that_leaves_a_child_in_force_is_refused_with_every_other_fault() {
    let ops = vec![
        end("c1"),
        mv("v12", "c1"),
        end("nowhere"),
        Operation::Reclassify {
            code: "c2".into(),
            kind: UnitKind::Thon,
        },
    ];
    assert_eq!(
        rules(plan(d(DAY), &map(), &ops)),
        vec![
            (0, Rule::UnitChildrenInForce),
            (1, Rule::UnitWithinParentValidity),
            (2, Rule::ReorganizationUnitKnown),
            (3, Rule::UnitKindLevel),
        ]
    );
}

#[test]
fn a_code_is_free_on_the_day_once_its_unit_ends_or_is_recoded() {
    // Reusing a code the same day its unit ends: the reform did.
    let ops = vec![
        end("c3"),
        mv("v13", "c1"),
        create("c3", UnitLevel::Commune, UnitKind::Phuong, "202"),
    ];
    assert!(plan(d(DAY), &map(), &ops).is_ok());
    let taken = vec![create("c2", UnitLevel::Commune, UnitKind::Xa, "202")];
    assert_eq!(
        rules(plan(d(DAY), &map(), &taken)),
        vec![(0, Rule::UnitCodeUniqueOnDate)]
    );
    let recoded = vec![
        Operation::Recode {
            code: "c2".into(),
            new_code: "c9".into(),
        },
        create("c2", UnitLevel::Commune, UnitKind::Xa, "202"),
    ];
    let recoding = plan(d(DAY), &map(), &recoded).unwrap();
    assert_eq!(recoding.recoded, vec![UnitId(5)], "c2 gives up its code");
    // A move keeps the code: nothing to give up.
    assert!(plan(d(DAY), &map(), &[mv("v11", "c2")])
        .unwrap()
        .recoded
        .is_empty());
}

#[test]
fn a_unit_is_changed_once_per_thing_and_an_end_excludes_changes() {
    let renamed = |name: &str| Operation::Rename {
        code: "c1".into(),
        name: name.into(),
    };
    let both = vec![renamed("Xã A"), mv("c1", "202")];
    assert!(plan(d(DAY), &map(), &both).is_ok());
    let twice = vec![renamed("Xã A"), renamed("Xã B")];
    assert_eq!(
        rules(plan(d(DAY), &map(), &twice)),
        vec![(1, Rule::ReorganizationChangedTwice)]
    );
    let ended = vec![renamed("Xã A"), end("c1"), mv("v11", "c2")];
    assert_eq!(
        rules(plan(d(DAY), &map(), &ended)),
        vec![(1, Rule::ReorganizationChangedTwice)]
    );
}

#[test]
fn tiers_and_cycles_are_refused_on_the_map_left() {
    let under_village = vec![mv("c1", "v12")];
    assert_eq!(
        rules(plan(d(DAY), &map(), &under_village)),
        vec![(0, Rule::UnitParentLevel)]
    );
    let cycle = vec![mv("201", "202"), mv("202", "201")];
    let found = rules(plan(d(DAY), &map(), &cycle));
    assert!(found.contains(&(0, Rule::UnitParentCycle)), "{found:?}");
    assert!(found.contains(&(1, Rule::UnitParentCycle)), "{found:?}");
}

#[test]
fn a_succession_goes_from_an_end_of_the_act_to_a_unit_in_force() {
    let ops = vec![Operation::Succeed {
        from: "c1".into(),
        to: vec!["c404".into()],
    }];
    assert_eq!(
        rules(plan(d(DAY), &map(), &ops)),
        vec![
            (0, Rule::SuccessionPredecessorEnded),
            (0, Rule::SuccessionSuccessorInForce)
        ]
    );
}

#[test]
fn an_act_applies_only_after_the_last_change_recorded() {
    let mut stored = map();
    stored[3].version.to = Some(d("2026-01-01"));
    stored[3].life.to = Some(d("2026-01-01"));
    assert_eq!(
        rules(plan(d(DAY), &stored, &[end("c1"), mv("v11", "c2")])),
        vec![(0, Rule::ReorganizationAfterLastChange)]
    );
}

#[test]
fn nothing_may_be_held_in_an_ended_unit_from_the_acts_day() {
    let ops = vec![mv("v11", "c2"), end("c1")];
    let plan = plan(d(DAY), &map(), &ops).unwrap();
    let held = |tenure_from: &str, election: &str| {
        HashMap::from([(
            UnitId(4),
            HeldThere {
                tenures: vec![Validity {
                    from: d(tenure_from),
                    to: None,
                }],
                elections: vec![d(election)],
            },
        )])
    };
    // Held before the day: the act ends the tenure, nothing is refused.
    let before = held("2020-01-08", "2020-01-05");
    assert_eq!(check_nothing_held_after(&plan, d(DAY), &before), Ok(()));
    let on_the_day = held(DAY, DAY);
    let refused: Vec<(usize, Rule)> = check_nothing_held_after(&plan, d(DAY), &on_the_day)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.index, e.rule))
        .collect();
    assert_eq!(
        refused,
        [(1, Rule::UnitTenuresWithin), (1, Rule::UnitElectionsWithin)]
    );
}
