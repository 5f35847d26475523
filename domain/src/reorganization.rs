//! Reorganisations of the map (DOMAIN.md rule 22): one legal act that, on one day, ends,
//! creates, moves, renames, reclassifies and recodes units and says which units succeed
//! those it ends. Nghị quyết 1211/2016/UBTVQH13 (as amended by Nghị quyết
//! 27/2022/UBTVQH15) governs arranging communes and districts; Nghị quyết 202/2025/QH15
//! merged the provinces and Luật Tổ chức chính quyền địa phương 2025 ended the districts
//! on 1/7/2025; Thông tư 04/2012/TT-BNV (as amended by Thông tư 14/2018/TT-BNV) governs
//! merging villages. History is never rewritten: an act only ends versions and begins new
//! ones on its day.
//!
//! A reorganisation is judged whole, on the map it leaves, whatever the order of its
//! operations: a commune may be ended before the move of its villages in the same list.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

pub use crate::party_org_plan::NewOrg;
use crate::rule::Rule;
use crate::unit::{check_history_within, check_unit, HeldThere, ParentFacts, UnitKind, UnitLevel};
use crate::validity::Validity;
use crate::{PartyOrgId, RowViolation, RuleViolation, UnitId};

/// A stored unit's version in force on the day before the act or on its day.
#[derive(Debug, Clone)]
pub struct StoredVersion {
    pub id: UnitId,
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent: Option<UnitId>,
    /// The unit's whole life.
    pub life: Validity,
    /// This version's days.
    pub version: Validity,
}

/// A unit created by the act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewUnit {
    pub code: String,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent_code: Option<String>,
}

/// One operation; units are named by code: the code they had on the day before for the
/// units acted on, the code they have on the act's day for parents and successors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operation {
    Create {
        unit: NewUnit,
    },
    End {
        code: String,
    },
    Move {
        code: String,
        parent_code: String,
    },
    Rename {
        code: String,
        name: String,
    },
    Reclassify {
        code: String,
        kind: UnitKind,
    },
    Recode {
        code: String,
        new_code: String,
    },
    Succeed {
        from: String,
        to: Vec<String>,
    },
    /// Organisation operations (`party_org_plan`): organisations are named by id, their
    /// units and superiors' units by code on the act's day.
    CreateOrg {
        org: NewOrg,
    },
    EndOrg {
        org: PartyOrgId,
    },
    MoveOrg {
        org: PartyOrgId,
        superior_unit_code: String,
    },
    RenameOrg {
        org: PartyOrgId,
        name: String,
    },
}

/// A unit on the map the act leaves: a stored one, or the n-th one it creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Stored(UnitId),
    New(usize),
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Stored(id) => write!(f, "{id}"),
            Key::New(n) => write!(f, "new unit no. {} of the act", n + 1),
        }
    }
}

/// A unit's state from the act's day on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitState {
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent: Option<Key>,
}

/// Which unit carries a predecessor's territory: all of it (`whole`, a merge or a
/// rename into a new unit) or a part (a split).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Succession {
    pub predecessor: UnitId,
    pub successor: Key,
    pub whole: bool,
}

/// What the act does, once judged: what to store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The new units, in the order of their operations; `Key::New(n)` is the n-th.
    pub creates: Vec<UnitState>,
    /// Stored units that end on the act's day, each with the index of the operation that
    /// ends it.
    pub ends: Vec<(UnitId, usize)>,
    /// Stored units that go on with a new version from the act's day.
    pub changes: Vec<(UnitId, UnitState)>,
    /// The changed units an operation renames: found by their new name as well.
    pub renamed: Vec<UnitId>,
    /// The changed units an operation gives a new code: their old codes are given up
    /// before any unit takes a code.
    pub recoded: Vec<UnitId>,
    pub successions: Vec<Succession>,
    /// Every unit in force on the act's day, as the act leaves it.
    pub after: HashMap<Key, UnitState>,
}

impl Plan {
    /// The stored units the act ends.
    pub fn ended(&self) -> Vec<UnitId> {
        self.ends.iter().map(|(unit, _)| *unit).collect()
    }
}

