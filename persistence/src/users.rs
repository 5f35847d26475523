//! Accounts that sign in, as stored. Passwords arrive here already hashed.

use chrono::NaiveDateTime;
use dantin_domain::access::{Account, Role};
use dantin_domain::{UnitId, UserId};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::users;
use crate::version;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
struct Row {
    id: UserId,
    username: String,
    password_hash: String,
    role: Role,
    unit_id: Option<UnitId>,
    #[allow(dead_code)]
    created_at: NaiveDateTime,
    coordinator: bool,
}

/// An account: who it is, its password hash, and what it may do.
#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub username: String,
    pub password_hash: String,
    pub account: Account,
    /// An officer who settles the differences between two entries of a minute (rule 23).
    pub coordinator: bool,
}

impl TryFrom<Row> for User {
    type Error = StoreError;

    /// The database forbids an officer without a unit; a row that has one anyway is
    /// corrupt, and never an account that reaches everything.
    fn try_from(r: Row) -> StoreResult<User> {
        let account = Account::new(r.role, r.unit_id)
            .map_err(|v| StoreError::Corrupt(format!("account {}: {}", r.id, v.detail)))?;
        Ok(User {
            id: r.id,
            username: r.username,
            password_hash: r.password_hash,
            account,
            coordinator: r.coordinator,
        })
    }
}

/// What the trail records of an account: never the password hash.
#[derive(Debug, Serialize)]
pub struct UserRecord<'a> {
    pub id: UserId,
    pub username: &'a str,
    pub role: Role,
    pub unit_id: Option<UnitId>,
    pub coordinator: bool,
}

impl User {
    pub fn record(&self) -> UserRecord<'_> {
        UserRecord {
            id: self.id,
            username: &self.username,
            role: self.account.role(),
            unit_id: self.account.unit(),
            coordinator: self.coordinator,
        }
    }
}

pub fn find_by_username(c: &mut Db, username: &str) -> StoreResult<Option<User>> {
    users::table
        .filter(users::username.eq(username))
        .select(Row::as_select())
        .first(c)
        .optional()?
        .map(User::try_from)
        .transpose()
}

pub fn find(c: &mut Db, id: UserId) -> StoreResult<Option<User>> {
    users::table
        .find(id.get())
        .select(Row::as_select())
        .first(c)
        .optional()?
        .map(User::try_from)
        .transpose()
}

pub fn insert(
    c: &mut Db,
    username: &str,
    password_hash: &str,
    (account, coordinator): (Account, bool),
) -> StoreResult<User> {
    let id: UserId = diesel::insert_into(users::table)
        .values((
            users::username.eq(username),
            users::password_hash.eq(password_hash),
            users::role.eq(account.role().as_str()),
            users::unit_id.eq(account.unit().map(UnitId::get)),
            users::created_at.eq(version::now()),
            users::coordinator.eq(coordinator),
        ))
        .returning(users::id)
        .get_result(c)?;
    find(c, id)?.ok_or_else(|| StoreError::Corrupt(format!("account {id} vanished while written")))
}
