//! The access matrix (OWASP API1 and API5: object- and function-level authorisation):
//! every operation of the spec, called by anonymous, admin, auditor, an officer whose
//! area holds the target and an officer whose area does not, must let through exactly
//! the callers the table below names. Each call is valid in every other way, with a
//! target of its own where the operation can happen only once, so that "allowed" means
//! a 2xx answer and "refused" a 401 (anonymous) or 403/404 (the rest), or, for a write
//! that names a private record outside the caller's area, the 422 it would get for a
//! record that does not exist (`*_exists`): what lies elsewhere cannot be told apart from
//! what is not. A bulk write refuses the rows that name a unit outside the caller's area
//! (`unit_in_area`), each by its index.
//!
//! Every anonymous answer is also scanned for the private data of a person who holds
//! a post in the target village.

use std::collections::{BTreeMap, BTreeSet};

use awc::http::Method;
use dantin_domain::access::Account;
use dantin_domain::UnitId;
use dantin_persistence::users;
use dantin_tests::world::{created, id_of, world, World, A};
use dantin_tests::{both, json, Resp, TestApp, MINUTES_PDF};
use dantin_usecases::minute_entries::{self, Minute, Typed};
use dantin_usecases::Caller;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    Admin,
    Auditor,
    OfficerIn,
    OfficerOut,
}

use Who::*;

const EVERYONE: &[Who] = &[Anonymous, Admin, Auditor, OfficerIn, OfficerOut];
const SIGNED_IN: &[Who] = &[Admin, Auditor, OfficerIn, OfficerOut];
const READERS_OF_THE_AREA: &[Who] = &[Admin, Auditor, OfficerIn];
const WRITERS_OF_THE_AREA: &[Who] = &[Admin, OfficerIn];
const ADMIN_ONLY: &[Who] = &[Admin];
const AUDIT_READERS: &[Who] = &[Admin, Auditor];
const WRITERS: &[Who] = &[Admin, OfficerIn, OfficerOut];

/// Who may call each operation on a target inside huyện Ba Chẽ (the inside officer's
/// area), by operationId. Lists are open to every signed-in caller, but an officer's list
/// holds only its own area (`an_officers_lists_hold_only_its_area`); a province's terms
/// and rules are no secret to any signed-in caller.
fn allowed(operation: &str) -> &'static [Who] {
    match operation {
        "getHealth"
        | "getMetrics"
        | "issueToken"
        | "listUnits"
        | "getUnit"
        | "getUnifiedStatus"
        | "listOfficeholders"
        | "listChanges"
        | "getAuditCheckpoint"
        | "getAuditInclusionProof"
        | "getAuditConsistencyProof"
        | "getUnificationReport"
        | "getProgressReport"
        | "getHolidays"
        | "listCadreAssignments"
        | "getCadreAssignment"
        | "getCellMeetingsReport"
        | "getCadreAttendanceReport"
        | "getUnitLineage"
        | "getUnitSuccessors"
        | "listReorganizations"
        | "getReorganization" => EVERYONE,
        "listPartyOrgs" | "listPersons" | "listTerms" | "getTerm" | "listHeadElections"
        | "listCongresses" | "listAppointments" | "getRuleSet" | "listCellMeetings"
        | "listMinuteEntries" => SIGNED_IN,
        "getPartyOrg"
        | "getPerson"
        | "getPersonEligibility"
        | "getHeadElection"
        | "getCongress"
        | "getCellMeeting"
        | "listHeadElectionMinutes"
        | "listCongressMinutes"
        | "getMinutesScan"
        | "getMinuteEntry"
        | "getAppointment" => READERS_OF_THE_AREA,
        "createUnit"
        | "updateUnit"
        | "createPartyOrg"
        | "updatePartyOrg"
        | "createPerson"
        | "updatePerson"
        | "createHeadElection"
        | "recognizeHeadElection"
        | "createCongress"
        | "approveCongress"
        | "attachHeadElectionMinutes"
        | "attachCongressMinutes"
        | "createMinuteEntry"
        | "secondMinuteEntry"
        | "createCellMeeting"
        | "createCadreAssignment"
        | "createAppointment"
        | "importAppointments"
        | "endAppointment"
        | "createWebhook"
        | "getWebhook"
        | "deleteWebhook"
        | "rotateWebhookSecret"
        | "listWebhookDeliveries"
        | "redeliverWebhook" => WRITERS_OF_THE_AREA,
        "listWebhooks" => WRITERS,
        // Officers settle entries only with the coordinator capability, which none here has.
        "importUnits"
        | "putRuleSet"
        | "putHolidays"
        | "createTerm"
        | "applyReorganization"
        | "resolveMinuteEntry" => ADMIN_ONLY,
        "listAuditEvents" | "verifyAuditChain" => AUDIT_READERS,
        other => panic!("the access table has no row for {other}: add one"),
    }
}

