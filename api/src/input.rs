//! How request fields of two common shapes are read, for serde's `deserialize_with`: days
//! the registry holds (`dantin_domain::calendar`), and names in their normal form
//! (`dantin_domain::text`), and kinds of unit as the official lists write them
//! (`dantin_domain::unit_kind`). A value that is neither answers 422 naming its field (400 in a
//! query string), and nothing is stored.

use chrono::NaiveDate;
use dantin_domain::cell_meeting::Month;
use dantin_domain::unit::UnitKind;
use dantin_domain::{calendar, text, unit_kind};
use serde::de::Error;
use serde::{Deserialize, Deserializer};

fn held<E: Error>(day: NaiveDate) -> Result<NaiveDate, E> {
    calendar::check_held(day).map_err(E::custom)
}

fn read_kind<E: Error>(word: &str) -> Result<UnitKind, E> {
    unit_kind::read_word(word).map_err(|v| E::custom(v.detail))
}

fn normal<E: Error>(raw: String) -> Result<String, E> {
    text::normalize(&raw).map_err(|why| E::custom(format!("the text {why}")))
}

/// A day from 1900-01-01 to 2199-12-31.
pub fn day<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    held(NaiveDate::deserialize(d)?)
}

/// An optional day (with `#[serde(default)]`).
pub fn day_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<NaiveDate>::deserialize(d)?.map(held).transpose()
}

/// A day that a `null` clears (with `#[serde(default)]`): absent is `None`.
pub fn day_patch<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<NaiveDate>>, D::Error> {
    day_opt(d).map(Some)
}

/// A month, `YYYY-MM`, of the years 1900 to 2199.
pub fn month<'de, D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
    let raw = String::deserialize(d)?;
    raw.parse()
        .map_err(|()| D::Error::custom(format!("`{raw}` is not a month YYYY-MM (1900-2199)")))
}

/// A name, composed and trimmed, with no control, bidirectional or only invisible
/// characters.
pub fn name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    normal(String::deserialize(d)?)
}

/// An optional name (with `#[serde(default)]`).
pub fn name_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)?.map(normal).transpose()
}

/// A name that a `null` clears (with `#[serde(default)]`): absent is `None`.
pub fn name_patch<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    name_opt(d).map(Some)
}

/// An optional kind of unit (with `#[serde(default)]`): the slug or the Vietnamese word.
pub fn kind_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<UnitKind>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|word| read_kind(&word))
        .transpose()
}

/// A kind of unit: the slug or the Vietnamese word.
pub fn kind<'de, D: Deserializer<'de>>(d: D) -> Result<UnitKind, D::Error> {
    read_kind(&String::deserialize(d)?)
}
