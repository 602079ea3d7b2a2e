//! The nine principles as the declaration words them, with the sources of their texts.

use rusqlite::Connection;
use serde::Deserialize;

use super::QueryResult;
use super::columns::Read;

#[derive(Deserialize)]
pub struct PrincipleRow {
    pub number: u8,
    pub short_title: String,
    pub short_title_fr: String,
    pub text_en: String,
    pub text_fr: String,
    pub page_text_en: String,
    pub page_text_fr: String,
    /// URLs of the English and French declarations and of the official principles page,
    /// from the sources registry.
    pub source_url: String,
    pub source_url_fr: String,
    pub page_source_url: String,
}

/// The columns of a `PrincipleRow`.
const COLUMNS: &str = "number, short_title, short_title_fr, text_en, text_fr, page_text_en, \
     page_text_fr, (SELECT url FROM sources WHERE id = source_id) AS source_url, \
     (SELECT url FROM sources WHERE id = source_id_fr) AS source_url_fr, \
     (SELECT url FROM sources WHERE id = page_source_id) AS page_source_url";

/// The nine principles, in order.
pub fn list(conn: &Connection) -> QueryResult<Vec<PrincipleRow>> {
    conn.all(
        &format!("SELECT {COLUMNS} FROM principles ORDER BY number"),
        [],
    )
}

pub fn get(conn: &Connection, number: u8) -> QueryResult<Option<PrincipleRow>> {
    conn.first(
        &format!("SELECT {COLUMNS} FROM principles WHERE number = ?1"),
        [number],
    )
}