/// Whether a 422 refuses only a reference to a record that does not exist (to the caller),
/// or a bulk write's rows outside the caller's area.
fn names_only_what_lies_elsewhere(res: &Resp) -> bool {
    let rules = res.rules();
    !rules.is_empty()
        && rules
            .iter()
            .all(|r| r.ends_with("_exists") || r == "unit_in_area")
}

/// What the calls need: the world, one person holding village A's head post (with
/// private data to look for), and a token per caller.
struct Ctx {
    world: World,
    commune_committee: i64,
    person: i64,
    private_values: Vec<String>,
    tokens: BTreeMap<Who, String>,
    serial: std::cell::Cell<u32>,
}

impl Ctx {
    fn admin(&self) -> &str {
        &self.world.admin
    }

    /// A number no other call of this run has used, for unique names and codes.
    fn next(&self) -> u32 {
        self.serial.set(self.serial.get() + 1);
        self.serial.get()
    }

    async fn village(&self, app: &TestApp) -> i64 {
        let n = self.next();
        id_of(
            &app.create_unit(
                self.admin(),
                json!({"name": format!("Thôn Ma Trận {n}"), "level": "village", "kind": "thon",
                       "parent_id": self.world.commune, "valid_from": "2020-01-01"}),
            )
            .await,
        )
    }

    async fn cell(&self, app: &TestApp, village: i64) -> i64 {
        let n = self.next();
        let body = json!({"name": format!("Chi bộ Ma Trận {n}"), "kind": "cell",
                          "parent_id": self.commune_committee, "unit_id": village});
        id_of(&created(app, self.admin(), "/api/v1/party-orgs", body).await)
    }

    async fn member(&self, app: &TestApp, village: i64, cell: i64) -> i64 {
        let n = self.next();
        let body = json!({"full_name": format!("Đảng Viên {n}"), "gender": "male",
                          "birth_date": "1980-01-01", "residence_unit_id": village,
                          "party_status": "official", "party_org_id": cell});
        id_of(&created(app, self.admin(), "/api/v1/persons", body).await)
    }

    /// A new village with its cell and a member who wins its head election on 2030-01-06:
    /// (village, cell, person, election).
    async fn elected_head(&self, app: &TestApp) -> (i64, i64, i64, i64) {
        let village = self.village(app).await;
        let cell = self.cell(app, village).await;
        let person = self.member(app, village, cell).await;
        let election = head_election(self.world.term, village, person);
        let election = id_of(&created(app, self.admin(), "/api/v1/head-elections", election).await);
        (village, cell, person, election)
    }

    /// A congress electing the recognised head of a new village secretary on 2030-01-20.
    async fn congress(&self, app: &TestApp) -> i64 {
        let (_, cell, person, election) = self.elected_head(app).await;
        self.world.recognise(app, election, "2030-01-08").await;
        let body = congress(self.world.term, cell, person);
        id_of(&created(app, self.admin(), "/api/v1/congresses", body).await)
    }

    /// A webhook of the commune (inside the officer's area), made by the admin.
    async fn webhook(&self, app: &TestApp) -> i64 {
        let body = json!({"url": "http://127.0.0.1:9/hook", "unit_id": self.world.commune});
        id_of(&created(app, self.admin(), "/api/v1/webhooks", body).await)
    }

    /// A cadre of a new village, assigned to its cell from 2030-01-01.
    async fn assignment_body(&self, app: &TestApp) -> Value {
        let village = self.village(app).await;
        let cell = self.cell(app, village).await;
        let person = self.member(app, village, cell).await;
        json!({"person_id": person, "cell_id": cell, "post": "Ủy viên Ban Thường vụ Huyện ủy",
               "starts_on": "2030-01-01"})
    }

