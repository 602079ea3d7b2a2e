//! The sources registry: every source listed on /sources, references rendered from it,
//! quotations checked against stored texts, research notes kept off public pages.

mod common;

use paris_call_observatory::AppState;
use scraper::{ElementRef, Html, Node, Selector};

#[actix_web::test]
async fn every_source_is_listed_with_the_pages_that_cite_it() {
    let rows = common::csv_rows("../sources.csv");
    let pages = common::get_all(&["/sources", "/fr/sources"]).await;
    for page in &pages {
        assert_eq!(page.status, 200);
        let ids = page.attrs(".sources-list > li", "id");
        assert_eq!(ids.len(), rows.len(), "one entry per registry row");
        for row in &rows {
            assert!(ids.contains(&row["id"]), "{} is not listed", row["id"]);
        }
        // A reference links the source under its title, never under a bare URL.
        for text in page.texts(".sources-list > li > a:first-of-type") {
            assert!(!text.starts_with("http"), "bare URL as link text: {text}");
        }
    }
    let en = &pages[0];
    let axios = en.texts("#axios-2018-11-13").join(" ");
    assert!(
        axios.contains("Axios, “More than 50 nations, but not U.S., sign onto cybersecurity pact”, 13 November 2018"),
        "{axios}"
    );
    // The pages listed as citing a source exist.
    let cited_on = en.attrs("#axios-2018-11-13 .small a", "href");
    assert!(
        cited_on.iter().any(|h| h == "/countries/cn"),
        "{cited_on:?}"
    );
    // Page prose cites inline as well as in footnotes: the home page's opening cites the
    // ministry's page on the Call.
    let on_home = en.attrs("#diplomatie-paris-call-en .small a", "href");
    assert!(on_home.iter().any(|h| h == "/"), "{on_home:?}");
    let paths: Vec<&str> = cited_on.iter().map(String::as_str).collect();
    for res in common::get_all(&paths).await {
        assert_eq!(res.status, 200);
    }
    assert!(
        pages[1]
            .texts("#axios-2018-11-13")
            .join(" ")
            .contains("13 novembre 2018")
    );
}

#[actix_web::test]
async fn a_page_lists_its_own_sources_at_its_foot() {
    let pages = common::get_all(&["/countries/us", "/fr/non-signatories", "/counts"]).await;
    for page in &pages {
        let listed = page.attrs(".page-sources li", "id");
        assert!(!listed.is_empty(), "no list of sources");
        // Every source cited inline is in the page's list, and nothing else.
        let inline: Vec<String> = page.attrs("main .cite a", "href");
        for href in &inline {
            let found = page
                .attrs(".page-sources li a", "href")
                .iter()
                .any(|h| h == href);
            assert!(found, "{href} is cited but not listed");
        }
    }
    let us = &pages[0];
    let ids = us.attrs(".page-sources li", "id");
    for id in [
        "source-axios-via-f1tym1-2021-11-11",
        "source-diplomatie-us-support-2021-11-11",
        "source-incyber-us-joins-2021-11",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
    }
}

#[actix_web::test]
async fn commentary_cites_with_references_not_urls() {
    let res = common::get("/commentary/how-the-press-reported-the-call").await;
    assert_eq!(res.status, 200);
    let notes = res.texts(".footnote-definition");
    assert!(notes.len() > 5, "{notes:?}");
    // Numbered in reading order.
    let labels = res.texts(".footnote-definition-label");
    let numbers: Vec<usize> = labels.iter().map(|l| l.parse().unwrap()).collect();
    assert_eq!(numbers, (1..=numbers.len()).collect::<Vec<_>>());
    assert!(
        notes.iter().any(|n| n.contains(
            "Security Today, “U.S. Doesn't Sign Macron's Cybersecurity Pact”, 14 November 2018"
        )),
        "{notes:?}"
    );
    for text in res.texts("main a") {
        assert!(!text.trim_start().starts_with("http"), "bare URL: {text}");
    }
    assert_eq!(res.texts("h2#sources").len(), 1);
}

#[test]
fn an_unknown_source_id_stops_the_load() {
    let dir = common::content_copy();
    let file = "commentary/what-critics-said.md";
    let line = common::line_of(dir.path(), file, "[@wired-2018-11-via-osae]");
    common::edit(
        dir.path(),
        file,
        "[@wired-2018-11-via-osae]",
        "[@wired-2018-11-via-osea]",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "what-critics-said.md",
        line,
        "unknown source id \"wired-2018-11-via-osea\"",
    );

    let dir = common::content_copy();
    let line = common::line_of(
        dir.path(),
        "data/non_signatories.csv",
        ",lca-news-afp-2019-11,",
    );
    common::edit(
        dir.path(),
        "data/non_signatories.csv",
        ",lca-news-afp-2019-11,",
        ",lca-news-2019-11,",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "non_signatories.csv",
        line,
        "unknown source id \"lca-news-2019-11\"",
    );
}

