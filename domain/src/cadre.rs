//! Upper-level cadres assigned to attend a village cell's meetings (rule 26): Quan Sơn,
//! Thanh Hóa, 2018-2022, the "3+1" model (three weeks at the office, one at the grassroots).
//! Attendance is counted per cadre and per area against the meetings assigned; the share
//! missed that is flagged is the province's (`RuleSet::cadre_missed_flag`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::rate::percent;
use crate::rule::Rule;
use crate::rule_set::Share;
use crate::RuleViolation;

/// The days an assignment runs: from its first day to its last (open: still running).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

impl Span {
    pub fn contains(self, day: NaiveDate) -> bool {
        self.starts_on <= day && self.ends_on.is_none_or(|end| day <= end)
    }

    fn overlaps(self, other: Span) -> bool {
        let before = |a: Span, b: Span| a.ends_on.is_some_and(|end| end < b.starts_on);
        !before(self, other) && !before(other, self)
    }
}

/// Rules `valid_to_after_valid_from` and `cadre_assigned_once`: an assignment ends on or
/// after its start, and a cadre is assigned to a cell once at a time (so that no meeting
/// is counted twice against the same cadre).
pub fn check_assignment(new: Span, same_cadre_and_cell: &[Span]) -> Result<(), RuleViolation> {
    if new.ends_on.is_some_and(|end| end < new.starts_on) {
        return Err(RuleViolation::new(
            Rule::ValidToAfterValidFrom,
            "the assignment ends before it starts",
        ));
    }
    match same_cadre_and_cell.iter().find(|s| s.overlaps(new)) {
        Some(s) => Err(RuleViolation::new(
            Rule::CadreAssignedOnce,
            format!(
                "this cadre is already assigned to this cell from {}",
                s.starts_on
            ),
        )),
        None => Ok(()),
    }
}

/// Rule 26: the meetings a cadre was assigned to attend, and those attended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attendance {
    pub assigned: u32,
    pub attended: u32,
}

impl Attendance {
    /// Counts one assigned meeting.
    pub fn add(&mut self, attended: bool) {
        self.assigned += 1;
        self.attended += u32::from(attended);
    }

    pub fn merge(&mut self, other: Attendance) {
        self.assigned += other.assigned;
        self.attended += other.attended;
    }

    /// Attended over assigned, in percent to one decimal (2 of 3: 66.7); absent when
    /// nothing was assigned.
    pub fn percent(self) -> Option<f64> {
        percent(self.attended, self.assigned)
    }

    /// Rule `cadre_attendance`: flagged when the cadre missed more than the province's
    /// share of the meetings assigned.
    pub fn flagged(self, flag: Share) -> bool {
        flag.exceeded_by(self.assigned - self.attended, self.assigned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn span(from: &str, to: Option<&str>) -> Span {
        Span {
            starts_on: day(from),
            ends_on: to.map(day),
        }
    }

    #[test]
    fn two_of_three_reads_sixty_seven_percent() {
        let mut a = Attendance::default();
        for attended in [true, false, true] {
            a.add(attended);
        }
        assert_eq!(a.percent(), Some(66.7));
        assert_eq!(Attendance::default().percent(), None);
    }

    #[test]
    fn a_cadre_is_flagged_past_the_provinces_share() {
        let third = Share {
            numerator: 1,
            denominator: 3,
        };
        let two_of_three = Attendance {
            assigned: 3,
            attended: 2,
        };
        assert!(!two_of_three.flagged(third));
        let one_of_three = Attendance {
            assigned: 3,
            attended: 1,
        };
        assert!(one_of_three.flagged(third));
        assert!(!Attendance::default().flagged(third));
        let any_miss = Share {
            numerator: 0,
            denominator: 1,
        };
        assert!(two_of_three.flagged(any_miss));
    }

    #[test]
    fn a_cadre_is_assigned_to_a_cell_once_at_a_time() {
        let year = span("2025-01-01", Some("2025-12-31"));
        assert!(year.contains(day("2025-06-01")) && !year.contains(day("2026-01-01")));
        assert!(check_assignment(span("2026-01-01", None), &[year]).is_ok());
        let err = check_assignment(span("2025-12-31", None), &[year]).unwrap_err();
        assert_eq!(err.rule, Rule::CadreAssignedOnce);
        let open = span("2024-01-01", None);
        let err = check_assignment(span("2020-01-01", Some("2024-01-01")), &[open]).unwrap_err();
        assert_eq!(err.rule, Rule::CadreAssignedOnce);
        let err = check_assignment(span("2025-02-01", Some("2025-01-01")), &[]).unwrap_err();
        assert_eq!(err.rule, Rule::ValidToAfterValidFrom);
    }
}
