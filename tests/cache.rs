//! Content-only pages served from memory, compressed, with ETag and 304; fingerprinted
//! static files; `--export` writing the same bytes the server sends.

mod common;

use actix_web::http::StatusCode;
use actix_web::{test, web};
use paris_call_observatory::{Site, build_app, cache};

async fn warmed() -> (tempfile::TempDir, web::Data<Site>) {
    let (dir, site) = common::site_for(&common::content_dir());
    let urls = cache::urls(&site.current()).await.unwrap();
    let stored = cache::warm(site.clone(), urls.clone()).await;
    assert_eq!(stored, urls.len(), "every cacheable URL answers 200");
    (dir, site)
}

#[actix_web::test]
async fn cached_pages_come_compressed_with_an_etag_and_revalidate() {
    let (_dir, site) = warmed().await;
    assert!(site.current().pages.len() > 1400);
    let app = test::init_service(build_app(site.clone())).await;
    let get = |encoding: Option<&'static str>, etag: Option<String>| {
        let mut req = test::TestRequest::get().uri("/supporters");
        if let Some(e) = encoding {
            req = req.insert_header(("accept-encoding", e));
        }
        if let Some(tag) = etag {
            req = req.insert_header(("if-none-match", tag));
        }
        req.to_request()
    };
    let plain = test::call_service(&app, get(None, None)).await;
    assert_eq!(plain.status(), StatusCode::OK);
    let etag = plain
        .headers()
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "strong ETag: {etag}"
    );
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.headers().get("x-frame-options").unwrap(), "DENY");
    let plain = common::response(plain).await;
    plain.assert_cache_control(&["public", "stale-while-revalidate=86400"]);
    let identity = plain.bytes;

    let br = test::call_service(&app, get(Some("gzip, deflate, br"), None)).await;
    assert_eq!(br.headers().get("content-encoding").unwrap(), "br");
    assert_eq!(br.headers().get("vary").unwrap(), "accept-encoding");
    let compressed = test::read_body(br).await;
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut compressed.as_ref(), &mut decoded).unwrap();
    assert_eq!(decoded, identity);

    let gz = test::call_service(&app, get(Some("gzip"), None)).await;
    assert_eq!(gz.headers().get("content-encoding").unwrap(), "gzip");
    let compressed = test::read_body(gz).await;
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(compressed.as_ref()),
        &mut decoded,
    )
    .unwrap();
    assert_eq!(decoded, identity);

    let refused = test::call_service(&app, get(Some("br;q=0, gzip;q=0"), None)).await;
    assert!(refused.headers().get("content-encoding").is_none());

    // One strong ETag per representation (RFC 9110 §8.8.3), and 304 on each; a tag of
    // another representation of the same content matches too.
    let tag_of = |encoding: Option<&'static str>| {
        let app = &app;
        async move {
            let res = test::call_service(app, get(encoding, None)).await;
            res.headers()
                .get("etag")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        }
    };
    let tags = [
        tag_of(Some("br")).await,
        tag_of(Some("gzip")).await,
        etag.clone(),
    ];
    assert!(
        tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2],
        "{tags:?}"
    );
    for (encoding, tag) in [Some("br"), Some("gzip"), None].into_iter().zip(&tags) {
        for sent in &tags {
            let res = test::call_service(&app, get(encoding, Some(sent.clone()))).await;
            let res = common::response(res).await;
            res.assert_not_modified();
            assert_eq!(
                res.header("etag"),
                Some(tag.as_str()),
                "{encoding:?} {sent}"
            );
        }
    }
    let weak = test::call_service(&app, get(None, Some(format!("W/{etag}, \"other\"")))).await;
    common::response(weak).await.assert_not_modified();
    let other = test::call_service(&app, get(None, Some("\"other\"".to_string()))).await;
    assert_eq!(other.status(), StatusCode::OK);
}

#[actix_web::test]
async fn filtered_pages_are_rendered_per_request_and_compressed() {
    let (_dir, site) = warmed().await;
    assert!(
        site.current()
            .pages
            .get("/supporters?category=state")
            .is_none()
    );
    let app = test::init_service(build_app(site)).await;
    let req = test::TestRequest::get()
        .uri("/supporters?category=state")
        .insert_header(("accept-encoding", "gzip"))
        .to_request();
    let res = test::call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers().get("content-encoding").unwrap(), "gzip");
}

