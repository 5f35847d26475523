//! Administrative units: provinces, districts, communes and the villages under them.

use crate::rule::Rule;
use crate::string_enum::string_enum;
use crate::validity::Validity;

pub use crate::unit_kind::UnitKind;
use crate::{RuleViolation, Violations};

string_enum! {
    /// The tier of a unit. Districts were abolished on 2025-07-01 but stay for history.
    pub enum UnitLevel {
        Province => "province",
        District => "district",
        Commune => "commune",
        Village => "village",
    }
}

impl UnitLevel {
    /// 0 for a province, 3 for a village: a parent always has a smaller rank.
    pub fn rank(self) -> u8 {
        match self {
            UnitLevel::Province => 0,
            UnitLevel::District => 1,
            UnitLevel::Commune => 2,
            UnitLevel::Village => 3,
        }
    }
}

/// The facts of a unit's parent that decide whether a child may hang under it.
#[derive(Debug, Clone, Copy)]
pub struct ParentFacts {
    pub level: UnitLevel,
    pub validity: Validity,
}

/// The rules every new or changed unit must satisfy (Luật Tổ chức chính quyền địa phương
/// 2025 for the tiers; Thông tư 04/2012/TT-BNV Art. 2 for villages under communes):
///
/// - `unit_kind_level`: the kind names a unit of that level;
/// - `unit_parent_level`: a province has no parent; a district hangs under a province; a
///   commune under a district or, since the 2025 reform, directly under a province; a
///   village under a commune;
/// - `unit_within_parent_validity`: a unit is in force only while its parent is.
pub fn check_unit(
    level: UnitLevel,
    kind: UnitKind,
    validity: &Validity,
    parent: Option<&ParentFacts>,
) -> Result<(), Violations> {
    let mut v = Violations::default();
    v.check(kind.fits(level), Rule::UnitKindLevel, || {
        format!("a unit of kind `{kind}` cannot be at level `{level}`")
    });
    let parent_ok = matches!(
        (level, parent.map(|p| p.level)),
        (UnitLevel::Province, None)
            | (UnitLevel::District, Some(UnitLevel::Province))
            | (
                UnitLevel::Commune,
                Some(UnitLevel::Province | UnitLevel::District)
            )
            | (UnitLevel::Village, Some(UnitLevel::Commune))
    );
    v.check(parent_ok, Rule::UnitParentLevel, || match parent {
        None => format!("a unit at level `{level}` needs a parent"),
        Some(p) => format!(
            "a unit at level `{level}` cannot hang under a unit at level `{}`",
            p.level
        ),
    });
    if let Some(p) = parent {
        v.check(
            validity.within(&p.validity),
            Rule::UnitWithinParentValidity,
            || "the unit must be in force only while its parent is in force".to_owned(),
        );
    }
    v.into_result()
}

/// Rule `unit_code_unique_on_date`: two units in force on the same day never share a code
/// (the 2025 reform reused old codes for new units, so uniqueness is per day, not forever).
pub fn check_code_free(
    code: &str,
    validity: &Validity,
    others: &[Validity],
) -> Result<(), RuleViolation> {
    match others.iter().find(|o| o.overlaps(validity)) {
        Some(o) => Err(RuleViolation::new(
            Rule::UnitCodeUniqueOnDate,
            format!(
                "code `{code}` is already used by a unit in force from {}{}",
                o.from,
                o.to.map(|t| format!(" until {t}")).unwrap_or_default()
            ),
        )),
        None => Ok(()),
    }
}

/// Rule `unit_children_in_force`: a unit's new dates keep every unit under it inside them
/// (a unit is in force only while its parent is).
pub fn check_children_within(
    validity: &Validity,
    children: &[Validity],
) -> Result<(), RuleViolation> {
    if children.iter().all(|child| child.within(validity)) {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::UnitChildrenInForce,
            "units under this one would be in force outside its new dates; end or move them first",
        ))
    }
}

