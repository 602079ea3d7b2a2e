//! Quotations: finding them in our text and finding their words in a source's stored text.
//!
//! A reference site may only put between quotation marks what a source really says. The
//! comparison forgives what is typography, not wording: white space and line breaks,
//! hyphenation at a line end (PDF text), the case of the first letter, straight or curly
//! quotation marks and apostrophes, and punctuation at either end. `…` (or `...`) splits a
//! quotation into fragments that must appear in that order; `[bracketed]` insertions are
//! ours and are skipped.

use unicode_normalization::UnicodeNormalization;

/// A passage between quotation marks, with the byte range of its opening mark in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    pub start: usize,
    pub end: usize,
    pub words: String,
}

/// Every outermost quotation in `text`: “…”, «…», "…", ‘…’ and '…' (the last only where the
/// marks stand at word boundaries, so that apostrophes are not taken for quotation marks).
pub fn find(text: &str) -> Vec<Quotation> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let close = match c {
            '“' => Some(('“', '”')),
            '«' => Some(('«', '»')),
            '‘' => Some(('‘', '’')),
            '"' => Some(('"', '"')),
            '\'' if opens_single(&chars, i) => Some(('\'', '\'')),
            _ => None,
        };
        let Some((open, close)) = close else {
            i += 1;
            continue;
        };
        let mut depth = 0;
        let mut j = i + 1;
        let mut end = None;
        while j < chars.len() {
            let ch = chars[j].1;
            if ch == close && (close != '\'' && close != '’' || closes_single(&chars, j)) {
                if depth == 0 {
                    end = Some(j);
                    break;
                }
                depth -= 1;
            } else if ch == open && open != close {
                depth += 1;
            }
            j += 1;
        }
        match end {
            Some(j) => {
                let inner_start = start + c.len_utf8();
                let inner_end = chars[j].0;
                let words = text[inner_start..inner_end].trim().to_string();
                if words.chars().any(char::is_alphanumeric) {
                    found.push(Quotation {
                        start,
                        end: inner_end + chars[j].1.len_utf8(),
                        words,
                    });
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    found
}

fn opens_single(chars: &[(usize, char)], i: usize) -> bool {
    let before = i.checked_sub(1).map(|b| chars[b].1);
    let after = chars.get(i + 1).map(|c| c.1);
    before.is_none_or(|b| b.is_whitespace() || "([—–-/".contains(b))
        && after.is_some_and(|a| a.is_alphanumeric() || a == '.' || a == '[')
}

fn closes_single(chars: &[(usize, char)], j: usize) -> bool {
    let before = chars[j - 1].1;
    let after = chars.get(j + 1).map(|c| c.1);
    !before.is_whitespace() && after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]—–".contains(a))
}

/// A source's text prepared for searching: normalised, in two readings of line-end hyphens
/// (joined words, and kept hyphens such as "ICT-\nenabled").
pub struct Haystack {
    readings: [String; 2],
}

impl Haystack {
    pub fn new(text: &str) -> Self {
        let text = nfc(text);
        let joined = dehyphenate(&text, "");
        let kept = dehyphenate(&text, "-");
        Haystack {
            readings: [normalise(&joined), normalise(&kept)],
        }
    }
}

/// `text` in NFC, copied only when it is not already (most text is: the check is much
/// cheaper than normalising, and start-up normalises every stored source).
fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if unicode_normalization::is_nfc(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// Joins words broken by a hyphen at a line end, with `join` in place of "-\n".
fn dehyphenate(text: &str, join: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("-\n") {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let after = &after[2..];
        let trimmed = after.trim_start_matches([' ', '\t', '\u{c}']);
        if before.ends_with(|c: char| c.is_alphabetic())
            && trimmed.starts_with(|c: char| c.is_alphabetic())
        {
            out.push_str(join);
            rest = trimmed;
        } else {
            out.push_str("-\n");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The forms compared: NFC, one kind of quotation mark and apostrophe, single spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in nfc(text).chars() {
        let c = match c {
            '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
            '\u{a0}' | '\u{202f}' | '\u{2009}' => ' ',
            '\u{ad}' => continue,
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The fragments of a quotation that must be found: split at ellipses and at `[insertions]`,
/// trimmed of white space, quotation marks and the punctuation that closes a quoted sentence.
pub fn fragments(quotation: &str) -> Vec<String> {
    let text = quotation.replace("...", "…");
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '[' => {
                depth += 1;
                pieces.push(std::mem::take(&mut current));
            }
            ']' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            '…' => pieces.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    pieces.push(current);
    pieces
        .into_iter()
        .map(|p| {
            normalise(&p)
                .trim_matches(|c: char| c.is_whitespace() || ".,;:'\"".contains(c))
                .to_string()
        })
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect()
}

/// Whether every fragment of `quotation` is found, in order, in the haystack.
pub fn found_in(quotation: &str, haystack: &Haystack) -> bool {
    let fragments = fragments(quotation);
    !fragments.is_empty()
        && haystack
            .readings
            .iter()
            .any(|text| in_order(&fragments, text))
}

fn in_order(fragments: &[String], text: &str) -> bool {
    let mut from = 0;
    for fragment in fragments {
        match find_with_first_letter_either_case(&text[from..], fragment) {
            Some(at) => from += at + fragment.len(),
            None => return false,
        }
    }
    true
}

fn find_with_first_letter_either_case(text: &str, fragment: &str) -> Option<usize> {
    let mut chars = fragment.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let mut best: Option<usize> = None;
    for variant in first.to_lowercase().chain(first.to_uppercase()) {
        let candidate = format!("{variant}{rest}");
        if let Some(at) = text.find(&candidate) {
            best = Some(best.map_or(at, |b| b.min(at)));
        }
    }
    best
}

/// The passage of the source closest to the quotation (most words in common over a window
/// of the quotation's length), to show the editor what the source actually says, with the
/// number of words it shares.
pub fn closest_passage(quotation: &str, haystack: &Haystack) -> (String, usize) {
    let wanted: Vec<String> = normalise(quotation)
        .split(' ')
        .map(word_key)
        .filter(|w| !w.is_empty())
        .collect();
    let text = &haystack.readings[0];
    let words: Vec<&str> = text.split(' ').collect();
    if wanted.is_empty() || words.is_empty() {
        return (String::new(), 0);
    }
    let width = wanted.len().min(words.len());
    let mut best = (0, 0);
    for start in 0..=words.len() - width {
        let score = words[start..start + width]
            .iter()
            .filter(|w| wanted.contains(&word_key(w)))
            .count();
        if score > best.1 {
            best = (start, score);
        }
    }
    let from = best.0.saturating_sub(3);
    let to = (best.0 + width + 3).min(words.len());
    (words[from..to].join(" "), best.1)
}

fn word_key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_are_found_but_not_apostrophes() {
        let q = find(
            "Axios said “more than 50 nations” and « un outil essentiel » and 'lacks teeth', \
             but the US's view and States' use are not quotes; \"straight\" is.",
        );
        let words: Vec<&str> = q.iter().map(|q| q.words.as_str()).collect();
        assert_eq!(
            words,
            [
                "more than 50 nations",
                "un outil essentiel",
                "lacks teeth",
                "straight"
            ]
        );
    }

    #[test]
    fn nested_quotations_count_once() {
        let q = find("“improve … everybody’s “cyber hygiene”” end");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].words, "improve … everybody’s “cyber hygiene”");
    }

    #[test]
    fn typography_is_forgiven_but_not_words() {
        let source = Haystack::new(
            "Prevent ICT-\nenabled theft of intel-\nlectual property, including  trade\nsecrets; the “public core”.\nIt is ‘mostly symbolic’.",
        );
        assert!(found_in("prevent ICT-enabled theft", &source));
        assert!(found_in("theft of intellectual property", &source));
        assert!(found_in("including trade secrets.", &source));
        assert!(found_in("the \"public core\"", &source));
        assert!(found_in("it is 'mostly symbolic'", &source));
        assert!(found_in("Prevent … trade secrets", &source));
        assert!(found_in("[We must] prevent ICT-enabled", &source));
        assert!(
            !found_in("trade secrets … Prevent", &source),
            "order matters"
        );
        assert!(!found_in("including business secrets", &source));
        let (passage, _) = closest_passage("including business secrets", &source);
        assert!(passage.contains("including trade secrets"), "{passage}");
    }
}
