//! `/principles` and `/principles/{n}`: the nine principles in their official wording.

use actix_web::{HttpResponse, web};
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::commentary::{self, CommentarySummary};
use crate::db::corrections::{self, CorrectionRow};
use crate::db::explainers::{self, ExplainerRow, PrincipleSummary, WorkingGroupRow};
use crate::db::principles::{self, PrincipleRow};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::page_meta::PageMeta;

#[derive(Template)]
#[template(path = "principles/index.html")]
struct PrinciplesPage {
    meta: PageMeta,
    principles: Vec<(PrincipleRow, PrincipleSummary)>,
    working_groups: Vec<WorkingGroupRow>,
}

pub async fn index(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let (principles, summaries, working_groups) = db::run(&state.pool, move |c| {
        Ok((
            principles::list(c)?,
            explainers::summaries(c, lang)?,
            explainers::working_groups(c)?,
        ))
    })
    .await?;
    let principles = principles.into_iter().zip(summaries).collect();
    render(&PrinciplesPage {
        meta: PageMeta::new(
            &state,
            lang,
            lang.tr("The nine principles", "Les neuf principes"),
            lang.tr(
                "The nine principles of the Paris Call for Trust and Security in Cyberspace, each in a plain sentence with its key terms, and the working groups of 2021.",
                "Les neuf principes de l’Appel de Paris pour la confiance et la sécurité dans le cyberespace, chacun en une phrase simple avec ses termes clés, et les groupes de travail de 2021.",
            ),
            "/principles",
        ),
        principles,
        working_groups,
    })
}

#[derive(Template)]
#[template(path = "principles/show.html")]
struct PrinciplePage {
    meta: PageMeta,
    principle: PrincipleRow,
    explainer: ExplainerRow,
    commentary: Vec<CommentarySummary>,
    corrections: Vec<CorrectionRow>,
    previous: Option<u8>,
    next: Option<u8>,
}

/// Only the canonical digits 1–9 name a principle: "03", "+3" or "3.0" are not found.
fn principle_number(text: &str) -> Option<u8> {
    match text.as_bytes() {
        [digit @ b'1'..=b'9'] => Some(digit - b'0'),
        _ => None,
    }
}

pub async fn show(
    state: State,
    lang: Lang,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let number = principle_number(&path).ok_or(AppError::NotFound)?;
    let path = format!("/principles/{number}");
    let page_path = path.clone();
    let (principle, explainer, commentary, corrections) = db::run(&state.pool, move |c| {
        Ok((
            principles::get(c, number)?,
            explainers::explainer(c, number, lang)?,
            commentary::citing(c, number, lang)?,
            corrections::list(c, Some(&page_path))?,
        ))
    })
    .await?;
    let principle = principle.ok_or(AppError::NotFound)?;
    let explainer = explainer.ok_or(AppError::NotFound)?;
    render(&PrinciplePage {
        meta: PageMeta::new(
            &state,
            lang,
            match lang {
                Lang::En => format!("Principle {number}: {}", principle.short_title),
                Lang::Fr => format!("Principe {number} : {}", principle.short_title_fr),
            },
            explainer.summary.clone(),
            &path,
        )
        .article(),
        principle,
        explainer,
        commentary,
        corrections,
        previous: (number > 1).then(|| number - 1),
        next: (number < 9).then(|| number + 1),
    })
}
