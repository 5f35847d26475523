//! Terms (nhiệm kỳ): the calendar a province sets for its village head elections and
//! cell congresses.

use crate::rule::Rule;
use chrono::NaiveDate;

use crate::unit::UnitLevel;
use crate::{RuleViolation, Violations};

/// The rules of a term:
/// - `term_ends_after_start`: a term ends after it starts;
/// - `term_scope_is_province`: the calendar is a province's (Nghị định 59/2023/NĐ-CP Art.
///   7: the province sets the village head term; Quy định 190-QĐ/TW for cell terms).
pub fn check_term(
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    scope_level: UnitLevel,
) -> Result<(), Violations> {
    let mut v = Violations::default();
    v.check(ends_on > starts_on, Rule::TermEndsAfterStart, || {
        format!("the term ends on {ends_on}, which is not after its start {starts_on}")
    });
    v.check(
        scope_level == UnitLevel::Province,
        Rule::TermScopeIsProvince,
        || {
            format!(
                "a term's calendar belongs to a province, not to a unit at level `{scope_level}`"
            )
        },
    );
    v.into_result()
}

/// Rule `term_label_taken`: a province has one term of each label ("2020-2022"), by which
/// its people name it.
pub fn check_label_free(taken: bool, province: &str, label: &str) -> Result<(), RuleViolation> {
    if taken {
        Err(RuleViolation::new(
            Rule::TermLabelTaken,
            format!("{province} already has a term labelled `{label}`"),
        ))
    } else {
        Ok(())
    }
}

/// Rule `election_within_term` (rule 27): a head election or a cell congress of a term
/// is held on one of its days, `starts_on` to `ends_on` included (the province sets the
/// calendar: Nghị định 59/2023/NĐ-CP Art. 7; Quy định 190-QĐ/TW for cell terms).
pub fn check_held_within(
    held_on: NaiveDate,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    label: &str,
) -> Result<(), RuleViolation> {
    if (starts_on..=ends_on).contains(&held_on) {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::ElectionWithinTerm,
            format!("held on {held_on}, outside the term {label} ({starts_on} to {ends_on})"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_term_must_end_after_it_starts_and_belong_to_a_province() {
        assert!(check_term(d("2020-01-01"), d("2022-06-30"), UnitLevel::Province).is_ok());
        let err = check_term(d("2020-01-01"), d("2020-01-01"), UnitLevel::Province).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::TermEndsAfterStart);
        let err = check_term(d("2020-01-01"), d("2022-01-01"), UnitLevel::District).unwrap_err();
        assert_eq!(err.0[0].rule, Rule::TermScopeIsProvince);
    }

    #[test]
    fn an_election_falls_on_a_day_of_its_term() {
        let (from, to) = (d("2022-06-05"), d("2025-06-30"));
        assert!(check_held_within(from, from, to, "2022-2025").is_ok());
        assert!(check_held_within(to, from, to, "2022-2025").is_ok());
        let err = check_held_within(d("2030-01-05"), from, to, "2022-2025").unwrap_err();
        assert_eq!(err.rule, Rule::ElectionWithinTerm);
        assert!(check_held_within(d("2022-06-04"), from, to, "2022-2025").is_err());
    }

    #[test]
    fn a_label_is_used_once_per_province() {
        assert!(check_label_free(false, "Tỉnh Quảng Ninh", "2020-2022").is_ok());
        let err = check_label_free(true, "Tỉnh Quảng Ninh", "2020-2022").unwrap_err();
        assert_eq!(err.rule, Rule::TermLabelTaken);
        assert!(err.rule.is_conflict());
    }
}