    /// A head election's minute of a new village, typed once by the service itself (so that
    /// any caller may type the second entry): (minute, the entry it was typed as).
    async fn minute(&self, app: &TestApp) -> (i64, Value) {
        let village = self.village(app).await;
        let cell = self.cell(app, village).await;
        let member = self.member(app, village, cell).await;
        let entry = json!({"head_election": head_election(self.world.term, village, member)});
        let typed = Typed {
            minute: Minute::HeadElection(
                serde_json::from_value(entry["head_election"].clone()).expect("a head election"),
            ),
            acknowledged: vec![],
        };
        let made = minute_entries::enter_first(&app.store(), &Caller::system("typist"), typed)
            .expect("the first entry");
        (made.id.get(), entry)
    }

    async fn appointment_body(&self, app: &TestApp) -> Value {
        let village = self.village(app).await;
        let cell = self.cell(app, village).await;
        let person = self.member(app, village, cell).await;
        json!({"post": "village_head", "person_id": person, "unit_id": village,
               "starts_on": "2030-03-01", "basis": "interim", "decision": "Quyết định tạm giao"})
    }
}

fn head_election(term: i64, village: i64, person: i64) -> Value {
    json!({"village_id": village, "term_id": term, "held_on": "2030-01-06",
           "households_total": 100, "households_present": 80, "method": "secret_ballot",
           "candidates": [{"person_id": person, "votes": 70}], "election_team": []})
}

fn congress(term: i64, cell: i64, person: i64) -> Value {
    json!({"cell_id": cell, "term_id": term, "held_on": "2030-01-20", "members_summoned": 7,
           "members_present": 7, "candidates": [{"person_id": person, "votes": 7}]})
}

fn meeting(cell: i64) -> Value {
    json!({"cell_id": cell, "held_on": "2030-02-05", "kind": "regular", "members_summoned": 9,
           "members_present": 8})
}

/// The request `who` makes for `operation`: method, path and body.
/// A reorganisation of its own: a new province.
fn act(n: u32) -> Value {
    json!({"effective_on": "2024-01-01", "basis": format!("Nghị quyết {n}"), "operations": [
        {"op": "create", "unit": {"code": format!("R{n}"), "name": format!("Tỉnh Ma Trận R{n}"),
         "level": "province"}}]})
}

