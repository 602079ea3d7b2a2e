//! The growth chart: entries per category after each change to the official list, as a
//! server-drawn SVG step chart, with the launch-day counts the press gave as marked points.
//! The template (`partials/growth_chart.html`) puts the same numbers in a table beside it.

use crate::db::reported_counts::ReportedCountRow;
use crate::db::sources::Sources;
use crate::i18n::Lang;
use crate::model::{Category, PartialDate};
use crate::timeline::Timeline;

pub const WIDTH: f64 = 880.0;
pub const HEIGHT: f64 = 360.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 690.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 320.0;
/// Press counts up to this many days after the launch are "launch-day" counts.
const LAUNCH_WEEK_DAYS: f64 = 2.0;

pub struct Series {
    pub category: Category,
    /// SVG path data: horizontal and vertical steps, broken where there is no list.
    pub d: String,
    pub last: i64,
    /// Where the end label sits, nudged apart so labels never overlap.
    pub label_y: f64,
}

/// A count the press gave, at the launch.
pub struct PressMark {
    pub category: Category,
    /// As the source words it: "51", "more than 50".
    pub wording: String,
    pub sources: Vec<(String, String)>,
    pub x: f64,
    pub y: f64,
    pub label_y: f64,
}

/// A stretch with no list in the repository.
pub struct Gap {
    pub x: f64,
    pub width: f64,
    /// Its first and last days; `None` for the stretch before the repository began.
    pub days: Option<(PartialDate, PartialDate)>,
}

pub struct Chart {
    pub series: Vec<Series>,
    pub press: Vec<PressMark>,
    pub gaps: Vec<Gap>,
    pub x_ticks: Vec<(f64, u16)>,
    pub y_ticks: Vec<(f64, i64)>,
    /// The change days with their counts, for the table beside the chart.
    pub rows: Vec<(PartialDate, [i64; 5], i64)>,
    pub launch_x: f64,
    /// The repository's first day.
    pub first_day: PartialDate,
    /// The day the Call was launched, where the press counts are marked.
    pub launch: PartialDate,
}

fn julian(day: PartialDate) -> f64 {
    day.to_date().map_or(0.0, |d| f64::from(d.to_julian_day()))
}

/// The leading whole number of a press figure and whether it was "more than" it.
fn press_value(text: &str) -> Option<(i64, bool)> {
    let lower = text.to_lowercase();
    let more_than = lower.starts_with("more than") || lower.starts_with("over");
    let digits: String = lower
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().map(|n| (n, more_than))
}

/// Moves labels apart, from the bottom up, so that each is at least `gap` above the one
/// below it (labels near the axis move up rather than under it).
fn spread(ys: &mut [&mut f64], gap: f64) {
    ys.sort_by(|a, b| b.total_cmp(a));
    for i in 1..ys.len() {
        let max = *ys[i - 1] - gap;
        if *ys[i] > max {
            *ys[i] = max;
        }
    }
}

impl Chart {
    pub fn new(
        timeline: &Timeline,
        launch: PartialDate,
        as_of: PartialDate,
        reported: &[ReportedCountRow],
        sources: &Sources,
    ) -> Self {
        let start = julian(PartialDate {
            year: launch.year,
            month: Some(10),
            day: Some(1),
        });
        let end = julian(as_of) + 60.0;
        let x = |day: PartialDate| LEFT + (julian(day) - start) / (end - start) * (RIGHT - LEFT);
        let press = launch_marks(reported, sources, launch);
        let highest = timeline
            .points
            .iter()
            .flat_map(|p| p.counts)
            .chain(press.iter().map(|m| m.1))
            .max()
            .unwrap_or(1);
        let step = if highest > 400 { 100 } else { 50 };
        let y_max = ((highest + step - 1) / step * step) as f64;
        let y = |n: i64| BOTTOM - n as f64 / y_max * (BOTTOM - TOP);

        let mut series: Vec<Series> = Category::ALL
            .iter()
            .enumerate()
            .map(|(i, &category)| {
                let mut d = String::new();
                let mut drawing = false;
                for point in &timeline.points {
                    if point.total() == 0 {
                        drawing = false;
                        continue;
                    }
                    let (px, py) = (x(point.day), y(point.counts[i]));
                    if drawing {
                        d.push_str(&format!("H{px:.1}V{py:.1}"));
                    } else {
                        d.push_str(&format!("M{px:.1},{py:.1}"));
                        drawing = true;
                    }
                }
                d.push_str(&format!("H{:.1}", x(as_of) + 8.0));
                let last = timeline.points.last().map_or(0, |p| p.counts[i]);
                Series {
                    category,
                    d,
                    last,
                    label_y: y(last) + 4.0,
                }
            })
            .collect();
        spread(
            &mut series
                .iter_mut()
                .map(|s| &mut s.label_y)
                .collect::<Vec<_>>(),
            14.0,
        );

        let launch_x = x(launch);
        let mut press: Vec<PressMark> = press
            .into_iter()
            .map(|(category, value, wording, sources)| PressMark {
                category,
                wording,
                sources,
                x: launch_x,
                y: y(value),
                label_y: y(value) + 4.0,
            })
            .collect();
        spread(
            &mut press.iter_mut().map(|m| &mut m.label_y).collect::<Vec<_>>(),
            13.0,
        );

        let first_day = timeline.first_day().unwrap_or(as_of);
        let mut gaps = vec![Gap {
            x: launch_x,
            width: x(first_day) - launch_x,
            days: None,
        }];
        for pair in timeline.points.windows(2) {
            if pair[0].total() == 0 {
                let last = pair[1].day.previous_day().unwrap_or(pair[1].day);
                gaps.push(Gap {
                    x: x(pair[0].day),
                    width: x(pair[1].day) - x(pair[0].day),
                    days: Some((pair[0].day, last)),
                });
            }
        }
        Chart {
            series,
            press,
            gaps,
            x_ticks: (launch.year + 1..=as_of.year)
                .map(|year| {
                    let jan = PartialDate {
                        year,
                        month: Some(1),
                        day: Some(1),
                    };
                    (x(jan), year)
                })
                .collect(),
            y_ticks: (0..=(y_max as i64))
                .step_by(step as usize * if y_max > 400.0 { 2 } else { 1 })
                .map(|n| (y(n), n))
                .collect(),
            rows: timeline
                .points
                .iter()
                .map(|p| (p.day, p.counts, p.total()))
                .collect(),
            launch_x,
            first_day,
            launch,
        }
    }

