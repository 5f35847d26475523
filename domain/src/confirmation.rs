//! The decision that makes an election's result take effect: the commune People's
//! Committee's recognition of an elected head (rule 6) and the superior committee's
//! approval of an elected secretary (rule 16). Both are judged alike.

use chrono::NaiveDate;

use crate::check::Check;
use crate::deadline;
use crate::head_election::Outcome;
use crate::holiday::Holidays;
use crate::id::PersonId;
use crate::rule::Rule;
use crate::RuleViolation;

/// Which decision it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// A head election's recognition (công nhận).
    Recognition,
    /// A congress's approval (chuẩn y).
    Approval,
}

/// What a decision is judged against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ElectionResult {
    pub outcome: Outcome,
    pub winner: Option<PersonId>,
    pub held_on: NaiveDate,
    /// Whether the result already has its decision.
    pub confirmed: bool,
}

/// A decision that stands: the person whose tenure it starts, and the warning kept when
/// it came after its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub winner: PersonId,
    pub warning: Option<String>,
}

impl Confirmation {
    /// The deadline rule (5 working days for a recognition, 15 for an approval, public
    /// holidays not counted).
    pub fn deadline(self, held_on: NaiveDate, decided_on: NaiveDate, holidays: &Holidays) -> Check {
        match self {
            Confirmation::Recognition => {
                deadline::recognition_in_time(held_on, decided_on, holidays)
            }
            Confirmation::Approval => deadline::approval_in_time(held_on, decided_on, holidays),
        }
    }

    /// Judges a decision on `decided_on` of `result`:
    /// - `already_recognized` / `already_approved`: a result is confirmed once;
    /// - `recognition_needs_winner` / `approval_needs_winner`: only a result that elected
    ///   someone is confirmed (rules 5 and 15: no winner means a re-run or a designation);
    /// - `recognition_after_election` / `approval_after_congress`: no decision predates
    ///   what it decides on.
    ///
    /// A late decision stands, with the deadline's check as its warning (Luật 10/2022/QH15
    /// Art. 19 and Quy định 190-QĐ/TW 2024 Art. 30 set the deadlines, not a nullity).
    pub fn judge(
        self,
        result: &ElectionResult,
        decided_on: NaiveDate,
        holidays: &Holidays,
    ) -> Result<Confirmed, RuleViolation> {
        let (already, needs_winner, after) = match self {
            Confirmation::Recognition => (
                Rule::AlreadyRecognized,
                Rule::RecognitionNeedsWinner,
                Rule::RecognitionAfterElection,
            ),
            Confirmation::Approval => (
                Rule::AlreadyApproved,
                Rule::ApprovalNeedsWinner,
                Rule::ApprovalAfterCongress,
            ),
        };
        if result.confirmed {
            return Err(RuleViolation::new(
                already,
                "this result already has its decision",
            ));
        }
        let Some(winner) = result.winner else {
            return Err(RuleViolation::new(
                needs_winner,
                format!("the outcome is `{}`", result.outcome),
            ));
        };
        if decided_on < result.held_on {
            return Err(RuleViolation::new(
                after,
                format!(
                    "decided on {decided_on}, before the election on {}",
                    result.held_on
                ),
            ));
        }
        let timely = self.deadline(result.held_on, decided_on, holidays);
        Ok(Confirmed {
            winner,
            warning: (!timely.passed).then_some(timely.detail),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn elected() -> ElectionResult {
        ElectionResult {
            outcome: Outcome::Elected,
            winner: Some(PersonId(4)),
            held_on: d("2020-01-05"),
            confirmed: false,
        }
    }

    #[test]
    fn a_timely_decision_starts_the_winners_tenure_without_a_warning() {
        let ok = Confirmation::Recognition
            .judge(&elected(), d("2020-01-10"), &Holidays::default())
            .unwrap();
        assert_eq!((ok.winner, ok.warning), (PersonId(4), None));
    }

    #[test]
    fn a_late_decision_stands_with_a_warning() {
        let late = Confirmation::Recognition
            .judge(&elected(), d("2020-01-13"), &Holidays::default())
            .unwrap();
        assert!(late.warning.unwrap().contains("due by 2020-01-10"));
        let approval = Confirmation::Approval
            .judge(&elected(), d("2020-01-24"), &Holidays::default())
            .unwrap();
        assert_eq!(approval.warning, None, "15 working days run to 2020-01-24");
    }

    #[test]
    fn a_decision_the_day_of_the_election_passes_the_day_before_does_not() {
        assert!(Confirmation::Approval
            .judge(&elected(), d("2020-01-05"), &Holidays::default())
            .is_ok());
        let early = Confirmation::Approval
            .judge(&elected(), d("2020-01-04"), &Holidays::default())
            .unwrap_err();
        assert_eq!(early.rule, Rule::ApprovalAfterCongress);
    }

    #[test]
    fn nobody_elected_or_already_confirmed_is_refused_by_name() {
        let none = ElectionResult {
            outcome: Outcome::NoQuorum,
            winner: None,
            ..elected()
        };
        let err = Confirmation::Recognition
            .judge(&none, d("2020-01-06"), &Holidays::default())
            .unwrap_err();
        assert_eq!(err.rule, Rule::RecognitionNeedsWinner);
        assert!(err.detail.contains("no_quorum"));
        let twice = ElectionResult {
            confirmed: true,
            ..elected()
        };
        let err = Confirmation::Approval
            .judge(&twice, d("2020-01-06"), &Holidays::default())
            .unwrap_err();
        assert_eq!(err.rule, Rule::AlreadyApproved);
        assert!(err.rule.is_conflict());
    }
}
