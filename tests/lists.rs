//! Lists people can use: the private sector by its official nature, and what each filter
//! does to the page, the downloads and the API.

mod common;

use actix_web::http::StatusCode;
use common::{csv_rows, get_all};

fn total(page: &common::Response) -> usize {
    page.texts("#total")[0].replace(',', "").parse().unwrap()
}

/// Private-sector records of the official list whose `nature` field is `nature` (trimmed,
/// case aside), counted from the official file itself.
fn private_sector_with_nature(nature: &str) -> usize {
    csv_rows("official_records.csv")
        .iter()
        .filter(|r| r["category"] == "private-sector")
        .filter(|r| r["nature"].trim().to_lowercase() == nature)
        .count()
}

#[actix_web::test]
async fn the_private_sector_filters_by_its_official_nature() {
    let pages = get_all(&[
        "/supporters?category=private_sector",
        "/supporters?nature=company",
        "/supporters?nature=trade_association",
        "/supporters?nature=other",
        "/supporters?nature=not_given",
        "/supporters?nature=company&country=fr",
        "/supporters.csv?nature=company&country=fr",
        "/supporters.csv?nature=not_given",
        "/api/v1/supporters?nature=trade_association&per_page=500",
        "/supporters?nature=company&category=state",
    ])
    .await;
    for page in &pages {
        assert_eq!(page.status, StatusCode::OK);
    }
    let [all, company, trade, other, not_given] = [0, 1, 2, 3, 4].map(|i| total(&pages[i]));
    assert_eq!(company, private_sector_with_nature("entreprise"));
    assert_eq!(
        trade,
        private_sector_with_nature("association professionnelle")
    );
    assert_eq!(not_given, private_sector_with_nature(""));
    assert_eq!(
        not_given, 95,
        "the issue's count of private-sector entries without a nature"
    );
    assert!(other > 0);
    assert_eq!(
        company + trade + other + not_given,
        all,
        "the four groups split the sector"
    );
    // Only private-sector entries, whatever their nature elsewhere (one civil-society
    // record says "Entreprise").
    for page in &pages[1..5] {
        assert_eq!(page.count("table.supporters"), 1);
        assert_eq!(
            page.attrs("table.supporters", "data-category"),
            ["private_sector"]
        );
    }
    // French companies, one click: the page and its CSV agree, and every row says Entreprise.
    let french = total(&pages[5]);
    assert!(french > 10, "{french}");
    let mut reader = csv::Reader::from_reader(pages[6].body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), french);
    for row in &rows {
        assert_eq!(&row[at("nature")], "Entreprise");
        assert_eq!(&row[at("country_iso2")], "FR");
        assert_eq!(&row[at("category")], "private_sector");
    }
    let mut reader = csv::Reader::from_reader(pages[7].body.as_bytes());
    let empty = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r[at("nature")].is_empty() && &r[at("category")] == "private_sector")
        .count();
    assert_eq!(empty, 95, "\"nature not given\" is exactly the empty field");
    let api = pages[8].json();
    assert_eq!(api["total"], trade);
    assert!(
        api["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["nature"].as_str().unwrap().trim() == "Association professionnelle")
    );
    // Another category and a nature: well-formed, matches nothing.
    assert_eq!(total(&pages[9]), 0);
}

#[actix_web::test]
async fn the_nature_filter_is_in_the_form_the_canonical_link_and_the_labels() {
    let pages = get_all(&[
        "/supporters?utm_source=x&country=FR&nature=company",
        "/fr/supporters?nature=not_given",
        "/supporters?nature=companies",
        "/fr/supporters?nature=Company",
        "/supporters.csv?nature=x",
        "/api/v1/supporters?nature=",
    ])
    .await;
    let en = &pages[0];
    assert_eq!(
        en.attrs("link[rel=canonical]", "href"),
        ["https://example.test/supporters?nature=company&country=fr"]
    );
    assert_eq!(en.attrs("#f-nature option[selected]", "value"), ["company"]);
    assert_eq!(en.count("#f-nature option"), 5);
    let active = en.texts(".active-filters li");
    assert!(
        active.contains(&"Private sector: Companies ×".to_string()),
        "{active:?}"
    );
    assert!(
        en.attrs(".downloads a", "href")
            .contains(&"/supporters.xlsx?nature=company&country=fr".to_string())
    );
    let fr = &pages[1];
    let active = fr.texts(".active-filters li");
    assert!(
        active.contains(&"Secteur privé : Nature non indiquée ×".to_string()),
        "{active:?}"
    );
    assert!(
        fr.texts("#f-nature option")
            .contains(&"Associations professionnelles".to_string())
    );
    // Unknown values: the same bilingual 400 as the other filters, naming the values.
    for page in &pages[2..4] {
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        let text = page.texts("main").join(" ");
        assert!(text.contains("nature"), "{text}");
        assert!(
            text.contains("trade_association") && text.contains("not_given"),
            "{text}"
        );
    }
    assert!(pages[3].texts("main").join(" ").contains("valeur inconnue"));
    assert_eq!(pages[4].status, StatusCode::BAD_REQUEST);
    assert!(pages[4].content_type.starts_with("text/csv"));
    assert_eq!(
        pages[5].status,
        StatusCode::BAD_REQUEST,
        "the API refuses empty values"
    );
}

