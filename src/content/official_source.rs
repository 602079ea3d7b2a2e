//! `data/official_source.toml`: which commit of the official repository the official
//! records come from, and the day they were last compared with it (written by the import).

use std::path::Path;

use serde::Deserialize;

use super::{ContentError, full_date};
use crate::model::PartialDate;

/// The file's place under the content folder.
pub const FILE: &str = "data/official_source.toml";

/// Where the official list in `content/` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialSource {
    /// The official repository's address on GitHub, without a trailing slash.
    pub repository: String,
    /// The full commit id the records and their history were read at.
    pub commit: String,
    /// That commit's committer date.
    pub commit_date: PartialDate,
    /// The day the last import compared `content/` with the repository.
    pub checked: PartialDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    /// The official repository's address, e.g. `https://github.com/ambanum/pariscall.international`.
    repository: String,
    /// The commit read, 40 hexadecimal digits.
    commit: String,
    /// The commit's committer date, `YYYY-MM-DD`.
    commit_date: String,
    /// The day of the import or of the last check, `YYYY-MM-DD`.
    checked: String,
}

impl OfficialSource {
    /// The blob URL of a record file at the pinned commit: the source of a supporter's entry.
    pub fn record_url(&self, record_file: &str) -> String {
        format!(
            "{}/blob/{}/_supporters/{record_file}",
            self.repository, self.commit
        )
    }

    /// The `_supporters` folder at the pinned commit.
    pub fn folder_url(&self) -> String {
        format!("{}/tree/{}/_supporters", self.repository, self.commit)
    }

    /// The commit's short form, as people quote it.
    pub fn short_commit(&self) -> &str {
        self.commit.get(..7).unwrap_or(&self.commit)
    }

    /// The file's text, as the import writes it.
    pub fn to_toml(&self) -> String {
        format!(
            "# Where the official list in this folder comes from. Written by\n\
             # `paris-call-observatory import` (see data/README.md); do not edit by hand.\n\
             \n\
             # The official repository, on GitHub (the base of every record URL).\n\
             repository = \"{}\"\n\
             # The commit the official records and their history were read at.\n\
             commit = \"{}\"\n\
             # That commit's committer date.\n\
             commit_date = \"{}\"\n\
             # The day the last import compared this folder with the repository.\n\
             checked = \"{}\"\n",
            self.repository,
            self.commit,
            self.commit_date.iso(),
            self.checked.iso()
        )
    }
}

/// Reads and checks `data/official_source.toml` under `dir`.
pub fn load(dir: &Path) -> Result<OfficialSource, ContentError> {
    let path = dir.join(FILE);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| ContentError::new(&path, None, format!("cannot read: {e}")))?;
    parse(&path, &text)
}

/// Parses the file's text; errors name `path` and the line.
pub fn parse(path: &Path, text: &str) -> Result<OfficialSource, ContentError> {
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i as u64 + 1)
    };
    let file: SourceFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|span| {
            let before = text.get(..span.start).unwrap_or(text);
            before.matches('\n').count() as u64 + 1
        });
        ContentError::new(path, line, e.message().to_string())
    })?;
    let repository = file.repository.trim().trim_end_matches('/').to_string();
    if !repository.starts_with("https://") {
        return Err(ContentError::new(
            path,
            line_of("repository"),
            format!("`repository` must be an https:// address, found {repository:?}"),
        ));
    }
    let commit = file.commit.trim().to_ascii_lowercase();
    if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ContentError::new(
            path,
            line_of("commit ="),
            format!("`commit` must be a full commit id (40 hexadecimal digits), found {commit:?}"),
        ));
    }
    let day = |key: &str, value: &str| -> Result<PartialDate, ContentError> {
        full_date(value.trim()).ok_or_else(|| {
            ContentError::new(
                path,
                line_of(key),
                format!("`{key}` must be a YYYY-MM-DD date, found {value:?}"),
            )
        })
    };
    Ok(OfficialSource {
        repository,
        commit,
        commit_date: day("commit_date", &file.commit_date)?,
        checked: day("checked", &file.checked)?,
    })
}
