//! The sources registry as the pages read it: every reference, and which pages cite it.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Deserialize;

use super::QueryResult;
use super::columns::Read;
use crate::i18n::Lang;
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

pub fn load(conn: &Connection) -> QueryResult<Sources> {
    let order: Vec<Reference> = conn.all("SELECT * FROM sources ORDER BY position", [])?;
    let index = order
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    Ok(Sources { order, index })
}

/// A page that cites a source: its path without the language prefix, and its titles.
#[derive(Deserialize)]
pub struct CitingPage {
    pub source_id: String,
    pub path: String,
    pub title_en: String,
    pub title_fr: String,
}

pub fn citing_pages(conn: &Connection) -> QueryResult<Vec<CitingPage>> {
    conn.all("SELECT * FROM citations ORDER BY source_id, path", [])
}

/// The prose of one of the site's pages (`content/pages/`), as rendered HTML.
pub fn prose(conn: &Connection, page: &str, lang: Lang) -> QueryResult<String> {
    Ok(conn
        .first(
            "SELECT html FROM prose WHERE page = ?1 AND lang = ?2",
            rusqlite::params![page, lang.code()],
        )?
        .unwrap_or_default())
}
