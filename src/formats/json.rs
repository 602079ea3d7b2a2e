//! The JSON objects of the downloads and the API, and each list's CSV row.

use serde::Serialize;

use crate::db::countries::{CountryRow, DisputedRow, NonSignatoryRow};
use crate::db::explainers::PrincipleSummary;
use crate::db::principles::PrincipleRow;
use crate::db::sources::Sources;
use crate::db::supporters::SupporterExport;
use crate::model::PartialDate;

/// A supporter in the downloads and the API.
#[derive(Serialize)]
pub struct SupporterJson {
    /// None for a name no longer in the list (only in past lists): it has no record here.
    pub id: Option<String>,
    pub name: String,
    pub category: &'static str,
    pub country_iso2: Option<String>,
    pub country_name: Option<String>,
    pub joined: Option<String>,
    pub first_listed_by: String,
    pub nature: Option<String>,
    pub official_name_fr: Option<String>,
    pub official_record_url: String,
    pub page_url: Option<String>,
    pub joined_sources: Vec<String>,
    pub note: Option<String>,
}

/// The URLs of cited sources.
fn urls(ids: &[String], sources: &Sources) -> Vec<String> {
    sources.resolve(ids).into_iter().map(|r| r.url).collect()
}

impl SupporterJson {
    pub fn new(s: SupporterExport, public_url: &str, sources: &Sources) -> Self {
        SupporterJson {
            page_url: s
                .row
                .has_page()
                .then(|| format!("{public_url}/supporters/{}", s.row.id)),
            id: Some(s.row.id).filter(|id| !id.is_empty()),
            name: s.row.name,
            category: s.row.category.slug(),
            country_iso2: s.row.country_iso2,
            country_name: s.row.country_name,
            joined: s.row.joined.map(|d| d.iso()),
            first_listed_by: s.row.listed_since.iso(),
            nature: s.details.nature,
            official_name_fr: s.row.official_name_fr,
            official_record_url: s.row.source_url,
            joined_sources: urls(&s.details.joined_source_ids, sources),
            note: s.details.note,
        }
    }

    /// The CSV row, in `SUPPORTERS.columns` order.
    pub fn record(&self, as_of: PartialDate) -> Vec<String> {
        vec![
            self.id.clone().unwrap_or_default(),
            self.name.clone(),
            self.category.to_string(),
            self.country_iso2.clone().unwrap_or_default(),
            self.country_name.clone().unwrap_or_default(),
            self.joined.clone().unwrap_or_default(),
            self.first_listed_by.clone(),
            self.nature.clone().unwrap_or_default(),
            self.official_name_fr.clone().unwrap_or_default(),
            self.official_record_url.clone(),
            self.page_url.clone().unwrap_or_default(),
            self.joined_sources.join(" ; "),
            self.note.clone().unwrap_or_default(),
            as_of.iso(),
        ]
    }
}

#[derive(Serialize)]
pub struct CountryJson {
    pub iso2: String,
    pub name: String,
    pub region: Option<String>,
    pub un_member: bool,
    pub status: &'static str,
    pub state_record_id: Option<String>,
    pub joined: Option<String>,
    pub first_listed_by: Option<String>,
    pub organisations: i64,
    pub page_url: String,
}

impl CountryJson {
    pub fn new(c: CountryRow, public_url: &str) -> Self {
        let (state_record_id, joined, listed) = match c.state_entry() {
            Some((id, joined, listed)) => (Some(id.to_string()), joined, Some(listed)),
            None => (None, None, None),
        };
        CountryJson {
            page_url: format!("{public_url}/countries/{}", c.iso2.to_ascii_lowercase()),
            iso2: c.iso2,
            name: c.name,
            region: c.region,
            un_member: c.un_member,
            status: c.status.slug(),
            state_record_id,
            joined: joined.map(|d| d.iso()),
            first_listed_by: listed.map(|d| d.iso()),
            organisations: c.organisations,
        }
    }

    pub fn record(&self, as_of: PartialDate) -> Vec<String> {
        vec![
            self.iso2.clone(),
            self.name.clone(),
            self.region.clone().unwrap_or_default(),
            self.un_member.to_string(),
            self.status.to_string(),
            self.state_record_id.clone().unwrap_or_default(),
            self.joined.clone().unwrap_or_default(),
            self.first_listed_by.clone().unwrap_or_default(),
            self.organisations.to_string(),
            self.page_url.clone(),
            as_of.iso(),
        ]
    }
}

#[derive(Serialize)]
pub struct StatementJson {
    pub name: String,
    pub country_iso2: String,
    pub as_of: String,
    pub event: &'static str,
    pub statement: String,
    pub source_urls: Vec<String>,
    pub current_status: &'static str,
}

