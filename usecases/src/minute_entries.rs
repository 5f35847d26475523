//! Minutes typed twice (rule 23): a head election or a congress is first a minute with
//! entries, typed by two accounts of its area and compared field by field; it becomes a
//! result (recorded by `head_elections::record_in` or `congresses::record_in`, with every
//! rule of a single record) only once definitive. The states and their transitions are
//! `dantin_domain::double_entry`'s; each transition is an audit event.

use dantin_domain::check::Check;
use dantin_domain::congress;
use dantin_domain::double_entry::{
    self, accept, check_definitive, differences, Entered, EntryState, MinuteKind, Resolution,
};
use dantin_domain::head_election;
use dantin_domain::{MinuteEntryId, Rule, RuleViolation, UnitId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::minute_entries as stored;
use dantin_persistence::{Db, Store, Window};
use serde_json::Value;

pub use dantin_persistence::minute_entries::{Entry, MinuteEntry, MinuteEntryFilter};

use crate::caller::Caller;
use crate::congresses::{self, NewCongress};
use crate::error::{Error, Record, Result};
use crate::head_elections::{self, NewHeadElection};

/// A minute as one account typed it.
#[derive(Debug, Clone)]
pub enum Minute {
    HeadElection(NewHeadElection),
    Congress(NewCongress),
}

/// An entry and the warnings its typist acknowledged.
#[derive(Debug, Clone)]
pub struct Typed {
    pub minute: Minute,
    pub acknowledged: Vec<Rule>,
}

/// A coordinator's resolution, with its own entry when it corrects.
#[derive(Debug, Clone)]
pub struct Settlement {
    pub resolution: Resolution,
    pub correction: Option<Typed>,
}

impl Minute {
    fn kind(&self) -> MinuteKind {
        match self {
            Minute::HeadElection(_) => MinuteKind::HeadElection,
            Minute::Congress(_) => MinuteKind::Congress,
        }
    }

    fn to_json(&self) -> Value {
        let json = match self {
            Minute::HeadElection(e) => serde_json::to_value(e),
            Minute::Congress(k) => serde_json::to_value(k),
        };
        json.unwrap_or(Value::Null)
    }

    fn from_json(kind: MinuteKind, json: &Value) -> Result<Minute> {
        let corrupt = |e: serde_json::Error| {
            Error::Store(dantin_persistence::StoreError::Corrupt(format!(
                "a stored {kind} entry: {e}"
            )))
        };
        Ok(match kind {
            MinuteKind::HeadElection => {
                Minute::HeadElection(serde_json::from_value(json.clone()).map_err(corrupt)?)
            }
            MinuteKind::Congress => {
                Minute::Congress(serde_json::from_value(json.clone()).map_err(corrupt)?)
            }
        })
    }

    /// The errors of its numbers: the record's own integrity rules.
    fn errors(&self) -> Vec<Check> {
        match self {
            Minute::HeadElection(e) => head_election::integrity(&e.meeting),
            Minute::Congress(k) => congress::integrity(&k.congress),
        }
    }

    fn warnings(&self) -> Vec<Rule> {
        match self {
            Minute::HeadElection(e) => {
                let m = &e.meeting;
                let votes = m.candidates.iter().map(|t| t.votes);
                double_entry::warnings(m.households_present, m.households_total, votes)
            }
            Minute::Congress(k) => {
                let m = &k.congress;
                let votes = m.rounds.iter().flatten().map(|t| t.votes);
                double_entry::warnings(m.members_present, m.members_summoned, votes)
            }
        }
    }

    /// The unit whose area the minute is in, after checking the caller may write there:
    /// the village, or the cell's unit.
    fn unit(&self, c: &mut Db, caller: &Caller) -> Result<Option<UnitId>> {
        match self {
            Minute::HeadElection(e) => {
                caller.require_unit(c, e.village_id)?;
                Ok(Some(e.village_id))
            }
            Minute::Congress(k) => Ok(congresses::cell_of(c, caller, k.cell_id)?.unit_id),
        }
    }

    /// Records the definitive entry as a result, with every rule of a single record.
    fn record(self, c: &mut Db, caller: &Caller, into: &mut MinuteEntry) -> Result<()> {
        check_definitive(into.state)?;
        match self {
            Minute::HeadElection(e) => {
                let e = head_elections::record_in(c, caller, e, Entered::Twice)?;
                into.head_election_id = Some(e.id);
            }
            Minute::Congress(k) => {
                let k = congresses::record_in(c, caller, k, Entered::Twice)?;
                into.congress_id = Some(k.id);
            }
        }
        Ok(())
    }
}

/// Refuses an entry with errors or unacknowledged warnings; else the entry as stored.
fn checked(caller: &Caller, typed: &Typed) -> Result<Entry> {
    accept(
        &typed.minute.errors(),
        &typed.minute.warnings(),
        &typed.acknowledged,
    )?;
    Ok(Entry {
        minute: typed.minute.to_json(),
        by: caller.actor().username.clone(),
    })
}

/// Rule `entry_same_record`: a second entry or a correction is of the first's record.
fn same_record(entry: &MinuteEntry, other: &Minute) -> Result<()> {
    let first = Minute::from_json(entry.kind, &entry.first.minute)?;
    let same = match (&first, other) {
        (Minute::HeadElection(a), Minute::HeadElection(b)) => a.village_id == b.village_id,
        (Minute::Congress(a), Minute::Congress(b)) => a.cell_id == b.cell_id,
        _ => false,
    };
    if same {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::EntrySameRecord,
            format!(
                "minute {} is a {} of another village or cell",
                entry.id, entry.kind
            ),
        )
        .into())
    }
}

