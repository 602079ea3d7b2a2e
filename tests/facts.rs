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

/// The address of a source of the registry.
fn source_url(id: &str) -> String {
    csv_rows("../sources.csv")
        .into_iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no source {id}"))["url"]
        .clone()
}

/// The addresses the box's sentence links, in order.
fn lead_links(page: &Response) -> Vec<String> {
    page.attrs(".fact-box .fact-lead a", "href")
}

/// The sources a row of `file` gives for `column`, where `key` is `value`.
fn row_sources(file: &str, key: &str, value: &str, column: &str) -> Vec<String> {
    csv_rows(file)
        .into_iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("{file}: no row with {key} {value}"))[column]
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// The box's attribution line, and the page's canonical URL.
fn attribution(page: &Response) -> (String, String) {
    let canonical = page.attrs("link[rel=canonical]", "href");
    assert_eq!(canonical.len(), 1);
    let line = page.texts(".fact-box .attribution .paste");
    assert_eq!(line.len(), 1);
    (line[0].clone(), canonical[0].clone())
}

#[actix_web::test]
async fn the_united_states_joined_on_the_days_its_sources_give() {
    let pages = get_all(&[
        "/countries/us",
        "/fr/countries/us",
        "/supporters/united_states-state-usa",
        "/fr/supporters/united_states-state-usa",
    ])
    .await;
    // join_dates.csv holds only days a source gives for the announcement; 11 November, the
    // date of items that name no day, is the list's own first day and said as such.
    let us_days: Vec<String> = csv_rows("join_dates.csv")
        .into_iter()
        .filter(|r| r["id"] == "united_states-state-usa")
        .map(|r| r["day"].clone())
        .collect();
    assert_eq!(us_days, ["2021-11-10", "2021-11-12"]);
    let en =
        "The United States was not among the signers at the launch on 12 November 2018 (Axios; ";
    let joined = "but joined the Paris Call in November 2021 — on 10 November according to Axios \
        (excerpt reprinted by f1tym1) and TrustNet, on 12 November according to inCyber — and has \
        been in the official list since 11 November 2021 (History of the official supporters list).";
    for page in [&pages[0], &pages[2]] {
        let text = lead(page);
        assert!(text.starts_with(en), "{text}");
        assert!(text.ends_with(joined), "{text}");
        // The 11th appears once: as the first day in the list, not as a source's day.
        assert_eq!(page.count(".fact-lead time[datetime=\"2021-11-11\"]"), 1);
        let links = lead_links(page);
        for day in &us_days {
            for id in row_sources("join_dates.csv", "day", day, "source_ids") {
                assert!(links.contains(&source_url(&id)), "{day}: {id} not linked");
            }
        }
        for id in [
            "diplomatie-us-support-2021-11-11",
            "official-news-us-eu-join-2021",
        ] {
            assert!(
                !links.contains(&source_url(id)),
                "{id} gives no day, yet is cited"
            );
        }
    }
    let fr_start =
        "États-Unis : pas parmi les signataires au lancement, le 12 novembre 2018 (Axios ; ";
    let fr_joined = "mais adhésion à l’Appel de Paris en novembre 2021, le 10 novembre selon Axios \
        (excerpt reprinted by f1tym1) et TrustNet, le 12 novembre selon inCyber ; entrée dans la \
        liste officielle le 11 novembre 2021 (";
    for page in [&pages[1], &pages[3]] {
        let text = lead(page);
        assert!(text.starts_with(fr_start), "{text}");
        assert!(text.contains(fr_joined), "{text}");
    }
}

