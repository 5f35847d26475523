//! Storage on its own, on each backend: what end-to-end tests cannot reach cheaply. "In
//! force on a day" at its boundaries, a subtree's resolution, the audit chain's lock that
//! lines writers up, even two processes' writers, and the audit log's tree kept by them.

use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use dantin_domain::merkle;
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::unit::{UnitKind, UnitLevel};
use dantin_domain::validity::Validity;
use dantin_domain::UnitId;
use dantin_persistence::audit::{self, Actor, Change};
use dantin_persistence::party_orgs::{self, PartyOrgFields};
use dantin_persistence::scope::{ancestry, Scope};
use dantin_persistence::units::{self, UnitFields, UnitFilter};
use dantin_persistence::{Db, StoreResult, Window};
use dantin_tests::database::StoreFixture;
use dantin_tests::on_both_stores;
use diesel::RunQueryDsl;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn unit(
    c: &mut Db,
    name: &str,
    level: UnitLevel,
    kind: UnitKind,
    parent: Option<UnitId>,
    validity: Validity,
) -> StoreResult<UnitId> {
    let fields = UnitFields {
        code: None,
        name: name.to_owned(),
        level,
        kind,
        parent_id: parent,
        validity,
    };
    Ok(units::insert(c, &fields)?.id)
}

fn open(from: &str) -> Validity {
    Validity::new(day(from), None).unwrap()
}

fn between(from: &str, to: &str) -> Validity {
    Validity::new(day(from), Some(day(to))).unwrap()
}

/// The names of the units listed as in force on `on`.
fn in_force_on(db: &StoreFixture, on: &str) -> Vec<String> {
    let filter = UnitFilter::on(day(on));
    db.store()
        .read(|c| units::list(c, &filter, Window::ALL))
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect()
}

