//! `/search` queries: the text typed, and the FTS5 expression made from it.

use super::{encode, pairs, single, text_query};
use crate::error::AppError;

/// The canonical query string of the search page.
pub fn search_canonical(q: Option<&str>) -> String {
    encode(
        &q.map(|q| ("q", q.to_string()))
            .into_iter()
            .collect::<Vec<_>>(),
    )
}

/// The text typed into the search box, if any.
pub fn search_query(query: &str) -> Result<Option<String>, AppError> {
    let pairs = pairs(query)?;
    text_query("q", single(&pairs, "q")?)
}

/// Turns free text into an FTS5 expression that cannot carry FTS5 syntax: only runs of
/// letters and digits survive, each quoted as a prefix phrase and all of them required.
/// Returns None when nothing searchable is left (e.g. the query was only punctuation).
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(16)
        .map(|t| format!("\"{t}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_queries_carry_no_syntax() {
        assert_eq!(fts_query("micro").as_deref(), Some("\"micro\"*"));
        assert_eq!(
            fts_query("NEAR(a b) \"x\" -y *").as_deref(),
            Some("\"NEAR\"* \"a\"* \"b\"* \"x\"* \"y\"*")
        );
        assert_eq!(fts_query(")))"), None);
    }
}
