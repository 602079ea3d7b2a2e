//! The typed vocabulary of the data: categories, statuses and partial dates.
//! Everything read from CSV, SQLite or a query string is turned into these at the edge.

use std::fmt;
use std::str::FromStr;

use crate::i18n::Lang;

/// A supporter's category, as mapped from the official list's `category` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    State,
    PublicAuthority,
    PrivateSector,
    CivilSociety,
    Other,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::State,
        Category::PublicAuthority,
        Category::PrivateSector,
        Category::CivilSociety,
        Category::Other,
    ];

    /// The category's place in `ALL` (the declaration order), for per-category arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The value used in CSV files, SQLite and query strings.
    pub fn slug(self) -> &'static str {
        match self {
            Category::State => "state",
            Category::PublicAuthority => "public_authority",
            Category::PrivateSector => "private_sector",
            Category::CivilSociety => "civil_society",
            Category::Other => "other",
        }
    }

    /// The fragment id of the category's section on /supporters (a cited URL: never change it).
    pub fn anchor(self) -> &'static str {
        match self {
            Category::State => "states",
            Category::PublicAuthority => "public-authorities",
            Category::PrivateSector => "private-sector",
            Category::CivilSociety => "civil-society",
            Category::Other => "uncategorised",
        }
    }

    pub fn allowed_values() -> Vec<String> {
        Self::ALL.iter().map(|c| c.slug().to_string()).collect()
    }

    /// Heading for a group of supporters. (All reader-facing enum labels live in this file.)
    pub fn label(self, lang: impl Into<Lang>) -> &'static str {
        let lang: Lang = lang.into();
        match self {
            Category::State => lang.tr("States", "États"),
            Category::PublicAuthority => lang.tr("Public authorities", "Autorités publiques"),
            Category::PrivateSector => lang.tr("Private sector", "Secteur privé"),
            Category::CivilSociety => lang.tr("Civil society", "Société civile"),
            Category::Other => lang.tr("Uncategorised", "Sans catégorie"),
        }
    }

    /// One supporter's category, as a table cell says it.
    pub fn label_singular(self, lang: impl Into<Lang>) -> &'static str {
        let lang: Lang = lang.into();
        match self {
            Category::State => lang.tr("State", "État"),
            Category::PublicAuthority => lang.tr("Public authority", "Autorité publique"),
            Category::PrivateSector => lang.tr("Private sector", "Secteur privé"),
            Category::CivilSociety => lang.tr("Civil society", "Société civile"),
            Category::Other => lang.tr("Uncategorised", "Sans catégorie"),
        }
    }
}

impl Category {
    /// The official list's own `category` value: `state`, `public-authority`,
    /// `private-sector`, `civil-society` (early commits write `_`), or empty for none.
    pub fn from_official(raw: &str) -> Option<Category> {
        match raw.trim().replace('-', "_").as_str() {
            "" => Some(Category::Other),
            "other" => None,
            slug => slug.parse().ok(),
        }
    }

    /// The values `from_official` accepts, as the official list writes them.
    pub const OFFICIAL_VALUES: [&str; 5] = [
        "state",
        "public-authority",
        "private-sector",
        "civil-society",
        "(empty)",
    ];
}

impl FromStr for Category {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|c| c.slug() == s).ok_or(())
    }
}

/// What the data says about a UN member state (or a non-UN code present in the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StateStatus {
    Supporter,
    NotListed,
    NonSignatory,
    Disputed,
}

impl StateStatus {
    pub const ALL: [StateStatus; 4] = [
        StateStatus::Supporter,
        StateStatus::NotListed,
        StateStatus::NonSignatory,
        StateStatus::Disputed,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            StateStatus::Supporter => "supporter",
            StateStatus::NotListed => "not_listed",
            StateStatus::NonSignatory => "non_signatory",
            StateStatus::Disputed => "disputed",
        }
    }

    pub fn allowed_values() -> Vec<String> {
        Self::ALL.iter().map(|s| s.slug().to_string()).collect()
    }

    pub fn label(self, lang: impl Into<Lang>) -> &'static str {
        let lang: Lang = lang.into();
        match self {
            StateStatus::Supporter => lang.tr("Supporter", "Soutien"),
            StateStatus::NotListed => {
                lang.tr("Not in the official list", "Absent de la liste officielle")
            }
            StateStatus::NonSignatory => {
                lang.tr("Reported as not signing", "Signalé comme non-signataire")
            }
            StateStatus::Disputed => lang.tr("Disputed claim", "Revendication non confirmée"),
        }
    }
}

