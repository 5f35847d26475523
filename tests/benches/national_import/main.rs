//! `make bench`: the whole country in one import request, on each backend, against a
//! province-sized import measured in the same run; then name search, a province's
//! unification report and a commune's officeholders on the national map against the same
//! calls on the province-sized map; last, a reform shaped like 1/7/2025's applied in one
//! request (provinces merged in pairs, every district ended, communes merged three into
//! one under the new provinces, every village moved), against the same rows written by
//! plain SQL on a second copy of the country (`raw.rs`). A per-unit import cost or per-
//! operation reform cost near 1 means the write grows with the data, not faster; read
//! ratios near 1 mean a read costs what it shows, not what the country holds.

mod raw;

use std::time::{Duration, Instant};

use awc::http::Method;
use dantin_persistence::{Store, StoreError};
use dantin_tests::{Backend, TestApp};
use diesel::RunQueryDsl;
use serde_json::{json, Value};

/// `provinces` provinces, each with 11 districts of 15 communes of 10 villages: 63 gives
/// the country's ~115,000 units; 1 gives one province's ~1,800.
fn country(provinces: usize) -> Value {
    let mut units = Vec::new();
    for p in 0..provinces {
        let pc = format!("B{p}");
        units.push(json!({"code": pc, "name": format!("Tỉnh Thử Nghiệm {p}"), "level": "province", "kind": "tinh"}));
        for d in 0..11 {
            let dc = format!("{pc}-{d}");
            units.push(json!({"code": dc, "name": format!("Huyện Đồng Bằng {p} {d}"), "level": "district", "kind": "huyen", "parent_code": pc}));
            for c in 0..15 {
                let cc = format!("{dc}-{c}");
                units.push(json!({"code": cc, "name": format!("Xã Hòa Bình {p} {d} {c}"), "level": "commune", "kind": "xa", "parent_code": dc}));
                for v in 0..10 {
                    // Villages first would work too: the import takes rows in any order.
                    units.push(json!({"code": format!("{cc}-{v}"), "name": format!("Thôn Khe Tâm {v} {c} {d} {p}"), "level": "village", "kind": "thon", "parent_code": cc}));
                }
            }
        }
    }
    units.reverse();
    json!({"valid_from": "2020-01-01", "units": units})
}

/// The reform of the map `country(provinces)` builds, effective 2025-07-01: the old
/// provinces merge in pairs into new ones (a last odd one alone), every district ends,
/// the communes of each old province merge three into one under its new province, and
/// every village moves to its new commune. Its operations, and how many.
fn reform(provinces: usize) -> (Value, usize) {
    let mut ops = Vec::new();
    for p in 0..provinces {
        let (old, new) = (format!("B{p}"), format!("N{}", p / 2));
        if p % 2 == 0 {
            ops.push(json!({"op": "create", "unit": {"code": new, "name": format!("Tỉnh Hợp Nhất {}", p / 2), "level": "province"}}));
        }
        ops.push(json!({"op": "end", "code": old}));
        ops.push(json!({"op": "succeed", "from": old, "to": [new]}));
        for d in 0..11 {
            let dc = format!("{old}-{d}");
            ops.push(json!({"op": "end", "code": dc}));
            for c in 0..15 {
                let n = d * 15 + c;
                let (cc, merged) = (format!("{dc}-{c}"), format!("{new}-{p}-{}", n / 3));
                if n % 3 == 0 {
                    ops.push(json!({"op": "create", "unit": {"code": merged, "name": format!("Phường Hợp Nhất {p} {}", n / 3), "level": "commune", "parent_code": new}}));
                }
                ops.push(json!({"op": "end", "code": cc}));
                ops.push(json!({"op": "succeed", "from": cc, "to": [merged]}));
                for v in 0..10 {
                    ops.push(
                        json!({"op": "move", "code": format!("{cc}-{v}"), "parent_code": merged}),
                    );
                }
            }
        }
    }
    let count = ops.len();
    let act = json!({"effective_on": "2025-07-01", "basis": "Nghị quyết 202/2025/QH15", "operations": ops});
    (act, count)
}

struct Run {
    units: usize,
    import: Duration,
    operations: usize,
    reform: Duration,
    /// The reform's rows written by plain SQL on a second copy of the country, and how many.
    raw_reform: Duration,
    raw_rows: usize,
    search: Duration,
    report: Duration,
    officeholders: Duration,
}

/// Every village gets a cell, an official member living there who is both its head and
/// its secretary: plain SQL, the same on both backends, far faster than the API.
fn seed_officeholders(store: &Store) {
    let run = |sql: &str| {
        store
            .read(|c| diesel::sql_query(sql).execute(c).map_err(StoreError::from))
            .expect("seed statement");
    };
    run(
        "INSERT INTO party_orgs (name, kind, parent_id, unit_id, version, created_at, updated_at) \
         SELECT 'Chi bộ ' || name, 'cell', NULL, id, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP \
         FROM units WHERE level = 'village' AND code LIKE 'B%'",
    );
    run("INSERT INTO persons (full_name, gender, birth_date, residence_unit_id, party_status, party_org_id, \
         version, created_at, updated_at) \
         SELECT 'Nguyễn Văn ' || u.code, 'male', '1970-01-01', u.id, 'official', po.id, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP \
         FROM units u JOIN party_orgs po ON po.unit_id = u.id WHERE u.code LIKE 'B%'");
    for (post, seat, value) in [
        ("village_head", "unit_id", "p.residence_unit_id"),
        ("cell_secretary", "party_org_id", "p.party_org_id"),
    ] {
        run(&format!(
            "INSERT INTO appointments (post, person_id, {seat}, starts_on, basis, decision, version, created_at) \
             SELECT '{post}', p.id, {value}, '2020-01-08', 'election', 'bench', 1, CURRENT_TIMESTAMP \
             FROM persons p WHERE p.full_name LIKE 'Nguyễn Văn B%'"
        ));
    }
    for table in ["party_orgs", "persons", "appointments"] {
        run(&format!("ANALYZE {table}"));
    }
}

