//! Request bodies and query strings, read so that every failure is a precise problem:
//! malformed JSON is 400, a value of the wrong form is 422 naming its field, a body over
//! the limit is 413, and a body that is not JSON is 415.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use validator::Validate;

use dantin_domain::minutes::MAX_SCAN_BYTES;

use crate::error::{ApiError, Failure};
use crate::problem::Kind;
use crate::server::Timeouts;
use crate::wording::Detail;

/// Bodies up to this size are read; the bulk endpoints allow more (`IMPORT_LIMIT`).
const BODY_LIMIT: usize = 256 * 1024;
/// A whole country's units (~110,000 rows) or officeholders (~180,000) as JSON or CSV, or
/// a national reform.
pub const IMPORT_LIMIT: usize = 64 * 1024 * 1024;
/// The endpoints whose bodies may hold a whole country.
const BULK_PATHS: &[&str] = &[
    "/api/v1/units/import",
    "/api/v1/appointments/import",
    "/api/v1/reorganizations",
];

/// How large a body the request's path may send: a scan of minutes up to
/// `MAX_SCAN_BYTES`.
pub fn body_limit(path: &str) -> usize {
    if BULK_PATHS.contains(&path) {
        IMPORT_LIMIT
    } else if path.ends_with("/minutes") {
        MAX_SCAN_BYTES
    } else {
        BODY_LIMIT
    }
}

/// A JSON body, deserialized and validated.
pub struct Json<T>(pub T);

/// Reads the raw body of the request, refusing it once it passes `limit` bytes (also
/// when `Content-Length` announces more, before reading anything).
pub async fn body_bytes<S>(
    req: &HttpRequest,
    payload: &mut S,
    limit: usize,
) -> Result<web::BytesMut, ApiError>
where
    S: futures_util::Stream<Item = Result<web::Bytes, actix_web::error::PayloadError>> + Unpin,
{
    let too_large = || {
        ApiError::new(
            Kind::PayloadTooLarge,
            format!("the body is larger than {limit} bytes"),
            format!("Nội dung yêu cầu lớn hơn {limit} byte."),
        )
    };
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let timeouts = req
        .app_data::<web::Data<Timeouts>>()
        .map(|t| ***t)
        .unwrap_or_default();
    let deadline = if limit > BODY_LIMIT {
        timeouts.body * 10
    } else {
        timeouts.body
    };
    let read = async {
        let mut body = web::BytesMut::with_capacity(announced.unwrap_or(0).min(limit));
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| {
                ApiError::new(
                    Kind::BadRequest,
                    "the body could not be read",
                    "Không đọc được nội dung yêu cầu.",
                )
            })?;
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    };
    // A body that trickles, or stops, would hold its connection for ever.
    actix_web::rt::time::timeout(deadline, read)
        .await
        .map_err(|_| {
            ApiError::new(
                Kind::RequestTimeout,
                format!("the body did not arrive within {} s", deadline.as_secs()),
                format!(
                    "Nội dung yêu cầu không đến kịp trong {} giây.",
                    deadline.as_secs()
                ),
            )
        })?
}

pub fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| {
            let m = m.trim().to_ascii_lowercase();
            m == "application/json" || m.ends_with("+json")
        })
        .unwrap_or(false)
}

/// Whether a bulk body is CSV (`text/csv`) rather than JSON; any other type is 415.
pub fn is_csv_else_json(req: &HttpRequest) -> Result<bool, ApiError> {
    let is_csv = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("text/csv"));
    if is_csv || is_json(req) {
        Ok(is_csv)
    } else {
        Err(ApiError::new(
            Kind::UnsupportedMediaType,
            "send the body as application/json or text/csv",
            "Hãy gửi nội dung dạng application/json hoặc text/csv.",
        ))
    }
}

/// Reads CSV rows (a header row naming the columns) as `T`, each turned into the row `R`
/// by `into` and validated; every row whose fields fail, by its 0-based index and field,
/// is listed, not just the first.
pub fn parse_csv<T: DeserializeOwned, R: Validate>(
    bytes: &[u8],
    into: impl Fn(T) -> Result<R, Vec<Failure>>,
) -> Result<Vec<R>, ApiError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = reader.headers().cloned().unwrap_or_default();
    let mut rows = Vec::new();
    let mut invalid = Vec::new();
    let in_row = |i: usize| {
        move |item: Failure| Failure {
            index: Some(i),
            ..item
        }
    };
    for (i, record) in reader.deserialize::<T>().enumerate() {
        let row = match record.map(&into) {
            Ok(Ok(row)) => row,
            Ok(Err(items)) => {
                invalid.extend(items.into_iter().map(in_row(i)));
                continue;
            }
            // A field of the wrong form (a name with a control character, say) is named
            // like a JSON body's; a file that is not CSV at all is malformed.
            Err(e) => match e.kind() {
                csv::ErrorKind::Deserialize { err, .. } => {
                    let field = err
                        .field()
                        .and_then(|f| headers.get(f as usize))
                        .map(str::to_owned);
                    invalid.push(Failure {
                        index: Some(i),
                        ..wrong_form(field, err.to_string())
                    });
                    continue;
                }
                _ => {
                    return Err(ApiError::new(
                        Kind::BadRequest,
                        format!("CSV row {i} cannot be read: {e}"),
                        format!("Không đọc được dòng CSV thứ {i} (đếm từ 0)."),
                    ))
                }
            },
        };
        match row.validate() {
            Ok(()) => rows.push(row),
            Err(e) => invalid.extend(ApiError::from(e).errors.into_iter().map(in_row(i))),
        }
    }
    if invalid.is_empty() {
        Ok(rows)
    } else {
        Err(ApiError::fields_invalid(invalid))
    }
}

/// A field whose value is not of the form it needs: `why` is the reader's own account.
fn wrong_form(field: Option<String>, why: String) -> Failure {
    let vi = match &field {
        Some(path) => format!("`{path}` có giá trị sai kiểu hoặc sai định dạng."),
        None => "Một ô có giá trị sai kiểu hoặc sai định dạng.".to_owned(),
    };
    Failure {
        field,
        index: None,
        rule: "format".to_owned(),
        detail: Detail::new(why, vi),
    }
}

fn not_json(e: &serde_json::Error) -> ApiError {
    ApiError::new(
        Kind::BadRequest,
        format!("the body is not valid JSON: {e}"),
        format!(
            "Nội dung không phải JSON hợp lệ (dòng {}, cột {}).",
            e.line(),
            e.column()
        ),
    )
}

/// Deserializes JSON, naming the field that was wrong.
pub fn parse_json<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() {
            ApiError::new(
                Kind::ValidationFailed,
                "a field has a value of the wrong form",
                "Một trường dữ liệu có giá trị sai kiểu hoặc sai định dạng.",
            )
            .with_errors(vec![wrong_form(Some(path), inner.to_string())])
        } else {
            not_json(&inner)
        }
    })?;
    de.end().map_err(|e| not_json(&e))?;
    value.validate()?;
    Ok(value)
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json(&req) {
                return Err(ApiError::new(
                    Kind::UnsupportedMediaType,
                    "send the body as application/json",
                    "Hãy gửi nội dung dạng application/json.",
                ));
            }
            let bytes = body_bytes(&req, &mut payload, body_limit(req.path())).await?;
            parse_json(&bytes).map(Json)
        })
    }
}
