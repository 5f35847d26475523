//! `/api/v1/appointments`: who holds which post, from when to when. Elections and
//! congresses create tenures; interim heads and designated secretaries are entered here.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::appointment::{Basis, EndReason, Post, Seat};
use dantin_domain::removal::EndDecision;
use dantin_domain::{AppointmentId, CongressId, HeadElectionId, PartyOrgId, PersonId, UnitId};
use dantin_usecases::appointments::{
    self, Appointment, AppointmentFilter, NewAppointment, TenureRecord,
};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, WriteErrors};
use crate::etag;
use crate::extract::Json;
use crate::input;
use crate::known::KnownAt;
use crate::pagination::{self, Page};

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 12, "post": "village_head", "person_id": 4, "unit_id": 10, "party_org_id": null,
    "starts_on": "2020-01-08", "ends_on": null, "basis": "election",
    "decision": "Quyết định 12/QĐ-UBND", "head_election_id": 3, "congress_id": null, "end_reason": null
}))]
pub struct AppointmentOut {
    pub id: AppointmentId,
    pub post: Post,
    pub person_id: PersonId,
    /// The unit of a village or commune post.
    pub unit_id: Option<UnitId>,
    /// The Party organisation of a Party post.
    pub party_org_id: Option<PartyOrgId>,
    pub starts_on: NaiveDate,
    /// The first day no longer held; absent while held.
    pub ends_on: Option<NaiveDate>,
    pub basis: Basis,
    /// The decision that grounds the tenure.
    pub decision: String,
    pub head_election_id: Option<HeadElectionId>,
    pub congress_id: Option<CongressId>,
    pub end_reason: Option<EndReason>,
    /// The commune's decision recognising a village head's resignation or removal (rule
    /// 10), when that ended the tenure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_recognition: Option<EndRecognitionOut>,
}

/// The commune's decision recognising a village head's resignation or removal.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"asked_on": "2026-03-02", "decision": "Quyết định 07/QĐ-UBND",
    "decided_on": "2026-03-06", "warning": null}))]
pub struct EndRecognitionOut {
    /// The day of the resignation, or of the meeting that voted the removal.
    pub asked_on: NaiveDate,
    pub decision: String,
    pub decided_on: NaiveDate,
    /// Set when the decision came after its 5 working days; it still stands.
    pub warning: Option<String>,
}

impl From<TenureRecord> for AppointmentOut {
    fn from(t: TenureRecord) -> Self {
        Self {
            end_recognition: t.end_decision.map(|k| EndRecognitionOut {
                asked_on: k.decision.asked_on,
                decision: k.decision.decision,
                decided_on: k.decision.decided_on,
                warning: k.warning,
            }),
            ..t.appointment.into()
        }
    }
}

impl From<Appointment> for AppointmentOut {
    fn from(a: Appointment) -> Self {
        Self {
            end_recognition: None,
            id: a.id,
            post: a.post,
            person_id: a.person_id,
            unit_id: a.unit_id,
            party_org_id: a.party_org_id,
            starts_on: a.starts_on,
            ends_on: a.ends_on,
            basis: a.basis,
            decision: a.decision,
            head_election_id: a.head_election_id,
            congress_id: a.congress_id,
            end_reason: a.end_reason,
        }
    }
}

fn one_seat(b: &NewAppointmentIn) -> Result<(), ValidationError> {
    if b.unit_id.is_some() == b.party_org_id.is_some() {
        let mut e = ValidationError::new("one_of");
        e.message = Some(
            "name either `unit_id` (village and commune posts) or `party_org_id` (Party posts)"
                .into(),
        );
        e.add_param(
            "vi".into(),
            &"Ghi `unit_id` (chức danh ở thôn, xã) hoặc `party_org_id` (chức danh trong Đảng), \
              không ghi cả hai.",
        );
        return Err(e);
    }
    Ok(())
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "one_seat", skip_on_field_errors = false))]
#[schema(example = json!({
    "post": "village_head", "person_id": 4, "unit_id": 10, "starts_on": "2021-03-01",
    "basis": "interim", "decision": "Quyết định 45/QĐ-UBND"
}))]
pub struct NewAppointmentIn {
    pub post: Post,
    pub person_id: PersonId,
    pub unit_id: Option<UnitId>,
    pub party_org_id: Option<PartyOrgId>,
    #[serde(deserialize_with = "input::day")]
    pub starts_on: NaiveDate,
    #[serde(default, deserialize_with = "input::day_opt")]
    pub ends_on: Option<NaiveDate>,
    /// `interim` (a village head appointed for a vacancy), `designated` (a secretary named
    /// by the superior committee), or `election`.
    pub basis: Basis,
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub decision: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"ends_on": "2026-03-06", "reason": "removal",
    "recognition": {"asked_on": "2026-03-02", "decision": "Quyết định 07/QĐ-UBND", "decided_on": "2026-03-06"}}))]
