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
        .map_err(|_| {
            ApiError::invalid_parameter(
                "If-Match must be an ETag this service issued",
                "If-Match phải là một ETag do dịch vụ này cấp.",
            )
        })
}

/// Whether the request's `If-None-Match` matches `tag` (RFC 9110 §13.1.2: `*`, or any
/// listed tag by weak comparison).
fn holds(req: &HttpRequest, tag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(str::trim)
                .any(|t| t == "*" || t.trim_start_matches("W/") == tag)
        })
}

/// 304 when the caller already holds this version, else 200 with the body and its ETag.
pub fn respond<T: serde::Serialize>(req: &HttpRequest, version: i32, body: &T) -> HttpResponse {
    let tag = etag(version);
    if holds(req, &tag) {
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

/// 201 with `Location`, for a record that carries no version.
pub fn located<T: serde::Serialize>(location: String, body: &T) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(body)
}

/// How long a public list may be reused before asking again with `If-None-Match`.
pub const PUBLIC_CACHE: &str = "public, max-age=60";

/// A strong `ETag` for a body: a digest of its bytes.
pub fn digest(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Answers a public JSON body with its digest `tag` and a public cache policy; 304 when
/// the caller's `If-None-Match` names that digest.
pub fn respond_public(
    req: &HttpRequest,
    tag: &str,
    body: actix_web::web::Bytes,
    link: Option<&str>,
) -> HttpResponse {
    let fresh = holds(req, tag);
    let mut res = if fresh {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    res.insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, PUBLIC_CACHE))
        .insert_header((header::VARY, "Accept, Accept-Encoding"));
    if let Some(link) = link {
        res.insert_header((header::LINK, link));
    }
    if fresh {
        res.finish()
    } else {
        res.content_type("application/json").body(body)
    }
}
