//! Prometheus metrics (`GET /metrics`, the text exposition format): requests by route,
//! method and status, their latency, the pool's connections, the webhook outbox's backlog
//! and the audit log's size. Routes are the registered patterns (`/api/v1/units/{id}`),
//! never the paths asked for, so that ids and probes do not grow the series.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{get, web, HttpResponse};
use dantin_usecases::operations;
use dantin_usecases::Store;
use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry};

use crate::db::run;
use crate::error::{ApiError, CommonErrors};

/// The metrics of one process.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool_open: IntGauge,
    pool_idle: IntGauge,
    outbox: IntGauge,
    audit: IntGauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let registry = Registry::new_custom(Some("dantin".to_owned()), None)
            .expect("a registry with a prefix");
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered"),
            &["route", "method", "status"],
        )
        .expect("a counter");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time from a request's head to its answer",
            )
            .buckets(vec![
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                10.0, 30.0,
            ]),
            &["route", "method"],
        )
        .expect("a histogram");
        let gauge = |name: &str, help: &str| IntGauge::new(name, help).expect("a gauge");
        let metrics = Self {
            pool_open: gauge(
                "db_pool_connections",
                "Database connections open in the pool",
            ),
            pool_idle: gauge(
                "db_pool_idle_connections",
                "Database connections idle in the pool",
            ),
            outbox: gauge(
                "webhook_outbox_pending",
                "Webhook deliveries waiting to be sent",
            ),
            audit: gauge("audit_tree_size", "Events in the audit log's Merkle tree"),
            registry,
            requests,
            latency,
        };
        for collector in [
            Box::new(metrics.requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(metrics.latency.clone()),
            Box::new(metrics.pool_open.clone()),
            Box::new(metrics.pool_idle.clone()),
            Box::new(metrics.outbox.clone()),
            Box::new(metrics.audit.clone()),
        ] {
            metrics
                .registry
                .register(collector)
                .expect("each metric once");
        }
        metrics
    }
}

/// Counts and times every request, by its route's pattern.
pub async fn measure(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let method = req.method().to_string();
    let res = next.call(req).await?;
    if let Some(m) = metrics {
        let route = res
            .request()
            .match_pattern()
            .unwrap_or_else(|| "unmatched".to_owned());
        m.requests
            .with_label_values(&[&route, &method, res.status().as_str()])
            .inc();
        m.latency
            .with_label_values(&[&route, &method])
            .observe(started.elapsed().as_secs_f64());
    }
    Ok(res)
}

/// Get the service's metrics
///
/// Prometheus text exposition: `dantin_http_requests_total` by route, method and status,
/// `dantin_http_request_duration_seconds` by route and method, `dantin_db_pool_connections`
/// and `dantin_db_pool_idle_connections`, `dantin_webhook_outbox_pending` and
/// `dantin_audit_tree_size`. Nothing personal: routes are patterns, not paths.
#[utoipa::path(
    operation_id = "getMetrics",
    tag = "health",
    security(),
    responses(
        (status = 200, description = "The metrics",
            content((String = "text/plain", example = "# HELP dantin_audit_tree_size Events in the audit log's Merkle tree\n# TYPE dantin_audit_tree_size gauge\ndantin_audit_tree_size 1542\n"))),
        CommonErrors
    )
)]
#[get("/metrics")]
pub async fn scrape(
    store: web::Data<Store>,
    metrics: web::Data<Metrics>,
) -> Result<HttpResponse, ApiError> {
    let figures = run(store, operations::figures).await?;
    metrics.pool_open.set(i64::from(figures.pool_open));
    metrics.pool_idle.set(i64::from(figures.pool_idle));
    metrics.outbox.set(figures.outbox_backlog);
    metrics.audit.set(figures.audit_events);
    let mut text = Vec::new();
    prometheus::TextEncoder::new()
        .encode(&metrics.registry.gather(), &mut text)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text))
}
