//! `/search`: full-text search over supporters, countries, principles and commentary.

use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::render;
use crate::db;
use crate::db::search::{HitAbout, HitKind, MARK_CLOSE, MARK_OPEN, SearchHit};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::page_meta::PageMeta;
use crate::params;
use crate::search::{self, Findings};
use crate::{AppState, State};

const MAX_HITS: u32 = 500;

/// A fragment of a snippet: text, and whether the search matched it.
struct Fragment {
    text: String,
    matched: bool,
}

/// One result as a reader scans it: name, what it is and where, and one line of context.
struct Hit {
    url: String,
    title: Vec<Fragment>,
    /// "Private sector · Germany", "Country · Europe"; empty for pages.
    about: String,
    context: Vec<Fragment>,
}

struct HitGroup {
    heading: &'static str,
    anchor: &'static str,
    hits: Vec<Hit>,
}

#[derive(Template)]
#[template(path = "search/index.html")]
struct SearchPage {
    meta: PageMeta,
    q: String,
    /// False when the query had no letters or digits to search for.
    searchable: bool,
    /// Countries the query names exactly, before every other result.
    named: Vec<Hit>,
    groups: Vec<HitGroup>,
    total: usize,
    /// The nearest names, when nothing bears the name searched.
    suggestions: Vec<Hit>,
    /// Whether they are close enough to be what was meant ("Did you mean"), not just the
    /// closest names.
    typo: bool,
    /// Whether no entry of the official list bears the name searched.
    not_listed: bool,
    listed_total: i64,
}

/// Splits FTS5 output at our private-use marks, so templates escape the text and add `<mark>`.
fn fragments(marked: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut matched = false;
    for piece in marked.split([MARK_OPEN, MARK_CLOSE]) {
        if !piece.is_empty() {
            out.push(Fragment {
                text: piece.to_string(),
                matched,
            });
        }
        matched = !matched;
    }
    out
}

fn plain(text: String) -> Vec<Fragment> {
    vec![Fragment {
        text,
        matched: false,
    }]
}

fn hit(h: SearchHit, lang: Lang) -> Hit {
    let url = match h.kind {
        HitKind::Supporter => format!("/supporters/{}", h.key),
        HitKind::Country => format!("/countries/{}", h.key),
        HitKind::Principle => format!("/principles/{}", h.key),
        HitKind::Commentary => format!("/commentary/{}", h.key),
        HitKind::Glossary => format!("/glossary#{}", h.key),
    };
    let (about, context) = match &h.about {
        HitAbout::Supporter(row) => {
            let mut about = row.category.label_singular(lang).to_string();
            let country = row.country(lang);
            if !country.is_empty() {
                about = format!("{about} · {country}");
            }
            let since = lang.date(row.listed_since);
            let context = match lang {
                Lang::En => format!("In the official list since {since}"),
                Lang::Fr => format!("Dans la liste officielle depuis le {since}"),
            };
            (about, plain(context))
        }
        HitAbout::Country(row) => {
            let mut about = lang.tr("Country", "Pays").to_string();
            if let Some(region) = &row.region {
                about = format!("{about} · {}", lang.region(region));
            }
            let status = row.status.label(lang);
            let context = match row.state_entry() {
                Some((_, _, since)) => match lang {
                    Lang::En => {
                        format!("{status}, in the official list since {}", lang.date(since))
                    }
                    Lang::Fr => format!(
                        "{status}, dans la liste officielle depuis le {}",
                        lang.date(since)
                    ),
                },
                None => status.to_string(),
            };
            (about, plain(context))
        }
        HitAbout::Text => (String::new(), fragments(&h.snippet)),
    };
    Hit {
        url: lang.path(&url),
        title: fragments(&h.title),
        about,
        context,
    }
}

fn heading(kind: HitKind, lang: Lang) -> (&'static str, &'static str) {
    match kind {
        HitKind::Supporter => (lang.tr("Supporters", "Soutiens"), "supporters"),
        HitKind::Country => (lang.tr("Countries", "Pays"), "countries"),
        HitKind::Principle => (lang.tr("Principles", "Principes"), "principles"),
        HitKind::Commentary => (lang.tr("Commentary", "Analyses"), "commentary"),
        HitKind::Glossary => (lang.tr("Glossary", "Glossaire"), "glossary"),
    }
}

pub async fn show(state: State, lang: Lang, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let q = params::search_query(req.query_string())?.unwrap_or_default();
    let expression = params::fts_query(&q);
    let searchable = expression.is_some();
    let findings = if q.is_empty() {
        Findings::default()
    } else {
        let (query, names) = (q.clone(), state.names.clone());
        db::run(&state.pool, move |c| {
            search::find(c, &names, &query, expression.as_deref(), lang, MAX_HITS)
        })
        .await?
    };
    render(&SearchPage::new(&state, lang, q, searchable, findings))
}

impl SearchPage {
    fn new(state: &AppState, lang: Lang, q: String, searchable: bool, found: Findings) -> Self {
        let named: Vec<Hit> = found.named.into_iter().map(|h| hit(h, lang)).collect();
        let total = named.len() + found.hits.len();
        let mut groups: Vec<HitGroup> = HitKind::ALL
            .into_iter()
            .map(|kind| {
                let (heading, anchor) = heading(kind, lang);
                HitGroup {
                    heading,
                    anchor,
                    hits: Vec::new(),
                }
            })
            .collect();
        for h in found.hits {
            let index = HitKind::ALL.iter().position(|k| *k == h.kind).unwrap_or(0);
            groups[index].hits.push(hit(h, lang));
        }
        groups.retain(|g| !g.hits.is_empty());
        let title = match (q.is_empty(), lang) {
            (true, _) => lang.tr("Search", "Recherche").to_string(),
            (false, Lang::En) => format!("Search: {q}"),
            (false, Lang::Fr) => format!("Recherche : {q}"),
        };
        let path = format!(
            "/search{}",
            params::search_canonical(Some(q.as_str()).filter(|q| !q.is_empty()))
        );
        let description = lang.tr(
            "Search supporters, countries, principles and commentary.",
            "Rechercher parmi les soutiens, les pays, les principes et les analyses.",
        );
        SearchPage {
            meta: PageMeta::new(state, lang, title, description, &path),
            searchable,
            q,
            named,
            groups,
            total,
            typo: found.suggestions.iter().any(|s| s.strong),
            suggestions: found
                .suggestions
                .into_iter()
                .map(|s| hit(s.hit, lang))
                .collect(),
            not_listed: found.not_listed,
            listed_total: found.listed_total,
        }
    }
}
