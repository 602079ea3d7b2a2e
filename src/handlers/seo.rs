//! `/sitemap.xml` (every page) and `/robots.txt`.

use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::AppState;
use crate::db;
use crate::db::queries;
use crate::error::AppError;

/// Pages with no id in their path.
const FIXED_PAGES: [&str; 14] = [
    "/",
    "/about",
    "/principles",
    "/supporters",
    "/countries",
    "/non-signatories",
    "/disputed",
    "/commentary",
    "/changes",
    "/counts",
    "/data",
    "/search",
    "/supporters.csv",
    "/countries.csv",
];

struct Url {
    loc: String,
    lastmod: String,
}

#[derive(Template)]
#[template(path = "sitemap.xml")]
struct Sitemap {
    urls: Vec<Url>,
}

pub async fn sitemap(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let index = db::run(&state.pool, queries::site_index).await?;
    let base = &state.public_url;
    let as_of = state.vocab.as_of.iso();
    let url = |path: String, lastmod: &str| Url {
        loc: format!("{base}{path}"),
        lastmod: lastmod.to_string(),
    };
    let mut urls: Vec<Url> = FIXED_PAGES
        .iter()
        .map(|p| url(p.to_string(), &as_of))
        .collect();
    urls.extend((1..=9).map(|n| url(format!("/principles/{n}"), &as_of)));
    urls.extend(
        index
            .supporter_ids
            .iter()
            .map(|id| url(format!("/supporters/{id}"), &as_of)),
    );
    urls.extend(
        index
            .country_codes
            .iter()
            .map(|c| url(format!("/countries/{c}"), &as_of)),
    );
    urls.extend(
        index
            .commentary
            .iter()
            .map(|(slug, updated)| url(format!("/commentary/{slug}"), &updated.iso())),
    );
    let body = Sitemap { urls }
        .render()
        .map_err(|e| AppError::Internal(format!("sitemap: {e}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((
            CONTENT_TYPE,
            HeaderValue::from_static("application/xml; charset=utf-8"),
        ))
        .body(body))
}

pub async fn robots(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        ))
        .body(format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
            state.public_url
        ))
}
