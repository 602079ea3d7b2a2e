//! Loads and validates `content/`: the CSV data files and the Markdown commentary.
//! Any problem stops the load with an error naming the file and the line.

mod commentary;
mod notes;
mod tables;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Category, PartialDate};

pub use commentary::{Commentary, parse as parse_commentary, render_markdown};
pub use notes::{NoteItem, NoteSegment};
pub use tables::parse_supporters;

/// A problem in an editor's file, located precisely enough to fix it.
#[derive(Debug)]
pub struct ContentError {
    pub path: PathBuf,
    pub line: Option<u64>,
    pub message: String,
}

impl ContentError {
    pub fn new(path: &Path, line: Option<u64>, message: impl Into<String>) -> Self {
        ContentError {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ContentError {}

pub struct Principle {
    pub number: u8,
    pub short_title: String,
    pub short_title_fr: String,
    pub text_en: String,
    pub text_fr: String,
    pub page_text_en: String,
    pub page_text_fr: String,
    pub source_url: String,
    pub source_url_fr: String,
    pub page_source_url: String,
}

pub struct Supporter {
    /// Stable id from the official record's file name, lower-cased.
    pub id: String,
    pub name: String,
    pub category: Category,
    pub country_iso2: Option<String>,
    pub joined: Option<PartialDate>,
    pub source_url: String,
    pub notes: Vec<NoteItem>,
    /// The official `nature` field (French, as in the official list).
    pub nature: Option<String>,
    /// For states: the official list's French name.
    pub official_name_fr: Option<String>,
    /// First day the name appears in the official repository: an upper bound on the join date.
    pub listed_since: PartialDate,
}

pub struct Country {
    pub iso2: String,
    pub iso3: Option<String>,
    /// ISO 3166-1 numeric, which keys the map's shapes.
    pub numeric: Option<String>,
    pub name: String,
    pub official_name: Option<String>,
    pub name_fr: Option<String>,
    pub region: Option<String>,
    pub subregion: Option<String>,
    pub un_member: bool,
    pub source: String,
}

pub struct NonSignatory {
    pub name: String,
    pub iso2: String,
    pub status_note: String,
    pub source_url: String,
    pub as_of: PartialDate,
    pub in_official_list: String,
}

pub struct Disputed {
    pub name: String,
    pub iso2: Option<String>,
    pub claim: String,
    pub claim_source_urls: Vec<String>,
    pub official_list_status: String,
    pub official_list_source_url: String,
}

pub struct HistorySpan {
    pub name: String,
    /// The official category, normalised (the history mixes `private-sector` and `private_sector`).
    pub category: Category,
    pub category_raw: String,
    pub nationality: String,
    pub listed_from: PartialDate,
    pub listed_from_commit: String,
    pub listed_until: Option<PartialDate>,
    pub listed_until_commit: Option<String>,
    pub record_file: String,
}

/// One entry of our own corrections log.
pub struct Correction {
    pub date: PartialDate,
    pub what: String,
    pub why: String,
    pub source_url: String,
    /// Paths of the pages the correction concerns (e.g. `/countries/ro`).
    pub affects: Vec<String>,
}

/// A count of supporters as a source reported it, in the source's own words.
pub struct ReportedCount {
    pub date: Option<PartialDate>,
    pub date_note: String,
    pub source_name: String,
    pub source_url: String,
    pub total: Option<String>,
    pub states: Option<String>,
    pub public_authorities: Option<String>,
    pub companies: Option<String>,
    pub civil_society: Option<String>,
    pub quote: Option<String>,
    pub notes: Option<String>,
}

/// What became of a name that left the official list and never came back (reviewed by hand).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameKind {
    Rename,
    Duplicate,
    Departure,
    Unsure,
}

impl RenameKind {
    pub fn slug(self) -> &'static str {
        match self {
            RenameKind::Rename => "rename",
            RenameKind::Duplicate => "duplicate",
            RenameKind::Departure => "departure",
            RenameKind::Unsure => "unsure",
        }
    }
}

pub struct RecordRename {
    pub old_name: String,
    pub old_record_file: String,
    pub listed_until: PartialDate,
    pub kind: RenameKind,
    pub successor_id: Option<String>,
    pub successor_name: Option<String>,
    pub evidence: String,
}

/// Everything in `content/`, validated.
pub struct Content {
    pub principles: Vec<Principle>,
    pub countries: Vec<Country>,
    pub supporters: Vec<Supporter>,
    pub non_signatories: Vec<NonSignatory>,
    pub disputed: Vec<Disputed>,
    pub history: Vec<HistorySpan>,
    pub commentary: Vec<Commentary>,
    pub corrections: Vec<Correction>,
    pub reported_counts: Vec<ReportedCount>,
    pub renames: Vec<RecordRename>,
    /// The official list's last change, from the history: the date every count is "as of".
    pub as_of: PartialDate,
}

pub fn load(dir: &Path) -> Result<Content, ContentError> {
    let data = dir.join("data");
    let countries = tables::countries(&data)?;
    let principles = tables::principles(&data)?;
    let supporters = tables::supporters(&data, &countries)?;
    let non_signatories = tables::non_signatories(&data, &countries)?;
    let disputed = tables::disputed(&data, &countries)?;
    let history = tables::history(&data)?;
    let corrections = tables::corrections(&data)?;
    let reported_counts = tables::reported_counts(&data)?;
    let renames = tables::renames(&data, &supporters)?;
    let commentary = commentary::load_all(&dir.join("commentary"))?;
    let as_of = history
        .iter()
        .flat_map(|h| [Some(h.listed_from), h.listed_until])
        .flatten()
        .max()
        .ok_or_else(|| {
            ContentError::new(
                &data.join("official_list_history.csv"),
                None,
                "no rows: the data's as-of date comes from this file",
            )
        })?;
    Ok(Content {
        principles,
        countries,
        supporters,
        non_signatories,
        disputed,
        history,
        commentary,
        corrections,
        reported_counts,
        renames,
        as_of,
    })
}
