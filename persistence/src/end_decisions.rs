//! The commune's decisions that ended a village head's tenure (migration `end_decisions`,
//! rule 10), beside the tenure they ended.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::removal::EndDecision;
use dantin_domain::AppointmentId;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::error::StoreResult;
use crate::schema::end_decisions;
use crate::version;

/// A decision as kept: what it says, and the warning when it came late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptDecision {
    pub decision: EndDecision,
    pub warning: Option<String>,
}

pub fn insert(c: &mut Db, tenure: AppointmentId, kept: &KeptDecision) -> StoreResult<()> {
    let d = &kept.decision;
    diesel::insert_into(end_decisions::table)
        .values((
            end_decisions::appointment_id.eq(tenure.get()),
            end_decisions::asked_on.eq(d.asked_on),
            end_decisions::decision.eq(&d.decision),
            end_decisions::decided_on.eq(d.decided_on),
            end_decisions::warning.eq(kept.warning.as_deref()),
            end_decisions::created_at.eq(version::now()),
        ))
        .execute(c)?;
    Ok(())
}

/// The decisions that ended any of `tenures`.
pub fn of(
    c: &mut Db,
    tenures: impl IntoIterator<Item = AppointmentId>,
) -> StoreResult<HashMap<AppointmentId, KeptDecision>> {
    let ids: Vec<i64> = tenures.into_iter().map(AppointmentId::get).collect();
    let mut kept = HashMap::new();
    for chunk in ids.chunks(10_000) {
        let rows: Vec<(AppointmentId, NaiveDate, String, NaiveDate, Option<String>)> =
            end_decisions::table
                .filter(end_decisions::appointment_id.eq_any(chunk))
                .select((
                    end_decisions::appointment_id,
                    end_decisions::asked_on,
                    end_decisions::decision,
                    end_decisions::decided_on,
                    end_decisions::warning,
                ))
                .load(c)?;
        for (id, asked_on, decision, decided_on, warning) in rows {
            let decision = EndDecision {
                asked_on,
                decision,
                decided_on,
            };
            kept.insert(id, KeptDecision { decision, warning });
        }
    }
    Ok(kept)
}