#[actix_web::test]
async fn the_stylesheet_is_fingerprinted_and_immutable() {
    let (_dir, site) = common::site_for(&common::content_dir());
    let url = site.current().stylesheet_url.clone();
    assert!(
        url.starts_with("/static/css/site.")
            && url.ends_with(".css")
            && url.len() > "/static/css/site..css".len() + 15
    );
    let app = test::init_service(build_app(site)).await;
    let home = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
    let body = String::from_utf8(test::read_body(home).await.to_vec()).unwrap();
    assert!(body.contains(&format!("href=\"{url}\"")));
    let css = test::call_service(&app, test::TestRequest::get().uri(&url).to_request()).await;
    let css = common::response(css).await;
    css.assert_success("the fingerprinted stylesheet");
    css.assert_cache_control(&["public", "immutable"]);
    // The cache honours If-None-Match, not Range or If-Modified-Since: it says so by not
    // advertising them, and a Range request gets the whole file.
    assert!(css.header("accept-ranges").is_none());
    assert!(css.header("last-modified").is_none());
    let etag = css.header("etag").unwrap().to_string();
    let ranged = test::call_service(
        &app,
        test::TestRequest::get()
            .uri(&url)
            .insert_header(("range", "bytes=0-9"))
            .to_request(),
    )
    .await;
    assert_eq!(ranged.status(), StatusCode::OK);
    let revalidated = test::call_service(
        &app,
        test::TestRequest::get()
            .uri(&url)
            .insert_header(("if-none-match", etag))
            .to_request(),
    )
    .await;
    common::response(revalidated).await.assert_not_modified();
    for bad in [
        "/static/css/site.0000000000000000.css",
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/css/nope.css",
    ] {
        let res = test::call_service(&app, test::TestRequest::get().uri(bad).to_request()).await;
        let res = common::response(res).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{bad}");
        // An error must not outlive its fault in anyone's cache.
        res.assert_cache_control(&[]);
    }
    // A file without its fingerprint may change under its name: the page policy.
    let plain = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/static/css/site.css")
            .to_request(),
    )
    .await;
    let plain = common::response(plain).await;
    plain.assert_success("the stylesheet under its plain name");
    plain.assert_cache_control(&["public", "max-age=300", "stale-while-revalidate=86400"]);
}

#[actix_web::test]
async fn the_export_holds_the_bytes_the_server_sends() {
    let (_dir, site) = warmed().await;
    let out = tempfile::TempDir::new().unwrap();
    let written =
        paris_call_observatory::static_export::export(&site.current(), out.path()).unwrap();
    assert!(written > 2800, "{written}");
    let app = test::init_service(build_app(site)).await;
    for (url, file) in [
        ("/", "index.html"),
        ("/supporters", "supporters/index.html"),
        (
            "/supporters/microsoft-private-sector-usa",
            "supporters/microsoft-private-sector-usa/index.html",
        ),
        ("/supporters.csv", "supporters.csv"),
        ("/map.svg", "map.svg"),
        ("/changes.atom", "changes.atom"),
        ("/fr/", "fr/index.html"),
        (
            "/fr/supporters/microsoft-private-sector-usa",
            "fr/supporters/microsoft-private-sector-usa/index.html",
        ),
        ("/fr/map.svg", "fr/map.svg"),
    ] {
        let res = test::call_service(&app, test::TestRequest::get().uri(url).to_request()).await;
        let served = test::read_body(res).await;
        let exported =
            std::fs::read(out.path().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(served.as_ref(), exported.as_slice(), "{url}");
    }
}

#[actix_web::test]
async fn other_pages_are_kept_after_their_first_request() {
    let (_dir, site) = common::site_for(&common::content_dir());
    let app = test::init_service(build_app(site.clone())).await;
    let path = "/supporters?category=state&country=fr";
    let request = |etag: Option<String>| {
        let mut req = test::TestRequest::get()
            .uri(path)
            .insert_header(("accept-encoding", "gzip"));
        if let Some(tag) = etag {
            req = req.insert_header(("if-none-match", tag));
        }
        req.to_request()
    };
    let first = test::call_service(&app, request(None)).await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers().get("content-encoding").unwrap(), "gzip");
    let etag = first
        .headers()
        .get("etag")
        .expect("kept pages carry an ETag")
        .to_str()
        .unwrap()
        .to_string();
    assert!(site.current().pages.get(path).is_some());
    let again = test::call_service(&app, request(Some(etag))).await;
    common::response(again).await.assert_not_modified();
    // Errors are never kept.
    let bad = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/supporters?sort=drop")
            .to_request(),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(site.current().pages.get("/supporters?sort=drop").is_none());
}

