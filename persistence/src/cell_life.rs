//! What the reports on the cells' life read (rules 24-26): the cells of an area over a
//! period, and the meetings they held in it.

use chrono::NaiveDate;
use dantin_domain::cell_meeting::MeetingKind;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::{CellMeetingId, PartyOrgId, UnitId};
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::{cell_meetings, party_orgs};
use crate::scope::{in_list, sql, Scope};

/// A cell as a report names it, with the days it was in force.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Cell {
    pub id: PartyOrgId,
    pub name: String,
    pub unit_id: Option<UnitId>,
    pub valid_from: NaiveDate,
    /// The first day no longer in force.
    pub valid_to: Option<NaiveDate>,
}

/// The cells of the units in `scope` that were in force on some day from `from` to `to`,
/// by id.
pub fn cells(
    c: &mut Db,
    scope: &Scope,
    (from, to): (NaiveDate, NaiveDate),
) -> StoreResult<Vec<Cell>> {
    Ok(party_orgs::table
        .filter(party_orgs::kind.eq(PartyOrgKind::Cell.as_str()))
        .filter(sql(scope.sql("party_orgs.unit_id")))
        .filter(party_orgs::valid_from.le(to))
        .filter(
            party_orgs::valid_to
                .is_null()
                .or(party_orgs::valid_to.gt(from)),
        )
        .order(party_orgs::id)
        .select((
            party_orgs::id,
            party_orgs::name,
            party_orgs::unit_id,
            party_orgs::valid_from,
            party_orgs::valid_to,
        ))
        .load(c)?)
}

/// A meeting as the reports count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    pub id: CellMeetingId,
    pub cell_id: PartyOrgId,
    pub on: NaiveDate,
    pub kind: MeetingKind,
}

/// The meetings `cells` held from `from` to `to`, by day.
pub fn held(
    c: &mut Db,
    cells: &[PartyOrgId],
    (from, to): (NaiveDate, NaiveDate),
) -> StoreResult<Vec<Held>> {
    let mut all = Vec::new();
    for chunk in cells.chunks(10_000) {
        let rows: Vec<(CellMeetingId, PartyOrgId, NaiveDate, MeetingKind)> = cell_meetings::table
            .filter(sql(in_list(
                "cell_meetings.cell_id",
                chunk.iter().map(|c| c.get()),
            )))
            .filter(cell_meetings::held_on.between(from, to))
            .order((cell_meetings::held_on, cell_meetings::id))
            .select((
                cell_meetings::id,
                cell_meetings::cell_id,
                cell_meetings::held_on,
                cell_meetings::kind,
            ))
            .load(c)?;
        all.extend(rows.into_iter().map(|(id, cell_id, on, kind)| Held {
            id,
            cell_id,
            on,
            kind,
        }));
    }
    Ok(all)
}
