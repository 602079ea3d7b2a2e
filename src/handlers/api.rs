//! `/api/v1/…`: the same data as the pages, as JSON. Errors are `application/problem+json`
//! (rendered by `error::error_pages`), and `/api/openapi.json` describes every answer.

use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use super::{Lookup, find_supporter, listed_day, moved_permanently};
use crate::State;
use crate::db;
use crate::db::explainers;
use crate::db::{countries, principles, supporters};
use crate::error::AppError;
use crate::formats::{
    ClaimJson, CountryDetailJson, CountryJson, ListJson, PrincipleJson, StatementJson,
    SupporterDetailJson, SupporterJson,
};
use crate::i18n::Lang;
use crate::listing::Pages;
use crate::params;

fn json<T: serde::Serialize>(value: &T) -> Result<HttpResponse, AppError> {
    let body = serde_json::to_vec(value)?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, HeaderValue::from_static("application/json")))
        .body(body))
}

pub async fn openapi(state: State) -> Result<HttpResponse, AppError> {
    let document = crate::openapi::document(&state.vocab)?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, HeaderValue::from_static("application/json")))
        .body(document))
}

pub async fn supporters(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    params::reject_empty(req.query_string())?;
    let query = params::supporter_query(req.query_string(), &state.vocab)?;
    let day = listed_day(&state, query.as_of)?;
    let (page, per_page) = query.pagination.unwrap_or((1, params::DEFAULT_PER_PAGE));
    let filter = query.filter;
    let counted = filter.clone();
    let (rows, counts) = db::run(&state.pool, move |c| {
        Ok((
            supporters::export_list(c, &filter, Some(Pages::limit(page, per_page)))?,
            supporters::counts(c, &counted)?,
        ))
    })
    .await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let pages = Pages::new(page, per_page, total).pages;
    json(&ListJson {
        data_as_of: day.iso(),
        total: usize::try_from(total).unwrap_or_default(),
        page: Some(page),
        per_page: Some(per_page),
        pages: Some(pages),
        items: rows
            .into_iter()
            .map(|s| SupporterJson::new(s, &state.public_url, &state.vocab.sources))
            .collect(),
    })
}

pub async fn supporter(
    state: State,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let address = |id: &str| format!("/api/v1/supporters/{id}");
    let found = find_supporter(
        &state,
        id.into_inner(),
        req.query_string(),
        supporters::export,
        address,
    );
    match found.await? {
        Lookup::Record(s) => json(&SupporterDetailJson {
            data_as_of: state.vocab.as_of.iso(),
            supporter: SupporterJson::new(s, &state.public_url, &state.vocab.sources),
        }),
        Lookup::Moved(redirect) => Ok(redirect),
    }
}

pub async fn countries(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    params::reject_empty(req.query_string())?;
    let query = params::country_query(req.query_string(), &state.vocab)?;
    let day = listed_day(&state, query.as_of)?;
    let filter = query.filter;
    let rows = db::run(&state.pool, move |c| countries::list(c, &filter)).await?;
    json(&ListJson::all(
        rows.into_iter()
            .map(|c| CountryJson::new(c, &state.public_url))
            .collect(),
        day,
    ))
}

pub async fn country(
    state: State,
    req: HttpRequest,
    iso2: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = iso2.into_inner();
    let upper = code.to_ascii_uppercase();
    if !state.vocab.countries.iter().any(|c| c.code == upper) {
        return Err(AppError::NotFound);
    }
    // The query is checked before any redirect, so a bad one is refused at once.
    params::reject_empty(req.query_string())?;
    let day = listed_day(&state, params::as_of_query(req.query_string())?)?;
    if code != code.to_ascii_lowercase() {
        return Ok(moved_permanently(
            &format!("/api/v1/countries/{}", code.to_ascii_lowercase()),
            req.query_string(),
        ));
    }
    let past = state.vocab.past(Some(day));
    let (country, statements, claims) = db::run(&state.pool, move |c| {
        Ok((
            countries::get(c, &upper, past)?,
            countries::non_signatories(c, Some(&upper))?,
            countries::disputed(c, Some(&upper))?,
        ))
    })
    .await?;
    let country = country.ok_or(AppError::NotFound)?;
    let sources = &state.vocab.sources;
    json(&CountryDetailJson {
        data_as_of: day.iso(),
        country: CountryJson::new(country, &state.public_url),
        statements: statements
            .into_iter()
            .map(|n| StatementJson::new(n, sources))
            .collect(),
        claims: claims
            .into_iter()
            .map(|d| ClaimJson::new(d, sources))
            .collect(),
    })
}

pub async fn principles(state: State) -> Result<HttpResponse, AppError> {
    let (rows, en, fr) = db::run(&state.pool, |c| {
        Ok((
            principles::list(c)?,
            explainers::summaries(c, Lang::En)?,
            explainers::summaries(c, Lang::Fr)?,
        ))
    })
    .await?;
    let items = rows
        .into_iter()
        .zip(en.into_iter().zip(fr))
        .map(|(row, (en, fr))| PrincipleJson::new(row, en, fr, &state.public_url))
        .collect::<Vec<_>>();
    json(&ListJson::all(items, state.vocab.as_of))
}
