//! Village head elections: the meeting as recorded, the outcome the domain decides, and
//! the commune's recognition that starts the tenure (DOMAIN.md rules 1-7).

use chrono::NaiveDate;
use dantin_domain::appointment::{Post, Seat};
use dantin_domain::check::{failures, Check};
use dantin_domain::confirmation::{Confirmation as Kind, ElectionResult};
use dantin_domain::double_entry::{check_entered, Entered};
use dantin_domain::eligibility::{self, HeadCandidate};
use dantin_domain::head_election::{self, Meeting};
use dantin_domain::term::check_held_within;
use dantin_domain::{HeadElectionId, PersonId, Rule, TermId, UnitId};
use dantin_persistence::appointments::{self, Source};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::head_elections::{self as stored, Recorded};
use dantin_persistence::persons::Person;
use dantin_persistence::{terms, units, Db, Store, Window};
use serde::{Deserialize, Serialize};

pub use dantin_persistence::confirmation::Confirmation;
pub use dantin_persistence::head_elections::{HeadElection, HeadElectionFilter};
pub use dantin_persistence::stored::CheckRecord;

use crate::caller::Caller;
use crate::confirmation::{confirm, Tenure};
use crate::error::Record;
use crate::error::{Error, Result};
use crate::lookup::{self, found, referenced};
use crate::{candidates, rule_sets};

/// A head election as typed: its fields are the API's, so that two entries of one minute
/// compare field by field (rule 23).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewHeadElection {
    pub village_id: UnitId,
    pub term_id: TermId,
    pub held_on: NaiveDate,
    #[serde(flatten)]
    pub meeting: Meeting,
    /// The persons on the election team, who may not stand (rule 4).
    pub election_team: Vec<PersonId>,
}

/// An election of a village in the caller's area; one elsewhere is missing to an
/// officer.
pub(crate) fn visible(c: &mut Db, caller: &Caller, id: HeadElectionId) -> Result<HeadElection> {
    match stored::find(c, id)? {
        Some(e) if caller.sees(c, e.village_id)? => Ok(e),
        _ => Err(Error::NotFound(Record::HeadElection)),
    }
}

/// An election of a village in the caller's area.
pub fn get(store: &Store, caller: &Caller, id: HeadElectionId) -> Result<HeadElection> {
    store.read(|c| visible(c, caller, id))
}

/// The elections matching `filter`, cut to the caller's area.
pub fn list(
    store: &Store,
    caller: &Caller,
    filter: HeadElectionFilter,
    window: Window,
) -> Result<Vec<HeadElection>> {
    let filter = HeadElectionFilter {
        area: caller.area(),
        ..filter
    };
    Ok(store.read(|c| stored::list(c, &filter, window))?)
}

/// Rule 7 for `person` standing in `village` on `day` (`eligibility::head_candidate`).
pub(crate) fn head_checks(
    c: &mut Db,
    person: &Person,
    village: UnitId,
    day: NaiveDate,
) -> Result<Vec<Check>> {
    let candidate = HeadCandidate {
        birth_date: person.birth_date,
        lives_in_village: person.residence_unit_id == village,
        heads_elsewhere: appointments::heads_elsewhere(c, person.id, village, day)?,
    };
    Ok(eligibility::head_candidate(&candidate, day))
}

/// Records a meeting in a village of the caller's area: refuses impossible numbers and
/// ineligible candidates, naming each rule; otherwise stores the outcome the domain
/// decides. Re-runs are further records.
pub fn record(store: &Store, caller: &Caller, new: NewHeadElection) -> Result<HeadElection> {
    caller.write(store, |c| record_in(c, caller, new, Entered::Once))
}

pub(crate) fn record_in(
    c: &mut Db,
    caller: &Caller,
    new: NewHeadElection,
    entered: Entered,
) -> Result<HeadElection> {
    caller.require_writer()?;
    caller.require_unit(c, new.village_id)?;
    let village = referenced(
        units::find(c, new.village_id)?,
        Rule::ElectionUnitExists,
        "unit",
        new.village_id,
    )?;
    let term = referenced(
        terms::find(c, new.term_id)?,
        Rule::ElectionTermExists,
        "term",
        new.term_id,
    )?;
    let province = rule_sets::province_of(c, village.id, new.held_on)?;
    head_election::check_village_and_term(village.level, province == term.scope_unit_id)?;
    check_held_within(new.held_on, term.starts_on, term.ends_on, &term.label)?;
    let mut checks = head_election::integrity(&new.meeting);
    for &member in &new.election_team {
        referenced(
            lookup::person(c, caller, member)?,
            Rule::ElectionTeamMemberExists,
            "person",
            member,
        )?;
    }
    for t in &new.meeting.candidates {
        checks.extend(candidates::checks_for(c, caller, t.person_id, |c, p| {
            let mut checks = head_checks(c, p, village.id, new.held_on)?;
            checks.push(eligibility::not_on_election_team(
                new.election_team.contains(&p.id),
            ));
            Ok(checks)
        })?);
    }
    let refused = failures(&checks);
    if !refused.0.is_empty() {
        return Err(Error::Rules(refused));
    }
    let rules = rule_sets::for_unit(c, village.id, new.held_on)?;
    check_entered(rules.double_entry, entered)?;
    let decision = head_election::decide(&new.meeting, &rules);
    checks.extend(decision.checks.iter().cloned());
    let stored = stored::insert(
        c,
        &Recorded {
            village_id: village.id,
            term_id: term.id,
            held_on: new.held_on,
            meeting: &new.meeting,
            election_team: &new.election_team,
            decision: &decision,
            checks: &checks,
        },
    )?;
    audit::append(
        c,
        caller.actor(),
        Change::created(
            "head_election.record",
            "head_election",
            stored.id.get(),
            &stored,
        ),
    )?;
    Ok(stored)
}

/// Records the commune's recognition and starts the head's tenure on its date, ending
/// the previous head's (rule 6). Late decisions are kept, with a warning.
pub fn recognize(
    store: &Store,
    caller: &Caller,
    id: HeadElectionId,
    decision: String,
    on: NaiveDate,
) -> Result<HeadElection> {
    caller.write(store, |c| recognize_in(c, caller, id, decision, on))
}

pub(crate) fn recognize_in(
    c: &mut Db,
    caller: &Caller,
    id: HeadElectionId,
    decision: String,
    on: NaiveDate,
) -> Result<HeadElection> {
    caller.require_writer()?;
    let before = visible(c, caller, id)?;
    let result = ElectionResult {
        outcome: before.outcome,
        winner: before.winner_person_id,
        held_on: before.held_on,
        confirmed: before.recognition.is_some(),
    };
    let tenure = Tenure {
        post: Post::VillageHead,
        seat: Seat::Unit(before.village_id),
        source: Source::HeadElection(id),
    };
    let recognition = confirm(
        c,
        caller,
        Kind::Recognition,
        &result,
        (decision, on),
        tenure,
    )?;
    stored::set_recognition(c, id, &recognition)?;
    let after = found(stored::find(c, id)?, Record::HeadElection)?;
    audit::append(
        c,
        caller.actor(),
        Change::changed(
            "head_election.recognize",
            "head_election",
            id.get(),
            &before,
            &after,
        ),
    )?;
    Ok(after)
}
