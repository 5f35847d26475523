//! `/api/v1/changes`: the public change feed. Integrators follow it to keep a local copy
//! without polling every list: each change carries the entity as it stood after the write.

use std::time::{Duration, Instant};

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use dantin_domain::change::ChangeType;
use dantin_domain::UnitId;
use dantin_usecases::changes::{self, Change, ChangeQuery};
use dantin_usecases::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::data_version::DataVersion;
use crate::db::run;
use crate::error::{ApiError, CommonErrors, NotFoundError};
use crate::pagination::{next_link, Pager};

/// The longest `wait` a request may ask for, in seconds.
const MAX_WAIT: u64 = 30;

/// How long this instance lets a request wait at most, whatever it asks
/// (`DANTIN_CHANGES_MAX_WAIT`: below a proxy's idle timeout, say).
#[derive(Debug, Clone, Copy)]
pub struct WaitCap(pub Duration);

impl Default for WaitCap {
    fn default() -> Self {
        Self(Duration::from_secs(MAX_WAIT))
    }
}
/// How often a waiting request asks whether anything was written, on any instance.
const POLL: Duration = Duration::from_millis(200);

/// The entity a change is about.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntityOut {
    /// `unit`, `reorganization`, `tenure`, `head_election` or `congress`.
    #[serde(rename = "type")]
    #[schema(example = "tenure")]
    pub kind: &'static str,
    pub id: i64,
}

/// One change.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 41, "type": "tenure.started", "occurred_at": "2026-12-03T09:15:02.481337Z",
    "entity": {"type": "tenure", "id": 17}, "unit_id": 12, "audit_event_id": 96,
    "data": {"id": 17, "post": "village_head", "unit_id": 12, "party_org_id": null,
        "person": {"id": 4, "name": "Lý Mạnh Thường"}, "starts_on": "2026-12-01",
        "ends_on": null, "basis": "election", "end_reason": null,
        "head_election_id": 9, "congress_id": null}
}))]
pub struct ChangeOut {
    /// The change's place in the feed: pass it as `after` to read what came next.
    pub id: i64,
    #[serde(rename = "type")]
    pub kind: ChangeType,
    /// When the write committed (RFC 3339, UTC), as in its audit event.
    pub occurred_at: String,
    pub entity: EntityOut,
    /// The unit the change concerns (a tenure's unit, or its organisation's; an election's
    /// village; a congress's cell's unit); absent for a reorganisation, which names its
    /// units in their own changes.
    pub unit_id: Option<UnitId>,
    /// The audit event of the write that made the change.
    pub audit_event_id: i64,
    /// The entity after the write. A unit: `id, code, name, kind, level, parent_id,
    /// valid_from, valid_to`, and `since` (the first day of its latest version). A tenure:
    /// `id, post, unit_id, party_org_id, person {id, name}, starts_on, ends_on, basis,
    /// end_reason, head_election_id, congress_id`. A head election: `id, village_id,
    /// term_id, held_on, outcome, winner {id, name} | null, recognized_on`. A congress:
    /// `id, cell_id, unit_id, term_id, held_on, outcome, winner {id, name} | null,
    /// approved_on`. A reorganisation: `id, effective_on, basis, created, ended, changed,
    /// successions`.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

impl TryFrom<Change> for ChangeOut {
    type Error = ApiError;

