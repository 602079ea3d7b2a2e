//! Supporters: the /supporters filter and sort, the list's rows, counts per category, one
//! supporter's page and the export shape of downloads and the API.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use serde::Deserialize;

use super::QueryResult;
use super::columns::{Read, id_list, ids};
use super::history::LIST_ON_DAY;
use crate::content::DATE_SIGNED_SOURCE;
use crate::i18n::Lang;
use crate::model::{Category, NatureGroup, PartialDate, SourcedDay};

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

#[derive(Clone, Deserialize)]
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

/// The columns of a `SupporterListRow`, from `supporters s LEFT JOIN countries c`.
const COLUMNS: &str = "s.id, s.name, s.category, s.country_iso2, \
     c.name AS country_name, c.name_fr AS country_name_fr, s.listed_since, s.joined, \
     s.source_url, s.official_name_fr";

/// The lists' order of categories: states first, uncategorised last.
const CATEGORY_ORDER: &str = "CASE s.category WHEN 'state' THEN 0 WHEN 'public_authority' THEN 1
                  WHEN 'private_sector' THEN 2 WHEN 'civil_society' THEN 3 ELSE 4 END";

/// A page of /supporters rows: `limit`/`offset` only for API-style pagination.
pub fn list(
    conn: &Connection,
    filter: &SupporterFilter,
    limit: Option<(u32, u32)>,
) -> QueryResult<Vec<SupporterListRow>> {
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
        "SELECT {COLUMNS}
         FROM {source} s LEFT JOIN countries c ON c.iso2 = s.country_iso2
         {clause}
         ORDER BY {CATEGORY_ORDER}, {order} {page}",
        order = filter.sort.order_by(filter.lang)
    );
    conn.all(&sql, params_from_iter(values))
}

