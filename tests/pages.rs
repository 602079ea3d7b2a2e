//! The foundation pages through the real app: home, principles, commentary, about, errors.

mod common;

use actix_web::http::StatusCode;
use common::{csv_rows, get, get_all, request, request_in};

#[actix_web::test]
async fn home_counts_equal_the_csv() {
    let rows = csv_rows("official_records.csv");
    let page = get("/").await;
    page.assert_success("page");
    for category in [
        "state",
        "public_authority",
        "private_sector",
        "civil_society",
        "other",
    ] {
        // The official list writes `private-sector`, and nothing for no category.
        let official = match category {
            "other" => "",
            c => &c.replace('_', "-"),
        };
        let expected = rows.iter().filter(|r| r["category"] == official).count();
        let shown = page.texts(&format!("td[data-category={category}]"));
        assert_eq!(shown, vec![expected.to_string()], "{category}");
    }
    assert_eq!(page.texts("#total"), vec!["1,222"]);
    assert_eq!(page.count("ol.principles li"), 9);
    // The as-of date comes from the data (the official list's last change), not the clock.
    assert!(
        page.texts("footer time")
            .contains(&"19 January 2024".to_string())
    );
}

#[actix_web::test]
async fn every_page_has_the_base_layout() {
    let paths = [
        "/",
        "/about",
        "/principles",
        "/principles/1",
        "/commentary",
        "/commentary/what-critics-said",
        "/supporters",
        "/countries",
        "/countries/fr",
        "/non-signatories",
        "/disputed",
        "/search?q=x",
        "/nope",
    ];
    for (path, page) in paths.iter().zip(get_all(&paths).await) {
        assert!(page.content_type.starts_with("text/html"), "{path}");
        assert_eq!(page.attrs("html", "lang"), vec!["en"], "{path}");
        assert_eq!(page.attrs("a.skip-link", "href"), vec!["#main"], "{path}");
        assert_eq!(page.count("main#main"), 1, "{path}");
        assert_eq!(page.count("link[rel=canonical]"), 1, "{path}");
        let footer = page.texts("footer").join(" ");
        assert!(
            footer.contains("not the official website"),
            "{path}: {footer}"
        );
        assert!(
            footer.contains("Data as of 19 January 2024"),
            "{path}: {footer}"
        );
        assert_eq!(page.count("head > title"), 1, "{path}");
    }
}

#[actix_web::test]
async fn every_principle_page_shows_its_official_text() {
    let rows = csv_rows("principles.csv");
    let paths: Vec<String> = (1..=9)
        .flat_map(|n| [format!("/principles/{n}"), format!("/fr/principles/{n}")])
        .collect();
    let path_refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let pages = get_all(&path_refs).await;
    for (row, pair) in rows.iter().zip(pages.chunks(2)) {
        let (en, fr) = (&pair[0], &pair[1]);
        en.assert_success("en");
        // Once, in the page's language; the other language's text is a link away.
        assert_eq!(
            en.texts("#official-text blockquote.official"),
            vec![row["official_text_en"].clone()],
            "principle {}",
            row["number"]
        );
        assert_eq!(
            fr.texts("#official-text blockquote.official"),
            vec![row["official_text_fr"].clone()],
            "principe {}",
            row["number"]
        );
        assert!(
            en.attrs("#official-text a", "href")
                .iter()
                .any(|h| h == &format!("/fr/principles/{}#official-text", row["number"]))
        );
        assert_eq!(
            en.texts("h1"),
            vec![format!(
                "Principle {}: {}",
                row["number"], row["short_title"]
            )]
        );
    }
}

#[actix_web::test]
async fn principle_five_shows_both_official_wordings() {
    let page = get("/principles/5").await;
    let table = page.texts("table.wordings").join(" ");
    assert!(table.contains("malicious ICT tools"), "{table}");
    assert!(table.contains("malicious software"), "{table}");
    assert!(table.contains("outils malveillants"), "{table}");
    assert!(table.contains("logiciels malveillants"), "{table}");
    assert_eq!(page.attrs("a[rel=prev]", "href"), vec!["/principles/4"]);
    assert_eq!(page.attrs("a[rel=next]", "href"), vec!["/principles/6"]);
}

#[actix_web::test]
async fn principle_pages_list_the_commentary_that_cites_them() {
    let page = get("/principles/3").await;
    assert!(
        page.attrs("ul.article-list a", "href")
            .contains(&"/commentary/what-the-paris-call-is".to_string())
    );
}

#[actix_web::test]
async fn unknown_addresses_get_an_html_404() {
    let paths = [
        "/principles/0",
        "/principles/10",
        "/principles/x",
        "/principles/03",
        "/commentary/nope",
        "/nope",
        "/supporters/nope",
    ];
    for (path, page) in paths.iter().zip(get_all(&paths).await) {
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.content_type.starts_with("text/html"), "{path}");
        assert_eq!(page.texts("h1"), vec!["Page not found"], "{path}");
    }
}

