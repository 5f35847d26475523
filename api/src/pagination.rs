//! Cursor pages: `limit` (1 to 500, default 50) and an opaque `cursor`; the next page is in
//! the body (`next_cursor`) and in a `Link: <...>; rel="next"` header.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use dantin_usecases::{Store, Window};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::run;
use crate::error::ApiError;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

/// Where a page starts and how long it is.
#[derive(Debug, Clone, Copy)]
pub struct Pager {
    pub limit: i64,
    pub after_id: Option<i64>,
}

impl Pager {
    pub fn new(limit: Option<i64>, cursor: Option<&str>) -> Result<Self, ApiError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::invalid_parameter(
                format!("limit must be between 1 and {MAX_LIMIT}"),
                format!("`limit` phải từ 1 đến {MAX_LIMIT}."),
            ));
        }
        let after_id = cursor.map(decode_cursor).transpose()?;
        Ok(Self { limit, after_id })
    }

    /// How many rows to fetch: one more than the page, to learn whether another follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// The rows to read for this page.
    pub fn window(&self) -> Window {
        Window {
            after: self.after_id,
            limit: self.fetch(),
        }
    }
}

fn encode_cursor(after_id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("after:{after_id}"))
}

fn decode_cursor(cursor: &str) -> Result<i64, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("after:")?.parse().ok())
        .ok_or_else(|| {
            ApiError::invalid_parameter(
                "the cursor is not one this service issued",
                "`cursor` không phải do dịch vụ này cấp.",
            )
        })
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "YWZ0ZXI6NTA")]
    pub next_cursor: Option<String>,
}

/// One page of `rows` (fetched with `pager.fetch()`), mapped by `map`, and the `Link` to
/// the next.
fn page_of<R, T>(
    req: &HttpRequest,
    pager: Pager,
    mut rows: Vec<R>,
    id: impl Fn(&R) -> i64,
    map: impl Fn(R) -> T,
) -> (Page<T>, Option<String>) {
    let more = rows.len() as i64 > pager.limit;
    rows.truncate(pager.limit as usize);
    let next_cursor = more
        .then(|| rows.last().map(|r| encode_cursor(id(r))))
        .flatten();
    let link = next_cursor.as_deref().map(|c| next_link(req, "cursor", c));
    let page = Page {
        items: rows.into_iter().map(map).collect(),
        next_cursor,
    };
    (page, link)
}

/// Answers one page of `rows` (fetched with `pager.fetch()`), mapped by `map`.
pub fn respond<R, T: Serialize>(
    req: &HttpRequest,
    pager: Pager,
    rows: Vec<R>,
    id: impl Fn(&R) -> i64,
    map: impl Fn(R) -> T,
) -> HttpResponse {
    let (page, link) = page_of(req, pager, rows, id, map);
    let mut res = HttpResponse::Ok();
    if let Some(link) = link {
        res.insert_header((header::LINK, link));
    }
    res.json(page)
}

/// Like `respond`, for public lists that clients poll: the page as kept by the read cache,
/// whose `ETag` is a digest of the page itself, so it changes exactly when something the
/// page shows changes.
pub fn public_page<R, T: Serialize>(
    req: &HttpRequest,
    pager: Pager,
    rows: Vec<R>,
    id: impl Fn(&R) -> i64,
    map: impl Fn(R) -> T,
) -> Result<crate::read_cache::Answer, ApiError> {
    let (page, link) = page_of(req, pager, rows, id, map);
    let body = serde_json::to_vec(&page).map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(crate::read_cache::Answer { body, link })
}

/// `Link: <...>; rel="next"`: the same request with `param` set to `value`.
pub fn next_link(req: &HttpRequest, param: &str, value: &str) -> String {
    let prefix = format!("{param}=");
    let mut query: Vec<String> = req
        .query_string()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with(&prefix))
        .map(str::to_owned)
        .collect();
    query.push(format!("{prefix}{value}"));
    format!("<{}?{}>; rel=\"next\"", req.path(), query.join("&"))
}

/// Answers one page of a list: reads the `limit` and `cursor` of the query, fetches the
/// page's rows with `fetch` off the async workers, and renders them with `map`. Every
/// private list handler is this call with its own filter.
pub async fn list<R, T>(
    req: &HttpRequest,
    store: web::Data<Store>,
    (limit, cursor): (Option<i64>, Option<String>),
    fetch: impl FnOnce(&Store, Window) -> dantin_usecases::Result<Vec<R>> + Send + 'static,
    id: impl Fn(&R) -> i64,
    map: impl Fn(R) -> T,
) -> Result<HttpResponse, ApiError>
where
    R: Send + 'static,
    T: Serialize,
{
    let pager = Pager::new(limit, cursor.as_deref())?;
    let window = pager.window();
    let rows = run(store, move |s| fetch(s, window)).await?;
    Ok(respond(req, pager, rows, id, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_garbage_is_refused() {
        assert_eq!(decode_cursor(&encode_cursor(42)).unwrap(), 42);
        assert!(decode_cursor("not-a-cursor").is_err());
        assert!(Pager::new(Some(0), None).is_err());
        assert!(Pager::new(Some(MAX_LIMIT + 1), None).is_err());
        assert_eq!(Pager::new(None, None).unwrap().limit, DEFAULT_LIMIT);
    }
}
