//! Scans of the paper minutes of head elections and congresses (rule 23): attached as the
//! file itself (`application/pdf`, `image/png` or `image/jpeg`, up to 10 MiB), listed by
//! their record, read back byte for byte. Private: admins, auditors and the area's
//! officers.

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use dantin_domain::minutes::{ScanType, MAX_SCAN_BYTES};
use dantin_domain::{CongressId, HeadElectionId, ScanId};
use dantin_usecases::minutes::{self, MinuteOf, Scan};
use dantin_usecases::Store;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, WriteErrors};
use crate::etag;
use crate::extract::body_bytes;
use crate::problem::Kind;

/// A scanned file, as sent or kept: the spec's `string` of format `binary`.
pub struct ScanFile;

impl utoipa::PartialSchema for ScanFile {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some("The scanned file: a PDF, PNG or JPEG file."))
            .examples(["%PDF-1.4\n% Biên bản bầu trưởng thôn\n%%EOF\n"])
            .into()
    }
}

impl ToSchema for ScanFile {}

/// A scan as listed: what it is, never its bytes.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "head_election_id": 3, "congress_id": null, "media_type": "application/pdf",
    "size": 48213, "sha256": "9f2c1e0b5f0e4b8a7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170a",
    "attached_at": "2026-12-04T03:00:00Z"
}))]
pub struct ScanOut {
    pub id: ScanId,
    pub head_election_id: Option<HeadElectionId>,
    pub congress_id: Option<CongressId>,
    pub media_type: ScanType,
    /// In bytes.
    pub size: i32,
    /// The file's SHA-256 in hex, as the audit trail records it.
    pub sha256: String,
    pub attached_at: DateTime<Utc>,
}

impl From<Scan> for ScanOut {
    fn from(s: Scan) -> Self {
        let at: NaiveDateTime = s.created_at;
        Self {
            id: s.id,
            head_election_id: s.head_election_id,
            congress_id: s.congress_id,
            media_type: s.media_type,
            size: s.size,
            sha256: s.sha256,
            attached_at: at.and_utc(),
        }
    }
}

/// The media type the request declares, if it is one a scan may be; else 415.
fn declared(req: &HttpRequest) -> Result<ScanType, ApiError> {
    let media = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .and_then(|m| m.trim().to_ascii_lowercase().parse::<ScanType>().ok());
    media.ok_or_else(|| {
        ApiError::new(
            Kind::UnsupportedMediaType,
            "send the scan as application/pdf, image/png or image/jpeg",
            "Hãy gửi bản quét dạng application/pdf, image/png hoặc image/jpeg.",
        )
    })
}

async fn attach(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    mut payload: web::Payload,
    of: MinuteOf,
) -> Result<HttpResponse, ApiError> {
    let media = declared(&req)?;
    let file = body_bytes(&req, &mut payload, MAX_SCAN_BYTES).await?;
    let caller = user.keeping(attached);
    let scan = run(store, move |s| {
        minutes::attach(s, &caller, of, media, &file)
    })
    .await?;
    Ok(attached(scan))
}

async fn list(
    user: AuthUser,
    store: web::Data<Store>,
    of: MinuteOf,
) -> Result<HttpResponse, ApiError> {
    let scans = run(store, move |s| minutes::list(s, &user.caller, of)).await?;
    let out: Vec<ScanOut> = scans.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().json(out))
}

/// 201 with the scan as listed, and where to read its file.
fn attached(scan: Scan) -> HttpResponse {
    etag::located(format!("/api/v1/minutes/{}", scan.id), &ScanOut::from(scan))
}

/// Attach a scan of a head election's minutes
///
/// The body is the file itself, sent as `application/pdf`, `image/png` or `image/jpeg`
/// (else 415), at most 10 MiB (else 413). Its type is read from its bytes
/// (`scan_type`); its SHA-256 goes into the audit trail.
#[utoipa::path(
    operation_id = "attachHeadElectionMinutes",
    tag = "elections",
    params(("id" = i64, Path, description = "The head election's id")),
    request_body(content(
        (ScanFile = "application/pdf"), (ScanFile = "image/png"), (ScanFile = "image/jpeg")
    )),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Attached", body = ScanOut, headers(("Location" = String))),
        AuthErrors, NotFoundError, WriteErrors, CommonErrors
    )
)]
#[post("/head-elections/{id}/minutes")]
pub async fn attach_to_head_election(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    payload: web::Payload,
    id: web::Path<HeadElectionId>,
) -> Result<HttpResponse, ApiError> {
    let of = MinuteOf::HeadElection(id.into_inner());
    attach(req, user, store, payload, of).await
}

/// List the scans of a head election's minutes
#[utoipa::path(
    operation_id = "listHeadElectionMinutes",
    tag = "elections",
    params(("id" = i64, Path, description = "The head election's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The scans, in the order attached", body = Vec<ScanOut>),
        AuthErrors, NotFoundError, CommonErrors
    )
)]
#[get("/head-elections/{id}/minutes")]
pub async fn list_of_head_election(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<HeadElectionId>,
) -> Result<HttpResponse, ApiError> {
    list(user, store, MinuteOf::HeadElection(id.into_inner())).await
}

/// Attach a scan of a congress's minutes
///
/// As for a head election's.
#[utoipa::path(
    operation_id = "attachCongressMinutes",
    tag = "elections",
    params(("id" = i64, Path, description = "The congress's id")),
    request_body(content(
        (ScanFile = "application/pdf"), (ScanFile = "image/png"), (ScanFile = "image/jpeg")
    )),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Attached", body = ScanOut, headers(("Location" = String))),
        AuthErrors, NotFoundError, WriteErrors, CommonErrors
    )
)]
#[post("/congresses/{id}/minutes")]
pub async fn attach_to_congress(
    req: HttpRequest,
    user: AuthUser,
    store: web::Data<Store>,
    payload: web::Payload,
    id: web::Path<CongressId>,
) -> Result<HttpResponse, ApiError> {
    let of = MinuteOf::Congress(id.into_inner());
    attach(req, user, store, payload, of).await
}

/// List the scans of a congress's minutes
#[utoipa::path(
    operation_id = "listCongressMinutes",
    tag = "elections",
    params(("id" = i64, Path, description = "The congress's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The scans, in the order attached", body = Vec<ScanOut>),
        AuthErrors, NotFoundError, CommonErrors
    )
)]
#[get("/congresses/{id}/minutes")]
pub async fn list_of_congress(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<CongressId>,
) -> Result<HttpResponse, ApiError> {
    list(user, store, MinuteOf::Congress(id.into_inner())).await
}

/// Read a scan's file
///
/// The file as it was received, with its media type and its SHA-256 as the `ETag`.
#[utoipa::path(
    operation_id = "getMinutesScan",
    tag = "elections",
    params(("id" = i64, Path, description = "The scan's id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The file",
            content((ScanFile = "application/pdf"), (ScanFile = "image/png"), (ScanFile = "image/jpeg")),
            headers(("ETag" = String))),
        AuthErrors, NotFoundError, CommonErrors
    )
)]
#[get("/minutes/{id}")]
pub async fn download(
    user: AuthUser,
    store: web::Data<Store>,
    id: web::Path<ScanId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (scan, content) = run(store, move |s| minutes::file(s, &user.caller, id)).await?;
    Ok(HttpResponse::Ok()
        .content_type(scan.media_type.as_str())
        .insert_header((header::ETAG, format!("\"{}\"", scan.sha256)))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .body(content))
}
