//! Rule 10: a village head leaves before the term's end by resignation, or by a removal that
//! a meeting votes (proposed by the Front committee's head or asked for by at least half
//! of the households); either way the commune People's Committee recognises it by a
//! decision within 5 working days (Thông tư 04/2012/TT-BNV Art. 11 as amended by
//! 14/2018). The decision is a record of its own: the tenure ends with it, and a late one
//! stands with a warning.

use chrono::NaiveDate;
use serde::Serialize;

use crate::appointment::{EndReason, Post};
use crate::check::Check;
use crate::deadline::removal_in_time;
use crate::holiday::Holidays;
use crate::rule::Rule;
use crate::violation::Violations;

/// The commune's decision recognising a head's resignation or removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EndDecision {
    /// The day of the resignation, or of the meeting that voted the removal.
    pub asked_on: NaiveDate,
    /// The decision's number.
    pub decision: String,
    pub decided_on: NaiveDate,
}

/// Whether ending a tenure of `post` for `reason` takes the commune's decision (rule 10):
/// a village head's resignation or removal.
pub fn needs_decision(post: Post, reason: EndReason) -> bool {
    post == Post::VillageHead && matches!(reason, EndReason::Resignation | EndReason::Removal)
}

/// Rules `end_decision_required` (a head's resignation or removal carries the commune's
/// decision, and no other end does), `end_decided_after_request` (decided on or after the
/// resignation or meeting) and `end_on_or_after_decision` (the tenure ends on the
/// decision's day or later). On success, the deadline's check
/// (`removal_within_5_working_days`), which a late decision fails without being refused.
pub fn judge(
    (post, reason): (Post, EndReason),
    ends_on: NaiveDate,
    decision: Option<&EndDecision>,
    holidays: &Holidays,
) -> Result<Option<Check>, Violations> {
    let mut v = Violations::default();
    let needed = needs_decision(post, reason);
    v.check(needed == decision.is_some(), Rule::EndDecisionRequired, || {
        if needed {
            format!("a village head's {reason} ends with the commune's decision (`decision`)")
        } else {
            format!("only a village head's resignation or removal carries a decision, not a {post}'s {reason}")
        }
    });
    if let Some(d) = decision {
        v.check(
            d.asked_on <= d.decided_on,
            Rule::EndDecidedAfterRequest,
            || {
                format!(
                    "decided on {} before it was asked for on {}",
                    d.decided_on, d.asked_on
                )
            },
        );
        v.check(d.decided_on <= ends_on, Rule::EndOnOrAfterDecision, || {
            format!(
                "the tenure cannot end on {ends_on}, before the decision of {}",
                d.decided_on
            )
        });
    }
    v.into_result()?;
    Ok(decision.map(|d| removal_in_time(d.asked_on, d.decided_on, holidays)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn decided(asked: &str, on: &str) -> EndDecision {
        EndDecision {
            asked_on: day(asked),
            decision: "Quyết định 07/QĐ-UBND".to_owned(),
            decided_on: day(on),
        }
    }

    const HEAD_REMOVED: (Post, EndReason) = (Post::VillageHead, EndReason::Removal);

    #[test]
    fn a_removal_recognised_within_five_working_days_passes() {
        // Meeting on Monday 2 March 2026; five working days run to Monday 9 March.
        let d = decided("2026-03-02", "2026-03-09");
        let check = judge(
            HEAD_REMOVED,
            day("2026-03-09"),
            Some(&d),
            &Holidays::default(),
        )
        .unwrap()
        .unwrap();
        assert!(check.passed, "{}", check.detail);
        let late = decided("2026-03-02", "2026-03-10");
        let check = judge(
            HEAD_REMOVED,
            day("2026-03-10"),
            Some(&late),
            &Holidays::default(),
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (check.rule, check.passed),
            (Rule::RemovalWithin5WorkingDays, false)
        );
        assert!(check.detail.contains("due by 2026-03-09"));
    }

    #[test]
    fn only_a_heads_resignation_or_removal_takes_a_decision() {
        let none = Holidays::default();
        let resigned = (Post::VillageHead, EndReason::Resignation);
        let err = judge(resigned, day("2026-03-09"), None, &none).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::EndDecisionRequired);
        let term_end = (Post::VillageHead, EndReason::TermEnd);
        assert_eq!(judge(term_end, day("2026-03-09"), None, &none), Ok(None));
        let d = decided("2026-03-02", "2026-03-03");
        let secretary = (Post::CellSecretary, EndReason::Removal);
        let err = judge(secretary, day("2026-03-09"), Some(&d), &none).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::EndDecisionRequired);
    }

    #[test]
    fn a_decision_follows_its_request_and_the_tenure_ends_after_it() {
        let backwards = decided("2026-03-05", "2026-03-04");
        let err = judge(
            HEAD_REMOVED,
            day("2026-03-03"),
            Some(&backwards),
            &Holidays::default(),
        )
        .unwrap_err();
        let rules: Vec<Rule> = err.0.iter().map(|v| v.rule).collect();
        assert_eq!(
            rules,
            [Rule::EndDecidedAfterRequest, Rule::EndOnOrAfterDecision]
        );
    }
}
