//! `/search`: full-text search over supporters, countries, principles and commentary.

use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::queries::{self, HitKind, MARK_CLOSE, MARK_OPEN, SearchHit};
use crate::error::AppError;
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

fn hit(h: SearchHit) -> Hit {
    let url = match h.kind {
        HitKind::Supporter => format!("/supporters/{}", h.key),
        HitKind::Country => format!("/countries/{}", h.key),
        HitKind::Principle => format!("/principles/{}", h.key),
        HitKind::Commentary => format!("/commentary/{}", h.key),
    };
    Hit {
        url,
        title: fragments(&h.title),
        snippet: fragments(&h.snippet),
    }
}

fn heading(kind: HitKind) -> (&'static str, &'static str) {
    match kind {
        HitKind::Supporter => ("Supporters", "supporters"),
        HitKind::Country => ("Countries", "countries"),
        HitKind::Principle => ("Principles", "principles"),
        HitKind::Commentary => ("Commentary", "commentary"),
    }
}

pub async fn show(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let q = params::search_query(req.query_string())?.unwrap_or_default();
    let expression = params::fts_query(&q);
    let hits = match expression.clone() {
        Some(expression) => {
            db::run(&state.pool, move |c| {
                queries::search(c, &expression, MAX_HITS)
            })
            .await?
        }
        None => Vec::new(),
    };
    let total = hits.len();
    let mut groups: Vec<HitGroup> = HitKind::ALL
        .into_iter()
        .map(|kind| {
            let (heading, anchor) = heading(kind);
            HitGroup {
                heading,
                anchor,
                hits: Vec::new(),
            }
        })
        .collect();
    for h in hits {
        let index = HitKind::ALL.iter().position(|k| *k == h.kind).unwrap_or(0);
        groups[index].hits.push(hit(h));
    }
    groups.retain(|g| !g.hits.is_empty());
    let title = if q.is_empty() {
        "Search".to_string()
    } else {
        format!("Search: {q}")
    };
    let path = if q.is_empty() {
        "/search".to_string()
    } else {
        format!("/search{}", params::encode(&[("q", q.clone())]))
    };
    render(&SearchPage {
        meta: PageMeta::new(
            &state,
            title,
            "Search supporters, countries, principles and commentary.",
            &path,
        ),
        searchable: expression.is_some(),
        q,
        groups,
        total,
    })
}
