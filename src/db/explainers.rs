//! The explanations of the principles, their key terms (the glossary), the working groups,
//! and what they say of supporters.

use rusqlite::{Connection, params};
use serde::Deserialize;

use super::QueryResult;
use super::columns::{Read, id_list};
use crate::i18n::Lang;
use crate::model::PartialDate;

#[derive(Deserialize)]
pub struct ExplainerRow {
    pub summary: String,
    pub updated: PartialDate,
    pub last_reviewed: PartialDate,
    pub intro_html: String,
    pub body_html: String,
}

pub fn explainer(conn: &Connection, number: u8, lang: Lang) -> QueryResult<Option<ExplainerRow>> {
    conn.first(
        "SELECT * FROM explainers WHERE number = ?1 AND lang = ?2",
        params![number, lang.code()],
    )
}

/// A principle in a sentence, with the terms its page defines.
#[derive(Deserialize)]
pub struct PrincipleSummary {
    pub number: u8,
    pub summary: String,
    /// (id, term) in the page's order.
    #[serde(skip)]
    pub key_terms: Vec<(String, String)>,
}

/// The nine principles' plain meanings in `lang`, in order.
pub fn summaries(conn: &Connection, lang: Lang) -> QueryResult<Vec<PrincipleSummary>> {
    let mut summaries: Vec<PrincipleSummary> = conn.all(
        "SELECT number, summary FROM explainers WHERE lang = ?1 ORDER BY number",
        [lang.code()],
    )?;
    for s in &mut summaries {
        s.key_terms = conn.all(
            "SELECT id, term FROM key_terms WHERE number = ?1 AND lang = ?2 ORDER BY position",
            params![s.number, lang.code()],
        )?;
    }
    Ok(summaries)
}

#[derive(Deserialize)]
pub struct GlossaryEntry {
    pub id: String,
    pub term: String,
    pub definition: String,
    #[serde(deserialize_with = "id_list")]
    pub source_ids: Vec<String>,
    /// The principles whose pages define the term (each row read gives its own).
    #[serde(rename = "number", deserialize_with = "one")]
    pub principles: Vec<u8>,
}

/// Every key term in `lang`, alphabetically (case and accents aside), each with its first
/// definition and every principle that uses it.
pub fn glossary(conn: &Connection, lang: Lang) -> QueryResult<Vec<GlossaryEntry>> {
    let mut entries: Vec<GlossaryEntry> = Vec::new();
    let rows: Vec<GlossaryEntry> = conn.all(
        "SELECT * FROM key_terms WHERE lang = ?1 ORDER BY number, position",
        [lang.code()],
    )?;
    for row in rows {
        match entries.iter_mut().find(|e| e.id == row.id) {
            Some(entry) => entry.principles.extend(row.principles),
            None => entries.push(row),
        }
    }
    entries.sort_by_key(|e| crate::model::fold(&e.term));
    Ok(entries)
}

#[derive(Deserialize)]
pub struct WorkingGroupRow {
    pub number: u8,
    pub task: String,
    pub task_fr: String,
    pub year: PartialDate,
    /// Chairs in the official list: (record id, name).
    #[serde(skip)]
    pub chairs: Vec<(String, String)>,
    pub other_chairs: Option<String>,
    pub other_chairs_fr: Option<String>,
    pub report_source_id: Option<String>,
    #[serde(deserialize_with = "id_list")]
    pub source_ids: Vec<String>,
}

pub fn working_groups(conn: &Connection) -> QueryResult<Vec<WorkingGroupRow>> {
    let mut groups: Vec<WorkingGroupRow> =
        conn.all("SELECT * FROM working_groups ORDER BY number", [])?;
    for g in &mut groups {
        g.chairs = conn.all(
            "SELECT s.id, s.name FROM working_group_chairs c
             JOIN supporters s ON s.id = c.supporter_id
             WHERE c.number = ?1 ORDER BY s.name_folded",
            [g.number],
        )?;
    }
    Ok(groups)
}

/// What the explanations say of a supporter: the working groups it chaired
/// (number, year, whether with others) and the principles whose explanation names it.
pub struct SupporterRoles {
    pub chaired: Vec<(u8, Option<PartialDate>, bool)>,
    pub named_in: Vec<u8>,
}

pub fn supporter_roles(conn: &Connection, id: &str) -> QueryResult<SupporterRoles> {
    Ok(SupporterRoles {
        chaired: conn.all(
            "SELECT g.number, g.year,
                    (SELECT count(*) FROM working_group_chairs o WHERE o.number = g.number)
                    + (g.other_chairs IS NOT NULL) > 1 AS with_others
             FROM working_group_chairs c JOIN working_groups g ON g.number = c.number
             WHERE c.supporter_id = ?1 ORDER BY g.number",
            [id],
        )?,
        named_in: conn.all(
            "SELECT number FROM explainer_supporters WHERE supporter_id = ?1 ORDER BY number",
            [id],
        )?,
    })
}

/// A column read as a list of one: rows merged later add theirs.
fn one<'de, D: serde::Deserializer<'de>>(column: D) -> Result<Vec<u8>, D::Error> {
    Ok(vec![u8::deserialize(column)?])
}