async fn request_for(app: &TestApp, ctx: &Ctx, operation: &str) -> (Method, String, Option<Body>) {
    let w = &ctx.world;
    let village = w.village(A);
    let cell = w.cell(A);
    let person = ctx.person;
    let n = ctx.next();
    let get = |path: String| (Method::GET, path, None);
    let post = |path: &str, body: Value| (Method::POST, path.to_owned(), Some(Body::Json(body)));
    let upload = |path: String| (Method::POST, path, Some(Body::Pdf));
    match operation {
        "getHealth" => get("/health".into()),
        "issueToken" => post(
            "/api/v1/auth/token",
            json!({"username": "admin", "password": "demo-admin"}),
        ),
        "listUnits" => get(format!("/api/v1/units?parent={}", w.commune)),
        "getUnit" => get(format!("/api/v1/units/{village}")),
        "getUnifiedStatus" => get(format!(
            "/api/v1/units/{village}/unified-status?on=2030-02-01"
        )),
        "listOfficeholders" => get(format!(
            "/api/v1/officeholders?unit={}&on=2030-02-01",
            w.commune
        )),
        "listChanges" => get(format!("/api/v1/changes?unit={}", w.commune)),
        "getAuditCheckpoint" => get("/api/v1/audit/checkpoint".to_owned()),
        "getMetrics" => get("/metrics".to_owned()),
        "getAuditInclusionProof" => get("/api/v1/audit/proofs/inclusion?event=1".to_owned()),
        "getAuditConsistencyProof" => get("/api/v1/audit/proofs/consistency?first=1".to_owned()),
        "getUnificationReport" => get(format!(
            "/api/v1/reports/unification?unit={}&on=2030-02-01",
            w.commune
        )),
        "getProgressReport" => get(format!(
            "/api/v1/reports/progress?unit={}&term={}",
            w.commune, w.term
        )),
        "getUnitLineage" => get(format!("/api/v1/units/{village}/lineage")),
        "getUnitSuccessors" => get(format!("/api/v1/units/{village}/successors?on=2030-02-01")),
        "listReorganizations" => get("/api/v1/reorganizations".into()),
        "getReorganization" => {
            let made = created(app, ctx.admin(), "/api/v1/reorganizations", act(n)).await;
            get(format!("/api/v1/reorganizations/{}", id_of(&made)))
        }
        "applyReorganization" => post("/api/v1/reorganizations", act(n)),
        "listPartyOrgs" => get("/api/v1/party-orgs".into()),
        "getPartyOrg" => get(format!("/api/v1/party-orgs/{cell}")),
        "listPersons" => get("/api/v1/persons".into()),
        "getPerson" => get(format!("/api/v1/persons/{person}")),
        "getPersonEligibility" => get(format!(
            "/api/v1/persons/{person}/eligibility?post=village_head&unit={village}&on=2030-01-06"
        )),
        "listTerms" => get("/api/v1/terms".into()),
        "getTerm" => get(format!("/api/v1/terms/{}", w.term)),
        "listHeadElections" => get("/api/v1/head-elections".into()),
        "getHeadElection" => get(format!(
            "/api/v1/head-elections/{}",
            ctx.elected_head(app).await.3
        )),
        "listCongresses" => get("/api/v1/congresses".into()),
        "getCongress" => get(format!("/api/v1/congresses/{}", ctx.congress(app).await)),
        "listAppointments" => get("/api/v1/appointments".into()),
        "getAppointment" => {
            let body = ctx.appointment_body(app).await;
            let made = created(app, ctx.admin(), "/api/v1/appointments", body).await;
            get(format!("/api/v1/appointments/{}", id_of(&made)))
        }
        "getRuleSet" => get(format!("/api/v1/rule-sets/{}", w.province)),
        "getHolidays" => get("/api/v1/holidays/2030".to_owned()),
        "attachHeadElectionMinutes" => upload(format!(
            "/api/v1/head-elections/{}/minutes",
            ctx.elected_head(app).await.3
        )),
        "listHeadElectionMinutes" => get(format!(
            "/api/v1/head-elections/{}/minutes",
            ctx.elected_head(app).await.3
        )),
        "attachCongressMinutes" => upload(format!(
            "/api/v1/congresses/{}/minutes",
            ctx.congress(app).await
        )),
        "listCongressMinutes" => get(format!(
            "/api/v1/congresses/{}/minutes",
            ctx.congress(app).await
        )),
        "getMinutesScan" => {
            let election = ctx.elected_head(app).await.3;
            let path = format!("/api/v1/head-elections/{election}/minutes");
            let req = app
                .request(Method::POST, &path, Some(ctx.admin()))
                .insert_header(("Content-Type", "application/pdf"));
            let made = app.send(req, MINUTES_PDF.to_vec()).await;
            get(format!(
                "/api/v1/minutes/{}",
                id_of(&made.expect(201).json())
            ))
        }
        "listMinuteEntries" => get("/api/v1/minute-entries".into()),
        "createMinuteEntry" => {
            let (_, entry) = ctx.minute(app).await;
            post("/api/v1/minute-entries", json!({ "minute": entry }))
        }
        "getMinuteEntry" => get(format!(
            "/api/v1/minute-entries/{}",
            ctx.minute(app).await.0
        )),
        "secondMinuteEntry" => {
            let (id, entry) = ctx.minute(app).await;
            post(
                &format!("/api/v1/minute-entries/{id}/second"),
                json!({ "minute": entry }),
            )
        }
        "resolveMinuteEntry" => {
            let (id, mut entry) = ctx.minute(app).await;
            entry["head_election"]["households_present"] = json!(81);
            let second = json!({ "minute": entry });
            let path = format!("/api/v1/minute-entries/{id}/second");
            app.post_json(&path, &second, Some(ctx.admin()))
                .await
                .expect(200);
            post(
                &format!("/api/v1/minute-entries/{id}/resolution"),
                json!({"resolution": "keep_first"}),
            )
        }
        "listCellMeetings" => get("/api/v1/cell-meetings".into()),
        "createCellMeeting" => post("/api/v1/cell-meetings", meeting(cell)),
        "getCellMeeting" => {
            let made = created(app, ctx.admin(), "/api/v1/cell-meetings", meeting(cell)).await;
            get(format!("/api/v1/cell-meetings/{}", id_of(&made)))
        }
        "listCadreAssignments" => get(format!("/api/v1/cadre-assignments?unit={}", w.commune)),
        "createCadreAssignment" => {
            post("/api/v1/cadre-assignments", ctx.assignment_body(app).await)
        }
        "getCadreAssignment" => {
            let body = ctx.assignment_body(app).await;
            let made = created(app, ctx.admin(), "/api/v1/cadre-assignments", body).await;
            get(format!("/api/v1/cadre-assignments/{}", id_of(&made)))
        }
        "getCellMeetingsReport" => get(format!(
            "/api/v1/reports/cell-meetings?unit={}&from=2030-01&to=2030-12",
            w.commune
        )),
        "getCadreAttendanceReport" => get(format!(
            "/api/v1/reports/cadre-attendance?unit={}&from=2030-01&to=2030-12",
            w.commune
        )),
        "putHolidays" => (
            Method::PUT,
            "/api/v1/holidays/2030".to_owned(),
            Some(Body::Json(
                json!({"days": [{"date": "2030-02-04", "name": "Tết Nguyên đán"}]}),
            )),
        ),
        "putRuleSet" => {
            let path = format!("/api/v1/rule-sets/{}", w.province);
            let current = app.get(&path, Some(ctx.admin())).await;
            current.expect(200);
            (
                Method::PUT,
                path,
                Some(Body::Json(current.json()["rules"].clone())),
            )
        }
        "listAuditEvents" => get("/api/v1/audit-events".into()),
        "verifyAuditChain" => get("/api/v1/audit-events/verify".into()),
        "createUnit" => post(
            "/api/v1/units",
            json!({"name": format!("Thôn Mới {n}"), "level": "village", "kind": "thon",
                   "parent_id": w.commune, "valid_from": "2024-01-01"}),
        ),
        "updateUnit" => (
            Method::PATCH,
            format!("/api/v1/units/{village}"),
            Some(Body::Json(json!({"name": format!("Thôn A {n}")}))),
        ),
        "importUnits" => post(
            "/api/v1/units/import",
            json!({"valid_from": "2024-01-01", "units": [
                {"code": format!("M{n}"), "name": format!("Tỉnh Ma Trận {n}"), "level": "province", "kind": "tinh"}]}),
        ),
        "createPartyOrg" => {
            let village = ctx.village(app).await;
            post(
                "/api/v1/party-orgs",
                json!({"name": format!("Chi bộ Mới {n}"), "kind": "cell",
                       "parent_id": ctx.commune_committee, "unit_id": village}),
            )
        }
        "updatePartyOrg" => (
            Method::PATCH,
            format!("/api/v1/party-orgs/{cell}"),
            Some(Body::Json(json!({"name": format!("Chi bộ thôn A {n}")}))),
        ),
        "createPerson" => post(
            "/api/v1/persons",
            json!({"full_name": format!("Người Mới {n}"), "gender": "female",
                   "birth_date": "1990-01-01", "residence_unit_id": village, "party_status": "none"}),
        ),
        "updatePerson" => (
            Method::PATCH,
            format!("/api/v1/persons/{person}"),
            Some(Body::Json(
                json!({"full_name": format!("Hoàng Văn Thật {n}")}),
            )),
        ),
        "createTerm" => post(
            "/api/v1/terms",
            json!({"label": format!("access {n}"), "starts_on": "2040-01-01",
                   "ends_on": "2042-06-30", "scope_unit_id": w.province, "unified_model": true}),
        ),
        "createHeadElection" => {
            let village = ctx.village(app).await;
            let cell = ctx.cell(app, village).await;
            let member = ctx.member(app, village, cell).await;
            post(
                "/api/v1/head-elections",
                head_election(w.term, village, member),
            )
        }
        "recognizeHeadElection" => {
            let election = ctx.elected_head(app).await.3;
            post(
                &format!("/api/v1/head-elections/{election}/recognition"),
                json!({"decision": "Quyết định công nhận", "decided_on": "2030-01-08"}),
            )
        }
        "createCongress" => {
            let (_, cell, member, election) = ctx.elected_head(app).await;
            w.recognise(app, election, "2030-01-08").await;
            post("/api/v1/congresses", congress(w.term, cell, member))
        }
        "approveCongress" => {
            let congress = ctx.congress(app).await;
            post(
                &format!("/api/v1/congresses/{congress}/approval"),
                json!({"decision": "Quyết định chuẩn y", "decided_on": "2030-01-30"}),
            )
        }
        "createAppointment" => post("/api/v1/appointments", ctx.appointment_body(app).await),
        "importAppointments" => {
            let code = format!("MT{n}");
            let body = json!({"name": format!("Thôn Nhập {n}"), "code": code, "level": "village",
                              "kind": "thon", "parent_id": w.commune, "valid_from": "2020-01-01"});
            app.create_unit(ctx.admin(), body).await;
            let person = json!({"full_name": format!("Người Nhập {n}"), "gender": "male",
                                "birth_date": "1980-01-01", "residence_unit_code": code,
                                "party_status": "none"});
            post(
                "/api/v1/appointments/import",
                json!({"rows": [{"unit_code": code, "post": "village_head", "person": person,
                                 "starts_on": "2030-03-01", "basis": "interim",
                                 "decision": "Quyết định tạm giao"}]}),
            )
        }
        "endAppointment" => {
            let body = ctx.appointment_body(app).await;
            let made = created(app, ctx.admin(), "/api/v1/appointments", body).await;
            post(
                &format!("/api/v1/appointments/{}/end", id_of(&made)),
                json!({"ends_on": "2030-06-30", "reason": "resignation",
                       "recognition": {"asked_on": "2030-06-24", "decision": "Quyết định 52/QĐ-UBND",
                                       "decided_on": "2030-06-28"}}),
            )
        }
        "createWebhook" => post(
            "/api/v1/webhooks",
            json!({"url": format!("http://127.0.0.1:9/hook{n}"), "unit_id": w.commune}),
        ),
        "listWebhooks" => get("/api/v1/webhooks".to_owned()),
        "getWebhook" => get(format!("/api/v1/webhooks/{}", ctx.webhook(app).await)),
        "deleteWebhook" => (
            Method::DELETE,
            format!("/api/v1/webhooks/{}", ctx.webhook(app).await),
            None,
        ),
        "rotateWebhookSecret" => post(
            &format!("/api/v1/webhooks/{}/secret", ctx.webhook(app).await),
            json!({}),
        ),
        "listWebhookDeliveries" => get(format!(
            "/api/v1/webhooks/{}/deliveries",
            ctx.webhook(app).await
        )),
        "redeliverWebhook" => {
            let hook = ctx.webhook(app).await;
            ctx.village(app).await;
            let res = app
                .get(
                    &format!("/api/v1/webhooks/{hook}/deliveries"),
                    Some(ctx.admin()),
                )
                .await;
            let delivery = id_of(&res.expect(200).json()["items"][0]);
            post(
                &format!("/api/v1/webhooks/{hook}/deliveries/{delivery}/redeliver"),
                json!({}),
            )
        }
        other => panic!("no request for {other}: add one"),
    }
}

