//! The demo data set: places and people of the source reports as they stood in 2020, and
//! the opening of Quảng Ninh's 2020-2022 term in the six demo villages.

use dantin_domain::person::Gender;
use dantin_domain::unit::{UnitKind, UnitLevel};

/// A demo unit and the Party organisation that leads it.
pub(super) struct UnitSeed {
    pub(super) name: &'static str,
    /// The statistics office's code of the province, district or commune (as in
    /// `vietnam-provinces`). It codes no village: a village's code is made up for the demo,
    /// its commune's code and a short name, so that the demo's reorganisation can name it.
    pub(super) code: &'static str,
    pub(super) level: UnitLevel,
    pub(super) kind: UnitKind,
    /// The parent unit, by its name in this table (which lists parents first).
    pub(super) parent: Option<&'static str>,
    /// The organisation of this unit's level: a provincial, district or grassroots
    /// committee, or a village cell. Its superior is the parent unit's organisation.
    pub(super) party_org: &'static str,
}

pub(super) const UNITS: &[UnitSeed] = &[
    // Quảng Ninh: Chỉ thị 12-CT/TU (28/12/2016) unified the two posts from 2017-2020.
    UnitSeed {
        name: "Tỉnh Quảng Ninh",
        code: "22",
        level: UnitLevel::Province,
        kind: UnitKind::Tinh,
        parent: None,
        party_org: "Tỉnh ủy Quảng Ninh",
    },
    UnitSeed {
        name: "Thành phố Hạ Long",
        code: "193",
        level: UnitLevel::District,
        kind: UnitKind::ThanhPho,
        parent: Some("Tỉnh Quảng Ninh"),
        party_org: "Thành ủy Hạ Long",
    },
    UnitSeed {
        name: "Phường Hồng Hà",
        code: "06697",
        level: UnitLevel::Commune,
        kind: UnitKind::Phuong,
        parent: Some("Thành phố Hạ Long"),
        party_org: "Đảng ủy phường Hồng Hà",
    },
    UnitSeed {
        name: "Khu 6",
        code: "06697-K6",
        level: UnitLevel::Village,
        kind: UnitKind::Khu,
        parent: Some("Phường Hồng Hà"),
        party_org: "Chi bộ khu 6",
    },
    UnitSeed {
        name: "Thành phố Uông Bí",
        code: "196",
        level: UnitLevel::District,
        kind: UnitKind::ThanhPho,
        parent: Some("Tỉnh Quảng Ninh"),
        party_org: "Thành ủy Uông Bí",
    },
    UnitSeed {
        name: "Phường Trưng Vương",
        code: "06820",
        level: UnitLevel::Commune,
        kind: UnitKind::Phuong,
        parent: Some("Thành phố Uông Bí"),
        party_org: "Đảng ủy phường Trưng Vương",
    },
    UnitSeed {
        name: "Khu 1",
        code: "06820-K1",
        level: UnitLevel::Village,
        kind: UnitKind::Khu,
        parent: Some("Phường Trưng Vương"),
        party_org: "Chi bộ khu 1",
    },
    UnitSeed {
        name: "Huyện Ba Chẽ",
        code: "202",
        level: UnitLevel::District,
        kind: UnitKind::Huyen,
        parent: Some("Tỉnh Quảng Ninh"),
        party_org: "Huyện ủy Ba Chẽ",
    },
    UnitSeed {
        name: "Xã Nam Sơn",
        code: "06982",
        level: UnitLevel::Commune,
        kind: UnitKind::Xa,
        parent: Some("Huyện Ba Chẽ"),
        party_org: "Đảng ủy xã Nam Sơn",
    },
    UnitSeed {
        name: "Thôn Nam Hả Trong",
        code: "06982-NHT",
        level: UnitLevel::Village,
        kind: UnitKind::Thon,
        parent: Some("Xã Nam Sơn"),
        party_org: "Chi bộ thôn Nam Hả Trong",
    },
    UnitSeed {
        name: "Thôn Nam Hả Ngoài",
        code: "06982-NHN",
        level: UnitLevel::Village,
        kind: UnitKind::Thon,
        parent: Some("Xã Nam Sơn"),
        party_org: "Chi bộ thôn Nam Hả Ngoài",
    },
    UnitSeed {
        name: "Thôn Khe Tâm",
        code: "06982-KT",
        level: UnitLevel::Village,
        kind: UnitKind::Thon,
        parent: Some("Xã Nam Sơn"),
        party_org: "Chi bộ thôn Khe Tâm",
    },
    UnitSeed {
        name: "Thị trấn Ba Chẽ",
        code: "06970",
        level: UnitLevel::Commune,
        kind: UnitKind::ThiTran,
        parent: Some("Huyện Ba Chẽ"),
        party_org: "Đảng ủy thị trấn Ba Chẽ",
    },
    UnitSeed {
        name: "Khu phố II",
        code: "06970-KPII",
        level: UnitLevel::Village,
        kind: UnitKind::KhuPho,
        parent: Some("Thị trấn Ba Chẽ"),
        party_org: "Chi bộ khu phố II",
    },
    // Quảng Nam and Thanh Hóa: the districts of the reports only.
    UnitSeed {
        name: "Tỉnh Quảng Nam",
        code: "49",
        level: UnitLevel::Province,
        kind: UnitKind::Tinh,
        parent: None,
        party_org: "Tỉnh ủy Quảng Nam",
    },
    UnitSeed {
        name: "Huyện Thăng Bình",
        code: "513",
        level: UnitLevel::District,
        kind: UnitKind::Huyen,
        parent: Some("Tỉnh Quảng Nam"),
        party_org: "Huyện ủy Thăng Bình",
    },
    UnitSeed {
        name: "Tỉnh Thanh Hóa",
        code: "38",
        level: UnitLevel::Province,
        kind: UnitKind::Tinh,
        parent: None,
        party_org: "Tỉnh ủy Thanh Hóa",
    },
    UnitSeed {
        name: "Huyện Quan Sơn",
        code: "387",
        level: UnitLevel::District,
        kind: UnitKind::Huyen,
        parent: Some("Tỉnh Thanh Hóa"),
        party_org: "Huyện ủy Quan Sơn",
    },
];

