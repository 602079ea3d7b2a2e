//! The CSV files of `content/data/`, one reader each, every row checked and located.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::official_source::OfficialSource;
use super::sources::Registry;
use super::{
    ClaimKind, ContentError, Correction, Country, Disputed, HistorySpan, NonSignatory, Principle,
    RecordRename, RenameKind, ReportedCount, Statement, StatementEvent, Supporter, WorkingGroup,
    public_text,
};
use crate::model::{Category, PartialDate, SourcedDay, list_identity};

/// Reads every row of a CSV file into `R`, keeping each row's line number for error messages.
pub(super) fn read<R: DeserializeOwned>(path: &Path) -> Result<Vec<(u64, R)>, ContentError> {
    let bytes = std::fs::read(path)
        .map_err(|e| ContentError::new(path, None, format!("cannot read: {e}")))?;
    rows(path, &nfc(bytes))
}

/// Text in Unicode NFC, so that exact search and copy-paste work whatever form an editor's
/// tool saved (bytes that are not UTF-8 are left for the CSV reader to report).
pub(super) fn nfc(bytes: Vec<u8>) -> Vec<u8> {
    use unicode_normalization::{UnicodeNormalization, is_nfc};
    match String::from_utf8(bytes) {
        Ok(text) if is_nfc(&text) => text.into_bytes(),
        Ok(text) => text.nfc().collect::<String>().into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// Parses CSV text (with a header row) into `R`s; errors name `path` and the line.
fn rows<R: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<Vec<(u64, R)>, ContentError> {
    // csv's own line counter drifts on CRLF files, so lines are counted from byte offsets:
    // the offsets where lines start, once, then a binary search per record.
    // A line ends at `\n`, or at a lone `\r` (old Mac files, which csv also accepts).
    let line_starts: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .map(|(i, _)| i + 1)
        .collect();
    let line_at = |position: Option<&csv::Position>| {
        position.map(|p| {
            let mut at = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            // With CRLF endings a record's position can fall on the previous line's `\n`.
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            line_starts.partition_point(|&start| start <= at) as u64 + 1
        })
    };
    let located = |e: csv::Error| {
        let line = line_at(e.position());
        let message = match e.kind() {
            csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
            _ => e.to_string(),
        };
        ContentError::new(path, line, message)
    };
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().map_err(located)?.clone();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(located)? {
        let line = line_at(record.position()).unwrap_or(0);
        let row = record
            .deserialize(Some(&headers))
            .map_err(|e| ContentError::new(path, Some(line), e.to_string()))?;
        rows.push((line, row));
    }
    Ok(rows)
}

/// A required text column: present and not blank.
pub(super) fn required(
    path: &Path,
    line: u64,
    column: &str,
    value: String,
) -> Result<String, ContentError> {
    let value = value.trim().to_string();
    if value.is_empty() {
        Err(ContentError::new(
            path,
            Some(line),
            format!("column `{column}` is empty: every row needs it"),
        ))
    } else {
        Ok(value)
    }
}

pub(super) fn source_url(
    path: &Path,
    line: u64,
    column: &str,
    value: String,
) -> Result<String, ContentError> {
    let value = required(path, line, column, value)?;
    if value.starts_with("https://") || value.starts_with("http://") {
        Ok(value)
    } else {
        Err(ContentError::new(
            path,
            Some(line),
            format!(
                "column `{column}` must be a URL starting with https:// or http://, found {value:?}"
            ),
        ))
    }
}

pub(super) fn date(
    path: &Path,
    line: u64,
    column: &str,
    value: &str,
) -> Result<PartialDate, ContentError> {
    value
        .trim()
        .parse()
        .map_err(|e| ContentError::new(path, Some(line), format!("column `{column}`: {e}")))
}

/// An optional date column: empty, or a date as `date` reads it.
fn optional_date(
    path: &Path,
    line: u64,
    column: &str,
    value: &str,
) -> Result<Option<PartialDate>, ContentError> {
    match value.trim() {
        "" => Ok(None),
        value => date(path, line, column, value).map(Some),
    }
}

pub(super) fn optional(value: String) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// An ISO 3166-1 alpha-2 code that must be one of the known countries (or empty when allowed).
fn country_code(
    path: &Path,
    line: u64,
    value: &str,
    known: &HashSet<&str>,
) -> Result<Option<String>, ContentError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if known.contains(value) {
        Ok(Some(value.to_string()))
    } else {
        Err(ContentError::new(
            path,
            Some(line),
            format!(
                "column `country_iso2`: {value:?} is not a known ISO 3166-1 alpha-2 code \
                 (see un_member_states.csv and non_un_codes.csv)"
            ),
        ))
    }
}

#[derive(Deserialize)]
struct UnMemberRow {
    iso2: String,
    iso3: String,
    numeric: String,
    name: String,
    official_name: String,
    region: String,
    subregion: String,
}

#[derive(Deserialize)]
struct NonUnRow {
    iso2: String,
    numeric: String,
    name: String,
    source: String,
}

#[derive(Deserialize)]
struct FrenchNameRow {
    iso2: String,
    name_fr: String,
}

fn iso2(path: &Path, line: u64, value: String) -> Result<String, ContentError> {
    let value = value.trim().to_string();
    if value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(value)
    } else {
        Err(ContentError::new(
            path,
            Some(line),
            format!("column `iso2`: {value:?} is not two upper-case letters"),
        ))
    }
}

