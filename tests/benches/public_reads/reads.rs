//! One backend's run: the national database, its tenures in two bulk requests, a fresh
//! start of the server over it, then the loads and the soak (the steady state of the
//! reads), the reports against plain SQL, and Datasette (on SQLite).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use awc::http::StatusCode;
use chrono::NaiveDate;
use dantin_persistence::{Store, StoreError};
use dantin_tests::database::Backend;
use diesel::RunQueryDsl;
use serde_json::{json, Value};

use crate::load::{self, Seen, Target};
use crate::national::{self, Rows, ADMIN};
use crate::server::{root, Server};
use crate::{CONNECTIONS, LOAD_FOR, SOAK_FOR};

/// A report over HTTP against the plain SQL aggregate of the same villages (medians).
pub struct ReportTimes {
    /// The first request after a write in one village: that village's commune is read
    /// again, the other parts are kept.
    pub cold: Duration,
    /// The first request after a write that touched every unit: every part is read again.
    pub everywhere: Duration,
    /// Asked again with nothing written: the whole answer is kept.
    pub warm: Duration,
    pub sql: Duration,
}

pub struct Measured {
    pub health: Seen,
    pub holders: Seen,
    pub holders_304: Seen,
    pub datasette: Option<Seen>,
    pub province: ReportTimes,
    pub country: ReportTimes,
    pub units: usize,
    pub import: Duration,
    pub raw_insert: Duration,
    pub province_rows: (usize, Duration),
    pub country_rows: (usize, Duration),
    pub startup: Duration,
    pub rss_after_load: f64,
    pub rss_soak: Vec<f64>,
    pub rss_after_reports: f64,
    pub soak: Seen,
}

const SAMPLES: usize = 7;
/// How many turns the compared loads take.
const ROUNDS: usize = 5;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn client() -> awc::Client {
    awc::Client::builder()
        .timeout(Duration::from_secs(600))
        .finish()
}

async fn send(
    req: awc::ClientRequest,
    body: Option<&Value>,
) -> (StatusCode, Vec<u8>, Option<String>) {
    let mut res = match body {
        Some(b) => req.send_json(b).await,
        None => req.send().await,
    }
    .expect("request sent");
    let tag = res
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = res.body().limit(512 * 1024 * 1024).await.expect("body");
    (res.status(), bytes.to_vec(), tag)
}

async fn token(client: &awc::Client, base: &str) -> String {
    let body = json!({"username": ADMIN.0, "password": ADMIN.1});
    let (status, bytes, _) = send(
        client.post(format!("{base}/api/v1/auth/token")),
        Some(&body),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    v["access_token"].as_str().unwrap().to_owned()
}

/// A head and a secretary for each village, one new person holding both: one request.
async fn bulk(
    client: &awc::Client,
    base: &str,
    token: &str,
    villages: &[&(String, String, bool)],
    cells: &HashMap<String, i64>,
    starts_on: NaiveDate,
) -> (usize, Duration) {
    let mut rows = Vec::new();
    for (n, (village, _, _)) in villages.iter().enumerate() {
        let person = json!({
            "full_name": format!("Nguyễn Văn Thử {n}"), "gender": "male", "birth_date": "1975-03-04",
            "residence_unit_code": village, "party_status": "official", "party_org_id": cells[village.as_str()]
        });
        for post in ["village_head", "cell_secretary"] {
            rows.push(json!({
                "unit_code": village, "post": post, "person": person,
                "starts_on": starts_on, "basis": "election", "decision": format!("QĐ {n}/bench")
            }));
        }
    }
    let count = rows.len();
    let body = json!({ "rows": rows });
    let req = client
        .post(format!("{base}/api/v1/appointments/import"))
        .insert_header(("Authorization", format!("Bearer {token}")));
    let started = Instant::now();
    let (status, bytes, _) = send(req, Some(&body)).await;
    let took = started.elapsed();
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&bytes[..bytes.len().min(4000)])
    );
    (count, took)
}

/// The plain SQL aggregate of the village pair over the villages in force on `on` under
/// `root` (everywhere without one): villages, with a cell, with a head, unified.
fn aggregate_sql(root: Option<i64>, on: NaiveDate) -> String {
    let in_force = |a: &str| {
        format!("{a}.valid_from <= '{on}' AND ({a}.valid_to IS NULL OR {a}.valid_to > '{on}')")
    };
    let held = |a: &str| {
        format!("{a}.starts_on <= '{on}' AND ({a}.ends_on IS NULL OR {a}.ends_on > '{on}')")
    };
    let villages = match root {
        Some(root) => format!(
            "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE id = {root} UNION ALL \
             SELECT v.unit_id FROM unit_versions v JOIN sub s ON v.parent_id = s.id WHERE {}) \
             SELECT u.id FROM units u JOIN sub ON sub.id = u.id WHERE u.level = 'village'",
            in_force("v")
        ),
        None => format!(
            "SELECT u.id FROM units u WHERE u.level = 'village' AND {}",
            in_force("u")
        ),
    };
    format!(
        "SELECT COUNT(*) AS villages, COUNT(o.id) AS with_cell, COUNT(h.id) AS heads, \
         SUM(CASE WHEN h.person_id = s.person_id THEN 1 ELSE 0 END) AS unified \
         FROM ({villages}) AS vs \
         LEFT JOIN party_orgs o ON o.unit_id = vs.id AND o.kind = 'cell' \
         LEFT JOIN appointments h ON h.unit_id = vs.id AND h.post = 'village_head' AND {} \
         LEFT JOIN appointments s ON s.party_org_id = o.id AND s.post = 'cell_secretary' AND {}",
        held("h"),
        held("s")
    )
}

