//! Posts and who holds them (DOMAIN.md rules 8-10, 16, 19).

use crate::rule::Rule;
use chrono::NaiveDate;

use crate::check::Check;
use crate::id::{PartyOrgId, UnitId};
use crate::party_org::PartyOrgKind;
use crate::string_enum::string_enum;
use crate::unit::UnitLevel;
use crate::validity::Validity;
use crate::RuleViolation;

string_enum! {
    /// A post. Village and commune posts belong to a unit; Party posts to a Party
    /// organisation.
    pub enum Post {
        /// trưởng thôn / trưởng bản / trưởng khu phố / tổ trưởng tổ dân phố
        VillageHead => "village_head",
        /// phó trưởng thôn (at most one)
        DeputyVillageHead => "deputy_village_head",
        /// bí thư chi bộ
        CellSecretary => "cell_secretary",
        /// phó bí thư chi bộ (at most one)
        CellDeputySecretary => "cell_deputy_secretary",
        /// bí thư đảng ủy xã
        CommunePartySecretary => "commune_party_secretary",
        /// chủ tịch UBND xã
        PeoplesCommitteeChair => "peoples_committee_chair",
        /// chủ tịch HĐND xã
        PeoplesCouncilChair => "peoples_council_chair",
        /// thủ trưởng cơ quan, đơn vị: the head of an agency or enterprise, held on the
        /// agency's Party cell, which stands for the agency in the registry
        AgencyHead => "agency_head",
    }
}

impl Post {
    /// Whether the post belongs to a Party organisation (else to a unit).
    pub fn is_party_post(self) -> bool {
        matches!(
            self,
            Post::CellSecretary | Post::CellDeputySecretary | Post::CommunePartySecretary
        )
    }
}

string_enum! {
    /// What the tenure rests on.
    pub enum Basis {
        /// Elected, and recognised (head) or approved (secretary) — or awaiting approval.
        Election => "election",
        /// An interim head appointed by the commune chairman for a vacancy (rule 9).
        Interim => "interim",
        /// Designated by the superior committee (rule 15).
        Designated => "designated",
    }
}

string_enum! {
    pub enum EndReason {
        TermEnd => "term_end",
        Resignation => "resignation",
        Removal => "removal",
        Death => "death",
        Transfer => "transfer",
        Merger => "merger",
        /// The unit or organisation it was held in ended in a reorganisation (rule 22).
        UnitReorganized => "unit_reorganized",
    }
}

/// Rule `one_holder_per_post` (rule 8: one head and at most one deputy; likewise for the
/// cell): no two tenures of the same post in the same unit or organisation overlap.
pub fn one_holder_per_post(new: &Validity, others: &[Validity]) -> Check {
    let clash = others.iter().find(|o| o.overlaps(new));
    Check::new(
        Rule::OneHolderPerPost,
        clash.is_none(),
        "Thông tư 04/2012/TT-BNV Art. 2; Điều lệ Đảng Art. 24",
        match clash {
            Some(o) => format!(
                "the post is already held from {}{}",
                o.from,
                o.to.map(|t| format!(" until {t}")).unwrap_or_default()
            ),
            None => "the post is free for these dates".to_owned(),
        },
    )
}

/// Rule `appointment_basis`: an interim tenure is a village head's only (rule 9: the
/// commune chairman appoints one for a vacancy); a designated one a secretary's only
/// (rule 15: the superior committee designates when three ballots fail).
pub fn basis_allowed(post: Post, basis: Basis) -> Check {
    let allowed = match basis {
        Basis::Election => true,
        Basis::Interim => post == Post::VillageHead,
        Basis::Designated => matches!(
            post,
            Post::CellSecretary | Post::CommunePartySecretary | Post::AgencyHead
        ),
    };
    Check::new(
        Rule::AppointmentBasis,
        allowed,
        "Thông tư 04/2012/TT-BNV Art. 11; Quy định 24-QĐ/TW",
        format!(
            "a `{post}` {} be held on a `{basis}` basis",
            if allowed { "may" } else { "cannot" }
        ),
    )
}

