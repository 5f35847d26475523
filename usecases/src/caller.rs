//! Who is calling, and the checks of its role and area. Every area check takes the write's
//! own connection, so that it runs inside the write's transaction: a unit cannot leave the
//! caller's area between the check and the write.

use dantin_domain::access::{may_coordinate, Account, Reach};
use dantin_domain::UnitId;
use dantin_persistence::scope::ancestry;
use dantin_persistence::{Actor, Db, Store};

use crate::error::Denial;
use crate::error::{Error, Result};
use crate::idempotency::{self, KeyedRequest};

/// A signed-in account (or the service itself) and what the audit trail records of it.
#[derive(Debug, Clone)]
pub struct Caller {
    account: Account,
    /// Granted the `coordinator` capability (rule 23).
    coordinator: bool,
    actor: Actor,
    /// The `Idempotency-Key` of the request, whose answer its write keeps.
    keyed: Option<KeyedRequest>,
}

impl Caller {
    pub fn new(account: Account, username: String, request_id: Option<String>) -> Self {
        Self {
            account,
            coordinator: false,
            actor: Actor {
                username,
                request_id,
            },
            keyed: None,
        }
    }

    /// The same caller, granted the `coordinator` capability or not.
    pub fn coordinating(self, coordinator: bool) -> Self {
        Self {
            coordinator,
            ..self
        }
    }

    /// The same caller, whose write keeps its answer under an `Idempotency-Key`.
    pub fn with_key(self, keyed: KeyedRequest) -> Self {
        Self {
            keyed: Some(keyed),
            ..self
        }
    }

    /// Runs a write in one transaction: `f` checks and writes; with an `Idempotency-Key`,
    /// the key is claimed first and the answer kept last, in the same transaction.
    pub(crate) fn write<T: 'static>(
        &self,
        store: &Store,
        f: impl FnOnce(&mut Db) -> Result<T>,
    ) -> Result<T> {
        store.write(|c| {
            if let Some(keyed) = &self.keyed {
                idempotency::claim(c, keyed)?;
            }
            let result = f(c)?;
            if let Some(keyed) = &self.keyed {
                idempotency::keep(c, keyed, &result)?;
            }
            Ok(result)
        })
    }

    /// The service acting on its own (`cli`, `demo`), with an admin's powers.
    pub fn system(name: &str) -> Self {
        Self::new(Account::Admin, name.to_owned(), None)
    }

    pub fn account(&self) -> Account {
        self.account
    }

    pub(crate) fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The root of the area that private lists are cut to, if any.
    pub fn area(&self) -> Option<UnitId> {
        match self.account.reach() {
            Reach::Everything => None,
            Reach::Subtree(root) => Some(root),
        }
    }

    pub(crate) fn require_writer(&self) -> Result<()> {
        if self.account.may_write() {
            Ok(())
        } else {
            Err(Error::Forbidden(Denial::AuditorWrites))
        }
    }

    /// Admins, and officers granted the `coordinator` capability (rule 23).
    pub(crate) fn coordinates(&self) -> bool {
        may_coordinate(self.account, self.coordinator)
    }

    pub(crate) fn require_coordinator(&self) -> Result<()> {
        if self.coordinates() {
            Ok(())
        } else {
            Err(Error::Forbidden(Denial::CoordinatorOnly))
        }
    }

    pub(crate) fn require_admin(&self) -> Result<()> {
        if self.account.is_admin() {
            Ok(())
        } else {
            Err(Error::Forbidden(Denial::AdminOnly))
        }
    }

    pub(crate) fn require_audit_reader(&self) -> Result<()> {
        if self.account.may_read_audit() {
            Ok(())
        } else {
            Err(Error::Forbidden(Denial::AuditTrail))
        }
    }

    /// Whether the unit is in the caller's area; `None` when it does not exist.
    pub(crate) fn reaches(&self, c: &mut Db, unit: UnitId) -> Result<Option<bool>> {
        let reach = self.account.reach();
        if reach == Reach::Everything {
            return Ok(Some(true));
        }
        let chain = ancestry(c, unit)?;
        Ok((!chain.is_empty()).then(|| reach.covers(&chain)))
    }

    /// Whether the caller may know of what is held at `unit` (the persons living there,
    /// the elections of that village): those of a missing unit, nobody.
    pub(crate) fn sees(&self, c: &mut Db, unit: UnitId) -> Result<bool> {
        Ok(self.reaches(c, unit)? == Some(true))
    }

    /// Whether the caller may know of an organisation of `unit` (none: an organisation
    /// that names no unit, which only those who reach everything see).
    pub(crate) fn sees_org(&self, c: &mut Db, unit: Option<UnitId>) -> Result<bool> {
        match unit {
            Some(unit) => self.sees(c, unit),
            None => Ok(self.account.reach().covers_org(None)),
        }
    }

    /// 403 unless the unit is in the caller's area. A unit that does not exist passes: the
    /// use case reports it as the rule it breaks, which tells nothing of anyone's area.
    pub(crate) fn require_unit(&self, c: &mut Db, unit: UnitId) -> Result<()> {
        match self.reaches(c, unit)? {
            Some(false) => Err(Error::Forbidden(Denial::OutsideArea)),
            _ => Ok(()),
        }
    }

    /// 403 unless the caller may see or change an organisation of `unit` (none: an
    /// organisation that names no unit, which only those who reach everything may).
    pub(crate) fn require_org(&self, c: &mut Db, unit: Option<UnitId>) -> Result<()> {
        match unit {
            Some(unit) => self.require_unit(c, unit),
            None if self.account.reach().covers_org(None) => Ok(()),
            None => Err(Error::Forbidden(Denial::OrgWithoutUnit)),
        }
    }
}