/// A minute in the caller's area; elsewhere, missing.
fn visible(c: &mut Db, caller: &Caller, id: MinuteEntryId) -> Result<MinuteEntry> {
    let entry = stored::find(c, id)?.ok_or(Error::NotFound(Record::MinuteEntry))?;
    if caller.sees_org(c, entry.unit_id)? {
        Ok(entry)
    } else {
        Err(Error::NotFound(Record::MinuteEntry))
    }
}

/// The audit event of a transition: the minute before and after it.
fn logged(
    c: &mut Db,
    caller: &Caller,
    action: &str,
    before: &MinuteEntry,
    after: &MinuteEntry,
) -> Result<()> {
    let id = after.id.get();
    audit::append(
        c,
        caller.actor(),
        Change::changed(action, "minute_entry", id, before, after),
    )?;
    Ok(())
}

/// The first entry of a minute of the caller's area.
pub fn enter_first(store: &Store, caller: &Caller, typed: Typed) -> Result<MinuteEntry> {
    caller.write(store, |c| enter_first_in(c, caller, typed))
}

pub(crate) fn enter_first_in(c: &mut Db, caller: &Caller, typed: Typed) -> Result<MinuteEntry> {
    caller.require_writer()?;
    let unit = typed.minute.unit(c, caller)?;
    let first = checked(caller, &typed)?;
    let entry = stored::insert(c, typed.minute.kind(), unit, &first)?;
    audit::append(
        c,
        caller.actor(),
        Change::created("minute_entry.first", "minute_entry", entry.id.get(), &entry),
    )?;
    Ok(entry)
}

/// The second entry, by another account: equal to the first, the minute is definitive
/// and its result recorded; different, it waits for a coordinator.
pub fn enter_second(
    store: &Store,
    caller: &Caller,
    id: MinuteEntryId,
    typed: Typed,
) -> Result<MinuteEntry> {
    caller.write(store, |c| enter_second_in(c, caller, id, typed))
}

