//! Accounts that sign in: created from the command line, looked up at sign-in and on
//! every request that carries a token.

use dantin_domain::access::{check_coordinator, check_username_free, Account, Role};
use dantin_domain::{UnitId, UserId};
use dantin_persistence::audit::{self, Change};
use dantin_persistence::users;
use dantin_persistence::{units, Db, Store};

pub use dantin_persistence::users::User;

use crate::caller::Caller;
use crate::clock::today;
use crate::error::Record;
use crate::error::{Error, Result};

/// The account signing in under `username`, if any (the caller checks the password).
pub fn by_username(store: &Store, username: &str) -> Result<Option<User>> {
    Ok(store.read(|c| users::find_by_username(c, username))?)
}

/// The account a token names, as it is now (it may have been removed since).
pub fn by_id(store: &Store, id: UserId) -> Result<Option<User>> {
    Ok(store.read(|c| users::find(c, id))?)
}

/// A new account, with its password already hashed.
pub struct NewAccount {
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    /// An officer who settles the differences between two entries of a minute (rule 23).
    pub coordinator: bool,
}

/// Creates an account; an officer names its unit by official code, in force today.
pub fn create(
    store: &Store,
    caller: &Caller,
    new: NewAccount,
    unit_code: Option<&str>,
) -> Result<User> {
    caller.write(store, |c| {
        let unit = match unit_code {
            None => None,
            Some(code) => Some(
                units::find_by_code_on(c, code, today())?
                    .ok_or(Error::NotFound(Record::UnitCode))?
                    .id,
            ),
        };
        create_in(c, caller, new, unit)
    })
}

pub(crate) fn create_in(
    c: &mut Db,
    caller: &Caller,
    new: NewAccount,
    unit: Option<UnitId>,
) -> Result<User> {
    caller.require_admin()?;
    let account = Account::new(new.role, unit)?;
    check_coordinator(account, new.coordinator)?;
    if let Some(unit) = unit {
        units::find(c, unit)?.ok_or(Error::NotFound(Record::Unit))?;
    }
    let taken = users::find_by_username(c, &new.username)?.is_some();
    check_username_free(taken, &new.username)?;
    let user = users::insert(
        c,
        &new.username,
        &new.password_hash,
        (account, new.coordinator),
    )?;
    audit::append(
        c,
        caller.actor(),
        Change::created("user.create", "user", user.id.get(), &user.record()),
    )?;
    Ok(user)
}
