//! The party fields of a SWIFT MT message (50a to 59a) in each of their options: A (BIC),
//! B (location), C (account), D and K (name and address), F (structured lines), and the
//! account or clearing code that may open any of them.

use interdict_model::{Located, Party, PartyRole};

use super::fields::Field;
use super::is_bic;

/// The role of the party in field `number` with `option`, if the field holds a party.
pub(super) fn role_of(number: &str, option: &str) -> Option<PartyRole> {
    Some(match number {
        "50" => PartyRole::Debtor,
        "51" if option == "A" => PartyRole::InstructingAgent,
        "52" => PartyRole::DebtorAgent,
        "53" => PartyRole::InstructingReimbursementAgent,
        "54" => PartyRole::InstructedReimbursementAgent,
        "55" => PartyRole::ThirdReimbursementAgent,
        "56" => PartyRole::IntermediaryAgent,
        "57" => PartyRole::CreditorAgent,
        "58" | "59" => PartyRole::Creditor,
        _ => return None,
    })
}

/// A party field; the error is the reason, the caller adds the position.
pub(super) fn read_party(field: &Field, role: PartyRole, prefix: &str) -> Result<Party, String> {
    let path = format!("{prefix}/{}", field.tag);
    let tag = field.tag;
    let mut party = Party::new(role, &path);
    let lines = field.content();
    let Some((&first, after)) = lines.split_first() else { return Err(format!("field {tag} is empty")) };
    let (identifier, rest) = if first.starts_with('/') { (Some(first), after) } else { (None, &lines[..]) };
    let at = |what: &str| format!("{path}/{what}");
    match field.option() {
        "A" => {
            if let Some(id) = identifier {
                party_identifier(&mut party, &path, id);
            }
            let Some((&bic, extra)) = rest.split_first() else { return Err(format!("field {tag} has no BIC")) };
            if !is_bic(bic) {
                return Err(format!(
                    "field {tag}: {bic:?} is not a BIC (8 or 11 characters: bank, country, location, optional branch)"
                ));
            }
            if !extra.is_empty() {
                return Err(format!(
                    "field {tag}: option A holds an optional account line and a BIC, found more lines"
                ));
            }
            party.bic = Some(Located::new(at("bic"), bic));
        }
        "F" => read_option_f(&mut party, &path, &lines),
        "B" | "C" => {
            if let Some(id) = identifier {
                party_identifier(&mut party, &path, id);
            }
            for line in rest {
                // Option B's location; option C has none, but nothing that came in is dropped.
                party.address_lines.push(Located::new(at("location"), *line));
            }
        }
        _ => {
            if let Some(id) = identifier {
                party_identifier(&mut party, &path, id);
            }
            if let Some((name, address)) = rest.split_first() {
                party.name = Some(Located::new(at("name"), *name));
                for (n, line) in address.iter().enumerate() {
                    party.address_lines.push(Located::new(at(&format!("address[{}]", n + 1)), *line));
                }
            }
        }
    }
    Ok(party)
}

/// A party identifier line: `/account`, `/D/account`, `/C/account` or `//clearing code`.
fn party_identifier(party: &mut Party, path: &str, line: &str) {
    if let Some(code) = line.strip_prefix("//") {
        if code.chars().any(char::is_alphanumeric) {
            party.identifiers.push(Located::new(format!("{path}/clearing_code"), code));
        }
    } else if let Some(account) = line.strip_prefix('/') {
        let account = account.strip_prefix("D/").or_else(|| account.strip_prefix("C/")).unwrap_or(account);
        if account.chars().any(char::is_alphanumeric) {
            party.account = Some(Located::new(format!("{path}/account"), account));
        }
    }
}

/// Option F: an account or identifier, then numbered lines.
fn read_option_f(party: &mut Party, path: &str, lines: &[&str]) {
    let at = |what: &str| format!("{path}/{what}");
    let mut names: Vec<&str> = Vec::new();
    for (k, &line) in lines.iter().enumerate() {
        let numbered = line.as_bytes().get(1) == Some(&b'/') && matches!(line.as_bytes().first(), Some(b'1'..=b'8'));
        if !numbered {
            if k == 0 && line.starts_with('/') {
                party_identifier(party, path, line);
            } else if k == 0 {
                // CODE/CC/identifier, or CUST/CC/issuer/identifier: the identifier.
                let mut parts = line.splitn(3, '/');
                let (code, _country, id) = (parts.next(), parts.next(), parts.next());
                let id = match (code, id) {
                    (Some("CUST"), Some(id)) => id.rsplit('/').next().unwrap_or(id),
                    (_, Some(id)) => id,
                    _ => line,
                };
                party.identifiers.push(Located::new(at("identifier"), id.trim()));
            } else {
                let n = party.address_lines.len() + 1;
                party.address_lines.push(Located::new(at(&format!("address[{n}]")), line));
            }
            continue;
        }
        let value = line.get(2..).unwrap_or("").trim();
        if value.is_empty() {
            continue;
        }
        match line.as_bytes().first() {
            Some(b'1') => names.push(value),
            Some(b'2') => {
                let n = party.address_lines.len() + 1;
                party.address_lines.push(Located::new(at(&format!("address[{n}]")), value));
            }
            Some(b'3') => {
                let (country, town) = match value.split_once('/') {
                    Some((cc, town)) if is_country(cc) => (Some(cc), town.trim()),
                    None if is_country(value) => (Some(value), ""),
                    _ => (None, value),
                };
                if let (Some(cc), None) = (country, &party.country) {
                    party.country = Some(Located::new(at("country"), cc));
                }
                if !town.is_empty() {
                    let town = match party.town.take() {
                        Some(before) => format!("{} {town}", before.value),
                        None => town.to_string(),
                    };
                    party.town = Some(Located::new(at("town"), town));
                }
            }
            Some(b'4') => {
                if value.len() == 8 && value.bytes().all(|c| c.is_ascii_digit()) {
                    party.birth_year = value.get(0..4).and_then(|y| y.parse().ok());
                }
                party.identifiers.push(Located::new(at("birth_date"), value));
            }
            Some(b'5') => party.identifiers.push(Located::new(at("birth_place"), value)),
            Some(b'6') => {
                let id = value.rsplit('/').next().unwrap_or(value);
                party.identifiers.push(Located::new(at("customer_id"), id));
            }
            Some(b'7') => {
                let id = value.split_once('/').map_or(value, |(_, id)| id);
                party.identifiers.push(Located::new(at("national_id"), id));
            }
            _ => party.identifiers.push(Located::new(at("additional"), value)),
        }
    }
    if !names.is_empty() {
        party.name = Some(Located::new(at("name"), names.join(" ")));
    }
}

fn is_country(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|c| c.is_ascii_uppercase())
}
