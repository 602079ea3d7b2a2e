//! `/countries` (every UN member state and its status) and `/countries/{iso2}`.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{SortHeader, moved_permanently, no_list, render, sort_header};
use crate::content::StatementEvent;
use crate::db;
use crate::db::corrections::{self, CorrectionRow};
use crate::db::countries::{
    self, CountryFilter, CountryRow, CountrySort, DisputedRow, NonSignatoryRow,
};
use crate::db::supporters::{self, SupporterDetail, SupporterFilter, SupporterListRow};
use crate::error::AppError;
use crate::facts::FactBox;
use crate::i18n::{Lang, filters};
use crate::listing::CategoryGroup;
use crate::map;
use crate::model::{Category, PartialDate, StateStatus};
use crate::page_meta::{PageMeta, call_name};
use crate::params;
use crate::{AppState, State};

#[derive(Template)]
#[template(path = "countries/index.html")]
struct CountriesPage<'a> {
    meta: PageMeta,
    /// The filters as a query string, for the CSV and JSON links.
    download_query: String,
    /// Column headers for country, region, status and organisations.
    sort_headers: [SortHeader; 4],
    map_svg: String,
    /// The day asked for with `as_of`, if any.
    as_of: Option<PartialDate>,
    rows: Vec<CountryRow>,
    /// Counts over all countries (not only the filtered ones), per status.
    status_counts: Vec<(StateStatus, usize)>,
    un_members: usize,
    filter: &'a CountryFilter,
    regions: &'a [String],
}

impl CountriesPage<'_> {
    fn statuses(&self) -> [(&'static str, &'static str, bool); 4] {
        let lang = self.meta.lang;
        StateStatus::ALL.map(|s| (s.slug(), s.label(lang), self.filter.status == Some(s)))
    }

    fn sorts(&self) -> [(&'static str, &'static str, bool); 5] {
        let lang = self.meta.lang;
        let label = |s: CountrySort| match s {
            CountrySort::Name => lang.tr("Name (A–Z)", "Nom (A–Z)"),
            CountrySort::NameDesc => lang.tr("Name (Z–A)", "Nom (Z–A)"),
            CountrySort::Region => lang.tr("Region", "Région"),
            CountrySort::Status => lang.tr("Status", "Statut"),
            CountrySort::Organisations => lang.tr("Most organisations", "Nombre d’organisations"),
        };
        CountrySort::ALL.map(|s| (s.slug(), label(s), s == self.filter.sort))
    }
}

pub async fn index(state: State, lang: Lang, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = params::country_query(req.query_string(), &state.vocab)?;
    if let Some((day, no_list)) = state.vocab.timeline.missing(query.as_of) {
        let page_path = format!("/countries{}", query.canonical());
        let list_path = format!("/countries{}", params::encode(&query.filter_pairs()));
        return no_list::page(&state, lang, list_path, &page_path, day, no_list).await;
    }
    let in_lang = CountryFilter {
        lang,
        ..query.filter.clone()
    };
    // Counts and the map cover every country, whatever the filters.
    let all_filter = CountryFilter {
        as_of: query.filter.as_of,
        ..CountryFilter::default()
    };
    let (rows, all) = db::run(&state.pool, move |c| {
        Ok((
            countries::list(c, &in_lang)?,
            countries::list(c, &all_filter)?,
        ))
    })
    .await?;
    render(&CountriesPage::new(&state, lang, &query, rows, &all)?)
}

impl<'a> CountriesPage<'a> {
    fn new(
        state: &'a AppState,
        lang: Lang,
        query: &'a params::CountryQuery,
        rows: Vec<CountryRow>,
        all: &[CountryRow],
    ) -> Result<Self, AppError> {
        let map_svg = match query.filter.as_of {
            Some(past) => {
                map::render(&state.map_shapes, all, past, &state.public_url, lang, false)?
            }
            None => state.map_svg(lang).to_string(),
        };
        let pairs = query.pairs();
        let path = lang.path("/countries");
        let current = query.filter.sort.slug();
        let header = |columns| {
            sort_header(
                &path,
                &pairs,
                columns,
                current,
                CountrySort::default().slug(),
            )
        };
        Ok(CountriesPage {
            meta: countries_meta(state, lang, query, &rows),
            download_query: params::encode(&pairs),
            sort_headers: [
                header(("name", Some("-name"))),
                header(("region", None)),
                header(("status", None)),
                header(("-organisations", None)),
            ],
            map_svg,
            as_of: query.as_of,
            rows,
            status_counts: StateStatus::ALL
                .map(|s| {
                    (
                        s,
                        all.iter().filter(|r| r.un_member && r.status == s).count(),
                    )
                })
                .to_vec(),
            un_members: all.iter().filter(|r| r.un_member).count(),
            filter: &query.filter,
            regions: &state.vocab.regions,
        })
    }
}

