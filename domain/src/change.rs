//! What the change feed tells integrators: the kinds of change a public read can show.
//! Each names its entity before the dot; the stored rows are written by the storage's
//! triggers, one per changed row and kind.

use crate::string_enum::string_enum;

string_enum! {
    /// What happened: a reorganisation applied; a unit created, moved (under another
    /// parent), renamed (name or kind), recoded or ended (its last day set); a tenure
    /// ended; a head election recorded or recognised; a cell congress recorded or
    /// approved; a tenure started. One write's changes come in this order.
    pub enum ChangeType {
        ReorganizationApplied => "reorganization.applied",
        UnitCreated => "unit.created",
        UnitMoved => "unit.moved",
        UnitRenamed => "unit.renamed",
        UnitRecoded => "unit.recoded",
        UnitEnded => "unit.ended",
        TenureEnded => "tenure.ended",
        HeadElectionRecorded => "head_election.recorded",
        HeadElectionRecognized => "head_election.recognized",
        CongressRecorded => "congress.recorded",
        CongressApproved => "congress.approved",
        TenureStarted => "tenure.started",
    }
}

impl ChangeType {
    /// The kind of entity changed: the part before the dot.
    pub fn entity(self) -> &'static str {
        self.as_str()
            .split_once('.')
            .map_or(self.as_str(), |(entity, _)| entity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_change_names_its_entity() {
        assert_eq!(ChangeType::UnitMoved.entity(), "unit");
        assert_eq!(ChangeType::HeadElectionRecognized.entity(), "head_election");
        assert_eq!(ChangeType::ReorganizationApplied.entity(), "reorganization");
        assert!(ChangeType::ALL.iter().all(|t| !t.entity().contains('.')));
    }
}
