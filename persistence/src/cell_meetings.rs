//! Cell meetings as stored (migration `cell_meetings`): what each minute records, and the
//! upper-level cadres who attended.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::cell_meeting::{Meeting, MeetingKind};
use dantin_domain::{CellMeetingId, PartyOrgId, PersonId, UnitId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::{on_backend, Db};
use crate::error::{StoreError, StoreResult};
use crate::schema::{cell_meeting_cadres, cell_meetings};
use crate::scope::{sql, Scope};
use crate::version;
use crate::window::Window;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellMeetingRecord {
    pub id: CellMeetingId,
    pub cell_id: PartyOrgId,
    pub held_on: NaiveDate,
    pub meeting: Meeting,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = cell_meetings)]
struct Row {
    id: CellMeetingId,
    cell_id: PartyOrgId,
    held_on: NaiveDate,
    kind: MeetingKind,
    topic: Option<String>,
    members_summoned: i32,
    members_present: i32,
}

fn hydrate(c: &mut Db, rows: Vec<Row>) -> StoreResult<Vec<CellMeetingRecord>> {
    let mut cadres = attending(c, rows.iter().map(|r| r.id))?;
    Ok(rows
        .into_iter()
        .map(|r| CellMeetingRecord {
            id: r.id,
            cell_id: r.cell_id,
            held_on: r.held_on,
            meeting: Meeting {
                kind: r.kind,
                topic: r.topic,
                members_summoned: r.members_summoned as u32,
                members_present: r.members_present as u32,
                cadres: cadres.remove(&r.id).unwrap_or_default(),
            },
        })
        .collect())
}

/// The cadres who attended each of `meetings`, in the order of their ids.
pub fn attending(
    c: &mut Db,
    meetings: impl IntoIterator<Item = CellMeetingId>,
) -> StoreResult<HashMap<CellMeetingId, Vec<PersonId>>> {
    let ids: Vec<i64> = meetings.into_iter().map(CellMeetingId::get).collect();
    let mut by_meeting: HashMap<CellMeetingId, Vec<PersonId>> = HashMap::new();
    for chunk in ids.chunks(10_000) {
        let rows: Vec<(CellMeetingId, PersonId)> = cell_meeting_cadres::table
            .filter(cell_meeting_cadres::meeting_id.eq_any(chunk))
            .order((
                cell_meeting_cadres::meeting_id,
                cell_meeting_cadres::person_id,
            ))
            .select((
                cell_meeting_cadres::meeting_id,
                cell_meeting_cadres::person_id,
            ))
            .load(c)?;
        for (meeting, person) in rows {
            by_meeting.entry(meeting).or_default().push(person);
        }
    }
    Ok(by_meeting)
}

pub fn insert(
    c: &mut Db,
    cell: PartyOrgId,
    held_on: NaiveDate,
    m: &Meeting,
) -> StoreResult<CellMeetingRecord> {
    let id: CellMeetingId = diesel::insert_into(cell_meetings::table)
        .values((
            cell_meetings::cell_id.eq(cell.get()),
            cell_meetings::held_on.eq(held_on),
            cell_meetings::kind.eq(m.kind.as_str()),
            cell_meetings::topic.eq(m.topic.as_deref()),
            cell_meetings::members_summoned.eq(m.members_summoned as i32),
            cell_meetings::members_present.eq(m.members_present as i32),
            cell_meetings::created_at.eq(version::now()),
        ))
        .returning(cell_meetings::id)
        .get_result(c)?;
    let rows: Vec<_> = m
        .cadres
        .iter()
        .map(|p| {
            (
                cell_meeting_cadres::meeting_id.eq(id.get()),
                cell_meeting_cadres::person_id.eq(p.get()),
            )
        })
        .collect();
    if !rows.is_empty() {
        on_backend!(c, |c| diesel::insert_into(cell_meeting_cadres::table)
            .values(&rows)
            .execute(c))?;
    }
    find(c, id)?.ok_or_else(|| StoreError::Corrupt(format!("meeting {id} vanished while written")))
}

pub fn find(c: &mut Db, id: CellMeetingId) -> StoreResult<Option<CellMeetingRecord>> {
    let rows = cell_meetings::table
        .find(id.get())
        .select(Row::as_select())
        .load(c)?;
    Ok(hydrate(c, rows)?.pop())
}

#[derive(Debug, Clone, Default)]
pub struct CellMeetingFilter {
    pub cell_id: Option<PartyOrgId>,
    /// Held on or after this day.
    pub from: Option<NaiveDate>,
    /// Held on or before this day.
    pub to: Option<NaiveDate>,
    /// An officer's area: only the meetings of cells of units under it.
    pub area: Option<UnitId>,
}

/// The meetings matching `f`, in the order they were recorded.
pub fn list(c: &mut Db, f: &CellMeetingFilter, w: Window) -> StoreResult<Vec<CellMeetingRecord>> {
    let mut q = cell_meetings::table
        .select(Row::as_select())
        .filter(cell_meetings::id.gt(w.after_id()))
        .order(cell_meetings::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(cell) = f.cell_id {
        q = q.filter(cell_meetings::cell_id.eq(cell.get()));
    }
    if let Some(from) = f.from {
        q = q.filter(cell_meetings::held_on.ge(from));
    }
    if let Some(to) = f.to {
        q = q.filter(cell_meetings::held_on.le(to));
    }
    if let Some(root) = f.area {
        q = q.filter(sql(Scope::Subtree(root).orgs_sql("cell_meetings.cell_id")));
    }
    let rows = q.load(c)?;
    hydrate(c, rows)
}