/// An ISO 3166-1 numeric code: three digits (the map's shapes are keyed by it).
fn numeric(path: &Path, line: u64, value: String) -> Result<Option<String>, ContentError> {
    let value = value.trim().to_string();
    if value.is_empty() {
        return Ok(None);
    }
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Some(value))
    } else {
        Err(ContentError::new(
            path,
            Some(line),
            format!("column `numeric`: {value:?} is not a three-digit ISO 3166-1 numeric code"),
        ))
    }
}

pub(super) fn countries(data: &Path) -> Result<Vec<Country>, ContentError> {
    let french_path = data.join("country_names_fr.csv");
    let mut french = HashMap::new();
    for (line, row) in read::<FrenchNameRow>(&french_path)? {
        let code = iso2(&french_path, line, row.iso2)?;
        french.insert(code, required(&french_path, line, "name_fr", row.name_fr)?);
    }

    let mut countries = Vec::new();
    let mut seen = HashSet::new();
    let un_path = data.join("un_member_states.csv");
    for (line, row) in read::<UnMemberRow>(&un_path)? {
        let code = iso2(&un_path, line, row.iso2)?;
        if !seen.insert(code.clone()) {
            return Err(ContentError::new(
                &un_path,
                Some(line),
                format!("duplicate code {code}"),
            ));
        }
        countries.push(Country {
            name_fr: french.get(&code).cloned(),
            iso2: code,
            iso3: optional(row.iso3),
            numeric: numeric(&un_path, line, row.numeric)?,
            name: required(&un_path, line, "name", row.name)?,
            official_name: optional(row.official_name),
            region: optional(row.region),
            subregion: optional(row.subregion),
            un_member: true,
            source: "un_member_states.csv".to_string(),
        });
    }
    let other_path = data.join("non_un_codes.csv");
    for (line, row) in read::<NonUnRow>(&other_path)? {
        let code = iso2(&other_path, line, row.iso2)?;
        if !seen.insert(code.clone()) {
            return Err(ContentError::new(
                &other_path,
                Some(line),
                format!("duplicate code {code}"),
            ));
        }
        countries.push(Country {
            name_fr: french.get(&code).cloned(),
            iso2: code,
            iso3: None,
            numeric: numeric(&other_path, line, row.numeric)?,
            name: required(&other_path, line, "name", row.name)?,
            official_name: None,
            region: None,
            subregion: None,
            un_member: false,
            source: required(&other_path, line, "source", row.source)?,
        });
    }
    Ok(countries)
}

#[derive(Deserialize)]
struct PrincipleRow {
    number: String,
    short_title: String,
    official_text_en: String,
    official_text_fr: String,
    source_id: String,
    short_title_fr: String,
    principles_page_text_en: String,
    principles_page_text_fr: String,
    source_id_fr: String,
    principles_page_source_id: String,
}

pub(super) fn principles(data: &Path, sources: &Registry) -> Result<Vec<Principle>, ContentError> {
    let path = data.join("principles.csv");
    let mut principles: Vec<Principle> = Vec::new();
    for (line, row) in read::<PrincipleRow>(&path)? {
        let number = row
            .number
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|n| (1..=9).contains(n))
            .ok_or_else(|| {
                ContentError::new(
                    &path,
                    Some(line),
                    format!("column `number`: {:?} is not 1 to 9", row.number),
                )
            })?;
        if principles.iter().any(|p| p.number == number) {
            return Err(ContentError::new(
                &path,
                Some(line),
                format!("principle {number} appears twice"),
            ));
        }
        principles.push(Principle {
            number,
            short_title: required(&path, line, "short_title", row.short_title)?,
            short_title_fr: required(&path, line, "short_title_fr", row.short_title_fr)?,
            text_en: required(&path, line, "official_text_en", row.official_text_en)?,
            text_fr: required(&path, line, "official_text_fr", row.official_text_fr)?,
            page_text_en: required(
                &path,
                line,
                "principles_page_text_en",
                row.principles_page_text_en,
            )?,
            page_text_fr: required(
                &path,
                line,
                "principles_page_text_fr",
                row.principles_page_text_fr,
            )?,
            source_id: one_source(&path, line, sources, "source_id", &row.source_id)?,
            source_id_fr: one_source(&path, line, sources, "source_id_fr", &row.source_id_fr)?,
            page_source_id: one_source(
                &path,
                line,
                sources,
                "principles_page_source_id",
                &row.principles_page_source_id,
            )?,
        });
    }
    if principles.len() != 9 {
        return Err(ContentError::new(
            &path,
            None,
            format!("expected the 9 principles, found {}", principles.len()),
        ));
    }
    principles.sort_by_key(|p| p.number);
    Ok(principles)
}

/// A column holding exactly one source id.
fn one_source(
    path: &Path,
    line: u64,
    sources: &Registry,
    column: &str,
    value: &str,
) -> Result<String, ContentError> {
    let mut ids = sources.ids(path, line, column, value, true)?;
    if ids.len() != 1 {
        return Err(ContentError::new(
            path,
            Some(line),
            format!("column `{column}` takes one source id"),
        ));
    }
    Ok(ids.remove(0))
}

/// A row of `official_records.csv`: one record file of the official list, as the import
/// read it at the pinned commit (raw values, nothing of ours).
#[derive(Deserialize)]
struct OfficialRecordRow {
    record_file: String,
    name: String,
    category: String,
    nature: String,
    // As written; the import maps it to `nationality_iso2` (nationalities.csv).
    #[allow(dead_code)]
    nationality: String,
    nationality_iso2: String,
    date_signed: String,
}

