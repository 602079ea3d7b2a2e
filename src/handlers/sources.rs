//! `/sources`: every source the site cites, grouped by kind, each with the pages that cite it.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::db;
use crate::db::sources::CitingPage;
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::page_meta::PageMeta;
use crate::reference::Reference;
use crate::{AppState, State};

/// One source and the pages that cite it.
struct SourceEntry {
    reference: Reference,
    /// (path with the language prefix, title in the page's language), the first few.
    cited_on: Vec<(String, String)>,
    /// How many more pages cite it (a source of many supporters' join dates).
    more: usize,
}

/// Pages listed under each source; the rest are counted.
const LISTED_PAGES: usize = 12;

struct KindGroup {
    /// `primary`, `official`, `press` or `other`: the anchor of the group.
    kind: &'static str,
    heading: &'static str,
    entries: Vec<SourceEntry>,
}

#[derive(Template)]
#[template(path = "sources.html")]
struct SourcesPage {
    meta: PageMeta,
    groups: Vec<KindGroup>,
    total: usize,
}

pub async fn index(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let citing: Vec<CitingPage> = db::run(&state.pool, db::sources::citing_pages).await?;
    render(&SourcesPage::new(&state, lang, &citing))
}

impl SourcesPage {
    fn new(state: &AppState, lang: Lang, citing: &[CitingPage]) -> Self {
        let kinds = [
            (
                "primary",
                lang.tr(
                    "The Call’s own documents and the official list",
                    "Les documents de l’Appel et la liste officielle",
                ),
            ),
            (
                "official",
                lang.tr(
                    "Governments and public bodies",
                    "Gouvernements et organismes publics",
                ),
            ),
            ("press", lang.tr("Press", "Presse")),
            ("other", lang.tr("Other sources", "Autres sources")),
        ];
        let all = state.vocab.sources.all();
        let groups = kinds
            .into_iter()
            .map(|(kind, heading)| KindGroup {
                kind,
                heading,
                entries: all
                    .iter()
                    .filter(|r| r.kind == kind)
                    .map(|r| SourceEntry::new(r, citing, lang))
                    .collect(),
            })
            .filter(|g| !g.entries.is_empty())
            .collect();
        SourcesPage {
            meta: PageMeta::new(
                state,
                lang,
                lang.tr("Sources", "Sources"),
                lang.tr(
                    "Every source the Paris Call Observatory cites, by kind, with the date we read it and the pages that cite it.",
                    "Toutes les sources citées par l’Observatoire de l’Appel de Paris, par type, avec la date à laquelle nous les avons lues et les pages qui les citent.",
                ),
                "/sources",
            ),
            total: all.len(),
            groups,
        }
    }
}

impl SourceEntry {
    /// A source with the first pages that cite it.
    fn new(reference: &Reference, citing: &[CitingPage], lang: Lang) -> Self {
        let pages: Vec<(String, String)> = citing
            .iter()
            .filter(|c| c.source_id == reference.id)
            .map(|c| {
                let title = lang.pick(&c.title_en, &c.title_fr).clone();
                (lang.path(&c.path), title)
            })
            .collect();
        SourceEntry {
            more: pages.len().saturating_sub(LISTED_PAGES),
            cited_on: pages.into_iter().take(LISTED_PAGES).collect(),
            reference: reference.clone(),
        }
    }
}
