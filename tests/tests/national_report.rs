//! The reports of the whole country (`/reports/unification` and `/reports/progress`
//! without a unit): a row per province, each the same as the province's own report, and
//! a total that is their sum.

use std::collections::BTreeSet;

use dantin_tests::figures::FIGURE_KEYS;
use dantin_tests::public::{get_csv, parse_csv, report};
use dantin_tests::standings::{five_standings, AFTER_ALL};
use dantin_tests::world::{id_of, world};
use dantin_tests::{both, TestApp};
use serde_json::Value;

/// The counts of a report's figures: those before the rate, target and gap, which are
/// not summed.
fn counts() -> &'static [&'static str] {
    let rate = FIGURE_KEYS.iter().position(|k| *k == "rate").unwrap();
    &FIGURE_KEYS[..rate]
}

async fn the_country_is_a_row_per_province_each_its_own_report(app: TestApp) {
    let w = world(&app).await;
    five_standings(&w, &app).await;
    let country = report(&app, &format!("on={AFTER_ALL}")).await;
    assert!(country.get("unit").is_none(), "{country}");
    let rows = country["children"].as_array().expect("rows").clone();
    let provinces: BTreeSet<i64> = app
        .all_units(&format!("level=province&on={AFTER_ALL}"))
        .await
        .iter()
        .map(id_of)
        .collect();
    let listed: BTreeSet<i64> = rows.iter().map(|r| id_of(&r["unit"])).collect();
    assert_eq!(listed, provinces);
    assert!(listed.contains(&w.province));

    let mut sums = vec![0; counts().len()];
    for row in &rows {
        let own = report(
            &app,
            &format!("unit={}&on={AFTER_ALL}", id_of(&row["unit"])),
        )
        .await;
        for (sum, key) in sums.iter_mut().zip(counts()) {
            assert_eq!(row[key], own["total"][key], "{key} of {row} against {own}");
            *sum += row[key].as_u64().unwrap();
        }
        assert_eq!(row["target"], Value::Null, "{row}");
    }
    for (sum, key) in sums.iter().zip(counts()) {
        assert_eq!(country["total"][key], *sum, "{key} of {country}");
    }
    // The five standings are known: the country counts them.
    assert!(
        country["total"]["known"].as_u64().unwrap() >= 4,
        "{country}"
    );
}

async fn the_countrys_csv_ends_with_a_total_without_a_unit(app: TestApp) {
    let w = world(&app).await;
    five_standings(&w, &app).await;
    let country = report(&app, &format!("on={AFTER_ALL}")).await;
    let res = get_csv(
        &app,
        &format!("/api/v1/reports/unification?on={AFTER_ALL}"),
        None,
    )
    .await;
    let (header, rows) = parse_csv(&res);
    assert!(FIGURE_KEYS.iter().all(|k| header.contains(&k.to_string())));
    let total = rows.last().expect("a total row");
    assert_eq!(total["unit_id"], "");
    assert_eq!(total["unit_name"], "");
    assert_eq!(total["known"], country["total"]["known"].to_string());
    assert_eq!(
        rows.len(),
        country["children"].as_array().unwrap().len() + 1
    );
}

async fn the_countrys_progress_counts_the_terms_elections_everywhere(app: TestApp) {
    let w = world(&app).await;
    five_standings(&w, &app).await;
    let get = |query: String| {
        let app = &app;
        async move {
            let res = app
                .get(&format!("/api/v1/reports/progress?{query}"), None)
                .await;
            res.expect(200);
            res.json()
        }
    };
    let country = get(format!("term={}", w.term)).await;
    let province = get(format!("unit={}&term={}", w.province, w.term)).await;
    assert!(country.get("unit").is_none(), "{country}");
    // The term is Quảng Ninh's: its elections are the province's, whatever the scope.
    assert_eq!(country["days"], province["days"]);
    assert!(!country["days"].as_array().unwrap().is_empty(), "{country}");
    assert!(country["villages_in_scope"].as_u64() >= province["villages_in_scope"].as_u64());
}

both!(
    the_country_is_a_row_per_province_each_its_own_report,
    the_countrys_csv_ends_with_a_total_without_a_unit,
    the_countrys_progress_counts_the_terms_elections_everywhere,
);
