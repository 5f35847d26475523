//! Double entry of paper minutes (DOMAIN.md rule 23): where a province asks for it, a head
//! election or a congress is typed twice, by two accounts, and counts only once both
//! entries agree or a coordinator has settled their differences. This is the practice of
//! election administrations trusted with results (the Dutch Kiesraad's Abacus), not a
//! Vietnamese legal requirement.
//!
//! The states and the transitions between them:
//!
//! ```text
//! first entry ──> first_entered ──second entry, equal──────> definitive
//!                       │
//!                       └──second entry, different──> different ──keep_first──> definitive
//!                                                        │       ──keep_second─> definitive
//!                                                        │       ──correct─────> definitive
//!                                                        └───────discard_both──> discarded
//! ```
//!
//! An entry is handed in whole: one with errors (impossible numbers, rules of the record's
//! own integrity) is refused; one with warnings (possible but unlikely numbers) is kept only
//! when each warning is acknowledged. Only a definitive entry becomes a result, so only a
//! definitive result is ever recognised or approved.

use serde_json::Value;

use crate::check::{failures, Check};
use crate::rule::Rule;
use crate::string_enum::string_enum;
use crate::{RuleViolation, Violations};

const SRC: &str = "DOMAIN.md rule 23 (provincial practice after the Kiesraad's Abacus)";

string_enum! {
    /// What a minute records.
    pub enum MinuteKind {
        HeadElection => "head_election",
        Congress => "congress",
    }
}

string_enum! {
    /// Where a minute's entries stand.
    pub enum EntryState {
        /// One entry, waiting for the second by another account.
        FirstEntered => "first_entered",
        /// Two entries that differ, waiting for a coordinator.
        Different => "different",
        /// Agreed or settled: the result is recorded from it.
        Definitive => "definitive",
        /// Both entries discarded by a coordinator: the minute is to be entered afresh.
        Discarded => "discarded",
    }
}

string_enum! {
    /// What a coordinator does with two entries that differ.
    pub enum Resolution {
        /// The first entry is right.
        KeepFirst => "keep_first",
        /// The second entry is right.
        KeepSecond => "keep_second",
        /// Neither is: the coordinator's own entry, read from the paper, replaces both.
        Correct => "correct",
        /// Both are set aside; the minute is entered twice again as a new record.
        DiscardBoth => "discard_both",
    }
}

/// How a result reaches the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entered {
    /// Typed once and recorded at once.
    Once,
    /// The definitive entry of a minute typed twice.
    Twice,
}

/// Rule `double_entry_required`: where the province's rules ask for double entry
/// (`double_entry`), a result is recorded only from a minute typed twice.
pub fn check_entered(double_entry: bool, entered: Entered) -> Result<(), RuleViolation> {
    if double_entry && entered == Entered::Once {
        return Err(RuleViolation::new(
            Rule::DoubleEntryRequired,
            "the province's rules ask for every result to be typed twice: send it to /minute-entries",
        ));
    }
    Ok(())
}

/// Whether an entry may be kept: refused for each of its errors, by the error's own rule,
/// and for each warning not in `acknowledged`, by rule `entry_warnings_acknowledged`.
pub fn accept(
    errors: &[Check],
    warnings: &[Rule],
    acknowledged: &[Rule],
) -> Result<(), Violations> {
    let mut refused = failures(errors);
    for w in warnings.iter().filter(|w| !acknowledged.contains(w)) {
        refused.0.push(RuleViolation::new(
            Rule::EntryWarningsAcknowledged,
            format!(
                "the entry has the warning `{w}`: list it in `acknowledged` if the paper says so"
            ),
        ));
    }
    refused.into_result()
}

/// The warnings of an entry's numbers: possible, but worth a second look at the paper.
/// `full_turnout`: every one expected was present; `unanimous_winner`: someone had the
/// vote of every one present.
pub fn warnings(present: u32, expected: u32, votes: impl IntoIterator<Item = u32>) -> Vec<Rule> {
    let mut found = Vec::new();
    if expected > 0 && present == expected {
        found.push(Rule::FullTurnout);
    }
    if present > 0 && votes.into_iter().any(|v| v == present) {
        found.push(Rule::UnanimousWinner);
    }
    found
}

/// The second entry: by another account than the first (rule
/// `second_entry_by_another`), of a minute waiting for it (rule `entry_state`). Equal
/// entries make the minute definitive; different ones wait for a coordinator.
pub fn second(
    state: EntryState,
    first_by: &str,
    by: &str,
    differences: &[String],
) -> Result<EntryState, RuleViolation> {
    expect(state, EntryState::FirstEntered, "a second entry")?;
    if first_by == by {
        return Err(RuleViolation::new(
            Rule::SecondEntryByAnother,
            format!("`{by}` typed the first entry: another account types the second"),
        ));
    }
    Ok(if differences.is_empty() {
        EntryState::Definitive
    } else {
        EntryState::Different
    })
}

/// A coordinator's resolution, of a minute whose entries differ (rule `entry_state`).
pub fn resolve(state: EntryState, resolution: Resolution) -> Result<EntryState, RuleViolation> {
    expect(state, EntryState::Different, "a resolution")?;
    Ok(match resolution {
        Resolution::DiscardBoth => EntryState::Discarded,
        Resolution::KeepFirst | Resolution::KeepSecond | Resolution::Correct => {
            EntryState::Definitive
        }
    })
}

/// Rule `result_definitive`: a result is recorded, recognised or approved only from a
/// definitive entry.
pub fn check_definitive(state: EntryState) -> Result<(), RuleViolation> {
    Check::new(
        Rule::ResultDefinitive,
        state == EntryState::Definitive,
        SRC,
        format!("the minute's entries are {state}, not definitive"),
    )
    .into_result()
}

