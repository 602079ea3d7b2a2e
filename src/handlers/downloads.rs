//! Downloads: the lists as CSV and JSON (with the same filters and 400s as the pages),
//! `/data` documenting every column, and `/datapackage.json` describing them.

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::{listed_day, render};
use crate::db;
use crate::db::{countries, supporters};
use crate::error::{AppError, Problem};
use crate::formats::{self, CountryJson, ListJson, StatementJson, SupporterJson, Table};
use crate::i18n::{Lang, filters};
use crate::model::PartialDate;
use crate::page_meta::PageMeta;
use crate::params;
use crate::{AppState, State};

/// A file answer. `attachment` makes browsers save it under `file_name`.
fn file(
    body: Vec<u8>,
    content_type: &'static str,
    file_name: &str,
    attachment: bool,
) -> HttpResponse {
    let disposition = if attachment { "attachment" } else { "inline" };
    let mut response = HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, HeaderValue::from_static(content_type)))
        .body(body);
    if let Ok(value) = HeaderValue::from_str(&format!("{disposition}; filename=\"{file_name}\"")) {
        response.headers_mut().insert(CONTENT_DISPOSITION, value);
    }
    response
}

/// What a download holds: its table, the canonical filter pairs it was asked with, and the
/// day it is true as of. The file is named after all three (`formats::file_name`).
struct Download<'a> {
    table: &'a Table,
    pairs: Vec<(&'static str, String)>,
    day: PartialDate,
}

impl Download<'_> {
    fn name(&self, extension: &str) -> String {
        formats::file_name(self.table, &self.pairs, self.day, extension)
    }

    fn csv(&self, rows: impl Iterator<Item = Vec<String>>) -> Result<HttpResponse, AppError> {
        let body = formats::csv_bytes(self.table.columns, rows)?;
        Ok(file(
            body,
            "text/csv; charset=utf-8",
            &self.name("csv"),
            true,
        ))
    }

    fn xlsx(&self, rows: impl Iterator<Item = Vec<String>>) -> Result<HttpResponse, AppError> {
        let body = formats::xlsx_bytes(self.table, rows)?;
        Ok(file(body, XLSX, &self.name("xlsx"), true))
    }

    fn json<T: serde::Serialize>(&self, items: Vec<T>) -> Result<HttpResponse, AppError> {
        let body = serde_json::to_vec_pretty(&ListJson::all(items, self.day))?;
        Ok(file(body, "application/json", &self.name("json"), false))
    }
}

/// The media type of an Office Open XML workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The filtered supporters, and the download they make.
async fn supporter_items<'a>(
    state: &AppState,
    query: &str,
) -> Result<(Vec<SupporterJson>, Download<'a>), AppError> {
    let query = params::supporter_query(query, &state.vocab)?;
    // A file is the whole filtered list; pages are the API's job. Say so rather than send
    // every row when a page was asked for.
    if query.pagination.is_some() {
        return Err(AppError::bad(
            "page",
            Problem::new(
                "downloads hold the whole filtered list: use /api/v1/supporters for pages",
                "les téléchargements contiennent toute la liste filtrée : utilisez /api/v1/supporters pour des pages",
            ),
            vec![],
        ));
    }
    let download = Download {
        table: &formats::SUPPORTERS,
        pairs: query.pairs(),
        day: listed_day(state, query.as_of)?,
    };
    let filter = query.filter;
    let rows = db::run(&state.pool, move |c| {
        supporters::export_list(c, &filter, None)
    })
    .await?;
    let items = rows
        .into_iter()
        .map(|s| SupporterJson::new(s, &state.public_url, &state.vocab.sources))
        .collect();
    Ok((items, download))
}

pub async fn supporters_csv(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let (items, file) = supporter_items(&state, req.query_string()).await?;
    file.csv(items.iter().map(|s| s.record(file.day)))
}

pub async fn supporters_xlsx(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let (items, file) = supporter_items(&state, req.query_string()).await?;
    file.xlsx(items.iter().map(|s| s.record(file.day)))
}

