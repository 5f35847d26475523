//! `/api/v1/minute-entries`: head elections and congresses typed twice from their paper
//! minutes (rule 23), compared field by field, and settled by a coordinator when they
//! differ. Private: the area's officers, admins and auditors.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use dantin_domain::double_entry::{EntryState, MinuteKind, Resolution};
use dantin_domain::{CongressId, HeadElectionId, MinuteEntryId, Rule, UnitId};
use dantin_usecases::minute_entries::{
    self, Minute, MinuteEntry, MinuteEntryFilter, Settlement, Typed,
};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationErrors};

use super::congresses::NewCongressIn;
use super::head_elections::NewHeadElectionIn;
use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, WriteErrors};
use crate::etag;
use crate::extract::Json;
use crate::pagination::{self, Page};

/// The minute as typed: a head election's or a congress's, with the fields their single
/// records take.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MinuteIn {
    HeadElection(NewHeadElectionIn),
    Congress(NewCongressIn),
}

/// One entry of a minute.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "minute": {"head_election": {
        "village_id": 10, "term_id": 2, "held_on": "2020-01-05",
        "households_total": 158, "households_present": 142, "method": "secret_ballot",
        "candidates": [{"person_id": 4, "votes": 131}]
    }},
    "acknowledged": []
}))]
pub struct EntryIn {
    pub minute: MinuteIn,
    /// The warnings the typist checked against the paper and keeps (`full_turnout`,
    /// `unanimous_winner`); an entry with a warning not listed is refused
    /// (`entry_warnings_acknowledged`).
    #[serde(default)]
    pub acknowledged: Vec<Rule>,
}

impl Validate for EntryIn {
    fn validate(&self) -> Result<(), ValidationErrors> {
        match &self.minute {
            MinuteIn::HeadElection(e) => e.validate(),
            MinuteIn::Congress(k) => k.validate(),
        }
    }
}

impl From<EntryIn> for Typed {
    fn from(b: EntryIn) -> Self {
        Typed {
            minute: match b.minute {
                MinuteIn::HeadElection(e) => Minute::HeadElection(e.into()),
                MinuteIn::Congress(k) => Minute::Congress(k.into()),
            },
            acknowledged: b.acknowledged,
        }
    }
}

/// A coordinator's resolution of two entries that differ.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"resolution": "keep_second"}))]
pub struct ResolutionIn {
    /// `keep_first`, `keep_second`, `correct` (with `correction`, read from the paper) or
    /// `discard_both` (the minute is typed twice again, as a new one).
    pub resolution: Resolution,
    /// The coordinator's own entry, with `correct` only (`resolution_correction`).
    pub correction: Option<EntryIn>,
}

impl Validate for ResolutionIn {
    fn validate(&self) -> Result<(), ValidationErrors> {
        self.correction.as_ref().map_or(Ok(()), Validate::validate)
    }
}

/// One entry as kept: what was typed and by whom.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryOut {
    /// The minute's fields as typed (a congress's ballots as `rounds`). While the minute
    /// waits for its second entry, typed blind, `null` to all but the first entry's typist
    /// and those who coordinate.
    #[schema(value_type = Option<Object>)]
    pub minute: Value,
    /// The account that typed it.
    pub by: String,
}

