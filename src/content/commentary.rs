//! Commentary pages: Markdown files with TOML front matter between `+++` lines.
//! English pages sit in `commentary/`, their French versions in `commentary/fr/` under
//! the same file name (the same slug).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, html};
use serde::Deserialize;

use super::sources::Registry;
use super::{ContentError, citations, full_date, is_slug, public_text};
use crate::i18n::Lang;
use crate::model::PartialDate;

/// The front matter of a commentary page. Unknown keys are an error, so a typo is caught.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    /// Page title, shown as the heading and in the browser tab.
    title: String,
    /// One or two plain-text sentences for lists and the meta description.
    summary: String,
    /// First publication, `YYYY-MM-DD`.
    date: String,
    /// Last substantive change, `YYYY-MM-DD`; defaults to `date`.
    updated: Option<String>,
    /// Who wrote it.
    author: String,
    /// Numbers (1–9) of the principles the page discusses.
    #[serde(default)]
    principles: Vec<i64>,
    /// A draft is loaded and checked but never shown.
    #[serde(default)]
    draft: bool,
    /// The URL slug; defaults to the file name without `.md`. Published slugs never change.
    slug: Option<String>,
}

pub struct Commentary {
    pub slug: String,
    /// From the folder: `commentary/fr/` holds the French versions.
    pub lang: Lang,
    pub title: String,
    pub summary: String,
    pub date: PartialDate,
    pub updated: PartialDate,
    pub author: String,
    pub principles: Vec<u8>,
    pub draft: bool,
    /// Rendered and sanitised HTML of the body.
    pub html: String,
    /// The body as plain text, for the search index.
    pub text: String,
    /// The sources the page cites, in order of first citation.
    pub source_ids: Vec<String>,
}

/// The English pages, then their French versions; each French page must translate an
/// English one and discuss the same principles.
pub(super) fn load_all(dir: &Path, sources: &Registry) -> Result<Vec<Commentary>, ContentError> {
    let mut pages = load_folder(dir, sources)?;
    let french_dir = dir.join(Lang::Fr.code());
    if french_dir.is_dir() {
        for page in load_folder(&french_dir, sources)? {
            let path = french_dir.join(format!("{}.md", page.slug));
            let Some(english) = pages
                .iter()
                .find(|p| p.lang == Lang::En && p.slug == page.slug)
            else {
                return Err(ContentError::new(
                    &path,
                    Some(1),
                    format!(
                        "no English page with the slug {:?}: a translation keeps the English file's name",
                        page.slug
                    ),
                ));
            };
            if english.principles != page.principles {
                return Err(ContentError::new(
                    &path,
                    None,
                    format!(
                        "`principles` must be the same as in the English page ({:?})",
                        english.principles
                    ),
                ));
            }
            pages.push(page);
        }
    }
    Ok(pages)
}

fn load_folder(dir: &Path, sources: &Registry) -> Result<Vec<Commentary>, ContentError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| ContentError::new(dir, None, format!("cannot read the folder: {e}")))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut pages = Vec::new();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| {
            ContentError::new(&path, None, format!("cannot read as UTF-8 text: {e}"))
        })?;
        let text: String =
            unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect();
        let page = parse(&path, &text, sources)?;
        if let Some(first) = slugs.insert(page.slug.clone(), path.clone()) {
            return Err(ContentError::new(
                &path,
                Some(key_line(&text, "slug")),
                format!(
                    "duplicate slug {:?}: {} has it already",
                    page.slug,
                    first.display()
                ),
            ));
        }
        pages.push(page);
    }
    Ok(pages)
}

/// The line (1-based, in the whole file) where `key = …` is set in the front matter, or 1.
fn key_line(file_text: &str, key: &str) -> u64 {
    // Only the front matter: the first line and up to the closing `+++`.
    let front_matter = file_text
        .lines()
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.trim_end() != "+++");
    front_matter
        .map(|(_, l)| l)
        .position(|l| {
            // Keys may be quoted: `"date" = …`.
            l.trim_start()
                .trim_start_matches('"')
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start_matches('"').trim_start().starts_with('='))
        })
        .map_or(1, |i| i as u64 + 1)
}

/// Splits `+++\n<toml>\n+++\n<markdown>`, returning the TOML and the Markdown.
/// A Markdown file's TOML front matter, read into `T`, and its body with the file line it
/// starts on (so that errors in the body name the file's own lines).
pub(super) fn front_matter<'a, T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &'a str,
) -> Result<(T, &'a str, u64), ContentError> {
    let (toml_text, body) = split_front_matter(path, text)?;
    let front: T = toml::from_str(toml_text).map_err(|e| {
        // The TOML starts on the file's second line.
        let line = e
            .span()
            .map(|span| toml_text[..span.start].matches('\n').count() as u64 + 2);
        ContentError::new(path, line, format!("front matter: {}", e.message()))
    })?;
    let body_start = body.as_ptr() as usize - text.as_ptr() as usize;
    let first_line = text[..body_start].matches('\n').count() as u64 + 1;
    Ok((front, body, first_line))
}

fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<(&'a str, &'a str), ContentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        ContentError::new(
            path,
            Some(1),
            "the file must start with front matter between two `+++` lines",
        )
    };
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
        .ok_or_else(missing)?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(missing())
}

/// Parses one commentary file: front matter, then Markdown (also the fuzzing entry point).
/// Its language is its folder's: French in `…/fr/`, English elsewhere. Citations are
/// resolved against `sources`.
pub fn parse(path: &Path, text: &str, sources: &Registry) -> Result<Commentary, ContentError> {
    let lang = match path.parent().and_then(Path::file_name) {
        Some(folder) if folder == Lang::Fr.code() => Lang::Fr,
        _ => Lang::En,
    };
    let (front, body, first_line): (FrontMatter, _, _) = front_matter(path, text)?;
    let at =
        |key: &str, message: String| ContentError::new(path, Some(key_line(text, key)), message);
    let date_of = |key: &str, value: &str| {
        full_date(value)
            .ok_or_else(|| at(key, format!("`{key}`: {value:?} is not a YYYY-MM-DD date")))
    };
    let date = date_of("date", &front.date)?;
    let updated = match &front.updated {
        Some(value) => date_of("updated", value)?,
        None => date,
    };
    if updated < date {
        return Err(at("updated", "`updated` is before `date`".to_string()));
    }
    let principles = front
        .principles
        .iter()
        .map(|&n| {
            u8::try_from(n)
                .ok()
                .filter(|n| (1..=9).contains(n))
                .ok_or_else(|| {
                    at(
                        "principles",
                        format!("`principles`: {n} is not a principle number (1 to 9)"),
                    )
                })
        })
        .collect::<Result<Vec<u8>, _>>()?;
    let slug = match front.slug {
        Some(slug) => slug,
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if !is_slug(&slug) {
        return Err(at(
            "slug",
            format!(
                "slug {slug:?} must be lower-case letters, digits and hyphens (rename the file or set `slug`)"
            ),
        ));
    }
    for (key, value) in [
        ("title", &front.title),
        ("summary", &front.summary),
        ("author", &front.author),
    ] {
        if value.trim().is_empty() {
            return Err(at(key, format!("`{key}` is empty")));
        }
        if let Some(why) = public_text::research_note_in(value) {
            return Err(at(
                key,
                format!("`{key}` {why}: research notes never reach a public page"),
            ));
        }
    }
    let cited = citations::resolve(path, body, first_line, lang, sources)?;
    let (html, text) = render_markdown(&cited.markdown, lang);
    Ok(Commentary {
        slug,
        lang,
        title: front.title,
        summary: front.summary,
        date,
        updated,
        author: front.author,
        principles,
        draft: front.draft,
        html,
        text,
        source_ids: cited.source_ids,
    })
}

/// Markdown to safe HTML, plus the plain text. Raw HTML in Markdown passes through
/// pulldown-cmark untouched, so the output is always cleaned by ammonia: no scripts,
/// no event handlers, no `javascript:` links, whatever an editor pastes.
pub fn render_markdown(markdown: &str, lang: Lang) -> (String, String) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    let text = Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let clean = ammonia::Builder::default()
        .add_generic_attributes(["id"])
        .add_allowed_classes("div", ["footnote-definition"])
        .add_allowed_classes("sup", ["footnote-definition-label", "footnote-reference"])
        .clean(&raw)
        .to_string();
    // Wide tables scroll inside their own box on phones instead of widening the page.
    let label = lang.tr(
        "Table (scrolls sideways)",
        "Tableau (défile horizontalement)",
    );
    let html = clean
        .replace(
            "<table>",
            &format!(
                "<div class=\"table-scroll\" role=\"region\" aria-label=\"{label}\" tabindex=\"0\"><table>"
            ),
        )
        .replace("</table>", "</table></div>")
        // The citation footnotes are the page's list of sources.
        .replacen(
            "<div class=\"footnote-definition\"",
            &format!(
                "<h2 id=\"sources\">{}</h2>\n<div class=\"footnote-definition\"",
                lang.tr("Sources", "Sources")
            ),
            1,
        );
    (html, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_cleaned() {
        let (html, text) = render_markdown(
            "Hi <script>alert(1)</script> [x](javascript:alert(1)) <a href=\"/a\" onclick=\"evil()\">a</a>\n\n| a |\n|---|\n| b |",
            Lang::En,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(text.contains("Hi"));
    }

    #[test]
    fn toml_errors_name_the_file_line() {
        let text = "+++\ntitle = \"T\"\nsumary = \"typo\"\n+++\nbody";
        let err = parse(Path::new("x.md"), text, &Registry::empty())
            .err()
            .expect("unknown key must fail");
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("sumary"), "{err}");
    }
}
