//! The HTTP layer of dantin: actix-web routes over the domain and persistence crates,
//! problem+json errors, bearer-token auth, and the OpenAPI document.

pub mod app;
pub mod auth;
mod dashboard;
mod data_version;
pub mod db;
mod double_option;
pub mod error;
mod etag;
mod export;
mod extract;
mod framework_errors;
mod idempotency;
mod input;
mod known;
pub mod log_key;
pub mod metrics;
pub mod middleware;
pub mod official_map;
pub mod openapi;
mod pagination;
pub mod problem;
mod read_cache;
pub mod routes;
pub mod server;
pub mod throttle;
pub mod webhooks;
pub mod wording;

pub use app::{Application, Settings};
