//! What every page tells the base layout: title, description, canonical URL, as-of date,
//! the report-an-error link, and optionally a citation block and JSON-LD.

use std::cell::RefCell;
use std::sync::Arc;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::AppState;
use crate::db::queries::Vocabulary;
use crate::i18n::{Arg, Lang};
use crate::model::PartialDate;
use crate::reference::Reference;

pub struct PageMeta {
    pub lang: Lang,
    /// The language's path prefix, for links in templates: `{{ meta.base }}/supporters`.
    pub base: &'static str,
    pub title: String,
    pub description: String,
    pub canonical_url: String,
    /// The page's path without the language prefix: the same in both languages.
    pub path: String,
    /// The official list's last change, for the footer: "19 January 2024".
    pub as_of: String,
    pub as_of_iso: String,
    /// Where "Report an error" leads, prefilled with this page's address.
    pub report_url: String,
    /// The stylesheet's fingerprinted address.
    pub stylesheet_url: String,
    /// `website` or `article`, for Open Graph.
    pub og_type: &'static str,
    /// The page's share image (`og:image`), an absolute URL.
    pub share_image: String,
    pub citation: Option<Citation>,
    /// Schema.org description of the page, already serialised and safe inside `<script>`.
    pub json_ld: Option<String>,
    /// The sources registry (missing only on the error page of an app that failed to start).
    vocab: Option<Arc<Vocabulary>>,
    /// Sources cited so far while the page renders. The layout lists them at the page's foot,
    /// after the content has rendered, so every page lists exactly what it cites.
    cited: RefCell<Vec<String>>,
}

/// The "Cite this page" block: the same facts in APA, Chicago and BibTeX.
pub struct Citation {
    pub lang: Lang,
    pub title: String,
    pub url: String,
    pub as_of: PartialDate,
    pub accessed: PartialDate,
    /// A BibTeX key derived from the path: `pco-supporters-microsoft-private-sector-usa`.
    pub key: String,
}

impl Citation {
    pub fn apa(&self) -> String {
        let (as_of, accessed) = (self.lang.date(self.as_of), self.lang.date(self.accessed));
        match self.lang {
            Lang::En => format!(
                "Paris Call Observatory. ({}). {} [Data set, as of {as_of}]. Retrieved {accessed}, from {}",
                self.as_of.year, self.title, self.url
            ),
            Lang::Fr => format!(
                "Observatoire de l’Appel de Paris. ({}). {} [Jeu de données, état au {as_of}]. Consulté le {accessed}, à l’adresse {}",
                self.as_of.year, self.title, self.url
            ),
        }
    }

    pub fn chicago(&self) -> String {
        let (as_of, accessed) = (self.lang.date(self.as_of), self.lang.date(self.accessed));
        match self.lang {
            Lang::En => format!(
                "Paris Call Observatory. “{}.” Data as of {as_of}. Accessed {accessed}. {}.",
                self.title, self.url
            ),
            Lang::Fr => format!(
                "Observatoire de l’Appel de Paris. « {} ». Données au {as_of}. Consulté le {accessed}. {}.",
                self.title, self.url
            ),
        }
    }

    pub fn bibtex(&self) -> String {
        // Braces are BibTeX syntax: a title may not carry its own.
        let title = self.title.replace(['{', '}'], "");
        format!(
            "@misc{{{key},\n  author       = {{{{{author}}}}},\n  title        = {{{title}}},\n  \
             year         = {{{year}}},\n  note         = {{{note} {as_of}}},\n  \
             howpublished = {{\\url{{{url}}}}},\n  urldate      = {{{accessed}}}\n}}",
            key = self.key,
            author = self
                .lang
                .tr("Paris Call Observatory", "Observatoire de l’Appel de Paris"),
            year = self.as_of.year,
            note = self.lang.tr("Data as of", "Données au"),
            as_of = self.as_of.iso(),
            url = self.url,
            accessed = self.accessed.iso(),
        )
    }
}

impl PageMeta {
    /// `path` is the page's permanent address without the language prefix, including any
    /// query that defines it.
    pub fn new(
        state: &AppState,
        lang: Lang,
        title: impl Into<String>,
        description: impl Into<String>,
        path: &str,
    ) -> Self {
        Self::build(Some(state), lang, title.into(), description.into(), path)
    }

    /// An error page's metadata; `state` is missing only if the app failed to start.
    pub fn for_error(state: Option<&AppState>, lang: Lang, heading: &str) -> Self {
        Self::build(state, lang, heading.to_string(), heading.to_string(), "/")
    }

