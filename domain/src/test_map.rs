//! Stored units for the planners' tests: one version each, in force from 2000 with no end.

use crate::reorganization::StoredVersion;
use crate::unit::{UnitKind, UnitLevel};
use crate::validity::Validity;
use crate::UnitId;

/// A unit named after its kind and code, in force from 2000-01-01 with no end.
pub(crate) fn unit(
    id: i64,
    code: &str,
    level: UnitLevel,
    kind: UnitKind,
    parent: Option<i64>,
) -> StoredVersion {
    let life = Validity {
        from: "2000-01-01".parse().expect("a day"),
        to: None,
    };
    StoredVersion {
        id: UnitId(id),
        code: Some(code.to_owned()),
        name: format!("{kind} {code}"),
        level,
        kind,
        parent: parent.map(UnitId),
        life,
        version: life,
    }
}
