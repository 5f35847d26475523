//! Reorganisations as stored: the act, the versions it ends and begins, the units it
//! creates, the successions it records and the tenures it ends. Whether an act may be
//! applied is decided (`dantin_domain::reorganization::plan`) before it reaches here; its
//! writes are set-wise, in chunks, so that a national reform is one transaction of a few
//! hundred statements.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::appointment::EndReason;
use dantin_domain::reorganization::{Key, Operation, Plan, StoredVersion, UnitState};
use dantin_domain::unit::{HeldThere, UnitKind, UnitLevel};
use dantin_domain::validity::Validity;
use dantin_domain::{ReorganizationId, UnitId};
use diesel::prelude::*;

use crate::db::{on_backend, Db};
use crate::error::{StoreError, StoreResult};
use crate::schema::{
    appointments, congresses, head_elections, party_orgs, reorganizations, unit_versions, units,
};
use crate::scope::{in_list, sql};
use crate::unit_import::{self, ImportedUnit, ParentRef};
use crate::units::write_search_keys;
use crate::version;

/// Ids per statement of a set-wise write.
const CHUNK: usize = 1_000;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = reorganizations)]
pub struct Reorganization {
    pub id: ReorganizationId,
    pub effective_on: NaiveDate,
    pub basis: String,
    /// The operations as applied, as JSON.
    pub operations: String,
    pub created: i32,
    pub ended: i32,
    pub changed: i32,
    pub successions: i32,
    pub created_at: NaiveDateTime,
}

/// The act as recorded, before its effects.
pub struct NewReorganization<'a> {
    pub effective_on: NaiveDate,
    pub basis: &'a str,
    pub operations: &'a [Operation],
}

/// Every unit's version in force on the day before `day` or on `day`: the map an act of
/// that day is judged on.
pub fn versions_around(c: &mut Db, day: NaiveDate) -> StoreResult<Vec<StoredVersion>> {
    type Row = (
        UnitId,
        Option<String>,
        String,
        UnitLevel,
        UnitKind,
        Option<UnitId>,
        (NaiveDate, Option<NaiveDate>),
        (NaiveDate, Option<NaiveDate>),
    );
    let rows: Vec<Row> = units::table
        .inner_join(unit_versions::table)
        .filter(unit_versions::valid_from.le(day))
        .filter(
            unit_versions::valid_to
                .is_null()
                .or(unit_versions::valid_to.ge(day)),
        )
        .select((
            units::id,
            unit_versions::code,
            unit_versions::name,
            units::level,
            unit_versions::kind,
            unit_versions::parent_id,
            (units::valid_from, units::valid_to),
            (unit_versions::valid_from, unit_versions::valid_to),
        ))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, code, name, level, kind, parent, life, version)| StoredVersion {
                id,
                code,
                name,
                level,
                kind,
                parent,
                life: Validity {
                    from: life.0,
                    to: life.1,
                },
                version: Validity {
                    from: version.0,
                    to: version.1,
                },
            },
        )
        .collect())
}

