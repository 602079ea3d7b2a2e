//! What a search finds: the countries a query names exactly (aliases included), put first;
//! the full-text hits; and, when nothing bears the name typed, the nearest names ("Did you
//! mean") and the list's size for the "not in the official list" sentence.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::db::names::{self, NameKey, NamedKind};
use crate::db::search::{self, HitAbout, HitKind, SearchHit};
use crate::db::supporters::{self, SupporterFilter};
use crate::db::{QueryResult, countries};
use crate::i18n::Lang;
use crate::model::name_key;

/// A "Did you mean" needs this closeness (0–1): one wrong letter in five.
const STRONG: f64 = 0.75;
/// Below this a name is too far to be offered even as the closest.
const FLOOR: f64 = 0.45;
const MAX_SUGGESTIONS: usize = 5;

#[derive(Default)]
pub struct Findings {
    /// Countries the query names exactly ("USA", "Allemagne"), first in the results.
    pub named: Vec<SearchHit>,
    /// The full-text hits, without the countries in `named`.
    pub hits: Vec<SearchHit>,
    /// Nearest names, best first, when no supporter and no named country matched: only
    /// the strong ones if there are any.
    pub suggestions: Vec<Suggestion>,
    /// Whether the query names nothing in the official list (the quotable sentence).
    pub not_listed: bool,
    /// Entries in the official list, for that sentence.
    pub listed_total: i64,
}

pub struct Suggestion {
    pub hit: SearchHit,
    /// Close enough to be a typo of it: shown as "Did you mean".
    pub strong: bool,
}

/// `expression` is `params::fts_query` of `query`, when it has anything to search for.
pub fn find(
    conn: &Connection,
    names: &NameIndex,
    query: &str,
    expression: Option<&str>,
    lang: Lang,
    limit: u32,
) -> QueryResult<Findings> {
    let key = name_key(query);
    let mut named = Vec::new();
    if !key.is_empty() {
        for code in names::countries_named(conn, &key)? {
            if let Some(hit) = country_hit(conn, &code, lang)? {
                named.push(hit);
            }
        }
    }
    let mut hits = Vec::new();
    if let Some(expression) = expression {
        for mut hit in search::hits(conn, expression, lang, limit)? {
            match hit.kind {
                HitKind::Country if named.iter().any(|n| n.key == hit.key) => continue,
                HitKind::Country => {
                    if let Some(row) = countries::get(conn, &hit.key.to_ascii_uppercase(), None)? {
                        hit.about = HitAbout::Country(row);
                    }
                }
                HitKind::Supporter => {
                    if let Some(row) = supporters::summary(conn, &hit.key)? {
                        hit.about = HitAbout::Supporter(row);
                    }
                }
                _ => {}
            }
            hits.push(hit);
        }
    }
    let supporter_found = hits.iter().any(|h| h.kind == HitKind::Supporter);
    let not_listed = expression.is_some() && !supporter_found && named.is_empty();
    let mut suggestions = Vec::new();
    let mut listed_total = 0;
    if not_listed {
        for (closeness, name) in names.nearest(&key, MAX_SUGGESTIONS) {
            let hit = match name.kind {
                NamedKind::Country => country_hit(conn, &name.id, lang)?,
                NamedKind::Supporter => supporters::summary(conn, &name.id)?.map(|row| SearchHit {
                    kind: HitKind::Supporter,
                    key: row.id.clone(),
                    title: row.display_name(lang).to_string(),
                    snippet: String::new(),
                    about: HitAbout::Supporter(row),
                }),
            };
            suggestions.extend(hit.map(|hit| Suggestion {
                hit,
                strong: closeness >= STRONG,
            }));
        }
        // A likely typo makes the far names noise.
        if suggestions.iter().any(|s| s.strong) {
            suggestions.retain(|s| s.strong);
        }
        listed_total = supporters::counts(conn, &SupporterFilter::default())?
            .iter()
            .map(|(_, n)| n)
            .sum();
    }
    Ok(Findings {
        named,
        hits,
        suggestions,
        not_listed,
        listed_total,
    })
}

fn country_hit(conn: &Connection, code: &str, lang: Lang) -> QueryResult<Option<SearchHit>> {
    Ok(
        countries::get(conn, &code.to_ascii_uppercase(), None)?.map(|row| SearchHit {
            kind: HitKind::Country,
            key: code.to_string(),
            title: row.name(lang).to_string(),
            snippet: String::new(),
            about: HitAbout::Country(row),
        }),
    )
}

