//! `/api/v1/audit/...`: the audit log as anyone can verify it, as Certificate Transparency
//! logs are (RFC 9162): a signed checkpoint (tree size and root), the inclusion proof of an
//! event and the consistency proof between two sizes. Public: leaves are hashes, never
//! the events themselves (which auditors read at `/audit-events`).

use actix_web::{get, web, HttpResponse};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{SecondsFormat, Utc};
use dantin_domain::merkle::{Frontier, Hash};
use dantin_usecases::audit_log::{self, Log};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::run;
use crate::error::{ApiError, CommonErrors, NotFoundError};
use crate::log_key::{LogKey, ORIGIN};

fn b64(h: &Hash) -> String {
    STANDARD.encode(h)
}

/// A signed tree head.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "origin": "dantin audit log", "tree_size": 1542,
    "root_hash": "2mV0xq0Yq9n3W0tQn2m6cI6l7Zb0oZl3R6Vq1s8uQeY=",
    "timestamp": "2026-12-03T09:00:00Z",
    "signature": "q1w2e3...==", "public_key": "Zm9vYmFy...="
}))]
pub struct CheckpointOut {
    pub origin: &'static str,
    /// How many events the log holds.
    pub tree_size: u64,
    /// The Merkle tree's root, base64 (SHA-256).
    pub root_hash: String,
    /// When it was signed (RFC 3339, UTC).
    pub timestamp: String,
    /// Ed25519, base64, over `{origin}\n{tree_size}\n{root_hash}\n{timestamp}\n`.
    pub signature: String,
    /// The service's public key, base64: pin it, and check every checkpoint against it.
    pub public_key: String,
}

/// The tree head a figure was computed on, as reports state it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TreeHeadOut {
    pub tree_size: u64,
    pub root_hash: String,
}

impl TreeHeadOut {
    pub fn of(tree: &Frontier) -> Self {
        Self {
            tree_size: tree.size(),
            root_hash: b64(&tree.root()),
        }
    }
}

/// Get the audit log's checkpoint
///
/// Public. The log's size and Merkle root now, signed with the service's key. Save it:
/// a consistency proof from it to any later checkpoint shows that nothing it covered was
/// changed since.
#[utoipa::path(
    operation_id = "getAuditCheckpoint",
    tag = "audit",
    security(),
    responses((status = 200, description = "The signed checkpoint", body = CheckpointOut), CommonErrors)
)]
#[get("/audit/checkpoint")]
pub async fn checkpoint(
    store: web::Data<Store>,
    key: web::Data<LogKey>,
) -> Result<HttpResponse, ApiError> {
    let head = TreeHeadOut::of(&run(store, audit_log::head).await?);
    let timestamp = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-cache"))
        .json(CheckpointOut {
            origin: ORIGIN,
            tree_size: head.tree_size,
            signature: key.sign(head.tree_size, &head.root_hash, &timestamp),
            root_hash: head.root_hash,
            timestamp,
            public_key: key.public_key(),
        }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InclusionQuery {
    /// The audit event's id.
    pub event: i64,
    /// The size of the tree to prove it in (default: the log now).
    #[param(minimum = 1)]
    pub tree_size: Option<u64>,
}

/// An event's place in the tree, and the path from it to the root.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "event_id": 5, "leaf_index": 4, "tree_size": 6,
    "leaf_hash": "3m8V5vKXk1aHc2d0v1Xb9J3fQ1Qm7Y4Gd8m6b0w2xZQ=",
    "path": ["Qm9vdHN0cmFwIG5vZGUgaGFzaCBleGFtcGxlIDEuLi4=", "U2Vjb25kIG5vZGUgaGFzaCBleGFtcGxlIDIuLi4uLi4="],
    "root_hash": "2mV0xq0Yq9n3W0tQn2m6cI6l7Zb0oZl3R6Vq1s8uQeY="
}))]
pub struct InclusionOut {
    pub event_id: i64,
    /// Its position among the leaves, from 0.
    pub leaf_index: u64,
    pub tree_size: u64,
    /// SHA-256(0x00 || the event's chain hash), base64.
    pub leaf_hash: String,
    /// The audit path, base64, leaf to root (RFC 9162, 2.1.3.1).
    pub path: Vec<String>,
    /// The root this proof leads to, base64.
    pub root_hash: String,
}

