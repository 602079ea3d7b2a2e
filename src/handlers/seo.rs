//! `/sitemap.xml` (every page) and `/robots.txt`.

use actix_web::HttpResponse;
use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use askama::Template;

use super::render_as;
use crate::State;
use crate::db;
use crate::db::site_index::{self, SiteIndex};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::PartialDate;

/// Pages with no id in their path, in every language.
const FIXED_PAGES: [&str; 15] = [
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
    "/embed",
    "/sources",
    "/glossary",
];

/// Every download (the files /data lists), the same in every language.
const FILES: [&str; 10] = [
    "/supporters.csv",
    "/supporters.xlsx",
    "/supporters.json",
    "/countries.csv",
    "/countries.xlsx",
    "/countries.json",
    "/non-signatories.csv",
    "/non-signatories.xlsx",
    "/datapackage.json",
    "/changes.atom",
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

/// Every page's path with its last change, in every language, then the files: the
/// sitemap, and what the page cache renders.
pub fn pages(index: &SiteIndex, as_of: PartialDate) -> Vec<(String, PartialDate)> {
    let english = english_pages(index, as_of);
    let mut pages: Vec<(String, PartialDate)> = Lang::ALL
        .iter()
        .flat_map(|lang| english.iter().map(|(p, d)| (lang.path(p), *d)))
        .collect();
    let changes = changes_lastmod(index, as_of);
    pages.extend(FILES.iter().map(|p| {
        let lastmod = if *p == "/changes.atom" {
            changes
        } else {
            as_of
        };
        (p.to_string(), lastmod)
    }));
    pages
}

/// The change log moves with the list and with each correction.
fn changes_lastmod(index: &SiteIndex, as_of: PartialDate) -> PartialDate {
    index.latest_correction.map_or(as_of, |d| d.max(as_of))
}

fn english_pages(index: &SiteIndex, as_of: PartialDate) -> Vec<(String, PartialDate)> {
    // A page that lists others changed when the newest of them did.
    let newest = |dates: &mut dyn Iterator<Item = PartialDate>| dates.max().unwrap_or(as_of);
    let commentary = newest(&mut index.commentary.iter().map(|(_, d)| *d));
    let principles = newest(&mut index.principles.iter().map(|(_, d)| *d));
    let changes = changes_lastmod(index, as_of);
    let mut pages: Vec<(String, PartialDate)> = FIXED_PAGES
        .iter()
        .map(|p| {
            let lastmod = match *p {
                "/commentary" => commentary,
                "/principles" | "/glossary" => principles,
                "/changes" => changes,
                _ => as_of,
            };
            (p.to_string(), lastmod)
        })
        .collect();
    pages.extend(
        index
            .principles
            .iter()
            .map(|(n, updated)| (format!("/principles/{n}"), *updated)),
    );
    pages.extend(
        index
            .supporter_ids
            .iter()
            .map(|id| (format!("/supporters/{id}"), as_of)),
    );
    pages.extend(
        index
            .country_codes
            .iter()
            .map(|c| (format!("/countries/{c}"), as_of)),
    );
    pages.extend(
        index
            .commentary
            .iter()
            .map(|(slug, updated)| (format!("/commentary/{slug}"), *updated)),
    );
    pages
}

pub async fn sitemap(state: State) -> Result<HttpResponse, AppError> {
    let index = db::run(&state.pool, site_index::load).await?;
    let urls = pages(&index, state.vocab.as_of)
        .into_iter()
        .map(|(path, lastmod)| Url {
            loc: format!("{}{path}", state.public_url),
            lastmod: lastmod.iso(),
        })
        .collect();
    render_as(&Sitemap { urls }, "application/xml; charset=utf-8")
}

pub async fn robots(state: State) -> HttpResponse {
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
