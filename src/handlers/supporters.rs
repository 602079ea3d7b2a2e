//! `/supporters` (the filterable list) and `/supporters/{id}` (one permanent page each).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{SortHeader, moved_permanently, render, sort_header};
use crate::content::NoteSegment;
use crate::db;
use crate::db::queries::{
    self, CorrectionRow, SupporterDetail, SupporterFilter, SupporterListRow, SupporterSort,
};
use crate::error::AppError;
use crate::model::{Category, group_thousands};
use crate::page::PageMeta;
use crate::params::{self, SupporterQuery};
use crate::{AppState, State};

struct Group {
    category: Category,
    count: i64,
    rows: Vec<SupporterListRow>,
}

/// One active filter, with the address of the same list without it.
struct ActiveFilter {
    label: String,
    remove_url: String,
}

struct Pager {
    page: u32,
    pages: u32,
    previous_url: Option<String>,
    next_url: Option<String>,
}

#[derive(Template)]
#[template(path = "supporters/index.html")]
struct SupportersPage<'a> {
    meta: PageMeta,
    /// The filters as a query string, for the CSV and JSON links.
    download_query: String,
    /// Column headers for name, country and first-listed date.
    sort_headers: [SortHeader; 3],
    groups: Vec<Group>,
    total: i64,
    active: Vec<ActiveFilter>,
    clear_url: &'static str,
    query: &'a SupporterQuery,
    countries: &'a [(String, String)],
    regions: &'a [String],
    listed_years: &'a [u16],
    joined_years: &'a [u16],
    pager: Option<Pager>,
}

impl SupportersPage<'_> {
    fn number(&self, n: &i64) -> String {
        group_thousands(*n)
    }

    fn checked(&self, category: &Category) -> bool {
        self.query.filter.categories.contains(category)
    }

    fn sorts(&self) -> [(&'static str, &'static str, bool); 5] {
        let current = self.query.filter.sort;
        let label = |s: SupporterSort| match s {
            SupporterSort::Name => "Name (A–Z)",
            SupporterSort::NameDesc => "Name (Z–A)",
            SupporterSort::Listed => "First listed (oldest first)",
            SupporterSort::ListedDesc => "First listed (newest first)",
            SupporterSort::Country => "Country",
        };
        SupporterSort::ALL.map(|s| (s.slug(), label(s), s == current))
    }
}

/// The query-string pairs that reproduce a filter (the shareable form of the list).
fn filter_pairs(filter: &SupporterFilter, q: Option<&str>) -> Vec<(&'static str, String)> {
    let mut pairs: Vec<(&'static str, String)> = filter
        .categories
        .iter()
        .map(|c| ("category", c.slug().to_string()))
        .collect();
    if let Some(country) = &filter.country {
        pairs.push(("country", country.to_ascii_lowercase()));
    }
    if let Some(region) = &filter.region {
        pairs.push(("region", region.clone()));
    }
    if let Some(year) = filter.listed {
        pairs.push(("listed", year.to_string()));
    }
    if let Some(year) = filter.joined {
        pairs.push(("joined", year.to_string()));
    }
    if let Some(q) = q {
        pairs.push(("q", q.to_string()));
    }
    if filter.sort != SupporterSort::default() {
        pairs.push(("sort", filter.sort.slug().to_string()));
    }
    pairs
}

fn active_filters(query: &SupporterQuery, state: &AppState) -> Vec<ActiveFilter> {
    let all = filter_pairs(&query.filter, query.q.as_deref());
    let without = |index: usize| {
        let rest: Vec<(&str, String)> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, p)| p.clone())
            .collect();
        format!("/supporters{}", params::encode(&rest))
    };
    all.iter()
        .enumerate()
        .filter(|(_, (name, _))| *name != "sort")
        .map(|(i, (name, value))| {
            let label = match *name {
                "category" => format!(
                    "Category: {}",
                    value
                        .parse::<Category>()
                        .map_or("?", |c| c.label_singular())
                ),
                "country" => {
                    let code = value.to_ascii_uppercase();
                    let country = state.vocab.countries.iter().find(|(c, _)| *c == code);
                    format!(
                        "Country: {} ({code})",
                        country.map_or("", |(_, n)| n.as_str())
                    )
                }
                "region" => format!("Region: {value}"),
                "listed" => format!("First listed in {value}"),
                "joined" => format!("Joined in {value} (sourced date)"),
                _ => format!("Name contains “{value}”"),
            };
            ActiveFilter {
                label,
                remove_url: without(i),
            }
        })
        .collect()
}

