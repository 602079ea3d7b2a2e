//! The nine principles explained: six sections in order, citations that resolve, supporter
//! links that exist, French twins, the glossary, and what the load refuses.

mod common;

use common::{get, get_all};

const SECTIONS_EN: [&str; 6] = [
    "In plain words",
    "Key terms",
    "Where it comes from",
    "What supporters do",
    "What is debated",
    "Related",
];
const SECTIONS_FR: [&str; 6] = [
    "En clair",
    "Termes clés",
    "D’où il vient",
    "Ce que font les soutiens",
    "Ce qui fait débat",
    "Voir aussi",
];

#[actix_web::test]
async fn every_principle_is_explained_in_six_sections_in_both_languages() {
    let paths: Vec<String> = (1..=9)
        .flat_map(|n| [format!("/principles/{n}"), format!("/fr/principles/{n}")])
        .collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let pages = get_all(&paths).await;
    let mut supporter_links = Vec::new();
    for (path, page) in paths.iter().zip(&pages) {
        page.assert_success(path);
        let french = path.starts_with("/fr/");
        let expected = if french { SECTIONS_FR } else { SECTIONS_EN };
        let mut headings = page.texts(".prose h2");
        assert_eq!(headings.pop().as_deref(), Some("Sources"), "{path}");
        assert_eq!(headings, expected, "{path}");
        assert_eq!(
            page.attrs("html", "lang"),
            [if french { "fr" } else { "en" }]
        );
        // The plain meaning, then the official text once, in the page's language.
        assert_eq!(page.count("p.lead"), 1, "{path}");
        assert_eq!(page.count("#official-text blockquote"), 1, "{path}");
        // Every footnote reference leads to a definition on the page, and every definition
        // is a reference to a registered source, linked under its title.
        let targets = page.attrs(".prose sup.footnote-reference a", "href");
        assert!(!targets.is_empty(), "{path} cites nothing");
        let ids = page.attrs(".prose .footnote-definition", "id");
        for target in &targets {
            let id = target.trim_start_matches('#');
            assert!(
                ids.iter().any(|i| i == id),
                "{path}: {target} has no definition"
            );
        }
        for link in page.texts(".prose .footnote-definition a") {
            assert!(!link.starts_with("http"), "{path}: bare URL {link}");
        }
        // Length: a reference page, not a stub (words of the explanation, sources aside).
        let words: usize = page
            .texts(".prose p, .prose li")
            .iter()
            .map(|t| t.split_whitespace().count())
            .sum();
        assert!(words > 400, "{path}: only {words} words");
        supporter_links.extend(page.attrs(".prose a[href*='/supporters/']", "href"));
    }
    // Supporters named in the explanations exist.
    supporter_links.sort();
    supporter_links.dedup();
    assert!(supporter_links.len() > 10, "{supporter_links:?}");
    let links: Vec<&str> = supporter_links.iter().map(String::as_str).collect();
    for (link, res) in links.iter().zip(get_all(&links).await) {
        res.assert_success(link);
    }
}

#[actix_web::test]
async fn the_overview_and_the_home_page_give_each_principle_in_plain_words() {
    let pages = get_all(&["/principles", "/", "/api/v1/principles", "/fr/principles"]).await;
    let api = pages[2].json();
    let items = api["items"].as_array().unwrap();
    assert_eq!(items.len(), 9);
    let overview = pages[0].texts("ol.principle-list li").join(" ");
    let home = pages[1].texts("ol.principles li").join(" ");
    for item in items {
        let summary = item["summary"].as_str().unwrap();
        assert!(!summary.is_empty() && summary.ends_with('.'), "{summary}");
        assert!(overview.contains(summary), "{summary}");
        assert!(home.contains(summary), "{summary}");
        assert!(!item["key_terms"].as_array().unwrap().is_empty());
    }
    // Key terms link to glossary entries that exist, in both languages.
    for (overview, glossary) in [(&pages[0], "/glossary"), (&pages[3], "/fr/glossary")] {
        let terms = overview.attrs("ol.principle-list a[href*='/glossary#']", "href");
        assert!(terms.len() >= 18, "{terms:?}");
        let page = get(glossary).await;
        let ids = page.attrs("dl.glossary dt", "id");
        for term in terms {
            let id = term.rsplit('#').next().unwrap();
            assert!(ids.iter().any(|i| i == id), "{id} not in {glossary}");
        }
        // Every definition cites its source.
        assert_eq!(page.count("dl.glossary dd .cite"), ids.len());
    }
    // The working groups, with chairs linked to their pages.
    let groups = pages[0].texts("table.groups tbody tr");
    assert_eq!(groups.len(), 6);
    assert!(groups[3].contains("Microsoft") && groups[3].contains("University of Florence"));
}