/// One official record, checked.
pub struct OfficialRecord {
    /// The file name in `_supporters/`, as the official repository spells it.
    pub record_file: String,
    /// Our permanent id: the file name without `.md`, in lower case.
    pub id: String,
    /// The official name, trimmed.
    pub name: String,
    pub category: Category,
    pub nature: Option<String>,
    pub country_iso2: Option<String>,
    /// The official `date_signed` (written by the official site's online form).
    pub date_signed: Option<PartialDate>,
}

/// The id of a record file: `microsoft-private-sector-USA.md` → `microsoft-private-sector-usa`.
/// Display names change; file names are what the official list keys its records by, so
/// our permanent URLs follow them.
pub fn record_id(record_file: &str) -> Option<String> {
    let stem = record_file.strip_suffix(".md")?.to_ascii_lowercase();
    let valid = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    valid.then_some(stem)
}

/// Checks and converts the rows of an `official_records.csv` (also the fuzzing entry point).
pub fn parse_official_records(
    path: &Path,
    bytes: &[u8],
    countries: &[Country],
) -> Result<Vec<(u64, OfficialRecord)>, ContentError> {
    let known: HashSet<&str> = countries.iter().map(|c| c.iso2.as_str()).collect();
    let mut ids = HashMap::new();
    let mut records = Vec::new();
    for (line, row) in rows::<OfficialRecordRow>(path, bytes)? {
        let at = |message: String| ContentError::new(path, Some(line), message);
        let category = Category::from_official(&row.category).ok_or_else(|| {
            at(format!(
                "column `category`: unknown category {:?} (allowed: {})",
                row.category,
                Category::OFFICIAL_VALUES.join(", ")
            ))
        })?;
        let record_file = row.record_file.trim().to_string();
        let id = record_id(&record_file).ok_or_else(|| {
            at(format!(
                "column `record_file`: {record_file:?} is not a record file name \
                 (letters, digits, - and _, then .md)"
            ))
        })?;
        if let Some(first) = ids.insert(id.clone(), line) {
            return Err(at(format!(
                "duplicate record id {id:?} (first on line {first})"
            )));
        }
        let date_signed = optional_date(path, line, "date_signed", &row.date_signed)?;
        let country_iso2 = match row.nationality_iso2.trim() {
            "" => None,
            code if known.contains(code) => Some(code.to_string()),
            code => {
                return Err(at(format!(
                    "column `nationality_iso2`: {code:?} is not a known ISO 3166-1 alpha-2 code \
                     (see un_member_states.csv and non_un_codes.csv)"
                )));
            }
        };
        records.push((
            line,
            OfficialRecord {
                id,
                record_file,
                name: public(path, line, "name", required(path, line, "name", row.name)?)?,
                category,
                nature: optional(row.nature),
                country_iso2,
                date_signed,
            },
        ));
    }
    Ok(records)
}

/// A row of our `supporters.csv`: what we add to an official record, keyed by its id.
#[derive(Deserialize)]
struct CuratedRow {
    id: String,
    display_name: String,
    joined: String,
    joined_source_ids: String,
    joined_scope: String,
    listed_since: String,
    note: String,
    note_fr: String,
    note_source_ids: String,
    // Never shown: how the row was compiled.
    #[allow(dead_code)]
    research_note: String,
}

/// Our additions to one record, checked.
struct Curated {
    display_name: Option<String>,
    joined: Option<(PartialDate, Vec<String>)>,
    /// `joined_scope` is `eu_member_states`: the sources speak of all EU member states.
    joined_eu_wide: bool,
    listed_since: Option<PartialDate>,
    note: Option<Statement>,
}

/// The source id of an official `date_signed`, when it stands as the join date.
pub const DATE_SIGNED_SOURCE: &str = "official-list";

/// The value of `joined_scope` for a state whose join date rests on reports that all EU
/// member states signed, not on a source naming it.
const EU_WIDE_SCOPE: &str = "eu_member_states";

/// The supporters: every official record with our additions. A curated row may name a
/// record that has left the list (its data is kept for when it returns, and for its
/// history), but not an id the official list never had.
pub(super) fn supporters(
    data: &Path,
    countries: &[Country],
    sources: &Registry,
    history: &[HistorySpan],
    official: &OfficialSource,
) -> Result<Vec<Supporter>, ContentError> {
    let records_path = data.join("official_records.csv");
    let bytes = std::fs::read(&records_path)
        .map_err(|e| ContentError::new(&records_path, None, format!("cannot read: {e}")))?;
    let records = parse_official_records(&records_path, &nfc(bytes), countries)?;
    let mut ever_listed: HashSet<String> = history
        .iter()
        .filter_map(|h| record_id(&h.record_file))
        .collect();
    ever_listed.extend(records.iter().map(|(_, r)| r.id.clone()));
    let mut curated = curated(&data.join("supporters.csv"), sources, &ever_listed)?;
    let mut joined_days = join_dates(&data.join("join_dates.csv"), sources, &curated)?;

    let mut first_listed: HashMap<String, PartialDate> = HashMap::new();
    for h in history {
        let first = first_listed
            .entry(list_identity(&h.name))
            .or_insert(h.listed_from);
        *first = (*first).min(h.listed_from);
    }
    let country_names: HashMap<&str, &str> = countries
        .iter()
        .map(|c| (c.iso2.as_str(), c.name.as_str()))
        .collect();
    let mut supporters = Vec::new();
    for (line, record) in records {
        let ours = curated.remove(&record.id);
        let ours = ours.as_ref();
        let listed_since = match ours.and_then(|c| c.listed_since) {
            Some(day) => day,
            None => *first_listed
                .get(&list_identity(&record.name))
                .ok_or_else(|| {
                    ContentError::new(
                        &records_path,
                        Some(line),
                        format!(
                            "{:?} ({}) has no span in official_list_history.csv: run the import, \
                             or give its first day in supporters.csv (`listed_since`)",
                            record.name, record.record_file
                        ),
                    )
                })?,
        };
        let (joined, joined_source_ids) =
            match (ours.and_then(|c| c.joined.clone()), record.date_signed) {
                (Some((day, ids)), _) => (Some(day), ids),
                (None, Some(day)) => (
                    Some(day),
                    sources.ids(&records_path, line, "date_signed", DATE_SIGNED_SOURCE, true)?,
                ),
                (None, None) => (None, Vec::new()),
            };
        let is_state = record.category == Category::State;
        // States are shown under their English short name; the official list names them in French.
        let name = match ours.and_then(|c| c.display_name.clone()) {
            Some(name) => name,
            None if is_state => record
                .country_iso2
                .as_deref()
                .and_then(|code| country_names.get(code))
                .map_or_else(|| record.name.clone(), |name| name.to_string()),
            None => record.name.clone(),
        };
        supporters.push(Supporter {
            joined_days: joined_days.remove(&record.id).unwrap_or_default(),
            source_url: official.record_url(&record.record_file),
            id: record.id,
            name,
            category: record.category,
            country_iso2: record.country_iso2,
            joined,
            joined_source_ids,
            joined_eu_wide: ours.is_some_and(|c| c.joined_eu_wide),
            nature: record.nature,
            official_name_fr: is_state.then_some(record.name),
            listed_since,
            note: ours.and_then(|c| c.note.clone()),
        });
    }
    Ok(supporters)
}

