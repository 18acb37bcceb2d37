//! No parser panics, whatever bytes it is given, and every parse error says where.
//!
//! Two kinds of property tests:
//! - arbitrary bytes (and arbitrary text made of the characters the formats care about)
//!   fed to every source kind;
//! - valid inputs (the fixtures, the first lines of the shipped OFAC `sdn.csv`, small
//!   inline OFAC XML, OFAC advanced/enhanced XML and UN XML lists) damaged by truncation,
//!   byte flips, inserted bytes, inserted format tokens and deleted or repeated spans
//!   (`interdict_testkit::damage`).
//!
//! Each property must hold: the parser returns (`Ok` or `Err`, never a panic), and a
//! parse error carries a position inside the file and a non-empty reason.
//!
//! The fuzz targets in `fuzz/` (see `docs/fuzzing.md`) explore the same code paths for
//! longer; inputs they find crashing belong in the regression tests at the end. The
//! good-guy list parser has the same tests in `crates/screen/tests/good_guys_no_panic.rs`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use interdict_lists::{parse_file, Error, InputFile, Position, SourceKind};
use interdict_testkit::damage::{apply, config, damaged, format_text, mutation};
use interdict_testkit::lists::{file_name, repo_path};
use proptest::prelude::*;
use proptest::sample::Index;

/// Parses `bytes` as a file of this kind; `Ok(n)` is the number of entities read.
fn parse(kind: SourceKind, bytes: Vec<u8>) -> (InputFile, Result<usize, Error>) {
    let input = InputFile::from_bytes(file_name(kind), bytes);
    let result = parse_file(kind, &input).map(|p| {
        assert_eq!(p.kind, kind);
        p.entities.len()
    });
    (input, result)
}

/// Parses and checks the properties every result must have. Returns whether it parsed.
fn check(target: SourceKind, bytes: Vec<u8>) -> bool {
    let (input, result) = parse(target, bytes);
    match result {
        Ok(_) => true,
        Err(err) => {
            check_error(target, &input, &err);
            false
        }
    }
}

/// A parse error names the file, a position inside it and a reason.
fn check_error(target: SourceKind, input: &InputFile, err: &Error) {
    let message = err.to_string();
    assert!(!message.trim().is_empty(), "{target:?}: empty error message");
    if let Error::Parse { path, position, reason } = err {
        assert_eq!(err.position(), Some(*position), "{target:?}: {message}");
        assert!(!reason.trim().is_empty(), "{target:?}: parse error without a reason: {message}");
        assert_eq!(path, &input.path, "{target:?}: error names another file: {message}");
        let len = input.bytes.len() as u64;
        let lines = input.bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        match *position {
            Position::Byte(b) => assert!(b <= len, "{target:?}: byte {b} past the end ({len}): {message}"),
            Position::Line { line, byte } => {
                assert!(line >= 1 && line <= lines, "{target:?}: line {line} of {lines}: {message}");
                assert!(byte <= len, "{target:?}: byte {byte} past the end ({len}): {message}");
            }
            Position::File => {}
        }
    }
}

// ---------------------------------------------------------------------------------------
// Seed inputs: valid files of every kind.

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first `n` lines of a gzip-compressed file, line ends kept.
fn gz_head(rel: &str, n: usize) -> Vec<u8> {
    let path = repo_path(rel);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = BufReader::new(flate2::read::MultiGzDecoder::new(file));
    let mut out = Vec::new();
    for _ in 0..n {
        if reader.read_until(b'\n', &mut out).unwrap() == 0 {
            break;
        }
    }
    out
}

/// A small OFAC CSV `sdn.csv` written for this test: a person with remarks to read,
/// a vessel and an organisation, and the trailing DOS end-of-file byte.
const OFAC_CSV: &str = "9001,\"PETROV, Ivan Sergeevich\",\"individual\",\"RUSSIA-EO14024\",\"Director\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 12 Mar 1970; POB Moscow, Russia; nationality Russia; Passport 7201234 (Russia); a.k.a. 'PETROFF, Ivan'; Linked To: NORTHERN TRADING LLC.\"\r\n\
9002,\"NORTHERN LIGHT\",\"vessel\",\"IRAN] [SDGT\",-0- ,\"ABCD1\",\"Crude Oil Tanker\",\"1000\",\"2,000\",\"Panama\",\"NORTHERN TRADING LLC\",\"Vessel Registration Identification IMO 9123456.\"\r\n\
9003,\"NORTHERN TRADING LLC\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"SWIFT/BIC NRTHAEAD; Website www.northern.example.\"\r\n\x1a";

