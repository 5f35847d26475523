//! Who holds which post, from when to when. Nothing is deleted: a tenure ends with a
//! date and a reason.

use chrono::{NaiveDate, NaiveDateTime};
use dantin_domain::appointment::{basis_allowed, one_holder_per_post, Basis, EndReason, Post};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::unit::UnitLevel;
use dantin_domain::validity::Validity;
use dantin_domain::RuleViolation;
use diesel::prelude::*;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::appointments;
use crate::{party_orgs, persons, units, version};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = appointments)]
pub struct Appointment {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub post: Post,
    pub person_id: i64,
    pub unit_id: Option<i64>,
    pub party_org_id: Option<i64>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    #[diesel(deserialize_as = String)]
    pub basis: Basis,
    pub decision: String,
    pub head_election_id: Option<i64>,
    pub congress_id: Option<i64>,
    #[diesel(deserialize_as = OptionalReason)]
    pub end_reason: Option<EndReason>,
    pub version: i32,
    pub created_at: NaiveDateTime,
}

/// Reads a nullable reason column.
pub struct OptionalReason(Option<String>);

impl<DB: diesel::backend::Backend>
    Queryable<diesel::sql_types::Nullable<diesel::sql_types::Text>, DB> for OptionalReason
where
    Option<String>:
        diesel::deserialize::FromSql<diesel::sql_types::Nullable<diesel::sql_types::Text>, DB>,
{
    type Row = Option<String>;

    fn build(row: Option<String>) -> diesel::deserialize::Result<Self> {
        Ok(OptionalReason(row))
    }
}

impl TryFrom<OptionalReason> for Option<EndReason> {
    type Error = dantin_domain::string_enum::UnknownValue;

    fn try_from(r: OptionalReason) -> Result<Self, Self::Error> {
        r.0.map(|s| s.parse()).transpose()
    }
}

impl Appointment {
    pub fn validity(&self) -> Validity {
        Validity {
            from: self.starts_on,
            to: self.ends_on,
        }
    }
}

/// Where a post is held: a unit for village and commune posts, a Party organisation for
/// Party posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Unit(i64),
    PartyOrg(i64),
}

