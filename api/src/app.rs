//! The HTTP application: routes, middleware, and a server bound to a port.

use std::net::TcpListener;
use std::sync::Arc;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::http::{header, Method};
use actix_web::middleware::{from_fn, Compress, Condition, Logger};
use actix_web::{web, App, HttpRequest, HttpResponse};
use dantin_usecases::Store;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::TokenKeys;
use crate::data_version::DataVersion;
use crate::error::ApiError;
use crate::idempotency::idempotent;
use crate::log_key::LogKey;
use crate::metrics::Metrics;
use crate::middleware::finish;
use crate::problem::Kind;
use crate::read_cache::ReadCache;
use crate::routes::changes::WaitCap;
use crate::routes::{
    appointment_import, appointments, audit, audit_log, auth, cadre_assignments, cell_meetings,
    cell_reports, changes, congresses, head_elections, health, holidays, lineage, minute_entries,
    minutes, officeholders, party_orgs, persons, reorganizations, reports, rule_sets, terms,
    unified_status, unit_import, units, webhooks,
};
use crate::server::Timeouts;
use crate::throttle::{Limits, SignIns, Throttle, TrustedProxies, Writes};
use crate::webhooks::WebhookSettings;

/// Every documented operation; the OpenAPI document is collected from this registration.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(health::health)
        .service(crate::metrics::scrape)
        .service(
            // The router tries each route in turn, and a route with a `{param}` costs a
            // regex match: the public reads that mobile clients poll come first.
            scope::scope("/api/v1")
                .service(officeholders::list)
                .service(reports::unification)
                .service(reports::progress)
                .service(unified_status::unified_status)
                .service(auth::token)
                .service(unit_import::import)
                .service(units::list)
                .service(units::create)
                .service(units::get)
                .service(units::update)
                .service(lineage::lineage)
                .service(lineage::successors)
                .service(reorganizations::list)
                .service(reorganizations::apply)
                .service(reorganizations::get)
                .service(party_orgs::list)
                .service(party_orgs::create)
                .service(party_orgs::get)
                .service(party_orgs::update)
                .service(persons::list)
                .service(persons::create)
                .service(persons::get)
                .service(persons::update)
                .service(persons::eligibility)
                .service(terms::list)
                .service(terms::create)
                .service(terms::get)
                .service(rule_sets::get)
                .service(rule_sets::put)
                .service(holidays::get)
                .service(holidays::put)
                .service(head_elections::list)
                .service(head_elections::create)
                .service(head_elections::get)
                .service(head_elections::recognize)
                .service(congresses::list)
                .service(congresses::create)
                .service(congresses::get)
                .service(congresses::approve)
                .service(minutes::attach_to_head_election)
                .service(minutes::list_of_head_election)
                .service(minutes::attach_to_congress)
                .service(minutes::list_of_congress)
                .service(minutes::download)
                .service(minute_entries::list)
                .service(minute_entries::create)
                .service(minute_entries::get)
                .service(minute_entries::second)
                .service(minute_entries::resolve)
                .service(cell_meetings::list)
                .service(cell_meetings::create)
                .service(cell_meetings::get)
                .service(cadre_assignments::list)
                .service(cadre_assignments::create)
                .service(cadre_assignments::get)
                .service(appointment_import::import)
                .service(appointments::list)
                .service(appointments::create)
                .service(appointments::get)
                .service(appointments::end)
                .service(changes::list)
                .service(cell_reports::meetings)
                .service(cell_reports::attendance)
                .service(webhooks::create)
                .service(webhooks::list)
                .service(webhooks::get)
                .service(webhooks::remove)
                .service(webhooks::rotate)
                .service(webhooks::deliveries)
                .service(webhooks::redeliver)
                .service(audit_log::checkpoint)
                .service(audit_log::inclusion)
                .service(audit_log::consistency)
                .service(audit::verify)
                .service(audit::list),
        );
}

/// The documented paths with their methods, to tell an unknown path (404) from a known
/// path called with the wrong method (405).
struct KnownPaths(Vec<(Vec<String>, Vec<Method>)>);

