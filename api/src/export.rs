//! Lists as CSV or NDJSON for bulk pulls, streamed a page at a time so that a whole
//! country's rows never sit in memory at once.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use dantin_usecases::Store;
use futures_util::stream;
use serde::Serialize;

use crate::db::run;
use crate::error::ApiError;

pub const CSV: &str = "text/csv; charset=utf-8";
pub const NDJSON: &str = "application/x-ndjson";

/// Rows per chunk of a streamed export.
pub const EXPORT_PAGE: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Ndjson,
}

/// The representation the `Accept` header asks for: CSV, NDJSON, or JSON by default.
pub fn format_of(req: &HttpRequest) -> Format {
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if accept.contains("text/csv") {
        Format::Csv
    } else if accept.contains("ndjson") {
        Format::Ndjson
    } else {
        Format::Json
    }
}

/// Rows as CSV (with the header line when `header` is set) or as one JSON object a line.
pub fn encode<R: Serialize>(format: Format, rows: &[R], header: bool) -> Result<Vec<u8>, ApiError> {
    match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .has_headers(header)
                .from_writer(Vec::new());
            for row in rows {
                w.serialize(row)
                    .map_err(|e| ApiError::internal(format!("CSV encoding: {e}")))?;
            }
            w.into_inner()
                .map_err(|e| ApiError::internal(format!("CSV encoding: {e}")))
        }
        Format::Ndjson | Format::Json => {
            let mut out = Vec::new();
            for row in rows {
                serde_json::to_writer(&mut out, row)
                    .map_err(|e| ApiError::internal(e.to_string()))?;
                out.push(b'\n');
            }
            Ok(out)
        }
    }
}

/// The cursor after a full chunk of `EXPORT_PAGE` rows; `None` after the last.
pub fn next_after<R>(rows: &[R], id: impl Fn(&R) -> i64) -> Option<i64> {
    (rows.len() == EXPORT_PAGE)
        .then(|| rows.last().map(id))
        .flatten()
}

/// One page of a bulk pull: the rows and the cursor after them (`None` at the end).
pub type Chunk<R> = (Vec<R>, Option<i64>);

/// Streams every row `fetch` yields, page after page, in `format`.
pub fn stream<R, F>(store: web::Data<Store>, format: Format, fetch: F) -> HttpResponse
where
    R: Serialize + Send + 'static,
    F: Fn(&Store, Option<i64>) -> Result<Chunk<R>, ApiError> + Send + Sync + Clone + 'static,
{
    struct State<F> {
        after: Option<i64>,
        first: bool,
        done: bool,
        fetch: F,
    }
    let body = stream::unfold(
        State {
            after: None,
            first: true,
            done: false,
            fetch,
        },
        move |st| {
            let store = store.clone();
            async move {
                if st.done {
                    return None;
                }
                let fetch = st.fetch.clone();
                let after = st.after;
                let chunk = run(store, move |s| fetch(s, after)).await;
                let (bytes, next) = match chunk
                    .and_then(|(rows, next)| Ok((encode(format, &rows, st.first)?, next)))
                {
                    Ok(ok) => ok,
                    Err(e) => {
                        log::error!("export stream stopped: {e}");
                        let done = State { done: true, ..st };
                        return Some((
                            Err(actix_web::error::ErrorInternalServerError("export failed")),
                            done,
                        ));
                    }
                };
                let state = State {
                    after: next,
                    first: false,
                    done: next.is_none(),
                    fetch: st.fetch,
                };
                Some((Ok::<_, actix_web::Error>(web::Bytes::from(bytes)), state))
            }
        },
    );
    HttpResponse::Ok()
        .content_type(if format == Format::Csv { CSV } else { NDJSON })
        .streaming(body)
}
