//! The explanation of each principle: `content/principles/{n}.md` and its French twin in
//! `content/principles/fr/{n}.md`. Six sections in a fixed order, every paragraph and list
//! item of the first five cited, key terms that also make the glossary, and links to
//! supporters that must exist.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use super::citations::{self, BlockInfo, BlockKind};
use super::commentary::{front_matter, render_markdown};
use super::sources::Registry;
use super::{ContentError, Supporter, full_date, is_slug};
use crate::i18n::Lang;
use crate::model::PartialDate;

/// The sections of a principle's page, in order, in each language.
pub const SECTIONS: [(&str, &str); 6] = [
    ("In plain words", "En clair"),
    ("Key terms", "Termes clés"),
    ("Where it comes from", "D’où il vient"),
    ("What supporters do", "Ce que font les soutiens"),
    ("What is debated", "Ce qui fait débat"),
    ("Related", "Voir aussi"),
];

/// Sections whose every paragraph and list item must cite a source (all but "Related").
const CITED_SECTIONS: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    /// One plain sentence: what the principle asks.
    summary: String,
    /// Ids of the terms the "Key terms" section defines, in its order.
    key_terms: Vec<String>,
    /// Last substantive change, `YYYY-MM-DD`.
    updated: String,
    /// Last time the page was checked against its sources, `YYYY-MM-DD`.
    last_reviewed: String,
}

/// A term defined on a principle's page (and listed in the glossary).
pub struct KeyTerm {
    pub id: String,
    pub term: String,
    pub definition: String,
    pub source_ids: Vec<String>,
}

pub struct Explainer {
    pub number: u8,
    pub lang: Lang,
    pub summary: String,
    pub key_terms: Vec<KeyTerm>,
    pub updated: PartialDate,
    pub last_reviewed: PartialDate,
    /// The first section ("In plain words"), rendered.
    pub intro_html: String,
    /// The other sections and the list of sources, rendered.
    pub body_html: String,
    /// The whole text, for search.
    pub text: String,
    pub source_ids: Vec<String>,
    /// Supporters the page links to.
    pub supporter_ids: Vec<String>,
}

/// The nine principles' pages in both languages; a missing one stops the load.
pub(super) fn load_all(
    dir: &Path,
    sources: &Registry,
    supporters: &[Supporter],
) -> Result<Vec<Explainer>, ContentError> {
    let ids: HashSet<&str> = supporters.iter().map(|s| s.id.as_str()).collect();
    let mut pages = Vec::new();
    for lang in Lang::ALL {
        for number in 1..=9u8 {
            let path = match lang {
                Lang::En => dir.join(format!("{number}.md")),
                Lang::Fr => dir.join(Lang::Fr.code()).join(format!("{number}.md")),
            };
            pages.push(load(&path, number, lang, sources, &ids)?);
        }
    }
    for fr in pages.iter().filter(|p| p.lang == Lang::Fr) {
        let en = pages
            .iter()
            .find(|p| p.lang == Lang::En && p.number == fr.number)
            .expect("every English page was loaded");
        let en_ids: Vec<&str> = en.key_terms.iter().map(|t| t.id.as_str()).collect();
        let fr_ids: Vec<&str> = fr.key_terms.iter().map(|t| t.id.as_str()).collect();
        if en_ids != fr_ids {
            return Err(ContentError::new(
                &dir.join(Lang::Fr.code()).join(format!("{}.md", fr.number)),
                Some(1),
                format!("`key_terms` must be those of the English page, in its order: {en_ids:?}"),
            ));
        }
    }
    Ok(pages)
}

fn load(
    path: &Path,
    number: u8,
    lang: Lang,
    sources: &Registry,
    supporter_ids: &HashSet<&str>,
) -> Result<Explainer, ContentError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ContentError::new(
            path,
            None,
            format!(
                "cannot read the explanation of principle {number} ({}): {e}",
                lang.tr("English", "French")
            ),
        )
    })?;
    let text: String = unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect();
    let (front, body, first_line): (FrontMatter, _, _) = front_matter(path, &text)?;
    let at = |line: u64, message: String| ContentError::new(path, Some(line), message);
    let date_of = |key: &str, value: &str| {
        full_date(value)
            .ok_or_else(|| at(1, format!("`{key}`: {value:?} is not a YYYY-MM-DD date")))
    };
    let updated = date_of("updated", &front.updated)?;
    let last_reviewed = date_of("last_reviewed", &front.last_reviewed)?;
    if front.summary.trim().is_empty() || front.summary.contains(['“', '«', '"']) {
        return Err(at(
            1,
            "`summary` must be one plain sentence, without quotation marks".to_string(),
        ));
    }
    let cited = citations::resolve(path, body, first_line, lang, sources)?;
    check_sections(path, &cited.blocks, lang, first_line)?;
    let key_terms = key_terms(path, &cited.blocks, &front.key_terms, lang)?;
    let mut linked = Vec::new();
    for (line, url) in &cited.links {
        let Some(id) = url
            .strip_prefix(lang.prefix())
            .and_then(|u| u.strip_prefix("/supporters/"))
        else {
            continue;
        };
        if !supporter_ids.contains(id) {
            return Err(at(
                *line,
                format!(
                    "the link {url} names no supporter: \"{id}\" is not a record id in supporters.csv"
                ),
            ));
        }
        if !linked.iter().any(|l| l == id) {
            linked.push(id.to_string());
        }
    }
    let (html, plain) = render_markdown(&cited.markdown, lang);
    // The first section, then the rest: the page puts the official text in between.
    let second = html
        .match_indices("<h2")
        .nth(1)
        .map_or(html.len(), |(i, _)| i);
    Ok(Explainer {
        number,
        lang,
        summary: front.summary,
        key_terms,
        updated,
        last_reviewed,
        intro_html: html[..second].to_string(),
        body_html: html[second..].to_string(),
        text: plain,
        source_ids: cited.source_ids,
        supporter_ids: linked,
    })
}

