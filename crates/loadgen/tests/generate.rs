//! The payment generator: every message parses as its format, hits carry their listed
//! name, runs are reproducible, the mix and hit ratio hold, innocents stay clear of
//! embargoed countries, and screening holds exactly the payments it should.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use interdict_loadgen::{Error, Expected, Format, GeneratedPayment, Generator, GeneratorConfig, ListedName, Mix};
use interdict_messages::Limits;
use interdict_model::{EntityKind, MessageFormat, Outcome, Party, PartyRole, Payment};

const EMBARGOED: &[&str] = &["KP", "IR", "CU", "SY", "RU"];

/// ISO 13616 IBAN lengths of the countries the generator uses IBANs for.
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("GB", 22),
    ("DE", 22),
    ("FR", 27),
    ("ES", 24),
    ("IT", 27),
    ("BR", 29),
    ("NL", 18),
    ("PL", 28),
    ("SE", 24),
    ("TR", 26),
    ("KZ", 20),
    ("AE", 23),
    ("SA", 24),
    ("EG", 29),
];

const CURRENCIES: &[(&str, &str)] = &[
    ("US", "USD"),
    ("GB", "GBP"),
    ("DE", "EUR"),
    ("FR", "EUR"),
    ("ES", "EUR"),
    ("IT", "EUR"),
    ("NL", "EUR"),
    ("BR", "BRL"),
    ("PL", "PLN"),
    ("SE", "SEK"),
    ("TR", "TRY"),
    ("KZ", "KZT"),
    ("UZ", "UZS"),
    ("AE", "AED"),
    ("SA", "SAR"),
    ("EG", "EGP"),
    ("IN", "INR"),
    ("CN", "CNY"),
    ("JP", "JPY"),
    ("KR", "KRW"),
    ("VN", "VND"),
    ("ID", "IDR"),
];

fn listed(entries: &[(&str, &str, bool)]) -> Vec<ListedName> {
    entries
        .iter()
        .map(|&(id, name, organisation)| ListedName { entity_id: id.into(), name: name.into(), organisation })
        .collect()
}

/// Listed names with the features perturbations act on: "SURNAME, Given Middle",
/// hyphens, apostrophes, `&`, legal forms, names longer than an MT line, letters outside
/// ASCII; and two names too short to place.
fn sample_listed() -> Vec<ListedName> {
    listed(&[
        ("t:choe", "CHOE, Chol Min", false),
        ("t:zawahiri", "AL-ZAWAHIRI, Ayman Muhammad Rabi", false),
        ("t:bnc", "BANCO NACIONAL DE CUBA", true),
        ("t:academy", "SECOND ACADEMY OF NATURAL SCIENCES", true),
        ("t:komid", "KOREA MINING DEVELOPMENT TRADING CORPORATION", true),
        ("t:llc", "LIMITED LIABILITY COMPANY TORGOVY DOM ALFA PROMSNAB", true),
        ("t:obrien", "O'BRIEN & SONS SHIPPING CO., LTD.", true),
        ("t:muller", "MÜLLER, Hans-Peter", false),
        ("t:kim", "KIM Il", false),
        ("t:nur", "AL-NUR", true),
    ])
}

fn generator(seed: u64, hit_ratio: f64, mix: &str, listed: Vec<ListedName>) -> Generator {
    let config = GeneratorConfig { seed, hit_ratio, mix: mix.parse().unwrap(), run_id: "t".into() };
    Generator::new(config, listed)
}

fn text(p: &GeneratedPayment) -> &str {
    std::str::from_utf8(&p.bytes).unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", p.key))
}

fn parse(p: &GeneratedPayment) -> Payment {
    let mut results = interdict_messages::parse(&p.bytes, &Limits::default());
    assert_eq!(results.len(), 1, "{}: one message expected\n{}", p.key, text(p));
    results.remove(0).unwrap_or_else(|e| panic!("{}: {e}\n{}", p.key, text(p)))
}

fn parties(payment: &Payment) -> impl Iterator<Item = &Party> {
    payment.parties.iter().chain(payment.transactions.iter().flat_map(|t| t.parties.iter()))
}

