//! `/about`: who we are, who runs this copy of the site, where the data comes from, how to
//! report an error.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::content::PageProse;
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page_meta::PageMeta;

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage {
    meta: PageMeta,
    /// Who we are, where the data comes from and how we present it, how to report an error,
    /// the languages: `content/pages/about.md`.
    prose: PageProse,
    /// Who runs the site and how to reach them, as configured.
    contact: crate::Contact,
}

pub async fn show(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let prose = db::run(&state.pool, move |c| db::sources::prose(c, "about", lang)).await?;
    let prose = PageProse::parse(&prose);
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
        prose,
        contact: state.contact.clone(),
    })
}
