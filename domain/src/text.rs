//! Text a name (of a unit, an organisation, a person, a term, a decision) may hold: what
//! people type, in one normal form. Vietnamese letters are composed (NFC), so that "Chẽ"
//! typed in either form is one name; the ends are trimmed; control characters (NUL,
//! escape...), bidirectional overrides (which make text display other than it reads) and
//! names made only of invisible characters are refused.

use unicode_normalization::UnicodeNormalization;

/// Characters that are not control characters but change how text displays or hide in
/// it: bidirectional embeddings, overrides and isolates, and zero-width characters.
fn is_deceptive(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
    )
}

fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

/// The text in normal form (NFC, trimmed), or why no name may hold it.
pub fn normalize(raw: &str) -> Result<String, &'static str> {
    if raw.chars().any(char::is_control) {
        return Err("holds a control character");
    }
    if raw.chars().any(is_deceptive) {
        return Err("holds a bidirectional override or mark");
    }
    let text: String = raw.nfc().collect::<String>().trim().to_owned();
    if text.chars().all(is_invisible) {
        return Err("is empty or invisible");
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_composed_and_trimmed() {
        let decomposed: String = "Huyện Ba Chẽ".nfd().collect();
        assert_eq!(
            normalize(&format!("  {decomposed}\u{3000}")).unwrap(),
            "Huyện Ba Chẽ"
        );
        assert_eq!(normalize("Khu phố II").unwrap(), "Khu phố II");
    }

    #[test]
    fn control_deceptive_and_invisible_text_is_refused() {
        for bad in [
            "Thôn\0A",
            "Thôn\u{1b}[31mA",
            "Thôn\tA",
            "Thôn\u{202E}A",
            "Thôn\u{2067}A",
            "",
            "   ",
            "\u{200B}\u{200D}",
            "\u{FEFF}",
        ] {
            assert!(normalize(bad).is_err(), "{bad:?}");
        }
        assert!(
            normalize("Thôn\u{200D}A").is_ok(),
            "a joiner inside a name is allowed"
        );
    }
}
