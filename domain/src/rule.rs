//! Every rule the service applies, by the stable name clients match on. The functions that
//! apply them, with their legal sources, live in the module of what they judge.

use crate::string_enum::string_enum;

string_enum! {
    /// The name of a rule the service applied (in `checks`) or that refused a request (in a
    /// problem's `errors`, and as the `code` of a conflict).
    pub enum Rule {
        // The map (`unit`, `validity`).
        /// A unit's kind names a unit of its level.
        UnitKindLevel => "unit_kind_level",
        /// A unit hangs under a unit of the level above it.
        UnitParentLevel => "unit_parent_level",
        /// A unit's parent exists.
        UnitParentExists => "unit_parent_exists",
        /// A unit is in force only while its parent is.
        UnitWithinParentValidity => "unit_within_parent_validity",
        /// Two units in force on the same day never share a code.
        UnitCodeUniqueOnDate => "unit_code_unique_on_date",
        /// A unit's new dates leave no unit under it in force outside them.
        UnitChildrenInForce => "unit_children_in_force",
        /// A unit's new dates leave no tenure held there outside them.
        UnitTenuresWithin => "unit_tenures_within",
        /// A unit's new dates leave no election held there outside them.
        UnitElectionsWithin => "unit_elections_within",
        /// A correction of a unit's dates keeps each of its versions.
        UnitVersionsKept => "unit_versions_kept",
        /// A unit never ends up under itself.
        UnitParentCycle => "unit_parent_cycle",
        // Reorganisations (`reorganization`).
        /// A unit a reorganisation acts on is in force, by that code, on the day before.
        ReorganizationUnitKnown => "reorganization_unit_known",
        /// A reorganisation acts after the last change or end recorded for a unit.
        ReorganizationAfterLastChange => "reorganization_after_last_change",
        /// No two operations of a reorganisation change the same thing of a unit, and a
        /// unit that ends is not also changed.
        ReorganizationChangedTwice => "reorganization_changed_twice",
        /// A unit succeeded ends by the same reorganisation.
        SuccessionPredecessorEnded => "succession_predecessor_ended",
        /// A successor is in force on the reorganisation's day.
        SuccessionSuccessorInForce => "succession_successor_in_force",
        /// An end comes after the start.
        ValidToAfterValidFrom => "valid_to_after_valid_from",
        /// An import row's level is one the service knows.
        ImportLevel => "level",
        /// A unit's kind is one the service knows: a slug or a Vietnamese word, or else
        /// the word its name starts with.
        UnitKindKnown => "kind",
        // Party organisations (`party_org`).
        /// A superior organisation is of a higher kind.
        PartyOrgParentKind => "party_org_parent_kind",
        /// An organisation names a unit of a level its kind fits.
        PartyOrgUnitLevel => "party_org_unit_level",
        /// An organisation's superior exists.
        PartyOrgParentExists => "party_org_parent_exists",
        /// An organisation's superior leads its unit or one above it.
        PartyOrgParentAbove => "party_org_parent_above",
        /// An organisation's unit exists.
        PartyOrgUnitExists => "party_org_unit_exists",
        /// No organisation stays in force under one that a reorganisation ends.
        PartyOrgChildrenInForce => "party_org_children_in_force",
        /// An organisation a reorganisation acts on is in force the day before.
        ReorganizationOrgKnown => "reorganization_org_known",
        // Persons (`person`).
        /// Nobody is born after today.
        BirthDateNotInFuture => "birth_date_not_in_future",
        /// A Party member belongs to an organisation, a non-member to none.
        PartyOrgMatchesStatus => "party_org_matches_status",
        /// A person's residence exists.
        PersonResidenceExists => "person_residence_exists",
        /// A person's Party organisation exists.
        PersonPartyOrgExists => "person_party_org_exists",
        // Terms and rule sets (`term`, `rule_set`).
        /// A term ends after it starts.
        TermEndsAfterStart => "term_ends_after_start",
        /// A term's calendar is a province's.
        TermScopeIsProvince => "term_scope_is_province",
        /// A term's province exists.
        TermScopeExists => "term_scope_exists",
        /// A province has one term of each label.
        TermLabelTaken => "term_label_taken",
        /// A province's rule set makes sense.
        RuleSetBounds => "rule_set_bounds",
        // Public holidays (`holiday`).
        /// A year's holiday calendar lists days of that year.
        HolidayInYear => "holiday_in_year",
        /// A year's holiday calendar lists each day once.
        HolidayOnce => "holiday_once",
        // Cell meetings and assigned cadres (`cell_meeting`, `cadre`).
        /// A meeting or an assignment names a recorded Party organisation.
        CellExists => "cell_exists",
        /// A meeting or an assignment names a cell, not a committee.
        IsACell => "is_a_cell",
        /// The cell is in force on the meeting's day, or on the assignment's first day.
        CellInForce => "cell_in_force",
        /// A thematic meeting names its topic; a regular one has none.
        MeetingTopic => "meeting_topic",
        /// An attending or assigned cadre is a recorded person.
        CadreExists => "cadre_exists",
        /// A meeting lists each attending cadre once.
        CadreListedOnce => "cadre_listed_once",
        /// A cadre is assigned to a cell once at a time.
        CadreAssignedOnce => "cadre_assigned_once",
        /// A cell holds a meeting every month.
        CellMeetsMonthly => "cell_meets_monthly",
        /// A cell holds a thematic meeting every quarter.
        CellThematicQuarterly => "cell_thematic_quarterly",
        /// An assigned cadre misses no more than the province's share of the meetings.
        CadreAttendance => "cadre_attendance",
        // Scans of minutes (`minutes`).
        /// A scan is a PDF, PNG or JPEG file, as its bytes show, sent as that type.
        ScanType => "scan_type",
        // Double entry of minutes (`double_entry`).
        /// Where the province's rules ask for double entry, a result is entered twice, not
        /// recorded at once.
        DoubleEntryRequired => "double_entry_required",
        /// A second entry comes after a first alone; a resolution settles entries that
        /// differ; nothing follows a definitive or discarded minute.
        EntryState => "entry_state",
        /// Another account than the first types the second entry.
        SecondEntryByAnother => "second_entry_by_another",
        /// A second entry or a correction is of the same record as the first entry: a
        /// head election's or a congress's, of the same village or cell.
        EntrySameRecord => "entry_same_record",
        /// A correction comes with its entry, and only the `correct` resolution has one.
        ResolutionCorrection => "resolution_correction",
        /// Every warning of an entry is acknowledged by whoever typed it.
        EntryWarningsAcknowledged => "entry_warnings_acknowledged",
        /// A warning: every one expected was present.
        FullTurnout => "full_turnout",
        /// A warning: someone had the vote of every one present.
        UnanimousWinner => "unanimous_winner",
        /// Only a definitive entry becomes a result, recognised or approved.
        ResultDefinitive => "result_definitive",
        // Webhooks (`webhook`).
        /// A webhook's area is a unit that exists.
        WebhookUnitExists => "webhook_unit_exists",
        /// A webhook calls an http(s) URL that resolves to addresses it may reach.
        WebhookUrlAllowed => "webhook_url_allowed",
        // Head elections (`head_election`, `eligibility`).
        /// The election's village exists.
        ElectionUnitExists => "election_unit_exists",
        /// A head election is a village's.
        ElectionUnitIsVillage => "election_unit_is_village",
        /// The election's term exists.
        ElectionTermExists => "election_term_exists",
        /// The term is the calendar of the village's province.
        ElectionTermOfProvince => "election_term_of_province",
        /// A head election or congress is held on a day of its term.
        ElectionWithinTerm => "election_within_term",
        /// Present are no more than all households (or members summoned).
        PresentWithinTotal => "present_within_total",
        /// Votes cast are no more than those present.
        VotesWithinPresent => "votes_within_present",
        /// Each candidate stands once in a ballot.
        CandidateUnique => "candidate_unique",
        /// A ballot names at least one candidate.
        CandidateRequired => "candidate_required",
        /// A candidate is a recorded person.
        CandidateExists => "candidate_exists",
        /// A member of the election team is a recorded person.
        ElectionTeamMemberExists => "election_team_member_exists",
        /// A candidate is at least 21 on the day.
        CandidateMinAge => "candidate_min_age",
        /// A candidate lives in the village.
        CandidateResidence => "candidate_residence",
        /// A candidate heads no other village.
        CandidateHoldsNoOtherHeadPost => "candidate_holds_no_other_head_post",
        /// Nobody on the election team stands.
        CandidateNotOnElectionTeam => "candidate_not_on_election_team",
        /// More than half of the households attend.
        HouseholdQuorum => "household_quorum",
        /// The winner has the most votes and more than half of the base.
        HeadMajority => "head_majority",
        /// A recognition is of an election that elected someone.
        RecognitionNeedsWinner => "recognition_needs_winner",
        /// A recognition comes on or after the election.
        RecognitionAfterElection => "recognition_after_election",
        /// The commune recognises the head within 5 working days.
        RecognitionWithin5WorkingDays => "recognition_within_5_working_days",
        /// A result is recognised once.
        AlreadyRecognized => "already_recognized",
        // Cell congresses (`congress`).
        /// The congress's organisation exists.
        CongressCellExists => "congress_cell_exists",
        /// A congress is a cell's.
        CongressOfACell => "congress_of_a_cell",
        /// Present are no more than the members summoned.
        PresentWithinSummoned => "present_within_summoned",
        /// Exclusions are no more than the members summoned.
        ExclusionsWithinSummoned => "exclusions_within_summoned",
        /// A cell of 9 or more elects a committee of 1 to 7 first; a smaller one none.
        CellCommitteeRequired => "cell_committee_required",
        /// The secretary is elected from the committee.
        SecretaryFromCommittee => "secretary_from_committee",
        /// At most three ballots.
        RoundsAtMostThree => "rounds_at_most_three",
        /// No ballot follows a winning one.
        NoRoundAfterAWinner => "no_round_after_a_winner",
        /// Only official members stand.
        CongressOfficialMembersOnly => "congress_official_members_only",
        /// A secretary is elected from the cell's own members.
        CandidateMemberOfCell => "candidate_member_of_cell",
        /// More than the province's share of the summoned attend.
        CongressQuorum => "congress_quorum",
        /// The winner has more than half of the summoned less the exclusions.
        CongressMajorityOfSummoned => "congress_majority_of_summoned",
        /// Under the unified model, the head is elected before the congress.
        HeadElectionBeforeCongress => "head_election_before_congress",
        /// An approval is of a congress that elected someone.
        ApprovalNeedsWinner => "approval_needs_winner",
        /// An approval comes on or after the congress.
        ApprovalAfterCongress => "approval_after_congress",
        /// The superior committee approves within 15 working days.
        ApprovalWithin15WorkingDays => "approval_within_15_working_days",
        /// A result is approved once.
        AlreadyApproved => "already_approved",
        // Tenures (`appointment`).
        /// The appointed person is a recorded person.
        AppointmentPersonExists => "appointment_person_exists",
        /// The post sits in a unit or organisation of the kind it belongs to.
        AppointmentSeat => "appointment_seat",
        /// The basis suits the post.
        AppointmentBasis => "appointment_basis",
        /// One holder of a post at a time.
        OneHolderPerPost => "one_holder_per_post",
        /// A tenure ends once.
        AppointmentAlreadyEnded => "appointment_already_ended",
        /// A village head's resignation or removal ends with the commune's decision; no
        /// other end carries one.
        EndDecisionRequired => "end_decision_required",
        /// The decision comes on or after the resignation or the removal meeting.
        EndDecidedAfterRequest => "end_decided_after_request",
        /// A tenure ends on or after the decision that ends it.
        EndOnOrAfterDecision => "end_on_or_after_decision",
        /// The commune recognises a head's resignation or removal within 5 working days.
        RemovalWithin5WorkingDays => "removal_within_5_working_days",
        /// A tenure imported by its unit's code names a unit that had that code on the
        /// day the tenure starts.
        AppointmentUnitKnown => "appointment_unit_known",
        /// A Party post imported by its unit's code is held in that unit's organisation of
        /// the kind the post needs, which exists on the day.
        AppointmentUnitHasOrg => "appointment_unit_has_org",
        /// An imported tenure names its holder once: a recorded person or a new one.
        AppointmentPersonForm => "appointment_person_form",
        // Reads that are asked of the wrong thing.
        /// A unified status is asked of a village.
        StatusOfAVillage => "status_of_a_village",
        /// A unified status is asked of a village in force on the day.
        StatusVillageInForce => "status_village_in_force",
        /// Eligibility is asked of a unit that exists.
        EligibilityUnitExists => "eligibility_unit_exists",
        /// Eligibility is asked of a village.
        EligibilityUnitIsVillage => "eligibility_unit_is_village",
        /// A secretary's eligibility is asked of a village with a cell.
        EligibilityVillageHasCell => "eligibility_village_has_cell",
        /// Eligibility is computed for village posts.
        EligibilityPostSupported => "eligibility_post_supported",
        // Accounts (`access`).
        /// An officer names the unit it works in; other roles none.
        OfficerHasUnit => "officer_has_unit",
        /// Only an officer is granted the coordinator capability.
        CoordinatorIsOfficer => "coordinator_is_officer",
        /// Each account has a name of its own.
        UsernameTaken => "username_taken",
        /// A row of a bulk write names units in the caller's area.
        UnitInArea => "unit_in_area",
    }
}

impl Rule {
    /// Whether the rule refuses a request for what is already stored rather than for the
    /// request itself (a code taken, a post held, a result already confirmed): a conflict
    /// with the current state, which the same request may pass once the state changes.
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            Rule::UnitCodeUniqueOnDate
                | Rule::OneHolderPerPost
                | Rule::AlreadyRecognized
                | Rule::AlreadyApproved
                | Rule::AppointmentAlreadyEnded
                | Rule::TermLabelTaken
                | Rule::UsernameTaken
                | Rule::CadreAssignedOnce
                | Rule::EntryState
        )
    }
}
