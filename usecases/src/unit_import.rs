//! Importing units in bulk: a whole country in one transaction, all or nothing, every bad
//! row named.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::unit::{check_code_free, check_unit, ParentFacts, UnitKind, UnitLevel};
use dantin_domain::validity::Validity;
use dantin_domain::{RowViolation, Rule, RuleViolation, UnitId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::unit_import::{self as stored, ImportedUnit, ParentRef};
use dantin_persistence::{Db, Store};
use serde::Serialize;

use crate::caller::Caller;
use crate::error::{Error, Result};

/// One row of a bulk import; the parent is named by code, in the file or already stored.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// The row's 0-based position in the input, which refusals name.
    pub index: usize,
    pub code: String,
    pub name: String,
    pub level: UnitLevel,
    pub kind: UnitKind,
    pub parent_code: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub created: usize,
    pub provinces: usize,
    pub districts: usize,
    pub communes: usize,
    pub villages: usize,
}

/// A stored unit a row may clash with or hang under.
struct StoredCode {
    id: UnitId,
    level: UnitLevel,
    validity: Validity,
}

/// Creates every row, all in force from `valid_from`, or none: a refusal lists every bad
/// row, those in `unreadable` (rows that could not even be read) included. Rows may come in
/// any order; parents are resolved by code. Admin only.
pub fn import(
    store: &Store,
    caller: &Caller,
    valid_from: NaiveDate,
    rows: &[ImportRow],
    unreadable: Vec<RowViolation>,
) -> Result<ImportSummary> {
    caller.require_admin()?;
    caller.write(store, |c| {
        import_in(c, caller, valid_from, rows, unreadable)
    })
}

/// The import, inside the caller's transaction.
pub(crate) fn import_in(
    c: &mut Db,
    caller: &Caller,
    valid_from: NaiveDate,
    rows: &[ImportRow],
    unreadable: Vec<RowViolation>,
) -> Result<ImportSummary> {
    let stored_units = stored::coded_in_force_from(c, valid_from)?;
    let mut by_stored_code: HashMap<String, Vec<StoredCode>> = HashMap::new();
    for unit in stored_units {
        by_stored_code
            .entry(unit.code.clone().unwrap_or_default())
            .or_default()
            .push(StoredCode {
                id: unit.id,
                level: unit.level,
                validity: unit.validity(),
            });
    }
    let parents = resolve(rows, valid_from, &by_stored_code, unreadable)?;
    let imported: Vec<ImportedUnit<'_>> = rows
        .iter()
        .zip(parents)
        .map(|(row, parent)| ImportedUnit {
            code: &row.code,
            name: &row.name,
            level: row.level,
            kind: row.kind,
            parent,
        })
        .collect();
    let ids = stored::insert_all(c, &imported, valid_from, None)?;
    let count = |level| rows.iter().filter(|r| r.level == level).count();
    let summary = ImportSummary {
        created: ids.len(),
        provinces: count(UnitLevel::Province),
        districts: count(UnitLevel::District),
        communes: count(UnitLevel::Commune),
        villages: count(UnitLevel::Village),
    };
    /// What the trail keeps of an import: its day, its counts, and every unit it
    /// created as `[id, code]`.
    #[derive(Serialize)]
    struct Imported<'a> {
        valid_from: NaiveDate,
        #[serde(flatten)]
        summary: &'a ImportSummary,
        units: Vec<(UnitId, &'a str)>,
    }
    audit::append(
        c,
        caller.actor(),
        Change::<(), _> {
            action: "unit.import",
            entity_type: "unit",
            entity_id: None,
            before: None,
            after: Some(&Imported {
                valid_from,
                summary: &summary,
                units: ids
                    .iter()
                    .zip(rows)
                    .map(|(id, row)| (*id, row.code.as_str()))
                    .collect(),
            }),
        },
    )?;
    Ok(summary)
}

/// Each row's parent, once every row passed the unit rules (`dantin_domain::unit`) against
/// the other rows and the stored units; else every bad row.
fn resolve(
    rows: &[ImportRow],
    valid_from: NaiveDate,
    stored: &HashMap<String, Vec<StoredCode>>,
    unreadable: Vec<RowViolation>,
) -> Result<Vec<Option<ParentRef>>> {
    let validity = Validity {
        from: valid_from,
        to: None,
    };
    let mut errors = unreadable;
    let mut reject = |i: usize, v: RuleViolation| errors.push(RowViolation::new(rows[i].index, v));

    let mut by_code: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if let Some(first) = by_code.insert(row.code.as_str(), i) {
            by_code.insert(row.code.as_str(), first);
            reject(
                i,
                RuleViolation::new(
                    Rule::UnitCodeUniqueOnDate,
                    format!(
                        "code `{}` also stands in row {}",
                        row.code, rows[first].index
                    ),
                ),
            );
        }
    }

    let mut parents = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let clashes: Vec<Validity> = stored
            .get(&row.code)
            .map(|units| units.iter().map(|u| u.validity).collect())
            .unwrap_or_default();
        if let Err(v) = check_code_free(&row.code, &validity, &clashes) {
            reject(i, v);
        }
        let parent = match row.parent_code.as_deref() {
            None => None,
            Some(pc) => match by_code.get(pc) {
                Some(&p) => Some((
                    ParentRef::Row(p),
                    ParentFacts {
                        level: rows[p].level,
                        validity,
                    },
                )),
                None => match stored
                    .get(pc)
                    .and_then(|units| units.iter().find(|u| u.validity.contains(valid_from)))
                {
                    Some(u) => Some((
                        ParentRef::Stored(u.id),
                        ParentFacts {
                            level: u.level,
                            validity: u.validity,
                        },
                    )),
                    None => {
                        reject(
                            i,
                            RuleViolation::new(
                                Rule::UnitParentExists,
                                format!("no valid row of the file and no unit in force on {valid_from} has code `{pc}`"),
                            ),
                        );
                        parents.push(None);
                        continue;
                    }
                },
            },
        };
        if let Err(vs) = check_unit(
            row.level,
            row.kind,
            &validity,
            parent.as_ref().map(|(_, f)| f),
        ) {
            for v in vs.0 {
                reject(i, v);
            }
        }
        parents.push(parent.map(|(r, _)| r));
    }
    if errors.is_empty() {
        Ok(parents)
    } else {
        errors.sort_by_key(|e| e.index);
        Err(Error::Rows(errors))
    }
}
