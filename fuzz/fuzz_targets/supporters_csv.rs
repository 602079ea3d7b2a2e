//! Fuzzes `content::parse_official_records` (official_records.csv: CSV, categories, record
//! files, country codes, dates).
//!
//! Properties:
//! - it never panics;
//! - an `Err` names the file, and its line (when given) is a real line of the input:
//!   1 ≤ line ≤ number of lines + 1 (the +1 allows an error reported at end of input);
//!   the displayed message shows that same line as `path:line:`.
//! - an `Ok` row has a non-empty id and name, a known country (or none), and a
//!   record file ending in `.md`.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use paris_call_observatory::content::{Country, parse_official_records};

const PATH: &str = "content/data/official_records.csv";

static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    [
        ("FR", "250", "France"),
        ("US", "840", "United States"),
        ("DE", "276", "Germany"),
    ]
    .into_iter()
    .map(|(iso2, numeric, name)| Country {
        iso2: iso2.to_string(),
        iso3: None,
        numeric: Some(numeric.to_string()),
        name: name.to_string(),
        official_name: None,
        name_fr: None,
        region: Some("Europe".to_string()),
        subregion: None,
        un_member: true,
        source: "un_member_states.csv".to_string(),
    })
    .collect()
});

fuzz_target!(|data: &[u8]| {
    let path = Path::new(PATH);
    match parse_official_records(path, data, &COUNTRIES) {
        Ok(rows) => {
            for (_, row) in rows {
                assert!(!row.id.is_empty(), "empty id");
                assert!(!row.name.trim().is_empty(), "empty name");
                if let Some(code) = &row.country_iso2 {
                    assert!(
                        COUNTRIES.iter().any(|c| &c.iso2 == code),
                        "unknown country {code:?} accepted"
                    );
                }
                assert!(row.record_file.ends_with(".md"), "record file without .md");
            }
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(
                shown.starts_with(PATH),
                "error does not name the file: {shown}"
            );
            if let Some(line) = e.line {
                let lines = data.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                assert!(
                    (1..=lines + 1).contains(&line),
                    "error line {line} outside the input ({lines} lines): {shown}"
                );
                assert!(
                    shown.starts_with(&format!("{PATH}:{line}: ")),
                    "displayed error does not show line {line}: {shown}"
                );
            }
        }
    }
});
