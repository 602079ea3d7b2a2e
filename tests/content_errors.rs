//! Bad content stops the load with a message naming the file and the line, and never
//! leaves a half-built database behind.

mod common;

use paris_call_observatory::AppState;
use paris_call_observatory::db::Outcome;

const RECORDS: &str = "data/official_records.csv";
const CURATED: &str = "data/supporters.csv";
const ANDORRA: &str = "andorre-state-AND.md,Andorre,state,";

#[test]
fn a_record_without_a_file_name_is_refused() {
    let dir = common::content_copy();
    let line = common::line_of(dir.path(), RECORDS, ANDORRA);
    common::edit(dir.path(), RECORDS, ANDORRA, ",Andorre,state,");
    common::assert_located(
        &common::load_error(dir.path()),
        "official_records.csv",
        line,
        "record_file",
    );
}

#[test]
fn an_unknown_category_is_refused() {
    let dir = common::content_copy();
    let line = common::line_of(dir.path(), RECORDS, ANDORRA);
    common::edit(
        dir.path(),
        RECORDS,
        ANDORRA,
        "andorre-state-AND.md,Andorre,statee,",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "official_records.csv",
        line,
        "unknown category \"statee\"",
    );
}

#[test]
fn a_bad_date_is_refused() {
    let dir = common::content_copy();
    let us = "united_states-state-usa,United States,2021-11,";
    let line = common::line_of(dir.path(), CURATED, us);
    common::edit(
        dir.path(),
        CURATED,
        us,
        "united_states-state-usa,United States,2021-13,",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "supporters.csv",
        line,
        "joined",
    );
}

#[test]
fn a_bad_iso_code_is_refused() {
    let dir = common::content_copy();
    let line = common::line_of(dir.path(), RECORDS, ANDORRA);
    common::edit(dir.path(), RECORDS, "state,,AND,AD,", "state,,AND,ZZ,");
    common::assert_located(
        &common::load_error(dir.path()),
        "official_records.csv",
        line,
        "\"ZZ\" is not a known ISO 3166-1",
    );
}

#[test]
fn a_duplicate_record_is_refused() {
    let dir = common::content_copy();
    let path = dir.path().join(RECORDS);
    let text = std::fs::read_to_string(&path).unwrap();
    let andorra = text
        .lines()
        .find(|l| l.starts_with(ANDORRA))
        .unwrap()
        .to_string();
    std::fs::write(&path, format!("{text}{andorra}\r\n")).unwrap();
    let last = text.lines().count() + 1;
    common::assert_located(
        &common::load_error(dir.path()),
        "official_records.csv",
        last,
        "duplicate record id",
    );
}

#[test]
fn curated_data_for_a_record_the_list_never_had_is_refused() {
    let dir = common::content_copy();
    let line = common::line_of(dir.path(), CURATED, "andorre-state-and,");
    common::edit(
        dir.path(),
        CURATED,
        "andorre-state-and,",
        "andorra-state-and,",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "supporters.csv",
        line,
        "\"andorra-state-and\" is not the id of a record",
    );
}

#[test]
fn a_bad_official_source_is_refused() {
    let dir = common::content_copy();
    let line = common::line_of(dir.path(), "data/official_source.toml", "commit =");
    common::edit(
        dir.path(),
        "data/official_source.toml",
        "commit = \"916433b",
        "commit = \"916433",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "official_source.toml",
        line,
        "40 hexadecimal digits",
    );
}

#[test]
fn an_unknown_front_matter_key_is_refused() {
    let dir = common::content_copy();
    common::edit(
        dir.path(),
        "commentary/what-critics-said.md",
        "author =",
        "auther =",
    );
    let line = common::line_of(dir.path(), "commentary/what-critics-said.md", "auther =");
    common::assert_located(
        &common::load_error(dir.path()),
        "what-critics-said.md",
        line,
        "auther",
    );
}

#[test]
fn a_mistyped_front_matter_value_is_refused() {
    let dir = common::content_copy();
    common::edit(
        dir.path(),
        "commentary/what-critics-said.md",
        "draft = false",
        "draft = \"no\"",
    );
    let line = common::line_of(dir.path(), "commentary/what-critics-said.md", "draft =");
    common::assert_located(
        &common::load_error(dir.path()),
        "what-critics-said.md",
        line,
        "front matter",
    );
}

