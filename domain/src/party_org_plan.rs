//! What a reorganisation does to the Party organisations (Điều lệ Đảng Art. 21-24: a
//! village cell is under its commune's committee, that one under the province's once the
//! districts end): an organisation whose unit ends, ends with it; a cell whose committee
//! ends follows its village to the committee of the village's new commune; and the act's
//! own organisation operations create, end, move and rename organisations. Judged whole,
//! on the map and the organisations the act leaves, like the units (`reorganization`).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::party_org::{check_party_org, check_superior_above, PartyOrgKind};
use crate::reorganization::{Key, Operation, Plan};
use crate::rule::Rule;
use crate::unit::UnitLevel;
use crate::{PartyOrgId, RowViolation, RuleViolation, UnitId};

/// A stored organisation in force on the day before the act, with no end recorded.
#[derive(Debug, Clone)]
pub struct StoredOrg {
    pub id: PartyOrgId,
    pub name: String,
    pub kind: PartyOrgKind,
    pub parent: Option<PartyOrgId>,
    pub unit: Option<UnitId>,
}

/// An organisation the act creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewOrg {
    pub name: String,
    pub kind: PartyOrgKind,
    /// Its unit's code on the act's day.
    pub unit_code: String,
    /// The unit whose leading organisation is its superior, by code on the act's day.
    pub superior_unit_code: Option<String>,
}

/// An organisation on the day the act leaves: a stored one or the n-th it creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgKey {
    Stored(PartyOrgId),
    New(usize),
}

/// An organisation's state from the act's day on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgState {
    pub name: String,
    pub kind: PartyOrgKind,
    pub parent: Option<OrgKey>,
    pub unit: Option<Key>,
}

/// What the act does to the organisations, once judged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgPlan {
    /// In the order of their operations; `OrgKey::New(n)` is the n-th.
    pub creates: Vec<OrgState>,
    pub ends: Vec<PartyOrgId>,
    /// Stored organisations that go on with a new version from the act's day.
    pub changes: Vec<(PartyOrgId, OrgState)>,
}

impl PartyOrgKind {
    /// The organisation that leads a unit of `level`.
    pub fn leading(level: UnitLevel) -> PartyOrgKind {
        match level {
            UnitLevel::Province => PartyOrgKind::ProvincialCommittee,
            UnitLevel::District => PartyOrgKind::DistrictCommittee,
            UnitLevel::Commune => PartyOrgKind::GrassrootsCommittee,
            UnitLevel::Village => PartyOrgKind::Cell,
        }
    }
}

/// What an operation does to a stored organisation: an end excludes anything else, a
/// move and a rename come once each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Acts {
    End,
    Move,
    Rename,
}

fn refuse(errors: &mut Vec<RowViolation>, index: usize, rule: Rule, detail: String) {
    errors.push(RowViolation::new(index, RuleViolation::new(rule, detail)));
}

