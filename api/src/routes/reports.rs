//! `/api/v1/reports`: how far the unified model has gone, and how a term's elections
//! progressed. Public: counts and unit names only.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::pair::{PostPair, Subjects};
use dantin_domain::rate::Figures;
use dantin_domain::unification::NotUnifiedReason;
use dantin_domain::unit::UnitLevel;
use dantin_domain::{PartyOrgId, TermId, UnitId};
use dantin_usecases::audit_log;
use dantin_usecases::clock::today;
use dantin_usecases::reports::{self, Cumulative, ProgressReport, ReportDay, UnificationReport};
use dantin_usecases::units::Unit;
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::run;
use crate::error::{ApiError, CommonErrors, NotFoundError};
use crate::export::{self, Format};
use crate::input;
use crate::known::KnownAt;
use crate::read_cache::{Answer, ReadCache};
use crate::routes::audit_log::TreeHeadOut;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportUnitOut {
    pub id: UnitId,
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
}

impl From<&Unit> for ReportUnitOut {
    fn from(u: &Unit) -> Self {
        Self {
            id: u.id,
            code: u.code.clone(),
            name: u.name.clone(),
            level: u.level,
        }
    }
}

/// The figures of a report, for the whole unit or one child.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "in_force": 74, "with_party_org": 74, "unknown": 0, "known": 74, "unified": 74,
    "pending_approval": 0, "rate": 100.0, "target": 100, "gap": 0
}))]
pub struct FiguresOut {
    /// Units of the pair's level in force (villages; communes for the commune pairs).
    pub in_force: u32,
    /// Those with the pair's Party organisation (a village cell; a commune committee).
    pub with_party_org: u32,
    /// With an organisation but nothing recorded: counted apart, never guessed.
    pub unknown: u32,
    /// With an organisation and something recorded: the rate's base.
    pub known: u32,
    /// One person holds both posts (approval pending included).
    pub unified: u32,
    /// Unified, the secretary's approval awaited.
    pub pending_approval: u32,
    /// `unified / known` in percent, one decimal; absent when nothing is known.
    pub rate: Option<f64>,
    /// The province's target in percent, where one is set.
    pub target: Option<u32>,
    /// How many more unified units reach the target.
    pub gap: Option<u32>,
}

