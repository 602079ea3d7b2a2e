//! Fuzzes the query-string parsers of `params`: `supporter_query`, `country_query`,
//! `search_query` and `fts_query`.
//!
//! Properties:
//! - none of them panics (every bad value is a 400, never a 500);
//! - `fts_query`, when `Some`, is one or more `"term"*` groups separated by single
//!   spaces, with no `"` inside a term, so no FTS5 syntax can pass through. It is
//!   checked on the raw input and on the `q` that `search_query` decodes from it (the
//!   path /search takes).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use paris_call_observatory::content::OfficialSource;
use paris_call_observatory::db::sources::Sources;
use paris_call_observatory::vocabulary::{CountryName, Vocabulary};
use paris_call_observatory::timeline::Timeline;
use paris_call_observatory::model::PartialDate;
use paris_call_observatory::params;

static VOCAB: LazyLock<Vocabulary> = LazyLock::new(|| Vocabulary {
    countries: [
        ("DE", "Germany", "Allemagne"),
        ("FR", "France", "France"),
        ("US", "United States", "États-Unis"),
    ]
    .into_iter()
    .map(|(code, name, name_fr)| CountryName {
        code: code.to_string(),
        name: name.to_string(),
        name_fr: name_fr.to_string(),
    })
    .collect(),
    regions: vec![
        "Africa".to_string(),
        "Americas".to_string(),
        "Europe".to_string(),
    ],
    listed_years: vec![2019, 2020, 2021, 2024],
    joined_years: vec![2018, 2021],
    as_of: day(2025, 6, 1),
    launch: day(2018, 11, 12),
    official: OfficialSource {
        repository: "https://github.com/ambanum/pariscall.international".to_string(),
        commit: "0".repeat(40),
        commit_date: day(2024, 1, 19),
        checked: day(2025, 6, 1),
    },
    timeline: Timeline { points: Vec::new() },
    sources: Sources::default(),
    names_with_the: ["United States".to_string()].into_iter().collect(),
});

fn day(year: u16, month: u8, day: u8) -> PartialDate {
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let query = query.as_ref();

    match params::supporter_query(query, &VOCAB) {
        Ok(q) => {
            if let Some((page, per_page)) = q.pagination {
                assert!(page >= 1 && (1..=params::MAX_PER_PAGE).contains(&per_page));
            }
            if let Some(text) = &q.q {
                assert!(text.chars().count() <= params::MAX_QUERY_CHARS);
            }
        }
        Err(e) => drop(e.to_string()),
    }
    if let Err(e) = params::country_query(query, &VOCAB) {
        drop(e.to_string());
    }
    match params::search_query(query) {
        Ok(Some(q)) => check_fts(&q),
        Ok(None) => {}
        Err(e) => drop(e.to_string()),
    }
    check_fts(query);
});

fn check_fts(text: &str) {
    let Some(expr) = params::fts_query(text) else {
        return;
    };
    assert!(
        !expr.is_empty(),
        "fts_query returned Some(\"\") for {text:?}"
    );
    for group in expr.split(' ') {
        let term = group
            .strip_prefix('"')
            .and_then(|g| g.strip_suffix("\"*"))
            .unwrap_or_else(|| {
                panic!("group {group:?} is not \"term\"* in {expr:?} (input {text:?})")
            });
        assert!(!term.is_empty(), "empty term in {expr:?} (input {text:?})");
        assert!(
            !term.contains('"'),
            "quote inside term {term:?} in {expr:?} (input {text:?})"
        );
        assert!(
            !term.contains(' '),
            "space inside term {term:?} in {expr:?} (input {text:?})"
        );
    }
}
