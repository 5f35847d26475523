//! `/api/v1/reorganizations`: legal acts that change the map on one day. Admins apply
//! them; anyone reads them.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::reorganization::{NewOrg, NewUnit, Operation};
use dantin_domain::unit::UnitKind;
use dantin_domain::{PartyOrgId, ReorganizationId, RowViolation};
use dantin_usecases::reorganizations::{self, Act, Reorganization};
use dantin_usecases::{Error, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::db::run;
use crate::error::{ApiError, AuthErrors, CommonErrors, NotFoundError, WriteErrors};
use crate::etag;
use crate::extract::Json;
use crate::input;
use crate::pagination::{self, Page};
use crate::routes::unit_import::{parse_row, ImportRowIn};

/// One operation. Units acted on are named by the code they had the day before; parents
/// and successors by the code they have on the act's day.
// Serialize only for the validator's error paths.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum OperationIn {
    /// A new unit, in force from the act's day, as an import's row names it: its parent
    /// by code, its kind as a slug or a word (read from the name when absent).
    Create { unit: ImportRowIn },
    /// The unit ends: the act's day is its first day out of force. Tenures held there end
    /// that day (`unit_reorganized`).
    End {
        #[serde(deserialize_with = "input::name")]
        code: String,
    },
    /// The unit hangs under another from the act's day (a commune under its province when
    /// the districts end).
    Move {
        #[serde(deserialize_with = "input::name")]
        code: String,
        #[serde(deserialize_with = "input::name")]
        parent_code: String,
    },
    Rename {
        #[serde(deserialize_with = "input::name")]
        code: String,
        #[serde(deserialize_with = "input::name")]
        name: String,
    },
    /// A change of kind within its level: xã → phường, huyện → thị xã.
    Reclassify {
        #[serde(deserialize_with = "input::name")]
        code: String,
        /// The slug or the Vietnamese word.
        #[serde(deserialize_with = "input::kind")]
        #[schema(value_type = String, example = "phường")]
        kind: UnitKind,
    },
    /// A new official code.
    Recode {
        #[serde(deserialize_with = "input::name")]
        code: String,
        #[serde(deserialize_with = "input::name")]
        new_code: String,
    },
    /// The units that carry the territory of `from`, which the act ends: one successor is
    /// a whole succession (a merge), several a split.
    Succeed {
        #[serde(deserialize_with = "input::name")]
        from: String,
        to: Vec<String>,
    },
    /// A new Party organisation, in force from the act's day: a new commune's committee.
    CreateOrg { org: NewOrgIn },
    /// The organisation ends (an organisation whose unit ends, ends with it unasked).
    EndOrg { org_id: PartyOrgId },
    /// The organisation's superior becomes the organisation leading the unit of this code
    /// on the act's day (a cell whose committee ends follows its village unasked).
    MoveOrg {
        org_id: PartyOrgId,
        #[serde(deserialize_with = "input::name")]
        superior_unit_code: String,
    },
    RenameOrg {
        org_id: PartyOrgId,
        #[serde(deserialize_with = "input::name")]
        name: String,
    },
}

/// A Party organisation an act creates; its unit and its superior's unit named by code on
/// the act's day.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Đảng ủy phường Hạ Long", "kind": "grassroots_committee",
    "unit_code": "06688", "superior_unit_code": "22"
}))]
pub struct NewOrgIn {
    #[serde(deserialize_with = "input::name")]
    pub name: String,
    pub kind: PartyOrgKind,
    #[serde(deserialize_with = "input::name")]
    pub unit_code: String,
    /// The unit whose leading organisation (its committee, or a village's cell) is the
    /// superior; absent for a top organisation.
    #[serde(default, deserialize_with = "input::name_opt")]
    pub superior_unit_code: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "effective_on": "2025-07-01",
    "basis": "Nghị quyết 1679/NQ-UBTVQH15",
    "operations": [
        {"op": "end", "code": "06862"},
        {"op": "end", "code": "06865"},
        {"op": "create", "unit": {"code": "06859", "name": "Phường Hồng Gai", "level": "commune", "parent_code": "22"}},
        {"op": "move", "code": "K6", "parent_code": "06859"},
        {"op": "succeed", "from": "06862", "to": ["06859"]},
        {"op": "succeed", "from": "06865", "to": ["06859"]}
    ]
}))]
pub struct ReorganizationIn {
    /// The first day of the new map.
    #[serde(deserialize_with = "input::day")]
    pub effective_on: NaiveDate,
    /// The legal act.
    #[validate(length(min = 1, max = 500))]
    #[serde(deserialize_with = "input::name")]
    pub basis: String,
    /// Any order: the act is judged on the map it leaves.
    #[validate(length(min = 1, max = 200000), nested)]
    pub operations: Vec<OperationIn>,
}

