//! The sources registry as the pages read it: every reference, and which pages cite it.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::reference::Reference;

/// Every source of the registry, by id, in the registry's order.
#[derive(Default)]
pub struct Sources {
    order: Vec<Reference>,
    index: HashMap<String, usize>,
}

impl Sources {
    pub fn get(&self, id: &str) -> Option<&Reference> {
        self.index.get(id).map(|&i| &self.order[i])
    }

    /// The references of `ids`, each once, in the order given (unknown ids, which the load
    /// refuses, are skipped).
    pub fn resolve<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Vec<Reference> {
        let mut seen = Vec::new();
        for id in ids {
            if let Some(r) = self.get(id)
                && !seen.iter().any(|s: &Reference| s.id == r.id)
            {
                seen.push(r.clone());
            }
        }
        seen
    }

    pub fn all(&self) -> &[Reference] {
        &self.order
    }
}

pub fn load(conn: &Connection) -> rusqlite::Result<Sources> {
    let order: Vec<Reference> = conn
        .prepare(
            "SELECT id, title, publisher, author, published, url, accessed, archive_url,
                    language, kind
             FROM sources ORDER BY position",
        )?
        .query_map([], |r| {
            Ok(Reference {
                id: r.get("id")?,
                title: r.get("title")?,
                publisher: r.get("publisher")?,
                author: r.get("author")?,
                published: r.get("published")?,
                url: r.get("url")?,
                accessed: r.get("accessed")?,
                archive_url: r.get("archive_url")?,
                language: r.get("language")?,
                kind: r.get("kind")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index = order
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    Ok(Sources { order, index })
}

/// A page that cites a source: its path without the language prefix, and its titles.
pub struct CitingPage {
    pub source_id: String,
    pub path: String,
    pub title_en: String,
    pub title_fr: String,
}

pub fn citing_pages(conn: &Connection) -> rusqlite::Result<Vec<CitingPage>> {
    conn.prepare_cached(
        "SELECT source_id, path, title_en, title_fr FROM citations ORDER BY source_id, path",
    )?
    .query_map([], |r| {
        Ok(CitingPage {
            source_id: r.get("source_id")?,
            path: r.get("path")?,
            title_en: r.get("title_en")?,
            title_fr: r.get("title_fr")?,
        })
    })?
    .collect()
}

/// The prose of one of the site's pages (`content/pages/`), as rendered HTML.
pub fn prose(conn: &Connection, page: &str, lang: crate::i18n::Lang) -> rusqlite::Result<String> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT html FROM prose WHERE page = ?1 AND lang = ?2")?
        .query_row(rusqlite::params![page, lang.code()], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}
