//! Scans of minutes as stored (migration `minutes_scans`): each of one head election or
//! congress, with its type, size and SHA-256; the file itself is read only when asked for.

use chrono::NaiveDateTime;
use dantin_domain::minutes::ScanType;
use dantin_domain::{CongressId, HeadElectionId, ScanId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::minutes_scans;
use crate::version;

/// The record a minute is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "record_type", content = "record_id", rename_all = "snake_case")]
pub enum MinuteOf {
    HeadElection(HeadElectionId),
    Congress(CongressId),
}

/// A scan as listed: what it is, never its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Queryable, Selectable)]
#[diesel(table_name = minutes_scans)]
pub struct Scan {
    pub id: ScanId,
    pub head_election_id: Option<HeadElectionId>,
    pub congress_id: Option<CongressId>,
    pub media_type: ScanType,
    pub size: i32,
    pub sha256: String,
    pub created_at: NaiveDateTime,
}

impl Scan {
    pub fn of(&self) -> MinuteOf {
        match (self.head_election_id, self.congress_id) {
            (Some(e), _) => MinuteOf::HeadElection(e),
            (None, k) => MinuteOf::Congress(k.unwrap_or(CongressId(0))),
        }
    }
}

pub fn insert(
    c: &mut Db,
    of: MinuteOf,
    (media_type, sha256): (ScanType, &str),
    content: &[u8],
) -> StoreResult<Scan> {
    let (election, congress) = match of {
        MinuteOf::HeadElection(e) => (Some(e.get()), None),
        MinuteOf::Congress(k) => (None, Some(k.get())),
    };
    let id: ScanId = diesel::insert_into(minutes_scans::table)
        .values((
            minutes_scans::head_election_id.eq(election),
            minutes_scans::congress_id.eq(congress),
            minutes_scans::media_type.eq(media_type.as_str()),
            minutes_scans::size.eq(content.len() as i32),
            minutes_scans::sha256.eq(sha256),
            minutes_scans::content.eq(content),
            minutes_scans::created_at.eq(version::now()),
        ))
        .returning(minutes_scans::id)
        .get_result(c)?;
    find(c, id)?.ok_or_else(|| StoreError::Corrupt(format!("scan {id} vanished while written")))
}

pub fn find(c: &mut Db, id: ScanId) -> StoreResult<Option<Scan>> {
    Ok(minutes_scans::table
        .find(id.get())
        .select(Scan::as_select())
        .first(c)
        .optional()?)
}

/// The scans of one record, in the order they were attached.
pub fn of(c: &mut Db, record: MinuteOf) -> StoreResult<Vec<Scan>> {
    let q = minutes_scans::table
        .select(Scan::as_select())
        .order(minutes_scans::id)
        .into_boxed();
    let q = match record {
        MinuteOf::HeadElection(e) => q.filter(minutes_scans::head_election_id.eq(e.get())),
        MinuteOf::Congress(k) => q.filter(minutes_scans::congress_id.eq(k.get())),
    };
    Ok(q.load(c)?)
}

/// The file of a scan.
pub fn content(c: &mut Db, id: ScanId) -> StoreResult<Vec<u8>> {
    Ok(minutes_scans::table
        .find(id.get())
        .select(minutes_scans::content)
        .first(c)?)
}
