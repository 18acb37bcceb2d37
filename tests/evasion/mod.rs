//! Helpers for the evasion tests: a screener over the bundled lists (built once per test
//! binary), and payments whose debtor is written as an adversary would write it.

#![allow(dead_code)] // each test binary uses the part it needs

use std::path::Path;
use std::sync::{Arc, OnceLock};

use interdict_index::Index;
use interdict_lists::{parse_source, SourceKind};
use interdict_model::{HitKind, Outcome, Verdict};
use interdict_screen::{ScreenConfig, Screener};

/// The screener of the bundled OFAC lists.
pub fn screener() -> &'static Screener {
    static SCREENER: OnceLock<Screener> = OnceLock::new();
    SCREENER.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut entities = Vec::new();
        for (kind, path) in
            [(SourceKind::OfacCsv, "data/ofac/sdn"), (SourceKind::OfacXml, "data/ofac/consolidated.xml.gz")]
        {
            entities.extend(parse_source(kind, &root.join(path)).unwrap().entities);
        }
        let bytes = interdict_index::build(entities, vec![], "2026-01-01T00:00:00Z").unwrap();
        Screener::new(Arc::new(Index::from_bytes(bytes).unwrap()), ScreenConfig::default()).unwrap()
    })
}

/// Escapes text for XML content.
pub fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A pacs.008 whose debtor element holds `debtor` (raw XML: `<Nm>..</Nm><PstlAdr>..`),
/// paying a UK creditor for rent: nothing else in it alerts.
pub fn pacs008(debtor: &str) -> Vec<u8> {
    format!(
        r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<GrpHdr><MsgId>EVASION-1</MsgId><CreDtTm>2026-11-28T09:30:00Z</CreDtTm><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>
<CdtTrfTxInf><PmtId><EndToEndId>E2E-1</EndToEndId></PmtId><IntrBkSttlmAmt Ccy="GBP">950.00</IntrBkSttlmAmt>
<Dbtr>{debtor}</Dbtr>
<Cdtr><Nm>NORTHERN HOMES LETTINGS LTD</Nm><PstlAdr><TwnNm>LEEDS</TwnNm><Ctry>GB</Ctry></PstlAdr></Cdtr>
<RmtInf><Ustrd>RENT DECEMBER FLAT 3</Ustrd></RmtInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"#
    )
    .into_bytes()
}

/// A pacs.008 whose debtor is named `name` (escaped), in Leeds.
pub fn pacs008_named(name: &str) -> Vec<u8> {
    pacs008(&format!("<Nm>{}</Nm><PstlAdr><TwnNm>LEEDS</TwnNm><Ctry>GB</Ctry></PstlAdr>", xml_text(name)))
}

/// An MT103 whose ordering customer (50K) is the given lines after the account.
pub fn mt103(ordering_lines: &[&str]) -> Vec<u8> {
    format!(
        "{{1:F01BANKGB2LAXXX0000000000}}{{2:I103BANKUS33XXXXN}}{{4:\n:20:EVASION-MT\n:23B:CRED\n:32A:261128GBP950,00\n:50K:/GB29NWBK60161331926819\n{}\n:59:/GB82WEST12345698765432\nNORTHERN HOMES LETTINGS LTD\nLEEDS\n:70:RENT DECEMBER\n:71A:SHA\n-}}",
        ordering_lines.join("\n")
    )
    .into_bytes()
}

/// Screens one message and returns its only verdict.
pub fn verdict(bytes: &[u8]) -> Verdict {
    let mut verdicts = screener().screen_bytes(bytes);
    assert_eq!(verdicts.len(), 1, "one message: {verdicts:?}");
    verdicts.remove(0)
}

/// Whether a verdict names `entity` in a hit.
pub fn names(v: &Verdict, entity: &str) -> bool {
    v.hits.iter().any(|h| h.entity_id.as_deref() == Some(entity))
}

/// Checks that a disguised message is held, on the listed entity, or for a disguise, or
/// refused as an error (never passed).
pub fn assert_not_passed(what: &str, bytes: &[u8], entity: Option<&str>) {
    let v = verdict(bytes);
    assert_ne!(v.verdict, Outcome::Pass, "{what}: passed\n{}", String::from_utf8_lossy(bytes));
    if let (Outcome::Hold, Some(entity)) = (v.verdict, entity) {
        let disguise = v.hits.iter().any(|h| h.kind == HitKind::Disguise);
        assert!(names(&v, entity) || disguise, "{what}: held, but not on {entity}: {:?}", v.hits);
    }
}

/// The control: the undisguised payment to a stranger passes.
pub fn assert_passes(what: &str, bytes: &[u8]) {
    let v = verdict(bytes);
    assert_eq!(v.verdict, Outcome::Pass, "{what}: {:?} {:?}", v.hits, v.error);
}

pub const CHOE: &str = "ofac-sdn:43598";
pub const ACADEMY: &str = "ofac-sdn:12215";
