//! `/changes` and `/changes.atom`: what changed in the official list between two days and
//! over time, and our own corrections. A name that left the list is "no longer in the
//! official list", never "withdrew": the reviewed table `record_renames.csv` says which
//! departures are renames, and a renamed body is one body, not a departure and a joining.

use std::collections::{HashMap, HashSet};

use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::{render, require_list};
use crate::db;
use crate::db::queries::{self, CorrectionRow, RenameRow, SupporterFilter, SupporterListRow};
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, filters};
use crate::model::{Category, PartialDate, fold};
use crate::page::{PageMeta, call_name};
use crate::params;
use crate::{AppState, State};

/// Entries first listed in one month.
struct Month {
    /// `2024-01`, also the fragment id (`#listed-2024-01`).
    key: String,
    label: String,
    /// The latest first-listed day in the month.
    last_day: PartialDate,
    rows: Vec<SupporterListRow>,
}

fn months(rows: Vec<SupporterListRow>, lang: Lang) -> Vec<Month> {
    let mut months: Vec<Month> = Vec::new();
    for row in rows {
        let month = PartialDate {
            day: None,
            ..row.listed_since
        };
        match months.last_mut() {
            Some(last) if last.key == month.iso() => last.rows.push(row),
            _ => months.push(Month {
                key: month.iso(),
                label: lang.date(month),
                last_day: row.listed_since,
                rows: vec![row],
            }),
        }
    }
    months
}

struct Changes {
    months: Vec<Month>,
    renames: Vec<RenameRow>,
    corrections: Vec<CorrectionRow>,
}

/// Every change, or with `range = Some((from, to))` only what happened after the list of
/// `from` up to and including `to`: the rule of the comparison (an entry first listed on
/// `from` is already in that day's list), applied to every section of the page.
async fn changes(
    state: &AppState,
    lang: Lang,
    range: Option<(PartialDate, PartialDate)>,
) -> Result<Changes, AppError> {
    let (mut rows, mut renames, mut corrections) = db::run(&state.pool, |c| {
        Ok((
            queries::supporters_by_first_listed(c)?,
            queries::renames(c)?,
            queries::corrections(c, None)?,
        ))
    })
    .await?;
    if let Some((from, to)) = range {
        let within = |day: PartialDate| from < day && day <= to;
        rows.retain(|r| within(r.listed_since));
        renames.retain(|r| within(r.listed_until));
        corrections.retain(|c| within(c.date));
    }
    Ok(Changes {
        months: months(rows, lang),
        renames,
        corrections,
    })
}

/// One category's part of a comparison.
struct CategoryChanges {
    category: Category,
    rows: Vec<SupporterListRow>,
}

/// The same body under two names.
struct Renamed {
    before: String,
    after: SupporterListRow,
}

/// The official list on `to` compared with the list on `from`, body by body.
struct Comparison {
    from: PartialDate,
    to: PartialDate,
    from_total: usize,
    to_total: usize,
    /// Entries that were a second entry for a body already listed that day.
    from_duplicates: usize,
    to_duplicates: usize,
    joined: Vec<CategoryChanges>,
    left: Vec<CategoryChanges>,
    renamed: Vec<Renamed>,
}

impl Comparison {
    fn count(groups: &[CategoryChanges]) -> usize {
        groups.iter().map(|g| g.rows.len()).sum()
    }

    fn joined_count(&self) -> usize {
        Self::count(&self.joined)
    }

    fn left_count(&self) -> usize {
        Self::count(&self.left)
    }
}

/// A body's identity across renames: its current record, or its name if it left the list.
fn body_key(row: &SupporterListRow) -> String {
    if row.has_page() {
        row.id.clone()
    } else {
        format!("name:{}", fold(&row.name))
    }
}

