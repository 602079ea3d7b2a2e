//! The sources registry, `content/sources.csv`: one row per document the site cites, with the
//! stored text (`content/sources/<file>`) that quotations are checked against. Data rows and
//! Markdown cite sources by id; a reference is rendered from the registry, never typed twice.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::quotes::{self, Haystack};
use super::{ContentError, is_slug, tables};
use crate::reference::Reference;

/// What kind of document a source is; the `/sources` page groups by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceKind {
    /// The Call's own documents and the official list.
    Primary,
    /// Governments and public bodies.
    Official,
    Press,
    Other,
}

impl SourceKind {
    pub const ALL: [SourceKind; 4] = [
        SourceKind::Primary,
        SourceKind::Official,
        SourceKind::Press,
        SourceKind::Other,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SourceKind::Primary => "primary",
            SourceKind::Official => "official",
            SourceKind::Press => "press",
            SourceKind::Other => "other",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }
}

pub struct Source {
    pub reference: Reference,
    pub kind: SourceKind,
    /// The stored text, prepared for finding quotations; `None` when we hold no copy.
    text: Option<Haystack>,
    line: u64,
}

impl Source {
    pub fn id(&self) -> &str {
        &self.reference.id
    }

    pub fn has_text(&self) -> bool {
        self.text.is_some()
    }
}

/// The registry, and which of its sources the rest of `content/` cites.
pub struct Registry {
    path: PathBuf,
    pub sources: Vec<Source>,
    index: HashMap<String, usize>,
    /// Ids cited so far while loading; every source must be cited somewhere.
    cited: RefCell<BTreeSet<String>>,
}

#[derive(Deserialize)]
struct SourceRow {
    id: String,
    title: String,
    publisher: String,
    author: String,
    published: String,
    url: String,
    accessed: String,
    archive_url: String,
    language: String,
    kind: String,
    text: String,
    // Never shown: how we found the source, what to watch for.
    #[allow(dead_code)]
    research_note: String,
}

/// A source cited with an optional locator ("p. 6") and, for our own translation of a
/// quotation, the original words (checked in the source instead of the translation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub id: String,
    pub locator: Option<String>,
    pub original: Option<String>,
}

impl Registry {
    pub fn load(dir: &Path) -> Result<Registry, ContentError> {
        let path = dir.join("sources.csv");
        let texts = dir.join("sources");
        let mut sources = Vec::new();
        let mut index = HashMap::new();
        for (line, row) in tables::read::<SourceRow>(&path)? {
            let id = row.id.trim().to_string();
            if !is_slug(&id) {
                return Err(line.error(format!(
                    "column `id`: {id:?} must be lower-case letters, digits and hyphens"
                )));
            }
            if let Some(first) = index.insert(id.clone(), sources.len()) {
                let first: &Source = &sources[first];
                return Err(line.error(format!(
                    "duplicate id {id:?} (first on line {})",
                    first.line
                )));
            }
            let kind = SourceKind::from_slug(row.kind.trim()).ok_or_else(|| {
                line.error(format!(
                    "column `kind`: {:?} is not one of primary, official, press, other",
                    row.kind
                ))
            })?;
            let published = line.optional_date("published", &row.published)?;
            let accessed = line.date("accessed", &row.accessed)?;
            if !accessed.is_full() {
                return Err(line.error("column `accessed` must be YYYY-MM-DD"));
            }
            let language = row.language.trim().to_string();
            if language != "en" && language != "fr" {
                return Err(line.error(format!("column `language`: {language:?} is not en or fr")));
            }
            let text = match row.text.trim() {
                "" => None,
                file => {
                    let file_path = texts.join(file);
                    if file.contains("..") || file.starts_with('/') {
                        return Err(line.error(format!(
                            "column `text`: {file:?} must be a file name under content/sources/"
                        )));
                    }
                    let text = std::fs::read_to_string(&file_path).map_err(|e| {
                        line.error(format!(
                            "column `text`: cannot read {}: {e}",
                            file_path.display()
                        ))
                    })?;
                    Some(Haystack::new(&text))
                }
            };
            sources.push(Source {
                reference: Reference {
                    id,
                    title: line.required("title", row.title)?,
                    publisher: line.required("publisher", row.publisher)?,
                    author: tables::optional(row.author),
                    published,
                    url: line.source_url("url", row.url)?,
                    accessed,
                    archive_url: tables::optional(row.archive_url)
                        .map(|url| line.source_url("archive_url", url))
                        .transpose()?,
                    language,
                    kind: kind.slug().to_string(),
                },
                kind,
                text,
                line: line.number,
            });
        }
        Ok(Registry {
            path,
            sources,
            index,
            cited: RefCell::new(BTreeSet::new()),
        })
    }

