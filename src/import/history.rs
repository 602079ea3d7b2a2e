//! Replays the first-parent history of the official folder of records (`FOLDERS`) into
//! presence spans: the list on a day is the list after that day's last commit, and a name is
//! one entry of the list for as long as its identity (`model::list_identity`) stands in it.

use std::collections::{BTreeMap, HashMap};

use super::ImportError;
use super::git::{Blobs, Commit, File, Repo};
use super::records::{self, Malformed, Record};
use crate::content::{HistorySpan, history_category};
use crate::model::{Category, PartialDate, list_identity};

/// The official repository's folders of records, in order: the list at a commit is in the
/// first that holds a file. From 25 October to 10 November 2019 the repository had no
/// `_supporters/`: the same records stood in one folder per language of the site,
/// `_supporters_en/` and `_supporters_fr/`, and the English one is read (data/README.md).
pub const FOLDERS: [&str; 2] = ["_supporters", "_supporters_en"];

/// The folder holding the list at `commit` (the first of `FOLDERS` with a file; the first of
/// all when none has) and its record files, `*.md`.
pub fn records_at(repo: &Repo, commit: &str) -> Result<(&'static str, Vec<File>), ImportError> {
    for folder in FOLDERS {
        let files = repo.files(commit, folder)?;
        if !files.is_empty() {
            let records = files.into_iter().filter(|f| f.name.ends_with(".md"));
            return Ok((folder, records.collect()));
        }
    }
    Ok((FOLDERS[0], Vec::new()))
}

/// A record file passed over on a day because its front matter does not parse.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub day: PartialDate,
    pub commit: String,
    /// The folder the file is in (one of `FOLDERS`).
    pub folder: &'static str,
    pub file: String,
    pub problem: Malformed,
}

/// What the replay found.
pub struct Replay {
    pub spans: Vec<HistorySpan>,
    /// The days the list is known on, in order (one per day with a commit).
    pub days: Vec<PartialDate>,
    pub skipped: Vec<Skipped>,
    /// The days whose list was read from a folder other than `FOLDERS[0]`, with that folder.
    pub elsewhere: Vec<(PartialDate, &'static str)>,
    /// Commits dated before the commit before them on the first-parent line, counted on
    /// that earlier commit's day.
    pub out_of_order: Vec<Commit>,
}

/// How long a commit id is in the history file.
const SHORT: usize = 12;

/// The name as the history writes it: `*` markers dropped, runs of spaces and no-break
/// spaces made one space, ends trimmed (case kept).
pub fn listed_name(raw: &str) -> String {
    raw.split([' ', '\u{a0}'])
        .map(|w| w.replace('*', ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Replays `commits` (oldest first) of the folders of records; `progress` hears about each day.
pub fn replay(
    repo: &Repo,
    blobs: &mut Blobs,
    commits: &[Commit],
    progress: &mut dyn FnMut(usize, usize, PartialDate),
) -> Result<Replay, ImportError> {
    // The last commit of each day, days in order. A commit dated before the one before it
    // (a rebase, a clock) counts for that earlier commit's day.
    let mut days: Vec<(PartialDate, &Commit)> = Vec::new();
    let mut out_of_order = Vec::new();
    for commit in commits {
        let day = match days.last() {
            Some(&(last, _)) if commit.day < last => {
                out_of_order.push(commit.clone());
                last
            }
            _ => commit.day,
        };
        match days.last_mut() {
            Some(last) if last.0 == day => last.1 = commit,
            _ => days.push((day, commit)),
        }
    }

    let mut parsed: HashMap<String, Result<Record, Malformed>> = HashMap::new();
    let mut open: BTreeMap<String, HistorySpan> = BTreeMap::new();
    let mut closed: Vec<HistorySpan> = Vec::new();
    let mut skipped = Vec::new();
    let mut elsewhere = Vec::new();
    for (done, &(day, commit)) in days.iter().enumerate() {
        progress(done + 1, days.len(), day);
        let short = commit.id.chars().take(SHORT).collect::<String>();
        let mut listed: BTreeMap<String, Record> = BTreeMap::new();
        let (folder, files) = records_at(repo, &commit.id)?;
        if folder != FOLDERS[0] {
            elsewhere.push((day, folder));
        }
        for file in files {
            if !parsed.contains_key(&file.blob) {
                let bytes = blobs.read(&file.blob)?;
                parsed.insert(file.blob.clone(), records::parse(&file.name, &bytes));
            }
            match &parsed[&file.blob] {
                Ok(record) => {
                    // The same contents may sit under another name.
                    let mut record = record.clone();
                    record.file = file.name.clone();
                    // Two files with one identity on a day: the later file in path order.
                    listed.insert(list_identity(&record.name), record);
                }
                Err(problem) => skipped.push(Skipped {
                    day,
                    commit: commit.id.clone(),
                    folder,
                    file: file.name.clone(),
                    problem: problem.clone(),
                }),
            }
        }
        let gone: Vec<String> = open
            .keys()
            .filter(|identity| !listed.contains_key(*identity))
            .cloned()
            .collect();
        for identity in gone {
            if let Some(mut span) = open.remove(&identity) {
                span.listed_until = Some(day);
                span.listed_until_commit = Some(short.clone());
                closed.push(span);
            }
        }
        for (identity, record) in listed {
            let span = open.entry(identity).or_insert_with(|| HistorySpan {
                name: String::new(),
                category: Category::Other,
                category_raw: String::new(),
                nationality: String::new(),
                listed_from: day,
                listed_from_commit: short.clone(),
                listed_until: None,
                listed_until_commit: None,
                record_file: String::new(),
            });
            // A span shows the record as it last stood within it.
            span.name = listed_name(&record.name);
            span.category_raw = record.category.trim().to_string();
            // Only the raw value is written; an unknown one is reported when the site loads
            // the file.
            span.category = history_category(&span.category_raw).unwrap_or(Category::Other);
            span.nationality = record.nationality.trim().to_string();
            span.record_file = record.file;
        }
    }
    let mut spans = closed;
    spans.extend(open.into_values());
    spans.sort_by(|a, b| {
        (a.listed_from, list_identity(&a.name)).cmp(&(b.listed_from, list_identity(&b.name)))
    });
    Ok(Replay {
        spans,
        days: days.iter().map(|&(day, _)| day).collect(),
        skipped,
        elsewhere,
        out_of_order,
    })
}

/// `official_list_history.csv`, CRLF line ends.
pub fn to_csv(spans: &[HistorySpan]) -> Result<Vec<u8>, csv::Error> {
    let header = [
        "name",
        "category",
        "nationality",
        "listed_from",
        "listed_from_commit",
        "listed_until",
        "listed_until_commit",
        "record_file",
    ];
    super::crlf_csv(&header, |writer| {
        for s in spans {
            writer.write_record([
                s.name.as_str(),
                &s.category_raw,
                &s.nationality,
                &s.listed_from.iso(),
                &s.listed_from_commit,
                &s.listed_until.map(|d| d.iso()).unwrap_or_default(),
                s.listed_until_commit.as_deref().unwrap_or(""),
                &s.record_file,
            ])?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_names_drop_markers_and_extra_spaces() {
        assert_eq!(listed_name(" TAD GROUP ** "), "TAD GROUP");
        assert_eq!(listed_name("A\u{a0} B*"), "A B");
        assert_eq!(list_identity("Airbus*"), list_identity("AIRBUS"));
    }
}
