//! Village head elections as stored: the meeting as recorded, the outcome the domain
//! decided with its checks, and the commune's recognition.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::check::Check;
use dantin_domain::head_election::{Arithmetic, Decision, Meeting, Outcome, VotingMethod};
use dantin_domain::{HeadElectionId, PersonId, TermId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::confirmation::Confirmation;
use crate::db::{on_backend, Db};
use crate::error::StoreResult;
use crate::schema::{head_election_candidates, head_elections};
use crate::scope::{sql, Scope};
use crate::stored::{checks_json, from_json, to_json, CheckRecord};
use crate::version;
use crate::window::Window;

/// A head election as stored, with its candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadElection {
    pub id: HeadElectionId,
    pub village_id: UnitId,
    pub term_id: TermId,
    pub held_on: NaiveDate,
    pub households_total: u32,
    pub households_present: u32,
    pub method: VotingMethod,
    pub election_team: Vec<PersonId>,
    pub candidates: Vec<(PersonId, u32)>,
    pub outcome: Outcome,
    pub winner_person_id: Option<PersonId>,
    pub arithmetic: Arithmetic,
    pub checks: Vec<CheckRecord>,
    /// The commune People's Committee's decision that makes the result take effect
    /// (rule 6).
    pub recognition: Option<Confirmation>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = head_elections)]
struct Row {
    id: HeadElectionId,
    village_id: UnitId,
    term_id: TermId,
    held_on: NaiveDate,
    households_total: i32,
    households_present: i32,
    method: VotingMethod,
    election_team_json: String,
    outcome: Outcome,
    winner_person_id: Option<PersonId>,
    arithmetic_json: String,
    checks_json: String,
    recognition_decision: Option<String>,
    recognized_on: Option<NaiveDate>,
    recognition_warning: Option<String>,
}

/// Elections with their candidates, read for all the rows in one statement.
fn hydrate(c: &mut Db, rows: Vec<Row>) -> StoreResult<Vec<HeadElection>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id.get()).collect();
    let tallies: Vec<(HeadElectionId, PersonId, i32)> = head_election_candidates::table
        .filter(head_election_candidates::election_id.eq_any(&ids))
        .select((
            head_election_candidates::election_id,
            head_election_candidates::person_id,
            head_election_candidates::votes,
        ))
        .order(head_election_candidates::votes.desc())
        .load(c)?;
    let mut candidates_of: HashMap<HeadElectionId, Vec<(PersonId, u32)>> = HashMap::new();
    for (election, person, votes) in tallies {
        candidates_of
            .entry(election)
            .or_default()
            .push((person, votes as u32));
    }
    rows.into_iter()
        .map(|r| {
            Ok(HeadElection {
                candidates: candidates_of.remove(&r.id).unwrap_or_default(),
                id: r.id,
                village_id: r.village_id,
                term_id: r.term_id,
                held_on: r.held_on,
                households_total: r.households_total as u32,
                households_present: r.households_present as u32,
                method: r.method,
                election_team: from_json(&r.election_team_json)?,
                outcome: r.outcome,
                winner_person_id: r.winner_person_id,
                arithmetic: from_json(&r.arithmetic_json)?,
                checks: from_json(&r.checks_json)?,
                recognition: Confirmation::from_columns(
                    r.recognition_decision,
                    r.recognized_on,
                    r.recognition_warning,
                ),
            })
        })
        .collect()
}

pub fn find(c: &mut Db, id: HeadElectionId) -> StoreResult<Option<HeadElection>> {
    let rows = head_elections::table
        .find(id.get())
        .select(Row::as_select())
        .load(c)?;
    Ok(hydrate(c, rows)?.pop())
}

#[derive(Debug, Clone, Default)]
pub struct HeadElectionFilter {
    pub village_id: Option<UnitId>,
    pub term_id: Option<TermId>,
    /// As of this day: only those held by then, each with its decision only if taken by
    /// then.
    pub on: Option<NaiveDate>,
    /// An officer's area: only the elections of villages under it.
    pub area: Option<UnitId>,
}