async fn setup(app: &TestApp) -> Ctx {
    let world = world(app).await;
    let cell = app
        .get(
            &format!("/api/v1/party-orgs/{}", world.cell(A)),
            Some(&world.admin),
        )
        .await
        .json();
    let commune_committee = cell["parent_id"].as_i64().expect("a cell's committee");
    let private = json!({"full_name": "Hoàng Văn Thật", "gender": "male", "birth_date": "1977-08-19",
        "residence_unit_id": world.village(A), "party_status": "official",
        "party_org_id": world.cell(A), "id_number": "022077004411", "ethnicity": "Sán Chay",
        "address": "Số 7 ngõ Ma Trận, thôn A"});
    let person = id_of(&created(app, &world.admin, "/api/v1/persons", private.clone()).await);
    let election = world.elect_head(app, A, "2030-01-06", person).await;
    world.recognise(app, election, "2030-01-08").await;
    let private_values = ["birth_date", "id_number", "ethnicity", "address"]
        .iter()
        .map(|k| private[k].as_str().unwrap().to_owned())
        .collect();

    let outside = app.unit_named("Huyện Thăng Bình").await;
    let unit = UnitId(outside["id"].as_i64().expect("a unit id"));
    app.store()
        .write(|c| {
            users::insert(
                c,
                "officer_out",
                &dantin_api::auth::hash_password("demo-officer-out"),
                (Account::Officer { unit }, false),
            )
        })
        .expect("the outside officer is created");
    let mut tokens = BTreeMap::new();
    tokens.insert(Admin, world.admin.clone());
    tokens.insert(Auditor, app.auditor().await);
    tokens.insert(OfficerIn, app.officer().await);
    tokens.insert(
        OfficerOut,
        app.token("officer_out", "demo-officer-out").await,
    );
    Ctx {
        world,
        commune_committee,
        person,
        private_values,
        tokens,
        serial: std::cell::Cell::new(0),
    }
}

