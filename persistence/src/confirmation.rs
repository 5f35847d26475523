//! The decision that makes an election's result take effect: the commune's recognition of
//! an elected head (rule 6), the superior committee's approval of an elected secretary
//! (rule 16). Both are checked alike and both start the winner's tenure.

use chrono::NaiveDate;
use dantin_domain::appointment::{Basis, Post};
use dantin_domain::check::Check;
use dantin_domain::head_election::Outcome;
use dantin_domain::RuleViolation;
use serde::Serialize;

use crate::appointments::{self, NewAppointment, Seat};
use crate::audit::Actor;
use crate::db::Db;
use crate::error::{StoreError, StoreResult};

/// A recorded recognition or approval: the decision's number, its date, and the warning
/// kept when it came after its deadline (5 working days after a head election, 15 after
/// a congress).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confirmation {
    pub decision: String,
    pub on: NaiveDate,
    pub warning: Option<String>,
}

impl Confirmation {
    /// From its columns: there is one when both the decision and its date are recorded.
    pub(crate) fn from_columns(
        decision: Option<String>,
        on: Option<NaiveDate>,
        warning: Option<String>,
    ) -> Option<Self> {
        Some(Self {
            decision: decision?,
            on: on?,
            warning,
        })
    }
}

/// The names a refusal carries, per kind of decision.
pub(crate) struct Names {
    /// Conflict code when the result was already confirmed.
    pub already: &'static str,
    /// Rule when the result elected nobody.
    pub needs_winner: &'static str,
    /// Rule when the decision predates the election.
    pub after_election: &'static str,
}

/// What a confirmation is checked against.
pub(crate) struct Decision {
    pub already_confirmed: bool,
    pub outcome: Outcome,
    pub winner: Option<i64>,
    pub held_on: NaiveDate,
    pub on: NaiveDate,
    /// The deadline rule (`dantin_domain::deadline`); a late decision stands, warned.
    pub timely: fn(NaiveDate, NaiveDate) -> Check,
}

/// The winner, and the warning for a late decision; or the refusal.
pub(crate) fn check(names: &Names, d: &Decision) -> StoreResult<(i64, Option<String>)> {
    if d.already_confirmed {
        return Err(StoreError::Conflict {
            code: names.already,
            detail: "this result already has its decision".to_owned(),
        });
    }
    let Some(winner) = d.winner else {
        return Err(RuleViolation::new(
            names.needs_winner,
            format!("the outcome is `{}`", d.outcome),
        )
        .into());
    };
    if d.on < d.held_on {
        return Err(RuleViolation::new(
            names.after_election,
            format!("decided on {}, before the election on {}", d.on, d.held_on),
        )
        .into());
    }
    let timely = (d.timely)(d.held_on, d.on);
    Ok((winner, (!timely.passed).then_some(timely.detail)))
}

/// Where the tenure comes from.
pub(crate) enum Source {
    HeadElection(i64),
    Congress(i64),
}

/// The post a confirmed result fills.
pub(crate) struct Tenure {
    pub post: Post,
    pub seat: Seat,
    pub source: Source,
}

/// Starts the winner's tenure on the decision's date, ending the predecessor's there
/// (the term's end).
pub(crate) fn start_tenure(
    c: &mut Db,
    actor: &Actor,
    Tenure { post, seat, source }: Tenure,
    winner: i64,
    on: NaiveDate,
    decision: String,
) -> StoreResult<()> {
    appointments::end_for_successor(c, actor, post, seat, on)?;
    let (head_election_id, congress_id) = match source {
        Source::HeadElection(id) => (Some(id), None),
        Source::Congress(id) => (None, Some(id)),
    };
    appointments::create(
        c,
        actor,
        NewAppointment {
            post,
            person_id: winner,
            seat,
            starts_on: on,
            ends_on: None,
            basis: Basis::Election,
            decision,
            head_election_id,
            congress_id,
        },
    )?;
    Ok(())
}