/// A day as (year, month, day), checked when the demo is loaded.
pub(super) type Ymd = (i32, u32, u32);

/// A demo person: an official member of the cell of the village they live in.
pub(super) struct PersonSeed {
    pub(super) full_name: &'static str,
    pub(super) gender: Gender,
    /// A placeholder: the reports name these people but their dates of birth are not
    /// public facts, so these dates are made up (plausible, 1968-1980).
    pub(super) birth_date: Ymd,
    pub(super) village: &'static str,
}

pub(super) const PERSONS: &[PersonSeed] = &[
    PersonSeed {
        full_name: "Bùi Văn Huấn",
        gender: Gender::Male,
        birth_date: (1970, 3, 12),
        village: "Khu 6",
    },
    PersonSeed {
        full_name: "Nông Quốc Vững",
        gender: Gender::Male,
        birth_date: (1975, 8, 20),
        village: "Thôn Nam Hả Trong",
    },
    PersonSeed {
        full_name: "Đinh Văn Sáng",
        gender: Gender::Male,
        birth_date: (1972, 11, 2),
        village: "Thôn Nam Hả Ngoài",
    },
    PersonSeed {
        full_name: "Lý Mạnh Thường",
        gender: Gender::Male,
        birth_date: (1978, 5, 15),
        village: "Thôn Khe Tâm",
    },
    PersonSeed {
        full_name: "Lê Thị Phương",
        gender: Gender::Female,
        birth_date: (1969, 9, 30),
        village: "Khu phố II",
    },
    // A placeholder: the reports name nobody in Khu 1 (phường Trưng Vương), so this name
    // is made up, for the demo's 2020-2022 term to cover all six villages.
    PersonSeed {
        full_name: "Nguyễn Văn Hải",
        gender: Gender::Male,
        birth_date: (1974, 6, 21),
        village: "Khu 1",
    },
];

/// Quảng Ninh's terms: both follow the unified model of Chỉ thị 12-CT/TU (28/12/2016),
/// which aligned the cell congress term with the village head term.
pub(super) const TERMS_SCOPE: &str = "Tỉnh Quảng Ninh";
pub(super) const TERMS: &[(&str, Ymd, Ymd)] = &[
    ("2017-2020", (2017, 6, 1), (2020, 1, 17)),
    // Head elections on 5/1/2020; the next term's elections were held on 5/6/2022.
    ("2020-2022", (2020, 1, 5), (2022, 6, 4)),
    ("2022-2025", (2022, 6, 5), (2025, 6, 30)),
];

/// The term the demo replays the opening of: a unified-model term, so each village's
/// cell congress follows its head election (rule 18).
pub(super) const ELECTION_TERM: &str = "2020-2022";
/// Every Quảng Ninh village elected its head on the same day.
pub(super) const HEAD_ELECTIONS_ON: Ymd = (2020, 1, 5);
/// The commune People's Committees recognised the heads within 5 working days (rule 6).
pub(super) const RECOGNIZED_ON: Ymd = (2020, 1, 8);
/// The superior committees approved the secretaries within 15 working days (rule 16).
pub(super) const APPROVED_ON: Ymd = (2020, 1, 31);

