//! Village head elections: the meeting as recorded, the outcome the domain decided, and
//! the commune's recognition that starts the tenure.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::appointment::Post;
use dantin_domain::check::{failures, Check};
use dantin_domain::head_election::{self, Arithmetic, Meeting, Outcome, Tally, VotingMethod};
use dantin_domain::unit::UnitLevel;
use dantin_domain::RuleViolation;
use dantin_domain::{deadline, eligibility};
use diesel::prelude::*;
use serde::Serialize;

use crate::appointments::{self, Seat};
use crate::audit::{self, Actor, Change};
use crate::confirmation::Confirmation;
use crate::db::{on_backend, Db};
use crate::error::{StoreError, StoreResult};
use crate::schema::{head_election_candidates, head_elections};
use crate::stored::{checks_json, from_json, to_json, CheckRecord};
use crate::{candidates, confirmation, persons, rule_sets, terms, units, version};

/// A head election as stored, with its candidates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadElection {
    pub id: i64,
    pub village_id: i64,
    pub term_id: i64,
    pub held_on: NaiveDate,
    pub households_total: u32,
    pub households_present: u32,
    pub method: VotingMethod,
    pub election_team: Vec<i64>,
    pub candidates: Vec<(i64, u32)>,
    pub outcome: Outcome,
    pub winner_person_id: Option<i64>,
    pub arithmetic: Arithmetic,
    pub checks: Vec<CheckRecord>,
    /// The commune People's Committee's decision that makes the result take effect
    /// (rule 6).
    pub recognition: Option<Confirmation>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = head_elections)]
struct Row {
    id: i64,
    village_id: i64,
    term_id: i64,
    held_on: NaiveDate,
    households_total: i32,
    households_present: i32,
    method: String,
    election_team_json: String,
    outcome: String,
    winner_person_id: Option<i64>,
    arithmetic_json: String,
    checks_json: String,
    recognition_decision: Option<String>,
    recognized_on: Option<NaiveDate>,
    recognition_warning: Option<String>,
    #[allow(dead_code)]
    created_at: NaiveDateTime,
}

fn corrupt(e: impl ToString) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

/// Elections with their candidates, read for all the rows in one statement.
fn hydrate(c: &mut Db, rows: Vec<Row>) -> StoreResult<Vec<HeadElection>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let tallies: Vec<(i64, i64, i32)> = head_election_candidates::table
        .filter(head_election_candidates::election_id.eq_any(&ids))
        .select((
            head_election_candidates::election_id,
            head_election_candidates::person_id,
            head_election_candidates::votes,
        ))
        .order(head_election_candidates::votes.desc())
        .load(c)?;
    let mut candidates_of: HashMap<i64, Vec<(i64, i32)>> = HashMap::new();
    for (election, person, votes) in tallies {
        candidates_of
            .entry(election)
            .or_default()
            .push((person, votes));
    }
    rows.into_iter()
        .map(|r| {
            let candidates = candidates_of.remove(&r.id).unwrap_or_default();
            build(r, candidates)
        })
        .collect()
}

fn build(r: Row, candidates: Vec<(i64, i32)>) -> StoreResult<HeadElection> {
    Ok(HeadElection {
        id: r.id,
        village_id: r.village_id,
        term_id: r.term_id,
        held_on: r.held_on,
        households_total: r.households_total as u32,
        households_present: r.households_present as u32,
        method: r.method.parse().map_err(corrupt)?,
        election_team: from_json(&r.election_team_json)?,
        candidates: candidates.into_iter().map(|(p, v)| (p, v as u32)).collect(),
        outcome: r.outcome.parse().map_err(corrupt)?,
        winner_person_id: r.winner_person_id,
        arithmetic: from_json(&r.arithmetic_json)?,
        checks: from_json(&r.checks_json)?,
        recognition: Confirmation::from_columns(
            r.recognition_decision,
            r.recognized_on,
            r.recognition_warning,
        ),
    })
}

