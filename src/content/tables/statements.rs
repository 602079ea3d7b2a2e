//! What sources say beyond the official list: states reported absent or joining
//! (`non_signatories.csv`), disputed claims (`disputed.csv`), and the counts of supporters
//! sources have reported (`reported_counts.csv`).

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use super::cells::optional;
use super::rows::parse_rows;
use crate::content::sources::Registry;
use crate::content::{
    ClaimKind, ContentError, Country, Disputed, NonSignatory, ReportedCount, StatementEvent,
};

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

pub(in crate::content) fn non_signatories(
    data: &Path,
    countries: &[Country],
    sources: &Registry,
) -> Result<Vec<NonSignatory>, ContentError> {
    let known: HashSet<&str> = countries.iter().map(|c| c.iso2.as_str()).collect();
    parse_rows(
        &data.join("non_signatories.csv"),
        |line, row: NonSignatoryRow| {
            let iso2 = line
                .country_code("country_iso2", &row.country_iso2, &known)?
                .ok_or_else(|| {
                    line.error("column `country_iso2` is empty: every row is a state")
                })?;
            let event = StatementEvent::from_slug(row.event.trim()).ok_or_else(|| {
                line.error(format!(
                    "column `event`: {:?} is not absent or joined",
                    row.event
                ))
            })?;
            Ok(NonSignatory {
                name: line.required("name", row.name)?,
                iso2,
                as_of: line.date("as_of", &row.as_of)?,
                event,
                statement: line.required_statement(
                    sources,
                    ("statement", row.statement),
                    ("statement_fr", row.statement_fr),
                    ("source_ids", &row.source_ids),
                )?,
            })
        },
    )
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

pub(in crate::content) fn disputed(
    data: &Path,
    countries: &[Country],
    sources: &Registry,
) -> Result<Vec<Disputed>, ContentError> {
    let known: HashSet<&str> = countries.iter().map(|c| c.iso2.as_str()).collect();
    parse_rows(&data.join("disputed.csv"), |line, row: DisputedRow| {
        let kind = ClaimKind::from_slug(row.kind.trim()).ok_or_else(|| {
            line.error(format!(
                "column `kind`: {:?} is not claim or expected",
                row.kind
            ))
        })?;
        let claim_date = line.optional_date("claim_date", &row.claim_date)?;
        let status_en = line.required_public("official_list_status", row.official_list_status)?;
        let status_fr =
            line.required_public("official_list_status_fr", row.official_list_status_fr)?;
        Ok(Disputed {
            name: line.required("name", row.name)?,
            iso2: line.country_code("country_iso2", &row.country_iso2, &known)?,
            kind,
            claim_date,
            claim: line.required_statement(
                sources,
                ("claim", row.claim),
                ("claim_fr", row.claim_fr),
                ("source_ids", &row.source_ids),
            )?,
            official_list_status: (status_en, status_fr),
        })
    })
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

pub(in crate::content) fn reported_counts(
    data: &Path,
    sources: &Registry,
) -> Result<Vec<ReportedCount>, ContentError> {
    parse_rows(
        &data.join("reported_counts.csv"),
        |line, row: ReportedCountRow| {
            let date = line.optional_date("date", &row.date)?;
            let date_label = match (optional(row.date_label), optional(row.date_label_fr)) {
                (Some(en), Some(fr)) => Some((
                    line.public("date_label", en)?,
                    line.public("date_label_fr", fr)?,
                )),
                (None, None) if date.is_some() => None,
                (None, None) => {
                    return Err(
                        line.error("no `date`: say when in `date_label` and `date_label_fr`")
                    );
                }
                _ => return Err(line.error("`date_label` and `date_label_fr` go together")),
            };
            let source_ids = line.source_ids(sources, "source_ids", &row.source_ids, true)?;
            // The row's sources back its figures; a note is optional.
            let note = if row.note.trim().is_empty() && row.note_fr.trim().is_empty() {
                None
            } else {
                line.statement(
                    sources,
                    ("note", row.note),
                    ("note_fr", row.note_fr),
                    ("source_ids", &row.source_ids),
                )?
                .map(|s| (s.en, s.fr))
            };
            let figure = |column: &str, value: String| line.optional_public(column, value);
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
                sources
                    .check_words(quote, &count.source_ids)
                    .map_err(|m| line.error(format!("column `quote`: {m}")))?;
            }
            let figures = [
                &count.total,
                &count.states,
                &count.public_authorities,
                &count.companies,
                &count.civil_society,
            ];
            if figures.iter().all(|f| f.is_none()) {
                return Err(line.error("the row reports no figure"));
            }
            Ok(count)
        },
    )
}
