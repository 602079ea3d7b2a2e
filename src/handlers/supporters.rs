//! `/supporters` (the filterable list) and `/supporters/{id}` (one permanent page each).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Lookup, SortHeader, find_supporter, render, sort_header};
use crate::chart::Chart;
use crate::db;
use crate::db::explainers::{self, SupporterRoles};
use crate::db::queries::CountryName;
use crate::db::queries::{
    self, CorrectionRow, ReportedCountRow, SupporterDetail, SupporterFilter, SupporterListRow,
    SupporterSort,
};
use crate::error::{AppError, Problem};
use crate::facts::FactBox;
use crate::i18n::{Lang, filters};
use crate::model::{Category, NatureGroup, PartialDate};
use crate::page::{PageMeta, call_name};
use crate::params::{self, SupporterQuery};
use crate::timeline::ListOn;
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
    /// The first day of the official repository's history, for the explanation.
    history: crate::timeline::HistoryDates,
    /// The filters as a query string, for the CSV and JSON links.
    download_query: String,
    /// Column headers for name, country and first-listed date.
    sort_headers: [SortHeader; 3],
    /// The day of a past list, and the address of today's list with the same filters.
    as_of: Option<(PartialDate, String)>,
    chart: &'a Chart,
    groups: Vec<Group>,
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

    fn group(&self, category: Category) -> Option<&Group> {
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
        return no_list_page(&state, lang, list_path, &path, day, no_list).await;
    }
    let filter = SupporterFilter {
        lang,
        ..query.filter.clone()
    };
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
    let pairs = query.pairs();
    let list = lang.path("/supporters");
    let pager = match query.pagination {
        Some((page, per_page)) => {
            let pages = u32::try_from(total)
                .unwrap_or(u32::MAX)
                .div_ceil(per_page)
                .max(1);
            if page > pages {
                return Err(AppError::bad(
                    "page",
                    Problem::new(
                        format!("{page} is past the last page ({pages})"),
                        format!("{page} dépasse la dernière page ({pages})"),
                    ),
                    vec![],
                ));
            }
            let link = |p: u32| {
                let mut with_page = pairs.clone();
                with_page.push(("per_page", per_page.to_string()));
                with_page.push(("page", p.to_string()));
                format!("{list}{}", params::encode(&with_page))
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
    let title = match (&query.as_of, lang) {
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
        &state,
        lang,
        title,
        description,
        &format!("/supporters{}", query.canonical()),
    )
    .citable(day)
    .cited_as(list_citation_title(lang, query.as_of, pairs.is_empty()));
    // A Dataset, not an ItemList of every row: the rows are in the page and the files already,
    // and listing 1,222 of them again made up 40 % of the compressed page.
    let json_ld = super::downloads::dataset_json_ld(
        &state,
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
    let meta = meta.with_json_ld(json_ld);
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
    let sort_headers = [
        header(("name", Some("-name"))),
        header(("country", None)),
        header(("listed", Some("-listed"))),
    ];
    let active = active_filters(&query, &state, lang);
    let as_of = query.as_of.map(|day| {
        (
            day,
            format!("{list}{}", params::encode(&query.filter_pairs())),
        )
    });
    render(&SupportersPage {
        history: state.vocab.timeline.dates(state.vocab.as_of),
        meta,
        download_query,
        sort_headers,
        as_of,
        chart: &state.chart,
        groups,
        total,
        active,
        clear_url: list,
        query: &query,
        countries: state.vocab.countries_by_name(lang),
        regions: &state.vocab.regions,
        listed_years: &state.vocab.listed_years,
        joined_years: &state.vocab.joined_years,
        pager,
    })
}

#[derive(Template)]
#[template(path = "supporters/no_list.html")]
struct NoListPage {
    meta: PageMeta,
    /// The page without `as_of`: where the links to other days lead.
    list_path: String,
    day: PartialDate,
    no_list: ListOn,
    /// Before the repository: supporters whose sourced join date is on or before the day.
    joined: Vec<SupporterListRow>,
    /// Before the repository: every count the sources gave before it began.
    reported: Vec<ReportedCountRow>,
}

impl NoListPage {
    /// The same page for another day (`None`: today), in the page's language.
    fn on_day(&self, day: Option<&PartialDate>) -> String {
        let path = self.meta.lang.path(&self.list_path);
        match day {
            Some(day) if path.contains('?') => format!("{path}&as_of={day}"),
            Some(day) => format!("{path}?as_of={day}"),
            None => path,
        }
    }
}

/// `/supporters?as_of=D` or `/countries?as_of=D` for a day with no list in the repository:
/// says so, and shows only what the sources say about that day.
pub(super) async fn no_list_page(
    state: &AppState,
    lang: Lang,
    list_path: String,
    page_path: &str,
    day: PartialDate,
    no_list: ListOn,
) -> Result<HttpResponse, AppError> {
    let (joined, reported) = match no_list {
        // Reports of the launch came out in the days after it: every count dated before the
        // repository began is shown, each with its date.
        ListOn::BeforeRepository { first_day } => {
            let reported_by = first_day.previous_day().unwrap_or(first_day);
            db::run(&state.pool, move |c| {
                Ok((
                    queries::supporters_joined_by(c, day)?,
                    queries::reported_counts_by(c, reported_by)?,
                ))
            })
            .await?
        }
        _ => (Vec::new(), Vec::new()),
    };
    let title = match lang {
        Lang::En => format!("No official list for {}", lang.date(day)),
        Lang::Fr => format!("Pas de liste officielle pour le {}", lang.date(day)),
    };
    let meta = PageMeta::new(state, lang, title.clone(), title, page_path);
    render(&NoListPage {
        meta,
        list_path,
        day,
        no_list,
        joined,
        reported,
    })
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
        queries::supporter,
        address,
    );
    let supporter = match found.await? {
        Lookup::Record(supporter) => supporter,
        Lookup::Moved(redirect) => return Ok(redirect),
    };
    let path = format!("/supporters/{}", supporter.row.id);
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
    let meta = PageMeta::new(&state, lang, name.clone(), description, &path);
    let json_ld = supporter_json_ld(&supporter, &meta.canonical_url, lang);
    let cited = match lang {
        Lang::En => format!("{name} — supporter of {}", call_name(lang)),
        Lang::Fr => format!("{name} — soutien de {}", call_name(lang)),
    };
    let meta = meta
        .citable(state.vocab.as_of)
        .cited_as(cited)
        .with_json_ld(json_ld);
    // Corrections of this entry, and of every entry of its country (e.g. a country code).
    let own = path.clone();
    let of_country = supporter
        .row
        .country_iso2
        .as_ref()
        .map(|code| format!("/supporters?country={}", code.to_ascii_lowercase()));
    let record = supporter.row.id.clone();
    // A state's dated statements say whether it signed at the launch.
    let state_code = supporter
        .row
        .country_iso2
        .clone()
        .filter(|_| supporter.row.category == Category::State);
    let (corrections, roles, statements) = db::run(&state.pool, move |c| {
        let mut found = queries::corrections(c, Some(&own))?;
        if let Some(path) = of_country {
            found.extend(queries::corrections(c, Some(&path))?);
        }
        let statements = match state_code {
            Some(code) => queries::non_signatories(c, Some(&code))?,
            None => Vec::new(),
        };
        Ok((found, explainers::supporter_roles(c, &record)?, statements))
    })
    .await?;
    let facts = FactBox::of_supporter(&state.vocab, name, &supporter, &statements);
    render(&SupporterPage {
        meta,
        facts,
        supporter,
        corrections,
        first_list_day: state
            .vocab
            .timeline
            .first_day()
            .unwrap_or(state.vocab.as_of),
        roles,
    })
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
