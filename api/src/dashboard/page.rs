//! The dashboard's HTML: the frame, the controls, the figures as tables with bars, the
//! units not unified, the officeholders. Everything a person reads is in the HTML itself,
//! so it works without scripts; the charts are SVG.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::view::{View, MAP_AFTER, MAP_BEFORE};
use super::words::Lang;
use super::{chart, tiles};
use crate::routes::officeholders::OfficeholderOut;
use crate::routes::reports::{ChildRowOut, FiguresOut, UnificationOut};
use dantin_domain::pair::PostPair;

const STYLE: &str = include_str!("style.css");

/// What the page shows.
pub struct Shown<'a> {
    pub view: &'a View,
    pub report: &'a UnificationOut,
    /// The units from the country down to the report's unit.
    pub trail: &'a [(dantin_domain::UnitId, String)],
    /// The terms the controls offer: id and label with its province.
    pub terms: &'a [(dantin_domain::TermId, String)],
    pub campaign: Option<&'a crate::routes::reports::ProgressOut>,
    pub officeholders: &'a [OfficeholderOut],
}

pub fn render(s: &Shown) -> Markup {
    let lang = s.view.lang;
    let w = lang.words();
    let title = match &s.report.unit {
        Some(unit) => format!("{} · {}", unit.name, w.title),
        None => w.title.to_owned(),
    };
    html! {
        (DOCTYPE)
        html lang=(w.code) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                // No icon to fetch.
                link rel="icon" href="data:,";
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { (w.title) }
                    p class="lede" { (w.lede) }
                    nav aria-label=(w.api) {
                        a href=(s.view.with_lang(lang.other()).href()) lang=(w.other_language) { (w.other_language_name) }
                        " · "
                        a href="/swagger-ui/" { (w.api) }
                    }
                }
                main {
                    (controls(s))
                    (trail(s))
                    (figures(s))
                    @if let Some(progress) = s.campaign {
                        section aria-labelledby="campaign" {
                            h2 id="campaign" { (w.campaign) }
                            (chart::campaign(lang, progress))
                        }
                    }
                    @if !s.officeholders.is_empty() {
                        (officeholders(lang, s.officeholders))
                    }
                }
                footer {
                    p {
                        (w.checkpoint) " "
                        a href="/api/v1/audit/checkpoint" {
                            "tree_size " (s.report.checkpoint.tree_size)
                        }
                        ", root_hash " code { (s.report.checkpoint.root_hash) }
                    }
                }
            }
        }
    }
}

fn controls(s: &Shown) -> Markup {
    let v = s.view;
    let w = v.lang.words();
    let pairs = [
        PostPair::Village,
        PostPair::CommuneChair,
        PostPair::CommuneCouncil,
        PostPair::Agency,
    ];
    let maps = [
        (None, w.map_of_day),
        (Some(MAP_BEFORE), w.map_before),
        (Some(MAP_AFTER), w.map_after),
    ];
    html! {
        form method="get" action="/" class="controls" aria-label=(w.controls) {
            @if v.lang == Lang::En { input type="hidden" name="lang" value="en"; }
            @if let Some(unit) = v.unit { input type="hidden" name="unit" value=(unit); }
            label { (w.day) " "
                input type="date" name="on" value=[v.on] min="1900-01-01" max="2199-12-31" aria-describedby="day-hint";
                small id="day-hint" { (w.day_hint) }
            }
            label { (w.term) " "
                select name="term" {
                    option value="" selected[v.term.is_none()] { (w.no_term) }
                    @for (id, label) in s.terms {
                        option value=(id) selected[v.term == Some(*id)] { (label) }
                    }
                }
            }
            label { (w.pair) " "
                select name="pair" {
                    @for p in pairs {
                        option value=(p.as_str()) selected[v.pair == p] { (v.lang.pair(p)) }
                    }
                }
            }
            label { (w.map) " "
                select name="map" {
                    @for (day, said) in maps {
                        option value=(day.map(|d| d.to_string()).unwrap_or_default()) selected[v.map == day] { (said) }
                    }
                }
            }
            button type="submit" { (w.show) }
            a class="csv" href=(v.csv_href()) download { (w.csv) }
        }
    }
}

fn trail(s: &Shown) -> Markup {
    let w = s.view.lang.words();
    html! {
        nav aria-label="breadcrumb" class="trail" {
            ol {
                li { a href=(s.view.at(None).href()) { (w.country) } }
                @for (id, name) in s.trail {
                    li { a href=(s.view.at(Some(*id)).href()) aria-current=[(s.view.unit == Some(*id)).then_some("page")] { (name) } }
                }
            }
        }
    }
}