impl validator::Validate for OperationIn {
    /// The bounds of an import's row: codes of 1 to 32 characters, names of 1 to 200.
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        let (codes, name): (Vec<(&'static str, &str)>, Option<&str>) = match self {
            OperationIn::Create { unit } => return unit.validate(),
            OperationIn::End { code } => (vec![("code", code)], None),
            OperationIn::Move { code, parent_code } => {
                (vec![("code", code), ("parent_code", parent_code)], None)
            }
            OperationIn::Rename { code, name } => (vec![("code", code)], Some(name)),
            OperationIn::Reclassify { code, .. } => (vec![("code", code)], None),
            OperationIn::Recode { code, new_code } => {
                (vec![("code", code), ("new_code", new_code)], None)
            }
            OperationIn::Succeed { from, to } => (
                std::iter::once(("from", from.as_str()))
                    .chain(to.iter().map(|c| ("to", c.as_str())))
                    .collect(),
                None,
            ),
            OperationIn::CreateOrg { org } => (
                std::iter::once(("unit_code", org.unit_code.as_str()))
                    .chain(
                        org.superior_unit_code
                            .iter()
                            .map(|c| ("superior_unit_code", c.as_str())),
                    )
                    .collect(),
                Some(org.name.as_str()),
            ),
            OperationIn::EndOrg { .. } => (vec![], None),
            OperationIn::MoveOrg {
                superior_unit_code, ..
            } => (vec![("superior_unit_code", superior_unit_code)], None),
            OperationIn::RenameOrg { name, .. } => (vec![], Some(name)),
        };
        let mut errors = validator::ValidationErrors::new();
        let mut bound = |field: &'static str, value: &str, max: u64| {
            let chars = value.chars().count() as u64;
            if chars == 0 || chars > max {
                let mut e = validator::ValidationError::new("length");
                e.add_param("min".into(), &1);
                e.add_param("max".into(), &max);
                errors.add(field, e);
            }
        };
        for (field, code) in codes {
            bound(field, code, 32);
        }
        if let Some(name) = name {
            bound("name", name, 200);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// An act as recorded.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 1, "effective_on": "2025-07-01", "basis": "Nghị quyết 1679/NQ-UBTVQH15",
    "created": 1, "ended": 2, "changed": 1, "successions": 2,
    "recorded_at": "2025-06-20T03:00:00Z"
}))]
pub struct ReorganizationOut {
    pub id: ReorganizationId,
    pub effective_on: NaiveDate,
    pub basis: String,
    /// Units it created, ended, and changed (moved, renamed, reclassified or recoded).
    pub created: i32,
    pub ended: i32,
    pub changed: i32,
    pub successions: i32,
    /// When it was recorded (UTC).
    pub recorded_at: DateTime<Utc>,
    /// The operations as applied (only on a single read).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<Object>>)]
    pub operations: Option<serde_json::Value>,
}

impl ReorganizationOut {
    fn new(r: Reorganization, with_operations: bool) -> Self {
        Self {
            operations: with_operations
                .then(|| serde_json::from_str(&r.operations).ok())
                .flatten(),
            id: r.id,
            effective_on: r.effective_on,
            basis: r.basis,
            created: r.created,
            ended: r.ended,
            changed: r.changed,
            successions: r.successions,
            recorded_at: r.created_at.and_utc(),
        }
    }
}

impl ReorganizationIn {
    /// The act as the use case takes it, or every operation whose unit cannot be read.
    pub(crate) fn into_act(self) -> Result<Act, Error> {
        let mut operations = Vec::with_capacity(self.operations.len());
        let mut unreadable = Vec::new();
        for (index, op) in self.operations.into_iter().enumerate() {
            match operation(index, op) {
                Ok(op) => operations.push(op),
                Err(why) => unreadable.extend(why),
            }
        }
        if !unreadable.is_empty() {
            return Err(Error::Rows(unreadable));
        }
        Ok(Act {
            effective_on: self.effective_on,
            basis: self.basis,
            operations,
        })
    }
}

