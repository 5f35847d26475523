//! `/health`: whether the service and its database answer.

use actix_web::{get, web, HttpResponse};
use dantin_usecases::Store;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::run;
use crate::error::{ApiError, CommonErrors};

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"status": "ok", "database": "sqlite"}))]
pub struct Health {
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
}

/// Health check
///
/// 200 when the database answers, 503 (a problem) when it does not.
#[utoipa::path(
    operation_id = "getHealth",
    tag = "health",
    security(),
    responses((status = 200, description = "Up", body = Health), CommonErrors)
)]
#[get("/health")]
pub async fn health(store: web::Data<Store>) -> Result<HttpResponse, ApiError> {
    let backend = store.backend();
    run(store, |s| s.ping()).await?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".to_owned(),
        database: backend.as_str().to_owned(),
    }))
}
