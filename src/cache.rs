//! Pages that depend only on content (home, principles, commentary, supporter and country
//! pages, the unfiltered lists, downloads, map, badges, feeds, the stylesheet) are rendered
//! once after the content loads, through the app itself, and kept in memory already
//! compressed. The `serve` middleware answers them before any other work: the right
//! encoding for the request, a strong ETag, 304 for a matching If-None-Match.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, RwLock};

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, ETAG, HeaderMap, HeaderName,
    HeaderValue, IF_NONE_MATCH, TRANSFER_ENCODING, VARY,
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

/// Pages rendered ahead of time get the best compression; pages cached on a reader's first
/// request get a quick one, since that reader waits for it.
enum Effort {
    Best,
    Quick,
}

/// Only the compressed copies are kept (memory); the rare client that takes neither gets
/// the gzip copy decompressed.
pub struct CachedPage {
    headers: Vec<(HeaderName, HeaderValue)>,
    etag: HeaderValue,
    gzip: Bytes,
    brotli: Bytes,
}

impl CachedPage {
    fn new(headers: &HeaderMap, body: Bytes) -> std::io::Result<Self> {
        Self::compressed(headers, body, Effort::Best)
    }

    fn compressed(headers: &HeaderMap, body: Bytes, effort: Effort) -> std::io::Result<Self> {
        let (gzip_level, brotli_quality) = match effort {
            Effort::Best => (flate2::Compression::best(), 9),
            Effort::Quick => (flate2::Compression::new(6), 5),
        };
        let mut hasher = DefaultHasher::new();
        body.hash(&mut hasher);
        let etag = HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
            .expect("hex is a valid header");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), gzip_level);
        gz.write_all(&body)?;
        let gzip = Bytes::from(gz.finish()?);
        let mut br = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut br, 4096, brotli_quality, 20);
            writer.write_all(&body)?;
        }
        // The cache answers If-None-Match against its ETag, but not Range or
        // If-Modified-Since: so it does not advertise byte ranges or a modification date.
        let keep = |name: &HeaderName| {
            !matches!(
                name.as_str(),
                "content-length"
                    | "date"
                    | "content-encoding"
                    | "transfer-encoding"
                    | "vary"
                    | "accept-ranges"
                    | "last-modified"
            )
        };
        Ok(CachedPage {
            headers: headers
                .iter()
                .filter(|(n, _)| keep(n))
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect(),
            etag,
            gzip,
            brotli: Bytes::from(br),
        })
    }

    fn size(&self) -> usize {
        self.gzip.len() + self.brotli.len()
    }

    /// The uncompressed body: what `--export` writes, byte for byte what the server sends.
    pub fn body(&self) -> std::io::Result<Vec<u8>> {
        let mut body = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(self.gzip.as_ref()),
            &mut body,
        )?;
        Ok(body)
    }
}

/// Memory for pages cached on request (filtered lists, searches, API pages): when full,
/// it is emptied and fills again with what readers ask for now.
const RECENT_BYTES: usize = 8 * 1024 * 1024;
/// Answers larger than this are compressed but not kept on request.
const RECENT_PAGE_BYTES: usize = 1024 * 1024;

/// The cache, keyed by path and query exactly as requested: the pages rendered ahead of
/// time, and a bounded set of other pages kept after their first request.
#[derive(Default)]
pub struct PageCache {
    pages: RwLock<HashMap<String, Arc<CachedPage>>>,
    recent: RwLock<(HashMap<String, Arc<CachedPage>>, usize)>,
}