/// Judges the act's effect on `stored` (the organisations in force the day before, with no
/// end recorded) given the units' `plan`, and answers what to store or every bad operation
/// by index and rule:
///
/// - `reorganization_org_known`: an organisation acted on is in force, with no later
///   change recorded;
/// - `reorganization_changed_twice`: no two operations end, move or rename it alike;
/// - `party_org_unit_exists`: a created organisation's unit is in force on the day;
/// - `party_org_parent_exists`: the unit named as superior has a leading organisation;
/// - `party_org_parent_kind`, `party_org_unit_level`, `party_org_parent_above`: the places
///   of `party_org`;
/// - `party_org_children_in_force`: no organisation stays under one that ends, unless it
///   follows its unit to the leading organisation of its unit's new parent. Refused at the
///   operation that ends the superior (or its unit).
pub fn plan(
    unit_plan: &Plan,
    stored: &[StoredOrg],
    ops: &[Operation],
) -> Result<OrgPlan, Vec<RowViolation>> {
    let mut errors = Vec::new();
    let map = &unit_plan.after;
    let by_code: HashMap<&str, Key> = map
        .iter()
        .filter_map(|(key, s)| s.code.as_deref().map(|code| (code, *key)))
        .collect();
    let unit_ended: HashMap<UnitId, usize> = unit_plan.ends.iter().copied().collect();

    let mut orgs: HashMap<OrgKey, OrgState> = stored
        .iter()
        .map(|o| {
            let state = OrgState {
                name: o.name.clone(),
                kind: o.kind,
                parent: o.parent.map(OrgKey::Stored),
                unit: o.unit.map(Key::Stored),
            };
            (OrgKey::Stored(o.id), state)
        })
        .collect();
    // Ended organisations, each with the operation that ends it (or its unit).
    let mut ended: HashMap<PartyOrgId, usize> = stored
        .iter()
        .filter_map(|o| Some((o.id, *unit_ended.get(&o.unit?)?)))
        .collect();
    let mut creates = 0;
    let mut superiors: Vec<(usize, OrgKey, &str)> = Vec::new();
    let mut acted: HashMap<(PartyOrgId, Acts), usize> = HashMap::new();
    let mut touched: HashMap<PartyOrgId, usize> = HashMap::new();
    let mut moved: HashSet<OrgKey> = HashSet::new();
    let mut renamed: HashSet<PartyOrgId> = HashSet::new();
    for (i, op) in ops.iter().enumerate() {
        let (org, what) = match op {
            Operation::CreateOrg { org } => {
                let key = OrgKey::New(creates);
                creates += 1;
                let Some(unit) = by_code.get(org.unit_code.as_str()).copied() else {
                    let detail = format!(
                        "no unit with code `{}` is in force on the act's day",
                        org.unit_code
                    );
                    refuse(&mut errors, i, Rule::PartyOrgUnitExists, detail);
                    continue;
                };
                orgs.insert(
                    key,
                    OrgState {
                        name: org.name.clone(),
                        kind: org.kind,
                        parent: None,
                        unit: Some(unit),
                    },
                );
                if let Some(code) = &org.superior_unit_code {
                    superiors.push((i, key, code));
                }
                continue;
            }
            Operation::EndOrg { org } => (*org, Acts::End),
            Operation::MoveOrg { org, .. } => (*org, Acts::Move),
            Operation::RenameOrg { org, .. } => (*org, Acts::Rename),
            _ => continue,
        };
        let key = OrgKey::Stored(org);
        if !orgs.contains_key(&key) {
            let detail = format!(
                "organisation {org} is not in force the day before, or already changes later"
            );
            refuse(&mut errors, i, Rule::ReorganizationOrgKnown, detail);
            continue;
        }
        let first = match what {
            Acts::End => touched.get(&org),
            _ => acted.get(&(org, what)).or(acted.get(&(org, Acts::End))),
        };
        if let Some(first) = first {
            let detail =
                format!("operation {first} already ends organisation {org} or changes this");
            refuse(&mut errors, i, Rule::ReorganizationChangedTwice, detail);
            continue;
        }
        acted.insert((org, what), i);
        touched.entry(org).or_insert(i);
        match op {
            Operation::EndOrg { .. } => {
                ended.insert(org, i);
            }
            Operation::MoveOrg {
                superior_unit_code, ..
            } => {
                moved.insert(key);
                superiors.push((i, key, superior_unit_code));
            }
            Operation::RenameOrg { name, .. } => {
                renamed.insert(org);
                orgs.get_mut(&key).expect("known").name = name.clone();
            }
            _ => unreachable!("organisation operations only"),
        }
    }
    // An organisation moved or renamed while its unit ends.
    for ((org, what), i) in &acted {
        if *what != Acts::End && ended.contains_key(org) {
            let detail = format!("organisation {org} ends with its unit on the act's day");
            refuse(&mut errors, *i, Rule::ReorganizationChangedTwice, detail);
        }
    }
    for id in ended.keys() {
        orgs.remove(&OrgKey::Stored(*id));
    }

    // The organisation leading each unit on the day, of the kind its level calls for.
    let mut leading: HashMap<Key, Vec<OrgKey>> = HashMap::new();
    for (key, o) in &orgs {
        if let Some(unit) = o.unit.filter(|u| {
            map.get(u)
                .is_some_and(|s| PartyOrgKind::leading(s.level) == o.kind)
        }) {
            leading.entry(unit).or_default().push(*key);
        }
    }
    let leader = |unit: Key| match leading.get(&unit).map(Vec::as_slice) {
        Some([one]) => Some(*one),
        _ => None,
    };
    let mut placed: Vec<(usize, OrgKey)> = Vec::new();
    for (i, key, code) in superiors {
        let superior = by_code.get(code).copied().and_then(leader);
        match superior {
            Some(superior) => {
                orgs.get_mut(&key).expect("on the day").parent = Some(superior);
                placed.push((i, key));
            }
            None => {
                let detail =
                    format!("unit `{code}` has no one organisation leading it on the act's day");
                refuse(&mut errors, i, Rule::PartyOrgParentExists, detail);
            }
        }
    }
    // Organisations under one that ends follow their unit, or stay and are refused.
    let orphans: Vec<(OrgKey, PartyOrgId)> = orgs
        .iter()
        .filter(|(key, _)| !moved.contains(key))
        .filter_map(|(key, o)| match o.parent {
            Some(OrgKey::Stored(p)) if ended.contains_key(&p) => Some((*key, p)),
            _ => None,
        })
        .collect();
    let mut followed: HashSet<OrgKey> = HashSet::new();
    for (key, superior) in orphans {
        let o = &orgs[&key];
        let parent_unit = o.unit.and_then(|u| map.get(&u)).and_then(|s| s.parent);
        match parent_unit.and_then(leader) {
            Some(new) => {
                orgs.get_mut(&key).expect("on the day").parent = Some(new);
                followed.insert(key);
            }
            None => {
                let superior_name = stored
                    .iter()
                    .find(|s| s.id == superior)
                    .map_or("", |s| &s.name);
                let detail = format!(
                    "`{}` stays in force under `{superior_name}` ({superior}), which ends; create the organisation leading its unit's parent, or move or end it, in the same act",
                    o.name
                );
                refuse(
                    &mut errors,
                    ended[&superior],
                    Rule::PartyOrgChildrenInForce,
                    detail,
                );
            }
        }
    }

    // Places: kinds, levels, and a superior leading the organisation's unit or one above.
    let chain = |unit: Key| {
        let mut chain = vec![unit];
        let mut at = map.get(&unit).and_then(|s| s.parent);
        while let Some(p) = at.filter(|_| chain.len() < 8) {
            chain.push(p);
            at = map.get(&p).and_then(|s| s.parent);
        }
        chain
    };
    let mut checks: Vec<(usize, OrgKey)> = placed
        .into_iter()
        .filter(|(_, key)| matches!(key, OrgKey::Stored(_)))
        .collect();
    checks.extend((0..creates).map(|n| (create_index(ops, n), OrgKey::New(n))));
    for (i, key) in checks {
        let Some(o) = orgs.get(&key) else { continue };
        let parent = o.parent.and_then(|p| orgs.get(&p));
        let level = o.unit.and_then(|u| map.get(&u)).map(|s| s.level);
        if let Err(vs) = check_party_org(o.kind, parent.map(|p| p.kind), level) {
            for v in vs.0 {
                refuse(&mut errors, i, v.rule, v.detail);
            }
        }
        if let (Some(parent), Some(unit)) = (parent, o.unit) {
            if let Err(v) = check_superior_above(parent.unit, &chain(unit)) {
                refuse(&mut errors, i, v.rule, v.detail);
            }
        }
    }

    if !errors.is_empty() {
        errors.sort_by(|a, b| {
            (a.index, a.rule.as_str(), &a.detail).cmp(&(b.index, b.rule.as_str(), &b.detail))
        });
        errors.dedup();
        return Err(errors);
    }
    let mut ends: Vec<PartyOrgId> = ended.into_keys().collect();
    ends.sort();
    let mut changes: Vec<(PartyOrgId, OrgState)> = orgs
        .iter()
        .filter_map(|(key, o)| match key {
            OrgKey::Stored(id)
                if moved.contains(key) || followed.contains(key) || renamed.contains(id) =>
            {
                Some((*id, o.clone()))
            }
            _ => None,
        })
        .collect();
    changes.sort_by_key(|(id, _)| *id);
    Ok(OrgPlan {
        creates: (0..creates)
            .map(|n| orgs[&OrgKey::New(n)].clone())
            .collect(),
        ends,
        changes,
    })
}

/// The index of the operation that creates the n-th organisation.
fn create_index(ops: &[Operation], n: usize) -> usize {
    ops.iter()
        .enumerate()
        .filter(|(_, op)| matches!(op, Operation::CreateOrg { .. }))
        .nth(n)
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
#[path = "party_org_plan_tests.rs"]
mod tests;
