//! What every page tells the base layout: title, description, canonical URL, as-of date,
//! the report-an-error link, and optionally a citation block and JSON-LD.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::AppState;
use crate::model::PartialDate;

pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub canonical_url: String,
    /// The page's path, to mark the current section in the navigation.
    pub path: String,
    /// The official list's last change, for the footer: "19 January 2024".
    pub as_of: String,
    pub as_of_iso: String,
    /// Where "Report an error" leads, prefilled with this page's address.
    pub report_url: String,
    /// The stylesheet's fingerprinted address.
    pub stylesheet_url: String,
    /// `website` or `article`, for Open Graph.
    pub og_type: &'static str,
    pub citation: Option<Citation>,
    /// Schema.org description of the page, already serialised and safe inside `<script>`.
    pub json_ld: Option<String>,
}

/// The "Cite this page" block: the same facts in APA, Chicago and BibTeX.
pub struct Citation {
    pub title: String,
    pub url: String,
    pub as_of: PartialDate,
    pub accessed: PartialDate,
    /// A BibTeX key derived from the path: `pco-supporters-microsoft-private-sector-usa`.
    pub key: String,
}

impl Citation {
    pub fn apa(&self) -> String {
        format!(
            "Paris Call Observatory. ({}). {} [Data set, as of {}]. Retrieved {}, from {}",
            self.as_of.year,
            self.title,
            self.as_of.long(),
            self.accessed.long(),
            self.url
        )
    }

    pub fn chicago(&self) -> String {
        format!(
            "Paris Call Observatory. “{}.” Data as of {}. Accessed {}. {}.",
            self.title,
            self.as_of.long(),
            self.accessed.long(),
            self.url
        )
    }

    pub fn bibtex(&self) -> String {
        // Braces are BibTeX syntax: a title may not carry its own.
        let title = self.title.replace(['{', '}'], "");
        format!(
            "@misc{{{key},\n  author       = {{{{Paris Call Observatory}}}},\n  title        = {{{title}}},\n  \
             year         = {{{year}}},\n  note         = {{Data as of {as_of}}},\n  \
             howpublished = {{\\url{{{url}}}}},\n  urldate      = {{{accessed}}}\n}}",
            key = self.key,
            year = self.as_of.year,
            as_of = self.as_of.iso(),
            url = self.url,
            accessed = self.accessed.iso(),
        )
    }
}

impl PageMeta {
    /// `path` is the page's permanent address, including any query that defines it.
    pub fn new(
        state: &AppState,
        title: impl Into<String>,
        description: impl Into<String>,
        path: &str,
    ) -> Self {
        Self::build(Some(state), title.into(), description.into(), path)
    }

    /// An error page's metadata; `state` is missing only if the app failed to start.
    pub fn for_error(state: Option<&AppState>, heading: &str) -> Self {
        Self::build(state, heading.to_string(), heading.to_string(), "/")
    }

    fn build(state: Option<&AppState>, title: String, description: String, path: &str) -> Self {
        let public_url = state.map_or("", |s| s.public_url.as_str());
        let canonical_url = format!("{public_url}{path}");
        let encode = |text: &str| utf8_percent_encode(text, NON_ALPHANUMERIC).to_string();
        let report_url = state.map_or(String::new(), |s| {
            s.report_url
                .replace("{url}", &encode(&canonical_url))
                .replace("{page}", &encode(path))
        });
        let as_of = state.map(|s| s.vocab.as_of);
        PageMeta {
            title,
            description,
            canonical_url,
            path: path.to_string(),
            as_of: as_of.map(|d| d.long()).unwrap_or_default(),
            as_of_iso: as_of.map(|d| d.iso()).unwrap_or_default(),
            report_url,
            stylesheet_url: state.map_or_else(
                || "/static/css/site.css".to_string(),
                |s| s.stylesheet_url.clone(),
            ),
            og_type: "website",
            citation: None,
            json_ld: None,
        }
    }

    /// Whether the page belongs to the navigation section at `prefix` (e.g. `/supporters`).
    pub fn in_section(&self, prefix: &str) -> bool {
        self.path == prefix
            || self
                .path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with(['/', '?']))
    }

    /// Adds a "Cite this page" block, accessed today.
    pub fn citable(mut self, as_of: PartialDate) -> Self {
        let key_path: String = self
            .path
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let key = format!("pco{}", key_path.trim_end_matches('-'));
        self.citation = Some(Citation {
            title: self.title.clone(),
            url: self.canonical_url.clone(),
            as_of,
            accessed: today(),
            key,
        });
        self
    }

    pub fn article(mut self) -> Self {
        self.og_type = "article";
        self
    }

    /// Attaches schema.org JSON-LD. `<` is escaped so no text in it can close the script element.
    pub fn with_json_ld(mut self, value: serde_json::Value) -> Self {
        self.json_ld = Some(value.to_string().replace('<', "\\u003c"));
        self
    }
}

fn today() -> PartialDate {
    let date = time::OffsetDateTime::now_utc().date();
    PartialDate {
        year: u16::try_from(date.year()).unwrap_or_default(),
        month: Some(u8::from(date.month())),
        day: Some(date.day()),
    }
}
