//! The service's Ed25519 key, which signs the audit log's checkpoints. Configured as the
//! base64 of a 32-byte seed (`DANTIN_AUDIT_KEY`); `serve --demo` makes one for its run.
//! A checkpoint signs the text `dantin audit log\n{tree_size}\n{root_hash}\n{timestamp}\n`
//! (the root in base64), which a verifier rebuilds from the checkpoint's fields.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;
use ring::signature::{Ed25519KeyPair, KeyPair};

/// The first line of every signed checkpoint: which log it is.
pub const ORIGIN: &str = "dantin audit log";

pub struct LogKey(Ed25519KeyPair);

impl LogKey {
    /// From the base64 of a 32-byte seed.
    pub fn from_base64(seed: &str) -> Result<Self, String> {
        let seed = STANDARD
            .decode(seed.trim())
            .map_err(|e| format!("the audit key is not base64: {e}"))?;
        Ed25519KeyPair::from_seed_unchecked(&seed)
            .map(Self)
            .map_err(|_| "the audit key must be the base64 of 32 bytes".to_owned())
    }

    /// A new random key, and its seed in base64 (for `serve --demo`, or to configure).
    pub fn generate() -> (Self, String) {
        let mut seed = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut seed);
        let encoded = STANDARD.encode(seed);
        (
            Self::from_base64(&encoded).expect("32 bytes make a key"),
            encoded,
        )
    }

    /// The public key, base64 (32 bytes): what verifiers pin.
    pub fn public_key(&self) -> String {
        STANDARD.encode(self.0.public_key().as_ref())
    }

    /// The text a checkpoint signs.
    pub fn note(tree_size: u64, root_hash: &str, timestamp: &str) -> String {
        format!("{ORIGIN}\n{tree_size}\n{root_hash}\n{timestamp}\n")
    }

    /// The base64 signature of a checkpoint.
    pub fn sign(&self, tree_size: u64, root_hash: &str, timestamp: &str) -> String {
        let note = Self::note(tree_size, root_hash, timestamp);
        STANDARD.encode(self.0.sign(note.as_bytes()).as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{UnparsedPublicKey, ED25519};

    #[test]
    fn a_checkpoint_verifies_with_the_public_key_and_nothing_else() {
        let (key, seed) = LogKey::generate();
        assert_eq!(
            LogKey::from_base64(&seed).unwrap().public_key(),
            key.public_key()
        );
        let signature = STANDARD
            .decode(key.sign(5, "cm9vdA==", "2026-12-03T00:00:00Z"))
            .unwrap();
        let public = STANDARD.decode(key.public_key()).unwrap();
        let public = UnparsedPublicKey::new(&ED25519, public);
        let note = LogKey::note(5, "cm9vdA==", "2026-12-03T00:00:00Z");
        assert!(public.verify(note.as_bytes(), &signature).is_ok());
        let other = LogKey::note(6, "cm9vdA==", "2026-12-03T00:00:00Z");
        assert!(public.verify(other.as_bytes(), &signature).is_err());
        assert!(LogKey::from_base64("c2hvcnQ=").is_err());
    }
}
