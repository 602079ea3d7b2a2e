//! What every page tells the base layout: title, description, canonical URL, as-of date.

use crate::AppState;
use crate::model::PartialDate;

pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub canonical_url: String,
    /// The page's path, to mark the current section in the navigation.
    pub path: String,
    /// The official list's last change, for the footer: "19 January 2024".
    pub as_of: String,
    pub as_of_iso: String,
}

impl PageMeta {
    /// Whether the page belongs to the navigation section at `prefix` (e.g. `/supporters`).
    pub fn in_section(&self, prefix: &str) -> bool {
        self.path == prefix
            || self
                .path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with(['/', '?']))
    }

    /// `path` is the page's permanent address, including any query that defines it.
    pub fn new(
        state: &AppState,
        title: impl Into<String>,
        description: impl Into<String>,
        path: &str,
    ) -> Self {
        Self::build(
            state.public_url.as_str(),
            Some(state.vocab.as_of),
            title.into(),
            description.into(),
            path,
        )
    }

    pub fn for_error(state: Option<&AppState>, heading: &str) -> Self {
        let public_url = state.map_or("", |s| s.public_url.as_str());
        Self::build(
            public_url,
            state.map(|s| s.vocab.as_of),
            heading.to_string(),
            heading.to_string(),
            "/",
        )
    }

    fn build(
        public_url: &str,
        as_of: Option<PartialDate>,
        title: String,
        description: String,
        path: &str,
    ) -> Self {
        PageMeta {
            title,
            description,
            canonical_url: format!("{}{}", public_url.trim_end_matches('/'), path),
            path: path.to_string(),
            as_of: as_of.map(|d| d.long()).unwrap_or_default(),
            as_of_iso: as_of.map(|d| d.iso()).unwrap_or_default(),
        }
    }
}