impl FromStr for StateStatus {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|c| c.slug() == s).ok_or(())
    }
}

/// What a private-sector entry is, grouped from the official `nature` field (which is free
/// text in French): the `nature` filter of /supporters. Only private-sector entries have a
/// group; "Entreprise" and "Association professionnelle" are most of them, the rest
/// (chambers of commerce) are "other", and an empty field is "not given".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NatureGroup {
    Company,
    TradeAssociation,
    Other,
    NotGiven,
}

impl NatureGroup {
    pub const ALL: [NatureGroup; 4] = [
        NatureGroup::Company,
        NatureGroup::TradeAssociation,
        NatureGroup::Other,
        NatureGroup::NotGiven,
    ];

    /// The value used in SQLite and query strings.
    pub fn slug(self) -> &'static str {
        match self {
            NatureGroup::Company => "company",
            NatureGroup::TradeAssociation => "trade_association",
            NatureGroup::Other => "other",
            NatureGroup::NotGiven => "not_given",
        }
    }

    /// The group of an official `nature` value (case and accents aside).
    pub fn of(nature: Option<&str>) -> NatureGroup {
        match nature.map(|n| fold(n.trim())).as_deref() {
            None | Some("") => NatureGroup::NotGiven,
            Some("entreprise") => NatureGroup::Company,
            Some("association professionnelle") => NatureGroup::TradeAssociation,
            Some(_) => NatureGroup::Other,
        }
    }

    /// The filter's choice, as the form and the active-filter list say it.
    pub fn label(self, lang: impl Into<Lang>) -> &'static str {
        let lang: Lang = lang.into();
        match self {
            NatureGroup::Company => lang.tr("Companies", "Entreprises"),
            NatureGroup::TradeAssociation => {
                lang.tr("Trade associations", "Associations professionnelles")
            }
            NatureGroup::Other => lang.tr(
                "Other natures (such as chambers of commerce)",
                "Autres natures (chambres de commerce, par exemple)",
            ),
            NatureGroup::NotGiven => lang.tr("Nature not given", "Nature non indiquée"),
        }
    }
}

impl FromStr for NatureGroup {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|c| c.slug() == s).ok_or(())
    }
}

/// An English label for the official list's `nature` field, which is written in French
/// (case and accents aside). `None` for a value not in this table: it is shown as written.
pub fn nature_in_english(nature: &str) -> Option<&'static str> {
    Some(match fold(nature).as_str() {
        "entreprise" => "Company",
        "association professionnelle" => "Professional association",
        "organisation a but non lucratif" => "Non-profit organisation",
        "universite" => "University",
        "fondation" => "Foundation",
        "think tank" => "Think tank",
        "association" => "Association",
        "chambre de commerce" => "Chamber of commerce",
        "ue" => "EU",
        "ong" => "NGO",
        "centre de recherche" => "Research centre",
        "collectivite locale" => "Local authority",
        "federation" => "Federation",
        "forum" => "Forum",
        "etat federe" => "Federated state",
        "organisme public" => "Public body",
        "organisation internationale" => "International organisation",
        "operateur" => "Operator",
        "ecole" => "School",
        "autorite independante" => "Independent authority",
        "agence" => "Agency",
        "groupement d'interet public" | "groupement d’interet public" => "Public interest group",
        "commission consultative" => "Advisory commission",
        "centre d'excellence" | "centre d’excellence" => "Centre of excellence",
        "academie" => "Academy",
        _ => return None,
    })
}

/// A day one or more sources give for an event, with those sources: where sources disagree
/// on the day, each day is shown with its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcedDay {
    pub day: PartialDate,
    pub source_ids: Vec<String>,
}

