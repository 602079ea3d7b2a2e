//! The map, the badge, the embed page and the framing rules.

mod common;

use actix_web::http::StatusCode;
use common::{get, get_all};

#[actix_web::test]
async fn map_and_table_agree() {
    let pages = get_all(&["/map.svg", "/countries"]).await;
    let svg = &pages[0];
    assert_eq!(svg.content_type, "image/svg+xml");
    let doc = roxmltree::Document::parse(&svg.body).expect("well-formed SVG");
    let states: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .map(|a| {
            (
                a.attribute("data-iso2").unwrap().to_string(),
                a.attribute("data-status").unwrap().to_string(),
            )
        })
        .collect();
    assert!(states.len() > 150, "{}", states.len());
    let table: std::collections::HashMap<String, String> = pages[1]
        .attrs("table.countries tbody tr", "data-iso2")
        .into_iter()
        .zip(pages[1].attrs("table.countries tbody tr", "data-status"))
        .collect();
    for (code, status) in &states {
        assert_eq!(table.get(code), Some(status), "{code}");
    }
    let supporters_on_map = states.iter().filter(|(_, s)| s == "supporter").count();
    assert!(
        supporters_on_map >= 70,
        "most state supporters are large enough to draw: {supporters_on_map}"
    );
    // Status is carried by a pattern as well as a colour, each link has a title, and the
    // legend and the as-of date are inside the SVG.
    for a in doc.descendants().filter(|n| n.has_tag_name("a")) {
        let status = a.attribute("data-status").unwrap();
        let path = a.children().find(|c| c.has_tag_name("path")).unwrap();
        assert_eq!(
            path.attribute("fill"),
            Some(format!("url(#pattern-{status})").as_str())
        );
        assert!(a.children().any(|c| c.has_tag_name("title")));
        assert!(a.attribute("href").unwrap().ends_with(&format!(
            "/countries/{}",
            a.attribute("data-iso2").unwrap().to_lowercase()
        )));
    }
    for status in ["supporter", "not_listed", "non_signatory", "disputed"] {
        assert!(doc.descendants().any(|n| n.has_tag_name("pattern")
            && n.attribute("id") == Some(&format!("pattern-{status}"))));
    }
    let text: String = doc
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    assert!(text.contains("Data as of 19 January 2024"));
    assert!(text.contains("Reported as not signing"));
    // The same map is inline on /countries.
    assert_eq!(pages[1].count("figure.map svg a"), states.len());
}