fn is_uuid_v4(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && s.bytes().all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

/// Block 4 lines without their `:TAG:`.
fn mt_text_lines(message: &str) -> Vec<&str> {
    let start = message.find("{4:\n").expect("block 4") + 4;
    let end = message.find("\n-}").expect("end of block 4");
    message[start..end]
        .lines()
        .map(|line| match line.strip_prefix(':').and_then(|rest| rest.split_once(':')) {
            Some((_, content)) => content,
            None => line,
        })
        .collect()
}

/// Words of a name for comparing a listed name with a payment's: upper case, letters
/// and digits, apostrophes and dots joined, any other punctuation a break.
fn words(name: &str) -> Vec<String> {
    let joined: String = name.chars().filter(|c| *c != '\'' && *c != '.').collect();
    let mut out: Vec<String> = joined
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .filter(|w| !LEGAL_WORDS.contains(&w.as_str()) && !TITLES.contains(&w.as_str()))
        .collect();
    out.sort();
    out
}

const TITLES: &[&str] = &["MR", "MRS", "DR"];
const LEGAL_WORDS: &[&str] = &[
    "LIMITED",
    "LIABILITY",
    "COMPANY",
    "LLC",
    "JOINT",
    "STOCK",
    "JSC",
    "PJSC",
    "OJSC",
    "CJSC",
    "PUBLIC",
    "OPEN",
    "CLOSED",
    "CO",
    "LTD",
    "PRIVATE",
    "PVT",
    "SOCIEDAD",
    "ANONIMA",
    "SA",
    "CORPORATION",
    "CORP",
    "INCORPORATED",
    "INC",
    "ESTABLISHMENT",
    "EST",
    "PLC",
];

#[test]
fn every_message_parses_as_its_format_and_carries_its_hit_name() {
    let sample = sample_listed();
    let listed_names: HashMap<&str, &str> = sample.iter().map(|l| (l.entity_id.as_str(), l.name.as_str())).collect();
    let cases = [
        ("pacs008=1", Format::Pacs008, &[MessageFormat::Pacs008][..]),
        ("pacs009=1", Format::Pacs009, &[MessageFormat::Pacs009, MessageFormat::Pacs009Cov][..]),
        ("mt103=1", Format::Mt103, &[MessageFormat::Mt103][..]),
    ];
    for (mix, format, parsed_formats) in cases {
        let mut generator = generator(11, 0.3, mix, sample.clone());
        let (mut hits, mut cut, mut rewritten, mut covers, mut plain) = (0, 0, 0, 0, 0);
        let mut message_ids = HashSet::new();
        for _ in 0..600 {
            let p = generator.next_payment();
            assert_eq!(p.format, format);
            let payment = parse(&p);
            assert!(parsed_formats.contains(&payment.format), "{}: parsed as {:?}", p.key, payment.format);
            assert!(message_ids.insert(payment.message_id.clone()), "{}: message id repeated", p.key);
            assert_eq!(payment.transactions.len(), 1, "{}", p.key);
            let tx = &payment.transactions[0];
            let uetr = tx.id.as_deref().unwrap_or_default();
            assert!(is_uuid_v4(uetr), "{}: transaction id {uetr:?} is not a UUID v4", p.key);
            assert!(tx.amount.is_some(), "{}: no amount", p.key);
            match payment.format {
                MessageFormat::Pacs009Cov => covers += 1,
                MessageFormat::Pacs009 => plain += 1,
                _ => {}
            }
            if format == Format::Mt103 {
                assert!(payment.message_id.len() <= 16);
                for line in mt_text_lines(text(&p)) {
                    assert!(line.chars().count() <= 35, "{}: line {line:?} is longer than 35", p.key);
                    assert!(line.is_ascii(), "{}: {line:?} is not SWIFT X", p.key);
                }
            }
            let names: Vec<&str> =
                parties(&payment).filter_map(|p| p.name.as_ref()).map(|n| n.value.as_str()).collect();
            match p.expected {
                Expected::Pass => {
                    assert!(p.listed_entity.is_none() && p.hit_name.is_none(), "{}", p.key);
                }
                Expected::Hold => {
                    hits += 1;
                    let entity = p.listed_entity.as_deref().expect("a hit names its entity");
                    assert!(entity != "t:kim" && entity != "t:nur", "{}: {entity} is too short to place", p.key);
                    let hit_name = p.hit_name.as_deref().expect("a hit has its name");
                    let mut expected_name = hit_name.to_string();
                    if format == Format::Mt103 && hit_name.len() > 35 {
                        expected_name = hit_name[..35].trim_end().to_string();
                        cut += 1;
                    }
                    assert!(
                        names.contains(&expected_name.as_str()),
                        "{}: {expected_name:?} is not among the parties {names:?}\n{}",
                        p.key,
                        text(&p)
                    );
                    if format == Format::Pacs009 {
                        assert_eq!(payment.format, MessageFormat::Pacs009Cov, "{}: a pacs.009 hit is a COV", p.key);
                    }
                    // Rewritten, never misspelt: the same words apart from titles and legal forms.
                    let listed_name = listed_names[entity];
                    if listed_name.is_ascii() {
                        assert_eq!(words(hit_name), words(listed_name), "{}: {hit_name:?} for {listed_name:?}", p.key);
                    }
                    if hit_name != listed_name {
                        rewritten += 1;
                    }
                }
            }
        }
        assert!((120..=240).contains(&hits), "{mix}: {hits} hits in 600 at a ratio of 0.3");
        assert!(rewritten * 10 >= hits * 6, "{mix}: only {rewritten} of {hits} hit names differ from the listed name");
        if format == Format::Mt103 {
            assert!(cut > 0, "no MT103 hit name was cut at 35 characters");
        }
        if format == Format::Pacs009 {
            assert!(covers > 150 && plain > 150, "{covers} COV and {plain} plain pacs.009");
        }
    }
}

#[test]
fn same_seed_same_bytes_and_keys_are_unique() {
    let run = |seed: u64| -> Vec<GeneratedPayment> {
        let mut g = generator(seed, 0.2, "pacs008=5,pacs009=2,mt103=3", sample_listed());
        (0..400).map(|_| g.next_payment()).collect()
    };
    let (a, b, c) = (run(42), run(42), run(43));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.key, y.key);
        assert_eq!(x.bytes, y.bytes, "{}: same seed, different bytes", x.key);
        assert_eq!(
            (x.format, x.expected, &x.listed_entity, &x.hit_name),
            (y.format, y.expected, &y.listed_entity, &y.hit_name)
        );
    }
    let same = a.iter().zip(&c).filter(|(x, y)| x.bytes == y.bytes).count();
    assert_eq!(same, 0, "seeds 42 and 43 gave {same} identical messages");
    let keys: HashSet<&str> = a.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys.len(), a.len(), "keys repeat");
    assert_eq!(a[0].key, "t-1");
    assert_eq!(a[399].key, "t-400");
}

