//! The data as it leaves the site: the columns of every download (documented once, for
//! /data, /datapackage.json and the CSV headers) and the JSON objects of downloads and API.

use serde::Serialize;

use crate::db::countries::{CountryRow, DisputedRow, NonSignatoryRow};
use crate::db::explainers::PrincipleSummary;
use crate::db::principles::PrincipleRow;
use crate::db::sources::Sources;
use crate::db::supporters::SupporterExport;
use crate::model::{PartialDate, fold};

pub struct Column {
    pub name: &'static str,
    /// Frictionless Table Schema type: string, integer, boolean, date, or `string` for partial dates.
    pub kind: &'static str,
    pub description: &'static str,
}

pub struct Table {
    /// Resource name in the data package, and file name stem.
    pub name: &'static str,
    pub path: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub columns: &'static [Column],
}

impl Column {
    /// The description, with `{history_start}` replaced by the first day of the official
    /// repository's history (a date of the data, not of the code).
    pub fn described(&self, history_start: &str) -> String {
        self.description.replace("{history_start}", history_start)
    }
}

const fn column(name: &'static str, kind: &'static str, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
    }
}

pub const SUPPORTERS: Table = Table {
    name: "supporters",
    path: "/supporters.csv",
    title: "Supporters of the Paris Call",
    description: "Every entry of the official list of supporters (or the filtered part of it), one row each.",
    columns: &[
        column(
            "id",
            "string",
            "Permanent id: the official record's file name in lower case. Our page is /supporters/{id}. In a past list (as_of), the current record of the same body; empty for a name no longer in the list.",
        ),
        column(
            "name",
            "string",
            "Name as the official list writes it (for states, the English short name). In a past list (as_of), the name as listed that day.",
        ),
        column(
            "category",
            "string",
            "state, public_authority, private_sector, civil_society or other (official category empty).",
        ),
        column(
            "country_iso2",
            "string",
            "ISO 3166-1 alpha-2 code of the declared nationality (for states, the state). Empty when the official list gives none.",
        ),
        column(
            "country_name",
            "string",
            "English short name of that country.",
        ),
        column(
            "joined",
            "string",
            "Join date where a source gives one: YYYY, YYYY-MM or YYYY-MM-DD. Empty when no source gives it.",
        ),
        column(
            "first_listed_by",
            "date",
            "First day the name appears in the official repository's history: an upper bound on the join date (the repository starts on {history_start}).",
        ),
        column(
            "nature",
            "string",
            "The official 'nature' field, in French as in the official list.",
        ),
        column(
            "official_name_fr",
            "string",
            "For states: the official list's French name.",
        ),
        column(
            "official_record_url",
            "string",
            "The supporter's record in the official repository at the pinned commit: the source of the entry. For a name no longer in the list, the list's folder at the commit where the name first appeared.",
        ),
        column(
            "page_url",
            "string",
            "Permanent URL of the supporter's page on this site; empty for a name no longer in the list.",
        ),
        column(
            "joined_sources",
            "string",
            "The sources of `joined` (URLs separated by ' ; '): the official list's own date, or news and official statements.",
        ),
        column(
            "note",
            "string",
            "What a reader should know about the entry, in English, as shown on its page (sources on the page).",
        ),
        column(
            "data_as_of",
            "date",
            "The date the row is true as of: the official list's last change, or the day given as as_of.",
        ),
    ],
};

pub const COUNTRIES: Table = Table {
    name: "countries",
    path: "/countries.csv",
    title: "States and their status",
    description: "The 193 UN member states, and the non-member codes present in the list, with each one's status.",
    columns: &[
        column("iso2", "string", "ISO 3166-1 alpha-2 code."),
        column("name", "string", "English short name."),
        column("region", "string", "UN region (empty for non-members)."),
        column("un_member", "boolean", "Whether it is a UN member state."),
        column(
            "status",
            "string",
            "supporter (own entry in the official list), non_signatory (a dated source says it did not sign), disputed (a claim the list does not confirm) or not_listed (no entry; not the same as refused).",
        ),
        column(
            "state_record_id",
            "string",
            "Id of the state's own supporter entry, if any.",
        ),
        column(
            "joined",
            "string",
            "The state's sourced join date, if any: YYYY, YYYY-MM or YYYY-MM-DD.",
        ),
        column(
            "first_listed_by",
            "date",
            "First day the state's entry appears in the official repository, if any.",
        ),
        column(
            "organisations",
            "integer",
            "Number of other supporters (not the state itself) declaring this nationality.",
        ),
        column(
            "page_url",
            "string",
            "Permanent URL of the country's page on this site.",
        ),
        column(
            "data_as_of",
            "date",
            "Date of the official list's last change.",
        ),
    ],
};

