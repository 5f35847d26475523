//! The country as a tile map (a grid cartogram): one square per province, placed roughly
//! where it lies, coloured by its rate. Two layouts by official code: the 63 provinces
//! before the reform of 1/7/2025 and the 34 after it. A province whose code neither layout
//! places (a test's own map) gets a tile in a row below.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::words::Lang;
use crate::routes::reports::ChildRowOut;

/// Where a province's tile sits: code, row, column and the letters on it.
type Tile = (&'static str, u16, u16, &'static str);

/// The 63 provinces of the map before 1/7/2025.
#[rustfmt::skip]
const BEFORE_2025: &[Tile] = &[
    ("12", 0, 1, "LC"), ("10", 0, 2, "LCa"), ("02", 0, 3, "HG"), ("04", 0, 4, "CB"),
    ("11", 1, 0, "ĐB"), ("15", 1, 2, "YB"), ("08", 1, 3, "TQ"), ("06", 1, 4, "BK"),
    ("20", 1, 5, "LS"), ("14", 2, 1, "SL"), ("25", 2, 2, "PT"), ("19", 2, 3, "TN"),
    ("24", 2, 4, "BG"), ("22", 2, 5, "QN"), ("17", 3, 1, "HB"), ("26", 3, 2, "VP"),
    ("01", 3, 3, "HN"), ("27", 3, 4, "BN"), ("30", 3, 5, "HD"), ("31", 3, 6, "HP"),
    ("37", 4, 2, "NB"), ("35", 4, 3, "HNa"), ("33", 4, 4, "HY"), ("34", 4, 5, "TB"),
    ("38", 5, 2, "TH"), ("36", 5, 3, "NĐ"), ("40", 6, 2, "NA"), ("42", 7, 3, "HT"),
    ("44", 8, 3, "QB"), ("45", 9, 3, "QT"), ("46", 10, 3, "Huế"), ("48", 10, 4, "ĐN"),
    ("49", 11, 4, "QNa"), ("62", 12, 3, "KT"), ("51", 12, 4, "QNg"), ("64", 13, 3, "GL"),
    ("52", 13, 4, "BĐ"), ("66", 14, 3, "ĐL"), ("54", 14, 4, "PY"), ("67", 15, 2, "ĐNo"),
    ("68", 15, 3, "LĐ"), ("56", 15, 4, "KH"), ("70", 16, 1, "BP"), ("74", 16, 2, "BD"),
    ("75", 16, 3, "ĐNa"), ("58", 16, 4, "NT"), ("72", 17, 1, "TNi"), ("79", 17, 2, "HCM"),
    ("77", 17, 3, "BR"), ("60", 17, 4, "BTh"), ("89", 18, 0, "AG"), ("87", 18, 1, "ĐT"),
    ("80", 18, 2, "LA"), ("82", 18, 3, "TG"), ("91", 19, 0, "KG"), ("92", 19, 1, "CT"),
    ("86", 19, 2, "VL"), ("83", 19, 3, "BT"), ("93", 20, 1, "HậG"), ("94", 20, 2, "ST"),
    ("84", 20, 3, "TV"), ("96", 21, 0, "CM"), ("95", 21, 1, "BL"),
];

/// The 34 provinces from 1/7/2025.
#[rustfmt::skip]
const FROM_2025: &[Tile] = &[
    ("12", 0, 1, "LC"), ("15", 0, 2, "LCa"), ("08", 0, 3, "TQ"), ("04", 0, 4, "CB"),
    ("11", 1, 0, "ĐB"), ("14", 1, 1, "SL"), ("25", 1, 2, "PT"), ("19", 1, 3, "TN"),
    ("20", 1, 4, "LS"), ("01", 2, 2, "HN"), ("24", 2, 3, "BN"), ("22", 2, 4, "QN"),
    ("37", 3, 2, "NB"), ("33", 3, 3, "HY"), ("31", 3, 4, "HP"), ("38", 4, 2, "TH"),
    ("40", 5, 2, "NA"), ("42", 6, 3, "HT"), ("44", 7, 3, "QT"), ("46", 8, 3, "Huế"),
    ("48", 9, 4, "ĐN"), ("51", 10, 4, "QNg"), ("52", 11, 4, "GL"), ("66", 12, 4, "ĐL"),
    ("68", 13, 3, "LĐ"), ("56", 13, 4, "KH"), ("80", 14, 1, "TNi"), ("79", 14, 2, "HCM"),
    ("75", 14, 3, "ĐNa"), ("91", 15, 0, "AG"), ("82", 15, 1, "ĐT"), ("86", 15, 2, "VL"),
    ("96", 16, 0, "CM"), ("92", 16, 1, "CT"),
];

