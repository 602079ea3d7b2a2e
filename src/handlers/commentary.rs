//! `/commentary` and `/commentary/{slug}`: our sourced articles, rendered from Markdown.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::queries::{self, CommentaryPage, CommentarySummary, CorrectionRow};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::page::PageMeta;

#[derive(Template)]
#[template(path = "commentary/index.html")]
struct CommentaryIndex {
    meta: PageMeta,
    pages: Vec<CommentarySummary>,
}

pub async fn index(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let pages = db::run(&state.pool, move |c| queries::commentary_list(c, lang)).await?;
    render(&CommentaryIndex {
        meta: PageMeta::new(
            &state,
            lang,
            lang.tr("Commentary", "Analyses"),
            lang.tr(
                "Sourced articles on the Paris Call: what it is, who did not sign, what critics said, and how many signed.",
                "Des articles sourcés sur l’Appel de Paris : ce qu’il est, qui ne l’a pas signé, ce qu’en ont dit ses critiques et combien l’ont signé.",
            ),
            "/commentary",
        ),
        pages,
    })
}

#[derive(Template)]
#[template(path = "commentary/show.html")]
struct CommentaryShow {
    meta: PageMeta,
    /// The language the article is written in: English where no translation exists.
    content_lang: Lang,
    page: CommentaryPage,
    /// Our corrections of this article, newest first.
    corrections: Vec<CorrectionRow>,
}

/// A page with no version in the reader's language is shown in English (status 200), saying so.
pub async fn show(
    state: State,
    lang: Lang,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    if slug.len() > 200 {
        return Err(AppError::NotFound);
    }
    let path = format!("/commentary/{slug}");
    let corrections_path = path.clone();
    let (page, corrections) = db::run(&state.pool, move |c| {
        Ok((
            queries::commentary_page(c, &slug, lang)?,
            queries::corrections(c, Some(&corrections_path))?,
        ))
    })
    .await?;
    let page = page.ok_or(AppError::NotFound)?;
    let content_lang = if page.summary.translated {
        lang
    } else {
        Lang::En
    };
    render(&CommentaryShow {
        content_lang,
        meta: PageMeta::new(
            &state,
            lang,
            page.summary.title.clone(),
            page.summary.summary.clone(),
            &path,
        )
        .article()
        .citable_article(page.summary.date)
        .with_json_ld(serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": page.summary.title,
            "inLanguage": content_lang.code(),
            "description": page.summary.summary,
            "datePublished": page.summary.date.iso(),
            "dateModified": page.summary.updated.iso(),
            "author": { "@type": "Organization", "name": page.summary.author },
            "publisher": {
                "@type": "Organization",
                "name": lang.tr("Paris Call Observatory", "Observatoire de l’Appel de Paris"),
            },
            "url": format!("{}{}", state.public_url, lang.path(&path)),
        })),
        page,
        corrections,
    })
}
