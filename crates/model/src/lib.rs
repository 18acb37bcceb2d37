//! The canonical model of a listed party, shared by every Interdict crate.
//!
//! Every sanctions list (OFAC, UN, EU, UK, a bank's own) is parsed into the same
//! [`Entity`]: one listed person, organisation, vessel or aircraft, with its names,
//! dates and places of birth, nationalities, addresses, typed identifiers, links and
//! remarks. The index stores entities as they are defined here (the types derive
//! `rkyv` so the index can read them in place, and `serde` so they can be shown as JSON).
//!
//! What this crate is not for: parsing (see `interdict-lists`), normalising names
//! (see `interdict-text`) or matching (see `interdict-matcher`). It holds data and the
//! few pure helpers every consumer needs, such as [`countries::code_for`].
//!
//! ```
//! use interdict_model::{Entity, EntityKind, Alias, AliasKind, Strength};
//!
//! let mut e = Entity::new("ofac-sdn:43598", "ofac-sdn", EntityKind::Person, "CHOE, Chol Min");
//! e.programs.push("NPWMD".into());
//! e.aliases.push(Alias { name: "CHOE, Chol-min".into(), kind: AliasKind::Aka, strength: Strength::Strong });
//! assert_eq!(e.all_names().count(), 2);
//! assert_eq!(interdict_model::countries::code_for("Korea, North"), Some("KP"));
//! ```

pub mod countries;
pub mod payment;
pub mod record;
pub mod verdict;

pub use payment::{Amount, Located, MessageFormat, Party, PartyRole, Payment, Transaction};
pub use verdict::{Hit, HitKind, Outcome, SuppressedHit, Timings, Verdict, VerdictError};

use serde::{Deserialize, Serialize};

/// The names of a model enum without fields, from its strum derives (`IntoStaticStr`,
/// `EnumString`, `VariantArray`, named as its serde attributes name it): `ALL`, `as_str`
/// and `parse`, and the conversion from its archived form.
macro_rules! enum_names {
    ($ty:ident, $archived:ident) => {
        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = <$ty as strum::VariantArray>::VARIANTS;

            /// The name, as JSON writes it (`person`, `national_id`, `weak_alias`...).
            pub fn as_str(&self) -> &'static str {
                self.into()
            }

            /// The variant named by [`Self::as_str`], in any case, white space around ignored.
            pub fn parse(name: &str) -> Option<$ty> {
                name.trim().parse().ok()
            }
        }

        impl From<&$archived> for $ty {
            fn from(archived: &$archived) -> Self {
                unarchive(archived)
            }
        }
    };
}

/// Derives shared by every model type: rkyv for the zero-copy index, serde for JSON.
macro_rules! model_type {
    ($item:item) => {
        #[derive(
            Debug, Clone, PartialEq, Eq, Serialize, Deserialize, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
        )]
        $item
    };
}

model_type! {
    /// What kind of party a list entry designates.
    #[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
    #[serde(rename_all = "lowercase")]
    #[strum(serialize_all = "lowercase", ascii_case_insensitive)]
    #[rkyv(derive(Debug, PartialEq, Eq, Clone, Copy))]
    pub enum EntityKind {
        Person,
        Organization,
        Vessel,
        Aircraft,
        /// The list did not say (OFAC leaves the type of most organisations blank).
        Unknown,
    }
}

enum_names!(EntityKind, ArchivedEntityKind);

model_type! {
    /// How much a name can be trusted as an identifier of the party.
    ///
    /// OFAC calls weak aliases "low quality a.k.a."; the UN marks them `Low`. Weak
    /// names are often short or generic nicknames, and matching treats them with care.
    #[serde(rename_all = "lowercase")]
    #[rkyv(derive(Debug, PartialEq, Eq, Clone, Copy))]
    pub enum Strength {
        Strong,
        Weak,
    }
}

model_type! {
    /// The relation an alternative name has to the party.
    #[serde(rename_all = "lowercase")]
    #[rkyv(derive(Debug, PartialEq, Eq, Clone, Copy))]
    pub enum AliasKind {
        /// Also known as.
        Aka,
        /// Formerly known as.
        Fka,
        /// Now known as.
        Nka,
    }
}