#[test]
fn an_altered_quotation_stops_the_load_with_the_closest_passage() {
    let dir = common::content_copy();
    let file = "data/non_signatories.csv";
    let line = common::line_of(dir.path(), file, "Iran,IR,");
    common::edit(
        dir.path(),
        file,
        "“Russia, China, Iran and Israel didn't sign, either.”",
        "“Russia, China, Iran and Israel refused to sign, either.”",
    );
    let error = common::load_error(dir.path());
    common::assert_located(
        &error,
        "non_signatories.csv",
        line,
        "is not in the stored text",
    );
    assert!(error.contains("closest passage"), "{error}");
    assert!(error.contains("didn't sign"), "the source's words: {error}");

    // In Markdown too, at the line of the paragraph.
    let dir = common::content_copy();
    let file = "pages/counts.md";
    let line = common::line_of(dir.path(), file, "now includes 74 nations");
    common::edit(
        dir.path(),
        file,
        "now includes 74 nations",
        "now includes 75 nations",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "counts.md",
        line,
        "“now includes 75 nations” is not in the stored text of \"dig-watch-2019-11\"",
    );
}

#[test]
fn a_quotation_of_a_source_without_a_stored_text_is_refused() {
    let dir = common::content_copy();
    let file = "pages/counts.md";
    let line = common::line_of(dir.path(), file, "(ITSocial, November 2018)");
    // The list's history has no stored text: its words cannot be quoted, only counted.
    common::edit(
        dir.path(),
        file,
        "the official list never held more than 81 state entries.[^h]",
        "the official list \"never held more than 81 state entries\".[^h]",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "counts.md",
        line,
        "\"official-list-history\", which has no stored text",
    );
}

#[test]
fn research_notes_in_public_columns_stop_the_load() {
    for (file, from, to, words) in [
        (
            "data/disputed.csv",
            "Six Ghanaian organisations are listed.",
            "Treat Ghana as NOT a listed state supporter.",
            "note to ourselves",
        ),
        (
            "data/non_signatories.csv",
            "The exact day Australia signed is not known.",
            "See non_signatories.csv for the exact day.",
            "names a file",
        ),
        (
            "data/reported_counts.csv",
            "This figure is wrong:",
            "Per facts.md this figure is wrong:",
            "research notes",
        ),
        (
            "commentary/what-the-paris-call-is.md",
            "The Paris Call",
            "The Paris Call (snapshot 916433b)",
            "snapshot",
        ),
    ] {
        let dir = common::content_copy();
        let line = common::line_of(dir.path(), file, from);
        common::edit(dir.path(), file, from, to);
        let name = file.rsplit('/').next().unwrap();
        common::assert_located(&common::load_error(dir.path()), name, line, words);
    }
}

#[test]
fn the_registry_refuses_duplicates_bad_dates_and_sources_nobody_cites() {
    let dir = common::content_copy();
    let line = common::line_of(dir.path(), "sources.csv", "techdirt-2018-11-13,");
    common::edit(
        dir.path(),
        "sources.csv",
        "axios-2018-11-13,\"More",
        "techdirt-2018-11-13,\"More",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "sources.csv",
        line,
        "duplicate id \"techdirt-2018-11-13\"",
    );

    let dir = common::content_copy();
    let line = common::line_of(dir.path(), "sources.csv", "axios-2018-11-13,");
    common::edit(
        dir.path(),
        "sources.csv",
        ",2018-11-13,https://www.axios",
        ",2018-13-13,https://www.axios",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "sources.csv",
        line,
        "published",
    );

    let dir = common::content_copy();
    let text = std::fs::read_to_string(dir.path().join("sources.csv")).unwrap();
    let lines = text.lines().count();
    std::fs::write(
        dir.path().join("sources.csv"),
        format!("{text}uncited-2020,A title,A publisher,,2020,https://example.org/,2026-12-01,,en,other,,\n"),
    )
    .unwrap();
    common::assert_located(
        &common::load_error(dir.path()),
        "sources.csv",
        lines + 1,
        "\"uncited-2020\" is never cited",
    );
}

