//! The proof an attack leaves behind nothing: no write was recorded, and the audit chain
//! still verifies.

use crate::TestApp;

/// The audit trail's length when marked.
pub struct Unchanged {
    events: u64,
}

async fn verified(app: &TestApp) -> u64 {
    let admin = app.admin().await;
    let res = app.get("/api/v1/audit-events/verify", Some(&admin)).await;
    let v = res.expect(200).json();
    assert_eq!(v["valid"], true, "the audit chain is broken: {v}");
    v["checked"].as_u64().expect("a count")
}

impl Unchanged {
    /// Marks the trail as it is before an attack.
    pub async fn mark(app: &TestApp) -> Self {
        Self {
            events: verified(app).await,
        }
    }

    /// Asserts that nothing was written since the mark, and the chain verifies.
    pub async fn assert(&self, app: &TestApp) {
        assert_eq!(verified(app).await, self.events, "something was written");
    }
}