async fn send(
    app: &TestApp,
    ctx: &Ctx,
    who: Who,
    (method, path, body): (Method, String, Option<Body>),
) -> Resp {
    let req = app.request(method, &path, ctx.tokens.get(&who).map(String::as_str));
    match body {
        Some(Body::Json(body)) => {
            let req = req.insert_header(("Content-Type", "application/json"));
            app.send(req, serde_json::to_vec(&body).unwrap()).await
        }
        Some(Body::Pdf) => {
            let req = req.insert_header(("Content-Type", "application/pdf"));
            app.send(req, MINUTES_PDF.to_vec()).await
        }
        None => app.send(req, Vec::new()).await,
    }
}

/// What a request sends: JSON, or a scan of minutes.
enum Body {
    Json(Value),
    Pdf,
}

/// Personal data must not reach anonymous callers, by key or by value.
fn assert_nothing_private(ctx: &Ctx, operation: &str, res: &Resp) {
    let text = res.text();
    for value in &ctx.private_values {
        assert!(
            !text.contains(value.as_str()),
            "{operation} shows a private value to anonymous"
        );
    }
    for key in [
        "\"birth_date\"",
        "\"id_number\"",
        "\"ethnicity\"",
        "\"address\"",
    ] {
        assert!(!text.contains(key), "{operation} shows {key} to anonymous");
    }
}

