//! The audit log as a Merkle tree, as Certificate Transparency keeps its log (RFC 9162,
//! section 2.1): a leaf's hash is SHA-256(0x00 || leaf), a node's SHA-256(0x01 || left ||
//! right), and a tree of n leaves splits at the largest power of two below n. From a tree
//! head (size and root) anyone can check that an event is in the log (inclusion proof)
//! and that a later head extends an earlier one without changing it (consistency proof).

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// The hash of a leaf's data.
pub fn leaf_hash(data: &[u8]) -> Hash {
    Sha256::new()
        .chain_update([0u8])
        .chain_update(data)
        .finalize()
        .into()
}

fn node_hash(left: &Hash, right: &Hash) -> Hash {
    Sha256::new()
        .chain_update([1u8])
        .chain_update(left)
        .chain_update(right)
        .finalize()
        .into()
}

/// The largest power of two smaller than `n` (n > 1).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// MTH: the root of the tree of `leaves` (leaf hashes); the hash of nothing when empty.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => Sha256::digest([]).into(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// The tree's right edge, as a log keeps it to append without reading its leaves: the
/// roots of its perfect subtrees, largest (leftmost) first, one per set bit of its size. A
/// leaf is appended and the root computed in O(log n) hashes; the root is `root` of the
/// same leaves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    peaks: Vec<Hash>,
}

impl Frontier {
    /// The frontier of a tree of `size` leaves from its peaks as `to_bytes` wrote them;
    /// `None` when they are not the peaks of a tree of that size.
    pub fn from_bytes(size: u64, bytes: &[u8]) -> Option<Self> {
        let chunks = bytes.chunks_exact(32);
        if !chunks.remainder().is_empty() || chunks.len() != size.count_ones() as usize {
            return None;
        }
        let peaks = chunks
            .map(|c| c.try_into().expect("chunks of 32"))
            .collect();
        Some(Self { size, peaks })
    }

    /// The peaks, concatenated.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.peaks.concat()
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends the leaf whose hash is `leaf`: each subtree it completes is merged into one.
    pub fn push(&mut self, leaf: Hash) {
        let mut node = leaf;
        let mut completed = self.size;
        while completed & 1 == 1 {
            let left = self.peaks.pop().expect("a peak per set bit of the size");
            node = node_hash(&left, &node);
            completed >>= 1;
        }
        self.peaks.push(node);
        self.size += 1;
    }

    /// MTH of the leaves pushed: the peaks folded from the right.
    pub fn root(&self) -> Hash {
        match self.peaks.split_last() {
            None => root(&[]),
            Some((last, rest)) => rest
                .iter()
                .rev()
                .fold(*last, |right, left| node_hash(left, &right)),
        }
    }
}

/// PATH(m, D[n]): the inclusion proof of leaf `m` in the tree of `leaves`.
pub fn inclusion_proof(leaves: &[Hash], m: usize) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 {
        return Vec::new();
    }
    let k = split(n);
    if m < k {
        let mut path = inclusion_proof(&leaves[..k], m);
        path.push(root(&leaves[k..]));
        path
    } else {
        let mut path = inclusion_proof(&leaves[k..], m - k);
        path.push(root(&leaves[..k]));
        path
    }
}

/// PROOF(m, D[n]): that the tree of the first `m` of `leaves` is a prefix of theirs.
pub fn consistency_proof(leaves: &[Hash], m: usize) -> Vec<Hash> {
    fn subproof(leaves: &[Hash], m: usize, whole: bool) -> Vec<Hash> {
        let n = leaves.len();
        if m == n {
            return if whole {
                Vec::new()
            } else {
                vec![root(leaves)]
            };
        }
        let k = split(n);
        if m <= k {
            let mut proof = subproof(&leaves[..k], m, whole);
            proof.push(root(&leaves[k..]));
            proof
        } else {
            let mut proof = subproof(&leaves[k..], m - k, false);
            proof.push(root(&leaves[..k]));
            proof
        }
    }
    if m == 0 || m >= leaves.len() {
        return Vec::new();
    }
    subproof(leaves, m, true)
}

