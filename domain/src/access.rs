//! Who may do what. Roles travel in the token; an officer's reach is the unit named when
//! the account was created and everything under it.

use crate::string_enum::string_enum;

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

/// What a signed-in account may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Everything,
    /// The unit with this id and its subtree.
    Subtree(i64),
}

impl Role {
    pub fn may_write(self) -> bool {
        matches!(self, Role::Admin | Role::Officer)
    }

    pub fn may_read_audit(self) -> bool {
        matches!(self, Role::Admin | Role::Auditor)
    }

    /// Only admins manage what is not tied to one area: terms' calendars, provinces.
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

/// Whether a target whose unit has the ancestry `chain` (the unit itself first, then its
/// parent, and so on up to the province) lies within `reach`.
pub fn within_reach(reach: Reach, chain: &[i64]) -> bool {
    match reach {
        Reach::Everything => true,
        Reach::Subtree(root) => chain.contains(&root),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_officer_reaches_its_unit_and_below_only() {
        let village_chain = [40, 30, 20, 10];
        assert!(within_reach(Reach::Subtree(20), &village_chain));
        assert!(within_reach(Reach::Subtree(40), &village_chain));
        assert!(!within_reach(Reach::Subtree(21), &village_chain));
        assert!(!within_reach(Reach::Subtree(40), &[30, 20, 10]));
        assert!(within_reach(Reach::Everything, &[]));
    }

    #[test]
    fn auditors_read_the_trail_but_never_write() {
        assert!(!Role::Auditor.may_write());
        assert!(Role::Auditor.may_read_audit());
        assert!(!Role::Officer.may_read_audit());
        assert!(Role::Officer.may_write() && Role::Admin.may_write());
    }
}
