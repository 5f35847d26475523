//! The world most election and report scenarios start from: a 2030-2032 unified-model
//! term in Quảng Ninh, the commune "Xã Thử" under huyện Ba Chẽ with its grassroots
//! committee, and six villages A to F, each with its cell but F. Helpers drive the
//! elections through the API as admin.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

pub const A: usize = 0;
pub const B: usize = 1;
pub const C: usize = 2;
pub const D: usize = 3;
pub const E: usize = 4;
/// The village without a cell.
pub const F: usize = 5;

pub struct Village {
    pub id: i64,
    pub cell: Option<i64>,
}

/// What the scenarios start from.
pub struct World {
    pub admin: String,
    pub province: i64,
    pub district: i64,
    pub commune: i64,
    pub term: i64,
    pub villages: Vec<Village>,
}

pub fn id_of(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

/// POSTs as `token`, asserting 201, and returns the body.
pub async fn created(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let res = app.post_json(path, &body, Some(token)).await;
    res.expect(201);
    res.json()
}

/// Asserts a 422 refusal naming `rule` among its errors.
#[track_caller]
pub fn assert_refused(res: &Resp, rule: &str) {
    res.expect_problem(422, "rule_violation");
    let rules = res.rules();
    assert!(
        rules.iter().any(|r| r == rule),
        "expected rule {rule} in {rules:?}: {}",
        res.text()
    );
}

/// The term, the commune with its committee, and villages A to F (F without a cell).
pub async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let province = id_of(&app.unit_named("Tỉnh Quảng Ninh").await);
    let district = app.unit_named("Huyện Ba Chẽ").await;
    let since = district["valid_from"].clone();
    let term = id_of(
        &created(
            app,
            &admin,
            "/api/v1/terms",
            json!({
                "label": "2030-2032", "starts_on": "2030-01-01", "ends_on": "2032-06-30",
                "scope_unit_id": province, "unified_model": true
            }),
        )
        .await,
    );
    let commune = id_of(
        &app.create_unit(
            &admin,
            json!({
                "name": "Xã Thử", "level": "commune", "kind": "xa",
                "parent_id": district["id"], "valid_from": since
            }),
        )
        .await,
    );
    let committee = id_of(
        &created(
            app,
            &admin,
            "/api/v1/party-orgs",
            json!({"name": "Đảng ủy xã Thử", "kind": "grassroots_committee", "unit_id": commune}),
        )
        .await,
    );
    let mut villages = Vec::new();
    for (i, name) in ["An", "Bình", "Cường", "Dũng", "Êm", "Phú"]
        .iter()
        .enumerate()
    {
        let village = id_of(
            &app.create_unit(
                &admin,
                json!({
                    "name": format!("Thôn {name}"), "level": "village", "kind": "thon",
                    "parent_id": commune, "valid_from": since
                }),
            )
            .await,
        );
        let cell = if i == F {
            None
        } else {
            Some(id_of(
                &created(
                    app,
                    &admin,
                    "/api/v1/party-orgs",
                    json!({
                        "name": format!("Chi bộ thôn {name}"), "kind": "cell",
                        "parent_id": committee, "unit_id": village
                    }),
                )
                .await,
            ))
        };
        villages.push(Village { id: village, cell });
    }
    World {
        admin,
        province,
        district: id_of(&district),
        commune,
        term,
        villages,
    }
}

impl World {
    pub fn village(&self, v: usize) -> i64 {
        self.villages[v].id
    }

    pub fn cell(&self, v: usize) -> i64 {
        self.villages[v]
            .cell
            .unwrap_or_else(|| panic!("village {v} has no cell"))
    }

    /// A person living in village `v`; a Party member belongs to that village's cell.
    pub async fn person(
        &self,
        app: &TestApp,
        name: &str,
        born: &str,
        v: usize,
        status: &str,
    ) -> i64 {
        let mut body = json!({
            "full_name": name, "gender": "male", "birth_date": born,
            "residence_unit_id": self.village(v), "party_status": status
        });
        if status != "none" {
            body["party_org_id"] = json!(self.cell(v));
        }
        id_of(&created(app, &self.admin, "/api/v1/persons", body).await)
    }

