//! The reports portals pull: how far a pair of posts is unified in a unit and under it,
//! and how a term's elections progressed day by day.

use std::collections::{BTreeMap, HashMap, HashSet};

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

/// How many provinces the country's report reads at once: about 15,000 villages.
const PROVINCES_AT_ONCE: usize = 6;

/// The report of `pair` for `unit` and its subtree (the whole country without a unit)
/// on the map of `map`, with the facts of `on`, against `target`.
pub fn unification(
    c: &mut Db,
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
    let mut counted = Counted::default();
    let mut per_child = match root {
        // The country is its provinces, read a few at a time: a few provinces' facts at
        // once in memory, never the whole country's, in a few rounds of statements.
        None => {
            let mut per_child: HashMap<UnitId, Tally> = HashMap::new();
            for batch in children.chunks(PROVINCES_AT_ONCE) {
                let mut province_of: HashMap<UnitId, UnitId> = HashMap::new();
                for province in batch {
                    for id in Scope::under(Some(province.id), map).ids(c)? {
                        province_of.insert(id, province.id);
                    }
                }
                let scope = Scope::Units(province_of.keys().copied().collect());
                for s in standings(c, pair, &scope, on)? {
                    if let Some(province) = s.seat_unit_id.and_then(|u| province_of.get(&u)) {
                        per_child.entry(*province).or_default().add(s.counted());
                    }
                    counted.add(s);
                }
            }
            per_child
        }
        Some(root) => {
            let scope = Scope::under(Some(root), map).resolved(c)?;
            let all = standings(c, pair, &scope, on)?;
            let child_of = child_of(c, &scope, root, map)?;
            let mut per_child: HashMap<UnitId, Tally> = HashMap::new();
            for s in all {
                if let Some(child) = s.seat_unit_id.and_then(&child_of) {
                    per_child.entry(child).or_default().add(s.counted());
                }
                counted.add(s);
            }
            per_child
        }
    };
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

/// What a report has counted so far: the total, and the units not unified with why.
#[derive(Default)]
struct Counted {
    total: Tally,
    not_unified: Vec<NotUnified>,
}

impl Counted {
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
}

/// For each unit of `scope` (the subtree of `root` on the map of `map`), the child of
/// `root` it lies under.
fn child_of(
    c: &mut Db,
    scope: &Scope,
    root: UnitId,
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
            match parents.get(&id).copied()? {
                Some(parent) if parent == root => return Some(id),
                Some(parent) => id = parent,
                None => return None,
            }
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