#[test]
fn a_translated_quotation_is_checked_in_its_original_words() {
    let dir = common::content_copy();
    let file = "pages/fr/counts.md";
    let page = std::fs::read_to_string(dir.path().join(file)).unwrap();
    assert!(page.contains("[^dig]: [@dig-watch-2019-11]"));
    // Our French words, marked as our translation of the source's English.
    common::edit(
        dir.path(),
        file,
        "« now includes 74 nations »",
        "« compte désormais 74 nations »",
    );
    common::edit(
        dir.path(),
        file,
        "[^dig]: [@dig-watch-2019-11]",
        "[^dig]: [@dig-watch-2019-11, original: \"now includes 74 nations\"]",
    );
    let db = tempfile::TempDir::new().unwrap();
    AppState::load(&common::config(dir.path(), &db.path().join("x.sqlite")))
        .unwrap_or_else(|e| panic!("a marked translation loads: {e}"));

    let line = common::line_of(dir.path(), file, "[^dig]: [@dig-watch");
    common::edit(
        dir.path(),
        file,
        "original: \"now includes 74 nations\"",
        "original: \"now includes 75 nations\"",
    );
    let _ = line;
    let error = common::load_error(dir.path());
    assert!(error.contains("counts.md:"), "{error}");
    assert!(
        error.contains("“now includes 75 nations” is not in"),
        "{error}"
    );
}

/// Words of our research notes that must never reach a reader.
fn research_note(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    for (needle, what) in [
        ("facts.md", "facts.md"),
        ("sources.md", "SOURCES.md"),
        ("status change", "STATUS CHANGE"),
        ("snapshot", "snapshot"),
        ("principles.yml", "a config file as a source"),
        ("_config.yml", "a config file as a source"),
        ("treat ", "a reminder"),
    ] {
        if lower.contains(needle) {
            if needle == "treat " && !text.contains(" as NOT") {
                continue;
            }
            return Some(what);
        }
    }
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || "_.-".contains(c))) {
        let word = word.trim_matches(|c| c == '.' || c == '-');
        // Our own downloads may be named; other files may not be cited as sources.
        let download = ["supporters.csv", "countries.csv", "non-signatories.csv"].contains(&word);
        if let Some((stem, ext)) = word.rsplit_once('.')
            && ["csv", "yml", "md"].contains(&ext)
            && !stem.is_empty()
            && !download
        {
            return Some("a data or note file named as a source");
        }
        let hex = (7..=40).contains(&word.len())
            && word
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && word.bytes().any(|b| b.is_ascii_digit())
            && word.bytes().any(|b| b.is_ascii_alphabetic());
        if hex {
            return Some("a commit hash");
        }
    }
    None
}

/// The text of `element` outside links to our downloads and outside code.
fn prose(element: ElementRef, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                out.push_str(text);
                out.push(' ');
            }
            Node::Element(e) => {
                let download = e.name() == "a"
                    && e.attr("href").is_some_and(|h| {
                        h.starts_with('/') && (h.ends_with(".csv") || h.ends_with(".json"))
                    });
                if !download && !["code", "pre", "script"].contains(&e.name()) {
                    prose(ElementRef::wrap(child).unwrap(), out);
                }
            }
            _ => {}
        }
    }
}

#[actix_web::test]
async fn no_page_in_the_sitemap_shows_a_research_note_or_a_bare_url() {
    let sitemap = common::get("/sitemap.xml").await;
    let locs: Vec<String> = roxmltree::Document::parse(&sitemap.body)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .map(|u| u.trim_start_matches("https://example.test").to_string())
        .filter(|p| !p.ends_with(".csv") && !p.ends_with(".json"))
        .collect();
    assert!(locs.len() > 2000, "{}", locs.len());
    let paths: Vec<&str> = locs.iter().map(String::as_str).collect();
    let main = Selector::parse("main").unwrap();
    let links = Selector::parse("main a").unwrap();
    let mut problems = Vec::new();
    for (path, res) in paths.iter().zip(common::get_all(&paths).await) {
        assert_eq!(res.status, 200, "{path}");
        let html = Html::parse_document(&res.body);
        let mut text = String::new();
        for m in html.select(&main) {
            prose(m, &mut text);
        }
        if let Some(what) = research_note(&text) {
            problems.push(format!("{path}: {what}"));
        }
        for a in html.select(&links) {
            let label: String = a.text().collect();
            if label.trim_start().starts_with("http") {
                problems.push(format!("{path}: bare URL as link text {label:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
