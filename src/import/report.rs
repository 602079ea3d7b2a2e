//! What an import changes, compared with the current `content/`: as a short summary for
//! the terminal and as Markdown for the changes log. Renames are only ever proposed.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write;

use super::history::{Replay, listed_name};
use super::records::Record;
use crate::content::OfficialSource;
use crate::model::{Category, PartialDate, fold, list_identity};

/// An official record as `content/` holds it now.
#[derive(Debug, Clone)]
pub struct Known {
    pub file: String,
    pub name: String,
    pub category: String,
    pub nationality: String,
}

/// What `content/` holds before the import.
pub struct Before {
    pub source: Option<OfficialSource>,
    pub records: Vec<Known>,
    /// The days `official_list_history.csv` names (spans' first and last days).
    pub days: BTreeSet<PartialDate>,
    /// Record ids that have a row of our own in `supporters.csv`.
    pub curated: HashSet<String>,
}

/// What the import found at the target commit.
pub struct After<'a> {
    pub source: &'a OfficialSource,
    pub records: &'a [(Record, Option<String>)],
    pub replay: &'a Replay,
}

/// The changes, section by section.
pub struct Report {
    pub markdown: String,
    pub summary: String,
    /// Whether the official records or their history differ from `content/`.
    pub changed: bool,
}

struct Entry<'a> {
    file: &'a str,
    name: &'a str,
    category: &'a str,
    nationality: &'a str,
}

impl Entry<'_> {
    fn line(&self) -> String {
        let category = Category::from_official(self.category).map_or("?", |c| c.slug());
        let nationality = match self.nationality.trim() {
            "" => "no nationality".to_string(),
            n => n.to_string(),
        };
        format!(
            "{} ({category}, {nationality}) `{}`",
            listed_name(self.name),
            self.file
        )
    }
}

/// Similar names for a rename proposal: the share of letter pairs in common (Dice).
fn similar(a: &str, b: &str) -> bool {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let letters: Vec<char> = fold(s).chars().filter(|c| c.is_alphanumeric()).collect();
        letters.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let mut rest = b.clone();
    let mut common = 0;
    for pair in &a {
        if let Some(i) = rest.iter().position(|p| p == pair) {
            rest.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64 >= 0.5
}

fn entry_old(k: &Known) -> Entry<'_> {
    Entry {
        file: &k.file,
        name: &k.name,
        category: &k.category,
        nationality: &k.nationality,
    }
}

fn entry_new(r: &Record) -> Entry<'_> {
    Entry {
        file: &r.file,
        name: &r.name,
        category: &r.category,
        nationality: &r.nationality,
    }
}

