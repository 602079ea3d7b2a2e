//! /changes, /changes.atom, /counts, /sitemap.xml, /robots.txt, and page metadata.

mod common;

use common::{csv_rows, get, get_all};

#[actix_web::test]
async fn changes_group_first_listings_by_month_and_never_say_withdrew() {
    let page = get("/changes").await;
    page.assert_success("page");
    let total: usize = page.count("#first-listed .month li");
    assert_eq!(total, 1222);
    let download = get("/supporters.csv").await;
    let mut rows =
        csv::Reader::from_reader(download.body.trim_start_matches('\u{feff}').as_bytes());
    let first_listed: Vec<String> = rows
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| r.unwrap()["first_listed_by"].clone())
        .collect();
    assert_eq!(first_listed.len(), 1222);
    let first_listed_in = |month: &str| {
        first_listed
            .iter()
            .filter(|day| day.starts_with(&format!("{month}-")))
            .count()
    };
    assert_eq!(page.count("#listed-2019-09 li"), first_listed_in("2019-09"));
    assert_eq!(page.count("#listed-2024-01 li"), first_listed_in("2024-01"));
    assert_eq!(page.count("#listed-2024-01 li"), 4);
    let text = page.texts("main").join(" ").to_lowercase();
    assert!(!text.contains("withdrew") || text.contains("never to have withdrawn"));
    assert!(
        !text
            .replace("never to have withdrawn", "")
            .contains("withdr")
    );
    // Reviewed departures are few; renames are shown as renames, linked to the current record.
    let renames = csv_rows("record_renames.csv");
    let departures = renames.iter().filter(|r| r["kind"] == "departure").count();
    assert_eq!(
        page.count("#no-longer-listed h3:first-of-type + ul li"),
        departures
    );
    assert!(
        page.texts("#no-longer-listed")
            .join(" ")
            .contains("EastWest Institute")
    );
    let renamed = page.texts("#no-longer-listed li").join("\n");
    assert!(
        renamed.contains("République d'argentine")
            || renamed.contains("République d’argentine")
            || renamed.contains("Argentin"),
        "{renamed}"
    );
    assert_eq!(
        page.count("#corrections li"),
        csv_rows("corrections.csv").len()
    );
}

#[actix_web::test]
async fn the_atom_feed_is_valid_and_newest_first() {
    let feed = get("/changes.atom").await;
    feed.assert_success("feed");
    assert!(feed.content_type.starts_with("application/atom+xml"));
    let doc = roxmltree::Document::parse(&feed.body).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text().map(str::to_string))
    };
    for required in ["id", "title", "updated"] {
        assert!(child(root, required).is_some(), "feed {required}");
    }
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.has_tag_name("entry"))
        .collect();
    assert!(entries.len() > 50);
    let mut ids = std::collections::HashSet::new();
    let mut previous = String::from("9999");
    for entry in &entries {
        let id = child(*entry, "id").unwrap();
        assert!(id.starts_with("tag:paris-call-observatory,2026:"), "{id}");
        // A valid tag URI (RFC 4151): no spaces, no characters outside ASCII.
        assert!(
            id.chars().all(|c| c.is_ascii_graphic()),
            "not a valid IRI: {id:?}"
        );
        assert!(ids.insert(id.clone()), "duplicate id {id}");
        let updated = child(*entry, "updated").unwrap();
        assert!(
            updated.len() == 20 && updated.ends_with("T00:00:00Z"),
            "{updated}"
        );
        assert!(updated <= previous, "newest first");
        previous = updated;
        assert!(child(*entry, "title").is_some());
        assert!(
            entry
                .children()
                .any(|c| c.has_tag_name("link") && c.attribute("href").is_some())
        );
    }
    // Entry ids do not depend on the address the site is served at.
    let again = get("/changes.atom").await;
    assert_eq!(feed.body, again.body);
}

