//! The OpenAPI document: info, tags and the bearer scheme here; every operation is
//! collected from the handlers' own annotations as they are registered.

use actix_web::App;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
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
for Vietnamese titles. Lists take `limit` and an opaque `cursor`. Dates are `YYYY-MM-DD`.\n\n\
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
        (name = "rules", description = "Each province's configurable rules"),
        (name = "public", description = "Public, cacheable reads: officeholders and reports; no personal data"),
        (name = "auth", description = "Signing in"),
        (name = "audit", description = "The hash-chained trail of every write"),
        (name = "health", description = "Liveness and database reachability"),
    ),
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

/// The whole document, built from the same registration the server uses.
pub fn spec() -> utoipa::openapi::OpenApi {
    let (_, spec) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::app::routes)
        .split_for_parts();
    spec
}

/// The document as the committed `openapi/openapi.json` holds it.
pub fn spec_json() -> String {
    let mut json = spec().to_pretty_json().expect("the spec serializes");
    json.push('\n');
    json
}
