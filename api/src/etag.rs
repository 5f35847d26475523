//! Versions as entity tags: reads answer `ETag` and honour `If-None-Match` with 304;
//! updates take `If-Match` and answer 412 when another write came first.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

use crate::error::ApiError;

pub fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

/// The version an `If-Match` header names, if it names one.
pub fn if_match(req: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let Some(v) = req.headers().get(header::IF_MATCH) else {
        return Ok(None);
    };
    let v = v.to_str().unwrap_or("").trim();
    if v == "*" {
        return Ok(None);
    }
    v.trim_start_matches("W/")
        .trim_matches('"')
        .parse()
        .map(Some)
        .map_err(|_| ApiError::invalid_parameter("If-Match must be an ETag this service issued"))
}

/// 304 when the caller already holds this version, else 200 with the body and its ETag.
pub fn respond<T: serde::Serialize>(req: &HttpRequest, version: i32, body: &T) -> HttpResponse {
    let tag = etag(version);
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().trim_start_matches("W/") == tag || t.trim() == "*")
        });
    if fresh {
        HttpResponse::NotModified()
            .insert_header((header::ETAG, tag))
            .finish()
    } else {
        HttpResponse::Ok()
            .insert_header((header::ETAG, tag))
            .json(body)
    }
}

/// 201 with `Location` and the new version's ETag.
pub fn created<T: serde::Serialize>(location: String, version: i32, body: &T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .insert_header((header::ETAG, etag(version)))
        .json(body)
}