#[actix_web::test]
async fn counts_reconcile_sources_with_the_list() {
    let page = get("/counts").await;
    let row = |date: &str| page.texts(&format!("tr[data-date='{date}'] td.total"));
    assert_eq!(row("2019-09-16"), vec!["568"]);
    // No row for a "last list before a gap": the history has none after its first day.
    let days = page.texts("tr[data-date] th");
    assert_eq!(days.len(), 7, "{days:?}");
    assert!(days.iter().all(|t| !t.contains("gap")), "{days:?}");
    assert_eq!(row("2019-11-12"), vec!["1,039"]);
    assert_eq!(row("2021-11-12"), vec!["1,218"]);
    assert_eq!(row("2024-01-19"), vec!["1,222"]);
    let states = page.texts("tr[data-date='2019-11-12'] td");
    assert_eq!(states[0], "74");
    let reported = csv_rows("reported_counts.csv");
    assert_eq!(page.count("table.reported tbody tr"), reported.len());
    assert!(
        page.attrs("table.reported tbody th a", "href")
            .iter()
            .all(|h| h.starts_with("http"))
    );
    let text = page.texts("table.reported").join(" ");
    assert!(text.contains("more than 50") && text.contains("224") && text.contains("218"));
}

#[actix_web::test]
async fn the_sitemap_lists_every_page_and_robots_points_to_it() {
    let pages = get_all(&["/sitemap.xml", "/robots.txt"]).await;
    let doc = roxmltree::Document::parse(&pages[0].body).expect("well-formed XML");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://example.test/supporters/microsoft-private-sector-usa"));
    assert!(locs.contains(&"https://example.test/countries/us"));
    assert!(locs.contains(&"https://example.test/commentary/what-critics-said"));
    assert!(locs.contains(&"https://example.test/principles/9"));
    assert!(locs.len() >= 1222 + 195 + 9 + 4);
    // Every download /data lists.
    for file in [
        "supporters.csv",
        "supporters.json",
        "countries.csv",
        "countries.json",
        "non-signatories.csv",
        "datapackage.json",
        "changes.atom",
    ] {
        assert!(
            locs.contains(&format!("https://example.test/{file}").as_str()),
            "{file}"
        );
    }
    // A page's lastmod is its own last change, not always the data's date.
    let lastmod = |loc: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name("url"))
            .find(|u| {
                u.descendants()
                    .any(|n| n.has_tag_name("loc") && n.text() == Some(loc))
            })
            .and_then(|u| u.descendants().find(|n| n.has_tag_name("lastmod")))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    let corrections = csv_rows("corrections.csv");
    let newest_correction = corrections.iter().map(|r| r["date"].clone()).max().unwrap();
    assert_eq!(lastmod("https://example.test/changes"), newest_correction);
    assert_eq!(lastmod("https://example.test/countries/us"), "2024-01-19");
    assert_ne!(lastmod("https://example.test/principles/2"), "2024-01-19");
    assert!(
        pages[1]
            .body
            .contains("Sitemap: https://example.test/sitemap.xml")
    );
}

#[actix_web::test]
async fn every_page_has_unique_metadata_and_valid_json_ld() {
    let paths = [
        "/",
        "/supporters",
        "/supporters?category=state",
        "/supporters/microsoft-private-sector-usa",
        "/supporters/albanie-state-alb",
        "/countries",
        "/countries/fr",
        "/commentary/what-critics-said",
        "/data",
        "/principles/3",
        "/changes",
        "/counts",
    ];
    let pages = get_all(&paths).await;
    let mut titles = std::collections::HashSet::new();
    for (path, page) in paths.iter().zip(&pages) {
        assert!(
            titles.insert(page.texts("head > title")[0].clone()),
            "duplicate title on {path}"
        );
        assert_eq!(
            page.attrs("meta[name=description]", "content").len(),
            1,
            "{path}"
        );
        assert_eq!(
            page.attrs("meta[property='og:title']", "content").len(),
            1,
            "{path}"
        );
        assert_eq!(
            page.attrs("meta[name='twitter:card']", "content"),
            vec!["summary_large_image"],
            "{path}"
        );
        let canonical = page.attrs("link[rel=canonical]", "href");
        assert!(canonical[0].starts_with("https://example.test/"), "{path}");
        assert_eq!(
            page.attrs("meta[property='og:url']", "content"),
            canonical,
            "{path}"
        );
        for ld in page.texts("script[type='application/ld+json']") {
            let value: serde_json::Value =
                serde_json::from_str(&ld).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(value["@context"], "https://schema.org", "{path}");
        }
        let report = page.attrs("p.report a", "href");
        assert_eq!(report.len(), 1, "{path}");
        assert!(
            report[0].starts_with("mailto:errors@example.test?subject="),
            "{path}"
        );
    }
    let ld_type = |i: usize| {
        let ld: serde_json::Value =
            serde_json::from_str(&pages[i].texts("script[type='application/ld+json']")[0]).unwrap();
        ld["@type"].as_str().unwrap().to_string()
    };
    assert_eq!(ld_type(1), "Dataset");
    assert_eq!(ld_type(3), "Organization");
    assert_eq!(ld_type(4), "GovernmentOrganization");
    assert_eq!(ld_type(7), "Article");
    assert_eq!(ld_type(8), "Dataset");
    // A filtered list describes its own files, not the whole list's.
    let filtered: serde_json::Value =
        serde_json::from_str(&pages[2].texts("script[type='application/ld+json']")[0]).unwrap();
    let files: Vec<&str> = filtered["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["contentUrl"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files
            .iter()
            .all(|url| url.contains("/supporters.") && url.ends_with("?category=state")),
        "{files:?}"
    );
    assert!(
        filtered["url"]
            .as_str()
            .unwrap()
            .ends_with("/supporters?category=state")
    );
}

