//! /supporters and /supporters/{id}: counts, filters, sorting, 400s and permanent ids.

mod common;

use actix_web::http::StatusCode;
use common::{csv_rows, get, get_all, request_in};

/// Row ids (record ids) listed on a /supporters page, in order.
fn ids(page: &common::Response) -> Vec<String> {
    page.attrs("table.supporters tbody th a", "href")
        .into_iter()
        .map(|h| h.trim_start_matches("/supporters/").to_string())
        .collect()
}

#[actix_web::test]
async fn the_full_list_has_every_entry_grouped_by_category() {
    let page = get("/supporters").await;
    page.assert_success("page");
    assert_eq!(page.texts("#total"), vec!["1,222"]);
    for (category, anchor, count) in [
        ("state", "states", 81),
        ("public_authority", "public-authorities", 37),
        ("private_sector", "private-sector", 708),
        ("civil_society", "civil-society", 391),
        ("other", "uncategorised", 5),
    ] {
        assert_eq!(
            page.count(&format!("section#{anchor} tbody tr")),
            count,
            "{category}"
        );
        assert_eq!(
            page.count(&format!("table[data-category={category}] tbody tr")),
            count
        );
    }
    assert_eq!(page.count("table.supporters tbody tr"), 1222);
    assert_eq!(ids(&page).len(), common::supporter_rows().len());
}

#[actix_web::test]
async fn filters_narrow_the_list() {
    let rows = common::supporter_rows();
    let paths = [
        "/supporters?category=state",
        "/supporters?country=fr",
        "/supporters?country=FR&category=private_sector",
        "/supporters?category=state&category=public_authority",
        "/supporters?region=oceania",
        "/supporters?joined=2018",
        "/supporters?listed=2024",
        "/supporters?q=SOCIETE",
    ];
    let pages = get_all(&paths).await;

    assert_eq!(pages[0].count("table.supporters tbody tr"), 81);
    assert_eq!(pages[0].texts("#total"), vec!["81"]);

    let french = rows.iter().filter(|r| r["country_iso2"] == "FR").count();
    assert_eq!(pages[1].count("table.supporters tbody tr"), french);
    assert!(
        pages[1]
            .texts("table.supporters tbody td .code")
            .iter()
            .all(|c| c == "FR")
    );

    let french_companies = rows
        .iter()
        .filter(|r| r["country_iso2"] == "FR" && r["category"] == "private_sector")
        .count();
    assert_eq!(
        pages[2].count("table.supporters tbody tr"),
        french_companies
    );

    assert_eq!(pages[3].count("table.supporters tbody tr"), 81 + 37);

    let oceania: Vec<String> = csv_rows("un_member_states.csv")
        .into_iter()
        .filter(|c| c["region"] == "Oceania")
        .map(|c| c["iso2"].clone())
        .collect();
    let expected = rows
        .iter()
        .filter(|r| oceania.contains(&r["country_iso2"]))
        .count();
    assert_eq!(pages[4].count("table.supporters tbody tr"), expected);

    let joined_2018 = rows
        .iter()
        .filter(|r| r["joined"].starts_with("2018"))
        .count();
    assert_eq!(pages[5].count("table.supporters tbody tr"), joined_2018);

    let listed_2024 = rows
        .iter()
        .filter(|r| r["listed_since"].starts_with("2024-"))
        .count();
    assert_eq!(pages[6].count("table.supporters tbody tr"), listed_2024);
    assert!(listed_2024 > 0);

    let names = pages[7].texts("table.supporters tbody th");
    assert!(!names.is_empty());
    assert!(
        names
            .iter()
            .all(|n| n.to_lowercase().contains("société") || n.to_lowercase().contains("societe")),
        "{names:?}"
    );
}

#[actix_web::test]
async fn active_filters_link_to_the_list_without_them() {
    let page = get("/supporters?category=state&country=fr").await;
    let links = page.attrs(".active-filters li a", "href");
    assert_eq!(
        links,
        vec!["/supporters?country=fr", "/supporters?category=state"]
    );
    assert_eq!(page.count("form.filters input[name=category][checked]"), 1);
    assert_eq!(
        page.attrs("form.filters button[type=submit]", "type").len(),
        1
    );
}

