//! Cell congresses: the record, the outcome the domain decided, the order the unified
//! model imposes, and the superior committee's approval that starts the secretary's tenure.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::appointment::Post;
use dantin_domain::check::{failures, Check};
use dantin_domain::congress::{self, Congress, CongressArithmetic, Exclusions};
use dantin_domain::head_election::{Outcome, Tally};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::RuleViolation;
use dantin_domain::{deadline, eligibility};
use diesel::prelude::*;
use serde::Serialize;

use crate::appointments::Seat;
use crate::audit::{self, Actor, Change};
use crate::confirmation::Confirmation;
use crate::db::{on_backend, Db};
use crate::error::{StoreError, StoreResult};
use crate::schema::{congress_candidates, congresses};
use crate::stored::{checks_json, from_json, to_json, CheckRecord};
use crate::{
    candidates, confirmation, head_elections, party_orgs, persons, rule_sets, terms, units, version,
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CongressRecord {
    pub id: i64,
    pub cell_id: i64,
    pub term_id: i64,
    pub held_on: NaiveDate,
    pub members_summoned: u32,
    pub members_present: u32,
    pub exclusions: Exclusions,
    pub committee: Option<Vec<i64>>,
    /// Ballots in order: `(person_id, votes)` per round.
    pub rounds: Vec<Vec<(i64, u32)>>,
    pub outcome: Outcome,
    pub winner_person_id: Option<i64>,
    pub winning_round: Option<u32>,
    pub arithmetic: CongressArithmetic,
    pub checks: Vec<CheckRecord>,
    /// The superior committee's approval (chuẩn y, rule 16).
    pub approval: Option<Confirmation>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = congresses)]
struct Row {
    id: i64,
    cell_id: i64,
    term_id: i64,
    held_on: NaiveDate,
    members_summoned: i32,
    members_present: i32,
    exclusions_json: String,
    committee_json: Option<String>,
    outcome: String,
    winner_person_id: Option<i64>,
    arithmetic_json: String,
    checks_json: String,
    approval_decision: Option<String>,
    approved_on: Option<NaiveDate>,
    approval_warning: Option<String>,
    #[allow(dead_code)]
    created_at: NaiveDateTime,
}

/// Congresses with their ballots, read for all the rows in one statement.
fn hydrate(c: &mut Db, rows: Vec<Row>) -> StoreResult<Vec<CongressRecord>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let all: Vec<(i64, i32, i64, i32)> = congress_candidates::table
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
    let mut ballots_of: HashMap<i64, Vec<(i32, i64, i32)>> = HashMap::new();
    for (congress, round, person, votes) in all {
        ballots_of
            .entry(congress)
            .or_default()
            .push((round, person, votes));
    }
    rows.into_iter()
        .map(|r| {
            let ballots = ballots_of.remove(&r.id).unwrap_or_default();
            build(r, ballots)
        })
        .collect()
}

fn build(r: Row, ballots: Vec<(i32, i64, i32)>) -> StoreResult<CongressRecord> {
    let mut rounds: Vec<Vec<(i64, u32)>> = Vec::new();
    for (round, person, votes) in ballots {
        let i = (round as usize).saturating_sub(1);
        if rounds.len() <= i {
            rounds.resize(i + 1, Vec::new());
        }
        rounds[i].push((person, votes as u32));
    }
    // No ballot follows a winning one, so a winner was elected in the last round.
    let winning_round = r.winner_person_id.map(|_| rounds.len() as u32);
    Ok(CongressRecord {
        id: r.id,
        cell_id: r.cell_id,
        term_id: r.term_id,
        held_on: r.held_on,
        members_summoned: r.members_summoned as u32,
        members_present: r.members_present as u32,
        exclusions: from_json(&r.exclusions_json)?,
        committee: r.committee_json.as_deref().map(from_json).transpose()?,
        rounds,
        outcome: r
            .outcome
            .parse()
            .map_err(|e: dantin_domain::string_enum::UnknownValue| {
                StoreError::Corrupt(e.to_string())
            })?,
        winner_person_id: r.winner_person_id,
        winning_round,
        arithmetic: from_json(&r.arithmetic_json)?,
        checks: from_json(&r.checks_json)?,
        approval: Confirmation::from_columns(
            r.approval_decision,
            r.approved_on,
            r.approval_warning,
        ),
    })
}

pub fn get(c: &mut Db, id: i64) -> StoreResult<CongressRecord> {
    let row = congresses::table
        .find(id)
        .select(Row::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| StoreError::not_found("congress", id))?;
    Ok(hydrate(c, vec![row])?.remove(0))
}

#[derive(Debug, Clone, Default)]
pub struct CongressFilter {
    pub cell_id: Option<i64>,
    pub term_id: Option<i64>,
    /// An officer's area (a unit id): only what lies under it.
    pub reach: Option<i64>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn list(c: &mut Db, f: &CongressFilter) -> StoreResult<Vec<CongressRecord>> {
    let mut q = congresses::table
        .select(Row::as_select())
        .order(congresses::id)
        .limit(f.limit)
        .into_boxed();
    if let Some(cell) = f.cell_id {
        q = q.filter(congresses::cell_id.eq(cell));
    }
    if let Some(t) = f.term_id {
        q = q.filter(congresses::term_id.eq(t));
    }
    if let Some(root) = f.reach {
        q = q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            &units::Scope::Subtree(root).orgs_sql("congresses.cell_id"),
        ));
    }
    if let Some(after) = f.after_id {
        q = q.filter(congresses::id.gt(after));
    }
    let rows = q.load(c)?;
    hydrate(c, rows)
}

