//! `make bench`, the public reads: on Vietnam's official map of 30/6/2025 with ~90,000
//! villages (a head and a secretary in each), against a release server in a process of its
//! own, 32 connections at once, on each backend. Every figure is printed beside its
//! baseline measured in the same run: `/health` for the reads (the ceiling: one pooled
//! connection and one trivial query), Datasette serving the same officeholder rows from a
//! SQLite file, the plain SQL aggregate over the same villages for the reports, plain
//! INSERTs of the same rows for the import. Nothing here asserts a time.

mod load;
mod national;
mod reads;
mod server;

use std::time::Duration;

use dantin_tests::database::Backend;

use crate::load::Seen;
use crate::reads::Measured;

/// Concurrent clients of each load.
pub const CONNECTIONS: usize = 32;
/// How long each load runs.
pub const LOAD_FOR: Duration = Duration::from_secs(10);
/// How long the soak runs, at 80% of the officeholders' peak.
pub const SOAK_FOR: Duration = Duration::from_secs(60);

fn ratio(a: f64, b: f64) -> f64 {
    a / b
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One load's line: its rate against the ceiling's, its latencies and errors.
fn load_line(label: &str, seen: &Seen, ceiling: f64) {
    println!(
        "{:<58} {:>8.0} rps {:>11.2}x   p50 {:.2} ms, p99 {:.2} ms, {} errors",
        label,
        seen.rps(),
        ratio(seen.rps(), ceiling),
        ms(seen.percentile(0.5)),
        ms(seen.percentile(0.99)),
        seen.errors
    );
}

fn print(backend: Backend, m: &Measured) {
    let name = backend.name();
    let health = m.health.rps();
    println!("\n== {name} ==");
    println!("{:<58} {:>12} {:>12}", "", "figure", "ratio");
    load_line("GET /health (the ceiling)", &m.health, health);
    load_line("GET /officeholders?unit=<a commune>", &m.holders, health);
    load_line(
        "  the same with a matching If-None-Match (304)",
        &m.holders_304,
        health,
    );
    if let Some(d) = &m.datasette {
        println!(
            "{:<58} {:>8.0} rps {:>11.1}x   (dantin's officeholders over Datasette's)",
            "Datasette, the same rows from a SQLite file",
            d.rps(),
            ratio(m.holders.rps(), d.rps())
        );
    }
    for (label, r) in [
        ("a province (Quảng Ninh)", &m.province),
        ("the country", &m.country),
    ] {
        println!(
            "{:<58} {:>9.2} ms {:>11.2}x   warm {:.2} ms = {:.2}x; SQL {:.2} ms",
            format!("GET /reports/unification, {label}, after a write in a village"),
            ms(r.cold),
            ratio(ms(r.cold), ms(r.sql)),
            ms(r.warm),
            ratio(ms(r.warm), ms(r.sql)),
            ms(r.sql)
        );
        println!(
            "{:<58} {:>9.2} ms {:>11.2}x",
            "  the same after a write that touched every unit",
            ms(r.everywhere),
            ratio(ms(r.everywhere), ms(r.sql)),
        );
    }
    println!(
        "{:<58} {:>9.2} s  {:>11.2}x   raw INSERT {:.2} s",
        format!("import of {} units (use case, one transaction)", m.units),
        m.import.as_secs_f64(),
        ratio(m.import.as_secs_f64(), m.raw_insert.as_secs_f64()),
        m.raw_insert.as_secs_f64()
    );
    for (label, (rows, took)) in [
        (
            "heads and secretaries of Quảng Ninh's villages",
            m.province_rows,
        ),
        (
            "heads and secretaries of the other villages",
            m.country_rows,
        ),
    ] {
        println!(
            "{:<58} {:>9.2} s  {:>12}   {rows} rows in one request, {:.0} rows/s",
            label,
            took.as_secs_f64(),
            "",
            rows as f64 / took.as_secs_f64()
        );
    }
    println!(
        "{:<58} {:>9.2} s",
        "start-up on the national database",
        m.startup.as_secs_f64()
    );
    println!(
        "{:<58} {:>8.0} MiB   during the soak: {}",
        "RSS after the loads of the reads",
        m.rss_after_load,
        m.rss_soak
            .iter()
            .map(|r| format!("{r:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "{:<58} {:>8.0} MiB",
        "RSS after the reports were computed (the country's: all villages)", m.rss_after_reports
    );
    println!(
        "{:<58} {:>8.0} rps {:>12}   {} requests, {} errors, p99 {:.2} ms",
        format!(
            "soak: {} s at 80% of the officeholders' peak",
            SOAK_FOR.as_secs()
        ),
        m.soak.rps(),
        "",
        m.soak.requests,
        m.soak.errors,
        ms(m.soak.percentile(0.99))
    );
}

#[actix_web::main]
async fn main() {
    let rows = national::rows();
    for backend in Backend::benched() {
        let measured = reads::measure(backend, &rows).await;
        print(backend, &measured);
    }
}