/// Prove that an event is in the log
#[utoipa::path(
    operation_id = "getAuditInclusionProof",
    tag = "audit",
    params(InclusionQuery),
    security(),
    responses((status = 200, description = "The inclusion proof", body = InclusionOut), NotFoundError, CommonErrors)
)]
#[get("/audit/proofs/inclusion")]
pub async fn inclusion(
    store: web::Data<Store>,
    q: web::Query<InclusionQuery>,
) -> Result<HttpResponse, ApiError> {
    let log = run(store, Log::read).await?;
    let size = within(&log, q.tree_size.unwrap_or(log.size()), "tree_size")?;
    let event = q.event;
    let (leaf_index, leaf, path) = log.inclusion(event, size)?;
    Ok(HttpResponse::Ok().json(InclusionOut {
        event_id: event,
        leaf_index,
        tree_size: size,
        leaf_hash: b64(&leaf),
        path: path.iter().map(b64).collect(),
        root_hash: b64(&log.root(size)),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsistencyQuery {
    /// The earlier tree size (a checkpoint you kept).
    #[param(minimum = 1)]
    pub first: u64,
    /// The later tree size (default: the log now).
    #[param(minimum = 1)]
    pub second: Option<u64>,
}

/// How a later tree extends an earlier one.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "first": 4, "second": 6,
    "proof": ["Qm9vdHN0cmFwIG5vZGUgaGFzaCBleGFtcGxlIDEuLi4="],
    "second_root_hash": "2mV0xq0Yq9n3W0tQn2m6cI6l7Zb0oZl3R6Vq1s8uQeY="
}))]
pub struct ConsistencyOut {
    pub first: u64,
    pub second: u64,
    /// RFC 9162, 2.1.4.1, base64.
    pub proof: Vec<String>,
    /// The later tree's root, base64.
    pub second_root_hash: String,
}

/// Prove that a later log extends an earlier one
#[utoipa::path(
    operation_id = "getAuditConsistencyProof",
    tag = "audit",
    params(ConsistencyQuery),
    security(),
    responses((status = 200, description = "The consistency proof", body = ConsistencyOut), CommonErrors)
)]
#[get("/audit/proofs/consistency")]
pub async fn consistency(
    store: web::Data<Store>,
    q: web::Query<ConsistencyQuery>,
) -> Result<HttpResponse, ApiError> {
    let log = run(store, Log::read).await?;
    let second = within(&log, q.second.unwrap_or(log.size()), "second")?;
    let first = within(&log, q.first, "first")?;
    if first > second {
        return Err(ApiError::invalid_parameter(
            "first must not exceed second",
            "`first` không được lớn hơn `second`.",
        ));
    }
    Ok(HttpResponse::Ok().json(ConsistencyOut {
        first,
        second,
        proof: log.consistency(first, second).iter().map(b64).collect(),
        second_root_hash: b64(&log.root(second)),
    }))
}

/// `size` if it is a tree the log has had (1 to its size now), else 400 naming `param`.
fn within(log: &Log, size: u64, param: &str) -> Result<u64, ApiError> {
    if (1..=log.size()).contains(&size) {
        Ok(size)
    } else {
        Err(ApiError::invalid_parameter(
            format!(
                "{param} must be between 1 and the log's size, {}",
                log.size()
            ),
            format!(
                "`{param}` phải từ 1 đến kích thước hiện tại của nhật ký, {}.",
                log.size()
            ),
        ))
    }
}
