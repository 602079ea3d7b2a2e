//! `/counts`: how many signed, according to each source, beside the counts derived from
//! the official list's history on the same kind of dates.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::chart::Chart;
use crate::content::PageProse;
use crate::db;
use crate::db::reported_counts::{self, ReportedCountRow};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::model::{Category, PartialDate};
use crate::page_meta::{PageMeta, call_name};
use crate::timeline::{ListOn, Timeline};
use crate::{AppState, State};

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
    /// The last list before the repository held none, from `from` to `to`.
    BeforeGap {
        from: PartialDate,
        to: PartialDate,
    },
    Anniversary,
    LastChange,
}

impl Why {
    fn label(self, lang: impl Into<Lang>) -> String {
        let lang: Lang = lang.into();
        let fixed = match self {
            Why::FirstDay => lang.tr(
                "first day of the official repository",
                "premier jour du dépôt officiel",
            ),
            Why::BeforeGap { from, to } => {
                return match lang {
                    Lang::En => format!(
                        "last list before the repository's gap of {} – {}",
                        lang.date(from),
                        lang.date(to)
                    ),
                    Lang::Fr => format!(
                        "dernière liste avant le trou du dépôt du {} au {}",
                        lang.date(from),
                        lang.date(to)
                    ),
                };
            }
            Why::Anniversary => lang.tr("anniversary of the launch", "anniversaire du lancement"),
            Why::LastChange => lang.tr(
                "last change to the official list",
                "dernière modification de la liste officielle",
            ),
        };
        fixed.to_string()
    }
}

/// The days worth a row: the repository's first day, the last list before each stretch
/// with no list, each anniversary of the launch, and the last change.
fn snapshot_days(
    timeline: &Timeline,
    launch: PartialDate,
    as_of: PartialDate,
) -> Vec<(PartialDate, Why)> {
    let first = timeline.first_day().unwrap_or(as_of);
    let mut days = vec![(first, Why::FirstDay)];
    for empty in timeline.points.iter().filter(|p| p.total() == 0) {
        if let ListOn::Gap {
            from,
            to,
            last_before: Some(day),
            ..
        } = timeline.list_on(empty.day)
        {
            if day != first {
                days.push((day, Why::BeforeGap { from, to }));
            }
        }
    }
    for year in launch.year + 1..=as_of.year {
        let anniversary = PartialDate { year, ..launch };
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
    /// The lead and why the figures differ: `content/pages/counts.md`, with its citations.
    prose: PageProse,
}

pub async fn show(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let (reported, prose) = db::run(&state.pool, move |c| {
        Ok((
            reported_counts::list(c)?,
            PageProse::parse(&db::sources::prose(c, "counts", lang)?),
        ))
    })
    .await?;
    render(&CountsPage::new(&state, lang, reported, prose))
}

impl<'a> CountsPage<'a> {
    fn new(
        state: &'a AppState,
        lang: Lang,
        reported: Vec<ReportedCountRow>,
        prose: PageProse,
    ) -> Self {
        let as_of = state.vocab.as_of;
        let timeline = &state.vocab.timeline;
        let snapshots = snapshot_days(timeline, state.vocab.launch, as_of)
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
        let meta = PageMeta::new(
            state,
            lang,
            lang.tr("How many signed?", "Combien de signataires ?"),
            lang.tr(
                "Every count of Paris Call supporters that sources gave, beside the counts derived from the official list on the same dates.",
                "Chaque chiffre de soutiens de l’Appel de Paris donné par une source, à côté des chiffres tirés de la liste officielle aux mêmes dates.",
            ),
            "/counts",
        );
        CountsPage {
            meta: meta.citable(as_of).cited_as(match lang {
                Lang::En => format!("How many signed {}?", call_name(lang)),
                Lang::Fr => format!("Combien de signataires pour {} ?", call_name(lang)),
            }),
            chart: &state.chart,
            snapshots,
            reported,
            prose,
        }
    }
}

impl CountsPage<'_> {
    /// The first day the official repository holds a list.
    fn first_day(&self) -> Option<PartialDate> {
        self.snapshots.first().map(|s| s.day)
    }

    /// How a reported count's date is said, when the source is imprecise or undated.
    fn date_label<'r>(&self, r: &'r ReportedCountRow) -> Option<&'r str> {
        match self.meta.lang {
            Lang::En => r.date_label.as_deref(),
            Lang::Fr => r.date_label_fr.as_deref(),
        }
    }

    fn note<'r>(&self, r: &'r ReportedCountRow) -> Option<&'r str> {
        match self.meta.lang {
            Lang::En => r.note.as_deref(),
            Lang::Fr => r.note_fr.as_deref(),
        }
    }
}
