//! What the database derives from several content files at once: each state's status, and
//! which entry each span of the official list's history belongs to.

use std::collections::{HashMap, HashSet};

use crate::content::{ClaimKind, Content, StatementEvent};
use crate::model::{Category, PartialDate, StateStatus, fold};

/// A disputed row is about a state (not an organisation) when it names the country itself.
pub(super) fn is_state_claim(
    d: &crate::content::Disputed,
    country_names: &HashMap<&str, &str>,
) -> bool {
    d.iso2
        .as_deref()
        .and_then(|c| country_names.get(c))
        .is_some_and(|name| name.eq_ignore_ascii_case(&d.name))
}

/// Each country's status. The official list wins: a state in it is a supporter whatever
/// else was said; otherwise a sourced refusal, then a sourced but unconfirmed claim.
pub(super) fn state_statuses<'a>(
    content: &'a Content,
    country_names: &HashMap<&str, &str>,
) -> Vec<(&'a str, StateStatus)> {
    let supporters: HashSet<&str> = content
        .supporters
        .iter()
        .filter(|s| s.category == Category::State)
        .filter_map(|s| s.country_iso2.as_deref())
        .collect();
    let refused: HashSet<&str> = content
        .non_signatories
        .iter()
        .filter(|n| n.event == StatementEvent::Absent)
        .map(|n| n.iso2.as_str())
        .collect();
    let claimed: HashSet<&str> = content
        .disputed
        .iter()
        .filter(|d| d.kind == ClaimKind::Claim && is_state_claim(d, country_names))
        .filter_map(|d| d.iso2.as_deref())
        .collect();
    content
        .countries
        .iter()
        .map(|c| {
            let code = c.iso2.as_str();
            let status = if supporters.contains(code) {
                StateStatus::Supporter
            } else if refused.contains(code) {
                StateStatus::NonSignatory
            } else if claimed.contains(code) {
                StateStatus::Disputed
            } else {
                StateStatus::NotListed
            };
            (code, status)
        })
        .collect()
}

/// What a history span is known to belong to.
pub(super) struct SpanBody<'a> {
    /// The current record of the same body, if it is still listed.
    pub(super) id: Option<&'a str>,
    pub(super) country_iso2: Option<&'a str>,
    pub(super) first_listed: PartialDate,
    pub(super) joined: Option<PartialDate>,
}

/// Pairs each history span with the body it belongs to, so that a renamed or re-filed
/// record is one body rather than one leaving and another joining. In order: the same
/// record file as a current record; the same name (case and accents aside) as a current
/// record or as a span of one; a reviewed rename or duplicate in `record_renames.csv`.
/// Nothing is guessed beyond that: the rest are bodies no longer in the list.
pub(super) struct Bodies<'a> {
    pub(super) spans: Vec<SpanBody<'a>>,
    ids: HashSet<&'a str>,
}

impl<'a> Bodies<'a> {
    pub(super) fn resolve(content: &'a Content) -> Self {
        let ids: HashSet<&str> = content.supporters.iter().map(|s| s.id.as_str()).collect();
        let by_id: HashMap<&str, &crate::content::Supporter> = content
            .supporters
            .iter()
            .map(|s| (s.id.as_str(), s))
            .collect();
        let mut by_name: HashMap<String, &str> = content
            .supporters
            .iter()
            .map(|s| (fold(&s.name), s.id.as_str()))
            .collect();
        let mut bodies = Bodies {
            spans: Vec::new(),
            ids,
        };
        for h in &content.history {
            if let Some(id) = bodies.record_of(h) {
                by_name.entry(fold(&h.name)).or_insert(id);
            }
        }
        let renamed: HashMap<(String, PartialDate), &str> = content
            .renames
            .iter()
            .filter_map(|r| {
                Some((
                    (fold(&r.old_name), r.listed_until),
                    r.successor_id.as_deref()?,
                ))
            })
            .collect();
        let country_codes = country_codes(content);
        // A departed body's first day is its earliest span's.
        let mut first_by_name: HashMap<String, PartialDate> = HashMap::new();
        for h in &content.history {
            let first = first_by_name.entry(fold(&h.name)).or_insert(h.listed_from);
            *first = (*first).min(h.listed_from);
        }
        for h in &content.history {
            let name = fold(&h.name);
            let id = bodies
                .record_of(h)
                .or_else(|| by_name.get(&name).copied())
                .or_else(|| {
                    h.listed_until
                        .and_then(|until| renamed.get(&(name.clone(), until)).copied())
                });
            let current = id.and_then(|id| by_id.get(id));
            bodies.spans.push(SpanBody {
                id,
                country_iso2: match current {
                    Some(s) => s.country_iso2.as_deref(),
                    None => country_codes.get(&fold(&h.nationality)).copied(),
                },
                first_listed: current.map_or(first_by_name[&name], |s| s.listed_since),
                joined: current.and_then(|s| s.joined),
            });
        }
        bodies
    }

    /// The current record with the span's file name, if that file still exists.
    fn record_of(&self, h: &crate::content::HistorySpan) -> Option<&'a str> {
        let id = h
            .record_file
            .strip_suffix(".md")
            .unwrap_or(&h.record_file)
            .to_ascii_lowercase();
        self.ids.get(id.as_str()).copied()
    }
}

/// The history's raw nationalities (French names or ISO3 codes), folded, to ISO2 codes.
fn country_codes(content: &Content) -> HashMap<String, &str> {
    let mut codes = HashMap::new();
    for c in &content.countries {
        let names = [c.iso3.as_deref(), c.name_fr.as_deref()];
        for name in names.into_iter().flatten() {
            codes.insert(fold(name), c.iso2.as_str());
        }
    }
    codes
}
