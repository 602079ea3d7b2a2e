//! `/countries` (every UN member state and its status) and `/countries/{iso2}`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{SortHeader, moved_permanently, render, sort_header};
use crate::State;
use crate::db;
use crate::db::queries::{
    self, CorrectionRow, CountryFilter, CountryRow, CountrySort, DisputedRow, NonSignatoryRow,
    SupporterFilter, SupporterListRow,
};
use crate::error::AppError;
use crate::model::{Category, PartialDate, StateStatus};
use crate::page::PageMeta;
use crate::params;

#[derive(Template)]
#[template(path = "countries/index.html")]
struct CountriesPage<'a> {
    meta: PageMeta,
    /// The filters as a query string, for the CSV and JSON links.
    download_query: String,
    /// Column headers for country, region, status and organisations.
    sort_headers: [SortHeader; 4],
    map_svg: &'a str,
    rows: Vec<CountryRow>,
    /// Counts over all countries (not only the filtered ones), per status.
    status_counts: Vec<(StateStatus, usize)>,
    un_members: usize,
    filter: &'a CountryFilter,
    regions: &'a [String],
}

impl CountriesPage<'_> {
    fn statuses(&self) -> [(&'static str, &'static str, bool); 4] {
        StateStatus::ALL.map(|s| (s.slug(), s.label(), self.filter.status == Some(s)))
    }

    fn sorts(&self) -> [(&'static str, &'static str, bool); 5] {
        let label = |s: CountrySort| match s {
            CountrySort::Name => "Name (A–Z)",
            CountrySort::NameDesc => "Name (Z–A)",
            CountrySort::Region => "Region",
            CountrySort::Status => "Status",
            CountrySort::Organisations => "Most organisations",
        };
        CountrySort::ALL.map(|s| (s.slug(), label(s), s == self.filter.sort))
    }
}

fn filter_pairs(filter: &CountryFilter) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if let Some(region) = &filter.region {
        pairs.push(("region", region.clone()));
    }
    if let Some(status) = filter.status {
        pairs.push(("status", status.slug().to_string()));
    }
    if filter.sort != CountrySort::default() {
        pairs.push(("sort", filter.sort.slug().to_string()));
    }
    pairs
}

pub async fn index(state: State, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let filter = params::country_query(req.query_string(), &state.vocab)?;
    let query = filter.clone();
    let (rows, all) = db::run(&state.pool, move |c| {
        Ok((
            queries::countries(c, &query)?,
            queries::countries(c, &CountryFilter::default())?,
        ))
    })
    .await?;
    let status_counts = StateStatus::ALL
        .map(|s| {
            (
                s,
                all.iter().filter(|r| r.un_member && r.status == s).count(),
            )
        })
        .to_vec();
    let un_members = all.iter().filter(|r| r.un_member).count();
    render(&CountriesPage {
        meta: PageMeta::new(
            &state,
            "Countries",
            "Every UN member state and whether it is in the official list of Paris Call supporters, with the organisations from each.",
            &format!("/countries{}", params::encode(&filter_pairs(&filter))),
        )
        .citable(state.vocab.as_of)
        .with_json_ld(serde_json::json!({
            "@context": "https://schema.org",
            "@type": "ItemList",
            "name": "UN member states and the Paris Call",
            "numberOfItems": rows.len(),
            "itemListElement": rows.iter().enumerate().map(|(i, c)| serde_json::json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": c.name,
                "url": format!("{}/countries/{}", state.public_url, c.iso2.to_ascii_lowercase()),
            })).collect::<Vec<_>>(),
        })),
        download_query: params::encode(&filter_pairs(&filter)),
        sort_headers: {
            let pairs = filter_pairs(&filter);
            let current = filter.sort.slug();
            let header = |columns| sort_header("/countries", &pairs, columns, current, CountrySort::default().slug());
            [
                header(("name", Some("-name"))),
                header(("region", None)),
                header(("status", None)),
                header(("-organisations", None)),
            ]
        },
        map_svg: &state.map_svg,
        rows,
        status_counts,
        un_members,
        filter: &filter,
        regions: &state.vocab.regions,
    })
}

struct OrganisationGroup {
    category: Category,
    rows: Vec<SupporterListRow>,
}

/// One dated line of a state's history, with the link that backs it.
struct Event {
    date: PartialDate,
    text: String,
    link_url: String,
    link_label: &'static str,
}

/// Sourced statements and the state's own entry in the list, oldest first.
fn timeline(country: &CountryRow, statements: Vec<NonSignatoryRow>) -> Vec<Event> {
    let mut events: Vec<Event> = statements
        .into_iter()
        .map(|s| Event {
            date: s.as_of,
            text: s.status_note,
            link_url: s.source_url,
            link_label: "Source",
        })
        .collect();
    if let Some((id, joined, listed)) = &country.state_entry {
        let page = format!("/supporters/{id}");
        if let Some(joined) = joined {
            events.push(Event {
                date: *joined,
                text: "Joined, according to the sources on its supporter page.".to_string(),
                link_url: page.clone(),
                link_label: "Supporter page",
            });
        }
        events.push(Event {
            date: *listed,
            text: "In the official list by this date: the first day its state entry appears in the official repository."
                .to_string(),
            link_url: page,
            link_label: "Supporter page",
        });
    }
    events.sort_by_key(|e| e.date);
    events
}

#[derive(Template)]
#[template(path = "countries/show.html")]
struct CountryPage {
    meta: PageMeta,
    country: CountryRow,
    timeline: Vec<Event>,
    corrections: Vec<CorrectionRow>,
    claims: Vec<DisputedRow>,
    groups: Vec<OrganisationGroup>,
}

pub async fn show(
    state: State,
    req: HttpRequest,
    iso2: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = iso2.into_inner();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(AppError::NotFound);
    }
    let upper = code.to_ascii_uppercase();
    if !state.vocab.countries.iter().any(|(c, _)| *c == upper) {
        return Err(AppError::NotFound);
    }
    if code != code.to_ascii_lowercase() {
        return Ok(moved_permanently(
            &format!("/countries/{}", code.to_ascii_lowercase()),
            req.query_string(),
        ));
    }
    let filter = SupporterFilter {
        country: Some(upper.clone()),
        ..SupporterFilter::default()
    };
    let page_path = format!("/countries/{code}");
    let (country, statements, claims, organisations, corrections) =
        db::run(&state.pool, move |c| {
            Ok((
                queries::country(c, &upper)?,
                queries::non_signatories(c, Some(&upper))?,
                queries::disputed(c, Some(&upper))?,
                queries::supporters(c, &filter, None)?,
                queries::corrections(c, Some(&page_path))?,
            ))
        })
        .await?;
    let country = country.ok_or(AppError::NotFound)?;
    let groups = Category::ALL
        .into_iter()
        .filter(|c| *c != Category::State)
        .map(|category| OrganisationGroup {
            category,
            rows: organisations
                .iter()
                .filter(|r| r.category == category)
                .cloned()
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    render(&CountryPage {
        meta: PageMeta::new(
            &state,
            format!("{} and the Paris Call", country.name),
            format!(
                "{}: {} — its status in the official list of Paris Call supporters, its dated history and its organisations.",
                country.name,
                country.status.label()
            ),
            &format!("/countries/{code}"),
        )
        .citable(state.vocab.as_of)
        .with_json_ld(serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Country",
            "name": country.name,
            "identifier": country.iso2,
        })),
        timeline: timeline(&country, statements),
        corrections,
        country,
        claims,
        groups,
    })
}
