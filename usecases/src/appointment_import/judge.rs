//! The rows judged one by one in the file's order, each by the domain's rules against the
//! facts stored and the rows before it.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::access::row_in_area;
use dantin_domain::appointment::{
    basis_allowed, one_holder_per_post, seat_in_unit, Holder, Post, Seat,
};
use dantin_domain::check::failures;
use dantin_domain::eligibility::{self, HeadCandidate, Standing};
use dantin_domain::person::{check_person, status_on, PartyStatus, StatusChange};
use dantin_domain::validity::Validity;
use dantin_domain::{PartyOrgId, PersonId, Rule, RuleViolation, UnitId};
use dantin_persistence::appointment_import::UnitOrg;
use dantin_persistence::persons::PersonFields;

use super::facts::Facts;
use super::{ImportRow, NewHolder};

/// Who holds a tenure being judged: a recorded person, or the new person of that index
/// (a new person named by several rows with the same fields is created once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum HolderKey {
    Recorded(PersonId),
    New(usize),
}

/// What the eligibility rules read of a holder.
struct Candidate {
    birth_date: NaiveDate,
    residence: UnitId,
    party_org_id: Option<PartyOrgId>,
    status: PartyStatus,
}

/// A row that passed, ready to store.
pub(super) struct Planned<'r> {
    pub(super) row: &'r ImportRow,
    pub(super) holder: HolderKey,
    pub(super) seat: Seat,
    pub(super) validity: Validity,
}

/// The rows judged so far, in the file's order: what later rows are judged against.
pub(super) struct Judge<'f, 'r> {
    facts: &'f Facts,
    /// The tenures of the rows before, by post and seat: (row index, days).
    earlier: HashMap<(Post, Seat), Vec<(usize, Validity)>>,
    /// The village head tenures of the rows before, by holder: (village, days).
    earlier_heads: HashMap<HolderKey, Vec<(UnitId, Validity)>>,
    /// The new persons to create, once each, with the day their party status began.
    pub(super) new_persons: Vec<(PersonFields, Option<NaiveDate>)>,
    new_index: HashMap<(PersonFields, Option<NaiveDate>), usize>,
    pub(super) planned: Vec<Planned<'r>>,
}

impl<'f, 'r> Judge<'f, 'r> {
    pub(super) fn new(facts: &'f Facts) -> Self {
        Self {
            facts,
            earlier: HashMap::new(),
            earlier_heads: HashMap::new(),
            new_persons: Vec::new(),
            new_index: HashMap::new(),
            planned: Vec::new(),
        }
    }

    /// Every rule the row breaks, in the order a single create checks them; a row that
    /// breaks none is planned.
    pub(super) fn row(&mut self, row: &'r ImportRow) -> Vec<RuleViolation> {
        let facts = self.facts;
        let day = row.starts_on;
        let mut errors = Vec::new();
        let validity = Validity::new(row.starts_on, row.ends_on)
            .map_err(|v| errors.push(v))
            .ok();
        let holder = match &row.holder {
            Holder::Recorded(id) => match facts.persons.get(id) {
                Some(p) if facts.reaches(p.residence_unit_id) => Some((
                    HolderKey::Recorded(*id),
                    Candidate {
                        birth_date: p.birth_date,
                        residence: p.residence_unit_id,
                        party_org_id: p.party_org_id,
                        status: facts
                            .statuses
                            .get(id)
                            .map_or(PartyStatus::None, |h| status_on(h, day)),
                    },
                )),
                _ => {
                    errors.push(RuleViolation::missing(
                        Rule::AppointmentPersonExists,
                        "person",
                        id,
                    ));
                    None
                }
            },
            Holder::New(n) => self.new_holder(n, day, &mut errors),
        };
        let seat = self.seat(row, &mut errors);
        if let Err(v) = basis_allowed(row.post, row.basis).into_result() {
            errors.push(v);
        }
        if let (Some(seat), Some((key, candidate))) = (seat, &holder) {
            let checks = match (eligibility::standing_for(row.post), seat) {
                (Ok(Standing::VillageHead), Seat::Unit(village)) => {
                    let candidate = HeadCandidate {
                        birth_date: candidate.birth_date,
                        lives_in_village: candidate.residence == village,
                        heads_elsewhere: self.heads_elsewhere(*key, village, day),
                    };
                    eligibility::head_candidate(&candidate, day)
                }
                (Ok(Standing::CellSecretary), Seat::PartyOrg(cell)) => {
                    eligibility::secretary_candidate(
                        candidate.status,
                        candidate.party_org_id == Some(cell),
                    )
                }
                _ => Vec::new(),
            };
            errors.extend(failures(&checks).0);
        }
        let (Some(seat), Some(validity)) = (seat, validity) else {
            return errors;
        };
        errors.extend(self.one_holder(row, seat, validity));
        if let (Post::VillageHead, Seat::Unit(village), Some((key, _))) = (row.post, seat, &holder)
        {
            self.earlier_heads
                .entry(*key)
                .or_default()
                .push((village, validity));
        }
        if let (true, Some((holder, _))) = (errors.is_empty(), holder) {
            self.planned.push(Planned {
                row,
                holder,
                seat,
                validity,
            });
        }
        errors
    }

