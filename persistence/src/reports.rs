//! The reports portals pull: how far a pair of posts is unified in a unit and under it,
//! and how a term's elections progressed day by day.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use dantin_domain::head_election::Outcome;
use dantin_domain::pair::PostPair;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::rate::{Figures, Tally};
use dantin_domain::unification::NotUnifiedReason;
use dantin_domain::unit::UnitLevel;
use dantin_domain::{PartyOrgId, TermId, UnitId};
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::in_force::in_force_on;
use crate::kept::{KeptParts, Part};
use crate::schema::{congresses, head_elections, unit_versions};
use crate::scope::{in_list, sql, Scope};
use crate::terms::Term;
use crate::unification::{standings, Standing, UnitRef};
use crate::units::{Unit, UnitFilter};
use crate::window::Window;

#[derive(Debug, Clone, PartialEq)]
pub struct NotUnified {
    /// The unit, or for the agency pair the agency's cell.
    pub unit: UnitRef,
    /// The unit it sits in (itself, for a unit).
    pub seat_unit_id: Option<UnitId>,
    pub reason: NotUnifiedReason,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnificationReport {
    /// The unit reported on; `None` for the whole country.
    pub unit: Option<Unit>,
    pub pair: PostPair,
    pub on: NaiveDate,
    pub target_percent: Option<u32>,
    pub total: Figures,
    /// One row per child unit in force (per province for the country), with the same
    /// figures.
    pub children: Vec<(Unit, Figures)>,
    /// The known units with an organisation that are not unified, and why.
    pub not_unified: Vec<NotUnified>,
}

/// How many provinces' parts are read at once: about 15,000 villages.
const PROVINCES_AT_ONCE: usize = 6;

/// The report of `pair` for `unit` and its subtree (the whole country without a unit)
/// on the map of `map`, with the facts of `on`, against `target`. The country's and a
/// province's are put together from the parts `kept` holds where it holds them.
pub fn unification(
    c: &mut Db,
    kept: Option<&KeptParts>,
    unit: Option<Unit>,
    pair: PostPair,
    (on, map): (NaiveDate, NaiveDate),
    target: Option<u32>,
) -> StoreResult<UnificationReport> {
    let root = unit.as_ref().map(|u| u.id);
    let children = crate::units::list(
        c,
        &UnitFilter {
            parent_id: root,
            level: root.is_none().then_some(UnitLevel::Province),
            ..UnitFilter::on(map)
        },
        Window::ALL,
    )?;
    let by_provinces = unit.as_ref().is_none_or(|u| u.level == UnitLevel::Province);
    let (mut per_child, mut counted) = match kept.filter(|_| by_provinces) {
        Some(kept) => {
            let provinces: Vec<UnitId> = match root {
                Some(root) => vec![root],
                None => children.iter().map(|p| p.id).collect(),
            };
            #[cfg(debug_assertions)]
            let version = crate::audit::data_version(c)?;
            let composed = composed(c, kept, &provinces, root, pair, (on, map))?;
            #[cfg(debug_assertions)]
            same_as_whole(c, version, &composed, root, pair, (on, map))?;
            composed
        }
        None => whole(c, root, pair, (on, map))?,
    };
    counted.not_unified.sort_by_key(|n| n.unit.id);
    let children = children
        .into_iter()
        .map(|child| {
            let figures = per_child
                .remove(&child.id)
                .unwrap_or_default()
                .figures(target);
            (child, figures)
        })
        .collect();
    Ok(UnificationReport {
        unit,
        pair,
        on,
        target_percent: target,
        total: counted.total.figures(target),
        children,
        not_unified: counted.not_unified,
    })
}

/// What a report, or a part of it, counts: the total, and the units not unified with why.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartCounts {
    pub total: Tally,
    pub not_unified: Vec<NotUnified>,
}

impl PartCounts {
    fn add(&mut self, s: Standing) {
        self.total.add(s.counted());
        if s.org_id.is_some() && s.known && !s.status.unified {
            if let Some(reason) = s.status.reason {
                self.not_unified.push(NotUnified {
                    unit: s.unit,
                    seat_unit_id: s.seat_unit_id,
                    reason,
                });
            }
        }
    }

    fn merge(&mut self, part: &PartCounts) {
        self.total.merge(part.total);
        self.not_unified.extend_from_slice(&part.not_unified);
    }
}

