//! Tables for realistic innocent parties: given and family names, company words and
//! legal forms, streets, cities with their post code shapes, banks and account shapes,
//! per locale.
//!
//! Every locale is in a country that is not under comprehensive embargo, and no city,
//! street or company word names an embargoed country, city or region, so a payment
//! made only of these parties is expected to pass.
//!
//! Patterns (post codes, IBAN BBANs, account numbers): `#` is a digit, `A` an upper
//! case letter, `B` the next letter of the agent's 4-letter bank code, any other
//! character stands for itself.

/// How a person's name is built beyond one given and one family name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameStyle {
    Plain,
    /// Sometimes a middle initial: `James R. Smith`.
    MiddleInitial,
    /// Often a second family name: `García López`, `Silva Santos`.
    TwoSurnames,
    /// Sometimes a patronymic from a male given name: `Sergey Nikolayevich Petrov`.
    Patronymic,
    /// Often the father's given name between: `Mohammed Ahmed Al Mansouri`.
    FatherName,
    /// A middle name between family and given name: `Nguyen Van An`.
    VietMiddle,
    /// Men sometimes carry `Kumar` as a middle name.
    IndianMiddle,
}

/// How a family name changes for a woman.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Feminine {
    Same,
    /// `-ov`/`-ev`/`-in` + `a`.
    Slavic,
    /// `-ski` → `-ska`, `-cki` → `-cka`, `-dzki` → `-dzka`.
    Polish,
}

/// Where the house number goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AddressStyle {
    /// `12 Main Street`
    NumberStreet,
    /// `Hauptstraße 12`
    StreetNumber,
    /// `Jalan Sudirman No. 12`
    StreetNo,
    /// `No. 88 Renmin Road`
    NoNumberStreet,
    /// `1-2-3 Marunouchi`
    Block,
    /// `Office 1204, Sheikh Zayed Road`
    Office,
}

/// How the town line of an address is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CityLine {
    /// `10115 Berlin`
    PostcodeCity,
    /// `Leeds LS1 5HD`
    CityPostcode,
    /// `Chicago IL 60601`
    CityRegionPostcode,
    /// `Dubai` (no post codes)
    CityOnly,
}

/// One locale: a country, its currency and its people, companies, addresses and banks.
#[derive(Debug)]
pub(crate) struct Locale {
    /// ISO 3166-1 alpha-2.
    pub country: &'static str,
    /// English name, as written on the last line of an MT address.
    pub country_name: &'static str,
    /// ISO 4217.
    pub currency: &'static str,
    /// Minor units of the currency (0 for JPY, KRW, VND).
    pub decimals: u8,
    /// Units of the currency per US dollar, roughly, to keep amounts plausible.
    pub usd_rate: f64,
    pub male: &'static [&'static str],
    pub female: &'static [&'static str],
    pub family: &'static [&'static str],
    /// Family name written first (`Nguyen Van An`, `Tanaka Hiroshi`).
    pub family_first: bool,
    pub style: NameStyle,
    pub feminine: Feminine,
    /// Made-up or typical brand words for company names.
    pub brands: &'static [&'static str],
    /// Activity words (`Logistik`, `Transportes`).
    pub activities: &'static [&'static str],
    /// The activity is written before the brand (`Boulangerie Lumière`).
    pub activity_first: bool,
    /// Company names may start with the city (`Ningbo Hengda Textile`).
    pub city_prefix: bool,
    /// Legal forms as templates, `{}` standing for the name (`{} GmbH`, `PT {} Tbk`).
    pub legal_forms: &'static [&'static str],
    pub streets: &'static [&'static str],
    pub address: AddressStyle,
    /// City, region (may be empty) and post code pattern (may be empty).
    pub cities: &'static [(&'static str, &'static str, &'static str)],
    pub city_line: CityLine,
    /// Invented 4-letter bank codes for BICs.
    pub banks: &'static [&'static str],
    /// Location codes (BIC characters 7–8).
    pub bic_locations: &'static [&'static str],
    /// The BBAN pattern where the country uses IBANs.
    pub iban: Option<&'static str>,
    /// The account number pattern where it does not.
    pub account: &'static str,
}

const ARAB_MALE: &[&str] = &[
    "Mohammed", "Ahmed", "Ali", "Omar", "Khalid", "Abdullah", "Zayed", "Rakan", "Nawaf", "Meshari", "Mishal", "Obaid",
    "Sultan", "Faisal", "Majid", "Saud", "Rashid",
];
const ARAB_FEMALE: &[&str] =
    &["Fatima", "Aisha", "Mariam", "Noura", "Shamma", "Maitha", "Latifa", "Moza", "Alia", "Hessa", "Reem", "Salma"];