impl StatementJson {
    pub fn new(n: NonSignatoryRow, sources: &Sources) -> Self {
        StatementJson {
            name: n.name,
            country_iso2: n.iso2,
            as_of: n.as_of.iso(),
            event: n.event.slug(),
            statement: n.statement,
            source_urls: urls(&n.source_ids, sources),
            current_status: n.current_status.slug(),
        }
    }

    pub fn record(&self, as_of: PartialDate) -> Vec<String> {
        vec![
            self.name.clone(),
            self.country_iso2.clone(),
            self.as_of.clone(),
            self.event.to_string(),
            self.statement.clone(),
            self.source_urls.join(" ; "),
            self.current_status.to_string(),
            as_of.iso(),
        ]
    }
}

/// A claim of support that the official list does not confirm.
#[derive(Serialize)]
pub struct ClaimJson {
    pub name: String,
    /// `claim` (a source says it joined) or `expected` (a source said it would join).
    pub kind: &'static str,
    pub claim_date: Option<String>,
    pub claim: String,
    pub claim_source_urls: Vec<String>,
    pub official_list_status: String,
}

impl ClaimJson {
    pub fn new(d: DisputedRow, sources: &Sources) -> Self {
        ClaimJson {
            name: d.name,
            kind: d.kind.slug(),
            claim_date: d.claim_date.map(|d| d.iso()),
            claim: d.claim,
            claim_source_urls: urls(&d.source_ids, sources),
            official_list_status: d.official_list_status,
        }
    }
}

/// A state with its dated statements and unconfirmed claims.
#[derive(Serialize)]
pub struct CountryDetailJson {
    pub data_as_of: String,
    #[serde(flatten)]
    pub country: CountryJson,
    pub statements: Vec<StatementJson>,
    pub claims: Vec<ClaimJson>,
}

/// One supporter, with the date its data is true as of.
#[derive(Serialize)]
pub struct SupporterDetailJson {
    pub data_as_of: String,
    #[serde(flatten)]
    pub supporter: SupporterJson,
}

#[derive(Serialize)]
pub struct PrincipleJson {
    pub number: u8,
    pub short_title: String,
    pub short_title_fr: String,
    pub text_en: String,
    pub text_fr: String,
    pub principles_page_text_en: String,
    pub principles_page_text_fr: String,
    pub source_url: String,
    pub source_url_fr: String,
    pub principles_page_source_url: String,
    /// The principle in one plain sentence (English, French).
    pub summary: String,
    pub summary_fr: String,
    pub key_terms: Vec<KeyTermJson>,
    /// The page that explains it.
    pub page_url: String,
}

/// A key term of a principle, defined in the glossary.
#[derive(Serialize)]
pub struct KeyTermJson {
    pub id: String,
    pub term: String,
    pub term_fr: String,
    pub glossary_url: String,
}

impl PrincipleJson {
    pub fn new(
        p: PrincipleRow,
        en: PrincipleSummary,
        fr: PrincipleSummary,
        public_url: &str,
    ) -> Self {
        let key_terms = en
            .key_terms
            .into_iter()
            .map(|(id, term)| KeyTermJson {
                term_fr: fr
                    .key_terms
                    .iter()
                    .find(|(other, _)| *other == id)
                    .map_or_else(|| term.clone(), |(_, t)| t.clone()),
                glossary_url: format!("{public_url}/glossary#{id}"),
                id,
                term,
            })
            .collect();
        PrincipleJson {
            summary: en.summary,
            summary_fr: fr.summary,
            key_terms,
            page_url: format!("{public_url}/principles/{}", p.number),
            number: p.number,
            short_title: p.short_title,
            short_title_fr: p.short_title_fr,
            text_en: p.text_en,
            text_fr: p.text_fr,
            principles_page_text_en: p.page_text_en,
            principles_page_text_fr: p.page_text_fr,
            source_url: p.source_url,
            source_url_fr: p.source_url_fr,
            principles_page_source_url: p.page_source_url,
        }
    }
}

/// A list of items with the date it is true as of; `page` fields only for paginated API answers.
#[derive(Serialize)]
pub struct ListJson<T> {
    pub data_as_of: String,
    pub total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    pub items: Vec<T>,
}

impl<T> ListJson<T> {
    /// The whole list, unpaginated.
    pub fn all(items: Vec<T>, as_of: PartialDate) -> Self {
        ListJson {
            data_as_of: as_of.iso(),
            total: items.len(),
            page: None,
            per_page: None,
            pages: None,
            items,
        }
    }
}
