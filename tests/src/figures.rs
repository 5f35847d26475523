//! The figures of the unification and progress reports, and assertions on them in JSON
//! and in CSV.

use serde_json::{json, Value};

use crate::public::CsvRow;

/// The figures of a unification report's total and of each of its child rows.
pub const FIGURE_KEYS: &[&str] = &[
    "in_force",
    "with_party_org",
    "unknown",
    "known",
    "unified",
    "pending_approval",
    "rate",
    "target",
    "gap",
];

/// Asserts the figures of a report (`total` or a child row).
#[track_caller]
pub fn assert_figures(f: &Value, expected: &Value) {
    for (key, want) in expected.as_object().unwrap() {
        assert_eq!(&f[key], want, "figure `{key}` of {f}");
    }
}

/// The child row of `unit` in a report.
#[track_caller]
pub fn child_row(report: &Value, unit: i64) -> Value {
    report["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["unit"]["id"] == unit)
        .unwrap_or_else(|| panic!("no child row for unit {unit}: {report}"))
        .clone()
}

/// Asserts a CSV row of a report holds the same numbers as the JSON figures.
#[track_caller]
pub fn assert_csv_figures(row: &CsvRow, f: &Value) {
    for key in FIGURE_KEYS {
        let csv = row
            .get(*key)
            .unwrap_or_else(|| panic!("no `{key}` column in {row:?}"));
        let want = &f[*key];
        if want.is_null() {
            assert_eq!(csv, "", "`{key}` of {row:?} against {f}");
        } else if let Some(n) = want.as_f64().filter(|_| *key == "rate") {
            let got: f64 = csv
                .parse()
                .unwrap_or_else(|_| panic!("rate {csv:?} is not a number"));
            assert!((got - n).abs() < 1e-9, "rate {csv} in CSV, {n} in JSON");
        } else {
            assert_eq!(csv, &want.to_string(), "`{key}` of {row:?} against {f}");
        }
    }
}

/// Asserts one day's running totals of a progress report for `kind` (`head_elections`
/// or `congresses`): held, elected, no winner, no quorum, units with someone elected.
#[track_caller]
pub fn assert_cumulative(
    day: &Value,
    kind: &str,
    (held, elected, no_winner, no_quorum, units): (u32, u32, u32, u32, u32),
) {
    assert_eq!(
        day[kind],
        json!({"held": held, "elected": elected, "no_winner": no_winner,
               "no_quorum": no_quorum, "units_elected": units}),
        "{kind} on {}",
        day["date"]
    );
}