#[actix_web::test]
async fn the_badge_counts_and_links_back() {
    let pages = get_all(&[
        "/badge.svg",
        "/badge.svg?category=state",
        "/badge.svg?category=nope",
        "/badge.svg?category=state&category=other",
    ])
    .await;
    for (page, count) in pages.iter().zip(["1,222", "81"]) {
        page.assert_success("page");
        let doc = roxmltree::Document::parse(&page.body).expect("well-formed SVG");
        let text: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        assert!(
            text.contains(&format!("{count} as of 19 January 2024")),
            "{text}"
        );
        assert!(doc.descendants().any(|n| {
            n.has_tag_name("a")
                && n.attribute("href")
                    .is_some_and(|h| h.starts_with("https://example.test/supporters"))
        }));
    }
    assert_eq!(pages[2].status, StatusCode::BAD_REQUEST);
    assert_eq!(pages[3].status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn only_the_badge_and_map_may_be_framed() {
    let pages = get_all(&[
        "/map.svg",
        "/badge.svg",
        "/",
        "/embed",
        "/supporters.csv",
        "/nope",
    ])
    .await;
    for page in &pages[..2] {
        assert!(page.header("x-frame-options").is_none());
        assert!(
            !page
                .header("content-security-policy")
                .unwrap()
                .contains("frame-ancestors")
        );
    }
    for page in &pages[2..] {
        assert_eq!(page.header("x-frame-options"), Some("DENY"));
        let csp = page.header("content-security-policy").unwrap();
        assert!(
            csp.contains("default-src 'self'")
                && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
        assert!(page.header("referrer-policy").is_some());
        assert!(page.header("permissions-policy").is_some());
        assert_eq!(
            page.header("cross-origin-resource-policy"),
            Some("same-origin")
        );
        // HSTS only when asked for (`--hsts`): a plain-HTTP deployment must not send it.
        assert!(page.header("strict-transport-security").is_none());
    }
    let embed = &pages[3];
    let snippets = embed.texts("textarea.snippet");
    assert!(
        snippets[0].contains("https://example.test/badge.svg")
            && snippets[0].contains("https://example.test/supporters")
    );
    assert!(
        snippets
            .iter()
            .any(|s| s.contains("https://example.test/map.svg"))
    );
}

#[actix_web::test]
async fn column_headers_sort_and_say_how() {
    let pages = get_all(&[
        "/supporters?category=state",
        "/supporters?category=state&sort=-name",
        "/countries?sort=-organisations",
    ])
    .await;
    let sorts = pages[0].attrs("table.supporters thead th[aria-sort]", "aria-sort");
    assert_eq!(&sorts[..3], ["ascending", "none", "none"]);
    let links = pages[0].attrs("table.supporters thead th[aria-sort] a", "href");
    assert_eq!(links[0], "/supporters?category=state&sort=-name");
    assert_eq!(
        pages[1].attrs("table.supporters thead th[aria-sort]", "aria-sort")[0],
        "descending"
    );
    assert_eq!(
        pages[1].attrs("table.supporters thead th[aria-sort] a", "href")[0],
        "/supporters?category=state"
    );
    let country_sorts = pages[2].attrs("table.countries thead th[aria-sort]", "aria-sort");
    assert_eq!(country_sorts, ["none", "none", "none", "ascending"]);
    let home = get("/").await;
    assert_eq!(home.attrs("figure.map img", "src"), vec!["/map.svg"]);
}

#[actix_web::test]
async fn hsts_is_sent_when_enabled() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut config = common::config(&common::content_dir(), &dir.path().join("db.sqlite"));
    config.hsts = true;
    let (site, _) = paris_call_observatory::Site::load(config).unwrap();
    let app = actix_web::test::init_service(paris_call_observatory::build_app(
        actix_web::web::Data::new(site),
    ))
    .await;
    for path in ["/", "/map.svg", "/nope"] {
        let res = actix_web::test::call_service(
            &app,
            actix_web::test::TestRequest::get().uri(path).to_request(),
        )
        .await;
        let value = res
            .headers()
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let max_age: u64 = value
            .strip_prefix("max-age=")
            .and_then(|v| v.split(';').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        assert!(max_age >= 15_768_000, "{path}: {value:?}");
    }
}

#[actix_web::test]
async fn embeds_open_links_in_the_top_window_and_keep_their_proportions() {
    let pages = get_all(&["/map.svg", "/embed", "/fr/embed", "/fr/map.svg"]).await;
    for svg in [&pages[0], &pages[3]] {
        let doc = roxmltree::Document::parse(&svg.body).unwrap();
        let links: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("a")).collect();
        assert!(links.len() > 100);
        assert!(
            links.iter().all(|a| a.attribute("target") == Some("_top")),
            "a click inside a frame must not open our pages (X-Frame-Options: DENY) in the frame"
        );
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("100%"), "scales to its frame");
    }
    let root = roxmltree::Document::parse(&pages[0].body).unwrap();
    let view_box = root
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .to_string();
    let height = view_box.split(' ').nth(3).unwrap();
    let snippets = pages[1].texts("textarea.snippet");
    let map = snippets.iter().find(|s| s.contains("/map.svg")).unwrap();
    assert!(map.contains("width:100%"), "{map}");
    assert!(map.contains(&format!("aspect-ratio:960/{height}")), "{map}");
    let css = get(&pages[1].attrs("link[rel=stylesheet]", "href")[0]).await;
    assert!(
        css.body.contains(&format!("aspect-ratio:960/{height}")),
        "the preview keeps the map's proportions too"
    );
    // The badge people cite comes first: the states badge, with the count from the data.
    let states = common::supporter_rows()
        .iter()
        .filter(|r| r["category"] == "state")
        .count();
    assert!(
        snippets[0].contains("/badge.svg?category=state"),
        "{}",
        snippets[0]
    );
    assert_eq!(
        pages[1].texts("h2")[0],
        format!("The states badge ({states} states)")
    );
    assert_eq!(
        pages[2].texts("h2")[0],
        format!("Le badge des États ({states} États)")
    );
    assert!(snippets[1].contains("/badge.svg\""), "then the variants");
}

#[actix_web::test]
async fn every_page_links_the_data_and_embed_pages() {
    for (path, base) in [("/", ""), ("/principles", ""), ("/fr/countries", "/fr")] {
        let page = get(path).await;
        let links = page.attrs("footer a", "href");
        for target in ["/data", "/embed"] {
            assert!(
                links.contains(&format!("{base}{target}")),
                "{path}: {target}"
            );
        }
    }
}
