//! `/map.svg`, `/badge.svg` and `/embed`: what other sites may embed. These two SVGs are
//! the only responses that may be framed or embedded (see `headers::security`).

use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::queries::{self, SupporterFilter};
use crate::error::AppError;
use crate::model::{Category, group_thousands};
use crate::page::PageMeta;
use crate::params;

fn svg(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")))
        .body(body)
}

pub async fn map(state: State) -> HttpResponse {
    svg(state.map_svg.clone())
}

#[derive(Template)]
#[template(path = "badge.svg")]
struct Badge {
    label: &'static str,
    value: String,
    as_of: String,
    link: String,
    label_width: usize,
    value_width: usize,
}

/// Approximate text width at 11px for the badge's two boxes.
fn text_width(text: &str) -> usize {
    text.chars().count() * 7 + 12
}

pub async fn badge(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = params::supporter_query(req.query_string(), &state.vocab)?;
    let category = match query.filter.categories.as_slice() {
        [] => None,
        [one] => Some(*one),
        _ => {
            return Err(AppError::bad(
                "category",
                "the badge counts one category at most",
                Category::allowed_values(),
            ));
        }
    };
    let filter = SupporterFilter {
        categories: category.into_iter().collect(),
        ..SupporterFilter::default()
    };
    let counts = db::run(&state.pool, move |c| queries::supporter_counts(c, &filter)).await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let label = match category {
        None => "Paris Call supporters",
        Some(Category::State) => "Paris Call: states",
        Some(Category::PublicAuthority) => "Paris Call: public authorities",
        Some(Category::PrivateSector) => "Paris Call: private sector",
        Some(Category::CivilSociety) => "Paris Call: civil society",
        Some(Category::Other) => "Paris Call: uncategorised",
    };
    let value = format!(
        "{} as of {}",
        group_thousands(total),
        state.vocab.as_of.long()
    );
    let link = match category {
        None => format!("{}/supporters", state.public_url),
        Some(c) => format!("{}/supporters#{}", state.public_url, c.anchor()),
    };
    let body = Badge {
        label,
        label_width: text_width(label),
        value_width: text_width(&value),
        value,
        as_of: state.vocab.as_of.iso(),
        link,
    }
    .render()
    .map_err(|e| AppError::Internal(format!("badge: {e}")))?;
    Ok(svg(body))
}

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage {
    meta: PageMeta,
    badge_snippet: String,
    map_snippet: String,
}

pub async fn embed(state: State) -> Result<HttpResponse, AppError> {
    let base = &state.public_url;
    let as_of = state.vocab.as_of.long();
    let badge_snippet = format!(
        "<a href=\"{base}/supporters\"><img src=\"{base}/badge.svg\" alt=\"Paris Call supporters as of {as_of}, from the Paris Call Observatory\" height=\"20\"></a>"
    );
    let map_snippet = format!(
        "<iframe src=\"{base}/map.svg\" title=\"World map of the Paris Call, as of {as_of}\" width=\"960\" height=\"492\" loading=\"lazy\"></iframe>"
    );
    render(&EmbedPage {
        meta: PageMeta::new(
            &state,
            "Embed the badge or the map",
            "Copy-paste snippets to show the number of Paris Call supporters or the world map on your own site.",
            "/embed",
        ),
        badge_snippet,
        map_snippet,
    })
}
