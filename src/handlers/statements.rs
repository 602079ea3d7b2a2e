//! `/non-signatories` and `/disputed`: sourced statements about who did not sign,
//! and claims of support that the official list does not confirm.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::content::ClaimKind;
use crate::db;
use crate::db::countries::{self, DisputedRow, NonSignatoryRow};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::model::StateStatus;
use crate::page_meta::PageMeta;

/// One state's statements, oldest first, so status changes read as changes.
struct StateStatements {
    name: String,
    iso2: String,
    current_status: StateStatus,
    rows: Vec<NonSignatoryRow>,
}

#[derive(Template)]
#[template(path = "statements/non_signatories.html")]
struct NonSignatoriesPage {
    meta: PageMeta,
    states: Vec<StateStatements>,
}

pub async fn non_signatories(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let rows = db::run(&state.pool, |c| countries::non_signatories(c, None)).await?;
    let mut states: Vec<StateStatements> = Vec::new();
    for row in rows {
        match states.iter_mut().find(|s| s.iso2 == row.iso2) {
            Some(existing) => existing.rows.push(row),
            None => states.push(StateStatements {
                name: state
                    .vocab
                    .country_name(&row.iso2, lang)
                    .unwrap_or(&row.name)
                    .to_string(),
                iso2: row.iso2.clone(),
                current_status: row.current_status,
                rows: vec![row],
            }),
        }
    }
    for s in &mut states {
        s.rows.sort_by_key(|r| r.as_of.story_order());
    }
    render(&NonSignatoriesPage {
        meta: PageMeta::new(
            &state,
            lang,
            lang.tr("States that did not sign", "Les États qui n’ont pas signé"),
            lang.tr(
                "Notable states that sources say did not sign the Paris Call, as dated statements, with later changes of status.",
                "Les États notables dont des sources disent qu’ils n’ont pas signé l’Appel de Paris, sous forme de déclarations datées, avec leurs changements de statut ultérieurs.",
            ),
            "/non-signatories",
        ),
        states,
    })
}

#[derive(Template)]
#[template(path = "statements/disputed.html")]
struct DisputedPage {
    meta: PageMeta,
    claims: Vec<DisputedRow>,
}

pub async fn disputed(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let mut claims = db::run(&state.pool, |c| countries::disputed(c, None)).await?;
    for claim in claims.iter_mut().filter(|c| c.is_state) {
        if let Some(name) = claim
            .iso2
            .as_deref()
            .and_then(|code| state.vocab.country_name(code, lang))
        {
            claim.name = name.to_string();
        }
    }
    render(&DisputedPage {
        meta: PageMeta::new(
            &state,
            lang,
            lang.tr("Disputed claims of support", "Soutiens revendiqués non confirmés"),
            lang.tr(
                "Claims that a state or organisation supports the Paris Call which the official list does not confirm.",
                "Des affirmations selon lesquelles un État ou une organisation soutient l’Appel de Paris, que la liste officielle ne confirme pas.",
            ),
            "/disputed",
        ),
        claims,
    })
}
