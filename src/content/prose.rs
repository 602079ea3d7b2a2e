//! The prose of the site's own pages: `content/pages/<page>.md`, shown on `/<page>`, and its
//! French twin in `content/pages/fr/`. Markdown with citations, checked like commentary.

use std::path::Path;

use serde::Deserialize;

use super::commentary::{front_matter, render_markdown};
use super::sources::Registry;
use super::{ContentError, citations};
use crate::i18n::Lang;

/// The front matter of a page's prose: only what the `/sources` page needs.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    /// The title of the page the prose is shown on.
    title: String,
}

pub struct Prose {
    /// The page's path without the leading `/` (`counts` is shown on `/counts`).
    pub page: String,
    pub lang: Lang,
    pub title: String,
    pub html: String,
    pub source_ids: Vec<String>,
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
    let cited = citations::resolve(path, body, first_line, lang, sources)?;
    let (html, _) = render_markdown(&cited.markdown, lang);
    Ok(Prose {
        page: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        lang,
        title: front.title,
        html,
        source_ids: cited.source_ids,
    })
}
