//! `/counts`: how many signed, according to each source, beside the counts derived from
//! the official list's history on the same kind of dates.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::db;
use crate::db::queries::{self, ReportedCountRow};
use crate::error::AppError;
use crate::model::{Category, PartialDate, group_thousands};
use crate::page::PageMeta;

/// The list's size on one day, per category.
struct Snapshot {
    day: PartialDate,
    why: &'static str,
    counts: Vec<(Category, i64)>,
    total: i64,
}

/// The days worth a row: the repository's first day, the last list before the 2019 gap,
/// each anniversary of the launch, and the last change.
fn snapshot_days(
    change_days: &[PartialDate],
    as_of: PartialDate,
) -> Vec<(PartialDate, &'static str)> {
    let first = change_days.first().copied().unwrap_or(as_of);
    let gap_start = PartialDate {
        year: 2019,
        month: Some(10),
        day: Some(25),
    };
    let before_gap = change_days.iter().copied().filter(|d| *d < gap_start).max();
    let mut days = vec![(first, "first day of the official repository")];
    if let Some(day) = before_gap.filter(|d| *d != first) {
        days.push((
            day,
            "last list before the repository's gap of 25 October – 9 November 2019",
        ));
    }
    for year in 2019..=as_of.year {
        let anniversary = PartialDate {
            year,
            month: Some(11),
            day: Some(12),
        };
        if anniversary > first && anniversary <= as_of {
            days.push((anniversary, "anniversary of the launch"));
        }
    }
    days.push((as_of, "last change to the official list"));
    days
}

#[derive(Template)]
#[template(path = "counts.html")]
struct CountsPage {
    meta: PageMeta,
    snapshots: Vec<Snapshot>,
    reported: Vec<ReportedCountRow>,
}

impl CountsPage {
    fn number(&self, n: &i64) -> String {
        group_thousands(*n)
    }
}

pub async fn show(state: State) -> Result<HttpResponse, AppError> {
    let as_of = state.vocab.as_of;
    let (snapshots, reported) = db::run(&state.pool, move |c| {
        let days = snapshot_days(&queries::history_change_days(c)?, as_of);
        let snapshots = days
            .into_iter()
            .map(|(day, why)| {
                let counts = queries::history_counts_on(c, day)?;
                let total = counts.iter().map(|(_, n)| n).sum();
                Ok(Snapshot {
                    day,
                    why,
                    counts,
                    total,
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((snapshots, queries::reported_counts(c)?))
    })
    .await?;
    render(&CountsPage {
        meta: PageMeta::new(
            &state,
            "How many signed?",
            "Every count of Paris Call supporters that sources gave, beside the counts derived from the official list on the same dates.",
            "/counts",
        )
        .citable(as_of),
        snapshots,
        reported,
    })
}