    pub async fn head_election(
        &self,
        app: &TestApp,
        v: usize,
        held_on: &str,
        (total, present): (u32, u32),
        candidates: &[(i64, u32)],
        team: &[i64],
    ) -> Resp {
        let candidates: Vec<Value> = candidates
            .iter()
            .map(|(p, votes)| json!({"person_id": p, "votes": votes}))
            .collect();
        app.post_json(
            "/api/v1/head-elections",
            &json!({
                "village_id": self.village(v), "term_id": self.term, "held_on": held_on,
                "households_total": total, "households_present": present,
                "method": "secret_ballot", "candidates": candidates, "election_team": team
            }),
            Some(&self.admin),
        )
        .await
    }

    /// A head election that `person` wins with 70 of 100 households; the election's id.
    pub async fn elect_head(&self, app: &TestApp, v: usize, held_on: &str, person: i64) -> i64 {
        let res = self
            .head_election(app, v, held_on, (100, 80), &[(person, 70)], &[])
            .await;
        res.expect(201);
        let body = res.json();
        assert_eq!(body["outcome"], "elected", "{body}");
        assert_eq!(body["winner_person_id"], person, "{body}");
        id_of(&body)
    }

    pub async fn recognise(&self, app: &TestApp, election: i64, on: &str) -> Value {
        let res = app
            .post_json(
                &format!("/api/v1/head-elections/{election}/recognition"),
                &json!({"decision": "Quyết định công nhận trưởng thôn", "decided_on": on}),
                Some(&self.admin),
            )
            .await;
        res.expect(200);
        res.json()
    }

    pub async fn congress(
        &self,
        app: &TestApp,
        v: usize,
        held_on: &str,
        (summoned, present): (u32, u32),
        candidates: &[(i64, u32)],
        committee: Option<&[i64]>,
    ) -> Resp {
        let candidates: Vec<Value> = candidates
            .iter()
            .map(|(p, votes)| json!({"person_id": p, "votes": votes}))
            .collect();
        let mut body = json!({
            "cell_id": self.cell(v), "term_id": self.term, "held_on": held_on,
            "members_summoned": summoned, "members_present": present,
            "candidates": candidates
        });
        if let Some(members) = committee {
            body["committee"] = json!(members);
        }
        app.post_json("/api/v1/congresses", &body, Some(&self.admin))
            .await
    }

    pub async fn approve(&self, app: &TestApp, congress: i64, on: &str) -> Value {
        let res = app
            .post_json(
                &format!("/api/v1/congresses/{congress}/approval"),
                &json!({"decision": "Quyết định chuẩn y bí thư chi bộ", "decided_on": on}),
                Some(&self.admin),
            )
            .await;
        res.expect(200);
        res.json()
    }

    /// The public unified status of village `v` on `on`.
    pub async fn status(&self, app: &TestApp, v: usize, on: &str) -> Value {
        let res = app
            .get(
                &format!("/api/v1/units/{}/unified-status?on={on}", self.village(v)),
                None,
            )
            .await;
        res.expect(200);
        res.json()
    }

    /// Every head election of village `v` in the term.
    pub async fn head_elections_of(&self, app: &TestApp, v: usize) -> Vec<Value> {
        let res = app
            .get(
                &format!(
                    "/api/v1/head-elections?village={}&term={}&limit=500",
                    self.village(v),
                    self.term
                ),
                Some(&self.admin),
            )
            .await;
        res.expect(200);
        res.json()["items"].as_array().unwrap().clone()
    }

    /// The open village-head tenure of village `v`.
    pub async fn head_tenure(&self, app: &TestApp, v: usize, on: &str) -> Value {
        let res = app
            .get(
                &format!(
                    "/api/v1/appointments?unit={}&post=village_head&on={on}",
                    self.village(v)
                ),
                Some(&self.admin),
            )
            .await;
        res.expect(200);
        let items = res.json()["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 1, "one head on {on}: {items:?}");
        items[0].clone()
    }

    /// A head elected on 2030-01-06 and recognised on 2030-01-08.
    pub async fn recognised_head(&self, app: &TestApp, v: usize, person: i64) {
        let e = self.elect_head(app, v, "2030-01-06", person).await;
        self.recognise(app, e, "2030-01-08").await;
    }

    /// A congress of seven that elects `person` unanimously; the congress's id.
    pub async fn elect_secretary(
        &self,
        app: &TestApp,
        v: usize,
        held_on: &str,
        person: i64,
    ) -> i64 {
        let res = self
            .congress(app, v, held_on, (7, 7), &[(person, 7)], None)
            .await;
        res.expect(201);
        let k = res.json();
        assert_eq!(k["outcome"], "elected", "{k}");
        assert_eq!(k["winner_person_id"], person, "{k}");
        id_of(&k)
    }
}
