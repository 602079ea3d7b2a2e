//! Every SQL query the site runs, each returning plain typed rows.

use std::collections::BTreeSet;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::content::OfficialSource;
use crate::i18n::Lang;
use crate::model::{Category, NatureGroup, PartialDate, SourcedDay, StateStatus};
use crate::timeline::{Point, Timeline};

fn conversion_error(idx: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, message.into())
}

pub(super) fn date(row: &Row, idx: usize) -> rusqlite::Result<PartialDate> {
    let text: String = row.get(idx)?;
    text.parse().map_err(|e| conversion_error(idx, e))
}

pub(super) fn optional_date(row: &Row, idx: usize) -> rusqlite::Result<Option<PartialDate>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| t.parse().map_err(|e| conversion_error(idx, e)))
        .transpose()
}

fn category(row: &Row, idx: usize) -> rusqlite::Result<Category> {
    let text: String = row.get(idx)?;
    text.parse()
        .map_err(|()| conversion_error(idx, format!("unknown category {text}")))
}

fn status(row: &Row, idx: usize) -> rusqlite::Result<StateStatus> {
    let text: String = row.get(idx)?;
    text.parse()
        .map_err(|()| conversion_error(idx, format!("unknown status {text}")))
}

pub struct CountryName {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    pub name: String,
    pub name_fr: String,
}

impl CountryName {
    pub fn name(&self, lang: impl Into<Lang>) -> &str {
        let lang: Lang = lang.into();
        lang.tr(&self.name, &self.name_fr)
    }
}

impl Vocabulary {
    /// The day to replay the history for: `day` if it is before the list's last change (on
    /// or after it, the list is today's and is read from the current tables).
    pub fn past(&self, day: Option<PartialDate>) -> Option<PartialDate> {
        day.filter(|d| *d < self.as_of)
    }

    /// Every country in the alphabetical order of its name in `lang`, accents aside as a
    /// French reader expects ("Égypte" among the E, not after "Zimbabwe").
    pub fn countries_by_name(&self, lang: Lang) -> Vec<&CountryName> {
        let mut sorted: Vec<(String, &CountryName)> = self
            .countries
            .iter()
            .map(|c| (crate::model::fold(c.name(lang)), c))
            .collect();
        sorted.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.name(lang).cmp(b.1.name(lang)))
        });
        sorted.into_iter().map(|(_, c)| c).collect()
    }

    /// A country's name in `lang`, from its ISO code in any case.
    pub fn country_name(&self, code: &str, lang: Lang) -> Option<&str> {
        self.countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
            .map(|c| c.name(lang))
    }
}

/// What query-string values may be: loaded once at start.
pub struct Vocabulary {
    /// Every country, by code.
    pub countries: Vec<CountryName>,
    pub regions: Vec<String>,
    pub listed_years: Vec<u16>,
    pub joined_years: Vec<u16>,
    pub as_of: PartialDate,
    /// The day the Call was launched (the declaration's date).
    pub launch: PartialDate,
    /// The official repository's commit the list comes from, and the day it was checked.
    pub official: OfficialSource,
    /// The list's size after each change.
    pub timeline: Timeline,
    /// The sources registry, to render the references pages cite by id.
    pub sources: super::sources::Sources,
    /// English names that take "the" in a sentence.
    pub names_with_the: BTreeSet<String>,
}

