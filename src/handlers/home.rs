//! `/`: what the Call is, its principles, and the counts of supporters.

use actix_web::HttpResponse;
use askama::Template;

use super::{moved_permanently, render};
use crate::content::PageProse;
use crate::db;
use crate::db::commentary::{self, CommentarySummary};
use crate::db::principles::{self, PrincipleRow};
use crate::db::supporters::{self, SupporterFilter};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::model::Category;
use crate::page_meta::PageMeta;
use crate::{AppState, State};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    meta: PageMeta,
    /// What the Call is: `content/pages/home.md`.
    prose: PageProse,
    /// Each principle with its plain meaning.
    principles: Vec<(PrincipleRow, String)>,
    counts: Vec<(Category, i64)>,
    total: i64,
    commentary: Vec<CommentarySummary>,
    /// The map's height for its width of 960, so the preview keeps its proportions.
    map_height: u32,
}

pub async fn show(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let (prose, principles, summaries, counts, commentary) = db::run(&state.pool, move |c| {
        Ok((
            PageProse::parse(&db::sources::prose(c, "home", lang)?),
            principles::list(c)?,
            crate::db::explainers::summaries(c, lang)?,
            supporters::counts(c, &SupporterFilter::default())?,
            commentary::list(c, lang)?,
        ))
    })
    .await?;
    let principles = principles
        .into_iter()
        .zip(summaries)
        .map(|(p, s)| (p, s.summary))
        .collect();
    render(&HomePage {
        meta: home_meta(&state, lang),
        prose,
        principles,
        total: counts.iter().map(|(_, n)| n).sum(),
        counts,
        commentary,
        map_height: crate::map::height() as u32,
    })
}

fn home_meta(state: &AppState, lang: Lang) -> PageMeta {
    PageMeta::new(
        state,
        lang,
        lang.tr(
            "The Paris Call for Trust and Security in Cyberspace",
            "L’Appel de Paris pour la confiance et la sécurité dans le cyberespace",
        ),
        lang.tr(
            "Who supports the Paris Call for Trust and Security in Cyberspace, what its nine principles say, and who did not sign: sourced and dated.",
            "Qui soutient l’Appel de Paris pour la confiance et la sécurité dans le cyberespace, ce que disent ses neuf principes, et qui ne l’a pas signé : sources et dates à l’appui.",
        ),
        "/",
    )
    .with_json_ld(serde_json::json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": lang.tr("Paris Call Observatory", "Observatoire de l’Appel de Paris"),
        "inLanguage": lang.code(),
        "url": format!("{}{}", state.public_url, lang.path("/")),
        "potentialAction": {
            "@type": "SearchAction",
            "target": format!("{}{}?q={{query}}", state.public_url, lang.path("/search")),
            "query-input": "required name=query",
        },
    }))
}

/// `/fr` is the French home page's address without its slash.
pub async fn french_root() -> HttpResponse {
    moved_permanently(&Lang::Fr.path("/"), "")
}