/// Where a post is held: a unit for village and commune posts, a Party organisation for
/// Party posts (and for an agency's head, held on the agency's cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seat {
    Unit(UnitId),
    PartyOrg(PartyOrgId),
}

impl Seat {
    /// The seat as the pair of columns that store it.
    pub fn ids(self) -> (Option<UnitId>, Option<PartyOrgId>) {
        match self {
            Seat::Unit(u) => (Some(u), None),
            Seat::PartyOrg(o) => (None, Some(o)),
        }
    }
}

/// Where a post is to be held, as far as the seat rule needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatKind {
    Unit(UnitLevel),
    PartyOrg(PartyOrgKind),
}

/// Rule `appointment_seat`: a village post sits in a village (Thông tư 04/2012/TT-BNV Art.
/// 2), a commune chair in a commune (Luật Tổ chức chính quyền địa phương 2025), a cell post
/// and an agency head in a cell, and the commune Party secretary in a grassroots committee
/// (Điều lệ Đảng Art. 21-24).
pub fn seat_fits(post: Post, seat: SeatKind) -> Result<(), RuleViolation> {
    let fits = match (post, seat) {
        (Post::VillageHead | Post::DeputyVillageHead, SeatKind::Unit(level)) => {
            level == UnitLevel::Village
        }
        (Post::PeoplesCommitteeChair | Post::PeoplesCouncilChair, SeatKind::Unit(level)) => {
            level == UnitLevel::Commune
        }
        (
            Post::CellSecretary | Post::CellDeputySecretary | Post::AgencyHead,
            SeatKind::PartyOrg(kind),
        ) => kind == PartyOrgKind::Cell,
        (Post::CommunePartySecretary, SeatKind::PartyOrg(kind)) => {
            kind == PartyOrgKind::GrassrootsCommittee
        }
        _ => false,
    };
    if fits {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::AppointmentSeat,
            format!("a `{post}` cannot be held there"),
        ))
    }
}

/// Where a post named by its unit sits, on a day when the unit has the organisations
/// `orgs` (ids and kinds, in the order of their ids): the unit itself for a village or
/// commune post (rule `appointment_seat`, by `seat_fits`), else the unit's organisation of
/// the kind the post needs, the first as a village's cell is read for eligibility (Điều lệ
/// Đảng Art. 21-24: a cell's posts are held in the cell, a commune secretary's in the
/// grassroots committee). A unit without one refuses the post (rule
/// `appointment_unit_has_org`).
pub fn seat_in_unit(
    post: Post,
    unit: UnitId,
    level: UnitLevel,
    orgs: &[(PartyOrgId, PartyOrgKind)],
) -> Result<Seat, RuleViolation> {
    let own = seat_fits(post, SeatKind::Unit(level));
    if own.is_ok() {
        return Ok(Seat::Unit(unit));
    }
    let fits = |kind: PartyOrgKind| seat_fits(post, SeatKind::PartyOrg(kind)).is_ok();
    if let Some((org, _)) = orgs.iter().find(|(_, kind)| fits(*kind)) {
        return Ok(Seat::PartyOrg(*org));
    }
    match PartyOrgKind::ALL.iter().find(|kind| fits(**kind)) {
        Some(kind) => Err(RuleViolation::new(
            Rule::AppointmentUnitHasOrg,
            format!("a `{post}` is held in the unit's `{kind}`, and the unit has none on the day"),
        )),
        None => own.map(|()| Seat::Unit(unit)),
    }
}

/// Who holds an imported tenure: a recorded person, or a new one given with the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder<P, N> {
    Recorded(P),
    New(N),
}

