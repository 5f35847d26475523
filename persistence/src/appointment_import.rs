//! What a bulk import of tenures is judged on, loaded set-wise: the units that carried its
//! codes, their Party organisations, the persons and organisations its rows name, and the
//! tenures already held at its seats or by its holders. A few chunked statements each,
//! whatever the number of rows; the rows are stored by `persons::insert_all` and
//! `appointments::insert_all`.

use chrono::NaiveDate;
use dantin_domain::appointment::Post;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::unit::UnitLevel;
use dantin_domain::validity::Validity;
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use diesel::prelude::*;

use crate::appointments::Appointment;
use crate::db::Db;
use crate::error::StoreResult;
use crate::party_orgs::PartyOrg;
use crate::persons::Person;
use crate::schema::{appointments, party_org_versions, party_orgs, persons, unit_versions, units};
use crate::unit_import::analyze_after_import;

/// Values per `IN (...)`: well under SQLite's 32,766 bound parameters and PostgreSQL's
/// 65,535.
const LOOKUP_CHUNK: usize = 1_000;

/// A version of a unit that carried a code: the unit, its level, the code and its days.
#[derive(Debug, Clone)]
pub struct CodedVersion {
    pub unit_id: UnitId,
    pub level: UnitLevel,
    pub code: String,
    pub validity: Validity,
}

/// Every version of a unit that carried one of `codes`, whatever its days.
pub fn versions_with_codes(c: &mut Db, codes: &[&str]) -> StoreResult<Vec<CodedVersion>> {
    let mut out = Vec::new();
    for chunk in codes.chunks(LOOKUP_CHUNK) {
        type Row = (
            UnitId,
            UnitLevel,
            Option<String>,
            NaiveDate,
            Option<NaiveDate>,
        );
        let rows: Vec<Row> = unit_versions::table
            .inner_join(units::table)
            .filter(unit_versions::code.eq_any(chunk))
            .select((
                unit_versions::unit_id,
                units::level,
                unit_versions::code,
                unit_versions::valid_from,
                unit_versions::valid_to,
            ))
            .load(c)?;
        out.extend(
            rows.into_iter()
                .map(|(unit_id, level, code, from, to)| CodedVersion {
                    unit_id,
                    level,
                    code: code.unwrap_or_default(),
                    validity: Validity { from, to },
                }),
        );
    }
    Ok(out)
}

/// A version of a Party organisation that named a unit: the organisation and its kind,
/// that unit and the version's days, and the unit the organisation names latest (the one
/// an officer's area is read on, as `lookup::org` reads it).
#[derive(Debug, Clone)]
pub struct UnitOrg {
    pub id: PartyOrgId,
    pub kind: PartyOrgKind,
    pub unit_id: UnitId,
    pub validity: Validity,
    pub latest_unit_id: Option<UnitId>,
}

/// Every version of an organisation that named one of `units`, in the order of the
/// organisations' ids.
pub fn orgs_of_units(c: &mut Db, units: &[UnitId]) -> StoreResult<Vec<UnitOrg>> {
    let ids: Vec<i64> = units.iter().map(|u| u.get()).collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        type Row = (
            PartyOrgId,
            PartyOrgKind,
            Option<UnitId>,
            NaiveDate,
            Option<NaiveDate>,
            Option<UnitId>,
        );
        let rows: Vec<Row> = party_org_versions::table
            .inner_join(party_orgs::table)
            .filter(party_org_versions::unit_id.eq_any(chunk))
            .select((
                party_orgs::id,
                party_orgs::kind,
                party_org_versions::unit_id,
                party_org_versions::valid_from,
                party_org_versions::valid_to,
                party_orgs::unit_id,
            ))
            .load(c)?;
        out.extend(
            rows.into_iter()
                .filter_map(|(id, kind, unit_id, from, to, latest_unit_id)| {
                    Some(UnitOrg {
                        id,
                        kind,
                        unit_id: unit_id?,
                        validity: Validity { from, to },
                        latest_unit_id,
                    })
                }),
        );
    }
    out.sort_by_key(|o| o.id);
    Ok(out)
}

/// The organisations with these ids that exist, each with its latest version.
pub fn orgs(c: &mut Db, ids: &[PartyOrgId]) -> StoreResult<Vec<PartyOrg>> {
    let ids: Vec<i64> = ids.iter().map(|o| o.get()).collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        out.extend(
            party_orgs::table
                .filter(party_orgs::id.eq_any(chunk))
                .select(PartyOrg::as_select())
                .load(c)?,
        );
    }
    Ok(out)
}

/// The persons with these ids that exist.
pub fn persons(c: &mut Db, ids: &[PersonId]) -> StoreResult<Vec<Person>> {
    let ids: Vec<i64> = ids.iter().map(|p| p.get()).collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        out.extend(
            persons::table
                .filter(persons::id.eq_any(chunk))
                .select(Person::as_select())
                .load(c)?,
        );
    }
    Ok(out)
}

/// Every tenure held, at any time, in one of `units` or one of `orgs`.
pub fn tenures_at(
    c: &mut Db,
    units: &[UnitId],
    orgs: &[PartyOrgId],
) -> StoreResult<Vec<Appointment>> {
    let unit_ids: Vec<i64> = units.iter().map(|u| u.get()).collect();
    let org_ids: Vec<i64> = orgs.iter().map(|o| o.get()).collect();
    let mut out = Vec::new();
    for chunk in unit_ids.chunks(LOOKUP_CHUNK) {
        out.extend(
            appointments::table
                .filter(appointments::unit_id.eq_any(chunk))
                .select(Appointment::as_select())
                .load(c)?,
        );
    }
    for chunk in org_ids.chunks(LOOKUP_CHUNK) {
        out.extend(
            appointments::table
                .filter(appointments::party_org_id.eq_any(chunk))
                .select(Appointment::as_select())
                .load(c)?,
        );
    }
    Ok(out)
}

/// Every village head tenure, at any time, of one of `persons` (what
/// `appointments::heads_elsewhere` asks of one person on one day).
pub fn head_tenures_of(c: &mut Db, persons: &[PersonId]) -> StoreResult<Vec<Appointment>> {
    let ids: Vec<i64> = persons.iter().map(|p| p.get()).collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        out.extend(
            appointments::table
                .filter(appointments::person_id.eq_any(chunk))
                .filter(appointments::post.eq(Post::VillageHead.as_str()))
                .select(Appointment::as_select())
                .load(c)?,
        );
    }
    Ok(out)
}

/// After a large import, fresh statistics for the tables it filled.
pub fn analyze(c: &mut Db, rows: usize) -> StoreResult<()> {
    analyze_after_import(
        c,
        rows,
        &[
            "appointments",
            "persons",
            "person_search_keys",
            "party_status_changes",
        ],
    )
}
