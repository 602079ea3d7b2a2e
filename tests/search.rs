//! /search: prefix, accent-insensitive, grouped, and immune to FTS5 syntax.

mod common;

use actix_web::http::StatusCode;
use common::{get, get_all};

#[actix_web::test]
async fn search_finds_names_by_prefix_and_without_accents() {
    let pages = get_all(&[
        "/search?q=Kaspersky",
        "/search?q=kasper",
        "/search?q=societe",
        "/search?q=micro",
        "/search?q=malveillants",
    ])
    .await;
    for page in &pages[..2] {
        assert!(
            page.texts("section[data-kind=supporters] li a")
                .iter()
                .any(|t| t.contains("Kaspersky"))
        );
    }
    assert!(
        pages[2]
            .texts("section[data-kind=supporters] li a")
            .iter()
            .any(|t| t.contains("Société"))
    );
    assert!(
        pages[3]
            .texts("section[data-kind=supporters] li a")
            .iter()
            .any(|t| t == "Microsoft")
    );
    assert!(
        pages[3].count("section[data-kind=supporters] li a mark") > 0,
        "matches are highlighted"
    );
    assert!(
        pages[4]
            .attrs("section[data-kind=principles] li a", "href")
            .contains(&"/principles/5".to_string())
    );
}

#[actix_web::test]
async fn search_groups_results_by_type_with_counts() {
    let page = get("/search?q=france").await;
    let total: usize = page.texts("#result-count")[0].parse().unwrap();
    let in_groups = page.count("section.hits li");
    assert_eq!(total, in_groups);
    assert!(page.count("section[data-kind=countries] li") >= 1);
}

#[actix_web::test]
async fn search_syntax_characters_are_searched_as_text() {
    let paths = [
        "/search?q=%22",
        "/search?q=*",
        "/search?q=NEAR(",
        "/search?q=)))",
        "/search?q=a%20OR%20",
        "/search?q=-micro",
        "/search?q=name:micro",
        "/search?q=%22micro%20soft",
        "/search?q=%ff%fe",
        "/search?q=%00",
        "/search?q=%5E",
        "/search?q=AND",
        "/search?q=micro*%22(",
    ];
    for (path, page) in paths.iter().zip(get_all(&paths).await) {
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.texts("h1"), vec!["Search"], "{path}");
    }
    let page = get("/search?q=-micro").await;
    assert!(
        page.texts("section[data-kind=supporters] li a")
            .iter()
            .any(|t| t == "Microsoft")
    );
}

#[actix_web::test]
async fn empty_and_overlong_queries() {
    let long = format!("/search?q={}", "x".repeat(201));
    let pages = get_all(&["/search", "/search?q=", long.as_str()]).await;
    assert_eq!(pages[0].status, StatusCode::OK);
    assert_eq!(pages[0].count(".help"), 1);
    assert_eq!(pages[1].count(".help"), 1);
    assert_eq!(pages[2].status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn every_page_has_the_search_box() {
    let page = get("/principles").await;
    assert_eq!(
        page.attrs("header form[role=search]", "action"),
        vec!["/search"]
    );
    assert_eq!(page.count("header form[role=search] label"), 1);
}