/// What was held in each of `ids` from `day` on, all that
/// `reorganization::check_nothing_held_after` needs: tenures that start then or later, and
/// head elections and congresses held then or later. Only the units with any are listed.
pub fn held_from(
    c: &mut Db,
    ids: &[UnitId],
    day: NaiveDate,
) -> StoreResult<HashMap<UnitId, HeldThere>> {
    let mut held: HashMap<UnitId, HeldThere> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let list = in_list("party_orgs.unit_id", chunk.iter().map(|id| id.get()));
        let orgs: HashMap<i64, UnitId> = party_orgs::table
            .filter(sql(list))
            .select((party_orgs::id, party_orgs::unit_id.assume_not_null()))
            .load::<(i64, UnitId)>(c)?
            .into_iter()
            .collect();
        let unit_list = || in_list("unit_id", chunk.iter().map(|id| id.get()));
        let org_list = |column: &str| in_list(column, orgs.keys().copied());
        /// A tenure's seat (unit or organisation) and its days.
        type Tenure = (Option<UnitId>, Option<i64>, NaiveDate, Option<NaiveDate>);
        let tenures: Vec<Tenure> = appointments::table
            .filter(appointments::starts_on.ge(day))
            .filter(sql(format!(
                "({} OR {})",
                unit_list(),
                org_list("party_org_id")
            )))
            .select((
                appointments::unit_id,
                appointments::party_org_id,
                appointments::starts_on,
                appointments::ends_on,
            ))
            .load(c)?;
        for (unit, org, from, to) in tenures {
            if let Some(unit) = unit.or_else(|| org.and_then(|o| orgs.get(&o).copied())) {
                held.entry(unit)
                    .or_default()
                    .tenures
                    .push(Validity { from, to });
            }
        }
        let elections: Vec<(UnitId, NaiveDate)> = head_elections::table
            .filter(head_elections::held_on.ge(day))
            .filter(sql(in_list("village_id", chunk.iter().map(|id| id.get()))))
            .select((head_elections::village_id, head_elections::held_on))
            .load(c)?;
        let congresses: Vec<(i64, NaiveDate)> = congresses::table
            .filter(congresses::held_on.ge(day))
            .filter(sql(org_list("cell_id")))
            .select((congresses::cell_id, congresses::held_on))
            .load(c)?;
        let congresses = congresses
            .into_iter()
            .filter_map(|(org, on)| orgs.get(&org).map(|unit| (*unit, on)));
        for (unit, on) in elections.into_iter().chain(congresses) {
            held.entry(unit).or_default().elections.push(on);
        }
    }
    Ok(held)
}

/// Stores the act and its effects; the act's id and the ids of the units it created, in
/// the order of `plan.creates`.
pub fn apply(
    c: &mut Db,
    act: &NewReorganization<'_>,
    plan: &Plan,
) -> StoreResult<(ReorganizationId, Vec<UnitId>)> {
    let day = act.effective_on;
    let now = version::now();
    let operations =
        serde_json::to_string(act.operations).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id: ReorganizationId = diesel::insert_into(reorganizations::table)
        .values((
            reorganizations::effective_on.eq(day),
            reorganizations::basis.eq(act.basis),
            reorganizations::operations.eq(operations),
            reorganizations::created.eq(plan.creates.len() as i32),
            reorganizations::ended.eq(plan.ends.len() as i32),
            reorganizations::changed.eq(plan.changes.len() as i32),
            reorganizations::successions.eq(plan.successions.len() as i32),
            reorganizations::created_at.eq(now),
        ))
        .returning(reorganizations::id)
        .get_result(c)?;

    // Existing units first: a created unit may reuse the code of one that ends today, and
    // the index of open-ended codes sees the end only once it is written.
    for chunk in plan.ends.chunks(CHUNK) {
        let ids: Vec<i64> = chunk.iter().map(|(u, _)| u.get()).collect();
        close_versions(c, &ids, day)?;
        diesel::update(units::table.filter(units::id.eq_any(&ids)))
            .set((
                units::valid_to.eq(day),
                units::version.eq(units::version + 1),
                units::updated_at.eq(now),
            ))
            .execute(c)?;
        end_tenures(c, &ids, &[], day)?;
    }
    let changed: Vec<i64> = plan.changes.iter().map(|(id, _)| id.get()).collect();
    for chunk in changed.chunks(CHUNK) {
        close_versions(c, chunk, day)?;
    }
    // Free the codes the changes give up before any is taken again.
    let recoded: Vec<i64> = plan.recoded.iter().map(|id| id.get()).collect();
    for chunk in recoded.chunks(CHUNK) {
        diesel::update(units::table.filter(units::id.eq_any(chunk)))
            .set(units::code.eq(None::<String>))
            .execute(c)?;
    }

    let imported: Vec<ImportedUnit<'_>> = plan
        .creates
        .iter()
        .map(|state| ImportedUnit {
            code: state.code.as_deref().unwrap_or_default(),
            name: &state.name,
            level: state.level,
            kind: state.kind,
            parent: state.parent.map(|p| match p {
                Key::Stored(id) => ParentRef::Stored(id),
                Key::New(n) => ParentRef::Row(n),
            }),
        })
        .collect();
    let created = unit_import::insert_all(c, &imported, day, Some(id))?;
    let resolve = |key: Key| match key {
        Key::Stored(id) => id,
        Key::New(n) => created[n],
    };

    for chunk in plan.changes.chunks(CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|(unit, state): &(UnitId, UnitState)| {
                (
                    unit_versions::unit_id.eq(unit.get()),
                    unit_versions::valid_from.eq(day),
                    unit_versions::code.eq(state.code.as_deref()),
                    unit_versions::name.eq(&state.name),
                    unit_versions::kind.eq(state.kind.as_str()),
                    unit_versions::parent_id.eq(state.parent.map(|p| resolve(p).get())),
                    unit_versions::reorganization_id.eq(Some(id.get())),
                )
            })
            .collect();
        on_backend!(c, |c| diesel::insert_into(unit_versions::table)
            .values(&values)
            .execute(c))?;
        // The units' own columns follow their new latest versions.
        let ids = in_list("units.id", chunk.iter().map(|(u, _)| u.get()));
        let latest = |column: &str| {
            format!(
                "{column} = (SELECT v.{column} FROM unit_versions v \
                 WHERE v.unit_id = units.id AND v.valid_from = '{day}')"
            )
        };
        // One statement, so that each unit's row is replaced (and its transaction time
        // kept) once.
        diesel::sql_query(format!(
            "UPDATE units SET {}, {}, {}, {}, version = version + 1, updated_at = {} WHERE {ids}",
            latest("code"),
            latest("name"),
            latest("kind"),
            latest("parent_id"),
            now.format("'%Y-%m-%d %H:%M:%S%.f'"),
        ))
        .execute(c)?;
    }
    for unit in &plan.renamed {
        write_search_keys(c, *unit)?;
    }

    let successions: Vec<_> = plan
        .successions
        .iter()
        .map(|s| {
            (
                crate::schema::unit_successions::reorganization_id.eq(id.get()),
                crate::schema::unit_successions::predecessor_id.eq(s.predecessor.get()),
                crate::schema::unit_successions::successor_id.eq(resolve(s.successor).get()),
                crate::schema::unit_successions::whole.eq(s.whole),
            )
        })
        .collect();
    for chunk in successions.chunks(CHUNK) {
        on_backend!(c, |c| diesel::insert_into(
            crate::schema::unit_successions::table
        )
        .values(chunk)
        .execute(c))?;
    }
    Ok((id, created))
}

