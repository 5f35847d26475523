//! The demo that `dantin serve --demo` loads into an empty database (its data: `data`),
//! one account per role. Every row goes through the use cases, so it is checked and
//! audited like any real write, and the whole set is written in one transaction: all of
//! it or none.

mod data;

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::access::Role;
use dantin_domain::congress::Congress;
use dantin_domain::head_election::{Meeting, Tally, VotingMethod};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::person::PartyStatus;
use dantin_domain::unit::UnitLevel;
use dantin_domain::{PartyOrgId, PersonId, TermId, UnitId};
use dantin_persistence::{units as stored_units, Store, StoreError};

use self::data::*;
use crate::accounts::{self, NewAccount};
use crate::caller::Caller;
use crate::congresses::{self, NewCongress};
use crate::error::Result;
use crate::head_elections::{self, NewHeadElection};
use crate::party_orgs::{self, NewPartyOrg};
use crate::persons::{self, NewPerson, PersonFields};
use crate::terms::{self, NewTerm};
use crate::units::{self, NewUnit};

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

fn date((y, m, d): Ymd) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| StoreError::Corrupt(format!("demo date {y}-{m}-{d} does not exist")).into())
}

fn lookup<'a, T>(map: &'a HashMap<&str, T>, what: &str, name: &str) -> Result<&'a T> {
    map.get(name)
        .ok_or_else(|| StoreError::Corrupt(format!("demo data names no {what} `{name}`")).into())
}

/// The Party organisation that leads a unit of `level`.
fn leading_org(level: UnitLevel) -> PartyOrgKind {
    match level {
        UnitLevel::Province => PartyOrgKind::ProvincialCommittee,
        UnitLevel::District => PartyOrgKind::DistrictCommittee,
        UnitLevel::Commune => PartyOrgKind::GrassrootsCommittee,
        UnitLevel::Village => PartyOrgKind::Cell,
    }
}

/// Loads the demo data when the database has no unit yet; returns `None` when it already
/// has data (nothing written).
pub fn load_if_empty(
    store: &Store,
    hash_password: &dyn Fn(&str) -> String,
) -> Result<Option<DemoSummary>> {
    let demo = Caller::system("demo");
    store.write(|c| {
        if stored_units::any(c)? {
            return Ok(None);
        }
        let valid_from = date(UNITS_VALID_FROM)?;

        // Unit name -> (unit id, its party organisation's id).
        let mut placed: HashMap<&str, (UnitId, PartyOrgId)> = HashMap::with_capacity(UNITS.len());
        for s in UNITS {
            let parent = s
                .parent
                .map(|p| lookup(&placed, "unit", p))
                .transpose()?
                .copied();
            let unit = units::create_in(
                c,
                &demo,
                NewUnit {
                    code: s.code.map(str::to_owned),
                    name: s.name.to_owned(),
                    level: s.level,
                    kind: Some(s.kind),
                    parent_id: parent.map(|(unit, _)| unit),
                    valid_from,
                    valid_to: None,
                },
            )?;
            let org = party_orgs::create_in(
                c,
                &demo,
                NewPartyOrg {
                    name: s.party_org.to_owned(),
                    kind: leading_org(s.level),
                    parent_id: parent.map(|(_, org)| org),
                    unit_id: Some(unit.id),
                },
            )?;
            placed.insert(s.name, (unit.id, org.id));
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
            )?;
            congresses::approve_in(c, &demo, congress.id, s.approval.to_owned(), approved_on)?;
        }

        for a in DEMO_ACCOUNTS {
            let unit = a
                .unit_name
                .map(|name| lookup(&placed, "unit", name).map(|&(unit, _)| unit))
                .transpose()?;
            accounts::create_in(
                c,
                &demo,
                NewAccount {
                    username: a.username.to_owned(),
                    password_hash: hash_password(a.password),
                    role: a.role,
                },
                unit,
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
