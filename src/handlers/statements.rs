//! `/non-signatories` and `/disputed`: sourced statements about who did not sign,
//! and claims of support that the official list does not confirm.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::queries::{self, DisputedRow, NonSignatoryRow};
use crate::error::AppError;
use crate::model::StateStatus;
use crate::page::PageMeta;

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

pub async fn non_signatories(state: State) -> Result<HttpResponse, AppError> {
    let rows = db::run(&state.pool, |c| queries::non_signatories(c, None)).await?;
    let mut states: Vec<StateStatements> = Vec::new();
    for row in rows {
        match states.iter_mut().find(|s| s.iso2 == row.iso2) {
            Some(existing) => existing.rows.push(row),
            None => states.push(StateStatements {
                name: row.name.clone(),
                iso2: row.iso2.clone(),
                current_status: row.current_status,
                rows: vec![row],
            }),
        }
    }
    for s in &mut states {
        s.rows.sort_by_key(|r| r.as_of);
    }
    render(&NonSignatoriesPage {
        meta: PageMeta::new(
            &state,
            "States that did not sign",
            "Notable states that sources say did not sign the Paris Call, as dated statements, with later changes of status.",
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

pub async fn disputed(state: State) -> Result<HttpResponse, AppError> {
    let claims = db::run(&state.pool, |c| queries::disputed(c, None)).await?;
    render(&DisputedPage {
        meta: PageMeta::new(
            &state,
            "Disputed claims of support",
            "Claims that a state or organisation supports the Paris Call which the official list does not confirm.",
            "/disputed",
        ),
        claims,
    })
}