/// Every name key, and each distinct word in them with where it occurs: built once per
/// load, so a "Did you mean" compares the typed words with about 3,000 distinct words
/// instead of every run of words of every name.
pub struct NameIndex {
    names: Vec<NameKey>,
    words: Vec<Word>,
}

struct Word {
    text: String,
    chars: usize,
    /// (index in `names`, position of the word in that name).
    uses: Vec<(usize, usize)>,
}

impl NameIndex {
    pub fn new(names: Vec<NameKey>) -> Self {
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut words: Vec<Word> = Vec::new();
        for (index, name) in names.iter().enumerate() {
            for (position, word) in name.key.split(' ').enumerate() {
                let slot = *at.entry(word).or_insert_with(|| {
                    words.push(Word {
                        text: word.to_string(),
                        chars: word.chars().count(),
                        uses: Vec::new(),
                    });
                    words.len() - 1
                });
                words[slot].uses.push((index, position));
            }
        }
        drop(at);
        NameIndex { names, words }
    }

    /// The names nearest to `typed` (a name key), one per page, closest first, with their
    /// closeness from 0 to 1: the mean, over the typed words, of each one's best likeness
    /// to a word of the name, a little less where it is not in the same place
    /// ("kasperski" is 0.89 of "kaspersky" in "kaspersky lab").
    pub fn nearest(&self, typed: &str, limit: usize) -> Vec<(f64, &NameKey)> {
        let typed: Vec<&str> = typed.split(' ').filter(|w| !w.is_empty()).collect();
        if typed.concat().chars().count() < 3 {
            return Vec::new();
        }
        let mut best = vec![0.0f64; self.names.len() * typed.len()];
        for (i, wanted) in typed.iter().enumerate() {
            let length = wanted.chars().count();
            for word in &self.words {
                let Some(likeness) = likeness(wanted, length, &word.text, word.chars) else {
                    continue;
                };
                for &(name, position) in &word.uses {
                    let weighted = if position == i {
                        likeness
                    } else {
                        likeness * 0.95
                    };
                    let slot = &mut best[name * typed.len() + i];
                    *slot = slot.max(weighted);
                }
            }
        }
        let mut per_page: HashMap<(NamedKind, &str), (f64, &NameKey)> = HashMap::new();
        for (index, scores) in best.chunks(typed.len()).enumerate() {
            let score = scores.iter().sum::<f64>() / typed.len() as f64;
            if score < FLOOR {
                continue;
            }
            let name = &self.names[index];
            let entry = per_page
                .entry((name.kind, name.id.as_str()))
                .or_insert((score, name));
            if score > entry.0 {
                *entry = (score, name);
            }
        }
        let mut ranked: Vec<(f64, &NameKey)> = per_page.into_values().collect();
        ranked.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.key.len().cmp(&b.1.key.len()))
                .then_with(|| a.1.key.cmp(&b.1.key))
        });
        ranked.truncate(limit);
        ranked
    }
}

/// Edit likeness of two words from 0 to 1 (a swap of two letters is one edit), or None when
/// their lengths alone rule out a likeness above one half.
fn likeness(a: &str, a_chars: usize, b: &str, b_chars: usize) -> Option<f64> {
    let longest = a_chars.max(b_chars);
    if longest == 0 || a_chars.abs_diff(b_chars) * 2 > longest {
        return None;
    }
    let likeness = 1.0 - strsim::osa_distance(a, b) as f64 / longest as f64;
    (likeness >= FLOOR).then_some(likeness)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(keys: &[&str]) -> NameIndex {
        NameIndex::new(
            keys.iter()
                .map(|k| NameKey {
                    key: k.to_string(),
                    kind: NamedKind::Supporter,
                    id: k.to_string(),
                })
                .collect(),
        )
    }

    #[test]
    fn a_typo_is_close_to_the_name_it_misspells() {
        let names = index(&["kaspersky lab", "microsoft", "germany", "lab of kaspersky"]);
        let found = names.nearest("kasperski", 5);
        assert_eq!(found[0].1.key, "kaspersky lab");
        assert!(found[0].0 >= STRONG);
        assert!(
            found[1].0 < found[0].0,
            "the same word later in a name counts less"
        );
        assert_eq!(names.nearest("germny", 1)[0].1.key, "germany");
        assert!(names.nearest("zzzzzz", 5).is_empty());
    }
}
