//! `/supporters` (the filterable list) and `/supporters/{id}` (one permanent page each).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Lookup, SortHeader, find_supporter, no_list, render, sort_header};
use crate::chart::Chart;
use crate::db;
use crate::db::corrections::{self, CorrectionRow};
use crate::db::countries::{self, NonSignatoryRow};
use crate::db::explainers::{self, SupporterRoles};
use crate::db::supporters::{
    self, SupporterDetail, SupporterFilter, SupporterListRow, SupporterSort,
};
use crate::error::AppError;
use crate::facts::FactBox;
use crate::i18n::{Lang, filters};
use crate::listing::{CategoryGroup, Pager, Pages};
use crate::model::{Category, NatureGroup, PartialDate};
use crate::page_meta::{PageMeta, call_name};
use crate::params::{self, SupporterQuery};
use crate::vocabulary::CountryName;
use crate::{AppState, State};

/// One active filter, with the address of the same list without it.
struct ActiveFilter {
    label: String,
    remove_url: String,
}

#[derive(Template)]
#[template(path = "supporters/index.html")]
struct SupportersPage<'a> {
    meta: PageMeta,
    /// The first day of the official repository's history, for the explanation.
    history: crate::timeline::HistoryDates,
    /// The filters as a query string, for the CSV and JSON links.
    download_query: String,
    /// Column headers for name, country and first-listed date.
    sort_headers: [SortHeader; 3],
    /// The day of a past list, and the address of today's list with the same filters.
    as_of: Option<(PartialDate, String)>,
    chart: &'a Chart,
    groups: Vec<CategoryGroup<SupporterListRow>>,
    total: i64,
    active: Vec<ActiveFilter>,
    clear_url: String,
    query: &'a SupporterQuery,
    /// The country filter's choices, by name in the page's language.
    countries: Vec<&'a CountryName>,
    regions: &'a [String],
    listed_years: &'a [u16],
    joined_years: &'a [u16],
    pager: Option<Pager>,
}

impl SupportersPage<'_> {
    fn checked(&self, category: &Category) -> bool {
        self.query.filter.categories.contains(category)
    }

    fn before_last_change(&self, day: &PartialDate) -> bool {
        self.query.filter.as_of == Some(*day)
    }

    fn group(&self, category: Category) -> Option<&CategoryGroup<SupporterListRow>> {
        self.groups.iter().find(|g| g.category == category)
    }

    /// The latest day the date picker offers.
    fn today(&self) -> String {
        PartialDate::today().iso()
    }

    fn sorts(&self) -> [(&'static str, &'static str, bool); 5] {
        let current = self.query.filter.sort;
        let lang = self.meta.lang;
        let label = |s: SupporterSort| match s {
            SupporterSort::Name => lang.tr("Name (A–Z)", "Nom (A–Z)"),
            SupporterSort::NameDesc => lang.tr("Name (Z–A)", "Nom (Z–A)"),
            SupporterSort::Listed => lang.tr(
                "First listed (oldest first)",
                "Première inscription (plus ancienne d’abord)",
            ),
            SupporterSort::ListedDesc => lang.tr(
                "First listed (newest first)",
                "Première inscription (plus récente d’abord)",
            ),
            SupporterSort::Country => lang.tr("Country", "Pays"),
        };
        SupporterSort::ALL.map(|s| (s.slug(), label(s), s == current))
    }
}

