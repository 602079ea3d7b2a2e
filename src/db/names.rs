//! Every name a reader may type for a supporter or a country, as search keys
//! (`model::name_key`): exact matches put a country first, and the nearest keys answer
//! "Did you mean".

use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::{Connection, Transaction, params};
use serde::Deserialize;

use super::QueryResult;
use super::columns::Read;
use crate::content::Content;
use crate::model::{Category, name_key};

/// A name a reader may search for, and what it names.
#[derive(Deserialize)]
pub struct NameKey {
    pub key: String,
    pub kind: NamedKind,
    /// A supporter's id, or a country's code in lower case: the page's path segment.
    pub id: String,
}

/// The `kind` column of the names table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NamedKind {
    Supporter,
    Country,
}

impl ToSql for NamedKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(match self {
            NamedKind::Supporter => "supporter",
            NamedKind::Country => "country",
        }))
    }
}

pub(super) fn insert(tx: &Transaction, content: &Content) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare("INSERT OR IGNORE INTO names (key, kind, id) VALUES (?1, ?2, ?3)")?;
    let mut add = |name: &str, kind: NamedKind, id: &str| -> rusqlite::Result<()> {
        let key = name_key(name);
        if !key.is_empty() {
            stmt.execute(params![key, kind, id])?;
        }
        Ok(())
    };
    for s in &content.supporters {
        add(&s.name, NamedKind::Supporter, &s.id)?;
        if let Some(french) = &s.official_name_fr {
            add(french, NamedKind::Supporter, &s.id)?;
        }
        // A state's entry carries the official list's French name for the country
        // ("République tchèque"), which readers may type too.
        if let (Category::State, Some(code)) = (s.category, &s.country_iso2) {
            let code = code.to_ascii_lowercase();
            add(&s.name, NamedKind::Country, &code)?;
            if let Some(french) = &s.official_name_fr {
                add(french, NamedKind::Country, &code)?;
            }
        }
    }
    for c in &content.countries {
        let code = c.iso2.to_ascii_lowercase();
        let own = [Some(&c.name), c.official_name.as_ref(), c.name_fr.as_ref()];
        for name in own.into_iter().flatten() {
            add(name, NamedKind::Country, &code)?;
        }
    }
    for a in &content.country_aliases {
        add(&a.alias, NamedKind::Country, &a.iso2.to_ascii_lowercase())?;
    }
    Ok(())
}

/// The codes (lower case) of the countries `key` names exactly.
pub fn countries_named(conn: &Connection, key: &str) -> QueryResult<Vec<String>> {
    conn.all(
        "SELECT id FROM names WHERE key = ?1 AND kind = 'country' ORDER BY id",
        [key],
    )
}

/// Every name key, for the nearest-name search.
pub fn all(conn: &Connection) -> QueryResult<Vec<NameKey>> {
    conn.all("SELECT key, kind, id FROM names", [])
}