/// Rule `unit_versions_kept` (rule 22: history is never rewritten): a correction of a
/// unit's dates keeps each version a reorganisation gave it, so its start stays before
/// its first version ends and its end after its last version begins. `versions` are in
/// order.
pub fn check_versions_kept(
    validity: &Validity,
    versions: &[Validity],
) -> Result<(), RuleViolation> {
    let (Some(first), Some(last)) = (versions.first(), versions.last()) else {
        return Ok(());
    };
    let starts_in_time = versions.len() == 1 || first.to.is_none_or(|end| validity.from < end);
    let ends_in_time = versions.len() == 1 || validity.to.is_none_or(|end| end > last.from);
    if starts_in_time && ends_in_time {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::UnitVersionsKept,
            format!(
                "the unit changed on {} in a reorganisation; its dates must keep that change",
                if starts_in_time {
                    last.from
                } else {
                    first.to.expect("checked")
                }
            ),
        ))
    }
}

/// What was held in a unit: the tenures of its posts and its organisations' posts, and
/// the days its head elections and its cells' congresses were held.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldThere {
    pub tenures: Vec<Validity>,
    pub elections: Vec<chrono::NaiveDate>,
}

/// Rules `unit_tenures_within` and `unit_elections_within` (rule 22: history is never
/// rewritten): a unit's new dates keep every tenure and election held there inside them,
/// so that no day has a head listed in a unit that was not in force. Correcting a date
/// that was wrong comes with the history of the map.
pub fn check_history_within(validity: &Validity, held: &HeldThere) -> Result<(), Violations> {
    let mut v = Violations::default();
    let stranded = held.tenures.iter().find(|t| !t.within(validity));
    v.check(stranded.is_none(), Rule::UnitTenuresWithin, || {
        let t = stranded.expect("checked");
        format!(
            "a tenure held there from {}{} would fall outside the unit's dates",
            t.from,
            t.to.map(|to| format!(" until {to}"))
                .unwrap_or_else(|| " with no end".into())
        )
    });
    let outside = held.elections.iter().find(|d| !validity.contains(**d));
    v.check(outside.is_none(), Rule::UnitElectionsWithin, || {
        format!(
            "an election held there on {} would fall outside the unit's dates",
            outside.expect("checked")
        )
    });
    v.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn open(from: &str) -> Validity {
        Validity::new(from.parse::<NaiveDate>().unwrap(), None).unwrap()
    }

    fn rules(r: Result<(), Violations>) -> Vec<Rule> {
        r.err()
            .map(|v| v.0.iter().map(|x| x.rule).collect())
            .unwrap_or_default()
    }

    #[test]
    fn parent_levels_follow_the_tiers() {
        let parent = |level| ParentFacts {
            level,
            validity: open("2000-01-01"),
        };
        let v = open("2010-01-01");
        let table = [
            (UnitLevel::Province, UnitKind::Tinh, None, true),
            (
                UnitLevel::Province,
                UnitKind::Tinh,
                Some(UnitLevel::Province),
                false,
            ),
            (
                UnitLevel::District,
                UnitKind::Huyen,
                Some(UnitLevel::Province),
                true,
            ),
            (UnitLevel::District, UnitKind::Huyen, None, false),
            (
                UnitLevel::Commune,
                UnitKind::Xa,
                Some(UnitLevel::District),
                true,
            ),
            (
                UnitLevel::Commune,
                UnitKind::Phuong,
                Some(UnitLevel::Province),
                true,
            ),
            (
                UnitLevel::Village,
                UnitKind::Thon,
                Some(UnitLevel::Commune),
                true,
            ),
            (
                UnitLevel::Village,
                UnitKind::Thon,
                Some(UnitLevel::District),
                false,
            ),
        ];
        for (level, kind, parent_level, ok) in table {
            let p = parent_level.map(parent);
            let got = check_unit(level, kind, &v, p.as_ref());
            assert_eq!(got.is_ok(), ok, "{level} under {parent_level:?}");
            if !ok {
                assert_eq!(rules(got), vec![Rule::UnitParentLevel]);
            }
        }
    }

    #[test]
    fn a_village_kind_cannot_be_a_province() {
        assert_eq!(
            rules(check_unit(
                UnitLevel::Province,
                UnitKind::Thon,
                &open("2000-01-01"),
                None
            )),
            vec![Rule::UnitKindLevel]
        );
        assert!(UnitKind::ThanhPho.fits(UnitLevel::Province));
        assert!(UnitKind::ThanhPho.fits(UnitLevel::District));
    }

    #[test]
    fn a_child_cannot_start_before_its_parent() {
        let p = ParentFacts {
            level: UnitLevel::Province,
            validity: open("2010-01-01"),
        };
        assert_eq!(
            rules(check_unit(
                UnitLevel::District,
                UnitKind::Huyen,
                &open("2009-12-31"),
                Some(&p)
            )),
            vec![Rule::UnitWithinParentValidity]
        );
    }

    #[test]
    fn a_reused_code_is_free_once_the_old_unit_ended() {
        let old = Validity::new(
            "2000-01-01".parse().unwrap(),
            Some("2025-07-01".parse().unwrap()),
        )
        .unwrap();
        assert!(check_code_free("22", &open("2025-07-01"), &[old]).is_ok());
        let err = check_code_free("22", &open("2025-06-30"), &[old]).unwrap_err();
        assert_eq!(err.rule, Rule::UnitCodeUniqueOnDate);
    }

    #[test]
    fn a_unit_cannot_end_before_its_children() {
        let child = Validity::new(
            "2001-01-01".parse().unwrap(),
            Some("2025-07-01".parse().unwrap()),
        )
        .unwrap();
        let until_reform = Validity::new(
            "2000-01-01".parse().unwrap(),
            Some("2025-07-01".parse().unwrap()),
        )
        .unwrap();
        assert!(check_children_within(&until_reform, &[child]).is_ok());
        let too_early = Validity::new(
            "2000-01-01".parse().unwrap(),
            Some("2020-01-01".parse().unwrap()),
        )
        .unwrap();
        assert_eq!(
            check_children_within(&too_early, &[child])
                .unwrap_err()
                .rule,
            Rule::UnitChildrenInForce
        );
    }

    #[test]
    fn a_unit_keeps_its_tenures_and_elections_inside_its_dates() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let held = HeldThere {
            tenures: vec![Validity::new(d("2020-01-08"), None).unwrap()],
            elections: vec![d("2020-01-05")],
        };
        assert!(check_history_within(&open("2000-01-01"), &held).is_ok());
        let late_start = check_history_within(&open("2020-01-06"), &held).unwrap_err();
        assert_eq!(rules(Err(late_start)), vec![Rule::UnitElectionsWithin]);
        let ended = Validity::new(d("2000-01-01"), Some(d("2021-01-01"))).unwrap();
        assert_eq!(
            rules(check_history_within(&ended, &held)),
            vec![Rule::UnitTenuresWithin]
        );
    }

    #[test]
    fn a_correction_keeps_every_version_a_reorganisation_made() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let v = |from: &str, to: Option<&str>| Validity {
            from: d(from),
            to: to.map(d),
        };
        let versions = [v("2000-01-01", Some("2025-07-01")), v("2025-07-01", None)];
        let ok = check_versions_kept(&v("2000-01-01", Some("2025-07-02")), &versions);
        assert_eq!(ok, Ok(()));
        let late_start = check_versions_kept(&v("2025-07-01", None), &versions);
        assert_eq!(late_start.unwrap_err().rule, Rule::UnitVersionsKept);
        let early_end = check_versions_kept(&v("2000-01-01", Some("2025-07-01")), &versions);
        assert_eq!(early_end.unwrap_err().rule, Rule::UnitVersionsKept);
        let alone = [v("2000-01-01", None)];
        assert_eq!(
            check_versions_kept(&v("2010-01-01", Some("2011-01-01")), &alone),
            Ok(())
        );
    }
}