fn countries_meta(
    state: &AppState,
    lang: Lang,
    query: &params::CountryQuery,
    rows: &[CountryRow],
) -> PageMeta {
    PageMeta::new(
        state,
        lang,
        lang.tr("Countries", "Pays"),
        lang.tr(
            "Every UN member state and whether it is in the official list of Paris Call supporters, with the organisations from each.",
            "Chaque État membre de l’ONU et sa présence ou non dans la liste officielle des soutiens de l’Appel de Paris, avec les organisations de chaque pays.",
        ),
        &format!("/countries{}", query.canonical()),
    )
    .citable(query.as_of.unwrap_or(state.vocab.as_of))
    .cited_as(match lang {
        Lang::En => format!("Countries and {}", call_name(lang)),
        Lang::Fr => format!("Les pays et {}", call_name(lang)),
    })
    .with_json_ld(serde_json::json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": "UN member states and the Paris Call",
        "numberOfItems": rows.len(),
        "itemListElement": rows.iter().enumerate().map(|(i, c)| serde_json::json!({
            "@type": "ListItem",
            "position": i + 1,
            "name": c.name(lang),
            "url": format!("{}{}/countries/{}", state.public_url, lang.prefix(), c.iso2.to_ascii_lowercase()),
        })).collect::<Vec<_>>(),
    }))
}

/// One dated line of a state's history, with what backs it.
struct Event {
    date: PartialDate,
    text: String,
    /// Sources cited for the line (statements and claims).
    source_ids: Vec<String>,
    /// Our own page that backs the line (the state's supporter page).
    link: Option<(String, &'static str)>,
}

/// Sourced statements, dated claims and the state's own entry in the list, in date order.
/// The entry's join date is left out when a statement already reports the joining, so the
/// story tells it once, with each source's own date.
fn timeline(
    country: &CountryRow,
    statements: Vec<NonSignatoryRow>,
    claims: &[DisputedRow],
    lang: Lang,
) -> Vec<Event> {
    let joining_reported = statements.iter().any(|s| s.event == StatementEvent::Joined);
    let mut events: Vec<Event> = statements
        .into_iter()
        .map(|s| Event {
            date: s.as_of,
            text: lang.pick(s.statement, s.statement_fr),
            source_ids: s.source_ids,
            link: None,
        })
        .collect();
    // Only claims about the state itself belong to its story (not its organisations').
    events.extend(claims.iter().filter(|c| c.is_state).filter_map(|c| {
        Some(Event {
            date: c.claim_date?,
            text: lang.pick(&c.claim, &c.claim_fr).clone(),
            source_ids: c.source_ids.clone(),
            link: None,
        })
    }));
    if let Some((id, joined, listed)) = country.state_entry() {
        let page = lang.path(&format!("/supporters/{id}"));
        let label = lang.tr("Supporter page", "Page du soutien");
        if let Some(joined) = joined.filter(|_| !joining_reported) {
            events.push(Event {
                date: joined,
                text: lang
                    .tr(
                        "Joined, according to the sources on its supporter page.",
                        "Adhésion, selon les sources citées sur sa page de soutien.",
                    )
                    .to_string(),
                source_ids: Vec::new(),
                link: Some((page.clone(), label)),
            });
        }
        events.push(Event {
            date: listed,
            text: lang.tr(
                "In the official list by this date: the first day its state entry appears in the official repository.",
                "Inscrit sur la liste officielle à cette date au plus tard : premier jour où son entrée d’État apparaît dans le dépôt officiel.",
            )
            .to_string(),
            source_ids: vec!["official-list-history".to_string()],
            link: Some((page, label)),
        });
    }
    events.sort_by_key(|e| e.date.story_order());
    events
}

#[derive(Template)]
#[template(path = "countries/show.html")]
struct CountryPage {
    meta: PageMeta,
    /// The sentence that opens the page.
    facts: FactBox,
    /// The day asked for with `as_of`, and the address of the page for today.
    as_of: Option<(PartialDate, String)>,
    country: CountryRow,
    /// The note on the state's own entry, (English, French), and its sources.
    state_note: Option<((String, String), Vec<String>)>,
    timeline: Vec<Event>,
    corrections: Vec<CorrectionRow>,
    claims: Vec<DisputedRow>,
    groups: Vec<CategoryGroup<SupporterListRow>>,
}

impl CountryPage {
    /// The day the page describes: the one asked for, or the list's last change.
    fn as_of_label(&self) -> String {
        match &self.as_of {
            Some((day, _)) => self.meta.lang.date(*day),
            None => self.meta.as_of.clone(),
        }
    }
}

pub async fn show(
    state: State,
    lang: Lang,
    req: HttpRequest,
    iso2: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = iso2.into_inner();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(AppError::NotFound);
    }
    let upper = code.to_ascii_uppercase();
    if !state.vocab.countries.iter().any(|c| c.code == upper) {
        return Err(AppError::NotFound);
    }
    if code != code.to_ascii_lowercase() {
        return Ok(moved_permanently(
            &lang.path(&format!("/countries/{}", code.to_ascii_lowercase())),
            req.query_string(),
        ));
    }
    let day = params::as_of_query(req.query_string())?;
    let today_path = format!("/countries/{code}");
    if let Some((day, no_list)) = state.vocab.timeline.missing(day) {
        let page_path = format!("{today_path}{}", params::as_of_canonical(Some(day)));
        return no_list::page(&state, lang, today_path, &page_path, day, no_list).await;
    }
    let past = state.vocab.past(day);
    let record = db::run(&state.pool, move |c| CountryRecord::read(c, &upper, past)).await?;
    let record = record.ok_or(AppError::NotFound)?;
    render(&CountryPage::new(&state, lang, day, record))
}