#[derive(diesel::QueryableByName, Debug)]
struct Aggregate {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    villages: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    unified: Option<i64>,
}

/// Writes `sql` in one transaction, as every write of the service is written.
fn write(store: &Store, sql: &str) {
    store
        .write(|c| diesel::sql_query(sql).execute(c).map_err(StoreError::from))
        .expect("a write");
}

async fn report_times(
    client: &awc::Client,
    store: &Store,
    url: String,
    (root, village): (Option<i64>, i64),
    on: NaiveDate,
) -> ReportTimes {
    let get = || async {
        let started = Instant::now();
        let (status, body, _) = send(client.get(&url), None).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        (started.elapsed(), body)
    };
    let sql = aggregate_sql(root, on);
    let mut times = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut figures = None;
    for _ in 0..SAMPLES {
        // A decision's text corrected in one village.
        write(
            store,
            &format!(
                "UPDATE appointments SET decision = decision || '.' WHERE unit_id = {village}"
            ),
        );
        times.0.push(get().await.0);
        let (warm, body) = get().await;
        times.1.push(warm);
        let started = Instant::now();
        let a: Vec<Aggregate> = store
            .read(|c| diesel::sql_query(&sql).load(c).map_err(StoreError::from))
            .expect("the aggregate");
        times.2.push(started.elapsed());
        figures = Some((serde_json::from_slice::<Value>(&body).unwrap(), a));
        // As after an import: every unit touched.
        write(
            store,
            "INSERT INTO touched (what, id) SELECT 'unit', id FROM units",
        );
        times.3.push(get().await.0);
    }
    // The two count the same villages the same way.
    let (report, a) = figures.unwrap();
    assert_eq!(
        report["total"]["in_force"], a[0].villages,
        "{}",
        report["total"]
    );
    assert_eq!(
        report["total"]["unified"],
        a[0].unified.unwrap_or(0),
        "{}",
        report["total"]
    );
    ReportTimes {
        cold: median(times.0),
        warm: median(times.1),
        sql: median(times.2),
        everywhere: median(times.3),
    }
}

/// The officeholders of Quảng Ninh as CSV, put in a SQLite file with each row's commune,
/// served by Datasette: its rate on the commune's rows.
async fn datasette(
    client: &awc::Client,
    base: &str,
    province: i64,
    commune: (&str, i64),
    on: NaiveDate,
    village_commune: &HashMap<String, String>,
) -> Seen {
    use diesel::Connection;
    let url = format!("{base}/api/v1/officeholders?unit={province}&on={on}");
    let (status, csv, _) = send(client.get(&url).insert_header(("Accept", "text/csv")), None).await;
    assert_eq!(status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let code_at = header.iter().position(|h| h == "unit_code").unwrap();
    let path = root().join("target/bench-officeholders.db");
    let _ = std::fs::remove_file(&path);
    let mut db =
        diesel::SqliteConnection::establish(path.to_str().unwrap()).expect("the SQLite file");
    let columns: Vec<String> = header.iter().map(|h| format!("\"{h}\" TEXT")).collect();
    diesel::sql_query(format!(
        "CREATE TABLE officeholders ({}, commune_code TEXT)",
        columns.join(", ")
    ))
    .execute(&mut db)
    .unwrap();
    let quoted = |t: &str| format!("'{}'", t.replace('\'', "''"));
    let values: Vec<String> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let mut cells: Vec<String> = r.iter().map(quoted).collect();
            cells.push(quoted(&village_commune[&r[code_at]]));
            format!("({})", cells.join(", "))
        })
        .collect();
    diesel::sql_query(format!(
        "INSERT INTO officeholders VALUES {}",
        values.join(", ")
    ))
    .execute(&mut db)
    .unwrap();
    diesel::sql_query("CREATE INDEX officeholders_commune ON officeholders (commune_code)")
        .execute(&mut db)
        .unwrap();
    drop(db);
    let server = Server::datasette(&path);
    let target = Target::get(format!(
        "{}/bench-officeholders/officeholders.json?commune_code={}&_shape=array&_nocount=1",
        server.base, commune.0
    ));
    let (status, body, _) = send(client.get(&target.url), None).await;
    assert_eq!(status, StatusCode::OK);
    let served: Value = serde_json::from_slice(&body).unwrap();
    let (_, ours, _) = send(
        client.get(format!(
            "{base}/api/v1/officeholders?unit={}&on={on}",
            commune.1
        )),
        None,
    )
    .await;
    let ours: Value = serde_json::from_slice(&ours).unwrap();
    assert_eq!(
        served.as_array().unwrap().len(),
        ours["items"].as_array().unwrap().len(),
        "the same rows"
    );
    load::run(&target, CONNECTIONS, LOAD_FOR, None).await
}

