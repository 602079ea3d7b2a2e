//! The vocabulary: what the data holds that every request may need (countries, regions,
//! years, the list's dates and sources), read once at start-up by `db::vocabulary::load`.

use std::collections::BTreeSet;

use crate::content::OfficialSource;
use crate::db::sources::Sources;
use crate::i18n::Lang;
use crate::model::PartialDate;
use crate::timeline::Timeline;

#[derive(serde::Deserialize)]
pub struct CountryName {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    pub name: String,
    pub name_fr: String,
}

impl CountryName {
    pub fn name(&self, lang: impl Into<Lang>) -> &str {
        let lang: Lang = lang.into();
        lang.tr(&self.name, &self.name_fr)
    }
}

/// What query-string values may be: loaded once at start.
pub struct Vocabulary {
    /// Every country, by code.
    pub countries: Vec<CountryName>,
    pub regions: Vec<String>,
    pub listed_years: Vec<u16>,
    pub joined_years: Vec<u16>,
    pub as_of: PartialDate,
    /// The day the Call was launched (the declaration's date).
    pub launch: PartialDate,
    /// The official repository's commit the list comes from, and the day it was checked.
    pub official: OfficialSource,
    /// The list's size after each change.
    pub timeline: Timeline,
    /// The sources registry, to render the references pages cite by id.
    pub sources: Sources,
    /// English names that take "the" in a sentence.
    pub names_with_the: BTreeSet<String>,
}

impl Vocabulary {
    /// The day to replay the history for: `day` if it is before the list's last change (on
    /// or after it, the list is today's and is read from the current tables).
    pub fn past(&self, day: Option<PartialDate>) -> Option<PartialDate> {
        day.filter(|d| *d < self.as_of)
    }

    /// Every country in the alphabetical order of its name in `lang`, accents aside as a
    /// French reader expects ("Égypte" among the E, not after "Zimbabwe").
    pub fn countries_by_name(&self, lang: Lang) -> Vec<&CountryName> {
        let mut sorted: Vec<(String, &CountryName)> = self
            .countries
            .iter()
            .map(|c| (crate::model::fold(c.name(lang)), c))
            .collect();
        sorted.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.name(lang).cmp(b.1.name(lang)))
        });
        sorted.into_iter().map(|(_, c)| c).collect()
    }

    /// A country's name in `lang`, from its ISO code in any case.
    pub fn country_name(&self, code: &str, lang: Lang) -> Option<&str> {
        self.countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
            .map(|c| c.name(lang))
    }
}
