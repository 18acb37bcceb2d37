//! The `interdict` command line, end to end on the bundled OFAC lists.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use interdict_testkit::wait_output;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_interdict"))
}

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// One index for all tests, built once through the CLI.
fn index() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lists.idx");
        let out = bin()
            .args(["index", "build", "--out"])
            .arg(&path)
            .arg("--source")
            .arg(format!("ofac-csv={}@2024-05-03", repo("data/ofac/sdn").display()))
            .arg("--source")
            .arg(format!("ofac-xml={}", repo("data/ofac/consolidated.xml.gz").display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "build failed: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("14965 entities"), "{text}");
        assert!(text.contains("dangling-alias 2727"), "{text}");
        assert!(text.contains("published 2024-05-06"), "{text}");
        (dir, path)
    });
    path
}

fn search_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(["search", "--index"])
        .arg(index())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    wait_output(child, Duration::from_secs(120), "interdict search on stdin")
}

#[test]
fn info_json_reports_totals_and_sources() {
    let out = bin().args(["index", "info", "--json"]).arg(index()).output().unwrap();
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["entities"], 14_965 + 443);
    assert_eq!(info["format_version"], interdict_index::FORMAT_VERSION);
    let sources = info["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    assert_eq!(sources[0]["kind"], "ofac-csv");
    assert_eq!(sources[0]["entities"], 14_965);
    assert_eq!(sources[0]["by_type"]["vessel"], 851);
    assert_eq!(sources[0]["published"], "2024-05-03", "the date given after @");
    assert_eq!(sources[1]["entities"], 443);
    assert_eq!(sources[1]["published"], "2024-05-06");
    assert_eq!(sources[0]["inputs"].as_array().unwrap().len(), 3);
    assert!(info["version"].as_str().unwrap().starts_with("idx-"));
}

