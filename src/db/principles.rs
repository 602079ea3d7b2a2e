//! The nine principles as the declaration words them, with the sources of their texts.

use rusqlite::{Connection, OptionalExtension, Row};

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

/// The columns `principle_row` reads.
const COLUMNS: &str = "number, short_title, short_title_fr, text_en, text_fr, page_text_en, \
     page_text_fr, (SELECT url FROM sources WHERE id = source_id) AS source_url, \
     (SELECT url FROM sources WHERE id = source_id_fr) AS source_url_fr, \
     (SELECT url FROM sources WHERE id = page_source_id) AS page_source_url";

fn principle_row(r: &Row) -> rusqlite::Result<PrincipleRow> {
    Ok(PrincipleRow {
        number: r.get("number")?,
        short_title: r.get("short_title")?,
        short_title_fr: r.get("short_title_fr")?,
        text_en: r.get("text_en")?,
        text_fr: r.get("text_fr")?,
        page_text_en: r.get("page_text_en")?,
        page_text_fr: r.get("page_text_fr")?,
        source_url: r.get("source_url")?,
        source_url_fr: r.get("source_url_fr")?,
        page_source_url: r.get("page_source_url")?,
    })
}

/// The nine principles, in order.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<PrincipleRow>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM principles ORDER BY number"))?
        .query_map([], principle_row)?
        .collect()
}

pub fn get(conn: &Connection, number: u8) -> rusqlite::Result<Option<PrincipleRow>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM principles WHERE number = ?1"
    ))?
    .query_row([number], principle_row)
    .optional()
}