pub fn get(c: &mut Db, id: i64) -> StoreResult<HeadElection> {
    let row = head_elections::table
        .find(id)
        .select(Row::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| StoreError::not_found("head election", id))?;
    Ok(hydrate(c, vec![row])?.remove(0))
}

#[derive(Debug, Clone, Default)]
pub struct HeadElectionFilter {
    pub village_id: Option<i64>,
    pub term_id: Option<i64>,
    /// An officer's area (a unit id): only what lies under it.
    pub reach: Option<i64>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn list(c: &mut Db, f: &HeadElectionFilter) -> StoreResult<Vec<HeadElection>> {
    let mut q = head_elections::table
        .select(Row::as_select())
        .order(head_elections::id)
        .limit(f.limit)
        .into_boxed();
    if let Some(v) = f.village_id {
        q = q.filter(head_elections::village_id.eq(v));
    }
    if let Some(t) = f.term_id {
        q = q.filter(head_elections::term_id.eq(t));
    }
    if let Some(root) = f.reach {
        q = q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
            &units::Scope::Subtree(root).sql("head_elections.village_id"),
        ));
    }
    if let Some(after) = f.after_id {
        q = q.filter(head_elections::id.gt(after));
    }
    let rows = q.load(c)?;
    hydrate(c, rows)
}

/// The first day of `term_id` on which the village's head election had a winner.
pub fn first_win(c: &mut Db, village_id: i64, term_id: i64) -> StoreResult<Option<NaiveDate>> {
    Ok(head_elections::table
        .filter(head_elections::village_id.eq(village_id))
        .filter(head_elections::term_id.eq(term_id))
        .filter(head_elections::outcome.eq(Outcome::Elected.as_str()))
        .select(diesel::dsl::min(head_elections::held_on))
        .first(c)?)
}

#[derive(Debug, Clone)]
pub struct NewHeadElection {
    pub village_id: i64,
    pub term_id: i64,
    pub held_on: NaiveDate,
    pub meeting: Meeting,
    /// The persons on the election team, who may not stand (rule 4).
    pub election_team: Vec<i64>,
}

/// Rule 7 for a person standing in `village_id` on `day`: age, residence, and no head
/// post elsewhere.
pub fn head_eligibility(
    c: &mut Db,
    person: &persons::Person,
    village_id: i64,
    day: NaiveDate,
) -> StoreResult<Vec<Check>> {
    Ok(vec![
        eligibility::min_age(person.birth_date, day),
        eligibility::residence(person.residence_unit_id == village_id),
        eligibility::no_other_head_post(appointments::heads_elsewhere(
            c, person.id, village_id, day,
        )?),
    ])
}

/// The eligibility of one candidate on the day (rule 7) and their not being on the
/// election team (rule 4).
fn candidate_checks(c: &mut Db, new: &NewHeadElection, person_id: i64) -> StoreResult<Vec<Check>> {
    candidates::checks_for(c, person_id, |c, p| {
        let on_team = new.election_team.contains(&person_id);
        let mut checks = head_eligibility(c, p, new.village_id, new.held_on)?;
        checks.push(Check::new(
            "candidate_not_on_election_team",
            !on_team,
            "Thông tư 04/2012/TT-BNV Art. 5",
            if on_team {
                "is on the election team"
            } else {
                "is not on the election team"
            },
        ));
        Ok(checks)
    })
}

/// Checks that the village and term fit together: a village, under the term's province.
pub(crate) fn check_village_term(
    c: &mut Db,
    village_id: i64,
    term_id: i64,
) -> StoreResult<terms::Term> {
    let village = units::get(c, village_id).map_err(|_| {
        RuleViolation::new(
            "election_unit_exists",
            format!("no unit has id {village_id}"),
        )
    })?;
    if village.level != UnitLevel::Village {
        return Err(RuleViolation::new(
            "election_unit_is_village",
            format!("unit {village_id} is a {}", village.level),
        )
        .into());
    }
    let term = terms::get(c, term_id).map_err(|_| {
        RuleViolation::new("election_term_exists", format!("no term has id {term_id}"))
    })?;
    if rule_sets::province_of(c, village_id)? != term.scope_unit_id {
        return Err(RuleViolation::new(
            "election_term_of_province",
            format!("term {term_id} is another province's calendar"),
        )
        .into());
    }
    Ok(term)
}

