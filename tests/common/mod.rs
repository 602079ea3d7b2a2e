//! Builds the real application on a temporary database, and reads its HTML.
#![allow(dead_code)] // each test file uses a different part of this module

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use actix_web::http::StatusCode;
use actix_web::{test, web};
use paris_call_observatory::config::Config;
use paris_call_observatory::{Site, build_app};
use scraper::{Html, Selector};
use tempfile::TempDir;

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

pub fn static_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("static")
}

/// The flags of the tests' public site over `content`, with the database at `db`. Written
/// out whole (not parsed) so that no `OBSERVATORY_*` variable of the shell leaks in.
pub fn config(content: &Path, db: &Path) -> Config {
    Config {
        command: None,
        bind: "127.0.0.1:8080".to_string(),
        db: db.to_path_buf(),
        content: content.to_path_buf(),
        static_dir: static_dir(),
        public_url: "https://example.test".to_string(),
        report_url: Some("mailto:errors@example.test?subject={page}&body={url}".to_string()),
        operator_name: None,
        contact_email: None,
        log_level: "info".to_string(),
        export: None,
        workers: None,
        render_threads: 1,
        render_queue: 16,
        hsts: false,
    }
}

/// The site over `content`, with its database in a fresh temporary folder.
pub fn site_for(content: &Path) -> (TempDir, web::Data<Site>) {
    let dir = TempDir::new().unwrap();
    let (site, _) = Site::load(config(content, &dir.path().join("test.sqlite")))
        .unwrap_or_else(|e| panic!("content must load: {e}"));
    (dir, web::Data::new(site))
}

pub struct Response {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub content_type: String,
    pub location: Option<String>,
    /// The body as text (empty when it is not UTF-8: see `bytes`).
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Response {
    /// Asserts a 200, showing the start of the body otherwise (an error page says why).
    pub fn assert_success(&self, what: &str) {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{what}: {}",
            self.body.chars().take(600).collect::<String>()
        );
    }

    /// Asserts a permanent redirect (301) to `to`.
    pub fn assert_redirect(&self, to: &str) {
        assert_eq!(
            self.status,
            StatusCode::MOVED_PERMANENTLY,
            "redirect to {to}"
        );
        assert_eq!(self.location.as_deref(), Some(to));
    }

    /// Asserts the Cache-Control header holds each of `directives` (`immutable`,
    /// `max-age=300`); with none, that there is no Cache-Control header at all.
    pub fn assert_cache_control(&self, directives: &[&str]) {
        let header = self.header("cache-control");
        if directives.is_empty() {
            assert_eq!(header, None, "no Cache-Control");
            return;
        }
        let given: Vec<&str> = header
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .collect();
        for directive in directives {
            assert!(given.contains(directive), "{directive} in {given:?}");
        }
    }

    /// Asserts a 304 with an empty body.
    pub fn assert_not_modified(&self) {
        assert_eq!(self.status, StatusCode::NOT_MODIFIED, "{}", self.body);
        assert!(self.bytes.is_empty(), "a 304 has no body");
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Text of every element matching `selector`.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).unwrap();
        self.html()
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let selector = Selector::parse(selector).unwrap();
        self.html()
            .select(&selector)
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    pub fn count(&self, selector: &str) -> usize {
        let selector = Selector::parse(selector).unwrap();
        self.html().select(&selector).count()
    }
}

pub async fn response<B: actix_web::body::MessageBody>(
    res: actix_web::dev::ServiceResponse<B>,
) -> Response {
    let status = res.status();
    let headers = res.headers().clone();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type").unwrap_or_default();
    let location = header("location");
    let bytes = test::read_body(res).await.to_vec();
    let body = String::from_utf8(bytes.clone()).unwrap_or_default();
    Response {
        status,
        headers,
        content_type,
        location,
        body,
        bytes,
    }
}

/// The site over the real content, built once per test binary and shared by every test that
/// only reads it (`get`, `get_all`, `request`). Its database sits in Cargo's temporary folder
/// for integration tests, where the next test binary reuses it while the content is unchanged.
/// Tests that change the content or watch the cache fill use `site_for` and an app of their own.
pub fn shared_site() -> web::Data<Site> {
    static SITE: LazyLock<web::Data<Site>> = LazyLock::new(|| {
        let db = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-site.sqlite");
        let (site, _) = Site::load(config(&content_dir(), &db))
            .unwrap_or_else(|e| panic!("content must load: {e}"));
        web::Data::new(site)
    });
    SITE.clone()
}

