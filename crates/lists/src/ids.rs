//! Identifier labels to typed [`IdKind`]s, shared by every list parser.
//!
//! Lists label documents in free words ("Passport", "Cedula No.", "National Foreign ID
//! Number", "SWIFT/BIC", "Vessel Registration Identification"); this maps a label to a
//! kind by its words, so a new label of a known family still lands in the right kind.

use interdict_model::IdKind;

/// Maps a label as a list writes it to a kind. Unknown labels are [`IdKind::Other`].
pub fn kind_for_label(label: &str) -> IdKind {
    let l = label.to_ascii_lowercase();
    let has = |w: &str| l.contains(w);
    if has("swift") || has("bic") {
        IdKind::Bic
    } else if has("imo") && !has("immo") {
        IdKind::Imo
    } else if has("mmsi") {
        IdKind::Mmsi
    } else if has("call sign") {
        IdKind::CallSign
    } else if has("passport") {
        IdKind::Passport
    } else if has("tax")
        || has("v.a.t")
        || has("vat number")
        || l.trim() == "inn"
        || has("rfc")
        || has("nit ")
        || l.trim() == "nit"
    {
        IdKind::TaxId
    } else if has("aircraft") || has("tail") {
        IdKind::AircraftId
    } else if has("email") || has("e-mail") {
        IdKind::Email
    } else if has("phone") || has("telephone") || has("fax") {
        IdKind::Phone
    } else if has("website") {
        IdKind::Website
    } else if has("digital currency") {
        IdKind::DigitalCurrencyAddress
    } else if has("national id")
        || has("national identification")
        || has("national foreign id")
        || has("cedula")
        || has("c.u.r.p")
        || has("curp")
        || has("d.n.i")
        || has("dni")
        || has("identity card")
        || has("identification number")
        || has("personal id")
        || has("id card")
        || has("nie")
        || has("ssn")
        || has("social security")
        || has("citizen")
        || has("residency")
        || has("electoral")
    {
        IdKind::NationalId
    } else if has("registration")
        || has("registry")
        || has("register")
        || has("company number")
        || has("commercial")
        || has("business")
        || has("license")
        || has("licence")
        || has("legal entity number")
        || has("lei")
        || has("unified social credit")
        || has("ogrn")
        || has("kpp")
        || has("folio")
        || has("c.r. no")
        || has("chamber of commerce")
        || has("certificate of incorporation")
    {
        IdKind::RegistrationNumber
    } else {
        IdKind::Other
    }
}

/// Normalises an identifier value for exact lookup: upper case, letters and digits only.
/// `"IMO 9187629"` and `"9187629"` differ on purpose: callers strip known prefixes.
pub fn normalize_value(value: &str) -> String {
    value.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_to_kinds() {
        let cases = [
            ("SWIFT/BIC", IdKind::Bic),
            ("Vessel Registration Identification", IdKind::RegistrationNumber),
            ("IMO", IdKind::Imo),
            ("MMSI", IdKind::Mmsi),
            ("Passport", IdKind::Passport),
            ("Diplomatic Passport", IdKind::Passport),
            ("Cedula No.", IdKind::NationalId),
            ("National ID No.", IdKind::NationalId),
            ("Tax ID No.", IdKind::TaxId),
            ("V.A.T. Number", IdKind::TaxId),
            ("Registration Number", IdKind::RegistrationNumber),
            ("Unified Social Credit Code (USCC)", IdKind::RegistrationNumber),
            ("Aircraft Tail Number", IdKind::AircraftId),
            ("Email Address", IdKind::Email),
            ("Digital Currency Address - XBT", IdKind::DigitalCurrencyAddress),
            ("Kennitala", IdKind::Other),
        ];
        for (label, kind) in cases {
            assert_eq!(kind_for_label(label), kind, "{label}");
        }
    }

    #[test]
    fn values_normalise_to_alphanumerics() {
        assert_eq!(normalize_value(" bnc-u cu hh "), "BNCUCUHH");
    }
}
