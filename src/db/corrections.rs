//! Our corrections log: what we corrected, why, and which pages it affects.

use rusqlite::Connection;

use super::columns::id_list;
use crate::model::PartialDate;

pub struct CorrectionRow {
    /// The date and a slug: stable, it keys the Atom entry.
    pub key: String,
    pub date: PartialDate,
    pub what: String,
    pub what_fr: String,
    pub why: String,
    pub why_fr: String,
    pub source_ids: Vec<String>,
    pub affects: Vec<String>,
}

/// Our corrections, newest first; only those affecting `path` when given.
pub fn list(conn: &Connection, path: Option<&str>) -> rusqlite::Result<Vec<CorrectionRow>> {
    let all: Vec<CorrectionRow> = conn
        .prepare_cached(
            "SELECT key, date, what, what_fr, why, why_fr, source_ids, affects
             FROM corrections ORDER BY date DESC, key",
        )?
        .query_map([], |r| {
            Ok(CorrectionRow {
                key: r.get("key")?,
                date: r.get("date")?,
                what: r.get("what")?,
                what_fr: r.get("what_fr")?,
                why: r.get("why")?,
                why_fr: r.get("why_fr")?,
                source_ids: id_list(r, "source_ids")?,
                affects: id_list(r, "affects")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match path {
        Some(path) => all
            .into_iter()
            .filter(|c| c.affects.iter().any(|a| a == path))
            .collect(),
        None => all,
    })
}
