//! /countries, /countries/{iso2}, /non-signatories and /disputed.

mod common;

use actix_web::http::StatusCode;
use common::{csv_rows, get, get_all};

#[actix_web::test]
async fn every_un_member_is_listed_with_its_status() {
    let page = get("/countries").await;
    page.assert_success("page");
    let codes = page.attrs("table.countries tbody tr", "data-iso2");
    for row in csv_rows("un_member_states.csv") {
        assert!(codes.contains(&row["iso2"]), "{}", row["iso2"]);
    }
    assert_eq!(codes.len(), 193 + 2, "193 UN members plus TW and VA");
    assert_eq!(page.count("table.countries .tag"), 2);
    let state_supporters = csv_rows("official_records.csv")
        .into_iter()
        .filter(|r| r["category"] == "state")
        .count();
    assert_eq!(
        page.count("table.countries tr[data-status=supporter]"),
        state_supporters
    );
    assert_eq!(
        page.texts("td[data-status=supporter]"),
        vec![state_supporters.to_string()]
    );
    // Russia and China: sourced non-signatories. Ghana: a disputed claim. Brazil: simply not listed.
    for (code, status) in [
        ("RU", "non_signatory"),
        ("CN", "non_signatory"),
        ("GH", "disputed"),
        ("BR", "not_listed"),
        ("US", "supporter"),
    ] {
        assert_eq!(
            page.attrs(&format!("tr[data-iso2={code}]"), "data-status"),
            vec![status],
            "{code}"
        );
    }
    assert!(
        page.texts(".lead")
            .join(" ")
            .contains("does not mean “refused”")
    );
}

#[actix_web::test]
async fn countries_filter_by_status_and_region() {
    let pages = get_all(&[
        "/countries?status=non_signatory",
        "/countries?region=europe&status=supporter",
    ])
    .await;
    let statuses = pages[0].attrs("table.countries tbody tr", "data-status");
    assert!(!statuses.is_empty() && statuses.iter().all(|s| s == "non_signatory"));
    let europe: Vec<String> = csv_rows("un_member_states.csv")
        .into_iter()
        .filter(|c| c["region"] == "Europe")
        .map(|c| c["iso2"].clone())
        .collect();
    let codes = pages[1].attrs("table.countries tbody tr", "data-iso2");
    assert!(!codes.is_empty() && codes.iter().all(|c| europe.contains(c)));
}

#[actix_web::test]
async fn the_us_page_shows_its_change_of_status() {
    let page = get("/countries/us").await;
    page.assert_success("page");
    assert!(page.texts(".status-line").join("").contains("Supporter"));
    let history = page.texts("ol.timeline li");
    let text = history.join("\n");
    assert!(text.contains("12 November 2018"), "{text}");
    // Each day the sources give for the announcement, with its own source.
    for day in ["10 November 2021", "11 November 2021", "12 November 2021"] {
        assert!(text.contains(&format!("{day}:")), "{day} in {text}");
    }
    assert!(
        text.contains("11 November 2021: In the official list by this date"),
        "{text}"
    );
    // Told once: no second "joined" line from the state's own entry.
    assert!(!text.contains("Joined, according to"), "{text}");
    let launch = history
        .iter()
        .position(|l| l.contains("12 November 2018"))
        .unwrap();
    let joined = history
        .iter()
        .position(|l| l.starts_with("10 November 2021"))
        .unwrap();
    assert!(launch < joined, "history must read in order");
    for line in &history {
        assert!(
            line.contains('(') && line.contains(')'),
            "unsourced: {line}"
        );
    }
    assert!(
        page.count("a[href^='/supporters/']") > 50,
        "US organisations are listed"
    );
}

#[actix_web::test]
async fn timelines_read_in_date_order_without_contradictions() {
    let pages = get_all(&[
        "/countries/au",
        "/countries/gh",
        "/countries/ke",
        "/countries/nz",
    ])
    .await;
    // Australia: absent at the launch, then reported as having signed (a month, placed after
    // the launch day), then in the list.
    let au = pages[0].texts("ol.timeline li");
    assert!(au[0].starts_with("12 November 2018"), "{au:?}");
    assert!(au[1].starts_with("December 2018"), "{au:?}");
    // Ghana: a dated claim, and no sentence saying nothing dated was found.
    let gh = pages[1].texts("main").join(" ");
    assert!(!gh.contains("No dated statement"), "{gh}");
    assert!(pages[1].texts("ol.timeline li")[0].starts_with("December 2018"));
    assert!(
        pages[1]
            .texts(".status-line")
            .join("")
            .contains("Disputed claim")
    );
    // Kenya: only expected to join, so not a disputed claim.
    assert!(
        pages[2]
            .texts(".status-line")
            .join("")
            .contains("Not in the official list")
    );
    // New Zealand: the sources disagree, and the page says so.
    let nz = pages[3].texts("main").join(" ");
    assert!(nz.contains("Axios") && nz.contains("ZDNet"), "{nz}");
}

#[actix_web::test]
async fn country_codes_are_lower_case_and_unknown_ones_are_not_found() {
    let pages = get_all(&[
        "/countries/US",
        "/countries/zz",
        "/countries/usa",
        "/countries/tw",
    ])
    .await;
    pages[0].assert_redirect("/countries/us");
    assert_eq!(pages[1].status, StatusCode::NOT_FOUND);
    assert_eq!(pages[2].status, StatusCode::NOT_FOUND);
    pages[3].assert_success("pages[3]");
}

#[actix_web::test]
async fn non_signatories_and_disputed_claims_are_sourced_statements() {
    let pages = get_all(&["/non-signatories", "/disputed"]).await;
    let states = pages[0].texts("section.statement h2");
    assert_eq!(states.len(), 9, "{states:?}");
    assert!(
        states
            .iter()
            .any(|s| s.starts_with("United States") && s.contains("now: Supporter"))
    );
    assert!(
        states
            .iter()
            .any(|s| s.starts_with("Australia") && s.contains("now: Supporter"))
    );
    // Every statement cites its sources, by name, each linked.
    assert_eq!(
        pages[0].count("ol.timeline li"),
        csv_rows("non_signatories.csv").len()
    );
    assert_eq!(
        pages[0].count("ol.timeline li .cite"),
        csv_rows("non_signatories.csv").len()
    );

    let claims = pages[1].texts("section.statement h2");
    assert_eq!(
        claims,
        vec![
            "Ghana disputed claim",
            "Kenya expected to join, per a report",
            "Rwanda expected to join, per a report",
            "Cybersecurity Tech Accord disputed claim"
        ]
    );
}
