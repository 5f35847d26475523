//! "In force on a day", as SQL (a Diesel expression, or text for the statements written as
//! text): the same test as `dantin_domain::validity::Validity::contains` (from inclusive,
//! to exclusive, open-ended when `to` is null), for any pair of columns.

use chrono::NaiveDate;
use diesel::dsl;
use diesel::prelude::*;
use diesel::sql_types::{Date, Nullable};

/// The condition that a row whose validity is `from`..`to` is in force on `day`.
pub type InForce<F, T> =
    dsl::And<dsl::LtEq<F, NaiveDate>, dsl::Or<dsl::IsNull<T>, dsl::Gt<T, NaiveDate>>>;

/// Rows whose validity (`from` inclusive, `to` exclusive or null) holds `day`.
pub fn in_force_on<F, T>(from: F, to: T, day: NaiveDate) -> InForce<F, T>
where
    F: Expression<SqlType = Date>,
    T: Expression<SqlType = Nullable<Date>> + Copy,
{
    from.le(day).and(to.is_null().or(to.gt(day)))
}

/// Rows still in force on or after `day` (never ended, or ended after it).
pub fn in_force_from<T>(to: T, day: NaiveDate) -> dsl::Or<dsl::IsNull<T>, dsl::Gt<T, NaiveDate>>
where
    T: Expression<SqlType = Nullable<Date>> + Copy,
{
    to.is_null().or(to.gt(day))
}

/// The same test as SQL text, for statements written as text: rows of the table under
/// `alias` in force on `day`. The day is written by chrono as YYYY-MM-DD: only digits
/// and dashes enter the statement.
pub fn in_force_sql(alias: &str, day: NaiveDate) -> String {
    format!("{alias}.valid_from <= '{day}' AND ({alias}.valid_to IS NULL OR {alias}.valid_to > '{day}')")
}

/// Declares a tuple of columns read "as of a day" (a row's identity and life joined to its
/// version in force) and its type, from one list.
macro_rules! columns {
    ($(#[$doc:meta])* $name:ident: $ty:ident = ($($column:path),+ $(,)?)) => {
        type $ty = ($($column,)+);
        $(#[$doc])*
        const $name: $ty = ($($column,)+);
    };
}
pub(crate) use columns;
