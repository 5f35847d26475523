//! The delivery worker of one instance: every tick it claims the deliveries due (the first
//! pending one of each subscription, held by a lease so that no other instance sends it
//! meanwhile), sends each as a signed POST, and records what came back. A delivery is
//! sent at least once; its `webhook-id` is the same on every attempt, so the receiver
//! keeps it once.

use std::time::Duration;

use actix_web::web;
use awc::http::header;
use chrono::Utc;
use dantin_usecases::webhooks::{self, Answer, Due};
use dantin_usecases::Store;
use serde::Serialize;

use super::signature::sign;
use super::WebhookSettings;
use crate::db::run;
use crate::routes::changes::ChangeOut;

/// How long a worker holds a delivery: well past the longest attempt.
const LEASE: Duration = Duration::from_secs(60);
/// How long a receiver may take to answer.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);
/// At most this many deliveries (of as many subscriptions) at once.
const BATCH: i64 = 16;

/// What a receiver gets: the Standard Webhooks envelope around the change as the feed
/// shows it.
#[derive(Serialize)]
struct Envelope<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    timestamp: &'a str,
    data: ChangeOut,
}

/// Runs the worker for as long as the process does.
pub async fn work(store: web::Data<Store>, settings: WebhookSettings) {
    let client = awc::Client::builder()
        .timeout(ATTEMPT_TIMEOUT)
        .disable_redirects()
        .finish();
    loop {
        let due = run(store.clone(), |s| {
            webhooks::claim_due(s, Utc::now(), LEASE.as_millis() as i64, BATCH)
        })
        .await;
        match due {
            Ok(due) if !due.is_empty() => {
                let attempts = due
                    .into_iter()
                    .map(|d| attempt(&client, store.clone(), &settings, d));
                futures_util::future::join_all(attempts).await;
            }
            Ok(_) => actix_web::rt::time::sleep(settings.tick).await,
            Err(e) => {
                log::warn!("webhook deliveries: {e}");
                actix_web::rt::time::sleep(settings.tick).await;
            }
        }
    }
}

async fn attempt(
    client: &awc::Client,
    store: web::Data<Store>,
    settings: &WebhookSettings,
    due: Due,
) {
    let answer = send(client, settings, &due).await;
    let schedule = settings.schedule.clone();
    let delivery = due.delivery.id;
    let recorded = run(store, move |s| {
        webhooks::record(s, &due, &answer, &schedule, Utc::now())
    })
    .await;
    if let Err(e) = recorded {
        log::warn!("webhook delivery {delivery}: {e}");
    }
}

async fn send(client: &awc::Client, settings: &WebhookSettings, due: &Due) -> Answer {
    let failed = |error: String| Answer {
        status: None,
        retry_after: None,
        error: Some(error),
    };
    let url = match settings.targets.check(&due.webhook.url).await {
        Ok(url) => url,
        Err(e) => return failed(e),
    };
    let change = match ChangeOut::try_from(due.change.clone()) {
        Ok(change) => change,
        Err(e) => return failed(e.to_string()),
    };
    let envelope = Envelope {
        kind: change.kind.as_str(),
        timestamp: &due.change.occurred_at,
        data: change,
    };
    let body = match serde_json::to_vec(&envelope) {
        Ok(body) => body,
        Err(e) => return failed(e.to_string()),
    };
    let id = format!("chg_{}", due.change.id);
    let now = Utc::now();
    let signature = sign(
        &due.webhook.signing_secrets(now.timestamp_millis()),
        &id,
        now.timestamp(),
        &body,
    );
    let sent = client
        .post(url.as_str())
        .insert_header((header::CONTENT_TYPE, "application/json"))
        .insert_header(("webhook-id", id))
        .insert_header(("webhook-timestamp", now.timestamp().to_string()))
        .insert_header(("webhook-signature", signature))
        .send_body(body)
        .await;
    match sent {
        Ok(res) => {
            let status = res.status();
            let retry_after = res
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok());
            Answer {
                status: Some(status.as_u16()),
                retry_after,
                error: (!status.is_success()).then(|| format!("the receiver answered {status}")),
            }
        }
        Err(e) => failed(format!("no answer: {e}")),
    }
}
