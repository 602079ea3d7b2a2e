//! Countries: the /countries filter and sort, each country's status (today or on a past
//! day), and the statements behind the statuses (non-signatories, disputed claims).

use rusqlite::{Connection, params};
use serde::Deserialize;

use super::QueryResult;
use super::columns::{Read, id_list};
use super::history::LIST_ON_DAY;
use crate::content::{ClaimKind, StatementEvent};
use crate::i18n::Lang;
use crate::model::{PartialDate, StateStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CountrySort {
    #[default]
    Name,
    NameDesc,
    Region,
    Status,
    Organisations,
}

impl CountrySort {
    pub const ALL: [CountrySort; 5] = [
        CountrySort::Name,
        CountrySort::NameDesc,
        CountrySort::Region,
        CountrySort::Status,
        CountrySort::Organisations,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            CountrySort::Name => "name",
            CountrySort::NameDesc => "-name",
            CountrySort::Region => "region",
            CountrySort::Status => "status",
            CountrySort::Organisations => "-organisations",
        }
    }

    /// Ordering over the columns of `country_select`, by names as `lang`'s pages show them.
    fn order_by(self, lang: Lang) -> String {
        let name = lang.tr("name", "sort_name_fr");
        match self {
            CountrySort::Name => name.to_string(),
            CountrySort::NameDesc => format!("{name} DESC"),
            CountrySort::Region => format!("region IS NULL, region, {name}"),
            CountrySort::Status => format!("status, {name}"),
            CountrySort::Organisations => format!("organisations DESC, {name}"),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct CountryFilter {
    pub region: Option<String>,
    pub status: Option<StateStatus>,
    pub sort: CountrySort,
    /// Statuses and organisations as the official list stood after that day.
    pub as_of: Option<PartialDate>,
    /// The language whose names set the order.
    pub lang: Lang,
}

#[derive(Deserialize)]
pub struct CountryRow {
    pub iso2: String,
    pub numeric: Option<String>,
    pub name: String,
    /// The usual French name (CLDR), or the English one where there is none.
    pub name_fr: String,
    /// The state entry's own French name in the official list, where it has one.
    pub official_name_fr: Option<String>,
    pub region: Option<String>,
    pub un_member: bool,
    pub status: StateStatus,
    /// The state's own supporter entry, if it has one: its record id, sourced join date
    /// and first listing (`state_entry`).
    state_id: Option<String>,
    state_joined: Option<PartialDate>,
    state_listed_since: Option<PartialDate>,
    pub organisations: i64,
    /// The latest report (up to the day shown) that the state had not signed.
    pub reported_absent: Option<PartialDate>,
}

/// Every country with its status, today or (with `?1` a day) as the list stood after `?1`.
/// On a past day a state is a supporter if a state entry was listed that day (not a body
/// the list once misfiled as a state), and reported as not signing only once a statement
/// dated that day or earlier says so.
fn country_select(past: bool) -> String {
    let reported_by = if past { "AND n.as_of <= ?1" } else { "" };
    let (status, states, organisations) = if past {
        (
            "CASE WHEN s.id IS NOT NULL THEN 'supporter'
                  WHEN st.status = 'disputed' THEN 'disputed'
                  WHEN EXISTS (SELECT 1 FROM non_signatories n
                               WHERE n.iso2 = c.iso2 AND n.event = 'absent' AND n.as_of <= ?1)
                  THEN 'non_signatory'
                  ELSE 'not_listed' END",
            format!(
                "(SELECT NULLIF(l.id, '') AS id, l.country_iso2, l.joined, l.listed_since, sp.official_name_fr
                  FROM {LIST_ON_DAY} l LEFT JOIN supporters sp ON sp.id = l.id
                  WHERE l.category = 'state' AND coalesce(sp.category, 'state') = 'state')"
            ),
            LIST_ON_DAY,
        )
    } else {
        (
            "st.status",
            "(SELECT * FROM supporters WHERE category = 'state')".to_string(),
            "supporters",
        )
    };
    format!(
        "SELECT c.iso2, c.name, c.region, c.un_member, {status} AS status,
            s.id AS state_id, s.joined AS state_joined, s.listed_since AS state_listed_since,
            c.numeric,
            (SELECT COUNT(*) FROM {organisations} o
             WHERE o.country_iso2 = c.iso2 AND o.category != 'state') AS organisations,
            coalesce(c.name_fr, c.name) AS name_fr, s.official_name_fr, c.sort_name_fr,
            (SELECT max(n.as_of) FROM non_signatories n
             WHERE n.iso2 = c.iso2 AND n.event = 'absent' {reported_by}) AS reported_absent
         FROM countries c JOIN country_status st ON st.iso2 = c.iso2
         LEFT JOIN {states} s ON s.country_iso2 = c.iso2"
    )
}

impl CountryRow {
    /// The state's own supporter entry: (record id, sourced join date, first listed).
    pub fn state_entry(&self) -> Option<(&str, Option<PartialDate>, PartialDate)> {
        Some((
            self.state_id.as_deref()?,
            self.state_joined,
            self.state_listed_since?,
        ))
    }

    pub fn name(&self, lang: impl Into<Lang>) -> &str {
        let lang: Lang = lang.into();
        lang.tr(&self.name, &self.name_fr)
    }

    /// The official list's French name for the state, when it differs from the usual one.
    pub fn official_name_fr_if_different(&self) -> Option<&str> {
        self.official_name_fr
            .as_deref()
            .filter(|official| crate::model::fold(official) != crate::model::fold(&self.name_fr))
    }
}

/// Every country the filter keeps, in its order.
pub fn list(conn: &Connection, filter: &CountryFilter) -> QueryResult<Vec<CountryRow>> {
    let sql = format!(
        "SELECT * FROM ({}) WHERE (?2 IS NULL OR region = ?2) AND (?3 IS NULL OR status = ?3)
         ORDER BY {}",
        country_select(filter.as_of.is_some()),
        filter.sort.order_by(filter.lang)
    );
    conn.all(&sql, params![filter.as_of, filter.region, filter.status])
}

/// One country, by its upper-case code, today or as the list stood after `as_of`.
pub fn get(
    conn: &Connection,
    iso2: &str,
    as_of: Option<PartialDate>,
) -> QueryResult<Option<CountryRow>> {
    let sql = format!(
        "SELECT * FROM ({}) WHERE iso2 = ?2",
        country_select(as_of.is_some())
    );
    conn.first(&sql, params![as_of, iso2])
}

#[derive(Deserialize)]
pub struct NonSignatoryRow {
    pub name: String,
    pub iso2: String,
    pub as_of: PartialDate,
    pub event: StatementEvent,
    pub statement: String,
    pub statement_fr: String,
    #[serde(deserialize_with = "id_list")]
    pub source_ids: Vec<String>,
    pub current_status: StateStatus,
}

pub fn non_signatories(conn: &Connection, iso2: Option<&str>) -> QueryResult<Vec<NonSignatoryRow>> {
    conn.all(
        "SELECT n.*, st.status AS current_status
         FROM non_signatories n JOIN country_status st ON st.iso2 = n.iso2
         WHERE ?1 IS NULL OR n.iso2 = ?1 ORDER BY n.position",
        [iso2],
    )
}

#[derive(Deserialize)]
pub struct DisputedRow {
    pub name: String,
    pub iso2: Option<String>,
    pub is_state: bool,
    pub kind: ClaimKind,
    pub claim_date: Option<PartialDate>,
    pub claim: String,
    pub claim_fr: String,
    #[serde(deserialize_with = "id_list")]
    pub source_ids: Vec<String>,
    pub official_list_status: String,
    pub official_list_status_fr: String,
}

pub fn disputed(conn: &Connection, iso2: Option<&str>) -> QueryResult<Vec<DisputedRow>> {
    conn.all(
        "SELECT * FROM disputed WHERE ?1 IS NULL OR iso2 = ?1 ORDER BY position",
        [iso2],
    )
}
