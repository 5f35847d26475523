//! Fetching and parsing the public reads: requests with extra headers, CSV and NDJSON
//! exports, the unification report, and the officeholders list with its pages.

use std::collections::{BTreeMap, BTreeSet};

use awc::http::Method;
use serde_json::Value;

use crate::world::id_of;
use crate::{Resp, TestApp};

/// A GET with extra request headers.
pub async fn get_with(
    app: &TestApp,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
) -> Resp {
    let mut req = app.request(Method::GET, path, token);
    for (name, value) in headers {
        req = req.insert_header((*name, *value));
    }
    app.send(req, Vec::new()).await
}

/// A GET asking for CSV; asserts a 200 in CSV.
pub async fn get_csv(app: &TestApp, path: &str, token: Option<&str>) -> Resp {
    let res = get_with(app, path, token, &[("Accept", "text/csv")]).await;
    res.expect(200);
    let ct = res.header("content-type").unwrap_or_default();
    assert!(ct.starts_with("text/csv"), "content-type {ct:?} for {path}");
    res
}

/// A GET asking for NDJSON; asserts a 200 in NDJSON.
pub async fn get_ndjson(app: &TestApp, path: &str, token: Option<&str>) -> Resp {
    let res = get_with(app, path, token, &[("Accept", "application/x-ndjson")]).await;
    res.expect(200);
    let ct = res.header("content-type").unwrap_or_default();
    assert!(
        ct.starts_with("application/x-ndjson"),
        "content-type {ct:?} for {path}"
    );
    res
}

/// A CSV row: a map from column to field.
pub type CsvRow = BTreeMap<String, String>;

/// A CSV body: its header and its rows.
pub fn parse_csv(res: &Resp) -> (Vec<String>, Vec<CsvRow>) {
    let mut reader = csv::Reader::from_reader(res.body.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("CSV header does not parse ({e}): {}", res.text()))
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("CSV row does not parse ({e}): {}", res.text()));
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
}

/// An NDJSON body: one JSON value a line.
pub fn parse_ndjson(res: &Resp) -> Vec<Value> {
    res.text()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("NDJSON line is not JSON ({e}): {l}"))
        })
        .collect()
}

/// The public unification report for `query`.
pub async fn report(app: &TestApp, query: &str) -> Value {
    let res = app
        .get(&format!("/api/v1/reports/unification?{query}"), None)
        .await;
    res.expect(200);
    res.json()
}

/// Every page of the officeholders of `query`, following the `Link` header; the ids,
/// and how many pages there were.
pub async fn ids_through_pages(app: &TestApp, query: &str) -> (Vec<i64>, usize) {
    let mut ids = Vec::new();
    let mut pages = 0;
    let mut path = format!("/api/v1/officeholders?{query}");
    loop {
        let res = app.get(&path, None).await;
        res.expect(200);
        pages += 1;
        let body = res.json();
        let items = body["items"].as_array().unwrap();
        ids.extend(items.iter().map(id_of));
        let link = res.header("link");
        match body["next_cursor"].as_str() {
            Some(cursor) => {
                let link = link.unwrap_or_else(|| panic!("a next page without Link: {body}"));
                assert!(link.contains("rel=\"next\""), "{link}");
                assert!(link.contains(&format!("cursor={cursor}")), "{link}");
                let target = link
                    .split(['<', '>'])
                    .nth(1)
                    .unwrap_or_else(|| panic!("Link without a URL: {link}"));
                assert!(target.starts_with("/api/v1/officeholders?"), "{link}");
                path = target.to_owned();
            }
            None => {
                assert_eq!(link, None, "the last page has no Link");
                return (ids, pages);
            }
        }
        assert!(pages < 100, "paging does not end");
    }
}

/// The officeholders of `query`, all on one page (asserted).
pub async fn officeholders(app: &TestApp, query: &str) -> Vec<Value> {
    let res = app
        .get(&format!("/api/v1/officeholders?limit=500&{query}"), None)
        .await;
    res.expect(200);
    let body = res.json();
    assert_eq!(body["next_cursor"], Value::Null, "{body}");
    body["items"].as_array().unwrap().clone()
}

/// Each officeholder row as (unit id, post).
pub fn seats(rows: &[Value]) -> BTreeSet<(i64, String)> {
    rows.iter()
        .map(|r| {
            (
                r["unit"]["id"].as_i64().unwrap(),
                r["post"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
