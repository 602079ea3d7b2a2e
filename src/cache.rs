//! Pages that depend only on content (home, principles, commentary, supporter and country
//! pages, the unfiltered lists, downloads, map, badges, feeds, the stylesheet) are rendered
//! once after the content loads, through the app itself, and kept in memory already
//! compressed. The `serve` middleware answers them before any other work: the right
//! encoding for the request, a strong ETag, 304 for a matching If-None-Match.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, RwLock};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    ACCEPT_ENCODING, CONTENT_ENCODING, ETAG, HeaderMap, HeaderName, HeaderValue, IF_NONE_MATCH,
    VARY,
};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use actix_web::{Error, HttpResponse, test};

use crate::{AppState, Site};

/// HTML and data: fresh for five minutes, then served stale while revalidating.
pub const PAGE_CACHE_CONTROL: &str = "public, max-age=300, stale-while-revalidate=86400";
/// Fingerprinted static files never change under the same name.
pub const IMMUTABLE_CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

pub struct CachedPage {
    headers: Vec<(HeaderName, HeaderValue)>,
    etag: HeaderValue,
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
}

impl CachedPage {
    fn new(headers: &HeaderMap, body: Bytes) -> std::io::Result<Self> {
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let etag = HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
            .expect("hex is a valid header");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&body)?;
        let gzip = Bytes::from(gz.finish()?);
        let mut br = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 9, 22);
            writer.write_all(&body)?;
        }
        let keep = |name: &HeaderName| {
            !matches!(
                name.as_str(),
                "content-length" | "date" | "content-encoding" | "transfer-encoding" | "vary"
            )
        };
        Ok(CachedPage {
            headers: headers
                .iter()
                .filter(|(n, _)| keep(n))
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect(),
            etag,
            identity: body,
            gzip,
            brotli: Bytes::from(br),
        })
    }

    /// The uncompressed body: what `--export` writes, byte for byte what the server sends.
    pub fn body(&self) -> &Bytes {
        &self.identity
    }
}

/// The cache, keyed by path and query exactly as requested.
#[derive(Default)]
pub struct PageCache {
    pages: RwLock<HashMap<String, Arc<CachedPage>>>,
}

impl PageCache {
    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        self.pages.read().ok()?.get(key).cloned()
    }

    pub fn len(&self) -> usize {
        self.pages.read().map_or(0, |p| p.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .pages
            .read()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }

    fn insert(&self, key: String, page: CachedPage) {
        if let Ok(mut pages) = self.pages.write() {
            pages.insert(key, Arc::new(page));
        }
    }
}

/// Whether a request's If-None-Match names this ETag (weak comparison, as RFC 9110 asks).
fn not_modified(req: &ServiceRequest, etag: &HeaderValue) -> bool {
    let Some(header) = req
        .headers()
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let ours = etag.to_str().unwrap_or_default();
    header
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}