#[test]
fn mix_and_hit_ratio_are_respected() {
    let cases: &[(&str, f64, [f64; 3])] = &[
        ("pacs008=50,pacs009=20,mt103=30", 0.1, [0.5, 0.2, 0.3]),
        ("pacs009=1,mt103=3", 0.02, [0.0, 0.25, 0.75]),
        ("pacs008=1", 0.5, [1.0, 0.0, 0.0]),
    ];
    const N: usize = 5000;
    for &(mix, ratio, shares) in cases {
        let mut g = generator(5, ratio, mix, sample_listed());
        let started = Instant::now();
        let payments: Vec<GeneratedPayment> = (0..N).map(|_| g.next_payment()).collect();
        let per_message = started.elapsed().as_secs_f64() * 1e6 / N as f64;
        println!("{mix}: {per_message:.1} µs per message (this build)");
        for (format, share) in [Format::Pacs008, Format::Pacs009, Format::Mt103].into_iter().zip(shares) {
            let got = payments.iter().filter(|p| p.format == format).count() as f64 / N as f64;
            assert!((got - share).abs() < 0.025, "{mix}: {} share {got:.3}, expected {share}", format.as_str());
        }
        let hits = payments.iter().filter(|p| p.expected == Expected::Hold).count() as f64 / N as f64;
        let tolerance = 4.0 * (ratio * (1.0 - ratio) / N as f64).sqrt();
        assert!((hits - ratio).abs() <= tolerance, "{mix}: hit share {hits:.4}, expected {ratio}");
    }
    assert_eq!(Mix::default(), Mix { pacs008: 50, pacs009: 20, mt103: 30 });
    let config = GeneratorConfig::default();
    assert_eq!((config.seed, config.hit_ratio, config.run_id.as_str()), (1, 0.02, "lg"));
}