/// A minute typed twice, where its entries stand, and its result once definitive.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "kind": "head_election", "unit_id": 10, "state": "different",
    "first": {"by": "nhaplieu1", "minute": {"village_id": 10, "households_present": 142}},
    "second": {"by": "nhaplieu2", "minute": {"village_id": 10, "households_present": 124}},
    "differences": ["households_present"], "resolution": null, "resolved_by": null,
    "correction": null, "head_election_id": null, "congress_id": null,
    "entered_at": "2026-12-04T03:00:00Z", "updated_at": "2026-12-04T03:10:00Z"
}))]
pub struct MinuteEntryOut {
    pub id: MinuteEntryId,
    pub kind: MinuteKind,
    /// The village, or the unit of the congress's cell.
    pub unit_id: Option<UnitId>,
    /// `first_entered`, `different`, `definitive` or `discarded`.
    pub state: EntryState,
    pub first: EntryOut,
    pub second: Option<EntryOut>,
    /// The fields in which the two entries differ, by path (`candidates[0].votes`).
    pub differences: Vec<String>,
    pub resolution: Option<Resolution>,
    /// The coordinator who settled the entries.
    pub resolved_by: Option<String>,
    /// The coordinator's own entry, with `correct`.
    pub correction: Option<EntryOut>,
    /// The head election recorded once definitive.
    pub head_election_id: Option<HeadElectionId>,
    /// The congress recorded once definitive.
    pub congress_id: Option<CongressId>,
    pub entered_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<minute_entries::Entry> for EntryOut {
    fn from(e: minute_entries::Entry) -> Self {
        Self {
            minute: e.minute,
            by: e.by,
        }
    }
}

impl From<MinuteEntry> for MinuteEntryOut {
    fn from(e: MinuteEntry) -> Self {
        Self {
            id: e.id,
            kind: e.kind,
            unit_id: e.unit_id,
            state: e.state,
            first: e.first.into(),
            second: e.second.map(Into::into),
            differences: e.differences,
            resolution: e.resolution,
            resolved_by: e.resolved_by,
            correction: e.correction.map(Into::into),
            head_election_id: e.head_election_id,
            congress_id: e.congress_id,
            entered_at: e.created_at.and_utc(),
            updated_at: e.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MinuteEntryListQuery {
    pub kind: Option<MinuteKind>,
    pub state: Option<EntryState>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// Type a minute's first entry
///
/// A head election or a congress, as its paper minute says, by an account of its area.
/// Errors (impossible numbers) refuse the entry with 422 naming each rule; warnings
/// (`full_turnout`, `unanimous_winner`) refuse it unless listed in `acknowledged`. Nothing
/// counts yet: the minute waits for its second entry by another account. Where the
/// province's rules set `double_entry`, this is the only way a result is recorded.
#[utoipa::path(
    operation_id = "createMinuteEntry",
    tag = "elections",
    request_body = EntryIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The first entry, kept", body = MinuteEntryOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/minute-entries")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<EntryIn>,
) -> Result<HttpResponse, ApiError> {
    let typed = Typed::from(body.0);
    let caller = user.keeping(entered);
    let e = run(store, move |s| {
        minute_entries::enter_first(s, &caller, typed)
    })
    .await?;
    Ok(entered(e))
}

/// Type a minute's second entry
///
/// By another account than the first (`second_entry_by_another`), of the same village's
/// or cell's minute (`entry_same_record`), typed without seeing the first. Equal entries
/// make the minute `definitive`: its head election or congress is recorded, with every rule
/// of a single record, and named in the answer. Different ones make it `different`, with
/// the fields that differ, for a coordinator. A minute not waiting for a second entry is
/// 409 (`entry_state`).
#[utoipa::path(
    operation_id = "secondMinuteEntry",
    tag = "elections",
    params(("id" = i64, Path, description = "The minute's id")),
    request_body = EntryIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Compared: definitive or different", body = MinuteEntryOut),
        AuthErrors, NotFoundError, WriteErrors, CommonErrors
    )
)]
#[post("/minute-entries/{id}/second")]
pub async fn second(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<MinuteEntryId>,
    body: Json<EntryIn>,
) -> Result<HttpResponse, ApiError> {
    let (id, typed) = (id.into_inner(), Typed::from(body.0));
    let caller = user.keeping(answered);
    let e = run(store, move |s| {
        minute_entries::enter_second(s, &caller, id, typed)
    })
    .await?;
    Ok(answered(e))
}

/// Settle two entries that differ
///
/// By an admin, or an officer of the area with the `coordinator` capability (else 403):
/// keep the first or the second, correct both with an entry of one's own, or discard both.
/// Kept or corrected, the minute is `definitive` and its result recorded; discarded, it is
/// typed twice again as a new minute. A minute whose entries do not differ is 409
/// (`entry_state`).
#[utoipa::path(
    operation_id = "resolveMinuteEntry",
    tag = "elections",
    params(("id" = i64, Path, description = "The minute's id")),
    request_body = ResolutionIn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Settled: definitive or discarded", body = MinuteEntryOut),
        AuthErrors, NotFoundError, WriteErrors, CommonErrors
    )
)]
#[post("/minute-entries/{id}/resolution")]
pub async fn resolve(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<MinuteEntryId>,
    body: Json<ResolutionIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let settlement = Settlement {
        resolution: body.0.resolution,
        correction: body.0.correction.map(Into::into),
    };
    let caller = user.keeping(answered);
    let e = run(store, move |s| {
        minute_entries::resolve(s, &caller, id, settlement)
    })
    .await?;
    Ok(answered(e))
}

/// List minutes typed twice
///
/// In the caller's area, in the order their first entries were typed; `state=different`
/// is a coordinator's work list.
#[utoipa::path(
    operation_id = "listMinuteEntries",
    tag = "elections",
    params(MinuteEntryListQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of minutes", body = Page<MinuteEntryOut>), AuthErrors, CommonErrors)
)]
#[get("/minute-entries")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<MinuteEntryListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let filter = MinuteEntryFilter {
        kind: q.kind,
        state: q.state,
        area: None,
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| minute_entries::list(s, &user.caller, filter, w),
        |e| e.id.get(),
        MinuteEntryOut::from,
    )
    .await
}

/// Get a minute typed twice
#[utoipa::path(
    operation_id = "getMinuteEntry",
    tag = "elections",
    params(("id" = i64, Path, description = "The minute's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The minute and its entries", body = MinuteEntryOut), AuthErrors, NotFoundError, CommonErrors)
)]
#[get("/minute-entries/{id}")]
pub async fn get(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<MinuteEntryId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let e = run(store, move |s| minute_entries::get(s, &user.caller, id)).await?;
    Ok(HttpResponse::Ok().json(MinuteEntryOut::from(e)))
}

/// 201 with a new minute, and where to read it.
fn entered(e: MinuteEntry) -> HttpResponse {
    etag::located(
        format!("/api/v1/minute-entries/{}", e.id),
        &MinuteEntryOut::from(e),
    )
}

/// 200 with the minute as it now stands.
fn answered(e: MinuteEntry) -> HttpResponse {
    HttpResponse::Ok().json(MinuteEntryOut::from(e))
}
