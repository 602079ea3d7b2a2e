//! The site's two languages: which one a request is in, and how each writes dates and numbers.
//!
//! English lives at unprefixed paths, French at the same paths under `/fr`. Every handler
//! and template is shared: they take a `Lang` and pick their words with [`Lang::tr`], which
//! takes both wordings side by side, so a label cannot exist in one language only.

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpRequest, dev::Payload};

use crate::model::PartialDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The language's place in `ALL`, for per-language arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The BCP 47 code, for `<html lang>` and `hreflang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The path prefix of the language's pages.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::En => "",
            Lang::Fr => "/fr",
        }
    }

    /// The Open Graph locale.
    pub fn locale(self) -> &'static str {
        match self {
            Lang::En => "en_GB",
            Lang::Fr => "fr_FR",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }

    /// The language of a request path: French under `/fr/`.
    pub fn of_path(path: &str) -> Lang {
        if path == "/fr" || path.starts_with("/fr/") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// A page's path in this language, from its unprefixed form: `/` → `/fr/`,
    /// `/supporters?category=state` → `/fr/supporters?category=state`.
    pub fn path(self, unprefixed: &str) -> String {
        format!("{}{unprefixed}", self.prefix())
    }

    /// Picks this language's wording. Both are written side by side where the text is used.
    /// The value for this language, for anything that is not a plain label.
    pub fn pick<T>(self, en: T, fr: T) -> T {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    pub fn tr<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    /// A UN region's name (the data holds the English ones).
    pub fn region(self, name: &str) -> &str {
        if self == Lang::En {
            return name;
        }
        match name {
            "Africa" => "Afrique",
            "Americas" => "Amériques",
            "Asia" => "Asie",
            "Europe" => "Europe",
            "Oceania" => "Océanie",
            other => other,
        }
    }

    /// A count for readers: "1,222" in English, "1 222" (no-break space) in French.
    pub fn number(self, n: i64) -> String {
        let separator = self.tr(",", "\u{a0}");
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(separator);
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    }

    /// The first day of a range ending on `until`, without its year when `until` is in the
    /// same year: "25 October" (to be followed by "9 November 2019").
    pub fn range_start(self, from: PartialDate, until: PartialDate) -> String {
        let full = self.date(from);
        if from.year == until.year && from.month.is_some() {
            full.trim_end_matches(&format!(" {}", from.year))
                .to_string()
        } else {
            full
        }
    }

    /// The plural rule, the one place it is written: whether a count of `n` takes the
    /// singular. English: only 1 ("1 entry", "0 entries"); French: 0 and 1 ("0 entrée",
    /// "1 entrée", "2 entrées").
    pub fn is_singular(self, n: i64) -> bool {
        match self {
            Lang::En => n == 1,
            Lang::Fr => n == 0 || n == 1,
        }
    }

    /// The form of a word or phrase that agrees with a count of `n`: `one` or `other`.
    pub fn plural<'a>(self, n: i64, one: &'a str, other: &'a str) -> &'a str {
        if self.is_singular(n) { one } else { other }
    }

    /// A date as precise as it is known: "12 November 2018" / "12 novembre 2018",
    /// "November 2021" / "novembre 2021", "2018". French writes the first day "1er".
    pub fn date(self, date: PartialDate) -> String {
        let month = |m: u8| {
            let index = usize::from(m.clamp(1, 12)) - 1;
            self.tr(MONTHS_EN[index], MONTHS_FR[index])
        };
        match (date.month, date.day) {
            (Some(m), Some(1)) if self == Lang::Fr => format!("1er {} {}", month(m), date.year),
            (Some(m), Some(d)) => format!("{d} {} {}", month(m), date.year),
            (Some(m), None) => format!("{} {}", month(m), date.year),
            _ => date.year.to_string(),
        }
    }
}

/// Template filters that write dates and counts in a page's language:
/// `{{ day|date(meta.lang) }}`, `{{ total|num(meta.lang) }}`. Askama looks custom filters up
/// in a module named `filters` where the template struct is derived, so each handler module
/// that renders dates or counts has `use crate::i18n::filters;`. Askama passes the value by
/// reference (a reference to one, in loops), which reaches these by deref coercion.
pub mod filters {
    use super::Lang;
    use crate::model::PartialDate;

    /// [`Lang::date`]: "12 November 2018", "1er août 2021", "2018".
    #[askama::filter_fn]
    pub fn date(date: &PartialDate, _: &dyn askama::Values, lang: &Lang) -> askama::Result<String> {
        Ok(lang.date(*date))
    }

    /// [`Lang::range_start`]: the first day of a range ending on `until`, written
    /// `{{ from|range_start(until, meta.lang) }}`.
    #[askama::filter_fn]
    pub fn range_start(
        from: &PartialDate,
        _: &dyn askama::Values,
        until: &PartialDate,
        lang: &Lang,
    ) -> askama::Result<String> {
        Ok(lang.range_start(*from, *until))
    }

    /// [`Lang::number`]: "1,222" / "1 222".
    #[askama::filter_fn]
    pub fn num(n: &i64, _: &dyn askama::Values, lang: &Lang) -> askama::Result<String> {
        Ok(lang.number(*n))
    }

    /// [`Lang::plural`]: the form agreeing with a count, the language's plural rule applied:
    /// `{{ total|num(meta.lang) }} {{ total|plural(meta.lang, "entrée", "entrées") }}`.
    #[askama::filter_fn]
    pub fn plural<'a>(
        n: &i64,
        _: &dyn askama::Values,
        lang: &Lang,
        one: &'a str,
        other: &'a str,
    ) -> askama::Result<&'a str> {
        Ok(lang.plural(*n, one, other))
    }
}

/// Templates pass a page's language by reference (askama borrows method arguments):
/// functions that templates call take `impl Into<Lang>` to accept it either way.
impl From<&Lang> for Lang {
    fn from(lang: &Lang) -> Lang {
        *lang
    }
}

/// Handlers take the language as an argument; it comes from the path, never from headers,
/// so a shared URL shows what it says.
impl FromRequest for Lang {
    type Error = actix_web::Error;
    type Future = Ready<Result<Lang, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Lang::of_path(req.path())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_per_language() {
        assert_eq!(Lang::En.number(1222), "1,222");
        assert_eq!(Lang::Fr.number(1222), "1\u{a0}222");
        assert_eq!(Lang::Fr.number(81), "81");
        assert_eq!(Lang::En.number(-1_000_000), "-1,000,000");
    }

    #[test]
    fn dates_are_written_per_language() {
        let launch: PartialDate = "2018-11-12".parse().unwrap();
        assert_eq!(Lang::En.date(launch), "12 November 2018");
        assert_eq!(Lang::Fr.date(launch), "12 novembre 2018");
        let first: PartialDate = "2021-08-01".parse().unwrap();
        assert_eq!(Lang::Fr.date(first), "1er août 2021");
        assert_eq!(Lang::En.date(first), "1 August 2021");
        let month: PartialDate = "2021-02".parse().unwrap();
        assert_eq!(Lang::Fr.date(month), "février 2021");
    }

    #[test]
    fn paths_map_between_languages() {
        assert_eq!(Lang::Fr.path("/"), "/fr/");
        assert_eq!(
            Lang::Fr.path("/supporters?category=state"),
            "/fr/supporters?category=state"
        );
        assert_eq!(Lang::of_path("/fr/"), Lang::Fr);
        assert_eq!(Lang::of_path("/fresh"), Lang::En);
    }
}
