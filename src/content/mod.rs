//! Loads and validates `content/`: the CSV data files and the Markdown commentary.
//! Any problem stops the load with an error naming the file and the line.

mod citations;
mod commentary;
mod explainers;
pub mod official_source;
mod prose;
mod public_text;
pub mod quotes;
pub mod sources;
mod tables;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Category, PartialDate, SourcedDay};

pub use commentary::{Commentary, parse as parse_commentary, render_markdown};
pub use explainers::{Explainer, KeyTerm, SECTIONS};
pub use official_source::OfficialSource;
pub use prose::{PageProse, Prose, Segment};
pub use sources::{Registry, Source, SourceKind};
pub use tables::{
    DATE_SIGNED_SOURCE, OfficialRecord, history_category, parse_official_records, record_id,
};

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

/// An id or slug an editor writes: lower-case letters, digits and hyphens, not empty.
pub(crate) fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An ISO 3166-1 alpha-2 code's form: two upper-case letters.
pub(crate) fn is_alpha2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// A front-matter date that must be a whole day, `YYYY-MM-DD`.
fn full_date(value: &str) -> Option<PartialDate> {
    value.parse().ok().filter(PartialDate::is_full)
}

pub struct Principle {
    pub number: u8,
    pub short_title: String,
    pub short_title_fr: String,
    pub text_en: String,
    pub text_fr: String,
    pub page_text_en: String,
    pub page_text_fr: String,
    /// The declarations (English, French) and the official principles page, as source ids.
    pub source_id: String,
    pub source_id_fr: String,
    pub page_source_id: String,
}

pub struct Supporter {
    /// Stable id from the official record's file name, lower-cased.
    pub id: String,
    pub name: String,
    pub category: Category,
    pub country_iso2: Option<String>,
    pub joined: Option<PartialDate>,
    /// Sources of `joined`: the official list's own date, or press and official statements.
    pub joined_source_ids: Vec<String>,
    /// Where the sources of `joined` give different days within it (`join_dates.csv`): each
    /// day with its sources, in date order. Empty when they do not disagree.
    pub joined_days: Vec<SourcedDay>,
    /// The sources of `joined` report that all EU member states signed, without naming this
    /// state (`joined_scope` `eu_member_states` in supporters.csv).
    pub joined_eu_wide: bool,
    pub source_url: String,
    /// What a reader should know about the entry, in both languages, with its sources.
    pub note: Option<Statement>,
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

/// Another name a country is searched by: "USA", "Britain", "Holland".
pub struct CountryAlias {
    pub alias: String,
    /// ISO 3166-1 alpha-2 of a known country.
    pub iso2: String,
}

/// Text for readers in English and French, with the ids of the sources it rests on.
#[derive(Debug, Clone)]
pub struct Statement {
    pub en: String,
    pub fr: String,
    pub source_ids: Vec<String>,
}

/// What a dated statement about a state reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementEvent {
    /// A source reports that the state had not signed, or was not a supporter, that day.
    Absent,
    /// A source reports that the state joined or announced its support.
    Joined,
}

impl StatementEvent {
    pub const ALL: [StatementEvent; 2] = [StatementEvent::Absent, StatementEvent::Joined];

    pub fn slug(self) -> &'static str {
        match self {
            StatementEvent::Absent => "absent",
            StatementEvent::Joined => "joined",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.slug() == slug)
    }
}

pub struct NonSignatory {
    pub name: String,
    pub iso2: String,
    /// The statement's date, as its own source gives it.
    pub as_of: PartialDate,
    pub event: StatementEvent,
    pub statement: Statement,
}

