//! Our corrections log: what we corrected, why, and which pages it affects.

use rusqlite::Connection;
use serde::Deserialize;

use super::QueryResult;
use super::columns::{Read, id_list};
use crate::model::PartialDate;

#[derive(Deserialize)]
pub struct CorrectionRow {
    /// The date and a slug: stable, it keys the Atom entry.
    pub key: String,
    pub date: PartialDate,
    pub what: String,
    pub what_fr: String,
    pub why: String,
    pub why_fr: String,
    #[serde(deserialize_with = "id_list")]
    pub source_ids: Vec<String>,
    #[serde(deserialize_with = "id_list")]
    pub affects: Vec<String>,
}

/// Our corrections, newest first; only those affecting `path` when given.
pub fn list(conn: &Connection, path: Option<&str>) -> QueryResult<Vec<CorrectionRow>> {
    let all: Vec<CorrectionRow> =
        conn.all("SELECT * FROM corrections ORDER BY date DESC, key", [])?;
    Ok(match path {
        Some(path) => all
            .into_iter()
            .filter(|c| c.affects.iter().any(|a| a == path))
            .collect(),
        None => all,
    })
}
