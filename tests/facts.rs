//! The fact box that opens country and supporter pages: a sentence derived from the data,
//! its attribution line, the official list's own page, and when the list last changed and
//! was last checked (also on the list pages).

mod common;

use actix_web::http::StatusCode;
use common::{Response, csv_rows, get_all};

/// The box's sentence, whitespace collapsed.
fn lead(page: &Response) -> String {
    assert_eq!(page.status, StatusCode::OK);
    let found = page.texts(".fact-box .fact-lead");
    assert_eq!(found.len(), 1, "one fact box");
    found[0].clone()
}

fn assert_says(page: &Response, parts: &[&str]) {
    let text = lead(page);
    for part in parts {
        assert!(text.contains(part), "{part:?} not in {text:?}");
    }
}

/// Entries in the official list as it stood after `day`, counted from the history file.
fn entries_on(day: &str) -> usize {
    csv_rows("official_list_history.csv")
        .into_iter()
        .filter(|r| r["listed_from"].as_str() <= day)
        .filter(|r| r["listed_until"].is_empty() || r["listed_until"].as_str() > day)
        .count()
}

/// The `checked` day of official_source.toml, as `YYYY-MM-DD`.
fn checked_day() -> String {
    let text =
        std::fs::read_to_string(common::content_dir().join("data/official_source.toml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("checked"))
        .expect("a checked line");
    line.split('"').nth(1).unwrap().to_string()
}

#[actix_web::test]
async fn country_pages_open_with_a_sentence_from_the_data() {
    let pages = get_all(&[
        "/countries/us",
        "/fr/countries/us",
        "/countries/de",
        "/fr/countries/de",
        "/countries/cn",
        "/fr/countries/cn",
        "/countries/au",
        "/fr/countries/au",
        "/countries/gh",
    ])
    .await;
    // The United States: sources disagree on the day, and the sentence says so, each day cited.
    let us_days: Vec<String> = csv_rows("join_dates.csv")
        .into_iter()
        .filter(|r| r["id"] == "united_states-state-usa")
        .map(|r| r["day"].clone())
        .collect();
    assert_eq!(us_days, ["2021-11-10", "2021-11-11", "2021-11-12"]);
    assert_says(
        &pages[0],
        &[
            "The United States joined the Paris Call in November 2021 (10 November (",
            "), 11 November (",
            ") or 12 November (",
            "), depending on the source) and has been in the official list since 11 November 2021 (",
            "it was not among the signers at the launch on 12 November 2018 (Axios",
        ],
    );
    for day in &us_days {
        let cited = pages[0].count(&format!(".fact-lead time[datetime=\"{day}\"] + .cite a"));
        assert!(cited >= 1, "{day} is not cited");
    }
    assert_says(
        &pages[1],
        &[
            "États-Unis : adhésion à l’Appel de Paris en novembre 2021 (le 10 novembre (",
            ") ou le 12 novembre (",
            "selon les sources), et dans sa liste officielle depuis le 11 novembre 2021 (",
            "pas au nombre des signataires lors du lancement, le 12 novembre 2018 (",
        ],
    );
    // Germany signed at the launch; its first day in the list is the repository's first day.
    let first_day = csv_rows("official_list_history.csv")
        .into_iter()
        .map(|r| r["listed_from"].clone())
        .min()
        .unwrap();
    assert_eq!(first_day, "2019-09-16");
    assert_says(
        &pages[2],
        &[
            "Germany has supported the Paris Call since its launch on 12 November 2018 (Techdirt",
            "has been in the official list since at least 16 September 2019, the first day of the official repository",
        ],
    );
    assert!(!lead(&pages[2]).contains("not among"));
    assert_says(
        &pages[3],
        &["Allemagne : soutien de l’Appel de Paris depuis son lancement, le 12 novembre 2018 ("],
    );
    // China is not listed: the count and date are the list's.
    let entries = csv_rows("official_records.csv").len();
    assert_eq!(entries, entries_on("2024-01-19"));
    let en_count = format!("{},{:03}", entries / 1000, entries % 1000);
    assert_says(
        &pages[4],
        &[
            &format!(
                "China is not in the official list of supporters of the Paris Call ({en_count} entries as of 19 January 2024)"
            ),
            "it was not among the signers at the launch on 12 November 2018",
        ],
    );
    // The page writes a no-break space, which the text helper reads as a space.
    let fr_count = format!("{} {:03}", entries / 1000, entries % 1000);
    assert_says(
        &pages[5],
        &[&format!(
            "Chine : pas d’entrée dans la liste officielle des soutiens de l’Appel de Paris ({fr_count} entrées au 19 janvier 2024)"
        )],
    );
    // Australia joined later in 2018 and was reported absent at the launch.
    assert_says(
        &pages[6],
        &[
            "Australia joined the Paris Call in 2018 (The Hill)",
            "it was not among the signers at the launch on 12 November 2018",
        ],
    );
    assert_says(
        &pages[7],
        &["Australie : adhésion à l’Appel de Paris en 2018 (The Hill)"],
    );
    // Ghana: a claim the official list does not confirm.
    assert_says(
        &pages[8],
        &[
            "is not in the official list",
            "a source says it signed or joined, which the official list does not confirm (",
        ],
    );
}

#[actix_web::test]
async fn supporter_pages_open_with_a_sentence_from_the_data() {
    let pages = get_all(&[
        "/supporters/cisco-private-sector-usa",
        "/supporters/aker_asa-private-sector-nor",
        "/fr/supporters/aker_asa-private-sector-nor",
        "/supporters/united_states-state-usa",
        "/fr/supporters/united_states-state-usa",
        "/supporters/dell-private-sector-usa",
    ])
    .await;
    // A launch signer, from the press.
    assert_says(
        &pages[0],
        &["Cisco has supported the Paris Call since its launch on 12 November 2018 (Techdirt)"],
    );
    // A later joiner, dated by the official record itself.
    let aker = csv_rows("official_records.csv")
        .into_iter()
        .find(|r| r["record_file"] == "aker_asa-private-sector-NOR.md")
        .unwrap();
    assert_eq!(aker["date_signed"], "2021-09-01");
    assert_says(
        &pages[1],
        &[
            "Aker ASA joined the Paris Call on 1 September 2021 (Supporters of the Paris Call (official list))",
        ],
    );
    assert_says(
        &pages[2],
        &["Aker ASA : adhésion à l’Appel de Paris le 1er septembre 2021 ("],
    );
    // A disputed date, on the state's own entry, with its absence at the launch.
    assert_says(
        &pages[3],
        &[
            "The United States joined the Paris Call in November 2021 (10 November (",
            "depending on the source",
            "it was not among the signers at the launch",
        ],
    );
    assert_says(
        &pages[4],
        &["selon les sources", "pas au nombre des signataires"],
    );
    // No join date in any source: only the list's own dates.
    let dell = lead(&pages[5]);
    assert!(
        dell.starts_with(
            "Dell has been in the official list of supporters of the Paris Call since"
        ),
        "{dell}"
    );
    assert!(!dell.contains("joined"), "{dell}");
}

#[actix_web::test]
async fn the_box_gives_an_attribution_line_and_the_official_list() {
    let pages = get_all(&[
        "/countries/de",
        "/fr/countries/de",
        "/supporters/cisco-private-sector-usa",
        "/countries/us?as_of=2020-06-01",
    ])
    .await;
    let expected = [
        (
            "Source: Paris Call Observatory, from the official list as of 19 January 2024, ",
            "https://pariscall.international/en/supporters",
        ),
        (
            "Source : Observatoire de l’Appel de Paris, d’après la liste officielle au 19 janvier 2024, ",
            "https://pariscall.international/fr/supporters",
        ),
        (
            "Source: Paris Call Observatory, from the official list as of 19 January 2024, ",
            "https://pariscall.international/en/supporters",
        ),
        (
            "Source: Paris Call Observatory, from the official list as of 1 June 2020, ",
            "https://pariscall.international/en/supporters",
        ),
    ];
    for (page, (attribution, official)) in pages.iter().zip(expected) {
        let canonical = page.attrs("link[rel=canonical]", "href");
        assert_eq!(canonical.len(), 1);
        assert_eq!(
            page.texts(".fact-box .attribution .paste"),
            vec![format!("{attribution}{}", canonical[0])]
        );
        assert_eq!(page.count(&format!(".fact-box a[href=\"{official}\"]")), 1);
    }
    // A listed entry links its record at the pinned commit; a state not listed has none.
    let record = pages[2].attrs(".fact-box .fact-links a", "href");
    assert!(
        record.iter().any(
            |h| h.contains("/blob/") && h.ends_with("/_supporters/cisco-private-sector-USA.md")
        ),
        "{record:?}"
    );
    assert_eq!(pages[3].count(".fact-box .fact-links a"), 1);
}

#[actix_web::test]
async fn on_a_past_day_the_box_speaks_of_that_day() {
    let pages = get_all(&[
        "/countries/us?as_of=2020-06-01",
        "/countries/us?as_of=2022-01-01",
        "/fr/countries/us?as_of=2022-01-01",
    ])
    .await;
    let before = format!("{}", entries_on("2020-06-01"));
    let before = format!("{},{}", &before[..1], &before[1..]);
    assert_says(
        &pages[0],
        &[&format!(
            "On 1 June 2020, the United States was not in the official list of supporters of the Paris Call ({before} entries that day)"
        )],
    );
    assert!(!lead(&pages[0]).contains("joined"));
    let after = format!("{}", entries_on("2022-01-01"));
    let after = format!("{},{}", &after[..1], &after[1..]);
    assert_says(
        &pages[1],
        &[&format!(
            "On 1 January 2022, the United States was in the official list of supporters of the Paris Call ({after} entries that day), where it had been since 11 November 2021"
        )],
    );
    assert_says(
        &pages[2],
        &[
            "États-Unis, au 1er janvier 2022 : dans la liste officielle des soutiens de l’Appel de Paris (",
        ],
    );
}

#[actix_web::test]
async fn the_lists_and_the_boxes_say_when_the_list_changed_and_was_checked() {
    let checked = checked_day();
    let pages = get_all(&[
        "/supporters",
        "/countries",
        "/countries/cn",
        "/supporters/cisco-private-sector-usa",
        "/fr/supporters",
        "/fr/countries",
        "/data",
    ])
    .await;
    for page in &pages[..4] {
        assert_eq!(page.status, StatusCode::OK);
        let line = page.texts(".list-dates");
        assert_eq!(line.len(), 1);
        assert!(
            line[0].starts_with(
                "List last changed 19 January 2024 · checked against the official repository on "
            ),
            "{line:?}"
        );
        assert_eq!(
            page.attrs(".list-dates time", "datetime"),
            vec!["2024-01-19".to_string(), checked.clone()]
        );
    }
    for page in &pages[4..6] {
        let line = page.texts(".list-dates");
        assert!(
            line[0].starts_with("Liste modifiée pour la dernière fois le 19 janvier 2024 · comparée au dépôt officiel le "),
            "{line:?}"
        );
    }
    // /data gives the same checked day.
    assert_eq!(
        pages[6].attrs("#official-source time", "datetime").last(),
        Some(&checked)
    );
}

#[test]
fn a_join_day_outside_the_join_date_is_refused() {
    let dir = common::content_copy();
    let file = "data/join_dates.csv";
    let row = "united_states-state-usa,2021-11-12,";
    let line = common::line_of(dir.path(), file, row);
    common::edit(dir.path(), file, row, "united_states-state-usa,2021-12-12,");
    common::assert_located(
        &common::load_error(dir.path()),
        "join_dates.csv",
        line,
        "within the entry's `joined`",
    );
}
