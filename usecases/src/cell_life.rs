//! The reports on the cells' life, for an area (or the country) and a period of months:
//! which cells met every month and held a thematic meeting every quarter (rules 24-25),
//! and how the assigned cadres attended (rule 26). Public: counts, unit and cell names,
//! and cadres by name and post.

use std::collections::{BTreeMap, HashMap};

use dantin_domain::cadre::Attendance;
use dantin_domain::cell_meeting::{judge, CellLife, LifeTally, MeetingKind, Months};
use dantin_domain::rule_set::Share;
use dantin_domain::unit::UnitLevel;
use dantin_domain::{PartyOrgId, PersonId, UnitId};
use dantin_persistence::cadre_assignments::{self, Assignment};
use dantin_persistence::cell_life::{self, Cell, Held};
use dantin_persistence::cell_meetings;
use dantin_persistence::scope::{subtrees, Scope};
use dantin_persistence::units::{self, Unit, UnitFilter};
use dantin_persistence::{Db, Store, Window};

use crate::error::Result;
use crate::lookup::unit_on;
use crate::rule_sets;

/// What every report on an area's cells starts from: the unit (none: the country), its
/// children on the map of the period's last day (the provinces, for the country), and the
/// cells of the area in force during the period with the child each lies under.
struct Area {
    unit: Option<Unit>,
    children: Vec<Unit>,
    cells: Vec<(Cell, Option<UnitId>)>,
}

fn area(c: &mut Db, unit: Option<UnitId>, period: Months) -> Result<Area> {
    let day = period.last_day();
    let unit = unit.map(|u| unit_on(c, u, day)).transpose()?;
    let root = unit.as_ref().map(|u| u.id);
    let children = units::list(
        c,
        &UnitFilter {
            parent_id: root,
            level: root.is_none().then_some(UnitLevel::Province),
            ..UnitFilter::on(day)
        },
        Window::ALL,
    )?;
    let ids: Vec<UnitId> = children.iter().map(|u| u.id).collect();
    let under = subtrees(c, &ids, day)?;
    let scope = Scope::under(root, day).resolved(c)?;
    let cells = cell_life::cells(c, &scope, (period.first_day(), day))?
        .into_iter()
        .map(|cell| {
            let child = cell.unit_id.and_then(|u| under.get(&u).copied());
            (cell, child)
        })
        .collect();
    Ok(Area {
        unit,
        children,
        cells,
    })
}

/// The meetings each cell held in the period.
fn held_by_cell(
    c: &mut Db,
    cells: &[(Cell, Option<UnitId>)],
    period: Months,
) -> Result<HashMap<PartyOrgId, Vec<Held>>> {
    let ids: Vec<PartyOrgId> = cells.iter().map(|(cell, _)| cell.id).collect();
    let mut by_cell: HashMap<PartyOrgId, Vec<Held>> = HashMap::new();
    for h in cell_life::held(c, &ids, (period.first_day(), period.last_day()))? {
        by_cell.entry(h.cell_id).or_default().push(h);
    }
    Ok(by_cell)
}