/// Rules `unit_tenures_within` and `unit_elections_within` for the units the act ends
/// (`unit::check_history_within`): no tenure begins and no election is held in one of
/// them on or after `effective_on` (tenures begun before it end with the act). `held` is
/// what each ended unit held; a refusal names the operation that ends the unit.
pub fn check_nothing_held_after(
    plan: &Plan,
    effective_on: NaiveDate,
    held: &HashMap<UnitId, HeldThere>,
) -> Result<(), Vec<RowViolation>> {
    let last_day = Validity {
        from: effective_on.pred_opt().unwrap_or(effective_on),
        to: Some(effective_on),
    };
    let mut errors = Vec::new();
    for (unit, index) in &plan.ends {
        let Some(held) = held.get(unit) else { continue };
        let from_the_day = HeldThere {
            tenures: held
                .tenures
                .iter()
                .filter(|t| t.from >= effective_on)
                .copied()
                .collect(),
            elections: held
                .elections
                .iter()
                .filter(|day| **day >= effective_on)
                .copied()
                .collect(),
        };
        if let Err(vs) = check_history_within(&last_day, &from_the_day) {
            errors.extend(vs.0.into_iter().map(|v| RowViolation::new(*index, v)));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What an operation does to a stored unit: an end excludes every change, and no two
/// operations change the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    End,
    Parent,
    Name,
    Kind,
    Code,
    Successors,
}

impl Field {
    const ALL: [Field; 6] = [
        Field::End,
        Field::Parent,
        Field::Name,
        Field::Kind,
        Field::Code,
        Field::Successors,
    ];

    fn excludes(self, other: Field) -> bool {
        use Field::*;
        self == other
            || matches!(
                (self, other),
                (End, Parent | Name | Kind | Code) | (Parent | Name | Kind | Code, End)
            )
    }
}

fn refuse(errors: &mut Vec<RowViolation>, index: usize, rule: Rule, detail: String) {
    errors.push(RowViolation::new(index, RuleViolation::new(rule, detail)));
}

/// Judges the operations against the stored versions around `effective_on` and answers
/// what to store, or every bad operation by its index and rule:
///
/// - `reorganization_unit_known`: a unit acted on is in force, by that code, on the day
///   before;
/// - `reorganization_after_last_change`: no later change or end of it is recorded yet;
/// - `reorganization_changed_twice`: no two operations change the same thing of a unit,
///   and a unit that ends is not also changed;
/// - `unit_code_unique_on_date`: no two units in force on the day share a code;
/// - `unit_parent_exists`, `unit_within_parent_validity`: a parent is in force on the day;
/// - `unit_parent_level`, `unit_kind_level`: the tiers and kinds of `unit::check_unit`;
/// - `unit_parent_cycle`: no unit ends up under itself;
/// - `unit_children_in_force`: no unit ends while a unit stays in force under it;
/// - `succession_predecessor_ended`, `succession_successor_in_force`: a succession goes
///   from a unit the act ends to units in force on its day.
pub fn plan(
    effective_on: NaiveDate,
    stored: &[StoredVersion],
    operations: &[Operation],
) -> Result<Plan, Vec<RowViolation>> {
    let mut errors = Vec::new();
    let before = effective_on.pred_opt().unwrap_or(effective_on);
    let open = Validity {
        from: effective_on,
        to: None,
    };
    let mut by_code_before: HashMap<&str, &StoredVersion> = HashMap::new();
    let mut after: HashMap<Key, UnitState> = HashMap::new();
    let mut lives: HashMap<UnitId, Validity> = HashMap::new();
    for v in stored {
        lives.insert(v.id, v.life);
        if let (true, Some(code)) = (v.version.contains(before), &v.code) {
            by_code_before.insert(code, v);
        }
        if v.version.contains(effective_on) {
            let state = UnitState {
                code: v.code.clone(),
                name: v.name.clone(),
                level: v.level,
                kind: v.kind,
                parent: v.parent.map(Key::Stored),
            };
            after.insert(Key::Stored(v.id), state);
        }
    }

    // What each operation acts on and changes, on the states of the day.
    let mut creates = Vec::new();
    let mut done: HashMap<(UnitId, Field), usize> = HashMap::new();
    let mut changed: HashSet<UnitId> = HashSet::new();
    let mut ended: HashMap<UnitId, (usize, &str)> = HashMap::new();
    let mut parent_codes: Vec<(usize, Key, &str)> = Vec::new();
    let mut code_set_by: HashMap<Key, usize> = HashMap::new();
    let mut succeeds: Vec<(usize, UnitId, &[String])> = Vec::new();
    for (i, op) in operations.iter().enumerate() {
        let (code, field) = match op {
            Operation::Create { unit: new } => {
                let key = Key::New(creates.len());
                creates.push(UnitState {
                    code: Some(new.code.clone()),
                    name: new.name.clone(),
                    level: new.level,
                    kind: new.kind,
                    parent: None,
                });
                if let Some(parent) = &new.parent_code {
                    parent_codes.push((i, key, parent));
                }
                code_set_by.insert(key, i);
                continue;
            }
            Operation::End { code } => (code, Field::End),
            Operation::Move { code, .. } => (code, Field::Parent),
            Operation::Rename { code, .. } => (code, Field::Name),
            Operation::Reclassify { code, .. } => (code, Field::Kind),
            Operation::Recode { code, .. } => (code, Field::Code),
            Operation::Succeed { from, .. } => (from, Field::Successors),
            Operation::CreateOrg { .. }
            | Operation::EndOrg { .. }
            | Operation::MoveOrg { .. }
            | Operation::RenameOrg { .. } => continue,
        };
        let Some(unit) = by_code_before.get(code.as_str()) else {
            let detail = format!("no unit with code `{code}` is in force on {before}");
            refuse(&mut errors, i, Rule::ReorganizationUnitKnown, detail);
            continue;
        };
        if let Some(to) = unit.version.to {
            let detail = format!(
                "unit `{code}` already changes or ends on {to}; an act applies after the last"
            );
            refuse(&mut errors, i, Rule::ReorganizationAfterLastChange, detail);
            continue;
        }
        let first = Field::ALL
            .iter()
            .filter(|f| field.excludes(**f))
            .find_map(|f| done.get(&(unit.id, *f)));
        if let Some(first) = first {
            let detail = format!("operation {first} already ends unit `{code}` or changes this");
            refuse(&mut errors, i, Rule::ReorganizationChangedTwice, detail);
            continue;
        }
        done.insert((unit.id, field), i);
        let key = Key::Stored(unit.id);
        let state = after
            .get_mut(&key)
            .expect("open-ended and in force the day before");
        match op {
            Operation::End { code } => {
                ended.insert(unit.id, (i, code.as_str()));
            }
            Operation::Move { parent_code, .. } => {
                changed.insert(unit.id);
                parent_codes.push((i, key, parent_code));
            }
            Operation::Rename { name, .. } => {
                changed.insert(unit.id);
                state.name = name.clone();
            }
            Operation::Reclassify { kind, .. } => {
                changed.insert(unit.id);
                state.kind = *kind;
                if !kind.fits(state.level) {
                    let detail = format!(
                        "a unit of kind `{kind}` cannot be at level `{}`",
                        state.level
                    );
                    refuse(&mut errors, i, Rule::UnitKindLevel, detail);
                }
            }
            Operation::Recode { new_code, .. } => {
                changed.insert(unit.id);
                state.code = Some(new_code.clone());
                code_set_by.insert(key, i);
            }
            Operation::Succeed { to, .. } => succeeds.push((i, unit.id, to)),
            _ => unreachable!("creates and organisation operations are skipped above"),
        }
    }
    for id in ended.keys() {
        after.remove(&Key::Stored(*id));
    }
    for (n, state) in creates.iter().enumerate() {
        after.insert(Key::New(n), state.clone());
    }

    // Codes on the act's day: unique, and what parents and successors are named by. A
    // clash is the fault of the operation that brought the code.
    let mut by_code_after: HashMap<String, Key> = HashMap::new();
    let mut coded: Vec<(Key, String)> = after
        .iter()
        .filter_map(|(key, state)| state.code.clone().map(|code| (*key, code)))
        .collect();
    coded.sort_by_key(|(key, _)| code_set_by.get(key).copied());
    for (key, code) in coded {
        if by_code_after.insert(code.clone(), key).is_some() {
            if let Some(i) = code_set_by.get(&key) {
                let detail =
                    format!("code `{code}` is used by another unit in force on {effective_on}");
                refuse(&mut errors, *i, Rule::UnitCodeUniqueOnDate, detail);
            }
        }
    }
    let ended_codes: HashSet<&str> = ended.values().map(|(_, code)| *code).collect();
    let resolve = |errors: &mut Vec<RowViolation>, i: usize, code: &str, missing: Rule| {
        let key = by_code_after.get(code).copied();
        if key.is_none() {
            let (rule, why) = if ended_codes.contains(code) {
                (Rule::UnitWithinParentValidity, "ends")
            } else {
                (missing, "is not in force")
            };
            refuse(
                errors,
                i,
                rule,
                format!("unit `{code}` {why} on {effective_on}"),
            );
        }
        key
    };
    let mut placed = Vec::new();
    for (i, key, parent_code) in parent_codes {
        if let Some(parent) = resolve(&mut errors, i, parent_code, Rule::UnitParentExists) {
            after.get_mut(&key).expect("on the map").parent = Some(parent);
            placed.push((i, key));
        }
    }
    let mut successions = Vec::new();
    for (i, predecessor, to) in succeeds {
        if !ended.contains_key(&predecessor) {
            let detail = format!("a unit succeeded ends on {effective_on} by an `end` of the act");
            refuse(&mut errors, i, Rule::SuccessionPredecessorEnded, detail);
        }
        for code in to {
            if let Some(successor) = resolve(&mut errors, i, code, Rule::SuccessionSuccessorInForce)
            {
                successions.push(Succession {
                    predecessor,
                    successor,
                    whole: to.len() == 1,
                });
            }
        }
    }

    // The map the act leaves: tiers, parents' lives, cycles, nothing under an end.
    let life = |key: Key| match key {
        Key::Stored(id) => lives[&id],
        Key::New(_) => open,
    };
    for (i, key) in placed {
        let state = &after[&key];
        let facts = state.parent.and_then(|p| {
            after.get(&p).map(|s| ParentFacts {
                level: s.level,
                validity: life(p),
            })
        });
        let from_today = Validity {
            from: effective_on,
            to: life(key).to,
        };
        if let Err(vs) = check_unit(state.level, state.kind, &from_today, facts.as_ref()) {
            for v in vs.0 {
                refuse(&mut errors, i, v.rule, v.detail);
            }
        }
        let mut at = state.parent;
        // Four tiers at most: a longer chain is a cycle too.
        for _ in 0..8 {
            match at {
                Some(p) if p == key => {
                    let detail = "the unit would end up under itself".to_owned();
                    refuse(&mut errors, i, Rule::UnitParentCycle, detail);
                    break;
                }
                Some(p) => at = after.get(&p).and_then(|s| s.parent),
                None => break,
            }
        }
    }
    for state in after.values() {
        if let Some((i, code)) = state.parent.and_then(|p| match p {
            Key::Stored(id) => ended.get(&id),
            Key::New(_) => None,
        }) {
            let detail = format!(
                "`{}` stays in force under unit `{code}`; end or move it in the same act",
                state.name
            );
            refuse(&mut errors, *i, Rule::UnitChildrenInForce, detail);
        }
    }

    if !errors.is_empty() {
        // The same answer for the same act, whatever the order maps were walked in.
        errors.sort_by(|a, b| {
            (a.index, a.rule.as_str(), &a.detail).cmp(&(b.index, b.rule.as_str(), &b.detail))
        });
        return Err(errors);
    }
    let creates = (0..creates.len())
        .map(|n| after[&Key::New(n)].clone())
        .collect();
    let mut changes: Vec<(UnitId, UnitState)> = changed
        .into_iter()
        .map(|id| (id, after[&Key::Stored(id)].clone()))
        .collect();
    changes.sort_by_key(|(id, _)| *id);
    let mut ends: Vec<(UnitId, usize)> = ended.into_iter().map(|(id, (i, _))| (id, i)).collect();
    ends.sort();
    let changed_in = |changed: Field| {
        let mut ids: Vec<UnitId> = done
            .keys()
            .filter(|(_, field)| *field == changed)
            .map(|(id, _)| *id)
            .collect();
        ids.sort();
        ids
    };
    Ok(Plan {
        creates,
        ends,
        changes,
        renamed: changed_in(Field::Name),
        recoded: changed_in(Field::Code),
        successions,
        after,
    })
}

#[cfg(test)]
#[path = "reorganization_tests.rs"]
mod tests;
