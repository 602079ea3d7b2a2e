//! The canonical address of a request, one function per page family. The cache looks pages
//! up by it before any handler runs, and each handler prints the same address as its
//! canonical link, so the two cannot drift. A query is read by its handler's own parser and
//! written back in one order and one spelling: parameters no parser reads (tracking tags
//! such as `utm_source`) are gone, `country=FR` is `country=fr`, repeated or reordered
//! categories are one, a default sort is dropped. A URL with only unknown parameters
//! therefore hits the page rendered ahead of time, and no client can make every request a
//! miss by adding random parameters.

use crate::error::AppError;
use crate::params;
use crate::vocabulary::Vocabulary;

/// The canonical address (path and query) of `path?query`, or the 400 its handler gives.
pub fn canonical(path: &str, query: &str, vocab: &Vocabulary) -> Result<String, AppError> {
    if query.is_empty() {
        return Ok(path.to_string());
    }
    let english = match path.strip_prefix("/fr") {
        Some(rest) if rest.starts_with('/') => rest,
        _ => path,
    };
    let query_string = match english {
        "/supporters" | "/supporters.csv" | "/supporters.xlsx" | "/supporters.json"
        | "/badge.svg" => params::supporter_query(query, vocab)?.canonical(),
        "/api/v1/supporters" => {
            params::reject_empty(query)?;
            params::supporter_query(query, vocab)?.canonical()
        }
        "/countries" | "/countries.csv" | "/countries.xlsx" | "/countries.json" => {
            params::country_query(query, vocab)?.canonical()
        }
        "/api/v1/countries" => {
            params::reject_empty(query)?;
            params::country_query(query, vocab)?.canonical()
        }
        "/search" => params::search_canonical(params::search_query(query)?.as_deref()),
        "/changes" => params::changes_query(query, vocab)?.canonical(),
        p if p.starts_with("/api/v1/countries/") => {
            params::reject_empty(query)?;
            params::as_of_canonical(params::as_of_query(query)?)
        }
        p if p.starts_with("/countries/") => params::as_of_canonical(params::as_of_query(query)?),
        _ => String::new(),
    };
    Ok(format!("{path}{query_string}"))
}
