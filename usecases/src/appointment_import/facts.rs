//! The facts an import's rows are judged on, loaded set-wise inside its transaction: a
//! few chunked statements each, whatever the number of rows.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use dantin_domain::appointment::{Holder, Post, Seat};
use dantin_domain::person::StatusChange;
use dantin_domain::validity::Validity;
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use dantin_persistence::appointment_import::{self as stored, CodedVersion, UnitOrg};
use dantin_persistence::party_orgs::PartyOrg;
use dantin_persistence::persons::{self, Person};
use dantin_persistence::Db;

use super::ImportRow;
use crate::caller::Caller;
use crate::clock::today;
use crate::error::Result;

/// Everything the rows are judged on, loaded set-wise inside the transaction.
pub(super) struct Facts {
    /// By code, every unit version that carried it.
    units: HashMap<String, Vec<CodedVersion>>,
    /// By unit, every version of an organisation that named it, in the order of their ids.
    pub(super) orgs_of: HashMap<UnitId, Vec<UnitOrg>>,
    /// The recorded holders, with their party status histories and village head tenures.
    pub(super) persons: HashMap<PersonId, Person>,
    pub(super) statuses: HashMap<PersonId, Vec<StatusChange>>,
    pub(super) heads: HashMap<PersonId, Vec<(UnitId, Validity)>>,
    /// The organisations new holders belong to.
    pub(super) orgs: HashMap<PartyOrgId, PartyOrg>,
    /// The stored tenures of each post at each seat the rows name.
    pub(super) held: HashMap<(Post, Seat), Vec<Validity>>,
    /// The units of all these the caller reaches (`Caller::reaches`); `None`: every unit.
    reached: Option<HashSet<UnitId>>,
    pub(super) today: NaiveDate,
}

impl Facts {
    pub(super) fn load(c: &mut Db, caller: &Caller, rows: &[ImportRow]) -> Result<Self> {
        let new_holders = || {
            rows.iter().filter_map(|r| match &r.holder {
                Holder::New(n) => Some(n),
                Holder::Recorded(_) => None,
            })
        };
        let codes: HashSet<&str> = rows
            .iter()
            .map(|r| r.unit_code.as_str())
            .chain(new_holders().map(|n| n.residence_unit_code.as_str()))
            .collect();
        let mut units: HashMap<String, Vec<CodedVersion>> = HashMap::new();
        for v in stored::versions_with_codes(c, &codes.into_iter().collect::<Vec<_>>())? {
            units.entry(v.code.clone()).or_default().push(v);
        }
        let mut facts = Facts {
            units,
            orgs_of: HashMap::new(),
            persons: HashMap::new(),
            statuses: HashMap::new(),
            heads: HashMap::new(),
            orgs: HashMap::new(),
            held: HashMap::new(),
            reached: None,
            today: today(),
        };

        let row_units: HashSet<UnitId> = rows
            .iter()
            .filter_map(|r| facts.unit_on(&r.unit_code, r.starts_on))
            .map(|u| u.unit_id)
            .collect();
        for org in stored::orgs_of_units(c, &row_units.iter().copied().collect::<Vec<_>>())? {
            facts.orgs_of.entry(org.unit_id).or_default().push(org);
        }
        let person_ids: HashSet<PersonId> = rows
            .iter()
            .filter_map(|r| match r.holder {
                Holder::Recorded(id) => Some(id),
                Holder::New(_) => None,
            })
            .collect();
        let person_ids: Vec<PersonId> = person_ids.into_iter().collect();
        facts.persons = stored::persons(c, &person_ids)?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
        facts.statuses = persons::status_histories(c, facts.persons.keys().copied())?;
        for a in stored::head_tenures_of(c, &person_ids)? {
            if let Some(unit) = a.unit_id {
                facts
                    .heads
                    .entry(a.person_id)
                    .or_default()
                    .push((unit, a.validity()));
            }
        }
        let org_ids: HashSet<PartyOrgId> = new_holders().filter_map(|n| n.party_org_id).collect();
        facts.orgs = stored::orgs(c, &org_ids.into_iter().collect::<Vec<_>>())?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();

        let seat_orgs: HashSet<PartyOrgId> =
            facts.orgs_of.values().flatten().map(|o| o.id).collect();
        let seat_orgs: Vec<PartyOrgId> = seat_orgs.into_iter().collect();
        let seat_units: Vec<UnitId> = row_units.iter().copied().collect();
        for a in stored::tenures_at(c, &seat_units, &seat_orgs)? {
            facts
                .held
                .entry((a.post, a.seat()))
                .or_default()
                .push(a.validity());
        }

        if caller.area().is_some() {
            let mut reached = HashSet::new();
            for unit in facts.units_asked(rows, &row_units) {
                if caller.sees(c, unit)? {
                    reached.insert(unit);
                }
            }
            facts.reached = Some(reached);
        }
        Ok(facts)
    }

    /// Every unit whose place in the caller's area a row's judgement asks: the rows' units
    /// and their organisations' (latest), the residences of the holders, and the units of
    /// the new holders' organisations.
    fn units_asked(&self, rows: &[ImportRow], row_units: &HashSet<UnitId>) -> HashSet<UnitId> {
        let residences = rows.iter().filter_map(|r| match &r.holder {
            Holder::New(n) => self.unit_on(&n.residence_unit_code, r.starts_on),
            Holder::Recorded(_) => None,
        });
        row_units
            .iter()
            .copied()
            .chain(residences.map(|u| u.unit_id))
            .chain(self.persons.values().map(|p| p.residence_unit_id))
            .chain(
                self.orgs_of
                    .values()
                    .flatten()
                    .filter_map(|o| o.latest_unit_id),
            )
            .chain(self.orgs.values().filter_map(|o| o.unit_id))
            .collect()
    }

    /// The unit that had `code` on `day`, if any (codes are unique on any one day).
    pub(super) fn unit_on(&self, code: &str, day: NaiveDate) -> Option<&CodedVersion> {
        self.units
            .get(code)?
            .iter()
            .find(|v| v.validity.contains(day))
    }

    /// Whether the caller reaches the unit.
    pub(super) fn reaches(&self, unit: UnitId) -> bool {
        self.reached.as_ref().is_none_or(|r| r.contains(&unit))
    }

    /// Whether the caller may know of an organisation naming `unit` (latest), as
    /// `Caller::sees_org` judges: one that names none only if it reaches every unit.
    pub(super) fn reaches_org(&self, unit: Option<UnitId>) -> bool {
        match unit {
            Some(unit) => self.reaches(unit),
            None => self.reached.is_none(),
        }
    }
}
