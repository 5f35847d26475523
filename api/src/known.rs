//! `as_known_at`: a read of what the registry said at an instant, before the corrections
//! and changes recorded since (`dantin_persistence::Store::as_known_at`).

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use dantin_usecases::Store;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KnownAt {
    /// What the registry said at this instant (RFC 3339): the units, party organisations,
    /// persons, tenures and party statuses as recorded then, before the corrections and
    /// changes recorded since (elections, congresses, terms and rule sets as they are now).
    /// `on` picks the day the answer is about; `as_known_at` the moment it is asked of.
    /// Absent: as known now.
    #[param(value_type = Option<String>, format = DateTime, example = "2026-01-01T00:00:00Z")]
    pub as_known_at: Option<DateTime<FixedOffset>>,
}

impl KnownAt {
    /// The store whose reads answer as known at the instant asked for.
    pub fn view(&self, store: &web::Data<Store>) -> web::Data<Store> {
        match self.as_known_at {
            None => store.clone(),
            Some(at) => web::Data::new(store.as_known_at(Some(at.naive_utc()))),
        }
    }
}