fn active_filters(query: &SupporterQuery, state: &AppState, lang: Lang) -> Vec<ActiveFilter> {
    let all = query.pairs();
    let list = lang.path("/supporters");
    let without = |index: usize| {
        let rest: Vec<(&str, String)> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, p)| p.clone())
            .collect();
        format!("{list}{}", params::encode(&rest))
    };
    all.iter()
        .enumerate()
        .filter(|(_, (name, _))| *name != "sort")
        .map(|(i, (name, value))| {
            let fr = lang == Lang::Fr;
            let label = match *name {
                "category" => format!(
                    "{} {}",
                    lang.tr("Category:", "Catégorie :"),
                    value
                        .parse::<Category>()
                        .map_or("?", |c| c.label_singular(lang))
                ),
                "nature" => format!(
                    "{} {}",
                    lang.tr("Private sector:", "Secteur privé :"),
                    value.parse::<NatureGroup>().map_or("?", |n| n.label(lang))
                ),
                "country" => format!(
                    "{} {} ({})",
                    lang.tr("Country:", "Pays :"),
                    state.vocab.country_name(value, lang).unwrap_or_default(),
                    value.to_ascii_uppercase()
                ),
                "region" => format!("{} {}", lang.tr("Region:", "Région :"), lang.region(value)),
                "listed" if fr => format!("Première inscription en {value}"),
                "listed" => format!("First listed in {value}"),
                "joined" if fr => format!("Adhésion en {value} (date sourcée)"),
                "joined" => format!("Joined in {value} (sourced date)"),
                "as_of" => {
                    let day = value.parse::<PartialDate>().map(|d| lang.date(d));
                    let day = day.unwrap_or_default();
                    match lang {
                        Lang::En => format!("The list as it stood on {day}"),
                        Lang::Fr => format!("La liste telle qu’elle était le {day}"),
                    }
                }
                _ if fr => format!("Le nom contient « {value} »"),
                _ => format!("Name contains “{value}”"),
            };
            ActiveFilter {
                label,
                remove_url: without(i),
            }
        })
        .collect()
}

pub async fn index(state: State, lang: Lang, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = params::supporter_query(req.query_string(), &state.vocab)?;
    if let Some((day, no_list)) = state.vocab.timeline.missing(query.as_of) {
        let path = format!("/supporters{}", query.canonical());
        let list_path = format!("/supporters{}", params::encode(&query.filter_pairs()));
        return no_list::page(&state, lang, list_path, &path, day, no_list).await;
    }
    let filter = SupporterFilter {
        lang,
        ..query.filter.clone()
    };
    let limit = query
        .pagination
        .map(|(page, per_page)| Pages::limit(page, per_page));
    let (rows, counts) = db::run(&state.pool, move |c| {
        Ok((
            supporters::list(c, &filter, limit)?,
            supporters::counts(c, &filter)?,
        ))
    })
    .await?;
    render(&SupportersPage::new(&state, lang, &query, rows, counts)?)
}

impl<'a> SupportersPage<'a> {
    fn new(
        state: &'a AppState,
        lang: Lang,
        query: &'a SupporterQuery,
        rows: Vec<SupporterListRow>,
        counts: Vec<(Category, i64)>,
    ) -> Result<Self, AppError> {
        let total: i64 = counts.iter().map(|(_, n)| n).sum();
        let pairs = query.pairs();
        let list = lang.path("/supporters");
        let pager = match query.pagination {
            Some((page, per_page)) => {
                let pages = Pages::new(page, per_page, total).existing()?;
                Some(Pager::new(pages, |p| {
                    let mut with_page = pairs.clone();
                    with_page.push(("per_page", per_page.to_string()));
                    with_page.push(("page", p.to_string()));
                    format!("{list}{}", params::encode(&with_page))
                }))
            }
            None => None,
        };
        let current = query.filter.sort.slug();
        let header = |columns| {
            sort_header(
                &list,
                &pairs,
                columns,
                current,
                SupporterSort::default().slug(),
            )
        };
        Ok(SupportersPage {
            history: state.vocab.timeline.dates(state.vocab.as_of),
            meta: list_meta(state, lang, query, total),
            download_query: params::encode(&pairs),
            sort_headers: [
                header(("name", Some("-name"))),
                header(("country", None)),
                header(("listed", Some("-listed"))),
            ],
            as_of: query.as_of.map(|day| {
                let today = format!("{list}{}", params::encode(&query.filter_pairs()));
                (day, today)
            }),
            chart: &state.chart,
            groups: CategoryGroup::counted(counts, rows, |r| r.category),
            total,
            active: active_filters(query, state, lang),
            clear_url: list,
            query,
            countries: state.vocab.countries_by_name(lang),
            regions: &state.vocab.regions,
            listed_years: &state.vocab.listed_years,
            joined_years: &state.vocab.joined_years,
            pager,
        })
    }
}