#[actix_web::test]
async fn citable_pages_give_apa_chicago_and_bibtex() {
    for path in [
        "/supporters/microsoft-private-sector-usa",
        "/countries/us",
        "/supporters",
        "/countries",
    ] {
        let page = get(path).await;
        let citations = page.texts(".cite pre.citation");
        assert_eq!(citations.len(), 3, "{path}");
        let url = page.attrs("link[rel=canonical]", "href")[0].clone();
        for c in &citations {
            assert!(c.contains(&url), "{path}: {c}");
        }
        assert!(
            citations[0].contains("19 January 2024"),
            "APA carries the as-of date"
        );
        assert!(citations[2].starts_with("@misc{pco-"), "{}", citations[2]);
        assert!(citations[2].contains("Data as of 2024-01-19"));
    }
}

#[actix_web::test]
async fn a_citation_names_what_it_cites_and_the_year_of_its_content() {
    let pages = get_all(&[
        "/supporters/microsoft-private-sector-usa",
        "/fr/supporters/microsoft-private-sector-usa",
        "/countries/us",
        "/supporters",
        "/commentary/how-many-signed-at-launch",
    ])
    .await;
    let chicago = |page: &common::Response| page.texts("#citation-chicago")[0].clone();
    let apa = |page: &common::Response| page.texts("#citation-apa")[0].clone();
    assert!(
        chicago(&pages[0]).starts_with(
            "Paris Call Observatory. “Microsoft — supporter of the Paris Call for Trust and Security in Cyberspace.” Data as of 19 January 2024. Accessed "
        ),
        "{}",
        chicago(&pages[0])
    );
    assert!(apa(&pages[0]).starts_with("Paris Call Observatory. (2024). Microsoft — supporter of"));
    assert!(chicago(&pages[1]).starts_with(
        "Observatoire de l’Appel de Paris. « Microsoft — soutien de l’Appel de Paris pour la confiance et la sécurité dans le cyberespace ». Données au 19 janvier 2024."
    ));
    assert!(
        chicago(&pages[2])
            .contains("“United States and the Paris Call for Trust and Security in Cyberspace.”")
    );
    assert!(
        chicago(&pages[3])
            .contains("“Supporters of the Paris Call for Trust and Security in Cyberspace.”")
    );
    // Commentary: the year of its date (front matter), and the title's own question mark.
    let published = std::fs::read_to_string(
        common::content_dir().join("commentary/how-many-signed-at-launch.md"),
    )
    .unwrap();
    let date = published
        .lines()
        .find_map(|l| l.strip_prefix("date = \""))
        .and_then(|d| d.get(..10))
        .unwrap()
        .to_string();
    let article = chicago(&pages[4]);
    assert!(
        article.starts_with("Paris Call Observatory. “How many signed at launch?” "),
        "{article}"
    );
    assert!(
        !article.contains("?.") && !article.contains("?”."),
        "{article}"
    );
    assert!(apa(&pages[4]).starts_with(&format!(
        "Paris Call Observatory. ({}). How many signed at launch? Retrieved",
        &date[..4]
    )));
    assert_eq!(pages[4].attrs(".cite p time", "datetime")[0], date);
    assert!(pages[4].texts("#citation-bibtex")[0].contains(&format!("year = {{{}}}", &date[..4])));
}

