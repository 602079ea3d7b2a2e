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
    assert!(
        plain
            .headers()
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("stale-while-revalidate")
    );
    assert_eq!(plain.headers().get("x-frame-options").unwrap(), "DENY");
    let identity = test::read_body(plain).await;

    let br = test::call_service(&app, get(Some("gzip, deflate, br"), None)).await;
    assert_eq!(br.headers().get("content-encoding").unwrap(), "br");
    assert_eq!(br.headers().get("vary").unwrap(), "accept-encoding");
    let compressed = test::read_body(br).await;
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut compressed.as_ref(), &mut decoded).unwrap();
    assert_eq!(decoded, identity.as_ref());

    let gz = test::call_service(&app, get(Some("gzip"), None)).await;
    assert_eq!(gz.headers().get("content-encoding").unwrap(), "gzip");
    let compressed = test::read_body(gz).await;
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(compressed.as_ref()),
        &mut decoded,
    )
    .unwrap();
    assert_eq!(decoded, identity.as_ref());

    let refused = test::call_service(&app, get(Some("br;q=0, gzip;q=0"), None)).await;
    assert!(refused.headers().get("content-encoding").is_none());

    let revalidated = test::call_service(&app, get(Some("br"), Some(etag.clone()))).await;
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(
        revalidated.headers().get("etag").unwrap().to_str().unwrap(),
        etag
    );
    assert!(test::read_body(revalidated).await.is_empty());
    let weak = test::call_service(&app, get(None, Some(format!("W/{etag}, \"other\"")))).await;
    assert_eq!(weak.status(), StatusCode::NOT_MODIFIED);
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
    assert_eq!(css.status(), StatusCode::OK);
    assert!(
        css.headers()
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    // The cache honours If-None-Match, not Range or If-Modified-Since: it says so by not
    // advertising them, and a Range request gets the whole file.
    assert!(css.headers().get("accept-ranges").is_none());
    assert!(css.headers().get("last-modified").is_none());
    let etag = css.headers().get("etag").unwrap().clone();
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
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    for bad in [
        "/static/css/site.0000000000000000.css",
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/css/nope.css",
    ] {
        let res = test::call_service(&app, test::TestRequest::get().uri(bad).to_request()).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad}");
    }
}

#[actix_web::test]
async fn the_export_holds_the_bytes_the_server_sends() {
    let (_dir, site) = warmed().await;
    let out = tempfile::TempDir::new().unwrap();
    let written = cache::export(&site.current(), out.path()).unwrap();
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
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
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
async fn answers_too_large_to_keep_are_still_compressed() {
    // Three times the supporters (fake copies with their own record ids) make /supporters
    // larger than what the cache keeps on request.
    let content = common::content_copy();
    let path = content.path().join("data/supporters.csv");
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
    assert!(
        site.current().pages.get("/supporters").is_none(),
        "not kept"
    );
}