#[actix_web::test]
async fn country_pages_open_with_a_sentence_from_the_data() {
    let pages = get_all(&[
        "/countries/de",
        "/fr/countries/de",
        "/countries/nl",
        "/countries/gb",
        "/countries/cn",
        "/fr/countries/cn",
        "/countries/ru",
        "/countries/au",
        "/fr/countries/au",
        "/countries/gh",
        "/fr/countries/gh",
        "/countries/ca",
    ])
    .await;
    // Germany: its sources report that all EU member states signed, and the data says so
    // (`joined_scope`); its first day in the list is the day the repository's history begins.
    let first_day = csv_rows("official_list_history.csv")
        .into_iter()
        .map(|r| r["listed_from"].clone())
        .min()
        .unwrap();
    assert_eq!(first_day, "2019-09-16");
    assert_eq!(
        row_sources(
            "supporters.csv",
            "id",
            "allemagne-state-deu",
            "joined_scope"
        ),
        ["eu_member_states"]
    );
    assert_says(
        &pages[0],
        &[
            "Germany signed at the launch on 12 November 2018, as reports say all EU member states did (Techdirt; ",
            "), and has been in the official list since at least 16 September 2019, when the official repository's history begins (",
        ],
    );
    assert!(!lead(&pages[0]).contains("not among"));
    assert_says(
        &pages[1],
        &[
            "Allemagne : signature lors du lancement, le 12 novembre 2018, comme tous les États membres de l’Union européenne selon les sources (Techdirt ; ",
            ") ; dans la liste officielle depuis au moins le 16 septembre 2019, date où commence l’historique du dépôt officiel (",
        ],
    );
    assert_says(
        &pages[2],
        &[
            "The Netherlands signed at the launch on 12 November 2018, as reports say all EU member states did (",
        ],
    );
    // The United Kingdom is named by Axios, not only by the EU-wide reports.
    assert!(
        row_sources(
            "supporters.csv",
            "id",
            "royaume_uni-state-gbr",
            "joined_scope"
        )
        .is_empty()
    );
    assert_says(
        &pages[3],
        &[
            "The United Kingdom has supported the Paris Call since its launch on 12 November 2018 (Techdirt; ",
        ],
    );
    // China is not listed: the count and date are the list's, in one citation.
    let entries = csv_rows("official_records.csv").len();
    assert_eq!(entries, entries_on("2024-01-19"));
    let en_count = format!("{},{:03}", entries / 1000, entries % 1000);
    assert_says(
        &pages[4],
        &[&format!(
            "China is not among the {en_count} entries of the official list of supporters of the Paris Call as of 19 January 2024 (Supporters of the Paris Call (official list)); it was not among the signers at the launch on 12 November 2018 (Axios; "
        )],
    );
    // The absence cites its reporters, never the list (which names Chinese companies).
    let list = source_url("official-list");
    assert!(
        row_sources("non_signatories.csv", "name", "China", "source_ids")
            .contains(&"official-list".to_string())
    );
    for page in [&pages[4], &pages[6]] {
        assert_eq!(
            lead_links(page).iter().filter(|h| **h == list).count(),
            1,
            "{}",
            lead(page)
        );
        let absence = page.attrs(".fact-lead .cite:last-of-type a", "href");
        assert!(
            !absence.is_empty() && !absence.contains(&list),
            "{absence:?}"
        );
    }
    // The page writes a no-break space in numbers, which the text helper reads as a space.
    let fr_count = format!("{} {:03}", entries / 1000, entries % 1000);
    assert_says(
        &pages[5],
        &[
            &format!(
                "Chine : aucune entrée parmi les {fr_count} que compte la liste officielle des soutiens de l’Appel de Paris au 19 janvier 2024 ("
            ),
            " ; pas parmi les signataires au lancement, le 12 novembre 2018 (Axios ; ",
        ],
    );
    // Australia was reported absent at the launch, then joined later that year.
    assert_eq!(
        csv_rows("supporters.csv")
            .into_iter()
            .find(|r| r["id"] == "australie-state-aus")
            .unwrap()["joined"],
        "2018"
    );
    assert_says(
        &pages[7],
        &[
            "Australia was not among the signers at the launch on 12 November 2018 (Axios; ",
            ") but joined the Paris Call later in 2018 (The Hill) and has been in the official list since at least 16 September 2019",
        ],
    );
    assert_says(
        &pages[8],
        &[
            "Australie : pas parmi les signataires au lancement, le 12 novembre 2018 (Axios ; ",
            "), mais adhésion à l’Appel de Paris plus tard en 2018 (The Hill) ; dans la liste officielle depuis au moins",
        ],
    );
    // Ghana: three sources, which go from an announced intention to a signature.
    assert_eq!(
        row_sources("disputed.csv", "name", "Ghana", "source_ids").len(),
        3
    );
    assert_says(
        &pages[9],
        &[
            "; sources report that it signed, joined or announced it would, which the official list does not confirm (The Hill; ",
        ],
    );
    assert_says(
        &pages[10],
        &[
            " ; des sources font état d’une signature, d’une adhésion ou d’une intention de signer, que la liste officielle ne confirme pas (The Hill ; ",
        ],
    );
    assert!(!lead(&pages[9]).contains("a source says"));
    assert_says(
        &pages[11],
        &["Canada has supported the Paris Call since its launch on 12 November 2018 (Axios)"],
    );
}

