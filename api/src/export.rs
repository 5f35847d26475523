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
                w.serialize(row).map_err(csv_error)?;
            }
            let plain = w.into_inner().map_err(|e| csv_error(e.into_error()))?;
            spreadsheet_safe(&plain)
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

fn csv_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::internal(format!("CSV encoding: {e}"))
}

/// A cell as a spreadsheet may open it without running it (OWASP, "CSV injection"): one
/// that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
/// formula, so it is quoted with a leading `'`; control characters (which the registry no
/// longer accepts, but older rows may hold) are dropped.
fn safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let formula = |text: &str| text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !formula(cell) && !cell.chars().any(char::is_control) {
        return cell.into();
    }
    let text: String = cell.chars().filter(|c| !c.is_control()).collect();
    if formula(cell) || formula(&text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The CSV `plain` (as serde wrote it) with every cell made spreadsheet-safe.
fn spreadsheet_safe(plain: &[u8]) -> Result<Vec<u8>, ApiError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(plain);
    let mut w = csv::Writer::from_writer(Vec::new());
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        w.write_record(record.iter().map(|cell| safe_cell(cell).into_owned()))
            .map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| csv_error(e.into_error()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_quoted_and_controls_dropped() {
        for (cell, safe) in [
            ("Thôn Khe Tâm", "Thôn Khe Tâm"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'=1"),
            ("Khu\u{1b}[31m 6", "Khu[31m 6"),
            ("2020-01-05", "2020-01-05"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(cell), safe, "{cell:?}");
        }
    }
}