/// One village's head election and cell congress in the demo term.
///
/// The source gives the dates, not these numbers: households, members, votes and decision
/// numbers are illustrative, chosen so that the meeting is valid (more than half of the
/// households present), the candidate is elected with more than half of all households,
/// the congress is valid (more than 2/3 present) and elects the head with more than half
/// of the members summoned. Every cell has fewer than 9 official members, so none elects
/// a committee (rule 14).
pub(super) struct TermSeed {
    pub(super) village: &'static str,
    /// The demo person (by full name) who is elected head, then secretary.
    pub(super) candidate: &'static str,
    pub(super) households_total: u32,
    pub(super) households_present: u32,
    pub(super) head_votes: u32,
    /// The commune People's Committee's decision recognising the head.
    pub(super) recognition: &'static str,
    pub(super) congress_on: Ymd,
    pub(super) members_summoned: u32,
    pub(super) members_present: u32,
    pub(super) secretary_votes: u32,
    /// The grassroots Party committee's decision approving the secretary.
    pub(super) approval: &'static str,
}

pub(super) const TERM_2020: &[TermSeed] = &[
    TermSeed {
        village: "Khu 6",
        candidate: "Bùi Văn Huấn",
        households_total: 212,
        households_present: 193,
        head_votes: 186,
        recognition: "Quyết định 12/QĐ-UBND",
        congress_on: (2020, 1, 18),
        members_summoned: 8,
        members_present: 8,
        secretary_votes: 8,
        approval: "Quyết định 41-QĐ/ĐU",
    },
    TermSeed {
        village: "Khu 1",
        candidate: "Nguyễn Văn Hải",
        households_total: 176,
        households_present: 158,
        head_votes: 149,
        recognition: "Quyết định 15/QĐ-UBND",
        congress_on: (2020, 1, 18),
        members_summoned: 7,
        members_present: 6,
        secretary_votes: 6,
        approval: "Quyết định 38-QĐ/ĐU",
    },
    TermSeed {
        village: "Thôn Nam Hả Trong",
        candidate: "Nông Quốc Vững",
        households_total: 94,
        households_present: 86,
        head_votes: 81,
        recognition: "Quyết định 07/QĐ-UBND",
        congress_on: (2020, 1, 19),
        members_summoned: 6,
        members_present: 6,
        secretary_votes: 6,
        approval: "Quyết định 21-QĐ/ĐU",
    },
    TermSeed {
        village: "Thôn Nam Hả Ngoài",
        candidate: "Đinh Văn Sáng",
        households_total: 108,
        households_present: 97,
        head_votes: 92,
        recognition: "Quyết định 08/QĐ-UBND",
        congress_on: (2020, 1, 19),
        members_summoned: 5,
        members_present: 5,
        secretary_votes: 5,
        approval: "Quyết định 22-QĐ/ĐU",
    },
    TermSeed {
        village: "Thôn Khe Tâm",
        candidate: "Lý Mạnh Thường",
        households_total: 126,
        households_present: 112,
        head_votes: 104,
        recognition: "Quyết định 09/QĐ-UBND",
        congress_on: (2020, 1, 19),
        members_summoned: 7,
        members_present: 6,
        secretary_votes: 6,
        approval: "Quyết định 23-QĐ/ĐU",
    },
    TermSeed {
        village: "Khu phố II",
        candidate: "Lê Thị Phương",
        households_total: 198,
        households_present: 176,
        head_votes: 165,
        recognition: "Quyết định 05/QĐ-UBND",
        congress_on: (2020, 1, 18),
        members_summoned: 8,
        members_present: 7,
        secretary_votes: 7,
        approval: "Quyết định 17-QĐ/ĐU",
    },
];

/// Where the demo's villages sit from 1/7/2025 on the real country, by code: under the
/// new commune that succeeds theirs in the reform's table. Phường Trưng Vương was split
/// between phường Uông Bí and phường Vàng Danh (which took its code); the table does not
/// say where khu 1 went, so the demo places it in phường Uông Bí. Thị trấn Ba Chẽ and xã
/// Nam Sơn became the new xã Ba Chẽ, which kept the town's code.
pub(super) const MOVES_2025: &[(&str, &str)] = &[
    ("06697-K6", "06688"),
    ("06820-K1", "06811"),
    ("06982-NHT", "06970"),
    ("06982-NHN", "06970"),
    ("06982-KT", "06970"),
    ("06970-KPII", "06970"),
];

/// The Party committees of the new communes the demo's villages sit in from 1/7/2025, by
/// the commune's code; each sits under the provincial committee, the districts' having
/// ended.
pub(super) const COMMITTEES_2025: &[(&str, &str)] = &[
    ("06688", "Đảng ủy phường Hạ Long"),
    ("06811", "Đảng ủy phường Uông Bí"),
    ("06970", "Đảng ủy xã Ba Chẽ"),
];
/// Quảng Ninh's code: its committee leads the new communes'.
pub(super) const QUANG_NINH_CODE: &str = "22";

/// Units are in force from this day, with no end.
pub(super) const UNITS_VALID_FROM: Ymd = (2000, 1, 1);
