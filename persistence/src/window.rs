//! Which slice of a list to read: the rows after a cursor, in id order.

/// Rows with an id above `after` (the cursor), at most `limit` of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub after: Option<i64>,
    pub limit: i64,
}

impl Window {
    /// Every row: for internal reads that want the whole list.
    pub const ALL: Window = Window {
        after: None,
        limit: i64::MAX,
    };

    /// The id the next row must be above (0: from the first).
    pub fn after_id(self) -> i64 {
        self.after.unwrap_or(0)
    }
}
