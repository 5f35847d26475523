//! Worlds whose pairs stand in known ways, for the reports and the officeholders list to
//! count: the five standings of the villages of "Xã Thử" (see `world`).

use crate::world::{id_of, World, A, B, C, D};
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