impl KnownPaths {
    fn from_spec(spec: &utoipa::openapi::OpenApi) -> Self {
        Self(
            spec.paths
                .paths
                .iter()
                .map(|(path, item)| {
                    let segments = path.split('/').map(str::to_owned).collect();
                    let methods = [
                        (&item.get, Method::GET),
                        (&item.post, Method::POST),
                        (&item.put, Method::PUT),
                        (&item.patch, Method::PATCH),
                        (&item.delete, Method::DELETE),
                    ]
                    .into_iter()
                    .filter(|(op, _)| op.is_some())
                    .map(|(_, m)| m)
                    .collect();
                    (segments, methods)
                })
                .collect(),
        )
    }

    /// Adds a path served outside the API (the dashboard's pages).
    fn with(mut self, path: &str, methods: &[Method]) -> Self {
        self.0.push((
            path.split('/').map(str::to_owned).collect(),
            methods.to_vec(),
        ));
        self
    }

    fn methods_for(&self, path: &str) -> Option<&[Method]> {
        let parts: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .filter(|(template, _)| {
                template.len() == parts.len()
                    && template
                        .iter()
                        .zip(&parts)
                        .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
            })
            .max_by_key(|(template, _)| template.iter().filter(|t| !t.starts_with('{')).count())
            .map(|(_, m)| m.as_slice())
    }
}

async fn unmatched(
    req: HttpRequest,
    known: web::Data<KnownPaths>,
) -> Result<HttpResponse, ApiError> {
    match known.methods_for(req.path()) {
        Some(methods) => {
            let allow = methods
                .iter()
                .map(Method::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            let mut res = actix_web::ResponseError::error_response(&ApiError::new(
                Kind::MethodNotAllowed,
                format!("{} is not allowed here; use {allow}", req.method()),
                format!(
                    "Không dùng được phương thức {} ở đây; hãy dùng {allow}.",
                    req.method()
                ),
            ));
            res.headers_mut().insert(
                header::ALLOW,
                header::HeaderValue::from_str(&allow).expect("method names are ASCII"),
            );
            Ok(res)
        }
        None => Err(ApiError::new(
            Kind::NotFound,
            format!("no resource at {}", req.path()),
            format!("Không có tài nguyên nào tại {}.", req.path()),
        )),
    }
}

/// What the server needs to run.
#[derive(Clone)]
pub struct Settings {
    pub keys: TokenKeys,
    pub workers: usize,
    pub limits: Limits,
    pub timeouts: Timeouts,
    pub webhooks: WebhookSettings,
    /// Signs the audit log's checkpoints.
    pub log_key: Arc<LogKey>,
    /// How long a request to the change feed may wait at most.
    pub changes_wait: WaitCap,
    /// The load balancers whose `X-Forwarded-For` names the client.
    pub trusted_proxies: TrustedProxies,
    /// The web origins whose pages may call the API (`*`: any); none, no CORS.
    pub cors_origins: Vec<String>,
}

/// CORS for the web clients of `origins`: the methods and headers the API takes, and the
/// headers a client reads (`ETag`, `Link`, `Location`, `Retry-After`, ...).
fn cors(origins: &[String]) -> Cors {
    use actix_web::http::header;
    let mut cors = Cors::default()
        .allowed_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::ACCEPT_LANGUAGE,
            header::IF_NONE_MATCH,
            header::IF_MATCH,
            header::HeaderName::from_static("idempotency-key"),
            crate::middleware::REQUEST_ID,
        ])
        .expose_headers([
            header::ETAG,
            header::LINK,
            header::LOCATION,
            header::RETRY_AFTER,
            header::HeaderName::from_static("idempotent-replayed"),
            crate::middleware::REQUEST_ID,
        ])
        .max_age(3600);
    for origin in origins {
        cors = if origin == "*" {
            cors.allow_any_origin().send_wildcard()
        } else {
            cors.allowed_origin(origin)
        };
    }
    cors
}