pub async fn supporters_json(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let (items, file) = supporter_items(&state, req.query_string()).await?;
    file.json(items)
}

/// The filtered countries, and the download they make.
async fn country_items<'a>(
    state: &AppState,
    query: &str,
) -> Result<(Vec<CountryJson>, Download<'a>), AppError> {
    let query = params::country_query(query, &state.vocab)?;
    let download = Download {
        table: &formats::COUNTRIES,
        pairs: query.pairs(),
        day: listed_day(state, query.as_of)?,
    };
    let filter = query.filter;
    let rows = db::run(&state.pool, move |c| countries::list(c, &filter)).await?;
    let items = rows
        .into_iter()
        .map(|c| CountryJson::new(c, &state.public_url))
        .collect();
    Ok((items, download))
}

pub async fn countries_csv(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let (items, file) = country_items(&state, req.query_string()).await?;
    file.csv(items.iter().map(|c| c.record(file.day)))
}

pub async fn countries_xlsx(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let (items, file) = country_items(&state, req.query_string()).await?;
    file.xlsx(items.iter().map(|c| c.record(file.day)))
}

pub async fn countries_json(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let (items, file) = country_items(&state, req.query_string()).await?;
    file.json(items)
}

/// The dated non-signatory statements, and the download they make (no filters).
async fn statement_items<'a>(
    state: &AppState,
) -> Result<(Vec<StatementJson>, Download<'a>), AppError> {
    let rows = db::run(&state.pool, |c| countries::non_signatories(c, None)).await?;
    let items = rows
        .into_iter()
        .map(|n| StatementJson::new(n, &state.vocab.sources))
        .collect();
    let download = Download {
        table: &formats::NON_SIGNATORIES,
        pairs: Vec::new(),
        day: state.vocab.as_of,
    };
    Ok((items, download))
}

pub async fn non_signatories_csv(state: State) -> Result<HttpResponse, AppError> {
    let (items, file) = statement_items(&state).await?;
    file.csv(items.iter().map(|s| s.record(file.day)))
}

pub async fn non_signatories_xlsx(state: State) -> Result<HttpResponse, AppError> {
    let (items, file) = statement_items(&state).await?;
    file.xlsx(items.iter().map(|s| s.record(file.day)))
}

#[derive(Template)]
#[template(path = "data.html")]
struct DataPage {
    meta: PageMeta,
    tables: [&'static Table; 3],
    /// The first day of the official repository's history, for column descriptions.
    history_start: String,
    /// Where the official list comes from and when it was last checked.
    official: crate::content::OfficialSource,
}

pub async fn data(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let meta = PageMeta::new(
        &state,
        lang,
        lang.tr("Data downloads", "Télécharger les données"),
        lang.tr(
            "The Paris Call supporters list, states and non-signatory statements as CSV and JSON, with every column documented.",
            "La liste des soutiens de l’Appel de Paris, les États et les déclarations sur les non-signataires en CSV et JSON, avec chaque colonne documentée.",
        ),
        "/data",
    )
    .with_json_ld(dataset_json_ld(
        &state,
        &format!("{}/data", state.public_url),
        "Supporters of the Paris Call for Trust and Security in Cyberspace",
        "Every entry of the official list of supporters of the Paris Call, with sources and dates, the status of every UN member state, and sourced statements about states that did not sign.",
        state.vocab.as_of,
        formats::TABLES
            .iter()
            .flat_map(|t| {
                [
                    ("text/csv", t.path.to_string()),
                    (XLSX, t.path.replace(".csv", ".xlsx")),
                ]
            })
            .chain(JSON_DOWNLOADS.iter().map(|(path, ..)| ("application/json", path.to_string()))),
    ));
    render(&DataPage {
        meta,
        tables: formats::TABLES,
        history_start: history_start(&state),
        official: state.vocab.official.clone(),
    })
}

/// Schema.org `Dataset` for a page that offers downloads: who made it, from what, under which
/// licence, and each file (`(media type, path and query)`).
pub fn dataset_json_ld(
    state: &AppState,
    url: &str,
    name: &str,
    description: &str,
    modified: PartialDate,
    files: impl Iterator<Item = (&'static str, String)>,
) -> serde_json::Value {
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": url,
        "dateModified": modified.iso(),
        "isBasedOn": state.vocab.official.folder_url(),
        "license": "https://spdx.org/licenses/EUPL-1.2.html",
        "creator": {
            "@type": "Organization",
            "name": "Paris Call Observatory",
            "url": format!("{}/about", state.public_url),
        },
        "distribution": files
            .map(|(format, path)| serde_json::json!({
                "@type": "DataDownload",
                "encodingFormat": format,
                "contentUrl": format!("{}{path}", state.public_url),
            }))
            .collect::<Vec<_>>(),
    })
}