    /// A registry with no source, for parsing content on its own (fuzzing, unit tests).
    pub fn empty() -> Registry {
        Registry {
            path: PathBuf::from("sources.csv"),
            sources: Vec::new(),
            index: HashMap::new(),
            cited: RefCell::new(BTreeSet::new()),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Source> {
        self.index.get(id).map(|&i| &self.sources[i])
    }

    /// Resolves a cited id, recording that it is cited; an unknown id is the editor's error.
    pub fn cite(&self, id: &str) -> Result<&Source, String> {
        let source = self.get(id).ok_or_else(|| {
            format!("unknown source id {id:?}: add it to content/sources.csv or fix the spelling")
        })?;
        self.cited.borrow_mut().insert(id.to_string());
        Ok(source)
    }

    /// Checks every quotation in `text` against the stored texts of `ids`.
    pub fn check_quotations(&self, text: &str, ids: &[String]) -> Result<(), String> {
        for quotation in quotes::find(text) {
            self.check_words(&quotation.words, ids)?;
        }
        Ok(())
    }

    /// Checks that `words` are found in one of the sources `ids`.
    pub fn check_words(&self, words: &str, ids: &[String]) -> Result<(), String> {
        let sources: Vec<&Source> = ids.iter().filter_map(|id| self.get(id)).collect();
        let with_text: Vec<(&Source, &Haystack)> = sources
            .iter()
            .filter_map(|s| s.text.as_ref().map(|t| (*s, t)))
            .collect();
        if with_text.is_empty() {
            return Err(format!(
                "the quotation “{words}” cites {}, which has no stored text: quote only from a \
                 source stored under content/sources/, or paraphrase and attribute",
                names(&sources)
            ));
        }
        if with_text.iter().any(|(_, t)| quotes::found_in(words, t)) {
            return Ok(());
        }
        // Show the passage, of all the cited sources, that comes closest.
        let (source, (passage, _)) = with_text
            .iter()
            .map(|(s, t)| (s, quotes::closest_passage(words, t)))
            .max_by_key(|(_, (_, shared))| *shared)
            .expect("at least one source has a text");
        Err(format!(
            "the quotation “{words}” is not in the stored text of {}; closest passage, in {:?}: “{passage}”",
            names(&sources),
            source.id(),
        ))
    }

    /// After everything is loaded: a source nobody cites is an error in the registry.
    pub fn check_all_cited(&self) -> Result<(), ContentError> {
        let cited = self.cited.borrow();
        match self.sources.iter().find(|s| !cited.contains(s.id())) {
            Some(source) => Err(ContentError::new(
                &self.path,
                Some(source.line),
                format!(
                    "source {:?} is never cited: cite it from content/ or remove the row",
                    source.id()
                ),
            )),
            None => Ok(()),
        }
    }

    /// Parses the body of a citation footnote: `[@id]`, `[@id, p. 6]`, several separated by
    /// `;`, and `original: "…"` in a locator for our translation.
    pub fn parse_citations(&self, body: &str) -> Result<Vec<Citation>, String> {
        let mut citations = Vec::new();
        let mut rest = body.trim();
        while !rest.is_empty() {
            let inner = rest
                .strip_prefix("[@")
                .ok_or_else(|| {
                    format!("a citation footnote holds only citations like [@source-id] or [@source-id, p. 6], found {rest:?}")
                })?;
            let close =
                closing_bracket(inner).ok_or_else(|| format!("unclosed citation in {body:?}"))?;
            let (content, after) = (&inner[..close], &inner[close + 1..]);
            let (id, locator) = match content.split_once(',') {
                Some((id, locator)) => (id.trim(), Some(locator.trim())),
                None => (content.trim(), None),
            };
            self.cite(id)?;
            let (locator, original) = match locator {
                Some(locator) => split_original(locator)?,
                None => (None, None),
            };
            citations.push(Citation {
                id: id.to_string(),
                locator,
                original,
            });
            rest = after.trim_start().trim_start_matches(';').trim_start();
        }
        if citations.is_empty() {
            return Err("an empty citation footnote".to_string());
        }
        Ok(citations)
    }
}

/// The index of the `]` that closes a citation, skipping brackets inside quoted words.
fn closing_bracket(text: &str) -> Option<usize> {
    let mut in_quote = None;
    for (i, c) in text.char_indices() {
        match (in_quote, c) {
            (None, '"') => in_quote = Some('"'),
            (None, '“') => in_quote = Some('”'),
            (Some(close), c) if c == close => in_quote = None,
            (None, ']') => return Some(i),
            _ => {}
        }
    }
    None
}

/// `p. 6; original: "words"` → (`p. 6`, `words`).
fn split_original(locator: &str) -> Result<(Option<String>, Option<String>), String> {
    let Some(at) = locator.find("original:") else {
        return Ok((Some(locator.to_string()), None));
    };
    let before = locator[..at].trim().trim_end_matches([';', ',']).trim();
    let after = locator[at + "original:".len()..].trim();
    let words = quotes::find(after)
        .into_iter()
        .next()
        .map(|q| q.words)
        .ok_or_else(|| format!("`original:` must be followed by the source's words in quotation marks, found {after:?}"))?;
    Ok((
        (!before.is_empty()).then(|| before.to_string()),
        Some(words),
    ))
}

fn names(sources: &[&Source]) -> String {
    sources
        .iter()
        .map(|s| format!("{:?}", s.id()))
        .collect::<Vec<_>>()
        .join(", ")
}
