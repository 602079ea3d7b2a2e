//! `/counts`: how many signed, according to each source, beside the counts derived from
//! the official list's history on the same kind of dates.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::chart::Chart;
use crate::db;
use crate::db::queries::{self, ReportedCountRow};
use crate::error::AppError;
use crate::i18n::{Arg, Lang};
use crate::model::{Category, PartialDate};
use crate::page::PageMeta;

/// The list's size on one day, per category.
struct Snapshot {
    day: PartialDate,
    why: Why,
    counts: Vec<(Category, i64)>,
    total: i64,
}

/// Why a day has a row.
#[derive(Clone, Copy)]
enum Why {
    FirstDay,
    BeforeGap,
    Anniversary,
    LastChange,
}

impl Why {
    fn label(self, lang: impl Arg<Lang>) -> &'static str {
        let lang = lang.get();
        match self {
            Why::FirstDay => lang.tr(
                "first day of the official repository",
                "premier jour du dépôt officiel",
            ),
            Why::BeforeGap => lang.tr(
                "last list before the repository's gap of 25 October – 9 November 2019",
                "dernière liste avant le trou du dépôt du 25 octobre au 9 novembre 2019",
            ),
            Why::Anniversary => lang.tr("anniversary of the launch", "anniversaire du lancement"),
            Why::LastChange => lang.tr(
                "last change to the official list",
                "dernière modification de la liste officielle",
            ),
        }
    }
}

/// The days worth a row: the repository's first day, the last list before the 2019 gap,
/// each anniversary of the launch, and the last change.
fn snapshot_days(change_days: &[PartialDate], as_of: PartialDate) -> Vec<(PartialDate, Why)> {
    let first = change_days.first().copied().unwrap_or(as_of);
    let gap_start = PartialDate {
        year: 2019,
        month: Some(10),
        day: Some(25),
    };
    let before_gap = change_days.iter().copied().filter(|d| *d < gap_start).max();
    let mut days = vec![(first, Why::FirstDay)];
    if let Some(day) = before_gap.filter(|d| *d != first) {
        days.push((day, Why::BeforeGap));
    }
    for year in 2019..=as_of.year {
        let anniversary = PartialDate {
            year,
            month: Some(11),
            day: Some(12),
        };
        if anniversary > first && anniversary <= as_of {
            days.push((anniversary, Why::Anniversary));
        }
    }
    days.push((as_of, Why::LastChange));
    days
}

#[derive(Template)]
#[template(path = "counts.html")]
struct CountsPage<'a> {
    meta: PageMeta,
    chart: &'a Chart,
    snapshots: Vec<Snapshot>,
    reported: Vec<ReportedCountRow>,
}

pub async fn show(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let as_of = state.vocab.as_of;
    let reported = db::run(&state.pool, queries::reported_counts).await?;
    let timeline = &state.vocab.timeline;
    let change_days: Vec<PartialDate> = timeline.points.iter().map(|p| p.day).collect();
    let snapshots = snapshot_days(&change_days, as_of)
        .into_iter()
        .filter_map(|(day, why)| {
            let point = timeline.on_day(day)?;
            Some(Snapshot {
                day,
                why,
                counts: Category::ALL.iter().map(|&c| (c, point.count(c))).collect(),
                total: point.total(),
            })
        })
        .collect();
    render(&CountsPage {
        meta: PageMeta::new(
            &state,
            lang,
            lang.tr("How many signed?", "Combien de signataires ?"),
            lang.tr(
                "Every count of Paris Call supporters that sources gave, beside the counts derived from the official list on the same dates.",
                "Chaque chiffre de soutiens de l’Appel de Paris donné par une source, à côté des chiffres tirés de la liste officielle aux mêmes dates.",
            ),
            "/counts",
        )
        .citable(as_of),
        chart: &state.chart,
        snapshots,
        reported,
    })
}
