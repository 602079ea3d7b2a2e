//! How a source is cited on a page: "Axios, “U.S. refuses to sign…”, 13 November 2018".
//! One format for Markdown footnotes, data rows and the `/sources` page.

use crate::i18n::Lang;
use crate::model::PartialDate;

/// A source of the registry, as pages cite it (read from the `sources` table by column name).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Reference {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub author: Option<String>,
    pub published: Option<PartialDate>,
    pub url: String,
    pub accessed: PartialDate,
    pub archive_url: Option<String>,
    /// `en` or `fr`: the language the source is written in.
    pub language: String,
    /// `primary`, `official`, `press` or `other`.
    pub kind: String,
}

impl Reference {
    /// How an inline citation names the source: the publisher, or for the Call's own
    /// documents (which share one publisher) the document's title.
    pub fn label(&self) -> &str {
        if self.kind == "primary" {
            &self.title
        } else {
            &self.publisher
        }
    }

    /// The reference as HTML (escaped): publisher, the title linked to the source, the date
    /// and the locator. The title is marked with the source's language when it differs.
    pub fn html(&self, lang: Lang, locator: Option<&str>) -> String {
        let (open, close) = lang.pick(("“", "”"), ("«\u{a0}", "\u{a0}»"));
        let title_lang = if self.language == lang.code() {
            String::new()
        } else {
            format!(" lang=\"{}\"", escape(&self.language))
        };
        let mut out = format!(
            "{}, <a href=\"{}\"{title_lang}>{open}{}{close}</a>",
            escape(&self.publisher),
            escape(&self.url),
            escape(&self.title),
        );
        match self.published {
            Some(date) => {
                out.push_str(", ");
                out.push_str(&lang.date(date));
            }
            None => out.push_str(lang.tr(", undated", ", non daté")),
        }
        if let Some(locator) = locator.filter(|l| !l.is_empty()) {
            out.push_str(", ");
            out.push_str(&escape(locator));
        }
        out
    }
}

/// HTML-escapes text for element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_names_publisher_title_and_date() {
        let r = Reference {
            id: "axios-2018-11-13".into(),
            title: "U.S. refuses to sign <pact>".into(),
            publisher: "Axios".into(),
            author: None,
            published: "2018-11-13".parse().ok(),
            url: "https://example.org/a?b=1&c=2".into(),
            accessed: "2026-11-23".parse().unwrap(),
            archive_url: None,
            language: "en".into(),
            kind: "press".into(),
        };
        assert_eq!(
            r.html(Lang::En, Some("p. 6")),
            "Axios, <a href=\"https://example.org/a?b=1&amp;c=2\">“U.S. refuses to sign &lt;pact&gt;”</a>, 13 November 2018, p. 6"
        );
        assert_eq!(
            r.html(Lang::Fr, None),
            "Axios, <a href=\"https://example.org/a?b=1&amp;c=2\" lang=\"en\">«\u{a0}U.S. refuses to sign &lt;pact&gt;\u{a0}»</a>, 13 novembre 2018"
        );
    }
}
