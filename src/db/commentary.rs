//! Our commentary pages: the list, those citing a principle, and one page with its HTML.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::i18n::Lang;
use crate::model::PartialDate;

pub struct CommentarySummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub date: PartialDate,
    pub updated: PartialDate,
    pub author: String,
    /// Whether this is the page in the language asked for (else it is the English page).
    pub translated: bool,
}

fn commentary_summary(r: &Row) -> rusqlite::Result<CommentarySummary> {
    Ok(CommentarySummary {
        slug: r.get("slug")?,
        title: r.get("title")?,
        summary: r.get("summary")?,
        date: r.get("date")?,
        updated: r.get("updated")?,
        author: r.get("author")?,
        translated: r.get("translated")?,
    })
}

/// Each published English page `e`, in language `?1` (`t`) where it has a version in it.
const COMMENTARY_IN: &str = "SELECT e.slug AS slug, COALESCE(t.title, e.title) AS title,
        COALESCE(t.summary, e.summary) AS summary, COALESCE(t.date, e.date) AS date,
        COALESCE(t.updated, e.updated) AS updated, COALESCE(t.author, e.author) AS author,
        t.slug IS NOT NULL AS translated, COALESCE(t.html, e.html) AS html
     FROM commentary e LEFT JOIN commentary t ON t.slug = e.slug AND t.lang = ?1 AND NOT t.draft
     WHERE e.lang = 'en' AND NOT e.draft";

/// Published commentary in `lang` (the English page where there is no translation), newest first.
pub fn list(conn: &Connection, lang: Lang) -> rusqlite::Result<Vec<CommentarySummary>> {
    conn.prepare_cached(&format!(
        "{COMMENTARY_IN} ORDER BY e.date DESC, e.updated DESC, e.title"
    ))?
    .query_map([lang.code()], commentary_summary)?
    .collect()
}

/// The commentary that discusses principle `number`, newest first.
pub fn citing(
    conn: &Connection,
    number: u8,
    lang: Lang,
) -> rusqlite::Result<Vec<CommentarySummary>> {
    conn.prepare_cached(&format!(
        "{COMMENTARY_IN} AND e.slug IN (SELECT slug FROM commentary_principles WHERE number = ?2)
         ORDER BY e.date DESC, e.title"
    ))?
    .query_map(params![lang.code(), number], commentary_summary)?
    .collect()
}

pub struct CommentaryPage {
    pub summary: CommentarySummary,
    pub html: String,
    /// (number, short title) of each principle the page discusses.
    pub principles: Vec<(u8, String)>,
}

pub fn page(conn: &Connection, slug: &str, lang: Lang) -> rusqlite::Result<Option<CommentaryPage>> {
    let found = conn
        .prepare_cached(&format!("{COMMENTARY_IN} AND e.slug = ?2"))?
        .query_row(params![lang.code(), slug], |r| {
            Ok((commentary_summary(r)?, r.get::<_, String>("html")?))
        })
        .optional()?;
    let Some((summary, html)) = found else {
        return Ok(None);
    };
    let principles = conn
        .prepare_cached(
            "SELECT p.number,
                    CASE ?2 WHEN 'fr' THEN p.short_title_fr ELSE p.short_title END AS short_title
             FROM commentary_principles c
             JOIN principles p ON p.number = c.number WHERE c.slug = ?1 ORDER BY p.number",
        )?
        .query_map(params![slug, lang.code()], |r| {
            Ok((r.get("number")?, r.get("short_title")?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(CommentaryPage {
        summary,
        html,
        principles,
    }))
}
