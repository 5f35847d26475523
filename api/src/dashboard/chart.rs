//! The campaign of a term as a chart: villages with a head elected and cells with a
//! secretary elected, cumulative day by day, against the villages in scope; and the same
//! figures as a table.

use maud::{html, Markup};

use super::words::Lang;
use crate::routes::reports::ProgressOut;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 56.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 12.0;

pub fn campaign(lang: Lang, p: &ProgressOut) -> Markup {
    let w = lang.words();
    let (Some(first), Some(last)) = (p.days.first(), p.days.last()) else {
        return html! { p { (w.no_data) } };
    };
    let span = (last.date - first.date).num_days().max(1) as f64;
    let top = f64::from(p.villages_in_scope.max(1));
    let x = |d: chrono::NaiveDate| {
        LEFT + (d - first.date).num_days() as f64 / span * (WIDTH - LEFT - 8.0)
    };
    let y = |n: u32| TOP + (1.0 - f64::from(n) / top) * (HEIGHT - TOP - BOTTOM);
    // A step line: each day's count holds until the next day's.
    let steps = |count: &dyn Fn(usize) -> u32| {
        let mut d = format!("M{:.1},{:.1}", x(first.date), y(0));
        for (i, day) in p.days.iter().enumerate() {
            d += &format!(" H{:.1} V{:.1}", x(day.date), y(count(i)));
        }
        d
    };
    let heads = steps(&|i| p.days[i].head_elections.units_elected);
    let cells = steps(&|i| p.days[i].congresses.units_elected);
    let summary = format!(
        "{}: {}/{}; {}: {}/{}",
        w.head_elections,
        last.head_elections.units_elected,
        p.villages_in_scope,
        w.congresses,
        last.congresses.units_elected,
        p.villages_in_scope
    );
    html! {
        figure {
            svg class="chart" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-label=(summary) {
                line class="scope" x1=(LEFT) x2=(WIDTH - 8.0) y1=(y(p.villages_in_scope)) y2=(y(p.villages_in_scope)) {}
                line class="axis" x1=(LEFT) x2=(WIDTH - 8.0) y1=(y(0)) y2=(y(0)) {}
                line class="axis" x1=(LEFT) x2=(LEFT) y1=(TOP) y2=(y(0)) {}
                text class="tick" x=(LEFT - 6.0) y=(y(p.villages_in_scope) + 4.0) text-anchor="end" { (p.villages_in_scope) }
                text class="tick" x=(LEFT - 6.0) y=(y(0) + 4.0) text-anchor="end" { "0" }
                text class="tick" x=(LEFT) y=(HEIGHT - 8.0) { (lang.day(first.date)) }
                text class="tick" x=(WIDTH - 8.0) y=(HEIGHT - 8.0) text-anchor="end" { (lang.day(last.date)) }
                path class="heads" d=(heads) {}
                path class="cells" d=(cells) {}
            }
            figcaption {
                span class="key heads" {} (w.head_elections) " · "
                span class="key cells" {} (w.congresses) " · "
                span class="key scope" {} (w.in_scope) ": " (p.villages_in_scope)
            }
        }
        details {
            summary { (summary) }
            table {
                thead { tr {
                    th scope="col" { (w.date) }
                    th scope="col" class="num" { (w.head_elections) }
                    th scope="col" class="num" { (w.congresses) }
                } }
                tbody {
                    @for day in &p.days {
                        tr {
                            th scope="row" { (lang.day(day.date)) }
                            td class="num" { (day.head_elections.units_elected) }
                            td class="num" { (day.congresses.units_elected) }
                        }
                    }
                }
            }
        }
    }
}