/// A report's counts per child of `root` and in all: the standings of the whole subtree,
/// read at once.
fn whole(
    c: &mut Db,
    root: Option<UnitId>,
    pair: PostPair,
    (on, map): (NaiveDate, NaiveDate),
) -> StoreResult<(HashMap<UnitId, Tally>, PartCounts)> {
    let scope = Scope::under(root, map).resolved(c)?;
    let all = standings(c, pair, &scope, on)?;
    let child_of = child_of(c, &scope, root, map)?;
    let mut per_child: HashMap<UnitId, Tally> = HashMap::new();
    let mut counted = PartCounts::default();
    for s in all {
        if let Some(child) = s.seat_unit_id.and_then(&child_of) {
            per_child.entry(child).or_default().add(s.counted());
        }
        counted.add(s);
    }
    Ok((per_child, counted))
}

/// The counts of `provinces` (the report's `root`, or all of them for the country), per
/// child of `root` and in all, from their parts: each unit right under a province counts
/// its subtree (kept while its mark stays), and each province what sits in it directly.
fn composed(
    c: &mut Db,
    kept: &KeptParts,
    provinces: &[UnitId],
    root: Option<UnitId>,
    pair: PostPair,
    (on, map): (NaiveDate, NaiveDate),
) -> StoreResult<(HashMap<UnitId, Tally>, PartCounts)> {
    let blocks: Vec<(UnitId, UnitId)> = unit_versions::table
        .filter(in_force_on(
            unit_versions::valid_from,
            unit_versions::valid_to,
            map,
        ))
        .filter(sql(in_list(
            "unit_versions.parent_id",
            provinces.iter().map(|p| p.get()),
        )))
        .select((
            unit_versions::unit_id,
            unit_versions::parent_id.assume_not_null(),
        ))
        .order(unit_versions::unit_id)
        .load(c)?;
    // The marks first: a part read after its mark is at least as new as the mark says.
    let marks = crate::marks::of(c, &blocks.iter().map(|(b, _)| *b).collect::<Vec<_>>())?;
    let part = |unit| Part {
        pair,
        on,
        map,
        unit,
    };
    let mark = |unit| marks.get(&unit).copied().unwrap_or(0);
    let mut parts: HashMap<UnitId, Arc<PartCounts>> = HashMap::new();
    let mut stale: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
    for (block, province) in &blocks {
        match kept.get(&part(*block), mark(*block)) {
            Some(counts) => {
                parts.insert(*block, counts);
            }
            None => stale.entry(*province).or_default().push(*block),
        }
    }
    for batch in provinces.chunks(PROVINCES_AT_ONCE) {
        let roots: Vec<UnitId> = batch
            .iter()
            .flat_map(|p| stale.remove(p))
            .flatten()
            .collect();
        if roots.is_empty() {
            continue;
        }
        let block_of = crate::scope::subtrees(c, &roots, map)?;
        let scope = Scope::Units(block_of.keys().copied().collect());
        let mut read: HashMap<UnitId, PartCounts> = HashMap::new();
        for s in standings(c, pair, &scope, on)? {
            if let Some(block) = s.seat_unit_id.and_then(|u| block_of.get(&u)) {
                read.entry(*block).or_default().add(s);
            }
        }
        for block in roots {
            let counts = Arc::new(read.remove(&block).unwrap_or_default());
            kept.keep(part(block), mark(block), counts.clone());
            parts.insert(block, counts);
        }
    }
    let mut per_child: HashMap<UnitId, Tally> = HashMap::new();
    let mut counted = PartCounts::default();
    let mut add = |child: UnitId, counts: &PartCounts| {
        if *counts != PartCounts::default() {
            per_child.entry(child).or_default().merge(counts.total);
            counted.merge(counts);
        }
    };
    // What sits in a province itself (an agency's cell) is never kept: a few subjects.
    for s in standings(c, pair, &Scope::Units(provinces.to_vec()), on)? {
        if let Some(province) = s.seat_unit_id {
            let mut own = PartCounts::default();
            own.add(s);
            add(province, &own);
        }
    }
    for (block, province) in blocks {
        let child = if root.is_some() { block } else { province };
        add(child, &parts[&block]);
    }
    Ok((per_child, counted))
}

/// Every test build checks a report put together from parts against the same report read
/// whole, unless a write came in between.
#[cfg(debug_assertions)]
fn same_as_whole(
    c: &mut Db,
    version: i64,
    composed: &(HashMap<UnitId, Tally>, PartCounts),
    root: Option<UnitId>,
    pair: PostPair,
    days: (NaiveDate, NaiveDate),
) -> StoreResult<()> {
    let mut whole = whole(c, root, pair, days)?;
    if crate::audit::data_version(c)? == version {
        let mut parts = composed.clone();
        parts.1.not_unified.sort_by_key(|n| n.unit.id);
        whole.1.not_unified.sort_by_key(|n| n.unit.id);
        assert_eq!(parts, whole, "a report put together from kept parts");
    }
    Ok(())
}