async fn every_operation_lets_through_exactly_its_callers(app: TestApp) {
    let ctx = setup(&app).await;
    let spec = serde_json::to_value(dantin_api::openapi::spec()).unwrap();
    let operations: Vec<String> = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .map(|op| op["operationId"].as_str().unwrap().to_owned())
        .collect();
    let mut wrong = Vec::new();
    let mut cells = 0;
    for operation in &operations {
        let expected = allowed(operation);
        for &who in EVERYONE {
            let request = request_for(&app, &ctx, operation).await;
            let line = format!("{} {}", request.0, request.1);
            let res = send(&app, &ctx, who, request).await;
            cells += 1;
            let let_through = match res.status {
                200..=299 => true,
                401 if who == Anonymous => false,
                403 | 404 if who != Anonymous => false,
                422 if who != Anonymous && names_only_what_lies_elsewhere(&res) => false,
                status => {
                    wrong.push(format!(
                        "{operation} as {who:?}: unexpected {status} for {line}: {}",
                        res.text()
                    ));
                    continue;
                }
            };
            if let_through != expected.contains(&who) {
                let verb = if let_through {
                    "let through"
                } else {
                    "refused"
                };
                wrong.push(format!(
                    "{operation} as {who:?}: {verb} ({}) {line}",
                    res.status
                ));
            }
            if who == Anonymous && let_through {
                assert_nothing_private(&ctx, operation, &res);
            }
        }
    }
    assert!(
        operations.len() >= 39,
        "only {} operations in the spec",
        operations.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {cells} cells wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    eprintln!(
        "access matrix: {} operations x {} callers = {cells} cells",
        operations.len(),
        EVERYONE.len()
    );
}

async fn an_officers_lists_hold_only_its_area(app: TestApp) {
    let ctx = setup(&app).await;
    ctx.congress(&app).await;
    let body = ctx.appointment_body(&app).await;
    created(&app, ctx.admin(), "/api/v1/appointments", body).await;
    let cell = ctx.world.cell(A);
    created(&app, ctx.admin(), "/api/v1/cell-meetings", meeting(cell)).await;
    for list in [
        "cell-meetings",
        "party-orgs",
        "persons",
        "head-elections",
        "congresses",
        "appointments",
    ] {
        let path = format!("/api/v1/{list}?limit=500");
        let ids = |res: Resp| -> BTreeSet<i64> {
            res.expect(200);
            res.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(id_of)
                .collect()
        };
        let inside = ids(app.get(&path, Some(&ctx.tokens[&OfficerIn])).await);
        let outside = ids(app.get(&path, Some(&ctx.tokens[&OfficerOut])).await);
        assert!(
            !inside.is_empty(),
            "{list}: the inside officer sees nothing"
        );
        let leaked: Vec<_> = inside.intersection(&outside).collect();
        assert!(
            leaked.is_empty(),
            "{list}: the outside officer sees {leaked:?}"
        );
    }
}

both!(
    every_operation_lets_through_exactly_its_callers,
    an_officers_lists_hold_only_its_area,
);
