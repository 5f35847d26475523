//! The monthly life of a cell (rules 24-25): a regular meeting (sinh hoạt thường kỳ) every
//! month (Chỉ thị 10-CT/TW 2007; Hướng dẫn 12-HD/BTCTW 2018) and a thematic meeting (sinh
//! hoạt chuyên đề) at least once a quarter (Hướng dẫn 12-HD/BTCTW 2018).

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::party_org::PartyOrgKind;
use crate::rate::percent;
use crate::rule::Rule;
use crate::string_enum::string_enum;
use crate::violation::Violations;
use crate::{PersonId, RuleViolation};

string_enum! {
    /// What a cell meeting was.
    pub enum MeetingKind {
        /// The month's meeting (sinh hoạt thường kỳ).
        Regular => "regular",
        /// A meeting on one topic (sinh hoạt chuyên đề): the village economy, security...
        Thematic => "thematic",
    }
}

/// A meeting as its minute records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub kind: MeetingKind,
    pub topic: Option<String>,
    /// Official members summoned, and those present.
    pub members_summoned: u32,
    pub members_present: u32,
    /// The upper-level cadres who attended (rule 26).
    pub cadres: Vec<PersonId>,
}

/// Rules `present_within_summoned`, `meeting_topic` (a thematic meeting names its topic, a
/// regular one has none: its agenda is the month's work) and `cadre_listed_once`.
pub fn check_meeting(m: &Meeting) -> Result<(), Violations> {
    let mut v = Violations::default();
    v.check(
        m.members_present <= m.members_summoned,
        Rule::PresentWithinSummoned,
        || {
            format!(
                "{} members present but {} summoned",
                m.members_present, m.members_summoned
            )
        },
    );
    let has_topic = m.topic.as_deref().is_some_and(|t| !t.trim().is_empty());
    v.check(
        has_topic == (m.kind == MeetingKind::Thematic),
        Rule::MeetingTopic,
        || match m.kind {
            MeetingKind::Thematic => "a thematic meeting names its topic".to_owned(),
            MeetingKind::Regular => "a regular meeting has no topic".to_owned(),
        },
    );
    let mut seen = HashSet::new();
    for cadre in m.cadres.iter().filter(|c| !seen.insert(**c)) {
        v.check(false, Rule::CadreListedOnce, || {
            format!("person {cadre} is listed more than once")
        });
    }
    v.into_result()
}

/// Rule `is_a_cell`: meetings and assignments are a cell's, not a committee's.
pub fn check_cell(kind: PartyOrgKind) -> Result<(), RuleViolation> {
    if kind == PartyOrgKind::Cell {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::IsACell,
            format!("the organisation is a {kind}, not a cell"),
        ))
    }
}

