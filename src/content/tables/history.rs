//! The official list over time (`official_list_history.csv`, written by the import), what
//! became of the names that left it (`record_renames.csv`), and our own corrections log
//! (`corrections.csv`).

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use super::cells::optional;
use super::rows::parse_rows;
use crate::content::sources::Registry;
use crate::content::{
    ContentError, Correction, HistorySpan, RecordRename, RenameKind, Supporter, is_slug,
};
use crate::model::Category;

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

/// The category a span's raw `category` stands for: the history mixes `private-sector` and
/// `private_sector`, and an empty value is no category.
pub fn history_category(raw: &str) -> Option<Category> {
    match raw.replace('-', "_").as_str() {
        "" => Some(Category::Other),
        other => other.parse().ok(),
    }
}

pub(in crate::content) fn history(data: &Path) -> Result<Vec<HistorySpan>, ContentError> {
    parse_rows(
        &data.join("official_list_history.csv"),
        |line, row: HistoryRow| {
            let listed_from = line.date("listed_from", &row.listed_from)?;
            let listed_until = line.optional_date("listed_until", &row.listed_until)?;
            if !listed_from.is_full()
                || listed_until.is_some_and(|d| !d.is_full() || d <= listed_from)
            {
                return Err(line.error(
                "`listed_from` and `listed_until` must be full dates, with listed_until after listed_from",
            ));
            }
            let category_raw = row.category.trim().to_string();
            let category = history_category(&category_raw).ok_or_else(|| {
                line.error(format!(
                    "column `category`: unknown category {category_raw:?}"
                ))
            })?;
            Ok(HistorySpan {
                name: line.required("name", row.name)?,
                category,
                category_raw,
                nationality: row.nationality.trim().to_string(),
                listed_from,
                listed_from_commit: line.required("listed_from_commit", row.listed_from_commit)?,
                listed_until,
                listed_until_commit: optional(row.listed_until_commit),
                record_file: line.required("record_file", row.record_file)?,
            })
        },
    )
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

pub(in crate::content) fn renames(
    data: &Path,
    supporters: &[Supporter],
) -> Result<Vec<RecordRename>, ContentError> {
    let ids: HashSet<&str> = supporters.iter().map(|s| s.id.as_str()).collect();
    parse_rows(&data.join("record_renames.csv"), |line, row: RenameRow| {
        let kind = RenameKind::from_slug(row.kind.trim()).ok_or_else(|| {
            line.error(format!(
                "column `kind`: {:?} is not one of rename, duplicate, departure, unsure",
                row.kind.trim()
            ))
        })?;
        let successor_id = optional(row.successor_id);
        let needs_successor = matches!(kind, RenameKind::Rename | RenameKind::Duplicate);
        match &successor_id {
            Some(id) if !ids.contains(id.as_str()) => {
                return Err(line.error(format!(
                    "column `successor_id`: {id:?} is not a record id in supporters.csv"
                )));
            }
            None if needs_successor => {
                return Err(line.error(
                    "column `successor_id` is empty: a rename or duplicate must name the record that continues",
                ));
            }
            _ => {}
        }
        Ok(RecordRename {
            old_name: line.required("old_name", row.old_name)?,
            old_record_file: line.required("old_record_file", row.old_record_file)?,
            listed_until: line.date("listed_until", &row.listed_until)?,
            kind,
            successor_id,
            successor_name: optional(row.successor_name),
        })
    })
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

pub(in crate::content) fn corrections(
    data: &Path,
    sources: &Registry,
) -> Result<Vec<Correction>, ContentError> {
    let mut keys = HashSet::new();
    parse_rows(&data.join("corrections.csv"), |line, row: CorrectionRow| {
        let date = line.date("date", &row.date)?;
        if !date.is_full() {
            return Err(line.error("column `date` must be YYYY-MM-DD"));
        }
        let key = row.key.trim().to_string();
        let key_ok =
            key.starts_with(&format!("{}-", date.iso())) && key.len() > 11 && is_slug(&key);
        if !key_ok {
            return Err(line.error(format!(
                "column `key`: {key:?} must be the date then a slug, e.g. {}-what-was-wrong (lower case, digits, hyphens)",
                date.iso()
            )));
        }
        if !keys.insert(key.clone()) {
            return Err(line.error(format!(
                "duplicate key {key:?}: a correction's key never changes and is unique"
            )));
        }
        let affects: Vec<String> = row.affects.split_whitespace().map(str::to_string).collect();
        if let Some(bad) = affects.iter().find(|a| !a.starts_with('/')) {
            return Err(line.error(format!(
                "column `affects`: {bad:?} is not a site path (it must start with /)"
            )));
        }
        let what = line.required_statement(
            sources,
            ("what", row.what),
            ("what_fr", row.what_fr),
            ("source_ids", &row.source_ids),
        )?;
        let why = line.required_statement(
            sources,
            ("why", row.why),
            ("why_fr", row.why_fr),
            ("source_ids", &row.source_ids),
        )?;
        Ok(Correction {
            key,
            date,
            what: (what.en, what.fr),
            why: (why.en, why.fr),
            source_ids: what.source_ids,
            affects,
        })
    })
}
