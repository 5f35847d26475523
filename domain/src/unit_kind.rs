//! What a unit is called (tỉnh, phường, thôn...), and how the official lists write it: the
//! Vietnamese word with or without diacritics, in any case, or at the start of the name.

use crate::rule::Rule;
use crate::search::fold;
use crate::string_enum::string_enum;
use crate::unit::UnitLevel;
use crate::RuleViolation;

string_enum! {
    /// What a unit is called in Vietnamese, written without diacritics.
    pub enum UnitKind {
        /// tỉnh
        Tinh => "tinh",
        /// thành phố (trực thuộc trung ương, or thuộc tỉnh)
        ThanhPho => "thanh_pho",
        /// huyện
        Huyen => "huyen",
        /// quận
        Quan => "quan",
        /// thị xã
        ThiXa => "thi_xa",
        /// xã
        Xa => "xa",
        /// phường
        Phuong => "phuong",
        /// thị trấn
        ThiTran => "thi_tran",
        /// đặc khu
        DacKhu => "dac_khu",
        /// thôn
        Thon => "thon",
        /// bản
        Ban => "ban",
        /// ấp
        Ap => "ap",
        /// làng
        Lang => "lang",
        /// buôn
        Buon => "buon",
        /// xóm
        Xom => "xom",
        /// khu
        Khu => "khu",
        /// khu phố
        KhuPho => "khu_pho",
        /// tổ dân phố
        ToDanPho => "to_dan_pho",
    }
}

impl UnitKind {
    /// Whether a unit of this kind can stand at `level`. A thành phố is either a
    /// province-level city or a provincial city at district level.
    pub fn fits(self, level: UnitLevel) -> bool {
        use UnitKind::*;
        match level {
            UnitLevel::Province => matches!(self, Tinh | ThanhPho),
            UnitLevel::District => matches!(self, ThanhPho | Huyen | Quan | ThiXa),
            UnitLevel::Commune => matches!(self, Xa | Phuong | ThiTran | DacKhu),
            UnitLevel::Village => matches!(
                self,
                Thon | Ban | Ap | Lang | Buon | Xom | Khu | KhuPho | ToDanPho
            ),
        }
    }
}
/// Every way the official lists and the laws write a kind, folded (lower case, no
/// diacritics, single spaces): the words of Luật Tổ chức chính quyền địa phương 2025 for
/// provinces and communes, of the 2015 law for districts, and of Thông tư 04/2012/TT-BNV
/// (as amended by Thông tư 14/2018/TT-BNV) for villages. Longer words come before the
/// words they start with, so that a name is read by its longest match.
const WORDS: &[(&str, UnitKind)] = &[
    ("thanh pho truc thuoc trung uong", UnitKind::ThanhPho),
    ("thanh pho trung uong", UnitKind::ThanhPho),
    ("thanh pho thuoc tinh", UnitKind::ThanhPho),
    ("thanh pho", UnitKind::ThanhPho),
    ("tinh", UnitKind::Tinh),
    ("huyen", UnitKind::Huyen),
    ("quan", UnitKind::Quan),
    ("thi xa", UnitKind::ThiXa),
    ("thi tran", UnitKind::ThiTran),
    ("xa", UnitKind::Xa),
    ("phuong", UnitKind::Phuong),
    ("dac khu", UnitKind::DacKhu),
    ("thon", UnitKind::Thon),
    ("ban", UnitKind::Ban),
    ("ap", UnitKind::Ap),
    ("lang", UnitKind::Lang),
    ("buon", UnitKind::Buon),
    ("xom", UnitKind::Xom),
    ("khu pho", UnitKind::KhuPho),
    ("khu", UnitKind::Khu),
    ("to dan pho", UnitKind::ToDanPho),
];

impl UnitKind {
    /// The kind a word names: the slug (`thi_xa`) or the Vietnamese word with or without
    /// diacritics, in any case (`Thị xã`, `thi xa`, `thành phố trung ương`).
    pub fn from_word(word: &str) -> Option<UnitKind> {
        let folded = fold(word);
        WORDS
            .iter()
            .find(|(text, _)| *text == folded)
            .map(|(_, kind)| *kind)
    }

