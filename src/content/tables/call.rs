//! The Call's own texts and bodies: its nine principles (`principles.csv`) and the working
//! groups of 2021 (`working_groups.csv`).

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use super::cells::{number_in, optional};
use super::rows::parse_rows;
use crate::content::sources::Registry;
use crate::content::{ContentError, Principle, Supporter, WorkingGroup};

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

pub(in crate::content) fn principles(
    data: &Path,
    sources: &Registry,
) -> Result<Vec<Principle>, ContentError> {
    let path = data.join("principles.csv");
    let mut numbers = HashSet::new();
    let mut principles = parse_rows(&path, |line, row: PrincipleRow| {
        let number = number_in(&row.number, 1..=9).ok_or_else(|| {
            line.error(format!("column `number`: {:?} is not 1 to 9", row.number))
        })?;
        if !numbers.insert(number) {
            return Err(line.error(format!("principle {number} appears twice")));
        }
        Ok(Principle {
            number,
            short_title: line.required("short_title", row.short_title)?,
            short_title_fr: line.required("short_title_fr", row.short_title_fr)?,
            text_en: line.required("official_text_en", row.official_text_en)?,
            text_fr: line.required("official_text_fr", row.official_text_fr)?,
            page_text_en: line.required("principles_page_text_en", row.principles_page_text_en)?,
            page_text_fr: line.required("principles_page_text_fr", row.principles_page_text_fr)?,
            source_id: line.one_source(sources, "source_id", &row.source_id)?,
            source_id_fr: line.one_source(sources, "source_id_fr", &row.source_id_fr)?,
            page_source_id: line.one_source(
                sources,
                "principles_page_source_id",
                &row.principles_page_source_id,
            )?,
        })
    })?;
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

pub(in crate::content) fn working_groups(
    data: &Path,
    sources: &Registry,
    supporters: &[Supporter],
) -> Result<Vec<WorkingGroup>, ContentError> {
    let ids: HashSet<&str> = supporters.iter().map(|s| s.id.as_str()).collect();
    let mut numbers = HashSet::new();
    let mut groups = parse_rows(
        &data.join("working_groups.csv"),
        |line, row: WorkingGroupRow| {
            let number = number_in(&row.number, 1..=99).ok_or_else(|| {
                line.error(format!(
                    "column `number`: {:?} is not a group number",
                    row.number
                ))
            })?;
            if !numbers.insert(number) {
                return Err(line.error(format!("working group {number} appears twice")));
            }
            let year = line.date("year", &row.year)?;
            let chair_ids: Vec<String> = row
                .chair_ids
                .split_whitespace()
                .map(str::to_string)
                .collect();
            if let Some(unknown) = chair_ids.iter().find(|id| !ids.contains(id.as_str())) {
                return Err(line.error(format!(
                "column `chair_ids`: {unknown:?} is not a record id in supporters.csv (name chairs that are not in the official list in `other_chairs`)"
            )));
            }
            let other_chairs = match (optional(row.other_chairs), optional(row.other_chairs_fr)) {
                (Some(en), Some(fr)) => Some((en, fr)),
                (None, None) => None,
                _ => return Err(line.error("`other_chairs` and `other_chairs_fr` go together")),
            };
            let report_source_id = match row.report_source_id.trim() {
                "" => None,
                id => Some(line.one_source(sources, "report_source_id", id)?),
            };
            Ok(WorkingGroup {
                number,
                task: (
                    line.required_public("task", row.task)?,
                    line.required_public("task_fr", row.task_fr)?,
                ),
                year,
                chair_ids,
                other_chairs,
                report_source_id,
                source_ids: line.source_ids(sources, "source_ids", &row.source_ids, true)?,
            })
        },
    )?;
    groups.sort_by_key(|g| g.number);
    Ok(groups)
}
