//! Every page's id or slug and last change, for the sitemap and the cache warm-up.

use rusqlite::Connection;

use super::QueryResult;
use super::columns::Read;
use crate::model::PartialDate;

/// Every id and slug, for the sitemap.
pub struct SiteIndex {
    pub supporter_ids: Vec<String>,
    pub country_codes: Vec<String>,
    pub commentary: Vec<(String, PartialDate)>,
    /// Each principle's page and its last change (the later of its two languages).
    pub principles: Vec<(u8, PartialDate)>,
    /// The newest entry of our corrections log.
    pub latest_correction: Option<PartialDate>,
}

pub fn load(conn: &Connection) -> QueryResult<SiteIndex> {
    Ok(SiteIndex {
        supporter_ids: conn.all("SELECT id FROM supporters ORDER BY id", [])?,
        country_codes: conn.all("SELECT lower(iso2) FROM countries ORDER BY iso2", [])?,
        commentary: conn.all(
            "SELECT slug, updated FROM commentary WHERE lang = 'en' AND NOT draft ORDER BY slug",
            [],
        )?,
        principles: conn.all(
            "SELECT number, max(updated) FROM explainers GROUP BY number ORDER BY number",
            [],
        )?,
        latest_correction: conn
            .first("SELECT max(date) FROM corrections", [])?
            .flatten(),
    })
}
