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

/// Rule 21: `unified / total` against `target_percent`, in exact integers (the gap is the
/// smallest count that reaches the target: 75% of 177 needs 133, so 108 leaves a gap of 25).
pub fn rate(unified: u32, total: u32, target_percent: u32) -> Rate {
    let needed = (u64::from(total) * u64::from(target_percent)).div_ceil(100) as u32;
    Rate {
        unified,
        total,
        rate_percent: (total > 0)
            .then(|| (f64::from(unified) * 1000.0 / f64::from(total)).round() / 10.0),
        target_percent,
        gap: needed.saturating_sub(unified),
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
    fn reaching_the_target_exactly_leaves_no_gap() {
        assert_eq!(rate(3, 4, 75).gap, 0);
        assert_eq!(rate(2, 4, 75).gap, 1);
    }
}
