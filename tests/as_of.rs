//! The official list on a past day (`as_of` on pages, downloads and the API), the honest
//! "no list" answers before the repository began, `/changes?from&to`, and the growth chart.
//! (A stretch with no list after that day is tested on a fixture in tests/import.rs.)

mod common;

use actix_web::http::StatusCode;
use common::{get, get_all};

/// The counts the history gives (from the data README), as (day, entries, states).
const COUNTS: [(&str, usize, Option<usize>); 7] = [
    ("2019-09-16", 568, None),
    ("2019-10-17", 602, None),
    ("2019-11-12", 1039, Some(74)),
    ("2020-11-06", 1111, None),
    ("2021-11-12", 1218, Some(80)),
    ("2022-01-11", 1218, Some(81)),
    ("2024-01-19", 1222, Some(81)),
];

#[actix_web::test]
async fn the_list_on_a_day_has_the_history_counts() {
    let paths: Vec<String> = COUNTS
        .iter()
        .map(|(day, _, _)| format!("/supporters?as_of={day}"))
        .collect();
    let pages = get_all(&paths.iter().map(String::as_str).collect::<Vec<_>>()).await;
    for ((day, entries, states), page) in COUNTS.iter().zip(&pages) {
        page.assert_success(day);
        let total = page.texts("#total")[0].replace(',', "");
        assert_eq!(total, entries.to_string(), "{day}");
        assert_eq!(page.count("table.supporters tbody tr"), *entries, "{day}");
        if let Some(states) = states {
            assert_eq!(
                page.count("table[data-category=state] tbody tr"),
                *states,
                "{day}"
            );
        }
        // The page says which day it shows, and links back to today's list.
        let lead = page.texts(".notice-box").join(" ");
        assert!(lead.contains("The official list as it stood on"), "{lead}");
        assert!(
            page.attrs(".notice-box a", "href")
                .contains(&"/supporters".to_string())
        );
    }
    assert!(
        pages[2].texts(".notice-box")[0].contains("12 November 2019: 1,039 entries (74 states)")
    );
}

#[actix_web::test]
async fn downloads_and_the_api_give_the_list_on_a_day() {
    let [csv, json, api, countries, us_then, us_later] = get_all(&[
        "/supporters.csv?as_of=2019-11-12",
        "/supporters.json?as_of=2019-11-12&category=state",
        "/api/v1/supporters?as_of=2021-11-12&per_page=1",
        "/countries.json?as_of=2019-11-12&status=supporter",
        "/api/v1/countries/us?as_of=2019-11-12",
        "/countries/us?as_of=2022-01-11",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1039);
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("2019-11-12")
    );
    let json = json.json();
    assert_eq!(json["total"], 74);
    assert_eq!(json["data_as_of"], "2019-11-12");
    let api = api.json();
    assert_eq!(api["total"], 1218);
    assert_eq!(api["data_as_of"], "2021-11-12");
    assert_eq!(countries.json()["total"], 74);
    // The United States was a notable non-signatory in 2019 and a supporter by 2022.
    assert_eq!(us_then.json()["status"], "non_signatory");
    assert!(
        us_later
            .texts(".status-line")
            .join(" ")
            .contains("Supporter")
    );
    assert!(
        us_later
            .texts(".notice-box")
            .join(" ")
            .contains("11 January 2022")
    );
}

