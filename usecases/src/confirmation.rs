//! What a recognised head election or an approved congress does to the post: the
//! predecessor's tenure ends on the decision's date and the winner's starts.

use dantin_domain::appointment::{Basis, Post, Seat};
use dantin_domain::PersonId;
use dantin_persistence::appointments::Source;
use dantin_persistence::confirmation::Confirmation;
use dantin_persistence::Db;

use crate::appointments::{self, NewAppointment};
use crate::caller::Caller;
use crate::error::Result;

/// Starts `winner`'s tenure of `post` at `seat` on the decision's date, ending the
/// predecessor's there (the term's end).
pub(crate) fn confirm(
    c: &mut Db,
    caller: &Caller,
    post: Post,
    seat: Seat,
    winner: PersonId,
    decision: &Confirmation,
    source: Source,
) -> Result<()> {
    appointments::make_way(c, caller, post, seat, decision.on)?;
    appointments::start(
        c,
        caller,
        NewAppointment {
            post,
            person_id: winner,
            seat,
            starts_on: decision.on,
            ends_on: None,
            basis: Basis::Election,
            decision: decision.decision.clone(),
        },
        Some(source),
    )?;
    Ok(())
}