#[actix_web::test]
async fn other_methods_get_an_html_405() {
    let page = request("POST", "/supporters").await;
    assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(page.texts("h1"), vec!["Method not allowed"]);
    let head = request("HEAD", "/").await;
    head.assert_success("head");
}

#[actix_web::test]
async fn bad_parameters_get_an_html_400_naming_them() {
    let page = get("/supporters?sort=drop").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        page.texts(".problem code").first().map(String::as_str),
        Some("sort")
    );
    assert!(page.texts(".allowed code").contains(&"-listed".to_string()));
}

#[actix_web::test]
async fn commentary_is_listed_newest_first_without_drafts() {
    let dir = common::content_copy();
    std::fs::write(
        dir.path().join("commentary/unfinished.md"),
        "+++\ntitle = \"Unfinished\"\nsummary = \"s\"\ndate = \"2030-01-01\"\nauthor = \"a\"\ndraft = true\n+++\nbody\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("commentary/older.md"),
        "+++\ntitle = \"Older\"\nsummary = \"s\"\ndate = \"2019-01-01\"\nauthor = \"a\"\n+++\nbody\n",
    )
    .unwrap();
    let list = request_in(dir.path(), "GET", "/commentary").await;
    let titles = list.texts("ul.article-list h2");
    assert!(!titles.contains(&"Unfinished".to_string()));
    assert_eq!(titles.last().map(String::as_str), Some("Older"));
    assert_eq!(titles.len(), 6);
    let draft = request_in(dir.path(), "GET", "/commentary/unfinished").await;
    assert_eq!(draft.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn commentary_markdown_is_rendered_and_cleaned() {
    let dir = common::content_copy();
    std::fs::write(
        dir.path().join("commentary/hostile.md"),
        "+++\ntitle = \"Hostile\"\nsummary = \"s\"\ndate = \"2026-01-01\"\nauthor = \"a\"\nprinciples = [2]\n+++\n\
         Text <script>alert('x')</script> and [a link](javascript:alert(1)).\n\n\
         <a href=\"https://example.org\" onclick=\"steal()\">ok</a> <img src=x onerror=\"steal()\">\n\n\
         | a | b |\n|---|---|\n| 1 | 2 |\n\nA note.[^1]\n\n[^1]: [@axios-2018-11-13, p. 1]\n",
    )
    .unwrap();
    let page = request_in(dir.path(), "GET", "/commentary/hostile").await;
    page.assert_success("page");
    let prose = page
        .html()
        .select(&scraper::Selector::parse(".prose").unwrap())
        .next()
        .unwrap()
        .html();
    assert!(!prose.contains("<script"), "{prose}");
    assert!(!prose.contains("javascript:"), "{prose}");
    assert!(!prose.contains("onclick"), "{prose}");
    assert!(!prose.contains("onerror"), "{prose}");
    assert_eq!(page.count(".prose table td"), 2);
    assert_eq!(page.count(".prose .footnote-definition"), 1);
    assert_eq!(page.attrs(".tags a", "href"), vec!["/principles/2"]);
}

#[actix_web::test]
async fn the_real_commentary_pages_are_served() {
    for slug in [
        "what-the-paris-call-is",
        "who-did-not-sign",
        "what-critics-said",
        "how-many-signed-at-launch",
    ] {
        let page = get(&format!("/commentary/{slug}")).await;
        page.assert_success(slug);
        assert!(
            page.count(".prose a[href^='http']") >= 5,
            "{slug} must link its sources"
        );
    }
}

#[actix_web::test]
async fn a_panicking_handler_gets_a_500_page_and_the_app_keeps_serving() {
    use actix_web::{App, middleware, test, web};
    let (_dir, site) = common::site_for(&common::content_dir());
    let app = test::init_service(
        App::new()
            .app_data(site)
            .route(
                "/boom",
                web::get().to(|| async {
                    let fail = true;
                    if fail {
                        panic!("deliberate");
                    }
                    "unreachable"
                }),
            )
            .route("/fine", web::get().to(|| async { "fine" }))
            .wrap(middleware::from_fn(
                paris_call_observatory::error::error_pages,
            )),
    )
    .await;
    for _ in 0..2 {
        // The middleware answers a panic with an error carrying the page; the HTTP
        // dispatcher sends that error's response, as done here.
        let res =
            match test::try_call_service(&app, test::TestRequest::get().uri("/boom").to_request())
                .await
            {
                Ok(res) => res.into_parts().1,
                Err(error) => error.error_response(),
            };
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = String::from_utf8(
            actix_web::body::to_bytes(res.into_body())
                .await
                .unwrap()
                .to_vec(),
        )
        .unwrap();
        assert!(body.contains("Something went wrong on our side"), "{body}");
        assert!(
            !body.contains("deliberate"),
            "internal details stay in the log"
        );
        let res =
            test::call_service(&app, test::TestRequest::get().uri("/fine").to_request()).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
}