#[derive(Debug, Clone)]
pub struct NewCongress {
    pub cell_id: i64,
    pub term_id: i64,
    pub held_on: NaiveDate,
    pub congress: Congress,
}

/// Rule 11 and the cell's own membership for a person standing in `cell_id`.
pub fn secretary_eligibility(person: &persons::Person, cell_id: i64) -> Vec<Check> {
    vec![
        eligibility::official_member(person.party_status),
        eligibility::member_of_cell(person.party_org_id == Some(cell_id)),
    ]
}

/// Records a congress: refuses an impossible or out-of-order record, naming each rule;
/// otherwise stores the outcome the domain decides.
pub fn record(c: &mut Db, actor: &Actor, new: NewCongress) -> StoreResult<CongressRecord> {
    let cell = party_orgs::get(c, new.cell_id).map_err(|_| {
        RuleViolation::new(
            "congress_cell_exists",
            format!("no party organisation has id {}", new.cell_id),
        )
    })?;
    if cell.kind != PartyOrgKind::Cell {
        return Err(RuleViolation::new(
            "congress_of_a_cell",
            format!("organisation {} is a {}", cell.id, cell.kind),
        )
        .into());
    }
    let term = terms::get(c, new.term_id).map_err(|_| {
        RuleViolation::new(
            "election_term_exists",
            format!("no term has id {}", new.term_id),
        )
    })?;
    let mut checks = congress::integrity(&new.congress);
    let mut candidates: Vec<i64> = new
        .congress
        .rounds
        .iter()
        .flatten()
        .map(|t| t.person_id)
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    for person in candidates {
        checks.extend(candidates::checks_for(c, person, |_, p| {
            Ok(secretary_eligibility(p, cell.id))
        })?);
    }
    // Rule 18: only for a village cell, whose village has a head election in the term.
    if let Some(village) = cell.unit_id {
        if rule_sets::province_of(c, village)? == term.scope_unit_id {
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
        return Err(StoreError::Rules(refused));
    }
    let rules = match cell.unit_id {
        Some(unit) => rule_sets::for_unit(c, unit)?,
        None => rule_sets::get(c, term.scope_unit_id)?.rules,
    };
    let decision = congress::decide(&new.congress, &rules);
    checks.extend(decision.checks.iter().cloned());
    let k = &new.congress;
    let id: i64 = diesel::insert_into(congresses::table)
        .values((
            congresses::cell_id.eq(new.cell_id),
            congresses::term_id.eq(new.term_id),
            congresses::held_on.eq(new.held_on),
            congresses::members_summoned.eq(k.members_summoned as i32),
            congresses::members_present.eq(k.members_present as i32),
            congresses::exclusions_json.eq(to_json(&k.exclusions)),
            congresses::committee_json.eq(k.committee.as_ref().map(to_json)),
            congresses::outcome.eq(decision.outcome.as_str()),
            congresses::winner_person_id.eq(decision.winner),
            congresses::arithmetic_json.eq(to_json(&decision.arithmetic)),
            congresses::checks_json.eq(checks_json(&checks)),
            congresses::created_at.eq(version::now()),
        ))
        .returning(congresses::id)
        .get_result(c)?;
    let rows: Vec<_> = k
        .rounds
        .iter()
        .enumerate()
        .flat_map(|(i, round)| {
            round.iter().map(move |t: &Tally| {
                (
                    congress_candidates::congress_id.eq(id),
                    congress_candidates::round.eq(i as i32 + 1),
                    congress_candidates::person_id.eq(t.person_id),
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
    let stored = get(c, id)?;
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "congress.record",
            entity_type: "congress",
            entity_id: Some(id),
            before: None,
            after: Some(&stored),
        },
    )?;
    Ok(stored)
}

/// Records the superior committee's approval and starts the secretary's tenure on its
/// date, ending the previous secretary's. Late decisions are kept, with a warning.
pub fn approve(
    c: &mut Db,
    actor: &Actor,
    id: i64,
    decision: String,
    on: NaiveDate,
) -> StoreResult<CongressRecord> {
    let before = get(c, id)?;
    let (winner, warning) = confirmation::check(
        &confirmation::Names {
            already: "already_approved",
            needs_winner: "approval_needs_winner",
            after_election: "approval_after_congress",
        },
        &confirmation::Decision {
            already_confirmed: before.approval.is_some(),
            outcome: before.outcome,
            winner: before.winner_person_id,
            held_on: before.held_on,
            on,
            timely: deadline::approval_in_time,
        },
    )?;
    diesel::update(congresses::table.find(id))
        .set((
            congresses::approval_decision.eq(&decision),
            congresses::approved_on.eq(on),
            congresses::approval_warning.eq(&warning),
        ))
        .execute(c)?;
    confirmation::start_tenure(
        c,
        actor,
        confirmation::Tenure {
            post: Post::CellSecretary,
            seat: Seat::PartyOrg(before.cell_id),
            source: confirmation::Source::Congress(id),
        },
        winner,
        on,
        decision,
    )?;
    let after = get(c, id)?;
    audit::append(
        c,
        actor,
        Change {
            action: "congress.approve",
            entity_type: "congress",
            entity_id: Some(id),
            before: Some(&before),
            after: Some(&after),
        },
    )?;
    Ok(after)
}