fn by_category(rows: Vec<SupporterListRow>) -> Vec<CategoryChanges> {
    Category::ALL
        .into_iter()
        .map(|category| CategoryChanges {
            category,
            rows: rows
                .iter()
                .filter(|r| r.category == category)
                .cloned()
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect()
}

fn compare(
    from: PartialDate,
    to: PartialDate,
    before: Vec<SupporterListRow>,
    after: Vec<SupporterListRow>,
) -> Comparison {
    let before_keys: HashMap<String, &SupporterListRow> =
        before.iter().map(|r| (body_key(r), r)).collect();
    let after_keys: HashMap<String, &SupporterListRow> =
        after.iter().map(|r| (body_key(r), r)).collect();
    // One row per body: a body with two entries that day joined or left once.
    let only_in = |rows: &[SupporterListRow], other: &HashMap<String, &SupporterListRow>| {
        let mut seen = HashSet::new();
        rows.iter()
            .filter(|r| {
                let key = body_key(r);
                !other.contains_key(&key) && seen.insert(key)
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    let joined = only_in(&after, &before_keys);
    let left = only_in(&before, &after_keys);
    let renamed = after
        .iter()
        .filter_map(|r| {
            let earlier = before_keys.get(&body_key(r))?;
            (fold(&earlier.name) != fold(&r.name)).then(|| Renamed {
                before: earlier.name.clone(),
                after: r.clone(),
            })
        })
        .collect();
    Comparison {
        from,
        to,
        from_total: before.len(),
        to_total: after.len(),
        from_duplicates: before.len() - before_keys.len(),
        to_duplicates: after.len() - after_keys.len(),
        joined: by_category(joined),
        left: by_category(left),
        renamed,
    }
}

/// The list on `day`: today's list from the list's last change on.
async fn list_on(state: &AppState, day: PartialDate) -> Result<Vec<SupporterListRow>, AppError> {
    let filter = SupporterFilter {
        as_of: state.vocab.past(Some(day)),
        ..SupporterFilter::default()
    };
    db::run(&state.pool, move |c| queries::supporters(c, &filter, None)).await
}

#[derive(Template)]
#[template(path = "changes/index.html")]
struct ChangesPage {
    meta: PageMeta,
    /// The first day of the history and its gap, for the explanations.
    history: crate::timeline::HistoryDates,
    comparison: Comparison,
    /// Whether `from` and `to` were given (else the comparison covers the whole history).
    chosen: bool,
    changes: Changes,
}

impl ChangesPage {
    fn of_kind(&self, kind: &str) -> Vec<&RenameRow> {
        self.changes
            .renames
            .iter()
            .filter(|r| r.kind == kind)
            .collect()
    }
}

pub async fn index(state: State, lang: Lang, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = params::changes_query(req.query_string(), &state.vocab)?;
    let check = |name: &str, day: Option<PartialDate>| {
        day.map(|day| require_list(name, &state, day)).transpose()
    };
    check("from", query.from_given)?;
    check("to", query.to_given)?;
    let (from, to) = (query.from, query.to);
    if from > to {
        return Err(AppError::bad(
            "from",
            Problem::new(
                format!("{from} is after to={to}; give the earlier day as from"),
                format!("{from} est après to={to} ; donnez le jour le plus ancien comme from"),
            ),
            vec![],
        ));
    }
    let (before, after) = (list_on(&state, from).await?, list_on(&state, to).await?);
    let chosen = query.chosen();
    let path = format!("/changes{}", query.canonical());
    let changes = changes(&state, lang, chosen.then_some((from, to))).await?;
    let title = match (chosen, lang) {
        (false, _) => lang
            .tr(
                "Changes to the official list",
                "Les changements de la liste officielle",
            )
            .to_string(),
        (true, Lang::En) => format!(
            "Changes to the official list from {} to {}",
            lang.date(from),
            lang.date(to)
        ),
        (true, Lang::Fr) => format!(
            "Les changements de la liste officielle du {} au {}",
            lang.date(from),
            lang.date(to)
        ),
    };
    render(&ChangesPage {
        history: state.vocab.timeline.dates(state.vocab.as_of),
        meta: PageMeta::new(
            &state,
            lang,
            title,
            lang.tr(
                "Who joined the official list of Paris Call supporters and who is no longer in it between two dates, when each entry first appeared, and our own corrections.",
                "Qui est entré dans la liste officielle des soutiens de l’Appel de Paris et qui n’y figure plus entre deux dates, quand chaque entrée est apparue, et nos propres corrections.",
            ),
            &path,
        )
        .citable(to)
        .cited_as(match (chosen, lang) {
            (false, Lang::En) => format!("Changes to the official list of supporters of {}", call_name(lang)),
            (false, Lang::Fr) => format!("Les changements de la liste officielle des soutiens de {}", call_name(lang)),
            (true, Lang::En) => format!(
                "Changes to the official list of supporters of {} from {} to {}",
                call_name(lang),
                lang.date(from),
                lang.date(to)
            ),
            (true, Lang::Fr) => format!(
                "Les changements de la liste officielle des soutiens de {} du {} au {}",
                call_name(lang),
                lang.date(from),
                lang.date(to)
            ),
        }),
        comparison: compare(from, to, before, after),
        chosen,
        changes,
    })
}

struct FeedEntry {
    id: String,
    title: String,
    updated: String,
    link: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "changes/feed.xml")]
struct Feed {
    id: String,
    self_url: String,
    page_url: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

/// Feed timestamps: the day, at midnight UTC (the data is dated to the day).
fn timestamp(date: PartialDate) -> String {
    format!("{}T00:00:00Z", date.iso())
}

/// Entry ids are tag URIs (RFC 4151) that do not depend on the site's address, so they
/// stay the same wherever the site is served.
const TAG: &str = "tag:paris-call-observatory,2026:";

pub async fn feed(state: State) -> Result<HttpResponse, AppError> {
    let changes = changes(&state, Lang::En, None).await?;
    let base = &state.public_url;
    let mut entries: Vec<(PartialDate, FeedEntry)> = Vec::new();
    for month in &changes.months {
        let names: Vec<&str> = month.rows.iter().map(|r| r.name.as_str()).collect();
        entries.push((
            month.last_day,
            FeedEntry {
                id: format!("{TAG}listed/{}", month.key),
                title: format!(
                    "{} {} first listed in {}",
                    month.rows.len(),
                    if month.rows.len() == 1 {
                        "entry"
                    } else {
                        "entries"
                    },
                    month.label
                ),
                updated: timestamp(month.last_day),
                link: format!("{base}/changes#listed-{}", month.key),
                summary: names.join("; "),
            },
        ));
    }
    for r in &changes.renames {
        let title = match (r.kind.as_str(), &r.current_name) {
            ("rename", Some(current)) => {
                format!("Renamed in the official list: {} → {current}", r.old_name)
            }
            ("duplicate", Some(current)) => format!(
                "Duplicate entry removed: {} (still listed as {current})",
                r.old_name
            ),
            _ => format!("No longer in the official list: {}", r.old_name),
        };
        entries.push((
            r.listed_until,
            FeedEntry {
                // Keyed by the record file, which is ASCII and never changes.
                id: format!(
                    "{TAG}left/{}/{}",
                    r.listed_until.iso(),
                    r.old_record_file.trim_end_matches(".md")
                ),
                summary: title.clone(),
                title,
                updated: timestamp(r.listed_until),
                link: match &r.successor_id {
                    Some(id) => format!("{base}/supporters/{id}"),
                    None => format!("{base}/changes#no-longer-listed"),
                },
            },
        ));
    }
    for c in &changes.corrections {
        entries.push((
            c.date,
            FeedEntry {
                id: format!("{TAG}correction/{}", c.key),
                title: format!("Correction: {}", c.what),
                updated: timestamp(c.date),
                link: format!("{base}/changes#correction-{}", c.key),
                summary: c.why.clone(),
            },
        ));
    }
    // Newest first; ties keep a stable order by id.
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let updated = entries
        .first()
        .map_or_else(|| timestamp(state.vocab.as_of), |e| e.1.updated.clone());
    let body = Feed {
        id: format!("{TAG}changes"),
        self_url: format!("{base}/changes.atom"),
        page_url: format!("{base}/changes"),
        updated,
        entries: entries.into_iter().map(|(_, e)| e).collect(),
    }
    .render()
    .map_err(|e| AppError::Internal(format!("feed: {e}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((
            CONTENT_TYPE,
            HeaderValue::from_static("application/atom+xml; charset=utf-8"),
        ))
        .body(body))
}
