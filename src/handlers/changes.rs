//! `/changes` and `/changes.atom`: what changed in the official list between two days and
//! over time, and our own corrections. A name that left the list is "no longer in the
//! official list", never "withdrew": the reviewed table `record_renames.csv` says which
//! departures are renames, and a renamed body is one body, not a departure and a joining.

use std::collections::{HashMap, HashSet};

use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::{render, render_as};
use crate::content::RenameKind;
use crate::db;
use crate::db::corrections::{self, CorrectionRow};
use crate::db::history::{self, RenameRow};
use crate::db::supporters::{self, SupporterFilter, SupporterListRow};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::listing::CategoryGroup;
use crate::model::{PartialDate, fold};
use crate::page_meta::{PageMeta, call_name};
use crate::params::{self, ChangesQuery};
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

/// Every entry by the day it was first listed, every departure and every correction.
struct ChangeRows {
    listed: Vec<SupporterListRow>,
    renames: Vec<RenameRow>,
    corrections: Vec<CorrectionRow>,
}

impl ChangeRows {
    fn read(c: &rusqlite::Connection) -> crate::db::QueryResult<Self> {
        Ok(ChangeRows {
            listed: supporters::by_first_listed(c)?,
            renames: history::renames(c)?,
            corrections: corrections::list(c, None)?,
        })
    }
}

impl Changes {
    /// Every change, or with `range = Some((from, to))` only what happened after the list of
    /// `from` up to and including `to`: the rule of the comparison (an entry first listed on
    /// `from` is already in that day's list), applied to every section of the page.
    fn new(rows: ChangeRows, lang: Lang, range: Option<(PartialDate, PartialDate)>) -> Self {
        let ChangeRows {
            mut listed,
            mut renames,
            mut corrections,
        } = rows;
        if let Some((from, to)) = range {
            let within = |day: PartialDate| from < day && day <= to;
            listed.retain(|r| within(r.listed_since));
            renames.retain(|r| within(r.listed_until));
            corrections.retain(|c| within(c.date));
        }
        Changes {
            months: months(listed, lang),
            renames,
            corrections,
        }
    }
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
    joined: Vec<CategoryGroup<SupporterListRow>>,
    left: Vec<CategoryGroup<SupporterListRow>>,
    renamed: Vec<Renamed>,
}

impl Comparison {
    fn count(groups: &[CategoryGroup<SupporterListRow>]) -> usize {
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
        joined: CategoryGroup::all(joined, |r| r.category),
        left: CategoryGroup::all(left, |r| r.category),
        renamed,
    }
}

/// The official list on `from` and on `to`, and the changes between them.
struct ChangesRecord {
    before: Vec<SupporterListRow>,
    after: Vec<SupporterListRow>,
    rows: ChangeRows,
}

impl ChangesRecord {
    fn read(
        c: &rusqlite::Connection,
        [from, to]: [SupporterFilter; 2],
    ) -> crate::db::QueryResult<Self> {
        Ok(ChangesRecord {
            before: supporters::list(c, &from, None)?,
            after: supporters::list(c, &to, None)?,
            rows: ChangeRows::read(c)?,
        })
    }
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
    fn of_kind(&self, kind: RenameKind) -> Vec<&RenameRow> {
        self.changes
            .renames
            .iter()
            .filter(|r| r.kind == kind)
            .collect()
    }
}

pub async fn index(state: State, lang: Lang, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = params::changes_query(req.query_string(), &state.vocab)?;
    // The list on a day: today's list from the list's last change on.
    let list_on = |day| SupporterFilter {
        as_of: state.vocab.past(Some(day)),
        ..SupporterFilter::default()
    };
    let lists = [list_on(query.from), list_on(query.to)];
    let record = db::run(&state.pool, move |c| ChangesRecord::read(c, lists)).await?;
    render(&ChangesPage::new(&state, lang, &query, record))
}

