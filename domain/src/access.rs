//! Who may do what (shared/API.md, "Auth"). An account is an admin, an auditor, or an
//! officer of one unit; an officer's area is that unit and everything under it.

use crate::id::UnitId;
use crate::rule::Rule;
use crate::string_enum::string_enum;
use crate::RuleViolation;

string_enum! {
    pub enum Role {
        /// Reads and writes everything.
        Admin => "admin",
        /// Reads and writes inside its unit and everything under it.
        Officer => "officer",
        /// Reads everything, the audit trail included; writes nothing.
        Auditor => "auditor",
    }
}

/// A signed-in account's powers. An officer always has a unit: no value of this type
/// lets an officer reach everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    Admin,
    Auditor,
    Officer { unit: UnitId },
}

/// What an account may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Everything,
    /// The unit with this id and its subtree.
    Subtree(UnitId),
}

impl Account {
    /// Rule `officer_has_unit`: an officer names the unit it works in; admins and auditors
    /// name none.
    pub fn new(role: Role, unit: Option<UnitId>) -> Result<Self, RuleViolation> {
        match (role, unit) {
            (Role::Admin, None) => Ok(Account::Admin),
            (Role::Auditor, None) => Ok(Account::Auditor),
            (Role::Officer, Some(unit)) => Ok(Account::Officer { unit }),
            _ => Err(RuleViolation::new(
                Rule::OfficerHasUnit,
                "an officer names the unit it works in; admins and auditors name none",
            )),
        }
    }

    pub fn role(self) -> Role {
        match self {
            Account::Admin => Role::Admin,
            Account::Auditor => Role::Auditor,
            Account::Officer { .. } => Role::Officer,
        }
    }

    /// The unit an officer works in.
    pub fn unit(self) -> Option<UnitId> {
        match self {
            Account::Officer { unit } => Some(unit),
            _ => None,
        }
    }

    /// Admins and auditors read everything; an officer its subtree.
    pub fn reach(self) -> Reach {
        match self {
            Account::Officer { unit } => Reach::Subtree(unit),
            Account::Admin | Account::Auditor => Reach::Everything,
        }
    }

    /// Admins and officers write; auditors never do.
    pub fn may_write(self) -> bool {
        matches!(self, Account::Admin | Account::Officer { .. })
    }

    /// Admins and auditors read the audit trail.
    pub fn may_read_audit(self) -> bool {
        matches!(self, Account::Admin | Account::Auditor)
    }

    /// Only admins manage what is not tied to one area: provinces, imports, rule sets.
    pub fn is_admin(self) -> bool {
        self == Account::Admin
    }
}

/// Rule `coordinator_is_officer`: the `coordinator` capability is granted to officers,
/// for their area; admins settle entries anywhere without it, auditors never write.
pub fn check_coordinator(account: Account, coordinator: bool) -> Result<(), RuleViolation> {
    if coordinator && !matches!(account, Account::Officer { .. }) {
        return Err(RuleViolation::new(
            Rule::CoordinatorIsOfficer,
            format!(
                "an {} is not granted the coordinator capability",
                account.role()
            ),
        ));
    }
    Ok(())
}

/// Who settles two entries of a minute that differ (rule 23): an admin, or an officer
/// granted the `coordinator` capability (within its area, which the caller checks).
pub fn may_coordinate(account: Account, coordinator: bool) -> bool {
    account == Account::Admin || (coordinator && matches!(account, Account::Officer { .. }))
}

/// Rule `username_taken`: each account signs in under a name of its own.
pub fn check_username_free(taken: bool, username: &str) -> Result<(), RuleViolation> {
    if taken {
        Err(RuleViolation::new(
            Rule::UsernameTaken,
            format!("an account named `{username}` exists"),
        ))
    } else {
        Ok(())
    }
}

impl Reach {
    /// Whether a target whose unit has the ancestry `chain` (the unit itself first, then
    /// its parent, and so on up to the province) lies within this reach.
    pub fn covers(self, chain: &[UnitId]) -> bool {
        match self {
            Reach::Everything => true,
            Reach::Subtree(root) => chain.contains(&root),
        }
    }

