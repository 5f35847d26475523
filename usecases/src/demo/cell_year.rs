//! The demo's year in the life of its cells (rules 24-26), in the manner of Quan Sơn's
//! "3+1": every demo cell holds its regular meeting each month of 2024 and a thematic
//! meeting each quarter, and upper-level cadres are assigned to attend them. The cadres,
//! their posts and who missed which meeting are made up for the demo; the reports then read
//! like Quan Sơn's ("94/94 cells met every month", cadres commended for attendance) and
//! flag one cadre who missed too many.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::cadre::Span;
use dantin_domain::cell_meeting::{Meeting, MeetingKind};
use dantin_domain::person::{Gender, PartyStatus};
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use dantin_persistence::cadre_assignments::NewAssignment;
use dantin_persistence::Db;

use super::data::{Ymd, TERM_2020};
use super::{date, lookup};
use crate::cadre_assignments;
use crate::caller::Caller;
use crate::cell_meetings::{self, NewMeeting};
use crate::error::Result;
use crate::persons::{self, NewPerson, PersonFields};

/// The year the demo's cells meet through.
const YEAR: i32 = 2024;

/// The thematic meeting of each quarter (rule 25): its month and topic; it is held on the
/// 20th, the month's regular meeting on the 5th.
const THEMATIC: &[(u32, &str)] = &[
    (2, "Phát triển kinh tế đồi rừng"),
    (5, "Giữ gìn an ninh trật tự thôn"),
    (8, "Xây dựng nông thôn mới"),
    (11, "Công tác dân vận ở khu dân cư"),
];

/// An upper-level cadre assigned to attend some cells' meetings for the whole year. Made
/// up: name, birth date, post and the months missed are illustrative.
struct CadreSeed {
    full_name: &'static str,
    gender: Gender,
    birth_date: Ymd,
    /// Where the cadre lives and the committee they belong to, by the demo unit's name.
    home: &'static str,
    post: &'static str,
    /// The villages whose cells the cadre attends.
    villages: &'static [&'static str],
    /// The months whose regular meeting the cadre missed, in every cell assigned.
    missed: &'static [u32],
}

const CADRES: &[CadreSeed] = &[
    CadreSeed {
        full_name: "Hoàng Văn Lực",
        gender: Gender::Male,
        birth_date: (1971, 4, 12),
        home: "Huyện Ba Chẽ",
        post: "Ủy viên Ban Thường vụ Huyện ủy Ba Chẽ",
        villages: &["Thôn Nam Hả Trong", "Thôn Nam Hả Ngoài"],
        missed: &[],
    },
    CadreSeed {
        full_name: "Triệu Thị Mai",
        gender: Gender::Female,
        birth_date: (1976, 8, 3),
        home: "Huyện Ba Chẽ",
        post: "Trưởng Ban Dân vận Huyện ủy Ba Chẽ",
        villages: &["Thôn Khe Tâm", "Khu phố II"],
        missed: &[],
    },
    CadreSeed {
        full_name: "Phạm Minh Tâm",
        gender: Gender::Male,
        birth_date: (1973, 1, 25),
        home: "Tỉnh Quảng Ninh",
        post: "Ủy viên Ban Chấp hành Đảng bộ tỉnh",
        villages: &["Khu 6", "Khu 1"],
        missed: &[3, 4, 6, 7, 9, 10, 12],
    },
];

/// How many meetings and assignments the year wrote.
pub(super) struct Written {
    pub(super) cadres: usize,
    pub(super) meetings: usize,
    pub(super) assignments: usize,
}

fn day(month: u32, day: u32) -> Result<NaiveDate> {
    date((YEAR, month, day))
}

/// Records the cadres, their assignments, and every cell's meetings of the year, as the
/// demo's admin. `placed` maps a demo unit's name to it and its organisation.
pub(super) fn record(
    c: &mut Db,
    demo: &Caller,
    placed: &HashMap<&str, (UnitId, PartyOrgId)>,
) -> Result<Written> {
    // The cadres who attend each cell, and the months each misses there.
    let mut attending: HashMap<PartyOrgId, Vec<(PersonId, &[u32])>> = HashMap::new();
    let mut assignments = 0;
    for s in CADRES {
        let (home, committee) = *lookup(placed, "unit", s.home)?;
        let person = persons::create_in(
            c,
            demo,
            NewPerson {
                fields: PersonFields {
                    full_name: s.full_name.to_owned(),
                    gender: s.gender,
                    birth_date: date(s.birth_date)?,
                    residence_unit_id: home,
                    party_status: PartyStatus::Official,
                    party_org_id: Some(committee),
                    ethnicity: None,
                    id_number: None,
                    address: None,
                },
                party_status_since: None,
            },
        )?;
        for village in s.villages {
            let (_, cell) = *lookup(placed, "unit", village)?;
            cadre_assignments::assign_in(
                c,
                demo,
                NewAssignment {
                    person_id: person.id,
                    cell_id: cell,
                    post: s.post.to_owned(),
                    span: Span {
                        starts_on: day(1, 1)?,
                        ends_on: Some(day(12, 31)?),
                    },
                },
            )?;
            assignments += 1;
            attending
                .entry(cell)
                .or_default()
                .push((person.id, s.missed));
        }
    }

    let mut meetings = 0;
    for seed in TERM_2020 {
        let (_, cell) = *lookup(placed, "unit", seed.village)?;
        let cadres = attending.get(&cell).map(Vec::as_slice).unwrap_or_default();
        let thematic = THEMATIC.iter().map(|&(m, topic)| (m, 20, Some(topic)));
        for (month, on, topic) in (1..=12).map(|m| (m, 5, None)).chain(thematic) {
            let regular = topic.is_none();
            let meeting = Meeting {
                kind: if regular {
                    MeetingKind::Regular
                } else {
                    MeetingKind::Thematic
                },
                topic: topic.map(str::to_owned),
                members_summoned: seed.members_summoned,
                // One member away every third month.
                members_present: seed.members_summoned - u32::from(month % 3 == 0),
                cadres: cadres
                    .iter()
                    .filter(|(_, missed)| !(regular && missed.contains(&month)))
                    .map(|(person, _)| *person)
                    .collect(),
            };
            cell_meetings::record_in(
                c,
                demo,
                NewMeeting {
                    cell_id: cell,
                    held_on: day(month, on)?,
                    meeting,
                },
            )?;
            meetings += 1;
        }
    }
    Ok(Written {
        cadres: CADRES.len(),
        meetings,
        assignments,
    })
}
