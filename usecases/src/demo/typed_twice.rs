//! The demo's one minute typed twice (rule 23): thôn Nam Hả Trong's head election of
//! 5/6/2022, which opened the 2022-2025 term and re-elected Nông Quốc Vững. The officer of
//! huyện Ba Chẽ types his 83 votes as 38; the demo's writer (an admin) types the paper
//! right; the entries differ in `candidates[0].votes`, and the admin, as coordinator,
//! keeps the second. Only then is the election recorded, then recognised, as any other.
//! The numbers and the decision are illustrative, as the 2020 term's are.

use std::collections::HashMap;

use dantin_domain::access::Account;
use dantin_domain::double_entry::Resolution;
use dantin_domain::head_election::{Meeting, Tally, VotingMethod};
use dantin_domain::{PartyOrgId, PersonId, TermId, UnitId};
use dantin_persistence::{units as stored_units, Db};

use super::data::Ymd;
use super::{date, lookup};
use crate::caller::Caller;
use crate::error::{Record, Result};
use crate::head_elections::{self, NewHeadElection};
use crate::lookup::found;
use crate::minute_entries::{self, Minute, Settlement, Typed};

const TERM: &str = "2022-2025";
const VILLAGE: &str = "Thôn Nam Hả Trong";
const HEAD: &str = "Nông Quốc Vững";
const HELD_ON: Ymd = (2022, 6, 5);
const HOUSEHOLDS: (u32, u32) = (95, 88);
const VOTES: u32 = 83;
/// The winner's votes as the officer mistyped them.
const MISTYPED_VOTES: u32 = 38;
const RECOGNITION: &str = "Quyết định 52/QĐ-UBND";
const RECOGNIZED_ON: Ymd = (2022, 6, 8);
/// Huyện Ba Chẽ's code, the demo officer's area when the minute was typed.
const OFFICER_AREA: &str = "202";

/// The demo's units (with their organisations), persons and terms, by name.
type Placed<'a> = (
    &'a HashMap<&'static str, (UnitId, PartyOrgId)>,
    &'a HashMap<&'static str, PersonId>,
    &'a HashMap<&'static str, TermId>,
);

/// Records the election as the demo's story goes; answers how many it recorded.
pub(super) fn record(c: &mut Db, admin: &Caller, (units, people, terms): Placed) -> Result<usize> {
    let held_on = date(HELD_ON)?;
    let new = NewHeadElection {
        village_id: lookup(units, "unit", VILLAGE)?.0,
        term_id: *lookup(terms, "term", TERM)?,
        held_on,
        meeting: Meeting {
            households_total: HOUSEHOLDS.0,
            households_present: HOUSEHOLDS.1,
            method: VotingMethod::SecretBallot,
            candidates: vec![Tally {
                person_id: *lookup(people, "person", HEAD)?,
                votes: VOTES,
            }],
        },
        election_team: vec![],
    };
    let area = stored_units::find_by_code_on(c, OFFICER_AREA, held_on)?;
    let officer = Caller::new(
        Account::Officer {
            unit: found(area, Record::Unit)?.id,
        },
        "officer".to_owned(),
        None,
    );
    let typed = |minute: NewHeadElection| Typed {
        minute: Minute::HeadElection(minute),
        acknowledged: vec![],
    };
    let mut mistyped = new.clone();
    for t in &mut mistyped.meeting.candidates {
        t.votes = MISTYPED_VOTES;
    }
    let minute = minute_entries::enter_first_in(c, &officer, typed(mistyped))?;
    minute_entries::enter_second_in(c, admin, minute.id, typed(new))?;
    let settlement = Settlement {
        resolution: Resolution::KeepSecond,
        correction: None,
    };
    let kept = minute_entries::resolve_in(c, admin, minute.id, settlement)?;
    let election = found(kept.head_election_id, Record::HeadElection)?;
    let on = date(RECOGNIZED_ON)?;
    head_elections::recognize_in(c, admin, election, RECOGNITION.to_owned(), on)?;
    Ok(1)
}