/// A small OFAC `sdn.xml` written for this test.
const OFAC_XML: &str = r#"<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation><Publish_Date>01/15/2025</Publish_Date><Record_Count>2</Record_Count></publshInformation>
  <sdnEntry>
    <uid>9001</uid><firstName>Ivan</firstName><lastName>PETROV</lastName><sdnType>Individual</sdnType>
    <remarks>(Linked To: NORTHERN LIGHT)</remarks>
    <programList><program>RUSSIA-EO14024</program></programList>
    <idList><id><uid>1</uid><idType>Passport</idType><idNumber>7201234</idNumber><idCountry>Russia</idCountry></id></idList>
    <akaList><aka><uid>2</uid><type>a.k.a.</type><category>strong</category><lastName>PETROFF</lastName><firstName>Ivan</firstName></aka></akaList>
    <addressList><address><uid>3</uid><city>Moscow</city><country>Russia</country></address></addressList>
    <nationalityList><nationality><uid>4</uid><country>Russia</country><mainEntry>true</mainEntry></nationality></nationalityList>
    <dateOfBirthList><dateOfBirthItem><uid>5</uid><dateOfBirth>12 Mar 1970</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>
  </sdnEntry>
  <sdnEntry>
    <uid>9002</uid><lastName>NORTHERN LIGHT</lastName><sdnType>Vessel</sdnType>
    <programList><program>IRAN</program></programList>
    <idList><id><uid>6</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 9123456</idNumber></id></idList>
    <vesselInfo><callSign>ABCD1</callSign><vesselType>Crude Oil Tanker</vesselType><vesselFlag>Panama</vesselFlag></vesselInfo>
  </sdnEntry>
</sdnList>
"#;

/// A small UN consolidated list written for this test.
const UN_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2025-01-10T00:00:00.000Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>10</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>AHMED</FIRST_NAME><SECOND_NAME>HASSAN</SECOND_NAME><THIRD_NAME>ALI</THIRD_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDi.901</REFERENCE_NUMBER>
      <LISTED_ON>2010-05-01</LISTED_ON><GENDER>Male</GENDER>
      <NAME_ORIGINAL_SCRIPT>أحمد حسن علي</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1>Test entry &amp; sample.</COMMENTS1>
      <NATIONALITY><VALUE>Yemen</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abu Sample</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>The Teacher</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS><CITY>Sana'a</CITY><COUNTRY>Yemen</COUNTRY></INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1975-07-04</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1972</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Aden</CITY><COUNTRY>Yemen</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>00112233</NUMBER><ISSUING_COUNTRY>Yemen</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>11</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>SAMPLE RELIEF FOUNDATION</FIRST_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.901</REFERENCE_NUMBER><LISTED_ON>2011-01-01</LISTED_ON>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>SRF</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><STREET>1 Sample Road</STREET><CITY>Aden</CITY><COUNTRY>Yemen</COUNTRY></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"#;

