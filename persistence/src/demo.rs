//! The demo data set that `dantin serve --demo` loads into an empty database: places and
//! people of the source reports as they stood in 2020, one account per role, and the
//! opening of Quảng Ninh's 2020-2022 term in the six demo villages (head elections on
//! 5/1/2020, cell congresses on 18-19/1/2020), replayed through recognition and approval.
//!
//! Every row goes through the repository functions, so it is validated and audited like
//! any real write, and the whole set is written in one transaction: all of it or none.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::access::Role;
use dantin_domain::congress::Congress;
use dantin_domain::head_election::{Meeting, Tally, VotingMethod};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::person::{Gender, PartyStatus};
use dantin_domain::unit::{UnitKind, UnitLevel};
use diesel::prelude::*;

use crate::audit::Actor;
use crate::congresses::{self, NewCongress};
use crate::db::Store;
use crate::error::{StoreError, StoreResult};
use crate::head_elections::{self, NewHeadElection};
use crate::party_orgs::{self, NewPartyOrg};
use crate::persons::{self, NewPerson};
use crate::schema::units as units_table;
use crate::terms::{self, NewTerm};
use crate::units::{self, NewUnit};
use crate::users::{self, NewUser};

/// An account the demo creates, with its password in clear so the demo can be signed in to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAccount {
    pub username: &'static str,
    pub password: &'static str,
    pub role: Role,
    /// The unit an officer works in, by its demo name; `None` for other roles.
    pub unit_name: Option<&'static str>,
}

/// One account per role; the officer works in Huyện Ba Chẽ.
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        username: "admin",
        password: "demo-admin",
        role: Role::Admin,
        unit_name: None,
    },
    DemoAccount {
        username: "auditor",
        password: "demo-auditor",
        role: Role::Auditor,
        unit_name: None,
    },
    DemoAccount {
        username: "officer",
        password: "demo-officer",
        role: Role::Officer,
        unit_name: Some("Huyện Ba Chẽ"),
    },
];

/// How many rows of each kind the demo wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub units: usize,
    pub party_orgs: usize,
    pub persons: usize,
    pub terms: usize,
    pub accounts: usize,
    /// Head elections recorded, each recognised.
    pub head_elections: usize,
    /// Cell congresses recorded, each approved.
    pub congresses: usize,
}

/// A demo unit and the Party organisation that leads it.
struct UnitSeed {
    name: &'static str,
    /// Only provinces carry a code: the demo does not invent official codes.
    code: Option<&'static str>,
    level: UnitLevel,
    kind: UnitKind,
    /// The parent unit, by its name in this table (which lists parents first).
    parent: Option<&'static str>,
    /// The organisation of this unit's level: a provincial, district or grassroots
    /// committee, or a village cell. Its superior is the parent unit's organisation.
    party_org: &'static str,
}