/// A calendar month, written `2025-03`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    /// 1 to 12.
    month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Self {
        Self {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Self {
        match self.month {
            12 => Self {
                year: self.year + 1,
                month: 1,
            },
            m => Self {
                year: self.year,
                month: m + 1,
            },
        }
    }

    pub fn quarter(self) -> Quarter {
        Quarter {
            year: self.year,
            quarter: (self.month - 1) / 3 + 1,
        }
    }

    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

impl std::str::FromStr for Month {
    type Err = ();

    /// `YYYY-MM`, years 1900 to 2199.
    fn from_str(s: &str) -> Result<Self, ()> {
        let (y, m) = s.split_once('-').ok_or(())?;
        if y.len() != 4 || m.len() != 2 {
            return Err(());
        }
        let year: i32 = y.parse().map_err(|_| ())?;
        let month: u32 = m.parse().map_err(|_| ())?;
        if !(1900..=2199).contains(&year) || !(1..=12).contains(&month) {
            return Err(());
        }
        Ok(Self { year, month })
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A calendar quarter, written `2025-Q2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    /// 1 to 4.
    quarter: u32,
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

/// The months a report covers, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Months {
    pub first: Month,
    pub last: Month,
}

/// The longest period a report covers: ten years of months.
pub const MAX_MONTHS: i64 = 120;

impl Months {
    /// `first` to `last`, when `last` is not before `first` and the span is at most
    /// `MAX_MONTHS` months.
    pub fn new(first: Month, last: Month) -> Option<Self> {
        let span = last.index() - first.index() + 1;
        (1..=MAX_MONTHS)
            .contains(&span)
            .then_some(Self { first, last })
    }

    pub fn first_day(self) -> NaiveDate {
        self.first.first_day()
    }

    pub fn last_day(self) -> NaiveDate {
        self.last.last_day()
    }

    pub fn iter(self) -> impl Iterator<Item = Month> {
        std::iter::successors(Some(self.first), move |m| {
            (*m < self.last).then(|| m.next())
        })
    }
}

/// How a cell lived over a period (rules 24-25). Only the months the cell existed through,
/// from the first day to the last, are judged, and a quarter only when every month of it
/// inside the period is: a cell founded on the 20th owes nothing for that month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellLife {
    /// The months judged.
    pub months: u32,
    /// Judged months with a meeting.
    pub months_met: u32,
    /// Rule 24: judged months without any meeting.
    pub months_missed: Vec<Month>,
    /// The quarters judged.
    pub quarters: u32,
    /// Rule 25: judged quarters without a thematic meeting.
    pub quarters_without_thematic: Vec<Quarter>,
}

impl CellLife {
    /// Rule `cell_meets_monthly`: it met in every judged month (and some month was judged).
    pub fn meets_monthly(&self) -> bool {
        self.months > 0 && self.months_missed.is_empty()
    }

    /// Rule `cell_thematic_quarterly`: a thematic meeting in every judged quarter (and
    /// some quarter was judged).
    pub fn thematic_quarterly(&self) -> bool {
        self.quarters > 0 && self.quarters_without_thematic.is_empty()
    }
}

/// Rules 24 and 25 counted over many cells: those judged (some month of the period was),
/// those that met monthly, those with a thematic meeting every quarter, and those that did
/// neither.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LifeTally {
    pub cells: u32,
    pub met_monthly: u32,
    pub thematic_quarterly: u32,
    pub neither: u32,
}

impl LifeTally {
    /// Counts a cell; one with no judged month is not counted.
    pub fn add(&mut self, life: &CellLife) {
        if life.months == 0 {
            return;
        }
        let (monthly, thematic) = (life.meets_monthly(), life.thematic_quarterly());
        self.cells += 1;
        self.met_monthly += u32::from(monthly);
        self.thematic_quarterly += u32::from(thematic);
        self.neither += u32::from(!monthly && !thematic);
    }

    pub fn met_monthly_percent(self) -> Option<f64> {
        percent(self.met_monthly, self.cells)
    }

    pub fn thematic_quarterly_percent(self) -> Option<f64> {
        percent(self.thematic_quarterly, self.cells)
    }
}

fn judged_quarters(period: Months, lived: impl Fn(Month) -> bool) -> Vec<Quarter> {
    let mut quarters: Vec<(Quarter, bool)> = Vec::new();
    for month in period.iter() {
        match quarters.last_mut() {
            Some((q, all)) if *q == month.quarter() => *all &= lived(month),
            _ => quarters.push((month.quarter(), lived(month))),
        }
    }
    quarters
        .into_iter()
        .filter_map(|(q, all)| all.then_some(q))
        .collect()
}

/// Rules 24 and 25 over `period` for a cell in force from `from` until `to` (the first
/// day no longer in force; none: still in force) that held `meetings`. Every meeting counts for its month: Hướng dẫn
/// 12-HD/BTCTW lets a cell hold its thematic meeting at the month's regular one.
pub fn judge(
    period: Months,
    (from, to): (NaiveDate, Option<NaiveDate>),
    meetings: &[(NaiveDate, MeetingKind)],
) -> CellLife {
    let lived = |m: Month| from <= m.first_day() && to.is_none_or(|to| m.last_day() < to);
    let met: HashSet<Month> = meetings.iter().map(|(d, _)| Month::of(*d)).collect();
    let thematic: HashSet<Quarter> = meetings
        .iter()
        .filter(|(_, k)| *k == MeetingKind::Thematic)
        .map(|(d, _)| Month::of(*d).quarter())
        .collect();
    let judged: Vec<Month> = period.iter().filter(|m| lived(*m)).collect();
    let months_missed: Vec<Month> = judged
        .iter()
        .copied()
        .filter(|m| !met.contains(m))
        .collect();
    let quarters = judged_quarters(period, lived);
    CellLife {
        months: judged.len() as u32,
        months_met: (judged.len() - months_missed.len()) as u32,
        months_missed,
        quarters: quarters.len() as u32,
        quarters_without_thematic: quarters
            .into_iter()
            .filter(|q| !thematic.contains(q))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeetingKind::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn year_2025() -> Months {
        Months::new("2025-01".parse().unwrap(), "2025-12".parse().unwrap()).unwrap()
    }

    /// A meeting on the 5th of each listed month, thematic in the months listed so.
    fn meetings(regular: &[u32], thematic: &[u32]) -> Vec<(NaiveDate, MeetingKind)> {
        let on = |m: u32| NaiveDate::from_ymd_opt(2025, m, 5).unwrap();
        regular
            .iter()
            .map(|m| (on(*m), Regular))
            .chain(thematic.iter().map(|m| (on(*m), Thematic)))
            .collect()
    }

    const ALWAYS: (NaiveDate, Option<NaiveDate>) = (NaiveDate::MIN, None);

    #[test]
    fn eleven_months_of_twelve_is_not_monthly() {
        let all: Vec<u32> = (1..=12).collect();
        let life = judge(year_2025(), ALWAYS, &meetings(&all, &[2, 5, 8, 11]));
        assert!(life.meets_monthly() && life.thematic_quarterly());
        assert_eq!(life.quarters, 4);
        assert_eq!((life.months, life.months_met), (12, 12));

        let but_july: Vec<u32> = (1..=12).filter(|m| *m != 7).collect();
        let life = judge(year_2025(), ALWAYS, &meetings(&but_july, &[2, 5, 8, 11]));
        assert!(!life.meets_monthly());
        assert_eq!(life.months_met, 11);
        assert_eq!(life.months_missed, ["2025-07".parse().unwrap()]);
    }

    #[test]
    fn a_quarter_without_a_thematic_meeting_is_named() {
        let all: Vec<u32> = (1..=12).collect();
        let life = judge(year_2025(), ALWAYS, &meetings(&all, &[1, 7, 12]));
        assert!(life.meets_monthly());
        assert!(!life.thematic_quarterly());
        let named: Vec<String> = life
            .quarters_without_thematic
            .iter()
            .map(|q| q.to_string())
            .collect();
        assert_eq!(named, ["2025-Q2"]);
    }

    #[test]
    fn a_thematic_meeting_counts_for_its_month() {
        let life = judge(year_2025(), ALWAYS, &meetings(&[1, 2], &[3]));
        assert_eq!(life.months_met, 3);
        assert!(life
            .quarters_without_thematic
            .iter()
            .all(|q| q.quarter != 1));
    }

    #[test]
    fn only_the_months_a_cell_lived_through_are_judged() {
        // Founded on 20 March, no longer in force from 15 November: April to October
        // are judged.
        let life = judge(
            year_2025(),
            (day("2025-03-20"), Some(day("2025-11-15"))),
            &meetings(&[4, 5, 6, 7, 8, 9, 10], &[5, 8]),
        );
        assert_eq!(life.months, 7);
        assert!(life.meets_monthly());
        // Q2 and Q3 are judged whole; Q1 and Q4 are not.
        assert_eq!(life.quarters, 2);
        assert!(life.thematic_quarterly());
        let never = judge(year_2025(), (day("2030-01-01"), None), &[]);
        assert!(!never.meets_monthly() && !never.thematic_quarterly());
    }

    #[test]
    fn a_meeting_is_checked_as_its_minute_reads() {
        let ok = Meeting {
            kind: Thematic,
            topic: Some("Phát triển kinh tế thôn".to_owned()),
            members_summoned: 30,
            members_present: 28,
            cadres: vec![PersonId(1), PersonId(2)],
        };
        assert!(check_meeting(&ok).is_ok());
        let bad = Meeting {
            kind: Thematic,
            topic: Some("  ".to_owned()),
            members_present: 31,
            cadres: vec![PersonId(1), PersonId(1)],
            ..ok.clone()
        };
        let rules: Vec<Rule> = check_meeting(&bad)
            .unwrap_err()
            .0
            .iter()
            .map(|v| v.rule)
            .collect();
        assert_eq!(
            rules,
            [
                Rule::PresentWithinSummoned,
                Rule::MeetingTopic,
                Rule::CadreListedOnce
            ]
        );
        let regular_with_topic = Meeting {
            kind: Regular,
            ..ok
        };
        assert_eq!(
            check_meeting(&regular_with_topic).unwrap_err().0[0].rule,
            Rule::MeetingTopic
        );
    }

    #[test]
    fn cells_are_tallied_by_what_they_did() {
        let all: Vec<u32> = (1..=12).collect();
        let mut t = LifeTally::default();
        t.add(&judge(year_2025(), ALWAYS, &meetings(&all, &[2, 5, 8, 11])));
        t.add(&judge(year_2025(), ALWAYS, &meetings(&all, &[2])));
        t.add(&judge(year_2025(), ALWAYS, &meetings(&[1, 2], &[])));
        t.add(&judge(year_2025(), (day("2030-01-01"), None), &[]));
        assert_eq!(
            t,
            LifeTally {
                cells: 3,
                met_monthly: 2,
                thematic_quarterly: 1,
                neither: 1
            }
        );
        assert_eq!(t.met_monthly_percent(), Some(66.7));
        assert_eq!(t.thematic_quarterly_percent(), Some(33.3));
    }

    #[test]
    fn only_cells_meet() {
        assert!(check_cell(PartyOrgKind::Cell).is_ok());
        let err = check_cell(PartyOrgKind::GrassrootsCommittee).unwrap_err();
        assert_eq!(err.rule, Rule::IsACell);
    }

    #[test]
    fn months_parse_and_spans_are_bounded() {
        assert_eq!("2025-03".parse::<Month>().unwrap().to_string(), "2025-03");
        for bad in ["2025-3", "2025-13", "25-03", "2025/03", "1899-12"] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
        let m = |s: &str| s.parse::<Month>().unwrap();
        assert!(Months::new(m("2025-02"), m("2025-01")).is_none());
        assert!(Months::new(m("2015-01"), m("2024-12")).is_some());
        assert!(Months::new(m("2015-01"), m("2025-01")).is_none());
        assert_eq!(m("2024-02").last_day(), day("2024-02-29"));
        assert_eq!(m("2025-12").next(), m("2026-01"));
    }
}
