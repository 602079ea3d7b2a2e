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
    assert_eq!(
        page.attrs("#named li a", "href"),
        vec!["/countries/fr"],
        "the country named comes first"
    );
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
        page.assert_success(path);
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
    pages[0].assert_success("pages[0]");
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

#[actix_web::test]
async fn a_country_query_puts_the_country_page_first() {
    let cases = [
        ("/search?q=USA", "/countries/us"),
        ("/search?q=US", "/countries/us"),
        ("/search?q=the%20U.S.", "/countries/us"),
        ("/search?q=America", "/countries/us"),
        ("/search?q=UK", "/countries/gb"),
        ("/search?q=Britain", "/countries/gb"),
        ("/search?q=Great%20Britain", "/countries/gb"),
        ("/search?q=Holland", "/countries/nl"),
        ("/search?q=Korea", "/countries/kr"),
        ("/search?q=Turkey", "/countries/tr"),
        ("/search?q=Ivory%20Coast", "/countries/ci"),
        ("/search?q=C%C3%B4te%20d%E2%80%99Ivoire", "/countries/ci"),
        ("/search?q=Czech%20Republic", "/countries/cz"),
        ("/search?q=germany", "/countries/de"),
        ("/search?q=China", "/countries/cn"),
        ("/fr/search?q=Allemagne", "/fr/countries/de"),
        (
            "/fr/search?q=R%C3%A9publique%20tch%C3%A8que",
            "/fr/countries/cz",
        ),
        ("/fr/search?q=Etats-Unis", "/fr/countries/us"),
    ];
    let paths: Vec<&str> = cases.iter().map(|(p, _)| *p).collect();
    for ((path, country), page) in cases.iter().zip(get_all(&paths).await) {
        page.assert_success(path);
        let links = page.attrs("section.hits li a", "href");
        assert_eq!(links.first().map(String::as_str), Some(*country), "{path}");
        assert_eq!(
            links.iter().filter(|l| l == country).count(),
            1,
            "{path}: the country once"
        );
    }
}

#[actix_web::test]
async fn a_typo_is_answered_with_did_you_mean() {
    let pages = get_all(&[
        "/search?q=kasperski",
        "/search?q=germny",
        "/fr/search?q=kasperski",
    ])
    .await;
    assert_eq!(pages[0].texts(".did-you-mean h2"), vec!["Did you mean"]);
    assert_eq!(
        pages[0].attrs(".did-you-mean li a", "href"),
        vec!["/supporters/kaspersky_lab-private-sector-rus"]
    );
    assert_eq!(pages[0].texts(".did-you-mean li a"), vec!["Kaspersky Lab"]);
    assert!(
        pages[1]
            .attrs(".did-you-mean li a", "href")
            .contains(&"/countries/de".to_string())
    );
    assert_eq!(
        pages[2].texts(".did-you-mean h2"),
        vec!["Vouliez-vous dire"]
    );
    // A name that is found gets no suggestion.
    let found = get("/search?q=Kaspersky").await;
    assert_eq!(found.count(".did-you-mean, #not-listed"), 0);
}

#[actix_web::test]
async fn a_name_not_in_the_list_gets_a_quotable_sentence() {
    let entries = common::supporter_rows().len();
    assert_eq!(
        entries, 1_222,
        "the sentence below is written for this count"
    );
    let pages = get_all(&[
        "/search?q=Soci%C3%A9t%C3%A9%20G%C3%A9n%C3%A9rale",
        "/fr/search?q=Soci%C3%A9t%C3%A9%20G%C3%A9n%C3%A9rale",
    ])
    .await;
    let sentence = &pages[0].texts("#not-listed")[0];
    assert!(
        sentence.starts_with(
            "No entry named “Société Générale” is in the official list (1,222 entries as of 19 January 2024)"
        ),
        "{sentence}"
    );
    assert_eq!(
        pages[0].attrs("#not-listed time", "datetime"),
        vec!["2024-01-19"]
    );
    assert_eq!(
        pages[0].count("#not-listed .cite a"),
        1,
        "the sentence cites the list"
    );
    let closest = pages[0].attrs(".closest li a", "href");
    assert!(
        !closest.is_empty()
            && closest
                .iter()
                .all(|h| h.starts_with("/supporters/") || h.starts_with("/countries/"))
    );
    let french = &pages[1].texts("#not-listed")[0];
    // `texts` reads the no-break space of "1 222" as a space.
    assert!(
        french.starts_with(
            "Aucune entrée nommée « Société Générale » ne figure dans la liste officielle (1 222 entrées au 19 janvier 2024)"
        ),
        "{french}"
    );
}

#[actix_web::test]
async fn results_read_as_name_category_country_and_context() {
    let page = get("/search?q=allianz").await;
    assert_eq!(
        page.texts("section[data-kind=supporters] li a"),
        vec!["Allianz"]
    );
    assert_eq!(
        page.texts("section[data-kind=supporters] li .hit-about"),
        vec!["Private sector · Germany"]
    );
    let context = page.texts("section[data-kind=supporters] li .hit-context");
    assert_eq!(
        context,
        vec!["In the official list since 16 September 2019"]
    );
    let country = get("/search?q=USA").await;
    assert_eq!(
        country.texts("#named li .hit-about"),
        vec!["Country · Americas"]
    );
    assert!(country.texts("#named li .hit-context")[0].starts_with("Supporter"));
}
