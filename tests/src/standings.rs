//! Worlds whose pairs stand in known ways, for the reports and the officeholders list to
//! count: the five standings of the villages of "Xã Thử" (see `world`), and a district of
//! two communes whose commune and agency pairs stand one unified, one not.

use serde_json::json;

use crate::world::{created, id_of, World, A, B, C, D};
use crate::TestApp;

/// A day after everything these scenarios record.
pub const AFTER_ALL: &str = "2030-03-01";

/// Who holds the posts of `five_standings`.
pub struct People {
    pub a: i64,
    pub b: i64,
    pub c: i64,
    /// The member C's congress chose instead of C's head.
    pub c_other: i64,
    pub d: i64,
}

/// The villages of `world`, each standing its own way by `AFTER_ALL`: A unified and
/// approved, B unified awaiting approval, C's congress chose another member, D has a
/// head and no congress, E nothing, F no cell.
pub async fn five_standings(w: &World, app: &TestApp) -> People {
    let a = w
        .person(app, "Nguyễn Văn An", "1980-02-01", A, "official")
        .await;
    let b = w
        .person(app, "Trần Văn Bình", "1981-03-02", B, "official")
        .await;
    let c = w
        .person(app, "Lê Văn Cường", "1978-04-03", C, "official")
        .await;
    let c_other = w
        .person(app, "Hoàng Văn Khác", "1979-06-05", C, "official")
        .await;
    let d = w
        .person(app, "Phạm Thị Dung", "1975-05-04", D, "official")
        .await;
    w.recognised_head(app, A, a).await;
    w.recognised_head(app, B, b).await;
    w.recognised_head(app, C, c).await;
    w.recognised_head(app, D, d).await;
    let ka = w.elect_secretary(app, A, "2030-01-20", a).await;
    w.approve(app, ka, "2030-01-30").await;
    w.elect_secretary(app, B, "2030-01-20", b).await;
    let kc = w
        .congress(app, C, "2030-01-20", (8, 8), &[(c_other, 5), (c, 3)], None)
        .await;
    kc.expect(201);
    let kc = kc.json();
    assert_eq!(kc["outcome"], "elected", "{kc}");
    assert_eq!(kc["winner_person_id"], c_other, "{kc}");
    w.approve(app, id_of(&kc), "2030-01-30").await;
    People {
        a,
        b,
        c,
        c_other,
        d,
    }
}

/// Huyện Đôi, a fresh district of Quảng Ninh with two communes and no villages, each
/// commune with its grassroots committee and both its posts filled on 2030-01-10: in Xã
/// Một one Party member is chair and secretary (the commune pair unified), in Xã Hai the
/// chair is not a Party member.
pub struct TwoCommunes {
    pub admin: String,
    pub district: i64,
    /// Xã Một, and its committee.
    pub c1: i64,
    pub k1: i64,
    /// Xã Hai, and its committee.
    pub c2: i64,
    pub k2: i64,
}

/// An agency's Party cell in each commune of `TwoCommunes` (a cell that is not a
/// village's): in Xã Một the director is the cell's secretary, in Xã Hai another member.
pub struct Agencies {
    pub cell1: i64,
    pub cell2: i64,
}