const UNITS: &[UnitSeed] = &[
    // Quảng Ninh: Chỉ thị 12-CT/TU (28/12/2016) unified the two posts from 2017-2020.
    UnitSeed {
        name: "Tỉnh Quảng Ninh",
        code: Some("22"),
        level: UnitLevel::Province,
        kind: UnitKind::Tinh,
        parent: None,
        party_org: "Tỉnh ủy Quảng Ninh",
    },
    UnitSeed {
        name: "Thành phố Hạ Long",
        code: None,
        level: UnitLevel::District,
        kind: UnitKind::ThanhPho,
        parent: Some("Tỉnh Quảng Ninh"),
        party_org: "Thành ủy Hạ Long",
    },
    UnitSeed {
        name: "Phường Hồng Hà",
        code: None,
        level: UnitLevel::Commune,
        kind: UnitKind::Phuong,
        parent: Some("Thành phố Hạ Long"),
        party_org: "Đảng ủy phường Hồng Hà",
    },
    UnitSeed {
        name: "Khu 6",
        code: None,
        level: UnitLevel::Village,
        kind: UnitKind::Khu,
        parent: Some("Phường Hồng Hà"),
        party_org: "Chi bộ khu 6",
    },
    UnitSeed {
        name: "Thành phố Uông Bí",
        code: None,
        level: UnitLevel::District,
        kind: UnitKind::ThanhPho,
        parent: Some("Tỉnh Quảng Ninh"),
        party_org: "Thành ủy Uông Bí",
    },
    UnitSeed {
        name: "Phường Trưng Vương",
        code: None,
        level: UnitLevel::Commune,
        kind: UnitKind::Phuong,
        parent: Some("Thành phố Uông Bí"),
        party_org: "Đảng ủy phường Trưng Vương",
    },
    UnitSeed {
        name: "Khu 1",
        code: None,
        level: UnitLevel::Village,
        kind: UnitKind::Khu,
        parent: Some("Phường Trưng Vương"),
        party_org: "Chi bộ khu 1",
    },
    UnitSeed {
        name: "Huyện Ba Chẽ",
        code: None,
        level: UnitLevel::District,
        kind: UnitKind::Huyen,
        parent: Some("Tỉnh Quảng Ninh"),
        party_org: "Huyện ủy Ba Chẽ",
    },
    UnitSeed {
        name: "Xã Nam Sơn",
        code: None,
        level: UnitLevel::Commune,
        kind: UnitKind::Xa,
        parent: Some("Huyện Ba Chẽ"),
        party_org: "Đảng ủy xã Nam Sơn",
    },
    UnitSeed {
        name: "Thôn Nam Hả Trong",
        code: None,
        level: UnitLevel::Village,
        kind: UnitKind::Thon,
        parent: Some("Xã Nam Sơn"),
        party_org: "Chi bộ thôn Nam Hả Trong",
    },
    UnitSeed {
        name: "Thôn Nam Hả Ngoài",
        code: None,
        level: UnitLevel::Village,
        kind: UnitKind::Thon,
        parent: Some("Xã Nam Sơn"),
        party_org: "Chi bộ thôn Nam Hả Ngoài",
    },
    UnitSeed {
        name: "Thôn Khe Tâm",
        code: None,
        level: UnitLevel::Village,
        kind: UnitKind::Thon,
        parent: Some("Xã Nam Sơn"),
        party_org: "Chi bộ thôn Khe Tâm",
    },
    UnitSeed {
        name: "Thị trấn Ba Chẽ",
        code: None,
        level: UnitLevel::Commune,
        kind: UnitKind::ThiTran,
        parent: Some("Huyện Ba Chẽ"),
        party_org: "Đảng ủy thị trấn Ba Chẽ",
    },
    UnitSeed {
        name: "Khu phố II",
        code: None,
        level: UnitLevel::Village,
        kind: UnitKind::KhuPho,
        parent: Some("Thị trấn Ba Chẽ"),
        party_org: "Chi bộ khu phố II",
    },
    // Quảng Nam and Thanh Hóa: the districts of the reports only.
    UnitSeed {
        name: "Tỉnh Quảng Nam",
        code: Some("49"),
        level: UnitLevel::Province,
        kind: UnitKind::Tinh,
        parent: None,
        party_org: "Tỉnh ủy Quảng Nam",
    },
    UnitSeed {
        name: "Huyện Thăng Bình",
        code: None,
        level: UnitLevel::District,
        kind: UnitKind::Huyen,
        parent: Some("Tỉnh Quảng Nam"),
        party_org: "Huyện ủy Thăng Bình",
    },
    UnitSeed {
        name: "Tỉnh Thanh Hóa",
        code: Some("38"),
        level: UnitLevel::Province,
        kind: UnitKind::Tinh,
        parent: None,
        party_org: "Tỉnh ủy Thanh Hóa",
    },
    UnitSeed {
        name: "Huyện Quan Sơn",
        code: None,
        level: UnitLevel::District,
        kind: UnitKind::Huyen,
        parent: Some("Tỉnh Thanh Hóa"),
        party_org: "Huyện ủy Quan Sơn",
    },
];

/// A day as (year, month, day), checked when the demo is loaded.
type Ymd = (i32, u32, u32);

/// A demo person: an official member of the cell of the village they live in.
struct PersonSeed {
    full_name: &'static str,
    gender: Gender,
    /// A placeholder: the reports name these people but their dates of birth are not
    /// public facts, so these dates are made up (plausible, 1968-1980).
    birth_date: Ymd,
    village: &'static str,
}

