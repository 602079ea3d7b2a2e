//! The principles' explanations, the glossary and the working groups.

use std::collections::HashSet;

use rusqlite::params;

use crate::content::Content;

/// The principles' explanations, their key terms (the glossary), the supporters they name,
/// and the working groups; each searchable in its language.
pub(super) fn insert_explainers(
    tx: &rusqlite::Transaction,
    content: &Content,
) -> rusqlite::Result<()> {
    let mut page = tx.prepare(
        "INSERT INTO explainers (number, lang, summary, updated, last_reviewed, intro_html, body_html)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut term = tx.prepare(
        "INSERT OR IGNORE INTO key_terms (id, lang, number, position, term, definition, source_ids)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut named = tx.prepare(
        "INSERT OR IGNORE INTO explainer_supporters (supporter_id, number) VALUES (?1, ?2)",
    )?;
    let mut search = tx
        .prepare("INSERT INTO search (kind, key, title, body, lang) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for e in &content.explainers {
        page.execute(params![
            e.number,
            e.lang.code(),
            e.summary,
            e.updated,
            e.last_reviewed,
            e.intro_html,
            e.body_html
        ])?;
        for (position, t) in e.key_terms.iter().enumerate() {
            term.execute(params![
                t.id,
                e.lang.code(),
                e.number,
                position as i64,
                t.term,
                t.definition,
                t.source_ids.join(" ")
            ])?;
        }
        for id in &e.supporter_ids {
            named.execute(params![id, e.number])?;
        }
        // The explanation joins the principle's own search row of that language.
        search.execute(params![
            "principle",
            e.number.to_string(),
            content
                .principles
                .iter()
                .find(|p| p.number == e.number)
                .map(|p| e.lang.pick(&p.short_title, &p.short_title_fr).clone())
                .unwrap_or_default(),
            format!("{} {}", e.summary, e.text),
            e.lang.code()
        ])?;
    }
    // One glossary row per term and language: the first definition of it.
    let mut seen = HashSet::new();
    for e in &content.explainers {
        for t in &e.key_terms {
            if seen.insert((t.id.as_str(), e.lang.code())) {
                search.execute(params![
                    "glossary",
                    t.id,
                    t.term,
                    t.definition,
                    e.lang.code()
                ])?;
            }
        }
    }
    let mut group = tx.prepare(
        "INSERT INTO working_groups (number, task, task_fr, year, other_chairs, other_chairs_fr,
            report_source_id, source_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut chair =
        tx.prepare("INSERT INTO working_group_chairs (supporter_id, number) VALUES (?1, ?2)")?;
    for g in &content.working_groups {
        group.execute(params![
            g.number,
            g.task.0,
            g.task.1,
            g.year,
            g.other_chairs.as_ref().map(|c| &c.0),
            g.other_chairs.as_ref().map(|c| &c.1),
            g.report_source_id,
            g.source_ids.join(" ")
        ])?;
        for id in &g.chair_ids {
            chair.execute(params![id, g.number])?;
        }
    }
    Ok(())
}