impl ChangesPage {
    fn new(state: &AppState, lang: Lang, query: &ChangesQuery, record: ChangesRecord) -> Self {
        let (from, to, chosen) = (query.from, query.to, query.chosen());
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
        let call = call_name(lang);
        let cited = match (chosen, lang) {
            (false, Lang::En) => format!("Changes to the official list of supporters of {call}"),
            (false, Lang::Fr) => {
                format!("Les changements de la liste officielle des soutiens de {call}")
            }
            (true, Lang::En) => format!(
                "Changes to the official list of supporters of {call} from {} to {}",
                lang.date(from),
                lang.date(to)
            ),
            (true, Lang::Fr) => format!(
                "Les changements de la liste officielle des soutiens de {call} du {} au {}",
                lang.date(from),
                lang.date(to)
            ),
        };
        let description = lang.tr(
            "Who joined the official list of Paris Call supporters and who is no longer in it between two dates, when each entry first appeared, and our own corrections.",
            "Qui est entré dans la liste officielle des soutiens de l’Appel de Paris et qui n’y figure plus entre deux dates, quand chaque entrée est apparue, et nos propres corrections.",
        );
        let path = format!("/changes{}", query.canonical());
        ChangesPage {
            history: state.vocab.timeline.dates(state.vocab.as_of),
            meta: PageMeta::new(state, lang, title, description, &path)
                .citable(to)
                .cited_as(cited),
            comparison: compare(from, to, record.before, record.after),
            chosen,
            changes: Changes::new(record.rows, lang, chosen.then_some((from, to))),
        }
    }
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
    let rows = db::run(&state.pool, ChangeRows::read).await?;
    let changes = Changes::new(rows, Lang::En, None);
    let feed = Feed::new(&changes, &state.public_url, state.vocab.as_of);
    render_as(&feed, "application/atom+xml; charset=utf-8")
}

impl Feed {
    /// Every change as an entry, newest first; ties keep a stable order by id. With no
    /// entry, the feed is as recent as the list.
    fn new(changes: &Changes, base: &str, as_of: PartialDate) -> Self {
        let mut entries: Vec<(PartialDate, FeedEntry)> = Vec::new();
        entries.extend(changes.months.iter().map(|m| FeedEntry::listed(m, base)));
        entries.extend(changes.renames.iter().map(|r| FeedEntry::left(r, base)));
        entries.extend(
            changes
                .corrections
                .iter()
                .map(|c| FeedEntry::correction(c, base)),
        );
        entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let updated = entries
            .first()
            .map_or_else(|| timestamp(as_of), |e| e.1.updated.clone());
        Feed {
            id: format!("{TAG}changes"),
            self_url: format!("{base}/changes.atom"),
            page_url: format!("{base}/changes"),
            updated,
            entries: entries.into_iter().map(|(_, e)| e).collect(),
        }
    }
}

/// Each entry comes with the day it sorts by.
impl FeedEntry {
    fn listed(month: &Month, base: &str) -> (PartialDate, Self) {
        let names: Vec<&str> = month.rows.iter().map(|r| r.name.as_str()).collect();
        let count = month.rows.len();
        let entry = FeedEntry {
            id: format!("{TAG}listed/{}", month.key),
            title: format!(
                "{count} {} first listed in {}",
                if count == 1 { "entry" } else { "entries" },
                month.label
            ),
            updated: timestamp(month.last_day),
            link: format!("{base}/changes#listed-{}", month.key),
            summary: names.join("; "),
        };
        (month.last_day, entry)
    }

    fn left(r: &RenameRow, base: &str) -> (PartialDate, Self) {
        let title = match (r.kind, &r.current_name) {
            (RenameKind::Rename, Some(current)) => {
                format!("Renamed in the official list: {} → {current}", r.old_name)
            }
            (RenameKind::Duplicate, Some(current)) => format!(
                "Duplicate entry removed: {} (still listed as {current})",
                r.old_name
            ),
            _ => format!("No longer in the official list: {}", r.old_name),
        };
        let entry = FeedEntry {
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
        };
        (r.listed_until, entry)
    }

    fn correction(c: &CorrectionRow, base: &str) -> (PartialDate, Self) {
        let entry = FeedEntry {
            id: format!("{TAG}correction/{}", c.key),
            title: format!("Correction: {}", c.what),
            updated: timestamp(c.date),
            link: format!("{base}/changes#correction-{}", c.key),
            summary: c.why.clone(),
        };
        (c.date, entry)
    }
}