const PERSONS: &[PersonSeed] = &[
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
const TERMS_SCOPE: &str = "Tỉnh Quảng Ninh";
const TERMS: &[(&str, Ymd, Ymd)] = &[
    ("2017-2020", (2017, 6, 1), (2020, 1, 17)),
    // Head elections on 5/1/2020; the next term's elections were held on 5/6/2022.
    ("2020-2022", (2020, 1, 5), (2022, 6, 4)),
];

/// The term the demo replays the opening of: a unified-model term, so each village's
/// cell congress follows its head election (rule 18).
const ELECTION_TERM: &str = "2020-2022";
/// Every Quảng Ninh village elected its head on the same day.
const HEAD_ELECTIONS_ON: Ymd = (2020, 1, 5);
/// The commune People's Committees recognised the heads within 5 working days (rule 6).
const RECOGNIZED_ON: Ymd = (2020, 1, 8);
/// The superior committees approved the secretaries within 15 working days (rule 16).
const APPROVED_ON: Ymd = (2020, 1, 31);

/// One village's head election and cell congress in the demo term.
///
/// The source gives the dates, not these numbers: households, members, votes and decision
/// numbers are illustrative, chosen so that the meeting is valid (more than half of the
/// households present), the candidate is elected with more than half of all households,
/// the congress is valid (more than 2/3 present) and elects the head with more than half
/// of the members summoned. Every cell has fewer than 9 official members, so none elects
/// a committee (rule 14).
struct TermSeed {
    village: &'static str,
    /// The demo person (by full name) who is elected head, then secretary.
    candidate: &'static str,
    households_total: u32,
    households_present: u32,
    head_votes: u32,
    /// The commune People's Committee's decision recognising the head.
    recognition: &'static str,
    congress_on: Ymd,
    members_summoned: u32,
    members_present: u32,
    secretary_votes: u32,
    /// The grassroots Party committee's decision approving the secretary.
    approval: &'static str,
}

const TERM_2020: &[TermSeed] = &[
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

/// Units are in force from this day, with no end.
const UNITS_VALID_FROM: Ymd = (2000, 1, 1);

fn date((y, m, d): Ymd) -> StoreResult<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| StoreError::Corrupt(format!("demo date {y}-{m}-{d} does not exist")))
}

fn lookup<'a, T>(map: &'a HashMap<&str, T>, what: &str, name: &str) -> StoreResult<&'a T> {
    map.get(name)
        .ok_or_else(|| StoreError::Corrupt(format!("demo data names no {what} `{name}`")))
}

