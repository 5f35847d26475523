//! `/api/v1/reports/cell-meetings` and `/api/v1/reports/cadre-attendance`: the life of
//! the cells of an area over a period of months (rules 24-26). Public: counts, unit and
//! cell names, and cadres by name and post.

use actix_web::{get, web, HttpRequest, HttpResponse};
use dantin_domain::cadre::Attendance;
use dantin_domain::cell_meeting::{LifeTally, Month, Months, MAX_MONTHS};
use dantin_domain::rule_set::Share;
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use dantin_usecases::cell_life::{self, AttendanceReport, CellRow, Flagged, MeetingsReport};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::reports::{respond, ReportUnitOut};
use crate::error::{ApiError, CommonErrors, NotFoundError};
use crate::input;
use crate::read_cache::ReadCache;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The unit whose subtree is counted, on the map of the period's last day (it must be
    /// in force then); absent, the whole country, a row per province.
    pub unit: Option<UnitId>,
    /// The first month, `YYYY-MM`.
    #[serde(deserialize_with = "input::month")]
    #[param(value_type = String, pattern = "^[0-9]{4}-[0-9]{2}$", example = "2025-01")]
    pub from: Month,
    /// The last month, `YYYY-MM`: the same as `from` or later, at most 120 months on.
    #[serde(deserialize_with = "input::month")]
    #[param(value_type = String, pattern = "^[0-9]{4}-[0-9]{2}$", example = "2025-12")]
    pub to: Month,
}

impl PeriodQuery {
    fn months(&self) -> Result<Months, ApiError> {
        Months::new(self.from, self.to).ok_or_else(|| {
            ApiError::invalid_parameter(
                format!("`to` must be `from` or a later month, at most {MAX_MONTHS} months on"),
                format!(
                    "`to` phải là tháng `from` hoặc một tháng sau đó, không quá {MAX_MONTHS} tháng."
                ),
            )
        })
    }
}

/// Rules 24-25 counted over cells.
#[derive(Debug, Serialize, ToSchema)]
pub struct LifeFiguresOut {
    /// Cells with at least one month of the period to judge (in force from its first day
    /// to its last).
    pub cells: u32,
    /// Those that met in every month judged (`cell_meets_monthly`).
    pub met_monthly: u32,
    /// `met_monthly / cells` in percent, one decimal; absent without cells.
    pub met_monthly_rate: Option<f64>,
    /// Those with a thematic meeting in every quarter judged (`cell_thematic_quarterly`).
    pub thematic_quarterly: u32,
    pub thematic_quarterly_rate: Option<f64>,
    /// Those that did neither.
    pub neither: u32,
}