/// What a source says of a body the official list does not show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    /// A source says it signed or joined: a disputed claim.
    Claim,
    /// A source only said it was expected to join: a dated note, not a claim.
    Expected,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 2] = [ClaimKind::Claim, ClaimKind::Expected];

    pub fn slug(self) -> &'static str {
        match self {
            ClaimKind::Claim => "claim",
            ClaimKind::Expected => "expected",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

pub struct Disputed {
    pub name: String,
    pub iso2: Option<String>,
    pub kind: ClaimKind,
    pub claim_date: Option<PartialDate>,
    pub claim: Statement,
    /// What the official list shows, (English, French).
    pub official_list_status: (String, String),
}

/// One span of days during which a name stood in the official list (a row of
/// `official_list_history.csv`, written by the import).
pub struct HistorySpan {
    /// The name as listed, `*` markers dropped and spaces collapsed.
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

/// One of the working groups of 2021, from its report (or, for groups without one, the list
/// of groups in another report).
pub struct WorkingGroup {
    pub number: u8,
    /// What the group was tasked with, (English, French).
    pub task: (String, String),
    pub year: PartialDate,
    /// Chairs that are in the official list, by record id.
    pub chair_ids: Vec<String>,
    /// Chairs that are not, by name (English, French).
    pub other_chairs: Option<(String, String)>,
    pub report_source_id: Option<String>,
    pub source_ids: Vec<String>,
}

/// One entry of our own corrections log.
pub struct Correction {
    /// The date, then a slug: stable forever (it keys the Atom entry).
    pub key: String,
    pub date: PartialDate,
    /// (English, French).
    pub what: (String, String),
    pub why: (String, String),
    pub source_ids: Vec<String>,
    /// Paths of the pages the correction concerns (e.g. `/countries/ro`).
    pub affects: Vec<String>,
}

/// A count of supporters as a source reported it, in the source's own words.
pub struct ReportedCount {
    pub date: Option<PartialDate>,
    /// When the date is imprecise or missing, how to say it: (English, French).
    pub date_label: Option<(String, String)>,
    pub source_ids: Vec<String>,
    pub total: Option<String>,
    pub states: Option<String>,
    pub public_authorities: Option<String>,
    pub companies: Option<String>,
    pub civil_society: Option<String>,
    pub quote: Option<String>,
    /// (English, French).
    pub note: Option<(String, String)>,
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
    pub const ALL: [RenameKind; 4] = [
        RenameKind::Rename,
        RenameKind::Duplicate,
        RenameKind::Departure,
        RenameKind::Unsure,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            RenameKind::Rename => "rename",
            RenameKind::Duplicate => "duplicate",
            RenameKind::Departure => "departure",
            RenameKind::Unsure => "unsure",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

pub struct RecordRename {
    pub old_name: String,
    pub old_record_file: String,
    pub listed_until: PartialDate,
    pub kind: RenameKind,
    pub successor_id: Option<String>,
    pub successor_name: Option<String>,
}

/// Everything in `content/`, validated.
pub struct Content {
    pub sources: Registry,
    pub principles: Vec<Principle>,
    pub countries: Vec<Country>,
    pub supporters: Vec<Supporter>,
    pub non_signatories: Vec<NonSignatory>,
    pub disputed: Vec<Disputed>,
    pub history: Vec<HistorySpan>,
    pub commentary: Vec<Commentary>,
    /// The prose of the site's own pages (`content/pages/`).
    pub prose: Vec<Prose>,
    /// The explanation of each principle, in both languages.
    pub explainers: Vec<Explainer>,
    pub working_groups: Vec<WorkingGroup>,
    pub corrections: Vec<Correction>,
    pub reported_counts: Vec<ReportedCount>,
    pub renames: Vec<RecordRename>,
    /// The commit of the official repository the list comes from, and when it was checked.
    pub official_source: OfficialSource,
    /// Other names readers search countries by (`country_aliases.csv`).
    pub country_aliases: Vec<CountryAlias>,
    /// English names that take "the" in a sentence (`names_with_the.csv`).
    pub names_with_the: Vec<String>,
    /// The official list's last change, from the history: the date every count is "as of".
    pub as_of: PartialDate,
    /// The day the Call was launched: the date of its declaration (`LAUNCH_SOURCE`).
    pub launch: PartialDate,
}

/// The source whose date is the Call's launch: the declaration, signed "Paris, 12th of
/// November, 2018". Sources that speak of the launch are compared with this day.
pub const LAUNCH_SOURCE: &str = "paris-call-declaration-en";

/// The launch day, from the declaration's `published` date in the registry.
fn launch_day(dir: &Path, sources: &Registry) -> Result<PartialDate, ContentError> {
    sources
        .get(LAUNCH_SOURCE)
        .and_then(|s| s.reference.published)
        .filter(PartialDate::is_full)
        .ok_or_else(|| {
            ContentError::new(
                &dir.join("sources.csv"),
                None,
                format!(
                    "the source {LAUNCH_SOURCE:?} needs a YYYY-MM-DD `published` date: it is the \
                     Call's launch day"
                ),
            )
        })
}

pub fn load(dir: &Path) -> Result<Content, ContentError> {
    let data = dir.join("data");
    let sources = Registry::load(dir)?;
    let launch = launch_day(dir, &sources)?;
    let countries = tables::countries(&data)?;
    let principles = tables::principles(&data, &sources)?;
    let official_source = official_source::load(dir)?;
    let history = tables::history(&data)?;
    let supporters = tables::supporters(&data, &countries, &sources, &history, &official_source)?;
    let non_signatories = tables::non_signatories(&data, &countries, &sources)?;
    let disputed = tables::disputed(&data, &countries, &sources)?;
    let corrections = tables::corrections(&data, &sources)?;
    let reported_counts = tables::reported_counts(&data, &sources)?;
    let renames = tables::renames(&data, &supporters)?;
    let commentary = commentary::load_all(&dir.join("commentary"), &sources)?;
    let prose = prose::load_all(&dir.join("pages"), &sources)?;
    let explainers = explainers::load_all(&dir.join("principles"), &sources, &supporters)?;
    let working_groups = tables::working_groups(&data, &sources, &supporters)?;
    let country_aliases = tables::country_aliases(&data, &countries)?;
    let names_with_the = tables::names_with_the(&data, &countries, &supporters)?;
    sources.check_all_cited()?;
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
        sources,
        principles,
        countries,
        supporters,
        non_signatories,
        disputed,
        history,
        commentary,
        prose,
        explainers,
        working_groups,
        corrections,
        reported_counts,
        renames,
        official_source,
        country_aliases,
        names_with_the,
        as_of,
        launch,
    })
}
