//! Reading the vocabulary (`crate::vocabulary::Vocabulary`) at start-up: the countries,
//! the years and regions filters may take, the list's dates and its size over time.

use std::collections::BTreeSet;

use rusqlite::Connection;

use crate::content::OfficialSource;
use crate::model::{Category, PartialDate};
use crate::timeline::{Point, Timeline};
use crate::vocabulary::{CountryName, Vocabulary};

pub fn load(conn: &Connection) -> rusqlite::Result<Vocabulary> {
    let countries = conn
        .prepare(
            "SELECT iso2, name, coalesce(name_fr, name) AS name_fr FROM countries ORDER BY iso2",
        )?
        .query_map([], |r| {
            Ok(CountryName {
                code: r.get("iso2")?,
                name: r.get("name")?,
                name_fr: r.get("name_fr")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let regions = conn
        .prepare("SELECT DISTINCT region FROM countries WHERE region IS NOT NULL ORDER BY region")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let years = |sql: &str| -> rusqlite::Result<Vec<u16>> {
        let years: BTreeSet<u16> = conn
            .prepare(sql)?
            .query_map([], |r| r.get::<_, String>(0))?
            .filter_map(|y| y.ok()?.parse().ok())
            .collect();
        Ok(years.into_iter().collect())
    };
    let listed_years = years("SELECT DISTINCT substr(listed_since, 1, 4) FROM supporters")?;
    let joined_years =
        years("SELECT DISTINCT substr(joined, 1, 4) FROM supporters WHERE joined IS NOT NULL")?;
    let meta = |key: &str| {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| {
            r.get::<_, String>(0)
        })
    };
    let meta_date = |key: &str| {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| {
            r.get::<_, PartialDate>(0)
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
            .prepare("SELECT name FROM names_with_the")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    })
}

/// Entries per category after each day the list changed (zero on days it held no list).
/// Counted here from the spans rather than by a join in SQL: the join compared every span
/// with every day and took a tenth of the start-up time.
fn timeline(conn: &Connection) -> rusqlite::Result<Timeline> {
    let spans = conn
        .prepare("SELECT listed_from, listed_until, category FROM history")?
        .query_map([], |r| {
            let category = r.get::<_, String>("category")?.parse::<Category>().ok();
            Ok((
                r.get::<_, PartialDate>("listed_from")?,
                r.get::<_, Option<PartialDate>>("listed_until")?,
                category,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
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
                if let (true, Some(category)) = (listed, category) {
                    counts[category.index()] += 1;
                }
            }
            Point { day, counts }
        })
        .collect();
    Ok(Timeline { points })
}