    fn try_from(c: Change) -> Result<Self, ApiError> {
        let kind: ChangeType = c
            .kind
            .parse()
            .map_err(|e| ApiError::internal(format!("change {}: {e}", c.id)))?;
        let data = serde_json::from_str(&c.data)
            .map_err(|e| ApiError::internal(format!("change {}: {e}", c.id)))?;
        Ok(Self {
            id: c.id,
            kind,
            occurred_at: c.occurred_at,
            entity: EntityOut {
                kind: kind.entity(),
                id: c.entity_id,
            },
            unit_id: c.unit_id.map(UnitId::from),
            audit_event_id: c.audit_event_id,
            data,
        })
    }
}

/// One page of the feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangePage {
    pub items: Vec<ChangeOut>,
    /// Pass as `after` to read on: the last change of the page, or the `after` asked for
    /// when the page is empty. Also in the `Link: <...>; rel="next"` header.
    #[schema(example = 41)]
    pub next_after: i64,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangeParams {
    /// Only changes after this one (default 0: from the first); an id the feed gave, or
    /// 400.
    #[param(minimum = 0, example = 40)]
    pub after: Option<i64>,
    /// Only changes of units under this one (the unit included) on the latest map.
    pub unit: Option<UnitId>,
    /// Only these kinds, comma-separated.
    #[param(example = "tenure.started,tenure.ended")]
    pub types: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    /// When nothing follows `after`, wait up to this many seconds (0 to 30; an instance
    /// may be configured to wait less) for a change before answering an empty page.
    #[param(minimum = 0, maximum = 30)]
    pub wait: Option<u64>,
}

impl ChangeParams {
    fn query(&self) -> Result<ChangeQuery, ApiError> {
        let types = match self.types.as_deref() {
            None | Some("") => Vec::new(),
            Some(names) => names
                .split(',')
                .map(|t| {
                    let name = t.trim();
                    name.parse::<ChangeType>().map_err(|e| {
                        ApiError::invalid_parameter(
                            format!("types: {e}"),
                            format!("`types` có loại thay đổi không tồn tại: `{name}`."),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(ChangeQuery {
            unit: self.unit,
            types,
        })
    }
}

/// Follow the changes
///
/// Public. Every change a public read can show, oldest first, after `after`: units
/// created, moved, renamed, recoded and ended, reorganisations applied, tenures started
/// and ended, head elections recorded and recognised, congresses recorded and approved.
/// A change is in the feed once its write has committed, never before, and its `id`
/// never changes. With `wait`, a request that finds nothing waits for the next change
/// (a write on any instance over the same database) up to that many seconds.
#[utoipa::path(
    operation_id = "listChanges",
    tag = "public",
    params(ChangeParams),
    security(),
    responses(
        (status = 200, description = "The changes after `after`, and where to read on",
            body = ChangePage, headers(("Link" = String))),
        NotFoundError, CommonErrors
    )
)]
#[get("/changes")]
pub async fn list(
    req: HttpRequest,
    store: web::Data<Store>,
    version: web::Data<DataVersion>,
    cap: web::Data<WaitCap>,
    params: web::Query<ChangeParams>,
) -> Result<HttpResponse, ApiError> {
    let query = params.query()?;
    let after = params.after.unwrap_or(0);
    if after < 0 {
        return Err(ApiError::invalid_parameter(
            "after must be 0 or more",
            "`after` phải từ 0 trở lên.",
        ));
    }
    let limit = Pager::new(params.limit, None)?.limit;
    let wait = params.wait.unwrap_or(0);
    if wait > MAX_WAIT {
        return Err(ApiError::invalid_parameter(
            format!("wait must be between 0 and {MAX_WAIT} seconds"),
            format!("`wait` phải từ 0 đến {MAX_WAIT} giây."),
        ));
    }
    let deadline = Instant::now() + Duration::from_secs(wait).min(cap.0);
    let rows = loop {
        let seen = version.clone().into_inner().current(store.clone()).await?;
        let q = query.clone();
        let rows = run(store.clone(), move |s| changes::page(s, &q, after, limit))
            .await?
            .ok_or_else(|| {
                ApiError::invalid_parameter(
                    format!(
                        "after: change {after} does not exist yet; pass 0 or an id the feed gave"
                    ),
                    format!(
                        "`after`: chưa có thay đổi số {after}; hãy dùng 0 hoặc một id do nguồn \
                         thay đổi trả về."
                    ),
                )
            })?;
        if !rows.is_empty() || Instant::now() >= deadline {
            break rows;
        }
        // Nothing yet: read again once anything is written, or answer empty at the end.
        while Instant::now() < deadline {
            actix_web::rt::time::sleep(POLL.min(deadline - Instant::now())).await;
            if version.clone().into_inner().current(store.clone()).await? != seen {
                break;
            }
        }
    };
    let items = rows
        .into_iter()
        .map(ChangeOut::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let next_after = items.last().map_or(after, |c| c.id);
    Ok(HttpResponse::Ok()
        .insert_header((
            header::LINK,
            next_link(&req, "after", &next_after.to_string()),
        ))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .json(ChangePage { items, next_after }))
}