    fn build(
        state: Option<&AppState>,
        lang: Lang,
        title: String,
        description: String,
        path: &str,
    ) -> Self {
        let public_url = state.map_or("", |s| s.public_url.as_str());
        let canonical_url = format!("{public_url}{}", lang.path(path));
        let encode = |text: &str| utf8_percent_encode(text, NON_ALPHANUMERIC).to_string();
        let report_url = state.map_or(String::new(), |s| {
            s.report_url
                .replace("{url}", &encode(&canonical_url))
                .replace("{page}", &encode(path))
        });
        let as_of = state.map(|s| s.vocab.as_of);
        PageMeta {
            lang,
            base: lang.prefix(),
            title,
            description,
            canonical_url,
            path: path.to_string(),
            as_of: as_of.map(|d| lang.date(d)).unwrap_or_default(),
            as_of_iso: as_of.map(|d| d.iso()).unwrap_or_default(),
            report_url,
            stylesheet_url: state.map_or_else(
                || "/static/css/site.css".to_string(),
                |s| s.stylesheet_url.clone(),
            ),
            og_type: "website",
            share_image: format!(
                "{public_url}{}",
                lang.path(&crate::handlers::share::image_path(path))
            ),
            citation: None,
            json_ld: None,
            vocab: state.map(|s| s.vocab.clone()),
            cited: RefCell::new(Vec::new()),
        }
    }

    /// The references of `ids`, recorded as cited by this page.
    pub fn refs(&self, ids: &[String]) -> Vec<Reference> {
        let Some(vocab) = &self.vocab else {
            return Vec::new();
        };
        let mut cited = self.cited.borrow_mut();
        for id in ids {
            if !cited.contains(id) {
                cited.push(id.clone());
            }
        }
        vocab.sources.resolve(ids)
    }

    /// One source, recorded as cited by this page.
    pub fn source(&self, id: &str) -> Option<Reference> {
        self.refs(&[id.to_string()]).pop()
    }

    /// Everything the page cited, in order of first citation, for its list of sources.
    pub fn cited(&self) -> Vec<Reference> {
        match &self.vocab {
            Some(vocab) => vocab.sources.resolve(self.cited.borrow().iter()),
            None => Vec::new(),
        }
    }

    /// A reference in this page's language, as HTML.
    pub fn reference(&self, r: &Reference) -> String {
        r.html(self.lang, None)
    }

    /// This language's wording; templates write both side by side: `meta.tr("Search", "Rechercher")`.
    pub fn tr<'a>(&self, en: &'a str, fr: &'a str) -> &'a str {
        self.lang.tr(en, fr)
    }

    /// For longer passages written as two blocks: `{% if meta.fr() %}…{% else %}…{% endif %}`.
    pub fn fr(&self) -> bool {
        self.lang == Lang::Fr
    }

    pub fn num(&self, n: impl Arg<i64>) -> String {
        self.lang.number(n.get())
    }

    pub fn date(&self, date: impl Arg<PartialDate>) -> String {
        self.lang.date(date)
    }

    /// The same page in the other language, with the same filters.
    pub fn switch_url(&self) -> String {
        self.lang.other().path(&self.path)
    }

    /// `(hreflang, absolute URL)` of every language version, then `x-default` (English).
    pub fn alternates(&self) -> Vec<(&'static str, String)> {
        let public_url = self
            .canonical_url
            .strip_suffix(&self.lang.path(&self.path))
            .unwrap_or_default();
        let url = |lang: Lang| format!("{public_url}{}", lang.path(&self.path));
        let mut links: Vec<(&'static str, String)> =
            Lang::ALL.iter().map(|&l| (l.code(), url(l))).collect();
        links.push(("x-default", url(Lang::En)));
        links
    }

    /// Whether the page belongs to the navigation section at `prefix` (e.g. `/supporters`).
    pub fn in_section(&self, prefix: &str) -> bool {
        self.path == prefix
            || self
                .path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with(['/', '?']))
    }

    /// Adds a "Cite this page" block, accessed today.
    pub fn citable(mut self, as_of: PartialDate) -> Self {
        let key_path: String = self
            .path
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let key = format!("pco{}", key_path.trim_end_matches('-'));
        self.citation = Some(Citation {
            lang: self.lang,
            title: self.title.clone(),
            url: self.canonical_url.clone(),
            as_of,
            accessed: PartialDate::today(),
            key,
        });
        self
    }

    pub fn article(mut self) -> Self {
        self.og_type = "article";
        self
    }

    /// Attaches schema.org JSON-LD. `<` is escaped so no text in it can close the script element.
    pub fn with_json_ld(mut self, value: serde_json::Value) -> Self {
        self.json_ld = Some(value.to_string().replace('<', "\\u003c"));
        self
    }
}
