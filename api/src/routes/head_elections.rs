//! `/api/v1/head-elections`: the residents' election of a village head.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::head_election::{Arithmetic, Meeting, Outcome, VotingMethod};
use dantin_domain::{HeadElectionId, PersonId, TermId, UnitId};
use dantin_usecases::head_elections::{self, HeadElection, HeadElectionFilter, NewHeadElection};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::ballot::{CandidateVotes, MAX_COUNT};
use super::check::CheckOut;
use super::decision::{DecisionIn, DecisionOut};
use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, WriteErrors};
use crate::etag;
use crate::extract::Json;
use crate::input;
use crate::pagination::{self, Page};

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "village_id": 10, "term_id": 2, "held_on": "2020-01-05",
    "households_total": 158, "households_present": 142, "method": "secret_ballot",
    "candidates": [{"person_id": 4, "votes": 131}], "election_team": [7, 8]
}))]
pub struct NewHeadElectionIn {
    pub village_id: UnitId,
    pub term_id: TermId,
    #[serde(deserialize_with = "input::day")]
    pub held_on: NaiveDate,
    /// Household representatives of the whole village (one per household).
    #[validate(range(max = MAX_COUNT))]
    pub households_total: u32,
    /// Representatives present; with `household_ballot`, the ballots returned.
    #[validate(range(max = MAX_COUNT))]
    pub households_present: u32,
    /// `show_of_hands` or `secret_ballot` as the meeting chose; `household_ballot` when
    /// the meeting had no quorum and ballots went to each household.
    pub method: VotingMethod,
    /// At least one (rule 4: `candidate_required`).
    #[validate(length(max = 50), nested)]
    pub candidates: Vec<CandidateVotes>,
    /// Persons on the election team, who may not stand.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub election_team: Vec<PersonId>,
}

impl From<NewHeadElectionIn> for NewHeadElection {
    fn from(b: NewHeadElectionIn) -> Self {
        NewHeadElection {
            village_id: b.village_id,
            term_id: b.term_id,
            held_on: b.held_on,
            meeting: Meeting {
                households_total: b.households_total,
                households_present: b.households_present,
                method: b.method,
                candidates: b.candidates.into_iter().map(Into::into).collect(),
            },
            election_team: b.election_team,
        }
    }
}

/// A head election as recorded, with the outcome the service computed and why.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeadElectionOut {
    pub id: HeadElectionId,
    pub village_id: UnitId,
    pub term_id: TermId,
    pub held_on: NaiveDate,
    pub households_total: u32,
    pub households_present: u32,
    pub method: VotingMethod,
    pub election_team: Vec<PersonId>,
    pub candidates: Vec<CandidateVotes>,
    pub outcome: Outcome,
    pub winner_person_id: Option<PersonId>,
    pub arithmetic: Arithmetic,
    /// Every rule applied: integrity, eligibility, quorum, majority.
    pub checks: Vec<CheckOut>,
    /// The commune's recognition, once recorded: it starts the head's tenure.
    pub recognition: Option<DecisionOut>,
}

impl From<HeadElection> for HeadElectionOut {
    fn from(e: HeadElection) -> Self {
        Self {
            id: e.id,
            village_id: e.village_id,
            term_id: e.term_id,
            held_on: e.held_on,
            households_total: e.households_total,
            households_present: e.households_present,
            method: e.method,
            election_team: e.election_team,
            candidates: e.candidates.into_iter().map(Into::into).collect(),
            outcome: e.outcome,
            winner_person_id: e.winner_person_id,
            arithmetic: e.arithmetic,
            checks: e.checks.into_iter().map(Into::into).collect(),
            recognition: e.recognition.map(Into::into),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HeadElectionListQuery {
    pub village: Option<UnitId>,
    pub term: Option<TermId>,
    /// As of this day: the head elections held by then, each with its `recognition` only if
    /// decided by then. Absent: every one, as recorded now.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-01-07")]
    pub on: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List head elections
///
/// Re-runs in the same term are kept: each is its own record.
#[utoipa::path(
    operation_id = "listHeadElections",
    tag = "elections",
    params(HeadElectionListQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of head elections", body = Page<HeadElectionOut>), AuthErrors, CommonErrors)
)]
#[get("/head-elections")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<HeadElectionListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let filter = HeadElectionFilter {
        village_id: q.village,
        term_id: q.term,
        on: q.on,
        ..Default::default()
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| head_elections::list(s, &user.caller, filter, w),
        |e| e.id.get(),
        HeadElectionOut::from,
    )
    .await
}

/// Get a head election
#[utoipa::path(
    operation_id = "getHeadElection",
    tag = "elections",
    params(("id" = i64, Path, description = "The election's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The election", body = HeadElectionOut), AuthErrors, NotFoundError, CommonErrors)
)]
#[get("/head-elections/{id}")]
pub async fn get(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<HeadElectionId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let e = run(store, move |s| head_elections::get(s, &user.caller, id)).await?;
    Ok(HttpResponse::Ok().json(HeadElectionOut::from(e)))
}

/// Record a head election
///
/// The service computes the outcome (`elected`, `no_winner`, `no_quorum`), the winner and
/// the arithmetic, and answers with every check it ran. Impossible numbers (votes beyond
/// those present, present beyond the total, a candidate twice) and ineligible candidates
/// (under 21 on the day, not living in the village, on the election team, heading
/// another village) are refused with 422 naming each rule. Where the province's rules ask
/// for double entry (`double_entry`), a result is typed twice at `/minute-entries` instead:
/// this is 422 `double_entry_required` there.
#[utoipa::path(
    operation_id = "createHeadElection",
    tag = "elections",
    request_body = NewHeadElectionIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded, with its outcome", body = HeadElectionOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/head-elections")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewHeadElectionIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(recorded);
    let e = run(store, move |s| {
        let new = NewHeadElection::from(b);
        head_elections::record(s, &caller, new)
    })
    .await?;
    Ok(recorded(e))
}

/// Record the commune's recognition
///
/// The commune People's Committee recognises the elected head (within 5 working days of
/// the meeting; later, the answer carries a warning). The head's tenure starts on the
/// decision's date and the previous head's ends.
#[utoipa::path(
    operation_id = "recognizeHeadElection",
    tag = "elections",
    params(("id" = i64, Path, description = "The election's id")),
    request_body = DecisionIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recognised", body = HeadElectionOut),
        AuthErrors, NotFoundError, WriteErrors, CommonErrors
    )
)]
#[post("/head-elections/{id}/recognition")]
pub async fn recognize(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<HeadElectionId>,
    body: Json<DecisionIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let caller = user.keeping(answered);
    let e = run(store, move |s| {
        head_elections::recognize(s, &caller, id, b.decision, b.decided_on)
    })
    .await?;
    Ok(answered(e))
}

/// 201 with a recorded election, and where to read it.
fn recorded(e: HeadElection) -> HttpResponse {
    etag::located(
        format!("/api/v1/head-elections/{}", e.id),
        &HeadElectionOut::from(e),
    )
}

/// 200 with the election as it now stands.
fn answered(e: HeadElection) -> HttpResponse {
    HttpResponse::Ok().json(HeadElectionOut::from(e))
}