    pub fn view_box(&self) -> String {
        format!("0 0 {WIDTH} {HEIGHT}")
    }

    pub fn bottom(&self) -> f64 {
        BOTTOM
    }

    pub fn top(&self) -> f64 {
        TOP
    }

    pub fn left(&self) -> f64 {
        LEFT
    }

    pub fn right(&self) -> f64 {
        RIGHT
    }

    /// When the repository held no list: "before 16 September 2019", then ", and from … to …"
    /// for each later stretch without one.
    pub fn no_list_days(&self, lang: impl Into<Lang>) -> String {
        let lang: Lang = lang.into();
        let mut parts = vec![match lang {
            Lang::En => format!("before {}", lang.date(self.first_day)),
            Lang::Fr => format!("avant le {}", lang.date(self.first_day)),
        }];
        parts.extend(
            self.gaps
                .iter()
                .filter_map(|g| g.days)
                .map(|(from, to)| match lang {
                    Lang::En => format!("from {} to {}", lang.date(from), lang.date(to)),
                    Lang::Fr => format!("du {} au {}", lang.date(from), lang.date(to)),
                }),
        );
        parts.join(lang.tr(", and ", ", et "))
    }

    /// The chart's one-sentence summary, for its accessible description.
    pub fn summary(&self, lang: impl Into<Lang>) -> String {
        let lang: Lang = lang.into();
        let first = lang.date(self.first_day);
        let launch = lang.date(self.launch);
        let parts: Vec<String> = self
            .series
            .iter()
            .map(|s| format!("{} {}", s.category.label(lang), lang.number(s.last)))
            .collect();
        match lang {
            Lang::En => format!(
                "Step chart of entries in the official list per category, from {first}, when the official repository begins, to the last change: {}. Launch-day counts from the press are marked on {launch}. The table below gives every value.",
                parts.join(", ")
            ),
            Lang::Fr => format!(
                "Graphique en escalier des entrées de la liste officielle par catégorie, du {first}, début du dépôt officiel, à la dernière modification : {}. Les chiffres donnés par la presse le jour du lancement sont marqués au {launch}. Le tableau ci-dessous donne chaque valeur.",
                parts.join(", ")
            ),
        }
    }
}

type LaunchMark = (Category, i64, String, Vec<(String, String)>);

/// Counts the press gave in the launch week, one mark per category and figure, each with
/// every source that gave it. Only reports dated to the day count (month-dated ones, such as
/// itsocial.fr's "370 États", cannot be placed in the launch week), and totals are left out.
fn launch_marks(
    reported: &[ReportedCountRow],
    sources: &Sources,
    launch: PartialDate,
) -> Vec<LaunchMark> {
    let mut marks: Vec<LaunchMark> = Vec::new();
    let launch_week = reported.iter().filter(|r| {
        r.date
            .is_some_and(|d| d.is_full() && julian(d) <= julian(launch) + LAUNCH_WEEK_DAYS)
    });
    for r in launch_week {
        let figures = [
            (Category::State, &r.states),
            (Category::PrivateSector, &r.companies),
            (Category::CivilSociety, &r.civil_society),
        ];
        for (category, figure) in figures {
            let Some((value, more_than)) = figure.as_deref().and_then(press_value) else {
                continue;
            };
            let wording = if more_than {
                format!("> {value}")
            } else {
                value.to_string()
            };
            let named: Vec<(String, String)> = sources
                .resolve(&r.source_ids)
                .into_iter()
                .map(|s| (s.publisher, s.url))
                .collect();
            match marks.iter_mut().find(|m| m.0 == category && m.2 == wording) {
                Some(mark) => mark.3.extend(named),
                None => marks.push((category, value, wording, named)),
            }
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn press_figures_are_read_as_worded() {
        assert_eq!(press_value("51"), Some((51, false)));
        assert_eq!(press_value("more than 50"), Some((50, true)));
        assert_eq!(press_value("224 companies"), Some((224, false)));
        assert_eq!(press_value("over 100 other companies"), Some((100, true)));
        assert_eq!(press_value("many"), None);
    }
}