pub fn compare(before: &Before, after: &After, changed: bool) -> Report {
    let old: HashMap<&str, &Known> = before
        .records
        .iter()
        .map(|k| (k.file.as_str(), k))
        .collect();
    let new: HashMap<&str, &Record> = after
        .records
        .iter()
        .map(|(r, _)| (r.file.as_str(), r))
        .collect();
    let mut gone: Vec<&Known> = before
        .records
        .iter()
        .filter(|k| !new.contains_key(k.file.as_str()))
        .collect();
    let mut added: Vec<&Record> = after
        .records
        .iter()
        .map(|(r, _)| r)
        .filter(|r| !old.contains_key(r.file.as_str()))
        .collect();

    // A file that vanished while a new one carries the same name: the same entry, re-filed.
    let mut refiled = Vec::new();
    gone.retain(|k| {
        let identity = list_identity(&k.name);
        match added
            .iter()
            .position(|r| list_identity(&r.name) == identity)
        {
            Some(i) => {
                refiled.push((*k, added.remove(i)));
                false
            }
            None => true,
        }
    });
    // Same category and nationality, a similar name: perhaps a rename, for a person to decide.
    let proposals: Vec<(&Known, &Record)> = gone
        .iter()
        .flat_map(|k| {
            added
                .iter()
                .filter(move |r| {
                    r.category.trim() == k.category.trim()
                        && r.nationality.trim() == k.nationality.trim()
                        && similar(&k.name, &r.name)
                })
                .map(move |r| (*k, *r))
        })
        .collect();

    let mut renamed = Vec::new();
    let mut recategorised = Vec::new();
    let mut moved = Vec::new();
    for (record, _) in after.records {
        let Some(k) = old.get(record.file.as_str()) else {
            continue;
        };
        if listed_name(&k.name) != listed_name(&record.name) {
            renamed.push(format!(
                "`{}`: {} → {}",
                record.file,
                listed_name(&k.name),
                listed_name(&record.name)
            ));
        }
        for (was, now, list) in [
            (&k.category, &record.category, &mut recategorised),
            (&k.nationality, &record.nationality, &mut moved),
        ] {
            if was.trim() != now.trim() {
                list.push(format!(
                    "{} `{}`: {:?} → {:?}",
                    listed_name(&record.name),
                    record.file,
                    was.trim(),
                    now.trim()
                ));
            }
        }
    }
    let new_days: Vec<String> = after
        .replay
        .spans
        .iter()
        .flat_map(|s| [Some(s.listed_from), s.listed_until])
        .flatten()
        .collect::<BTreeSet<_>>()
        .difference(&before.days)
        .map(|d| d.iso())
        .collect();
    let uncurated: Vec<String> = after
        .records
        .iter()
        .filter(|(r, _)| {
            crate::content::record_id(&r.file).is_some_and(|id| !before.curated.contains(&id))
        })
        .map(|(r, _)| entry_new(r).line())
        .collect();
    let kept: Vec<String> = gone
        .iter()
        .filter(|k| {
            crate::content::record_id(&k.file).is_some_and(|id| before.curated.contains(&id))
        })
        .map(|k| entry_old(k).line())
        .collect();

    let mut md = String::new();
    let source = after.source;
    let _ = writeln!(
        md,
        "## Official list: import of {} ({})\n",
        source.short_commit(),
        source.commit_date.iso()
    );
    match &before.source {
        Some(b) if b.commit == source.commit => {
            let _ = writeln!(
                md,
                "Same commit as the current content ({}).",
                b.short_commit()
            );
        }
        Some(b) => {
            let _ = writeln!(
                md,
                "Previous source: {} ({}).",
                b.short_commit(),
                b.commit_date.iso()
            );
        }
        None => {
            let _ = writeln!(md, "No previous source recorded.");
        }
    }
    let mut counts = [0usize; 5];
    for (r, _) in after.records {
        if let Some(c) = Category::from_official(&r.category) {
            counts[c.index()] += 1;
        }
    }
    let _ = writeln!(
        md,
        "Records: {} before, {} now ({}).\n",
        before.records.len(),
        after.records.len(),
        Category::ALL
            .iter()
            .map(|c| format!("{} {}", counts[c.index()], c.slug()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut summary = String::new();
    let mut section = |title: &str, items: Vec<String>| {
        let _ = writeln!(summary, "{title}: {}", items.len());
        for item in items.iter().take(10) {
            let _ = writeln!(summary, "  - {item}");
        }
        if items.len() > 10 {
            let _ = writeln!(
                summary,
                "  - … and {} more (see the report)",
                items.len() - 10
            );
        }
        let _ = writeln!(md, "### {title} ({})\n", items.len());
        if items.is_empty() {
            let _ = writeln!(md, "None.\n");
        } else {
            for item in &items {
                let _ = writeln!(md, "- {item}");
            }
            let _ = writeln!(md);
        }
    };
    section(
        "Entries added",
        added.iter().map(|r| entry_new(r).line()).collect(),
    );
    section(
        "No longer listed",
        gone.iter().map(|k| entry_old(k).line()).collect(),
    );
    section(
        "Record files renamed (same name, same entry)",
        refiled
            .iter()
            .map(|(k, r)| format!("`{}` → `{}`: {}", k.file, r.file, listed_name(&r.name)))
            .collect(),
    );
    section(
        "Proposed renames (review; if it is the same body, add a row to record_renames.csv)",
        proposals
            .iter()
            .map(|(k, r)| {
                format!(
                    "{} `{}` → {} `{}` (same category and nationality, similar name)",
                    listed_name(&k.name),
                    k.file,
                    listed_name(&r.name),
                    r.file
                )
            })
            .collect(),
    );
    section("Names changed (same record file)", renamed);
    section("Category changes", recategorised);
    section("Nationality changes", moved);
    section("Days added to the history", new_days);
    section(
        "Days whose list was read from another folder (the commit has no `_supporters/`)",
        after
            .replay
            .elsewhere
            .iter()
            .map(|(day, folder)| format!("{}: `{folder}/`", day.iso()))
            .collect(),
    );
    section(
        "Records passed over in past commits (front matter does not parse: absent that day)",
        after
            .replay
            .skipped
            .iter()
            .map(|s| {
                format!(
                    "{} ({}): `{}/{}:{}`: {}",
                    s.day.iso(),
                    &s.commit[..s.commit.len().min(12)],
                    s.folder,
                    s.file,
                    s.problem.line,
                    s.problem.message
                )
            })
            .collect(),
    );
    section(
        "Commits dated before the commit before them (counted on that day)",
        after
            .replay
            .out_of_order
            .iter()
            .map(|c| format!("{} dated {}", c.id, c.day.iso()))
            .collect(),
    );
    section(
        "New records without a row in supporters.csv (shown under the official name; states under the country's name)",
        uncurated,
    );
    section(
        "Our rows in supporters.csv kept for records no longer listed",
        kept,
    );
    Report {
        markdown: md,
        summary,
        changed,
    }
}