fn operation(index: usize, op: OperationIn) -> Result<Operation, Vec<RowViolation>> {
    Ok(match op {
        OperationIn::Create { unit } => {
            let row = parse_row(index, unit)?;
            Operation::Create {
                unit: NewUnit {
                    code: row.code,
                    name: row.name,
                    level: row.level,
                    kind: row.kind,
                    parent_code: row.parent_code,
                },
            }
        }
        OperationIn::End { code } => Operation::End { code },
        OperationIn::Move { code, parent_code } => Operation::Move { code, parent_code },
        OperationIn::Rename { code, name } => Operation::Rename { code, name },
        OperationIn::Reclassify { code, kind } => Operation::Reclassify { code, kind },
        OperationIn::Recode { code, new_code } => Operation::Recode { code, new_code },
        OperationIn::Succeed { from, to } => Operation::Succeed { from, to },
        OperationIn::CreateOrg { org } => Operation::CreateOrg {
            org: NewOrg {
                name: org.name,
                kind: org.kind,
                unit_code: org.unit_code,
                superior_unit_code: org.superior_unit_code,
            },
        },
        OperationIn::EndOrg { org_id } => Operation::EndOrg { org: org_id },
        OperationIn::MoveOrg {
            org_id,
            superior_unit_code,
        } => Operation::MoveOrg {
            org: org_id,
            superior_unit_code,
        },
        OperationIn::RenameOrg { org_id, name } => Operation::RenameOrg { org: org_id, name },
    })
}

/// Apply a reorganisation
///
/// One legal act, applied whole or not at all: units ended, created, moved, renamed,
/// reclassified and recoded on `effective_on`, and the successions between them. It is
/// judged on the map it leaves, whatever the order of its operations; a refusal (422
/// `import_rejected`) lists every bad operation by its index and rule: a unit ended while
/// units stay in force under it (`unit_children_in_force`), a code taken that day
/// (`unit_code_unique_on_date`), a move under a unit not in force, a cycle, a unit not in
/// force the day before, or one that held tenures or elections after the day. Tenures
/// held in an ended unit end that day with reason `unit_reorganized`; units that only
/// move keep theirs. Party organisations follow: those of an ended unit end with it, a
/// cell (or a commune's committee) whose superior ends moves to the organisation leading
/// its unit's new parent, and `create_org`, `end_org`, `move_org` and `rename_org` act on
/// them by id; one left under an ended superior is refused (`party_org_children_in_force`).
/// Admin only.
#[utoipa::path(
    operation_id = "applyReorganization",
    tag = "units",
    request_body = ReorganizationIn,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Applied", body = ReorganizationOut, headers(("Location" = String))),
        AuthErrors, WriteErrors, CommonErrors
    )
)]
#[post("/reorganizations")]
pub async fn apply(
    user: AuthUser,
    store: web::Data<Store>,
    body: Json<ReorganizationIn>,
) -> Result<HttpResponse, ApiError> {
    let act = body.0.into_act()?;
    let caller = user.keeping(created);
    let r = run(store, move |s| reorganizations::apply(s, &caller, act)).await?;
    Ok(created(r))
}

fn created(r: Reorganization) -> HttpResponse {
    etag::located(
        format!("/api/v1/reorganizations/{}", r.id),
        &ReorganizationOut::new(r, false),
    )
}

/// Get a reorganisation
///
/// Public: the act, what it did, and its operations as applied.
#[utoipa::path(
    operation_id = "getReorganization",
    tag = "units",
    params(("id" = i64, Path, description = "The reorganisation's id")),
    security(),
    responses((status = 200, description = "The act", body = ReorganizationOut), NotFoundError, CommonErrors)
)]
#[get("/reorganizations/{id}")]
pub async fn get(
    store: web::Data<Store>,
    id: web::Path<ReorganizationId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let r = run(store, move |s| reorganizations::get(s, id)).await?;
    Ok(HttpResponse::Ok().json(ReorganizationOut::new(r, true)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReorganizationListQuery {
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List reorganisations
///
/// Public, in the order they were recorded, without their operations.
#[utoipa::path(
    operation_id = "listReorganizations",
    tag = "units",
    params(ReorganizationListQuery),
    security(),
    responses((status = 200, description = "One page of acts", body = Page<ReorganizationOut>), CommonErrors)
)]
#[get("/reorganizations")]
pub async fn list(
    req: HttpRequest,
    store: web::Data<Store>,
    q: web::Query<ReorganizationListQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    pagination::list(
        &req,
        store,
        (q.limit, q.cursor),
        reorganizations::list,
        |r| r.id.get(),
        |r| ReorganizationOut::new(r, false),
    )
    .await
}
