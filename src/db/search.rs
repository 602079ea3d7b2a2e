//! Full-text search over every page family: the hits, with the row behind a supporter hit.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use rusqlite::{Connection, params};

use super::countries::CountryRow;
use super::supporters::{self, SupporterListRow};
use crate::i18n::Lang;

/// Where a search hit leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    Supporter,
    Country,
    Principle,
    Glossary,
    Commentary,
}

impl HitKind {
    pub const ALL: [HitKind; 5] = [
        HitKind::Supporter,
        HitKind::Country,
        HitKind::Principle,
        HitKind::Glossary,
        HitKind::Commentary,
    ];
}

/// The `kind` column of the search table.
impl FromSql for HitKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "supporter" => Ok(HitKind::Supporter),
            "country" => Ok(HitKind::Country),
            "principle" => Ok(HitKind::Principle),
            "commentary" => Ok(HitKind::Commentary),
            "glossary" => Ok(HitKind::Glossary),
            kind => Err(FromSqlError::Other(format!("unknown kind {kind}").into())),
        }
    }
}

/// Marks around matched words in snippets: private-use characters that no text contains,
/// so the snippet can be HTML-escaped first and the marks turned into `<mark>` after.
pub const MARK_OPEN: char = '\u{E000}';
pub const MARK_CLOSE: char = '\u{E001}';

pub struct SearchHit {
    pub kind: HitKind,
    pub key: String,
    pub title: String,
    pub snippet: String,
    /// What the hit names, for a result line that reads as one (name, category, country).
    pub about: HitAbout,
}

/// The row behind a supporter or country hit; other hits are read from their snippet.
pub enum HitAbout {
    Supporter(SupporterListRow),
    Country(CountryRow),
    Text,
}

/// `match_expression` must come from `params::fts_query`, never from user text directly.
/// Country hits carry `HitAbout::Text` here: `country_about` fills them.
pub fn hits(
    conn: &Connection,
    match_expression: &str,
    lang: Lang,
    limit: u32,
) -> rusqlite::Result<Vec<SearchHit>> {
    conn.prepare_cached(&format!(
        "SELECT {columns}, search.kind, search.key,
                highlight(search, 2, char(57344), char(57345)) AS title,
                snippet(search, 3, char(57344), char(57345), '…', 16) AS snippet
         FROM search
         LEFT JOIN supporters s ON search.kind = 'supporter' AND s.id = search.key
         LEFT JOIN countries c ON c.iso2 = s.country_iso2
         WHERE search MATCH ?1 AND search.lang IN ('', ?3) ORDER BY rank LIMIT ?2",
        columns = supporters::COLUMNS
    ))?
    .query_map(params![match_expression, limit, lang.code()], |r| {
        let kind = r.get("kind")?;
        let about = match kind {
            HitKind::Supporter => HitAbout::Supporter(supporters::list_row(r)?),
            _ => HitAbout::Text,
        };
        Ok(SearchHit {
            kind,
            key: r.get("key")?,
            title: r.get("title")?,
            snippet: r.get("snippet")?,
            about,
        })
    })?
    .collect()
}
