//! `make bench`: the whole country in one import request, on each backend, against a
//! province-sized import measured in the same run, plus name search on the national map
//! against the same search on the province-sized map. Ratios near the size ratio (for the
//! import) and near 1 (for search) mean the cost grows with the data, not faster.

use std::time::{Duration, Instant};

use awc::http::Method;
use dantin_tests::{Backend, TestApp};
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

struct Run {
    units: usize,
    import: Duration,
    search: Duration,
}

async fn run(backend: Backend, provinces: usize) -> Run {
    let app = TestApp::spawn(backend).await;
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

    // A word that starts many names, and one that starts few.
    let started = Instant::now();
    for q in ["dong bang 0 1", "khe tam 3 4 5", "hoa binh 0 2 7"]
        .iter()
        .cycle()
        .take(60)
    {
        app.get(
            &format!("/api/v1/units?q={}&limit=20", q.replace(' ', "%20")),
            None,
        )
        .await
        .expect(200);
    }
    Run {
        units,
        import,
        search: started.elapsed(),
    }
}

#[actix_web::main]
async fn main() {
    println!(
        "{:<9} {:>8} {:>10} {:>11} {:>13} {:>14}",
        "backend", "units", "import s", "units/s", "cost/unit x", "search 60q x"
    );
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let base = run(backend, 1).await;
        let national = run(backend, 63).await;
        for (label, r) in [("province", &base), ("country", &national)] {
            let per_unit = r.import.as_secs_f64() / r.units as f64;
            let base_per_unit = base.import.as_secs_f64() / base.units as f64;
            println!(
                "{:<9} {:>8} {:>10.2} {:>11.0} {:>13.2} {:>14.2}   ({label})",
                format!("{backend:?}").to_lowercase(),
                r.units,
                r.import.as_secs_f64(),
                r.units as f64 / r.import.as_secs_f64(),
                per_unit / base_per_unit,
                r.search.as_secs_f64() / base.search.as_secs_f64(),
            );
        }
    }
}