/// A small OFAC advanced XML list written for this test: one person with a birth date,
/// a nationality, an address and a passport, on the SDN list.
const OFAC_ADVANCED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
  <DateOfIssue CalendarTypeID="1"><Year>2025</Year><Month>1</Month><Day>15</Day></DateOfIssue>
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1403">Name</AliasType></AliasTypeValues>
    <CountryValues><Country ID="11201" ISO2="RU">Russia</Country></CountryValues>
    <FeatureTypeValues>
      <FeatureType ID="8" FeatureTypeGroupID="1">Birthdate</FeatureType>
      <FeatureType ID="10" FeatureTypeGroupID="1">Nationality Country</FeatureType>
      <FeatureType ID="25" FeatureTypeGroupID="2">Location</FeatureType>
    </FeatureTypeValues>
    <IDRegDocTypeValues><IDRegDocType ID="1571">Passport</IDRegDocType></IDRegDocTypeValues>
    <ListValues><List ID="1550">SDN List</List></ListValues>
    <LocPartTypeValues><LocPartType ID="1454">CITY</LocPartType></LocPartTypeValues>
    <NamePartTypeValues>
      <NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType>
    </NamePartTypeValues>
    <PartySubTypeValues><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues>
    <PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues>
    <SanctionsProgramValues><SanctionsProgram ID="300" SubsidiaryBodyID="1">RUSSIA-EO14024</SanctionsProgram></SanctionsProgramValues>
    <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType></SanctionsTypeValues>
    <ScriptValues><Script ID="215" ScriptCode="Latn">Latin</Script></ScriptValues>
  </ReferenceValueSets>
  <Locations>
    <Location ID="700"><LocationCountry CountryID="11201" CountryRelevanceID="1"/></Location>
    <Location ID="701">
      <LocationCountry CountryID="11201" CountryRelevanceID="1"/>
      <LocationPart LocPartTypeID="1454"><LocationPartValue Primary="true" LocPartValueTypeID="1" LocPartValueStatusID="1"><Value>Moscow</Value></LocationPartValue></LocationPart>
    </Location>
  </Locations>
  <IDRegDocuments>
    <IDRegDocument ID="800" IDRegDocTypeID="1571" IdentityID="9101" IssuedBy-CountryID="11201">
      <IDRegistrationNo>7201234</IDRegistrationNo>
    </IDRegDocument>
  </IDRegDocuments>
  <DistinctParties>
    <DistinctParty FixedRef="9001">
      <Profile ID="9001" PartySubTypeID="4">
        <Identity ID="9101" FixedRef="9001" Primary="true" False="false">
          <Alias FixedRef="9001" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="1" FixedRef="9001" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="41" ScriptID="215" ScriptStatusID="1" Acronym="false">Petrov</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="42" ScriptID="215" ScriptStatusID="1" Acronym="false">Ivan</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="9001" AliasTypeID="1400" Primary="false" LowQuality="false">
            <DocumentedName ID="2" FixedRef="9001" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="41" ScriptID="215" ScriptStatusID="1" Acronym="false">Petroff</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="41" NamePartTypeID="1520"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="42" NamePartTypeID="1521"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature ID="60" FeatureTypeID="8">
          <FeatureVersion ID="61" ReliabilityID="1">
            <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
              <Start Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false"><From><Year>1970</Year><Month>3</Month><Day>12</Day></From><To><Year>1970</Year><Month>3</Month><Day>12</Day></To></Start>
              <End Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false"><From><Year>1970</Year><Month>3</Month><Day>12</Day></From><To><Year>1970</Year><Month>3</Month><Day>12</Day></To></End>
            </DatePeriod>
          </FeatureVersion>
          <IdentityReference IdentityID="9101" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="62" FeatureTypeID="10">
          <FeatureVersion ID="63" ReliabilityID="1"><VersionLocation LocationID="700"/></FeatureVersion>
          <IdentityReference IdentityID="9101" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="64" FeatureTypeID="25">
          <FeatureVersion ID="65" ReliabilityID="1"><VersionLocation LocationID="701"/></FeatureVersion>
          <IdentityReference IdentityID="9101" IdentityFeatureLinkTypeID="1"/>
        </Feature>
      </Profile>
    </DistinctParty>
  </DistinctParties>
  <SanctionsEntries>
    <SanctionsEntry ID="1" ProfileID="9001" ListID="1550">
      <EntryEvent ID="1" EntryEventTypeID="1"><Date CalendarTypeID="1"><Year>2022</Year><Month>2</Month><Day>24</Day></Date></EntryEvent>
      <SanctionsMeasure ID="1" SanctionsTypeID="1"><Comment>RUSSIA-EO14024</Comment></SanctionsMeasure>
    </SanctionsEntry>
  </SanctionsEntries>
</Sanctions>
"#;

/// A small OFAC enhanced XML extract written for this test (the other shape the
/// advanced parser reads).
const OFAC_ENHANCED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
  <publicationInfo><dataAsOf>2025-01-15T00:00:00</dataAsOf></publicationInfo>
  <referenceValues>
    <referenceValue refId="11201"><type>COUNTRY</type><value>Russia</value><isoCode>RU</isoCode></referenceValue>
  </referenceValues>
  <entities>
    <entity id="9002">
      <generalInfo><identityId>5</identityId><entityType refId="602">Vessel</entityType></generalInfo>
      <sanctionsLists><sanctionsList refId="1550" id="1" datePublished="2023-05-19">SDN List</sanctionsList></sanctionsLists>
      <sanctionsPrograms><sanctionsProgram refId="91166" id="2">RUSSIA-EO14024</sanctionsProgram></sanctionsPrograms>
      <names>
        <name id="1"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality>
          <translations><translation id="1"><isPrimary>true</isPrimary><script refId="20122">Latin</script>
            <formattedFullName>NORTHERN LIGHT</formattedFullName>
            <nameParts><namePart id="1"><type refId="1526">Vessel Name</type><value>Northern Light</value></namePart></nameParts>
          </translation></translations>
        </name>
      </names>
      <features>
        <feature id="1"><type featureTypeId="3">Vessel Flag</type><value>Russia</value></feature>
      </features>
      <identityDocuments>
        <identityDocument id="1"><type refId="1626">Vessel Registration Identification</type>
          <documentNumber>IMO 9123456</documentNumber><isValid>true</isValid></identityDocument>
      </identityDocuments>
    </entity>
  </entities>
