//! Every page's id or slug and last change, for the sitemap and the cache warm-up.

use rusqlite::Connection;

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

pub fn load(conn: &Connection) -> rusqlite::Result<SiteIndex> {
    Ok(SiteIndex {
        supporter_ids: conn
            .prepare_cached("SELECT id FROM supporters ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        country_codes: conn
            .prepare_cached("SELECT lower(iso2) FROM countries ORDER BY iso2")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        commentary: conn
            .prepare_cached(
                "SELECT slug, updated FROM commentary WHERE lang = 'en' AND NOT draft ORDER BY slug",
            )?
            .query_map([], |r| Ok((r.get("slug")?, r.get("updated")?)))?
            .collect::<rusqlite::Result<_>>()?,
        principles: conn
            .prepare_cached(
                "SELECT number, max(updated) AS updated FROM explainers GROUP BY number ORDER BY number",
            )?
            .query_map([], |r| Ok((r.get("number")?, r.get("updated")?)))?
            .collect::<rusqlite::Result<_>>()?,
        latest_correction: conn
            .query_row("SELECT max(date) FROM corrections", [], |r| {
                r.get::<_, Option<PartialDate>>(0)
            })?,
    })
}
