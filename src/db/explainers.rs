//! The explanations of the principles, their key terms (the glossary), the working groups,
//! and what they say of supporters.

use rusqlite::{Connection, OptionalExtension, params};

use super::columns::id_list;
use crate::i18n::Lang;
use crate::model::PartialDate;

pub struct ExplainerRow {
    pub summary: String,
    pub updated: PartialDate,
    pub last_reviewed: PartialDate,
    pub intro_html: String,
    pub body_html: String,
}

pub fn explainer(
    conn: &Connection,
    number: u8,
    lang: Lang,
) -> rusqlite::Result<Option<ExplainerRow>> {
    conn.prepare_cached(
        "SELECT summary, updated, last_reviewed, intro_html, body_html
         FROM explainers WHERE number = ?1 AND lang = ?2",
    )?
    .query_row(params![number, lang.code()], |r| {
        Ok(ExplainerRow {
            summary: r.get("summary")?,
            updated: r.get("updated")?,
            last_reviewed: r.get("last_reviewed")?,
            intro_html: r.get("intro_html")?,
            body_html: r.get("body_html")?,
        })
    })
    .optional()
}

/// A principle in a sentence, with the terms its page defines.
pub struct PrincipleSummary {
    pub number: u8,
    pub summary: String,
    /// (id, term) in the page's order.
    pub key_terms: Vec<(String, String)>,
}

/// The nine principles' plain meanings in `lang`, in order.
pub fn summaries(conn: &Connection, lang: Lang) -> rusqlite::Result<Vec<PrincipleSummary>> {
    let mut summaries: Vec<PrincipleSummary> = conn
        .prepare_cached("SELECT number, summary FROM explainers WHERE lang = ?1 ORDER BY number")?
        .query_map([lang.code()], |r| {
            Ok(PrincipleSummary {
                number: r.get("number")?,
                summary: r.get("summary")?,
                key_terms: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut terms = conn.prepare_cached(
        "SELECT id, term FROM key_terms WHERE number = ?1 AND lang = ?2 ORDER BY position",
    )?;
    for s in &mut summaries {
        s.key_terms = terms
            .query_map(params![s.number, lang.code()], |r| {
                Ok((r.get("id")?, r.get("term")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(summaries)
}

pub struct GlossaryEntry {
    pub id: String,
    pub term: String,
    pub definition: String,
    pub source_ids: Vec<String>,
    /// The principles whose pages define the term.
    pub principles: Vec<u8>,
}

/// Every key term in `lang`, alphabetically (case and accents aside), each with its first
/// definition and every principle that uses it.
pub fn glossary(conn: &Connection, lang: Lang) -> rusqlite::Result<Vec<GlossaryEntry>> {
    let mut entries: Vec<GlossaryEntry> = Vec::new();
    let rows = conn
        .prepare_cached(
            "SELECT id, term, definition, source_ids, number FROM key_terms
             WHERE lang = ?1 ORDER BY number, position",
        )?
        .query_map([lang.code()], |r| {
            Ok(GlossaryEntry {
                id: r.get("id")?,
                term: r.get("term")?,
                definition: r.get("definition")?,
                source_ids: id_list(r, "source_ids")?,
                principles: vec![r.get("number")?],
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for row in rows {
        match entries.iter_mut().find(|e| e.id == row.id) {
            Some(entry) => entry.principles.extend(row.principles),
            None => entries.push(row),
        }
    }
    entries.sort_by_key(|e| crate::model::fold(&e.term));
    Ok(entries)
}

pub struct WorkingGroupRow {
    pub number: u8,
    pub task: String,
    pub task_fr: String,
    pub year: PartialDate,
    /// Chairs in the official list: (record id, name).
    pub chairs: Vec<(String, String)>,
    pub other_chairs: Option<String>,
    pub other_chairs_fr: Option<String>,
    pub report_source_id: Option<String>,
    pub source_ids: Vec<String>,
}

pub fn working_groups(conn: &Connection) -> rusqlite::Result<Vec<WorkingGroupRow>> {
    let mut groups: Vec<WorkingGroupRow> = conn
        .prepare_cached(
            "SELECT number, task, task_fr, year, other_chairs, other_chairs_fr, report_source_id,
                    source_ids
             FROM working_groups ORDER BY number",
        )?
        .query_map([], |r| {
            Ok(WorkingGroupRow {
                number: r.get("number")?,
                task: r.get("task")?,
                task_fr: r.get("task_fr")?,
                year: r.get("year")?,
                chairs: Vec::new(),
                other_chairs: r.get("other_chairs")?,
                other_chairs_fr: r.get("other_chairs_fr")?,
                report_source_id: r.get("report_source_id")?,
                source_ids: id_list(r, "source_ids")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut chairs = conn.prepare_cached(
        "SELECT s.id, s.name FROM working_group_chairs c JOIN supporters s ON s.id = c.supporter_id
         WHERE c.number = ?1 ORDER BY s.name_folded",
    )?;
    for g in &mut groups {
        g.chairs = chairs
            .query_map([g.number], |r| Ok((r.get("id")?, r.get("name")?)))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(groups)
}

/// What the explanations say of a supporter: the working groups it chaired
/// (number, year, whether with others) and the principles whose explanation names it.
pub struct SupporterRoles {
    pub chaired: Vec<(u8, Option<PartialDate>, bool)>,
    pub named_in: Vec<u8>,
}

pub fn supporter_roles(conn: &Connection, id: &str) -> rusqlite::Result<SupporterRoles> {
    Ok(SupporterRoles {
        chaired: conn
            .prepare_cached(
                "SELECT g.number, g.year,
                        (SELECT count(*) FROM working_group_chairs o WHERE o.number = g.number)
                        + (g.other_chairs IS NOT NULL) > 1 AS with_others
                 FROM working_group_chairs c JOIN working_groups g ON g.number = c.number
                 WHERE c.supporter_id = ?1 ORDER BY g.number",
            )?
            .query_map([id], |r| {
                Ok((r.get("number")?, r.get("year")?, r.get("with_others")?))
            })?
            .collect::<rusqlite::Result<_>>()?,
        named_in: conn
            .prepare_cached(
                "SELECT number FROM explainer_supporters WHERE supporter_id = ?1 ORDER BY number",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
    })
}
