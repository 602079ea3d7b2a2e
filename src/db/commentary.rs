//! Our commentary pages: the list, those citing a principle, and one page with its HTML.

use rusqlite::{Connection, params};
use serde::Deserialize;

use super::QueryResult;
use super::columns::{Read, flag};
use crate::i18n::Lang;
use crate::model::PartialDate;

#[derive(Deserialize)]
pub struct CommentarySummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub date: PartialDate,
    pub updated: PartialDate,
    pub author: String,
    /// Whether this is the page in the language asked for (else it is the English page).
    #[serde(deserialize_with = "flag")]
    pub translated: bool,
}

/// Each published English page `e`, in language `?1` (`t`) where it has a version in it.
const COMMENTARY_IN: &str = "SELECT e.slug AS slug, COALESCE(t.title, e.title) AS title,
        COALESCE(t.summary, e.summary) AS summary, COALESCE(t.date, e.date) AS date,
        COALESCE(t.updated, e.updated) AS updated, COALESCE(t.author, e.author) AS author,
        t.slug IS NOT NULL AS translated, COALESCE(t.html, e.html) AS html
     FROM commentary e LEFT JOIN commentary t ON t.slug = e.slug AND t.lang = ?1 AND NOT t.draft
     WHERE e.lang = 'en' AND NOT e.draft";

/// Published commentary in `lang` (the English page where there is no translation), newest first.
pub fn list(conn: &Connection, lang: Lang) -> QueryResult<Vec<CommentarySummary>> {
    conn.all(
        &format!("{COMMENTARY_IN} ORDER BY e.date DESC, e.updated DESC, e.title"),
        [lang.code()],
    )
}

/// The commentary that discusses principle `number`, newest first.
pub fn citing(conn: &Connection, number: u8, lang: Lang) -> QueryResult<Vec<CommentarySummary>> {
    conn.all(
        &format!(
            "{COMMENTARY_IN} AND e.slug IN (SELECT slug FROM commentary_principles WHERE number = ?2)
             ORDER BY e.date DESC, e.title"
        ),
        params![lang.code(), number],
    )
}

#[derive(Deserialize)]
pub struct CommentaryPage {
    #[serde(flatten)]
    pub summary: CommentarySummary,
    pub html: String,
    /// (number, short title) of each principle the page discusses.
    #[serde(skip)]
    pub principles: Vec<(u8, String)>,
}

pub fn page(conn: &Connection, slug: &str, lang: Lang) -> QueryResult<Option<CommentaryPage>> {
    let found: Option<CommentaryPage> = conn.first(
        &format!("{COMMENTARY_IN} AND e.slug = ?2"),
        params![lang.code(), slug],
    )?;
    let Some(mut page) = found else {
        return Ok(None);
    };
    page.principles = conn.all(
        "SELECT p.number,
                CASE ?2 WHEN 'fr' THEN p.short_title_fr ELSE p.short_title END AS short_title
         FROM commentary_principles c
         JOIN principles p ON p.number = c.number WHERE c.slug = ?1 ORDER BY p.number",
        params![slug, lang.code()],
    )?;
    Ok(Some(page))
}