#[actix_web::test]
async fn large_answers_are_compressed_and_the_store_stays_bounded() {
    // Three times the supporters (fake copies with their own record files) make /supporters
    // larger than 1 MiB.
    let content = common::content_copy();
    let path = content.path().join("data/official_records.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    let rows: Vec<&str> = lines.filter(|l| !l.contains(",state,")).collect();
    let mut bigger = format!(
        "{header}\n{}\n",
        text.lines().skip(1).collect::<Vec<_>>().join("\n")
    );
    for copy in 1..=2 {
        for row in &rows {
            bigger.push_str(&row.replacen(".md,", &format!("-copy-{copy}.md,"), 1));
            bigger.push('\n');
        }
    }
    std::fs::write(&path, bigger).unwrap();
    let (_dir, site) = common::site_for(content.path());
    let app = test::init_service(build_app(site.clone())).await;
    let req = test::TestRequest::get()
        .uri("/supporters")
        .insert_header(("accept-encoding", "gzip"))
        .to_request();
    let res = test::call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers().get("content-encoding").unwrap(), "gzip");
    let compressed = test::read_body(res).await;
    let mut plain = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(compressed.as_ref()),
        &mut plain,
    )
    .unwrap();
    assert!(
        plain.len() > 1024 * 1024,
        "the page is over the keeping limit: {}",
        plain.len()
    );
    // What is kept on demand is counted compressed, within the store's bound.
    let kept = site.current().pages.recent_bytes();
    assert!(kept > 0 && kept <= 4 * 1024 * 1024, "{kept} bytes kept");
}

/// A page in the cache under `key` whose body says so, unlike anything the app renders.
fn plant(site: &web::Data<Site>, key: &str) {
    let mut headers = actix_web::http::header::HeaderMap::new();
    headers.insert(
        actix_web::http::header::CONTENT_TYPE,
        actix_web::http::header::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let page = cache::CachedPage::new(&headers, b"planted copy").unwrap();
    site.current().pages.insert(key.to_string(), page);
}

#[actix_web::test]
async fn unknown_parameters_and_request_headers_never_skip_the_cache() {
    let (_dir, site) = common::site_for(&common::content_dir());
    plant(&site, "/about");
    plant(
        &site,
        "/supporters?category=state&category=other&country=fr",
    );
    let app = test::init_service(build_app(site.clone())).await;
    let body = |req: actix_http::Request| {
        let app = &app;
        async move {
            let res = test::call_service(app, req).await;
            let status = res.status();
            (
                status,
                String::from_utf8(test::read_body(res).await.to_vec()).unwrap(),
            )
        }
    };
    for req in [
        test::TestRequest::get().uri("/about?utm_source=x&fbclid=1"),
        test::TestRequest::get()
            .uri("/about")
            .insert_header(("cache-control", "no-store"))
            .insert_header(("pragma", "no-cache")),
        test::TestRequest::get()
            .uri("/about?utm_campaign=y")
            .insert_header(("cache-control", "no-cache, max-age=0")),
        test::TestRequest::get()
            .uri("/supporters?utm_source=z&country=FR&category=state&category=other"),
    ] {
        assert_eq!(
            body(req.to_request()).await,
            (StatusCode::OK, "planted copy".to_string())
        );
    }
    // A warmed page answers a URL with tracking tags with the canonical page's ETag.
    let (_dir, warmed_site) = warmed().await;
    let app = test::init_service(build_app(warmed_site)).await;
    let tag = |uri: &'static str| {
        let app = &app;
        async move {
            let res = test::call_service(app, test::TestRequest::get().uri(uri).to_request()).await;
            assert_eq!(res.status(), StatusCode::OK, "{uri}");
            res.headers()
                .get("etag")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string()
        }
    };
    assert_eq!(
        tag("/supporters?utm_source=x").await,
        tag("/supporters").await
    );
    assert_eq!(
        tag("/fr/principles/3?fbclid=abc").await,
        tag("/fr/principles/3").await
    );
}