    /// Whether a Party organisation lies within this reach: one whose unit does (its
    /// `chain`), and one that names no unit only for those who reach everything.
    pub fn covers_org(self, unit_chain: Option<&[UnitId]>) -> bool {
        match unit_chain {
            Some(chain) => self.covers(chain),
            None => self == Reach::Everything,
        }
    }
}

/// Rule `unit_in_area`: an officer writes inside the unit it works in and below it
/// (shared/API.md, "Auth"). A single write outside answers 403; a bulk write names each row
/// that reaches outside, `what` saying which of the row's units does.
pub fn row_in_area(covered: bool, what: &str) -> Result<(), RuleViolation> {
    if covered {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::UnitInArea,
            format!("{what} is outside your area"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(raw: &[i64]) -> Vec<UnitId> {
        raw.iter().copied().map(UnitId).collect()
    }

    #[test]
    fn admins_and_coordinating_officers_settle_entries() {
        let officer = Account::Officer { unit: UnitId(1) };
        assert!(may_coordinate(Account::Admin, false));
        assert!(may_coordinate(officer, true));
        assert!(!may_coordinate(officer, false));
        assert!(!may_coordinate(Account::Auditor, true));
        assert_eq!(check_coordinator(officer, true), Ok(()));
        let err = check_coordinator(Account::Auditor, true).unwrap_err();
        assert_eq!(err.rule, Rule::CoordinatorIsOfficer);
    }

    #[test]
    fn an_officer_reaches_its_unit_and_below_only() {
        let village_chain = ids(&[40, 30, 20, 10]);
        assert!(Reach::Subtree(UnitId(20)).covers(&village_chain));
        assert!(Reach::Subtree(UnitId(40)).covers(&village_chain));
        assert!(!Reach::Subtree(UnitId(21)).covers(&village_chain));
        assert!(!Reach::Subtree(UnitId(40)).covers(&ids(&[30, 20, 10])));
        assert!(Reach::Everything.covers(&[]));
    }

    #[test]
    fn a_row_outside_the_area_names_the_unit_that_is() {
        assert!(row_in_area(true, "unit `22`").is_ok());
        let err = row_in_area(false, "the residence `22-1`").unwrap_err();
        assert_eq!(err.rule, Rule::UnitInArea);
        assert_eq!(err.detail, "the residence `22-1` is outside your area");
    }

    #[test]
    fn an_organisation_without_a_unit_is_for_those_who_reach_everything() {
        let officer = Reach::Subtree(UnitId(20));
        assert!(!officer.covers_org(None));
        assert!(Reach::Everything.covers_org(None));
        assert!(officer.covers_org(Some(&ids(&[30, 20]))));
        assert!(!officer.covers_org(Some(&ids(&[31, 21]))));
    }

    #[test]
    fn an_officer_always_has_a_unit_and_nobody_else_has_one() {
        let unit = Some(UnitId(8));
        assert_eq!(
            Account::new(Role::Officer, unit),
            Ok(Account::Officer { unit: UnitId(8) })
        );
        for (role, unit) in [
            (Role::Officer, None),
            (Role::Admin, unit),
            (Role::Auditor, unit),
        ] {
            let err = Account::new(role, unit).unwrap_err();
            assert_eq!(err.rule, Rule::OfficerHasUnit, "{role}");
        }
        assert_eq!(
            Account::new(Role::Officer, unit).unwrap().reach(),
            Reach::Subtree(UnitId(8))
        );
        assert_eq!(Account::Admin.reach(), Reach::Everything);
    }

    #[test]
    fn auditors_read_the_trail_but_never_write() {
        let officer = Account::Officer { unit: UnitId(1) };
        assert!(!Account::Auditor.may_write());
        assert!(Account::Auditor.may_read_audit());
        assert!(!officer.may_read_audit());
        assert!(officer.may_write() && Account::Admin.may_write());
        assert!(Account::Admin.is_admin() && !officer.is_admin() && !Account::Auditor.is_admin());
    }
}
