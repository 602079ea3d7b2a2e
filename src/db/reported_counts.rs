//! The list's size as sources reported it over the years (the /counts page and the chart).

use rusqlite::Connection;
use serde::Deserialize;

use super::QueryResult;
use super::columns::{Read, id_list};
use crate::model::PartialDate;

#[derive(Deserialize)]
pub struct ReportedCountRow {
    pub date: Option<PartialDate>,
    pub date_label: Option<String>,
    pub date_label_fr: Option<String>,
    #[serde(deserialize_with = "id_list")]
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
pub fn list(conn: &Connection) -> QueryResult<Vec<ReportedCountRow>> {
    list_by(conn, PartialDate::today())
}

/// Counts reported on or before `day` (a month or a year counts once it has begun), and
/// the undated ones only when `day` is today.
pub fn list_by(conn: &Connection, day: PartialDate) -> QueryResult<Vec<ReportedCountRow>> {
    conn.all(
        "SELECT * FROM reported_counts WHERE coalesce(date <= ?1, ?1 = ?2)
         ORDER BY date IS NULL, date, position",
        [day, PartialDate::today()],
    )
}