fn expect(state: EntryState, wanted: EntryState, what: &str) -> Result<(), RuleViolation> {
    if state == wanted {
        Ok(())
    } else {
        Err(RuleViolation::new(
            Rule::EntryState,
            format!("{what} needs a minute that is {wanted}; this one is {state}"),
        ))
    }
}

/// The fields in which two entries differ, by path (`candidates[0].votes`,
/// `households_present`), in the order of their names; a field only one entry has differs.
pub fn differences(first: &Value, second: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(String::new(), first, second, &mut found);
    found
}

fn walk(path: String, a: &Value, b: &Value, found: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let (p, q) = (x.get(key), y.get(key));
                walk(
                    inner,
                    p.unwrap_or(&Value::Null),
                    q.unwrap_or(&Value::Null),
                    found,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                walk(format!("{path}[{i}]"), p, q, found);
            }
        }
        _ if a != b => found.push(path),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use EntryState::*;

    const ALL: [EntryState; 4] = [FirstEntered, Different, Definitive, Discarded];

    #[test]
    fn a_province_asking_for_double_entry_refuses_a_single_one() {
        let err = check_entered(true, Entered::Once).unwrap_err();
        assert_eq!(err.rule, Rule::DoubleEntryRequired);
        assert_eq!(check_entered(true, Entered::Twice), Ok(()));
        assert_eq!(check_entered(false, Entered::Once), Ok(()));
    }

    #[test]
    fn equal_entries_by_two_accounts_are_definitive() {
        assert_eq!(second(FirstEntered, "an", "binh", &[]), Ok(Definitive));
    }

    #[test]
    fn different_entries_wait_for_a_coordinator() {
        let diff = vec!["households_present".to_owned()];
        assert_eq!(second(FirstEntered, "an", "binh", &diff), Ok(Different));
    }

    #[test]
    fn the_same_account_cannot_enter_twice() {
        let err = second(FirstEntered, "an", "an", &[]).unwrap_err();
        assert_eq!(err.rule, Rule::SecondEntryByAnother);
    }

    #[test]
    fn a_second_entry_needs_a_minute_waiting_for_it() {
        for state in ALL.into_iter().filter(|s| *s != FirstEntered) {
            let err = second(state, "an", "binh", &[]).unwrap_err();
            assert_eq!(err.rule, Rule::EntryState, "{state}");
        }
    }

    #[test]
    fn a_coordinator_keeps_corrects_or_discards() {
        assert_eq!(resolve(Different, Resolution::KeepFirst), Ok(Definitive));
        assert_eq!(resolve(Different, Resolution::KeepSecond), Ok(Definitive));
        assert_eq!(resolve(Different, Resolution::Correct), Ok(Definitive));
        assert_eq!(resolve(Different, Resolution::DiscardBoth), Ok(Discarded));
    }

    #[test]
    fn only_differing_entries_are_resolved() {
        for state in ALL.into_iter().filter(|s| *s != Different) {
            let err = resolve(state, Resolution::KeepFirst).unwrap_err();
            assert_eq!(err.rule, Rule::EntryState, "{state}");
        }
    }

    #[test]
    fn only_a_definitive_minute_is_a_result() {
        assert_eq!(check_definitive(Definitive), Ok(()));
        for state in [FirstEntered, Different, Discarded] {
            let err = check_definitive(state).unwrap_err();
            assert_eq!(err.rule, Rule::ResultDefinitive, "{state}");
        }
    }

    #[test]
    fn an_entry_with_errors_is_refused_by_each() {
        let errors = [
            Check::new(Rule::PresentWithinTotal, false, SRC, "160 present of 158"),
            Check::new(Rule::CandidateRequired, true, SRC, "1 candidate"),
        ];
        let refused = accept(&errors, &[], &[]).unwrap_err();
        let rules: Vec<Rule> = refused.0.iter().map(|v| v.rule).collect();
        assert_eq!(rules, [Rule::PresentWithinTotal]);
    }

    #[test]
    fn warnings_must_each_be_acknowledged() {
        let warned = [Rule::FullTurnout, Rule::UnanimousWinner];
        let refused = accept(&[], &warned, &[Rule::FullTurnout]).unwrap_err();
        assert_eq!(refused.0.len(), 1);
        assert_eq!(refused.0[0].rule, Rule::EntryWarningsAcknowledged);
        assert!(refused.0[0].detail.contains("unanimous_winner"));
        assert_eq!(accept(&[], &warned, &warned), Ok(()));
    }

    #[test]
    fn full_turnout_and_a_unanimous_winner_are_warnings() {
        assert_eq!(warnings(158, 158, [120]), [Rule::FullTurnout]);
        assert_eq!(warnings(142, 158, [142, 0]), [Rule::UnanimousWinner]);
        assert_eq!(warnings(142, 158, [131]), []);
        assert_eq!(warnings(0, 0, [0]), []);
    }

    #[test]
    fn differences_name_each_field_by_path() {
        let first = json!({"households_present": 142, "candidates": [{"person_id": 4, "votes": 131}], "election_team": [7]});
        let second = json!({"households_present": 124, "candidates": [{"person_id": 4, "votes": 113}], "election_team": [7, 8]});
        assert_eq!(
            differences(&first, &second),
            ["candidates[0].votes", "election_team", "households_present"]
        );
        assert!(differences(&first, &first).is_empty());
    }

    #[test]
    fn a_field_only_one_entry_has_is_a_difference() {
        let first = json!({"committee": null});
        let second = json!({"committee": null, "rounds": []});
        assert_eq!(differences(&first, &second), ["rounds"]);
    }
}
