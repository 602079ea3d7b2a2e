//! `paris-call-observatory import`: rebuilds the official records and their history in
//! `content/data/` from a clone of the official repository, and reports what changed.
//! Our own data (supporters.csv, record_renames.csv, …) is never written.

pub mod git;
pub mod history;
pub mod records;
pub mod report;

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::content::{self, ContentError, OfficialSource, official_source};
use crate::model::PartialDate;
use report::{Before, Known};

const RECORDS: &str = "data/official_records.csv";
const HISTORY: &str = "data/official_list_history.csv";

/// What the import does with what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write the official records, their history and official_source.toml.
    Write,
    /// Report only.
    DryRun,
    /// Report only, and say whether `content/` is behind the official repository.
    Check,
}

pub struct Options {
    /// A clone of the official repository (working copy or bare).
    pub official_repo: PathBuf,
    /// The commit to read (a branch, tag or commit id).
    pub commit: String,
    /// The content folder.
    pub content: PathBuf,
    pub mode: Mode,
    /// Where the Markdown report goes (not written by a dry run or a check).
    pub report: PathBuf,
    /// The day recorded as `checked`.
    pub today: PartialDate,
}

#[derive(Debug)]
pub enum ImportError {
    /// git could not be run, or the repository or commit cannot be read.
    Git(String),
    /// A record at the target commit, or a file of `content/`, is wrong (file and line).
    Content(ContentError),
    /// A file could not be written.
    Write(PathBuf, std::io::Error),
    /// The files were written but the site does not load them.
    Invalid(ContentError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Git(e) => write!(f, "{e}"),
            ImportError::Content(e) => write!(f, "{e}"),
            ImportError::Write(path, e) => write!(f, "cannot write {}: {e}", path.display()),
            ImportError::Invalid(e) => write!(
                f,
                "the import was written, but the site does not load it: {e}\n\
                 Fix that file (or restore content/ from git) before committing."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<ContentError> for ImportError {
    fn from(e: ContentError) -> Self {
        ImportError::Content(e)
    }
}

/// The result of an import.
pub struct Outcome {
    pub report: report::Report,
    /// The files written (none for a dry run or a check).
    pub written: Vec<PathBuf>,
}

/// Reads the official repository at the chosen commit, compares it with `content/` and,
/// in `Mode::Write`, writes the official files. `progress` hears about long steps.
pub fn run(options: &Options, progress: &mut dyn FnMut(&str)) -> Result<Outcome, ImportError> {
    let data = options.content.join("data");
    let repo = git::Repo::open(&options.official_repo)?;
    let target = repo.commit(&options.commit)?;
    let before = before(&options.content)?;
    let repository = match &before.source {
        Some(source) => source.repository.clone(),
        None => {
            return Err(ContentError::new(
                &options.content.join(official_source::FILE),
                None,
                "missing: it names the official repository's address (see data/README.md)",
            )
            .into());
        }
    };
    let source = OfficialSource {
        repository,
        commit: target.id.clone(),
        commit_date: target.day,
        checked: options.today,
    };

    // The records at the target commit: any problem stops the import.
    let nationalities = records::Nationalities::load(&data)?;
    let mut blobs = repo.blobs()?;
    let mut found = Vec::new();
    let (folder, files) = history::records_at(&repo, &target.id)?;
    for file in files {
        let bytes = blobs.read(&file.blob)?;
        let record = records::parse(&file.name, &bytes).map_err(|m| {
            ContentError::new(
                &Path::new(folder).join(&file.name),
                Some(m.line),
                format!("{} (at commit {})", m.message, target.id),
            )
        })?;
        let iso2 = records::check(folder, &record, &nationalities).map_err(|e| {
            ContentError::new(
                &e.path,
                e.line,
                format!("{} (at commit {})", e.message, target.id),
            )
        })?;
        found.push((record, iso2));
    }

    let commits = repo.history(&target.id, &history::FOLDERS)?;
    let mut tell = |done: usize, of: usize, day: PartialDate| {
        if done == 1 || done == of || done % 10 == 0 {
            progress(&format!("history: day {done} of {of} ({})", day.iso()));
        }
    };
    let replay = history::replay(&repo, &mut blobs, &commits, &mut tell)?;
    drop(blobs);

    let csv_error = |e: csv::Error| ImportError::Git(format!("writing CSV: {e}"));
    let records_csv = records::to_csv(&found).map_err(csv_error)?;
    let history_csv = history::to_csv(&replay.spans).map_err(csv_error)?;
    let unchanged = |file: &str, bytes: &[u8]| {
        std::fs::read(options.content.join(file)).is_ok_and(|old| old == bytes)
    };
    let changed = !unchanged(RECORDS, &records_csv) || !unchanged(HISTORY, &history_csv);
    let after = report::After {
        source: &source,
        records: &found,
        replay: &replay,
    };
    let report = report::compare(&before, &after, changed);

    let mut written = Vec::new();
    if options.mode == Mode::Write {
        for (file, bytes) in [
            (RECORDS, records_csv),
            (HISTORY, history_csv),
            (official_source::FILE, source.to_toml().into_bytes()),
        ] {
            let path = options.content.join(file);
            write(&path, &bytes)?;
            written.push(path);
        }
        if let Some(dir) = options
            .report
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|e| ImportError::Write(dir.to_path_buf(), e))?;
        }
        write(&options.report, report.markdown.as_bytes())?;
        written.push(options.report.clone());
        content::load(&options.content).map_err(ImportError::Invalid)?;
    }
    Ok(Outcome { report, written })
}

/// A CSV file as the import writes it: `header`, then the records `write_rows` writes,
/// with CRLF line ends.
fn crlf_csv(
    header: &[&str],
    write_rows: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> Result<(), csv::Error>,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(header)?;
    write_rows(&mut writer)?;
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// Writes through a temporary file renamed into place, so a failure leaves the old file.
fn write(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let tmp = path.with_extension("import-tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| ImportError::Write(path.to_path_buf(), e))
}

/// What `content/` holds now (each part empty when its file is missing).
fn before(content_dir: &Path) -> Result<Before, ContentError> {
    let data = content_dir.join("data");
    let source = match content_dir.join(official_source::FILE).exists() {
        true => Some(official_source::load(content_dir)?),
        false => None,
    };
    let present = |file: &str| data.join(file).exists();
    let records = if present("official_records.csv") {
        records::columns(
            &data.join("official_records.csv"),
            &["record_file", "name", "category", "nationality"],
        )?
        .into_iter()
        .map(|(_, mut row)| Known {
            nationality: row.pop().unwrap_or_default(),
            category: row.pop().unwrap_or_default(),
            name: row.pop().unwrap_or_default(),
            file: row.pop().unwrap_or_default(),
        })
        .collect()
    } else {
        Vec::new()
    };
    let mut days = BTreeSet::new();
    if present("official_list_history.csv") {
        let path = data.join("official_list_history.csv");
        for (line, row) in records::columns(&path, &["listed_from", "listed_until"])? {
            for value in row.iter().filter(|v| !v.is_empty()) {
                let day = value
                    .parse()
                    .map_err(|e| ContentError::new(&path, Some(line), format!("{value:?}: {e}")))?;
                days.insert(day);
            }
        }
    }
    let curated: HashSet<String> = if present("supporters.csv") {
        records::columns(&data.join("supporters.csv"), &["id"])?
            .into_iter()
            .filter_map(|(_, mut row)| row.pop())
            .collect()
    } else {
        HashSet::new()
    };
    Ok(Before {
        source,
        records,
        days,
        curated,
    })
}