/// The first day of the official repository's history, `YYYY-MM-DD`.
fn history_start(state: &AppState) -> String {
    state
        .vocab
        .timeline
        .first_day()
        .unwrap_or(state.vocab.as_of)
        .iso()
}

/// The JSON downloads (the CSV files are `formats::TABLES`): path, resource name, title.
pub const JSON_DOWNLOADS: [(&str, &str, &str); 2] = [
    (
        "/supporters.json",
        "supporters-json",
        "Supporters (JSON): the rows of supporters.csv, with the day they are true as of",
    ),
    (
        "/countries.json",
        "countries-json",
        "UN member states (JSON): the rows of countries.csv, with the day they are true as of",
    ),
];

/// A Frictionless Data Package (v1) describing the three CSV downloads. The `.xlsx` copies
/// are left out: validating them needs frictionless's Excel extra, and they hold nothing
/// the CSV files do not.
pub async fn datapackage(state: State) -> Result<HttpResponse, AppError> {
    let body = serde_json::to_vec_pretty(&data_package(&state))?;
    Ok(file(body, "application/json", "datapackage.json", false))
}

fn data_package(state: &AppState) -> serde_json::Value {
    let resources: Vec<serde_json::Value> = formats::TABLES
        .iter()
        .map(|t| {
            serde_json::json!({
                "name": t.name,
                "title": t.title,
                "description": t.description,
                "path": format!("{}{}", state.public_url, t.path),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
                "schema": {
                    "fields": t.columns.iter().map(|c| serde_json::json!({
                        "name": c.name,
                        "type": c.kind,
                        "description": c.described(&history_start(state)),
                    })).collect::<Vec<_>>(),
                },
            })
        })
        .chain(JSON_DOWNLOADS.iter().map(|(path, name, title)| {
            // The same rows as the CSV file of that name, as one JSON document: a
            // non-tabular resource, described by the API's OpenAPI document.
            serde_json::json!({
                "name": name,
                "title": title,
                "path": format!("{}{path}", state.public_url),
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "profile": "data-resource",
            })
        }))
        .collect();
    serde_json::json!({
        "name": "paris-call-supporters",
        "title": "Supporters of the Paris Call for Trust and Security in Cyberspace",
        "description": "An independent, sourced copy of the official list of supporters of the Paris Call, with the status of every UN member state. Not the official site's data export.",
        "homepage": format!("{}/data", state.public_url),
        // RFC 3339, as the Data Package standard requires: the list's last change.
        "created": format!("{}T00:00:00Z", state.vocab.as_of.iso()),
        "licenses": [{
            "name": "EUPL-1.2",
            "path": "https://spdx.org/licenses/EUPL-1.2.html",
            "title": "European Union Public Licence 1.2: the licence of the official repository the list is taken from; the sourced notes quote third parties",
        }],
        "sources": [
            {
                "title": format!(
                    "Official list of supporters (repository behind pariscall.international), commit {}",
                    state.vocab.official.short_commit()
                ),
                "path": state.vocab.official.folder_url(),
            },
            {
                "title": "News reports and official statements cited row by row (joined_sources, source_urls columns), each listed with its title and date",
                "path": format!("{}/sources", state.public_url),
            },
        ],
        "resources": resources,
    })
}
