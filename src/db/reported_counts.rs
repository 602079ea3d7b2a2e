//! The list's size as sources reported it over the years (the /counts page and the chart).

use rusqlite::Connection;

use super::columns::id_list;
use crate::model::PartialDate;

pub struct ReportedCountRow {
    pub date: Option<PartialDate>,
    pub date_label: Option<String>,
    pub date_label_fr: Option<String>,
    pub source_ids: Vec<String>,
    pub total: Option<String>,
    pub states: Option<String>,
    pub public_authorities: Option<String>,
    pub companies: Option<String>,
    pub civil_society: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
    pub note_fr: Option<String>,
}

/// Counts as sources reported them, dated ones first in date order.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<ReportedCountRow>> {
    list_by(conn, PartialDate::today())
}

/// Counts reported on or before `day` (a month or a year counts once it has begun), and
/// the undated ones only when `day` is today.
pub fn list_by(conn: &Connection, day: PartialDate) -> rusqlite::Result<Vec<ReportedCountRow>> {
    conn.prepare_cached(
        "SELECT date, date_label, date_label_fr, source_ids, total, states, public_authorities,
                companies, civil_society, quote, note, note_fr
         FROM reported_counts WHERE coalesce(date <= ?1, ?1 = ?2)
         ORDER BY date IS NULL, date, position",
    )?
    .query_map([day, PartialDate::today()], |r| {
        Ok(ReportedCountRow {
            date: r.get("date")?,
            date_label: r.get("date_label")?,
            date_label_fr: r.get("date_label_fr")?,
            source_ids: id_list(r, "source_ids")?,
            total: r.get("total")?,
            states: r.get("states")?,
            public_authorities: r.get("public_authorities")?,
            companies: r.get("companies")?,
            civil_society: r.get("civil_society")?,
            quote: r.get("quote")?,
            note: r.get("note")?,
            note_fr: r.get("note_fr")?,
        })
    })?
    .collect()
}
