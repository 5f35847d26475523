//! Rule 21: how far a pair of posts has been unified, against a target.

use serde::{Deserialize, Serialize};

/// A count of unified units over the units that count, with the target and the gap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rate {
    pub unified: u32,
    /// The units that count: villages with a cell, communes, agencies.
    pub total: u32,
    /// `unified / total` in percent, to one decimal; absent when `total` is 0.
    pub rate_percent: Option<f64>,
    pub target_percent: u32,
    /// How many more unified units reach the target (0 when reached).
    pub gap: u32,
}

/// `part / whole` in percent, to one decimal; `None` when `whole` is 0.
pub fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

/// Rule 21: `unified / total` against `target_percent`, in exact integers (the gap is the
/// smallest count that reaches the target: 75% of 177 needs 133, so 108 leaves a gap of 25).
pub fn rate(unified: u32, total: u32, target_percent: u32) -> Rate {
    let needed = (u64::from(total) * u64::from(target_percent)).div_ceil(100) as u32;
    Rate {
        unified,
        total,
        rate_percent: percent(unified, total),
        target_percent,
        gap: needed.saturating_sub(unified),
    }
}

/// The counts of a report, for a unit's subtree or one of its children.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Units of the pair's level in force (villages, or communes).
    pub in_force: u32,
    /// Those with the pair's Party organisation (a cell, a commune committee).
    pub with_org: u32,
    /// Of those, the ones with nothing recorded: counted apart, never guessed.
    pub unknown: u32,
    /// Unified, approval pending included.
    pub unified: u32,
    /// Unified with the secretary's approval still awaited.
    pub pending_approval: u32,
    /// Unified over the known units with an organisation, against the target.
    pub rate: Rate,
}

/// What one subject (a village, a commune, an agency) adds to a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// It has the pair's Party organisation.
    pub has_org: bool,
    /// Something is recorded for its posts.
    pub known: bool,
    pub unified: bool,
    pub pending_approval: bool,
}

/// Rule 21's denominator, counted subject by subject: a rate is over the units that have
/// the pair's organisation (villages with a cell) and whose standing is known; a unit
/// with no organisation is counted in force but never in the rate, and one with nothing
/// recorded is counted `unknown`, never as "not unified".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    in_force: u32,
    with_org: u32,
    unknown: u32,
    unified: u32,
    pending: u32,
}

impl Tally {
    pub fn add(&mut self, s: Counted) {
        self.in_force += 1;
        if !s.has_org {
            return;
        }
        self.with_org += 1;
        if !s.known {
            self.unknown += 1;
        } else if s.unified {
            self.unified += 1;
            self.pending += u32::from(s.pending_approval);
        }
    }

    /// Adds the counts of another part of the same report.
    pub fn merge(&mut self, other: Tally) {
        self.in_force += other.in_force;
        self.with_org += other.with_org;
        self.unknown += other.unknown;
        self.unified += other.unified;
        self.pending += other.pending;
    }

    /// The figures against `target` (none set: 0).
    pub fn figures(&self, target: Option<u32>) -> Figures {
        Figures {
            in_force: self.in_force,
            with_org: self.with_org,
            unknown: self.unknown,
            unified: self.unified,
            pending_approval: self.pending,
            rate: rate(
                self.unified,
                self.with_org - self.unknown,
                target.unwrap_or(0),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_figures_of_the_source_reports() {
        let ba_che = rate(74, 74, 100);
        assert_eq!((ba_che.rate_percent, ba_che.gap), (Some(100.0), 0));
        let quang_ninh_communes = rate(108, 177, 75);
        assert_eq!(
            (quang_ninh_communes.rate_percent, quang_ninh_communes.gap),
            (Some(61.0), 25)
        );
        let coal = rate(871, 904, 100);
        assert_eq!((coal.rate_percent, coal.gap), (Some(96.3), 33));
        assert_eq!(rate(0, 0, 100).rate_percent, None);
        assert_eq!(rate(0, 0, 100).gap, 0);
    }

    #[test]
    fn the_rate_counts_only_known_units_with_an_organisation() {
        let mut t = Tally::default();
        let subject = |has_org, known, unified, pending_approval| Counted {
            has_org,
            known,
            unified,
            pending_approval,
        };
        t.add(subject(true, true, true, false));
        t.add(subject(true, true, true, true));
        t.add(subject(true, true, false, false));
        t.add(subject(true, false, false, false));
        t.add(subject(false, true, false, false));
        let f = t.figures(Some(100));
        assert_eq!(
            (
                f.in_force,
                f.with_org,
                f.unknown,
                f.unified,
                f.pending_approval
            ),
            (5, 4, 1, 2, 1)
        );
        assert_eq!((f.rate.unified, f.rate.total), (2, 3));
        assert_eq!((f.rate.rate_percent, f.rate.gap), (Some(66.7), 1));
        assert_eq!(Tally::default().figures(None).rate.rate_percent, None);
    }

    #[test]
    fn parts_merged_count_as_one_tally() {
        let subject = |has_org, known, unified| Counted {
            has_org,
            known,
            unified,
            pending_approval: unified,
        };
        let all = [
            subject(true, true, true),
            subject(true, false, false),
            subject(false, true, false),
        ];
        let mut whole = Tally::default();
        all.iter().for_each(|s| whole.add(*s));
        let (mut first, mut rest) = (Tally::default(), Tally::default());
        first.add(all[0]);
        all[1..].iter().for_each(|s| rest.add(*s));
        first.merge(rest);
        assert_eq!(first, whole);
        assert_eq!(first.figures(None).pending_approval, 1);
    }

    #[test]
    fn reaching_the_target_exactly_leaves_no_gap() {
        assert_eq!(rate(3, 4, 75).gap, 0);
        assert_eq!(rate(2, 4, 75).gap, 1);
    }
}
