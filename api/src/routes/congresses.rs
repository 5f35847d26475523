//! `/api/v1/congresses`: the cell congress that elects the secretary.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::congress::{Congress, CongressArithmetic, Exclusions};
use dantin_domain::head_election::Outcome;
use dantin_domain::{CongressId, PartyOrgId, PersonId, TermId};
use dantin_usecases::congresses::{self, CongressFilter, CongressRecord, NewCongress};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

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

/// One ballot form, not both, and no count beyond `MAX_COUNT` in any round.
fn one_ballot_form(b: &NewCongressIn) -> Result<(), ValidationError> {
    if b.candidates.is_some() == b.rounds.is_some() {
        let mut e = ValidationError::new("one_of");
        e.message =
            Some("give either `candidates` (one ballot) or `rounds` (ballots in order)".into());
        e.add_param(
            "vi".into(),
            &"Ghi `candidates` (một lần bỏ phiếu) hoặc `rounds` (các lần bỏ phiếu theo thứ tự), \
              không ghi cả hai.",
        );
        return Err(e);
    }
    if b.rounds
        .iter()
        .flatten()
        .flatten()
        .any(|t| t.votes > MAX_COUNT)
    {
        let mut e = ValidationError::new("range");
        e.message = Some(format!("no candidate can have more than {MAX_COUNT} votes").into());
        e.add_param(
            "vi".into(),
            &format!("Không người ứng cử nào được quá {MAX_COUNT} phiếu."),
        );
        return Err(e);
    }
    Ok(())
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "one_ballot_form", skip_on_field_errors = false))]
#[schema(example = json!({
    "cell_id": 16, "term_id": 2, "held_on": "2020-01-18",
    "members_summoned": 7, "members_present": 7,
    "candidates": [{"person_id": 4, "votes": 7}]
}))]
pub struct NewCongressIn {
    pub cell_id: PartyOrgId,
    pub term_id: TermId,
    #[serde(deserialize_with = "input::day")]
    pub held_on: NaiveDate,
    /// Official members summoned.
    #[validate(range(max = MAX_COUNT))]
    pub members_summoned: u32,
    #[validate(range(max = MAX_COUNT))]
    pub members_present: u32,
    /// Members left out of the majority base (rule 13).
    #[serde(default)]
    pub exclusions: Exclusions,
    /// The cell committee elected first: 1 to 7 members when the cell has 9 or more
    /// official members, absent otherwise (`cell_committee_required`).
    #[validate(length(max = 50))]
    pub committee: Option<Vec<PersonId>>,
    /// The secretary ballot, when there was one.
    #[validate(length(max = 50), nested)]
    pub candidates: Option<Vec<CandidateVotes>>,
    /// The secretary ballots in order, when there were several: at most three
    /// (`rounds_at_most_three`), each naming a candidate (`candidate_required`).
    #[validate(length(max = 50))]
    pub rounds: Option<Vec<Vec<CandidateVotes>>>,
}

