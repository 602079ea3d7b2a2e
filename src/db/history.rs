//! The official list's past, as the `history` table keeps it: the list on a given day,
//! and the names that left it.

use rusqlite::Connection;
use serde::Deserialize;

use super::QueryResult;
use super::columns::Read;
use crate::content::RenameKind;
use crate::model::PartialDate;

/// The official list as it stood after day `?1`, shaped like the `supporters` table: each
/// span open that day, under its current record's id ('' for a body no longer listed), with
/// the name it had then (and its current record's nature group: the history keeps no
/// `nature`). The official list names states in French, as `supporters.csv` keeps
/// in `official_name_fr`: a state listed under today's French name is shown as it is today
/// (`s.name_fr_folded = h.name_folded`), so that only a real change of name reads as one.
pub(super) const LIST_ON_DAY: &str = "(SELECT coalesce(h.body_id, '') AS id,
        CASE WHEN s.name_fr_folded = h.name_folded THEN s.name ELSE h.name END AS name,
        CASE WHEN s.name_fr_folded = h.name_folded THEN s.name_folded ELSE h.name_folded END
            AS name_folded,
        h.category, h.country_iso2, h.joined, h.first_listed AS listed_since,
        CASE WHEN s.name_fr_folded = h.name_folded THEN s.official_name_fr END AS official_name_fr,
        CASE WHEN s.name_fr_folded = h.name_folded THEN s.name_fr_folded END AS name_fr_folded,
        coalesce(s.source_url, 'https://github.com/ambanum/pariscall.international/tree/'
                 || h.listed_from_commit || '/_supporters') AS source_url,
        coalesce(s.nature_group, 'not_given') AS nature_group
     FROM history h LEFT JOIN supporters s ON s.id = h.body_id
     WHERE h.listed_from <= ?1 AND (h.listed_until IS NULL OR h.listed_until > ?1))";

#[derive(Deserialize)]
pub struct RenameRow {
    pub old_name: String,
    /// The record file the name stood under: a stable key (names have spaces and accents).
    pub old_record_file: String,
    pub listed_until: PartialDate,
    pub kind: RenameKind,
    pub successor_id: Option<String>,
    pub successor_name: Option<String>,
    /// The successor's name in the official list today.
    pub current_name: Option<String>,
}

/// Names that left the official list and never came back, newest first, with what became of them.
pub fn renames(conn: &Connection) -> QueryResult<Vec<RenameRow>> {
    conn.all(
        "SELECT r.*, s.name AS current_name
         FROM record_renames r LEFT JOIN supporters s ON s.id = r.successor_id
         ORDER BY r.listed_until DESC, r.old_name",
        [],
    )
}