impl Seat {
    fn ids(self) -> (Option<i64>, Option<i64>) {
        match self {
            Seat::Unit(u) => (Some(u), None),
            Seat::PartyOrg(o) => (None, Some(o)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub post: Post,
    pub person_id: i64,
    pub seat: Seat,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub basis: Basis,
    pub decision: String,
    pub head_election_id: Option<i64>,
    pub congress_id: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct AppointmentFilter {
    pub unit_id: Option<i64>,
    pub party_org_id: Option<i64>,
    pub person_id: Option<i64>,
    pub post: Option<Post>,
    pub on: Option<NaiveDate>,
    /// An officer's area (a unit id): only what lies under it.
    pub reach: Option<i64>,
    pub after_id: Option<i64>,
    pub limit: i64,
}

pub fn get(c: &mut Db, id: i64) -> StoreResult<Appointment> {
    appointments::table
        .find(id)
        .select(Appointment::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| StoreError::not_found("appointment", id))
}

pub fn list(c: &mut Db, f: &AppointmentFilter) -> StoreResult<Vec<Appointment>> {
    let mut q = appointments::table
        .select(Appointment::as_select())
        .order(appointments::id)
        .limit(f.limit)
        .into_boxed();
    if let Some(u) = f.unit_id {
        q = q.filter(appointments::unit_id.eq(u));
    }
    if let Some(o) = f.party_org_id {
        q = q.filter(appointments::party_org_id.eq(o));
    }
    if let Some(p) = f.person_id {
        q = q.filter(appointments::person_id.eq(p));
    }
    if let Some(p) = f.post {
        q = q.filter(appointments::post.eq(p.as_str()));
    }
    if let Some(on) = f.on {
        q = q.filter(appointments::starts_on.le(on)).filter(
            appointments::ends_on
                .is_null()
                .or(appointments::ends_on.gt(on)),
        );
    }
    if let Some(root) = f.reach {
        let area = units::Scope::Subtree(root);
        q = q.filter(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "({} OR {})",
            area.sql("appointments.unit_id"),
            area.orgs_sql("appointments.party_org_id")
        )));
    }
    if let Some(after) = f.after_id {
        q = q.filter(appointments::id.gt(after));
    }
    Ok(q.load(c)?)
}

/// Every tenure of `post` at `seat`, oldest first.
pub fn tenures(c: &mut Db, post: Post, seat: Seat) -> StoreResult<Vec<Appointment>> {
    let mut q = appointments::table
        .select(Appointment::as_select())
        .filter(appointments::post.eq(post.as_str()))
        .order(appointments::starts_on)
        .into_boxed();
    q = match seat {
        Seat::Unit(u) => q.filter(appointments::unit_id.eq(u)),
        Seat::PartyOrg(o) => q.filter(appointments::party_org_id.eq(o)),
    };
    Ok(q.load(c)?)
}

/// The tenure of `post` at `seat` in force on `day`, if any.
pub fn holder_on(
    c: &mut Db,
    post: Post,
    seat: Seat,
    day: NaiveDate,
) -> StoreResult<Option<Appointment>> {
    Ok(tenures(c, post, seat)?
        .into_iter()
        .find(|a| a.validity().contains(day)))
}

/// The village a person heads on `day`, other than `except`.
pub fn heads_elsewhere(
    c: &mut Db,
    person_id: i64,
    except: i64,
    day: NaiveDate,
) -> StoreResult<Option<i64>> {
    let held: Vec<Appointment> = appointments::table
        .select(Appointment::as_select())
        .filter(appointments::person_id.eq(person_id))
        .filter(appointments::post.eq(Post::VillageHead.as_str()))
        .filter(appointments::unit_id.ne(except))
        .load(c)?;
    Ok(held
        .into_iter()
        .find(|a| a.validity().contains(day))
        .and_then(|a| a.unit_id))
}

/// Rule `appointment_seat`: a Party post sits in a Party organisation of the right kind,
/// a village post in a village, a commune post in a commune; and the basis must suit the
/// post (`dantin_domain::appointment::basis_allowed`).
fn check_seat(c: &mut Db, post: Post, seat: Seat, basis: Basis) -> StoreResult<()> {
    let fits = match seat {
        Seat::Unit(u) => {
            let level = units::get(c, u)
                .map_err(|_| RuleViolation::new("appointment_seat", format!("no unit has id {u}")))?
                .level;
            match post {
                Post::VillageHead | Post::DeputyVillageHead => level == UnitLevel::Village,
                Post::PeoplesCommitteeChair | Post::PeoplesCouncilChair => {
                    level == UnitLevel::Commune
                }
                _ => false,
            }
        }
        Seat::PartyOrg(o) => {
            let kind = party_orgs::get(c, o)
                .map_err(|_| {
                    RuleViolation::new(
                        "appointment_seat",
                        format!("no party organisation has id {o}"),
                    )
                })?
                .kind;
            match post {
                Post::CellSecretary | Post::CellDeputySecretary | Post::AgencyHead => {
                    kind == PartyOrgKind::Cell
                }
                Post::CommunePartySecretary => kind == PartyOrgKind::GrassrootsCommittee,
                _ => false,
            }
        }
    };
    if !fits {
        return Err(RuleViolation::new(
            "appointment_seat",
            format!("a `{post}` cannot be held there"),
        )
        .into());
    }
    let basis = basis_allowed(post, basis);
    if !basis.passed {
        return Err(RuleViolation::new(basis.rule, basis.detail).into());
    }
    Ok(())
}

/// Ends every open tenure of the post that a successor elected from `day` replaces
/// (the term's end), so that the successor becomes the one holder.
pub fn end_for_successor(
    c: &mut Db,
    actor: &Actor,
    post: Post,
    seat: Seat,
    day: NaiveDate,
) -> StoreResult<()> {
    for a in tenures(c, post, seat)? {
        if a.starts_on < day && a.ends_on.is_none_or(|e| e > day) {
            end(c, actor, a.id, day, EndReason::TermEnd)?;
        }
    }
    Ok(())
}

/// Records a tenure; a post already held for any of its days is a conflict (409).
pub fn create(c: &mut Db, actor: &Actor, new: NewAppointment) -> StoreResult<Appointment> {
    let validity = Validity::new(new.starts_on, new.ends_on)?;
    persons::get(c, new.person_id).map_err(|_| {
        RuleViolation::new(
            "appointment_person_exists",
            format!("no person has id {}", new.person_id),
        )
    })?;
    check_seat(c, new.post, new.seat, new.basis)?;
    let others: Vec<Validity> = tenures(c, new.post, new.seat)?
        .iter()
        .map(Appointment::validity)
        .collect();
    let check = one_holder_per_post(&validity, &others);
    if !check.passed {
        return Err(StoreError::Conflict {
            code: check.rule,
            detail: check.detail,
        });
    }
    let (unit_id, party_org_id) = new.seat.ids();
    let a: Appointment = diesel::insert_into(appointments::table)
        .values((
            appointments::post.eq(new.post.as_str()),
            appointments::person_id.eq(new.person_id),
            appointments::unit_id.eq(unit_id),
            appointments::party_org_id.eq(party_org_id),
            appointments::starts_on.eq(new.starts_on),
            appointments::ends_on.eq(new.ends_on),
            appointments::basis.eq(new.basis.as_str()),
            appointments::decision.eq(&new.decision),
            appointments::head_election_id.eq(new.head_election_id),
            appointments::congress_id.eq(new.congress_id),
            appointments::version.eq(1),
            appointments::created_at.eq(version::now()),
        ))
        .returning(appointments::all_columns)
        .get_result(c)?;
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "appointment.create",
            entity_type: "appointment",
            entity_id: Some(a.id),
            before: None,
            after: Some(&a),
        },
    )?;
    Ok(a)
}

/// Ends a tenure on `ends_on` (the first day no longer held) for `reason`.
pub fn end(
    c: &mut Db,
    actor: &Actor,
    id: i64,
    ends_on: NaiveDate,
    reason: EndReason,
) -> StoreResult<Appointment> {
    let before = get(c, id)?;
    if before.ends_on.is_some() {
        return Err(StoreError::Conflict {
            code: "appointment_already_ended",
            detail: format!(
                "the tenure already ended on {}",
                before.ends_on.unwrap_or(before.starts_on)
            ),
        });
    }
    Validity::new(before.starts_on, Some(ends_on))?;
    let after: Appointment = diesel::update(appointments::table.find(id))
        .set((
            appointments::ends_on.eq(ends_on),
            appointments::end_reason.eq(reason.as_str()),
            appointments::version.eq(before.version + 1),
        ))
        .returning(appointments::all_columns)
        .get_result(c)?;
    audit::append(
        c,
        actor,
        Change {
            action: "appointment.end",
            entity_type: "appointment",
            entity_id: Some(id),
            before: Some(&before),
            after: Some(&after),
        },
    )?;
    Ok(after)
}