impl From<LifeTally> for LifeFiguresOut {
    fn from(t: LifeTally) -> Self {
        Self {
            cells: t.cells,
            met_monthly: t.met_monthly,
            met_monthly_rate: t.met_monthly_percent(),
            thematic_quarterly: t.thematic_quarterly,
            thematic_quarterly_rate: t.thematic_quarterly_percent(),
            neither: t.neither,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LifeChildOut {
    pub unit: ReportUnitOut,
    #[serde(flatten)]
    pub figures: LifeFiguresOut,
}

/// How one cell lived over the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct CellLifeOut {
    pub cell_id: PartyOrgId,
    pub name: String,
    pub unit_id: Option<UnitId>,
    /// Months judged: those the cell was in force through.
    pub months: u32,
    pub months_met: u32,
    /// Judged months without a meeting (`YYYY-MM`).
    pub months_missed: Vec<String>,
    /// Quarters judged: those whose months in the period were all judged.
    pub quarters: u32,
    /// Judged quarters without a thematic meeting (`YYYY-Qn`).
    pub quarters_without_thematic: Vec<String>,
    pub met_monthly: bool,
    pub thematic_quarterly: bool,
}

impl From<CellRow> for CellLifeOut {
    fn from(r: CellRow) -> Self {
        let life = r.life;
        Self {
            cell_id: r.cell.id,
            name: r.cell.name,
            unit_id: r.cell.unit_id,
            months: life.months,
            months_met: life.months_met,
            met_monthly: life.meets_monthly(),
            thematic_quarterly: life.thematic_quarterly(),
            months_missed: life.months_missed.iter().map(Month::to_string).collect(),
            quarters: life.quarters,
            quarters_without_thematic: life
                .quarters_without_thematic
                .iter()
                .map(ToString::to_string)
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "unit": {"id": 30, "code": null, "name": "Huyện Quan Sơn", "level": "district"},
    "from": "2021-01", "to": "2021-12",
    "total": {"cells": 94, "met_monthly": 94, "met_monthly_rate": 100.0,
              "thematic_quarterly": 94, "thematic_quarterly_rate": 100.0, "neither": 0},
    "children": [], "cells": []
}))]
pub struct CellMeetingsReportOut {
    /// The unit reported on; absent for the whole country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<ReportUnitOut>,
    pub from: String,
    pub to: String,
    pub total: LifeFiguresOut,
    /// A row per child unit in force on the period's last day (per province for the
    /// country); cells of the unit itself count in the total only.
    pub children: Vec<LifeChildOut>,
    /// Every cell of the area in force during the period.
    pub cells: Vec<CellLifeOut>,
}

impl From<MeetingsReport> for CellMeetingsReportOut {
    fn from(r: MeetingsReport) -> Self {
        Self {
            unit: r.unit.as_ref().map(Into::into),
            from: r.period.first.to_string(),
            to: r.period.last.to_string(),
            total: r.total.into(),
            children: r
                .children
                .iter()
                .map(|(u, t)| LifeChildOut {
                    unit: u.into(),
                    figures: (*t).into(),
                })
                .collect(),
            cells: r.cells.into_iter().map(Into::into).collect(),
        }
    }
}

/// A report row as CSV: the children, then the whole unit (without a unit for the
/// country).
#[derive(Debug, Serialize)]
struct LifeCsv {
    unit_id: Option<UnitId>,
    unit_code: Option<String>,
    unit_name: Option<String>,
    cells: u32,
    met_monthly: u32,
    met_monthly_rate: Option<f64>,
    thematic_quarterly: u32,
    thematic_quarterly_rate: Option<f64>,
    neither: u32,
}

impl LifeCsv {
    fn new(unit: Option<&ReportUnitOut>, f: &LifeFiguresOut) -> Self {
        Self {
            unit_id: unit.map(|u| u.id),
            unit_code: unit.and_then(|u| u.code.clone()),
            unit_name: unit.map(|u| u.name.clone()),
            cells: f.cells,
            met_monthly: f.met_monthly,
            met_monthly_rate: f.met_monthly_rate,
            thematic_quarterly: f.thematic_quarterly,
            thematic_quarterly_rate: f.thematic_quarterly_rate,
            neither: f.neither,
        }
    }
}

/// Cell meetings report
///
/// For `unit` and its subtree (the whole country without `unit`) over the months `from`
/// to `to`: the cells that met every month (rule 24, Chỉ thị 10-CT/TW), those that held a
/// thematic meeting every quarter (rule 25, Hướng dẫn 12-HD/BTCTW), those that did
/// neither, with rates, a row per child unit, and each cell with the months and quarters
/// it missed. A thematic meeting counts for its month too. Public, with a digest `ETag`
/// (304 on `If-None-Match`); `Accept: text/csv` gives the rows (children, then the total).
#[utoipa::path(
    operation_id = "getCellMeetingsReport",
    tag = "public",
    params(PeriodQuery),
    security(),
    responses(
        (status = 200, description = "The report",
            content(
                (CellMeetingsReportOut = "application/json"),
                (String = "text/csv", example = "unit_id,unit_code,unit_name,cells,met_monthly,met_monthly_rate,thematic_quarterly,thematic_quarterly_rate,neither\n31,,Xã Mường Mìn,8,8,100.0,8,100.0,0\n")
            ),
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        NotFoundError, CommonErrors
    )
)]
#[get("/reports/cell-meetings")]
pub async fn meetings(
    req: HttpRequest,
    store: web::Data<Store>,
    cache: web::Data<ReadCache>,
    q: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let months = q.months()?;
    let unit = q.unit;
    respond(
        &req,
        &cache,
        store,
        move |s| {
            Ok(CellMeetingsReportOut::from(cell_life::meetings(
                s, unit, months,
            )?))
        },
        |out: &CellMeetingsReportOut| {
            out.children
                .iter()
                .map(|r| LifeCsv::new(Some(&r.unit), &r.figures))
                .chain(std::iter::once(LifeCsv::new(out.unit.as_ref(), &out.total)))
                .collect::<Vec<_>>()
        },
    )
    .await
}

/// Meetings assigned and attended.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct AttendanceOut {
    /// The meetings the assigned cells held while the assignments ran.
    pub assigned: u32,
    /// Those the assigned cadre attended.
    pub attended: u32,
    /// `attended / assigned` in percent, one decimal (2 of 3: 66.7); absent when nothing
    /// was assigned.
    pub rate: Option<f64>,
}

