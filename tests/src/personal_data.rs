//! Scanning public answers for personal data: a person whose private fields are all
//! filled, the keys and values that must never show, and the property names an OpenAPI
//! schema can answer.

use std::collections::{BTreeSet, HashSet};

use serde_json::{json, Value};

use crate::world::{created, id_of};
use crate::TestApp;

/// The keys of a person's private fields.
pub const PERSONAL_KEYS: [&str; 4] = ["birth_date", "id_number", "ethnicity", "address"];

/// Asserts that `body` (described as `what`) holds none of the personal keys and none of
/// the `secrets`.
#[track_caller]
pub fn assert_nothing_personal(what: &str, body: &str, secrets: &[String]) {
    for key in PERSONAL_KEYS {
        assert!(!body.contains(key), "{what} shows `{key}`: {body}");
    }
    for secret in secrets {
        assert!(
            !body.contains(secret.as_str()),
            "{what} shows {secret:?}: {body}"
        );
    }
}

/// Every property name reachable from `schema`, following `$ref`s into `components`;
/// `seen` collects the schemas visited.
pub fn property_names(
    schema: &Value,
    components: &Value,
    seen: &mut HashSet<String>,
    out: &mut BTreeSet<String>,
) {
    match schema {
        Value::Object(map) => {
            if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                let name = r
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("unexpected $ref {r}"));
                if seen.insert(name.to_owned()) {
                    let target = components
                        .get(name)
                        .unwrap_or_else(|| panic!("dangling $ref {r}"));
                    property_names(target, components, seen, out);
                }
            }
            for (key, value) in map {
                match key.as_str() {
                    "example" | "examples" | "$ref" => {}
                    "properties" => {
                        for (name, prop) in value.as_object().into_iter().flatten() {
                            out.insert(name.clone());
                            property_names(prop, components, seen, out);
                        }
                    }
                    _ => property_names(value, components, seen, out),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                property_names(item, components, seen, out);
            }
        }
        _ => {}
    }
}

/// A person with every private field, deputy head of a demo village since 2020-02-01.
pub struct PrivatePerson {
    pub admin: String,
    pub id: i64,
    /// The demo village of the post.
    pub village: i64,
    /// What no public answer may show: this person's ethnicity, ID number and address,
    /// and every person's date of birth as the admin sees them.
    pub secrets: Vec<String>,
}

/// Records a `PrivatePerson` in the demo's data, and gathers the secrets.
pub async fn a_private_person(app: &TestApp) -> PrivatePerson {
    let admin = app.admin().await;
    // One more person, with every personal field, holding a post in a demo village.
    let village = app
        .all_units("level=village&on=2020-03-01")
        .await
        .into_iter()
        .next()
        .expect("a demo village");
    let res = app
        .post_json(
            "/api/v1/persons",
            &json!({
                "full_name": "Đặng Văn Riêng", "gender": "male", "birth_date": "1966-06-16",
                "residence_unit_id": id_of(&village), "party_status": "none",
                "ethnicity": "Sán Dìu", "id_number": "022066001234",
                "address": "Số 7 ngõ Bí Mật"
            }),
            Some(&admin),
        )
        .await;
    res.expect(201);
    let private = id_of(&res.json());
    created(
        app,
        &admin,
        "/api/v1/appointments",
        json!({
            "post": "deputy_village_head", "person_id": private, "unit_id": id_of(&village),
            "starts_on": "2020-02-01", "basis": "election", "decision": "Quyết định 1/QĐ"
        }),
    )
    .await;

    // Every person's date of birth, as the admin sees them.
    let mut secrets: Vec<String> = vec![
        "Sán Dìu".into(),
        "022066001234".into(),
        "Số 7 ngõ Bí Mật".into(),
    ];
    let mut cursor: Option<String> = None;
    loop {
        let mut path = "/api/v1/persons?limit=500".to_owned();
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let res = app.get(&path, Some(&admin)).await;
        res.expect(200);
        let body = res.json();
        for p in body["items"].as_array().unwrap() {
            let born = p["birth_date"]
                .as_str()
                .unwrap_or_else(|| panic!("the admin sees birth dates: {p}"));
            secrets.push(born.to_owned());
        }
        match body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert!(secrets.contains(&"1966-06-16".to_owned()));
    assert!(secrets.len() > 5, "the demo has people: {secrets:?}");

    PrivatePerson {
        admin,
        id: private,
        village: id_of(&village),
        secrets,
    }
}