/// The day the 34-province layout replaces the 63-province one.
const REFORM: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 1) {
    Some(day) => day,
    None => panic!("a real day"),
};

const SIZE: u16 = 44;
const STEP: u16 = 48;

/// The colour band of a rate, from none to all: its fill, and whether text on it is light.
pub fn band(rate: Option<f64>) -> (&'static str, bool) {
    match rate {
        None => ("#e0e0e0", false),
        Some(r) if r >= 100.0 => ("#08306b", true),
        Some(r) if r >= 90.0 => ("#2171b5", true),
        Some(r) if r >= 75.0 => ("#6baed6", false),
        Some(r) if r >= 50.0 => ("#c6dbef", false),
        Some(_) => ("#fde0c5", false),
    }
}

/// The bands, for the legend: a sample rate of each and its label.
pub const LEGEND: &[(Option<f64>, &str)] = &[
    (Some(100.0), "100%"),
    (Some(90.0), "90–99,9%"),
    (Some(75.0), "75–89,9%"),
    (Some(50.0), "50–74,9%"),
    (Some(0.0), "< 50%"),
    (None, "–"),
];

/// The provinces of `rows` on the tile map of the map day `map_day`; `link` gives each
/// province's drill-down address.
pub fn map(
    lang: Lang,
    rows: &[ChildRowOut],
    map_day: NaiveDate,
    link: impl Fn(&ChildRowOut) -> String,
) -> Markup {
    let layout = if map_day < REFORM {
        BEFORE_2025
    } else {
        FROM_2025
    };
    let bottom = layout.iter().map(|t| t.1).max().unwrap_or(0) + 1;
    let mut spare = 0;
    let placed: Vec<(&ChildRowOut, u16, u16, String)> = rows
        .iter()
        .map(|row| {
            let code = row.unit.code.as_deref().unwrap_or("");
            match layout.iter().find(|t| t.0 == code) {
                Some(&(_, r, c, letters)) => (row, r, c, letters.to_owned()),
                None => {
                    spare += 1;
                    let letters: String = row.unit.name.chars().take(3).collect();
                    (row, bottom + 1 + (spare - 1) / 7, (spare - 1) % 7, letters)
                }
            }
        })
        .collect();
    let width = placed.iter().map(|p| p.2).max().unwrap_or(0) * STEP + SIZE;
    let height = placed.iter().map(|p| p.1).max().unwrap_or(0) * STEP + SIZE;
    let words = lang.words();
    html! {
        svg class="tiles" viewBox={ "0 0 " (width) " " (height) } width=(width) height=(height)
            role="group" aria-label=(words.tile_map) {
            @for (row, r, c, letters) in &placed {
                @let (fill, light) = band(row.figures.rate);
                @let said = format!("{}: {}", row.unit.name, figures(lang, row));
                // Named by its title ("Tỉnh Quảng Ninh: 74/74 = 100%"), which is also
                // what hovering shows; the letters on the tile are only for the eye.
                a href=(link(row)) {
                    title { (said) }
                    rect x=(c * STEP) y=(r * STEP) width=(SIZE) height=(SIZE) rx="4" fill=(fill) {}
                    text aria-hidden="true" x=(c * STEP + SIZE / 2) y=(r * STEP + 18) class={ "tile-name" @if light { " light" } } { (letters) }
                    text aria-hidden="true" x=(c * STEP + SIZE / 2) y=(r * STEP + 34) class={ "tile-rate" @if light { " light" } } {
                        @match row.figures.rate { Some(rate) => (format!("{rate:.0}")), None => "–" }
                    }
                }
            }
        }
    }
}

/// "74/74 = 100%", or that nothing is known yet.
pub fn figures(lang: Lang, row: &ChildRowOut) -> String {
    match row.figures.rate {
        Some(rate) => format!(
            "{}/{} = {}",
            row.figures.unified,
            row.figures.known,
            lang.percent(rate)
        ),
        None => lang.words().no_data.to_owned(),
    }
}