model_type! {
    /// An alternative name of the party.
    pub struct Alias {
        pub name: String,
        pub kind: AliasKind,
        pub strength: Strength,
    }
}

model_type! {
    /// A date that may be known only to the year or month.
    pub struct PartialDate {
        pub year: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub month: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub day: Option<u8>,
    }
}

impl PartialDate {
    pub fn year(year: u16) -> Self {
        PartialDate { year, month: None, day: None }
    }

    pub fn ymd(year: u16, month: u8, day: u8) -> Self {
        PartialDate { year, month: Some(month), day: Some(day) }
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

model_type! {
    /// A date of birth as lists give it: exact, year only, approximate ("circa") or a range.
    pub struct BirthDate {
        pub from: PartialDate,
        /// The end of a range ("DOB 1955 to 1958"); `None` for a single date.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub to: Option<PartialDate>,
        /// The list says "circa" or "approximately".
        #[serde(default)]
        pub approximate: bool,
    }
}

impl BirthDate {
    pub fn exact(date: PartialDate) -> Self {
        BirthDate { from: date, to: None, approximate: false }
    }

    /// The inclusive range of years this date allows.
    pub fn years(&self) -> (u16, u16) {
        let end = self.to.as_ref().map_or(self.from.year, |d| d.year);
        (self.from.year.min(end), self.from.year.max(end))
    }
}

impl ArchivedPartialDate {
    /// The year, as a native integer (the archive stores it in a fixed byte order).
    pub fn year(&self) -> u16 {
        self.year.to_native()
    }
}

impl ArchivedBirthDate {
    /// The inclusive range of years this date allows, as [`BirthDate::years`] answers
    /// for the date before it was archived.
    pub fn years(&self) -> (u16, u16) {
        let from = self.from.year();
        let end = self.to.as_ref().map_or(from, |d| d.year());
        (from.min(end), from.max(end))
    }
}

model_type! {
    /// A country as listed, with its ISO 3166-1 alpha-2 code when the name is recognised.
    pub struct Country {
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub code: Option<String>,
    }
}

impl Country {
    /// A country from the name a list gives, resolving its ISO code from the name table.
    pub fn from_name(name: &str) -> Self {
        let name = name.trim();
        Country { name: name.to_string(), code: countries::code_for(name).map(str::to_string) }
    }
}

model_type! {
    /// A postal address. Lists fill it unevenly; every part is optional.
    #[derive(Default)]
    pub struct Address {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub street: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub city: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub region: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub postal_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Country>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub note: Option<String>,
    }
}

impl Address {
    pub fn is_empty(&self) -> bool {
        self.street.is_none()
            && self.city.is_none()
            && self.region.is_none()
            && self.postal_code.is_none()
            && self.country.is_none()
    }
}

model_type! {
    /// The kind of an identifying number or code.
    #[derive(Hash, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case", ascii_case_insensitive)]
    #[rkyv(derive(Debug, PartialEq, Eq, Clone, Copy))]
    pub enum IdKind {
        Passport,
        NationalId,
        TaxId,
        /// A SWIFT/BIC code (8 or 11 characters).
        Bic,
        /// An IMO ship or company number.
        Imo,
        Mmsi,
        CallSign,
        RegistrationNumber,
        /// Aircraft tail number or manufacturer's serial number.
        AircraftId,
        Email,
        Phone,
        Website,
        DigitalCurrencyAddress,
        Other,
    }
}

enum_names!(IdKind, ArchivedIdKind);

model_type! {
    /// A typed identifier: passport, tax ID, SWIFT/BIC, IMO number and so on.
    pub struct Identifier {
        pub kind: IdKind,
        /// The value as listed.
        pub value: String,
        /// The label the list used ("Cedula No.", "Unified Social Credit Code (USCC)").
        pub label: String,
        /// The issuing country, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country: Option<Country>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub note: Option<String>,
    }
}

impl Identifier {
    /// An identifier with no issuing country and no note.
    pub fn new(kind: IdKind, value: &str, label: &str) -> Self {
        Identifier { kind, value: value.to_string(), label: label.to_string(), country: None, note: None }
    }
}

model_type! {
    /// What lists record about a vessel.
    #[derive(Default)]
    pub struct VesselInfo {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub vessel_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub flag: Option<Country>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tonnage: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub gross_registered_tonnage: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub call_sign: Option<String>,
    }
}

model_type! {
    #[serde(rename_all = "lowercase")]
    #[rkyv(derive(Debug, PartialEq, Eq, Clone, Copy))]
    pub enum Gender {
        Male,
        Female,
    }
}

model_type! {
    /// A link from this party to another ("Linked To", "Owned or Controlled By").
    pub struct Link {
        pub relation: String,
        /// The other party's name as the list gives it.
        pub target_name: String,
        /// The other party's entity id, when the list gives one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub target_id: Option<String>,
    }
}

model_type! {
    /// One listed party.
    pub struct Entity {
        /// `<source>:<the source's own id>`, such as `ofac-sdn:43598` or `un:KPi.066`.
        pub id: String,
        /// The list it comes from: `ofac-sdn`, `ofac-cons`, `un`, `eu`, `uk`, `custom`...
        pub source: String,
        pub kind: EntityKind,
        /// Sanctions programs or regimes (`NPWMD`, `DPRK3`, `Al-Qaida`...).
        pub programs: Vec<String>,
        /// The primary name, as listed.
        pub name: String,
        pub aliases: Vec<Alias>,
        /// Names in their original script (Hangul, Arabic, Cyrillic...).
        pub original_script_names: Vec<String>,
        pub title: Option<String>,
        pub gender: Option<Gender>,
        pub birth_dates: Vec<BirthDate>,
        pub birth_places: Vec<String>,
        pub nationalities: Vec<Country>,
        pub citizenships: Vec<Country>,
        pub addresses: Vec<Address>,
        pub identifiers: Vec<Identifier>,
        pub vessel: Option<VesselInfo>,
        pub links: Vec<Link>,
        pub remarks: Option<String>,
        /// When the party was listed, ISO 8601 (`YYYY-MM-DD`), when the list says.
        pub listed_on: Option<String>,
        /// The publish date of the list file this entry came from, ISO 8601.
        pub published: Option<String>,
    }
}

impl Entity {
    /// An entity with only the required fields set.
    pub fn new(id: &str, source: &str, kind: EntityKind, name: &str) -> Self {
        Entity {
            id: id.to_string(),
            source: source.to_string(),
            kind,
            programs: Vec::new(),
            name: name.to_string(),
            aliases: Vec::new(),
            original_script_names: Vec::new(),
            title: None,
            gender: None,
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            citizenships: Vec::new(),
            addresses: Vec::new(),
            identifiers: Vec::new(),
            vessel: None,
            links: Vec::new(),
            remarks: None,
            listed_on: None,
            published: None,
        }
    }

    /// Every name of the party, the primary name first, with its strength.
    pub fn all_names(&self) -> impl Iterator<Item = (&str, NameRole)> {
        std::iter::once((self.name.as_str(), NameRole::Primary))
            .chain(self.aliases.iter().map(|a| {
                let role = match a.strength {
                    Strength::Strong => NameRole::StrongAlias,
                    Strength::Weak => NameRole::WeakAlias,
                };
                (a.name.as_str(), role)
            }))
            .chain(self.original_script_names.iter().map(|n| (n.as_str(), NameRole::OriginalScript)))
    }
}

model_type! {
    /// The role a name plays for its entity; the index stores it with every name.
    #[derive(Copy, PartialOrd, Ord, Hash, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
    #[rkyv(derive(Debug, PartialEq, Eq, Clone, Copy))]
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case", ascii_case_insensitive)]
    pub enum NameRole {
        Primary,
        StrongAlias,
        WeakAlias,
        OriginalScript,
    }
}

enum_names!(NameRole, ArchivedNameRole);

/// An enum without fields, read back from its archived form: nothing to allocate,
/// nothing that can fail.
fn unarchive<T, A>(archived: &A) -> T
where
    A: rkyv::Deserialize<T, rkyv::rancor::Strategy<(), rkyv::rancor::Infallible>>,
{
    let Ok(value) = archived.deserialize(rkyv::rancor::Strategy::wrap(&mut ()));
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_date_years_cover_ranges_in_either_order() {
        let cases = [
            (BirthDate::exact(PartialDate::ymd(1978, 4, 3)), (1978, 1978)),
            (
                BirthDate { from: PartialDate::year(1958), to: Some(PartialDate::year(1955)), approximate: false },
                (1955, 1958),
            ),
        ];
        for (date, years) in cases {
            assert_eq!(date.years(), years, "{date:?}");
            let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&date).unwrap();
            let archived = rkyv::access::<ArchivedBirthDate, rkyv::rancor::Error>(&bytes).unwrap();
            assert_eq!(archived.years(), years, "archived {date:?}");
            assert_eq!(archived.from.year(), date.from.year, "archived {date:?}");
        }
    }

    #[test]
    fn partial_dates_print_as_iso() {
        assert_eq!(PartialDate::ymd(1978, 4, 3).to_string(), "1978-04-03");
        assert_eq!(PartialDate { year: 1978, month: Some(4), day: None }.to_string(), "1978-04");
        assert_eq!(PartialDate::year(1962).to_string(), "1962");
    }

    #[test]
    fn entity_json_names_kinds_in_lowercase() {
        let e = Entity::new("custom:1", "custom", EntityKind::Vessel, "SEA STAR");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["kind"], "vessel");
        assert_eq!(json["id"], "custom:1");
    }