/// How many supporters match, per category (every category present, zero included).
pub fn counts(conn: &Connection, filter: &SupporterFilter) -> QueryResult<Vec<(Category, i64)>> {
    let (source, clause, values) = filter.source_and_where();
    let sql = format!(
        "SELECT s.category, COUNT(*) AS count FROM {source} s
         LEFT JOIN countries c ON c.iso2 = s.country_iso2 {clause} GROUP BY s.category"
    );
    let found: Vec<(Category, i64)> = conn.all(&sql, params_from_iter(values))?;
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

#[derive(Deserialize)]
pub struct SupporterDetail {
    #[serde(flatten)]
    pub row: SupporterListRow,
    /// Other names the same body stood under in the official list: (name, from, until).
    #[serde(skip)]
    pub former_names: Vec<(String, PartialDate, Option<PartialDate>)>,
    pub nature: Option<String>,
    #[serde(deserialize_with = "id_list")]
    pub joined_source_ids: Vec<String>,
    /// The sources of the join date speak of all EU member states, not of this one by name.
    pub joined_eu_wide: bool,
    /// Where the sources of the join date give different days: each day with its sources.
    #[serde(skip)]
    pub joined_days: Vec<SourcedDay>,
    /// A note for readers (`note`), and its sources.
    note: Option<String>,
    note_fr: Option<String>,
    #[serde(deserialize_with = "id_list")]
    pub note_source_ids: Vec<String>,
}

impl SupporterDetail {
    /// The record's address when the join date is the record's own `date_signed` (the only
    /// join date the load lets the official list be the source of): the date then cites its
    /// record, not the whole list.
    pub fn joined_record_url(&self) -> Option<&str> {
        (self.joined_source_ids == [DATE_SIGNED_SOURCE]).then_some(self.row.source_url.as_str())
    }

    /// The note for readers: (English, French).
    pub fn note(&self) -> Option<(&str, &str)> {
        self.note.as_deref().zip(self.note_fr.as_deref())
    }
}

/// One supporter's page: its row, former names, join date's sources and note.
pub fn detail(conn: &Connection, id: &str) -> QueryResult<Option<SupporterDetail>> {
    let found: Option<SupporterDetail> = conn.first(
        &format!(
            "SELECT {COLUMNS}, s.nature, s.joined_source_ids, s.note, s.note_fr,
                    s.note_source_ids, s.joined_eu_wide
             FROM supporters s LEFT JOIN countries c ON c.iso2 = s.country_iso2 WHERE s.id = ?1"
        ),
        [id],
    )?;
    let Some(mut detail) = found else {
        return Ok(None);
    };
    // '9999' stands for a name still listed (the latest span is open).
    let former: Vec<(String, PartialDate, String)> = conn.all(
        "SELECT h.name, MIN(h.listed_from) AS since,
                MAX(coalesce(h.listed_until, '9999')) AS until
         FROM history h JOIN supporters s ON s.id = h.body_id
         WHERE h.body_id = ?1 AND h.name_folded != s.name_folded
           AND h.name_folded IS NOT s.name_fr_folded
         GROUP BY h.name_folded ORDER BY since",
        [id],
    )?;
    detail.former_names = former
        .into_iter()
        .map(|(name, since, until)| {
            let until = until.parse::<PartialDate>().ok().filter(|d| d.year < 9999);
            (name, since, until)
        })
        .collect();
    let days: Vec<(PartialDate, String)> = conn.all(
        "SELECT day, source_ids FROM join_days WHERE supporter_id = ?1 ORDER BY day",
        [id],
    )?;
    detail.joined_days = days
        .into_iter()
        .map(|(day, source_ids)| SourcedDay {
            day,
            source_ids: ids(&source_ids),
        })
        .collect();
    Ok(Some(detail))
}

/// Supporters whose sourced join date falls on or before `day` (a month or a year counts
/// once it has ended), for days before the repository began.
pub fn joined_by(conn: &Connection, day: PartialDate) -> QueryResult<Vec<SupporterListRow>> {
    conn.all(
        &format!(
            "SELECT {COLUMNS}
             FROM supporters s LEFT JOIN countries c ON c.iso2 = s.country_iso2
             WHERE s.joined IS NOT NULL
               AND CASE length(s.joined) WHEN 10 THEN s.joined WHEN 7 THEN s.joined || '-31'
                   ELSE s.joined || '-12-31' END <= ?1
             ORDER BY {CATEGORY_ORDER}, s.name_folded"
        ),
        [day],
    )
}

/// Where a supporter id that is not a current record's leads, for redirects: the same id in
/// lower case, or the current record of a body whose earlier record file had that name.
pub fn redirect(conn: &Connection, id: &str) -> QueryResult<Option<String>> {
    conn.first(
        "SELECT id FROM supporters WHERE id = lower(?1)
         UNION ALL
         SELECT body_id FROM history
         WHERE lower(substr(record_file, 1, length(record_file) - 3)) = lower(?1)
           AND body_id IS NOT NULL
         LIMIT 1",
        [id],
    )
}

/// A current supporter's list row, for suggestions.
pub fn summary(conn: &Connection, id: &str) -> QueryResult<Option<SupporterListRow>> {
    conn.first(
        &format!(
            "SELECT {COLUMNS}
             FROM supporters s LEFT JOIN countries c ON c.iso2 = s.country_iso2 WHERE s.id = ?1"
        ),
        [id],
    )
}

/// A supporter as the downloads and the API give it.
pub struct SupporterExport {
    pub row: SupporterListRow,
    pub details: ExportDetails,
}

/// What the downloads add to a list row.
#[derive(Default, Deserialize)]
pub struct ExportDetails {
    pub nature: Option<String>,
    #[serde(deserialize_with = "id_list")]
    pub joined_source_ids: Vec<String>,
    /// The English note for readers.
    pub note: Option<String>,
}

/// The filtered list with every field, in the list's order.
pub fn export_list(
    conn: &Connection,
    filter: &SupporterFilter,
    limit: Option<(u32, u32)>,
) -> QueryResult<Vec<SupporterExport>> {
    let rows = list(conn, filter, limit)?;
    // A past list's rows point at the current record of the same body, if it is still listed.
    rows.into_iter()
        .map(|row| {
            let details = conn
                .first(
                    "SELECT nature, joined_source_ids, note FROM supporters WHERE id = ?1",
                    [&row.id],
                )?
                .unwrap_or_default();
            Ok(SupporterExport { row, details })
        })
        .collect()
}

/// Current supporters with their first-listed date, newest first (for /changes).
pub fn by_first_listed(conn: &Connection) -> QueryResult<Vec<SupporterListRow>> {
    conn.all(
        &format!(
            "SELECT {COLUMNS}
             FROM supporters s LEFT JOIN countries c ON c.iso2 = s.country_iso2
             ORDER BY s.listed_since DESC, s.name_folded"
        ),
        [],
    )
}

/// One supporter in the export shape.
pub fn export(conn: &Connection, id: &str) -> QueryResult<Option<SupporterExport>> {
    Ok(detail(conn, id)?.map(|d| SupporterExport {
        row: d.row,
        details: ExportDetails {
            nature: d.nature,
            joined_source_ids: d.joined_source_ids,
            note: d.note,
        },
    }))
}
