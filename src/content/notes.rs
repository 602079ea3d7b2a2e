//! The `notes` column of supporters.csv: pipe-separated items, some of which carry
//! structured facts (the official French name, the official `nature`, the first-listed date).

use crate::model::PartialDate;

/// One piece of a note: plain text or a source URL (shown as a link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteSegment {
    Text(String),
    Link(String),
}

/// One `|`-separated item of a note, split into text and links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteItem {
    pub segments: Vec<NoteSegment>,
}

impl NoteItem {
    pub fn new(text: &str) -> Self {
        NoteItem {
            segments: segments(text),
        }
    }

    /// The item as stored: segments joined back into the original text.
    pub fn text(&self) -> String {
        self.segments
            .iter()
            .map(|s| match s {
                NoteSegment::Text(t) | NoteSegment::Link(t) => t.as_str(),
            })
            .collect()
    }
}

pub struct ParsedNotes {
    pub items: Vec<NoteItem>,
    pub nature: Option<String>,
    pub official_name_fr: Option<String>,
    pub listed_since: PartialDate,
}

const FRENCH_NAME: &str = "official list name (French): ";
const NATURE: &str = "official 'nature': ";
const LISTED_BY: &str = "in official list by ";

pub fn parse(notes: &str) -> Result<ParsedNotes, String> {
    let mut items = Vec::new();
    let mut nature = None;
    let mut official_name_fr = None;
    let mut listed_since = None;
    for item in notes.split(" | ").map(str::trim).filter(|i| !i.is_empty()) {
        if let Some(name) = item.strip_prefix(FRENCH_NAME) {
            official_name_fr = Some(name.to_string());
        } else if let Some(value) = item.strip_prefix(NATURE) {
            nature = Some(value.to_string());
        } else if let Some(rest) = item.strip_prefix(LISTED_BY) {
            let date = rest.get(..10).unwrap_or(rest);
            listed_since = Some(
                date.parse::<PartialDate>()
                    .ok()
                    .filter(PartialDate::is_full)
                    .ok_or_else(|| {
                        format!(
                            "\"{LISTED_BY}\" must be followed by a YYYY-MM-DD date, found {date:?}"
                        )
                    })?,
            );
        } else {
            items.push(NoteItem::new(item));
        }
    }
    let listed_since = listed_since.ok_or_else(|| {
        format!("every supporter's notes must say \"{LISTED_BY}YYYY-MM-DD\" (the first date in the official list)")
    })?;
    Ok(ParsedNotes {
        items,
        nature,
        official_name_fr,
        listed_since,
    })
}

/// Splits text at every http(s) URL; a URL ends at white space, `)` or `;`.
fn segments(text: &str) -> Vec<NoteSegment> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("https://").or_else(|| rest.find("http://")) {
        let (before, from_url) = rest.split_at(start);
        let end = from_url
            .find(|c: char| c.is_whitespace() || c == ')' || c == ';')
            .unwrap_or(from_url.len());
        let url = from_url[..end].trim_end_matches(['.', ',']);
        if !before.is_empty() {
            out.push(NoteSegment::Text(before.to_string()));
        }
        out.push(NoteSegment::Link(url.to_string()));
        rest = &from_url[url.len()..];
    }
    if !rest.is_empty() {
        out.push(NoteSegment::Text(rest.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_yield_their_structured_parts() {
        let parsed = parse(
            "official list name (French): Albanie | said so (https://example.org/a). | \
             official 'nature': Entreprise | in official list by 2019-09-16 (initial import)",
        )
        .unwrap();
        assert_eq!(parsed.official_name_fr.as_deref(), Some("Albanie"));
        assert_eq!(parsed.nature.as_deref(), Some("Entreprise"));
        assert_eq!(parsed.listed_since.iso(), "2019-09-16");
        assert_eq!(
            parsed.items[0].segments,
            vec![
                NoteSegment::Text("said so (".into()),
                NoteSegment::Link("https://example.org/a".into()),
                NoteSegment::Text(").".into()),
            ]
        );
    }

    #[test]
    fn notes_without_a_listed_date_are_refused() {
        assert!(parse("official 'nature': Entreprise").is_err());
        assert!(parse("in official list by 2019-13-01").is_err());
    }
}