/// A date as precise as its source: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
/// Sources often give only a month or a year, and we must not pretend to more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// The ISO form, as stored: `2021`, `2021-11` or `2021-11-11`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// Whether `other` falls within this date's period: "November 2021" contains
    /// "2021-11-10", a full date only itself.
    pub fn contains(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && self.month.is_none_or(|m| other.month == Some(m))
            && self.day.is_none_or(|d| other.day == Some(d))
    }

    /// Where the date stands in a story: an imprecise date ("2018", "December 2018") after
    /// every precise date of its period, since it may fall at the period's end.
    pub fn story_order(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31))
    }

    /// The calendar date of a full date.
    pub fn to_date(self) -> Option<time::Date> {
        let month = time::Month::try_from(self.month?).ok()?;
        time::Date::from_calendar_date(i32::from(self.year), month, self.day?).ok()
    }

    pub fn from_date(date: time::Date) -> Self {
        PartialDate {
            year: u16::try_from(date.year()).unwrap_or_default(),
            month: Some(u8::from(date.month())),
            day: Some(date.day()),
        }
    }

    /// The day before a full date.
    pub fn previous_day(self) -> Option<Self> {
        self.to_date()?.previous_day().map(Self::from_date)
    }

    /// The day after a full date.
    pub fn next_day(self) -> Option<Self> {
        self.to_date()?.next_day().map(Self::from_date)
    }

    /// Today, in UTC.
    pub fn today() -> Self {
        Self::from_date(time::OffsetDateTime::now_utc().date())
    }
}

impl FromStr for PartialDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| -> Result<u16, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = number(parts.first().copied().unwrap_or(""), 4)?;
        let month = match parts.get(1) {
            Some(p) => Some(number(p, 2)? as u8),
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => Some(number(p, 2)? as u8),
            None => None,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        if let Some(m) = month {
            let month = time::Month::try_from(m).map_err(|_| bad())?;
            if let Some(d) = day {
                time::Date::from_calendar_date(i32::from(year), month, d).map_err(|_| bad())?;
            }
        }
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Case- and accent-insensitive form of a name, for "name contains" filters:
/// "Société Générale" and "societe generale" fold to the same text.
pub fn fold(text: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A name's identity in the official list's history: case-folded, `*` markers dropped,
/// runs of spaces and no-break spaces collapsed, ends trimmed. Two records with the same
/// identity are one entry of the list; accents are kept (they are what the list wrote).
pub fn list_identity(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split([' ', '\u{a0}'])
        .map(|w| w.replace('*', ""))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A name as search compares it: folded, punctuation as spaces, a leading article dropped,
/// so "the U.S.", "U.S." and "us" are one key, and "Côte d’Ivoire" is "cote d ivoire".
pub fn name_key(text: &str) -> String {
    let folded = fold(text);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    if words.len() > 1 && matches!(words[0], "the" | "le" | "la" | "les" | "l") {
        words.remove(0);
    }
    // U.S. → "u s": single letters written with dots are one abbreviation.
    if words.len() > 1 && words.iter().all(|w| w.chars().count() == 1) {
        return words.concat();
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_parse_and_format() {
        let d: PartialDate = "2018-11-12".parse().unwrap();
        assert_eq!(d.iso(), "2018-11-12");
        assert_eq!("2018".parse::<PartialDate>().unwrap().iso(), "2018");
        for bad in [
            "2018-13",
            "2019-02-30",
            "18-11-12",
            "2018-1-1",
            "",
            "2018-11-12-1",
            "2o18",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Société GÉNÉRALE"), "societe generale");
    }

    #[test]
    fn name_keys_ignore_punctuation_and_articles() {
        assert_eq!(name_key("U.S.A."), "usa");
        assert_eq!(name_key("the United States"), "united states");
        assert_eq!(name_key("Côte d’Ivoire"), "cote d ivoire");
        assert_eq!(name_key("Les États-Unis"), "etats unis");
        assert_eq!(name_key("The"), "the");
        assert_eq!(name_key("the U.S."), "us");
    }
}
