//! The supporters: the official records (`official_records.csv`, written by the import)
//! merged with our additions (`supporters.csv`) and the days their sources give
//! (`join_dates.csv`).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::cells::{Line, optional};
use super::rows::{read, read_nfc, rows};
use crate::content::official_source::OfficialSource;
use crate::content::sources::Registry;
use crate::content::{ContentError, Country, HistorySpan, Statement, Supporter};
use crate::model::{Category, PartialDate, SourcedDay, list_identity};

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
        let category = Category::from_official(&row.category).ok_or_else(|| {
            line.error(format!(
                "column `category`: unknown category {:?} (allowed: {})",
                row.category,
                Category::OFFICIAL_VALUES.join(", ")
            ))
        })?;
        let record_file = row.record_file.trim().to_string();
        let id = record_id(&record_file).ok_or_else(|| {
            line.error(format!(
                "column `record_file`: {record_file:?} is not a record file name \
                 (letters, digits, - and _, then .md)"
            ))
        })?;
        if let Some(first) = ids.insert(id.clone(), line.number) {
            return Err(line.error(format!(
                "duplicate record id {id:?} (first on line {first})"
            )));
        }
        let date_signed = line.optional_date("date_signed", &row.date_signed)?;
        let country_iso2 = line.country_code("nationality_iso2", &row.nationality_iso2, &known)?;
        records.push((
            line.number,
            OfficialRecord {
                id,
                record_file,
                name: line.required_public("name", row.name)?,
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
pub(in crate::content) fn supporters(
    data: &Path,
    countries: &[Country],
    sources: &Registry,
    history: &[HistorySpan],
    official: &OfficialSource,
) -> Result<Vec<Supporter>, ContentError> {
    let records_path = data.join("official_records.csv");
    let records = parse_official_records(&records_path, &read_nfc(&records_path)?, countries)?;
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
    for (number, record) in records {
        let line = Line::new(&records_path, number);
        let ours = curated.remove(&record.id);
        let ours = ours.as_ref();
        let listed_since = match ours.and_then(|c| c.listed_since) {
            Some(day) => day,
            None => *first_listed
                .get(&list_identity(&record.name))
                .ok_or_else(|| {
                    line.error(format!(
                        "{:?} ({}) has no span in official_list_history.csv: run the import, \
                         or give its first day in supporters.csv (`listed_since`)",
                        record.name, record.record_file
                    ))
                })?,
        };
        let (joined, joined_source_ids) =
            match (ours.and_then(|c| c.joined.clone()), record.date_signed) {
                (Some((day, ids)), _) => (Some(day), ids),
                (None, Some(day)) => (
                    Some(day),
                    line.source_ids(sources, "date_signed", DATE_SIGNED_SOURCE, true)?,
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
        let id = line.required("id", row.id)?;
        let Some((joined, joined_ids)) = curated.get(&id).and_then(|c| c.joined.as_ref()) else {
            return Err(line.error(format!(
                "column `id`: {id:?} has no `joined` date in supporters.csv: give the period \
                 all the sources agree on there first"
            )));
        };
        let day = line.date("day", &row.day)?;
        if !day.is_full() || !joined.contains(&day) {
            return Err(line.error(format!(
                "column `day`: {day} must be a YYYY-MM-DD day within the entry's `joined` \
                 ({joined}) in supporters.csv"
            )));
        }
        let ids = line.source_ids(sources, "source_ids", &row.source_ids, true)?;
        if let Some(stray) = ids.iter().find(|i| !joined_ids.contains(i)) {
            return Err(line.error(format!(
                "column `source_ids`: {stray:?} is not among the entry's `joined_source_ids` \
                 in supporters.csv"
            )));
        }
        let entry = days.entry(id.clone()).or_default();
        if entry.iter().any(|d| d.day == day) {
            return Err(line.error(format!(
                "{id:?} has {day} twice: list its sources on one row"
            )));
        }
        first_lines.entry(id).or_insert(line.number);
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
        let id = line.required("id", row.id)?;
        if !ever_listed.contains(&id) {
            return Err(line.error(format!(
                "column `id`: {id:?} is not the id of a record in official_records.csv or \
                 official_list_history.csv (the record file's name without .md, in lower case)"
            )));
        }
        if let Some(first) = lines.insert(id.clone(), line.number) {
            return Err(line.error(format!(
                "duplicate record id {id:?} (first on line {first})"
            )));
        }
        let joined = line.optional_date("joined", &row.joined)?;
        let joined_source_ids = line.source_ids(
            sources,
            "joined_source_ids",
            &row.joined_source_ids,
            joined.is_some(),
        )?;
        if joined.is_none() && !joined_source_ids.is_empty() {
            return Err(
                line.error("column `joined_source_ids` cites sources for an empty `joined`")
            );
        }
        // The official list dates an entry only by its record's `date_signed`, which pages
        // cite as that record: give no `joined` here to use it.
        if joined_source_ids.iter().any(|i| i == DATE_SIGNED_SOURCE) {
            return Err(line.error(format!(
                "column `joined_source_ids`: {DATE_SIGNED_SOURCE:?} gives no join date but the \
                 record's `date_signed`: leave `joined` empty to use it"
            )));
        }
        let joined_eu_wide = match row.joined_scope.trim() {
            "" => false,
            EU_WIDE_SCOPE if joined.is_some() => true,
            EU_WIDE_SCOPE => {
                return Err(line.error(format!(
                    "column `joined_scope`: {EU_WIDE_SCOPE:?} needs a `joined` date"
                )));
            }
            other => {
                return Err(line.error(format!(
                    "column `joined_scope`: {other:?} is not empty or {EU_WIDE_SCOPE:?}"
                )));
            }
        };
        let listed_since = match line.optional_date("listed_since", &row.listed_since)? {
            Some(day) if !day.is_full() => {
                return Err(line.error(
                    "column `listed_since` must be YYYY-MM-DD (the first day in the official list)",
                ));
            }
            day => day,
        };
        let display_name = line.optional_public("display_name", row.display_name)?;
        let note = line.statement(
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
