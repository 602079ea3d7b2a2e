//! `paris-call-observatory import` on a fixture repository built here with git: the real
//! records plus a few made-up ones that are added, re-filed, re-categorised, removed,
//! broken in a past commit and broken at the tip, over days with two commits and a day
//! when the folder is empty. Then the site over the imported content, with its stretch of
//! days without a list. A second fixture moves the records to `_supporters_en/` and back,
//! as the official repository did in 2019: no gap.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use actix_web::http::StatusCode;
use tempfile::TempDir;

const FOLDER: &str = "_supporters";

/// A record file's text, in the official site's format.
fn record(name: &str, category: &str, nature: &str, nationality: &str, signed: &str) -> String {
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut text = format!(
        "---\nname: {}\ncategory: {category}\nnature: {}\nnationality: {nationality}\n",
        quoted(name),
        quoted(nature)
    );
    if !signed.is_empty() {
        text.push_str(&format!("date_signed: {signed}\n"));
    }
    text.push_str("---\n");
    text
}

/// A git repository in a temporary folder, committed to with chosen dates.
struct Fixture {
    dir: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let fixture = Fixture {
            dir: TempDir::new().unwrap(),
        };
        fixture.git(&["init", "-q"], None);
        fixture
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str], date: Option<(&str, &str)>) -> String {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(self.path())
            .args([
                "-c",
                "user.name=Fixture",
                "-c",
                "user.email=fixture@example.test",
            ])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null");
        if let Some((author, committer)) = date {
            command
                .env("GIT_AUTHOR_DATE", author)
                .env("GIT_COMMITTER_DATE", committer);
        }
        let output = command.output().expect("git must run");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn write(&self, file: &str, text: &str) {
        self.write_in(FOLDER, file, text);
    }

    fn write_in(&self, folder: &str, file: &str, text: &str) {
        let path = self.path().join(folder).join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn remove(&self, file: &str) {
        self.remove_in(FOLDER, file);
    }

    fn remove_in(&self, folder: &str, file: &str) {
        std::fs::remove_file(self.path().join(folder).join(file)).unwrap();
    }

    /// Commits everything with this committer date (and an author date a day earlier, which
    /// must not count) and returns the commit id.
    fn commit(&self, committer: &str, author: &str) -> String {
        self.git(&["add", "-A"], None);
        self.git(
            &["commit", "-q", "--allow-empty", "-m", committer],
            Some((author, committer)),
        );
        self.git(&["rev-parse", "HEAD"], None).trim().to_string()
    }
}

/// The real records of content/, as files.
fn real_records() -> Vec<(String, String)> {
    let mut reader =
        csv::Reader::from_path(common::content_dir().join("data/official_records.csv")).unwrap();
    reader
        .deserialize::<HashMap<String, String>>()
        .map(|row| {
            let row = row.unwrap();
            let text = record(
                &row["name"],
                &row["category"],
                &row["nature"],
                &row["nationality"],
                &row["date_signed"],
            );
            (row["record_file"].clone(), text)
        })
        .collect()
}

struct Commits {
    day2: String,
    day7: String,
}

/// Builds the fixture's history:
/// - 2020-01-01: the real records, "Beta Test Corp" and "Gamma Test Institute" (civil society),
///   committed with an author date the day before (the committer date counts);
/// - 2020-01-02, two commits: "Delta Test**" added, then renamed "Delta  Test Group";
/// - 2020-01-03: Beta's file renamed (same name); "Broken Test Org" added with a bad quote;
/// - 2020-01-04: the folder emptied;
/// - 2020-01-06: everything back, Gamma now private sector, Broken Test Org fixed;
/// - 2020-01-07: Andorra and Delta removed; "Delta Test Group GmbH" added (a rename?);
/// - 2020-01-08 (the tip): a record whose front matter does not parse.
fn build(fixture: &Fixture) -> Commits {
    let real = real_records();
    let beta = record("Beta Test Corp", "private-sector", "Entreprise", "USA", "");
    let gamma_civil = record("Gamma Test Institute", "civil-society", "ONG", "ROM", "");
    let gamma_private = record("Gamma Test Institute", "private-sector", "ONG", "ROM", "");
    let delta = record(
        "Delta Test Group",
        "private-sector",
        "Entreprise",
        "DEU",
        "",
    );
    let broken = "---\nname: \"Broken \\\"Test\" Org\"\ncategory: civil-society\nnature: \"\"\nnationality: FRA\n---\n";
    let fixed = record("Broken Test Org", "civil-society", "", "FRA", "2020-01-06");

    for (file, text) in &real {
        fixture.write(file, text);
    }
    fixture.write("beta-private-sector-USA.md", &beta);
    fixture.write("gamma-civil-society-ROM.md", &gamma_civil);
    fixture.commit("2020-01-01T10:00:00+00:00", "2019-12-31T10:00:00+00:00");

    fixture.write(
        "delta-private-sector-DEU.md",
        &record("Delta Test**", "private-sector", "Entreprise", "DEU", ""),
    );
    fixture.commit("2020-01-02T09:00:00+00:00", "2020-01-01T09:00:00+00:00");
    fixture.write(
        "delta-private-sector-DEU.md",
        &record(
            "Delta  Test Group",
            "private-sector",
            "Entreprise",
            "DEU",
            "",
        ),
    );
    let day2 = fixture.commit("2020-01-02T18:00:00+00:00", "2020-01-01T18:00:00+00:00");

    fixture.remove("beta-private-sector-USA.md");
    fixture.write("beta_test_corp-private-sector-USA.md", &beta);
    fixture.write("broken-civil-society-FRA.md", broken);
    fixture.commit("2020-01-03T10:00:00+00:00", "2020-01-02T10:00:00+00:00");

    std::fs::remove_dir_all(fixture.path().join(FOLDER)).unwrap();
    fixture.commit("2020-01-04T10:00:00+00:00", "2020-01-03T10:00:00+00:00");

    for (file, text) in &real {
        fixture.write(file, text);
    }
    fixture.write("beta_test_corp-private-sector-USA.md", &beta);
    fixture.write("gamma-civil-society-ROM.md", &gamma_private);
    fixture.write("delta-private-sector-DEU.md", &delta);
    fixture.write("broken-civil-society-FRA.md", &fixed);
    fixture.commit("2020-01-06T10:00:00+00:00", "2020-01-05T10:00:00+00:00");

    fixture.remove("andorre-state-AND.md");
    fixture.remove("delta-private-sector-DEU.md");
    fixture.write(
        "delta_test_group_gmbh-private-sector-DEU.md",
        &record(
            "Delta Test Group GmbH",
            "private-sector",
            "Entreprise",
            "DEU",
            "",
        ),
    );
    let day7 = fixture.commit("2020-01-07T10:00:00+00:00", "2020-01-06T10:00:00+00:00");

    fixture.write(
        "zz_bad-state-FRA.md",
        "---\nname: France bis\ncategory: state\nnature: \"unclosed\n---\n",
    );
    fixture.commit("2020-01-08T10:00:00+00:00", "2020-01-07T10:00:00+00:00");
    Commits { day2, day7 }
}

/// Runs the built binary's import on `content` with `extra` arguments.
fn import(repo: &Path, content: &Path, report: &Path, extra: &[&str]) -> Output {
    import_on("2020-02-01", repo, content, report, extra)
}

/// An import run on `today`, the day it records as `checked`.
fn import_on(today: &str, repo: &Path, content: &Path, report: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paris-call-observatory"))
        .arg("import")
        .arg("--official-repo")
        .arg(repo)
        .arg("--content")
        .arg(content)
        .arg("--report")
        .arg(report)
        .args(["--today", today])
        .args(extra)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const OFFICIAL_FILES: [&str; 3] = [
    "data/official_records.csv",
    "data/official_list_history.csv",
    "data/official_source.toml",
];

fn snapshot(content: &Path) -> Vec<Vec<u8>> {
    OFFICIAL_FILES
        .iter()
        .map(|f| std::fs::read(content.join(f)).unwrap())
        .collect()
}

fn history_rows(content: &Path) -> Vec<HashMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(content.join("data/official_list_history.csv")).unwrap();
    reader.deserialize().map(Result::unwrap).collect()
}

/// Spans of one name: (listed_from, listed_until, category, record_file).
fn spans_of(rows: &[HashMap<String, String>], name: &str) -> Vec<[String; 4]> {
    rows.iter()
        .filter(|r| r["name"] == name)
        .map(|r| {
            [
                r["listed_from"].clone(),
                r["listed_until"].clone(),
                r["category"].clone(),
                r["record_file"].clone(),
            ]
        })
        .collect()
}

fn span(from: &str, until: &str, category: &str, file: &str) -> [String; 4] {
    [from, until, category, file].map(str::to_string)
}

#[actix_web::test]
async fn the_import_replays_the_fixture_reports_it_and_the_site_loads_it() {
    let fixture = Fixture::new();
    let commits = build(&fixture);
    let content = common::content_copy();
    let reports = TempDir::new().unwrap();
    let report: PathBuf = reports.path().join("report.md");
    let repo = fixture.path();

    // A dry run and a check write nothing; the check says content/ is behind.
    let original = snapshot(content.path());
    let dry = import(
        repo,
        content.path(),
        &report,
        &["--commit", &commits.day2, "--dry-run"],
    );
    assert_eq!(dry.status.code(), Some(0), "{}", text(&dry.stderr));
    assert!(
        text(&dry.stdout).contains("### Entries added (3)"),
        "{}",
        text(&dry.stdout)
    );
    let check = import(
        repo,
        content.path(),
        &report,
        &["--commit", &commits.day2, "--check"],
    );
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stderr));
    assert_eq!(snapshot(content.path()), original);
    assert!(!report.exists());

    // The import at day 2, then a check at day 2 finds nothing to do.
    let first = import(repo, content.path(), &report, &["--commit", &commits.day2]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(text(&first.stderr).contains("history: day 2 of 2"));
    let check = import(
        repo,
        content.path(),
        &report,
        &["--commit", &commits.day2, "--check"],
    );
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let rows = history_rows(content.path());
    // The list on a day is the list after that day's last commit.
    assert!(spans_of(&rows, "Delta Test").is_empty());
    assert_eq!(
        spans_of(&rows, "Delta Test Group"),
        vec![span(
            "2020-01-02",
            "",
            "private-sector",
            "delta-private-sector-DEU.md"
        )]
    );

    // The import at day 7 (the tip's parent).
    let second = import(repo, content.path(), &report, &["--commit", &commits.day7]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    let markdown = std::fs::read_to_string(&report).unwrap();
    for expected in [
        "### Entries added (2)",
        "Broken Test Org (civil_society, FRA) `broken-civil-society-FRA.md`",
        "Delta Test Group GmbH (private_sector, DEU) `delta_test_group_gmbh-private-sector-DEU.md`",
        "### No longer listed (2)",
        "Andorre (state, AND) `andorre-state-AND.md`",
        "### Record files renamed (same name, same entry) (1)",
        "`beta-private-sector-USA.md` → `beta_test_corp-private-sector-USA.md`: Beta Test Corp",
        "Delta Test Group `delta-private-sector-DEU.md` → Delta Test Group GmbH `delta_test_group_gmbh-private-sector-DEU.md`",
        "### Category changes (1)",
        "Gamma Test Institute `gamma-civil-society-ROM.md`: \"civil-society\" → \"private-sector\"",
        "### Days added to the history (3)",
        "- 2020-01-07",
        "2020-01-03 (",
        "`_supporters/broken-civil-society-FRA.md:2`",
        "### Our rows in supporters.csv kept for records no longer listed (1)",
    ] {
        assert!(
            markdown.contains(expected),
            "{expected:?} not in:\n{markdown}"
        );
    }
    let summary = text(&second.stdout);
    assert!(summary.contains("Entries added: 2"), "{summary}");

    let rows = history_rows(content.path());
    assert_eq!(
        spans_of(&rows, "Beta Test Corp"),
        vec![
            span(
                "2020-01-01",
                "2020-01-04",
                "private-sector",
                "beta_test_corp-private-sector-USA.md"
            ),
            span(
                "2020-01-06",
                "",
                "private-sector",
                "beta_test_corp-private-sector-USA.md"
            ),
        ]
    );
    assert_eq!(
        spans_of(&rows, "Gamma Test Institute"),
        vec![
            span(
                "2020-01-01",
                "2020-01-04",
                "civil-society",
                "gamma-civil-society-ROM.md"
            ),
            span(
                "2020-01-06",
                "",
                "private-sector",
                "gamma-civil-society-ROM.md"
            ),
        ]
    );
    assert_eq!(
        spans_of(&rows, "Delta Test Group"),
        vec![
            span(
                "2020-01-02",
                "2020-01-04",
                "private-sector",
                "delta-private-sector-DEU.md"
            ),
            span(
                "2020-01-06",
                "2020-01-07",
                "private-sector",
                "delta-private-sector-DEU.md"
            ),
        ]
    );
    // Absent on the day its front matter did not parse.
    assert_eq!(
        spans_of(&rows, "Broken Test Org"),
        vec![span(
            "2020-01-06",
            "",
            "civil-society",
            "broken-civil-society-FRA.md"
        )]
    );
    assert_eq!(
        spans_of(&rows, "Andorre"),
        vec![
            span("2020-01-01", "2020-01-04", "state", "andorre-state-AND.md"),
            span("2020-01-06", "2020-01-07", "state", "andorre-state-AND.md"),
        ]
    );
    // No list on the day the folder was empty.
    assert!(rows.iter().all(|r| r["listed_from"] != "2020-01-04"));
    let source = std::fs::read_to_string(content.path().join("data/official_source.toml")).unwrap();
    assert!(
        source.contains(&format!("commit = \"{}\"", commits.day7)),
        "{source}"
    );
    assert!(source.contains("commit_date = \"2020-01-07\""), "{source}");
    assert!(source.contains("checked = \"2020-02-01\""), "{source}");
    let records =
        std::fs::read_to_string(content.path().join("data/official_records.csv")).unwrap();
    assert!(records.contains(
        "gamma-civil-society-ROM.md,Gamma Test Institute,private-sector,ONG,ROM,RO,\r\n"
    ));
    assert!(!records.contains("andorre-state-AND.md"));
    // Our data is kept, even for the record that left.
    assert_eq!(
        std::fs::read(content.path().join("data/supporters.csv")).unwrap(),
        std::fs::read(common::content_dir().join("data/supporters.csv")).unwrap()
    );

    // At the tip a record does not parse: the import stops, names it, and writes nothing.
    let before_tip = snapshot(content.path());
    for extra in [&[][..], &["--check"][..]] {
        let tip = import(repo, content.path(), &report, extra);
        assert_eq!(tip.status.code(), Some(2), "{}", text(&tip.stdout));
        let stderr = text(&tip.stderr);
        assert!(
            stderr.contains("_supporters/zz_bad-state-FRA.md:4:"),
            "{stderr}"
        );
        assert!(stderr.contains("never closed"), "{stderr}");
    }
    assert_eq!(snapshot(content.path()), before_tip);

    // The site over the imported content: counts as in the fixture at day 7.
    let pages = common::get_all_in(
        content.path(),
        &[
            "/",
            "/supporters?category=state",
            "/supporters/gamma-civil-society-rom",
            "/supporters/andorre-state-and",
            "/supporters.csv",
            "/countries/ad",
            "/data",
            "/changes",
            "/supporters?as_of=2020-01-05",
            "/countries?as_of=2020-01-04",
            "/supporters.csv?as_of=2020-01-04",
            "/api/v1/supporters?as_of=2020-01-05",
            "/api/openapi.json",
            "/counts",
        ],
    )
    .await;
    pages[0].assert_success("pages[0]");
    assert_eq!(
        pages[0].texts("#total"),
        vec!["1,225"],
        "1,222 - Andorra + 4"
    );
    assert_eq!(pages[0].texts("td[data-category=state]"), vec!["80"]);
    assert!(
        pages[0]
            .texts("footer time")
            .contains(&"7 January 2020".to_string())
    );
    assert_eq!(pages[1].count("table.supporters tbody tr"), 80);
    pages[2].assert_success("pages[2]");
    assert!(pages[2].body.contains("Gamma Test Institute"));
    assert!(
        pages[2].body.contains(&commits.day7),
        "the record links the pinned commit"
    );
    assert_eq!(pages[3].status, StatusCode::NOT_FOUND);
    let mut download =
        csv::Reader::from_reader(pages[4].body.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<HashMap<String, String>> = download.deserialize().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1225);
    let broken = rows
        .iter()
        .find(|r| r["id"] == "broken-civil-society-fra")
        .unwrap();
    assert_eq!(broken["first_listed_by"], "2020-01-06");
    assert_eq!(broken["joined"], "2020-01-06", "the official date_signed");
    assert_eq!(broken["country_iso2"], "FR");
    pages[5].assert_success("pages[5]");
    assert!(pages[5].body.contains("Not in the official list"));
    // The pinned commit and the day of the check come from official_source.toml.
    let source = pages[6].texts("#official-source").join(" ");
    assert!(source.contains(&commits.day7[..7]), "{source}");
    assert!(
        source.contains("7 January 2020") && source.contains("1 February 2020"),
        "{source}"
    );
    // The history's first day and its gap come from the data.
    let explainer = pages[7].texts("p.explainer").join(" ");
    assert!(
        explainer.contains("starts on 1 January 2020"),
        "{explainer}"
    );
    assert!(
        explainer.contains("Between 4 January and 5 January 2020"),
        "{explainer}"
    );

    // A day in the stretch with no list: no list, not "everyone left"; the nearest lists
    // are offered.
    let gap = &pages[8];
    gap.assert_success("gap");
    assert_eq!(gap.count("table.supporters"), 0);
    let notice = gap.texts(".notice-box").join(" ");
    assert!(
        notice.contains(
            "From 4 January 2020 to 5 January 2020 the official site's repository held no list"
        ),
        "{notice}"
    );
    let offered = gap.attrs(".notice-box a", "href");
    // The last change before it was on 2 January (3 January changed no entry).
    for day in ["2020-01-02", "2020-01-06"] {
        assert!(
            offered.contains(&format!("/supporters?as_of={day}")),
            "{offered:?}"
        );
    }
    assert!(
        pages[9]
            .attrs(".notice-box a", "href")
            .contains(&"/countries?as_of=2020-01-02".to_string()),
        "{}",
        pages[9].body
    );
    // Files cannot carry a notice: a 400 naming the parameter and the nearest lists.
    for answer in [&pages[10], &pages[11]] {
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
        assert!(
            answer.body.contains("2020-01-02") && answer.body.contains("2020-01-06"),
            "{}",
            answer.body
        );
    }
    assert_eq!(pages[11].json()["parameter"], "as_of");
    let openapi = pages[12].json();
    let description =
        common::openapi_parameter(&openapi, "/api/v1/supporters", "as_of")["description"]
            .as_str()
            .unwrap()
            .to_string();
    assert!(
        description.contains("before 2020-01-01, or from 2020-01-04 to 2020-01-05"),
        "{description}"
    );
    // /counts gives the last list before the stretch a row, and the chart hatches it.
    let counts = &pages[13];
    let before = counts.texts("tr[data-date='2020-01-02'] th").join(" ");
    assert!(
        before.contains("last list before the repository's gap"),
        "{before}"
    );
    let caption = counts.texts("figure.growth-chart figcaption").join(" ");
    assert!(
        caption.contains("from 4 January 2020 to 5 January 2020"),
        "{caption}"
    );

    // Importing the same commit again on a later day records that day's check and changes
    // nothing else.
    let before_again = snapshot(content.path());
    let again = import_on(
        "2020-03-01",
        repo,
        content.path(),
        &report,
        &["--commit", &commits.day7],
    );
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    for (file, (before, after)) in OFFICIAL_FILES
        .iter()
        .zip(before_again.iter().zip(&snapshot(content.path())))
    {
        let expected = match *file {
            "data/official_source.toml" => {
                text(before).replace("checked = \"2020-02-01\"", "checked = \"2020-03-01\"")
            }
            _ => text(before),
        };
        assert_eq!(text(after), expected, "{file}");
    }
}

/// The official repository kept its records in `_supporters_en/` and `_supporters_fr/` for a
/// few days of 2019 (no `_supporters/`), then moved them back. The fixture does the same:
/// - 2020-01-01: the real records and "Epsilon Test Org" in `_supporters/`;
/// - 2020-01-02: `_supporters/` gone; the same files in `_supporters_en/`, and in
///   `_supporters_fr/` with Epsilon's name translated and one record more;
/// - 2020-01-03: in `_supporters_en/`, Andorra removed and "Zeta Test Group" added;
/// - 2020-01-05: everything of `_supporters_en/` back in `_supporters/`, the others gone.
#[actix_web::test]
async fn records_moved_to_supporters_en_and_back_leave_no_gap() {
    let fixture = Fixture::new();
    let real = real_records();
    let epsilon = (
        "epsilon-civil-society-FRA.md",
        record("Epsilon Test Org", "civil-society", "ONG", "FRA", ""),
    );
    let zeta = (
        "zeta-private-sector-DEU.md",
        record("Zeta Test Group", "private-sector", "Entreprise", "DEU", ""),
    );
    let write_all = |folder: &str, extra: &[&(&str, String)], without: &str| {
        for (file, text) in real.iter().filter(|(f, _)| f != without) {
            fixture.write_in(folder, file, text);
        }
        for (file, text) in extra {
            fixture.write_in(folder, file, text);
        }
    };
    write_all(FOLDER, &[&epsilon], "");
    fixture.commit("2020-01-01T10:00:00+00:00", "2020-01-01T10:00:00+00:00");

    std::fs::remove_dir_all(fixture.path().join(FOLDER)).unwrap();
    write_all("_supporters_en", &[&epsilon], "");
    let translated = (
        epsilon.0,
        record(
            "Organisation Epsilon Test",
            "civil-society",
            "ONG",
            "FRA",
            "",
        ),
    );
    let french_only = (
        "only_french-state-FRA.md",
        record("Only French Test", "state", "", "FRA", ""),
    );
    write_all("_supporters_fr", &[&translated, &french_only], "");
    fixture.commit("2020-01-02T10:00:00+00:00", "2020-01-02T10:00:00+00:00");

    fixture.remove_in("_supporters_en", "andorre-state-AND.md");
    fixture.write_in("_supporters_en", zeta.0, &zeta.1);
    fixture.commit("2020-01-03T10:00:00+00:00", "2020-01-03T10:00:00+00:00");

    for folder in ["_supporters_en", "_supporters_fr"] {
        std::fs::remove_dir_all(fixture.path().join(folder)).unwrap();
    }
    write_all(FOLDER, &[&epsilon, &zeta], "andorre-state-AND.md");
    fixture.commit("2020-01-05T10:00:00+00:00", "2020-01-05T10:00:00+00:00");

    let content = common::content_copy();
    let reports = TempDir::new().unwrap();
    let report = reports.path().join("report.md");
    let out = import(fixture.path(), content.path(), &report, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let markdown = std::fs::read_to_string(&report).unwrap();
    for expected in [
        "### Days whose list was read from another folder (the commit has no `_supporters/`) (2)",
        "- 2020-01-02: `_supporters_en/`",
        "- 2020-01-03: `_supporters_en/`",
    ] {
        assert!(
            markdown.contains(expected),
            "{expected:?} not in:\n{markdown}"
        );
    }

    // Every span continues through the move: one span per name, none closing on the day the
    // folder moved, none opening on the day it moved back.
    let rows = history_rows(content.path());
    assert_eq!(rows.len(), real.len() + 2);
    assert!(rows.iter().all(|r| r["listed_until"] != "2020-01-02"));
    assert!(rows.iter().all(|r| r["listed_from"] != "2020-01-05"));
    assert_eq!(
        spans_of(&rows, "Epsilon Test Org"),
        vec![span("2020-01-01", "", "civil-society", epsilon.0)]
    );
    // A change made while the records were in `_supporters_en/` counts on its day.
    assert_eq!(
        spans_of(&rows, "Zeta Test Group"),
        vec![span("2020-01-03", "", "private-sector", zeta.0)]
    );
    assert_eq!(
        spans_of(&rows, "Andorre"),
        vec![span(
            "2020-01-01",
            "2020-01-03",
            "state",
            "andorre-state-AND.md"
        )]
    );
    // `_supporters_fr/` is not read.
    assert!(spans_of(&rows, "Organisation Epsilon Test").is_empty());
    assert!(spans_of(&rows, "Only French Test").is_empty());

    // The site shows the list on those days, not a stretch without one.
    let pages = common::get_all_in(
        content.path(),
        &[
            "/supporters?as_of=2020-01-02",
            "/supporters?as_of=2020-01-04",
            "/supporters.csv?as_of=2020-01-04",
            "/changes",
        ],
    )
    .await;
    for (page, entries) in [(&pages[0], real.len() + 1), (&pages[1], real.len() + 1)] {
        page.assert_success("page");
        assert_eq!(page.count("table.supporters tbody tr"), entries);
        assert!(!page.texts(".notice-box").join(" ").contains("held no list"));
    }
    pages[2].assert_success("csv");
    let explainer = pages[3].texts("p.explainer").join(" ");
    assert!(!explainer.contains("held no list"), "{explainer}");
}

#[test]
fn the_import_needs_a_repository_and_a_commit() {
    let content = common::content_copy();
    let reports = TempDir::new().unwrap();
    let report = reports.path().join("r.md");
    let not_a_repo = TempDir::new().unwrap();
    let out = import(not_a_repo.path(), content.path(), &report, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("error: git rev-parse"),
        "{}",
        text(&out.stderr)
    );

    let fixture = Fixture::new();
    fixture.write("a-state-FRA.md", &record("France", "state", "", "FRA", ""));
    fixture.commit("2020-01-01T10:00:00+00:00", "2020-01-01T10:00:00+00:00");
    let out = import(
        fixture.path(),
        content.path(),
        &report,
        &["--commit", "nope", "--check"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("\"nope\" names no commit"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_unknown_category_or_nationality_at_the_target_stops_the_import() {
    let content = common::content_copy();
    let reports = TempDir::new().unwrap();
    let report = reports.path().join("r.md");
    for (text_of_record, expected) in [
        (
            record("Foo", "statee", "", "FRA", ""),
            "_supporters/foo-state-FRA.md:3: unknown category \"statee\"",
        ),
        (
            record("Foo", "state", "", "Atlantis", ""),
            "_supporters/foo-state-FRA.md:5: unknown nationality \"Atlantis\"",
        ),
    ] {
        let fixture = Fixture::new();
        fixture.write("foo-state-FRA.md", &text_of_record);
        fixture.commit("2020-01-01T10:00:00+00:00", "2020-01-01T10:00:00+00:00");
        let out = import(fixture.path(), content.path(), &report, &["--dry-run"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains(expected),
            "{}",
            text(&out.stderr)
        );
    }
}