#[actix_web::test]
async fn citations_have_copy_buttons_from_our_own_script_and_select_whole_without_it() {
    let page = get("/supporters/microsoft-private-sector-usa").await;
    assert_eq!(
        page.attrs("button.copy[hidden]", "data-copy"),
        vec!["citation-apa", "citation-chicago", "citation-bibtex"],
        "hidden until the script shows them"
    );
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(
        page.count("script:not([src]):not([type='application/ld+json'])"),
        0,
        "no inline script"
    );
    let scripts = page.attrs("script[src]", "src");
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0].starts_with("/static/js/copy.") && scripts[0].ends_with(".js"));
    let script = get(&scripts[0]).await;
    script.assert_success("script");
    assert!(
        script.content_type.contains("javascript"),
        "{}",
        script.content_type
    );
    assert!(script.body.contains("navigator.clipboard"));
    let css = get(&page.attrs("link[rel=stylesheet]", "href")[0]).await;
    assert!(css.body.contains(".citation{user-select:all"));
    // Pages without a citation load no script at all.
    assert_eq!(get("/about").await.count("script[src]"), 0);
}

#[actix_web::test]
async fn corrections_show_on_the_pages_they_affect() {
    let pages = get_all(&[
        "/countries/ro",
        "/commentary/how-the-press-reported-the-call",
        "/principles/4",
        "/supporters?country=ro",
        "/fr/commentary/how-the-press-reported-the-call",
    ])
    .await;
    assert_eq!(pages[0].count("ul.corrections li"), 1);
    let press = pages[1].texts("ul.corrections li").join(" ");
    assert!(press.contains("Security Today"), "{press}");
    assert_eq!(pages[2].count("ul.corrections li"), 0);
    let french = pages[4].texts("ul.corrections li").join(" ");
    assert!(
        french.contains("Security Today") && french.contains("Pourquoi"),
        "{french}"
    );
    // Each correction has a stable anchor: its key.
    let ids = pages[0].attrs("ul.corrections li", "id");
    assert_eq!(ids, ["correction-2026-12-01-iso-code-wording"]);
    let romanian = pages[3].attrs("table.supporters tbody th a", "href")[0].clone();
    let supporter = get(&romanian).await;
    assert_eq!(supporter.count("ul.corrections li"), 1, "{romanian}");
}

#[actix_web::test]
async fn a_range_applies_to_every_section_of_changes() {
    let pages = get_all(&["/changes", "/changes?from=2021-01-01&to=2021-12-31"]).await;
    let (whole, range) = (&pages[0], &pages[1]);
    let days = |page: &common::Response, section: &str| -> Vec<String> {
        page.attrs(&format!("{section} time"), "datetime")
    };
    // The whole history has entries first listed in 2019 and 2024: the test can fail.
    let all_listed = days(whole, "#first-listed");
    assert!(all_listed.iter().any(|d| d.starts_with("2019")));
    assert!(all_listed.iter().any(|d| d.starts_with("2024")));
    // With a range, each section keeps only what happened after the list of `from` up to
    // and including `to`.
    for section in ["#first-listed", "#no-longer-listed", "#corrections"] {
        for day in days(range, section) {
            assert!(
                ("2021-01-02"..="2021-12-31").contains(&day.as_str()),
                "{section}: {day}"
            );
        }
    }
    let listed = range.count("#first-listed .month li");
    assert!(listed > 0, "2021 has first listings");
    let joined: usize = range.texts("#joined-count")[0].parse().unwrap();
    assert!(listed <= joined, "{listed} first listed, {joined} joined");
    assert!(
        days(whole, "#no-longer-listed").len() > days(range, "#no-longer-listed").len(),
        "departures outside the range are gone"
    );
    assert_eq!(range.count("#range-note"), 1);
    assert_eq!(whole.count("#range-note"), 0);
}