fn figures(s: &Shown) -> Markup {
    let v = s.view;
    let lang = v.lang;
    let w = lang.words();
    let r = s.report;
    let heading = r.unit.as_ref().map_or(w.country, |u| u.name.as_str());
    let drill = |row: &ChildRowOut| v.at(Some(row.unit.id)).href();
    html! {
        section aria-labelledby="figures" {
            h2 id="figures" { (heading) ": " (rate_said(lang, &r.total)) }
            p class="pair" { (lang.pair(v.pair)) " · " (lang.day(r.on)) }
            div class="overview" {
                @if r.unit.is_none() && !r.children.is_empty() {
                    figure class="tilemap" {
                        (tiles::map(lang, &r.children, v.map.unwrap_or(r.on), drill))
                        figcaption { (legend(lang)) }
                    }
                }
                table class="figures" {
                    caption { (heading) }
                    thead { tr {
                        th scope="col" { (w.unit) }
                        th scope="col" class="num" { (w.in_force) }
                        th scope="col" class="num" { (w.known) }
                        th scope="col" class="num" { (w.unified) }
                        th scope="col" { (w.rate) }
                        th scope="col" class="num" { (w.target) }
                        th scope="col" class="num" { (w.gap) }
                    } }
                    tbody {
                        @for row in &r.children {
                            tr { th scope="row" { a href=(drill(row)) { (row.unit.name) } } (cells(lang, &row.figures)) }
                        }
                    }
                    tfoot { tr { th scope="row" { (w.total) } (cells(lang, &r.total)) } }
                }
            }
            (not_unified(s))
        }
    }
}

fn cells(lang: Lang, f: &FiguresOut) -> Markup {
    let (fill, _) = tiles::band(f.rate);
    html! {
        td class="num" { (f.in_force) }
        td class="num" { (f.known) }
        td class="num" { (f.unified) }
        td class="bar" {
            @if let Some(rate) = f.rate {
                span class="meter" aria-hidden="true" {
                    span style={ "width:" (format!("{rate:.1}")) "%;background:" (fill) } {}
                    @if let Some(target) = f.target { span class="target" style={ "left:" (target) "%" } {} }
                }
            }
            span { (rate_said(lang, f)) }
        }
        td class="num" { @if let Some(t) = f.target { (t) "%" } @else { "–" } }
        td class="num" { @if let Some(g) = f.gap { (g) } @else { "–" } }
    }
}

fn rate_said(lang: Lang, f: &FiguresOut) -> String {
    match f.rate {
        Some(rate) => format!("{}/{} = {}", f.unified, f.known, lang.percent(rate)),
        None => lang.words().no_data.to_owned(),
    }
}

fn legend(lang: Lang) -> Markup {
    html! {
        span class="legend-title" { (lang.words().legend) ": " }
        @for (rate, label) in tiles::LEGEND {
            span class="legend" { span class="swatch" style={ "background:" (tiles::band(*rate).0) } {} (label) }
        }
    }
}

fn not_unified(s: &Shown) -> Markup {
    let lang = s.view.lang;
    let w = lang.words();
    let rows = &s.report.not_unified;
    html! {
        h3 { (w.not_unified) " (" (rows.len()) ")" }
        @if rows.is_empty() {
            p { (w.none_missing) }
        } @else {
            table class="list" {
                thead { tr { th scope="col" { (w.unit) } th scope="col" { (w.reason) } } }
                tbody {
                    @for n in rows {
                        tr { td { (n.name) } td { (lang.reason(n.reason)) } }
                    }
                }
            }
        }
    }
}

fn officeholders(lang: Lang, rows: &[OfficeholderOut]) -> Markup {
    let w = lang.words();
    html! {
        section aria-labelledby="officeholders" {
            h2 id="officeholders" { (w.officeholders) }
            table class="list" {
                thead { tr {
                    th scope="col" { (w.unit) }
                    th scope="col" { (w.post) }
                    th scope="col" { (w.person) }
                    th scope="col" { (w.since) }
                } }
                tbody {
                    @for o in rows {
                        tr {
                            td { @if let Some(u) = &o.unit { (u.name) } }
                            td { (lang.post(o.post)) }
                            td { (o.person.name) }
                            td { (lang.day(o.since)) }
                        }
                    }
                }
            }
        }
    }
}