pub fn vocabulary(conn: &Connection) -> rusqlite::Result<Vocabulary> {
    let countries = conn
        .prepare("SELECT iso2, name, coalesce(name_fr, name) FROM countries ORDER BY iso2")?
        .query_map([], |r| {
            Ok(CountryName {
                code: r.get(0)?,
                name: r.get(1)?,
                name_fr: r.get(2)?,
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
            date(r, 0)
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
            let category = r.get::<_, String>(2)?.parse::<Category>().ok();
            Ok((date(r, 0)?, optional_date(r, 1)?, category))
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

pub struct PrincipleRow {
    pub number: u8,
    pub short_title: String,
    pub short_title_fr: String,
    pub text_en: String,
    pub text_fr: String,
    pub page_text_en: String,
    pub page_text_fr: String,
    /// URLs of the English and French declarations and of the official principles page,
    /// from the sources registry.
    pub source_url: String,
    pub source_url_fr: String,
    pub page_source_url: String,
}

const PRINCIPLE_COLUMNS: &str = "number, short_title, short_title_fr, text_en, text_fr, page_text_en, \
     page_text_fr, (SELECT url FROM sources WHERE id = source_id), \
     (SELECT url FROM sources WHERE id = source_id_fr), \
     (SELECT url FROM sources WHERE id = page_source_id)";

fn principle_row(r: &Row) -> rusqlite::Result<PrincipleRow> {
    Ok(PrincipleRow {
        number: r.get(0)?,
        short_title: r.get(1)?,
        short_title_fr: r.get(2)?,
        text_en: r.get(3)?,
        text_fr: r.get(4)?,
        page_text_en: r.get(5)?,
        page_text_fr: r.get(6)?,
        source_url: r.get(7)?,
        source_url_fr: r.get(8)?,
        page_source_url: r.get(9)?,
    })
}

pub fn principles(conn: &Connection) -> rusqlite::Result<Vec<PrincipleRow>> {
    conn.prepare_cached(&format!(
        "SELECT {PRINCIPLE_COLUMNS} FROM principles ORDER BY number"
    ))?
    .query_map([], principle_row)?
    .collect()
}

pub fn principle(conn: &Connection, number: u8) -> rusqlite::Result<Option<PrincipleRow>> {
    conn.prepare_cached(&format!(
        "SELECT {PRINCIPLE_COLUMNS} FROM principles WHERE number = ?1"
    ))?
    .query_row([number], principle_row)
    .optional()
}

pub struct CommentarySummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub date: PartialDate,
    pub updated: PartialDate,
    pub author: String,
    /// Whether this is the page in the language asked for (else it is the English page).
    pub translated: bool,
}

fn commentary_summary(r: &Row) -> rusqlite::Result<CommentarySummary> {
    Ok(CommentarySummary {
        slug: r.get(0)?,
        title: r.get(1)?,
        summary: r.get(2)?,
        date: date(r, 3)?,
        updated: date(r, 4)?,
        author: r.get(5)?,
        translated: r.get(6)?,
    })
}

/// Each published English page `e`, in language `?1` (`t`) where it has a version in it.
const COMMENTARY_IN: &str =
    "SELECT e.slug, COALESCE(t.title, e.title), COALESCE(t.summary, e.summary),
        COALESCE(t.date, e.date), COALESCE(t.updated, e.updated), COALESCE(t.author, e.author),
        t.slug IS NOT NULL, COALESCE(t.html, e.html)
     FROM commentary e LEFT JOIN commentary t ON t.slug = e.slug AND t.lang = ?1 AND NOT t.draft
     WHERE e.lang = 'en' AND NOT e.draft";

/// Published commentary in `lang` (the English page where there is no translation), newest first.
pub fn commentary_list(conn: &Connection, lang: Lang) -> rusqlite::Result<Vec<CommentarySummary>> {
    conn.prepare_cached(&format!(
        "{COMMENTARY_IN} ORDER BY e.date DESC, e.updated DESC, e.title"
    ))?
    .query_map([lang.code()], commentary_summary)?
    .collect()
}

pub fn commentary_citing(
    conn: &Connection,
    number: u8,
    lang: Lang,
) -> rusqlite::Result<Vec<CommentarySummary>> {
    conn.prepare_cached(&format!(
        "{COMMENTARY_IN} AND e.slug IN (SELECT slug FROM commentary_principles WHERE number = ?2)
         ORDER BY e.date DESC, e.title"
    ))?
    .query_map(params![lang.code(), number], commentary_summary)?
    .collect()
}

pub struct CommentaryPage {
    pub summary: CommentarySummary,
    pub html: String,
    /// (number, short title) of each principle the page discusses.
    pub principles: Vec<(u8, String)>,
}

pub fn commentary_page(
    conn: &Connection,
    slug: &str,
    lang: Lang,
) -> rusqlite::Result<Option<CommentaryPage>> {
    let found = conn
        .prepare_cached(&format!("{COMMENTARY_IN} AND e.slug = ?2"))?
        .query_row(params![lang.code(), slug], |r| {
            Ok((commentary_summary(r)?, r.get::<_, String>(7)?))
        })
        .optional()?;
    let Some((summary, html)) = found else {
        return Ok(None);
    };
    let principles = conn
        .prepare_cached(
            "SELECT p.number, CASE ?2 WHEN 'fr' THEN p.short_title_fr ELSE p.short_title END
             FROM commentary_principles c
             JOIN principles p ON p.number = c.number WHERE c.slug = ?1 ORDER BY p.number",
        )?
        .query_map(params![slug, lang.code()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(CommentaryPage {
        summary,
        html,
        principles,
    }))
}

/// How /supporters rows are ordered within each category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SupporterSort {
    #[default]
    Name,
    NameDesc,
    Listed,
    ListedDesc,
    Country,
}

impl SupporterSort {
    pub const ALL: [SupporterSort; 5] = [
        SupporterSort::Name,
        SupporterSort::NameDesc,
        SupporterSort::Listed,
        SupporterSort::ListedDesc,
        SupporterSort::Country,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SupporterSort::Name => "name",
            SupporterSort::NameDesc => "-name",
            SupporterSort::Listed => "listed",
            SupporterSort::ListedDesc => "-listed",
            SupporterSort::Country => "country",
        }
    }

    /// The `ORDER BY` terms, by names as `lang`'s pages show them (states under their
    /// official French names, countries under their French names, on French pages).
    fn order_by(self, lang: Lang) -> String {
        let (name, country) = match lang {
            Lang::En => ("s.name_folded", "c.name"),
            Lang::Fr => (
                "coalesce(s.name_fr_folded, s.name_folded)",
                "c.sort_name_fr",
            ),
        };
        match self {
            SupporterSort::Name => format!("{name}, s.id"),
            SupporterSort::NameDesc => format!("{name} DESC, s.id DESC"),
            SupporterSort::Listed => format!("s.listed_since, {name}, s.id"),
            SupporterSort::ListedDesc => format!("s.listed_since DESC, {name}, s.id"),
            SupporterSort::Country => format!("{country} IS NULL, {country}, {name}, s.id"),
        }
    }
}

/// A validated /supporters query. Every field was checked against the vocabulary.
#[derive(Debug, Clone, Default)]
pub struct SupporterFilter {
    pub categories: Vec<Category>,
    /// Upper-case ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub region: Option<String>,
    pub listed: Option<u16>,
    pub joined: Option<u16>,
    /// Private-sector entries whose official `nature` is in this group.
    pub nature: Option<NatureGroup>,
    /// Already folded (lower case, no accents).
    pub q: Option<String>,
    pub sort: SupporterSort,
    /// The list as it stood after that day, from the history; `None` for today's list.
    pub as_of: Option<PartialDate>,
    /// The language whose names set the order.
    pub lang: Lang,
}

/// The official list as it stood after day `?1`, shaped like the `supporters` table: each
/// span open that day, under its current record's id ('' for a body no longer listed), with
/// the name it had then (and its current record's nature group: the history keeps no
/// `nature`). The official list names states in French, as `supporters.csv` keeps
/// in `official_name_fr`: a state listed under today's French name is shown as it is today
/// (`s.name_fr_folded = h.name_folded`), so that only a real change of name reads as one.
const LIST_ON_DAY: &str = "(SELECT coalesce(h.body_id, '') AS id,
        CASE WHEN s.name_fr_folded = h.name_folded THEN s.name ELSE h.name END AS name,
        CASE WHEN s.name_fr_folded = h.name_folded THEN s.name_folded ELSE h.name_folded END
            AS name_folded,
        h.category, h.country_iso2, h.joined, h.first_listed AS listed_since,
        CASE WHEN s.name_fr_folded = h.name_folded THEN s.official_name_fr END AS official_name_fr,
        CASE WHEN s.name_fr_folded = h.name_folded THEN s.name_fr_folded END AS name_fr_folded,
        coalesce(s.source_url, 'https://github.com/ambanum/pariscall.international/tree/'
                 || h.listed_from_commit || '/_supporters') AS source_url,
        coalesce(s.nature_group, 'not_given') AS nature_group
     FROM history h LEFT JOIN supporters s ON s.id = h.body_id
     WHERE h.listed_from <= ?1 AND (h.listed_until IS NULL OR h.listed_until > ?1))";

impl SupporterFilter {
    /// The rows to read (`… s`), the `WHERE` clause and its values, in placeholder order.
    fn source_and_where(&self) -> (&'static str, String, Vec<Value>) {
        let mut clauses = Vec::new();
        let mut values = Vec::new();
        let source = match self.as_of {
            Some(day) => {
                values.push(Value::from(day.iso()));
                LIST_ON_DAY
            }
            None => "supporters",
        };
        if !self.categories.is_empty() {
            let marks = vec!["?"; self.categories.len()].join(", ");
            clauses.push(format!("s.category IN ({marks})"));
            values.extend(
                self.categories
                    .iter()
                    .map(|c| Value::from(c.slug().to_string())),
            );
        }
        if let Some(country) = &self.country {
            clauses.push("s.country_iso2 = ?".to_string());
            values.push(Value::from(country.clone()));
        }
        if let Some(region) = &self.region {
            clauses.push("c.region = ?".to_string());
            values.push(Value::from(region.clone()));
        }
        if let Some(year) = self.listed {
            clauses.push("substr(s.listed_since, 1, 4) = ?".to_string());
            values.push(Value::from(format!("{year:04}")));
        }
        if let Some(year) = self.joined {
            clauses.push("substr(s.joined, 1, 4) = ?".to_string());
            values.push(Value::from(format!("{year:04}")));
        }
        if let Some(nature) = self.nature {
            clauses.push("s.category = 'private_sector' AND s.nature_group = ?".to_string());
            values.push(Value::from(nature.slug().to_string()));
        }
        if let Some(q) = &self.q {
            clauses.push(
                "(instr(s.name_folded, ?) > 0 OR instr(coalesce(s.name_fr_folded, ''), ?) > 0)"
                    .to_string(),
            );
            values.push(Value::from(q.clone()));
            values.push(Value::from(q.clone()));
        }
        let clause = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        (source, clause, values)
    }
}

#[derive(Clone)]
pub struct SupporterListRow {
    pub id: String,
    pub name: String,
    pub category: Category,
    pub country_iso2: Option<String>,
    pub country_name: Option<String>,
    pub country_name_fr: Option<String>,
    pub listed_since: PartialDate,
    pub joined: Option<PartialDate>,
    /// The record's address at the pinned commit; for a body no longer listed, the official
    /// list's folder at the commit where the name first appeared.
    pub source_url: String,
    /// For a state, the official list's French name.
    pub official_name_fr: Option<String>,
}

impl SupporterListRow {
    /// The name in `lang`: a state's official French name on French pages, else the name as
    /// the official list writes it.
    pub fn display_name(&self, lang: impl Into<Lang>) -> &str {
        let lang: Lang = lang.into();
        match (lang, &self.official_name_fr) {
            (Lang::Fr, Some(french)) => french,
            _ => &self.name,
        }
    }

    /// Whether the entry has a page here: a body no longer in the list has none.
    pub fn has_page(&self) -> bool {
        !self.id.is_empty()
    }

    /// The country's name in `lang`, if the entry gives a country.
    pub fn country(&self, lang: impl Into<Lang>) -> &str {
        let lang: Lang = lang.into();
        let name = match lang {
            Lang::En => &self.country_name,
            Lang::Fr => &self.country_name_fr,
        };
        name.as_deref()
            .or(self.country_name.as_deref())
            .unwrap_or_default()
    }
}

/// The columns `supporter_row` reads, from `supporters s LEFT JOIN countries c`.
const SUPPORTER_COLUMNS: &str = "s.id, s.name, s.category, s.country_iso2, c.name, s.listed_since, \
     s.joined, c.name_fr, s.source_url, s.official_name_fr";

fn supporter_row(r: &Row) -> rusqlite::Result<SupporterListRow> {
    Ok(SupporterListRow {
        id: r.get(0)?,
        name: r.get(1)?,
        category: category(r, 2)?,
        country_iso2: r.get(3)?,
        country_name: r.get(4)?,
        listed_since: date(r, 5)?,
        joined: optional_date(r, 6)?,
        country_name_fr: r.get(7)?,
        source_url: r.get(8)?,
        official_name_fr: r.get(9)?,
    })
}

/// A page of /supporters rows: `limit`/`offset` only for API-style pagination.
pub fn supporters(
    conn: &Connection,
    filter: &SupporterFilter,
    limit: Option<(u32, u32)>,
) -> rusqlite::Result<Vec<SupporterListRow>> {
    let (source, clause, mut values) = filter.source_and_where();
    let page = match limit {
        Some((limit, offset)) => {
            values.push(Value::from(i64::from(limit)));
            values.push(Value::from(i64::from(offset)));
            "LIMIT ? OFFSET ?"
        }
        None => "",
    };
    let sql = format!(
        "SELECT {SUPPORTER_COLUMNS}
         FROM {source} s LEFT JOIN countries c ON c.iso2 = s.country_iso2
         {clause}
         ORDER BY CASE s.category WHEN 'state' THEN 0 WHEN 'public_authority' THEN 1
                  WHEN 'private_sector' THEN 2 WHEN 'civil_society' THEN 3 ELSE 4 END,
                  {order} {page}",
        order = filter.sort.order_by(filter.lang)
    );
    conn.prepare_cached(&sql)?
        .query_map(params_from_iter(values), supporter_row)?
        .collect()
}

/// How many supporters match, per category (every category present, zero included).
pub fn supporter_counts(
    conn: &Connection,
    filter: &SupporterFilter,
) -> rusqlite::Result<Vec<(Category, i64)>> {
    let (source, clause, values) = filter.source_and_where();
    let sql = format!(
        "SELECT s.category, COUNT(*) FROM {source} s
         LEFT JOIN countries c ON c.iso2 = s.country_iso2 {clause} GROUP BY s.category"
    );
    let found: Vec<(Category, i64)> = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(values), |r| {
            Ok((category(r, 0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Category::ALL
        .iter()
        .map(|c| {
            (
                *c,
                found.iter().find(|(f, _)| f == c).map_or(0, |(_, n)| *n),
            )
        })
        .collect())
}

pub struct SupporterDetail {
    pub row: SupporterListRow,
    /// Other names the same body stood under in the official list: (name, from, until).
    pub former_names: Vec<(String, PartialDate, Option<PartialDate>)>,
    pub nature: Option<String>,
    pub joined_source_ids: Vec<String>,
    /// The sources of the join date speak of all EU member states, not of this one by name.
    pub joined_eu_wide: bool,
    /// Where the sources of the join date give different days: each day with its sources.
    pub joined_days: Vec<SourcedDay>,
    /// A note for readers, (English, French), and its sources.
    pub note: Option<(String, String)>,
    pub note_source_ids: Vec<String>,
}

/// A column of source ids separated by spaces.
pub(super) fn source_ids(r: &rusqlite::Row, index: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = r.get(index)?;
    Ok(text.split_whitespace().map(str::to_string).collect())
}

pub fn supporter(conn: &Connection, id: &str) -> rusqlite::Result<Option<SupporterDetail>> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {SUPPORTER_COLUMNS}, s.nature, s.joined_source_ids, s.note, s.note_fr,
                    s.note_source_ids, s.joined_eu_wide
             FROM supporters s LEFT JOIN countries c ON c.iso2 = s.country_iso2 WHERE s.id = ?1"
        ))?
        .query_row([id], |r| {
            let row = supporter_row(r)?;
            let note: Option<String> = r.get(12)?;
            let note_fr: Option<String> = r.get(13)?;
            Ok(SupporterDetail {
                former_names: Vec::new(),
                joined_days: Vec::new(),
                row,
                nature: r.get(10)?,
                joined_source_ids: source_ids(r, 11)?,
                joined_eu_wide: r.get(15)?,
                note: note.zip(note_fr),
                note_source_ids: source_ids(r, 14)?,
            })
        })
        .optional()?;
    let Some(mut detail) = found else {
        return Ok(None);
    };
    detail.former_names = conn
        .prepare_cached(
            "SELECT h.name, MIN(h.listed_from), MAX(coalesce(h.listed_until, '9999'))
             FROM history h JOIN supporters s ON s.id = h.body_id
             WHERE h.body_id = ?1 AND h.name_folded != s.name_folded
               AND h.name_folded IS NOT s.name_fr_folded
             GROUP BY h.name_folded ORDER BY 2",
        )?
        .query_map([id], |r| {
            let until: String = r.get(2)?;
            Ok((
                r.get(0)?,
                date(r, 1)?,
                until.parse::<PartialDate>().ok().filter(|d| d.year < 9999),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    detail.joined_days = conn
        .prepare_cached(
            "SELECT day, source_ids FROM join_days WHERE supporter_id = ?1 ORDER BY day",
        )?
        .query_map([id], |r| {
            Ok(SourcedDay {
                day: date(r, 0)?,
                source_ids: source_ids(r, 1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(detail))
}

/// Supporters whose sourced join date falls on or before `day` (a month or a year counts
/// once it has ended), for days before the repository began.
pub fn supporters_joined_by(
    conn: &Connection,
    day: PartialDate,
) -> rusqlite::Result<Vec<SupporterListRow>> {
    conn.prepare_cached(&format!(
        "SELECT {SUPPORTER_COLUMNS}
         FROM supporters s LEFT JOIN countries c ON c.iso2 = s.country_iso2
         WHERE s.joined IS NOT NULL
           AND CASE length(s.joined) WHEN 10 THEN s.joined WHEN 7 THEN s.joined || '-31'
               ELSE s.joined || '-12-31' END <= ?1
         ORDER BY CASE s.category WHEN 'state' THEN 0 WHEN 'public_authority' THEN 1
                  WHEN 'private_sector' THEN 2 WHEN 'civil_society' THEN 3 ELSE 4 END,
                  s.name_folded"
    ))?
    .query_map([day.iso()], supporter_row)?
    .collect()
}

/// Where a supporter id that is not a current record's leads, for redirects: the same id in
/// lower case, or the current record of a body whose earlier record file had that name.
pub fn supporter_redirect(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached(
        "SELECT id FROM supporters WHERE id = lower(?1)
         UNION ALL
         SELECT body_id FROM history
         WHERE lower(substr(record_file, 1, length(record_file) - 3)) = lower(?1)
           AND body_id IS NOT NULL
         LIMIT 1",
    )?
    .query_row([id], |r| r.get(0))
    .optional()
}

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
    /// The state's own supporter entry: (record id, sourced join date, first listed).
    pub state_entry: Option<(String, Option<PartialDate>, PartialDate)>,
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
            s.id, s.joined, s.listed_since, c.numeric,
            (SELECT COUNT(*) FROM {organisations} o
             WHERE o.country_iso2 = c.iso2 AND o.category != 'state') AS organisations,
            coalesce(c.name_fr, c.name), s.official_name_fr, c.sort_name_fr,
            (SELECT max(n.as_of) FROM non_signatories n
             WHERE n.iso2 = c.iso2 AND n.event = 'absent' {reported_by}) AS reported_absent
         FROM countries c JOIN country_status st ON st.iso2 = c.iso2
         LEFT JOIN {states} s ON s.country_iso2 = c.iso2"
    )
}

fn country_row(r: &Row) -> rusqlite::Result<CountryRow> {
    let id: Option<String> = r.get(5)?;
    let state_entry = match id {
        Some(id) => Some((id, optional_date(r, 6)?, date(r, 7)?)),
        None => None,
    };
    Ok(CountryRow {
        iso2: r.get(0)?,
        name: r.get(1)?,
        region: r.get(2)?,
        un_member: r.get(3)?,
        status: status(r, 4)?,
        state_entry,
        numeric: r.get(8)?,
        organisations: r.get(9)?,
        name_fr: r.get(10)?,
        official_name_fr: r.get(11)?,
        reported_absent: optional_date(r, 13)?,
    })
}

impl CountryRow {
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

pub fn countries(conn: &Connection, filter: &CountryFilter) -> rusqlite::Result<Vec<CountryRow>> {
    let sql = format!(
        "SELECT * FROM ({}) WHERE (?2 IS NULL OR region = ?2) AND (?3 IS NULL OR status = ?3)
         ORDER BY {}",
        country_select(filter.as_of.is_some()),
        filter.sort.order_by(filter.lang)
    );
    conn.prepare_cached(&sql)?
        .query_map(
            params![
                filter.as_of.map(|d| d.iso()),
                filter.region,
                filter.status.map(StateStatus::slug)
            ],
            country_row,
        )?
        .collect()
}

pub fn country(
    conn: &Connection,
    iso2: &str,
    as_of: Option<PartialDate>,
) -> rusqlite::Result<Option<CountryRow>> {
    let sql = format!(
        "SELECT * FROM ({}) WHERE iso2 = ?2",
        country_select(as_of.is_some())
    );
    conn.prepare_cached(&sql)?
        .query_row(params![as_of.map(|d| d.iso()), iso2], country_row)
        .optional()
}

pub struct NonSignatoryRow {
    pub name: String,
    pub iso2: String,
    pub as_of: PartialDate,
    /// `absent` or `joined`.
    pub event: String,
    pub statement: String,
    pub statement_fr: String,
    pub source_ids: Vec<String>,
    pub current_status: StateStatus,
}

pub fn non_signatories(
    conn: &Connection,
    iso2: Option<&str>,
) -> rusqlite::Result<Vec<NonSignatoryRow>> {
    conn.prepare_cached(
        "SELECT n.name, n.iso2, n.as_of, n.event, n.statement, n.statement_fr, n.source_ids,
                st.status
         FROM non_signatories n JOIN country_status st ON st.iso2 = n.iso2
         WHERE ?1 IS NULL OR n.iso2 = ?1 ORDER BY n.position",
    )?
    .query_map([iso2], |r| {
        Ok(NonSignatoryRow {
            name: r.get(0)?,
            iso2: r.get(1)?,
            as_of: date(r, 2)?,
            event: r.get(3)?,
            statement: r.get(4)?,
            statement_fr: r.get(5)?,
            source_ids: source_ids(r, 6)?,
            current_status: status(r, 7)?,
        })
    })?
    .collect()
}

pub struct DisputedRow {
    pub name: String,
    pub iso2: Option<String>,
    pub is_state: bool,
    /// `claim` (a source says it joined) or `expected` (a source said it would).
    pub kind: String,
    pub claim_date: Option<PartialDate>,
    pub claim: String,
    pub claim_fr: String,
    pub source_ids: Vec<String>,
    pub official_list_status: String,
    pub official_list_status_fr: String,
}

pub fn disputed(conn: &Connection, iso2: Option<&str>) -> rusqlite::Result<Vec<DisputedRow>> {
    conn.prepare_cached(
        "SELECT name, iso2, is_state, kind, claim_date, claim, claim_fr, source_ids,
                official_list_status, official_list_status_fr
         FROM disputed WHERE ?1 IS NULL OR iso2 = ?1 ORDER BY position",
    )?
    .query_map([iso2], |r| {
        Ok(DisputedRow {
            name: r.get(0)?,
            iso2: r.get(1)?,
            is_state: r.get(2)?,
            kind: r.get(3)?,
            claim_date: optional_date(r, 4)?,
            claim: r.get(5)?,
            claim_fr: r.get(6)?,
            source_ids: source_ids(r, 7)?,
            official_list_status: r.get(8)?,
            official_list_status_fr: r.get(9)?,
        })
    })?
    .collect()
}

/// Where a search hit leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitKind {
    Supporter,
    Country,
    Principle,
    Glossary,
    Commentary,
}

impl HitKind {
    pub const ALL: [HitKind; 5] = [
        HitKind::Supporter,
        HitKind::Country,
        HitKind::Principle,
        HitKind::Glossary,
        HitKind::Commentary,
    ];

    fn from_column(text: &str) -> Option<HitKind> {
        match text {
            "supporter" => Some(HitKind::Supporter),
            "country" => Some(HitKind::Country),
            "principle" => Some(HitKind::Principle),
            "commentary" => Some(HitKind::Commentary),
            "glossary" => Some(HitKind::Glossary),
            _ => None,
        }
    }
}

/// Marks around matched words in snippets: private-use characters that no text contains,
/// so the snippet can be HTML-escaped first and the marks turned into `<mark>` after.
pub const MARK_OPEN: char = '\u{E000}';
pub const MARK_CLOSE: char = '\u{E001}';

pub struct SearchHit {
    pub kind: HitKind,
    pub key: String,
    pub title: String,
    pub snippet: String,
    /// What the hit names, for a result line that reads as one (name, category, country).
    pub about: HitAbout,
}

/// The row behind a supporter or country hit; other hits are read from their snippet.
pub enum HitAbout {
    Supporter(SupporterListRow),
    Country(CountryRow),
    Text,
}

/// `match_expression` must come from `params::fts_query`, never from user text directly.
/// Country hits carry `HitAbout::Text` here: `country_about` fills them.
pub fn search(
    conn: &Connection,
    match_expression: &str,
    lang: Lang,
    limit: u32,
) -> rusqlite::Result<Vec<SearchHit>> {
    conn.prepare_cached(&format!(
        "SELECT {SUPPORTER_COLUMNS}, search.kind, search.key,
                highlight(search, 2, char(57344), char(57345)),
                snippet(search, 3, char(57344), char(57345), '…', 16)
         FROM search
         LEFT JOIN supporters s ON search.kind = 'supporter' AND s.id = search.key
         LEFT JOIN countries c ON c.iso2 = s.country_iso2
         WHERE search MATCH ?1 AND search.lang IN ('', ?3) ORDER BY rank LIMIT ?2"
    ))?
    .query_map(params![match_expression, limit, lang.code()], |r| {
        let kind: String = r.get(10)?;
        let kind = HitKind::from_column(&kind)
            .ok_or_else(|| conversion_error(10, format!("unknown kind {kind}")))?;
        let about = match kind {
            HitKind::Supporter => HitAbout::Supporter(supporter_row(r)?),
            _ => HitAbout::Text,
        };
        Ok(SearchHit {
            kind,
            key: r.get(11)?,
            title: r.get(12)?,
            snippet: r.get(13)?,
            about,
        })
    })?
    .collect()
}

/// A current supporter's list row, for suggestions.
pub fn supporter_summary(
    conn: &Connection,
    id: &str,
) -> rusqlite::Result<Option<SupporterListRow>> {
    conn.prepare_cached(&format!(
        "SELECT {SUPPORTER_COLUMNS}
         FROM supporters s LEFT JOIN countries c ON c.iso2 = s.country_iso2 WHERE s.id = ?1"
    ))?
    .query_row([id], supporter_row)
    .optional()
}

/// A supporter as the downloads and the API give it.
pub struct SupporterExport {
    pub row: SupporterListRow,
    pub nature: Option<String>,
    pub joined_source_ids: Vec<String>,
    /// The English note for readers.
    pub note: Option<String>,
}

/// The filtered list with every field, in the list's order.
pub fn supporters_export(
    conn: &Connection,
    filter: &SupporterFilter,
    limit: Option<(u32, u32)>,
) -> rusqlite::Result<Vec<SupporterExport>> {
    let rows = supporters(conn, filter, limit)?;
    // A past list's rows point at the current record of the same body, if it is still listed.
    let mut details = conn
        .prepare_cached("SELECT nature, joined_source_ids, note FROM supporters WHERE id = ?1")?;
    rows.into_iter()
        .map(|row| {
            let (nature, joined_source_ids, note) = details
                .query_row([&row.id], |r| Ok((r.get(0)?, source_ids(r, 1)?, r.get(2)?)))
                .optional()?
                .unwrap_or_default();
            Ok(SupporterExport {
                row,
                nature,
                joined_source_ids,
                note,
            })
        })
        .collect()
}

/// Current supporters with their first-listed date, newest first (for /changes).
pub fn supporters_by_first_listed(conn: &Connection) -> rusqlite::Result<Vec<SupporterListRow>> {
    conn.prepare_cached(&format!(
        "SELECT {SUPPORTER_COLUMNS}
         FROM supporters s LEFT JOIN countries c ON c.iso2 = s.country_iso2
         ORDER BY s.listed_since DESC, s.name_folded"
    ))?
    .query_map([], supporter_row)?
    .collect()
}

pub struct RenameRow {
    pub old_name: String,
    /// The record file the name stood under: a stable key (names have spaces and accents).
    pub old_record_file: String,
    pub listed_until: PartialDate,
    pub kind: String,
    pub successor_id: Option<String>,
    pub successor_name: Option<String>,
    /// The successor's name in the official list today.
    pub current_name: Option<String>,
}

/// Names that left the official list and never came back, newest first, with what became of them.
pub fn renames(conn: &Connection) -> rusqlite::Result<Vec<RenameRow>> {
    conn.prepare_cached(
        "SELECT r.old_name, r.listed_until, r.kind, r.successor_id, r.successor_name, s.name,
                r.old_record_file
         FROM record_renames r LEFT JOIN supporters s ON s.id = r.successor_id
         ORDER BY r.listed_until DESC, r.old_name",
    )?
    .query_map([], |r| {
        Ok(RenameRow {
            old_name: r.get(0)?,
            listed_until: date(r, 1)?,
            kind: r.get(2)?,
            successor_id: r.get(3)?,
            successor_name: r.get(4)?,
            current_name: r.get(5)?,
            old_record_file: r.get(6)?,
        })
    })?
    .collect()
}

pub struct CorrectionRow {
    /// The date and a slug: stable, it keys the Atom entry.
    pub key: String,
    pub date: PartialDate,
    pub what: String,
    pub what_fr: String,
    pub why: String,
    pub why_fr: String,
    pub source_ids: Vec<String>,
    pub affects: Vec<String>,
}

/// Our corrections, newest first; only those affecting `path` when given.
pub fn corrections(conn: &Connection, path: Option<&str>) -> rusqlite::Result<Vec<CorrectionRow>> {
    let all: Vec<CorrectionRow> = conn
        .prepare_cached(
            "SELECT key, date, what, what_fr, why, why_fr, source_ids, affects
             FROM corrections ORDER BY date DESC, key",
        )?
        .query_map([], |r| {
            Ok(CorrectionRow {
                key: r.get(0)?,
                date: date(r, 1)?,
                what: r.get(2)?,
                what_fr: r.get(3)?,
                why: r.get(4)?,
                why_fr: r.get(5)?,
                source_ids: source_ids(r, 6)?,
                affects: source_ids(r, 7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match path {
        Some(path) => all
            .into_iter()
            .filter(|c| c.affects.iter().any(|a| a == path))
            .collect(),
        None => all,
    })
}

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
pub fn reported_counts(conn: &Connection) -> rusqlite::Result<Vec<ReportedCountRow>> {
    reported_counts_by(conn, PartialDate::today())
}

/// Counts reported on or before `day` (a month or a year counts once it has begun), and
/// the undated ones only when `day` is today.
pub fn reported_counts_by(
    conn: &Connection,
    day: PartialDate,
) -> rusqlite::Result<Vec<ReportedCountRow>> {
    conn.prepare_cached(
        "SELECT date, date_label, date_label_fr, source_ids, total, states, public_authorities,
                companies, civil_society, quote, note, note_fr
         FROM reported_counts WHERE coalesce(date <= ?1, ?1 = ?2)
         ORDER BY date IS NULL, date, position",
    )?
    .query_map([day.iso(), PartialDate::today().iso()], |r| {
        Ok(ReportedCountRow {
            date: optional_date(r, 0)?,
            date_label: r.get(1)?,
            date_label_fr: r.get(2)?,
            source_ids: source_ids(r, 3)?,
            total: r.get(4)?,
            states: r.get(5)?,
            public_authorities: r.get(6)?,
            companies: r.get(7)?,
            civil_society: r.get(8)?,
            quote: r.get(9)?,
            note: r.get(10)?,
            note_fr: r.get(11)?,
        })
    })?
    .collect()
}

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

pub fn site_index(conn: &Connection) -> rusqlite::Result<SiteIndex> {
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
            .query_map([], |r| Ok((r.get(0)?, date(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?,
        principles: conn
            .prepare_cached(
                "SELECT number, max(updated) FROM explainers GROUP BY number ORDER BY number",
            )?
            .query_map([], |r| Ok((r.get(0)?, date(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?,
        latest_correction: conn
            .query_row("SELECT max(date) FROM corrections", [], |r| {
                optional_date(r, 0)
            })?,
    })
}

/// One supporter in the export shape.
pub fn supporter_export(conn: &Connection, id: &str) -> rusqlite::Result<Option<SupporterExport>> {
    Ok(supporter(conn, id)?.map(|d| SupporterExport {
        row: d.row,
        nature: d.nature,
        joined_source_ids: d.joined_source_ids,
        note: d.note.map(|(en, _)| en),
    }))
}
