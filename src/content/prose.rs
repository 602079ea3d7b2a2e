//! The prose of the site's own pages: `content/pages/<page>.md` and its French twin in
//! `content/pages/fr/`, in named parts that the page shows between what it writes itself
//! (counts, settings). Markdown with citations, checked like commentary.

use std::path::Path;

use serde::Deserialize;

use super::commentary::{front_matter, render_markdown};
use super::sources::Registry;
use super::{ContentError, citations};
use crate::i18n::Lang;

/// The parts of each page's prose, in the order the file gives them and the page shows
/// them. A part begins with a line `<!-- part: NAME -->`. A part named `lead` is the page's
/// opening paragraph: one paragraph, which the page sets in its own `<p class="lead">`.
const PARTS: [(&str, &[&str]); 3] = [
    ("about", &["who-we-are", "data", "report", "languages"]),
    ("counts", &["lead", "differences"]),
    ("home", &["lead"]),
];

/// The front matter of a page's prose: only what the `/sources` page needs.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    /// The title of the page the prose is shown on.
    title: String,
}

pub struct Prose {
    /// The page's name: its path without the leading `/` (`counts` is shown on `/counts`),
    /// except `home`, the prose of `/`.
    pub page: String,
    pub lang: Lang,
    pub title: String,
    /// Every part rendered, each after its `<!-- part: NAME -->` line (a comment, which no
    /// cleaned Markdown contains): what [`PageProse::parse`] reads back.
    pub html: String,
    /// The sources it cites, inline or in footnotes, for the `/sources` page.
    pub source_ids: Vec<String>,
}

impl Prose {
    /// The path of the page that shows the prose, without the `/fr` prefix.
    pub fn path(&self) -> String {
        match self.page.as_str() {
            "home" => "/".to_string(),
            page => format!("/{page}"),
        }
    }
}

/// Every page's prose in both languages; a page without its French twin stops the load.
pub(super) fn load_all(dir: &Path, sources: &Registry) -> Result<Vec<Prose>, ContentError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut all = Vec::new();
    for lang in Lang::ALL {
        let folder = match lang {
            Lang::En => dir.to_path_buf(),
            Lang::Fr => dir.join(Lang::Fr.code()),
        };
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .map_err(|e| ContentError::new(&folder, None, format!("cannot read the folder: {e}")))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        for path in files {
            all.push(load(&path, lang, sources)?);
        }
    }
    for page in &all {
        let twins = all.iter().filter(|p| p.page == page.page).count();
        if twins != Lang::ALL.len() {
            let path = match page.lang {
                Lang::En => dir.join(format!("{}.md", page.page)),
                Lang::Fr => dir.join("fr").join(format!("{}.md", page.page)),
            };
            return Err(ContentError::new(
                &path,
                None,
                "every page's prose is written in English and in French: add its twin (same file name, in pages/ or pages/fr/)",
            ));
        }
    }
    Ok(all)
}

fn load(path: &Path, lang: Lang, sources: &Registry) -> Result<Prose, ContentError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ContentError::new(path, None, format!("cannot read as UTF-8 text: {e}")))?;
    let text: String = unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect();
    let (front, body, first_line): (FrontMatter, _, _) = front_matter(path, &text)?;
    let page = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some((_, names)) = PARTS.iter().find(|(p, _)| *p == page) else {
        let known: Vec<&str> = PARTS.iter().map(|(p, _)| *p).collect();
        return Err(ContentError::new(
            path,
            None,
            format!(
                "no page shows this prose: the pages with prose are {}",
                known.join(", ")
            ),
        ));
    };
    let mut html = String::new();
    let mut source_ids: Vec<String> = Vec::new();
    for (name, body, first_line) in split_parts(path, body, first_line, names)? {
        let inline = inline_source_ids(path, body, first_line, sources)?;
        let cited = citations::resolve(path, body, first_line, lang, sources)?;
        let (mut rendered, _) = render_markdown(&cited.markdown, lang);
        if name == "lead" {
            rendered = one_paragraph(&rendered).ok_or_else(|| {
                ContentError::new(
                    path,
                    Some(first_line),
                    "the part `lead` is one paragraph, the page's opening: move the rest to the next part",
                )
            })?;
        }
        html.push_str(&format!("{}{rendered}", marker(name)));
        for id in inline.into_iter().chain(cited.source_ids) {
            if !source_ids.contains(&id) {
                source_ids.push(id);
            }
        }
    }
    Ok(Prose {
        page,
        lang,
        title: front.title,
        html,
        source_ids,
    })
}

/// The line that begins a part.
fn marker(name: &str) -> String {
    format!("<!-- part: {name} -->")
}

