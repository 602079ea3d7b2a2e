//! What may not appear in text a reader sees: our research notes. Editors keep those in
//! `research_note` columns, which are never rendered; the load refuses them elsewhere.

/// Why `text` reads as a research note rather than as text for readers, if it does.
pub fn research_note_in(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for (needle, why) in [
        ("facts.md", "names our research notes (facts.md)"),
        ("sources.md", "names our research notes (SOURCES.md)"),
        (
            "status change",
            "is a note to ourselves (\"STATUS CHANGE\")",
        ),
        ("snapshot", "speaks of a repository \"snapshot\""),
        ("http://", "holds a raw URL (cite the source by id instead)"),
        (
            "https://",
            "holds a raw URL (cite the source by id instead)",
        ),
        (
            "www.",
            "holds a raw address (cite the source by id instead)",
        ),
    ] {
        if lower.contains(needle) {
            return Some(why.to_string());
        }
    }
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_' || c == '-')) {
        let word = word.trim_matches(|c: char| c == '.' || c == '-' || c == '_');
        if let Some((_, extension)) = word.rsplit_once('.')
            && [
                "csv", "md", "yml", "yaml", "toml", "json", "js", "txt", "rs", "html",
            ]
            .contains(&extension.to_ascii_lowercase().as_str())
        {
            return Some(format!(
                "names a file ({word}): cite the source by id instead"
            ));
        }
        if is_commit_hash(word) {
            return Some(format!("holds a commit hash ({word})"));
        }
        if ["NOT", "TODO", "FIXME", "XXX"].contains(&word) {
            return Some(format!("holds a note to ourselves ({word})"));
        }
    }
    None
}

/// 7 to 40 lower-case hexadecimal characters with both digits and letters, as git prints.
fn is_commit_hash(word: &str) -> bool {
    (7..=40).contains(&word.len())
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && word.bytes().any(|b| b.is_ascii_digit())
        && word.bytes().any(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn research_notes_are_recognised() {
        for note in [
            "see non_signatories.csv",
            "from facts.md",
            "Treat Ghana as NOT a listed state supporter",
            "STATUS CHANGE: no longer a non-signatory",
            "81 states at snapshot 916433b",
            "principles.yml",
            "(https://example.org/a)",
            "commit 7ef873a",
        ] {
            assert!(research_note_in(note).is_some(), "{note}");
        }
        for text in [
            "Axios reported on 13 November 2018 that more than 50 nations signed.",
            "Le site officiel (pariscall.international) le dit.",
            "A decade of facade work; 1,222 entries; 2019-09-16.",
        ] {
            assert_eq!(research_note_in(text), None, "{text}");
        }
    }
}