/// The cache keeps a page under the address the page gives as its canonical link: every
/// spelling of one page shares one entry, and that entry's address is the link.
#[actix_web::test]
async fn the_cache_key_is_the_pages_canonical_link() {
    let (_dir, site) = common::site_for(&common::content_dir());
    let app = test::init_service(build_app(site.clone())).await;
    let cases: [(&[&str], &str); 7] = [
        (
            &[
                "/supporters?utm_source=x&country=FR&category=other&category=state&sort=name",
                "/supporters?category=state&category=other&category=state&country=fr&q=",
            ],
            "/supporters?category=state&category=other&country=fr",
        ),
        (
            &[
                "/fr/supporters?page=2&per_page=50&fbclid=1",
                "/fr/supporters?per_page=50&page=2",
            ],
            "/fr/supporters?per_page=50&page=2",
        ),
        (
            &[
                "/countries?sort=name&region=europe&x=1",
                "/countries?region=EUROPE",
            ],
            "/countries?region=Europe",
        ),
        (
            &["/changes?to=2020-01-15&utm_medium=email"],
            "/changes?from=2019-09-16&to=2020-01-15",
        ),
        (
            &["/search?q=+kaspersky+&page=3", "/search?q=kaspersky"],
            "/search?q=kaspersky",
        ),
        (
            &["/countries/fr?as_of=2020-01-15&ref=a"],
            "/countries/fr?as_of=2020-01-15",
        ),
        (&["/principles/3?utm_source=x"], "/principles/3"),
    ];
    for (spellings, canonical) in cases {
        for uri in spellings {
            let res = common::response(
                test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await,
            )
            .await;
            res.assert_success(uri);
            assert_eq!(
                res.attrs("link[rel=canonical]", "href"),
                [format!("https://example.test{canonical}")],
                "{uri}"
            );
        }
        assert!(
            site.current().pages.get(canonical).is_some(),
            "{canonical} is not the key the cache keeps"
        );
    }
}

#[actix_web::test]
async fn a_full_render_queue_answers_503_at_once() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut config = common::config(&common::content_dir(), &dir.path().join("x.sqlite"));
    config.render_threads = 1;
    config.render_queue = 1;
    let (site, _) = Site::load(config).unwrap();
    let site = web::Data::new(site);
    let app = test::init_service(build_app(site.clone())).await;
    // Forty different misses at the same moment: one renders, one waits, the rest are refused.
    let requests = (0..40).map(|n| {
        let uri = if n % 2 == 0 {
            format!("/supporters?q=a{n}")
        } else {
            format!("/api/v1/supporters?q=a{n}")
        };
        test::call_service(&app, test::TestRequest::get().uri(&uri).to_request())
    });
    let answers = futures_util::future::join_all(requests).await;
    let mut busy = 0;
    for (n, res) in answers.into_iter().enumerate() {
        match res.status() {
            StatusCode::OK => {}
            StatusCode::SERVICE_UNAVAILABLE => {
                busy += 1;
                assert_eq!(res.headers().get("retry-after").unwrap(), "5");
                assert!(res.headers().get("content-security-policy").is_some());
                let kind = res
                    .headers()
                    .get("content-type")
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_string();
                let body = String::from_utf8(test::read_body(res).await.to_vec()).unwrap();
                if n % 2 == 0 {
                    assert_eq!(kind, "text/html; charset=utf-8");
                    assert!(body.contains("try again"), "{body}");
                } else {
                    assert_eq!(kind, "application/problem+json");
                    assert!(body.contains("503"), "{body}");
                }
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert!(busy >= 20, "only {busy} of 40 refused with a queue of one");
    // The queue drains: the next request is served.
    let after = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/supporters?q=zz")
            .to_request(),
    )
    .await;
    assert_eq!(after.status(), StatusCode::OK);
}