    /// The seat: the unit of the code on the day, in the caller's area, or its
    /// organisation for a Party post (`seat_in_unit`).
    fn seat(&self, row: &ImportRow, errors: &mut Vec<RuleViolation>) -> Option<Seat> {
        let facts = self.facts;
        let Some(unit) = facts.unit_on(&row.unit_code, row.starts_on) else {
            errors.push(RuleViolation::new(
                Rule::AppointmentUnitKnown,
                format!("no unit had code `{}` on {}", row.unit_code, row.starts_on),
            ));
            return None;
        };
        let what = format!("unit `{}`", row.unit_code);
        if let Err(v) = row_in_area(facts.reaches(unit.unit_id), &what) {
            errors.push(v);
        }
        let on_day: Vec<&UnitOrg> = facts
            .orgs_of
            .get(&unit.unit_id)
            .into_iter()
            .flatten()
            .filter(|o| o.validity.contains(row.starts_on))
            .collect();
        let kinds: Vec<(PartyOrgId, _)> = on_day.iter().map(|o| (o.id, o.kind)).collect();
        let seat = seat_in_unit(row.post, unit.unit_id, unit.level, &kinds)
            .map_err(|v| errors.push(v))
            .ok()?;
        if let Seat::PartyOrg(org) = seat {
            let latest = on_day
                .iter()
                .find(|o| o.id == org)
                .and_then(|o| o.latest_unit_id);
            if let Err(v) = row_in_area(facts.reaches_org(latest), "the unit's organisation") {
                errors.push(v);
            }
        }
        Some(seat)
    }

    /// A new holder, checked as `persons::create` checks a person: the residence (by code
    /// on the day) and the organisation exist in the caller's area, and the person rules
    /// hold.
    fn new_holder(
        &mut self,
        n: &NewHolder,
        day: NaiveDate,
        errors: &mut Vec<RuleViolation>,
    ) -> Option<(HolderKey, Candidate)> {
        let facts = self.facts;
        let residence = facts
            .unit_on(&n.residence_unit_code, day)
            .map(|u| u.unit_id);
        match residence {
            None => errors.push(RuleViolation::new(
                Rule::PersonResidenceExists,
                format!("no unit had code `{}` on {day}", n.residence_unit_code),
            )),
            Some(unit) => {
                let what = format!("the residence `{}`", n.residence_unit_code);
                if let Err(v) = row_in_area(facts.reaches(unit), &what) {
                    errors.push(v);
                }
            }
        }
        if let Some(org) = n.party_org_id {
            if !facts
                .orgs
                .get(&org)
                .is_some_and(|o| facts.reaches_org(o.unit_id))
            {
                errors.push(RuleViolation::missing(
                    Rule::PersonPartyOrgExists,
                    "party organisation",
                    org,
                ));
            }
        }
        let has_org = n.party_org_id.is_some();
        if let Err(vs) = check_person(n.birth_date, n.party_status, has_org, facts.today) {
            errors.extend(vs.0);
        }
        let fields = PersonFields {
            full_name: n.full_name.clone(),
            gender: n.gender,
            birth_date: n.birth_date,
            residence_unit_id: residence?,
            party_status: n.party_status,
            party_org_id: n.party_org_id,
            ethnicity: n.ethnicity.clone(),
            id_number: n.id_number.clone(),
            address: n.address.clone(),
        };
        let since = n.party_status_since;
        let history = [StatusChange {
            status: n.party_status,
            since,
        }];
        let candidate = Candidate {
            birth_date: n.birth_date,
            residence: fields.residence_unit_id,
            party_org_id: n.party_org_id,
            status: status_on(&history, day),
        };
        let key = (fields, since);
        let index = match self.new_index.get(&key) {
            Some(&i) => i,
            None => {
                self.new_persons.push(key.clone());
                self.new_index.insert(key, self.new_persons.len() - 1);
                self.new_persons.len() - 1
            }
        };
        Some((HolderKey::New(index), candidate))
    }

    /// The village other than `village` the holder heads on `day`, stored or in a row
    /// before (what `appointments::heads_elsewhere` finds for a single create).
    fn heads_elsewhere(
        &self,
        holder: HolderKey,
        village: UnitId,
        day: NaiveDate,
    ) -> Option<UnitId> {
        let stored = match holder {
            HolderKey::Recorded(id) => self.facts.heads.get(&id),
            HolderKey::New(_) => None,
        };
        stored
            .into_iter()
            .chain(self.earlier_heads.get(&holder))
            .flatten()
            .find(|(unit, days)| *unit != village && days.contains(day))
            .map(|(unit, _)| *unit)
    }

    /// Rule `one_holder_per_post` against the stored tenures, then against each row
    /// before (named in the refusal); the row then stands for later rows.
    fn one_holder(&mut self, row: &ImportRow, seat: Seat, days: Validity) -> Option<RuleViolation> {
        let key = (row.post, seat);
        let stored = self.facts.held.get(&key).map_or(&[][..], Vec::as_slice);
        let earlier = self.earlier.entry(key).or_default();
        let clash = one_holder_per_post(&days, stored)
            .into_result()
            .err()
            .or_else(|| {
                earlier.iter().find_map(|(index, other)| {
                    one_holder_per_post(&days, &[*other])
                        .into_result()
                        .err()
                        .map(|v| RuleViolation {
                            detail: format!("{}, by row {index} of this file", v.detail),
                            ..v
                        })
                })
            });
        earlier.push((row.index, days));
        clash
    }
}
