//! The reports portals pull: how far a pair of posts is unified in a unit and under it,
//! and how a term's elections progressed day by day.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use dantin_domain::head_election::Outcome;
use dantin_domain::pair::PostPair;
use dantin_domain::rate::{rate, Rate};
use dantin_domain::unification::NotUnifiedReason;
use diesel::prelude::*;

use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::{congresses, head_elections, units};
use crate::unification::{standings, Standing, UnitRef};
use crate::units::{in_list, orgs_in, Scope, Unit, UnitFilter};
use crate::{rule_sets, terms};

/// The counts of a report, for the whole unit or one of its children.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Units of the pair's level in force (villages, or communes).
    pub in_force: u32,
    /// Those with the pair's Party organisation (a cell, a commune committee).
    pub with_org: u32,
    /// Of those, the ones with nothing recorded: counted apart, never guessed.
    pub unknown: u32,
    /// Unified, approval pending included.
    pub unified: u32,
    /// Unified with the secretary's approval still awaited.
    pub pending_approval: u32,
    /// Unified over the known units with an organisation, against the target.
    pub rate: Rate,
}

#[derive(Debug, Default)]
struct Tally {
    in_force: u32,
    with_org: u32,
    unknown: u32,
    unified: u32,
    pending: u32,
}

impl Tally {
    fn add(&mut self, s: &Standing) {
        self.in_force += 1;
        if s.org_id.is_none() {
            return;
        }
        self.with_org += 1;
        if !s.known {
            self.unknown += 1;
        } else if s.status.unified {
            self.unified += 1;
            self.pending += u32::from(s.status.pending_approval);
        }
    }

    fn figures(&self, target: Option<u32>) -> Figures {
        let known = self.with_org - self.unknown;
        Figures {
            in_force: self.in_force,
            with_org: self.with_org,
            unknown: self.unknown,
            unified: self.unified,
            pending_approval: self.pending,
            rate: rate(self.unified, known, target.unwrap_or(0)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NotUnified {
    /// The unit, or for the agency pair the agency's cell.
    pub unit: UnitRef,
    /// The unit it sits in (itself, for a unit).
    pub seat_unit_id: Option<i64>,
    pub reason: NotUnifiedReason,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnificationReport {
    pub unit: Unit,
    pub pair: PostPair,
    pub on: NaiveDate,
    pub target_percent: Option<u32>,
    pub total: Figures,
    /// One row per child unit in force, with the same figures.
    pub children: Vec<(Unit, Figures)>,
    /// The known units with an organisation that are not unified, and why.
    pub not_unified: Vec<NotUnified>,
}

pub fn unification(
    c: &mut Db,
    root: i64,
    pair: PostPair,
    on: NaiveDate,
) -> StoreResult<UnificationReport> {
    let unit = crate::units::get(c, root)?;
    let target = pair.target_percent(&rule_sets::for_unit(c, root)?);
    let scope = Scope::Subtree(root).resolved(c)?;
    let all = standings(c, pair, &scope, on)?;
    let children = crate::units::list(
        c,
        &UnitFilter {
            parent_id: Some(root),
            on: Some(on),
            limit: i64::MAX,
            ..Default::default()
        },
    )?;
    // Every unit's parent within the subtree, to find which child each standing is under.
    let parents: HashMap<i64, Option<i64>> = units::table
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            &scope.sql("units.id"),
        ))
        .select((units::id, units::parent_id))
        .load::<(i64, Option<i64>)>(c)?
        .into_iter()
        .collect();
    let child_of = |mut id: i64| -> Option<i64> {
        for _ in 0..8 {
            match parents.get(&id).copied().flatten() {
                Some(p) if p == root => return Some(id),
                Some(p) => id = p,
                None => return None,
            }
        }
        None
    };
    let mut total = Tally::default();
    let mut per_child: HashMap<i64, Tally> = HashMap::new();
    let mut not_unified = Vec::new();
    for s in &all {
        total.add(s);
        if let Some(child) = s.seat_unit_id.and_then(child_of) {
            per_child.entry(child).or_default().add(s);
        }
        if s.org_id.is_some() && s.known && !s.status.unified {
            if let Some(reason) = s.status.reason {
                not_unified.push(NotUnified {
                    unit: s.unit.clone(),
                    seat_unit_id: s.seat_unit_id,
                    reason,
                });
            }
        }
    }
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
        total: total.figures(target),
        children,
        not_unified,
    })
}

/// The day a term's report is taken on: its last day, or `today` while it runs.
pub fn term_day(c: &mut Db, term_id: i64, today: NaiveDate) -> StoreResult<NaiveDate> {
    let term = terms::get(c, term_id)?;
    Ok(term.ends_on.min(today))
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
    pub unit: Unit,
    pub term_id: i64,
    /// Villages in force on the term's first day with a cell: what the campaign covers.
    pub villages_in_scope: u32,
    pub days: Vec<ProgressDay>,
}

struct Event {
    date: NaiveDate,
    unit: i64,
    outcome: Outcome,
}

fn accumulate(events: &[Event], day: NaiveDate, seen: &mut HashSet<i64>, into: &mut Cumulative) {
    for e in events.iter().filter(|e| e.date == day) {
        into.held += 1;
        match e.outcome {
            Outcome::Elected => {
                into.elected += 1;
                if seen.insert(e.unit) {
                    into.units_elected += 1;
                }
            }
            Outcome::NoWinner => into.no_winner += 1,
            Outcome::NoQuorum => into.no_quorum += 1,
        }
    }
}

/// Stored `(day, village or cell, outcome)` rows as events.
fn events(rows: Vec<(NaiveDate, i64, String)>) -> StoreResult<Vec<Event>> {
    rows.into_iter()
        .map(|(date, unit, outcome)| {
            Ok(Event {
                date,
                unit,
                outcome: parse_outcome(outcome)?,
            })
        })
        .collect()
}

fn parse_outcome(s: String) -> StoreResult<Outcome> {
    s.parse()
        .map_err(|e: dantin_domain::string_enum::UnknownValue| StoreError::Corrupt(e.to_string()))
}

/// Day by day, cumulative: the term's head elections and cell congresses under `root`.
pub fn progress(c: &mut Db, root: i64, term_id: i64) -> StoreResult<ProgressReport> {
    let unit = crate::units::get(c, root)?;
    let term = terms::get(c, term_id)?;
    let scope = Scope::Subtree(root).resolved(c)?;
    let cell_ids = orgs_in(
        c,
        &scope,
        Some(dantin_domain::party_org::PartyOrgKind::Cell),
    )?;
    let villages_in_scope = standings(c, PostPair::Village, &scope, term.starts_on)?
        .iter()
        .filter(|s| s.org_id.is_some())
        .count() as u32;
    let heads = head_elections::table
        .filter(head_elections::term_id.eq(term_id))
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            &scope.sql("head_elections.village_id"),
        ))
        .select((
            head_elections::held_on,
            head_elections::village_id,
            head_elections::outcome,
        ))
        .load::<(NaiveDate, i64, String)>(c)?;
    let heads = events(heads)?;
    let cells_held = congresses::table
        .filter(congresses::term_id.eq(term_id))
        .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&in_list(
            "congresses.cell_id",
            &cell_ids,
        )))
        .select((
            congresses::held_on,
            congresses::cell_id,
            congresses::outcome,
        ))
        .load::<(NaiveDate, i64, String)>(c)?;
    let cells = events(cells_held)?;
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
        term_id,
        villages_in_scope,
        days,
    })
}