fn a_unit_is_in_force_from_its_first_day_until_the_day_before_its_end(db: &StoreFixture) {
    db.store()
        .write(|c| -> StoreResult<_> {
            let p = Some(unit(
                c,
                "Tỉnh",
                UnitLevel::Province,
                UnitKind::Tinh,
                None,
                open("2000-01-01"),
            )?);
            unit(
                c,
                "Ended",
                UnitLevel::District,
                UnitKind::Huyen,
                p,
                between("2010-01-01", "2025-07-01"),
            )?;
            unit(
                c,
                "Successor",
                UnitLevel::District,
                UnitKind::Huyen,
                p,
                open("2025-07-01"),
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(in_force_on(db, "2009-12-31"), ["Tỉnh"]);
    assert_eq!(in_force_on(db, "2010-01-01"), ["Tỉnh", "Ended"]);
    assert_eq!(in_force_on(db, "2025-06-30"), ["Tỉnh", "Ended"]);
    assert_eq!(in_force_on(db, "2025-07-01"), ["Tỉnh", "Successor"]);
    assert_eq!(in_force_on(db, "2199-12-31"), ["Tỉnh", "Successor"]);
}

/// Two provinces; under the first a district, its commune and the commune's village.
struct Tree {
    province: UnitId,
    district: UnitId,
    commune: UnitId,
    village: UnitId,
    other_province: UnitId,
}

fn tree(db: &StoreFixture) -> Tree {
    let v = open("2000-01-01");
    db.store()
        .write(|c| -> StoreResult<_> {
            let province = unit(c, "P", UnitLevel::Province, UnitKind::Tinh, None, v)?;
            let district = unit(
                c,
                "D",
                UnitLevel::District,
                UnitKind::Huyen,
                Some(province),
                v,
            )?;
            let commune = unit(c, "C", UnitLevel::Commune, UnitKind::Xa, Some(district), v)?;
            let village = unit(c, "V", UnitLevel::Village, UnitKind::Thon, Some(commune), v)?;
            let other_province = unit(c, "Q", UnitLevel::Province, UnitKind::Tinh, None, v)?;
            for (name, kind, unit) in [
                ("Cell V", PartyOrgKind::Cell, village),
                ("Committee C", PartyOrgKind::GrassrootsCommittee, commune),
                ("Cell Q", PartyOrgKind::Cell, other_province),
            ] {
                party_orgs::insert(
                    c,
                    &PartyOrgFields {
                        name: name.to_owned(),
                        kind,
                        parent_id: None,
                        unit_id: Some(unit),
                    },
                    v.from,
                )?;
            }
            Ok(Tree {
                province,
                district,
                commune,
                village,
                other_province,
            })
        })
        .unwrap()
}

fn a_subtree_resolves_to_its_units_and_their_organisations_only(db: &StoreFixture) {
    let t = tree(db);
    db.store()
        .read(|c| -> StoreResult<_> {
            let Scope::Units(mut ids) = Scope::Subtree(t.district).resolved(c)? else {
                panic!("a resolved scope is a list");
            };
            ids.sort();
            assert_eq!(ids, [t.district, t.commune, t.village]);
            let explicit = Scope::Units(vec![t.village]);
            assert_eq!(explicit.clone().resolved(c)?, explicit);

            let names = |c: &mut Db, scope: &Scope, kind| -> StoreResult<Vec<String>> {
                let mut names = Vec::new();
                for id in scope.orgs(c, kind)? {
                    names.push(party_orgs::find(c, id)?.expect("listed").name);
                }
                names.sort();
                Ok(names)
            };
            let district = Scope::Subtree(t.district);
            assert_eq!(names(c, &district, None)?, ["Cell V", "Committee C"]);
            assert_eq!(names(c, &district, Some(PartyOrgKind::Cell))?, ["Cell V"]);
            assert_eq!(
                names(c, &Scope::Subtree(t.other_province), None)?,
                ["Cell Q"]
            );

            assert_eq!(
                ancestry(c, t.village)?,
                [t.village, t.commune, t.district, t.province]
            );
            assert_eq!(ancestry(c, UnitId(999_999))?, []);
            Ok(())
        })
        .unwrap();
}

fn append(c: &mut Db, actor: &str) -> StoreResult<()> {
    audit::append(
        c,
        &Actor {
            username: actor.to_owned(),
            request_id: None,
        },
        Change::created("test.write", "test", 1, &actor),
    )
}

/// While one process's write holds the chain, another process's write waits for it, so
/// that each event names its true predecessor and the chain stays whole.
fn a_second_processs_writer_waits_for_the_first(db: &StoreFixture) {
    let (inside, entered) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let first = db.second_store();
    let holder = std::thread::spawn(move || {
        first
            .write(|c| -> StoreResult<_> {
                append(c, "first")?;
                inside.send(()).unwrap();
                released.recv().unwrap();
                Ok(())
            })
            .unwrap()
    });
    entered.recv().unwrap();
    let second = db.second_store();
    let (done, finished) = mpsc::channel();
    let waiter = std::thread::spawn(move || {
        second.write(|c| append(c, "second")).unwrap();
        done.send(()).unwrap();
    });
    // The second writer cannot finish while the first holds the chain.
    assert!(finished.recv_timeout(Duration::from_millis(500)).is_err());
    release.send(()).unwrap();
    holder.join().unwrap();
    finished.recv_timeout(Duration::from_secs(10)).unwrap();
    waiter.join().unwrap();

    db.store()
        .read(|c| -> StoreResult<_> {
            let v = audit::verify(c)?;
            assert_eq!((v.checked, v.first_broken, v.head_matches), (2, None, true));
            let events = audit::list(c, &Default::default(), Window::ALL)?;
            let actors: Vec<&str> = events.iter().map(|e| e.actor.as_str()).collect();
            assert_eq!(actors, ["first", "second"]);
            assert_eq!(events[1].prev_hash, events[0].hash);
            Ok(())
        })
        .unwrap();
}

/// The root of the tree of the events as stored, computed from every one of them.
fn root_of_stored_events(c: &mut Db) -> StoreResult<merkle::Hash> {
    let leaves: Vec<_> = audit::leaves(c)?
        .iter()
        .map(|(_, hash)| dantin_domain::audit::leaf(hash))
        .collect();
    Ok(merkle::root(&leaves))
}

fn sql(c: &mut Db, statement: &str) -> StoreResult<()> {
    diesel::sql_query(statement).execute(c)?;
    Ok(())
}

/// Each write pushes its event into the kept tree, whose root is the tree of all the
/// events; a database from before the tree was kept has it built by `migrate`; a tail
/// deleted behind the head row's back no longer matches the kept tree.
fn the_kept_tree_is_the_tree_of_the_events(db: &StoreFixture) {
    let store = db.store();
    for actor in ["a", "b", "c", "d", "e"] {
        store.write(|c| append(c, actor)).unwrap();
    }
    let kept = store.read(audit::tree).unwrap();
    assert_eq!(kept.size(), 5);
    assert_eq!(kept.root(), store.read(root_of_stored_events).unwrap());

    store
        .write(|c| sql(c, "UPDATE audit_head SET tree = NULL, tree_size = 0"))
        .unwrap();
    assert!(store.read(audit::tree).is_err());
    store.migrate().unwrap();
    assert_eq!(store.read(audit::tree).unwrap(), kept);
    store.write(|c| append(c, "f")).unwrap();
    assert_eq!(store.read(audit::tree).unwrap().size(), 6);

    store
        .write(|c| {
            sql(c, "DELETE FROM audit_events WHERE actor = 'f'")?;
            sql(
                c,
                "UPDATE audit_head SET hash = (SELECT hash FROM audit_events WHERE actor = 'e')",
            )
        })
        .unwrap();
    let v = store.read(audit::verify).unwrap();
    assert_eq!(
        (v.checked, v.first_broken, v.head_matches),
        (5, None, false)
    );
}

on_both_stores!(
    a_unit_is_in_force_from_its_first_day_until_the_day_before_its_end,
    a_subtree_resolves_to_its_units_and_their_organisations_only,
    a_second_processs_writer_waits_for_the_first,
    the_kept_tree_is_the_tree_of_the_events,
);
