//! `/changes` and `/changes.atom`: what changed in the official list over time, and our
//! own corrections. A name that left the list is "no longer in the official list", never
//! "withdrew": the reviewed table `record_renames.csv` says which departures are renames.

use actix_web::HttpResponse;
use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use askama::Template;

use super::render;
use crate::db;
use crate::db::queries::{self, CorrectionRow, RenameRow, SupporterListRow};
use crate::error::AppError;
use crate::model::PartialDate;
use crate::page::PageMeta;
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

fn months(rows: Vec<SupporterListRow>) -> Vec<Month> {
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
                label: month.long(),
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

async fn changes(state: &AppState) -> Result<Changes, AppError> {
    let (rows, renames, corrections) = db::run(&state.pool, |c| {
        Ok((
            queries::supporters_by_first_listed(c)?,
            queries::renames(c)?,
            queries::corrections(c, None)?,
        ))
    })
    .await?;
    Ok(Changes {
        months: months(rows),
        renames,
        corrections,
    })
}

#[derive(Template)]
#[template(path = "changes/index.html")]
struct ChangesPage {
    meta: PageMeta,
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

pub async fn index(state: State) -> Result<HttpResponse, AppError> {
    let changes = changes(&state).await?;
    render(&ChangesPage {
        meta: PageMeta::new(
            &state,
            "Changes to the official list",
            "When each entry first appeared in the official list of Paris Call supporters, which names are no longer listed, and our own corrections.",
            "/changes",
        ),
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
    let changes = changes(&state).await?;
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
                id: format!("{TAG}left/{}/{}", r.listed_until.iso(), r.old_name),
                title,
                updated: timestamp(r.listed_until),
                link: match &r.successor_id {
                    Some(id) => format!("{base}/supporters/{id}"),
                    None => format!("{base}/changes#no-longer-listed"),
                },
                summary: r.evidence.clone(),
            },
        ));
    }
    for c in &changes.corrections {
        entries.push((
            c.date,
            FeedEntry {
                id: format!("{TAG}correction/{}", c.position),
                title: format!("Correction: {}", c.what),
                updated: timestamp(c.date),
                link: format!("{base}/changes#correction-{}", c.position),
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
