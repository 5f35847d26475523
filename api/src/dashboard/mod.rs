//! The dashboard: a page for people who would rather look than read, served at `/` in
//! Vietnamese (English with `lang=en`), for anyone, without signing in. It shows what the
//! public reads show and reads it the way they do: the unification report and the
//! campaign progress through the same functions as `/api/v1/reports/*`, a commune's or a
//! village's officeholders as `/api/v1/officeholders` lists them. Server-rendered HTML with SVG
//! charts: no script, nothing fetched from anywhere but this service.

mod chart;
mod page;
mod tiles;
mod view;
mod words;

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use dantin_domain::unit::UnitLevel;
use dantin_domain::{TermId, UnitId};
use dantin_usecases::officeholders::{self, OfficeholderFilter};
use dantin_usecases::terms::{self, TermFilter};
use dantin_usecases::{units, Store, Window};

use self::page::Shown;
use self::view::{View, ViewQuery};
use crate::db::run;
use crate::error::ApiError;
use crate::export::{self, Format};
use crate::routes::officeholders::OfficeholderOut;
use crate::routes::reports::{
    progress_out, unification_csv, unification_out, ProgressOut, ProgressQuery, UnificationOut,
    UnificationQuery,
};

/// Nothing but this service may be asked for anything: the page's own style is inline.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
                      form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Officeholders listed under a commune or village: more than any commune holds.
const OFFICEHOLDERS_SHOWN: usize = 2_000;

/// Terms offered in the controls.
const TERMS_OFFERED: i64 = 200;

/// Everything the page shows, read in one go.
struct Gathered {
    report: UnificationOut,
    trail: Vec<(UnitId, String)>,
    terms: Vec<(TermId, String)>,
    campaign: Option<ProgressOut>,
    officeholders: Vec<OfficeholderOut>,
}

fn report_query(view: &View) -> UnificationQuery {
    UnificationQuery {
        unit: view.unit,
        on: view.on,
        map: view.map,
        // A day chosen wins; a term alone is read on its last day.
        term: view.term.filter(|_| view.on.is_none()),
        pair: Some(view.pair),
    }
}

fn gather(s: &Store, view: &View) -> Result<Gathered, ApiError> {
    let report = unification_out(s, report_query(view))?;
    let map = view.map.unwrap_or(report.on);
    let mut trail = Vec::new();
    let mut next = view.unit;
    while let Some(id) = next {
        let unit = units::get(s, id, Some(map))?;
        trail.push((unit.id, unit.name));
        next = unit.parent_id;
    }
    trail.reverse();
    let all = TermFilter {
        scope_unit_id: None,
        on: None,
    };
    let window = Window {
        after: None,
        limit: TERMS_OFFERED,
    };
    let terms = terms::list(s, &all, window)?
        .into_iter()
        .map(|t| {
            // The province as it was called when the term began, else as it is now.
            let province = units::get(s, t.scope_unit_id, Some(t.starts_on))
                .or_else(|_| units::get(s, t.scope_unit_id, None))?
                .name;
            Ok((t.id, format!("{} · {province}", t.label)))
        })
        .collect::<Result<_, ApiError>>()?;
    let campaign = view
        .term
        .map(|term| {
            let q = ProgressQuery {
                unit: view.unit,
                term,
                map: Some(map),
            };
            progress_out(s, q)
        })
        .transpose()?;
    let commune = report
        .unit
        .as_ref()
        .filter(|u| u.level == UnitLevel::Commune);
    let officeholders = match commune {
        Some(commune) => {
            let filter = OfficeholderFilter {
                unit: Some(commune.id),
                post: None,
                on: report.on,
                map,
                unified: None,
                q: None,
            };
            officeholders::page(s, &filter, None, OFFICEHOLDERS_SHOWN)?
                .into_iter()
                .map(OfficeholderOut::from)
                .collect()
        }
        None => Vec::new(),
    };
    Ok(Gathered {
        report,
        trail,
        terms,
        campaign,
        officeholders,
    })
}

/// The dashboard page.
#[get("/")]
pub async fn show(
    store: web::Data<Store>,
    q: web::Query<ViewQuery>,
) -> Result<HttpResponse, ApiError> {
    let view = View::read(&q)?;
    let read = view.clone();
    let g = run(store, move |s| gather(s, &read)).await?;
    let html = page::render(&Shown {
        view: &view,
        report: &g.report,
        trail: &g.trail,
        terms: &g.terms,
        campaign: g.campaign.as_ref(),
        officeholders: &g.officeholders,
    });
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, POLICY))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(html.into_string()))
}

/// The figures the page shows, as the report's CSV.
#[get("/dashboard.csv")]
pub async fn csv(
    store: web::Data<Store>,
    q: web::Query<ViewQuery>,
) -> Result<HttpResponse, ApiError> {
    let view = View::read(&q)?;
    let report = run(store, move |s| unification_out(s, report_query(&view))).await?;
    let name = match &report.unit {
        Some(unit) => format!("dantin-{}-{}.csv", unit.id, report.on),
        None => format!("dantin-country-{}.csv", report.on),
    };
    Ok(HttpResponse::Ok()
        .content_type(export::CSV)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(export::encode(
            Format::Csv,
            &unification_csv(&report),
            true,
        )?))
}