#[derive(Deserialize)]
struct JoinDateRow {
    id: String,
    day: String,
    source_ids: String,
    // Never shown: where each source gives the day.
    #[allow(dead_code)]
    research_note: String,
}

/// Reads `join_dates.csv`: for an entry whose sources give different days within its
/// `joined` date, each day with the sources that give it. Keyed by record id, days in order.
fn join_dates(
    path: &Path,
    sources: &Registry,
    curated: &HashMap<String, Curated>,
) -> Result<HashMap<String, Vec<SourcedDay>>, ContentError> {
    let mut days: HashMap<String, Vec<SourcedDay>> = HashMap::new();
    let mut first_lines: HashMap<String, u64> = HashMap::new();
    for (line, row) in read::<JoinDateRow>(path)? {
        let at = |message: String| ContentError::new(path, Some(line), message);
        let id = required(path, line, "id", row.id)?;
        let Some((joined, joined_ids)) = curated.get(&id).and_then(|c| c.joined.as_ref()) else {
            return Err(at(format!(
                "column `id`: {id:?} has no `joined` date in supporters.csv: give the period \
                 all the sources agree on there first"
            )));
        };
        let day = date(path, line, "day", &row.day)?;
        if !day.is_full() || !joined.contains(&day) {
            return Err(at(format!(
                "column `day`: {day} must be a YYYY-MM-DD day within the entry's `joined` \
                 ({joined}) in supporters.csv"
            )));
        }
        let ids = sources.ids(path, line, "source_ids", &row.source_ids, true)?;
        if let Some(stray) = ids.iter().find(|i| !joined_ids.contains(i)) {
            return Err(at(format!(
                "column `source_ids`: {stray:?} is not among the entry's `joined_source_ids` \
                 in supporters.csv"
            )));
        }
        let entry = days.entry(id.clone()).or_default();
        if entry.iter().any(|d| d.day == day) {
            return Err(at(format!(
                "{id:?} has {day} twice: list its sources on one row"
            )));
        }
        first_lines.entry(id).or_insert(line);
        entry.push(SourcedDay {
            day,
            source_ids: ids,
        });
    }
    for (id, entry) in &mut days {
        if entry.len() < 2 {
            return Err(ContentError::new(
                path,
                first_lines.get(id).copied(),
                format!(
                    "{id:?} has one day only: sources that agree on a day give it as `joined` \
                     in supporters.csv"
                ),
            ));
        }
        entry.sort_by_key(|d| d.day);
    }
    Ok(days)
}

/// Reads our `supporters.csv`, keyed by record id.
fn curated(
    path: &Path,
    sources: &Registry,
    ever_listed: &HashSet<String>,
) -> Result<HashMap<String, Curated>, ContentError> {
    let mut rows: HashMap<String, Curated> = HashMap::new();
    let mut lines: HashMap<String, u64> = HashMap::new();
    for (line, row) in read::<CuratedRow>(path)? {
        let at = |message: String| ContentError::new(path, Some(line), message);
        let id = required(path, line, "id", row.id)?;
        if !ever_listed.contains(&id) {
            return Err(at(format!(
                "column `id`: {id:?} is not the id of a record in official_records.csv or \
                 official_list_history.csv (the record file's name without .md, in lower case)"
            )));
        }
        if let Some(first) = lines.insert(id.clone(), line) {
            return Err(at(format!(
                "duplicate record id {id:?} (first on line {first})"
            )));
        }
        let joined = optional_date(path, line, "joined", &row.joined)?;
        let joined_source_ids = sources.ids(
            path,
            line,
            "joined_source_ids",
            &row.joined_source_ids,
            joined.is_some(),
        )?;
        if joined.is_none() && !joined_source_ids.is_empty() {
            return Err(at(
                "column `joined_source_ids` cites sources for an empty `joined`".to_string(),
            ));
        }
        // The official list dates an entry only by its record's `date_signed`, which pages
        // cite as that record: give no `joined` here to use it.
        if joined_source_ids.iter().any(|i| i == DATE_SIGNED_SOURCE) {
            return Err(at(format!(
                "column `joined_source_ids`: {DATE_SIGNED_SOURCE:?} gives no join date but the \
                 record's `date_signed`: leave `joined` empty to use it"
            )));
        }
        let joined_eu_wide = match row.joined_scope.trim() {
            "" => false,
            EU_WIDE_SCOPE if joined.is_some() => true,
            EU_WIDE_SCOPE => {
                return Err(at(format!(
                    "column `joined_scope`: {EU_WIDE_SCOPE:?} needs a `joined` date"
                )));
            }
            other => {
                return Err(at(format!(
                    "column `joined_scope`: {other:?} is not empty or {EU_WIDE_SCOPE:?}"
                )));
            }
        };
        let listed_since = match row.listed_since.trim() {
            "" => None,
            value => {
                let day = date(path, line, "listed_since", value)?;
                if !day.is_full() {
                    return Err(at(
                        "column `listed_since` must be YYYY-MM-DD (the first day in the official list)"
                            .to_string(),
                    ));
                }
                Some(day)
            }
        };
        let display_name = match optional(row.display_name) {
            Some(name) => Some(public(path, line, "display_name", name)?),
            None => None,
        };
        let note = statement(
            path,
            line,
            sources,
            ("note", row.note),
            ("note_fr", row.note_fr),
            ("note_source_ids", &row.note_source_ids),
        )?;
        rows.insert(
            id,
            Curated {
                display_name,
                joined: joined.map(|day| (day, joined_source_ids)),
                joined_eu_wide,
                listed_since,
                note,
            },
        );
    }
    Ok(rows)
}