#[test]
fn mix_parsing() {
    let good: &[(&str, (u32, u32, u32))] = &[
        ("pacs008=50,pacs009=20,mt103=30", (50, 20, 30)),
        ("mt103=1", (0, 0, 1)),
        (" pacs008 = 3 , mt103=1 ", (3, 0, 1)),
        ("PACS.009=5,pacs.008=0", (0, 5, 0)),
    ];
    for &(input, (pacs008, pacs009, mt103)) in good {
        assert_eq!(input.parse::<Mix>().unwrap(), Mix { pacs008, pacs009, mt103 }, "{input}");
    }
    let bad: &[(&str, &str)] = &[
        ("", "empty entry"),
        ("pacs008", "not FORMAT=WEIGHT"),
        ("pacs008=x", "not a whole number"),
        ("pacs008=-1", "not a whole number"),
        ("pacs008=1.5", "not a whole number"),
        ("pacs010=5", "unknown format"),
        ("pacs008=0,mt103=0", "weight 0"),
        ("pacs008=1,pacs008=2", "given twice"),
        ("pacs008=1,,mt103=1", "empty entry"),
    ];
    for &(input, why) in bad {
        match input.parse::<Mix>() {
            Err(Error::Mix(reason)) => assert!(reason.contains(why), "{input:?}: {reason}"),
            other => panic!("{input:?}: expected a mix error, got {other:?}"),
        }
    }
}

#[test]
fn without_placeable_listed_names_nothing_is_a_hit() {
    let cases: &[(&str, Vec<ListedName>)] = &[
        ("no listed names", vec![]),
        (
            "only short names",
            listed(&[("t:kim", "KIM Il", false), ("t:nur", "AL-NUR", true), ("t:x", "ABCDEFGHIJ", true)]),
        ),
    ];
    for (what, names) in cases {
        let mut g = generator(3, 1.0, "pacs008=1,pacs009=1,mt103=1", names.clone());
        assert!(!g.can_hit(), "{what}");
        assert!((0..200).all(|_| g.next_payment().expected == Expected::Pass), "{what}");
    }
    assert!(generator(3, 1.0, "mt103=1", sample_listed()).can_hit());
}

fn iban_valid(iban: &str) -> bool {
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    let mut rest = 0u32;
    for c in rearranged {
        match c.to_digit(36) {
            Some(v) if v < 10 => rest = (rest * 10 + v) % 97,
            Some(v) => rest = (rest * 100 + v) % 97,
            None => return false,
        }
    }
    rest == 1
}

#[test]
fn innocent_payments_stay_clear_of_embargoes_and_look_real() {
    let mut g = generator(9, 0.0, "pacs008=1,pacs009=1,mt103=1", sample_listed());
    let iban_lengths: HashMap<&str, usize> = IBAN_LENGTHS.iter().copied().collect();
    let currencies: HashMap<&str, &str> = CURRENCIES.iter().copied().collect();
    let mut countries = HashSet::new();
    let (mut ibans, mut usd) = (0, Vec::new());
    for _ in 0..3000 {
        let p = g.next_payment();
        assert_eq!(p.expected, Expected::Pass);
        let payment = parse(&p);
        for party in parties(&payment) {
            let what = format!("{}: {:?} {}", p.key, party.role, party.path);
            if let Some(country) = &party.country {
                assert!(!EMBARGOED.contains(&country.value.as_str()), "{what}: country {}", country.value);
                countries.insert(country.value.clone());
            }
            if let Some(bic) = &party.bic {
                assert!(bic.value.len() == 8 || bic.value.len() == 11, "{what}: BIC {}", bic.value);
                assert!(bic.value[..4].bytes().all(|b| b.is_ascii_uppercase()), "{what}: BIC {}", bic.value);
                assert!(!EMBARGOED.contains(&&bic.value[4..6]), "{what}: BIC {}", bic.value);
            }
            if let Some(account) = &party.account {
                let a = account.value.as_str();
                let prefix = &a[..2.min(a.len())];
                assert!(!EMBARGOED.contains(&prefix), "{what}: account {a}");
                if a.as_bytes()[0].is_ascii_alphabetic() {
                    ibans += 1;
                    assert_eq!(Some(&a.len()), iban_lengths.get(prefix), "{what}: IBAN {a} has the wrong length");
                    assert!(iban_valid(a), "{what}: IBAN {a} has wrong check digits");
                } else {
                    assert!(a.bytes().all(|b| b.is_ascii_digit()), "{what}: account {a}");
                }
            }
        }
        let tx = &payment.transactions[0];
        let amount = tx.amount.as_ref().expect("an amount");
        let debtor_agent = tx
            .parties
            .iter()
            .find(|p| p.role == PartyRole::DebtorAgent)
            .or_else(|| tx.parties.iter().find(|p| p.role == PartyRole::Debtor && p.bic.is_some()))
            .and_then(|p| p.bic.as_ref())
            .unwrap_or_else(|| panic!("{}: no debtor agent", p.key));
        assert_eq!(
            currencies.get(&debtor_agent.value[4..6]),
            Some(&amount.currency.as_str()),
            "{}: {} from a bank in {}",
            p.key,
            amount.currency,
            &debtor_agent.value[4..6]
        );
        let decimals = amount.value.split_once('.').map_or(0, |(_, d)| d.len());
        let expected_decimals = if ["JPY", "KRW", "VND"].contains(&amount.currency.as_str()) { 0 } else { 2 };
        if p.format != Format::Mt103 {
            assert_eq!(decimals, expected_decimals, "{}: amount {}", p.key, amount.value);
        }
        if amount.currency == "USD" {
            usd.push(amount.value.parse::<f64>().unwrap());
        }
    }
    assert!(countries.len() >= 18, "only {} countries: {countries:?}", countries.len());
    assert!(ibans > 1000, "{ibans} IBANs");
    usd.sort_by(f64::total_cmp);
    let median = usd[usd.len() / 2];
    let top = usd[usd.len() - 1];
    assert!((50.0..20_000.0).contains(&median) && top > 20.0 * median, "USD median {median}, largest {top}");
}