/// One cell's row: how it lived over the period.
#[derive(Debug, Clone, PartialEq)]
pub struct CellRow {
    pub cell: Cell,
    pub life: CellLife,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingsReport {
    /// The unit reported on; `None` for the whole country.
    pub unit: Option<Unit>,
    pub period: Months,
    pub total: LifeTally,
    /// A row per child unit (per province for the country).
    pub children: Vec<(Unit, LifeTally)>,
    pub cells: Vec<CellRow>,
}

/// Rules 24-25 for the cells of `unit`'s subtree (the country without a unit) on the map
/// of the period's last day, where the unit must be in force.
pub fn meetings(store: &Store, unit: Option<UnitId>, period: Months) -> Result<MeetingsReport> {
    store.read(|c| {
        let area = area(c, unit, period)?;
        let mut held = held_by_cell(c, &area.cells, period)?;
        let mut total = LifeTally::default();
        let mut per_child: HashMap<UnitId, LifeTally> = HashMap::new();
        let mut cells = Vec::with_capacity(area.cells.len());
        for (cell, child) in area.cells {
            let days: Vec<(chrono::NaiveDate, MeetingKind)> = held
                .remove(&cell.id)
                .unwrap_or_default()
                .into_iter()
                .map(|h| (h.on, h.kind))
                .collect();
            let life = judge(period, (cell.valid_from, cell.valid_to), &days);
            total.add(&life);
            if let Some(child) = child {
                per_child.entry(child).or_default().add(&life);
            }
            cells.push(CellRow { cell, life });
        }
        let children = area
            .children
            .into_iter()
            .map(|u| {
                let tally = per_child.remove(&u.id).unwrap_or_default();
                (u, tally)
            })
            .collect();
        Ok(MeetingsReport {
            unit: area.unit,
            period,
            total,
            children,
            cells,
        })
    })
}

/// A cadre's attendance over every cell assigned in the area.
#[derive(Debug, Clone, PartialEq)]
pub struct CadreRow {
    pub person_id: PersonId,
    pub name: String,
    /// The post of the cadre's latest assignment.
    pub post: String,
    pub attendance: Attendance,
}

/// An assignment whose cadre missed more than the province's share (rule 26).
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    pub cell: Cell,
    pub assignment: Assignment,
    pub attendance: Attendance,
    /// The province's share past which a cadre is flagged.
    pub flag: Share,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceReport {
    pub unit: Option<Unit>,
    pub period: Months,
    pub total: Attendance,
    pub cadres: Vec<CadreRow>,
    /// A row per child unit (per province for the country).
    pub children: Vec<(Unit, Attendance)>,
    pub flagged: Vec<Flagged>,
}

/// Rule 26 for the cells of `unit`'s subtree (the country without a unit) over the
/// period: each assignment counts the meetings its cell held while it ran, and those the
/// cadre attended.
pub fn attendance(store: &Store, unit: Option<UnitId>, period: Months) -> Result<AttendanceReport> {
    store.read(|c| {
        let area = area(c, unit, period)?;
        let ids: Vec<PartyOrgId> = area.cells.iter().map(|(cell, _)| cell.id).collect();
        let assignments =
            cadre_assignments::to_cells_between(c, &ids, (period.first_day(), period.last_day()))?;
        let mut held = held_by_cell(c, &area.cells, period)?;
        held.retain(|cell, _| assignments.iter().any(|a| a.cell_id == *cell));
        let attended = cell_meetings::attending(c, held.values().flatten().map(|h| h.id))?;
        let cells: HashMap<PartyOrgId, (Cell, Option<UnitId>)> = area
            .cells
            .into_iter()
            .map(|(cell, child)| (cell.id, (cell, child)))
            .collect();
        let mut total = Attendance::default();
        let mut per_child: HashMap<UnitId, Attendance> = HashMap::new();
        let mut per_cadre: BTreeMap<PersonId, CadreRow> = BTreeMap::new();
        let mut flagged = Vec::new();
        let mut flags: HashMap<UnitId, Share> = HashMap::new();
        for assignment in assignments {
            let Some((cell, child)) = cells.get(&assignment.cell_id) else {
                continue;
            };
            let mut a = Attendance::default();
            for h in held.get(&cell.id).into_iter().flatten() {
                if assignment.span.contains(h.on) {
                    let present = attended
                        .get(&h.id)
                        .is_some_and(|cadres| cadres.contains(&assignment.person_id));
                    a.add(present);
                }
            }
            total.merge(a);
            if let Some(child) = child {
                per_child.entry(*child).or_default().merge(a);
            }
            let row = per_cadre
                .entry(assignment.person_id)
                .or_insert_with(|| CadreRow {
                    person_id: assignment.person_id,
                    name: assignment.name.clone(),
                    post: assignment.post.clone(),
                    attendance: Attendance::default(),
                });
            row.post.clone_from(&assignment.post);
            row.attendance.merge(a);
            if let Some(unit) = cell.unit_id {
                let flag = match flags.get(&unit) {
                    Some(flag) => *flag,
                    None => {
                        let flag =
                            rule_sets::for_unit(c, unit, period.last_day())?.cadre_missed_flag;
                        flags.insert(unit, flag);
                        flag
                    }
                };
                if a.flagged(flag) {
                    flagged.push(Flagged {
                        cell: cell.clone(),
                        assignment,
                        attendance: a,
                        flag,
                    });
                }
            }
        }
        let children = area
            .children
            .into_iter()
            .map(|u| {
                let a = per_child.remove(&u.id).unwrap_or_default();
                (u, a)
            })
            .collect();
        Ok(AttendanceReport {
            unit: area.unit,
            period,
            total,
            cadres: per_cadre.into_values().collect(),
            children,
            flagged,
        })
    })
}