/// A country, its state's entry and what its page shows beside them, read in one go.
struct CountryRecord {
    country: CountryRow,
    /// The state's own entry: what the sources say of it (e.g. who says it signed at the
    /// launch) and the sources of its join date.
    entry: Option<SupporterDetail>,
    statements: Vec<NonSignatoryRow>,
    claims: Vec<DisputedRow>,
    organisations: Vec<SupporterListRow>,
    corrections: Vec<CorrectionRow>,
}

impl CountryRecord {
    fn read(
        c: &rusqlite::Connection,
        code: &str,
        past: Option<PartialDate>,
    ) -> crate::db::QueryResult<Option<Self>> {
        let Some(country) = countries::get(c, code, past)? else {
            return Ok(None);
        };
        let entry = match country.state_entry() {
            Some((id, _, _)) => supporters::detail(c, id)?,
            None => None,
        };
        let organisations = SupporterFilter {
            country: Some(code.to_string()),
            as_of: past,
            ..SupporterFilter::default()
        };
        let page = format!("/countries/{}", code.to_ascii_lowercase());
        Ok(Some(CountryRecord {
            statements: countries::non_signatories(c, Some(code))?,
            claims: countries::disputed(c, Some(code))?,
            organisations: supporters::list(c, &organisations, None)?,
            corrections: corrections::list(c, Some(&page))?,
            country,
            entry,
        }))
    }
}

impl CountryPage {
    fn new(state: &AppState, lang: Lang, day: Option<PartialDate>, record: CountryRecord) -> Self {
        let CountryRecord {
            country,
            entry,
            statements,
            claims,
            organisations,
            corrections,
        } = record;
        let facts = FactBox::of_country(
            &state.vocab,
            country.name(lang).to_string(),
            day,
            &country,
            entry.as_ref(),
            &statements,
            &claims,
        );
        let path = format!("/countries/{}", country.iso2.to_ascii_lowercase());
        let organisations = organisations
            .into_iter()
            .filter(|r| r.category != Category::State)
            .collect();
        CountryPage {
            meta: country_meta(state, lang, day, &country, &path),
            facts,
            as_of: day.map(|day| (day, lang.path(&path))),
            state_note: entry.and_then(|s| {
                let (en, fr) = s.note()?;
                Some(((en.to_string(), fr.to_string()), s.note_source_ids))
            }),
            timeline: timeline(&country, statements, &claims, lang),
            groups: CategoryGroup::all(organisations, |r| r.category),
            corrections,
            country,
            claims,
        }
    }
}

fn country_meta(
    state: &AppState,
    lang: Lang,
    day: Option<PartialDate>,
    country: &CountryRow,
    path: &str,
) -> PageMeta {
    PageMeta::new(
        state,
        lang,
        match lang {
            Lang::En => format!("{} and the Paris Call", country.name),
            Lang::Fr => format!("{} et l’Appel de Paris", country.name_fr),
        },
        match lang {
            Lang::En => format!(
                "{}: {} — its status in the official list of Paris Call supporters, its dated history and its organisations.",
                country.name,
                country.status.label(lang)
            ),
            Lang::Fr => format!(
                "{} : {} — son statut dans la liste officielle des soutiens de l’Appel de Paris, son historique daté et ses organisations.",
                country.name_fr,
                country.status.label(lang)
            ),
        },
        &format!("{path}{}", params::as_of_canonical(day)),
    )
    .citable(day.unwrap_or(state.vocab.as_of))
    .cited_as(match lang {
        Lang::En => format!("{} and {}", country.name, call_name(lang)),
        Lang::Fr => format!("{} et {}", country.name_fr, call_name(lang)),
    })
    .with_json_ld(serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Country",
        "name": country.name(lang),
        "identifier": country.iso2,
    }))
}