#[actix_web::test]
async fn search_finds_a_glossary_term_and_the_explanations() {
    let pages = get_all(&[
        "/search?q=hack+back",
        "/fr/search?q=hygiene+informatique",
        "/search?q=public+core",
    ])
    .await;
    let hrefs = pages[0].attrs("main a", "href");
    assert!(
        hrefs.iter().any(|h| h == "/glossary#hack-back"),
        "{hrefs:?}"
    );
    assert!(hrefs.iter().any(|h| h == "/principles/8"), "{hrefs:?}");
    let french = pages[1].attrs("main a", "href");
    assert!(
        french.iter().any(|h| h.starts_with("/fr/glossary#")),
        "{french:?}"
    );
    let core = pages[2].attrs("main a", "href");
    assert!(core.iter().any(|h| h == "/principles/2"), "{core:?}");
}

#[actix_web::test]
async fn supporter_pages_show_their_roles() {
    let pages = get_all(&[
        "/supporters/microsoft-private-sector-usa",
        "/fr/supporters/kaspersky_lab-private-sector-rus",
    ])
    .await;
    let microsoft = pages[0].texts("dl.facts dd").join(" | ");
    assert!(
        microsoft.contains("Co-chair of Working Group 4 (2021)"),
        "{microsoft}"
    );
    assert!(
        microsoft.contains("Named in the explanation of principle"),
        "{microsoft}"
    );
    let kaspersky = pages[1].texts("dl.facts dd").join(" | ");
    assert!(
        kaspersky.contains("Coprésident du groupe de travail 6"),
        "{kaspersky}"
    );
}

#[test]
fn the_load_refuses_a_missing_page_a_section_out_of_order_an_uncited_paragraph_and_an_unknown_supporter()
 {
    // A missing French page.
    let dir = common::content_copy();
    std::fs::remove_file(dir.path().join("principles/fr/7.md")).unwrap();
    let error = common::load_error(dir.path());
    assert!(
        error.contains("principles/fr/7.md") && error.contains("cannot read"),
        "{error}"
    );

    // Sections out of order.
    let dir = common::content_copy();
    let file = "principles/3.md";
    let line = common::line_of(dir.path(), file, "## Where it comes from");
    common::edit(
        dir.path(),
        file,
        "## Where it comes from",
        "## What is debated",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "3.md",
        line,
        "section 3 must be \"## Where it comes from\"",
    );

    // A paragraph without a citation in "What is debated".
    let dir = common::content_copy();
    let file = "principles/fr/4.md";
    let line = common::line_of(dir.path(), file, "## Ce qui fait débat");
    common::edit(
        dir.path(),
        file,
        "## Ce qui fait débat\n",
        "## Ce qui fait débat\n\nUne phrase sans source.\n",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "4.md",
        line + 2,
        "cites no source",
    );

    // A link to a supporter that does not exist.
    let dir = common::content_copy();
    let file = "principles/6.md";
    let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
    let start = text
        .find("](/supporters/")
        .expect("principle 6 links a supporter")
        + 2;
    let end = start + text[start..].find(')').unwrap();
    let link = &text[start..end];
    let line = text[..start].matches('\n').count() + 1;
    common::edit(dir.path(), file, link, "/supporters/no-such-record");
    common::assert_located(
        &common::load_error(dir.path()),
        "6.md",
        line,
        "\"no-such-record\" is not a record id",
    );
}
