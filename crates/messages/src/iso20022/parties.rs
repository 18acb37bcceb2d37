//! The parties of an ISO 20022 message: each party element with its role, name, postal
//! address, identification and account, whether a customer, a financial institution or
//! either behind a `Pty`/`Agt` wrapper, and the business application header's sender and
//! receiver.

use interdict_model::{Located, Party, PartyRole};
use interdict_xml::El;

use super::{field, indexed, join, own_text, push, set};

/// The party role of an element name.
fn role_of(name: &str) -> Option<PartyRole> {
    Some(match name {
        "Dbtr" => PartyRole::Debtor,
        "Cdtr" => PartyRole::Creditor,
        "UltmtDbtr" => PartyRole::UltimateDebtor,
        "UltmtCdtr" => PartyRole::UltimateCreditor,
        "InitgPty" => PartyRole::InitiatingParty,
        "DbtrAgt" => PartyRole::DebtorAgent,
        "CdtrAgt" => PartyRole::CreditorAgent,
        "InstgAgt" | "FwdgAgt" => PartyRole::InstructingAgent,
        "InstdAgt" => PartyRole::InstructedAgent,
        "IntrmyAgt1" | "IntrmyAgt2" | "IntrmyAgt3" => PartyRole::IntermediaryAgent,
        "PrvsInstgAgt1" | "PrvsInstgAgt2" | "PrvsInstgAgt3" => PartyRole::PreviousInstructingAgent,
        "InstgRmbrsmntAgt" => PartyRole::InstructingReimbursementAgent,
        "InstdRmbrsmntAgt" => PartyRole::InstructedReimbursementAgent,
        "ThrdRmbrsmntAgt" => PartyRole::ThirdReimbursementAgent,
        _ => return None,
    })
}

/// The parties among the direct children of `container` (at `path`), with their
/// accounts, appended to `out`.
pub(super) fn collect_parties(container: El<'_>, path: &str, out: &mut Vec<Party>) {
    let mut found: Vec<Party> = Vec::new();
    for child in container.children() {
        if let Some(role) = role_of(child.name()) {
            found.push(party(child, &join(path, child.name()), role));
        }
    }
    for child in container.children() {
        let Some(owner) = child.name().strip_suffix("Acct") else { continue };
        let Some(role) = role_of(owner) else { continue };
        let account_path = join(path, child.name());
        let owner_path = join(path, owner);
        let index = match found.iter().position(|p| p.path == owner_path) {
            Some(i) => i,
            None => {
                found.push(Party::new(role, account_path.clone()));
                found.len() - 1
            }
        };
        account(&mut found[index], child, &account_path);
    }
    out.extend(found.into_iter().filter(|p| !p.is_empty() || p.birth_year.is_some()));
}

/// One party element: a customer (`Nm`, `PstlAdr`, `Id`...), an institution
/// (`FinInstnId`), or either behind a `Pty`/`Agt` wrapper.
fn party(node: El<'_>, path: &str, role: PartyRole) -> Party {
    let mut p = Party::new(role, path);
    fill(&mut p, node, path);
    for wrapper in ["Pty", "Agt"] {
        if let Some(inner) = node.child(wrapper) {
            fill(&mut p, inner, &join(path, wrapper));
        }
    }
    p
}

/// Reads what `node` (at `path`) says about a party into `p`, keeping what is set.
fn fill(p: &mut Party, node: El<'_>, path: &str) {
    set(&mut p.name, field(node, path, "Nm"));
    if let Some(address) = node.child("PstlAdr") {
        postal_address(p, address, &join(path, "PstlAdr"));
    }
    if let Some(id) = node.child("Id") {
        party_identification(p, id, &join(path, "Id"));
    }
    if let Some(residence) = field(node, path, "CtryOfRes") {
        match &p.country {
            None => p.country = Some(residence),
            Some(c) if c.value != residence.value => p.identifiers.push(residence),
            Some(_) => {}
        }
    }
    if let Some(institution) = node.child("FinInstnId") {
        financial_institution(p, institution, &join(path, "FinInstnId"));
    }
}

