//! `/api/v1/officeholders`: who holds which post, public and cacheable, for mobile apps.
//! Each row names the unit, the post, the person (id and name only), the dates, the term
//! and whether the unit's two posts are held by one person.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use dantin_domain::appointment::Post;
use dantin_domain::unit::UnitLevel;
use dantin_domain::{AppointmentId, PersonId, TermId, UnitId};
use dantin_usecases::clock::today;
use dantin_usecases::officeholders::{self, Officeholder, OfficeholderFilter};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::run;
use crate::error::{ApiError, CommonErrors, NotFoundError};
use crate::export::{self, Chunk, Format, EXPORT_PAGE};
use crate::input;
use crate::known::KnownAt;
use crate::pagination::{self, Page, Pager};
use crate::read_cache::ReadCache;

#[derive(Debug, Serialize, ToSchema)]
pub struct OfficeUnitOut {
    pub id: UnitId,
    pub code: Option<String>,
    pub name: String,
    pub level: UnitLevel,
}

/// A person as public lists show them: id and name, nothing else.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicPersonOut {
    pub id: PersonId,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TermRefOut {
    pub id: TermId,
    pub label: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 13, "unit": {"id": 12, "code": null, "name": "Thôn Khe Tâm", "level": "village"},
    "post": "village_head", "person": {"id": 4, "name": "Lý Mạnh Thường"},
    "since": "2020-01-08", "until": null, "term": {"id": 2, "label": "2020-2022"}, "unified": true
}))]
pub struct OfficeholderOut {
    /// The tenure's id.
    pub id: AppointmentId,
    /// The unit of the post; for a Party post, its organisation's unit.
    pub unit: Option<OfficeUnitOut>,
    pub post: Post,
    pub person: PublicPersonOut,
    pub since: NaiveDate,
    /// The first day no longer held; absent while held.
    pub until: Option<NaiveDate>,
    /// The term of the election or congress behind the tenure.
    pub term: Option<TermRefOut>,
    /// Whether the unit's pair of posts (village head and cell secretary; commune chairman
    /// and Party secretary) is held by one person on the day; absent for deputies.
    pub unified: Option<bool>,
}

impl From<Officeholder> for OfficeholderOut {
    fn from(o: Officeholder) -> Self {
        Self {
            id: o.id,
            unit: o.unit.map(|u| OfficeUnitOut {
                id: u.id,
                code: u.code,
                name: u.name,
                level: u.level,
            }),
            post: o.post,
            person: PublicPersonOut {
                id: o.person_id,
                name: o.person_name,
            },
            since: o.since,
            until: o.until,
            term: o.term.map(|(id, label)| TermRefOut { id, label }),
            unified: o.unified,
        }
    }
}

/// The same row, flat, for CSV.
#[derive(Debug, Serialize)]
struct OfficeholderCsv {
    id: AppointmentId,
    unit_id: Option<UnitId>,
    unit_code: Option<String>,
    unit_name: Option<String>,
    unit_level: Option<UnitLevel>,
    post: Post,
    person_id: PersonId,
    person_name: String,
    since: NaiveDate,
    until: Option<NaiveDate>,
    term_id: Option<TermId>,
    term_label: Option<String>,
    unified: Option<bool>,
}