#[actix_web::test]
async fn no_results_is_a_proper_page_saying_what_was_filtered() {
    let page = get("/supporters?category=state&q=zzzzzz").await;
    page.assert_success("page");
    let text = page.texts(".no-results").join(" ");
    assert!(text.contains("zzzzzz") && text.contains("State"), "{text}");
}

#[actix_web::test]
async fn sorting_orders_rows_within_each_category() {
    let pages = get_all(&[
        "/supporters?category=state&sort=name",
        "/supporters?category=state&sort=-name",
        "/supporters?category=state&sort=-listed",
    ])
    .await;
    let names = pages[0].texts("table.supporters tbody th");
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted);
    let reversed = pages[1].texts("table.supporters tbody th");
    assert_eq!(reversed.first(), names.last());
    let listed = pages[2].attrs("table.supporters tbody td time", "datetime");
    assert!(listed.first().unwrap() >= listed.last().unwrap());
}

#[actix_web::test]
async fn bad_values_get_a_400_naming_the_parameter_and_its_values() {
    let cases = [
        (
            "/supporters?category=foo",
            "category",
            Some("private_sector"),
        ),
        ("/supporters?country=ZZ", "country", Some("fr")),
        ("/supporters?country=france", "country", None),
        ("/supporters?sort=drop", "sort", Some("-name")),
        ("/supporters?region=atlantis", "region", Some("Europe")),
        ("/supporters?listed=1999", "listed", None),
        ("/supporters?joined=abc", "joined", None),
        ("/supporters?sort=name&sort=-name", "sort", None),
        ("/supporters?per_page=501", "per_page", None),
        ("/supporters?per_page=0", "per_page", None),
        ("/supporters?per_page=100&page=99", "page", None),
        ("/countries?status=refused", "status", Some("not_listed")),
        ("/countries?sort=x", "sort", Some("-organisations")),
    ];
    let paths: Vec<&str> = cases.iter().map(|c| c.0).collect();
    for ((path, parameter, allowed), page) in cases.iter().zip(get_all(&paths).await) {
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(page.content_type.starts_with("text/html"), "{path}");
        assert_eq!(
            page.texts(".problem code").first().map(String::as_str),
            Some(*parameter),
            "{path}"
        );
        if let Some(value) = allowed {
            assert!(
                page.texts(".allowed code").contains(&value.to_string()),
                "{path}"
            );
        }
    }
}

#[actix_web::test]
async fn a_long_query_is_refused_and_junk_never_causes_a_500() {
    let long = format!("/supporters?q={}", "a".repeat(201));
    let paths = [
        long.as_str(),
        "/supporters?q=%ff%fe%00",
        "/supporters?q=%%%",
        "/supporters?category=%ZZ",
        "/supporters?q='%20OR%201=1--",
        "/supporters?&&&==&",
    ];
    let pages = get_all(&paths).await;
    assert_eq!(pages[0].status, StatusCode::BAD_REQUEST);
    for (path, page) in paths.iter().zip(&pages) {
        assert!(page.status.as_u16() < 500, "{path}: {}", page.status);
    }
}

#[actix_web::test]
async fn api_style_pagination_splits_the_list() {
    let pages = get_all(&[
        "/supporters?per_page=500",
        "/supporters?per_page=500&page=3",
    ])
    .await;
    assert_eq!(pages[0].count("table.supporters tbody tr"), 500);
    assert_eq!(pages[1].count("table.supporters tbody tr"), 222);
    assert_eq!(
        pages[0].attrs("a[rel=next]", "href"),
        vec!["/supporters?per_page=500&page=2"]
    );
}