    #[test]
    fn kinds_and_roles_are_named_as_json_names_them() {
        fn json<T: Serialize>(value: T) -> String {
            serde_json::to_value(value).unwrap().as_str().unwrap().to_string()
        }
        for kind in EntityKind::ALL {
            assert_eq!(kind.as_str(), json(kind));
            assert_eq!(EntityKind::parse(&format!(" {} ", kind.as_str().to_uppercase())).as_ref(), Some(kind));
        }
        for kind in IdKind::ALL {
            assert_eq!(kind.as_str(), json(kind));
            assert_eq!(IdKind::parse(kind.as_str()).as_ref(), Some(kind));
        }
        assert_eq!(IdKind::ALL.len(), 14);
        for role in NameRole::ALL {
            assert_eq!(role.as_str(), json(role));
        }
        assert_eq!(NameRole::ALL.len(), 4);
        assert_eq!(IdKind::parse("swift"), None);
    }

    #[test]
    fn archived_kinds_read_back_as_themselves() {
        let mut e = Entity::new("x:1", "x", EntityKind::Aircraft, "A B");
        e.aliases.push(Alias { name: "C".into(), kind: AliasKind::Aka, strength: Strength::Weak });
        e.identifiers.push(Identifier::new(IdKind::DigitalCurrencyAddress, "0xabc", "Digital Currency Address - ETH"));
        let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&e).unwrap();
        let archived = rkyv::access::<ArchivedEntity, rkyv::rancor::Error>(&bytes).unwrap();
        assert_eq!(EntityKind::from(&archived.kind), EntityKind::Aircraft);
        assert_eq!(IdKind::from(&archived.identifiers[0].kind), IdKind::DigitalCurrencyAddress);
    }

    #[test]
    fn all_names_keeps_roles() {
        let mut e = Entity::new("x:1", "x", EntityKind::Person, "A B");
        e.aliases.push(Alias { name: "C".into(), kind: AliasKind::Aka, strength: Strength::Weak });
        e.original_script_names.push("최철민".into());
        let roles: Vec<_> = e.all_names().map(|(_, r)| r).collect();
        assert_eq!(roles, [NameRole::Primary, NameRole::WeakAlias, NameRole::OriginalScript]);
    }
}