impl From<NewCongressIn> for NewCongress {
    fn from(b: NewCongressIn) -> Self {
        let rounds = match (b.candidates, b.rounds) {
            (Some(one), _) => vec![one],
            (None, Some(many)) => many,
            (None, None) => Vec::new(),
        };
        NewCongress {
            cell_id: b.cell_id,
            term_id: b.term_id,
            held_on: b.held_on,
            congress: Congress {
                members_summoned: b.members_summoned,
                exclusions: b.exclusions,
                members_present: b.members_present,
                committee: b.committee,
                rounds: rounds
                    .into_iter()
                    .map(|r| r.into_iter().map(Into::into).collect())
                    .collect(),
            },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CongressOut {
    pub id: CongressId,
    pub cell_id: PartyOrgId,
    pub term_id: TermId,
    pub held_on: NaiveDate,
    pub members_summoned: u32,
    pub members_present: u32,
    pub exclusions: Exclusions,
    pub committee: Option<Vec<PersonId>>,
    /// The secretary ballots in order.
    pub rounds: Vec<Vec<CandidateVotes>>,
    pub outcome: Outcome,
    pub winner_person_id: Option<PersonId>,
    /// The ballot (1-based) that elected.
    pub winning_round: Option<u32>,
    pub arithmetic: CongressArithmetic,
    pub checks: Vec<CheckOut>,
    /// The superior committee's approval, once recorded: it starts the secretary's tenure.
    pub approval: Option<DecisionOut>,
}

impl From<CongressRecord> for CongressOut {
    fn from(k: CongressRecord) -> Self {
        Self {
            id: k.id,
            cell_id: k.cell_id,
            term_id: k.term_id,
            held_on: k.held_on,
            members_summoned: k.members_summoned,
            members_present: k.members_present,
            exclusions: k.exclusions,
            committee: k.committee,
            rounds: k
                .rounds
                .into_iter()
                .map(|r| r.into_iter().map(Into::into).collect())
                .collect(),
            outcome: k.outcome,
            winner_person_id: k.winner_person_id,
            winning_round: k.winning_round,
            arithmetic: k.arithmetic,
            checks: k.checks.into_iter().map(Into::into).collect(),
            approval: k.approval.map(Into::into),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CongressListQuery {
    pub cell: Option<PartyOrgId>,
    pub term: Option<TermId>,
    /// As of this day: the congresses held by then, each with its `approval` only if
    /// decided by then. Absent: every one, as recorded now.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-01-07")]
    pub on: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List cell congresses
#[utoipa::path(
    operation_id = "listCongresses",
    tag = "elections",
    params(CongressListQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of congresses", body = Page<CongressOut>), AuthErrors, CommonErrors)
)]
#[get("/congresses")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<CongressListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let filter = CongressFilter {
        cell_id: q.cell,
        term_id: q.term,
        on: q.on,
        ..Default::default()
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| congresses::list(s, &user.caller, filter, w),
        |k| k.id.get(),
        CongressOut::from,
    )
    .await
}

/// Get a cell congress
#[utoipa::path(
    operation_id = "getCongress",
    tag = "elections",
    params(("id" = i64, Path, description = "The congress's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The congress", body = CongressOut), AuthErrors, NotFoundError, CommonErrors)
)]
#[get("/congresses/{id}")]
pub async fn get(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<CongressId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let k = run(store, move |s| congresses::get(s, &user.caller, id)).await?;
    Ok(HttpResponse::Ok().json(CongressOut::from(k)))
}

/// Record a cell congress
///
/// Only official members stand; a cell of 9 or more official members elects a committee
/// first and the secretary from it; up to three ballots, after which the superior
/// committee designates. Under a unified-model term, a congress held before the same
/// village's head election has a winner is refused with `head_election_before_congress`.
/// The answer carries the outcome, the arithmetic and every check. Where the province's
/// rules ask for double entry (`double_entry`), a congress is typed twice at
/// `/minute-entries` instead: this is 422 `double_entry_required` there.
#[utoipa::path(
    operation_id = "createCongress",
    tag = "elections",
    request_body = NewCongressIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded, with its outcome", body = CongressOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/congresses")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewCongressIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(recorded);
    let k = run(store, move |s| {
        let new = NewCongress::from(b);
        congresses::record(s, &caller, new)
    })
    .await?;
    Ok(recorded(k))
}

/// Record the superior committee's approval
///
/// The superior committee approves (chuẩn y) the elected secretary, within 15 working
/// days (later, the answer carries a warning). The secretary's tenure starts on the
/// decision's date and the previous secretary's ends.
#[utoipa::path(
    operation_id = "approveCongress",
    tag = "elections",
    params(("id" = i64, Path, description = "The congress's id")),
    request_body = DecisionIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Approved", body = CongressOut),
        AuthErrors, NotFoundError, WriteErrors, CommonErrors
    )
)]
#[post("/congresses/{id}/approval")]
pub async fn approve(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<CongressId>,
    body: Json<DecisionIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let caller = user.keeping(answered);
    let k = run(store, move |s| {
        congresses::approve(s, &caller, id, b.decision, b.decided_on)
    })
    .await?;
    Ok(answered(k))
}

/// 201 with a recorded congress, and where to read it.
fn recorded(k: CongressRecord) -> HttpResponse {
    etag::located(
        format!("/api/v1/congresses/{}", k.id),
        &CongressOut::from(k),
    )
}

/// 200 with the congress as it now stands.
fn answered(k: CongressRecord) -> HttpResponse {
    HttpResponse::Ok().json(CongressOut::from(k))
}
