//! The real 2025 reform applied to the real map of 30/6/2025, as `dantin map load` does it
//! from the official data (`scripts/official-map.sh`, which `make test` runs): 63
//! provinces, 696 districts and 10,051 communes the day before; 34 provinces, 3,321
//! communes and no district on 1/7/2025. A second load changes nothing.

use chrono::NaiveDate;
use dantin_api::official_map;
use dantin_domain::unit::UnitLevel;
use dantin_persistence::units::{self, UnitFilter};
use dantin_persistence::Window;
use dantin_tests::database::StoreFixture;
use dantin_tests::map::official_data;
use dantin_tests::on_both_stores;

/// How many units of `level` are in force on `day`.
fn count(db: &StoreFixture, level: UnitLevel, day: &str) -> usize {
    let filter = UnitFilter {
        level: Some(level),
        ..UnitFilter::on(day.parse::<NaiveDate>().unwrap())
    };
    db.store()
        .read(|c| units::list(c, &filter, Window::ALL))
        .unwrap()
        .len()
}

fn the_reform_of_2025_applies_to_the_map_of_2025(db: &StoreFixture) {
    let dir = official_data();
    let loaded = official_map::load(db.store(), &dir).unwrap();
    assert_eq!(loaded.imported.as_ref().map(|s| s.created), Some(10_810));
    assert!(loaded.operations.unwrap() > 20_000, "{loaded:?}");

    let before = [UnitLevel::Province, UnitLevel::District, UnitLevel::Commune]
        .map(|level| count(db, level, "2025-06-30"));
    assert_eq!(before, [63, 696, 10_051]);
    let after = [UnitLevel::Province, UnitLevel::District, UnitLevel::Commune]
        .map(|level| count(db, level, "2025-07-01"));
    assert_eq!(after, [34, 0, 3_321]);

    let again = official_map::load(db.store(), &dir).unwrap();
    assert_eq!(again, official_map::Loaded::default());
    assert_eq!(count(db, UnitLevel::Commune, "2025-07-01"), 3_321);
}

on_both_stores!(the_reform_of_2025_applies_to_the_map_of_2025);
