//! Which units the writes touched, and when (migration `unit_marks`): triggers note in
//! `touched` the units, Party organisations and persons a changed row concerns; before a
//! write commits, those organisations' units and the units of those persons' posts join
//! the touched units, and each of them and every unit it ever lay under (on any map) is
//! marked with the write's data version. What is kept of a unit's subtree at its mark
//! (`kept`) is right while the mark stays.

use std::collections::HashMap;

use dantin_domain::UnitId;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::unit_marks;
use crate::scope::{in_list, sql};

/// Marks the units touched in this write, and their ancestors, with its data version; in
/// the write's transaction, after all its statements.
pub(crate) fn mark_touched(c: &mut Db) -> StoreResult<()> {
    c.batch_execute(
        "WITH RECURSIVE up(id) AS (\
         SELECT id FROM touched WHERE what = 'unit' \
         UNION SELECT o.unit_id FROM touched t JOIN party_orgs o ON o.id = t.id \
         WHERE t.what = 'org' AND o.unit_id IS NOT NULL \
         UNION SELECT a.unit_id FROM touched t JOIN appointments a ON a.person_id = t.id \
         WHERE t.what = 'person' AND a.unit_id IS NOT NULL \
         UNION SELECT o.unit_id FROM touched t JOIN appointments a ON a.person_id = t.id \
         JOIN party_orgs o ON o.id = a.party_org_id \
         WHERE t.what = 'person' AND o.unit_id IS NOT NULL \
         UNION SELECT v.parent_id FROM unit_versions v JOIN up ON v.unit_id = up.id \
         WHERE v.parent_id IS NOT NULL) \
         INSERT INTO unit_marks (unit_id, version) \
         SELECT id, (SELECT data_version FROM audit_head) FROM up WHERE true \
         ON CONFLICT (unit_id) DO UPDATE SET version = excluded.version; \
         DELETE FROM touched;",
    )?;
    Ok(())
}

/// The marks of `units`: the data version of the last write under each (0 if none since
/// marks began).
pub fn of(c: &mut Db, units: &[UnitId]) -> StoreResult<HashMap<UnitId, i64>> {
    let mut marks = HashMap::new();
    for chunk in units.chunks(1_000) {
        let rows: Vec<(UnitId, i64)> = unit_marks::table
            .filter(sql(in_list(
                "unit_marks.unit_id",
                chunk.iter().map(|u| u.get()),
            )))
            .select((unit_marks::unit_id, unit_marks::version))
            .load(c)?;
        marks.extend(rows);
    }
    Ok(marks)
}
