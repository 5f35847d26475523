//! The demo's one minute typed twice (rule 23): thôn Nam Hả Trong's head election of
//! 5/1/2020. The officer of huyện Ba Chẽ types the winner's 81 votes as 18; the demo's writer (an
//! admin) types the paper right; the entries differ in `candidates[0].votes`, and the
//! admin, as coordinator, keeps the second. Only then is the election recorded, as every
//! other is.

use dantin_domain::access::Account;
use dantin_domain::double_entry::Resolution;
use dantin_domain::HeadElectionId;
use dantin_persistence::{units as stored_units, Db};

use crate::caller::Caller;
use crate::error::{Record, Result};
use crate::head_elections::NewHeadElection;
use crate::lookup::found;
use crate::minute_entries::{self, Minute, Settlement, Typed};

/// The village whose minute the demo types twice.
pub(super) const VILLAGE: &str = "Thôn Nam Hả Trong";
/// Huyện Ba Chẽ's code, the demo officer's area when the minute was typed.
const OFFICER_AREA: &str = "202";
/// The winner's votes as the officer mistyped them.
const MISTYPED_VOTES: u32 = 18;

pub(super) fn record(c: &mut Db, admin: &Caller, new: NewHeadElection) -> Result<HeadElectionId> {
    let area = stored_units::find_by_code_on(c, OFFICER_AREA, new.held_on)?;
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
    found(kept.head_election_id, Record::HeadElection)
}
