//! `/api/v1/cell-meetings`: the meetings a cell holds (rules 24-25) and the upper-level
//! cadres who attend them (rule 26).

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::cell_meeting::{Meeting, MeetingKind};
use dantin_domain::{CellMeetingId, PartyOrgId, PersonId};
use dantin_usecases::cell_meetings::{self, CellMeetingFilter, CellMeetingRecord, NewMeeting};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::ballot::MAX_COUNT;
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
    "cell_id": 16, "held_on": "2025-03-05", "kind": "thematic",
    "topic": "Phát triển kinh tế đồi rừng", "members_summoned": 31, "members_present": 29,
    "cadres": [41]
}))]
pub struct NewCellMeetingIn {
    pub cell_id: PartyOrgId,
    #[serde(deserialize_with = "input::day")]
    pub held_on: NaiveDate,
    pub kind: MeetingKind,
    /// A thematic meeting's topic; absent for a regular one (`meeting_topic`).
    #[serde(default, deserialize_with = "input::name_opt")]
    #[validate(length(min = 1, max = 200))]
    pub topic: Option<String>,
    /// Official members summoned, and those present (`present_within_summoned`).
    #[validate(range(max = MAX_COUNT))]
    pub members_summoned: u32,
    #[validate(range(max = MAX_COUNT))]
    pub members_present: u32,
    /// The upper-level cadres who attended: persons the caller may know of, or cadres
    /// assigned to this cell on the day (`cadre_exists`), each once (`cadre_listed_once`).
    #[serde(default)]
    #[validate(length(max = 50))]
    pub cadres: Vec<PersonId>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 7, "cell_id": 16, "held_on": "2025-03-05", "kind": "thematic",
    "topic": "Phát triển kinh tế đồi rừng", "members_summoned": 31, "members_present": 29,
    "cadres": [41]
}))]
pub struct CellMeetingOut {
    pub id: CellMeetingId,
    pub cell_id: PartyOrgId,
    pub held_on: NaiveDate,
    pub kind: MeetingKind,
    pub topic: Option<String>,
    pub members_summoned: u32,
    pub members_present: u32,
    pub cadres: Vec<PersonId>,
}

impl From<CellMeetingRecord> for CellMeetingOut {
    fn from(m: CellMeetingRecord) -> Self {
        Self {
            id: m.id,
            cell_id: m.cell_id,
            held_on: m.held_on,
            kind: m.meeting.kind,
            topic: m.meeting.topic,
            members_summoned: m.meeting.members_summoned,
            members_present: m.meeting.members_present,
            cadres: m.meeting.cadres,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CellMeetingListQuery {
    pub cell: Option<PartyOrgId>,
    /// Held on or after this day.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2025-01-01")]
    pub from: Option<NaiveDate>,
    /// Held on or before this day.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2025-12-31")]
    pub to: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List cell meetings
///
/// An officer's list holds the meetings of its area's cells.
#[utoipa::path(
    operation_id = "listCellMeetings",
    tag = "cells",
    params(CellMeetingListQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of meetings", body = Page<CellMeetingOut>), AuthErrors, CommonErrors)
)]
#[get("/cell-meetings")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<CellMeetingListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let filter = CellMeetingFilter {
        cell_id: q.cell,
        from: q.from,
        to: q.to,
        ..Default::default()
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| cell_meetings::list(s, &user.caller, filter, w),
        |m| m.id.get(),
        CellMeetingOut::from,
    )
    .await
}

/// Get a cell meeting
#[utoipa::path(
    operation_id = "getCellMeeting",
    tag = "cells",
    params(("id" = i64, Path, description = "The meeting's id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The meeting", body = CellMeetingOut), AuthErrors, NotFoundError, CommonErrors)
)]
#[get("/cell-meetings/{id}")]
pub async fn get(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<CellMeetingId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let m = run(store, move |s| cell_meetings::get(s, &user.caller, id)).await?;
    Ok(HttpResponse::Ok().json(CellMeetingOut::from(m)))
}

/// Record a cell meeting
///
/// A cell of the caller's area, in force on the day, records a meeting from its minute:
/// regular (the month's, rule 24) or thematic with its topic (rule 25), the official
/// members summoned and present, and the upper-level cadres who attended (rule 26).
#[utoipa::path(
    operation_id = "createCellMeeting",
    tag = "cells",
    request_body = NewCellMeetingIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = CellMeetingOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/cell-meetings")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewCellMeetingIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(recorded);
    let m = run(store, move |s| {
        let new = NewMeeting {
            cell_id: b.cell_id,
            held_on: b.held_on,
            meeting: Meeting {
                kind: b.kind,
                topic: b.topic,
                members_summoned: b.members_summoned,
                members_present: b.members_present,
                cadres: b.cadres,
            },
        };
        cell_meetings::record(s, &caller, new)
    })
    .await?;
    Ok(recorded(m))
}

/// 201 with a recorded meeting, and where to read it.
fn recorded(m: CellMeetingRecord) -> HttpResponse {
    etag::located(
        format!("/api/v1/cell-meetings/{}", m.id),
        &CellMeetingOut::from(m),
    )
}