/// Rule `appointment_person_form`: a row of a bulk import names its holder once, as a
/// single create names its `person_id`: a recorded person or a new one, never both (which
/// would be the holder?) and never neither (nobody would hold the post).
pub fn holder_named_once<P, N>(
    recorded: Option<P>,
    new: Option<N>,
) -> Result<Holder<P, N>, RuleViolation> {
    match (recorded, new) {
        (Some(p), None) => Ok(Holder::Recorded(p)),
        (None, Some(n)) => Ok(Holder::New(n)),
        (Some(_), Some(_)) => Err(RuleViolation::new(
            Rule::AppointmentPersonForm,
            "the row names both a `person_id` and a new `person`: name the holder once",
        )),
        (None, None) => Err(RuleViolation::new(
            Rule::AppointmentPersonForm,
            "the row names no holder: give a `person_id` or a new `person`",
        )),
    }
}

/// Whether a tenure gives way to a successor whose tenure starts on `day` (the term's
/// end): it started before that day and would still run on it.
pub fn gives_way_to_successor(tenure: &Validity, day: NaiveDate) -> bool {
    tenure.from < day && tenure.to.is_none_or(|end| end > day)
}

/// Rules `appointment_already_ended` and `valid_to_after_valid_from`: a tenure ends once,
/// after it starts. The tenure's new dates.
pub fn end(tenure: &Validity, ends_on: NaiveDate) -> Result<Validity, RuleViolation> {
    if let Some(ended) = tenure.to {
        return Err(RuleViolation::new(
            Rule::AppointmentAlreadyEnded,
            format!("the tenure already ended on {ended}"),
        ));
    }
    Validity::new(tenure.from, Some(ends_on))
}