impl FiguresOut {
    fn new(f: &Figures, target: Option<u32>) -> Self {
        Self {
            in_force: f.in_force,
            with_party_org: f.with_org,
            unknown: f.unknown,
            known: f.rate.total,
            unified: f.unified,
            pending_approval: f.pending_approval,
            rate: f.rate.rate_percent,
            target,
            gap: target.map(|_| f.rate.gap),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChildRowOut {
    pub unit: ReportUnitOut,
    #[serde(flatten)]
    pub figures: FiguresOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotUnifiedOut {
    /// The village or commune; for the agency pair, the unit the agency sits in.
    pub unit_id: Option<UnitId>,
    /// For the agency pair: the agency's Party cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party_org_id: Option<PartyOrgId>,
    pub code: Option<String>,
    /// The unit's name, or the agency cell's.
    pub name: String,
    pub reason: NotUnifiedReason,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "unit": {"id": 8, "code": null, "name": "Huyện Ba Chẽ", "level": "district"},
    "pair": "village", "on": "2020-02-05", "term_id": 2,
    "total": {"in_force": 4, "with_party_org": 4, "unknown": 0, "known": 4, "unified": 4, "pending_approval": 0, "rate": 100.0, "target": 100, "gap": 0},
    "children": [{"unit": {"id": 9, "code": null, "name": "Xã Nam Sơn", "level": "commune"},
        "in_force": 3, "with_party_org": 3, "unknown": 0, "known": 3, "unified": 3, "pending_approval": 0, "rate": 100.0, "target": 100, "gap": 0}],
    "not_unified": []
}))]
pub struct UnificationOut {
    /// The unit reported on; absent for the whole country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<ReportUnitOut>,
    pub pair: PostPair,
    /// The day the report describes (for a term: its last day, or today while it runs).
    pub on: NaiveDate,
    pub term_id: Option<TermId>,
    pub total: FiguresOut,
    /// A row per child unit in force, with the same figures.
    pub children: Vec<ChildRowOut>,
    /// The known units with an organisation that are not unified, and why.
    pub not_unified: Vec<NotUnifiedOut>,
    /// The audit log's tree head when the report was read (`/audit/checkpoint`).
    pub checkpoint: TreeHeadOut,
}

impl UnificationOut {
    fn new(r: UnificationReport, term_id: Option<TermId>, checkpoint: TreeHeadOut) -> Self {
        let target = r.target_percent;
        Self {
            unit: r.unit.as_ref().map(Into::into),
            pair: r.pair,
            on: r.on,
            term_id,
            total: FiguresOut::new(&r.total, target),
            children: r
                .children
                .iter()
                .map(|(u, f)| ChildRowOut {
                    unit: u.into(),
                    figures: FiguresOut::new(f, target),
                })
                .collect(),
            not_unified: r
                .not_unified
                .into_iter()
                .map(|n| {
                    let agency = r.pair.subjects() == Subjects::AgencyCells;
                    NotUnifiedOut {
                        unit_id: n.seat_unit_id,
                        party_org_id: agency.then_some(PartyOrgId(n.unit.id)),
                        code: n.unit.code,
                        name: n.unit.name,
                        reason: n.reason,
                    }
                })
                .collect(),
            checkpoint,
        }
    }
}

/// A report row as CSV: the children, then the whole unit (without a unit for the
/// whole country).
#[derive(Debug, Serialize)]
struct FiguresCsv {
    unit_id: Option<UnitId>,
    unit_code: Option<String>,
    unit_name: Option<String>,
    in_force: u32,
    with_party_org: u32,
    unknown: u32,
    known: u32,
    unified: u32,
    pending_approval: u32,
    rate: Option<f64>,
    target: Option<u32>,
    gap: Option<u32>,
}

impl FiguresCsv {
    fn new(unit: Option<&ReportUnitOut>, f: &FiguresOut) -> Self {
        Self {
            unit_id: unit.map(|u| u.id),
            unit_code: unit.and_then(|u| u.code.clone()),
            unit_name: unit.map(|u| u.name.clone()),
            in_force: f.in_force,
            with_party_org: f.with_party_org,
            unknown: f.unknown,
            known: f.known,
            unified: f.unified,
            pending_approval: f.pending_approval,
            rate: f.rate,
            target: f.target,
            gap: f.gap,
        }
    }
}

/// The report's CSV rows: the children, then the whole unit.
pub(crate) fn unification_csv(out: &UnificationOut) -> Vec<impl Serialize> {
    out.children
        .iter()
        .map(|r| FiguresCsv::new(Some(&r.unit), &r.figures))
        .chain(std::iter::once(FiguresCsv::new(
            out.unit.as_ref(),
            &out.total,
        )))
        .collect()
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnificationQuery {
    /// The unit whose subtree is counted; absent, the whole country, a row per province.
    pub unit: Option<UnitId>,
    /// The day (default: today in Vietnam). Give `on` or `term`, not both.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
    /// The day whose map cuts the subtree (default: the report's day); the facts stay those of
    /// the report's day. `map=2025-07-01` with `on=2020-02-05` counts the villages under
    /// the unit as the 2025 reform left it, as they stood in 2020. The unit must be in
    /// force on the map's day, or the answer is 404 `not_in_force`.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2025-07-01")]
    pub map: Option<NaiveDate>,
    /// A term: the report is taken on its last day (or today while it runs).
    pub term: Option<TermId>,
    /// Which posts: `village` (head and cell secretary, the default), `commune_chair`
    /// (People's Committee chairman and Party secretary), `commune_council`, or `agency`
    /// (agency head and the secretary of its Party cell, counted over cells that are not a
    /// village's).
    pub pair: Option<PostPair>,
}

/// The report as JSON, kept by the read cache with a digest `ETag`; or its rows as CSV
/// when `Accept` asks.
pub(crate) async fn respond<O: Serialize + Send + 'static, R: Serialize>(
    req: &HttpRequest,
    cache: &ReadCache,
    store: web::Data<Store>,
    read: impl FnOnce(&Store) -> Result<O, ApiError> + Send + 'static,
    csv_rows: impl FnOnce(&O) -> Vec<R>,
) -> Result<HttpResponse, ApiError> {
    match export::format_of(req) {
        Format::Csv => {
            let out = run(store, read).await?;
            Ok(HttpResponse::Ok()
                .content_type(export::CSV)
                .body(export::encode(Format::Csv, &csv_rows(&out), true)?))
        }
        _ => {
            let render = |out: O| {
                let body =
                    serde_json::to_vec(&out).map_err(|e| ApiError::internal(e.to_string()))?;
                Ok(Answer { body, link: None })
            };
            cache.answer(req, store, read, render).await
        }
    }
}

/// The unification report as the API answers it, with the audit log's tree head read with
/// it: what the route sends and the dashboard shows.
pub(crate) fn unification_out(s: &Store, q: UnificationQuery) -> Result<UnificationOut, ApiError> {
    if q.on.is_some() && q.term.is_some() {
        return Err(ApiError::invalid_parameter(
            "give `on` or `term`, not both",
            "Chỉ ghi `on` hoặc `term`, không ghi cả hai.",
        ));
    }
    let pair = q.pair.unwrap_or(PostPair::Village);
    let day = match q.term {
        Some(term) => ReportDay::EndOfTerm(term),
        None => ReportDay::On(q.on.unwrap_or_else(today)),
    };
    let report = reports::unification(s, q.unit, pair, day, q.map)?;
    let head = TreeHeadOut::of(&audit_log::head(s)?);
    Ok(UnificationOut::new(report, q.term, head))
}

/// The progress report as the API answers it, with the audit log's tree head.
pub(crate) fn progress_out(s: &Store, q: ProgressQuery) -> Result<ProgressOut, ApiError> {
    let report = reports::progress(s, q.unit, q.term, q.map)?;
    Ok(ProgressOut::new(
        report,
        TreeHeadOut::of(&audit_log::head(s)?),
    ))
}

/// Unification report
///
/// For `unit` and its subtree: units in force, with a Party organisation, unknown, unified,
/// rate, target and gap, a row per child unit, and the units not unified with their
/// reason; without `unit`, the whole country with a row per province. Public, with a
/// digest `ETag` (304 on `If-None-Match`). `Accept: text/csv` gives the rows (children,
/// then the total) as CSV.
#[utoipa::path(
    operation_id = "getUnificationReport",
    tag = "public",
    params(UnificationQuery, KnownAt),
    security(),
    responses(
        (status = 200, description = "The report",
            content(
                (UnificationOut = "application/json"),
                (String = "text/csv", example = "unit_id,unit_code,unit_name,in_force,with_party_org,unknown,known,unified,pending_approval,rate,target,gap\n9,,Xã Nam Sơn,3,3,0,3,3,0,100.0,100,0\n")
            ),
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        NotFoundError, CommonErrors
    )
)]
#[get("/reports/unification")]
pub async fn unification(
    req: HttpRequest,
    store: web::Data<Store>,
    cache: web::Data<ReadCache>,
    q: web::Query<UnificationQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let q = q.into_inner();
    respond(
        &req,
        &cache,
        store,
        move |s| unification_out(s, q),
        unification_csv,
    )
    .await
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct CumulativeOut {
    /// Held so far (re-runs each count).
    pub held: u32,
    pub elected: u32,
    pub no_winner: u32,
    pub no_quorum: u32,
    /// Distinct villages (or cells) with someone elected so far.
    pub units_elected: u32,
}

impl From<Cumulative> for CumulativeOut {
    fn from(c: Cumulative) -> Self {
        Self {
            held: c.held,
            elected: c.elected,
            no_winner: c.no_winner,
            no_quorum: c.no_quorum,
            units_elected: c.units_elected,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressDayOut {
    pub date: NaiveDate,
    pub head_elections: CumulativeOut,
    pub congresses: CumulativeOut,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "unit": {"id": 1, "code": "22", "name": "Tỉnh Quảng Ninh", "level": "province"},
    "term_id": 2, "villages_in_scope": 6,
    "days": [
        {"date": "2020-01-05", "head_elections": {"held": 6, "elected": 6, "no_winner": 0, "no_quorum": 0, "units_elected": 6},
         "congresses": {"held": 0, "elected": 0, "no_winner": 0, "no_quorum": 0, "units_elected": 0}},
        {"date": "2020-01-19", "head_elections": {"held": 6, "elected": 6, "no_winner": 0, "no_quorum": 0, "units_elected": 6},
         "congresses": {"held": 6, "elected": 6, "no_winner": 0, "no_quorum": 0, "units_elected": 6}}
    ]
}))]
pub struct ProgressOut {
    /// The unit reported on; absent for the whole country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<ReportUnitOut>,
    pub term_id: TermId,
    /// Villages in force with a cell on the term's first day: the campaign's scope.
    pub villages_in_scope: u32,
    /// One row per day with an election or a congress, cumulative.
    pub days: Vec<ProgressDayOut>,
    /// The audit log's tree head when the report was read (`/audit/checkpoint`).
    pub checkpoint: TreeHeadOut,
}

impl ProgressOut {
    fn new(r: ProgressReport, checkpoint: TreeHeadOut) -> Self {
        Self {
            unit: r.unit.as_ref().map(Into::into),
            term_id: r.term_id,
            villages_in_scope: r.villages_in_scope,
            days: r
                .days
                .into_iter()
                .map(|d| ProgressDayOut {
                    date: d.date,
                    head_elections: d.head_elections.into(),
                    congresses: d.congresses.into(),
                })
                .collect(),
            checkpoint,
        }
    }
}

#[derive(Debug, Serialize)]
struct ProgressCsv {
    date: NaiveDate,
    villages_in_scope: u32,
    head_elections_held: u32,
    head_elections_elected: u32,
    head_elections_no_winner: u32,
    head_elections_no_quorum: u32,
    villages_with_head_elected: u32,
    congresses_held: u32,
    congresses_elected: u32,
    congresses_no_winner: u32,
    congresses_no_quorum: u32,
    cells_with_secretary_elected: u32,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// The unit whose subtree is counted; absent, the whole country.
    pub unit: Option<UnitId>,
    pub term: TermId,
    /// The day whose map cuts the subtree (default: the term's first day); the facts stay those of
    /// the report's day. `map=2025-07-01` with `on=2020-02-05` counts the villages under
    /// the unit as the 2025 reform left it, as they stood in 2020. The unit must be in
    /// force on the map's day, or the answer is 404 `not_in_force`.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2025-07-01")]
    pub map: Option<NaiveDate>,
}

/// Campaign progress report
///
/// For `unit` and `term`, day by day and cumulative: head elections and cell congresses
/// held and their outcomes, against the villages in scope ("4,925/4,925 cells by
/// 29/02/2020"); without `unit`, in the whole country. Public, with a digest `ETag` (304
/// on `If-None-Match`). `Accept: text/csv` gives one row a day.
#[utoipa::path(
    operation_id = "getProgressReport",
    tag = "public",
    params(ProgressQuery, KnownAt),
    security(),
    responses(
        (status = 200, description = "The campaign, day by day",
            content(
                (ProgressOut = "application/json"),
                (String = "text/csv", example = "date,villages_in_scope,head_elections_held,head_elections_elected,head_elections_no_winner,head_elections_no_quorum,villages_with_head_elected,congresses_held,congresses_elected,congresses_no_winner,congresses_no_quorum,cells_with_secretary_elected\n2020-01-05,6,6,6,0,0,6,0,0,0,0,0\n")
            ),
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        NotFoundError, CommonErrors
    )
)]
#[get("/reports/progress")]
pub async fn progress(
    req: HttpRequest,
    store: web::Data<Store>,
    cache: web::Data<ReadCache>,
    q: web::Query<ProgressQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let q = q.into_inner();
    respond(
        &req,
        &cache,
        store,
        move |s| progress_out(s, q),
        |out| {
            out.days
                .iter()
                .map(|d| ProgressCsv {
                    date: d.date,
                    villages_in_scope: out.villages_in_scope,
                    head_elections_held: d.head_elections.held,
                    head_elections_elected: d.head_elections.elected,
                    head_elections_no_winner: d.head_elections.no_winner,
                    head_elections_no_quorum: d.head_elections.no_quorum,
                    villages_with_head_elected: d.head_elections.units_elected,
                    congresses_held: d.congresses.held,
                    congresses_elected: d.congresses.elected,
                    congresses_no_winner: d.congresses.no_winner,
                    congresses_no_quorum: d.congresses.no_quorum,
                    cells_with_secretary_elected: d.congresses.units_elected,
                })
                .collect::<Vec<ProgressCsv>>()
        },
    )
    .await
}