pub fn list(c: &mut Db, f: &HeadElectionFilter, w: Window) -> StoreResult<Vec<HeadElection>> {
    let mut q = head_elections::table
        .select(Row::as_select())
        .filter(head_elections::id.gt(w.after_id()))
        .order(head_elections::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(v) = f.village_id {
        q = q.filter(head_elections::village_id.eq(v.get()));
    }
    if let Some(t) = f.term_id {
        q = q.filter(head_elections::term_id.eq(t.get()));
    }
    if let Some(day) = f.on {
        q = q.filter(head_elections::held_on.le(day));
    }
    if let Some(root) = f.area {
        q = q.filter(sql(Scope::Subtree(root).sql("head_elections.village_id")));
    }
    let rows = q.load(c)?;
    let mut records = hydrate(c, rows)?;
    if let Some(day) = f.on {
        for r in &mut records {
            r.recognition = r.recognition.take().filter(|d| d.on <= day);
        }
    }
    Ok(records)
}

/// The first day of `term` on which the village's head election had a winner.
pub fn first_win(c: &mut Db, village: UnitId, term: TermId) -> StoreResult<Option<NaiveDate>> {
    Ok(head_elections::table
        .filter(head_elections::village_id.eq(village.get()))
        .filter(head_elections::term_id.eq(term.get()))
        .filter(head_elections::outcome.eq(Outcome::Elected.as_str()))
        .select(diesel::dsl::min(head_elections::held_on))
        .first(c)?)
}

/// A meeting as recorded, with the domain's decision and every check it ran.
pub struct Recorded<'a> {
    pub village_id: UnitId,
    pub term_id: TermId,
    pub held_on: NaiveDate,
    pub meeting: &'a Meeting,
    pub election_team: &'a [PersonId],
    pub decision: &'a Decision,
    pub checks: &'a [Check],
}

pub fn insert(c: &mut Db, r: &Recorded<'_>) -> StoreResult<HeadElection> {
    let m = r.meeting;
    let id: HeadElectionId = diesel::insert_into(head_elections::table)
        .values((
            head_elections::village_id.eq(r.village_id.get()),
            head_elections::term_id.eq(r.term_id.get()),
            head_elections::held_on.eq(r.held_on),
            head_elections::households_total.eq(m.households_total as i32),
            head_elections::households_present.eq(m.households_present as i32),
            head_elections::method.eq(m.method.as_str()),
            head_elections::election_team_json.eq(to_json(r.election_team)),
            head_elections::outcome.eq(r.decision.outcome.as_str()),
            head_elections::winner_person_id.eq(r.decision.winner.map(PersonId::get)),
            head_elections::arithmetic_json.eq(to_json(&r.decision.arithmetic)),
            head_elections::checks_json.eq(checks_json(r.checks)),
            head_elections::created_at.eq(version::now()),
        ))
        .returning(head_elections::id)
        .get_result(c)?;
    let rows: Vec<_> = m
        .candidates
        .iter()
        .map(|t| {
            (
                head_election_candidates::election_id.eq(id.get()),
                head_election_candidates::person_id.eq(t.person_id.get()),
                head_election_candidates::votes.eq(t.votes as i32),
            )
        })
        .collect();
    if !rows.is_empty() {
        on_backend!(c, |c| diesel::insert_into(head_election_candidates::table)
            .values(&rows)
            .execute(c))?;
    }
    stored(c, id)
}

/// Records the commune's recognition.
pub fn set_recognition(
    c: &mut Db,
    id: HeadElectionId,
    recognition: &Confirmation,
) -> StoreResult<()> {
    diesel::update(head_elections::table.find(id.get()))
        .set((
            head_elections::recognition_decision.eq(&recognition.decision),
            head_elections::recognized_on.eq(recognition.on),
            head_elections::recognition_warning.eq(&recognition.warning),
        ))
        .execute(c)?;
    Ok(())
}

/// The election just written, read back whole.
fn stored(c: &mut Db, id: HeadElectionId) -> StoreResult<HeadElection> {
    find(c, id)?.ok_or_else(|| {
        crate::StoreError::Corrupt(format!("head election {id} vanished while written"))
    })
}