#[test]
fn search_json_one_line_per_input_line_in_order() {
    let input = "Choe Chol Min\nCHOE, Chol-min\n\nSecond Academy of Natural Sciences\nEMMA DANIELS\n";
    let out = search_stdin(&["--json"], input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    let first_id = |i: usize| lines[i]["alerts"][0]["entity_id"].as_str().map(str::to_string);
    assert_eq!(lines[0]["query"], "Choe Chol Min");
    assert_eq!(first_id(0).as_deref(), Some("ofac-sdn:43598"));
    assert_eq!(first_id(1).as_deref(), Some("ofac-sdn:43598"));
    assert_eq!(lines[2]["alerts"].as_array().unwrap().len(), 0);
    assert_eq!(first_id(3).as_deref(), Some("ofac-sdn:12215"));
    assert_eq!(lines[4]["alerts"].as_array().unwrap().len(), 0);
    let alert = &lines[0]["alerts"][0];
    assert_eq!(alert["name"], "CHOE, Chol Min");
    assert_eq!(alert["programs"][0], "NPWMD");
    assert_eq!(alert["source"], "ofac-sdn");
    assert!(alert["score"].as_f64().unwrap() >= 0.85);
    assert!(alert["explanation"].as_str().unwrap().contains("chol = chol"));
}

#[test]
fn search_arguments_and_threshold() {
    let out = bin()
        .args(["search", "--json", "--threshold", "1.0", "--index"])
        .arg(index())
        .args(["CHOE CHOL MINN", "Choi Chol Min"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["alerts"].as_array().unwrap().len(), 0, "a misspelling scores below 1.0");
    assert_eq!(lines[1]["alerts"][0]["entity_id"], "ofac-sdn:43598");
    let bad = bin().args(["search", "--threshold", "1.5", "--index"]).arg(index()).arg("x").output().unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--threshold must be between 0 and 1"));
}

#[test]
fn invalid_utf8_on_stdin_is_screened_and_reported() {
    let out = search_stdin(&["--json"], "CHOE Chol Min\u{0}\n");
    assert!(out.status.success());
    let mut child = bin()
        .args(["search", "--json", "--index"])
        .arg(index())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"CHOE Chol Min \xff\n").unwrap();
    let out = wait_output(child, Duration::from_secs(120), "interdict search on stdin");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1: invalid UTF-8 at byte 14"));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["alerts"][0]["entity_id"], "ofac-sdn:43598");
}

#[test]
fn corrupt_index_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.idx");
    let mut bytes = std::fs::read(index()).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0xFF;
    std::fs::write(&bad, &bytes).unwrap();
    let out = bin().args(["search", "--index"]).arg(&bad).arg("x").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("checksum mismatch"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&bad, &bytes[..100]).unwrap();
    let out = bin().args(["index", "info"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn bad_sources_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("x.idx");
    let empty_sdn = dir.path().join("empty-sdn");
    std::fs::create_dir(&empty_sdn).unwrap();
    std::fs::write(empty_sdn.join("sdn.csv"), "").unwrap();
    let header_only = dir.path().join("own.csv");
    std::fs::write(&header_only, "id,type,name\n").unwrap();
    let cases: Vec<(String, &str)> = vec![
        // Regression: an empty list built an index of 0 entities, exit 0, no warning.
        (format!("ofac-csv={}", empty_sdn.display()), "gives no entities"),
        (format!("custom-csv={}", header_only.display()), "gives no entities"),
        ("nonsense=foo".into(), "unknown source kind"),
        ("ofac-csv".into(), "expected KIND=PATH"),
        (format!("un-xml={}", dir.path().join("missing.xml").display()), "No such file"),
        (format!("ofac-csv={}", dir.path().display()), "no OFAC CSV files here"),
        (format!("ofac-csv={}@2024-13-45", dir.path().display()), "is not a date"),
    ];
    for (source, reason) in cases {
        let out = bin()
            .args(["index", "build", "--quiet", "--out"])
            .arg(&out_path)
            .args(["--source", &source])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{source}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(reason),
            "{source}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out_path.exists(), "{source}: no index may be written");
    }
    // Empty on purpose: said so, and built.
    let out = bin()
        .args(["index", "build", "--quiet", "--allow-empty", "--out"])
        .arg(&out_path)
        .arg("--source")
        .arg(format!("custom-csv={}", header_only.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn screen_json_payments_to_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let payments = dir.path().join("payments.json");
    std::fs::write(
        &payments,
        concat!(
            r#"{"message_id": "P-1", "format": "json", "transactions": [{"parties": [{"role": "debtor", "path": "/d", "name": {"path": "/d/name", "value": "CHOI CHOL-MIN"}}], "free_text": [{"path": "/rmt", "value": "BEARINGS VIA 2ND ACADEMY OF NATURAL SCIENCES"}]}]}"#,
            "\n",
            r#"{"message_id": "P-2", "format": "json", "transactions": [{"parties": [{"role": "debtor", "path": "/d", "name": {"path": "/d/name", "value": "EMMA DANIELS"}, "town": {"path": "/d/town", "value": "LEEDS"}}], "free_text": [{"path": "/rmt", "value": "RENT"}]}]}"#,
            "\n"
        ),
    )
    .unwrap();
    let bad = dir.path().join("bad.xml");
    std::fs::write(&bad, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><Document>&a;</Document>").unwrap();
    let out = bin().args(["screen", "--json", "--index"]).arg(index()).arg(&payments).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a message could not be screened: {}", String::from_utf8_lossy(&out.stderr));
    let verdicts: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(verdicts.len(), 3);
    let inputs: Vec<&str> = verdicts.iter().map(|v| v["input"].as_str().unwrap()).collect();
    let (p, b) = (payments.display().to_string(), bad.display().to_string());
    assert_eq!(inputs, [p.as_str(), p.as_str(), b.as_str()], "each verdict names its file");
    // Every message screened: 0.
    let ok = bin().args(["screen", "--json", "--index"]).arg(index()).arg(&payments).output().unwrap();
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(verdicts[0]["verdict"], "hold");
    assert_eq!(verdicts[0]["message_id"], "P-1");
    let kinds: Vec<&str> =
        verdicts[0]["hits"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["name", "text"]);
    assert_eq!(verdicts[0]["hits"][0]["entity_id"], "ofac-sdn:43598");
    assert_eq!(verdicts[0]["hits"][0]["field_path"], "/d/name");
    assert_eq!(verdicts[0]["hits"][1]["entity_id"], "ofac-sdn:12215");
    assert!(verdicts[0]["index_version"].as_str().unwrap().starts_with("idx-"));
    assert_eq!(verdicts[1]["verdict"], "pass");
    assert_eq!(verdicts[2]["verdict"], "error");
    assert!(verdicts[2]["error"]["reason"].as_str().unwrap().contains("DOCTYPE"), "{}", verdicts[2]);
}

#[test]
fn run_refuses_incomplete_configurations() {
    let cases: &[(&[&str], &str)] = &[
        (&["run", "--brokers", "127.0.0.1:1"], "no input topic"),
        (&["run", "--input-topic", "a", "--decisions-topic", "a"], "both an input and an output"),
        (&["run", "--input-topic", "a", "--exactly-once", "--workers", "x"], "invalid value 'x'"),
    ];
    for (args, reason) in cases {
        let out = bin().args(*args).env_remove("INTERDICT_INPUT_TOPICS").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(reason),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn loadgen_writes_payments_that_screen_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["loadgen", "--out"])
        .arg(dir.path())
        .args(["--count", "60", "--hit-ratio", "0.25", "--seed", "3", "--index"])
        .arg(index())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = std::fs::read_to_string(dir.path().join("expected.tsv")).unwrap();
    // key, file, format, expected, listed entity
    let rows: Vec<Vec<&str>> = table.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 60);
    let holds = rows.iter().filter(|r| r[3] == "hold").count();
    assert!((5..=30).contains(&holds), "{holds} of 60 should hold at a ratio of 0.25");
    let files: Vec<PathBuf> = rows.iter().map(|r| dir.path().join(r[1])).collect();
    let screened = bin().args(["screen", "--json", "--index"]).arg(index()).args(&files).output().unwrap();
    let verdicts: Vec<serde_json::Value> =
        String::from_utf8_lossy(&screened.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(verdicts.len(), rows.len(), "one verdict per generated payment");
    for (row, verdict) in rows.iter().zip(&verdicts) {
        assert_ne!(verdict["verdict"], "error", "{}: {verdict}", row[1]);
        if row[3] == "hold" {
            assert_eq!(verdict["verdict"], "hold", "{} carries a listed name: {verdict}", row[1]);
            let ids: Vec<&str> =
                verdict["hits"].as_array().unwrap().iter().filter_map(|h| h["entity_id"].as_str()).collect();
            assert!(ids.contains(&row[4]), "{}: the hit names {} ({ids:?})", row[1], row[4]);
        }
    }
}

/// Regression: `index info --json | head -c 10` panicked, and `search`/`screen` printed
/// "error: Broken pipe" and exited 2. A closed pipe now ends a command quietly.
#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    use std::io::Read;
    let names: Vec<String> = (0..20_000).map(|i| format!("NAME NUMBER {i}")).collect();
    let cases: Vec<(Vec<&str>, Option<String>)> = vec![
        (vec!["index", "info", "--json"], None),
        (vec!["index", "names"], None),
        (vec!["search", "--json", "--index"], Some(names.join("\n"))),
    ];
    for (args, stdin) in cases {
        let mut command = bin();
        command.args(&args);
        command.arg(index());
        let mut child = command
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(text) = stdin {
            let mut input = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                let _ = input.write_all(text.as_bytes());
            });
        }
        let mut first = [0u8; 10];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The reader goes away (stdout dropped above).
        let out = wait_output(child, Duration::from_secs(120), "the command to end after its reader left");
        use std::os::unix::process::ExitStatusExt;
        let quiet = out.status.success() || out.status.signal() == Some(13);
        assert!(quiet, "{args:?}: {:?}", out.status);
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Regression: a directory given as the index said "No such device" twice.
#[test]
fn a_directory_is_not_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin().args(["search", "--index"]).arg(dir.path()).arg("x").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.matches("is a directory, not an index file").count(), 1, "{stderr}");
    assert!(!stderr.contains("No such device"), "{stderr}");
}