#[actix_web::test]
async fn on_phones_the_form_folds_and_the_tables_keep_their_first_columns() {
    let pages = get_all(&[
        "/supporters",
        "/supporters?country=fr",
        "/fr/supporters?category=state",
        "/countries",
        "/countries?status=supporter",
    ])
    .await;
    let (all, filtered, states, countries) = (&pages[0], &pages[1], &pages[2], &pages[3]);
    // A <details> around the form: folded without filters, open with one.
    assert_eq!(
        all.count("details.filter-panel > summary + form.filters"),
        1
    );
    assert_eq!(all.count("details.filter-panel[open]"), 0);
    assert_eq!(filtered.count("details.filter-panel[open]"), 1);
    assert_eq!(states.count("details.filter-panel[open]"), 1);
    assert_eq!(
        states.texts("details.filter-panel > summary"),
        ["Filtrer la liste"]
    );
    // The countries form folds the same way.
    assert_eq!(
        countries.count("details.filter-panel:not([open]) > summary + form.filters"),
        1
    );
    assert_eq!(
        pages[4].count("details.filter-panel[open] > form.filters"),
        1
    );
    // Each table is one category: no column repeats it.
    assert_eq!(
        states.texts("table.supporters thead th"),
        [
            "Nom",
            "Pays",
            "Inscrit au plus tard le",
            "Adhésion (sourcée)"
        ]
    );
    assert_eq!(states.count("table.supporters tbody tr:first-child > *"), 4);
    // What phones drop is marked, header and cells alike; the first columns never are.
    assert_eq!(
        all.count("table.supporters thead th.secondary"),
        all.count("table.supporters")
    );
    assert_eq!(
        all.count("table.supporters tbody td.secondary"),
        all.count("table.supporters tbody tr")
    );
    assert_eq!(countries.count("table.countries thead th.secondary"), 2);
    assert_eq!(countries.count("table.countries tbody th.secondary"), 0);
    let css = common::get_all(&[&all.attrs("link[rel=stylesheet]", "href")[0]]).await;
    let css = &css[0].body;
    assert!(css.contains("table .secondary, table.supporters .code{display:none}"));
    assert!(css.contains(".filter-panel::details-content"));
}

/// The text of `page`'s main content outside passages marked `lang="en"`.
fn french_text(page: &common::Response) -> String {
    let html = page.html();
    let main = html
        .select(&scraper::Selector::parse("main").unwrap())
        .next()
        .unwrap();
    let mut text = String::new();
    for node in main.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let english = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| e.attr("lang") == Some("en") || e.name() == "code")
        });
        if !english {
            text.push_str(t);
        }
    }
    text
}

#[actix_web::test]
async fn french_pages_use_one_apostrophe_and_mark_english_passages() {
    let mut paths: Vec<String> = std::fs::read_dir(common::content_dir().join("commentary/fr"))
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            format!("/fr/commentary/{}", name.trim_end_matches(".md"))
        })
        .collect();
    assert!(paths.len() >= 5);
    paths.extend(
        // Not the lists: names stay as the official list writes them.
        [
            "/fr/",
            "/fr/about",
            "/fr/data",
            "/fr/counts",
            "/fr/commentary",
        ]
        .map(String::from),
    );
    paths.push("/fr/principles/1".to_string());
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let pages = get_all(&refs).await;
    for (path, page) in paths.iter().zip(&pages) {
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let text = french_text(page);
        if let Some(at) = straight_apostrophe(&text) {
            panic!(
                "{path}: straight apostrophe in French text: …{}…",
                &text[at.saturating_sub(40)..(at + 20).min(text.len())]
            );
        }
    }
    // Every English-only commentary listed on a French page says so.
    for page in &pages {
        let html = page.html();
        let english_items = scraper::Selector::parse("main li[lang=en]").unwrap();
        for item in html.select(&english_items) {
            let text: String = item.text().collect();
            assert!(text.contains("en anglais uniquement"), "{text}");
        }
    }
}

/// The byte offset of an apostrophe written `'` between two letters, if any.
fn straight_apostrophe(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    chars.windows(3).find_map(|w| {
        (w[1].1 == '\'' && w[0].1.is_alphabetic() && w[2].1.is_alphabetic()).then_some(w[1].0)
    })
}
