//! Scanning public answers for personal data: the keys and values that must never show,
//! and the property names an OpenAPI schema can answer.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

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
