//! ISO 20022 parsing through the public API: the samples under `tests/fixtures/iso20022/`
//! read into the expected payments (a table of cases), parties and references in the
//! right place, bad messages refused with a kind and an offset, and mutated samples that
//! must never panic.

use interdict_messages::iso20022::parse;
use interdict_messages::ErrorKind;
use interdict_model::{MessageFormat, PartyRole, Payment};

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/iso20022/", $name)).as_slice()
    };
}

const DOC008: &str = "/Document/FIToFICstmrCdtTrf";

/// Every value of a payment as (kind, path, value); a party gives ("party", its
/// path, its role).
fn flatten(p: &Payment) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let parties = p.parties.iter().chain(p.transactions.iter().flat_map(|t| &t.parties));
    for party in parties {
        out.push(("party", party.path.clone(), format!("{:?}", party.role)));
        let singles = [
            ("name", &party.name),
            ("street", &party.street),
            ("town", &party.town),
            ("region", &party.country_sub_division),
            ("country", &party.country),
            ("bic", &party.bic),
            ("account", &party.account),
        ];
        for (kind, value) in singles {
            if let Some(l) = value {
                out.push((kind, l.path.clone(), l.value.clone()));
            }
        }
        for l in &party.address_lines {
            out.push(("address", l.path.clone(), l.value.clone()));
        }
        for l in &party.identifiers {
            out.push(("id", l.path.clone(), l.value.clone()));
        }
        if let Some(y) = party.birth_year {
            out.push(("birth_year", party.path.clone(), y.to_string()));
        }
    }
    for t in &p.transactions {
        for l in &t.free_text {
            out.push(("text", l.path.clone(), l.value.clone()));
        }
    }
    out
}

