//! Cell congresses as stored: the record, the outcome the domain decided with its
//! checks, and the superior committee's approval.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::check::Check;
use dantin_domain::congress::{Congress, CongressArithmetic, CongressDecision, Exclusions};
use dantin_domain::head_election::Outcome;
use dantin_domain::{CongressId, PartyOrgId, PersonId, TermId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::confirmation::Confirmation;
use crate::db::{on_backend, Db};
use crate::error::{StoreError, StoreResult};
use crate::schema::{congress_candidates, congresses};
use crate::scope::{sql, Scope};
use crate::stored::{checks_json, from_json, to_json, CheckRecord};
use crate::version;
use crate::window::Window;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CongressRecord {
    pub id: CongressId,
    pub cell_id: PartyOrgId,
    pub term_id: TermId,
    pub held_on: NaiveDate,
    pub members_summoned: u32,
    pub members_present: u32,
    pub exclusions: Exclusions,
    pub committee: Option<Vec<PersonId>>,
    /// Ballots in order: `(person_id, votes)` per round.
    pub rounds: Vec<Vec<(PersonId, u32)>>,
    pub outcome: Outcome,
    pub winner_person_id: Option<PersonId>,
    pub winning_round: Option<u32>,
    pub arithmetic: CongressArithmetic,
    pub checks: Vec<CheckRecord>,
    /// The superior committee's approval (chuẩn y, rule 16).
    pub approval: Option<Confirmation>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = congresses)]
struct Row {
    id: CongressId,
    cell_id: PartyOrgId,
    term_id: TermId,
    held_on: NaiveDate,
    members_summoned: i32,
    members_present: i32,
    exclusions_json: String,
    committee_json: Option<String>,
    outcome: Outcome,
    winner_person_id: Option<PersonId>,
    arithmetic_json: String,
    checks_json: String,
    approval_decision: Option<String>,
    approved_on: Option<NaiveDate>,
    approval_warning: Option<String>,
}

/// Congresses with their ballots, read for all the rows in one statement.
fn hydrate(c: &mut Db, rows: Vec<Row>) -> StoreResult<Vec<CongressRecord>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id.get()).collect();
    let all: Vec<(CongressId, i32, PersonId, i32)> = congress_candidates::table
        .filter(congress_candidates::congress_id.eq_any(&ids))
        .select((
            congress_candidates::congress_id,
            congress_candidates::round,
            congress_candidates::person_id,
            congress_candidates::votes,
        ))
        .order((
            congress_candidates::round,
            congress_candidates::votes.desc(),
        ))
        .load(c)?;
    let mut rounds_of: HashMap<CongressId, Vec<Vec<(PersonId, u32)>>> = HashMap::new();
    for (congress, round, person, votes) in all {
        let rounds = rounds_of.entry(congress).or_default();
        let i = (round as usize).saturating_sub(1);
        if rounds.len() <= i {
            rounds.resize(i + 1, Vec::new());
        }
        rounds[i].push((person, votes as u32));
    }
    rows.into_iter()
        .map(|r| {
            let rounds = rounds_of.remove(&r.id).unwrap_or_default();
            Ok(CongressRecord {
                // No ballot follows a winning one, so a winner was elected in the last round.
                winning_round: r.winner_person_id.map(|_| rounds.len() as u32),
                rounds,
                id: r.id,
                cell_id: r.cell_id,
                term_id: r.term_id,
                held_on: r.held_on,
                members_summoned: r.members_summoned as u32,
                members_present: r.members_present as u32,
                exclusions: from_json(&r.exclusions_json)?,
                committee: r.committee_json.as_deref().map(from_json).transpose()?,
                outcome: r.outcome,
                winner_person_id: r.winner_person_id,
                arithmetic: from_json(&r.arithmetic_json)?,
                checks: from_json(&r.checks_json)?,
                approval: Confirmation::from_columns(
                    r.approval_decision,
                    r.approved_on,
                    r.approval_warning,
                ),
            })
        })
        .collect()
}

pub fn find(c: &mut Db, id: CongressId) -> StoreResult<Option<CongressRecord>> {
    let rows = congresses::table
        .find(id.get())
        .select(Row::as_select())
        .load(c)?;
    Ok(hydrate(c, rows)?.pop())
}

