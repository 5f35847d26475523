//! When a thing is in force: from `from` (inclusive) until `to` (exclusive), open-ended when
//! `to` is `None`. An exclusive end lets a successor start on the very day its predecessor
//! ends (the 2025 reform: districts end on 2025-07-01, new communes start that day).

use crate::rule::Rule;
use chrono::NaiveDate;

use crate::RuleViolation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Validity {
    /// Rule `valid_to_after_valid_from`: an end must come after the start.
    pub fn new(from: NaiveDate, to: Option<NaiveDate>) -> Result<Self, RuleViolation> {
        match to {
            Some(to) if to <= from => Err(RuleViolation::new(
                Rule::ValidToAfterValidFrom,
                format!("valid_to {to} must be later than valid_from {from}"),
            )),
            _ => Ok(Self { from, to }),
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day < to)
    }

    pub fn overlaps(&self, other: &Validity) -> bool {
        let starts_before_other_ends = other.to.is_none_or(|to| self.from < to);
        let other_starts_before_self_ends = self.to.is_none_or(|to| other.from < to);
        starts_before_other_ends && other_starts_before_self_ends
    }

    /// Whether `self` lies wholly inside `outer`: a child unit must not outlive its parent.
    pub fn within(&self, outer: &Validity) -> bool {
        let ends_in_time = match (self.to, outer.to) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a <= b,
        };
        outer.from <= self.from && ends_in_time
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_end_on_the_start_day_is_refused() {
        let err = Validity::new(d("2020-01-01"), Some(d("2020-01-01"))).unwrap_err();
        assert_eq!(err.rule, Rule::ValidToAfterValidFrom);
    }

    #[test]
    fn the_end_day_is_no_longer_in_force() {
        let v = Validity::new(d("2019-01-01"), Some(d("2025-07-01"))).unwrap();
        assert!(v.contains(d("2025-06-30")));
        assert!(!v.contains(d("2025-07-01")));
        assert!(!v.contains(d("2018-12-31")));
    }

    #[test]
    fn a_successor_starting_on_the_end_day_does_not_overlap() {
        let old = Validity::new(d("2019-01-01"), Some(d("2025-07-01"))).unwrap();
        let new = Validity::new(d("2025-07-01"), None).unwrap();
        assert!(!old.overlaps(&new));
        assert!(!new.overlaps(&old));
        let open = Validity::new(d("2000-01-01"), None).unwrap();
        assert!(open.overlaps(&new) && new.overlaps(&open));
    }

    #[test]
    fn a_child_must_fit_inside_its_parent() {
        let parent = Validity::new(d("2000-01-01"), Some(d("2025-07-01"))).unwrap();
        assert!(Validity::new(d("2001-01-01"), Some(d("2025-07-01")))
            .unwrap()
            .within(&parent));
        assert!(!Validity::new(d("2001-01-01"), None)
            .unwrap()
            .within(&parent));
        assert!(!Validity::new(d("1999-01-01"), Some(d("2020-01-01")))
            .unwrap()
            .within(&parent));
    }
}
