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
    }
}

diesel::joinable!(unit_search_keys -> units (unit_id));
diesel::joinable!(persons -> units (residence_unit_id));
diesel::joinable!(terms -> units (scope_unit_id));

diesel::allow_tables_to_appear_in_same_query!(
    units,
    unit_search_keys,
    party_orgs,
    persons,
    terms,
    users,
    audit_events,
    audit_head,
);
