//! The cache key of a request: its canonical URL. Parameters no handler of that page family
//! reads (tracking tags such as `utm_source`) are dropped, the rest are put in one order,
//! and spellings the handler treats alike share one key (`country=FR` and `country=fr`;
//! reordered `category`). A URL with only unknown parameters therefore hits the
//! page rendered ahead of time, and no client can make every request a miss by adding
//! random parameters. Misses are rendered from the canonical URL too, so what is kept is
//! the canonical page whichever spelling asked first.

/// The parameters of `/supporters`, its downloads, its API and the badge (`params::supporter_query`).
const SUPPORTERS: &[&str] = &[
    "category", "country", "region", "listed", "joined", "q", "sort", "page", "per_page", "as_of",
];
/// The parameters of `/countries`, its downloads and its API (`params::country_query`).
const COUNTRIES: &[&str] = &["region", "status", "sort", "as_of"];

/// The parameters each page family reads, by path (French paths as their English twins).
fn known(path: &str) -> &'static [&'static str] {
    let english = match path.strip_prefix("/fr") {
        Some(rest) if rest.starts_with('/') => rest,
        _ => path,
    };
    match english {
        "/supporters" | "/supporters.csv" | "/supporters.json" | "/api/v1/supporters"
        | "/badge.svg" => SUPPORTERS,
        "/countries" | "/countries.csv" | "/countries.json" | "/api/v1/countries" => COUNTRIES,
        "/search" => &["q"],
        "/changes" => &["from", "to"],
        p if p.starts_with("/countries/") || p.starts_with("/api/v1/countries/") => &["as_of"],
        _ => &[],
    }
}

/// The canonical URL of `path?query`, or None when the query cannot be read as pairs (the
/// handler then answers it, with a 400 where it must).
pub fn key(path: &str, query: &str) -> Option<String> {
    let known = known(path);
    if query.is_empty() || known.is_empty() {
        return Some(path.to_string());
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    let mut kept: Vec<(usize, String, String)> = pairs
        .into_iter()
        .filter_map(|(name, value)| {
            let rank = known.iter().position(|k| *k == name)?;
            let value = normalise(&name, value);
            Some((rank, name, value))
        })
        .collect();
    // Stable: repeated parameters keep their order, except categories, which the handler
    // sorts itself. Repeated categories stay: the handler counts them against its limit.
    kept.sort_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| match a.1.as_str() {
            "category" => a.2.cmp(&b.2),
            _ => std::cmp::Ordering::Equal,
        })
    });
    if kept.is_empty() {
        return Some(path.to_string());
    }
    let pairs: Vec<(&str, &str)> = kept
        .iter()
        .map(|(_, n, v)| (n.as_str(), v.as_str()))
        .collect();
    Some(format!(
        "{path}?{}",
        serde_urlencoded::to_string(pairs).ok()?
    ))
}

/// A value in the spelling its handler treats alike: an upper-case country code in lower
/// case (the handler accepts both cases, not a mix).
fn normalise(name: &str, value: String) -> String {
    if name == "country" && value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        value.to_ascii_lowercase()
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_drop_unknown_parameters_and_order_the_rest() {
        let k = |p: &str, q: &str| key(p, q).unwrap();
        assert_eq!(k("/principles/3", "utm_source=x&fbclid=y"), "/principles/3");
        assert_eq!(k("/supporters", "utm_source=x"), "/supporters");
        assert_eq!(
            k(
                "/supporters",
                "sort=-name&utm=1&country=FR&category=state&category=other&category=state"
            ),
            "/supporters?category=other&category=state&category=state&country=fr&sort=-name"
        );
        assert_eq!(
            k(
                "/fr/supporters",
                "country=fr&category=other&category=state&sort=-name"
            ),
            "/fr/supporters?category=other&category=state&country=fr&sort=-name"
        );
        // A mixed case is the handler's to refuse, not the cache's to correct.
        assert_eq!(k("/supporters", "country=Fr"), "/supporters?country=Fr");
        // Empty values stay: the API refuses them, pages ignore them.
        assert_eq!(
            k("/api/v1/countries", "sort=&x=1"),
            "/api/v1/countries?sort="
        );
        assert_eq!(k("/countries/th", "as_of=x&y=2"), "/countries/th?as_of=x");
        assert_eq!(k("/search", "q=a+b&page=2"), "/search?q=a+b");
    }
}