/// The list's title, description and citation, and its JSON-LD: a Dataset, not an ItemList
/// of every row (the rows are in the page and the files already, and listing 1,222 of them
/// again made up 40 % of the compressed page).
fn list_meta(state: &AppState, lang: Lang, query: &SupporterQuery, total: i64) -> PageMeta {
    let pairs = query.pairs();
    let title = match (query.as_of, lang) {
        (Some(day), Lang::En) => format!("The official list as it stood on {}", lang.date(day)),
        (Some(day), Lang::Fr) => format!(
            "La liste officielle telle qu’elle était le {}",
            lang.date(day)
        ),
        (None, _) if pairs.is_empty() => lang.tr("All supporters", "Tous les soutiens").to_string(),
        (None, _) => lang
            .tr("Supporters (filtered)", "Soutiens (liste filtrée)")
            .to_string(),
    };
    let description = match lang {
        Lang::En => format!(
            "{} supporters of the Paris Call in the official list, by category, each with its source and dates.",
            lang.number(total)
        ),
        Lang::Fr => format!(
            "{} soutiens de l’Appel de Paris dans la liste officielle, par catégorie, chacun avec sa source et ses dates.",
            lang.number(total)
        ),
    };
    let day = query.as_of.unwrap_or(state.vocab.as_of);
    let download_query = params::encode(&pairs);
    let meta = PageMeta::new(
        state,
        lang,
        title,
        description,
        &format!("/supporters{}", query.canonical()),
    )
    .citable(day)
    .cited_as(list_citation_title(lang, query.as_of, pairs.is_empty()));
    let json_ld = super::downloads::dataset_json_ld(
        state,
        &meta.canonical_url,
        meta.citation.as_ref().map_or(&meta.title, |c| &c.title),
        &meta.description,
        day,
        [
            ("text/csv", format!("/supporters.csv{download_query}")),
            (
                "application/json",
                format!("/supporters.json{download_query}"),
            ),
        ]
        .into_iter(),
    );
    meta.with_json_ld(json_ld)
}

#[derive(Template)]
#[template(path = "supporters/show.html")]
struct SupporterPage {
    meta: PageMeta,
    /// The sentence that opens the page.
    facts: FactBox,
    supporter: SupporterDetail,
    /// Our corrections that concern this entry (e.g. a mapped country code).
    corrections: Vec<CorrectionRow>,
    /// The first day the official repository holds a list.
    first_list_day: PartialDate,
    /// Working groups it chaired and principles whose explanation names it.
    roles: SupporterRoles,
}

pub async fn show(
    state: State,
    lang: Lang,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let address = |id: &str| lang.path(&format!("/supporters/{id}"));
    let found = find_supporter(
        &state,
        id.into_inner(),
        req.query_string(),
        SupporterRecord::read,
        address,
    );
    match found.await? {
        Lookup::Record(record) => render(&SupporterPage::new(&state, lang, record)),
        Lookup::Moved(redirect) => Ok(redirect),
    }
}

/// A supporter's entry and what its page shows beside it, read in one go.
struct SupporterRecord {
    supporter: SupporterDetail,
    corrections: Vec<CorrectionRow>,
    roles: SupporterRoles,
    /// A state's dated statements, which say whether it signed at the launch.
    statements: Vec<NonSignatoryRow>,
}

impl SupporterRecord {
    fn read(c: &rusqlite::Connection, id: &str) -> crate::db::QueryResult<Option<Self>> {
        let Some(supporter) = supporters::detail(c, id)? else {
            return Ok(None);
        };
        let row = &supporter.row;
        // Corrections of this entry, and of every entry of its country (e.g. a country code).
        let mut corrections = corrections::list(c, Some(&format!("/supporters/{}", row.id)))?;
        if let Some(code) = &row.country_iso2 {
            let of_country = format!("/supporters?country={}", code.to_ascii_lowercase());
            corrections.extend(corrections::list(c, Some(&of_country))?);
        }
        let statements = match (&row.country_iso2, row.category) {
            (Some(code), Category::State) => countries::non_signatories(c, Some(code))?,
            _ => Vec::new(),
        };
        Ok(Some(SupporterRecord {
            roles: explainers::supporter_roles(c, &row.id)?,
            corrections,
            statements,
            supporter,
        }))
    }
}