pub async fn index(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = params::supporter_query(req.query_string(), &state.vocab)?;
    let filter = query.filter.clone();
    let limit = query
        .pagination
        .map(|(page, per_page)| (per_page, (page - 1) * per_page));
    let (rows, counts) = db::run(&state.pool, move |c| {
        Ok((
            queries::supporters(c, &filter, limit)?,
            queries::supporter_counts(c, &filter)?,
        ))
    })
    .await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let pairs = filter_pairs(&query.filter, query.q.as_deref());
    let pager = match query.pagination {
        Some((page, per_page)) => {
            let pages = u32::try_from(total)
                .unwrap_or(u32::MAX)
                .div_ceil(per_page)
                .max(1);
            if page > pages {
                return Err(AppError::bad(
                    "page",
                    format!("{page} is past the last page ({pages})"),
                    vec![],
                ));
            }
            let link = |p: u32| {
                let mut with_page = pairs.clone();
                with_page.push(("per_page", per_page.to_string()));
                with_page.push(("page", p.to_string()));
                format!("/supporters{}", params::encode(&with_page))
            };
            Some(Pager {
                page,
                pages,
                previous_url: (page > 1).then(|| link(page - 1)),
                next_url: (page < pages).then(|| link(page + 1)),
            })
        }
        None => None,
    };
    let mut groups: Vec<Group> = counts
        .into_iter()
        .map(|(category, count)| Group {
            category,
            count,
            rows: Vec::new(),
        })
        .collect();
    for row in rows {
        if let Some(group) = groups.iter_mut().find(|g| g.category == row.category) {
            group.rows.push(row);
        }
    }
    let title = if pairs.is_empty() {
        "All supporters".to_string()
    } else {
        "Supporters (filtered)".to_string()
    };
    let items: Vec<serde_json::Value> = groups
        .iter()
        .flat_map(|g| &g.rows)
        .enumerate()
        .map(|(i, row)| {
            serde_json::json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": row.name,
                "url": format!("{}/supporters/{}", state.public_url, row.id),
            })
        })
        .collect();
    let meta = PageMeta::new(
        &state,
        title,
        format!(
            "{} supporters of the Paris Call in the official list, by category, each with its source and dates.",
            group_thousands(total)
        ),
        &format!("/supporters{}", params::encode(&pairs)),
    )
    .citable(state.vocab.as_of)
    .with_json_ld(serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": "Supporters of the Paris Call for Trust and Security in Cyberspace",
        "numberOfItems": total,
        "itemListElement": items,
    }));
    let download_query = params::encode(&pairs);
    let current = query.filter.sort.slug();
    let header = |columns| {
        sort_header(
            "/supporters",
            &pairs,
            columns,
            current,
            SupporterSort::default().slug(),
        )
    };
    let sort_headers = [
        header(("name", Some("-name"))),
        header(("country", None)),
        header(("listed", Some("-listed"))),
    ];
    let active = active_filters(&query, &state);
    render(&SupportersPage {
        meta,
        download_query,
        sort_headers,
        groups,
        total,
        active,
        clear_url: "/supporters",
        query: &query,
        countries: &state.vocab.countries,
        regions: &state.vocab.regions,
        listed_years: &state.vocab.listed_years,
        joined_years: &state.vocab.joined_years,
        pager,
    })
}

#[derive(Template)]
#[template(path = "supporters/show.html")]
struct SupporterPage {
    meta: PageMeta,
    supporter: SupporterDetail,
    /// Our corrections that concern this entry (e.g. a mapped country code).
    corrections: Vec<CorrectionRow>,
}

pub async fn show(
    state: State,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !params::plausible_record_id(&id) {
        return Err(AppError::NotFound);
    }
    let lookup = id.clone();
    let (supporter, canonical) = db::run(&state.pool, move |c| {
        Ok((
            queries::supporter(c, &lookup)?,
            queries::supporter_id_ignoring_case(c, &lookup)?,
        ))
    })
    .await?;
    let Some(supporter) = supporter else {
        return match canonical {
            Some(canonical) => Ok(moved_permanently(
                &format!("/supporters/{canonical}"),
                req.query_string(),
            )),
            None => Err(AppError::NotFound),
        };
    };
    let path = format!("/supporters/{}", supporter.row.id);
    let meta = PageMeta::new(
        &state,
        supporter.row.name.clone(),
        format!(
            "{} ({}) in the official list of supporters of the Paris Call, first listed by {}.",
            supporter.row.name,
            supporter.row.category.label_singular(),
            supporter.row.listed_since.long()
        ),
        &path,
    );
    let json_ld = supporter_json_ld(&supporter, &meta.canonical_url);
    let meta = meta.citable(state.vocab.as_of).with_json_ld(json_ld);
    let corrections = match &supporter.row.country_iso2 {
        Some(code) => {
            let path = format!("/countries/{}", code.to_ascii_lowercase());
            db::run(&state.pool, move |c| queries::corrections(c, Some(&path))).await?
        }
        None => Vec::new(),
    };
    render(&SupporterPage {
        meta,
        supporter,
        corrections,
    })
}

/// Schema.org description of a supporter: states and public bodies are government organisations.
fn supporter_json_ld(supporter: &SupporterDetail, url: &str) -> serde_json::Value {
    let kind = match supporter.row.category {
        Category::State | Category::PublicAuthority => "GovernmentOrganization",
        _ => "Organization",
    };
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": kind,
        "name": supporter.row.name,
        "url": url,
        "sameAs": supporter.source_url,
        "description": format!(
            "{} in the official list of supporters of the Paris Call for Trust and Security in Cyberspace since {} at the latest.",
            supporter.row.category.label_singular(),
            supporter.row.listed_since.iso()
        ),
    });
    if let Some(code) = &supporter.row.country_iso2 {
        value["address"] = serde_json::json!({ "@type": "PostalAddress", "addressCountry": code });
    }
    value
}

/// Lets templates match note segments without importing the enum.
impl SupporterPage {
    fn link<'a>(&self, segment: &'a NoteSegment) -> Option<&'a str> {
        match segment {
            NoteSegment::Link(url) => Some(url),
            NoteSegment::Text(_) => None,
        }
    }

    /// Whether the join date is the official record's own `date_signed` (set by the online form).
    fn joined_from_official_form(&self) -> bool {
        self.supporter
            .notes
            .iter()
            .any(|n| n.text().starts_with("joined = date_signed"))
    }

    fn text<'a>(&self, segment: &'a NoteSegment) -> &'a str {
        match segment {
            NoteSegment::Link(url) | NoteSegment::Text(url) => url,
        }
    }
}
