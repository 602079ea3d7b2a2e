//! `/commentary` and `/commentary/{slug}`: our sourced articles, rendered from Markdown.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::render;
use crate::db;
use crate::db::commentary::{self, CommentaryPage, CommentarySummary};
use crate::db::corrections::{self, CorrectionRow};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::page_meta::PageMeta;
use crate::{AppState, State};

#[derive(Template)]
#[template(path = "commentary/index.html")]
struct CommentaryIndex {
    meta: PageMeta,
    pages: Vec<CommentarySummary>,
}

pub async fn index(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let pages = db::run(&state.pool, move |c| commentary::list(c, lang)).await?;
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
    let corrections_path = format!("/commentary/{slug}");
    let (page, corrections) = db::run(&state.pool, move |c| {
        Ok((
            commentary::page(c, &slug, lang)?,
            corrections::list(c, Some(&corrections_path))?,
        ))
    })
    .await?;
    let page = page.ok_or(AppError::NotFound)?;
    render(&CommentaryShow::new(&state, lang, page, corrections))
}

impl CommentaryShow {
    fn new(
        state: &AppState,
        lang: Lang,
        page: CommentaryPage,
        corrections: Vec<CorrectionRow>,
    ) -> Self {
        let content_lang = if page.summary.translated {
            lang
        } else {
            Lang::En
        };
        let path = format!("/commentary/{}", page.summary.slug);
        let meta = PageMeta::new(
            state,
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
        }));
        CommentaryShow {
            content_lang,
            meta,
            page,
            corrections,
        }
    }
}