/// A server listening on a bound port: port 0 picks a free one (tests).
pub struct Application {
    pub server: Server,
    pub port: u16,
}

impl Application {
    pub fn build(store: Store, settings: Settings, bind: &str) -> std::io::Result<Self> {
        let listener = TcpListener::bind(bind)?;
        let port = listener.local_addr()?.port();
        let blocking_threads = store.max_connections() as usize;
        let store = web::Data::new(store);
        let keys = web::Data::new(settings.keys);
        let sign_in = web::Data::new(SignIns(Throttle::new("sign_in", settings.limits.sign_in)));
        let writes = web::Data::new(Writes(Throttle::new("writes", settings.limits.writes)));
        let spec = crate::openapi::spec();
        let known = web::Data::new(
            KnownPaths::from_spec(&spec)
                .with("/", &[Method::GET])
                .with("/dashboard.csv", &[Method::GET]),
        );
        let spec = Arc::new(spec);
        let timeouts = web::Data::new(settings.timeouts);
        let targets = web::Data::new(settings.webhooks.targets.clone());
        let log_key = web::Data::from(settings.log_key.clone());
        let changes_wait = web::Data::new(settings.changes_wait);
        let proxies = web::Data::new(settings.trusted_proxies);
        let metrics = web::Data::new(Metrics::default());
        let cors_origins = settings.cors_origins;
        actix_web::rt::spawn(crate::webhooks::delivery::work(
            store.clone(),
            settings.webhooks,
        ));
        let version = web::Data::new(DataVersion::default());
        let answers = web::Data::new(ReadCache::new(version.clone().into_inner()));
        let server = crate::server::serve(
            listener,
            settings.workers,
            blocking_threads,
            settings.timeouts,
            move || {
                App::new()
                    .app_data(store.clone())
                    .app_data(keys.clone())
                    .app_data(sign_in.clone())
                    .app_data(writes.clone())
                    .app_data(known.clone())
                    .app_data(timeouts.clone())
                    .app_data(answers.clone())
                    .app_data(version.clone())
                    .app_data(targets.clone())
                    .app_data(log_key.clone())
                    .app_data(changes_wait.clone())
                    .app_data(proxies.clone())
                    .app_data(metrics.clone())
                    .app_data(web::QueryConfig::default().error_handler(|e, _| {
                        ApiError::invalid_parameter(
                            format!("a query parameter is invalid: {e}"),
                            format!("Tham số truy vấn không hợp lệ: {e}"),
                        )
                        .into()
                    }))
                    .app_data(web::PathConfig::default().error_handler(|e, _| {
                        ApiError::invalid_parameter(
                            format!("a path parameter is invalid: {e}"),
                            format!("Tham số đường dẫn không hợp lệ: {e}"),
                        )
                        .into()
                    }))
                    // Innermost first: `idempotent` runs inside `finish`, so that its
                    // refusals become problems too; `finish` may replace a body, so
                    // compression comes after it, outside.
                    .wrap(from_fn(idempotent))
                    .wrap(from_fn(finish))
                    .wrap(Compress::default())
                    .wrap(from_fn(crate::metrics::measure))
                    .wrap(
                        Logger::new("%{r}xi %s %b %Dms req=%{x-request-id}o")
                            .custom_request_replace("r", |req| {
                                format!("{} {}", req.method(), req.path())
                            }),
                    )
                    // Outermost: a browser's preflight is answered before anything else.
                    .wrap(Condition::new(
                        !cors_origins.is_empty(),
                        cors(&cors_origins),
                    ))
                    .into_utoipa_app()
                    .configure(routes)
                    .into_app()
                    .service(crate::dashboard::show)
                    .service(crate::dashboard::csv)
                    .service(
                        SwaggerUi::new("/swagger-ui/{_:.*}")
                            .url("/api-docs/openapi.json", (*spec).clone()),
                    )
                    .default_service(web::to(unmatched))
            },
        )?;
        Ok(Self { server, port })
    }
}