/// The best encoding the client accepts among those we hold (brotli, then gzip).
fn accepts(req: &ServiceRequest, coding: &str) -> bool {
    req.headers()
        .get_all(ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .any(|v| {
            v.split(',').any(|part| {
                let mut pieces = part.split(';');
                let name = pieces.next().unwrap_or_default().trim();
                let refused = pieces.any(|p| {
                    matches!(
                        p.trim().replace(' ', "").as_str(),
                        "q=0" | "q=0.0" | "q=0.00" | "q=0.000"
                    )
                });
                name.eq_ignore_ascii_case(coding) && !refused
            })
        })
}

fn respond(req: &ServiceRequest, page: &CachedPage) -> HttpResponse {
    if not_modified(req, &page.etag) {
        let mut response = HttpResponse::NotModified();
        // A 304 repeats the 200's caching and security headers, not its body's.
        let repeated =
            |name: &HeaderName| !matches!(name.as_str(), "content-type" | "content-disposition");
        for (name, value) in page.headers.iter().filter(|(n, _)| repeated(n)) {
            response.insert_header((name.clone(), value.clone()));
        }
        return response
            .insert_header((ETAG, page.etag.clone()))
            .insert_header((VARY, HeaderValue::from_static("accept-encoding")))
            .finish();
    }
    let mut response = HttpResponse::Ok();
    for (name, value) in &page.headers {
        response.insert_header((name.clone(), value.clone()));
    }
    response
        .insert_header((ETAG, page.etag.clone()))
        .insert_header((VARY, HeaderValue::from_static("accept-encoding")));
    let body = if accepts(req, "br") {
        response.insert_header((CONTENT_ENCODING, HeaderValue::from_static("br")));
        page.brotli.clone()
    } else if accepts(req, "gzip") {
        response.insert_header((CONTENT_ENCODING, HeaderValue::from_static("gzip")));
        page.gzip.clone()
    } else {
        page.identity.clone()
    };
    response.body(body)
}

/// Middleware: answers cached pages directly; everything else goes on to the app.
pub async fn serve(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        let cached = req.app_data::<Data<Site>>().and_then(|site| {
            site.current()
                .pages
                .get(&key(req.path(), req.query_string()))
        });
        if let Some(page) = cached {
            let response = respond(&req, &page);
            return Ok(req.into_response(response));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

fn key(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// Renders every URL of `urls` through the app and keeps the 200 answers, compressed.
/// Runs after the server starts answering, so it never delays the first response.
pub async fn warm(site: Data<Site>, urls: Vec<String>) -> usize {
    let state = site.current();
    let app = test::init_service(crate::build_app(site)).await;
    let mut stored = 0;
    for url in urls {
        let request = test::TestRequest::get().uri(&url).to_request();
        let Ok(response) = app.call(request).await else {
            continue;
        };
        if response.status() != StatusCode::OK {
            tracing::warn!("not cached: {url} answered {}", response.status());
            continue;
        }
        let headers = response.headers().clone();
        let Ok(body) = actix_web::body::to_bytes(response.into_body()).await else {
            continue;
        };
        match CachedPage::new(&headers, body) {
            Ok(page) => {
                state.pages.insert(url, page);
                stored += 1;
            }
            Err(e) => tracing::warn!("not cached: {url}: {e}"),
        }
    }
    stored
}

/// Resources beyond the sitemap's pages that depend only on content.
const RESOURCES: [&str; 19] = [
    "/map.svg",
    "/badge.svg",
    "/badge.svg?category=state",
    "/badge.svg?category=public_authority",
    "/badge.svg?category=private_sector",
    "/badge.svg?category=civil_society",
    "/badge.svg?category=other",
    "/changes.atom",
    "/sitemap.xml",
    "/robots.txt",
    "/datapackage.json",
    "/supporters.json",
    "/countries.json",
    "/non-signatories.csv",
    "/api/openapi.json",
    "/api/v1/principles",
    "/api/v1/countries",
    "/embed",
    "/counts",
];

/// Every URL the cache holds: the sitemap's pages, the resources above, the stylesheet.
pub async fn urls(state: &AppState) -> Result<Vec<String>, crate::error::AppError> {
    let index = crate::db::run(&state.pool, crate::db::queries::site_index).await?;
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

/// Fills the cache, then refills it after each UTC midnight (citations say "accessed" today).
pub async fn keep_warm(site: Data<Site>) {
    loop {
        let started = std::time::Instant::now();
        match urls(&site.current()).await {
            Ok(urls) => {
                let stored = warm(site.clone(), urls).await;
                tracing::info!(
                    pages = stored,
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

/// The file a cached URL is exported to: `/` → `index.html`, `/supporters` →
/// `supporters/index.html`, `/supporters.csv` → `supporters.csv`. URLs with a query
/// have no file of their own on a static host and are skipped.
pub fn export_path(url: &str) -> Option<String> {
    if url.contains('?') {
        return None;
    }
    let path = url.trim_start_matches('/');
    let last = path.rsplit('/').next().unwrap_or_default();
    Some(if path.is_empty() {
        "index.html".to_string()
    } else if last.contains('.') {
        path.to_string()
    } else {
        format!("{path}/index.html")
    })
}

/// Writes every cached page into `dir`, as the same bytes the server sends.
pub fn export(state: &AppState, dir: &std::path::Path) -> std::io::Result<usize> {
    let mut written = 0;
    for url in state.pages.keys() {
        let (Some(relative), Some(page)) = (export_path(&url), state.pages.get(&url)) else {
            continue;
        };
        let target = dir.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, page.body())?;
        written += 1;
    }
    Ok(written)
}
