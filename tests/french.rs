//! The French site under /fr/: every page family's twin, hreflang, the language switcher,
//! French labels, dates and numbers, French errors, translated commentary and search.

mod common;

use actix_web::http::StatusCode;
use common::{content_copy, get, get_all, request_in};

/// One page of every English page family (with a query where the page takes one).
const FAMILIES: [&str; 20] = [
    "/",
    "/about",
    "/principles",
    "/principles/5",
    "/supporters",
    "/supporters?category=state&country=fr",
    "/supporters/microsoft-private-sector-usa",
    "/countries",
    "/countries/us",
    "/non-signatories",
    "/disputed",
    "/commentary",
    "/commentary/who-did-not-sign",
    "/search?q=cyber",
    "/changes",
    "/counts",
    "/data",
    "/embed",
    "/supporters?as_of=2019-11-12",
    "/changes?from=2019-10-17&to=2019-11-12",
];

fn french(path: &str) -> String {
    format!("/fr{path}")
}

#[actix_web::test]
async fn every_page_family_has_a_french_twin_with_reciprocal_hreflang() {
    let mut paths: Vec<String> = FAMILIES.iter().map(|p| p.to_string()).collect();
    paths.extend(FAMILIES.iter().map(|p| french(p)));
    let pages = get_all(&paths.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let (english, french_pages) = pages.split_at(FAMILIES.len());
    for ((path, en), fr) in FAMILIES.iter().zip(english).zip(french_pages) {
        en.assert_success(path);
        assert_eq!(fr.status, StatusCode::OK, "/fr{path}");
        assert_eq!(en.attrs("html", "lang"), ["en"], "{path}");
        assert_eq!(fr.attrs("html", "lang"), ["fr"], "/fr{path}");
        let canonical_en = en.attrs("link[rel=canonical]", "href")[0].clone();
        let canonical_fr = fr.attrs("link[rel=canonical]", "href")[0].clone();
        assert_eq!(
            canonical_fr,
            canonical_en.replacen("example.test", "example.test/fr", 1)
        );
        for page in [en, fr] {
            let alternate = |lang: &str| {
                page.attrs(&format!("link[rel=alternate][hreflang={lang}]"), "href")
                    .first()
                    .cloned()
                    .unwrap_or_default()
            };
            assert_eq!(alternate("en"), canonical_en, "{path}");
            assert_eq!(alternate("fr"), canonical_fr, "{path}");
            assert_eq!(alternate("x-default"), canonical_en, "{path}");
        }
        // The switcher leads to the same page, with the same filters, in the other language.
        let switch = |page: &common::Response| page.attrs(".lang-switch a", "href")[0].clone();
        assert_eq!(
            format!("https://example.test{}", switch(en)),
            canonical_fr,
            "{path}"
        );
        assert_eq!(format!("https://example.test{}", switch(fr)), canonical_en);
    }
    // Every alternate resolves.
    let alternates: Vec<String> = french_pages
        .iter()
        .map(|p| p.attrs(".lang-switch a", "href")[0].clone())
        .collect();
    for page in get_all(&alternates.iter().map(String::as_str).collect::<Vec<_>>()).await {
        page.assert_success("page");
    }
}

/// The text a reader sees as interface: navigation, headings, table headers, form labels,
/// buttons, captions, the footer. Text marked as being in another language (quotes, data
/// from English sources, the switcher) is left out.
fn interface_text(page: &common::Response, lang: &str) -> String {
    let html = page.html();
    let selector = scraper::Selector::parse(
        "nav a, h1, h2, h3, th[scope=col], label, legend, button, caption, .site-footer p, .notice, .skip-link, .status-code",
    )
    .unwrap();
    let mut out = Vec::new();
    for element in html.select(&selector) {
        for node in element.descendants() {
            let Some(text) = node.value().as_text() else {
                continue;
            };
            let marked = node
                .ancestors()
                .filter_map(|a| a.value().as_element())
                .find_map(|e| e.attr("lang"));
            if marked.is_none_or(|l| l == lang) {
                out.push(text.trim().to_string());
            }
        }
    }
    out.join(" | ")
}

#[actix_web::test]
async fn no_label_of_one_language_appears_on_the_other() {
    let mut paths: Vec<String> = FAMILIES.iter().map(|p| p.to_string()).collect();
    paths.extend(FAMILIES.iter().map(|p| french(p)));
    paths.extend(["/no-such-page".to_string(), "/fr/no-such-page".to_string()]);
    let pages = get_all(&paths.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let english_labels = [
        "Supporters",
        "Private sector",
        "Search",
        "Not found",
        "Principles",
        "Countries",
        "Commentary",
        "Civil society",
        "Public authorities",
        "Cite this page",
        "Category",
        "Independent",
        "Sort by",
        "First listed",
    ];
    let french_labels = [
        "Soutiens",
        "Secteur privé",
        "Rechercher",
        "Page introuvable",
        "Principes",
        "Analyses",
        "Société civile",
        "Autorités publiques",
        "Citer cette page",
        "Catégorie",
        "indépendant",
        "Trier par",
    ];
    for (path, page) in paths.iter().zip(&pages) {
        let (unwanted, lang) = if path.starts_with("/fr") {
            (&english_labels[..], "fr")
        } else {
            (&french_labels[..], "en")
        };
        let text = interface_text(page, lang);
        assert_eq!(page.attrs("html", "lang"), [lang], "{path}");
        for label in unwanted {
            assert!(
                !text.contains(label),
                "{path} ({lang}) shows {label:?}: {text}"
            );
        }
    }
}

#[actix_web::test]
async fn french_pages_write_dates_and_numbers_in_french() {
    let [home, past, country, en_home] = get_all(&[
        "/fr/",
        "/fr/supporters?as_of=2019-11-12",
        "/fr/countries/cz",
        "/",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    // The French thousands separator is a no-break space.
    assert!(
        home.body.contains("id=\"total\">1\u{a0}222<"),
        "{}",
        home.texts("#total")[0]
    );
    assert!(
        home.texts(".site-footer")
            .join(" ")
            .contains("19 janvier 2024")
    );
    assert_eq!(en_home.texts("#total"), ["1,222"]);
    let lead = past.texts(".notice-box").join(" ");
    assert!(lead.contains("12 novembre 2019"), "{lead}");
    assert!(past.body.contains("id=\"total\">1\u{a0}039<"));
    assert!(lead.contains("74 États"), "{lead}");
    // French country names, and the official list's own name where it differs.
    assert_eq!(country.texts("h1")[0], "Tchéquie CZ");
    assert!(
        country
            .texts("main")
            .join(" ")
            .contains("République tchèque")
    );
    assert!(
        country
            .texts(".timeline time")
            .iter()
            .all(|d| !d.contains("September"))
    );
}

#[actix_web::test]
async fn french_errors_are_french() {
    let [missing, bad, en_missing] = get_all(&[
        "/fr/pas-de-page",
        "/fr/supporters?category=nope",
        "/no-such-page",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.attrs("html", "lang"), ["fr"]);
    assert_eq!(missing.texts("h1"), ["Page introuvable"]);
    assert!(missing.texts("main").join(" ").contains("Adresse demandée"));
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.texts("h1"), ["Requête incorrecte"]);
    let problem = bad.texts(".problem").join(" ");
    assert!(problem.contains("Le paramètre category"), "{problem}");
    assert!(problem.contains("catégorie inconnue « nope »"), "{problem}");
    assert_eq!(en_missing.texts("h1"), ["Page not found"]);
    // /fr is the French home page's address without its slash.
    let root = get("/fr").await;
    root.assert_redirect("/fr/");
}

#[actix_web::test]
async fn principles_categories_and_nature_are_in_the_reader_language() {
    let [fr5, en_supporter, fr_supporter, fr_list] = get_all(&[
        "/fr/principles/5",
        "/supporters/abb-private-sector-swe",
        "/fr/supporters/abb-private-sector-swe",
        "/fr/supporters?category=private_sector",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    let text = fr5.texts("main").join(" ");
    assert!(text.contains("outils malveillants") && text.contains("logiciels malveillants"));
    assert!(fr5.texts("h1")[0].starts_with("Principe 5 : "));
    assert!(
        en_supporter
            .texts(".facts dd")
            .join(" ")
            .contains("Entreprise (Company)")
    );
    assert!(
        !fr_supporter
            .texts(".facts dd")
            .join(" ")
            .contains("Company")
    );
    assert!(
        fr_list
            .texts("h2")
            .iter()
            .any(|h| h.starts_with("Secteur privé"))
    );
    // The heading names the category; the table does not repeat it in every row.
    assert!(
        !fr_list
            .texts("table.supporters td")
            .iter()
            .any(|t| t == "Secteur privé")
    );
}

#[actix_web::test]
async fn states_go_by_the_official_list_french_names_in_french() {
    let [states, named, english, paged, by_country, countries_fr] = get_all(&[
        "/fr/supporters?category=state",
        "/fr/supporters?q=allemagne",
        "/supporters?category=state",
        "/fr/supporters?category=state&per_page=2&page=1",
        "/fr/supporters?category=state&sort=country&per_page=2",
        "/fr/countries",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    let names = states.texts("table.supporters tbody th");
    assert_eq!(names.len(), 81);
    assert_eq!(names[..3], ["Albanie", "Allemagne", "Andorre"]);
    assert!(names.contains(&"République tchèque".to_string()));
    assert_eq!(
        english.texts("table.supporters tbody th")[..2],
        ["Albania", "Andorra"]
    );
    // Sorted by the database, so each page of a paginated list follows the French order.
    assert_eq!(
        paged.texts("table.supporters tbody th"),
        ["Albanie", "Allemagne"]
    );
    let countries: Vec<String> = by_country
        .texts("table.supporters tbody td a")
        .into_iter()
        .collect();
    assert_eq!(countries, ["Albanie", "Allemagne"]);
    let rows = countries_fr.texts("table.countries tbody th a");
    assert_eq!(rows[..3], ["Afghanistan", "Afrique du Sud", "Albanie"]);
    assert!(
        named
            .texts("table[data-category=state] tbody th")
            .contains(&"Allemagne".to_string())
    );
}

#[actix_web::test]
async fn commentary_is_translated_or_says_it_is_not() {
    let [index, page, english] = get_all(&[
        "/fr/commentary",
        "/fr/commentary/who-did-not-sign",
        "/commentary/who-did-not-sign",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    assert_eq!(index.count(".article-list > li"), 5);
    assert_eq!(index.count(".article-list > li[lang=en]"), 0);
    assert_eq!(page.count(".notice-translation"), 0);
    assert_ne!(page.texts("h1"), english.texts("h1"));
    assert_eq!(page.attrs("article", "lang"), ["fr"]);

    // A page without a French version: the French URL serves the English text, marked.
    let content = content_copy();
    std::fs::write(
        content.path().join("commentary/only-english.md"),
        "+++\ntitle = \"Only in English\"\nsummary = \"S\"\ndate = \"2026-11-23\"\nauthor = \"A\"\n+++\nBody.\n",
    )
    .unwrap();
    let fallback = request_in(content.path(), "GET", "/fr/commentary/only-english").await;
    fallback.assert_success("fallback");
    assert_eq!(fallback.attrs("html", "lang"), ["fr"]);
    assert_eq!(fallback.attrs("article", "lang"), ["en"]);
    assert!(
        fallback
            .texts(".notice-translation")
            .join(" ")
            .contains("Pas encore traduit")
    );
    assert!(
        fallback
            .attrs(".notice-translation a", "href")
            .contains(&"/commentary/only-english".to_string())
    );
}

#[actix_web::test]
async fn a_translation_without_its_english_page_names_the_file() {
    let content = content_copy();
    std::fs::write(
        content.path().join("commentary/fr/orpheline.md"),
        "+++\ntitle = \"T\"\nsummary = \"S\"\ndate = \"2026-11-23\"\nauthor = \"A\"\n+++\nCorps.\n",
    )
    .unwrap();
    let error = paris_call_observatory::content::load(content.path())
        .err()
        .expect("a French page needs its English page");
    let message = error.to_string();
    assert!(message.contains("commentary/fr/orpheline.md"), "{message}");
    assert!(message.contains("no English page"), "{message}");
}

#[actix_web::test]
async fn french_search_ignores_accents_and_links_french_pages() {
    let [accents, country] = get_all(&["/fr/search?q=securite", "/fr/search?q=etats-unis"])
        .await
        .try_into()
        .ok()
        .unwrap();
    accents.assert_success("accents");
    let principles = accents.attrs("#principles a", "href");
    assert!(!principles.is_empty());
    assert!(principles.iter().all(|h| h.starts_with("/fr/principles/")));
    // The country named comes first, in its own section.
    assert_eq!(country.texts("#named li a"), vec!["États-Unis"]);
    assert_eq!(
        country.attrs("#named li a", "href"),
        vec!["/fr/countries/us"]
    );
    assert!(country.texts("h1")[0] == "Recherche");
}

#[actix_web::test]
async fn the_country_filter_is_in_the_alphabetical_order_of_each_language() {
    let pages = get_all(&["/supporters", "/fr/supporters"]).await;
    let fold = |s: &str| paris_call_observatory::model::fold(s);
    for page in &pages {
        let names = page.texts("#f-country option:not([value=''])");
        assert!(names.len() > 190);
        let keys: Vec<String> = names.iter().map(|n| fold(n)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
    let english = pages[0].texts("#f-country option:not([value=''])");
    assert!(english[0].starts_with("Afghanistan"));
    let french = pages[1].texts("#f-country option:not([value=''])");
    let position = |name: &str| french.iter().position(|n| n.starts_with(name)).unwrap();
    // É sorts with E: Égypte between Dominique and Érythrée, not after Zimbabwe.
    assert!(position("Dominique") < position("Égypte"));
    assert!(position("Égypte") < position("Érythrée"));
    assert!(position("Égypte") < position("Espagne"));
    assert!(position("Espagne") < position("Fidji"));
    assert!(position("États-Unis") < position("Éthiopie"));
}

#[actix_web::test]
async fn counts_agree_with_their_nouns_by_each_languages_plural_rule() {
    // French takes the singular for 0 and 1, English for 1 only.
    for (path, words) in [
        ("/fr/supporters?q=zzzz", "0 entrée correspond,"),
        ("/supporters?q=zzzz", "0 entries match,"),
        ("/fr/supporters?q=microsoft", "1 entrée correspond,"),
        ("/supporters?q=microsoft", "1 entry matches,"),
    ] {
        let page = get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let lead = &page.texts("p.lead")[0];
        assert!(lead.starts_with(words), "{path}: {lead}");
    }
}