/// Sends one request to an app over `site`.
async fn request_on(site: web::Data<Site>, method: &str, path: &str) -> Response {
    let app = test::init_service(build_app(site)).await;
    let req = test::TestRequest::default()
        .method(method.parse().unwrap())
        .uri(path)
        .to_request();
    response(test::call_service(&app, req).await).await
}

/// Requests `path` with `method` from an app over `content` (a site of its own).
pub async fn request_in(content: &Path, method: &str, path: &str) -> Response {
    let (_dir, site) = site_for(content);
    request_on(site, method, path).await
}

/// Requests `path` with `method` from the shared site over the real content.
pub async fn request(method: &str, path: &str) -> Response {
    request_on(shared_site(), method, path).await
}

pub async fn get(path: &str) -> Response {
    request("GET", path).await
}

/// Many GETs against one app over the shared site.
pub async fn get_all(paths: &[&str]) -> Vec<Response> {
    get_all_on(shared_site(), paths).await
}

/// Many GETs against one app over `content` (a site of its own).
pub async fn get_all_in(content: &Path, paths: &[&str]) -> Vec<Response> {
    let (_dir, site) = site_for(content);
    get_all_on(site, paths).await
}

async fn get_all_on(site: web::Data<Site>, paths: &[&str]) -> Vec<Response> {
    let app = test::init_service(build_app(site)).await;
    let mut out = Vec::new();
    for path in paths {
        let res = test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
        out.push(response(res).await);
    }
    out
}

/// A copy of the real content in a temporary folder, for tests that change it.
pub fn content_copy() -> TempDir {
    let dir = TempDir::new().unwrap();
    copy_dir(&content_dir(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The rows of a CSV file of the real content, as header → value maps.
pub fn csv_rows(file: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(content_dir().join("data").join(file)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Replaces the first occurrence of `from` in `file` (under the content copy) with `to`.
pub fn edit(content: &Path, file: &str, from: &str, to: &str) {
    let path = content.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} must contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The line (1-based) of `file` holding `needle`.
pub fn line_of(content: &Path, file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(content.join(file)).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{file} has no line with {needle:?}"))
        + 1
}

/// The error of loading `content`, which must fail.
pub fn load_error(content: &Path) -> String {
    let db = TempDir::new().unwrap();
    match paris_call_observatory::AppState::load(&config(content, &db.path().join("x.sqlite"))) {
        Ok(_) => panic!("bad content must not load"),
        Err(e) => e.to_string(),
    }
}

/// The error names `file:line` and says `words`.
pub fn assert_located(error: &str, file: &str, line: usize, words: &str) {
    assert!(
        error.contains(&format!("{file}:{line}:")),
        "expected {file}:{line} in: {error}"
    );
    assert!(error.contains(words), "expected {words:?} in: {error}");
}

/// The supporters as the site reads them (official records with our additions), each as
/// column → value: id, name, category (slug), country_iso2, joined, listed_since.
pub fn supporter_rows() -> Vec<std::collections::HashMap<String, String>> {
    let content = paris_call_observatory::content::load(&content_dir())
        .unwrap_or_else(|e| panic!("content must load: {e}"));
    content
        .supporters
        .iter()
        .map(|s| {
            [
                ("id", s.id.clone()),
                ("name", s.name.clone()),
                ("category", s.category.slug().to_string()),
                ("country_iso2", s.country_iso2.clone().unwrap_or_default()),
                ("joined", s.joined.map(|d| d.iso()).unwrap_or_default()),
                ("listed_since", s.listed_since.iso()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect()
        })
        .collect()
}

/// The OpenAPI document's parameter `name` of the GET operation at `path`.
pub fn openapi_parameter(openapi: &serde_json::Value, path: &str, name: &str) -> serde_json::Value {
    openapi["paths"][path]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{path} documents {name}"))
        .clone()
}
