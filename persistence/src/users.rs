//! Accounts that sign in. Passwords arrive here already hashed.

use chrono::NaiveDateTime;
use dantin_domain::access::Role;
use dantin_domain::RuleViolation;
use diesel::prelude::*;
use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::db::Db;
use crate::error::{StoreError, StoreResult};
use crate::schema::users;
use crate::{units, version};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub unit_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// What the trail records of an account: never the password hash.
#[derive(Serialize)]
struct UserRecord<'a> {
    id: i64,
    username: &'a str,
    role: Role,
    unit_id: Option<i64>,
}

pub struct NewUser {
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    pub unit_id: Option<i64>,
}

pub fn find_by_username(c: &mut Db, username: &str) -> StoreResult<Option<User>> {
    Ok(users::table
        .filter(users::username.eq(username))
        .select(User::as_select())
        .first(c)
        .optional()?)
}

pub fn get(c: &mut Db, id: i64) -> StoreResult<Option<User>> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(c)
        .optional()?)
}

/// Creates an account: an officer must name the unit it works in; other roles name none.
pub fn create(c: &mut Db, actor: &Actor, new: NewUser) -> StoreResult<User> {
    let needs_unit = new.role == Role::Officer;
    if needs_unit != new.unit_id.is_some() {
        return Err(RuleViolation::new(
            "officer_has_unit",
            "an officer names the unit it works in; admins and auditors name none",
        )
        .into());
    }
    if let Some(unit) = new.unit_id {
        units::get(c, unit)?;
    }
    if find_by_username(c, &new.username)?.is_some() {
        return Err(StoreError::Conflict {
            code: "username_taken",
            detail: format!("an account named `{}` exists", new.username),
        });
    }
    let user: User = diesel::insert_into(users::table)
        .values((
            users::username.eq(&new.username),
            users::password_hash.eq(&new.password_hash),
            users::role.eq(new.role.as_str()),
            users::unit_id.eq(new.unit_id),
            users::created_at.eq(version::now()),
        ))
        .returning(users::all_columns)
        .get_result(c)?;
    audit::append(
        c,
        actor,
        Change::<(), _> {
            action: "user.create",
            entity_type: "user",
            entity_id: Some(user.id),
            before: None,
            after: Some(&UserRecord {
                id: user.id,
                username: &user.username,
                role: user.role,
                unit_id: user.unit_id,
            }),
        },
    )?;
    Ok(user)
}