#[actix_web::test]
async fn one_source_of_a_claim_is_a_source() {
    // Ghana's claim, resting on Peace FM alone (its text then quotes no other source).
    let dir = common::content_copy();
    let path = dir.path().join("data/disputed.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(&headers).unwrap();
    for row in rows {
        let mut row: Vec<String> = row.iter().map(str::to_string).collect();
        if row[0] == "Ghana" {
            for (column, value) in [
                ("claim", "Peace FM wrote that Ghana had signed."),
                ("claim_fr", "Peace FM écrivait que le Ghana avait signé."),
                ("source_ids", "peace-fm-2018-12"),
            ] {
                row[headers.iter().position(|h| h == column).unwrap()] = value.to_string();
            }
        }
        writer.write_record(&row).unwrap();
    }
    writer.flush().unwrap();
    let pages = common::get_all_in(dir.path(), &["/countries/gh", "/fr/countries/gh"]).await;
    assert_says(
        &pages[0],
        &[
            "; a source reports that it signed, joined or announced it would, which the official list does not confirm (Peace FM Online).",
        ],
    );
    assert_says(
        &pages[1],
        &[
            " ; une source fait état d’une signature, d’une adhésion ou d’une intention de signer, que la liste officielle ne confirme pas (Peace FM Online).",
        ],
    );
}

#[actix_web::test]
async fn supporter_pages_open_with_a_sentence_from_the_data() {
    let pages = get_all(&[
        "/supporters/cisco-private-sector-usa",
        "/supporters/aker_asa-private-sector-nor",
        "/fr/supporters/aker_asa-private-sector-nor",
        "/supporters/dell-private-sector-usa",
        "/fr/supporters/dell-private-sector-usa",
        "/supporters/european_union-public-authority-eu",
        "/fr/supporters/european_union-public-authority-eu",
        "/supporters/european_union_institute_for_security_studies_euiss-public-authority-fra",
        "/supporters/microsoft-private-sector-usa",
    ])
    .await;
    // A launch signer, from the press.
    assert_says(
        &pages[0],
        &["Cisco has supported the Paris Call since its launch on 12 November 2018 (Techdirt)"],
    );
    // A later joiner, dated by its own record, which the citation opens.
    let aker = csv_rows("official_records.csv")
        .into_iter()
        .find(|r| r["record_file"] == "aker_asa-private-sector-NOR.md")
        .unwrap();
    assert_eq!(aker["date_signed"], "2021-09-01");
    assert_says(
        &pages[1],
        &[
            "Aker ASA joined the Paris Call on 1 September 2021 (its record in the official repository) and has been in the official list since ",
        ],
    );
    assert_says(
        &pages[2],
        &[
            "Aker ASA : adhésion à l’Appel de Paris le 1er septembre 2021 (sa fiche dans le dépôt officiel) ; entrée dans la liste officielle le ",
        ],
    );
    for page in &pages[1..3] {
        let record = page.attrs(".fact-lead .cite a", "href");
        assert!(
            record[0].contains("/blob/")
                && record[0].ends_with("/_supporters/aker_asa-private-sector-NOR.md"),
            "{record:?}"
        );
        assert!(!lead_links(page).contains(&source_url("official-list")));
        // The page's list of sources names the official list the record belongs to.
        assert_eq!(page.count("#source-official-list"), 1);
    }
    // No join date in any source: only the list's own dates.
    let dell = lead(&pages[3]);
    assert!(
        dell.starts_with(
            "Dell has been in the official list of supporters of the Paris Call since"
        ),
        "{dell}"
    );
    assert!(!dell.contains("joined"), "{dell}");
    assert_eq!(
        lead(&pages[4]),
        "Dell : dans la liste officielle des soutiens de l’Appel de Paris depuis au moins le 16 \
         septembre 2019, date où commence l’historique du dépôt officiel (History of the official \
         supporters list)."
    );
    // Organisations take "the" where their name does (names_with_the.csv).
    let with_the: Vec<String> = csv_rows("names_with_the.csv")
        .into_iter()
        .map(|r| r["name"].clone())
        .collect();
    for name in [
        "European Union",
        "European Union Institute for Security Studies (EUISS)",
    ] {
        assert!(with_the.contains(&name.to_string()), "{name}");
    }
    assert!(!with_the.contains(&"Microsoft".to_string()));
    assert_says(
        &pages[5],
        &["The European Union joined the Paris Call in November 2021 ("],
    );
    assert_says(
        &pages[6],
        &["European Union : adhésion à l’Appel de Paris en novembre 2021 ("],
    );
    assert_says(
        &pages[7],
        &[
            "The European Union Institute for Security Studies (EUISS) has been in the official list of supporters of the Paris Call since at least 16 September 2019, when the official repository's history begins (",
        ],
    );
    assert!(
        lead(&pages[8]).starts_with("Microsoft "),
        "{}",
        lead(&pages[8])
    );
}

#[test]
fn a_name_with_the_must_be_a_name_the_site_shows() {
    let dir = common::content_copy();
    let file = "data/names_with_the.csv";
    let line = common::line_of(dir.path(), file, "European Union Institute");
    common::edit(
        dir.path(),
        file,
        "European Union Institute for Security Studies (EUISS)",
        "European Union Institute for Security Studies",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "names_with_the.csv",
        line,
        "neither a country's English name nor a supporter's name",
    );
}

#[actix_web::test]
async fn french_pages_separate_citations_with_a_spaced_semicolon() {
    let pages = get_all(&[
        "/countries/cn",
        "/fr/countries/cn",
        "/fr/supporters/allemagne-state-deu",
    ])
    .await;
    let cites = |page: &Response| {
        let html = page.html();
        let selector = scraper::Selector::parse(".fact-lead .cite").unwrap();
        html.select(&selector)
            .map(|e| e.text().collect::<String>())
            .filter(|t| t.contains(';'))
            .collect::<Vec<_>>()
    };
    let en = cites(&pages[0]);
    assert!(!en.is_empty());
    assert!(
        en.iter().all(|c| c.contains("); ") || c.contains("; "))
            && en.iter().all(|c| !c.contains(" ;")),
        "{en:?}"
    );
    for page in &pages[1..] {
        let fr = cites(page);
        assert!(!fr.is_empty());
        for c in &fr {
            // A no-break space before each « ; », so that no line starts with one.
            assert_eq!(
                c.matches("\u{a0}; ").count(),
                c.matches(';').count(),
                "{c:?}"
            );
        }
    }
}

#[actix_web::test]
async fn the_box_gives_an_attribution_line_and_the_official_list() {
    let pages = get_all(&[
        "/countries/de",
        "/fr/countries/de",
        "/supporters/cisco-private-sector-usa",
        "/countries/us?as_of=2020-06-01",
        "/supporters/aker_asa-private-sector-nor",
        "/fr/supporters/dell-private-sector-usa",
        "/countries/fr?as_of=2020-06-01",
    ])
    .await;
    // The long form when the box cites more than the official list; the short one otherwise.
    let expected = [
        (
            "Source: Paris Call Observatory, from the official list as of 19 January 2024 and the sources cited, ",
            "https://pariscall.international/en/supporters",
        ),
        (
            "Source : Observatoire de l’Appel de Paris, d’après la liste officielle au 19 janvier 2024 et les sources citées, ",
            "https://pariscall.international/fr/supporters",
        ),
        (
            "Source: Paris Call Observatory, from the official list as of 19 January 2024 and the sources cited, ",
            "https://pariscall.international/en/supporters",
        ),
        (
            "Source: Paris Call Observatory, from the official list as of 1 June 2020 and the sources cited, ",
            "https://pariscall.international/en/supporters",
        ),
        (
            "Source: Paris Call Observatory, from the official list as of 19 January 2024, ",
            "https://pariscall.international/en/supporters",
        ),
        (
            "Source : Observatoire de l’Appel de Paris, d’après la liste officielle au 19 janvier 2024, ",
            "https://pariscall.international/fr/supporters",
        ),
        (
            "Source: Paris Call Observatory, from the official list as of 1 June 2020, ",
            "https://pariscall.international/en/supporters",
        ),
    ];
    for (page, (start, official)) in pages.iter().zip(expected) {
        let (line, canonical) = attribution(page);
        assert_eq!(line, format!("{start}{canonical}"));
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
        "/countries/de?as_of=2019-09-16",
        "/fr/countries/de?as_of=2019-09-16",
        "/countries/de?as_of=2020-06-01",
    ])
    .await;
    // Entries that day, as English and French write the number.
    let count = |day: &str| match entries_on(day) {
        n if n < 1000 => (n.to_string(), n.to_string()),
        n => (
            format!("{},{:03}", n / 1000, n % 1000),
            format!("{} {:03}", n / 1000, n % 1000),
        ),
    };
    assert_says(
        &pages[0],
        &[&format!(
            "On 1 June 2020, the United States was not among the {} entries of the official list of supporters of the Paris Call that day (",
            count("2020-06-01").0
        )],
    );
    assert!(!lead(&pages[0]).contains("joined"));
    assert_says(
        &pages[1],
        &[&format!(
            "On 1 January 2022, the United States was one of the {} entries in the official list of supporters of the Paris Call, where it had been since 11 November 2021 (",
            count("2022-01-01").0
        )],
    );
    assert_says(
        &pages[2],
        &[&format!(
            "États-Unis, au 1er janvier 2022 : l’une des {} entrées de la liste officielle des soutiens de l’Appel de Paris, présente depuis le 11 novembre 2021 (",
            count("2022-01-01").1
        )],
    );
    // The day the history begins is not said to be "since at least" itself.
    assert_says(
        &pages[3],
        &[&format!(
            "On 16 September 2019, the day the official repository's history begins, Germany was one of the {} entries in the official list of supporters of the Paris Call (",
            count("2019-09-16").0
        )],
    );
    assert!(!lead(&pages[3]).contains("since"), "{}", lead(&pages[3]));
    assert_says(
        &pages[4],
        &[&format!(
            "Allemagne, au 16 septembre 2019, date où commence l’historique du dépôt officiel : l’une des {} entrées de la liste officielle des soutiens de l’Appel de Paris (",
            count("2019-09-16").1
        )],
    );
    assert_says(
        &pages[5],
        &[
            "where it had been since at least 16 September 2019, when the official repository's history begins (",
        ],
    );
    // Beside a past day, the list's last change is labelled as today's list.
    assert!(
        pages[0].texts(".fact-box .list-dates")[0]
            .starts_with("Today's list: last changed 19 January 2024"),
        "{:?}",
        pages[0].texts(".fact-box .list-dates")
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
                "Today's list: last changed 19 January 2024 · checked against the official repository on "
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
            line[0].starts_with("Liste actuelle : dernière modification le 19 janvier 2024 · comparée au dépôt officiel le "),
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

#[test]
fn a_join_scope_must_be_known_and_the_list_gives_no_join_date_but_date_signed() {
    let dir = common::content_copy();
    let file = "data/supporters.csv";
    let row = "allemagne-state-deu,Germany,2018-11-12,";
    let line = common::line_of(dir.path(), file, row);
    common::edit(dir.path(), file, ",eu_member_states,", ",eu,");
    common::assert_located(
        &common::load_error(dir.path()),
        "supporters.csv",
        common::line_of(dir.path(), file, ",eu,"),
        "column `joined_scope`",
    );
    common::edit(dir.path(), file, ",eu,", ",eu_member_states,");
    common::edit(
        dir.path(),
        file,
        "allemagne-state-deu,Germany,2018-11-12,techdirt-2018-11-13",
        "allemagne-state-deu,Germany,2018-11-12,official-list techdirt-2018-11-13",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "supporters.csv",
        line,
        "leave `joined` empty to use it",
    );
}
