//! The OpenAPI document: info, tags and the bearer scheme here; every operation is
//! collected from the handlers' own annotations as they are registered.

use actix_web::http::Method;
use actix_web::App;
use serde_json::json;
use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ArrayItems, ObjectBuilder, Schema, Type};
use utoipa::openapi::Required;

use crate::idempotency::{takes_key, KEY_PATTERN};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "dantin",
        description = "Registry of village-level leadership in Vietnam: villages and their Party \
cells, the village head elections and cell congresses of every term, who holds which post, and \
how far the unified model (\"Dân tin – Đảng cử\") has gone.\n\n\
Errors are RFC 9457 `application/problem+json` with a stable `code`; send `Accept-Language: vi` \
for the title and details in Vietnamese. Lists take `limit` and an opaque `cursor`.\n\n\
Dates are `YYYY-MM-DD`, from 1900-01-01 to 2199-12-31; another day is refused (422 naming the \
field, or 400 in a query). Names, codes and decisions are stored composed (Unicode NFC) and \
trimmed; text with a control character, a bidirectional override, or nothing visible is \
refused the same way.\n\n\
Sign in with `POST /api/v1/auth/token`, then send `Authorization: Bearer <access_token>` \
(in Swagger UI: Authorize)."
    ),
    tags(
        (name = "units", description = "The administrative map: provinces, districts, communes, villages"),
        (name = "party-orgs", description = "Party cells and committees"),
        (name = "persons", description = "Persons who hold or stand for posts (private)"),
        (name = "terms", description = "A province's calendar of elections"),
        (name = "elections", description = "Village head elections and cell congresses, with the outcome the service computes and every rule it applied"),
        (name = "appointments", description = "Who holds which post, from when to when"),
        (name = "cells", description = "The life of the cells: monthly and thematic meetings, and the upper-level cadres assigned to attend them"),
        (name = "rules", description = "Each province's configurable rules"),
        (name = "public", description = "Public, cacheable reads: officeholders and reports; no personal data"),
        (name = "auth", description = "Signing in"),
        (name = "audit", description = "The hash-chained trail of every write"),
        (name = "webhooks", description = "Subscriptions to the change feed, delivered as signed Standard Webhooks"),
        (name = "health", description = "Liveness and database reachability"),
    ),
    servers((url = "/", description = "This server")),
    components(schemas(crate::problem::Problem, crate::problem::ProblemItem)),
    modifiers(&BearerScheme)
)]
struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.bearer_format = Some("JWT".to_owned());
        components.add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

/// utoipa copies a generic's type argument into each `Page_X` (juhaku/utoipa#1586); a page's
/// items refer to `X` instead, so generated clients read them as the same type a `GET` of
/// one returns.
struct PageItemsByRef;

impl Modify for PageItemsByRef {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        let names: Vec<String> = components.schemas.keys().cloned().collect();
        for (name, schema) in &mut components.schemas {
            let Some(item) = name
                .strip_prefix("Page_")
                .filter(|item| names.iter().any(|n| n == item))
            else {
                continue;
            };
            if let RefOr::T(Schema::Object(page)) = schema {
                if let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items") {
                    items.items =
                        ArrayItems::RefOrSchema(Box::new(RefOr::Ref(Ref::from_schema_name(item))));
                }
            }
        }
    }
}

/// Every operation that takes an `Idempotency-Key` documents it.
struct IdempotencyKeyHeader;

impl Modify for IdempotencyKeyHeader {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in &mut openapi.paths.paths {
            let Some(post) = item
                .post
                .as_mut()
                .filter(|_| takes_key(&Method::POST, path))
            else {
                continue;
            };
            let schema = ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(KEY_PATTERN))
                .examples([json!("5f0c6a7e-2b1d-4c8e-9a55-1f3e0f7d2c41")]);
            let header = ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "Makes a retry safe: the same key, account, path and body within 24 hours \
                     get the first answer back (with `Idempotent-Replayed: true`) instead of \
                     a second create. The answer is kept in the write's own transaction, so \
                     a request that failed or never completed (a crash) leaves its key free. \
                     The same key with another request is 422 `idempotency_key_reused`; when \
                     a concurrent request with the key was answered first, 409 \
                     `idempotency_key_in_flight` (retry to get its answer).",
                ))
                .schema(Some(schema));
            post.parameters
                .get_or_insert_with(Vec::new)
                .push(header.build());
        }
    }
}

/// What each create leads to: OpenAPI links from its 201 answer, passing the new `id`,
/// for generated clients and for Schemathesis's stateful phase to follow.
const CREATED_LEADS_TO: &[(&str, &[&str])] = &[
    ("createUnit", &["getUnit", "updateUnit", "getUnifiedStatus"]),
    ("createPartyOrg", &["getPartyOrg", "updatePartyOrg"]),
    (
        "createPerson",
        &["getPerson", "updatePerson", "getPersonEligibility"],
    ),
    ("createTerm", &["getTerm"]),
    (
        "createHeadElection",
        &["getHeadElection", "recognizeHeadElection"],
    ),
    ("createCongress", &["getCongress", "approveCongress"]),
    ("createAppointment", &["getAppointment", "endAppointment"]),
];

struct CreatedLinks;

impl Modify for CreatedLinks {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let Some(post) = item.post.as_mut() else {
                continue;
            };
            let Some((_, targets)) = CREATED_LEADS_TO
                .iter()
                .find(|(from, _)| post.operation_id.as_deref() == Some(*from))
            else {
                continue;
            };
            let Some(RefOr::T(created)) = post.responses.responses.get_mut("201") else {
                continue;
            };
            for target in *targets {
                // utoipa 5.5 writes `Link::operation_id` as `operation_id`, which no
                // reader knows; the field goes in under its OpenAPI name instead.
                let operation_id = Extensions::from_iter([("operationId", *target)]);
                let link = LinkBuilder::new()
                    .parameter("id", "$response.body#/id")
                    .extensions(Some(operation_id))
                    .build();
                created.links.insert((*target).to_owned(), RefOr::T(link));
            }
        }
    }
}

/// The whole document, built from the same registration the server uses.
pub fn spec() -> utoipa::openapi::OpenApi {
    let (_, mut spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::app::routes)
        .split_for_parts();
    PageItemsByRef.modify(&mut spec);
    IdempotencyKeyHeader.modify(&mut spec);
    CreatedLinks.modify(&mut spec);
    spec
}

/// The document as the committed `openapi/openapi.json` holds it.
pub fn spec_json() -> String {
    let mut json = spec().to_pretty_json().expect("the spec serializes");
    json.push('\n');
    json
}