/// Whether `proof` shows the leaf `index` with hash `leaf` in the tree of `size` with
/// `root` (RFC 9162, 2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && &r == root
}

/// Whether `proof` shows that the tree of `second` leaves with `second_root` extends the
/// tree of `first` leaves with `first_root` (RFC 9162, 2.1.4.2).
pub fn verify_consistency(
    first: u64,
    second: u64,
    first_root: &Hash,
    second_root: &Hash,
    proof: &[Hash],
) -> bool {
    if first == second {
        return proof.is_empty() && first_root == second_root;
    }
    if first == 0 || first > second {
        return false;
    }
    let mut path: Vec<Hash> = proof.to_vec();
    if first.is_power_of_two() {
        path.insert(0, *first_root);
    }
    let (mut f_n, mut s_n) = (first - 1, second - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let Some((head, rest)) = path.split_first() else {
        return false;
    };
    let (mut fr, mut sr) = (*head, *head);
    for c in rest {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    &fr == first_root && &sr == second_root && s_n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n)
            .map(|i| leaf_hash(format!("event {i}").as_bytes()))
            .collect()
    }

    fn hex(h: &Hash) -> String {
        h.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_empty_tree_and_a_leaf_hash_as_rfc_6962s_test_vectors() {
        assert_eq!(
            hex(&root(&[])),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&leaf_hash(b"")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
        );
    }

    #[test]
    fn every_leaf_is_included_and_every_prefix_consistent() {
        for n in 1..=20 {
            let all = leaves(n);
            let r = root(&all);
            for m in 0..n {
                let proof = inclusion_proof(&all, m);
                assert!(
                    verify_inclusion(m as u64, n as u64, &all[m], &proof, &r),
                    "{m} in {n}"
                );
                let wrong = leaf_hash(b"forged");
                assert!(!verify_inclusion(m as u64, n as u64, &wrong, &proof, &r));
            }
            for m in 1..=n {
                let proof = consistency_proof(&all, m);
                let first = root(&all[..m]);
                assert!(
                    verify_consistency(m as u64, n as u64, &first, &r, &proof),
                    "{m} to {n}"
                );
            }
        }
    }

    #[test]
    fn the_frontier_has_the_root_of_the_leaves_pushed() {
        let all = leaves(70);
        let mut frontier = Frontier::default();
        assert_eq!(frontier.root(), root(&[]));
        for (n, leaf) in all.iter().enumerate() {
            frontier.push(*leaf);
            assert_eq!(frontier.size(), n as u64 + 1);
            assert_eq!(frontier.root(), root(&all[..=n]), "{} leaves", n + 1);
            let stored = Frontier::from_bytes(frontier.size(), &frontier.to_bytes());
            assert_eq!(stored.as_ref(), Some(&frontier));
        }
    }

    #[test]
    fn peaks_that_do_not_fit_the_size_are_refused() {
        let mut frontier = Frontier::default();
        for leaf in leaves(6) {
            frontier.push(leaf);
        }
        let bytes = frontier.to_bytes();
        assert_eq!(bytes.len(), 64);
        assert!(Frontier::from_bytes(7, &bytes).is_none());
        assert!(Frontier::from_bytes(6, &bytes[..63]).is_none());
        assert!(Frontier::from_bytes(0, &[]).is_some());
    }

    #[test]
    fn a_rewritten_leaf_breaks_consistency_with_the_earlier_head() {
        let all = leaves(13);
        let earlier = root(&all[..6]);
        let mut rewritten = all.clone();
        rewritten[2] = leaf_hash(b"rewritten");
        let now = root(&rewritten);
        let proof = consistency_proof(&rewritten, 6);
        assert!(!verify_consistency(6, 13, &earlier, &now, &proof));
    }
}
