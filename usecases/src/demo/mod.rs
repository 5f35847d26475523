//! The demo that `dantin serve --demo` loads into an empty database (its data: `data`),
//! one account per role. Every row goes through the use cases, so it is checked and
//! audited like any real write, and the whole set is written in one transaction: all of
//! it or none.
//!
//! Given the official map (`Country`), the demo is the real country: the map of 30/6/2025
//! is imported, the demo's villages are placed under their real communes (found by code),
//! and the 2025 reform is applied with the moves of those villages under the communes that
//! succeed theirs. Without it, the demo creates its own places, with the same codes, and
//! stays on the map of 2020 (the tests' world).

mod cell_year;
mod data;
mod typed_twice;

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::access::Role;
use dantin_domain::congress::Congress;
use dantin_domain::double_entry::Entered;
use dantin_domain::head_election::{Meeting, Tally, VotingMethod};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::person::PartyStatus;
use dantin_domain::reorganization::{NewOrg, Operation};
use dantin_domain::unit::UnitLevel;
use dantin_domain::{PartyOrgId, PersonId, RowViolation, TermId, UnitId};
use dantin_persistence::{units as stored_units, Db, Store, StoreError};

use self::data::*;
use crate::accounts::{self, NewAccount};
use crate::caller::Caller;
use crate::congresses::{self, NewCongress};
use crate::error::Record;
use crate::error::Result;
use crate::head_elections::{self, NewHeadElection};
use crate::lookup::found;
use crate::party_orgs::{self, NewPartyOrg};
use crate::persons::{self, NewPerson, PersonFields};
use crate::reorganizations::{self, Act};
use crate::terms::{self, NewTerm};
use crate::unit_import::{self, ImportRow};
use crate::units::{self, NewUnit};

/// An account the demo creates, with its password in clear so the demo can be signed in to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAccount {
    pub username: &'static str,
    pub password: &'static str,
    pub role: Role,
    /// The unit an officer works in, by its code on the demo's map of 2020 and on today's
    /// map of the real country; `None` for other roles.
    pub area: Option<(&'static str, &'static str)>,
}

/// One account per role; the officer works in Huyện Ba Chẽ (on the real country, in the
/// xã Ba Chẽ that holds its villages since 1/7/2025).
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        username: "admin",
        password: "demo-admin",
        role: Role::Admin,
        area: None,
    },
    DemoAccount {
        username: "auditor",
        password: "demo-auditor",
        role: Role::Auditor,
        area: None,
    },
    DemoAccount {
        username: "officer",
        password: "demo-officer",
        role: Role::Officer,
        area: Some(("202", "06970")),
    },
];

/// The official map of 30/6/2025 and the reform of 1/7/2025, as read from the files
/// `scripts/official-map.sh` writes.
#[derive(Debug, Clone)]
pub struct Country {
    pub valid_from: NaiveDate,
    pub rows: Vec<ImportRow>,
    /// Rows that could not be read: the import refuses them by index.
    pub unreadable: Vec<RowViolation>,
    pub reform: Act,
}

/// How many rows of each kind the demo wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    /// Units created: the demo's own, or the official map's and the reform's with the
    /// demo's villages.
    pub units: usize,
    pub party_orgs: usize,
    pub persons: usize,
    pub terms: usize,
    pub accounts: usize,
    /// Head elections recorded, each recognised.
    pub head_elections: usize,
    /// Cell congresses recorded, each approved.
    pub congresses: usize,
    /// A year of each cell's meetings, and the cadres' assignments to attend them.
    pub cell_meetings: usize,
    pub cadre_assignments: usize,
}

fn date((y, m, d): Ymd) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| StoreError::Corrupt(format!("demo date {y}-{m}-{d} does not exist")).into())
}

fn lookup<'a, T>(map: &'a HashMap<&str, T>, what: &str, name: &str) -> Result<&'a T> {
    map.get(name)
        .ok_or_else(|| StoreError::Corrupt(format!("demo data names no {what} `{name}`")).into())
}

/// The demo's unit `s`: the official one with its code when the map holds it (and names it
/// alike), else created.
fn place(
    c: &mut Db,
    demo: &Caller,
    s: &UnitSeed,
    parent: Option<UnitId>,
    valid_from: NaiveDate,
) -> Result<UnitId> {
    if let Some(unit) = stored_units::find_by_code_on(c, s.code, valid_from)? {
        if unit.name != s.name {
            let why = format!(
                "the map names `{}` `{}`, the demo `{}`",
                s.code, unit.name, s.name
            );
            return Err(StoreError::Corrupt(why).into());
        }
        return Ok(unit.id);
    }
    let unit = units::create_in(
        c,
        demo,
        NewUnit {
            code: Some(s.code.to_owned()),
            name: s.name.to_owned(),
            level: s.level,
            kind: Some(s.kind),
            parent_id: parent,
            valid_from,
            valid_to: None,
        },
    )?;
    Ok(unit.id)
}

/// Whether the database holds no unit yet: the demo would load.
pub fn is_empty(store: &Store) -> Result<bool> {
    Ok(!store.read(stored_units::any)?)
}