struct Case {
    file: &'static str,
    bytes: &'static [u8],
    message_id: &'static str,
    format: MessageFormat,
    version: Option<&'static str>,
    transactions: usize,
    /// (transaction id, currency, amount) of the first transaction.
    first: (&'static str, &'static str, &'static str),
    /// (kind, path, value) triples that must all be present.
    values: &'static [(&'static str, &'static str, &'static str)],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            file: "cbpr_p.2.1.1_pacs.008_AtoB.xml",
            bytes: fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml"),
            message_id: "pacs8bizmsgidr01",
            format: MessageFormat::Pacs008,
            version: Some("pacs.008.001.12"),
            transactions: 1,
            first: ("8a562c67-ca16-48ba-b074-65581be6f001", "EUR", "15669.38"),
            values: &[
                ("party", "/AppHdr/Fr", "MessageSender"),
                ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "RBOSGB2LXXX"),
                ("party", "/AppHdr/To", "MessageReceiver"),
                ("bic", "/AppHdr/To/FIId/FinInstnId/BICFI", "ABNANL2AXXX"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr", "Debtor"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "C Consumer"),
                ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/StrtNm", "High Street"),
                ("town", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/TwnNm", "Epping"),
                ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/Ctry", "GB"),
                ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAcct/Id/Othr/Id", "12547896"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrmyAgt1", "IntermediaryAgent"),
                ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrmyAgt1/FinInstnId/BICFI", "NDEAFIHHXXX"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstgAgt", "InstructingAgent"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstdAgt", "InstructedAgent"),
                ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/BICFI", "RBOSGB2LXXX"),
                ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI", "HELSFIHHXXX"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Nm", "Evli"),
                ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/StrtNm", "Aleksanterinkatu 19"),
                ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/Ctry", "FI"),
                ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAcct/Id/Othr/Id", "98653214"),
            ],
        },
        Case {
            // Prefixed namespaces (head:, pacs:) on the header and the Document.
            file: "cbpr_c.53.5_pacs.008_AtoB.xml",
            bytes: fixture!("cbpr_c.53.5_pacs.008_AtoB.xml"),
            message_id: "pacs8bizmsgidr01",
            format: MessageFormat::Pacs008,
            version: Some("pacs.008.001.08"),
            transactions: 1,
            first: ("174c245f-2682-4291-ad67-2a41e530cd27", "SGD", "500000"),
            values: &[
                ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "WPACAU2S"),
                ("bic", "/AppHdr/To/FIId/FinInstnId/BICFI", "DBSSSGSG"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "Australian Submarine"),
                ("town", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/TwnNm", "Adelaide"),
                ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/Ctry", "AU"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Nm", "Agoda Company"),
                ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/StrtNm", "30 Cecil Street"),
                ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/Ctry", "SG"),
                ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI", "UOVBSGSG"),
            ],
        },
        Case {
            file: "cbpr_p.2.2.1_pacs.009_BtoC.xml",
            bytes: fixture!("cbpr_p.2.2.1_pacs.009_BtoC.xml"),
            message_id: "pacs9bizmsgidr01",
            format: MessageFormat::Pacs009,
            version: Some("pacs.009.001.11"),
            transactions: 1,
            first: ("dab3b64f-092b-4839-b7e9-8f438af50961", "EUR", "654489.98"),
            values: &[
                ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr", "Debtor"),
                ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr/FinInstnId/BICFI", "RBOSGB2LXXX"),
                ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/Cdtr", "Creditor"),
                ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Cdtr/FinInstnId/BICFI", "EVSEFIHHXXX"),
                ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/InstdAgt/FinInstnId/BICFI", "NDEAFIHHXXX"),
                ("text", "/Document/FICdtTrf/CdtTrfTxInf[1]/RmtInf/Ustrd[1]", "Invoice: 456464-9663"),
            ],
        },
        Case {
            file: "cbpr_p.2.3.1.a_pacs.009.cov_AtoB.xml",
            bytes: fixture!("cbpr_p.2.3.1.a_pacs.009.cov_AtoB.xml"),
            message_id: "pacs9bizmsgidr01",
            format: MessageFormat::Pacs009Cov,
            version: Some("pacs.009.001.11"),
            transactions: 1,
            first: ("7a562c67-ca16-48ba-b074-65581be6f001", "EUR", "65784.32"),
            values: &[
                ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "CLYDGB2S"),
                ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr/FinInstnId/BICFI", "CLYDGB2S"),
                ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Cdtr/FinInstnId/BICFI", "CAIXESBB"),
                ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Dbtr", "Debtor"),
                ("name", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Dbtr/Nm", "A Debiter"),
                ("town", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Dbtr/PstlAdr/TwnNm", "Epping"),
                ("account", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/DbtrAcct/Id/Othr/Id", "25698745"),
                ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/DbtrAgt", "DebtorAgent"),
                ("party", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr", "Creditor"),
                ("name", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr/Nm", "B Creditor Co"),
                ("town", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr/PstlAdr/TwnNm", "Barcelona"),
                ("country", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/Cdtr/PstlAdr/Ctry", "ES"),
                ("account", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/CdtrAcct/Id/Othr/Id", "65479512"),
                ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/UndrlygCstmrCdtTrf/CdtrAgt/FinInstnId/BICFI", "CAIXESBB"),
            ],
        },
        Case {
            // `<message>` wrapper, head.001.001.01, group-level agents with names.
            file: "prowide_pacs.008.001.07.xml",
            bytes: fixture!("prowide_pacs.008.001.07.xml"),
            message_id: "823823423",
            format: MessageFormat::Pacs008,
            version: Some("pacs.008.001.07"),
            transactions: 1,
            first: ("987654321987654321", "USD", "5000"),
            values: &[
                ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "ABCDUS33XXX"),
                ("party", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt", "InstructingAgent"),
                ("name", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/Nm", "Lionel Messi"),
                ("bic", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/BICFI", "CITTGB2LPBG"),
                ("id", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/Othr/Id", "2342342342"),
                ("name", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstdAgt/FinInstnId/Nm", "Manu Ginobili"),
                ("street", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstdAgt/FinInstnId/PstlAdr/StrtNm", "My Street 1122"),
                ("town", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstdAgt/FinInstnId/PstlAdr/TwnNm", "Los Angeles"),
                ("region", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstdAgt/FinInstnId/PstlAdr/CtrySubDvsn", "ABCD"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "Jhon Doe"),
                ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/StrtNm", "Foo Street 1"),
                ("region", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/CtrySubDvsn", "CABA"),
                ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/Ctry", "AR"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/Nm", "Foo Corp"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Nm", "Mike Smith"),
            ],
        },
        Case {
            file: "prowide_pacs.009.001.09.xml",
            bytes: fixture!("prowide_pacs.009.001.09.xml"),
            message_id: "27373HGDDT33",
            format: MessageFormat::Pacs009,
            version: Some("pacs.009.001.09"),
            transactions: 1,
            first: ("END2ENDID1234", "USD", "12345.67"),
            values: &[
                ("bic", "/AppHdr/To/FIId/FinInstnId/BICFI", "AAAAUSXXXXX"),
                ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Dbtr/FinInstnId/BICFI", "BBBBCAXXXXX"),
                ("bic", "/Document/FICdtTrf/CdtTrfTxInf[1]/Cdtr/FinInstnId/BICFI", "CCCCESXXXXX"),
            ],
        },
        Case {
            file: "mojaloop_pacs.008.outgoing.valid.xml",
            bytes: fixture!("mojaloop_pacs.008.outgoing.valid.xml"),
            message_id: "RNDPS/4e9b19494e5f0c7d61a607",
            format: MessageFormat::Pacs008,
            version: Some("pacs.008.001.08"),
            transactions: 1,
            first: ("000400078911122", "RWF", "20200"),
            values: &[
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InitgPty", "InitiatingParty"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InitgPty/Nm", "LAKE CITY BANK"),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InitgPty/Id/OrgId/Othr[1]/Id", "INITGPTY_ID"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "PAYER_NAME"),
                ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAcct/Id/Othr/Id", "+1-574-265-1752"),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/Othr/Id", "LAKCUS33"),
                (
                    "name",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm",
                    "EQUITY BANK RWANDA LIMITED",
                ),
                (
                    "text",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RmtInf/Ustrd[1]",
                    "d7d91837-4402-4c8f-9b73-20255b0ec40c",
                ),
            ],
        },
        Case {
            // CBPR+ usage-guideline "max" example: nearly every optional element.
            file: "y2026_pacs.008.max.xml",
            bytes: fixture!("y2026_pacs.008.max.xml"),
            message_id: "EXMsgId",
            format: MessageFormat::Pacs008,
            version: Some("pacs.008.001.08"),
            transactions: 1,
            first: ("00000000-0000-4000-8322-704e78b41399", "EUR", "1000.00"),
            values: &[
                ("id", "/AppHdr/Fr/FIId/FinInstnId/LEI", "315700LMNOPQRSTU3465"),
                (
                    "party",
                    "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/InstgRmbrsmntAgt",
                    "InstructingReimbursementAgent",
                ),
                (
                    "party",
                    "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/InstdRmbrsmntAgt",
                    "InstructedReimbursementAgent",
                ),
                ("party", "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/ThrdRmbrsmntAgt", "ThirdReimbursementAgent"),
                ("account", "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/InstgRmbrsmntAgtAcct/Id/Othr/Id", "EXId"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/PrvsInstgAgt1", "PreviousInstructingAgent"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/PrvsInstgAgt3", "PreviousInstructingAgent"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrmyAgt3", "IntermediaryAgent"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/UltmtDbtr", "UltimateDebtor"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/UltmtCdtr", "UltimateCreditor"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InitgPty", "InitiatingParty"),
                ("birth_year", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/UltmtDbtr", "2026"),
                (
                    "id",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/UltmtDbtr/Id/PrvtId/DtAndPlcOfBirth/CityOfBirth",
                    "EXCityOfBirth",
                ),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Id/PrvtId/DtAndPlcOfBirth/CtryOfBirth", "GB"),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Id/PrvtId/Othr[1]/Id", "EXId"),
                ("address", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/AdrLine[1]", "EXAdrLine"),
                ("address", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/DstrctNm", "EXDstrctNm"),
                ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/StrtNm", "EXStrtNm EXBldgNb"),
                ("region", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/CtrySubDvsn", "EXCtrySubDvsn"),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/ClrSysMmbId/MmbId", "EXMmbId"),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/LEI", "315700LMNOPQRSTU3465"),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAcct/Prxy/Id", "EXId"),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstrForCdtrAgt[1]/InstrInf", "EXInstrInf"),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstrForNxtAgt[1]/InstrInf", "EXInstrInf"),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Purp/Cd", "EXCd"),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RgltryRptg[1]/Dtls[1]/Inf[1]", "EXInf"),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RltdRmtInf[1]/RmtId", "EXRmtId"),
                (
                    "text",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RltdRmtInf[1]/RmtLctnDtls[1]/ElctrncAdr",
                    "EXElctrncAdr",
                ),
            ],
        },
        Case {
            file: "example_sepa_pain_001_v3_multiple_pmtinf.xml",
            bytes: fixture!("example_sepa_pain_001_v3_multiple_pmtinf.xml"),
            message_id: "38b0440b12d741d690e5721ab6f90e33",
            format: MessageFormat::Pain001,
            version: Some("pain.001.001.03"),
            transactions: 2,
            first: ("d6ecf0cb-e0c3-4fe9-8f21-45464fde659", "EUR", "10.00"),
            values: &[
                ("party", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty", "InitiatingParty"),
                ("name", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty/Nm", "Electrical"),
                ("id", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty/Id/OrgId/Othr[1]/Id", "ELECTRIC"),
                ("party", "/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr", "Debtor"),
                ("account", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAcct/Id/IBAN", "ES9121000418450200051332"),
                ("account", "/Document/CstmrCdtTrfInitn/PmtInf[2]/DbtrAcct/Id/IBAN", "ES9121000418450200051333"),
                ("bic", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAgt/FinInstnId/BIC", "BSCHESMMXXX"),
                ("bic", "/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BIC", "BBVAESMMXXX"),
                ("name", "/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]/Cdtr/Nm", "Dáel Muñiz"),
                (
                    "street",
                    "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Cdtr/PstlAdr/StrtNm",
                    "Calle de Serrano 41",
                ),
                ("region", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Cdtr/PstlAdr/CtrySubDvsn", "Madrid"),
                (
                    "account",
                    "/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]/CdtrAcct/Id/IBAN",
                    "ES8201822200150201504058",
                ),
            ],
        },
        Case {
            // Schema-invalid as published; old-style BICOrBEI, clearing-code agents.
            file: "cross_river_pain_001_rtp_credit.xml",
            bytes: fixture!("cross_river_pain_001_rtp_credit.xml"),
            message_id: "DOMT11234562",
            format: MessageFormat::Pain001,
            version: Some("pain.001.001.03"),
            transactions: 1,
            first: ("1000000000000011", "USD", "0.01"),
            values: &[
                ("bic", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty/Id/OrgId/BICOrBEI", "JOHNDOE99"),
                ("name", "/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr/Nm", "John Doe Corporation"),
                (
                    "street",
                    "/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr/PstlAdr/StrtNm",
                    "999 Battery Street, 13th Floor",
                ),
                ("region", "/Document/CstmrCdtTrfInitn/PmtInf[1]/Dbtr/PstlAdr/CtrySubDvsn", "CA"),
                ("account", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAcct/Id/Othr/Id", "1123456789"),
                ("id", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAgt/FinInstnId/ClrSysMmbId/MmbId", "123456789"),
                ("country", "/Document/CstmrCdtTrfInitn/PmtInf[1]/DbtrAgt/FinInstnId/PstlAdr/Ctry", "US"),
                (
                    "name",
                    "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm",
                    "Cross River Bank NJ",
                ),
                ("name", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Cdtr/Nm", "John Doe Funding LLC"),
                ("town", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/Cdtr/PstlAdr/TwnNm", "New York"),
                ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/RmtInf/Ustrd[1]", "Testing"),
            ],
        },
        Case {
            file: "y2026_pain.001.max.xml",
            bytes: fixture!("y2026_pain.001.max.xml"),
            message_id: "EXMsgId",
            format: MessageFormat::Pain001,
            version: Some("pain.001.001.09"),
            transactions: 1,
            first: ("00000000-0000-4000-8b0b-4c70dde05e7b", "EUR", "1000.00"),
            values: &[
                ("party", "/Document/CstmrCdtTrfInitn/GrpHdr/FwdgAgt", "InstructingAgent"),
                ("birth_year", "/Document/CstmrCdtTrfInitn/GrpHdr/InitgPty", "2026"),
                ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/InstrForDbtrAgt", "EXInstrForDbtrAgt"),
                ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/InstrForDbtrAgt", "EXInstrForDbtrAgt"),
                ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/RmtInf/Ustrd[1]", "EXUstrd"),
                ("text", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/ChqInstr/DlvrTo/Nm", "EXNm"),
                ("party", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/IntrmyAgt1", "IntermediaryAgent"),
                ("party", "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]/UltmtCdtr", "UltimateCreditor"),
            ],
        },
        Case {
            file: "pacs004_v09_rtrchain.xml",
            bytes: fixture!("pacs004_v09_rtrchain.xml"),
            message_id: "RTR-0001",
            format: MessageFormat::Pacs004,
            version: Some("pacs.004.001.09"),
            transactions: 2,
            first: ("0a1b2c3d-0000-4000-8000-000000000001", "EUR", "1200.50"),
            values: &[
                ("bic", "/AppHdr/Fr/FIId/FinInstnId/BICFI", "BANKFRPPXXX"),
                ("party", "/Document/PmtRtr/TxInf[1]/InstgAgt", "InstructingAgent"),
                ("party", "/Document/PmtRtr/TxInf[1]/RtrChain/Dbtr", "Debtor"),
                ("name", "/Document/PmtRtr/TxInf[1]/RtrChain/Dbtr/Pty/Nm", "Marguerite Laval"),
                ("town", "/Document/PmtRtr/TxInf[1]/RtrChain/Dbtr/Pty/PstlAdr/TwnNm", "Lyon"),
                ("party", "/Document/PmtRtr/TxInf[1]/RtrChain/Cdtr", "Creditor"),
                ("bic", "/Document/PmtRtr/TxInf[1]/RtrChain/Cdtr/Agt/FinInstnId/BICFI", "TRDEGB2LXXX"),
                ("name", "/Document/PmtRtr/TxInf[1]/RtrChain/Cdtr/Agt/FinInstnId/Nm", "Trade Clearing Ltd"),
                ("name", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Dbtr/Pty/Nm", "Marguerite Laval"),
                ("account", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/DbtrAcct/Id/IBAN", "FR7630006000011234567890189"),
                ("address", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Cdtr/Pty/PstlAdr/AdrLine[2]", "Bristol"),
                ("account", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/CdtrAcct/Id/IBAN", "GB29NWBK60161331926819"),
                ("text", "/Document/PmtRtr/TxInf[1]/RtrRsnInf[1]/AddtlInf[2]", "BENEFICIARY DECEASED"),
                ("text", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/RmtInf/Ustrd[1]", "INVOICE 77/2026"),
                ("name", "/Document/PmtRtr/TxInf[2]/OrgnlTxRef/Cdtr/Pty/Nm", "Pieter de Vries"),
            ],
        },
        Case {
            file: "pacs004_v02_bare.xml",
            bytes: fixture!("pacs004_v02_bare.xml"),
            message_id: "RTR-OLD-1",
            format: MessageFormat::Pacs004,
            version: Some("pacs.004.001.02"),
            transactions: 1,
            first: ("RTR-OLD-TX-1", "EUR", "15.00"),
            values: &[
                ("bic", "/Document/PmtRtr/GrpHdr/InstgAgt/FinInstnId/BIC", "OLDBDEFFXXX"),
                ("name", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Dbtr/Nm", "Otto Normalverbraucher"),
                ("country", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Dbtr/PstlAdr/Ctry", "DE"),
                ("party", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/DbtrAgt", "DebtorAgent"),
                ("name", "/Document/PmtRtr/TxInf[1]/OrgnlTxRef/Cdtr/Nm", "Erika Mustermann"),
                ("text", "/Document/PmtRtr/TxInf[1]/RtrRsnInf[1]/Orgtr/Nm", "Some Bank"),
            ],
        },
        Case {
            file: "pacs008_v02_multi.xml",
            bytes: fixture!("pacs008_v02_multi.xml"),
            message_id: "BATCH-2013-0042",
            format: MessageFormat::Pacs008,
            version: Some("pacs.008.001.02"),
            transactions: 3,
            first: ("E2E-1", "CHF", "2500.00"),
            values: &[
                ("bic", "/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/BIC", "SENDDEFFXXX"),
                ("bic", "/Document/FIToFICstmrCdtTrf/GrpHdr/SttlmInf/InstgRmbrsmntAgt/FinInstnId/BIC", "REIMUS33XXX"),
                ("bic", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Id/OrgId/BICOrBEI", "NORDDEHHXXX"),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Id/OrgId/Othr[2]/Id", "DE811234567"),
                ("street", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/StrtNm", "Hafenstrasse 12a"),
                ("region", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/PstlAdr/CtrySubDvsn", "HH"),
                ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAcct/Id/IBAN", "DE89370400440532013000"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/Nm", "Alpen Privatbank AG"),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/ClrSysMmbId/MmbId", "00230"),
                ("address", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/AdrLine[2]", "Sevastopol"),
                ("address", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/PstlAdr/AdrLine[3]", "Crimea"),
                ("birth_year", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr", "1971"),
                (
                    "id",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Id/PrvtId/DtAndPlcOfBirth/CityOfBirth",
                    "Simferopol",
                ),
                ("id", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/Id/PrvtId/Othr[1]/Id", "PASS-4509-112233"),
                ("country", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Cdtr/CtryOfRes", "RU"),
                (
                    "text",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstrForCdtrAgt[1]/InstrInf",
                    "CALL BENEFICIARY ON ARRIVAL",
                ),
                (
                    "text",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/InstrForNxtAgt[1]/InstrInf",
                    "/ACC/PAY VIA SWIFT ONLY",
                ),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Purp/Prtry", "SHIP SPARE PARTS"),
                (
                    "text",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RgltryRptg[1]/Dtls[1]/Inf[1]",
                    "GOODS: MARINE ENGINE PARTS",
                ),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RmtInf/Ustrd[2]", "MV SEA BREEZE IMO 9123456"),
                (
                    "text",
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/RmtInf/Strd[1]/AddtlRmtInf[1]",
                    "CONFERENCE BOOKING MARCH",
                ),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/RmtInf/Strd[1]/Invcr/Nm", "Bergsee Hotel AG"),
                ("party", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/IntrmyAgt1Acct", "IntermediaryAgent"),
                ("account", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/IntrmyAgt1Acct/Id/Othr/Id", "NOSTRO-778"),
                ("name", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/Cdtr/Nm", "Acme & Sons"),
                ("text", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/Purp/Cd", "SUPP"),
            ],
        },
    ]
}

#[test]
fn transaction_references_and_settlement_dates() {
    // (fixture, end-to-end id, UETR, settlement date) of the first transaction.
    type References<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let cases: &[(&[u8], References)] = &[
        (
            fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml"),
            (Some("pacs008EndToEndId-001"), Some("8a562c67-ca16-48ba-b074-65581be6f001"), Some("2021-04-09")),
        ),
        (fixture!("cross_river_pain_001_rtp_credit.xml"), (Some("1000000000000011"), None, Some("2020-06-29"))),
        (
            fixture!("y2026_pain.001.max.xml"),
            (Some("EXEndToEndId"), Some("00000000-0000-4000-8b0b-4c70dde05e7b"), Some("2026-01-01")),
        ),
        (
            fixture!("pacs004_v09_rtrchain.xml"),
            (Some("ORIG-E2E-1"), Some("0a1b2c3d-0000-4000-8000-000000000001"), Some("2026-11-20")),
        ),
    ];
    for (bytes, expected) in cases {
        let p = parse(bytes).unwrap();
        let t = &p.transactions[0];
        let got = (t.end_to_end_id.as_deref(), t.uetr.as_deref(), t.settlement_date.as_deref());
        assert_eq!(got, *expected, "{}", p.message_id);
    }
}

#[test]
fn samples_parse_into_the_expected_payments() {
    for case in cases() {
        let p = parse(case.bytes).unwrap_or_else(|e| panic!("{}: {e}", case.file));
        assert_eq!(p.message_id, case.message_id, "{}", case.file);
        assert_eq!(p.format, case.format, "{}", case.file);
        assert_eq!(p.version.as_deref(), case.version, "{}", case.file);
        assert_eq!(p.transactions.len(), case.transactions, "{}", case.file);
        let first = &p.transactions[0];
        assert_eq!(first.id.as_deref(), Some(case.first.0), "{}", case.file);
        let amount = first.amount.as_ref().unwrap_or_else(|| panic!("{}: no amount", case.file));
        assert_eq!((amount.currency.as_str(), amount.value.as_str()), (case.first.1, case.first.2), "{}", case.file);
        let values = flatten(&p);
        for (kind, path, value) in case.values {
            assert!(
                values.iter().any(|(k, p, v)| k == kind && p == path && v == value),
                "{}: no {kind} {path} = {value:?} in\n{values:#?}",
                case.file
            );
        }
        for t in &p.transactions {
            assert!(t.vessels.is_empty(), "{}", case.file);
        }
        for (_, path, _) in &values {
            assert!(path.starts_with("/Document/") || path.starts_with("/AppHdr/"), "{}: {path}", case.file);
        }
        // Through the crate's entry point too.
        let via_crate = interdict_messages::parse(case.bytes, &interdict_messages::Limits::default());
        assert_eq!(via_crate.len(), 1);
        assert_eq!(via_crate[0].as_ref().ok(), Some(&p), "{}", case.file);
    }
}

#[test]
fn parties_land_in_the_right_place() {
    // pain.001: each transaction gets the debtor of its own PmtInf, not the other's.
    let p = parse(fixture!("example_sepa_pain_001_v3_multiple_pmtinf.xml")).unwrap();
    for (i, t) in p.transactions.iter().enumerate() {
        let debtor = t.parties.iter().find(|p| p.role == PartyRole::Debtor).unwrap();
        assert_eq!(debtor.path, format!("/Document/CstmrCdtTrfInitn/PmtInf[{}]/Dbtr", i + 1));
        let account = debtor.account.as_ref().unwrap();
        assert_eq!(account.path, format!("/Document/CstmrCdtTrfInitn/PmtInf[{}]/DbtrAcct/Id/IBAN", i + 1));
    }
    // The initiating party of the group header is the message's, once.
    assert_eq!(p.parties.len(), 1);
    assert_eq!(p.parties[0].role, PartyRole::InitiatingParty);

    // The header's sender and receiver are the message's parties, not a transaction's.
    let p = parse(fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml")).unwrap();
    let roles: Vec<PartyRole> = p.parties.iter().map(|p| p.role).collect();
    assert_eq!(roles, [PartyRole::MessageSender, PartyRole::MessageReceiver]);
    let roles: Vec<PartyRole> = p.transactions[0].parties.iter().map(|p| p.role).collect();
    assert_eq!(
        roles,
        [
            PartyRole::InstructingAgent,
            PartyRole::InstructedAgent,
            PartyRole::IntermediaryAgent,
            PartyRole::Debtor,
            PartyRole::DebtorAgent,
            PartyRole::CreditorAgent,
            PartyRole::Creditor,
        ]
    );
    let debtor = &p.transactions[0].parties[3];
    assert_eq!(debtor.account.as_ref().unwrap().value, "12547896");

    // The account of an absent party element makes a party of its own.
    let p = parse(fixture!("pacs008_v02_multi.xml")).unwrap();
    let ids: Vec<Option<&str>> = p.transactions.iter().map(|t| t.id.as_deref()).collect();
    assert_eq!(ids, [Some("E2E-1"), Some("TX-2"), Some("E2E-3")]);
    let agent = p.transactions[2].parties.iter().find(|p| p.role == PartyRole::IntermediaryAgent).unwrap();
    assert_eq!(agent.path, format!("{DOC008}/CdtTrfTxInf[3]/IntrmyAgt1Acct"));
    assert!(agent.name.is_none() && agent.bic.is_none());
    // Residence fills the country when the address has none.
    let creditor = p.transactions[0].parties.iter().find(|p| p.role == PartyRole::Creditor).unwrap();
    assert_eq!(creditor.birth_year, Some(1971));
    assert_eq!(creditor.country.as_ref().unwrap().value, "RU");
    assert_eq!(creditor.address_lines.len(), 3);
}

#[test]
fn the_demo_payment_matches_the_documented_paths() {
    let bytes = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/payments/pacs008_choe.xml"));
    let p = parse(bytes).unwrap();
    assert_eq!(p.message_id, "DEMO-PACS008-0001");
    let debtor = &p.transactions[0].parties.iter().find(|p| p.role == PartyRole::Debtor).unwrap();
    let name = debtor.name.as_ref().unwrap();
    assert_eq!(
        (name.path.as_str(), name.value.as_str()),
        ("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr/Nm", "CHOI CHOL-MIN")
    );
    let creditor = &p.transactions[0].parties.iter().find(|p| p.role == PartyRole::Creditor).unwrap();
    assert_eq!(creditor.address_lines[1].value, "TEHRAN");
}

#[test]
fn a_document_without_namespace_is_told_by_its_message_element() {
    let xml = "<Envelope><AppHdr><BizMsgIdr>HDR-1</BizMsgIdr><MsgDefIdr>pacs.008.001.09</MsgDefIdr></AppHdr>\
               <Document><FIToFICstmrCdtTrf><GrpHdr/><CdtTrfTxInf><PmtId><EndToEndId>E</EndToEndId></PmtId>\
               <Dbtr><Nm>X</Nm></Dbtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document></Envelope>";
    let p = parse(xml.as_bytes()).unwrap();
    assert_eq!(p.format, MessageFormat::Pacs008);
    assert_eq!(p.version.as_deref(), Some("pacs.008.001.09"));
    // No GrpHdr/MsgId: the header's BizMsgIdr stands in.
    assert_eq!(p.message_id, "HDR-1");
    assert_eq!(p.transactions[0].parties[0].name.as_ref().unwrap().path, format!("{DOC008}/CdtTrfTxInf[1]/Dbtr/Nm"));

    // The namespace declared on an enclosing element, under a prefix.
    let xml = "<w:Wrap xmlns:w=\"urn:x\" xmlns:p=\"urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08\">\
               <p:Document><p:FICdtTrf><p:GrpHdr><p:MsgId>M</p:MsgId></p:GrpHdr><p:CdtTrfTxInf>\
               <p:Dbtr><p:FinInstnId><p:BICFI>AAAADEFF</p:BICFI></p:FinInstnId></p:Dbtr></p:CdtTrfTxInf>\
               </p:FICdtTrf></p:Document></w:Wrap>";
    let p = parse(xml.as_bytes()).unwrap();
    assert_eq!((p.format, p.version.as_deref()), (MessageFormat::Pacs009, Some("pacs.009.001.08")));
    assert_eq!(p.transactions[0].parties[0].bic.as_ref().unwrap().value, "AAAADEFF");
    assert_eq!(p.transactions[0].id, None);
    assert_eq!(p.transactions[0].amount, None);
}

fn position_of(haystack: &[u8], needle: &str) -> u64 {
    haystack.windows(needle.len()).position(|w| w == needle.as_bytes()).expect(needle) as u64
}

#[test]
fn bad_messages_are_errors_with_a_kind_and_an_offset() {
    let sample = fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml");
    let cut = position_of(sample, "</Dbtr>") as usize + "</Dbtr>".len();
    let truncated = sample[..cut].to_vec();

    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\
                  <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\
                  <GrpHdr><MsgId>&lol2;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>";
    let external = "<!DOCTYPE Document SYSTEM \"file:///etc/passwd\"><Document/>";

    let mut bad_utf8 = b"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\
                         <GrpHdr><MsgId>M</MsgId></GrpHdr><CdtTrfTxInf><Dbtr><Nm>Caf"
        .to_vec();
    let bad_at = bad_utf8.len() as u64;
    bad_utf8.extend_from_slice(b"\xE9</Nm></Dbtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>");

    let prefix = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">";
    let deep = format!("{prefix}{}{}</Document>", "<X>".repeat(100), "</X>".repeat(100));
    // The Document is depth 0; the element at depth 64 is the 64th <X>.
    let deep_at = (prefix.len() + 63 * 3) as u64;

    let wrong_ns = "<Document xmlns=\"urn:example:not-iso\"><FIToFICstmrCdtTrf/></Document>";
    let status = fixture!("cbpr_p.2.1.2_pacs.002_DtoC.xml");
    let camt = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt/></Document>";
    let future = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.99\"><FIToFICstmrCdtTrf/></Document>";
    let no_ns_unknown = "<Document><FIToFIPmtStsRpt/></Document>";
    let header_only = "<Envelope>\n  <AppHdr xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.02\">\
                       <BizMsgIdr>B</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr></AppHdr></Envelope>";
    let bare_header =
        "<AppHdr xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.04\"><BizMsgIdr>B</BizMsgIdr></AppHdr>";
    let no_msg_id = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf>\
                     <GrpHdr><CreDtTm>2026-01-01T00:00:00</CreDtTm></GrpHdr><CdtTrfTxInf><Dbtr><Nm>X</Nm></Dbtr>\
                     </CdtTrfTxInf></FIToFICstmrCdtTrf></Document>";
    let no_tx = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn>\
                 <GrpHdr><MsgId>M</MsgId></GrpHdr><PmtInf><Dbtr><Nm>X</Nm></Dbtr></PmtInf></CstmrCdtTrfInitn></Document>";
    let wrong_element = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FICdtTrf/></Document>";
    let latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Document/>";
    let entity = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><A>&ext;</A></Document>";
    let mismatched = "<Document><FIToFICstmrCdtTrf></Document>";

    type Expect = (&'static str, Vec<u8>, ErrorKind, u64, Option<MessageFormat>, &'static str);
    let cases: Vec<Expect> = vec![
        (
            "truncated",
            truncated.clone(),
            ErrorKind::Malformed,
            truncated.len() as u64,
            Some(MessageFormat::Pacs008),
            "truncated",
        ),
        (
            "billion laughs",
            laughs.into(),
            ErrorKind::Malformed,
            position_of(laughs.as_bytes(), "<!DOCTYPE"),
            Some(MessageFormat::Pacs008),
            "DOCTYPE",
        ),
        ("external entity", external.into(), ErrorKind::Malformed, 0, None, "DOCTYPE"),
        ("invalid UTF-8", bad_utf8, ErrorKind::Encoding, bad_at, Some(MessageFormat::Pacs008), "UTF-8"),
        ("deep nesting", deep.into(), ErrorKind::Malformed, deep_at, Some(MessageFormat::Pacs008), "nesting"),
        ("wrong namespace", wrong_ns.into(), ErrorKind::Unsupported, 0, None, "urn:example:not-iso"),
        (
            "pacs.002",
            status.to_vec(),
            ErrorKind::Unsupported,
            position_of(status, "<Document"),
            None,
            "pacs.002.001.14",
        ),
        ("camt.053", camt.into(), ErrorKind::Unsupported, 0, None, "camt.053.001.08"),
        ("future version", future.into(), ErrorKind::Unsupported, 0, Some(MessageFormat::Pacs008), "pacs.008.001.99"),
        ("no namespace, unknown message", no_ns_unknown.into(), ErrorKind::Unsupported, 0, None, "FIToFIPmtStsRpt"),
        (
            "AppHdr without Document",
            header_only.into(),
            ErrorKind::Invalid,
            position_of(header_only.as_bytes(), "<AppHdr"),
            Some(MessageFormat::Pacs008),
            "without its Document",
        ),
        ("AppHdr alone", bare_header.into(), ErrorKind::Invalid, 0, None, "without its Document"),
        (
            "no MsgId",
            no_msg_id.into(),
            ErrorKind::Invalid,
            position_of(no_msg_id.as_bytes(), "<GrpHdr"),
            Some(MessageFormat::Pacs008),
            "MsgId",
        ),
        (
            "no transaction",
            no_tx.into(),
            ErrorKind::Invalid,
            position_of(no_tx.as_bytes(), "<CstmrCdtTrfInitn"),
            Some(MessageFormat::Pain001),
            "no transaction",
        ),
        (
            "wrong message element",
            wrong_element.into(),
            ErrorKind::Invalid,
            0,
            Some(MessageFormat::Pacs008),
            "FIToFICstmrCdtTrf",
        ),
        ("latin-1", latin1.into(), ErrorKind::Encoding, 0, None, "encoding"),
        (
            "unknown entity",
            entity.into(),
            ErrorKind::Malformed,
            position_of(entity.as_bytes(), "&ext;"),
            Some(MessageFormat::Pacs008),
            "entities",
        ),
        (
            "mismatched end tag",
            mismatched.into(),
            ErrorKind::Malformed,
            position_of(mismatched.as_bytes(), "</Document>"),
            None,
            "malformed",
        ),
        ("empty", Vec::new(), ErrorKind::Malformed, 0, None, "no root"),
        ("not XML", b"<<<>>>".to_vec(), ErrorKind::Malformed, 1, None, "invalid name"),
        ("text after the root", b"<Document/>junk".to_vec(), ErrorKind::Malformed, 11, None, "outside the root"),
        ("unquoted attribute", b"<Document a=1/>".to_vec(), ErrorKind::Malformed, 12, None, "not quoted"),
        ("duplicate attribute", b"<Document a='1' a='2'/>".to_vec(), ErrorKind::Malformed, 16, None, "duplicate"),
        ("unclosed comment", b"<Document><!-- x</Document>".to_vec(), ErrorKind::Malformed, 10, None, "comment"),
    ];
    for (name, bytes, kind, offset, format, reason) in cases {
        let err = parse(&bytes).expect_err(name);
        assert_eq!(err.kind, kind, "{name}: {err}");
        assert_eq!(err.offset(), offset, "{name}: {err}");
        assert_eq!(err.format, format, "{name}: {err}");
        assert!(err.reason.contains(reason), "{name}: {err}");
    }
}

/// Every real sample in the shared data set, when it is there: supported messages
/// parse, status reports are refused as unsupported, nothing is malformed.
#[test]
fn every_shared_sample_is_read_or_refused_as_unsupported() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/payments/iso20022");
    let Ok(dirs) = std::fs::read_dir(&root) else { return };
    let mut parsed = 0;
    for dir in dirs.flatten() {
        let Ok(files) = std::fs::read_dir(dir.path()) else { continue };
        for file in files.flatten() {
            let path = file.path();
            if path.extension().and_then(|e| e.to_str()) != Some("xml") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let name = path.display();
            let is_status = name.to_string().contains("pacs.002") || name.to_string().contains("pain_002");
            match parse(&bytes) {
                Ok(p) => {
                    assert!(!is_status, "{name}");
                    assert!(!p.transactions.is_empty() && !p.message_id.is_empty(), "{name}");
                    assert!(p.transactions.iter().all(|t| !t.parties.is_empty()), "{name}");
                    parsed += 1;
                }
                Err(e) => assert!(is_status && e.kind == ErrorKind::Unsupported, "{name}: {e}"),
            }
        }
    }
    assert!(parsed >= 40, "only {parsed} samples parsed");
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    const SAMPLES: &[&[u8]] = &[
        fixture!("cbpr_p.2.1.1_pacs.008_AtoB.xml"),
        fixture!("cbpr_c.53.5_pacs.008_AtoB.xml"),
        fixture!("cbpr_p.2.3.1.a_pacs.009.cov_AtoB.xml"),
        fixture!("prowide_pacs.008.001.07.xml"),
        fixture!("example_sepa_pain_001_v3_multiple_pmtinf.xml"),
        fixture!("pacs004_v09_rtrchain.xml"),
        fixture!("pacs008_v02_multi.xml"),
    ];

    const TOKENS: &[&str] = &[
        "<",
        ">",
        "</",
        "/>",
        "&",
        "&amp;",
        "]]>",
        "<![CDATA[",
        "<!DOCTYPE x>",
        "<Document>",
        "</Document>",
        "<AppHdr>",
        "<CdtTrfTxInf>",
        "<UndrlygCstmrCdtTrf>",
        "<Pty>",
        "\u{0}",
        "\u{FEFF}",
        "xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.009.001.\"",
        "xmlns:p=\"urn:iso:std:iso:20022:tech:xsd:\"",
        "<BirthDt>99</BirthDt>",
    ];

    #[derive(Debug, Clone)]
    enum Mutation {
        Replace(usize, u8),
        Delete(usize, usize),
        Insert(usize, usize),
        Truncate(usize),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        prop_oneof![
            (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Replace(at, b)),
            (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
            (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
            any::<usize>().prop_map(Mutation::Truncate),
        ]
    }

    fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
        let len = bytes.len();
        match *m {
            Mutation::Replace(at, b) if len > 0 => bytes[at % len] = b,
            Mutation::Delete(at, n) if len > 0 => {
                let start = at % len;
                bytes.drain(start..(start + n).min(len));
            }
            Mutation::Insert(at, t) => {
                let at = at % (len + 1);
                bytes.splice(at..at, TOKENS[t].bytes());
            }
            Mutation::Truncate(at) => bytes.truncate(at % (len + 1)),
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn mutated_samples_never_panic(
            sample in 0..SAMPLES.len(),
            mutations in proptest::collection::vec(mutation(), 1..8),
        ) {
            let mut bytes = SAMPLES[sample].to_vec();
            for m in &mutations {
                apply(&mut bytes, m);
            }
            match parse(&bytes) {
                Ok(p) => {
                    prop_assert!(!p.message_id.is_empty());
                    prop_assert!(!p.transactions.is_empty());
                    for (_, path, _) in flatten(&p) {
                        prop_assert!(path.starts_with("/Document/") || path.starts_with("/AppHdr/"), "{}", path);
                    }
                }
                Err(e) => prop_assert!(e.offset() <= bytes.len() as u64, "{}", e),
            }
        }
    }
}