/// Loads compared with each other, taken in turns so that whatever else the machine does
/// meanwhile weighs on each alike: each runs `ROUNDS` times for its share of `LOAD_FOR`.
async fn compared<const N: usize>(targets: [Target; N]) -> [Seen; N] {
    let mut runs: [Vec<Seen>; N] = std::array::from_fn(|_| Vec::new());
    for _ in 0..ROUNDS {
        for (target, runs) in targets.iter().zip(&mut runs) {
            runs.push(load::run(target, CONNECTIONS, LOAD_FOR / ROUNDS as u32, None).await);
        }
    }
    runs.map(Seen::merged)
}

pub async fn measure(backend: Backend, rows: &Rows) -> Measured {
    let (database, store) = national::fresh(backend);
    let import = national::import(&store, rows);
    let raw_insert = national::raw_insert(backend, rows);
    eprintln!(
        "{backend:?}: imported {} units in {import:.2?} (plain INSERTs: {raw_insert:.2?})",
        rows.rows.len()
    );
    national::admin(&store);
    national::cells(&store, rows.valid_from);
    let (units, cells) = national::ids(&store);
    let client = client();
    let (starts_on, on) = (
        national::day(rows.valid_from, 1),
        national::day(rows.valid_from, 4),
    );

    let server = Server::dantin(&database.url);
    let token = token(&client, &server.base).await;
    let (province, rest): (Vec<_>, Vec<_>) = rows.villages.iter().partition(|v| v.2);
    let province_rows = bulk(&client, &server.base, &token, &province, &cells, starts_on).await;
    let country_rows = bulk(&client, &server.base, &token, &rest, &cells, starts_on).await;
    drop(server);
    eprintln!(
        "{backend:?}: {} + {} tenures in {:.2?} + {:.2?}",
        province_rows.0, country_rows.0, province_rows.1, country_rows.1
    );

    let server = Server::dantin(&database.url);
    let startup = server.started_in;
    let base = server.base.clone();
    let quang_ninh = units[national::QUANG_NINH];
    let commune_code = province[0].1.as_str();
    let commune = units[commune_code];
    let holders_url = format!("{base}/api/v1/officeholders?unit={commune}&on={on}");
    let (_, _, tag) = send(client.get(&holders_url), None).await;
    let not_modified = Target::get(holders_url.clone()).with(
        "If-None-Match",
        &tag.expect("an ETag"),
        StatusCode::NOT_MODIFIED,
    );
    let [health, holders, holders_304] = compared([
        Target::get(format!("{base}/health")),
        Target::get(holders_url.clone()),
        not_modified,
    ])
    .await;
    let rss_after_load = server.rss_mib();
    let rate = holders.rps() * 0.8;
    let soak_target = Target::get(holders_url);
    let soak = actix_web::rt::spawn(async move {
        load::run(&soak_target, CONNECTIONS, SOAK_FOR, Some(rate)).await
    });
    let mut rss_soak = vec![server.rss_mib()];
    for _ in 0..SOAK_FOR.as_secs() / 10 {
        actix_web::rt::time::sleep(Duration::from_secs(10)).await;
        rss_soak.push(server.rss_mib());
    }
    let soak = soak.await.expect("the soak finished");

    let report = |unit: Option<i64>| match unit {
        Some(u) => format!("{base}/api/v1/reports/unification?unit={u}&on={on}"),
        None => format!("{base}/api/v1/reports/unification?on={on}"),
    };
    let village = units[province[0].0.as_str()];
    let province_report = report_times(
        &client,
        &store,
        report(Some(quang_ninh)),
        (Some(quang_ninh), village),
        on,
    )
    .await;
    let country = report_times(&client, &store, report(None), (None, village), on).await;

    let datasette = match backend {
        Backend::Sqlite => {
            let village_commune = rows
                .villages
                .iter()
                .map(|(v, c, _)| (v.clone(), c.clone()))
                .collect();
            Some(
                datasette(
                    &client,
                    &base,
                    quang_ninh,
                    (commune_code, commune),
                    on,
                    &village_commune,
                )
                .await,
            )
        }
        Backend::Postgres => None,
    };

    let rss_after_reports = server.rss_mib();
    drop(server);
    drop(store);
    database.remove();
    Measured {
        health,
        holders,
        holders_304,
        datasette,
        province: province_report,
        country,
        units: rows.rows.len(),
        import,
        raw_insert,
        province_rows,
        country_rows,
        startup,
        rss_after_load,
        rss_soak,
        rss_after_reports,
        soak,
    }
}
