//! The demo data set (`dantin serve --demo`), loaded through the use cases on a fresh
//! database of each backend: what it writes, that it writes it once, that it writes all
//! of it or none, and that its villages stand as the source reports say.

use chrono::NaiveDate;
use dantin_domain::access::{Account, Role};
use dantin_domain::appointment::{Post, Seat};
use dantin_domain::double_entry::{EntryState, Resolution};
use dantin_domain::head_election::{Outcome, VotingMethod};
use dantin_domain::party_org::PartyOrgKind;
use dantin_domain::person::{Gender, PartyStatus};
use dantin_domain::unification::NotUnifiedReason;
use dantin_domain::unit::UnitLevel;
use dantin_domain::{Rule, UnitId};
use dantin_persistence::schema::{
    appointments, audit_events, congresses, head_elections, party_orgs, persons, terms, units,
    users,
};
use dantin_persistence::units::UnitFilter;
use dantin_persistence::{audit, minute_entries, StoreResult, Window};
use dantin_tests::database::StoreFixture;
use dantin_tests::on_both_stores;
use dantin_usecases::demo::{load_if_empty, DemoSummary};
use dantin_usecases::unified_status::of_village;
use dantin_usecases::Error;
use diesel::prelude::*;

fn plain(p: &str) -> String {
    format!("plain:{p}")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Rows in each table: units, party orgs, persons, terms, users, head elections,
/// congresses, appointments, audit events.
fn counts(db: &StoreFixture) -> [i64; 9] {
    db.store()
        .read(|c| -> StoreResult<_> {
            Ok([
                units::table.count().get_result(c)?,
                party_orgs::table.count().get_result(c)?,
                persons::table.count().get_result(c)?,
                terms::table.count().get_result(c)?,
                users::table.count().get_result(c)?,
                head_elections::table.count().get_result(c)?,
                congresses::table.count().get_result(c)?,
                appointments::table.count().get_result(c)?,
                audit_events::table.count().get_result(c)?,
            ])
        })
        .unwrap()
}

/// Audit events of the demo: one per unit, organisation, person (six villagers, three
/// cadres), term and account; per village of the 2020-2022 term, six (election recorded,
/// head appointed, election recognised, congress recorded, secretary appointed, congress
/// approved); per cell, sixteen meetings of 2024 and, for each, one cadre's assignment;
/// and thôn Nam Hả Trong's 2022 election, typed twice (first entry, second entry,
/// resolution), then recorded and recognised (the election, its recognition, the new
/// tenure, and the 2020 tenure ended).
const AUDIT_EVENTS: i64 = 18 + 18 + 9 + 3 + 3 + 6 * 6 + 6 * 16 + 6 + 3 + 4;

/// Every demo unit, as the 2020-2022 term found them.
fn in_2020() -> UnitFilter {
    UnitFilter::on(NaiveDate::from_ymd_opt(2020, 2, 5).unwrap())
}

/// The six villages of the demo, with the name of each.
fn villages(db: &StoreFixture) -> Vec<(UnitId, String)> {
    db.store()
        .read(|c| dantin_persistence::units::list(c, &in_2020(), Window::ALL))
        .unwrap()
        .into_iter()
        .filter(|u| u.level == UnitLevel::Village)
        .map(|u| (u.id, u.name))
        .collect()
}

fn loads_once_into_an_empty_database(db: &StoreFixture) {
    let summary = load_if_empty(db.store(), &plain, None).unwrap();
    // 3 provinces + 5 districts + 4 communes + 6 villages, and one organisation each;
    // one head election and one congress per village, and thôn Nam Hả Trong's of 2022.
    assert_eq!(
        summary,
        Some(DemoSummary {
            units: 18,
            party_orgs: 18,
            persons: 9,
            terms: 3,
            accounts: 3,
            head_elections: 7,
            congresses: 6,
            cell_meetings: 96,
            cadre_assignments: 6,
        })
    );
    // Every row was written, each with its own audit event; each village has a head and
    // a secretary appointment.
    assert_eq!(AUDIT_EVENTS, 196);
    assert_eq!(counts(db), [18, 18, 9, 3, 3, 7, 6, 13, AUDIT_EVENTS]);

    assert_eq!(load_if_empty(db.store(), &plain, None).unwrap(), None);
    assert_eq!(counts(db), [18, 18, 9, 3, 3, 7, 6, 13, AUDIT_EVENTS]);
}

fn the_officer_works_in_ba_che_and_passwords_are_hashed(db: &StoreFixture) {
    load_if_empty(db.store(), &plain, None).unwrap();
    db.store()
        .read(|c| -> StoreResult<_> {
            let officer = dantin_persistence::users::find_by_username(c, "officer")?.unwrap();
            assert_eq!(officer.password_hash, "plain:demo-officer");
            let Account::Officer { unit } = officer.account else {
                panic!("the officer is {:?}", officer.account);
            };
            let unit = dantin_persistence::units::find(c, unit)?.unwrap();
            assert_eq!(unit.name, "Huyện Ba Chẽ");
            assert_eq!(unit.level, UnitLevel::District);
            for (name, role) in [("admin", Role::Admin), ("auditor", Role::Auditor)] {
                let u = dantin_persistence::users::find_by_username(c, name)?.unwrap();
                assert_eq!(u.account.role(), role);
                assert_eq!(u.account.unit(), None);
                assert_eq!(u.password_hash, format!("plain:demo-{name}"));
            }
            Ok(())
        })
        .unwrap();
}

fn persons_are_members_of_their_village_cell_and_units_carry_official_codes(db: &StoreFixture) {
    load_if_empty(db.store(), &plain, None).unwrap();
    db.store()
        .read(|c| -> StoreResult<_> {
            let people = dantin_persistence::persons::list(c, &Default::default(), Window::ALL)?;
            // Six villagers of their village's cell; three cadres of the committee of the
            // district or province they live in.
            assert_eq!(people.len(), 9);
            let mut kinds = Vec::new();
            for p in &people {
                assert_eq!(p.party_status, PartyStatus::Official);
                let org =
                    dantin_persistence::party_orgs::find(c, p.party_org_id.unwrap())?.unwrap();
                kinds.push(org.kind);
                assert_eq!(org.unit_id, Some(p.residence_unit_id));
                assert_eq!(
                    (&p.ethnicity, &p.id_number, &p.address),
                    (&None, &None, &None)
                );
            }
            let cells = kinds.iter().filter(|k| **k == PartyOrgKind::Cell).count();
            assert_eq!(cells, 6);
            let phuong = people.iter().find(|p| p.full_name == "Lê Thị Phương");
            assert_eq!(phuong.unwrap().gender, Gender::Female);

            // The statistics office's codes; a village's is made up from its commune's.
            let all = dantin_persistence::units::list(c, &in_2020(), Window::ALL)?;
            let code = |name: &str| {
                let unit = all.iter().find(|u| u.name == name).expect(name);
                unit.code.clone().unwrap_or_default()
            };
            let codes = [
                "Tỉnh Quảng Ninh",
                "Huyện Ba Chẽ",
                "Xã Nam Sơn",
                "Thôn Khe Tâm",
            ]
            .map(code);
            assert_eq!(codes, ["22", "202", "06982", "06982-KT"]);
            for village in all.iter().filter(|u| u.level == UnitLevel::Village) {
                let commune = all
                    .iter()
                    .find(|u| Some(u.id) == village.parent_id)
                    .unwrap();
                let prefix = format!("{}-", commune.code.as_deref().unwrap_or_default());
                assert!(village
                    .code
                    .as_deref()
                    .unwrap_or_default()
                    .starts_with(&prefix));
            }
            Ok(())
        })
        .unwrap();
}

fn the_audit_chain_is_whole_and_signed_by_demo(db: &StoreFixture) {
    load_if_empty(db.store(), &plain, None).unwrap();
    db.store()
        .read(|c| -> StoreResult<_> {
            let v = audit::verify(c)?;
            assert_eq!(v.first_broken, None);
            assert!(v.head_matches);
            assert_eq!(v.checked, AUDIT_EVENTS as u64);
            let events = audit::list(c, &Default::default(), Window::ALL)?;
            // All but the first entry of thôn Nam Hả Trong's minute, which the officer typed.
            let actors: Vec<&str> = events
                .iter()
                .map(|e| e.actor.as_str())
                .filter(|a| *a != "demo")
                .collect();
            assert_eq!(actors, ["officer"]);
            assert!(events.iter().all(|e| !e
                .after_json
                .as_deref()
                .unwrap_or("")
                .contains("plain:")));
            Ok(())
        })
        .unwrap();
}

fn a_failure_at_the_last_step_writes_nothing(db: &StoreFixture) {
    // An account named like the demo's admin: the demo fails only at its very end.
    db.store()
        .write(|c| dantin_persistence::users::insert(c, "admin", "x", (Account::Admin, false)))
        .unwrap();
    let err = load_if_empty(db.store(), &plain, None).unwrap_err();
    let Error::Rules(v) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(v.0[0].rule, Rule::UsernameTaken);
    assert_eq!(counts(db), [0, 0, 0, 0, 1, 0, 0, 0, 0]);
}

fn every_village_elects_its_resident_head_then_secretary(db: &StoreFixture) {
    load_if_empty(db.store(), &plain, None).unwrap();
    let villages = villages(db);
    assert_eq!(villages.len(), 6);
    db.store()
        .read(|c| -> StoreResult<_> {
            for (village, name) in villages {
                // The 2020-2022 term's: thôn Nam Hả Trong elected again in 2022.
                let filter = dantin_persistence::head_elections::HeadElectionFilter {
                    village_id: Some(village),
                    on: Some(day(2022, 6, 4)),
                    ..Default::default()
                };
                let elections = dantin_persistence::head_elections::list(c, &filter, Window::ALL)?;
                let [e] = elections.as_slice() else {
                    panic!("{name}: {elections:?}");
                };
                assert_eq!(e.held_on, day(2020, 1, 5), "{name}");
                assert_eq!(e.outcome, Outcome::Elected, "{name}");
                assert_eq!(e.method, VotingMethod::SecretBallot, "{name}");
                let winner =
                    dantin_persistence::persons::find(c, e.winner_person_id.unwrap())?.unwrap();
                assert_eq!(winner.residence_unit_id, village, "{name}");
                // Valid and won against all households, as the default rule set asks.
                assert!(
                    e.households_present * 10 >= e.households_total * 8,
                    "{name}"
                );
                assert!(
                    e.households_present * 100 <= e.households_total * 95,
                    "{name}"
                );
                assert!(e.candidates[0].1 * 2 > e.households_total, "{name}");
                let recognition = e.recognition.as_ref().unwrap();
                assert_eq!(recognition.on, day(2020, 1, 8), "{name}");
                assert_eq!(recognition.warning, None, "{name}");

                let cell =
                    dantin_persistence::party_orgs::cell_of(c, village, day(2020, 1, 18))?.unwrap();
                let filter = dantin_persistence::congresses::CongressFilter {
                    cell_id: Some(cell),
                    ..Default::default()
                };
                let held = dantin_persistence::congresses::list(c, &filter, Window::ALL)?;
                let [k] = held.as_slice() else {
                    panic!("{name}: {held:?}");
                };
                assert_eq!(k.term_id, e.term_id, "{name}");
                assert!(
                    [day(2020, 1, 18), day(2020, 1, 19)].contains(&k.held_on),
                    "{name}"
                );
                assert!((5..9).contains(&k.members_summoned), "{name}");
                assert_eq!(k.committee, None, "{name}");
                assert_eq!(k.outcome, Outcome::Elected, "{name}");
                assert_eq!(k.winner_person_id, e.winner_person_id, "{name}");
                let approval = k.approval.as_ref().unwrap();
                assert_eq!(approval.on, day(2020, 1, 31), "{name}");
                assert_eq!(approval.warning, None, "{name}");

                let mut on_5_february = |post, seat| -> StoreResult<_> {
                    Ok(dantin_persistence::appointments::tenures(c, post, seat)?
                        .into_iter()
                        .find(|a| a.validity().contains(day(2020, 2, 5)))
                        .expect("a holder on 5/2/2020"))
                };
                let head = on_5_february(Post::VillageHead, Seat::Unit(village))?;
                assert_eq!(head.head_election_id, Some(e.id), "{name}");
                let secretary = on_5_february(Post::CellSecretary, Seat::PartyOrg(cell))?;
                assert_eq!(secretary.congress_id, Some(k.id), "{name}");
                assert_eq!(secretary.person_id, head.person_id, "{name}");
            }
            Ok(())
        })
        .unwrap();
}

fn the_villages_are_unified_once_the_congresses_are_approved(db: &StoreFixture) {
    load_if_empty(db.store(), &plain, None).unwrap();
    for (village, name) in villages(db) {
        let on = |d| of_village(db.store(), village, d).unwrap();
        // Head recognised on 8/1, no congress yet (and no secretary from the 2017-2020
        // term in the demo).
        let s = on(day(2020, 1, 10));
        assert!(s.head_person_id.is_some(), "{name}");
        assert_eq!(s.secretary_person_id, None, "{name}");
        assert!(!s.status.unified && !s.status.pending_approval, "{name}");
        assert_eq!(
            s.status.reason,
            Some(NotUnifiedReason::NoSecretary),
            "{name}"
        );

        // Secretary elected on 18-19/1, not yet approved.
        let s = on(day(2020, 1, 20));
        assert!(s.status.unified && s.status.pending_approval, "{name}");
        assert_eq!(s.status.reason, None, "{name}");
        assert_eq!(s.secretary_person_id, s.head_person_id, "{name}");

        // Approved on 31/1: by 5/2/2020 every village had finished.
        let s = on(day(2020, 2, 5));
        assert!(s.status.unified && !s.status.pending_approval, "{name}");
        assert_eq!(s.status.reason, None, "{name}");

        // Before the elections there was no head.
        let s = on(day(2020, 1, 4));
        assert_eq!(s.status.reason, Some(NotUnifiedReason::NoHead), "{name}");
    }
}

/// thôn Nam Hả Trong's minute was typed twice, differed in the winner's votes, and was settled by
/// keeping the second entry: its election is the one recorded.
fn nam_ha_trongs_minute_was_typed_twice_and_settled(db: &StoreFixture) {
    load_if_empty(db.store(), &plain, None).unwrap();
    db.store()
        .read(|c| -> StoreResult<_> {
            let minutes = minute_entries::list(c, &Default::default(), Window::ALL)?;
            let [m] = minutes.as_slice() else {
                panic!("one minute typed twice: {minutes:?}")
            };
            assert_eq!(m.state, EntryState::Definitive);
            assert_eq!(m.differences, ["candidates[0].votes"]);
            assert_eq!(m.resolution, Some(Resolution::KeepSecond));
            assert_eq!(m.first.by, "officer");
            assert_eq!(m.first.minute["candidates"][0]["votes"], 38);
            let election = m.head_election_id.expect("its election");
            let recorded = dantin_persistence::head_elections::find(c, election)?.unwrap();
            assert_eq!(Some(recorded.village_id), m.unit_id);
            assert_eq!(recorded.candidates[0].1, 83);
            assert!(recorded.recognition.is_some());
            Ok(())
        })
        .unwrap();
}

on_both_stores!(
    nam_ha_trongs_minute_was_typed_twice_and_settled,
    loads_once_into_an_empty_database,
    the_officer_works_in_ba_che_and_passwords_are_hashed,
    persons_are_members_of_their_village_cell_and_units_carry_official_codes,
    the_audit_chain_is_whole_and_signed_by_demo,
    a_failure_at_the_last_step_writes_nothing,
    every_village_elects_its_resident_head_then_secretary,
    the_villages_are_unified_once_the_congresses_are_approved,
);
