//! `/commentary` and `/commentary/{slug}`: our sourced articles, rendered from Markdown.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::queries::{self, CommentaryPage, CommentarySummary};
use crate::error::AppError;
use crate::page::PageMeta;

#[derive(Template)]
#[template(path = "commentary/index.html")]
struct CommentaryIndex {
    meta: PageMeta,
    pages: Vec<CommentarySummary>,
}

pub async fn index(state: State) -> Result<HttpResponse, AppError> {
    let pages = db::run(&state.pool, queries::commentary_list).await?;
    render(&CommentaryIndex {
        meta: PageMeta::new(
            &state,
            "Commentary",
            "Sourced articles on the Paris Call: what it is, who did not sign, what critics said, and how many signed.",
            "/commentary",
        ),
        pages,
    })
}

#[derive(Template)]
#[template(path = "commentary/show.html")]
struct CommentaryShow {
    meta: PageMeta,
    page: CommentaryPage,
}

pub async fn show(state: State, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    if slug.len() > 200 {
        return Err(AppError::NotFound);
    }
    let path = format!("/commentary/{slug}");
    let page = db::run(&state.pool, move |c| queries::commentary_page(c, &slug))
        .await?
        .ok_or(AppError::NotFound)?;
    render(&CommentaryShow {
        meta: PageMeta::new(
            &state,
            page.summary.title.clone(),
            page.summary.summary.clone(),
            &path,
        )
        .article()
        .citable(state.vocab.as_of)
        .with_json_ld(serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": page.summary.title,
            "description": page.summary.summary,
            "datePublished": page.summary.date.iso(),
            "dateModified": page.summary.updated.iso(),
            "author": { "@type": "Organization", "name": page.summary.author },
            "publisher": { "@type": "Organization", "name": "Paris Call Observatory" },
            "url": format!("{}{path}", state.public_url),
        })),
        page,
    })
}