#[test]
fn a_bad_front_matter_date_is_refused() {
    let dir = common::content_copy();
    let date_line = common::line_of(dir.path(), "commentary/what-critics-said.md", "date =");
    let text = std::fs::read_to_string(dir.path().join("commentary/what-critics-said.md")).unwrap();
    let old = text.lines().nth(date_line - 1).unwrap().to_string();
    common::edit(
        dir.path(),
        "commentary/what-critics-said.md",
        &old,
        "date = \"2026-02-30\"",
    );
    common::assert_located(
        &common::load_error(dir.path()),
        "what-critics-said.md",
        date_line,
        "not a YYYY-MM-DD date",
    );
}

#[test]
fn a_duplicate_slug_is_refused() {
    let dir = common::content_copy();
    std::fs::write(
        dir.path().join("commentary/zz-copy.md"),
        "+++\ntitle = \"Copy\"\nsummary = \"s\"\ndate = \"2026-01-01\"\nauthor = \"a\"\nslug = \"what-critics-said\"\n+++\nbody\n",
    )
    .unwrap();
    common::assert_located(
        &common::load_error(dir.path()),
        "zz-copy.md",
        6,
        "duplicate slug",
    );
}

#[test]
fn the_database_is_reused_until_the_content_changes_and_survives_a_failed_build() {
    let content = common::content_copy();
    let db_dir = tempfile::TempDir::new().unwrap();
    let db = db_dir.path().join("site.sqlite");
    let load = || AppState::load(&common::config(content.path(), &db)).map(|(_, outcome)| outcome);
    assert_eq!(load().unwrap(), Outcome::Built);
    assert_eq!(load().unwrap(), Outcome::Reused);
    let before = std::fs::read(&db).unwrap();

    common::edit(
        content.path(),
        RECORDS,
        ANDORRA,
        "andorre-state-AND.md,Andorre,statee,",
    );
    assert!(load().is_err());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a failed build must leave the last good database untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(db_dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file may be left behind");

    common::edit(
        content.path(),
        RECORDS,
        "andorre-state-AND.md,Andorre,statee,",
        ANDORRA,
    );
    common::edit(
        content.path(),
        CURATED,
        "andorre-state-and,Andorra,,,",
        "andorre-state-and,Andorra,2019,the-hill-2018-12,",
    );
    assert_eq!(load().unwrap(), Outcome::Built);
}

#[test]
fn the_server_refuses_to_start_on_bad_content_and_says_where() {
    let dir = common::content_copy();
    let line = common::line_of(dir.path(), RECORDS, ANDORRA);
    common::edit(
        dir.path(),
        RECORDS,
        ANDORRA,
        "andorre-state-AND.md,Andorre,statee,",
    );
    let db = tempfile::TempDir::new().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_paris-call-observatory"))
        .arg("--content")
        .arg(dir.path())
        .arg("--db")
        .arg(db.path().join("x.sqlite"))
        .arg("--bind")
        .arg("127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("official_records.csv:{line}:")),
        "{stderr}"
    );
}

#[test]
fn a_country_alias_that_names_another_country_or_repeats_is_refused() {
    let cases = [
        ("Germany,NL,", "already the name of DE"),
        ("U.S.A.,US,", "already an alias on line"),
        ("Holland,XX,", "not a known country"),
    ];
    for (bad, words) in cases {
        let dir = common::content_copy();
        let line = common::line_of(dir.path(), "data/country_aliases.csv", "Holland,NL,");
        common::edit(dir.path(), "data/country_aliases.csv", "Holland,NL,", bad);
        common::assert_located(
            &common::load_error(dir.path()),
            "country_aliases.csv",
            line,
            words,
        );
    }
}

#[test]
fn page_prose_is_refused_unless_its_parts_are_the_pages() {
    // (file, text, replacement, the line the error names, words of the error)
    let cases = [
        (
            "pages/about.md",
            "<!-- part: report -->",
            "<!-- part: reports -->",
            "<!-- part: report",
            "found `reports`",
        ),
        (
            "pages/fr/home.md",
            "avec une source pour chaque entrée.",
            "avec une source pour chaque entrée.\n\nUn second paragraphe.",
            "L’Appel de Paris est",
            "one paragraph",
        ),
        (
            "pages/home.md",
            "[@wg3-report-2021]",
            "[@wg3-report-2012]",
            "[@wg3-report-2012]",
            "wg3-report-2012",
        ),
    ];
    for (file, from, to, at, words) in cases {
        let dir = common::content_copy();
        common::edit(dir.path(), file, from, to);
        let line = common::line_of(dir.path(), file, at);
        let name = file.rsplit('/').next().unwrap();
        common::assert_located(&common::load_error(dir.path()), name, line, words);
    }
}