/// A `PstlAdr`: address lines, street and building number, town, region, country.
fn postal_address(p: &mut Party, address: El<'_>, path: &str) {
    for (line_path, line) in indexed(address, path, "AdrLine") {
        push(&mut p.address_lines, own_text(line, &line_path));
    }
    if p.street.is_none() {
        if let Some(street) = address.text_of("StrtNm") {
            let mut value = street.to_string();
            if let Some(number) = address.text_of("BldgNb") {
                value.push(' ');
                value.push_str(number);
            }
            p.street = Some(Located::new(join(path, "StrtNm"), value));
        }
    }
    set(&mut p.town, field(address, path, "TwnNm"));
    set(&mut p.country_sub_division, field(address, path, "CtrySubDvsn"));
    set(&mut p.country, field(address, path, "Ctry"));
    // Place names below the town: screened with the address lines.
    push(&mut p.address_lines, field(address, path, "TwnLctnNm"));
    push(&mut p.address_lines, field(address, path, "DstrctNm"));
}

/// `Id` of a customer party: `OrgId` (BIC, LEI, other ids) or `PrvtId` (birth, other ids).
fn party_identification(p: &mut Party, id: El<'_>, path: &str) {
    if let Some(org) = id.child("OrgId") {
        let org_path = join(path, "OrgId");
        for name in ["AnyBIC", "BICOrBEI", "BIC"] {
            set(&mut p.bic, field(org, &org_path, name));
        }
        push(&mut p.identifiers, field(org, &org_path, "LEI"));
        for (other_path, other) in indexed(org, &org_path, "Othr") {
            push(&mut p.identifiers, field(other, &other_path, "Id"));
        }
    }
    if let Some(private) = id.child("PrvtId") {
        let private_path = join(path, "PrvtId");
        if let Some(birth) = private.child("DtAndPlcOfBirth") {
            let birth_path = join(&private_path, "DtAndPlcOfBirth");
            if let Some(date) = field(birth, &birth_path, "BirthDt") {
                if p.birth_year.is_none() {
                    p.birth_year = year(&date.value);
                }
                p.identifiers.push(date);
            }
            push(&mut p.identifiers, field(birth, &birth_path, "CityOfBirth"));
            push(&mut p.identifiers, field(birth, &birth_path, "CtryOfBirth"));
        }
        for (other_path, other) in indexed(private, &private_path, "Othr") {
            push(&mut p.identifiers, field(other, &other_path, "Id"));
        }
    }
}

/// The year of an ISO date (`1971-04-23`).
fn year(date: &str) -> Option<u16> {
    let digits = date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    digits.parse().ok().filter(|y| *y > 0)
}

/// A `FinInstnId`: BIC, name, address and the institution's identifiers.
fn financial_institution(p: &mut Party, institution: El<'_>, path: &str) {
    set(&mut p.bic, field(institution, path, "BICFI"));
    set(&mut p.bic, field(institution, path, "BIC"));
    set(&mut p.name, field(institution, path, "Nm"));
    if let Some(address) = institution.child("PstlAdr") {
        postal_address(p, address, &join(path, "PstlAdr"));
    }
    push(&mut p.identifiers, field(institution, path, "LEI"));
    if let Some(member) = institution.child("ClrSysMmbId") {
        push(&mut p.identifiers, field(member, &join(path, "ClrSysMmbId"), "MmbId"));
    }
    if let Some(other) = institution.child("Othr") {
        push(&mut p.identifiers, field(other, &join(path, "Othr"), "Id"));
    }
}

/// A party's account (`DbtrAcct`...): the IBAN or other id, its name, its proxy.
fn account(p: &mut Party, account: El<'_>, path: &str) {
    if let Some(id) = account.child("Id") {
        let id_path = join(path, "Id");
        let value = field(id, &id_path, "IBAN")
            .or_else(|| id.child("Othr").and_then(|o| field(o, &join(&id_path, "Othr"), "Id")));
        set(&mut p.account, value);
    }
    set(&mut p.name, field(account, path, "Nm"));
    if let Some(proxy) = account.child("Prxy") {
        push(&mut p.identifiers, field(proxy, &join(path, "Prxy"), "Id"));
    }
}

/// The header's sender (`Fr`) and receiver (`To`).
pub(super) fn header_parties(header: El<'_>, out: &mut Vec<Party>) {
    for (name, role) in [("Fr", PartyRole::MessageSender), ("To", PartyRole::MessageReceiver)] {
        let Some(node) = header.child(name) else { continue };
        let path = join("/AppHdr", name);
        let mut p = Party::new(role, path.clone());
        for inner in ["FIId", "OrgId"] {
            if let Some(n) = node.child(inner) {
                fill(&mut p, n, &join(&path, inner));
            }
        }
        if !p.is_empty() {
            out.push(p);
        }
    }
}
