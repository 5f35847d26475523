//! Cell congresses: the record, the outcome the domain decides, the order the unified
//! model imposes, and the superior committee's approval that starts the secretary's
//! tenure (DOMAIN.md rules 11-18).

use chrono::NaiveDate;
use dantin_domain::appointment::{Post, Seat};
use dantin_domain::check::{failures, Check};
use dantin_domain::confirmation::{Confirmation as Kind, ElectionResult};
use dantin_domain::congress::{self, Congress};
use dantin_domain::double_entry::{check_entered, Entered};
use dantin_domain::eligibility;
use dantin_domain::person::PartyStatus;
use dantin_domain::term::check_held_within;
use dantin_domain::{CongressId, PartyOrgId, PersonId, Rule, TermId};
use dantin_persistence::appointments::Source;
use dantin_persistence::audit::{self, Change};
use dantin_persistence::congresses::{self as stored, Recorded};
use dantin_persistence::party_orgs::PartyOrg;
use dantin_persistence::persons::{self, Person};
use dantin_persistence::{head_elections, terms, units, Db, Store, Window};
use serde::{Deserialize, Serialize};

pub use dantin_persistence::congresses::{CongressFilter, CongressRecord};

use crate::caller::Caller;
use crate::confirmation::{confirm, Tenure};
use crate::error::Record;
use crate::error::{Error, Result};
use crate::lookup::{self, found, referenced};
use crate::{candidates, rule_sets};

/// A congress as typed: its fields are the API's, so that two entries of one minute
/// compare field by field (rule 23).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewCongress {
    pub cell_id: PartyOrgId,
    pub term_id: TermId,
    pub held_on: NaiveDate,
    #[serde(flatten)]
    pub congress: Congress,
}

/// A congress of a cell the caller may know of; one elsewhere is missing to an officer.
pub(crate) fn visible(c: &mut Db, caller: &Caller, id: CongressId) -> Result<CongressRecord> {
    if let Some(k) = stored::find(c, id)? {
        if lookup::org(c, caller, k.cell_id)?.is_some() {
            return Ok(k);
        }
    }
    Err(Error::NotFound(Record::Congress))
}

pub fn get(store: &Store, caller: &Caller, id: CongressId) -> Result<CongressRecord> {
    store.read(|c| visible(c, caller, id))
}

/// The congresses matching `filter`, cut to the caller's area.
pub fn list(
    store: &Store,
    caller: &Caller,
    filter: CongressFilter,
    window: Window,
) -> Result<Vec<CongressRecord>> {
    let filter = CongressFilter {
        area: caller.area(),
        ..filter
    };
    Ok(store.read(|c| stored::list(c, &filter, window))?)
}

/// Rule 11, on the person's party status of `day`, and the cell's own membership for
/// `person` standing in `cell`.
pub(crate) fn secretary_checks(
    c: &mut Db,
    person: &Person,
    cell: PartyOrgId,
    day: NaiveDate,
) -> Result<Vec<Check>> {
    let status = persons::statuses_on(c, [person.id], day)?
        .remove(&person.id)
        .unwrap_or(PartyStatus::None);
    Ok(eligibility::secretary_candidate(
        status,
        person.party_org_id == Some(cell),
    ))
}

/// Records a congress of a cell in the caller's area: refuses an impossible or
/// out-of-order record, naming each rule; otherwise stores the outcome the domain decides.
pub fn record(store: &Store, caller: &Caller, new: NewCongress) -> Result<CongressRecord> {
    caller.write(store, |c| record_in(c, caller, new, Entered::Once))
}

/// The Party organisation a congress names, if the caller sees it; 422
/// `congress_cell_exists` when it does not exist or is out of sight.
pub(crate) fn cell_of(c: &mut Db, caller: &Caller, cell_id: PartyOrgId) -> Result<PartyOrg> {
    referenced(
        lookup::org(c, caller, cell_id)?,
        Rule::CongressCellExists,
        "party organisation",
        cell_id,
    )
}

pub(crate) fn record_in(
    c: &mut Db,
    caller: &Caller,
    new: NewCongress,
    entered: Entered,
) -> Result<CongressRecord> {
    caller.require_writer()?;
    let cell = cell_of(c, caller, new.cell_id)?;
    congress::check_is_cell(cell.kind)?;
    let term = referenced(
        terms::find(c, new.term_id)?,
        Rule::ElectionTermExists,
        "term",
        new.term_id,
    )?;
    check_held_within(new.held_on, term.starts_on, term.ends_on, &term.label)?;
    let mut checks = congress::integrity(&new.congress);
    let mut standing: Vec<PersonId> = new
        .congress
        .rounds
        .iter()
        .flatten()
        .map(|t| t.person_id)
        .collect();
    standing.sort_unstable();
    standing.dedup();
    for person in standing {
        checks.extend(candidates::checks_for(c, caller, person, |c, p| {
            secretary_checks(c, p, cell.id, new.held_on)
        })?);
    }
    if let Some(village) = cell.unit_id {
        let level = units::find(c, village)?.map(|u| u.level);
        let of_its_province =
            rule_sets::province_of(c, village, new.held_on)? == term.scope_unit_id;
        if congress::order_applies(level, of_its_province) {
            let won_on = head_elections::first_win(c, village, term.id)?;
            checks.push(congress::head_election_before_congress(
                term.unified_model,
                won_on,
                new.held_on,
            ));
        }
    }
    let refused = failures(&checks);
    if !refused.0.is_empty() {
        return Err(Error::Rules(refused));
    }
    let rules = match cell.unit_id {
        Some(unit) => rule_sets::for_unit(c, unit, new.held_on)?,
        None => rule_sets::for_unit(c, term.scope_unit_id, new.held_on)?,
    };
    check_entered(rules.double_entry, entered)?;
    let decision = congress::decide(&new.congress, &rules);
    checks.extend(decision.checks.iter().cloned());
    let stored = stored::insert(
        c,
        &Recorded {
            cell_id: cell.id,
            term_id: term.id,
            held_on: new.held_on,
            congress: &new.congress,
            decision: &decision,
            checks: &checks,
        },
    )?;
    audit::append(
        c,
        caller.actor(),
        Change::created("congress.record", "congress", stored.id.get(), &stored),
    )?;
    Ok(stored)
}

/// Records the superior committee's approval and starts the secretary's tenure on its
/// date, ending the previous secretary's. Late decisions are kept, with a warning.
pub fn approve(
    store: &Store,
    caller: &Caller,
    id: CongressId,
    decision: String,
    on: NaiveDate,
) -> Result<CongressRecord> {
    caller.write(store, |c| approve_in(c, caller, id, decision, on))
}

pub(crate) fn approve_in(
    c: &mut Db,
    caller: &Caller,
    id: CongressId,
    decision: String,
    on: NaiveDate,
) -> Result<CongressRecord> {
    caller.require_writer()?;
    let before = visible(c, caller, id)?;
    let result = ElectionResult {
        outcome: before.outcome,
        winner: before.winner_person_id,
        held_on: before.held_on,
        confirmed: before.approval.is_some(),
    };
    let tenure = Tenure {
        post: Post::CellSecretary,
        seat: Seat::PartyOrg(before.cell_id),
        source: Source::Congress(id),
    };
    let approval = confirm(c, caller, Kind::Approval, &result, (decision, on), tenure)?;
    stored::set_approval(c, id, &approval)?;
    let after = found(stored::find(c, id)?, Record::Congress)?;
    audit::append(
        c,
        caller.actor(),
        Change::changed("congress.approve", "congress", id.get(), &before, &after),
    )?;
    Ok(after)
}