/// Loads the demo data when the database has no unit yet, on the real country when given
/// it; returns `None` when the database already has data (nothing written).
pub fn load_if_empty(
    store: &Store,
    hash_password: &dyn Fn(&str) -> String,
    country: Option<&Country>,
) -> Result<Option<DemoSummary>> {
    let demo = Caller::system("demo");
    store.write(|c| {
        if stored_units::any(c)? {
            return Ok(None);
        }
        let valid_from = date(UNITS_VALID_FROM)?;
        let mut created = 0;
        if let Some(k) = country {
            let unreadable = k.unreadable.clone();
            created += unit_import::import_in(c, &demo, k.valid_from, &k.rows, unreadable)?.created;
        }

        // Unit name -> (unit id, its party organisation's id).
        let mut placed: HashMap<&str, (UnitId, PartyOrgId)> = HashMap::with_capacity(UNITS.len());
        for s in UNITS {
            let parent = s
                .parent
                .map(|p| lookup(&placed, "unit", p))
                .transpose()?
                .copied();
            let unit = place(c, &demo, s, parent.map(|(unit, _)| unit), valid_from)?;
            if country.is_none() || s.level == UnitLevel::Village {
                created += 1;
            }
            let org = party_orgs::create_in(
                c,
                &demo,
                NewPartyOrg {
                    name: s.party_org.to_owned(),
                    kind: PartyOrgKind::leading(s.level),
                    parent_id: parent.map(|(_, org)| org),
                    unit_id: Some(unit),
                    valid_from: None,
                },
            )?;
            placed.insert(s.name, (unit, org.id));
        }

        let mut people: HashMap<&str, PersonId> = HashMap::with_capacity(PERSONS.len());
        for p in PERSONS {
            let (village, cell) = *lookup(&placed, "unit", p.village)?;
            let person = persons::create_in(
                c,
                &demo,
                NewPerson {
                    fields: PersonFields {
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
                    party_status_since: None,
                },
            )?;
            people.insert(p.full_name, person.id);
        }

        let (scope, _) = *lookup(&placed, "unit", TERMS_SCOPE)?;
        let mut term_ids: HashMap<&str, TermId> = HashMap::with_capacity(TERMS.len());
        for &(label, starts_on, ends_on) in TERMS {
            let term = terms::create_in(
                c,
                &demo,
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
            let election = head_elections::record_in(
                c,
                &demo,
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
                Entered::Once,
            )?;
            head_elections::recognize_in(
                c,
                &demo,
                election.id,
                s.recognition.to_owned(),
                recognized_on,
            )?;
            let congress = congresses::record_in(
                c,
                &demo,
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
                Entered::Once,
            )?;
            congresses::approve_in(c, &demo, congress.id, s.approval.to_owned(), approved_on)?;
        }

        // The next term's one election the demo replays, its minute typed twice.
        let typed_twice = typed_twice::record(c, &demo, (&placed, &people, &term_ids))?;

        let year = cell_year::record(c, &demo, &placed)?;

        // The reform, with the moves of the demo's villages.
        if let Some(k) = country {
            let mut act = k.reform.clone();
            act.operations
                .extend(MOVES_2025.iter().map(|(code, parent)| Operation::Move {
                    code: (*code).to_owned(),
                    parent_code: (*parent).to_owned(),
                }));
            // The committees of the new communes, under the province's: the cells follow
            // their villages to them.
            act.operations
                .extend(
                    COMMITTEES_2025
                        .iter()
                        .map(|(code, name)| Operation::CreateOrg {
                            org: NewOrg {
                                name: (*name).to_owned(),
                                kind: PartyOrgKind::GrassrootsCommittee,
                                unit_code: (*code).to_owned(),
                                superior_unit_code: Some(QUANG_NINH_CODE.to_owned()),
                            },
                        }),
                );
            reorganizations::apply_in(c, &demo, &act)?;
            created += act
                .operations
                .iter()
                .filter(|op| matches!(op, Operation::Create { .. }))
                .count();
        }

        for a in DEMO_ACCOUNTS {
            let unit = match a.area {
                None => None,
                Some((before, after)) => {
                    let (code, day) = match country {
                        None => (before, valid_from),
                        Some(k) => (after, k.reform.effective_on),
                    };
                    let unit = stored_units::find_by_code_on(c, code, day)?;
                    Some(found(unit, Record::Unit)?.id)
                }
            };
            accounts::create_in(
                c,
                &demo,
                NewAccount {
                    username: a.username.to_owned(),
                    password_hash: hash_password(a.password),
                    role: a.role,
                    coordinator: false,
                },
                unit,
            )?;
        }

        Ok(Some(DemoSummary {
            units: created,
            party_orgs: UNITS.len() + country.map_or(0, |_| COMMITTEES_2025.len()),
            persons: PERSONS.len() + year.cadres,
            terms: TERMS.len(),
            accounts: DEMO_ACCOUNTS.len(),
            head_elections: TERM_2020.len() + typed_twice,
            congresses: TERM_2020.len(),
            cell_meetings: year.meetings,
            cadre_assignments: year.assignments,
        }))
    })
}