pub struct EndIn {
    /// The first day the post is no longer held: the decision's day or later.
    #[serde(deserialize_with = "input::day")]
    pub ends_on: NaiveDate,
    pub reason: EndReason,
    /// A village head's `resignation` or `removal` only, and then required
    /// (`end_decision_required`): the commune's decision recognising it, due within 5
    /// working days (`removal_within_5_working_days`; later, the answer keeps a warning).
    #[validate(nested)]
    pub recognition: Option<EndRecognitionIn>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndRecognitionIn {
    /// The day of the resignation, or of the meeting that voted the removal.
    #[serde(deserialize_with = "input::day")]
    pub asked_on: NaiveDate,
    /// The decision's number and name.
    #[validate(length(min = 1, max = 200))]
    #[serde(deserialize_with = "input::name")]
    pub decision: String,
    #[serde(deserialize_with = "input::day")]
    pub decided_on: NaiveDate,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AppointmentListQuery {
    pub unit: Option<UnitId>,
    pub party_org: Option<PartyOrgId>,
    pub person: Option<PersonId>,
    pub post: Option<Post>,
    /// Only tenures held on this day.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List appointments
#[utoipa::path(
    operation_id = "listAppointments",
    tag = "appointments",
    params(AppointmentListQuery, KnownAt),
    security(("bearer" = [])),
    responses((status = 200, description = "One page of tenures", body = Page<AppointmentOut>), AuthErrors, CommonErrors)
)]
#[get("/appointments")]
pub async fn list(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    q: web::Query<AppointmentListQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let q = q.into_inner();
    let filter = AppointmentFilter {
        unit_id: q.unit,
        party_org_id: q.party_org,
        person_id: q.person,
        post: q.post,
        on: q.on,
        ..Default::default()
    };
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        move |s, w| appointments::list(s, &user.caller, filter, w),
        |t| t.appointment.id.get(),
        AppointmentOut::from,
    )
    .await
}

/// The seat named by a unit or a Party organisation (validation ensures exactly one).
fn seat_from(unit_id: Option<UnitId>, party_org_id: Option<PartyOrgId>) -> Seat {
    match (unit_id, party_org_id) {
        (Some(u), _) => Seat::Unit(u),
        (None, org) => Seat::PartyOrg(org.unwrap_or(PartyOrgId(0))),
    }
}

/// Record an appointment
///
/// For tenures that no election here created: interim heads, designated secretaries,
/// commune posts. A post already held for any of the days is a conflict (409,
/// `one_holder_per_post`); deputies too are one at a time.
#[utoipa::path(
    operation_id = "createAppointment",
    tag = "appointments",
    request_body = NewAppointmentIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Recorded", body = AppointmentOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/appointments")]
pub async fn create(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<NewAppointmentIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let caller = user.keeping(recorded);
    let a = run(store, move |s| {
        let new = NewAppointment {
            post: b.post,
            person_id: b.person_id,
            seat: seat_from(b.unit_id, b.party_org_id),
            starts_on: b.starts_on,
            ends_on: b.ends_on,
            basis: b.basis,
            decision: b.decision,
        };
        appointments::create(s, &caller, new)
    })
    .await?;
    Ok(recorded(a))
}

/// Get an appointment
#[utoipa::path(
    operation_id = "getAppointment",
    tag = "appointments",
    params(("id" = i64, Path, description = "The tenure's id"), KnownAt),
    security(("bearer" = [])),
    responses((status = 200, description = "The tenure", body = AppointmentOut), AuthErrors, NotFoundError, CommonErrors)
)]
#[get("/appointments/{id}")]
pub async fn get(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<AppointmentId>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let id = id.into_inner();
    let a = run(store, move |s| appointments::get(s, &user.caller, id)).await?;
    Ok(HttpResponse::Ok().json(AppointmentOut::from(a)))
}

/// End an appointment
///
/// Ends a tenure on a day, for a reason (`term_end`, `resignation`, `removal`, `death`,
/// `transfer`, `merger`). A village head's resignation or removal carries the commune's
/// decision recognising it (`recognition`, rule 10). Nothing is deleted.
#[utoipa::path(
    operation_id = "endAppointment",
    tag = "appointments",
    params(("id" = i64, Path, description = "The tenure's id")),
    request_body = EndIn,
    security(("bearer" = [])),
    responses((status = 200, description = "Ended", body = AppointmentOut), AuthErrors, NotFoundError, WriteErrors, CommonErrors)
)]
#[post("/appointments/{id}/end")]
pub async fn end(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<AppointmentId>,
    body: Json<EndIn>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.0;
    let caller = user.keeping(answered);
    let a = run(store, move |s| {
        let decision = b.recognition.map(|r| EndDecision {
            asked_on: r.asked_on,
            decision: r.decision,
            decided_on: r.decided_on,
        });
        appointments::end(s, &caller, id, (b.ends_on, b.reason), decision)
    })
    .await?;
    Ok(answered(a))
}

/// 201 with a recorded tenure, and where to read it.
fn recorded(a: Appointment) -> HttpResponse {
    etag::located(
        format!("/api/v1/appointments/{}", a.id),
        &AppointmentOut::from(a),
    )
}

/// 200 with the tenure as it now stands.
fn answered(a: TenureRecord) -> HttpResponse {
    HttpResponse::Ok().json(AppointmentOut::from(a))
}
