//! The paper minutes (biên bản) an election or congress result comes from (rule 23): a
//! scan is attached as the file it is, a PDF or an image, whose type is read from its
//! bytes rather than believed from the request; its SHA-256 goes into the audit trail, so
//! that the file kept can be shown to be the file received.

use sha2::{Digest, Sha256};

use crate::rule::Rule;
use crate::string_enum::string_enum;
use crate::RuleViolation;

string_enum! {
    /// What a scan is, by its media type.
    pub enum ScanType {
        Pdf => "application/pdf",
        Png => "image/png",
        Jpeg => "image/jpeg",
    }
}

/// The largest scan kept: a few pages of a minute, scanned at a readable resolution.
pub const MAX_SCAN_BYTES: usize = 10 * 1024 * 1024;

/// What the first bytes of a file say it is: the signatures of PDF (`%PDF-`), PNG and JPEG.
pub fn sniff(bytes: &[u8]) -> Option<ScanType> {
    if bytes.starts_with(b"%PDF-") {
        Some(ScanType::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ScanType::Png)
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some(ScanType::Jpeg)
    } else {
        None
    }
}

/// Rule `scan_type`: a scan is a PDF, PNG or JPEG file, as its bytes show, sent as the
/// type it is (`declared`, the request's media type).
pub fn check_scan(declared: ScanType, bytes: &[u8]) -> Result<ScanType, RuleViolation> {
    match sniff(bytes) {
        Some(t) if t == declared => Ok(t),
        Some(t) => Err(RuleViolation::new(
            Rule::ScanType,
            format!("the file is {t}, sent as {declared}"),
        )),
        None => Err(RuleViolation::new(
            Rule::ScanType,
            "the file is not a PDF, PNG or JPEG file",
        )),
    }
}

/// The SHA-256 of a file, in lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_is_what_its_bytes_say() {
        assert_eq!(
            check_scan(ScanType::Pdf, b"%PDF-1.7\n..."),
            Ok(ScanType::Pdf)
        );
        assert_eq!(
            check_scan(ScanType::Png, b"\x89PNG\r\n\x1a\n\0\0"),
            Ok(ScanType::Png)
        );
        assert_eq!(
            check_scan(ScanType::Jpeg, b"\xFF\xD8\xFF\xE0"),
            Ok(ScanType::Jpeg)
        );
        let renamed = check_scan(ScanType::Pdf, b"\xFF\xD8\xFF\xE0").unwrap_err();
        assert_eq!(renamed.rule, Rule::ScanType);
        assert_eq!(
            renamed.detail,
            "the file is image/jpeg, sent as application/pdf"
        );
        for junk in [&b""[..], b"%PDF", b"<html>"] {
            assert_eq!(
                check_scan(ScanType::Pdf, junk).unwrap_err().rule,
                Rule::ScanType
            );
        }
    }

    #[test]
    fn the_digest_is_sha256() {
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