pub const NON_SIGNATORIES: Table = Table {
    name: "non-signatories",
    path: "/non-signatories.csv",
    title: "Statements that a state did not sign",
    description: "Dated, sourced statements that a notable state had not signed, including later changes of status.",
    columns: &[
        column("name", "string", "The state."),
        column("country_iso2", "string", "ISO 3166-1 alpha-2 code."),
        column(
            "as_of",
            "string",
            "Date of the statement or event: YYYY, YYYY-MM or YYYY-MM-DD.",
        ),
        column(
            "event",
            "string",
            "What the statement reports: `absent` (the state had not signed) or `joined` (it joined or announced its support).",
        ),
        column(
            "statement",
            "string",
            "What the sources say, in English, attributed to them.",
        ),
        column(
            "source_urls",
            "string",
            "The sources of the statement, separated by ' ; '.",
        ),
        column(
            "current_status",
            "string",
            "The state's status in the official list today (see countries.csv).",
        ),
        column(
            "data_as_of",
            "date",
            "Date of the official list's last change.",
        ),
    ],
};

pub const TABLES: [&Table; 3] = [&SUPPORTERS, &COUNTRIES, &NON_SIGNATORIES];

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
            nature: s.nature,
            official_name_fr: s.row.official_name_fr,
            official_record_url: s.row.source_url,
            joined_sources: urls(&s.joined_source_ids, sources),
            note: s.note,
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
        let (state_record_id, joined, listed) = match c.state_entry {
            Some((id, joined, listed)) => (Some(id), joined, Some(listed)),
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
    pub event: String,
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
            event: n.event,
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
            self.event.clone(),
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
    pub kind: String,
    pub claim_date: Option<String>,
    pub claim: String,
    pub claim_source_urls: Vec<String>,
    pub official_list_status: String,
}

impl ClaimJson {
    pub fn new(d: DisputedRow, sources: &Sources) -> Self {
        ClaimJson {
            name: d.name,
            kind: d.kind,
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

/// RFC 4180 CSV with a UTF-8 byte-order mark (so Excel reads UTF-8) and CRLF line ends.
pub fn csv_bytes(
    columns: &[Column],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(columns.iter().map(|c| c.name))?;
    for row in rows {
        writer.write_record(&row)?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// An Office Open XML workbook (what Excel opens without asking how to split columns, which
/// French Excel gets wrong for comma-separated files): one sheet named after the table, the
/// header row frozen and filterable, the CSV's columns and cells (integers as numbers).
pub fn xlsx_bytes(
    table: &Table,
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.name)?;
    let bold = Format::new().set_bold();
    for (col, column) in (0u16..).zip(table.columns) {
        sheet.write_string_with_format(0, col, column.name, &bold)?;
    }
    let mut last_row = 0;
    for (row, cells) in (1u32..).zip(rows) {
        for ((col, column), cell) in (0u16..).zip(table.columns).zip(&cells) {
            match cell.parse::<f64>() {
                Ok(number) if column.kind == "integer" => sheet.write_number(row, col, number)?,
                _ => sheet.write_string(row, col, cell)?,
            };
        }
        last_row = row;
    }
    let last_col = u16::try_from(table.columns.len().saturating_sub(1)).unwrap_or_default();
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    workbook.save_to_buffer()
}

/// A download's file name: `paris-call-<table>[-<filters>]-<day>.<extension>`. The filters
/// are the canonical query pairs, in their order, each reduced to lower-case ASCII letters,
/// digits and `_` (`category=private_sector&country=fr` gives `private_sector-fr`); values
/// that do not say which filter they are (years, text, sort) keep the parameter's name.
/// Without filters the name is the table's alone, as it always was.
pub fn file_name(
    table: &Table,
    pairs: &[(&str, String)],
    day: PartialDate,
    extension: &str,
) -> String {
    let mut parts = vec!["paris-call".to_string(), table.name.to_string()];
    for (name, value) in pairs.iter().filter(|(name, _)| *name != "as_of") {
        let value = match value.strip_prefix('-') {
            Some(reversed) => format!("{reversed} desc"),
            None => value.clone(),
        };
        let part = match *name {
            "category" | "nature" | "country" | "region" | "status" => value,
            _ => format!("{name} {value}"),
        };
        let safe: String = fold(&part)
            .chars()
            .map(|c| match c {
                'a'..='z' | '0'..='9' | '_' => c,
                _ => ' ',
            })
            .collect();
        let words: Vec<&str> = safe.split_whitespace().collect();
        let mut part = words.join("-");
        // A long text query would make an unwieldy name; its start says what it was.
        part.truncate(40);
        parts.push(part.trim_end_matches('-').to_string());
    }
    parts.push(day.iso());
    format!("{}.{extension}", parts.join("-"))
}