/// A column a reader sees: it must not read as a research note.
fn public(path: &Path, line: u64, column: &str, text: String) -> Result<String, ContentError> {
    match public_text::research_note_in(&text) {
        Some(why) => Err(ContentError::new(
            path,
            Some(line),
            format!(
                "column `{column}` {why}: it is shown to readers; move notes to `research_note`"
            ),
        )),
        None => Ok(text),
    }
}

/// An optional reader-facing statement in both languages with its sources: both texts or
/// neither, sources required with text, no research note, every quotation in a source.
fn statement(
    path: &Path,
    line: u64,
    sources: &Registry,
    (en_column, en): (&str, String),
    (fr_column, fr): (&str, String),
    (ids_column, ids): (&str, &str),
) -> Result<Option<Statement>, ContentError> {
    let (en, fr) = (optional(en), optional(fr));
    let (en, fr) = match (en, fr) {
        (None, None) => {
            if !ids.trim().is_empty() {
                return Err(ContentError::new(
                    path,
                    Some(line),
                    format!("column `{ids_column}` cites sources for an empty `{en_column}`"),
                ));
            }
            return Ok(None);
        }
        (Some(en), Some(fr)) => (en, fr),
        (Some(_), None) => {
            return Err(ContentError::new(
                path,
                Some(line),
                format!("column `{fr_column}` is empty: write the French text too"),
            ));
        }
        (None, Some(_)) => {
            return Err(ContentError::new(
                path,
                Some(line),
                format!("column `{en_column}` is empty: write the English text too"),
            ));
        }
    };
    let source_ids = sources.ids(path, line, ids_column, ids, true)?;
    let en = public(path, line, en_column, en)?;
    let fr = public(path, line, fr_column, fr)?;
    for (column, text) in [(en_column, &en), (fr_column, &fr)] {
        sources
            .check_quotations(text, &source_ids)
            .map_err(|m| ContentError::new(path, Some(line), format!("column `{column}`: {m}")))?;
    }
    Ok(Some(Statement { en, fr, source_ids }))
}

/// A required statement (see `statement`).
fn required_statement(
    path: &Path,
    line: u64,
    sources: &Registry,
    en: (&str, String),
    fr: (&str, String),
    ids: (&str, &str),
) -> Result<Statement, ContentError> {
    let column = en.0;
    statement(path, line, sources, en, fr, ids)?.ok_or_else(|| {
        ContentError::new(
            path,
            Some(line),
            format!("column `{column}` is empty: every row needs it"),
        )
    })
}

#[derive(Deserialize)]
struct NonSignatoryRow {
    name: String,
    country_iso2: String,
    as_of: String,
    event: String,
    statement: String,
    statement_fr: String,
    source_ids: String,
    #[allow(dead_code)]
    research_note: String,
}

