//! Full-text search over every page family: the hits (`crate::search::find` reads the rows
//! behind supporter and country hits).

use rusqlite::{Connection, params};
use serde::Deserialize;

use super::QueryResult;
use super::columns::Read;
use super::countries::CountryRow;
use super::supporters::SupporterListRow;
use crate::i18n::Lang;

/// Where a search hit leads: the `kind` column of the search table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// Marks around matched words in snippets: private-use characters that no text contains,
/// so the snippet can be HTML-escaped first and the marks turned into `<mark>` after.
pub const MARK_OPEN: char = '\u{E000}';
pub const MARK_CLOSE: char = '\u{E001}';

#[derive(Deserialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub key: String,
    pub title: String,
    pub snippet: String,
    /// What the hit names, for a result line that reads as one (name, category, country).
    #[serde(skip)]
    pub about: HitAbout,
}

/// The row behind a supporter or country hit; other hits are read from their snippet.
#[derive(Default)]
pub enum HitAbout {
    Supporter(SupporterListRow),
    Country(CountryRow),
    #[default]
    Text,
}

/// `match_expression` must come from `params::fts_query`, never from user text directly.
/// Hits carry `HitAbout::Text` here: `crate::search::find` reads the rows behind supporter
/// and country hits.
pub fn hits(
    conn: &Connection,
    match_expression: &str,
    lang: Lang,
    limit: u32,
) -> QueryResult<Vec<SearchHit>> {
    conn.all(
        "SELECT kind, key, highlight(search, 2, char(57344), char(57345)) AS title,
                snippet(search, 3, char(57344), char(57345), '…', 16) AS snippet
         FROM search WHERE search MATCH ?1 AND lang IN ('', ?3) ORDER BY rank LIMIT ?2",
        params![match_expression, limit, lang.code()],
    )
}
