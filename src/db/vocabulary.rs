//! Reading the vocabulary (`crate::vocabulary::Vocabulary`) at start-up: the countries,
//! the years and regions filters may take, the list's dates and its size over time.

use std::collections::BTreeSet;

use rusqlite::Connection;

use super::columns::Read;
use super::{QueryError, QueryResult};
use crate::content::OfficialSource;
use crate::model::{Category, PartialDate};
use crate::timeline::{Point, Timeline};
use crate::vocabulary::Vocabulary;

pub fn load(conn: &Connection) -> QueryResult<Vocabulary> {
    let countries = conn.all(
        "SELECT iso2 AS code, name, coalesce(name_fr, name) AS name_fr FROM countries ORDER BY iso2",
        [],
    )?;
    let regions = conn.all(
        "SELECT DISTINCT region FROM countries WHERE region IS NOT NULL ORDER BY region",
        [],
    )?;
    let years = |sql: &str| -> QueryResult<Vec<u16>> {
        let years: Vec<String> = conn.all(sql, [])?;
        let years: BTreeSet<u16> = years.iter().filter_map(|y| y.parse().ok()).collect();
        Ok(years.into_iter().collect())
    };
    let listed_years = years("SELECT DISTINCT substr(listed_since, 1, 4) FROM supporters")?;
    let joined_years =
        years("SELECT DISTINCT substr(joined, 1, 4) FROM supporters WHERE joined IS NOT NULL")?;
    let meta = |key: &str| -> QueryResult<String> {
        Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))?)
    };
    let meta_date = |key: &str| -> QueryResult<PartialDate> {
        meta(key)?
            .parse()
            .map_err(|message| QueryError::Deserialization {
                column: Some(key.to_string()),
                message,
            })
    };
    let as_of = meta_date("as_of")?;
    let launch = meta_date("launch")?;
    let official = OfficialSource {
        repository: meta("official_repository")?,
        commit: meta("official_commit")?,
        commit_date: meta_date("official_commit_date")?,
        checked: meta_date("official_checked")?,
    };
    Ok(Vocabulary {
        countries,
        regions,
        listed_years,
        joined_years,
        as_of,
        launch,
        official,
        timeline: timeline(conn)?,
        sources: super::sources::load(conn)?,
        names_with_the: conn
            .all::<String>("SELECT name FROM names_with_the", [])?
            .into_iter()
            .collect(),
    })
}

/// Entries per category after each day the list changed (zero on days it held no list).
/// Counted here from the spans rather than by a join in SQL: the join compared every span
/// with every day and took a tenth of the start-up time.
fn timeline(conn: &Connection) -> QueryResult<Timeline> {
    let spans: Vec<(PartialDate, Option<PartialDate>, Category)> = conn.all(
        "SELECT listed_from, listed_until, category FROM history",
        [],
    )?;
    let days: BTreeSet<PartialDate> = spans
        .iter()
        .flat_map(|(from, until, _)| [Some(*from), *until])
        .flatten()
        .collect();
    let points = days
        .into_iter()
        .map(|day| {
            let mut counts = [0; 5];
            for (from, until, category) in &spans {
                let listed = *from <= day && until.is_none_or(|u| u > day);
                if listed {
                    counts[category.index()] += 1;
                }
            }
            Point { day, counts }
        })
        .collect();
    Ok(Timeline { points })
}