/// The body's parts as `(name, text, first line)`, checked against the page's `names`.
fn split_parts<'a>(
    path: &Path,
    body: &'a str,
    first_line: u64,
    names: &[&'static str],
) -> Result<Vec<(&'static str, &'a str, u64)>, ContentError> {
    // Each marker: (byte offset of its line, byte offset of the text after it, file line
    // of that text).
    let mut markers: Vec<(usize, usize, u64)> = Vec::new();
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let line_number = first_line + i as u64;
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim();
        let Some(name) = trimmed
            .strip_prefix("<!-- part:")
            .and_then(|rest| rest.strip_suffix("-->"))
            .map(str::trim)
        else {
            if markers.is_empty() && !trimmed.is_empty() {
                return Err(ContentError::new(
                    path,
                    Some(line_number),
                    format!(
                        "the prose begins with its first part: a line `{}`",
                        marker(names[0])
                    ),
                ));
            }
            continue;
        };
        let expected = names.get(markers.len()).copied();
        if expected != Some(name) {
            return Err(ContentError::new(
                path,
                Some(line_number),
                format!(
                    "the page's parts are, in this order: {}; found `{name}` here",
                    names.join(", ")
                ),
            ));
        }
        markers.push((line_start, offset, line_number + 1));
    }
    if markers.len() != names.len() {
        return Err(ContentError::new(
            path,
            None,
            format!(
                "the page's parts are, in this order: {}; the part `{}` is missing",
                names.join(", "),
                names[markers.len()]
            ),
        ));
    }
    let ends = markers.iter().skip(1).map(|(line_start, _, _)| *line_start);
    Ok(markers
        .iter()
        .zip(ends.chain([body.len()]))
        .zip(names)
        .map(|(((_, start, line), end), name)| (*name, &body[*start..end], *line))
        .collect())
}

/// The sources of the inline citations, `[@id]` in the text, in reading order; each must
/// name a source of the registry and nothing more.
fn inline_source_ids(
    path: &Path,
    body: &str,
    first_line: u64,
    sources: &Registry,
) -> Result<Vec<String>, ContentError> {
    let mut ids = Vec::new();
    for (i, line) in body.lines().enumerate() {
        if line.starts_with("[^") {
            continue;
        }
        for (_, citation) in inline_citations(line) {
            let error = |m: String| ContentError::new(path, Some(first_line + i as u64), m);
            let parsed = sources.parse_citations(citation).map_err(error)?;
            if parsed.len() != 1 || parsed[0].locator.is_some() || parsed[0].original.is_some() {
                return Err(error(format!(
                    "an inline citation names one source and nothing more: {citation}; cite pages and translations in a footnote"
                )));
            }
            ids.push(parsed[0].id.clone());
        }
    }
    Ok(ids)
}

/// Each `[@…]` in `text`, with its byte offset.
fn inline_citations(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices("[@").filter_map(|(start, _)| {
        let end = text[start..].find(']')?;
        Some((start, &text[start..=start + end]))
    })
}

/// The inside of HTML that is exactly one paragraph.
fn one_paragraph(html: &str) -> Option<String> {
    let inner = html.trim_end().strip_prefix("<p>")?.strip_suffix("</p>")?;
    (!inner.contains("<p>")).then(|| inner.to_string())
}

/// A piece of prose as a page shows it.
pub enum Segment {
    /// Rendered, cleaned HTML.
    Html(String),
    /// An inline citation, by source id: the page cites it like every other
    /// (`cite_id` in `templates/partials/macros.html`), with its space before it.
    Cite(String),
}

/// One page's prose in one language, by part.
pub struct PageProse {
    parts: Vec<(String, Vec<Segment>)>,
}

impl PageProse {
    /// Reads [`Prose::html`] back into its parts.
    pub fn parse(html: &str) -> PageProse {
        let mut parts = Vec::new();
        for piece in html.split("<!-- part: ").skip(1) {
            let Some((name, text)) = piece.split_once(" -->") else {
                continue;
            };
            parts.push((name.to_string(), segments(text)));
        }
        PageProse { parts }
    }

    /// The part `name`; nothing if the page's prose has no such part.
    pub fn part(&self, name: &str) -> &[Segment] {
        self.parts
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[], |(_, segments)| segments.as_slice())
    }
}

/// `html` split at its inline citations. The space written before a citation is left to
/// the citation, which brings its own.
fn segments(html: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = 0;
    for (start, citation) in inline_citations(html) {
        out.push(Segment::Html(
            html[rest..start].trim_end_matches(' ').to_string(),
        ));
        out.push(Segment::Cite(citation[2..citation.len() - 1].to_string()));
        rest = start + citation.len();
    }
    out.push(Segment::Html(html[rest..].to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_read_back_with_their_inline_citations() {
        let prose = PageProse::parse(
            "<!-- part: lead -->A declaration [@wg3] of nine principles.<!-- part: rest --><h2>More</h2>\n",
        );
        let lead = prose.part("lead");
        assert!(matches!(&lead[0], Segment::Html(h) if h == "A declaration"));
        assert!(matches!(&lead[1], Segment::Cite(id) if id == "wg3"));
        assert!(matches!(&lead[2], Segment::Html(h) if h == " of nine principles."));
        assert!(matches!(&prose.part("rest")[0], Segment::Html(h) if h == "<h2>More</h2>\n"));
        assert!(prose.part("missing").is_empty());
    }

    #[test]
    fn a_lead_is_one_paragraph() {
        assert_eq!(one_paragraph("<p>One.</p>\n").as_deref(), Some("One."));
        assert_eq!(one_paragraph("<p>One.</p>\n<p>Two.</p>\n"), None);
        assert_eq!(one_paragraph("<h2>One</h2>\n"), None);
    }
}