/// The next `n` payments of `generator`, each with its verdict (one a payment).
fn screen_each(
    generator: &mut Generator,
    screener: &interdict_screen::Screener,
    n: usize,
) -> Vec<(GeneratedPayment, interdict_model::Verdict)> {
    (0..n)
        .map(|_| {
            let p = generator.next_payment();
            let mut verdicts = screener.screen_bytes(&p.bytes);
            assert_eq!(verdicts.len(), 1, "{}", p.key);
            (p, verdicts.remove(0))
        })
        .collect()
}

#[test]
fn screening_holds_every_hit_and_few_innocents() {
    let started = Instant::now();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/ofac/sdn");
    let parsed = interdict_lists::parse_source(interdict_lists::SourceKind::OfacCsv, &dir).unwrap();
    let listed: Vec<ListedName> = parsed
        .entities
        .iter()
        .filter_map(|e| {
            let organisation = match e.kind {
                EntityKind::Person => false,
                EntityKind::Organization | EntityKind::Unknown => true,
                EntityKind::Vessel | EntityKind::Aircraft => return None,
            };
            Some(ListedName { entity_id: e.id.clone(), name: e.name.clone(), organisation })
        })
        .collect();
    let index = interdict_testkit::lists::index_of(&interdict_testkit::lists::bundled_sdn());
    let screener = interdict_screen::Screener::new(Arc::new(index), interdict_screen::ScreenConfig::default()).unwrap();
    println!("index of {} listed names built in {:.1?}", listed.len(), started.elapsed());

    let mut hits = generator(21, 1.0, "pacs008=5,pacs009=2,mt103=3", listed.clone());
    let mut missed = Vec::new();
    const HITS: usize = 300;
    for (p, v) in screen_each(&mut hits, &screener, HITS) {
        let entity = p.listed_entity.as_deref();
        if v.verdict != Outcome::Hold || !v.hits.iter().any(|h| h.entity_id.as_deref() == entity) {
            missed.push(format!(
                "{} {}: {:?} for {:?} -> {:?} {:?}",
                p.key,
                p.format.as_str(),
                p.hit_name,
                entity,
                v.verdict,
                v.hits.iter().map(|h| &h.explanation).collect::<Vec<_>>()
            ));
        }
    }
    assert!(missed.is_empty(), "{} of {HITS} hits not held on their entity:\n{}", missed.len(), missed.join("\n"));

    let mut innocents = generator(22, 0.0, "pacs008=5,pacs009=2,mt103=3", listed);
    let mut held = Vec::new();
    const INNOCENTS: usize = 2000;
    for (p, v) in screen_each(&mut innocents, &screener, INNOCENTS) {
        assert_ne!(v.verdict, Outcome::Error, "{}: {:?}", p.key, v.error);
        if v.verdict == Outcome::Hold {
            held.push(format!(
                "{}: {}",
                p.key,
                v.hits.iter().map(|h| format!("[{}] {}", h.field_path, h.explanation)).collect::<Vec<_>>().join("; ")
            ));
        }
    }
    let rate = held.len() as f64 / INNOCENTS as f64;
    println!("false positives: {} of {INNOCENTS} innocent payments ({:.2}%)", held.len(), rate * 100.0);
    for h in &held {
        println!("  {h}");
    }
    println!("screening test took {:.1?}", started.elapsed());
    assert!(rate <= 0.02, "false-positive rate {rate:.4} above 2%:\n{}", held.join("\n"));
}
