//! The counts of a report's parts, kept in memory: for each unit right under a province,
//! what its subtree counts for a pair on a day and a map, with the unit's mark (`marks`)
//! when it was read. A kept part is right while the unit's mark is the same: any write
//! that could change it, in this process or another, marked the unit. So a report after
//! a write in one village reads that village's commune again, and keeps the rest.

use std::sync::Arc;

use chrono::NaiveDate;
use dantin_domain::pair::PostPair;
use dantin_domain::UnitId;
use quick_cache::sync::Cache;
use quick_cache::Weighter;

use crate::reports::PartCounts;

/// At most about this many bytes of parts are kept; the least used go first.
const CAPACITY_BYTES: u64 = 48 * 1024 * 1024;
/// Parts of a few maps and days of the country's communes, for the cache's sizing.
const TYPICAL_PARTS: usize = 16 * 1024;
/// What one unit not unified weighs, names included, roughly.
const NOT_UNIFIED_BYTES: u64 = 128;

/// Which part: a unit's subtree on the map of `map`, its standings for `pair` on `on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Part {
    pub pair: PostPair,
    pub on: NaiveDate,
    pub map: NaiveDate,
    pub unit: UnitId,
}

#[derive(Clone)]
struct Kept {
    mark: i64,
    counts: Arc<PartCounts>,
}

#[derive(Clone)]
struct Size;

impl Weighter<Part, Kept> for Size {
    fn weight(&self, _: &Part, kept: &Kept) -> u64 {
        64 + kept.counts.not_unified.len() as u64 * NOT_UNIFIED_BYTES
    }
}

/// The parts kept by this process.
pub struct KeptParts {
    parts: Cache<Part, Kept, Size>,
}

impl Default for KeptParts {
    fn default() -> Self {
        Self {
            parts: Cache::with_weighter(TYPICAL_PARTS, CAPACITY_BYTES, Size),
        }
    }
}

impl KeptParts {
    /// The part's counts, if kept at `mark`.
    pub fn get(&self, part: &Part, mark: i64) -> Option<Arc<PartCounts>> {
        self.parts
            .get(part)
            .filter(|kept| kept.mark == mark)
            .map(|kept| kept.counts)
    }

    /// Keeps the part's counts, read after its mark was `mark`.
    pub fn keep(&self, part: Part, mark: i64, counts: Arc<PartCounts>) {
        self.parts.insert(part, Kept { mark, counts });
    }
}
