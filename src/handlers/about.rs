//! `/about`: who we are, where the data comes from, how to report an error.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::PageMeta;

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage {
    meta: PageMeta,
}

pub async fn show(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    render(&AboutPage {
        meta: PageMeta::new(
            &state,
            lang,
            lang.tr("About this site", "À propos de ce site"),
            lang.tr(
                "Who runs the Paris Call Observatory, where its data comes from and how to report an error.",
                "Qui fait l’Observatoire de l’Appel de Paris, d’où viennent ses données et comment signaler une erreur.",
            ),
            "/about",
        ),
    })
}
