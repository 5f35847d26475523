//! One Diesel schema for both backends; only the migrations differ.

diesel::table! {
    units (id) {
        id -> BigInt,
        code -> Nullable<Text>,
        name -> Text,
        level -> Text,
        kind -> Text,
        parent_id -> Nullable<BigInt>,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    unit_search_keys (key, unit_id) {
        key -> Text,
        unit_id -> BigInt,
    }
}

diesel::table! {
    party_orgs (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        parent_id -> Nullable<BigInt>,
        unit_id -> Nullable<BigInt>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
    }
}

diesel::table! {
    persons (id) {
        id -> BigInt,
        full_name -> Text,
        gender -> Text,
        birth_date -> Date,
        residence_unit_id -> BigInt,
        party_status -> Text,
        party_org_id -> Nullable<BigInt>,
        ethnicity -> Nullable<Text>,
        id_number -> Nullable<Text>,
        address -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    terms (id) {
        id -> BigInt,
        label -> Text,
        starts_on -> Date,
        ends_on -> Date,
        scope_unit_id -> BigInt,
        unified_model -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        password_hash -> Text,
        role -> Text,
        unit_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        coordinator -> Bool,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        occurred_at -> Text,
        actor -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Nullable<BigInt>,
        before_json -> Nullable<Text>,
        after_json -> Nullable<Text>,
        request_id -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        hash -> Text,
        data_version -> BigInt,
        tree_size -> BigInt,
        tree -> Nullable<Binary>,
    }
}

diesel::table! {
    rule_sets (province_id) {
        province_id -> BigInt,
        rules_json -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    head_elections (id) {
        id -> BigInt,
        village_id -> BigInt,
        term_id -> BigInt,
        held_on -> Date,
        households_total -> Integer,
        households_present -> Integer,
        method -> Text,
        election_team_json -> Text,
        outcome -> Text,
        winner_person_id -> Nullable<BigInt>,
        arithmetic_json -> Text,
        checks_json -> Text,
        recognition_decision -> Nullable<Text>,
        recognized_on -> Nullable<Date>,
        recognition_warning -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    head_election_candidates (election_id, person_id) {
        election_id -> BigInt,
        person_id -> BigInt,
        votes -> Integer,
    }
}

diesel::table! {
    congresses (id) {
        id -> BigInt,
        cell_id -> BigInt,
        term_id -> BigInt,
        held_on -> Date,
        members_summoned -> Integer,
        members_present -> Integer,
        exclusions_json -> Text,
        committee_json -> Nullable<Text>,
        outcome -> Text,
        winner_person_id -> Nullable<BigInt>,
        arithmetic_json -> Text,
        checks_json -> Text,
        approval_decision -> Nullable<Text>,
        approved_on -> Nullable<Date>,
        approval_warning -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    congress_candidates (congress_id, round, person_id) {
        congress_id -> BigInt,
        round -> Integer,
        person_id -> BigInt,
        votes -> Integer,
    }
}

diesel::table! {
    appointments (id) {
        id -> BigInt,
        post -> Text,
        person_id -> BigInt,
        unit_id -> Nullable<BigInt>,
        party_org_id -> Nullable<BigInt>,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        basis -> Text,
        decision -> Text,
        head_election_id -> Nullable<BigInt>,
        congress_id -> Nullable<BigInt>,
        end_reason -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    person_search_keys (key, person_id) {
        key -> Text,
        person_id -> BigInt,
    }
}

diesel::table! {
    idempotency_keys (account_id, key) {
        account_id -> BigInt,
        key -> Text,
        fingerprint -> Text,
        status -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        location -> Nullable<Text>,
        etag -> Nullable<Text>,
        body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reorganizations (id) {
        id -> BigInt,
        effective_on -> Date,
        basis -> Text,
        operations -> Text,
        created -> Integer,
        ended -> Integer,
        changed -> Integer,
        successions -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    unit_versions (id) {
        id -> BigInt,
        unit_id -> BigInt,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        code -> Nullable<Text>,
        name -> Text,
        kind -> Text,
        parent_id -> Nullable<BigInt>,
        reorganization_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    unit_successions (id) {
        id -> BigInt,
        reorganization_id -> BigInt,
        predecessor_id -> BigInt,
        successor_id -> BigInt,
        whole -> Bool,
    }
}

diesel::table! {
    party_org_versions (id) {
        id -> BigInt,
        org_id -> BigInt,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        name -> Text,
        parent_id -> Nullable<BigInt>,
        unit_id -> Nullable<BigInt>,
        reorganization_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    unit_marks (unit_id) {
        unit_id -> BigInt,
        version -> BigInt,
    }
}

diesel::table! {
    cell_meetings (id) {
        id -> BigInt,
        cell_id -> BigInt,
        held_on -> Date,
        kind -> Text,
        topic -> Nullable<Text>,
        members_summoned -> Integer,
        members_present -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    cell_meeting_cadres (meeting_id, person_id) {
        meeting_id -> BigInt,
        person_id -> BigInt,
    }
}

diesel::table! {
    cadre_assignments (id) {
        id -> BigInt,
        person_id -> BigInt,
        cell_id -> BigInt,
        post -> Text,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    end_decisions (appointment_id) {
        appointment_id -> BigInt,
        asked_on -> Date,
        decision -> Text,
        decided_on -> Date,
        warning -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    minutes_scans (id) {
        id -> BigInt,
        head_election_id -> Nullable<BigInt>,
        congress_id -> Nullable<BigInt>,
        media_type -> Text,
        size -> Integer,
        sha256 -> Text,
        content -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    minute_entries (id) {
        id -> BigInt,
        kind -> Text,
        unit_id -> Nullable<BigInt>,
        state -> Text,
        first_entry -> Text,
        first_by -> Text,
        second_entry -> Nullable<Text>,
        second_by -> Nullable<Text>,
        differences -> Text,
        resolution -> Nullable<Text>,
        resolved_by -> Nullable<Text>,
        correction -> Nullable<Text>,
        head_election_id -> Nullable<BigInt>,
        congress_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    public_holidays (day) {
        day -> Date,
        name -> Text,
    }
}

diesel::table! {
    rate_buckets (bucket) {
        bucket -> Text,
        tokens -> Double,
        at_ms -> BigInt,
    }
}

diesel::table! {
    webhooks (id) {
        id -> BigInt,
        url -> Text,
        types -> Text,
        unit_id -> Nullable<BigInt>,
        owner -> Text,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_until -> Nullable<BigInt>,
        seen_change -> BigInt,
        disabled_at -> Nullable<Text>,
        disabled_reason -> Nullable<Text>,
        created_at -> Text,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> BigInt,
        webhook_id -> BigInt,
        change_id -> BigInt,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> BigInt,
        lease_until -> Nullable<BigInt>,
        last_attempt_at -> Nullable<Text>,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    changes (id) {
        id -> BigInt,
        audit_event_id -> BigInt,
        occurred_at -> Text,
        #[sql_name = "type"]
        kind -> Text,
        entity_id -> BigInt,
        unit_id -> Nullable<BigInt>,
        data -> Text,
    }
}

diesel::table! {
    party_status_changes (id) {
        id -> BigInt,
        person_id -> BigInt,
        status -> Text,
        since -> Nullable<Date>,
    }
}

diesel::table! {
    rule_set_versions (province_id, valid_from) {
        province_id -> BigInt,
        valid_from -> Date,
        rules_json -> Text,
    }
}

diesel::joinable!(unit_search_keys -> units (unit_id));
diesel::joinable!(unit_versions -> units (unit_id));
diesel::joinable!(party_org_versions -> party_orgs (org_id));
diesel::joinable!(unit_successions -> reorganizations (reorganization_id));
diesel::joinable!(persons -> units (residence_unit_id));
diesel::joinable!(terms -> units (scope_unit_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(webhook_deliveries -> changes (change_id));

diesel::allow_tables_to_appear_in_same_query!(
    units,
    unit_search_keys,
    party_orgs,
    party_org_versions,
    persons,
    terms,
    users,
    audit_events,
    audit_head,
    rule_sets,
    head_elections,
    head_election_candidates,
    congresses,
    congress_candidates,
    appointments,
    person_search_keys,
    reorganizations,
    unit_versions,
    unit_successions,
    party_status_changes,
    rule_set_versions,
    changes,
    webhooks,
    webhook_deliveries,
    public_holidays,
    cell_meetings,
    cell_meeting_cadres,
    cadre_assignments,
    end_decisions,
    minutes_scans,
    minute_entries,
);
