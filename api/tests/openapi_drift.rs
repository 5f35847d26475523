//! The committed spec is the contract portals build against: it must be exactly what the
//! handlers declare. Regenerate with `make openapi` when the contract moves on purpose.

#[test]
fn the_committed_spec_is_what_the_handlers_declare() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let committed = std::fs::read_to_string(path).expect("openapi/openapi.json is committed");
    let generated = dantin_api::openapi::spec_json();
    assert!(
        committed == generated,
        "openapi/openapi.json differs from the handlers' annotations: run `make openapi` and commit"
    );
}

#[test]
fn every_operation_is_documented() {
    let spec = dantin_api::openapi::spec();
    let json = serde_json::to_value(&spec).unwrap();
    let paths = json["paths"].as_object().unwrap();
    assert!(paths.len() >= 12, "only {} paths", paths.len());
    let operations: Vec<&serde_json::Value> = paths
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .collect();
    let link_targets = operations
        .iter()
        .flat_map(|op| op["responses"].as_object().unwrap().values())
        .filter_map(|r| r["links"].as_object())
        .flat_map(|links| links.values())
        .map(|link| link["operationId"].as_str().unwrap_or_default());
    for target in link_targets {
        assert!(
            operations.iter().any(|op| op["operationId"] == target),
            "a link leads to {target:?}, which no operation is"
        );
    }
    let mut operation_ids = std::collections::HashSet::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let here = format!("{method} {path}");
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(
                operation_ids.insert(id.to_owned()),
                "{here}: operationId {id:?} is empty or taken (generated clients name methods by it)"
            );
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{here}: summary"
            );
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{here}: tag"
            );
            assert!(op.get("security").is_some(), "{here}: security");
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('4')),
                "{here}: error responses"
            );
            let success_bodies = responses
                .iter()
                .filter(|(status, _)| status.starts_with('2'))
                .filter_map(|(_, r)| r["content"].as_object())
                .flatten();
            let request_bodies = op["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten();
            let exemplified = request_bodies
                .chain(success_bodies)
                .any(|(_, c)| c.get("example").is_some() || has_example(&json, &c["schema"], 0));
            assert!(
                exemplified,
                "{here}: no example in its request or success bodies"
            );
        }
    }
}

/// Whether a schema, or what it refers to or contains, carries an example.
fn has_example(spec: &serde_json::Value, schema: &serde_json::Value, depth: u8) -> bool {
    if depth > 6 || schema.is_null() {
        return false;
    }
    if let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        return has_example(spec, &spec["components"]["schemas"][name], depth + 1);
    }
    if schema.get("example").is_some() || schema.get("examples").is_some() {
        return true;
    }
    let nested = ["allOf", "oneOf", "anyOf"]
        .iter()
        .filter_map(|k| schema[*k].as_array())
        .flatten()
        .chain(
            schema["properties"]
                .as_object()
                .into_iter()
                .flat_map(|p| p.values()),
        )
        .chain(std::iter::once(&schema["items"]));
    nested.into_iter().any(|s| has_example(spec, s, depth + 1))
}
