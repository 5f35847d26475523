//! Scans of the paper minutes (rule 23): a writer of the record's area attaches the file;
//! those who may read the record (admins, auditors, the area's officers) read its scans.
//! The audit event of an attachment holds the file's SHA-256, not the file.

use dantin_domain::minutes::{check_scan, sha256, ScanType};
use dantin_domain::ScanId;
use dantin_persistence::audit::{self, Change};
use dantin_persistence::minutes as stored;
use dantin_persistence::{Db, Store};

pub use dantin_persistence::minutes::{MinuteOf, Scan};

use crate::caller::Caller;
use crate::error::{Error, Record, Result};
use crate::{congresses, head_elections};

/// The record's audit name and id; 404 unless the caller may read it.
fn visible(c: &mut Db, caller: &Caller, of: MinuteOf) -> Result<(&'static str, i64)> {
    Ok(match of {
        MinuteOf::HeadElection(id) => {
            head_elections::visible(c, caller, id)?;
            ("head_election", id.get())
        }
        MinuteOf::Congress(id) => {
            congresses::visible(c, caller, id)?;
            ("congress", id.get())
        }
    })
}

/// Attaches a scan, sent as `declared`, to a record of the caller's area.
pub fn attach(
    store: &Store,
    caller: &Caller,
    of: MinuteOf,
    declared: ScanType,
    file: &[u8],
) -> Result<Scan> {
    caller.write(store, |c| {
        caller.require_writer()?;
        let (entity_type, id) = visible(c, caller, of)?;
        let kind = check_scan(declared, file)?;
        let scan = stored::insert(c, of, (kind, &sha256(file)), file)?;
        audit::append(
            c,
            caller.actor(),
            Change::created("minutes.attach", entity_type, id, &scan),
        )?;
        Ok(scan)
    })
}

/// The scans of a record the caller may read.
pub fn list(store: &Store, caller: &Caller, of: MinuteOf) -> Result<Vec<Scan>> {
    store.read(|c| {
        visible(c, caller, of)?;
        Ok(stored::of(c, of)?)
    })
}

/// A scan and its file, when the caller may read its record.
pub fn file(store: &Store, caller: &Caller, id: ScanId) -> Result<(Scan, Vec<u8>)> {
    store.read(|c| {
        let scan = stored::find(c, id)?.ok_or(Error::NotFound(Record::Scan))?;
        visible(c, caller, scan.of()).map_err(|_| Error::NotFound(Record::Scan))?;
        let content = stored::content(c, id)?;
        Ok((scan, content))
    })
}
