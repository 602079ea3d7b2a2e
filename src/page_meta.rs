//! What every page tells the base layout: title, description, canonical URL, as-of date,
//! the report-an-error link, and optionally a citation block and JSON-LD.

use std::cell::RefCell;
use std::sync::Arc;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use crate::AppState;
use crate::i18n::Lang;
use crate::model::PartialDate;
use crate::reference::Reference;
use crate::vocabulary::Vocabulary;

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
    /// Where "Report an error" leads, prefilled with this page's address; None when no
    /// address is set up.
    pub report_url: Option<String>,
    /// The stylesheet's fingerprinted address.
    pub stylesheet_url: String,
    /// The copy buttons' script, fingerprinted: loaded only by pages with a citation.
    pub copy_script_url: String,
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
    /// What is cited, as a reference list would name it: "Microsoft — supporter of the Paris
    /// Call for Trust and Security in Cyberspace", not the page's short title.
    pub title: String,
    pub url: String,
    /// The date of the page's content, which gives the year.
    pub dated: CitedDate,
    pub accessed: PartialDate,
    /// A BibTeX key derived from the path: `pco-supporters-microsoft-private-sector-usa`.
    pub key: String,
}

/// What the year of a citation is the year of.
#[derive(Clone, Copy)]
pub enum CitedDate {
    /// A list or a record: the official list's as-of date.
    DataAsOf(PartialDate),
    /// Commentary: the day it was published.
    Published(PartialDate),
}

impl CitedDate {
    pub fn date(self) -> PartialDate {
        match self {
            CitedDate::DataAsOf(d) | CitedDate::Published(d) => d,
        }
    }

    pub fn is_data(self) -> bool {
        matches!(self, CitedDate::DataAsOf(_))
    }
}

/// The Call's full name, as a citation names what it cites.
pub fn call_name(lang: Lang) -> &'static str {
    lang.tr(
        "the Paris Call for Trust and Security in Cyberspace",
        "l’Appel de Paris pour la confiance et la sécurité dans le cyberespace",
    )
}

/// Whether `title` ends with its own punctuation, so a citation adds no period after it:
/// Chicago writes “…launch?” where a plain title gets “…launch.”
fn ends_a_sentence(title: &str) -> bool {
    title.trim_end().ends_with(['?', '!', '.', '…'])
}

impl Citation {
    /// `(id, style name, text)` of each style, in the order the block shows them.
    pub fn styles(&self) -> [(&'static str, &'static str, String); 3] {
        [
            ("apa", "APA", self.apa()),
            ("chicago", "Chicago", self.chicago()),
            ("bibtex", "BibTeX", self.bibtex()),
        ]
    }

    /// The date of the cited content, written out. (The layout shows the block on every
    /// kind of page, error pages included, so it takes its dates from here rather than from
    /// the `date` filter each page module would then have to import.)
    pub fn dated_text(&self) -> String {
        self.lang.date(self.dated.date())
    }

    /// The day the page was accessed, written out.
    pub fn accessed_text(&self) -> String {
        self.lang.date(self.accessed)
    }

    pub fn apa(&self) -> String {
        let (lang, date) = (self.lang, self.dated.date());
        let (day, accessed) = (lang.date(date), lang.date(self.accessed));
        let title = &self.title;
        let after_title = match (self.dated, lang) {
            (CitedDate::DataAsOf(_), Lang::En) => format!(" [Data set, as of {day}]."),
            (CitedDate::DataAsOf(_), Lang::Fr) => format!(" [Jeu de données, état au {day}]."),
            (CitedDate::Published(_), _) if ends_a_sentence(title) => String::new(),
            (CitedDate::Published(_), _) => ".".to_string(),
        };
        let retrieved = match lang {
            Lang::En => format!("Retrieved {accessed}, from {}", self.url),
            Lang::Fr => format!("Consulté le {accessed}, à l’adresse {}", self.url),
        };
        format!(
            "{}. ({}). {title}{after_title} {retrieved}",
            lang.tr("Paris Call Observatory", "Observatoire de l’Appel de Paris"),
            date.year
        )
    }

    pub fn chicago(&self) -> String {
        let date = self.lang.date(self.dated.date());
        let accessed = self.lang.date(self.accessed);
        let title = &self.title;
        let ends = ends_a_sentence(title);
        match self.lang {
            Lang::En => {
                let stop = if ends { "" } else { "." };
                let dated = if self.dated.is_data() {
                    format!("Data as of {date}")
                } else {
                    date
                };
                format!(
                    "Paris Call Observatory. “{title}{stop}” {dated}. Accessed {accessed}. {}.",
                    self.url
                )
            }
            Lang::Fr => {
                let stop = if ends { "" } else { "." };
                let dated = if self.dated.is_data() {
                    format!("Données au {date}")
                } else {
                    format!("Publié le {date}")
                };
                format!(
                    "Observatoire de l’Appel de Paris. « {title} »{stop} {dated}. Consulté le {accessed}. {}.",
                    self.url
                )
            }
        }
    }

    pub fn bibtex(&self) -> String {
        // Braces are BibTeX syntax: a title may not carry its own.
        let title = self.title.replace(['{', '}'], "");
        let date = self.dated.date();
        let note = match (self.dated, self.lang) {
            (CitedDate::DataAsOf(_), lang) => {
                format!("{} {}", lang.tr("Data as of", "Données au"), date.iso())
            }
            (CitedDate::Published(_), lang) => {
                format!("{} {}", lang.tr("Published", "Publié le"), date.iso())
            }
        };
        format!(
            "@misc{{{key},\n  author       = {{{{{author}}}}},\n  title        = {{{title}}},\n  \
             year         = {{{year}}},\n  note         = {{{note}}},\n  \
             howpublished = {{\\url{{{url}}}}},\n  urldate      = {{{accessed}}}\n}}",
            key = self.key,
            author = self
                .lang
                .tr("Paris Call Observatory", "Observatoire de l’Appel de Paris"),
            year = date.year,
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
        let report_url = state.and_then(|s| {
            s.contact.report_url.as_ref().map(|url| {
                url.replace("{url}", &encode(&canonical_url))
                    .replace("{page}", &encode(path))
            })
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
            copy_script_url: state.map_or_else(
                || "/static/js/copy.js".to_string(),
                |s| s.copy_script_url.clone(),
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

    /// Where the official list comes from and the day it was last checked against it.
    pub fn official(&self) -> Option<&crate::content::OfficialSource> {
        self.vocab.as_ref().map(|v| &v.official)
    }

    /// The day the Call was launched (its declaration's date): the first day a list can be
    /// asked for.
    pub fn launch(&self) -> Option<PartialDate> {
        self.vocab.as_ref().map(|v| v.launch)
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

    /// Adds a "Cite this page" block for a list or a record, dated by the data's as-of
    /// date and accessed today.
    pub fn citable(self, as_of: PartialDate) -> Self {
        self.with_citation(CitedDate::DataAsOf(as_of))
    }

    /// Adds a "Cite this page" block for commentary published on `published`.
    pub fn citable_article(self, published: PartialDate) -> Self {
        self.with_citation(CitedDate::Published(published))
    }

    /// Names what the citation cites, where the page's title alone would not say it.
    pub fn cited_as(mut self, title: String) -> Self {
        if let Some(citation) = &mut self.citation {
            citation.title = title;
        }
        self
    }

    fn with_citation(mut self, dated: CitedDate) -> Self {
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
            dated,
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