/// The six sections, in order, and a citation in every paragraph and list item of the first five.
fn check_sections(
    path: &Path,
    blocks: &[BlockInfo],
    lang: Lang,
    first_line: u64,
) -> Result<(), ContentError> {
    let expected: Vec<&str> = SECTIONS
        .iter()
        .map(|(en, fr)| lang.pick(*en, *fr))
        .collect();
    let headings: Vec<&BlockInfo> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading(2))
        .collect();
    for (i, want) in expected.iter().enumerate() {
        match headings.get(i) {
            Some(h) if h.text == *want => {}
            Some(h) => {
                return Err(ContentError::new(
                    path,
                    Some(h.line),
                    format!(
                        "section {} must be \"## {want}\", found \"## {}\" (the sections, in order: {})",
                        i + 1,
                        h.text,
                        expected.join(", ")
                    ),
                ));
            }
            None => {
                return Err(ContentError::new(
                    path,
                    Some(headings.last().map_or(first_line, |h| h.line)),
                    format!(
                        "section \"## {want}\" is missing (the sections, in order: {})",
                        expected.join(", ")
                    ),
                ));
            }
        }
    }
    if let Some(extra) = headings.get(expected.len()) {
        return Err(ContentError::new(
            path,
            Some(extra.line),
            format!(
                "\"## {}\" is a seventh section: use ### inside a section",
                extra.text
            ),
        ));
    }
    if let Some(before) = blocks.iter().find(|b| b.section.is_none()) {
        return Err(ContentError::new(
            path,
            Some(before.line),
            format!("text before \"## {}\": start with it", expected[0]),
        ));
    }
    let cited_sections = &expected[..CITED_SECTIONS];
    let uncited = blocks.iter().find(|b| {
        matches!(b.kind, BlockKind::Paragraph | BlockKind::Item)
            && b.source_ids.is_empty()
            && b.section
                .as_deref()
                .is_some_and(|s| cited_sections.contains(&s))
    });
    if let Some(block) = uncited {
        return Err(ContentError::new(
            path,
            Some(block.line),
            format!(
                "this paragraph or list item of \"{}\" cites no source: add a footnote [^x] with [@source-id]",
                block.section.as_deref().unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

/// The "Key terms" items: one per id of `key_terms`, in order, each `**Term**: definition`.
fn key_terms(
    path: &Path,
    blocks: &[BlockInfo],
    ids: &[String],
    lang: Lang,
) -> Result<Vec<KeyTerm>, ContentError> {
    let section = lang.pick(SECTIONS[1].0, SECTIONS[1].1);
    let items: Vec<&BlockInfo> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Item && b.section.as_deref() == Some(section))
        .collect();
    let line = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading(2) && b.text == section)
        .map_or(1, |b| b.line);
    if items.len() != ids.len() {
        return Err(ContentError::new(
            path,
            Some(line),
            format!(
                "\"{section}\" has {} list items but `key_terms` names {} terms: one item per term, in order",
                items.len(),
                ids.len()
            ),
        ));
    }
    let mut terms = Vec::new();
    for (id, item) in ids.iter().zip(items) {
        if !is_slug(id) {
            return Err(ContentError::new(
                path,
                Some(1),
                format!("`key_terms`: {id:?} must be lower-case letters, digits and hyphens"),
            ));
        }
        let Some((term, definition)) = item.text.split_once(':') else {
            return Err(ContentError::new(
                path,
                Some(item.line),
                "a key term is written `**Term**: definition`".to_string(),
            ));
        };
        terms.push(KeyTerm {
            id: id.clone(),
            term: term.trim().to_string(),
            definition: definition.trim().to_string(),
            source_ids: item.source_ids.clone(),
        });
    }
    Ok(terms)
}
