//! The write time of rows.

pub fn now() -> chrono::NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
