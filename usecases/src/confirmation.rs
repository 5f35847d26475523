//! What a recognised head election or an approved congress does: the decision is judged
//! (`dantin_domain::confirmation`), then the predecessor's tenure ends on the decision's
//! date and the winner's starts.

use chrono::NaiveDate;
use dantin_domain::appointment::{Basis, Post, Seat};
use dantin_domain::confirmation::{Confirmation as Kind, ElectionResult};
use dantin_persistence::appointments::Source;
use dantin_persistence::confirmation::Confirmation;
use dantin_persistence::Db;

use crate::appointments::{self, NewAppointment};
use crate::caller::Caller;
use crate::error::Result;
use crate::holidays;

/// The post a confirmed result fills.
pub(crate) struct Tenure {
    pub post: Post,
    pub seat: Seat,
    pub source: Source,
}

/// Judges `decision` of `on` on `result` and, when it stands, starts the winner's tenure
/// on that day, ending the predecessor's there (the term's end). The decision as the
/// election's record keeps it.
pub(crate) fn confirm(
    c: &mut Db,
    caller: &Caller,
    kind: Kind,
    result: &ElectionResult,
    (decision, on): (String, NaiveDate),
    Tenure { post, seat, source }: Tenure,
) -> Result<Confirmation> {
    let holidays = holidays::after(c, result.held_on)?;
    let confirmed = kind.judge(result, on, &holidays)?;
    appointments::make_way(c, caller, post, seat, on)?;
    appointments::start(
        c,
        caller,
        NewAppointment {
            post,
            person_id: confirmed.winner,
            seat,
            starts_on: on,
            ends_on: None,
            basis: Basis::Election,
            decision: decision.clone(),
        },
        Some(source),
    )?;
    Ok(Confirmation {
        decision,
        on,
        warning: confirmed.warning,
    })
}