/// Ends on `day` the open versions of `ids`.
fn close_versions(c: &mut Db, ids: &[i64], day: NaiveDate) -> StoreResult<()> {
    diesel::update(
        unit_versions::table
            .filter(unit_versions::unit_id.eq_any(ids))
            .filter(unit_versions::valid_to.is_null()),
    )
    .set(unit_versions::valid_to.eq(day))
    .execute(c)?;
    Ok(())
}

/// Ends on `day`, for reason `unit_reorganized`, the tenures still held then in `units`
/// or in their organisations, or in `orgs`.
pub(crate) fn end_tenures(
    c: &mut Db,
    units: &[i64],
    orgs: &[i64],
    day: NaiveDate,
) -> StoreResult<()> {
    let seats = format!(
        "({} OR appointments.party_org_id IN (SELECT id FROM party_orgs WHERE {}) OR {})",
        in_list("appointments.unit_id", units.iter().copied()),
        in_list("party_orgs.unit_id", units.iter().copied()),
        in_list("appointments.party_org_id", orgs.iter().copied()),
    );
    diesel::update(
        appointments::table
            .filter(sql(seats))
            .filter(appointments::starts_on.lt(day))
            .filter(
                appointments::ends_on
                    .is_null()
                    .or(appointments::ends_on.gt(day)),
            ),
    )
    .set((
        appointments::ends_on.eq(day),
        appointments::end_reason.eq(EndReason::UnitReorganized.as_str()),
        appointments::version.eq(appointments::version + 1),
    ))
    .execute(c)?;
    Ok(())
}

pub fn find(c: &mut Db, id: ReorganizationId) -> StoreResult<Option<Reorganization>> {
    Ok(reorganizations::table
        .find(id.get())
        .select(Reorganization::as_select())
        .first(c)
        .optional()?)
}

/// A page of acts, in the order they were recorded.
pub fn list(c: &mut Db, window: crate::Window) -> StoreResult<Vec<Reorganization>> {
    Ok(reorganizations::table
        .filter(reorganizations::id.gt(window.after_id()))
        .order(reorganizations::id)
        .limit(window.limit)
        .select(Reorganization::as_select())
        .load(c)?)
}