/// For each unit of `scope` (the subtree of `root` on the map of `map`, the whole map
/// without a root), the child of `root` it lies under (the province, for the country).
fn child_of(
    c: &mut Db,
    scope: &Scope,
    root: Option<UnitId>,
    map: NaiveDate,
) -> StoreResult<impl Fn(UnitId) -> Option<UnitId>> {
    let parents: HashMap<UnitId, Option<UnitId>> = unit_versions::table
        .filter(sql(scope.sql("unit_versions.unit_id")))
        .filter(in_force_on(
            unit_versions::valid_from,
            unit_versions::valid_to,
            map,
        ))
        .select((unit_versions::unit_id, unit_versions::parent_id))
        .load::<(UnitId, Option<UnitId>)>(c)?
        .into_iter()
        .collect();
    Ok(move |mut id: UnitId| -> Option<UnitId> {
        for _ in 0..8 {
            let parent = *parents.get(&id)?;
            if parent == root {
                return Some(id);
            }
            id = parent?;
        }
        None
    })
}

/// Counts of one kind of election up to a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cumulative {
    /// Elections held (re-runs counted each time).
    pub held: u32,
    pub elected: u32,
    pub no_winner: u32,
    pub no_quorum: u32,
    /// Distinct villages (or cells) that have elected someone.
    pub units_elected: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressDay {
    pub date: NaiveDate,
    pub head_elections: Cumulative,
    pub congresses: Cumulative,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressReport {
    /// The unit reported on; `None` for the whole country.
    pub unit: Option<Unit>,
    pub term_id: TermId,
    /// Villages in force on the term's first day with a cell: what the campaign covers.
    pub villages_in_scope: u32,
    pub days: Vec<ProgressDay>,
}

struct Event {
    date: NaiveDate,
    /// The village (head elections) or the cell (congresses).
    subject: i64,
    outcome: Outcome,
}

fn accumulate(events: &[Event], day: NaiveDate, seen: &mut HashSet<i64>, into: &mut Cumulative) {
    for e in events.iter().filter(|e| e.date == day) {
        into.held += 1;
        match e.outcome {
            Outcome::Elected => {
                into.elected += 1;
                if seen.insert(e.subject) {
                    into.units_elected += 1;
                }
            }
            Outcome::NoWinner => into.no_winner += 1,
            Outcome::NoQuorum => into.no_quorum += 1,
        }
    }
}

/// Stored `(day, village or cell, outcome)` rows as events.
fn events(rows: Vec<(NaiveDate, i64, Outcome)>) -> Vec<Event> {
    rows.into_iter()
        .map(|(date, subject, outcome)| Event {
            date,
            subject,
            outcome,
        })
        .collect()
}

/// Day by day, cumulative: the term's head elections and cell congresses under `unit`
/// (in the whole country without a unit) on the map of `map`.
pub fn progress(
    c: &mut Db,
    unit: Option<Unit>,
    term: &Term,
    map: NaiveDate,
) -> StoreResult<ProgressReport> {
    let scope = Scope::under(unit.as_ref().map(|u| u.id), map).resolved(c)?;
    let cell_ids: Vec<i64> = scope
        .orgs(c, Some(PartyOrgKind::Cell))?
        .into_iter()
        .map(PartyOrgId::get)
        .collect();
    let villages_in_scope = standings(c, PostPair::Village, &scope, term.starts_on)?
        .iter()
        .filter(|s| s.org_id.is_some())
        .count() as u32;
    let heads = head_elections::table
        .filter(head_elections::term_id.eq(term.id.get()))
        .filter(sql(scope.sql("head_elections.village_id")))
        .select((
            head_elections::held_on,
            head_elections::village_id,
            head_elections::outcome,
        ))
        .load::<(NaiveDate, i64, Outcome)>(c)?;
    let heads = events(heads);
    let cells_held = congresses::table
        .filter(congresses::term_id.eq(term.id.get()))
        .filter(sql(in_list("congresses.cell_id", cell_ids)))
        .select((
            congresses::held_on,
            congresses::cell_id,
            congresses::outcome,
        ))
        .load::<(NaiveDate, i64, Outcome)>(c)?;
    let cells = events(cells_held);
    let dates: BTreeMap<NaiveDate, ()> = heads.iter().chain(&cells).map(|e| (e.date, ())).collect();
    let (mut h, mut k) = (Cumulative::default(), Cumulative::default());
    let (mut h_seen, mut k_seen) = (HashSet::new(), HashSet::new());
    let days = dates
        .into_keys()
        .map(|date| {
            accumulate(&heads, date, &mut h_seen, &mut h);
            accumulate(&cells, date, &mut k_seen, &mut k);
            ProgressDay {
                date,
                head_elections: h,
                congresses: k,
            }
        })
        .collect();
    Ok(ProgressReport {
        unit,
        term_id: term.id,
        villages_in_scope,
        days,
    })
}
