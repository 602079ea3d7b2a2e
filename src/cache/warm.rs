//! Rendering ahead of time: the pages that depend only on content and are often asked for
//! are rendered through the app after the server starts answering (so it never delays the
//! first answer), compressed, and kept; again after each reload and each UTC midnight
//! (citations say "accessed" today).

use actix_web::http::StatusCode;
use actix_web::test;
use actix_web::web::Data;

use super::render;
use super::store::CachedPage;
use crate::{AppState, Site};

/// Renders every URL of `urls` through the app and keeps the 200 answers, compressed.
pub async fn warm(site: Data<Site>, urls: Vec<String>) -> usize {
    let state = site.current();
    let app = test::init_service(crate::build_app(site)).await;
    let mut stored = 0;
    for url in urls {
        let answer = render::call(&app, &url).await;
        if answer.status != StatusCode::OK {
            tracing::warn!("not cached: {url} answered {}", answer.status);
            continue;
        }
        // Kept under the key the cache looks up (the sitemap's URLs already are canonical).
        let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
        let key = crate::canonical::canonical(path, query, &state.vocab).unwrap_or(url.clone());
        match CachedPage::new(&answer.headers, &answer.body) {
            Ok(page) => {
                state.pages.insert(key, page);
                stored += 1;
            }
            Err(e) => tracing::warn!("not cached: {url}: {e}"),
        }
    }
    stored
}

/// Resources beyond the sitemap's pages and files that depend only on content.
const RESOURCES: [&str; 14] = [
    "/map.svg",
    "/fr/map.svg",
    "/badge.svg",
    "/fr/badge.svg",
    "/badge.svg?category=state",
    "/badge.svg?category=public_authority",
    "/badge.svg?category=private_sector",
    "/badge.svg?category=civil_society",
    "/badge.svg?category=other",
    "/sitemap.xml",
    "/robots.txt",
    "/api/openapi.json",
    "/api/v1/principles",
    "/api/v1/countries",
];

/// Every URL that depends only on content: the sitemap's pages, the resources above, the
/// stylesheet. `--export` writes them all.
pub async fn urls(state: &AppState) -> Result<Vec<String>, crate::error::AppError> {
    let index = crate::db::run(&state.pool, crate::db::site_index::load).await?;
    let mut urls: Vec<String> = crate::handlers::seo::pages(&index, state.vocab.as_of)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    urls.extend(RESOURCES.iter().map(|r| r.to_string()));
    urls.push(state.stylesheet_url.clone());
    urls.sort();
    urls.dedup();
    Ok(urls)
}

/// The URLs rendered ahead of time: all of `urls` but the pages of single supporters
/// (2,444 of 2,914 pages, two thirds of the bytes, each rarely asked for). Those are rendered
/// on their first request, in a few milliseconds, and kept with other answers computed on
/// demand while they are asked for.
pub async fn warm_set(state: &AppState) -> Result<Vec<String>, crate::error::AppError> {
    let mut urls = urls(state).await?;
    urls.retain(|url| !url.starts_with("/supporters/") && !url.starts_with("/fr/supporters/"));
    Ok(urls)
}

/// Fills the cache, then refills it after each UTC midnight (citations say "accessed" today).
pub async fn keep_warm(site: Data<Site>) {
    loop {
        let started = std::time::Instant::now();
        match warm_set(&site.current()).await {
            Ok(urls) => {
                let stored = warm(site.clone(), urls).await;
                tracing::info!(
                    pages = stored,
                    bytes = site.current().pages.warm_bytes(),
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "page cache ready"
                );
            }
            Err(e) => tracing::error!("page cache: {e}"),
        }
        let now = time::OffsetDateTime::now_utc();
        let seconds_left = 86_400
            - i64::from(now.hour()) * 3600
            - i64::from(now.minute()) * 60
            - i64::from(now.second());
        actix_web::rt::time::sleep(std::time::Duration::from_secs(
            seconds_left.max(1) as u64 + 1,
        ))
        .await;
    }
}