impl PageCache {
    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        if let Some(page) = self.pages.read().ok()?.get(key) {
            return Some(page.clone());
        }
        self.recent.read().ok()?.0.get(key).cloned()
    }

    fn remember(&self, key: String, page: Arc<CachedPage>) {
        if let Ok(mut recent) = self.recent.write() {
            let (pages, bytes) = &mut *recent;
            if *bytes + page.size() > RECENT_BYTES {
                pages.clear();
                *bytes = 0;
            }
            *bytes += page.size();
            if let Some(old) = pages.insert(key, page) {
                *bytes -= old.size();
            }
        }
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

/// What a request says about the answers it can take.
struct Negotiation {
    accept_encoding: Vec<String>,
    if_none_match: Option<String>,
}

impl Negotiation {
    fn of(req: &ServiceRequest) -> Self {
        let text = |v: &HeaderValue| v.to_str().ok().map(str::to_string);
        Negotiation {
            accept_encoding: req
                .headers()
                .get_all(ACCEPT_ENCODING)
                .filter_map(text)
                .collect(),
            if_none_match: req.headers().get(IF_NONE_MATCH).and_then(text),
        }
    }
}

/// Whether a request's If-None-Match names this ETag (weak comparison, as RFC 9110 asks).
fn not_modified(req: &Negotiation, etag: &HeaderValue) -> bool {
    let Some(header) = req.if_none_match.as_deref() else {
        return false;
    };
    let ours = etag.to_str().unwrap_or_default();
    header
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}

/// The best encoding the client accepts among those we hold (brotli, then gzip).
fn accepts(req: &Negotiation, coding: &str) -> bool {
    req.accept_encoding.iter().any(|v| {
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

fn respond(req: &Negotiation, page: &CachedPage) -> HttpResponse {
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
        match page.body() {
            Ok(body) => Bytes::from(body),
            Err(_) => {
                response.insert_header((CONTENT_ENCODING, HeaderValue::from_static("gzip")));
                page.gzip.clone()
            }
        }
    };
    response.body(body)
}

/// Middleware: answers cached pages directly; other GETs go on to the app, and a 200
/// answer is kept (quickly compressed, within `RECENT_BYTES`) for the next reader.
pub async fn serve(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let method = req.method().clone();
    if !matches!(method, Method::GET | Method::HEAD) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let Some(site) = req.app_data::<Data<Site>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let state = site.current();
    // `warm` renders with `Cache-Control: no-store` and keeps the answers itself.
    let no_store = req
        .headers()
        .get(CACHE_CONTROL)
        .is_some_and(|v| v.as_bytes() == b"no-store");
    if no_store {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let key = key(req.path(), req.query_string());
    let negotiation = Negotiation::of(&req);
    if let Some(page) = state.pages.get(&key) {
        return Ok(req.into_response(respond(&negotiation, &page)));
    }
    let has_body =
        req.headers().contains_key(CONTENT_LENGTH) || req.headers().contains_key(TRANSFER_ENCODING);
    if method == Method::HEAD || has_body {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    // Ask the app for the plain body: this middleware does the compressing.
    req.headers_mut().remove(ACCEPT_ENCODING);
    let response = next.call(req).await?;
    if response.status() != StatusCode::OK {
        return Ok(response.map_into_boxed_body());
    }
    let small = matches!(response.response().body().size(), BodySize::Sized(n) if n <= RECENT_PAGE_BYTES as u64);
    let (request, response) = response.into_parts();
    let headers = response.headers().clone();
    let body = actix_web::body::to_bytes(response.into_body())
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.into().to_string()))?;
    let page = CachedPage::compressed(&headers, body, Effort::Quick)
        .map_err(actix_web::error::ErrorInternalServerError)?;
    let page = Arc::new(page);
    // Larger answers are compressed for this reader but not kept.
    if small {
        state.pages.remember(key, page.clone());
    }
    Ok(ServiceResponse::new(request, respond(&negotiation, &page)))
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
        let request = test::TestRequest::get()
            .uri(&url)
            .insert_header((CACHE_CONTROL, HeaderValue::from_static("no-store")))
            .to_request();
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
/// `supporters/index.html`, `/fr/` → `fr/index.html`, `/supporters.csv` → `supporters.csv`.
/// URLs with a query have no file of their own on a static host and are skipped.
pub fn export_path(url: &str) -> Option<String> {
    if url.contains('?') {
        return None;
    }
    let path = url.trim_matches('/');
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
        std::fs::write(&target, page.body()?)?;
        written += 1;
    }
    Ok(written)
}