impl From<Attendance> for AttendanceOut {
    fn from(a: Attendance) -> Self {
        Self {
            assigned: a.assigned,
            attended: a.attended,
            rate: a.percent(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CadreOut {
    pub person_id: PersonId,
    pub name: String,
    /// The post of the cadre's latest assignment in the area.
    pub post: String,
    #[serde(flatten)]
    pub attendance: AttendanceOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceChildOut {
    pub unit: ReportUnitOut,
    #[serde(flatten)]
    pub attendance: AttendanceOut,
}

/// An assignment whose cadre missed more than the province's share (`cadre_attendance`).
#[derive(Debug, Serialize, ToSchema)]
pub struct FlaggedOut {
    pub cell_id: PartyOrgId,
    pub cell_name: String,
    pub unit_id: Option<UnitId>,
    pub person_id: PersonId,
    pub name: String,
    pub post: String,
    #[serde(flatten)]
    pub attendance: AttendanceOut,
    /// The province's share of missed meetings past which a cadre is flagged
    /// (`cadre_missed_flag` of its rule set).
    pub flag: Share,
}

impl From<Flagged> for FlaggedOut {
    fn from(f: Flagged) -> Self {
        Self {
            cell_id: f.cell.id,
            cell_name: f.cell.name,
            unit_id: f.cell.unit_id,
            person_id: f.assignment.person_id,
            name: f.assignment.name,
            post: f.assignment.post,
            attendance: f.attendance.into(),
            flag: f.flag,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "unit": {"id": 30, "code": null, "name": "Huyện Quan Sơn", "level": "district"},
    "from": "2021-01", "to": "2021-12",
    "total": {"assigned": 36, "attended": 33, "rate": 91.7},
    "cadres": [{"person_id": 41, "name": "Hà Văn Thành", "post": "Ủy viên Ban Thường vụ Huyện ủy",
                "assigned": 12, "attended": 12, "rate": 100.0}],
    "children": [], "flagged": []
}))]
pub struct CadreAttendanceReportOut {
    /// The unit reported on; absent for the whole country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<ReportUnitOut>,
    pub from: String,
    pub to: String,
    pub total: AttendanceOut,
    /// Each cadre assigned in the area, over every cell assigned.
    pub cadres: Vec<CadreOut>,
    /// A row per child unit in force on the period's last day (per province for the
    /// country).
    pub children: Vec<AttendanceChildOut>,
    /// The assignments whose cadre missed more than the province's share.
    pub flagged: Vec<FlaggedOut>,
}

impl From<AttendanceReport> for CadreAttendanceReportOut {
    fn from(r: AttendanceReport) -> Self {
        Self {
            unit: r.unit.as_ref().map(Into::into),
            from: r.period.first.to_string(),
            to: r.period.last.to_string(),
            total: r.total.into(),
            cadres: r
                .cadres
                .into_iter()
                .map(|c| CadreOut {
                    person_id: c.person_id,
                    name: c.name,
                    post: c.post,
                    attendance: c.attendance.into(),
                })
                .collect(),
            children: r
                .children
                .iter()
                .map(|(u, a)| AttendanceChildOut {
                    unit: u.into(),
                    attendance: (*a).into(),
                })
                .collect(),
            flagged: r.flagged.into_iter().map(Into::into).collect(),
        }
    }
}

/// A cadre's row as CSV.
#[derive(Debug, Serialize)]
struct CadreCsv {
    person_id: PersonId,
    name: String,
    post: String,
    assigned: u32,
    attended: u32,
    rate: Option<f64>,
}

/// Cadre attendance report ("3+1")
///
/// For `unit` and its subtree (the whole country without `unit`) over the months `from`
/// to `to` (rule 26): per assigned cadre and per child unit, the meetings the assigned
/// cells held while the assignments ran and those the cadre attended, and the
/// assignments whose cadre missed more than the province's share (`cadre_missed_flag`,
/// default more than 1/3). Public: cadres by name and post only, with a digest `ETag`
/// (304 on `If-None-Match`); `Accept: text/csv` gives a row per cadre.
#[utoipa::path(
    operation_id = "getCadreAttendanceReport",
    tag = "public",
    params(PeriodQuery),
    security(),
    responses(
        (status = 200, description = "The report",
            content(
                (CadreAttendanceReportOut = "application/json"),
                (String = "text/csv", example = "person_id,name,post,assigned,attended,rate\n41,Hà Văn Thành,Ủy viên Ban Thường vụ Huyện ủy,12,12,100.0\n")
            ),
            headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        NotFoundError, CommonErrors
    )
)]
#[get("/reports/cadre-attendance")]
pub async fn attendance(
    req: HttpRequest,
    store: web::Data<Store>,
    cache: web::Data<ReadCache>,
    q: web::Query<PeriodQuery>,
) -> Result<HttpResponse, ApiError> {
    let months = q.months()?;
    let unit = q.unit;
    respond(
        &req,
        &cache,
        store,
        move |s| {
            Ok(CadreAttendanceReportOut::from(cell_life::attendance(
                s, unit, months,
            )?))
        },
        |out: &CadreAttendanceReportOut| {
            out.cadres
                .iter()
                .map(|c| CadreCsv {
                    person_id: c.person_id,
                    name: c.name.clone(),
                    post: c.post.clone(),
                    assigned: c.attendance.assigned,
                    attended: c.attendance.attended,
                    rate: c.attendance.rate,
                })
                .collect::<Vec<_>>()
        },
    )
    .await
}
