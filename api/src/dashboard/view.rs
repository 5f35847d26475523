//! What the dashboard shows, as its address holds it: the language, the unit, the day, the
//! term, the pair and the map. A form leaves its empty fields in the address (`on=`): an
//! empty field is no choice.

use chrono::NaiveDate;
use dantin_domain::pair::PostPair;
use dantin_domain::{calendar, TermId, UnitId};
use serde::Deserialize;

use super::words::Lang;
use crate::error::ApiError;

/// The last day of the map before the reform of 1/7/2025, and its first day.
pub const MAP_BEFORE: NaiveDate = day(2025, 6, 30);
pub const MAP_AFTER: NaiveDate = day(2025, 7, 1);

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => panic!("a real day"),
    }
}

/// The address's fields as given.
#[derive(Debug, Deserialize)]
pub struct ViewQuery {
    lang: Option<String>,
    unit: Option<String>,
    on: Option<String>,
    term: Option<String>,
    pair: Option<String>,
    map: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub lang: Lang,
    pub unit: Option<UnitId>,
    pub on: Option<NaiveDate>,
    pub term: Option<TermId>,
    pub pair: PostPair,
    pub map: Option<NaiveDate>,
}

/// A field's value, or none when absent or empty; 400 naming it when it cannot be read.
fn field<T: std::str::FromStr>(name: &str, value: &Option<String>) -> Result<Option<T>, ApiError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            ApiError::invalid_parameter(
                format!("`{name}` cannot be read"),
                format!("Không đọc được `{name}`."),
            )
        }),
    }
}

fn held(name: &str, value: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    field::<NaiveDate>(name, value)?
        .map(|d| {
            calendar::check_held(d).map_err(|why| {
                ApiError::invalid_parameter(
                    format!("`{name}`: {why}"),
                    format!("`{name}` nằm ngoài khoảng ngày được phép."),
                )
            })
        })
        .transpose()
}

impl View {
    pub fn read(q: &ViewQuery) -> Result<Self, ApiError> {
        Ok(Self {
            lang: if q.lang.as_deref() == Some("en") {
                Lang::En
            } else {
                Lang::Vi
            },
            unit: field::<i64>("unit", &q.unit)?.map(UnitId),
            on: held("on", &q.on)?,
            term: field::<i64>("term", &q.term)?.map(TermId),
            pair: field("pair", &q.pair)?.unwrap_or(PostPair::Village),
            map: held("map", &q.map)?,
        })
    }

    /// The same view in another language.
    pub fn with_lang(&self, lang: Lang) -> Self {
        Self {
            lang,
            ..self.clone()
        }
    }

    /// The same view of another unit (`None`: the country).
    pub fn at(&self, unit: Option<UnitId>) -> Self {
        Self {
            unit,
            ..self.clone()
        }
    }

    fn query(&self) -> String {
        let mut parts = Vec::new();
        if self.lang == Lang::En {
            parts.push("lang=en".to_owned());
        }
        if let Some(unit) = self.unit {
            parts.push(format!("unit={unit}"));
        }
        if let Some(on) = self.on {
            parts.push(format!("on={on}"));
        }
        if let Some(term) = self.term {
            parts.push(format!("term={term}"));
        }
        if self.pair != PostPair::Village {
            parts.push(format!("pair={}", self.pair.as_str()));
        }
        if let Some(map) = self.map {
            parts.push(format!("map={map}"));
        }
        parts.join("&")
    }

    /// The page's address for this view.
    pub fn href(&self) -> String {
        match self.query() {
            q if q.is_empty() => "/".to_owned(),
            q => format!("/?{q}"),
        }
    }

    /// The figures shown, as CSV.
    pub fn csv_href(&self) -> String {
        format!("/dashboard.csv?{}", self.query())
    }
}