/// Rule `interim_election_due` (rule 9): an election must follow an interim appointment
/// within 6 months, or 60 days after a removal. The day by which it is due.
pub fn election_due_by(interim_from: NaiveDate, after_removal: bool) -> NaiveDate {
    let due = if after_removal {
        interim_from.checked_add_days(chrono::Days::new(60))
    } else {
        interim_from.checked_add_months(chrono::Months::new(6))
    };
    due.unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(from: &str, to: Option<&str>) -> Validity {
        Validity::new(from.parse().unwrap(), to.map(|t| t.parse().unwrap())).unwrap()
    }

    #[test]
    fn two_concurrent_holders_are_refused_a_successor_is_not() {
        let held = [v("2020-01-10", Some("2022-06-05"))];
        assert!(!one_holder_per_post(&v("2021-01-01", None), &held).passed);
        assert!(!one_holder_per_post(&v("2019-01-01", Some("2020-01-11")), &held).passed);
        assert!(one_holder_per_post(&v("2022-06-05", None), &held).passed);
        assert!(one_holder_per_post(&v("2019-01-01", Some("2020-01-10")), &held).passed);
    }

    #[test]
    fn only_heads_are_interim_only_secretaries_designated() {
        assert!(basis_allowed(Post::VillageHead, Basis::Interim).passed);
        assert!(!basis_allowed(Post::CellSecretary, Basis::Interim).passed);
        assert!(basis_allowed(Post::CellSecretary, Basis::Designated).passed);
        assert!(!basis_allowed(Post::VillageHead, Basis::Designated).passed);
        assert!(basis_allowed(Post::DeputyVillageHead, Basis::Election).passed);
    }

    #[test]
    fn each_post_sits_where_it_belongs() {
        use PartyOrgKind::*;
        use UnitLevel::*;
        let table = [
            (Post::VillageHead, SeatKind::Unit(Village), true),
            (Post::VillageHead, SeatKind::Unit(Commune), false),
            (Post::DeputyVillageHead, SeatKind::Unit(Village), true),
            (Post::PeoplesCommitteeChair, SeatKind::Unit(Commune), true),
            (Post::PeoplesCouncilChair, SeatKind::Unit(Village), false),
            (Post::CellSecretary, SeatKind::PartyOrg(Cell), true),
            (Post::CellSecretary, SeatKind::Unit(Village), false),
            (Post::AgencyHead, SeatKind::PartyOrg(Cell), true),
            (
                Post::CommunePartySecretary,
                SeatKind::PartyOrg(GrassrootsCommittee),
                true,
            ),
            (Post::CommunePartySecretary, SeatKind::PartyOrg(Cell), false),
            (Post::VillageHead, SeatKind::PartyOrg(Cell), false),
        ];
        for (post, seat, ok) in table {
            let got = seat_fits(post, seat);
            assert_eq!(got.is_ok(), ok, "{post} in {seat:?}");
            if let Err(e) = got {
                assert_eq!(e.rule, Rule::AppointmentSeat);
            }
        }
    }

    #[test]
    fn a_post_named_by_its_unit_sits_in_the_unit_or_in_its_organisation() {
        use PartyOrgKind::*;
        use UnitLevel::*;
        let (unit, cell, other_cell, committee) =
            (UnitId(7), PartyOrgId(3), PartyOrgId(4), PartyOrgId(9));
        let orgs = [(cell, Cell), (other_cell, Cell)];
        assert_eq!(
            seat_in_unit(Post::VillageHead, unit, Village, &orgs),
            Ok(Seat::Unit(unit))
        );
        assert_eq!(
            seat_in_unit(Post::CellSecretary, unit, Village, &orgs),
            Ok(Seat::PartyOrg(cell)),
            "the first cell, as eligibility reads it"
        );
        assert_eq!(
            seat_in_unit(
                Post::CommunePartySecretary,
                unit,
                Commune,
                &[(committee, GrassrootsCommittee)]
            ),
            Ok(Seat::PartyOrg(committee))
        );
        let no_cell = seat_in_unit(Post::CellDeputySecretary, unit, Village, &[]).unwrap_err();
        assert_eq!(no_cell.rule, Rule::AppointmentUnitHasOrg);
        let wrong = seat_in_unit(
            Post::VillageHead,
            unit,
            Commune,
            &[(committee, GrassrootsCommittee)],
        );
        assert_eq!(wrong.unwrap_err().rule, Rule::AppointmentSeat);
    }

    #[test]
    fn an_imported_holder_is_named_exactly_once() {
        assert_eq!(
            holder_named_once::<i64, &str>(Some(4), None),
            Ok(Holder::Recorded(4))
        );
        assert_eq!(
            holder_named_once::<i64, &str>(None, Some("new")),
            Ok(Holder::New("new"))
        );
        for (recorded, new) in [(Some(4), Some("new")), (None, None)] {
            let err = holder_named_once(recorded, new).unwrap_err();
            assert_eq!(err.rule, Rule::AppointmentPersonForm);
        }
    }

    #[test]
    fn a_successor_replaces_only_what_runs_on_its_first_day() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let day = d("2022-06-05");
        assert!(gives_way_to_successor(&v("2020-01-08", None), day));
        assert!(gives_way_to_successor(
            &v("2020-01-08", Some("2022-06-06")),
            day
        ));
        assert!(!gives_way_to_successor(
            &v("2020-01-08", Some("2022-06-05")),
            day
        ));
        assert!(!gives_way_to_successor(&v("2022-06-05", None), day));
    }

    #[test]
    fn a_tenure_ends_once_and_after_it_starts() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let open = v("2020-01-08", None);
        assert_eq!(
            end(&open, d("2021-01-01")).unwrap().to,
            Some(d("2021-01-01"))
        );
        assert_eq!(
            end(&open, d("2020-01-08")).unwrap_err().rule,
            Rule::ValidToAfterValidFrom
        );
        let ended = v("2020-01-08", Some("2021-01-01"));
        let err = end(&ended, d("2022-01-01")).unwrap_err();
        assert_eq!(err.rule, Rule::AppointmentAlreadyEnded);
        assert!(err.rule.is_conflict());
    }

    #[test]
    fn elections_after_an_interim_are_due_in_six_months_or_sixty_days() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(election_due_by(d("2020-03-01"), false), d("2020-09-01"));
        assert_eq!(election_due_by(d("2020-03-01"), true), d("2020-04-30"));
    }
}
