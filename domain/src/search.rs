//! Name search that ignores case and Vietnamese diacritics: "ba che" finds "Huyện Ba Chẽ".
//!
//! Names are folded once, when they are written, into search keys that the database
//! indexes; a query is folded the same way and matched as a key prefix, so a search is an
//! index range scan on either backend, never a scan of every name.

use unicode_normalization::UnicodeNormalization;

/// Lower case, no diacritics (đ becomes d), words of letters and digits separated by
/// single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The keys a name is found by: its folded text from the start of each word, so that a
/// query matches when it begins at a word boundary ("che", "ba che", "huyen ba"). Sorted,
/// without repeats.
pub fn search_keys(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut keys = Vec::new();
    let mut at_word_start = true;
    for (i, c) in folded.char_indices() {
        if c == ' ' {
            at_word_start = true;
        } else if at_word_start {
            keys.push(folded[i..].to_owned());
            at_word_start = false;
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The exclusive upper bound of the keys that start with `prefix`, for a range scan:
/// no valid UTF-8 string starting with `prefix` sorts at or after it byte-wise.
pub fn prefix_upper_bound(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese_to_plain_lower_case() {
        let table = [
            ("Huyện Ba Chẽ", "huyen ba che"),
            ("Đinh Văn Sáng", "dinh van sang"),
            ("ĐỒNG NAI", "dong nai"),
            ("Thôn Nam Hả Trong", "thon nam ha trong"),
            ("  Khu   phố II ", "khu pho ii"),
            ("Quảng Ninh", "quang ninh"),
            ("Ư ơ ă â ê ô", "u o a a e o"),
            ("Khu 6 - Hồng Hà", "khu 6 hong ha"),
            ("", ""),
        ];
        for (input, want) in table {
            assert_eq!(fold(input), want, "{input}");
        }
    }

    #[test]
    fn precomposed_and_decomposed_forms_fold_alike() {
        let precomposed = "Chẽ";
        let decomposed: String = precomposed.nfd().collect();
        assert_ne!(precomposed, decomposed);
        assert_eq!(fold(precomposed), fold(&decomposed));
    }

    #[test]
    fn keys_start_at_every_word() {
        assert_eq!(
            search_keys("Huyện Ba Chẽ"),
            vec!["ba che", "che", "huyen ba che"]
        );
        assert_eq!(
            search_keys("Khu 1 khu 1"),
            vec!["1", "1 khu 1", "khu 1", "khu 1 khu 1"]
        );
    }

    #[test]
    fn a_query_from_a_word_start_is_a_key_prefix() {
        let keys = search_keys("Huyện Ba Chẽ");
        let q = fold("ba che");
        let hi = prefix_upper_bound(&q);
        assert!(keys
            .iter()
            .any(|k| k.as_str() >= q.as_str() && k.as_str() < hi.as_str()));
        let q = fold("a che");
        let hi = prefix_upper_bound(&q);
        assert!(!keys
            .iter()
            .any(|k| k.as_str() >= q.as_str() && k.as_str() < hi.as_str()));
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn every_key_is_in_the_range_of_its_own_prefixes(s in "[a-zà-ỹ ]{1,30}") {
            for key in search_keys(&s) {
                for (end, _) in key.char_indices().skip(1) {
                    let prefix = &key[..end];
                    let hi = prefix_upper_bound(prefix);
                    prop_assert!(key.as_str() >= prefix && key.as_str() < hi.as_str());
                }
            }
        }
    }
}
