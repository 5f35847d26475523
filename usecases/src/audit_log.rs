//! The audit log as a Merkle tree (RFC 9162): its head, and the proofs that an event is in
//! it and that a later head extends an earlier one.
//!
//! The head (size and root) is the tree every write has kept, pushing its event's chain
//! hash in its own transaction (`dantin_domain::merkle::Frontier`): O(log n) to read, so
//! that checkpoints and every report can state it. The proofs are computed from the leaves
//! as stored now, each event's chain hash computed again from its content, in the order
//! events were written: an event rewritten after a checkpoint changes those leaves, and
//! the proofs from them no longer lead to the kept roots.

use dantin_domain::audit::leaf;
use dantin_domain::merkle::{self, Frontier, Hash};
use dantin_persistence::audit;
use dantin_persistence::Store;

use crate::error::Record;
use crate::error::{Error, Result};

/// The log's tree as kept by the writes: its size and root.
pub fn head(store: &Store) -> Result<Frontier> {
    Ok(store.read(audit::tree)?)
}

/// The log's leaves as stored now: each event's id and leaf hash.
pub struct Log {
    ids: Vec<i64>,
    leaves: Vec<Hash>,
}

impl Log {
    pub fn read(store: &Store) -> Result<Self> {
        let rows = store.read(audit::leaves)?;
        let (ids, leaves) = rows.iter().map(|(id, h)| (*id, leaf(h))).unzip();
        Ok(Self { ids, leaves })
    }

    pub fn size(&self) -> u64 {
        self.leaves.len() as u64
    }

    /// The root of the tree of the first `size` leaves.
    pub fn root(&self, size: u64) -> Hash {
        merkle::root(&self.leaves[..size as usize])
    }

    /// The event's leaf index and hash, and its inclusion proof in the tree of `size`
    /// leaves; 404 when no such event is in that tree.
    pub fn inclusion(&self, event: i64, size: u64) -> Result<(u64, Hash, Vec<Hash>)> {
        let index = self
            .ids
            .binary_search(&event)
            .ok()
            .filter(|i| (*i as u64) < size)
            .ok_or(Error::NotFound(Record::AuditEvent))?;
        let tree = &self.leaves[..size as usize];
        Ok((
            index as u64,
            tree[index],
            merkle::inclusion_proof(tree, index),
        ))
    }

    /// The consistency proof from the tree of `first` leaves to that of `second`.
    pub fn consistency(&self, first: u64, second: u64) -> Vec<Hash> {
        merkle::consistency_proof(&self.leaves[..second as usize], first as usize)
    }
}