pub(super) fn non_signatories(
    data: &Path,
    countries: &[Country],
    sources: &Registry,
) -> Result<Vec<NonSignatory>, ContentError> {
    let path = data.join("non_signatories.csv");
    let known: HashSet<&str> = countries.iter().map(|c| c.iso2.as_str()).collect();
    let mut rows = Vec::new();
    for (line, row) in read::<NonSignatoryRow>(&path)? {
        let iso2 = country_code(&path, line, &row.country_iso2, &known)?.ok_or_else(|| {
            ContentError::new(
                &path,
                Some(line),
                "column `country_iso2` is empty: every row is a state",
            )
        })?;
        let event = StatementEvent::from_slug(row.event.trim()).ok_or_else(|| {
            ContentError::new(
                &path,
                Some(line),
                format!("column `event`: {:?} is not absent or joined", row.event),
            )
        })?;
        rows.push(NonSignatory {
            name: required(&path, line, "name", row.name)?,
            iso2,
            as_of: date(&path, line, "as_of", &row.as_of)?,
            event,
            statement: required_statement(
                &path,
                line,
                sources,
                ("statement", row.statement),
                ("statement_fr", row.statement_fr),
                ("source_ids", &row.source_ids),
            )?,
        });
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct DisputedRow {
    name: String,
    country_iso2: String,
    kind: String,
    claim_date: String,
    claim: String,
    claim_fr: String,
    source_ids: String,
    official_list_status: String,
    official_list_status_fr: String,
    #[allow(dead_code)]
    research_note: String,
}

pub(super) fn disputed(
    data: &Path,
    countries: &[Country],
    sources: &Registry,
) -> Result<Vec<Disputed>, ContentError> {
    let path = data.join("disputed.csv");
    let known: HashSet<&str> = countries.iter().map(|c| c.iso2.as_str()).collect();
    let mut rows = Vec::new();
    for (line, row) in read::<DisputedRow>(&path)? {
        let kind = ClaimKind::from_slug(row.kind.trim()).ok_or_else(|| {
            ContentError::new(
                &path,
                Some(line),
                format!("column `kind`: {:?} is not claim or expected", row.kind),
            )
        })?;
        let claim_date = match row.claim_date.trim() {
            "" => None,
            value => Some(date(&path, line, "claim_date", value)?),
        };
        let status_en = public(
            &path,
            line,
            "official_list_status",
            required(
                &path,
                line,
                "official_list_status",
                row.official_list_status,
            )?,
        )?;
        let status_fr = public(
            &path,
            line,
            "official_list_status_fr",
            required(
                &path,
                line,
                "official_list_status_fr",
                row.official_list_status_fr,
            )?,
        )?;
        rows.push(Disputed {
            name: required(&path, line, "name", row.name)?,
            iso2: country_code(&path, line, &row.country_iso2, &known)?,
            kind,
            claim_date,
            claim: required_statement(
                &path,
                line,
                sources,
                ("claim", row.claim),
                ("claim_fr", row.claim_fr),
                ("source_ids", &row.source_ids),
            )?,
            official_list_status: (status_en, status_fr),
        });
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct HistoryRow {
    name: String,
    category: String,
    nationality: String,
    listed_from: String,
    listed_from_commit: String,
    listed_until: String,
    listed_until_commit: String,
    record_file: String,
}

pub(super) fn history(data: &Path) -> Result<Vec<HistorySpan>, ContentError> {
    let path = data.join("official_list_history.csv");
    let mut spans = Vec::new();
    for (line, row) in read::<HistoryRow>(&path)? {
        let listed_from = date(&path, line, "listed_from", &row.listed_from)?;
        let listed_until = match row.listed_until.trim() {
            "" => None,
            value => Some(date(&path, line, "listed_until", value)?),
        };
        if !listed_from.is_full() || listed_until.is_some_and(|d| !d.is_full() || d <= listed_from)
        {
            return Err(ContentError::new(
                &path,
                Some(line),
                "`listed_from` and `listed_until` must be full dates, with listed_until after listed_from",
            ));
        }
        let category_raw = row.category.trim().to_string();
        let category = match category_raw.replace('-', "_").as_str() {
            "" => Category::Other,
            other => other.parse().map_err(|()| {
                ContentError::new(
                    &path,
                    Some(line),
                    format!("column `category`: unknown category {category_raw:?}"),
                )
            })?,
        };
        spans.push(HistorySpan {
            name: required(&path, line, "name", row.name)?,
            category,
            category_raw,
            nationality: row.nationality.trim().to_string(),
            listed_from,
            listed_from_commit: required(
                &path,
                line,
                "listed_from_commit",
                row.listed_from_commit,
            )?,
            listed_until,
            listed_until_commit: optional(row.listed_until_commit),
            record_file: required(&path, line, "record_file", row.record_file)?,
        });
    }
    Ok(spans)
}

#[derive(Deserialize)]
struct CorrectionRow {
    key: String,
    date: String,
    what: String,
    what_fr: String,
    why: String,
    why_fr: String,
    source_ids: String,
    affects: String,
}

pub(super) fn corrections(
    data: &Path,
    sources: &Registry,
) -> Result<Vec<Correction>, ContentError> {
    let path = data.join("corrections.csv");
    let mut rows: Vec<Correction> = Vec::new();
    for (line, row) in read::<CorrectionRow>(&path)? {
        let date = date(&path, line, "date", &row.date)?;
        if !date.is_full() {
            return Err(ContentError::new(
                &path,
                Some(line),
                "column `date` must be YYYY-MM-DD",
            ));
        }
        let key = row.key.trim().to_string();
        let key_ok = key.starts_with(&format!("{}-", date.iso()))
            && key.len() > 11
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !key_ok {
            return Err(ContentError::new(
                &path,
                Some(line),
                format!(
                    "column `key`: {key:?} must be the date then a slug, e.g. {}-what-was-wrong (lower case, digits, hyphens)",
                    date.iso()
                ),
            ));
        }
        if rows.iter().any(|r| r.key == key) {
            return Err(ContentError::new(
                &path,
                Some(line),
                format!("duplicate key {key:?}: a correction's key never changes and is unique"),
            ));
        }
        let affects: Vec<String> = row.affects.split_whitespace().map(str::to_string).collect();
        if let Some(bad) = affects.iter().find(|a| !a.starts_with('/')) {
            return Err(ContentError::new(
                &path,
                Some(line),
                format!("column `affects`: {bad:?} is not a site path (it must start with /)"),
            ));
        }
        let what = required_statement(
            &path,
            line,
            sources,
            ("what", row.what),
            ("what_fr", row.what_fr),
            ("source_ids", &row.source_ids),
        )?;
        let why = required_statement(
            &path,
            line,
            sources,
            ("why", row.why),
            ("why_fr", row.why_fr),
            ("source_ids", &row.source_ids),
        )?;
        rows.push(Correction {
            key,
            date,
            what: (what.en, what.fr),
            why: (why.en, why.fr),
            source_ids: what.source_ids,
            affects,
        });
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct ReportedCountRow {
    date: String,
    date_label: String,
    date_label_fr: String,
    source_ids: String,
    total: String,
    states: String,
    public_authorities: String,
    companies: String,
    civil_society: String,
    quote: String,
    note: String,
    note_fr: String,
    #[allow(dead_code)]
    research_note: String,
}

pub(super) fn reported_counts(
    data: &Path,
    sources: &Registry,
) -> Result<Vec<ReportedCount>, ContentError> {
    let path = data.join("reported_counts.csv");
    let mut rows = Vec::new();
    for (line, row) in read::<ReportedCountRow>(&path)? {
        let date = match row.date.trim() {
            "" => None,
            value => Some(date(&path, line, "date", value)?),
        };
        let date_label = match (optional(row.date_label), optional(row.date_label_fr)) {
            (Some(en), Some(fr)) => Some((
                public(&path, line, "date_label", en)?,
                public(&path, line, "date_label_fr", fr)?,
            )),
            (None, None) if date.is_some() => None,
            (None, None) => {
                return Err(ContentError::new(
                    &path,
                    Some(line),
                    "no `date`: say when in `date_label` and `date_label_fr`",
                ));
            }
            _ => {
                return Err(ContentError::new(
                    &path,
                    Some(line),
                    "`date_label` and `date_label_fr` go together",
                ));
            }
        };
        let source_ids = sources.ids(&path, line, "source_ids", &row.source_ids, true)?;
        // The row's sources back its figures; a note is optional.
        let note = if row.note.trim().is_empty() && row.note_fr.trim().is_empty() {
            None
        } else {
            statement(
                &path,
                line,
                sources,
                ("note", row.note),
                ("note_fr", row.note_fr),
                ("source_ids", &row.source_ids),
            )?
            .map(|s| (s.en, s.fr))
        };
        let figure = |column: &str, value: String| -> Result<Option<String>, ContentError> {
            match optional(value) {
                Some(text) => {
                    let text = public(&path, line, column, text)?;
                    Ok(Some(text))
                }
                None => Ok(None),
            }
        };
        let count = ReportedCount {
            date,
            date_label,
            source_ids,
            total: figure("total", row.total)?,
            states: figure("states", row.states)?,
            public_authorities: figure("public_authorities", row.public_authorities)?,
            companies: figure("companies", row.companies)?,
            civil_society: figure("civil_society", row.civil_society)?,
            quote: figure("quote", row.quote)?,
            note,
        };
        if let Some(quote) = &count.quote {
            sources.check_words(quote, &count.source_ids).map_err(|m| {
                ContentError::new(&path, Some(line), format!("column `quote`: {m}"))
            })?;
        }
        let figures = [
            &count.total,
            &count.states,
            &count.public_authorities,
            &count.companies,
            &count.civil_society,
        ];
        if figures.iter().all(|f| f.is_none()) {
            return Err(ContentError::new(
                &path,
                Some(line),
                "the row reports no figure",
            ));
        }
        rows.push(count);
    }
    Ok(rows)
}
#[derive(Deserialize)]
struct RenameRow {
    old_name: String,
    old_record_file: String,
    listed_until: String,
    kind: String,
    successor_id: String,
    successor_name: String,
    // Never shown: why the row says what it says.
    #[allow(dead_code)]
    research_note: String,
}

pub(super) fn renames(
    data: &Path,
    supporters: &[Supporter],
) -> Result<Vec<RecordRename>, ContentError> {
    let path = data.join("record_renames.csv");
    let ids: HashSet<&str> = supporters.iter().map(|s| s.id.as_str()).collect();
    let mut rows = Vec::new();
    for (line, row) in read::<RenameRow>(&path)? {
        let kind = match row.kind.trim() {
            "rename" => RenameKind::Rename,
            "duplicate" => RenameKind::Duplicate,
            "departure" => RenameKind::Departure,
            "unsure" => RenameKind::Unsure,
            other => {
                return Err(ContentError::new(
                    &path,
                    Some(line),
                    format!(
                        "column `kind`: {other:?} is not one of rename, duplicate, departure, unsure"
                    ),
                ));
            }
        };
        let successor_id = optional(row.successor_id);
        let needs_successor = matches!(kind, RenameKind::Rename | RenameKind::Duplicate);
        match &successor_id {
            Some(id) if !ids.contains(id.as_str()) => {
                return Err(ContentError::new(
                    &path,
                    Some(line),
                    format!("column `successor_id`: {id:?} is not a record id in supporters.csv"),
                ));
            }
            None if needs_successor => {
                return Err(ContentError::new(
                    &path,
                    Some(line),
                    "column `successor_id` is empty: a rename or duplicate must name the record that continues",
                ));
            }
            _ => {}
        }
        rows.push(RecordRename {
            old_name: required(&path, line, "old_name", row.old_name)?,
            old_record_file: required(&path, line, "old_record_file", row.old_record_file)?,
            listed_until: date(&path, line, "listed_until", &row.listed_until)?,
            kind,
            successor_id,
            successor_name: optional(row.successor_name),
        });
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct WorkingGroupRow {
    number: String,
    task: String,
    task_fr: String,
    year: String,
    chair_ids: String,
    other_chairs: String,
    other_chairs_fr: String,
    report_source_id: String,
    source_ids: String,
    #[allow(dead_code)]
    research_note: String,
}

pub(super) fn working_groups(
    data: &Path,
    sources: &Registry,
    supporters: &[Supporter],
) -> Result<Vec<WorkingGroup>, ContentError> {
    let path = data.join("working_groups.csv");
    let ids: HashSet<&str> = supporters.iter().map(|s| s.id.as_str()).collect();
    let mut groups: Vec<WorkingGroup> = Vec::new();
    for (line, row) in read::<WorkingGroupRow>(&path)? {
        let at = |message: String| ContentError::new(&path, Some(line), message);
        let number = row
            .number
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|n| (1..=99).contains(n))
            .ok_or_else(|| {
                at(format!(
                    "column `number`: {:?} is not a group number",
                    row.number
                ))
            })?;
        if groups.iter().any(|g| g.number == number) {
            return Err(at(format!("working group {number} appears twice")));
        }
        let year = date(&path, line, "year", &row.year)?;
        let chair_ids: Vec<String> = row
            .chair_ids
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if let Some(unknown) = chair_ids.iter().find(|id| !ids.contains(id.as_str())) {
            return Err(at(format!(
                "column `chair_ids`: {unknown:?} is not a record id in supporters.csv (name chairs that are not in the official list in `other_chairs`)"
            )));
        }
        let other_chairs = match (optional(row.other_chairs), optional(row.other_chairs_fr)) {
            (Some(en), Some(fr)) => Some((en, fr)),
            (None, None) => None,
            _ => {
                return Err(at(
                    "`other_chairs` and `other_chairs_fr` go together".to_string()
                ));
            }
        };
        let report_source_id = match row.report_source_id.trim() {
            "" => None,
            id => Some(one_source(&path, line, sources, "report_source_id", id)?),
        };
        groups.push(WorkingGroup {
            number,
            task: (
                public(
                    &path,
                    line,
                    "task",
                    required(&path, line, "task", row.task)?,
                )?,
                public(
                    &path,
                    line,
                    "task_fr",
                    required(&path, line, "task_fr", row.task_fr)?,
                )?,
            ),
            year,
            chair_ids,
            other_chairs,
            report_source_id,
            source_ids: sources.ids(&path, line, "source_ids", &row.source_ids, true)?,
        });
    }
    groups.sort_by_key(|g| g.number);
    Ok(groups)
}

#[derive(Deserialize)]
struct CountryAliasRow {
    alias: String,
    iso2: String,
    lang: String,
    #[allow(dead_code)]
    research_note: String,
}

/// `country_aliases.csv`: other names of countries for search. An alias that is already
/// another country's name, or a second alias with the same spelling, would send a reader to
/// the wrong page, so both stop the load.
pub(super) fn country_aliases(
    data: &Path,
    countries: &[super::Country],
) -> Result<Vec<super::CountryAlias>, ContentError> {
    use crate::model::name_key;
    let path = data.join("country_aliases.csv");
    let mut names: HashMap<String, String> = HashMap::new();
    for c in countries {
        let own = [Some(&c.name), c.official_name.as_ref(), c.name_fr.as_ref()];
        for name in own.into_iter().flatten() {
            names.insert(name_key(name), c.iso2.clone());
        }
    }
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut aliases = Vec::new();
    for (line, row) in read::<CountryAliasRow>(&path)? {
        let at = |message: String| ContentError::new(&path, Some(line), message);
        let alias = required(&path, line, "alias", row.alias)?;
        let code = iso2(&path, line, row.iso2)?;
        if !countries.iter().any(|c| c.iso2 == code) {
            return Err(at(format!(
                "column `iso2`: {code:?} is not a known country (see un_member_states.csv and non_un_codes.csv)"
            )));
        }
        if !matches!(row.lang.trim(), "en" | "fr") {
            return Err(at(format!(
                "column `lang`: {:?} is not `en` or `fr`",
                row.lang
            )));
        }
        let key = name_key(&alias);
        if key.is_empty() {
            return Err(at(format!(
                "column `alias`: {alias:?} has no letters or digits"
            )));
        }
        if let Some(other) = names.get(&key).filter(|other| **other != code) {
            return Err(at(format!(
                "column `alias`: {alias:?} is already the name of {other}, not {code}"
            )));
        }
        if let Some(first) = seen.insert(key, line) {
            return Err(at(format!(
                "column `alias`: {alias:?} is already an alias on line {first}"
            )));
        }
        aliases.push(super::CountryAlias { alias, iso2: code });
    }
    Ok(aliases)
}

#[derive(Deserialize)]
struct NameWithTheRow {
    name: String,
}

/// `names_with_the.csv`: the English names that take "the" in a sentence ("the United
/// States", "the European Union"). Each must be a name the site shows: a country's English
/// name or a supporter's name, so a renamed entry cannot silently lose its article.
pub(super) fn names_with_the(
    data: &Path,
    countries: &[super::Country],
    supporters: &[super::Supporter],
) -> Result<Vec<String>, ContentError> {
    let path = data.join("names_with_the.csv");
    let shown: HashSet<&str> = countries
        .iter()
        .map(|c| c.name.as_str())
        .chain(supporters.iter().map(|s| s.name.as_str()))
        .collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, row) in read::<NameWithTheRow>(&path)? {
        let at = |message: String| ContentError::new(&path, Some(line), message);
        let name = required(&path, line, "name", row.name)?;
        if !shown.contains(name.as_str()) {
            return Err(at(format!(
                "column `name`: {name:?} is neither a country's English name nor a supporter's \
                 name as the site shows it"
            )));
        }
        if let Some(first) = seen.insert(name.clone(), line) {
            return Err(at(format!("{name:?} is already on line {first}")));
        }
    }
    let mut names: Vec<String> = seen.into_keys().collect();
    names.sort();
    Ok(names)
}