impl SupporterPage {
    fn new(state: &AppState, lang: Lang, record: SupporterRecord) -> Self {
        let SupporterRecord {
            supporter,
            corrections,
            roles,
            statements,
        } = record;
        let row = &supporter.row;
        let name = row.display_name(lang).to_string();
        let description = match lang {
            Lang::En => format!(
                "{} ({}) in the official list of supporters of the Paris Call, first listed by {}.",
                name,
                row.category.label_singular(lang),
                lang.date(row.listed_since)
            ),
            Lang::Fr => format!(
                "{} ({}) dans la liste officielle des soutiens de l’Appel de Paris, inscrit au plus tard le {}.",
                name,
                row.category.label_singular(lang),
                lang.date(row.listed_since)
            ),
        };
        let path = format!("/supporters/{}", row.id);
        let meta = PageMeta::new(state, lang, name.clone(), description, &path);
        let json_ld = supporter_json_ld(&supporter, &meta.canonical_url, lang);
        let cited = match lang {
            Lang::En => format!("{name} — supporter of {}", call_name(lang)),
            Lang::Fr => format!("{name} — soutien de {}", call_name(lang)),
        };
        SupporterPage {
            meta: meta
                .citable(state.vocab.as_of)
                .cited_as(cited)
                .with_json_ld(json_ld),
            facts: FactBox::of_supporter(&state.vocab, name, &supporter, &statements),
            supporter,
            corrections,
            first_list_day: state
                .vocab
                .timeline
                .first_day()
                .unwrap_or(state.vocab.as_of),
            roles,
        }
    }
}

/// Schema.org description of a supporter: states and public bodies are government organisations.
fn supporter_json_ld(supporter: &SupporterDetail, url: &str, lang: Lang) -> serde_json::Value {
    let kind = match supporter.row.category {
        Category::State | Category::PublicAuthority => "GovernmentOrganization",
        _ => "Organization",
    };
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": kind,
        "name": supporter.row.name,
        "url": url,
        "sameAs": supporter.row.source_url,
        "description": match lang {
            Lang::En => format!(
                "{} in the official list of supporters of the Paris Call for Trust and Security in Cyberspace since {} at the latest.",
                supporter.row.category.label_singular(lang),
                lang.date(supporter.row.listed_since)
            ),
            Lang::Fr => format!(
                "{} inscrit dans la liste officielle des soutiens de l’Appel de Paris pour la confiance et la sécurité dans le cyberespace depuis le {} au plus tard.",
                supporter.row.category.label_singular(lang),
                lang.date(supporter.row.listed_since)
            ),
        },
    });
    if let Some(code) = &supporter.row.country_iso2 {
        value["address"] = serde_json::json!({ "@type": "PostalAddress", "addressCountry": code });
    }
    value
}

impl SupporterPage {
    fn nature_in_english(&self, nature: &str) -> Option<&'static str> {
        crate::model::nature_in_english(nature)
    }
}

/// What a citation of the list names: the whole list, a filtered one, or the list on a day.
fn list_citation_title(lang: Lang, as_of: Option<PartialDate>, whole: bool) -> String {
    let call = call_name(lang);
    match (as_of, lang) {
        (Some(day), Lang::En) => format!(
            "The official list of supporters of {call} as it stood on {}",
            lang.date(day)
        ),
        (Some(day), Lang::Fr) => format!(
            "La liste officielle des soutiens de {call} telle qu’elle était le {}",
            lang.date(day)
        ),
        (None, Lang::En) if whole => format!("Supporters of {call}"),
        (None, Lang::Fr) if whole => format!("Les soutiens de {call}"),
        (None, Lang::En) => format!("Supporters of {call} (filtered list)"),
        (None, Lang::Fr) => format!("Les soutiens de {call} (liste filtrée)"),
    }
}
