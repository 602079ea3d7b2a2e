//! Markdown that cites its sources: footnotes whose body is `[@id]` or `[@id, p. 6]` are
//! resolved against the registry and rendered as references; every quotation is checked
//! against the stored text of the source cited after it; research notes are refused.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::sources::{Citation, Registry};
use super::{ContentError, public_text, quotes};
use crate::i18n::Lang;

/// Markdown ready to render (citation footnotes replaced by their references) and the ids
/// of the sources it cites, in order of first citation, with what the text is made of.
pub struct Cited {
    pub markdown: String,
    pub source_ids: Vec<String>,
    /// Every non-empty block, in order: for checks of structure (principle pages).
    pub blocks: Vec<BlockInfo>,
    /// Every link: (file line, destination).
    pub links: Vec<(u64, String)>,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    Item,
    Table,
    Other,
}

/// One paragraph, list item, heading or table, as a reader reads it.
#[derive(Debug, Clone)]
pub struct BlockInfo {
    pub kind: BlockKind,
    /// The file line it starts on.
    pub line: u64,
    /// Its text, without markup.
    pub text: String,
    /// The sources its citations name.
    pub source_ids: Vec<String>,
    /// The `##` heading it stands under (or is), if any.
    pub section: Option<String>,
}

/// `first_line` is the file line on which `body` starts, so errors name the file's lines.
pub fn resolve(
    path: &Path,
    body: &str,
    first_line: u64,
    lang: Lang,
    sources: &Registry,
) -> Result<Cited, ContentError> {
    let mut footnotes: HashMap<String, Vec<Citation>> = HashMap::new();
    // (label, rendered definition, line): appended after the text, in reading order.
    let mut definitions: Vec<(String, String, u64)> = Vec::new();
    let mut markdown = String::with_capacity(body.len() * 2);
    let mut source_ids: Vec<String> = Vec::new();
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let line_number = first_line + i as u64;
        let Some((label, definition)) = footnote_definition(line) else {
            markdown.push_str(line);
            continue;
        };
        let citations = sources
            .parse_citations(definition)
            .map_err(|m| ContentError::new(path, Some(line_number), m))?;
        let references: Vec<String> = citations
            .iter()
            .map(|c| {
                let source = sources
                    .get(&c.id)
                    .expect("parse_citations resolved every id");
                let mut html = source.reference.html(lang, c.locator.as_deref());
                if let Some(original) = &c.original {
                    html.push_str(&lang.pick(
                        format!(
                            " (our translation; original: “{}”)",
                            crate::reference::escape(original)
                        ),
                        format!(
                            " (notre traduction ; original : « {} »)",
                            crate::reference::escape(original)
                        ),
                    ));
                }
                html
            })
            .collect();
        for c in &citations {
            if !source_ids.contains(&c.id) {
                source_ids.push(c.id.clone());
            }
        }
        if footnotes.insert(label.to_string(), citations).is_some() {
            return Err(ContentError::new(
                path,
                Some(line_number),
                format!("footnote [^{label}] is defined twice"),
            ));
        }
        definitions.push((
            label.to_string(),
            format!("[^{label}]: {}.\n", references.join("; ")),
            line_number,
        ));
    }
    let walk = check_blocks(path, body, first_line, &footnotes, sources)?;
    let order = walk.order;
    // Footnotes are numbered in reading order; listing them in that order too makes the
    // page's list of sources read 1, 2, 3 whatever order the editor wrote them in.
    markdown.push('\n');
    for label in &order {
        if let Some((_, definition, _)) = definitions.iter().find(|(l, _, _)| l == label) {
            markdown.push('\n');
            markdown.push_str(definition);
        }
    }
    if let Some((label, _, line)) = definitions.iter().find(|(l, _, _)| !order.contains(l)) {
        return Err(ContentError::new(
            path,
            Some(*line),
            format!("footnote [^{label}] is never referenced in the text"),
        ));
    }
    Ok(Cited {
        markdown,
        source_ids,
        blocks: walk.blocks,
        links: walk.links,
    })
}

/// `[^label]: body` at the start of a line.
fn footnote_definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("[^")?;
    let (label, rest) = rest.split_once("]:")?;
    (!label.is_empty() && !label.contains(char::is_whitespace)).then_some((label, rest.trim()))
}

/// One paragraph, list item, heading or table: its text and where its citations stand.
struct Block {
    kind: BlockKind,
    text: String,
    /// (byte offset in `text`, footnote label).
    references: Vec<(usize, String)>,
    line: u64,
}

impl Default for Block {
    fn default() -> Self {
        Block {
            kind: BlockKind::Other,
            text: String::new(),
            references: Vec::new(),
            line: 0,
        }
    }
}

/// What walking the blocks found.
struct Walk {
    /// Footnote labels in the order they are first referenced.
    order: Vec<String>,
    blocks: Vec<BlockInfo>,
    links: Vec<(u64, String)>,
}

