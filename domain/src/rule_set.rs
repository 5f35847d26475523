//! The rules a province may set differently (DOMAIN.md marks them *configurable*), with
//! the documented defaults.

use crate::rule::Rule;
use serde::{Deserialize, Serialize};

use crate::string_enum::string_enum;
use crate::Violations;

string_enum! {
    /// Whose count a village head's majority is taken over (DOMAIN.md rule 5).
    pub enum HeadMajorityBase {
        /// More than half of all household representatives of the village (the default:
        /// Thông tư 04/2012/TT-BNV Art. 9 as amended).
        AllHouseholds => "all_households",
        /// More than half of the representatives present.
        Present => "present",
    }
}

/// A fraction `numerator / denominator`, compared strictly: a count passes when it is
/// *more than* this share of its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub numerator: u32,
    pub denominator: u32,
}

impl Share {
    pub const HALF: Share = Share {
        numerator: 1,
        denominator: 2,
    };
    pub const TWO_THIRDS: Share = Share {
        numerator: 2,
        denominator: 3,
    };
    pub const THIRD: Share = Share {
        numerator: 1,
        denominator: 3,
    };

    /// Whether `count` is strictly more than this share of `base`, in exact integers.
    pub fn exceeded_by(self, count: u32, base: u32) -> bool {
        u64::from(count) * u64::from(self.denominator) > u64::from(base) * u64::from(self.numerator)
    }
}

/// A province's choices. Every field has the default the sources give; a field the set
/// does not have is refused, so that a misspelt one cannot silently reset to its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleSet {
    /// Rule 5: whose count a head's majority is over (default `all_households`).
    pub head_majority_base: HeadMajorityBase,
    /// Rule 12: the share of summoned official members who must attend a cell congress
    /// (default more than 2/3; not confirmed in the sources gathered).
    pub congress_quorum: Share,
    /// Rule 8: the village head's term in months (30 or 60; default 30).
    pub head_term_months: u32,
    /// Rule 21: the target share of unified villages, in percent (default 100).
    pub village_unified_target_percent: u32,
    /// Rule 21: the target for commune secretaries who also chair the People's Committee
    /// (default 75).
    pub commune_chair_target_percent: u32,
    /// Rule 21: the target for commune secretaries who also chair the People's Council;
    /// the sources set none, so none by default.
    #[serde(default)]
    pub commune_council_target_percent: Option<u32>,
    /// Rule 21: the target for agency heads who are also their cell's secretary; none by
    /// default.
    #[serde(default)]
    pub agency_target_percent: Option<u32>,
    /// Rule 26: an assigned cadre who missed more than this share of the cell meetings
    /// assigned is flagged (default more than 1/3; the sources fix none).
    #[serde(default = "cadre_missed_flag_default")]
    pub cadre_missed_flag: Share,
    /// Rule 23: head elections and congresses are typed twice, by two accounts, and count
    /// only once both entries agree or a coordinator has settled them. A rule set that does
    /// not name it asks for it: the default for a province setting its rules from now on.
    /// A province with no rule set of its own records results at once (`false`), as it
    /// always has: the law requires no double entry.
    #[serde(default = "double_entry_default")]
    pub double_entry: bool,
}

fn cadre_missed_flag_default() -> Share {
    Share::THIRD
}

fn double_entry_default() -> bool {
    true
}

impl Default for RuleSet {
    fn default() -> Self {
        Self {
            head_majority_base: HeadMajorityBase::AllHouseholds,
            congress_quorum: Share::TWO_THIRDS,
            head_term_months: 30,
            village_unified_target_percent: 100,
            commune_chair_target_percent: 75,
            commune_council_target_percent: None,
            agency_target_percent: None,
            cadre_missed_flag: Share::THIRD,
            double_entry: false,
        }
    }
}

impl RuleSet {
    /// Rule `rule_set_bounds`: a rule set must make sense before a province adopts it.
    pub fn check(&self) -> Result<(), Violations> {
        let mut v = Violations::default();
        let q = self.congress_quorum;
        v.check(
            q.denominator > 0 && q.numerator > 0 && q.numerator < q.denominator,
            Rule::RuleSetBounds,
            || "congress_quorum must be a fraction strictly between 0 and 1".to_owned(),
        );
        v.check(
            matches!(self.head_term_months, 30 | 60),
            Rule::RuleSetBounds,
            || "head_term_months must be 30 (2.5 years) or 60 (5 years)".to_owned(),
        );
        let f = self.cadre_missed_flag;
        v.check(
            f.denominator > 0 && f.numerator < f.denominator,
            Rule::RuleSetBounds,
            || "cadre_missed_flag must be a fraction from 0 up to, not including, 1".to_owned(),
        );
        for (name, pct) in [
            (
                "village_unified_target_percent",
                self.village_unified_target_percent,
            ),
            (
                "commune_chair_target_percent",
                self.commune_chair_target_percent,
            ),
        ] {
            v.check(pct <= 100, Rule::RuleSetBounds, || {
                format!("{name} must be at most 100")
            });
        }
        v.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_exceeded_only_strictly() {
        assert!(!Share::HALF.exceeded_by(50, 100));
        assert!(Share::HALF.exceeded_by(51, 100));
        assert!(!Share::TWO_THIRDS.exceeded_by(6, 9));
        assert!(Share::TWO_THIRDS.exceeded_by(7, 9));
        assert!(!Share::HALF.exceeded_by(0, 0));
    }

    #[test]
    fn the_defaults_are_the_documented_ones_and_valid() {
        let r = RuleSet::default();
        assert_eq!(r.head_majority_base, HeadMajorityBase::AllHouseholds);
        assert_eq!(r.congress_quorum, Share::TWO_THIRDS);
        assert_eq!(
            (
                r.head_term_months,
                r.village_unified_target_percent,
                r.commune_chair_target_percent
            ),
            (30, 100, 75)
        );
        assert!(r.check().is_ok());
        let bad = RuleSet {
            head_term_months: 36,
            congress_quorum: Share {
                numerator: 3,
                denominator: 2,
            },
            ..r
        };
        assert_eq!(bad.check().unwrap_err().0.len(), 2);
    }
}