/// Loads the demo data when the database has no unit yet; returns None when it already
/// has data (nothing written).
pub fn load_if_empty(
    store: &Store,
    today: NaiveDate,
    hash_password: &dyn Fn(&str) -> String,
) -> StoreResult<Option<DemoSummary>> {
    let actor = Actor {
        username: "demo".into(),
        request_id: None,
    };
    store.write(|c| {
        let existing: i64 = units_table::table.count().get_result(c)?;
        if existing > 0 {
            return Ok(None);
        }
        let valid_from = date(UNITS_VALID_FROM)?;

        // Unit name -> (unit id, its party organisation's id).
        let mut placed: HashMap<&str, (i64, i64)> = HashMap::with_capacity(UNITS.len());
        for s in UNITS {
            let parent = s
                .parent
                .map(|p| lookup(&placed, "unit", p))
                .transpose()?
                .copied();
            let unit = units::create(
                c,
                &actor,
                NewUnit {
                    code: s.code.map(str::to_owned),
                    name: s.name.to_owned(),
                    level: s.level,
                    kind: s.kind,
                    parent_id: parent.map(|(unit, _)| unit),
                    valid_from,
                    valid_to: None,
                },
            )?;
            let kind = match s.level {
                UnitLevel::Province => PartyOrgKind::ProvincialCommittee,
                UnitLevel::District => PartyOrgKind::DistrictCommittee,
                UnitLevel::Commune => PartyOrgKind::GrassrootsCommittee,
                UnitLevel::Village => PartyOrgKind::Cell,
            };
            let org = party_orgs::create(
                c,
                &actor,
                NewPartyOrg {
                    name: s.party_org.to_owned(),
                    kind,
                    parent_id: parent.map(|(_, org)| org),
                    unit_id: Some(unit.id),
                },
            )?;
            placed.insert(s.name, (unit.id, org.id));
        }

        let mut people: HashMap<&str, i64> = HashMap::with_capacity(PERSONS.len());
        for p in PERSONS {
            let (village, cell) = *lookup(&placed, "unit", p.village)?;
            let person = persons::create(
                c,
                &actor,
                NewPerson {
                    full_name: p.full_name.to_owned(),
                    gender: p.gender,
                    birth_date: date(p.birth_date)?,
                    residence_unit_id: village,
                    party_status: PartyStatus::Official,
                    party_org_id: Some(cell),
                    ethnicity: None,
                    id_number: None,
                    address: None,
                },
                today,
            )?;
            people.insert(p.full_name, person.id);
        }

        let (scope, _) = *lookup(&placed, "unit", TERMS_SCOPE)?;
        let mut term_ids: HashMap<&str, i64> = HashMap::with_capacity(TERMS.len());
        for &(label, starts_on, ends_on) in TERMS {
            let term = terms::create(
                c,
                &actor,
                NewTerm {
                    label: label.to_owned(),
                    starts_on: date(starts_on)?,
                    ends_on: date(ends_on)?,
                    scope_unit_id: scope,
                    unified_model: true,
                },
            )?;
            term_ids.insert(label, term.id);
        }

        // "Dân tin – Đảng cử": the residents elect the head, the commune recognises them,
        // then the cell congress elects the same person secretary and the superior
        // committee approves. Each step is checked by the rules like any real record.
        let term_id = *lookup(&term_ids, "term", ELECTION_TERM)?;
        let (held_on, recognized_on, approved_on) = (
            date(HEAD_ELECTIONS_ON)?,
            date(RECOGNIZED_ON)?,
            date(APPROVED_ON)?,
        );
        for s in TERM_2020 {
            let (village_id, cell_id) = *lookup(&placed, "unit", s.village)?;
            let person_id = *lookup(&people, "person", s.candidate)?;
            let election = head_elections::record(
                c,
                &actor,
                NewHeadElection {
                    village_id,
                    term_id,
                    held_on,
                    meeting: Meeting {
                        households_total: s.households_total,
                        households_present: s.households_present,
                        method: VotingMethod::SecretBallot,
                        candidates: vec![Tally {
                            person_id,
                            votes: s.head_votes,
                        }],
                    },
                    election_team: vec![],
                },
            )?;
            head_elections::recognize(
                c,
                &actor,
                election.id,
                s.recognition.to_owned(),
                recognized_on,
            )?;
            let congress = congresses::record(
                c,
                &actor,
                NewCongress {
                    cell_id,
                    term_id,
                    held_on: date(s.congress_on)?,
                    congress: Congress {
                        members_summoned: s.members_summoned,
                        exclusions: Default::default(),
                        members_present: s.members_present,
                        committee: None,
                        rounds: vec![vec![Tally {
                            person_id,
                            votes: s.secretary_votes,
                        }]],
                    },
                },
            )?;
            congresses::approve(c, &actor, congress.id, s.approval.to_owned(), approved_on)?;
        }

        for a in DEMO_ACCOUNTS {
            let unit_id = a
                .unit_name
                .map(|name| lookup(&placed, "unit", name).map(|&(unit, _)| unit))
                .transpose()?;
            users::create(
                c,
                &actor,
                NewUser {
                    username: a.username.to_owned(),
                    password_hash: hash_password(a.password),
                    role: a.role,
                    unit_id,
                },
            )?;
        }

        Ok(Some(DemoSummary {
            units: UNITS.len(),
            party_orgs: UNITS.len(),
            persons: PERSONS.len(),
            terms: TERMS.len(),
            accounts: DEMO_ACCOUNTS.len(),
            head_elections: TERM_2020.len(),
            congresses: TERM_2020.len(),
        }))
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::{SystemTime, UNIX_EPOCH};

    use super::*;
    use crate::appointments::{self, Seat};
    use crate::audit;
    use crate::schema::{
        appointments as appointments_table, audit_events, congresses as congresses_table,
    };
    use crate::schema::{head_elections as head_elections_table, party_orgs as party_orgs_table};
    use crate::schema::{persons as persons_table, terms as terms_table, users as users_table};
    use crate::unification;
    use dantin_domain::appointment::Post;
    use dantin_domain::head_election::Outcome;
    use dantin_domain::unification::NotUnifiedReason;

    /// A migrated SQLite database in a file of its own, removed when dropped.
    struct TempDb {
        path: PathBuf,
        store: Option<Store>,
    }

    impl TempDb {
        fn new() -> Self {
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            let path = std::env::temp_dir().join(format!(
                "dantin-demo-test-{}-{nanos}.sqlite",
                std::process::id()
            ));
            let store = Store::connect(&format!("sqlite://{}", path.display()), 2).unwrap();
            store.migrate().unwrap();
            Self {
                path,
                store: Some(store),
            }
        }

        fn store(&self) -> &Store {
            self.store.as_ref().unwrap()
        }
    }

    impl Drop for TempDb {
        fn drop(&mut self) {
            drop(self.store.take());
            for suffix in ["", "-wal", "-shm"] {
                let mut p = self.path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 2, 5).unwrap()
    }

    fn plain(p: &str) -> String {
        format!("plain:{p}")
    }

    /// Rows in each table: units, party orgs, persons, terms, users, head elections,
    /// congresses, appointments, audit events.
    fn counts(store: &Store) -> [i64; 9] {
        store
            .read(|c| -> StoreResult<_> {
                Ok([
                    units_table::table.count().get_result(c)?,
                    party_orgs_table::table.count().get_result(c)?,
                    persons_table::table.count().get_result(c)?,
                    terms_table::table.count().get_result(c)?,
                    users_table::table.count().get_result(c)?,
                    head_elections_table::table.count().get_result(c)?,
                    congresses_table::table.count().get_result(c)?,
                    appointments_table::table.count().get_result(c)?,
                    audit_events::table.count().get_result(c)?,
                ])
            })
            .unwrap()
    }

    /// Audit events of the demo: one per unit, organisation, person, term and account;
    /// per village of the 2020-2022 term, six (election recorded, head appointed,
    /// election recognised, congress recorded, secretary appointed, congress approved).
    const AUDIT_EVENTS: i64 = 18 + 18 + 6 + 2 + 3 + 6 * 6;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The ids of the six villages of the demo, with the name of each.
    fn villages(c: &mut crate::Db) -> StoreResult<Vec<(i64, String)>> {
        Ok(units::list(
            c,
            &units::UnitFilter {
                limit: 100,
                ..Default::default()
            },
        )?
        .into_iter()
        .filter(|u| u.level == UnitLevel::Village)
        .map(|u| (u.id, u.name))
        .collect())
    }

    #[test]
    fn loads_once_into_an_empty_database() {
        let db = TempDb::new();
        let store = db.store();
        let summary = load_if_empty(store, today(), &plain).unwrap();
        // 3 provinces + 5 districts + 4 communes + 6 villages, and one organisation each;
        // one head election and one congress per village.
        assert_eq!(
            summary,
            Some(DemoSummary {
                units: 18,
                party_orgs: 18,
                persons: 6,
                terms: 2,
                accounts: 3,
                head_elections: 6,
                congresses: 6,
            })
        );
        // Every row was written, each with its own audit event; each village has a head
        // and a secretary appointment.
        assert_eq!(AUDIT_EVENTS, 83);
        assert_eq!(counts(store), [18, 18, 6, 2, 3, 6, 6, 12, AUDIT_EVENTS]);

        let again = load_if_empty(store, today(), &plain).unwrap();
        assert_eq!(again, None);
        assert_eq!(counts(store), [18, 18, 6, 2, 3, 6, 6, 12, AUDIT_EVENTS]);
    }

    #[test]
    fn the_officer_works_in_ba_che_and_passwords_are_hashed() {
        let db = TempDb::new();
        load_if_empty(db.store(), today(), &plain).unwrap();
        db.store()
            .read(|c| -> StoreResult<_> {
                let officer = users::find_by_username(c, "officer")?.unwrap();
                assert_eq!(officer.role, Role::Officer);
                assert_eq!(officer.password_hash, "plain:demo-officer");
                let unit = units::get(c, officer.unit_id.unwrap())?;
                assert_eq!(unit.name, "Huyện Ba Chẽ");
                assert_eq!(unit.level, UnitLevel::District);
                for name in ["admin", "auditor"] {
                    let u = users::find_by_username(c, name)?.unwrap();
                    assert_eq!(u.unit_id, None);
                    assert_eq!(u.password_hash, format!("plain:demo-{name}"));
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn persons_are_members_of_their_village_cell_and_codes_are_only_provinces() {
        let db = TempDb::new();
        load_if_empty(db.store(), today(), &plain).unwrap();
        db.store()
            .read(|c| -> StoreResult<_> {
                let people = persons::list(
                    c,
                    &persons::PersonFilter {
                        limit: 100,
                        ..Default::default()
                    },
                    None,
                )?;
                assert_eq!(people.len(), 6);
                for p in &people {
                    assert_eq!(p.party_status, PartyStatus::Official);
                    let cell = party_orgs::get(c, p.party_org_id.unwrap())?;
                    assert_eq!(cell.kind, PartyOrgKind::Cell);
                    assert_eq!(cell.unit_id, Some(p.residence_unit_id));
                    assert_eq!(p.ethnicity, None);
                    assert_eq!(p.id_number, None);
                    assert_eq!(p.address, None);
                }
                let phuong = people.iter().find(|p| p.full_name == "Lê Thị Phương");
                assert_eq!(phuong.unwrap().gender, Gender::Female);

                let all = units::list(
                    c,
                    &units::UnitFilter {
                        limit: 100,
                        ..Default::default()
                    },
                )?;
                let mut codes: Vec<_> = all.iter().filter_map(|u| u.code.clone()).collect();
                codes.sort();
                assert_eq!(codes, ["22", "38", "49"]);
                for u in all.iter().filter(|u| u.code.is_some()) {
                    assert_eq!(u.level, UnitLevel::Province);
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn the_audit_chain_is_whole_and_signed_by_demo() {
        let db = TempDb::new();
        load_if_empty(db.store(), today(), &plain).unwrap();
        db.store()
            .read(|c| -> StoreResult<_> {
                let v = audit::verify(c)?;
                assert_eq!(v.first_broken, None);
                assert!(v.head_matches);
                assert_eq!(v.checked, AUDIT_EVENTS as u64);
                let events = audit::list(
                    c,
                    &audit::AuditFilter {
                        limit: 100,
                        ..Default::default()
                    },
                )?;
                assert!(events.iter().all(|e| e.actor == "demo"));
                assert!(events.iter().all(|e| !e
                    .after_json
                    .as_deref()
                    .unwrap_or("")
                    .contains("plain:")));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn a_failure_writes_nothing() {
        let db = TempDb::new();
        // Everyone is born after this day, so the first person is refused.
        let too_early = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap();
        let err = load_if_empty(db.store(), too_early, &plain).unwrap_err();
        assert!(matches!(err, StoreError::Rules(_)), "{err:?}");
        assert_eq!(counts(db.store()), [0; 9]);
    }

    #[test]
    fn every_village_elects_its_resident_head_then_secretary() {
        let db = TempDb::new();
        load_if_empty(db.store(), today(), &plain).unwrap();
        db.store()
            .read(|c| -> StoreResult<_> {
                let villages = villages(c)?;
                assert_eq!(villages.len(), 6);
                for (village, name) in villages {
                    let elections = head_elections::list(
                        c,
                        &head_elections::HeadElectionFilter {
                            village_id: Some(village),
                            limit: 10,
                            ..Default::default()
                        },
                    )?;
                    let [e] = elections.as_slice() else {
                        panic!("{name}: {elections:?}");
                    };
                    assert_eq!(e.held_on, day(2020, 1, 5), "{name}");
                    assert_eq!(e.outcome, Outcome::Elected, "{name}");
                    assert_eq!(e.method, VotingMethod::SecretBallot, "{name}");
                    let winner = persons::get(c, e.winner_person_id.unwrap())?;
                    assert_eq!(winner.residence_unit_id, village, "{name}");
                    // Valid and won against all households, as the default rule set asks.
                    assert!(
                        e.households_present * 10 >= e.households_total * 8,
                        "{name}"
                    );
                    assert!(
                        e.households_present * 100 <= e.households_total * 95,
                        "{name}"
                    );
                    assert!(e.candidates[0].1 * 2 > e.households_total, "{name}");
                    let recognition = e.recognition.as_ref().unwrap();
                    assert_eq!(recognition.on, day(2020, 1, 8), "{name}");
                    assert_eq!(recognition.warning, None, "{name}");

                    let cell = unification::cell_of(c, village)?.unwrap();
                    let held = congresses::list(
                        c,
                        &congresses::CongressFilter {
                            cell_id: Some(cell),
                            limit: 10,
                            ..Default::default()
                        },
                    )?;
                    let [k] = held.as_slice() else {
                        panic!("{name}: {held:?}");
                    };
                    assert_eq!(k.term_id, e.term_id, "{name}");
                    assert!(
                        [day(2020, 1, 18), day(2020, 1, 19)].contains(&k.held_on),
                        "{name}"
                    );
                    assert!((5..9).contains(&k.members_summoned), "{name}");
                    assert_eq!(k.committee, None, "{name}");
                    assert_eq!(k.outcome, Outcome::Elected, "{name}");
                    assert_eq!(k.winner_person_id, e.winner_person_id, "{name}");
                    let approval = k.approval.as_ref().unwrap();
                    assert_eq!(approval.on, day(2020, 1, 31), "{name}");
                    assert_eq!(approval.warning, None, "{name}");

                    let head = appointments::holder_on(
                        c,
                        Post::VillageHead,
                        Seat::Unit(village),
                        day(2020, 2, 5),
                    )?
                    .unwrap();
                    assert_eq!(head.head_election_id, Some(e.id), "{name}");
                    let secretary = appointments::holder_on(
                        c,
                        Post::CellSecretary,
                        Seat::PartyOrg(cell),
                        day(2020, 2, 5),
                    )?
                    .unwrap();
                    assert_eq!(secretary.congress_id, Some(k.id), "{name}");
                    assert_eq!(secretary.person_id, head.person_id, "{name}");
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn the_villages_are_unified_once_the_congresses_are_approved() {
        let db = TempDb::new();
        load_if_empty(db.store(), today(), &plain).unwrap();
        db.store()
            .read(|c| -> StoreResult<_> {
                for (village, name) in villages(c)? {
                    // Head recognised on 8/1, no congress yet (and no secretary from the
                    // 2017-2020 term in the demo).
                    let s = unification::village_on(c, village, day(2020, 1, 10))?;
                    assert!(s.head_person_id.is_some(), "{name}");
                    assert_eq!(s.secretary_person_id, None, "{name}");
                    assert!(!s.status.unified, "{name}");
                    assert!(!s.status.pending_approval, "{name}");
                    assert_eq!(
                        s.status.reason,
                        Some(NotUnifiedReason::NoSecretary),
                        "{name}"
                    );

                    // Secretary elected on 18-19/1, not yet approved.
                    let s = unification::village_on(c, village, day(2020, 1, 20))?;
                    assert!(s.status.unified, "{name}");
                    assert!(s.status.pending_approval, "{name}");
                    assert_eq!(s.status.reason, None, "{name}");
                    assert_eq!(s.secretary_person_id, s.head_person_id, "{name}");

                    // Approved on 31/1: by 5/2/2020 every village had finished.
                    let s = unification::village_on(c, village, day(2020, 2, 5))?;
                    assert!(s.status.unified, "{name}");
                    assert!(!s.status.pending_approval, "{name}");
                    assert_eq!(s.status.reason, None, "{name}");

                    // Before the elections there was no head.
                    let s = unification::village_on(c, village, day(2020, 1, 4))?;
                    assert_eq!(s.status.reason, Some(NotUnifiedReason::NoHead), "{name}");
                }
                Ok(())
            })
            .unwrap();
    }
}