#[rustfmt::skip]
pub(crate) static LOCALES: &[Locale] = &[
    // en_US
    Locale {
        country: "US",
        country_name: "UNITED STATES",
        currency: "USD",
        decimals: 2,
        usd_rate: 1.0,
        male: &[
            "James", "John", "Robert", "Michael", "William", "David", "Richard", "Andrew", "Thomas", "Christopher",
            "Daniel", "Matthew", "Anthony", "Paul", "Steven", "Brian", "Kevin",
        ],
        female: &[
            "Mary", "Patricia", "Jennifer", "Nancy", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
            "Emily", "Ashley", "Megan",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson",
            "Taylor", "Moore", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen",
            "Hill", "Scott", "Adams", "Nelson", "Baker",
        ],
        family_first: false,
        style: NameStyle::MiddleInitial,
        feminine: Feminine::Same,
        brands: &[
            "Blue Ridge", "Summit", "Lakeside", "Redwood", "Keystone", "Evergreen", "Granite", "Harbor", "Prairie",
            "Cedar Creek", "Bright Path", "Copperfield",
        ],
        activities: &[
            "Dental Group", "Landscaping", "Roofing", "Software", "Auto Repair", "Consulting", "Plumbing", "Realty",
            "Bakery", "Logistics", "Medical Supply", "Architects",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} LLC", "{} Inc.", "{} Corp.", "{} Co.", "{}, LLC"],
        streets: &[
            "Main Street", "Oak Avenue", "Maple Drive", "Washington Street", "Elm Street", "Park Avenue",
            "Lincoln Road", "Cedar Lane", "Pine Street", "Lake Shore Drive", "Market Street", "Highland Avenue",
            "Sunset Boulevard", "Broadway",
        ],
        address: AddressStyle::NumberStreet,
        cities: &[
            ("New York", "NY", "100##"),
            ("Chicago", "IL", "606##"),
            ("Houston", "TX", "770##"),
            ("Phoenix", "AZ", "850##"),
            ("Philadelphia", "PA", "191##"),
            ("San Diego", "CA", "921##"),
            ("Dallas", "TX", "752##"),
            ("Austin", "TX", "787##"),
            ("Columbus", "OH", "432##"),
            ("Denver", "CO", "802##"),
            ("Seattle", "WA", "981##"),
            ("Boston", "MA", "021##"),
            ("Atlanta", "GA", "303##"),
            ("Portland", "OR", "972##"),
            ("Minneapolis", "MN", "554##"),
        ],
        city_line: CityLine::CityRegionPostcode,
        banks: &["AMFB", "CTZN", "LKSB", "HRTB", "PRRB", "GRNB"],
        bic_locations: &["33", "3N", "6S", "4A", "44"],
        iban: None,
        account: "##########",
    },
    // en_GB
    Locale {
        country: "GB",
        country_name: "UNITED KINGDOM",
        currency: "GBP",
        decimals: 2,
        usd_rate: 0.79,
        male: &[
            "Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "James", "William", "Oscar", "Henry", "Alfie",
            "Joshua", "Samuel", "Daniel",
        ],
        female: &[
            "Olivia", "Amelia", "Isla", "Emily", "Sophie", "Grace", "Charlotte", "Jessica", "Lucy", "Emma", "Hannah",
            "Chloe",
        ],
        family: &[
            "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
            "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
            "Wood", "Harris", "Lewis", "Cooper", "Jackson", "Clarke",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Albion", "Pennine", "Thames", "Kestrel", "Highgate", "Northgate", "Brookfield", "Wessex", "Greenfield",
            "Marlow", "Oakwood", "Fenland",
        ],
        activities: &[
            "Lettings", "Joinery", "Accountants", "Builders", "Catering", "Engineering", "Electrical", "Interiors",
            "Recruitment", "Opticians", "Haulage", "Print",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} Ltd", "{} Limited", "{} PLC", "{} LLP"],
        streets: &[
            "High Street", "Station Road", "Church Lane", "Park Road", "Victoria Road", "Green Lane", "Manor Road",
            "Kings Road", "Queen Street", "Albion Street", "Mill Lane", "London Road", "Park Row",
        ],
        address: AddressStyle::NumberStreet,
        cities: &[
            ("London", "", "SE1 #AA"),
            ("Manchester", "", "M# #AA"),
            ("Birmingham", "", "B# #AA"),
            ("Leeds", "", "LS# #AA"),
            ("Glasgow", "", "G# #AA"),
            ("Bristol", "", "BS# #AA"),
            ("Liverpool", "", "L# #AA"),
            ("Edinburgh", "", "EH# #AA"),
            ("Cardiff", "", "CF## #AA"),
            ("Sheffield", "", "S# #AA"),
            ("Nottingham", "", "NG# #AA"),
            ("Leicester", "", "LE# #AA"),
            ("Newcastle upon Tyne", "", "NE# #AA"),
            ("Brighton", "", "BN# #AA"),
            ("Oxford", "", "OX# #AA"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["NWMB", "LDNB", "ALBB", "THMS", "KSTB", "MRLB"],
        bic_locations: &["2L", "22", "2X", "2N", "2M"],
        iban: Some("BBBB##############"),
        account: "",
    },
    // de_DE
    Locale {
        country: "DE",
        country_name: "GERMANY",
        currency: "EUR",
        decimals: 2,
        usd_rate: 0.92,
        male: &[
            "Lukas", "Maximilian", "Felix", "Jonas", "Leon", "Paul", "Thomas", "Michael", "Andreas", "Stefan",
            "Christian", "Markus", "Jürgen", "Wolfgang",
        ],
        female: &[
            "Anna", "Sophie", "Maria", "Laura", "Julia", "Katharina", "Sabine", "Claudia", "Petra", "Monika", "Lena",
            "Hannah",
        ],
        family: &[
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Krause", "Becker", "Schulz", "Hoffmann",
            "Schumacher", "Lehmann", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
            "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Nordwerk", "Rheintal", "Alpenblick", "Elbstrom", "Sonnenhof", "Lindenhof", "Isartal", "Mainfeld",
            "Hansetec", "Taunus", "Spreewald", "Brückner",
        ],
        activities: &[
            "Maschinenbau", "Elektrotechnik", "Logistik", "Bau", "Immobilien", "Druckerei", "Steuerberatung",
            "Haustechnik", "Metallbau", "Software", "Gartenbau", "Autohaus",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} GmbH", "{} GmbH & Co. KG", "{} AG", "{} KG", "{} e.K."],
        streets: &[
            "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße", "Lindenstraße", "Bergstraße",
            "Kirchstraße", "Friedrichstraße", "Goethestraße", "Schillerstraße", "Am Markt", "Waldweg",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Berlin", "", "10###"),
            ("Hamburg", "", "20###"),
            ("München", "", "80###"),
            ("Köln", "", "50###"),
            ("Frankfurt am Main", "", "60###"),
            ("Stuttgart", "", "70###"),
            ("Düsseldorf", "", "40###"),
            ("Leipzig", "", "04###"),
            ("Dortmund", "", "44###"),
            ("Essen", "", "45###"),
            ("Bremen", "", "28###"),
            ("Dresden", "", "01###"),
            ("Hannover", "", "30###"),
            ("Nürnberg", "", "90###"),
            ("Freiburg im Breisgau", "", "79###"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["NRDB", "RHNB", "VLKR", "SPKH", "BYLR", "HNSB"],
        bic_locations: &["FF", "MM", "BB", "HH", "DD", "2S"],
        iban: Some("##################"),
        account: "",
    },
    // fr_FR
    Locale {
        country: "FR",
        country_name: "FRANCE",
        currency: "EUR",
        decimals: 2,
        usd_rate: 0.92,
        male: &[
            "Jean", "Pierre", "Michel", "Philippe", "Nicolas", "Julien", "Thomas", "Antoine", "Louis", "François",
            "Hugo", "Mathieu", "Sébastien", "Olivier",
        ],
        female: &[
            "Marie", "Nathalie", "Isabelle", "Sophie", "Camille", "Chloé", "Léa", "Manon", "Claire", "Élodie", "Julie",
            "Céline",
        ],
        family: &[
            "Lambert", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
            "Gauthier", "Lefebvre", "Blanchard", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
            "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Fontaine",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Lumière", "Azur", "Provençale", "Atlantique", "Val de Loire", "Belle Rive", "Mistral", "Bretagne",
            "Beauséjour", "Ardoise", "Rivage", "Clairefontaine",
        ],
        activities: &[
            "Boulangerie", "Transports", "Menuiserie", "Cabinet", "Garage", "Pharmacie", "Imprimerie", "Bâtiment",
            "Conseil", "Restaurant", "Librairie", "Plomberie",
        ],
        activity_first: true,
        city_prefix: false,
        legal_forms: &["{} SARL", "{} SAS", "{} SA", "{} EURL", "{} SNC"],
        streets: &[
            "rue de la Paix", "rue Victor Hugo", "avenue Jean Jaurès", "boulevard Voltaire", "rue Pasteur",
            "rue de la République", "place de la Gare", "rue du Moulin", "chemin des Vignes", "rue Nationale",
            "avenue Foch", "rue de l'Église",
        ],
        address: AddressStyle::NumberStreet,
        cities: &[
            ("Paris", "", "750##"),
            ("Lyon", "", "6900#"),
            ("Marseille", "", "130##"),
            ("Toulouse", "", "310##"),
            ("Nice", "", "06###"),
            ("Nantes", "", "440##"),
            ("Strasbourg", "", "670##"),
            ("Montpellier", "", "340##"),
            ("Bordeaux", "", "330##"),
            ("Lille", "", "590##"),
            ("Rennes", "", "350##"),
            ("Grenoble", "", "380##"),
            ("Dijon", "", "210##"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["BQAZ", "CRLV", "SGLB", "BNLR", "CMDP", "LCPR"],
        bic_locations: &["PP", "PA", "2X", "LL", "MM"],
        iban: Some("#######################"),
        account: "",
    },
    // es_ES
    Locale {
        country: "ES",
        country_name: "SPAIN",
        currency: "EUR",
        decimals: 2,
        usd_rate: 0.92,
        male: &[
            "José", "Antonio", "Javier", "Pablo", "Hugo", "Álvaro", "Adrián", "Marcos", "Andrés", "Gonzalo", "Íñigo",
            "Borja", "Jordi", "Guillermo",
        ],
        female: &[
            "María", "Carmen", "Lucía", "Paula", "Marta", "Cristina", "Laura", "Isabel", "Nuria", "Irene", "Alba",
            "Noelia", "Carla", "Pilar",
        ],
        family: &[
            "García", "López", "Martínez", "Fernández", "Navarro", "Ramos", "Serrano", "Blanco", "Molina", "Suárez",
            "Delgado", "Sanz", "Iglesias", "Garrido", "Cortés", "Lozano", "Prieto", "Calvo", "Gallego", "Vidal",
            "Fuentes", "Carrasco", "Díez", "Pascual", "Herrero", "Lorenzo", "Hidalgo", "Giménez", "Ibáñez", "Ferrer",
            "Carmona", "Crespo", "Moya", "Soler", "Gallardo", "Pastor",
        ],
        family_first: false,
        style: NameStyle::TwoSurnames,
        feminine: Feminine::Same,
        brands: &[
            "Mediterránea", "Solana", "Montesol", "Costa Verde", "Levante", "Aragonesa", "Cantábrica", "Miramar",
            "Sierra Alta", "Vallehermoso", "Alborán", "Guadalquivir",
        ],
        activities: &[
            "Construcciones", "Transportes", "Distribuciones", "Talleres", "Inmobiliaria", "Asesoría", "Panadería",
            "Reformas", "Suministros", "Clínica Dental", "Gestoría", "Carpintería",
        ],
        activity_first: true,
        city_prefix: false,
        legal_forms: &["{} S.L.", "{} S.A.", "{} S.L.U.", "{} SL"],
        streets: &[
            "Calle Mayor", "Calle Real", "Avenida de la Constitución", "Calle de Alcalá", "Gran Vía", "Paseo de Gracia",
            "Calle Nueva", "Plaza de España", "Calle del Sol", "Avenida Diagonal", "Calle San Juan", "Calle Iglesia",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Madrid", "", "280##"),
            ("Barcelona", "", "080##"),
            ("Valencia", "", "460##"),
            ("Sevilla", "", "410##"),
            ("Zaragoza", "", "500##"),
            ("Málaga", "", "290##"),
            ("Murcia", "", "300##"),
            ("Palma", "", "070##"),
            ("Bilbao", "", "480##"),
            ("Alicante", "", "030##"),
            ("Córdoba", "", "140##"),
            ("Valladolid", "", "470##"),
            ("Vigo", "", "362##"),
            ("Granada", "", "180##"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["BCMD", "CXLV", "IBRC", "LVNT", "BKMR", "CJSR"],
        bic_locations: &["MM", "BB", "VV", "SS", "2X"],
        iban: Some("####################"),
        account: "",
    },
    // it_IT
    Locale {
        country: "IT",
        country_name: "ITALY",
        currency: "EUR",
        decimals: 2,
        usd_rate: 0.92,
        male: &[
            "Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Marco", "Alessandro", "Andrea", "Luca",
            "Stefano", "Roberto", "Paolo", "Matteo",
        ],
        female: &[
            "Maria", "Anna", "Giuseppina", "Rosa", "Giovanna", "Francesca", "Chiara", "Sara", "Giulia", "Laura",
            "Elena", "Valentina",
        ],
        family: &[
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Gentile", "Greco",
            "Bruno", "Ferri", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
            "Barbieri", "Fontana", "Santoro", "Ferraro", "Rinaldi", "Caruso",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Adriatica", "Tirrenia", "Dolomiti", "Alpina", "Fiorentina", "Lagunare", "Vesuviana", "Brianza",
            "Meridiana", "Padana", "Serenissima", "Etrusca",
        ],
        activities: &[
            "Costruzioni", "Trasporti", "Officina", "Pasticceria", "Arredamenti", "Studio", "Ceramiche", "Impianti",
            "Forniture", "Tipografia", "Farmacia", "Carpenteria",
        ],
        activity_first: true,
        city_prefix: false,
        legal_forms: &["{} S.p.A.", "{} S.r.l.", "{} S.n.c.", "{} S.a.s.", "{} Srl"],
        streets: &[
            "Via Roma", "Via Garibaldi", "Corso Italia", "Via Mazzini", "Via Dante", "Via Verdi", "Piazza del Duomo",
            "Via Cavour", "Viale Europa", "Via Marconi", "Corso Vittorio Emanuele", "Via della Repubblica",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Roma", "RM", "001##"),
            ("Milano", "MI", "201##"),
            ("Napoli", "NA", "801##"),
            ("Torino", "TO", "101##"),
            ("Palermo", "PA", "901##"),
            ("Genova", "GE", "161##"),
            ("Bologna", "BO", "401##"),
            ("Firenze", "FI", "501##"),
            ("Bari", "BA", "701##"),
            ("Catania", "CT", "951##"),
            ("Venezia", "VE", "301##"),
            ("Verona", "VR", "371##"),
            ("Padova", "PD", "351##"),
            ("Trieste", "TS", "341##"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["BPAD", "CRLM", "BSPL", "BVRN", "CRTS", "BMRD"],
        bic_locations: &["MM", "RR", "TT", "2N", "FF"],
        iban: Some("A######################"),
        account: "",
    },
    // pt_BR
    Locale {
        country: "BR",
        country_name: "BRAZIL",
        currency: "BRL",
        decimals: 2,
        usd_rate: 5.4,
        male: &[
            "João", "José", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos", "Gabriel",
            "Rafael", "Daniel", "Marcelo",
        ],
        female: &[
            "Maria", "Ana", "Letícia", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Patrícia", "Aline",
            "Camila", "Beatriz",
        ],
        family: &[
            "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
            "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
            "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes",
        ],
        family_first: false,
        style: NameStyle::TwoSurnames,
        feminine: Feminine::Same,
        brands: &[
            "Jequitibá", "Horizonte", "Paulista", "Atlântica", "Serra Azul", "Bandeirantes", "Cerrado", "Guanabara",
            "Ipanema", "Nordeste", "Tropical", "Vale Verde",
        ],
        activities: &[
            "Comércio", "Transportes", "Construtora", "Distribuidora", "Padaria", "Consultoria", "Indústria",
            "Farmácia", "Materiais", "Logística", "Clínica", "Auto Peças",
        ],
        activity_first: true,
        city_prefix: false,
        legal_forms: &["{} Ltda.", "{} S.A.", "{} Ltda", "{} ME"],
        streets: &[
            "Rua das Flores", "Avenida Paulista", "Rua XV de Novembro", "Avenida Brasil", "Rua Sete de Setembro",
            "Rua da Consolação", "Avenida Atlântica", "Rua Augusta", "Rua São João", "Avenida Rio Branco",
            "Rua Santa Catarina", "Rua Bahia",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("São Paulo", "SP", "0####-###"),
            ("Rio de Janeiro", "RJ", "2####-###"),
            ("Belo Horizonte", "MG", "30###-###"),
            ("Brasília", "DF", "70###-###"),
            ("Salvador", "BA", "40###-###"),
            ("Curitiba", "PR", "80###-###"),
            ("Fortaleza", "CE", "60###-###"),
            ("Recife", "PE", "50###-###"),
            ("Porto Alegre", "RS", "90###-###"),
            ("Manaus", "AM", "69###-###"),
            ("Campinas", "SP", "13###-###"),
            ("Goiânia", "GO", "74###-###"),
        ],
        city_line: CityLine::CityRegionPostcode,
        banks: &["BRPL", "ITBR", "CXBR", "BSUL", "BNRD", "PTBR"],
        bic_locations: &["SP", "RJ", "2X", "BH"],
        iban: Some("#######################A#"),
        account: "",
    },
    // nl_NL
    Locale {
        country: "NL",
        country_name: "NETHERLANDS",
        currency: "EUR",
        decimals: 2,
        usd_rate: 0.92,
        male: &[
            "Daan", "Sem", "Lucas", "Levi", "Jan", "Pieter", "Hendrik", "Willem", "Bram", "Thijs", "Ruben", "Jeroen",
            "Sander", "Maarten",
        ],
        female: &[
            "Emma", "Julia", "Sophie", "Anna", "Lotte", "Sanne", "Femke", "Anouk", "Eva", "Lisa", "Fleur", "Marieke",
        ],
        family: &[
            "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
            "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
            "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Noordzee", "Polder", "Zuidkust", "Delta", "Tulpenveld", "Molenaar", "IJssel", "Duinrand", "Hollandia",
            "Waterland", "Kempen", "Veluwe",
        ],
        activities: &[
            "Bouw", "Transport", "Installatietechniek", "Advies", "Bloemen", "Logistiek", "Vastgoed", "Schilders",
            "Techniek", "Software", "Tandartsen", "Makelaardij",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} B.V.", "{} BV", "{} N.V.", "{} V.O.F."],
        streets: &[
            "Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Schoolstraat", "Prinsengracht", "Herengracht",
            "Keizersgracht", "Hoofdstraat", "Julianastraat", "Beatrixlaan", "Wilhelminastraat",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Amsterdam", "", "10## AA"),
            ("Rotterdam", "", "30## AA"),
            ("Den Haag", "", "25## AA"),
            ("Utrecht", "", "35## AA"),
            ("Eindhoven", "", "56## AA"),
            ("Groningen", "", "97## AA"),
            ("Tilburg", "", "50## AA"),
            ("Almere", "", "13## AA"),
            ("Breda", "", "48## AA"),
            ("Nijmegen", "", "65## AA"),
            ("Haarlem", "", "20## AA"),
            ("Arnhem", "", "68## AA"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["NLHB", "DLTB", "ZKBN", "PLDB", "HLND", "WTRB"],
        bic_locations: &["2A", "2U", "2R", "22"],
        iban: Some("BBBB##########"),
        account: "",
    },
    // pl_PL
    Locale {
        country: "PL",
        country_name: "POLAND",
        currency: "PLN",
        decimals: 2,
        usd_rate: 4.0,
        male: &[
            "Jan", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Adam", "Łukasz",
            "Marek", "Grzegorz", "Kamil",
        ],
        female: &[
            "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Magdalena", "Joanna",
            "Aleksandra", "Monika", "Zofia",
        ],
        family: &[
            "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
            "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk",
            "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski", "Adamczyk", "Dudek", "Zając",
            "Wieczorek", "Jabłoński",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Polish,
        brands: &[
            "Wisła", "Bałtyk", "Mazowsze", "Tatry", "Narew", "Karpaty", "Sudety", "Pomorze", "Odra", "Bieszczady",
            "Roztocze", "Kaszuby",
        ],
        activities: &[
            "Budownictwo", "Transport", "Logistyka", "Meble", "Piekarnia", "Serwis", "Instalacje", "Doradztwo",
            "Drukarnia", "Motoryzacja", "Systemy", "Ogrody",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} Sp. z o.o.", "{} S.A.", "{} sp.j.", "{} Sp. k."],
        streets: &[
            "ul. Marszałkowska", "ul. Długa", "ul. Polna", "ul. Leśna", "ul. Słoneczna", "ul. Krótka", "ul. Szkolna",
            "ul. Ogrodowa", "ul. Lipowa", "ul. Kościuszki", "ul. Mickiewicza", "ul. Piłsudskiego",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Warszawa", "", "00-###"),
            ("Kraków", "", "30-###"),
            ("Łódź", "", "90-###"),
            ("Wrocław", "", "50-###"),
            ("Poznań", "", "60-###"),
            ("Gdańsk", "", "80-###"),
            ("Szczecin", "", "70-###"),
            ("Bydgoszcz", "", "85-###"),
            ("Lublin", "", "20-###"),
            ("Katowice", "", "40-###"),
            ("Białystok", "", "15-###"),
            ("Gdynia", "", "81-###"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["PKWB", "MZWB", "BLTK", "WRSB", "SLKB", "PMRB"],
        bic_locations: &["PW", "PK", "PP", "PR"],
        iban: Some("########################"),
        account: "",
    },
    // sv_SE
    Locale {
        country: "SE",
        country_name: "SWEDEN",
        currency: "SEK",
        decimals: 2,
        usd_rate: 10.5,
        male: &[
            "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Jan", "Hans", "Oskar", "Lucas",
            "William", "Gustav",
        ],
        female: &[
            "Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Ingrid", "Elsa", "Astrid", "Maja",
        ],
        family: &[
            "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Nyberg", "Persson", "Svensson",
            "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg",
            "Jakobsson", "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Nordljus", "Fjällvik", "Skärgård", "Älvdal", "Granskog", "Havsbris", "Solberga", "Björkdal", "Vinterviken",
            "Stenhagen", "Lövholmen", "Norrsken",
        ],
        activities: &[
            "Bygg", "Transport", "Konsult", "Fastigheter", "Elteknik", "Måleri", "Trädgård", "Data", "Redovisning",
            "Snickeri", "Logistik", "Maskin",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} AB", "{} Aktiebolag", "{} HB", "{} KB"],
        streets: &[
            "Storgatan", "Drottninggatan", "Kungsgatan", "Vasagatan", "Skolgatan", "Kyrkogatan", "Järnvägsgatan",
            "Parkvägen", "Nygatan", "Sveavägen", "Björkvägen", "Strandvägen",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Stockholm", "", "11# ##"),
            ("Göteborg", "", "41# ##"),
            ("Malmö", "", "21# ##"),
            ("Uppsala", "", "75# ##"),
            ("Västerås", "", "72# ##"),
            ("Örebro", "", "70# ##"),
            ("Linköping", "", "58# ##"),
            ("Helsingborg", "", "25# ##"),
            ("Jönköping", "", "55# ##"),
            ("Norrköping", "", "60# ##"),
            ("Lund", "", "22# ##"),
            ("Umeå", "", "90# ##"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["NRSB", "SVKB", "GTLB", "SKRB", "MLRB", "VSTB"],
        bic_locations: &["SS", "SX", "22", "2G"],
        iban: Some("####################"),
        account: "",
    },
    // tr_TR
    Locale {
        country: "TR",
        country_name: "TURKEY",
        currency: "TRY",
        decimals: 2,
        usd_rate: 34.0,
        male: &[
            "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Murat", "Emre", "Burak", "Yusuf",
            "Ömer", "Can", "Kemal",
        ],
        female: &[
            "Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Merve", "Özlem", "Esra", "Büşra", "Selin", "Ebru",
        ],
        family: &[
            "Yılmaz", "Erdem", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir", "Arslan",
            "Doğan", "Kılıç", "Aslan", "Çetin", "Kaplan", "Koç", "Özer", "Özkan", "Şimşek", "Polat", "Korkmaz", "Aksoy",
            "Güneş", "Avcı", "Tekin",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Marmara", "Ege", "Karadeniz", "Boğaziçi", "Toros", "Akdeniz", "Kapadokya", "Uludağ", "Ergene", "Kaçkar",
            "Gökkuşağı", "Yeşilırmak",
        ],
        activities: &[
            "İnşaat", "Tekstil", "Lojistik", "Gıda", "Mobilya", "Otomotiv", "Yazılım", "Turizm", "Elektrik", "Makina",
            "Plastik", "Ambalaj",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} A.Ş.", "{} Ltd. Şti.", "{} Sanayi ve Ticaret A.Ş.", "{} Tic. Ltd. Şti."],
        streets: &[
            "Atatürk Caddesi", "İstiklal Caddesi", "Cumhuriyet Caddesi", "Bağdat Caddesi", "Fevzi Çakmak Sokak",
            "Menekşe Sokak", "Lale Sokak", "Gül Sokak", "Barbaros Bulvarı", "Hürriyet Caddesi", "Gazi Bulvarı",
            "Millet Caddesi",
        ],
        address: AddressStyle::StreetNo,
        cities: &[
            ("İstanbul", "", "34###"),
            ("Ankara", "", "06###"),
            ("İzmir", "", "35###"),
            ("Bursa", "", "16###"),
            ("Antalya", "", "07###"),
            ("Adana", "", "01###"),
            ("Konya", "", "42###"),
            ("Gaziantep", "", "27###"),
            ("Kayseri", "", "38###"),
            ("Mersin", "", "33###"),
            ("Eskişehir", "", "26###"),
            ("Trabzon", "", "61###"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["ANDB", "MRMR", "EGBK", "KRDZ", "TRSB", "ULDG"],
        bic_locations: &["IS", "IA", "2A", "IZ"],
        iban: Some("#####0################"),
        account: "",
    },
    // ru_KZ
    Locale {
        country: "KZ",
        country_name: "KAZAKHSTAN",
        currency: "KZT",
        decimals: 2,
        usd_rate: 480.0,
        male: &[
            "Aleksandr", "Sergey", "Kirill", "Timofey", "Gleb", "Yegor", "Arseniy", "Matvey", "Fedor", "Savva",
            "Nikita", "Grigoriy", "Vitaliy", "Artem",
        ],
        female: &[
            "Olga", "Polina", "Kseniya", "Viktoriya", "Alina", "Valeriya", "Sofiya", "Veronika", "Yana", "Kristina",
            "Lyubov", "Elizaveta", "Arina",
        ],
        family: &[
            "Ivanov", "Belov", "Titov", "Baranov", "Vinogradov", "Kiselev", "Frolov", "Sorokin", "Tarasov", "Belyaev",
            "Gerasimov", "Mironov", "Polyakov", "Sidorov", "Chernov", "Romanov", "Tikhonov", "Maksimov", "Denisov",
            "Shcherbakov", "Tsvetkov", "Mikhaylov", "Volkov", "Semenov", "Egorov", "Morozov",
        ],
        family_first: false,
        style: NameStyle::Patronymic,
        feminine: Feminine::Slavic,
        brands: &[
            "Saryarka", "Irtysh", "Zhetysu", "Alatau", "Tengri", "Aksu", "Ulytau", "Dala", "Kokshetau", "Baikonur",
            "Esil", "Altyn Dala",
        ],
        activities: &[
            "Stroy", "Logistics", "Trans", "Service", "Agro", "Tekhnika", "Consulting", "Energo", "Mebel", "Pharm",
            "Avto", "Print",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["TOO {}", "{} LLP", "AO {}", "{} JSC"],
        streets: &[
            "ulitsa Abaya", "prospekt Dostyk", "ulitsa Tole Bi", "ulitsa Satpayeva", "prospekt Al-Farabi",
            "ulitsa Gogolya", "ulitsa Pushkina", "ulitsa Zheltoksan", "prospekt Respubliki", "ulitsa Kabanbay Batyra",
            "ulitsa Kenesary", "prospekt Mangilik Yel",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Almaty", "", "050###"),
            ("Astana", "", "010###"),
            ("Shymkent", "", "160###"),
            ("Karaganda", "", "100###"),
            ("Aktobe", "", "030###"),
            ("Pavlodar", "", "140###"),
            ("Ust-Kamenogorsk", "", "070###"),
            ("Kostanay", "", "110###"),
            ("Atyrau", "", "060###"),
            ("Taraz", "", "080###"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["KZAB", "ALTB", "STPB", "ZHTB", "ESLB", "TNGB"],
        bic_locations: &["KA", "KX", "2A"],
        iban: Some("################"),
        account: "",
    },
    // kk_KZ
    Locale {
        country: "KZ",
        country_name: "KAZAKHSTAN",
        currency: "KZT",
        decimals: 2,
        usd_rate: 480.0,
        male: &[
            "Nursultan", "Yerlan", "Askar", "Daulet", "Bauyrzhan", "Yerzhan", "Nurlan", "Serik", "Dauren", "Aidos",
            "Zhanibek", "Yerbol", "Berik", "Kairat", "Olzhas", "Talgat",
        ],
        female: &[
            "Aigerim", "Aizhan", "Saule", "Zhanar", "Assel", "Dinara", "Aliya", "Ainur", "Aruzhan", "Akbota", "Gulmira",
            "Zhuldyz", "Moldir",
        ],
        family: &[
            "Abenov", "Baimukhanov", "Iskakov", "Kassymov", "Nurlanov", "Sarsenbayev", "Tokhtarov", "Zhumabayev",
            "Ospanov", "Suleimenov", "Tulegenov", "Mukhametov", "Nurpeisov", "Amanzholov", "Kenzhebekov", "Yesenov",
            "Zhakupov", "Utepov", "Kuanyshev", "Smagulov", "Baitursynov", "Yessimov", "Temirkhanov", "Alimzhanov",
            "Zhunusov", "Ermekov",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Slavic,
        brands: &[
            "Saryarka", "Irtysh", "Zhetysu", "Alatau", "Tengri", "Aksu", "Ulytau", "Kokshetau", "Baikonur", "Esil",
            "Kaspiy Zhagalauy", "Burabay",
        ],
        activities: &[
            "Qurylys", "Logistics", "Trans", "Service", "Agro", "Tekhnika", "Consulting", "Mebel", "Pharm", "Avto",
            "Print", "Sauda",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["TOO {}", "{} LLP", "AO {}", "{} JSC", "ZhShS {}"],
        streets: &[
            "ulitsa Abaya", "prospekt Dostyk", "ulitsa Tole Bi", "ulitsa Satpayeva", "prospekt Al-Farabi",
            "ulitsa Zheltoksan", "prospekt Respubliki", "ulitsa Kabanbay Batyra", "ulitsa Kenesary",
            "prospekt Mangilik Yel", "ulitsa Baitursynova", "ulitsa Auezova",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Almaty", "", "050###"),
            ("Astana", "", "010###"),
            ("Shymkent", "", "160###"),
            ("Karaganda", "", "100###"),
            ("Aktobe", "", "030###"),
            ("Kyzylorda", "", "120###"),
            ("Taraz", "", "080###"),
            ("Turkistan", "", "161###"),
            ("Atyrau", "", "060###"),
            ("Aktau", "", "130###"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["QZKB", "ALTB", "STPB", "ZHTB", "ESLB", "TNGB"],
        bic_locations: &["KA", "KX", "2A"],
        iban: Some("################"),
        account: "",
    },
    // uz_UZ
    Locale {
        country: "UZ",
        country_name: "UZBEKISTAN",
        currency: "UZS",
        decimals: 2,
        usd_rate: 12700.0,
        male: &[
            "Aziz", "Bekzod", "Dilshod", "Farrukh", "Jasur", "Otabek", "Rustam", "Sardor", "Sherzod", "Timur",
            "Ulugbek", "Javohir", "Nodir", "Akmal",
        ],
        female: &[
            "Dilnoza", "Durdona", "Madina", "Nigora", "Nilufar", "Shahnoza", "Feruza", "Zarina", "Kamola", "Malika",
            "Sevara", "Mohira",
        ],
        family: &[
            "Qodirov", "Rakhimov", "Usmonov", "Yusupov", "Nazarov", "Ismoilov", "Khodjaev", "Rasulov", "Sultonov",
            "Saidov", "Mirzaev", "Tursunov", "Ergashev", "Normatov", "Yuldashev", "Sharipov", "Umarov", "Juraev",
            "Akhmedov", "Ibragimov", "Kurbanov", "Abdullaev", "Khamidov", "Mamatov", "Nurmatov", "Azimov",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Slavic,
        brands: &[
            "Ipak Yuli", "Zarafshon", "Turon", "Bahor", "Oltin Vodiy", "Buston", "Registon", "Yangi Asr", "Chorsu",
            "Shodlik", "Mehnat", "Bogishamol",
        ],
        activities: &[
            "Tekstil", "Stroy", "Trans", "Agro", "Service", "Pharm", "Logistic", "Tekhnika", "Plast", "Mebel", "Savdo",
            "Print",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["OOO {}", "MChJ {}", "{} LLC", "AJ {}"],
        streets: &[
            "Amir Temur shoh ko'chasi", "Navoiy ko'chasi", "Mustaqillik ko'chasi", "Shota Rustaveli ko'chasi",
            "Bobur ko'chasi", "Afrosiyob ko'chasi", "Istiqlol ko'chasi", "Nukus ko'chasi", "Mirobod ko'chasi",
            "Chilonzor ko'chasi",
        ],
        address: AddressStyle::StreetNumber,
        cities: &[
            ("Tashkent", "", "100###"),
            ("Samarkand", "", "140###"),
            ("Bukhara", "", "200###"),
            ("Namangan", "", "160###"),
            ("Andijan", "", "170###"),
            ("Fergana", "", "150###"),
            ("Nukus", "", "230###"),
            ("Qarshi", "", "180###"),
        ],
        city_line: CityLine::PostcodeCity,
        banks: &["TRNB", "IPKB", "ZRFB", "NVRB", "SMRB", "OLTB"],
        bic_locations: &["2X", "22", "TS"],
        iban: None,
        account: "####################",
    },
    // ar_AE
    Locale {
        country: "AE",
        country_name: "UNITED ARAB EMIRATES",
        currency: "AED",
        decimals: 2,
        usd_rate: 3.67,
        male: ARAB_MALE,
        female: ARAB_FEMALE,
        family: &[
            "Al Mansouri", "Al Khoori", "Al Suwaidi", "Al Mazrouei", "Al Nuaimi", "Al Ketbi", "Al Awadhi", "Al Falasi",
            "Al Mheiri", "Al Zaabi", "Al Dhaheri", "Al Marri", "Al Blooshi", "Al Mulla", "Al Kaabi", "Al Qubaisi",
            "Al Romaithi", "Al Tayer", "Al Naqbi", "Al Balushi", "Al Muhairi", "Al Shehhi", "Al Serkal", "Al Hosani",
            "Al Kindi", "Al Ameri",
        ],
        family_first: false,
        style: NameStyle::FatherName,
        feminine: Feminine::Same,
        brands: &[
            "Desert Rose", "Palm Crest", "Creek Side", "Gulf Pearl", "Falcon Bay", "Blue Dune", "Oasis Park",
            "Marina Light", "Sand Crest", "Coral Gate", "Liwa", "Hatta",
        ],
        activities: &[
            "Interiors", "Facilities Management", "Events", "Catering", "Perfumes", "Auto Spare Parts",
            "Building Contracting", "Travel", "Cleaning Services", "IT Solutions", "Printing", "Landscaping",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} LLC", "{} L.L.C.", "{} FZE", "{} FZ-LLC", "{} DMCC"],
        streets: &[
            "Sheikh Zayed Road", "Al Wasl Road", "Jumeirah Beach Road", "Al Maktoum Road", "Hamdan Street",
            "Corniche Road", "Khalifa Street", "Al Khail Road", "Al Rigga Road", "Airport Road", "Electra Street",
            "Al Falah Street",
        ],
        address: AddressStyle::Office,
        cities: &[
            ("Dubai", "", ""),
            ("Abu Dhabi", "", ""),
            ("Sharjah", "", ""),
            ("Ajman", "", ""),
            ("Ras Al Khaimah", "", ""),
            ("Fujairah", "", ""),
            ("Al Ain", "", ""),
        ],
        city_line: CityLine::CityOnly,
        banks: &["GLFB", "DNEB", "PRLB", "FLCB", "OSSB", "CRKB"],
        bic_locations: &["AD", "AA", "DX", "SH"],
        iban: Some("###################"),
        account: "",
    },
    // ar_SA
    Locale {
        country: "SA",
        country_name: "SAUDI ARABIA",
        currency: "SAR",
        decimals: 2,
        usd_rate: 3.75,
        male: ARAB_MALE,
        female: ARAB_FEMALE,
        family: &[
            "Al Dosari", "Al Shahrani", "Al Anazi", "Al Sulami", "Al Shehri", "Al Asmari", "Al Bishi", "Al Shaya",
            "Al Omari", "Al Ahmari", "Al Qarni", "Al Subaie", "Al Maliki", "Al Baqami", "Al Ruwaili", "Al Thubaiti",
            "Al Mohaimeed", "Al Rajhi", "Al Sudairi", "Al Jasser", "Al Faifi", "Al Dawsari", "Al Shamrani", "Al Muqbil",
            "Al Osaimi", "Al Harthi",
        ],
        family_first: false,
        style: NameStyle::FatherName,
        feminine: Feminine::Same,
        brands: &[
            "Najd", "Yamamah", "Sarawat", "Diriyah", "Nakheel View", "Tuwaiq", "Hejaz Star", "Dunes", "Asir Green",
            "Qassim Fresh", "Yanbu Coast", "Rawabi",
        ],
        activities: &[
            "Contracting", "Catering", "Medical Supplies", "Furniture", "Car Rental", "Dates Factory", "Printing",
            "Real Estate", "Travel", "Maintenance", "Cleaning", "Electrical Works",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} Co.", "{} Co. Ltd.", "{} Est.", "{} LLC"],
        streets: &[
            "King Fahd Road", "Olaya Street", "Prince Sultan Street", "King Abdullah Road", "Tahlia Street",
            "Al Madinah Road", "King Abdulaziz Street", "Makkah Road", "Prince Turki Street", "Al Khobar Corniche",
            "Umm Al Qura Street", "Al Imam Road",
        ],
        address: AddressStyle::NumberStreet,
        cities: &[
            ("Riyadh", "", "1####"),
            ("Jeddah", "", "2####"),
            ("Dammam", "", "3####"),
            ("Makkah", "", "2####"),
            ("Madinah", "", "4####"),
            ("Al Khobar", "", "3####"),
            ("Taif", "", "2####"),
            ("Abha", "", "6####"),
            ("Tabuk", "", "7####"),
            ("Buraidah", "", "5####"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["NJDB", "RDSB", "SRWB", "TWQB", "HJZB", "RWBB"],
        bic_locations: &["RI", "JE", "2X", "DA"],
        iban: Some("####################"),
        account: "",
    },
    // ar_EG
    Locale {
        country: "EG",
        country_name: "EGYPT",
        currency: "EGP",
        decimals: 2,
        usd_rate: 48.0,
        male: &[
            "Mohamed", "Ahmed", "Mahmoud", "Amr", "Hany", "Sherif", "Hossam", "Tamer", "Wael", "Sameh", "Ehab", "Mina",
            "Bishoy", "Ramy", "Hazem", "Tarek",
        ],
        female: &[
            "Fatma", "Heba", "Yasmin", "Mariam", "Dina", "Salma", "Eman", "Noha", "Marwa", "Shaimaa", "Nesma", "Doaa",
            "Ghada", "Reham", "Amira", "Nada",
        ],
        family: &[
            "Hassan", "Shehata", "Hegazy", "Sabry", "Ezzat", "Ragab", "Metwally", "Zaghloul", "Eid", "Selim", "Naguib",
            "Attia", "Ghoneim", "Salama", "Badawi", "Shaker", "Nassar", "Gaber", "Shawky", "Helmy", "Lotfy", "Fathy",
            "Gad", "Wahba", "Girgis", "Tadros",
        ],
        family_first: false,
        style: NameStyle::FatherName,
        feminine: Feminine::Same,
        brands: &[
            "Nile Delta", "Pharaonic", "Lotus", "Memphis", "Papyrus", "Sphinx Gate", "Cairo Gardens", "Golden Palm",
            "Alex Marine", "Sinai Sun", "Blue Nile", "Delta Green",
        ],
        activities: &[
            "Textiles", "Pharmaceuticals", "Food Industries", "Contracting", "Ceramics", "Printing", "Furniture",
            "Cotton", "Software", "Glass", "Packaging", "Tourism",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} S.A.E.", "{} LLC", "{} Co.", "{} SAE"],
        streets: &[
            "Tahrir Street", "26th of July Street", "Gamaat El Dowal Street", "Abbas El Akkad Street",
            "El Horreya Road", "Makram Ebeid Street", "Mohamed Farid Street", "Corniche El Nil", "Talaat Harb Street",
            "Ramses Street", "Salah Salem Road", "Port Said Street",
        ],
        address: AddressStyle::NumberStreet,
        cities: &[
            ("Cairo", "", "11###"),
            ("Giza", "", "12###"),
            ("Alexandria", "", "21###"),
            ("Mansoura", "", "35###"),
            ("Tanta", "", "31###"),
            ("Port Said", "", "42###"),
            ("Suez", "", "43###"),
            ("Luxor", "", "85###"),
            ("Aswan", "", "81###"),
            ("Ismailia", "", "41###"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["NLDB", "LTSB", "MMPB", "PPRB", "DLTG", "ALXB"],
        bic_locations: &["CX", "CA", "AL", "2X"],
        iban: Some("#########################"),
        account: "",
    },
    // hi_IN
    Locale {
        country: "IN",
        country_name: "INDIA",
        currency: "INR",
        decimals: 2,
        usd_rate: 84.0,
        male: &[
            "Rahul", "Amit", "Rajesh", "Suresh", "Ramesh", "Sanjay", "Vijay", "Anil", "Sunil", "Arjun", "Rohit",
            "Vikram", "Deepak", "Manoj", "Aditya",
        ],
        female: &[
            "Priya", "Anjali", "Sunita", "Pooja", "Neha", "Kavita", "Anita", "Deepika", "Shreya", "Lakshmi", "Meera",
            "Divya",
        ],
        family: &[
            "Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel", "Shah", "Mehta", "Reddy", "Rao", "Iyer", "Nair",
            "Joshi", "Agarwal", "Jain", "Malhotra", "Kapoor", "Chopra", "Bhat", "Desai", "Pillai", "Menon",
            "Chatterjee", "Banerjee", "Mukherjee", "Das",
        ],
        family_first: false,
        style: NameStyle::IndianMiddle,
        feminine: Feminine::Same,
        brands: &[
            "Shree Ganesh", "Sai Krupa", "Ganga", "Surya", "Vasudha", "Navbharat", "Tirupati", "Jyoti", "Sagar",
            "Himalaya Peak", "Kaveri", "Narmada",
        ],
        activities: &[
            "Textiles", "Infotech", "Pharma", "Agro Foods", "Engineering Works", "Exports", "Realtors",
            "Software Solutions", "Auto Components", "Packaging", "Logistics", "Polymers",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} Pvt Ltd", "{} Private Limited", "{} Ltd", "{} LLP"],
        streets: &[
            "MG Road", "Nehru Road", "Station Road", "Gandhi Nagar", "Park Street", "Linking Road", "Anna Salai",
            "Brigade Road", "Residency Road", "Civil Lines", "Ring Road", "Sardar Patel Marg",
        ],
        address: AddressStyle::NumberStreet,
        cities: &[
            ("Mumbai", "MH", "400###"),
            ("New Delhi", "DL", "110###"),
            ("Bengaluru", "KA", "560###"),
            ("Chennai", "TN", "600###"),
            ("Hyderabad", "TG", "500###"),
            ("Kolkata", "WB", "700###"),
            ("Pune", "MH", "411###"),
            ("Ahmedabad", "GJ", "380###"),
            ("Jaipur", "RJ", "302###"),
            ("Surat", "GJ", "395###"),
            ("Lucknow", "UP", "226###"),
            ("Kochi", "KL", "682###"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["BHRB", "GNGB", "KVRB", "SRYB", "NRMB", "DCNB"],
        bic_locations: &["BB", "DD", "MM", "2X"],
        iban: None,
        account: "############",
    },
    // zh_CN
    Locale {
        country: "CN",
        country_name: "CHINA",
        currency: "CNY",
        decimals: 2,
        usd_rate: 7.2,
        male: &[
            "Zhiwei", "Jianhua", "Haoran", "Yuxuan", "Jiahao", "Jianguo", "Guoqiang", "Zihao", "Junjie", "Chenxi",
            "Zixuan", "Haoyu", "Kaiwen", "Yufan",
        ],
        female: &[
            "Xiuying", "Haiyan", "Yutong", "Xinyi", "Ruoxi", "Meiling", "Lihua", "Shuang", "Yuqi", "Zihan", "Jiayi",
            "Shiyu",
        ],
        family: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
            "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han",
        ],
        family_first: true,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Hengda", "Xinyuan", "Huatai", "Jinlong", "Tianrui", "Hongxing", "Shengli", "Yongxin", "Huaxin", "Ruifeng",
            "Jiahe", "Lixin",
        ],
        activities: &[
            "Textile", "Electronics", "Machinery", "Garment", "Furniture", "Packaging", "Hardware", "Lighting",
            "Auto Parts", "Ceramics", "Plastic Products", "Technology",
        ],
        activity_first: false,
        city_prefix: true,
        legal_forms: &["{} Co., Ltd.", "{} Co. Ltd", "{} Limited"],
        streets: &[
            "Renmin Road", "Jiefang Road", "Zhongshan Road", "Nanjing Road", "Huaihai Road", "Changan Avenue",
            "Jianshe Road", "Heping Road", "Xinhua Road", "Beijing Road", "Yanan Road", "Century Avenue",
        ],
        address: AddressStyle::NoNumberStreet,
        cities: &[
            ("Shanghai", "", "200###"),
            ("Beijing", "", "100###"),
            ("Guangzhou", "", "510###"),
            ("Shenzhen", "", "518###"),
            ("Hangzhou", "", "310###"),
            ("Ningbo", "", "315###"),
            ("Suzhou", "", "215###"),
            ("Chengdu", "", "610###"),
            ("Wuhan", "", "430###"),
            ("Xiamen", "", "361###"),
            ("Qingdao", "", "266###"),
            ("Tianjin", "", "300###"),
            ("Dongguan", "", "523###"),
            ("Nanjing", "", "210###"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["HXCB", "JLNB", "YXCB", "TRCB", "HTCB", "MSHB"],
        bic_locations: &["SH", "BJ", "GZ", "2X"],
        iban: None,
        account: "6222############",
    },
    // ja_JP
    Locale {
        country: "JP",
        country_name: "JAPAN",
        currency: "JPY",
        decimals: 0,
        usd_rate: 150.0,
        male: &[
            "Hiroshi", "Takashi", "Kenji", "Daisuke", "Takumi", "Haruto", "Yuto", "Sota", "Kazuki", "Shota", "Ryota",
            "Naoki", "Makoto", "Satoshi",
        ],
        female: &["Yuko", "Keiko", "Akiko", "Yumi", "Naoko", "Sakura", "Yui", "Hina", "Aoi", "Haruka", "Misaki", "Emi"],
        family: &[
            "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
            "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu",
            "Yamazaki", "Mori", "Abe", "Ikeda", "Hashimoto", "Ishikawa", "Ogawa",
        ],
        family_first: true,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Yamato", "Fuji", "Sakura", "Nagomi", "Hikari", "Taiyo", "Midori", "Shinwa", "Daiichi", "Kyowa", "Tokai",
            "Seiwa",
        ],
        activities: &[
            "Shoji", "Seiki", "Kogyo", "Denki", "Kensetsu", "Unyu", "Sangyo", "Foods", "Electronics", "Pharmaceutical",
            "Logistics", "Printing",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} Co., Ltd.", "{} K.K.", "Kabushiki Kaisha {}", "{} Corporation"],
        streets: &[
            "Marunouchi", "Nishi-Shinjuku", "Ginza", "Umeda", "Sakae", "Shibuya", "Nihonbashi", "Roppongi",
            "Minami-Aoyama", "Hakata Ekimae", "Kita-Aoyama", "Shiba-Koen",
        ],
        address: AddressStyle::Block,
        cities: &[
            ("Tokyo", "", "1##-####"),
            ("Osaka", "", "5##-####"),
            ("Yokohama", "", "2##-####"),
            ("Nagoya", "", "4##-####"),
            ("Sapporo", "", "06#-####"),
            ("Fukuoka", "", "81#-####"),
            ("Kobe", "", "65#-####"),
            ("Kyoto", "", "60#-####"),
            ("Kawasaki", "", "21#-####"),
            ("Sendai", "", "98#-####"),
            ("Hiroshima", "", "73#-####"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["YMTB", "FJBK", "SKRJ", "ASHB", "HKRB", "TKIB"],
        bic_locations: &["JT", "JJ", "JP", "2X"],
        iban: None,
        account: "#######",
    },
    // ko_KR
    Locale {
        country: "KR",
        country_name: "SOUTH KOREA",
        currency: "KRW",
        decimals: 0,
        usd_rate: 1380.0,
        male: &[
            "Eun-woo", "Seo-jun", "Ha-joon", "Do-yoon", "Ye-jun", "Si-woo", "Joo-won", "Ji-hoon", "Hyun-woo", "Jun-seo",
            "Si-yoon", "Gun-woo", "Jae-won", "Yoon-jae",
        ],
        female: &[
            "Seo-yeon", "Ji-woo", "Min-seo", "Seo-ah", "Ha-eun", "Chae-won", "Ye-eun", "So-yul", "Seo-yoon", "Eun-seo",
            "Na-yeon", "Ye-rin",
        ],
        family: &[
            "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin",
            "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Jeon", "Ko", "Moon", "Yang", "Son", "Bae",
        ],
        family_first: true,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Hanil", "Daesung", "Samil", "Dongyang", "Hanbit", "Saehan", "Kumkang", "Daewon", "Hanyang", "Mirae",
            "Haneul", "Nuri",
        ],
        activities: &[
            "Electronics", "Precision", "Industrial", "Construction", "Chemical", "Foods", "Logistics", "Tech",
            "Textile", "Machinery", "Motors", "Pharm",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["{} Co., Ltd.", "{} Corp.", "{} Inc."],
        streets: &[
            "Sejong-daero", "Gangnam-daero", "Olympic-ro", "Eulji-ro", "Jong-ro", "Yeoksam-ro", "Hangang-daero",
            "Dosan-daero", "Songpa-daero", "Bongeunsa-ro", "Toegye-ro", "Haeundae-ro",
        ],
        address: AddressStyle::NumberStreet,
        cities: &[
            ("Seoul", "", "0####"),
            ("Busan", "", "48###"),
            ("Incheon", "", "21###"),
            ("Daegu", "", "41###"),
            ("Daejeon", "", "34###"),
            ("Gwangju", "", "61###"),
            ("Ulsan", "", "44###"),
            ("Suwon", "", "16###"),
            ("Seongnam", "", "13###"),
            ("Changwon", "", "51###"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["HNLB", "DSGB", "MRKB", "HNBT", "NURB", "SHKB"],
        bic_locations: &["SE", "SX", "2X"],
        iban: None,
        account: "############",
    },
    // vi_VN
    Locale {
        country: "VN",
        country_name: "VIETNAM",
        currency: "VND",
        decimals: 0,
        usd_rate: 25000.0,
        male: &[
            "Anh", "Minh", "Hung", "Tuan", "Duc", "Hieu", "Long", "Nam", "Quang", "Thanh", "Dung", "Hai", "Khoa",
            "Phuc",
        ],
        female: &["Linh", "Huong", "Lan", "Mai", "Ngoc", "Trang", "Thao", "Hoa", "Thu", "Phuong", "Hanh", "Nhung"],
        family: &[
            "Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo",
            "Duong", "Ly", "Dinh", "Truong", "Mai", "Lam", "Trinh", "Cao", "Luong", "Kieu", "Ha", "Quach",
        ],
        family_first: true,
        style: NameStyle::VietMiddle,
        feminine: Feminine::Same,
        brands: &[
            "Minh Phat", "Hoang Long", "Thanh Cong", "Phu Thai", "Sao Viet", "Tan Phat", "An Phu", "Dai Viet",
            "Hung Thinh", "Viet Tien", "Phuong Dong", "Binh Minh",
        ],
        activities: &[
            "Garment", "Seafood", "Construction", "Logistics", "Coffee", "Furniture", "Steel", "Electric", "Plastic",
            "Textile", "Rice", "Technology",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["Cong Ty TNHH {}", "{} Joint Stock Company", "{} JSC", "{} Co., Ltd."],
        streets: &[
            "Le Loi Street", "Nguyen Hue Street", "Tran Hung Dao Street", "Hai Ba Trung Street", "Le Duan Street",
            "Dien Bien Phu Street", "Nguyen Trai Street", "Ly Thuong Kiet Street", "Hoang Dieu Street",
            "Pasteur Street", "Vo Van Tan Street", "Ba Trieu Street",
        ],
        address: AddressStyle::NumberStreet,
        cities: &[
            ("Ho Chi Minh City", "", "70####"),
            ("Hanoi", "", "10####"),
            ("Da Nang", "", "55####"),
            ("Hai Phong", "", "18####"),
            ("Can Tho", "", "94####"),
            ("Nha Trang", "", "65####"),
            ("Hue", "", "53####"),
            ("Bien Hoa", "", "81####"),
            ("Vung Tau", "", "78####"),
            ("Da Lat", "", "66####"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["VTCB", "SGNB", "HNIB", "DNGB", "MKGB", "PHDB"],
        bic_locations: &["VX", "VN", "2X"],
        iban: None,
        account: "#############",
    },
    // id_ID
    Locale {
        country: "ID",
        country_name: "INDONESIA",
        currency: "IDR",
        decimals: 2,
        usd_rate: 16000.0,
        male: &[
            "Budi", "Agus", "Joko", "Andi", "Dedi", "Rudi", "Hendra", "Eko", "Bambang", "Wahyu", "Rizky", "Dimas",
            "Fajar", "Arif",
        ],
        female: &["Siti", "Dewi", "Sri", "Rina", "Ayu", "Indah", "Putri", "Nur", "Ratna", "Fitri", "Wulan", "Lestari"],
        family: &[
            "Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Setiawan", "Pratama", "Nugroho", "Susanto", "Gunawan",
            "Halim", "Tanjung", "Siregar", "Nasution", "Lubis", "Sihombing", "Simanjuntak", "Harahap", "Purnomo",
            "Wibowo", "Hartono", "Sutanto", "Kurniawan", "Rahman", "Hakim", "Utomo",
        ],
        family_first: false,
        style: NameStyle::Plain,
        feminine: Feminine::Same,
        brands: &[
            "Sinar Jaya", "Maju Bersama", "Sumber Makmur", "Cahaya Abadi", "Mitra Sejahtera", "Bintang Timur",
            "Karya Mandiri", "Sentosa", "Indah Permai", "Mega Utama", "Nusantara", "Surya Prima",
        ],
        activities: &[
            "Logistik", "Teknik", "Elektronik", "Furnitur", "Tekstil", "Kimia", "Pangan", "Konstruksi", "Distribusi",
            "Farma", "Solusi", "Digital",
        ],
        activity_first: false,
        city_prefix: false,
        legal_forms: &["PT {}", "PT {} Tbk", "CV {}"],
        streets: &[
            "Jalan Sudirman", "Jalan Thamrin", "Jalan Gatot Subroto", "Jalan Diponegoro", "Jalan Merdeka",
            "Jalan Pemuda", "Jalan Ahmad Yani", "Jalan Gajah Mada", "Jalan Hayam Wuruk", "Jalan Asia Afrika",
            "Jalan Pahlawan", "Jalan Veteran",
        ],
        address: AddressStyle::StreetNo,
        cities: &[
            ("Jakarta", "", "10###"),
            ("Surabaya", "", "60###"),
            ("Bandung", "", "40###"),
            ("Medan", "", "20###"),
            ("Semarang", "", "50###"),
            ("Makassar", "", "90###"),
            ("Palembang", "", "30###"),
            ("Denpasar", "", "80###"),
            ("Yogyakarta", "", "55###"),
            ("Malang", "", "65###"),
            ("Bogor", "", "16###"),
            ("Batam", "", "29###"),
        ],
        city_line: CityLine::CityPostcode,
        banks: &["SNJB", "NSTB", "MGUB", "BTMB", "KRYB", "SRYI"],
        bic_locations: &["JA", "JX", "2X"],
        iban: None,
        account: "##########",
    },
];

/// Male patronymics for [`NameStyle::Patronymic`]; the female form ends in `-ovna`/`-evna`.
pub(crate) const PATRONYMICS: &[&str] = &[
    "Aleksandrovich",
    "Sergeyevich",
    "Kirillovich",
    "Arsenyevich",
    "Matveyevich",
    "Denisovich",
    "Glebovich",
    "Yegorovich",
    "Timofeyevich",
    "Vitalyevich",
    "Fedorovich",
    "Danilovich",
];

/// Vietnamese middle names: `Van` for men and `Thi` for women are the most common.
pub(crate) const VIET_MIDDLE_MALE: &[&str] = &["Van", "Van", "Van", "Duc", "Minh", "Quoc", "Thanh", "Hoang"];
pub(crate) const VIET_MIDDLE_FEMALE: &[&str] = &["Thi", "Thi", "Thi", "Ngoc", "Thu", "Thanh", "Minh"];

/// The feminine form of a family name.
pub(crate) fn feminine(rule: Feminine, family: &str, out: &mut String) {
    match rule {
        Feminine::Same => out.push_str(family),
        Feminine::Slavic => {
            out.push_str(family);
            if family.ends_with("ov") || family.ends_with("ev") || family.ends_with("in") {
                out.push('a');
            }
        }
        Feminine::Polish => {
            if let Some(stem) = family.strip_suffix('i').filter(|s| s.ends_with("sk") || s.ends_with("ck")) {
                out.push_str(stem);
                out.push('a');
            } else if let Some(stem) = family.strip_suffix("dzki") {
                out.push_str(stem);
                out.push_str("dzka");
            } else {
                out.push_str(family);
            }
        }
    }
}

/// Remittance texts of payments between people.
pub(crate) const PERSONAL_REMITTANCE: &[&str] = &[
    "RENT {MONTH} FLAT {N}{L}",
    "FAMILY SUPPORT",
    "GIFT",
    "LOAN REPAYMENT {NNNN}",
    "SCHOOL FEES TERM {D}",
    "TUITION {YEAR}",
    "SHARED HOLIDAY COSTS",
    "CAR PURCHASE DEPOSIT",
    "BIRTHDAY",
    "REPAYMENT THANKS",
];

/// Remittance texts of payments that involve a company.
pub(crate) const BUSINESS_REMITTANCE: &[&str] = &[
    "INVOICE {YEAR}-{NNNN}",
    "INV {NNNNNN}",
    "INVOICE {NNNNN} DATED {DATE}",
    "SALARY {MONTH}",
    "PAYROLL {MONTH} {YEAR}",
    "RENT {MONTH} UNIT {N}{L}",
    "ORDER {NNNNN}",
    "PO {NNNNNNN}",
    "CONSULTING FEES Q{Q} {YEAR}",
    "INSURANCE PREMIUM POLICY {NNNNNNNN}",
    "REFUND ORDER {NNNNN}",
    "MEMBERSHIP FEE {YEAR}",
    "UTILITIES {MONTH}",
    "DEPOSIT CONTRACT {NNNN}/{YEAR}",
    "SERVICE AGREEMENT {NNNN} INSTALMENT {D}",
    "SPARE PARTS ORDER {NNNNN}",
];

/// Free text of plain bank-to-bank transfers.
pub(crate) const INTERBANK_REMITTANCE: &[&str] = &[
    "/BNF/FX DEAL {NNNNNNN}",
    "TREASURY SETTLEMENT {NNNNNN}",
    "NOSTRO FUNDING",
    "MM DEPOSIT {NNNNNN} MATURITY",
    "/BNF/SWAP {NNNNNN} NEAR LEG",
    "LIQUIDITY TRANSFER",
];

pub(crate) const MONTHS: &[&str] = &[
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
];