#[actix_web::test]
async fn days_before_the_repository_say_so() {
    let [launch, launch_api] = get_all(&[
        "/supporters?as_of=2018-11-12",
        "/api/v1/countries?as_of=2018-12-01",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    // Before the repository: only sourced join dates and press counts.
    launch.assert_success("launch");
    assert_eq!(launch.count("table.supporters"), 0);
    assert!(
        launch
            .texts(".notice-box")
            .join(" ")
            .contains("16 September 2019")
    );
    let joined = launch.texts("#joined-heading + p + ul li").join(" ");
    assert!(
        joined.contains("Microsoft") && joined.contains("Canada"),
        "{joined}"
    );
    assert!(!joined.contains("United States"), "{joined}");
    let press = launch.texts("#press-heading ~ ul li").join(" ");
    assert!(
        press.contains("14 November 2018: Security Today"),
        "{press}"
    );
    assert!(!press.contains("2019"), "{press}");
    // Files cannot carry a notice: a 400 that names the parameter and the first list.
    assert_eq!(
        launch_api.status,
        StatusCode::BAD_REQUEST,
        "{}",
        launch_api.body
    );
    assert_eq!(launch_api.json()["parameter"], "as_of");
    assert!(
        launch_api.body.contains("2019-09-16"),
        "{}",
        launch_api.body
    );
}

#[actix_web::test]
async fn the_list_stands_while_the_records_were_in_supporters_en() {
    // From 25 October to 9 November 2019 the official records stood in `_supporters_en/`:
    // the list of those days is shown, not a gap. University of Lima was removed on 29 October.
    let [moved, removed, csv, api, countries] = get_all(&[
        "/supporters?as_of=2019-10-25",
        "/supporters?as_of=2019-10-30",
        "/supporters.csv?as_of=2019-11-01",
        "/api/v1/supporters?as_of=2019-11-09&per_page=1",
        "/countries?as_of=2019-11-05",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    for (page, entries) in [(&moved, 602), (&removed, 601)] {
        page.assert_success("page");
        assert_eq!(page.count("table.supporters tbody tr"), entries);
        let lead = page.texts(".notice-box").join(" ");
        assert!(lead.contains("The official list as it stood on"), "{lead}");
        assert!(!lead.contains("held no list"), "{lead}");
    }
    let names = |page: &common::Response| page.texts("table.supporters tbody th").join(" | ");
    assert!(names(&moved).contains("University of Lima"));
    assert!(!names(&removed).contains("University of Lima"));
    csv.assert_success("csv");
    let mut reader = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.records().count(), 601);
    api.assert_success("api");
    assert_eq!(api.json()["total"], 601);
    countries.assert_success("countries");
    assert!(countries.count("table.countries tbody tr") > 0);
    assert!(
        !countries
            .texts(".notice-box")
            .join(" ")
            .contains("held no list"),
        "{}",
        countries.body
    );
}

#[actix_web::test]
async fn bad_days_are_400s_naming_the_parameter() {
    let tomorrow = time::OffsetDateTime::now_utc().date().next_day().unwrap();
    let future = format!(
        "/supporters?as_of={}-{:02}-{:02}",
        tomorrow.year(),
        u8::from(tomorrow.month()),
        tomorrow.day()
    );
    let paths = [
        future.as_str(),
        "/supporters?as_of=2019-13-01",
        "/supporters?as_of=2019-11",
        "/countries?as_of=yesterday",
        "/countries/fr?as_of=2019-02-30",
        "/supporters.json?as_of=12-11-2019",
        "/changes?from=2019-11-12&to=2019-10-17",
        "/changes?to=2030-01-01",
        "/changes?from=2019-09-15",
        "/fr/supporters?as_of=demain",
    ];
    let pages = get_all(&paths).await;
    for (path, page) in paths.iter().zip(&pages) {
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        let parameter = if path.contains("from=2019-09-15") || path.contains("from=2019-11-12") {
            "from"
        } else if path.contains("to=") {
            "to"
        } else {
            "as_of"
        };
        let named = page
            .texts(".problem code")
            .first()
            .cloned()
            .unwrap_or_default();
        let named = if named.is_empty() {
            page.json()["parameter"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        } else {
            named
        };
        assert_eq!(named, parameter, "{path}: {}", page.body);
    }
}

#[actix_web::test]
async fn changes_between_two_days_pair_renames_and_keep_departures() {
    let [renamed, departed, default] = get_all(&[
        "/changes?from=2019-10-17&to=2019-11-12",
        "/changes?from=2021-01-01&to=2021-06-01",
        "/changes",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    renamed.assert_success("renamed");
    // "ACN (Alliance pour la Confiance Numérique)" was re-filed as "Alliance pour la
    // Confiance Numérique (ACN)": one body renamed, not one leaving and another joining.
    let left = renamed.texts("[data-change=left] li").join(" | ");
    let joined = renamed.texts("[data-change=joined] li").join(" | ");
    assert!(
        !left.contains("ACN (Alliance pour la Confiance Numérique)"),
        "{left}"
    );
    assert!(
        !joined.contains("Alliance pour la Confiance Numérique (ACN)"),
        "{joined}"
    );
    let renames = renamed.texts("[data-change=renamed] li").join(" | ");
    assert!(
        renames.contains("ACN (Alliance pour la Confiance Numérique) → Alliance pour la Confiance Numérique (ACN)"),
        "{renames}"
    );
    assert_eq!(renamed.texts("#from-total"), ["602"]);
    assert_eq!(renamed.texts("#to-total"), ["1,039"]);
    // Body by body: 602 entries were 600 bodies (two bodies had a second entry, reviewed as
    // duplicates), and 600 + joined − left = 1,039.
    assert_eq!(renamed.texts("#duplicates"), ["2 and 0"]);
    let joined_count: usize = renamed.texts("#joined-count")[0].parse().unwrap();
    let left_count: usize = renamed.texts("#left-count")[0].parse().unwrap();
    assert_eq!(600 + joined_count - left_count, 1039);
    // A real departure is listed, by category, as no longer in the list, without a page.
    assert!(
        departed
            .texts("[data-change=left][data-category=civil_society] li")
            .contains(&"EastWest Institute".to_string())
    );
    assert_eq!(departed.count("[data-change=left] li a[href*=east]"), 0);
    // Joined entries link to their pages; the default covers the whole history.
    assert!(default.count("[data-change=joined] li a[href^='/supporters/']") > 600);
    assert_eq!(default.texts("#from-total"), ["568"]);
    assert_eq!(default.texts("#to-total"), ["1,222"]);
    assert_eq!(
        default.attrs("link[rel=canonical]", "href"),
        ["https://example.test/changes"]
    );
    assert!(
        renamed.attrs("link[rel=canonical]", "href")[0]
            .ends_with("/changes?from=2019-10-17&to=2019-11-12")
    );
}

#[actix_web::test]
async fn states_keep_one_name_across_days() {
    // The official list names states in French; a state listed under today's French name is
    // shown as it is today, not as a rename, on every day and on its own page.
    let [whole, before_last, later, badge, germany] = get_all(&[
        "/changes",
        "/supporters?as_of=2024-01-18&category=state",
        "/changes?from=2025-01-01",
        "/badge.svg?as_of=2019-11-12",
        "/supporters/allemagne-state-deu",
    ])
    .await
    .try_into()
    .ok()
    .unwrap();
    let renamed = whole.texts("[data-change=renamed] li").join(" | ");
    assert!(!renamed.contains("Allemagne"), "{renamed}");
    assert!(
        renamed.contains("République d'argentine") || renamed.contains("Argentine"),
        "{renamed}"
    );
    let states = before_last.texts("table.supporters tbody th");
    assert!(states.contains(&"Germany".to_string()), "{states:?}");
    assert_eq!(
        germany.count(".facts ul.plain"),
        0,
        "no earlier names for Germany"
    );
    // A day after the last change compares that day with itself rather than failing.
    later.assert_success("later");
    assert_eq!(later.texts("#joined-count"), ["0"]);
    assert!(badge.body.contains("1,039"), "{}", badge.body);
}

#[actix_web::test]
async fn the_growth_chart_is_drawn_with_its_data_and_press_counts() {
    let [counts, supporters] = get_all(&["/counts", "/supporters"])
        .await
        .try_into()
        .ok()
        .unwrap();
    for page in [&counts, &supporters] {
        assert_eq!(page.count("figure.growth-chart svg path.series"), 5);
        assert_eq!(page.count("figure.growth-chart svg circle.press"), 6);
        let data = page.texts(".chart-data tbody tr").join(" | ");
        assert!(data.contains("Security Today"), "{data}");
        assert!(data.contains("> 50"), "{data}");
        assert!(data.contains("12 November 2019"), "{data}");
        let labels = page.texts("figure.growth-chart text").join(" ");
        for figure in [
            "224",
            "92",
            "51",
            "> 50",
            "States: 81",
            "Private sector: 708",
        ] {
            assert!(labels.contains(figure), "{figure}: {labels}");
        }
        // The only stretch without a list is before the repository began.
        let caption = page.texts("figure.growth-chart figcaption").join(" ");
        assert!(
            caption.contains("no list in the repository: before 16 September 2019."),
            "{caption}"
        );
        assert!(!data.contains("no list in the repository"), "{data}");
        // Every change day is a row, linked to the list on that day.
        assert!(page.count(".chart-data tbody a[href^='/supporters?as_of=']") > 70);
    }
}

#[actix_web::test]
async fn the_press_page_sets_the_text_beside_its_reports() {
    let page = get("/commentary/how-the-press-reported-the-call").await;
    page.assert_success("page");
    let text = page.texts("main").join(" ");
    for needle in ["or integrity", "Security Today", "370", "224", "72", "136"] {
        assert!(text.contains(needle), "{needle}");
    }
    assert!(page.count(".prose table") >= 2);
    let links = page.attrs(".prose a", "href");
    assert!(links.iter().any(|l| l.contains("securitytoday.com")));
    assert!(links.iter().any(|l| l.contains("itsocial.fr")));
    assert!(links.iter().any(|l| l.contains("sharing4good.org")));
}