async fn timed(app: &TestApp, paths: &[String], times: usize) -> Duration {
    let started = Instant::now();
    for path in paths.iter().cycle().take(times) {
        app.get(path, None).await.expect(200);
    }
    started.elapsed()
}

async fn run(backend: Backend, provinces: usize) -> Run {
    let app = TestApp::spawn(backend).await;
    let teardown = app.teardown();
    let admin = app.admin().await;
    let body = serde_json::to_vec(&country(provinces)).unwrap();
    let units = provinces * (1 + 11 * (1 + 15 * (1 + 10)));
    let req = app
        .request(Method::POST, "/api/v1/units/import", Some(&admin))
        .insert_header(("Content-Type", "application/json"));
    let started = Instant::now();
    let res = app.send(req, body).await;
    let import = started.elapsed();
    res.expect(201);
    assert_eq!(res.json()["created"].as_u64().unwrap() as usize, units);

    let searches: Vec<String> = ["dong bang 0 1", "khe tam 3 4 5", "hoa binh 0 2 7"]
        .iter()
        .map(|q| format!("/api/v1/units?q={}&limit=20", q.replace(' ', "%20")))
        .collect();
    let search = timed(&app, &searches, 60).await;

    // Off the runtime's thread: the server and the client keep running meanwhile.
    let store = app.store();
    actix_web::rt::task::spawn_blocking(move || seed_officeholders(&store))
        .await
        .expect("seeding finished");
    let province = app.all_units("q=tinh%20thu%20nghiem%200").await[0]["id"].clone();
    let commune = app.all_units("q=xa%20hoa%20binh%200%200%200").await[0]["id"].clone();
    let report = timed(
        &app,
        &[format!(
            "/api/v1/reports/unification?unit={province}&on=2021-01-01"
        )],
        10,
    )
    .await;
    let officeholders = timed(
        &app,
        &[format!(
            "/api/v1/officeholders?unit={commune}&on=2021-01-01"
        )],
        50,
    )
    .await;

    let (act, operations) = reform(provinces);
    let req = app
        .request(Method::POST, "/api/v1/reorganizations", Some(&admin))
        .insert_header(("Content-Type", "application/json"));
    let started = Instant::now();
    let res = app.send(req, serde_json::to_vec(&act).unwrap()).await;
    let reform = started.elapsed();
    res.expect(201);
    drop(app);
    teardown.run().await;

    let copy = TestApp::spawn(backend).await;
    let teardown = copy.teardown();
    let req = copy
        .request(
            Method::POST,
            "/api/v1/units/import",
            Some(&copy.admin().await),
        )
        .insert_header(("Content-Type", "application/json"));
    copy.send(req, serde_json::to_vec(&country(provinces)).unwrap())
        .await
        .expect(201);
    let store = copy.store();
    let (raw_reform, raw_rows) =
        actix_web::rt::task::spawn_blocking(move || raw::reform(&store, provinces))
            .await
            .expect("the raw reform finished");
    drop(copy);
    teardown.run().await;
    Run {
        units,
        import,
        operations,
        reform,
        raw_reform,
        raw_rows,
        search,
        report,
        officeholders,
    }
}

#[actix_web::main]
async fn main() {
    println!(
        "{:<9} {:>8} {:>9} {:>9} {:>12} {:>10} {:>10} {:>12} {:>8} {:>9} {:>10} {:>10}",
        "backend",
        "units",
        "import s",
        "units/s",
        "cost/unit x",
        "search x",
        "report x",
        "holders x",
        "reform ops",
        "reform s",
        "cost/op x",
        "x raw SQL"
    );
    for backend in Backend::benched() {
        let base = run(backend, 1).await;
        let national = run(backend, 63).await;
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        for (label, r) in [("province", &base), ("country", &national)] {
            let per_unit = r.import.as_secs_f64() / r.units as f64;
            let base_per_unit = base.import.as_secs_f64() / base.units as f64;
            let per_op = r.reform.as_secs_f64() / r.operations as f64;
            let base_per_op = base.reform.as_secs_f64() / base.operations as f64;
            println!(
                "{:<9} {:>8} {:>9.2} {:>9.0} {:>12.2} {:>10.2} {:>10.2} {:>12.2} {:>10} {:>9.2} {:>10.2} {:>10.2}   ({label}; plain SQL: {} rows in {:.2} s)",
                backend.name(),
                r.units,
                r.import.as_secs_f64(),
                r.units as f64 / r.import.as_secs_f64(),
                per_unit / base_per_unit,
                ratio(r.search, base.search),
                ratio(r.report, base.report),
                ratio(r.officeholders, base.officeholders),
                r.operations,
                r.reform.as_secs_f64(),
                per_op / base_per_op,
                ratio(r.reform, r.raw_reform),
                r.raw_rows,
                r.raw_reform.as_secs_f64(),
            );
        }
    }
}
