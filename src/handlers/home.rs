//! `/`: what the Call is, its principles, and the counts of supporters.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::queries::{self, CommentarySummary, PrincipleRow, SupporterFilter};
use crate::error::AppError;
use crate::model::{Category, group_thousands};
use crate::page::PageMeta;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    meta: PageMeta,
    principles: Vec<PrincipleRow>,
    counts: Vec<(Category, i64)>,
    total: i64,
    commentary: Vec<CommentarySummary>,
}

pub async fn show(state: State) -> Result<HttpResponse, AppError> {
    let (principles, counts, commentary) = db::run(&state.pool, |c| {
        Ok((
            queries::principles(c)?,
            queries::supporter_counts(c, &SupporterFilter::default())?,
            queries::commentary_list(c)?,
        ))
    })
    .await?;
    let total = counts.iter().map(|(_, n)| n).sum();
    render(&HomePage {
        meta: PageMeta::new(
            &state,
            "The Paris Call for Trust and Security in Cyberspace",
            "Who supports the Paris Call for Trust and Security in Cyberspace, what its nine principles say, and who did not sign: sourced and dated.",
            "/",
        )
        .with_json_ld(serde_json::json!({
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": "Paris Call Observatory",
            "url": format!("{}/", state.public_url),
            "potentialAction": {
                "@type": "SearchAction",
                "target": format!("{}/search?q={{query}}", state.public_url),
                "query-input": "required name=query",
            },
        })),
        principles,
        counts,
        total,
        commentary,
    })
}

impl HomePage {
    fn number(&self, n: &i64) -> String {
        group_thousands(*n)
    }
}
