//! The audit trail is a hash chain: each event's hash covers its own content and the hash
//! of the event before it, so changing, removing or reordering any stored event breaks
//! every hash after it, and `verify` finds the first broken link.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::merkle;

/// The `prev_hash` of the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an event says, as stored. `occurred_at` is RFC 3339 UTC with microseconds, the
/// precision both backends keep, so a re-read event hashes the same as when written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditContent<'a> {
    pub occurred_at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<i64>,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub request_id: Option<&'a str>,
}

/// The hash of an event whose predecessor's hash is `prev_hash`: SHA-256, hex, over the
/// previous hash and the JSON of the content (fields in declaration order).
pub fn chain_hash(prev_hash: &str, content: &AuditContent<'_>) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(b"\n");
    h.update(serde_json::to_vec(content).expect("audit content serializes"));
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The audit log's leaf for the event whose chain hash is `hash` (hex): the Merkle tree's
/// leaf hash of its bytes.
pub fn leaf(hash: &str) -> merkle::Hash {
    let bytes: Vec<u8> = (0..hash.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hash[2 * i..2 * i + 2], 16).ok())
        .collect();
    merkle::leaf_hash(&bytes)
}

/// One stored event as the verifier reads it.
pub struct StoredEvent<'a> {
    pub id: i64,
    pub prev_hash: &'a str,
    pub hash: &'a str,
    pub content: AuditContent<'a>,
}

/// Walks a chain in order, event by event, remembering where the previous one ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainVerifier {
    expected_prev: String,
    pub checked: u64,
    pub first_broken: Option<i64>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            expected_prev: GENESIS_HASH.to_owned(),
            checked: 0,
            first_broken: None,
        }
    }
}

impl ChainVerifier {
    /// Checks the next event; after the first broken link nothing more is checked.
    pub fn push(&mut self, event: &StoredEvent<'_>) {
        if self.first_broken.is_some() {
            return;
        }
        self.checked += 1;
        let linked = event.prev_hash == self.expected_prev;
        let intact = chain_hash(event.prev_hash, &event.content) == event.hash;
        if linked && intact {
            self.expected_prev = event.hash.to_owned();
        } else {
            self.first_broken = Some(event.id);
        }
    }

    /// The hash the next appended event must name as its predecessor.
    pub fn head(&self) -> &str {
        &self.expected_prev
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Owned {
        id: i64,
        prev: String,
        hash: String,
        after: String,
    }

    fn content(after: &str) -> AuditContent<'_> {
        AuditContent {
            occurred_at: "2020-01-05T08:00:00.000000Z",
            actor: "admin",
            action: "unit.create",
            entity_type: "unit",
            entity_id: Some(1),
            before: None,
            after: Some(after),
            request_id: Some("req-1"),
        }
    }

    fn chain(n: i64) -> Vec<Owned> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|id| {
                let after = format!("{{\"name\":\"Khu {id}\"}}");
                let hash = chain_hash(&prev, &content(&after));
                let e = Owned {
                    id,
                    prev: prev.clone(),
                    hash: hash.clone(),
                    after,
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn verify(events: &[Owned]) -> ChainVerifier {
        let mut v = ChainVerifier::default();
        for e in events {
            v.push(&StoredEvent {
                id: e.id,
                prev_hash: &e.prev,
                hash: &e.hash,
                content: content(&e.after),
            });
        }
        v
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let v = verify(&chain(5));
        assert_eq!((v.checked, v.first_broken), (5, None));
    }

    #[test]
    fn a_changed_row_breaks_the_chain_at_that_row() {
        let mut events = chain(5);
        events[2].after = "{\"name\":\"Khu 99\"}".to_owned();
        assert_eq!(verify(&events).first_broken, Some(3));
    }

    #[test]
    fn a_removed_row_breaks_the_chain_after_it() {
        let mut events = chain(5);
        events.remove(1);
        assert_eq!(verify(&events).first_broken, Some(3));
    }

    #[test]
    fn a_rehashed_row_still_breaks_the_next_link() {
        let mut events = chain(4);
        events[1].after = "{}".to_owned();
        events[1].hash = chain_hash(&events[1].prev, &content("{}"));
        assert_eq!(verify(&events).first_broken, Some(3));
    }
}