#[derive(Debug, Clone, Default)]
pub struct CongressFilter {
    pub cell_id: Option<PartyOrgId>,
    pub term_id: Option<TermId>,
    /// As of this day: only those held by then, each with its decision only if taken by
    /// then.
    pub on: Option<NaiveDate>,
    /// An officer's area: only the congresses of cells of units under it.
    pub area: Option<UnitId>,
}

pub fn list(c: &mut Db, f: &CongressFilter, w: Window) -> StoreResult<Vec<CongressRecord>> {
    let mut q = congresses::table
        .select(Row::as_select())
        .filter(congresses::id.gt(w.after_id()))
        .order(congresses::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(cell) = f.cell_id {
        q = q.filter(congresses::cell_id.eq(cell.get()));
    }
    if let Some(t) = f.term_id {
        q = q.filter(congresses::term_id.eq(t.get()));
    }
    if let Some(day) = f.on {
        q = q.filter(congresses::held_on.le(day));
    }
    if let Some(root) = f.area {
        q = q.filter(sql(Scope::Subtree(root).orgs_sql("congresses.cell_id")));
    }
    let rows = q.load(c)?;
    let mut records = hydrate(c, rows)?;
    if let Some(day) = f.on {
        for r in &mut records {
            r.approval = r.approval.take().filter(|d| d.on <= day);
        }
    }
    Ok(records)
}

/// A congress as recorded, with the domain's decision and every check it ran.
pub struct Recorded<'a> {
    pub cell_id: PartyOrgId,
    pub term_id: TermId,
    pub held_on: NaiveDate,
    pub congress: &'a Congress,
    pub decision: &'a CongressDecision,
    pub checks: &'a [Check],
}

pub fn insert(c: &mut Db, r: &Recorded<'_>) -> StoreResult<CongressRecord> {
    let k = r.congress;
    let id: CongressId = diesel::insert_into(congresses::table)
        .values((
            congresses::cell_id.eq(r.cell_id.get()),
            congresses::term_id.eq(r.term_id.get()),
            congresses::held_on.eq(r.held_on),
            congresses::members_summoned.eq(k.members_summoned as i32),
            congresses::members_present.eq(k.members_present as i32),
            congresses::exclusions_json.eq(to_json(&k.exclusions)),
            congresses::committee_json.eq(k.committee.as_ref().map(to_json)),
            congresses::outcome.eq(r.decision.outcome.as_str()),
            congresses::winner_person_id.eq(r.decision.winner.map(PersonId::get)),
            congresses::arithmetic_json.eq(to_json(&r.decision.arithmetic)),
            congresses::checks_json.eq(checks_json(r.checks)),
            congresses::created_at.eq(version::now()),
        ))
        .returning(congresses::id)
        .get_result(c)?;
    let rows: Vec<_> = k
        .rounds
        .iter()
        .enumerate()
        .flat_map(|(i, round)| {
            round.iter().map(move |t| {
                (
                    congress_candidates::congress_id.eq(id.get()),
                    congress_candidates::round.eq(i as i32 + 1),
                    congress_candidates::person_id.eq(t.person_id.get()),
                    congress_candidates::votes.eq(t.votes as i32),
                )
            })
        })
        .collect();
    if !rows.is_empty() {
        on_backend!(c, |c| diesel::insert_into(congress_candidates::table)
            .values(&rows)
            .execute(c))?;
    }
    stored(c, id)
}

/// Records the superior committee's approval.
pub fn set_approval(c: &mut Db, id: CongressId, approval: &Confirmation) -> StoreResult<()> {
    diesel::update(congresses::table.find(id.get()))
        .set((
            congresses::approval_decision.eq(&approval.decision),
            congresses::approved_on.eq(approval.on),
            congresses::approval_warning.eq(&approval.warning),
        ))
        .execute(c)?;
    Ok(())
}

fn stored(c: &mut Db, id: CongressId) -> StoreResult<CongressRecord> {
    find(c, id)?.ok_or_else(|| StoreError::Corrupt(format!("congress {id} vanished while written")))
}
