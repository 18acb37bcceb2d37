//! Input that hung screening or stopped it early.

mod evasion;
use evasion::*;
use interdict_model::Outcome;
use std::time::Duration;

/// Screens on a thread and fails, naming the case, if it takes longer than `limit`
/// (a bound on a hang, not a benchmark: docs/benchmarks.md has the figures).
fn screen_within(what: &str, bytes: Vec<u8>, limit: Duration) -> Vec<interdict_model::Verdict> {
    let _ = screener();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(screener().screen_bytes(&bytes));
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("{what}: not screened within {limit:?}"))
}

#[test]
fn one_long_word_is_screened_promptly() {
    // The cases that took 10 s (128,000 characters) to minutes (1 MB).
    for len in [128_000usize, 900_000] {
        let word = "A".repeat(len);
        let v = screen_within(&format!("a {len}-letter word"), pacs008_named(&word), Duration::from_secs(30));
        assert_eq!(v[0].verdict, Outcome::Pass, "{len}");
        let v = screen_within(
            &format!("a {len}-letter word and a listed name"),
            pacs008_named(&format!("{word} CHOE CHOL MIN")),
            Duration::from_secs(30),
        );
        assert_eq!(v[0].verdict, Outcome::Hold, "{len}: the listed name after the long word is still found");
    }
}

#[test]
fn many_words_are_screened_promptly() {
    let many = format!("{}CHOE CHOL MIN", "AB ".repeat(200_000));
    let v = screen_within("200,000 words", pacs008_named(&many), Duration::from_secs(60));
    assert_eq!(v[0].verdict, Outcome::Hold, "the listed name at the end of a huge name is found");
}

#[test]
fn every_ndjson_line_gets_a_verdict() {
    let line = |name: &str| {
        format!(
            r#"{{"message_id": "{name}", "format": "json", "transactions": [{{"parties": [{{"role": "debtor", "path": "/d", "name": {{"path": "/d/n", "value": "{name}"}}}}]}}]}}"#
        )
    };
    // The case that stopped: the lines after the bad one were never screened.
    let input = format!("{}\n{{broken\n{}\n", line("EMMA DANIELS"), line("CHOE CHOL MIN"));
    let v = screen_within("NDJSON", input.into_bytes(), Duration::from_secs(30));
    let outcomes: Vec<Outcome> = v.iter().map(|v| v.verdict).collect();
    assert_eq!(outcomes, [Outcome::Pass, Outcome::Error, Outcome::Hold]);
}