</sanctionsData>
"#;

/// Valid inputs of a kind, each of which parses.
fn seeds(kind: SourceKind) -> Vec<Vec<u8>> {
    match kind {
        SourceKind::OfacCsv => vec![gz_head("data/ofac/sdn/sdn.csv.gz", 50), OFAC_CSV.into()],
        SourceKind::OfacXml => vec![OFAC_XML.into()],
        SourceKind::OfacAdvanced => vec![OFAC_ADVANCED.into(), OFAC_ENHANCED.into()],
        SourceKind::UnXml => vec![UN_XML.into()],
        SourceKind::EuXml => vec![fixture("eu_fsf_sample.xml")],
        SourceKind::UkCsv => vec![fixture("uk_conlist_sample.csv")],
        SourceKind::CustomCsv => vec![fixture("custom_list_sample.csv")],
        SourceKind::CustomJson => vec![fixture("custom_list_sample.json")],
    }
}

#[test]
fn every_seed_parses() {
    for target in SourceKind::ALL {
        for (i, seed) in seeds(target).into_iter().enumerate() {
            let (_, result) = parse(target, seed);
            match result {
                Ok(n) => assert!(n > 0, "{target:?} seed {i} parsed to nothing"),
                Err(e) => panic!("{target:?} seed {i}: {e}"),
            }
        }
    }
}

/// With `INTERDICT_FUZZ_SEEDS=DIR`, writes the seeds as the starting corpus of the
/// `list_parsers` fuzz target, `DIR/list_parsers/`, each after a first byte selecting
/// its kind, as the target reads it. Does nothing otherwise. See `docs/fuzzing.md`.
#[test]
fn write_fuzz_seeds() {
    let Some(dir) = std::env::var_os("INTERDICT_FUZZ_SEEDS") else { return };
    let out = PathBuf::from(dir).join("list_parsers");
    std::fs::create_dir_all(&out).unwrap();
    for (selector, kind) in SourceKind::ALL.into_iter().enumerate() {
        for (i, seed) in seeds(kind).into_iter().enumerate() {
            let name = format!("seed-{}-{i}", file_name(kind).replace('.', "-"));
            std::fs::write(out.join(name), [&[selector as u8], seed.as_slice()].concat()).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for target in SourceKind::ALL {
            check(target, bytes.clone());
        }
    }

    #[test]
    fn arbitrary_format_text_never_panics(bytes in format_text()) {
        for target in SourceKind::ALL {
            check(target, bytes.clone());
        }
    }

    /// Seeds fed to the other kinds' parsers: valid structure of the wrong format.
    #[test]
    fn damaged_inputs_of_the_wrong_kind_never_panic(
        from in any::<Index>(),
        seed in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let from = *from.get(&SourceKind::ALL);
        let mut bytes = seed.get(&seeds(from)).clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        for target in SourceKind::ALL {
            check(target, bytes.clone());
        }
    }
}

/// A kind, and one of its seeds damaged.
fn damaged_of_some_kind() -> impl Strategy<Value = (SourceKind, Vec<u8>)> {
    prop::sample::select(SourceKind::ALL.to_vec())
        .prop_flat_map(|kind| damaged(seeds(kind)).prop_map(move |bytes| (kind, bytes)))
}

proptest! {
    // As many cases for each kind as a property of one kind gets.
    #![proptest_config(ProptestConfig { cases: config().cases * SourceKind::ALL.len() as u32, ..config() })]

    #[test]
    fn damaged_inputs_never_panic((kind, bytes) in damaged_of_some_kind()) {
        check(kind, bytes);
    }
}

/// Empty files and files of nothing but whitespace, a BOM or the end-of-file byte.
#[test]
fn empty_and_blank_inputs() {
    let blanks: [&[u8]; 7] = [b"", b" ", b"\n", b"\r\n\r\n", b"\xef\xbb\xbf", b"\x1a", b"\xef\xbb\xbf\r\n\x1a"];
    for target in SourceKind::ALL {
        for blank in blanks {
            check(target, blank.to_vec());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Regression cases: inputs that crashed a parser once (from fuzzing or from the
// properties above). Each must keep parsing to `Ok` or `Err` without a panic.