pub async fn two_communes(app: &TestApp) -> TwoCommunes {
    let admin = app.admin().await;
    let province = app.unit_named("Tỉnh Quảng Ninh").await;
    let since = province["valid_from"].clone();
    let district = id_of(
        &app.create_unit(
            &admin,
            json!({
                "name": "Huyện Đôi", "level": "district", "kind": "huyen",
                "parent_id": province["id"], "valid_from": since
            }),
        )
        .await,
    );
    let mut communes = Vec::new();
    for name in ["Một", "Hai"] {
        let commune = id_of(
            &app.create_unit(
                &admin,
                json!({
                    "name": format!("Xã {name}"), "level": "commune", "kind": "xa",
                    "parent_id": district, "valid_from": since
                }),
            )
            .await,
        );
        let committee = id_of(
            &created(
                app,
                &admin,
                "/api/v1/party-orgs",
                json!({"name": format!("Đảng ủy xã {name}"), "kind": "grassroots_committee", "unit_id": commune}),
            )
            .await,
        );
        communes.push((commune, committee));
    }
    let (c1, k1) = communes[0];
    let (c2, k2) = communes[1];
    let d = TwoCommunes {
        admin,
        district,
        c1,
        k1,
        c2,
        k2,
    };
    let both_posts = d.person(app, "Nguyễn Thị Kiêm", c1, Some(k1)).await;
    let chair2 = d.person(app, "Trần Thị Chủ", c2, None).await;
    let secretary2 = d.person(app, "Lê Thị Thư", c2, Some(k2)).await;
    d.appoint(app, "peoples_committee_chair", both_posts, ("unit_id", c1))
        .await;
    d.appoint(
        app,
        "commune_party_secretary",
        both_posts,
        ("party_org_id", k1),
    )
    .await;
    d.appoint(app, "peoples_committee_chair", chair2, ("unit_id", c2))
        .await;
    d.appoint(
        app,
        "commune_party_secretary",
        secretary2,
        ("party_org_id", k2),
    )
    .await;
    d
}

impl TwoCommunes {
    /// A person living in `commune`, a Party member of `org` if given.
    pub async fn person(&self, app: &TestApp, name: &str, commune: i64, org: Option<i64>) -> i64 {
        let mut body = json!({
            "full_name": name, "gender": "female", "birth_date": "1972-02-02",
            "residence_unit_id": commune, "party_status": "none"
        });
        if let Some(org) = org {
            body["party_status"] = json!("official");
            body["party_org_id"] = json!(org);
        }
        id_of(&created(app, &self.admin, "/api/v1/persons", body).await)
    }

    /// Appoints `person` to `post` from 2030-01-10, the seat being a `unit_id` or a
    /// `party_org_id`.
    pub async fn appoint(&self, app: &TestApp, post: &str, person: i64, seat: (&str, i64)) {
        let mut body = json!({
            "post": post, "person_id": person, "starts_on": "2030-01-10",
            "basis": "election", "decision": "Nghị quyết bầu"
        });
        body[seat.0] = json!(seat.1);
        created(app, &self.admin, "/api/v1/appointments", body).await;
    }

    /// An agency in each commune, its head and its cell's secretary appointed.
    pub async fn agencies(&self, app: &TestApp) -> Agencies {
        let cell = |name: &str, commune: i64, committee: i64| {
            json!({
                "name": format!("Chi bộ {name}"), "kind": "cell",
                "parent_id": committee, "unit_id": commune
            })
        };
        let cell1 = id_of(
            &created(
                app,
                &self.admin,
                "/api/v1/party-orgs",
                cell("Công ty Than Một", self.c1, self.k1),
            )
            .await,
        );
        let cell2 = id_of(
            &created(
                app,
                &self.admin,
                "/api/v1/party-orgs",
                cell("Công ty Than Hai", self.c2, self.k2),
            )
            .await,
        );
        let director1 = self
            .person(app, "Phạm Văn Giám", self.c1, Some(cell1))
            .await;
        let director2 = self.person(app, "Vũ Văn Đốc", self.c2, Some(cell2)).await;
        let secretary3 = self.person(app, "Đỗ Thị Bí", self.c2, Some(cell2)).await;
        self.appoint(app, "agency_head", director1, ("party_org_id", cell1))
            .await;
        self.appoint(app, "cell_secretary", director1, ("party_org_id", cell1))
            .await;
        self.appoint(app, "agency_head", director2, ("party_org_id", cell2))
            .await;
        self.appoint(app, "cell_secretary", secretary3, ("party_org_id", cell2))
            .await;
        Agencies { cell1, cell2 }
    }
}
