//! `/glossary`: the key terms the principles' pages define, each with its source and the
//! principles that use it.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::explainers::{self, GlossaryEntry};
use crate::db::principles::{self, PrincipleRow};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page_meta::PageMeta;

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage {
    meta: PageMeta,
    entries: Vec<GlossaryEntry>,
    principles: Vec<PrincipleRow>,
}

impl GlossaryPage {
    fn short_title(&self, number: &u8) -> &str {
        self.principles
            .iter()
            .find(|p| p.number == *number)
            .map_or("", |p| {
                self.meta.lang.pick(&p.short_title, &p.short_title_fr)
            })
    }
}

pub async fn index(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let (entries, principles) = db::run(&state.pool, move |c| {
        Ok((explainers::glossary(c, lang)?, principles::list(c)?))
    })
    .await?;
    render(&GlossaryPage {
        meta: PageMeta::new(
            &state,
            lang,
            lang.tr("Glossary", "Glossaire"),
            lang.tr(
                "The key terms of the Paris Call's nine principles, each defined from a source, with the principles that use it.",
                "Les termes clés des neuf principes de l’Appel de Paris, chacun défini d’après une source, avec les principes qui l’emploient.",
            ),
            "/glossary",
        ),
        entries,
        principles,
    })
}