pub(crate) fn enter_second_in(
    c: &mut Db,
    caller: &Caller,
    id: MinuteEntryId,
    typed: Typed,
) -> Result<MinuteEntry> {
    caller.require_writer()?;
    let before = visible(c, caller, id)?;
    same_record(&before, &typed.minute)?;
    typed.minute.unit(c, caller)?;
    let second = checked(caller, &typed)?;
    let mut after = before.clone();
    after.differences = differences(&before.first.minute, &second.minute);
    after.state = double_entry::second(
        before.state,
        &before.first.by,
        &second.by,
        &after.differences,
    )?;
    after.second = Some(second);
    if after.state == EntryState::Definitive {
        typed.minute.record(c, caller, &mut after)?;
    }
    let after = stored::update(c, &after)?;
    logged(c, caller, "minute_entry.second", &before, &after)?;
    Ok(after)
}

/// A coordinator settles two entries that differ: keeps one, corrects both with an entry
/// of its own, or discards both.
pub fn resolve(
    store: &Store,
    caller: &Caller,
    id: MinuteEntryId,
    settlement: Settlement,
) -> Result<MinuteEntry> {
    caller.write(store, |c| resolve_in(c, caller, id, settlement))
}

pub(crate) fn resolve_in(
    c: &mut Db,
    caller: &Caller,
    id: MinuteEntryId,
    settlement: Settlement,
) -> Result<MinuteEntry> {
    caller.require_coordinator()?;
    let before = visible(c, caller, id)?;
    let mut after = before.clone();
    after.state = double_entry::resolve(before.state, settlement.resolution)?;
    after.resolution = Some(settlement.resolution);
    after.resolved_by = Some(caller.actor().username.clone());
    let kept = match (settlement.resolution, settlement.correction) {
        (Resolution::Correct, Some(typed)) => {
            same_record(&before, &typed.minute)?;
            after.correction = Some(checked(caller, &typed)?);
            Some(typed.minute)
        }
        (Resolution::Correct, None) | (_, Some(_)) => {
            return Err(RuleViolation::new(
                Rule::ResolutionCorrection,
                "`correct` comes with `correction`, and only `correct` does",
            )
            .into())
        }
        (Resolution::KeepFirst, None) => {
            Some(Minute::from_json(before.kind, &before.first.minute)?)
        }
        (Resolution::KeepSecond, None) => {
            let second = before.second.as_ref().map(|s| &s.minute);
            Some(Minute::from_json(
                before.kind,
                second.unwrap_or(&Value::Null),
            )?)
        }
        (Resolution::DiscardBoth, None) => None,
    };
    if let Some(minute) = kept {
        minute.record(c, caller, &mut after)?;
    }
    let after = stored::update(c, &after)?;
    logged(c, caller, "minute_entry.resolve", &before, &after)?;
    Ok(after)
}

/// The minute as `caller` may read it: the second entry is typed blind, so while a minute
/// waits for it, its first entry's fields are shown only to the account that typed them
/// and to those who coordinate (`by` is shown to all).
fn as_read_by(caller: &Caller, mut entry: MinuteEntry) -> MinuteEntry {
    let typist = entry.first.by == caller.actor().username;
    if entry.state == EntryState::FirstEntered && !typist && !caller.coordinates() {
        entry.first.minute = Value::Null;
    }
    entry
}

pub fn get(store: &Store, caller: &Caller, id: MinuteEntryId) -> Result<MinuteEntry> {
    store.read(|c| Ok(as_read_by(caller, visible(c, caller, id)?)))
}

/// The minutes matching `filter`, cut to the caller's area.
pub fn list(
    store: &Store,
    caller: &Caller,
    filter: MinuteEntryFilter,
    window: Window,
) -> Result<Vec<MinuteEntry>> {
    let filter = MinuteEntryFilter {
        area: caller.area(),
        ..filter
    };
    let entries = store.read(|c| stored::list(c, &filter, window))?;
    Ok(entries.into_iter().map(|e| as_read_by(caller, e)).collect())
}