impl From<Officeholder> for OfficeholderCsv {
    fn from(o: Officeholder) -> Self {
        let (term_id, term_label) = o.term.map_or((None, None), |(id, l)| (Some(id), Some(l)));
        Self {
            id: o.id,
            unit_id: o.unit.as_ref().map(|u| u.id),
            unit_code: o.unit.as_ref().and_then(|u| u.code.clone()),
            unit_name: o.unit.as_ref().map(|u| u.name.clone()),
            unit_level: o.unit.as_ref().map(|u| u.level),
            post: o.post,
            person_id: o.person_id,
            person_name: o.person_name,
            since: o.since,
            until: o.until,
            term_id,
            term_label,
            unified: o.unified,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OfficeholderQuery {
    /// Everything under this unit (the unit included), on the map of `map`.
    pub unit: Option<UnitId>,
    pub post: Option<Post>,
    /// The day (default: today in Vietnam).
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2020-02-05")]
    pub on: Option<NaiveDate>,
    /// The day whose map cuts the subtree of `unit` (default: `on`); the posts stay those
    /// of `on`. The unit must be in force on the map's day, or the answer is 404
    /// `not_in_force`.
    #[serde(default, deserialize_with = "input::day_opt")]
    #[param(example = "2025-07-01")]
    pub map: Option<NaiveDate>,
    /// Only units whose pair of posts is (or is not) held by one person.
    pub unified: Option<bool>,
    /// Person name, ignoring case and diacritics, from the start of any word.
    pub q: Option<String>,
    /// Page size, 1 to 500 (default 50). Ignored by CSV and NDJSON, which stream every row.
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List officeholders
///
/// Public. Who holds which post in the units under `unit` on `on` (404, or 404
/// `not_in_force` when the unit did not stand on the map's day). Pages carry `ETag`
/// (304 on `If-None-Match`) and `Cache-Control: public, max-age=60`. `Accept: text/csv`
/// or `application/x-ndjson` streams every matching row instead of a page.
#[utoipa::path(
    operation_id = "listOfficeholders",
    tag = "public",
    params(OfficeholderQuery, KnownAt),
    security(),
    responses(
        (status = 200, description = "One page of officeholders (or every row, as CSV or NDJSON)",
            content(
                (Page<OfficeholderOut> = "application/json"),
                (String = "text/csv", example = "id,unit_id,unit_code,unit_name,unit_level,post,person_id,person_name,since,until,term_id,term_label,unified\n13,12,,Thôn Khe Tâm,village,village_head,4,Lý Mạnh Thường,2020-01-08,,2,2020-2022,true\n"),
                (String = "application/x-ndjson")
            ),
            headers(("ETag" = String), ("Cache-Control" = String), ("Link" = String))),
        (status = 304, description = "Not modified since the ETag in If-None-Match"),
        NotFoundError, CommonErrors
    )
)]
#[get("/officeholders")]
pub async fn list(
    req: HttpRequest,
    store: web::Data<Store>,
    cache: web::Data<ReadCache>,
    q: web::Query<OfficeholderQuery>,
    known: web::Query<KnownAt>,
) -> Result<HttpResponse, ApiError> {
    let store = known.view(&store);
    let q = q.into_inner();
    let pager = Pager::new(q.limit, q.cursor.as_deref())?;
    let on = q.on.unwrap_or_else(today);
    let filter = OfficeholderFilter {
        unit: q.unit,
        post: q.post,
        on,
        map: q.map.unwrap_or(on),
        unified: q.unified,
        q: q.q,
    };
    let format = export::format_of(&req);
    if format != Format::Json {
        // A stream cannot turn into a 404 once it has begun: its unit is asked for first.
        let f = filter.clone();
        run(store.clone(), move |s| officeholders::check_unit(s, &f)).await?;
    }
    match format {
        Format::Json => {
            cache
                .answer(
                    &req,
                    store,
                    move |s| {
                        Ok(officeholders::page(
                            s,
                            &filter,
                            pager.after_id,
                            pager.fetch() as usize,
                        )?)
                    },
                    |rows| {
                        pagination::public_page(
                            &req,
                            pager,
                            rows,
                            |o| o.id.get(),
                            OfficeholderOut::from,
                        )
                    },
                )
                .await
        }
        Format::Csv => Ok(export::stream(store, Format::Csv, move |s, after| {
            chunk(s, &filter, after, OfficeholderCsv::from)
        })),
        Format::Ndjson => Ok(export::stream(store, Format::Ndjson, move |s, after| {
            chunk(s, &filter, after, OfficeholderOut::from)
        })),
    }
}

/// One chunk of a streamed export, in the export's row shape.
fn chunk<T>(
    s: &Store,
    f: &OfficeholderFilter,
    after: Option<i64>,
    map: fn(Officeholder) -> T,
) -> Result<Chunk<T>, ApiError> {
    let rows = officeholders::page(s, f, after, EXPORT_PAGE)?;
    let next = export::next_after(&rows, |o| o.id.get());
    Ok((rows.into_iter().map(map).collect(), next))
}
