//! Standard Webhooks signatures (standardwebhooks.com, "Signature scheme"): a secret is
//! `whsec_` and the base64 of 32 random bytes; a delivery's `webhook-signature` is
//! `v1,` and the base64 HMAC-SHA256, keyed by the secret's bytes, of
//! `{webhook-id}.{webhook-timestamp}.{body}`; several signatures (during a rotation) are
//! separated by spaces.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;
use ring::hmac;

const PREFIX: &str = "whsec_";

/// A new secret, from the operating system's random source.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{PREFIX}{}", STANDARD.encode(bytes))
}

/// The `webhook-signature` header of `body` sent as `id` at `timestamp` (seconds), signed
/// with each of `secrets`.
pub fn sign(secrets: &[&str], id: &str, timestamp: i64, body: &[u8]) -> String {
    let mut content = format!("{id}.{timestamp}.").into_bytes();
    content.extend_from_slice(body);
    secrets
        .iter()
        .map(|secret| {
            let key = STANDARD
                .decode(secret.strip_prefix(PREFIX).unwrap_or(secret))
                .unwrap_or_else(|_| secret.as_bytes().to_vec());
            let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &key), &content);
            format!("v1,{}", STANDARD.encode(tag.as_ref()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks reference libraries' tests.
    #[test]
    fn signs_as_the_reference_implementation() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            sign(&[secret], id, 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn a_rotation_signs_twice_and_secrets_differ() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert!(a.starts_with("whsec_"));
        let both = sign(&[&a, &b], "chg_1", 1, b"{}");
        let parts: Vec<&str> = both.split(' ').collect();
        assert_eq!(
            parts,
            [
                sign(&[&a], "chg_1", 1, b"{}"),
                sign(&[&b], "chg_1", 1, b"{}")
            ]
        );
    }
}
