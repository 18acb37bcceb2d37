//! The OFAC CSV parser on real files: the copies the project ships in `data/ofac`
//! (always run) and the consistent 2021 set in `../shared` (run when present).

use std::path::{Path, PathBuf};

use interdict_lists::{parse_source, SourceKind};
use interdict_model::{EntityKind, IdKind, Strength};

fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

#[test]
fn shipped_sdn_csv_2024_with_2026_aliases_and_addresses() {
    let parsed = parse_source(SourceKind::OfacCsv, &repo_path("data/ofac/sdn")).unwrap();
    let entities = &parsed.entities;
    assert_eq!(entities.len(), 14_965);
    let count = |kind: EntityKind| entities.iter().filter(|e| e.kind == kind).count();
    assert_eq!(count(EntityKind::Organization), 6_884);
    assert_eq!(count(EntityKind::Person), 6_854);
    assert_eq!(count(EntityKind::Vessel), 851);
    assert_eq!(count(EntityKind::Aircraft), 376);
    // The 2026 alias and address files refer to entries newer than the 2024 sdn.csv.
    assert_eq!(parsed.warnings.count("dangling-alias"), 2_727);
    assert_eq!(parsed.warnings.count("dangling-address"), 5_598);
    let strong_aliases: usize =
        entities.iter().map(|e| e.aliases.iter().filter(|a| a.strength == Strength::Strong).count()).sum();
    assert_eq!(strong_aliases, 20_260 - 2_727);

    let with_bic: Vec<_> = entities.iter().filter(|e| e.identifiers.iter().any(|i| i.kind == IdKind::Bic)).collect();
    assert_eq!(with_bic.len(), 156);
    let bics: usize = with_bic.iter().map(|e| e.identifiers.iter().filter(|i| i.kind == IdKind::Bic).count()).sum();
    assert_eq!(bics, 162);
    assert!(with_bic
        .iter()
        .flat_map(|e| &e.identifiers)
        .filter(|i| i.kind == IdKind::Bic)
        .all(|i| i.value.len() == 8 || i.value.len() == 11));

    let choe = entities.iter().find(|e| e.id == "ofac-sdn:43598").unwrap();
    assert_eq!(choe.name, "CHOE, Chol Min");
    assert_eq!(choe.programs, ["NPWMD"]);
    assert!(choe.aliases.iter().any(|a| a.name == "CHOE, Chol-min"));
    assert_eq!(choe.birth_dates[0].from.to_string(), "1978-04-03");
    assert_eq!(choe.addresses[0].city.as_deref(), Some("Beijing"));
    assert_eq!(choe.links[0].target_id.as_deref(), Some("ofac-sdn:12215"));

    let academy = entities.iter().find(|e| e.id == "ofac-sdn:12215").unwrap();
    assert!(academy.aliases.iter().any(|a| a.name == "2ND ACADEMY OF NATURAL SCIENCES"));

    let imo_vessels = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Vessel && e.identifiers.iter().any(|i| i.kind == IdKind::Imo))
        .count();
    assert!(imo_vessels > 800, "{imo_vessels} vessels with an IMO number");
    let artavil = entities.iter().find(|e| e.id == "ofac-sdn:15036").unwrap();
    assert!(artavil.identifiers.iter().any(|i| i.kind == IdKind::Imo && i.value == "9187629"));
}

#[test]
fn shipped_consolidated_non_sdn_csv() {
    let parsed = parse_source(SourceKind::OfacCsv, &repo_path("data/ofac/nonsdn-csv")).unwrap();
    assert_eq!(parsed.entities.len(), 442);
    assert!(parsed.entities.iter().all(|e| e.id.starts_with("ofac-cons:")));
    assert_eq!(parsed.warnings.count("dangling-alias"), 0);
    let haniya = parsed.entities.iter().find(|e| e.id == "ofac-cons:9639").unwrap();
    assert_eq!(haniya.programs, ["NS-PLC"]);
    assert!(haniya.aliases.iter().any(|a| a.name == "HANIYYA, Ismaeel"));
}

#[test]
fn shared_consistent_2021_set() {
    let dir = repo_path("../shared/data/ofac/sdn_csv_set_2021-07-07");
    let Some(dir) = interdict_lists::shared_or_skipped(dir, "the 2021 OFAC CSV set test") else { return };
    let parsed = parse_source(SourceKind::OfacCsv, &dir).unwrap();
    assert_eq!(parsed.entities.len(), 8_976);
    assert_eq!(
        parsed.warnings.total(),
        parsed.warnings.count("unknown-country") + parsed.warnings.count("unreadable-remark")
    );
    let aliases: usize =
        parsed.entities.iter().map(|e| e.aliases.iter().filter(|a| a.strength == Strength::Strong).count()).sum();
    assert_eq!(aliases, 11_910);
    let addresses: usize = parsed.entities.iter().map(|e| e.addresses.len()).sum();
    assert!(addresses > 10_000, "{addresses}");
    // sdn_comments.csv continues the remarks of entry 28264.
    let e = parsed.entities.iter().find(|e| e.id == "ofac-sdn:28264").unwrap();
    assert!(e.remarks.as_deref().unwrap().ends_with("Linked To: LAZARUS GROUP."));
}