/// Records a meeting: refuses impossible numbers and ineligible candidates, naming each
/// rule; otherwise stores the outcome the domain decides. Re-runs are further records.
pub fn record(c: &mut Db, actor: &Actor, new: NewHeadElection) -> StoreResult<HeadElection> {
    check_village_term(c, new.village_id, new.term_id)?;
    let mut checks = head_election::integrity(&new.meeting);
    for t in &new.meeting.candidates {
        checks.extend(candidate_checks(c, &new, t.person_id)?);
    }
    let refused = failures(&checks);
    if !refused.0.is_empty() {
        return Err(StoreError::Rules(refused));
    }
    let rules = rule_sets::for_unit(c, new.village_id)?;
    let decision = head_election::decide(&new.meeting, &rules);
    checks.extend(decision.checks.iter().cloned());
    let m = &new.meeting;
    let id: i64 = diesel::insert_into(head_elections::table)
        .values((
            head_elections::village_id.eq(new.village_id),
            head_elections::term_id.eq(new.term_id),
            head_elections::held_on.eq(new.held_on),
            head_elections::households_total.eq(m.households_total as i32),
            head_elections::households_present.eq(m.households_present as i32),
            head_elections::method.eq(m.method.as_str()),
            head_elections::election_team_json.eq(to_json(&new.election_team)),
            head_elections::outcome.eq(decision.outcome.as_str()),
            head_elections::winner_person_id.eq(decision.winner),
            head_elections::arithmetic_json.eq(to_json(&decision.arithmetic)),
            head_elections::checks_json.eq(checks_json(&checks)),
            head_elections::created_at.eq(version::now()),
        ))
        .returning(head_elections::id)
        .get_result(c)?;
    let rows: Vec<_> = m
        .candidates
        .iter()
        .map(|t: &Tally| {
            (
                head_election_candidates::election_id.eq(id),
                head_election_candidates::person_id.eq(t.person_id),
                head_election_candidates::votes.eq(t.votes as i32),
            )
        })
        .collect();
    on_backend!(c, |c| diesel::insert_into(head_election_candidates::table)
        .values(&rows)
        .execute(c))?;
    let stored = get(c, id)?;
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "head_election.record",
            entity_type: "head_election",
            entity_id: Some(id),
            before: None,
            after: Some(&stored),
        },
    )?;
    Ok(stored)
}

/// Records the commune's recognition and starts the head's tenure on its date, ending
/// the previous head's (rule 6). Late decisions are kept, with a warning.
pub fn recognize(
    c: &mut Db,
    actor: &Actor,
    id: i64,
    decision: String,
    on: NaiveDate,
) -> StoreResult<HeadElection> {
    let before = get(c, id)?;
    let (winner, warning) = confirmation::check(
        &confirmation::Names {
            already: "already_recognized",
            needs_winner: "recognition_needs_winner",
            after_election: "recognition_after_election",
        },
        &confirmation::Decision {
            already_confirmed: before.recognition.is_some(),
            outcome: before.outcome,
            winner: before.winner_person_id,
            held_on: before.held_on,
            on,
            timely: deadline::recognition_in_time,
        },
    )?;
    diesel::update(head_elections::table.find(id))
        .set((
            head_elections::recognition_decision.eq(&decision),
            head_elections::recognized_on.eq(on),
            head_elections::recognition_warning.eq(&warning),
        ))
        .execute(c)?;
    confirmation::start_tenure(
        c,
        actor,
        confirmation::Tenure {
            post: Post::VillageHead,
            seat: Seat::Unit(before.village_id),
            source: confirmation::Source::HeadElection(id),
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
            action: "head_election.recognize",
            entity_type: "head_election",
            entity_id: Some(id),
            before: Some(&before),
            after: Some(&after),
        },
    )?;
    Ok(after)
}
