//! Which units a query covers: a unit and everything under it (on the latest map, or on
//! the map of a day), or a list of units. One recursive query, the same on both backends,
//! finds a subtree.

use std::collections::HashMap;

use chrono::NaiveDate;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::{PartyOrgId, UnitId};
use diesel::prelude::*;

use crate::db::Db;
use crate::error::StoreResult;
use crate::in_force::in_force_sql;
use crate::schema::{party_orgs, units};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The unit and every unit under it on the latest map (what an officer's area is).
    Subtree(UnitId),
    /// The unit and every unit under it on the map of a day.
    SubtreeOn(UnitId, NaiveDate),
    /// Every unit on the map of a day: the whole country.
    AllOn(NaiveDate),
    Units(Vec<UnitId>),
}

/// A boolean SQL condition, for the filters written as SQL text.
pub fn sql(condition: String) -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql::<diesel::sql_types::Bool>(&condition)
}

/// SQL that keeps rows whose `column` is one of `ids` (written as numbers: only integers
/// enter the statement).
pub fn in_list(column: &str, ids: impl IntoIterator<Item = i64>) -> String {
    let list: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    if list.is_empty() {
        return "1 = 0".to_owned();
    }
    format!("{column} IN ({})", list.join(", "))
}

impl Scope {
    /// SQL that keeps rows whose `column` names a unit in scope.
    pub fn sql(&self, column: &str) -> String {
        match self {
            Scope::Subtree(root) => format!(
                "{column} IN (WITH RECURSIVE subtree(id) AS (SELECT id FROM units WHERE id = {root} \
                 UNION ALL SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id) SELECT id FROM subtree)"
            ),
            Scope::SubtreeOn(root, day) => format!(
                "{column} IN ({} SELECT id FROM sub)",
                walk_down(&format!("id = {root}"), *day)
            ),
            Scope::AllOn(day) => format!(
                "{column} IN (SELECT v.unit_id FROM unit_versions v WHERE {})",
                in_force_sql("v", *day)
            ),
            Scope::Units(ids) => in_list(column, ids.iter().map(|id| id.get())),
        }
    }

    /// Everything under `root` on the map of `day`; everything on it when there is no root.
    pub fn under(root: Option<UnitId>, day: NaiveDate) -> Scope {
        match root {
            Some(root) => Scope::SubtreeOn(root, day),
            None => Scope::AllOn(day),
        }
    }

    /// SQL that keeps rows whose `column` names a Party organisation of a unit in scope.
    pub fn orgs_sql(&self, column: &str) -> String {
        format!(
            "{column} IN (SELECT id FROM party_orgs WHERE {})",
            self.sql("party_orgs.unit_id")
        )
    }

    /// SQL that keeps tenures (under `alias`) held in scope: a unit's post in a unit of
    /// it, a Party post in an organisation of one.
    pub fn seats_sql(&self, alias: &str) -> String {
        format!(
            "({} OR {})",
            self.sql(&format!("{alias}.unit_id")),
            self.orgs_sql(&format!("{alias}.party_org_id"))
        )
    }

    /// The same scope as an exact list of unit ids, looked up once. Statements filtered by
    /// the list are planned for its true size: PostgreSQL misjudges a recursive query's
    /// and would walk whole tables (measured by `make bench`). The whole country stays a
    /// plain condition, which both planners judge right.
    pub fn resolved(self, c: &mut Db) -> StoreResult<Scope> {
        match self {
            Scope::Subtree(_) | Scope::SubtreeOn(..) => Ok(Scope::Units(self.ids(c)?)),
            listed @ (Scope::AllOn(_) | Scope::Units(_)) => Ok(listed),
        }
    }

    /// The ids of the units in scope.
    pub fn ids(&self, c: &mut Db) -> StoreResult<Vec<UnitId>> {
        Ok(units::table
            .filter(sql(self.sql("units.id")))
            .select(units::id)
            .load(c)?)
    }

    /// The ids of the Party organisations of the units in scope, of `kind` if given.
    pub fn orgs(&self, c: &mut Db, kind: Option<PartyOrgKind>) -> StoreResult<Vec<PartyOrgId>> {
        let mut q = party_orgs::table
            .filter(sql(self.sql("party_orgs.unit_id")))
            .select(party_orgs::id)
            .into_boxed();
        if let Some(kind) = kind {
            q = q.filter(party_orgs::kind.eq(kind.as_str()));
        }
        Ok(q.load(c)?)
    }
}

/// The walk down the map of `day` from the units where `roots` holds: the common table
/// `sub(id, top)` of every unit reached, the roots included, with the root it lies under.
fn walk_down(roots: &str, day: NaiveDate) -> String {
    format!(
        "WITH RECURSIVE sub(id, top) AS (SELECT id, id FROM units WHERE {roots} \
         UNION ALL SELECT v.unit_id, s.top FROM unit_versions v JOIN sub s ON v.parent_id = s.id \
         WHERE {})",
        in_force_sql("v", day)
    )
}

/// For each unit under one of `roots` on the map of `day`, the roots included, the root
/// it lies under: one recursive query for many subtrees.
pub fn subtrees(
    c: &mut Db,
    roots: &[UnitId],
    day: NaiveDate,
) -> StoreResult<HashMap<UnitId, UnitId>> {
    #[derive(QueryableByName)]
    struct Under {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        top: i64,
    }
    let roots = in_list("units.id", roots.iter().map(|r| r.get()));
    let query = format!("{} SELECT id, top FROM sub", walk_down(&roots, day));
    Ok(diesel::sql_query(query)
        .load::<Under>(c)?
        .into_iter()
        .map(|u| (UnitId(u.id), UnitId(u.top)))
        .collect())
}

/// The unit's id, its parent's, and so on up to the top: what an area is checked on.
/// Empty when the unit does not exist.
pub fn ancestry(c: &mut Db, id: UnitId) -> StoreResult<Vec<UnitId>> {
    let mut chain = Vec::new();
    let mut current = Some(id);
    // Four tiers at most; the bound only guards against a cycle in corrupt data.
    for _ in 0..8 {
        let Some(unit) = current else { break };
        let parent: Option<Option<UnitId>> = units::table
            .find(unit.get())
            .select(units::parent_id)
            .first(c)
            .optional()?;
        let Some(parent) = parent else { break };
        chain.push(unit);
        current = parent;
    }
    Ok(chain)
}

/// The unit's id, its parent's on `day`, and so on up to the top of that day's map: whose
/// province's rules and calendar applied there that day. Where a unit was not in force
/// that day, the chain goes on by its latest parent.
pub fn ancestry_on(c: &mut Db, id: UnitId, day: NaiveDate) -> StoreResult<Vec<UnitId>> {
    use crate::in_force::in_force_on;
    use crate::schema::unit_versions;
    let mut chain = Vec::new();
    let mut current = Some(id);
    // Four tiers at most; the bound only guards against a cycle in corrupt data.
    for _ in 0..8 {
        let Some(unit) = current else { break };
        let on_day: Option<Option<UnitId>> = unit_versions::table
            .filter(unit_versions::unit_id.eq(unit.get()))
            .filter(in_force_on(
                unit_versions::valid_from,
                unit_versions::valid_to,
                day,
            ))
            .select(unit_versions::parent_id)
            .first(c)
            .optional()?;
        let parent = match on_day {
            Some(parent) => Some(parent),
            None => units::table
                .find(unit.get())
                .select(units::parent_id)
                .first(c)
                .optional()?,
        };
        let Some(parent) = parent else { break };
        chain.push(unit);
        current = parent;
    }
    Ok(chain)
}
