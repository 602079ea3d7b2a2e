//! The cell readers every table shares: each turns one cell into a typed value, or into an
//! error naming the file, the line and the column.

use std::collections::HashSet;
use std::path::Path;

use crate::content::sources::Registry;
use crate::content::{ContentError, Statement, is_alpha2, public_text};
use crate::model::PartialDate;

/// Where a row of a CSV file stands: what every message about its cells points at.
#[derive(Clone, Copy)]
pub(in crate::content) struct Line<'a> {
    pub path: &'a Path,
    pub number: u64,
}

impl<'a> Line<'a> {
    pub fn new(path: &'a Path, number: u64) -> Self {
        Line { path, number }
    }

    pub fn error(self, message: impl Into<String>) -> ContentError {
        ContentError::new(self.path, Some(self.number), message)
    }

    /// A required text column: present and not blank.
    pub fn required(self, column: &str, value: String) -> Result<String, ContentError> {
        let value = value.trim().to_string();
        if value.is_empty() {
            Err(self.error(format!("column `{column}` is empty: every row needs it")))
        } else {
            Ok(value)
        }
    }

    pub fn source_url(self, column: &str, value: String) -> Result<String, ContentError> {
        let value = self.required(column, value)?;
        if value.starts_with("https://") || value.starts_with("http://") {
            Ok(value)
        } else {
            Err(self.error(format!(
                "column `{column}` must be a URL starting with https:// or http://, found {value:?}"
            )))
        }
    }

    pub fn date(self, column: &str, value: &str) -> Result<PartialDate, ContentError> {
        value
            .trim()
            .parse()
            .map_err(|e| self.error(format!("column `{column}`: {e}")))
    }

    /// An optional date column: empty, or a date as `date` reads it.
    pub fn optional_date(
        self,
        column: &str,
        value: &str,
    ) -> Result<Option<PartialDate>, ContentError> {
        match value.trim() {
            "" => Ok(None),
            value => self.date(column, value).map(Some),
        }
    }

    /// A column a reader sees: it must not read as a research note.
    pub fn public(self, column: &str, text: String) -> Result<String, ContentError> {
        match public_text::research_note_in(&text) {
            Some(why) => Err(self.error(format!(
                "column `{column}` {why}: it is shown to readers; move notes to `research_note`"
            ))),
            None => Ok(text),
        }
    }

    /// A required column a reader sees (`required`, then `public`).
    pub fn required_public(self, column: &str, value: String) -> Result<String, ContentError> {
        self.public(column, self.required(column, value)?)
    }

    /// An optional column a reader sees: empty, or text as `public` reads it.
    pub fn optional_public(
        self,
        column: &str,
        value: String,
    ) -> Result<Option<String>, ContentError> {
        optional(value)
            .map(|text| self.public(column, text))
            .transpose()
    }

    /// An ISO 3166-1 alpha-2 code in the column `iso2`: two upper-case letters.
    pub fn iso2(self, value: String) -> Result<String, ContentError> {
        let value = value.trim().to_string();
        if is_alpha2(&value) {
            Ok(value)
        } else {
            Err(self.error(format!(
                "column `iso2`: {value:?} is not two upper-case letters"
            )))
        }
    }

    /// An ISO 3166-1 numeric code: three digits (the map's shapes are keyed by it).
    pub fn numeric(self, value: String) -> Result<Option<String>, ContentError> {
        let value = value.trim().to_string();
        if value.is_empty() {
            return Ok(None);
        }
        if value.len() == 3 && value.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Some(value))
        } else {
            Err(self.error(format!(
                "column `numeric`: {value:?} is not a three-digit ISO 3166-1 numeric code"
            )))
        }
    }

    /// An ISO 3166-1 alpha-2 code in `column` that must be one of the known countries (or
    /// empty).
    pub fn country_code(
        self,
        column: &str,
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
            Err(self.error(format!(
                "column `{column}`: {value:?} is not a known ISO 3166-1 alpha-2 code \
                 (see un_member_states.csv and non_un_codes.csv)"
            )))
        }
    }

    /// A column of space-separated source ids, each resolved (and so recorded as cited).
    pub fn source_ids(
        self,
        sources: &Registry,
        column: &str,
        value: &str,
        required: bool,
    ) -> Result<Vec<String>, ContentError> {
        let ids: Vec<String> = value.split_whitespace().map(str::to_string).collect();
        if ids.is_empty() && required {
            return Err(self.error(format!(
                "column `{column}` is empty: every row needs a source id"
            )));
        }
        for id in &ids {
            sources
                .cite(id)
                .map_err(|m| self.error(format!("column `{column}`: {m}")))?;
        }
        Ok(ids)
    }

    /// A column holding exactly one source id.
    pub fn one_source(
        self,
        sources: &Registry,
        column: &str,
        value: &str,
    ) -> Result<String, ContentError> {
        let mut ids = self.source_ids(sources, column, value, true)?;
        if ids.len() != 1 {
            return Err(self.error(format!("column `{column}` takes one source id")));
        }
        Ok(ids.remove(0))
    }

    /// An optional reader-facing statement in both languages with its sources: both texts
    /// or neither, sources required with text, no research note, every quotation in a source.
    pub fn statement(
        self,
        sources: &Registry,
        (en_column, en): (&str, String),
        (fr_column, fr): (&str, String),
        (ids_column, ids): (&str, &str),
    ) -> Result<Option<Statement>, ContentError> {
        let (en, fr) = match (optional(en), optional(fr)) {
            (None, None) => {
                if !ids.trim().is_empty() {
                    return Err(self.error(format!(
                        "column `{ids_column}` cites sources for an empty `{en_column}`"
                    )));
                }
                return Ok(None);
            }
            (Some(en), Some(fr)) => (en, fr),
            (Some(_), None) => {
                return Err(self.error(format!(
                    "column `{fr_column}` is empty: write the French text too"
                )));
            }
            (None, Some(_)) => {
                return Err(self.error(format!(
                    "column `{en_column}` is empty: write the English text too"
                )));
            }
        };
        let source_ids = self.source_ids(sources, ids_column, ids, true)?;
        let en = self.public(en_column, en)?;
        let fr = self.public(fr_column, fr)?;
        for (column, text) in [(en_column, &en), (fr_column, &fr)] {
            sources
                .check_quotations(text, &source_ids)
                .map_err(|m| self.error(format!("column `{column}`: {m}")))?;
        }
        Ok(Some(Statement { en, fr, source_ids }))
    }

    /// A required statement (see `statement`).
    pub fn required_statement(
        self,
        sources: &Registry,
        en: (&str, String),
        fr: (&str, String),
        ids: (&str, &str),
    ) -> Result<Statement, ContentError> {
        let column = en.0;
        self.statement(sources, en, fr, ids)?
            .ok_or_else(|| self.error(format!("column `{column}` is empty: every row needs it")))
    }
}

/// An optional text column: trimmed, `None` when blank.
pub(in crate::content) fn optional(value: String) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The number in a cell, when it is one in `range`.
pub(super) fn number_in(value: &str, range: std::ops::RangeInclusive<u8>) -> Option<u8> {
    value
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|n| range.contains(n))
}