    /// The kind a name starts with (`Phường Hồng Hà` is a phường, `Khu phố II` a khu
    /// phố), when its leading words name one.
    pub fn from_name(name: &str) -> Option<UnitKind> {
        let folded = fold(name);
        WORDS
            .iter()
            .find(|(text, _)| {
                folded
                    .strip_prefix(text)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
            .map(|(_, kind)| *kind)
    }
}

/// Rule `kind`, for a kind given: a slug or a Vietnamese word that names one.
pub fn read_word(word: &str) -> Result<UnitKind, RuleViolation> {
    UnitKind::from_word(word).ok_or_else(|| {
        RuleViolation::new(
            Rule::UnitKindKnown,
            format!(
                "`{word}` names no kind of unit; give a slug (`thi_xa`) or the Vietnamese word (`thị xã`)"
            ),
        )
    })
}

/// Rule `kind`: a unit's kind is the one given, or else the one its name starts with.
pub fn kind_of(given: Option<UnitKind>, name: &str) -> Result<UnitKind, RuleViolation> {
    given.or_else(|| UnitKind::from_name(name)).ok_or_else(|| {
        RuleViolation::new(
            Rule::UnitKindKnown,
            format!("give the kind: the name `{name}` does not start with one"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slug_round_trips_strictly() {
        for k in UnitKind::ALL {
            assert_eq!(k.as_str().parse::<UnitKind>().unwrap(), *k);
            assert_eq!(UnitKind::from_word(k.as_str()), Some(*k));
        }
        assert!("tỉnh".parse::<UnitKind>().is_err());
    }

    #[test]
    fn the_published_words_name_their_kinds_in_any_case() {
        for (word, kind) in [
            ("tỉnh", UnitKind::Tinh),
            ("Thị xã", UnitKind::ThiXa),
            ("thi xa", UnitKind::ThiXa),
            ("THỊ TRẤN", UnitKind::ThiTran),
            ("thành phố trung ương", UnitKind::ThanhPho),
            ("Thành phố trực thuộc trung ương", UnitKind::ThanhPho),
            ("Đặc khu", UnitKind::DacKhu),
            ("tổ dân phố", UnitKind::ToDanPho),
            ("Khu phố", UnitKind::KhuPho),
        ] {
            assert_eq!(UnitKind::from_word(word), Some(kind), "{word}");
        }
        assert_eq!(UnitKind::from_word("làng xã"), None);
        assert_eq!(UnitKind::from_word("UnitKind"), None);
    }

    #[test]
    fn a_name_is_read_by_its_longest_leading_word() {
        for (name, kind) in [
            ("Phường Hồng Hà", UnitKind::Phuong),
            ("Khu phố II", UnitKind::KhuPho),
            ("Khu 6", UnitKind::Khu),
            ("Thành phố Hạ Long", UnitKind::ThanhPho),
            ("Thị trấn Ba Chẽ", UnitKind::ThiTran),
            ("Tỉnh Quảng Ninh", UnitKind::Tinh),
            ("Thôn Làng Mới", UnitKind::Thon),
        ] {
            assert_eq!(UnitKind::from_name(name), Some(kind), "{name}");
        }
        // A word must end where the kind's does: "Quảng" is no quận.
        assert_eq!(UnitKind::from_name("Quảng Yên"), None);
        assert_eq!(UnitKind::from_name("Xãx Mới"), None);
    }

    #[test]
    fn a_kind_given_wins_over_the_name_and_none_readable_is_refused() {
        assert_eq!(kind_of(Some(UnitKind::Xa), "Phường A"), Ok(UnitKind::Xa));
        assert_eq!(kind_of(None, "Phường A"), Ok(UnitKind::Phuong));
        let err = kind_of(None, "Hồng Hà").unwrap_err();
        assert_eq!(err.rule, Rule::UnitKindKnown);
        let err = read_word("quận huyện").unwrap_err();
        assert_eq!(err.rule, Rule::UnitKindKnown);
        assert!(!err.detail.contains("UnitKind"), "{}", err.detail);
    }
}