#[actix_web::test]
async fn a_supporter_page_shows_its_record_and_sources() {
    let page = get("/supporters/microsoft-private-sector-usa").await;
    page.assert_success("page");
    assert_eq!(page.texts("h1"), vec!["Microsoft"]);
    let facts = page.texts("dl.facts dd").join(" | ");
    for expected in [
        "Private sector",
        "Entreprise",
        "United States",
        "12 November 2018",
        "by 16 September 2019",
    ] {
        assert!(facts.contains(expected), "{expected} in {facts}");
    }
    assert!(page.attrs("dl.facts a", "href").iter().any(|h| h.ends_with(
        "916433b20a70ce587db86de70b108ce21a25c551/_supporters/microsoft-private-sector-USA.md"
    )));
    // The join date and the note cite their sources by name, listed in full at the foot.
    let cited = page.texts("dl.facts .cite").join(" ");
    for source in ["WIRED", "Techdirt", "MIT Technology Review"] {
        assert!(cited.contains(source), "{source} in {cited}");
    }
    let listed = page.attrs(".page-sources li", "id");
    assert!(listed.len() >= 3, "{listed:?}");
    // The explanation of the first-listed date applies to this entry (listed on day one).
    assert!(
        page.texts(".explainer")
            .join(" ")
            .contains("on or before 16 September 2019")
    );
    // A corrections of another state's entry is not shown here.
    assert_eq!(page.count("ul.corrections li"), 0);
    assert!(
        page.texts(".citation")
            .join("")
            .contains("https://example.test/supporters/microsoft-private-sector-usa")
    );
}

#[actix_web::test]
async fn a_join_date_taken_from_the_record_cites_the_record() {
    // Aker ASA's join date is its record's own `date_signed`: the date cites that record,
    // in both languages, rather than the whole official list.
    for path in [
        "/supporters/aker_asa-private-sector-nor",
        "/fr/supporters/aker_asa-private-sector-nor",
    ] {
        let page = get(path).await;
        page.assert_success(path);
        let cites = page.attrs(
            "dl.facts dd > time[datetime='2021-09-01'] + .cite a",
            "href",
        );
        assert!(
            cites.first().is_some_and(|h| h.ends_with(
                "916433b20a70ce587db86de70b108ce21a25c551/_supporters/aker_asa-private-sector-NOR.md"
            )),
            "{path}: {cites:?}"
        );
        // The whole list is the folder (`/tree/…/_supporters`).
        assert!(
            !cites.iter().any(|h| h.contains("/tree/")),
            "{path}: {cites:?}"
        );
    }
}

#[actix_web::test]
async fn ids_in_another_case_redirect_to_the_canonical_one() {
    let page = get("/supporters/Microsoft-Private-Sector-USA").await;
    page.assert_redirect("/supporters/microsoft-private-sector-usa");
}

#[actix_web::test]
async fn an_earlier_record_file_redirects_to_the_same_body_today() {
    // "ACN (Alliance pour la Confiance Numérique)" was re-filed under another record in 2019;
    // the reviewed rename pairs the old file with today's record. In French too, and the API.
    let [page, french, api, earlier] = get_all(&[
        "/supporters/acn_alliance_pour_la_confiance_numerique",
        "/fr/supporters/ACN_Alliance_pour_la_confiance_numerique",
        "/api/v1/supporters/acn_alliance_pour_la_confiance_numerique",
        "/supporters/alliance_pour_la_confiance_numerique_acn-private-sector-fra",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    let today = "alliance_pour_la_confiance_numerique_acn-private-sector-fra";
    page.assert_redirect(&format!("/supporters/{today}"));
    french.assert_redirect(&format!("/fr/supporters/{today}"));
    api.assert_redirect(&format!("/api/v1/supporters/{today}"));
    // Today's page names the body's earlier name in the list.
    let earlier_names = earlier.texts(".facts ul.plain li").join(" | ");
    assert!(
        earlier_names.contains("ACN (Alliance pour la Confiance Numérique)"),
        "{earlier_names}"
    );
}

#[actix_web::test]
async fn a_renamed_supporter_keeps_its_url() {
    let dir = common::content_copy();
    let path = dir.path().join("data/supporters.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "microsoft-private-sector-usa,,",
            "microsoft-private-sector-usa,Microsoft Corporation,",
            1,
        ),
    )
    .unwrap();
    let page = request_in(
        dir.path(),
        "GET",
        "/supporters/microsoft-private-sector-usa",
    )
    .await;
    page.assert_success("page");
    assert_eq!(page.texts("h1"), vec!["Microsoft Corporation"]);
}
