//! `dantin map load`: the official map of 30/6/2025 and the reform of 1/7/2025, from the
//! files `scripts/official-map.sh` writes, read as the API reads an import and a
//! reorganisation and stored through the same use cases. Loading again changes nothing.

use std::path::Path;

use chrono::NaiveDate;
use dantin_usecases::demo::Country;
use dantin_usecases::reorganizations;
use dantin_usecases::unit_import::{self, ImportSummary};
use dantin_usecases::units::{self, UnitFilter};
use dantin_usecases::{Caller, Store, Window};

use crate::error::ApiError;
use crate::extract::parse_json;
use crate::routes::reorganizations::ReorganizationIn;
use crate::routes::unit_import::{parse_rows, ImportIn};

/// The files, in the folder given.
const MAP: &str = "map-2025-06-30.json";
const REFORM: &str = "reform-2025-07-01.json";

/// What a load did: the units it imported and the operations it applied (none when
/// already loaded).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub imported: Option<ImportSummary>,
    pub operations: Option<usize>,
}

fn read<T: serde::de::DeserializeOwned + validator::Validate>(
    dir: &Path,
    name: &str,
) -> Result<T, String> {
    let path = dir.join(name);
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "cannot read {}: {e} (`bash scripts/official-map.sh` writes it)",
            path.display()
        )
    })?;
    parse_json(&bytes).map_err(|e| describe(&e))
}

fn describe(e: &ApiError) -> String {
    let rows: Vec<String> = e
        .errors
        .iter()
        .take(20)
        .map(|i| format!("  {:?} {}: {}", i.index, i.rule, i.detail.en))
        .collect();
    format!("{e}\n{}", rows.join("\n"))
}

/// Whether a unit held `code` on `day`.
fn coded(store: &Store, code: &str, day: NaiveDate) -> Result<bool, String> {
    let filter = UnitFilter {
        code: Some(code.to_owned()),
        ..UnitFilter::on(day)
    };
    let found = units::list(
        store,
        &filter,
        Window {
            after: None,
            limit: 1,
        },
    )
    .map_err(|e| describe(&e.into()))?;
    Ok(!found.is_empty())
}

/// Whether the folder holds the files.
pub fn present(dir: &Path) -> bool {
    [MAP, REFORM].iter().all(|name| dir.join(name).is_file())
}

/// The map and the reform, read from the folder's files.
pub fn read_country(dir: &Path) -> Result<Country, String> {
    let map: ImportIn = read(dir, MAP)?;
    let reform: ReorganizationIn = read(dir, REFORM)?;
    let (rows, unreadable) = parse_rows(map.units);
    Ok(Country {
        valid_from: map.valid_from,
        rows,
        unreadable,
        reform: reform.into_act().map_err(|e| describe(&e.into()))?,
    })
}

/// Imports the map unless its first province is there, then applies the reform unless a
/// reorganisation of that day and basis was applied.
pub fn load(store: &Store, dir: &Path) -> Result<Loaded, String> {
    let caller = Caller::system("map-load");
    let mut loaded = Loaded::default();
    let Country {
        valid_from,
        rows,
        unreadable,
        reform,
    } = read_country(dir)?;
    let first = rows.first().map(|u| u.code.clone()).unwrap_or_default();
    let day_before = reform
        .effective_on
        .pred_opt()
        .unwrap_or(reform.effective_on);
    if !coded(store, &first, day_before)? {
        let summary = unit_import::import(store, &caller, valid_from, &rows, unreadable)
            .map_err(|e| describe(&e.into()))?;
        loaded.imported = Some(summary);
    }
    let applied = reorganizations::list(
        store,
        Window {
            after: None,
            limit: 500,
        },
    )
    .map_err(|e| describe(&e.into()))?
    .into_iter()
    .any(|r| r.effective_on == reform.effective_on && r.basis == reform.basis);
    if !applied {
        let count = reform.operations.len();
        reorganizations::apply(store, &caller, reform).map_err(|e| describe(&e.into()))?;
        loaded.operations = Some(count);
    }
    Ok(loaded)
}
