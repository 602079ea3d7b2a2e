//! `/search`: full-text search over supporters, countries, principles and commentary.

use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::queries::{self, HitKind, MARK_CLOSE, MARK_OPEN, SearchHit};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::PageMeta;
use crate::params;

const MAX_HITS: u32 = 500;

/// A fragment of a snippet: text, and whether the search matched it.
struct Fragment {
    text: String,
    matched: bool,
}

struct Hit {
    url: String,
    title: Vec<Fragment>,
    snippet: Vec<Fragment>,
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
    groups: Vec<HitGroup>,
    total: usize,
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

fn hit(h: SearchHit, lang: Lang) -> Hit {
    let url = match h.kind {
        HitKind::Supporter => format!("/supporters/{}", h.key),
        HitKind::Country => format!("/countries/{}", h.key),
        HitKind::Principle => format!("/principles/{}", h.key),
        HitKind::Commentary => format!("/commentary/{}", h.key),
        HitKind::Glossary => format!("/glossary#{}", h.key),
    };
    Hit {
        url: lang.path(&url),
        title: fragments(&h.title),
        snippet: fragments(&h.snippet),
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
    let hits = match expression.clone() {
        Some(expression) => {
            db::run(&state.pool, move |c| {
                queries::search(c, &expression, lang, MAX_HITS)
            })
            .await?
        }
        None => Vec::new(),
    };
    let total = hits.len();
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
    for h in hits {
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
    render(&SearchPage {
        meta: PageMeta::new(
            &state,
            lang,
            title,
            lang.tr(
                "Search supporters, countries, principles and commentary.",
                "Rechercher parmi les soutiens, les pays, les principes et les analyses.",
            ),
            &path,
        ),
        searchable: expression.is_some(),
        q,
        groups,
        total,
    })
}
