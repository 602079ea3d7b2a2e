//! Request handlers, one module per page family. Each parses its input, runs one
//! query (through `db::run`) and fills one template struct defined beside it.

pub mod about;
pub mod api;
pub mod assets;
pub mod changes;
pub mod commentary;
pub mod countries;
pub mod counts;
pub mod downloads;
pub mod embeds;
pub mod glossary;
pub mod home;
mod no_list;
pub mod principles;
pub mod search;
pub mod seo;
pub mod share;
pub mod sources;
pub mod statements;
pub mod supporters;

use actix_web::HttpResponse;
use actix_web::http::header::{CONTENT_TYPE, HeaderValue, LOCATION};
use askama::Template;

use crate::AppState;
use crate::error::AppError;
use crate::model::PartialDate;

/// A rendered template as a 200 response of `content_type`: the one way a handler answers
/// with a template (feeds, sitemaps and SVGs name their type; pages use `render`).
fn render_as(page: &impl Template, content_type: &'static str) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, HeaderValue::from_static(content_type)))
        .body(page.render()?))
}

/// A rendered page as a 200 HTML response.
fn render(page: &impl Template) -> Result<HttpResponse, AppError> {
    render_as(page, "text/html; charset=utf-8")
}

/// A permanent redirect to the canonical form of a URL (e.g. `/countries/FR` → `/countries/fr`).
fn moved_permanently(location: &str, query: &str) -> HttpResponse {
    let target = if query.is_empty() {
        location.to_string()
    } else {
        format!("{location}?{query}")
    };
    HttpResponse::MovedPermanently()
        .insert_header((LOCATION, target))
        .finish()
}

/// A sortable column header: where a click leads, and the column's `aria-sort` state.
struct SortHeader {
    url: String,
    aria_sort: &'static str,
}

/// The header of a column sorted by `ascending` (and `descending`, if it has one), given the
/// page's other query pairs and the current sort. The default sort is left out of URLs.
fn sort_header(
    path: &str,
    pairs: &[(&'static str, String)],
    (ascending, descending): (&str, Option<&str>),
    current: &str,
    default: &str,
) -> SortHeader {
    let (target, aria_sort) = if current == ascending {
        (descending.unwrap_or(ascending), "ascending")
    } else if Some(current) == descending {
        (ascending, "descending")
    } else {
        (ascending, "none")
    };
    let mut pairs: Vec<(&str, String)> = pairs
        .iter()
        .filter(|(k, _)| *k != "sort")
        .cloned()
        .collect();
    if target != default {
        pairs.push(("sort", target.to_string()));
    }
    SortHeader {
        url: format!("{path}{}", crate::params::encode(&pairs)),
        aria_sort,
    }
}

/// A supporter looked up by the id in a path: the record, or a 301 to the address of the
/// record that id now leads to (another case, or an earlier record file of the same body).
enum Lookup<T> {
    Record(T),
    Moved(HttpResponse),
}

/// Shared by the supporter page and the API: `find` reads the record, `address` builds the
/// redirect's target from the canonical id. An id that leads nowhere is a 404.
async fn find_supporter<T: Send + 'static>(
    state: &AppState,
    id: String,
    query: &str,
    find: fn(&rusqlite::Connection, &str) -> crate::db::QueryResult<Option<T>>,
    address: impl Fn(&str) -> String,
) -> Result<Lookup<T>, AppError> {
    if !crate::params::plausible_record_id(&id) {
        return Err(AppError::NotFound);
    }
    let found = crate::db::run(&state.pool, move |c| match find(c, &id)? {
        Some(record) => Ok(Ok(record)),
        None => Ok(Err(crate::db::supporters::redirect(c, &id)?)),
    })
    .await?;
    match found {
        Ok(record) => Ok(Lookup::Record(record)),
        Err(Some(canonical)) => Ok(Lookup::Moved(moved_permanently(
            &address(&canonical),
            query,
        ))),
        Err(None) => Err(AppError::NotFound),
    }
}

/// The day a list download or API answer is true as of: `as_of` when given, else the
/// list's last change. Files cannot carry a notice, so a day with no list is a 400.
fn listed_day(state: &AppState, as_of: Option<PartialDate>) -> Result<PartialDate, AppError> {
    match as_of {
        Some(day) => crate::params::listed("as_of", &state.vocab, day),
        None => Ok(state.vocab.as_of),
    }
}

pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