/// Checks every block (quotations, research notes, links) and describes it.
fn check_blocks(
    path: &Path,
    body: &str,
    first_line: u64,
    footnotes: &HashMap<String, Vec<Citation>>,
    sources: &Registry,
) -> Result<Walk, ContentError> {
    let mut order: Vec<String> = Vec::new();
    let mut blocks: Vec<BlockInfo> = Vec::new();
    let mut links: Vec<(u64, String)> = Vec::new();
    let mut section: Option<String> = None;
    // Records a finished block (after checking it) and starts the next one.
    let mut finish = |block: Block, section: &mut Option<String>| -> Result<(), ContentError> {
        check_block(path, &block, footnotes, sources)?;
        let text = block.text.trim().to_string();
        if text.is_empty() {
            return Ok(());
        }
        if block.kind == BlockKind::Heading(2) {
            *section = Some(text.clone());
        }
        let mut ids: Vec<String> = Vec::new();
        for (_, label) in &block.references {
            for c in footnotes.get(label).into_iter().flatten() {
                if !ids.contains(&c.id) {
                    ids.push(c.id.clone());
                }
            }
        }
        blocks.push(BlockInfo {
            kind: block.kind,
            line: block.line,
            text,
            source_ids: ids,
            section: section.clone(),
        });
        Ok(())
    };
    let line_of = |offset: usize| first_line + body[..offset].matches('\n').count() as u64;
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut block = Block::default();
    let mut in_footnote = 0;
    let mut link: Option<(String, String)> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let starts_block = matches!(
            &event,
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::Table(_))
        );
        let ends_block = matches!(
            &event,
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::Table)
        );
        match &event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote -= 1,
            _ => {}
        }
        if in_footnote > 0 {
            continue;
        }
        if starts_block || ends_block {
            finish(std::mem::take(&mut block), &mut section)?;
            block.line = line_of(range.start);
            block.kind = match &event {
                Event::Start(Tag::Paragraph) => BlockKind::Paragraph,
                Event::Start(Tag::Heading { level, .. }) => BlockKind::Heading(*level as u8),
                Event::Start(Tag::Item) => BlockKind::Item,
                Event::Start(Tag::Table(_)) => BlockKind::Table,
                _ => BlockKind::Other,
            };
        }
        match event {
            // Cells are one block with the table, kept apart so no quotation spans two.
            Event::End(TagEnd::TableCell) => block.text.push_str(" | "),
            Event::Text(text) | Event::Code(text) => {
                if let Some(why) = public_text::research_note_in(&text) {
                    return Err(ContentError::new(
                        path,
                        Some(line_of(range.start)),
                        format!("the text {why}: research notes never reach a public page"),
                    ));
                }
                if let Some((_, link_text)) = &mut link {
                    link_text.push_str(&text);
                }
                block.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => block.text.push(' '),
            Event::FootnoteReference(label) => {
                if !footnotes.contains_key(label.as_ref()) {
                    return Err(ContentError::new(
                        path,
                        Some(line_of(range.start)),
                        format!("footnote [^{label}] has no definition `[^{label}]: [@source-id]`"),
                    ));
                }
                if !order.iter().any(|l| l == label.as_ref()) {
                    order.push(label.to_string());
                }
                block.references.push((block.text.len(), label.to_string()));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push((line_of(range.start), dest_url.to_string()));
                link = Some((dest_url.to_string(), String::new()))
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, text)) = link.take()
                    && (text.trim() == url || text.trim_start().starts_with("http"))
                {
                    return Err(ContentError::new(
                        path,
                        Some(line_of(range.start)),
                        format!("the link text is a bare URL ({url}): name what it links to"),
                    ));
                }
            }
            _ => {}
        }
    }
    finish(block, &mut section)?;
    Ok(Walk {
        order,
        blocks,
        links,
    })
}

fn check_block(
    path: &Path,
    block: &Block,
    footnotes: &HashMap<String, Vec<Citation>>,
    sources: &Registry,
) -> Result<(), ContentError> {
    for quotation in quotes::find(&block.text) {
        // The citation after the quotation, or else the last one before it.
        let label = block
            .references
            .iter()
            .find(|(at, _)| *at >= quotation.end)
            .or_else(|| {
                block
                    .references
                    .iter()
                    .rev()
                    .find(|(at, _)| *at <= quotation.start)
            })
            .map(|(_, label)| label);
        let Some(citations) = label.and_then(|l| footnotes.get(l)) else {
            continue;
        };
        let at = |m: String| ContentError::new(path, Some(block.line), m);
        let translated: Vec<&Citation> =
            citations.iter().filter(|c| c.original.is_some()).collect();
        if translated.is_empty() {
            let ids: Vec<String> = citations.iter().map(|c| c.id.clone()).collect();
            sources.check_words(&quotation.words, &ids).map_err(at)?;
        } else {
            for c in translated {
                let original = c.original.as_deref().unwrap_or_default();
                sources
                    .check_words(original, std::slice::from_ref(&c.id))
                    .map_err(at)?;
            }
        }
    }
    Ok(())
}
