//! Minutes typed twice, as stored (migration `minute_entries`): each entry as the JSON of
//! the record it would make, who typed it, where two entries differ, a coordinator's
//! resolution, and the head election or congress recorded once definitive.

use chrono::NaiveDateTime;
use dantin_domain::double_entry::{EntryState, MinuteKind, Resolution};
use dantin_domain::{CongressId, HeadElectionId, MinuteEntryId, UnitId};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::minute_entries;
use crate::scope::{sql, Scope};
use crate::version;
use crate::Window;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = minute_entries)]
struct Row {
    id: MinuteEntryId,
    kind: MinuteKind,
    unit_id: Option<UnitId>,
    state: EntryState,
    first_entry: String,
    first_by: String,
    second_entry: Option<String>,
    second_by: Option<String>,
    differences: String,
    resolution: Option<Resolution>,
    resolved_by: Option<String>,
    correction: Option<String>,
    head_election_id: Option<HeadElectionId>,
    congress_id: Option<CongressId>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// One entry of a minute: what was typed, and by which account.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub minute: Value,
    pub by: String,
}

/// A minute and its entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinuteEntry {
    pub id: MinuteEntryId,
    pub kind: MinuteKind,
    /// The village, or the unit of the congress's cell.
    pub unit_id: Option<UnitId>,
    pub state: EntryState,
    pub first: Entry,
    pub second: Option<Entry>,
    /// The paths of the fields in which the two entries differ.
    pub differences: Vec<String>,
    pub resolution: Option<Resolution>,
    /// The coordinator's own entry, with `correct`.
    pub correction: Option<Entry>,
    pub resolved_by: Option<String>,
    pub head_election_id: Option<HeadElectionId>,
    pub congress_id: Option<CongressId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

fn parse(id: MinuteEntryId, json: &str) -> StoreResult<Value> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("minute entry {id}: {e}")))
}

impl TryFrom<Row> for MinuteEntry {
    type Error = StoreError;

    fn try_from(r: Row) -> StoreResult<Self> {
        let id = r.id;
        let entry = |json: Option<String>, by: Option<String>| -> StoreResult<Option<Entry>> {
            match (json, by) {
                (Some(json), Some(by)) => Ok(Some(Entry {
                    minute: parse(id, &json)?,
                    by,
                })),
                _ => Ok(None),
            }
        };
        let differences = serde_json::from_str(&r.differences)
            .map_err(|e| StoreError::Corrupt(format!("minute entry {id}: {e}")))?;
        Ok(Self {
            id,
            kind: r.kind,
            unit_id: r.unit_id,
            state: r.state,
            first: Entry {
                minute: parse(id, &r.first_entry)?,
                by: r.first_by,
            },
            second: entry(r.second_entry, r.second_by)?,
            differences,
            resolution: r.resolution,
            correction: entry(r.correction, r.resolved_by.clone())?,
            resolved_by: r.resolved_by,
            head_election_id: r.head_election_id,
            congress_id: r.congress_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// Stores a first entry.
pub fn insert(
    c: &mut Db,
    kind: MinuteKind,
    unit_id: Option<UnitId>,
    first: &Entry,
) -> StoreResult<MinuteEntry> {
    let now = version::now();
    let id: MinuteEntryId = diesel::insert_into(minute_entries::table)
        .values((
            minute_entries::kind.eq(kind.as_str()),
            minute_entries::unit_id.eq(unit_id.map(UnitId::get)),
            minute_entries::state.eq(EntryState::FirstEntered.as_str()),
            minute_entries::first_entry.eq(first.minute.to_string()),
            minute_entries::first_by.eq(&first.by),
            minute_entries::differences.eq("[]"),
            minute_entries::created_at.eq(now),
            minute_entries::updated_at.eq(now),
        ))
        .returning(minute_entries::id)
        .get_result(c)?;
    find(c, id)?.ok_or_else(|| StoreError::Corrupt(format!("minute entry {id} vanished")))
}

/// Writes what a transition changed: the state, the second entry and the differences, the
/// resolution, and the result.
pub fn update(c: &mut Db, e: &MinuteEntry) -> StoreResult<MinuteEntry> {
    let differences = serde_json::to_string(&e.differences)
        .map_err(|err| StoreError::Corrupt(format!("minute entry {}: {err}", e.id)))?;
    diesel::update(minute_entries::table.find(e.id.get()))
        .set((
            minute_entries::state.eq(e.state.as_str()),
            minute_entries::second_entry.eq(e.second.as_ref().map(|s| s.minute.to_string())),
            minute_entries::second_by.eq(e.second.as_ref().map(|s| s.by.as_str())),
            minute_entries::differences.eq(differences),
            minute_entries::resolution.eq(e.resolution.map(|r| r.as_str())),
            minute_entries::resolved_by.eq(e.resolved_by.as_deref()),
            minute_entries::correction.eq(e.correction.as_ref().map(|s| s.minute.to_string())),
            minute_entries::head_election_id.eq(e.head_election_id.map(HeadElectionId::get)),
            minute_entries::congress_id.eq(e.congress_id.map(CongressId::get)),
            minute_entries::updated_at.eq(version::now()),
        ))
        .execute(c)?;
    find(c, e.id)?.ok_or_else(|| StoreError::Corrupt(format!("minute entry {} vanished", e.id)))
}

pub fn find(c: &mut Db, id: MinuteEntryId) -> StoreResult<Option<MinuteEntry>> {
    minute_entries::table
        .find(id.get())
        .select(Row::as_select())
        .first(c)
        .optional()?
        .map(MinuteEntry::try_from)
        .transpose()
}

#[derive(Debug, Clone, Default)]
pub struct MinuteEntryFilter {
    pub kind: Option<MinuteKind>,
    pub state: Option<EntryState>,
    /// An officer's area: only the minutes of units under it.
    pub area: Option<UnitId>,
}

/// The minutes matching `f`, in the order their first entries were typed.
pub fn list(c: &mut Db, f: &MinuteEntryFilter, w: Window) -> StoreResult<Vec<MinuteEntry>> {
    let mut q = minute_entries::table
        .select(Row::as_select())
        .filter(minute_entries::id.gt(w.after_id()))
        .order(minute_entries::id)
        .limit(w.limit)
        .into_boxed();
    if let Some(kind) = f.kind {
        q = q.filter(minute_entries::kind.eq(kind.as_str()));
    }
    if let Some(state) = f.state {
        q = q.filter(minute_entries::state.eq(state.as_str()));
    }
    if let Some(root) = f.area {
        q = q.filter(sql(Scope::Subtree(root).sql("minute_entries.unit_id")));
    }
    q.load(c)?.into_iter().map(MinuteEntry::try_from).collect()
}
