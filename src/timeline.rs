//! The official list's size over time, replayed from its history: how many entries each
//! category had after each change, and whether a given day has a list at all.

use crate::model::{Category, PartialDate};

/// The list after one day's changes.
pub struct Point {
    pub day: PartialDate,
    /// Entries per category, in `Category::ALL` order.
    pub counts: [i64; 5],
}

impl Point {
    pub fn total(&self) -> i64 {
        self.counts.iter().sum()
    }

    pub fn count(&self, category: Category) -> i64 {
        self.counts[category.index()]
    }
}

/// What the history can say about the list on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOn {
    /// The list as it stood after that day.
    Listed,
    /// The repository, and so the history, starts on `first_day`.
    BeforeRepository { first_day: PartialDate },
    /// The repository held no list from `from` to `to` (inclusive); `last_before` is the
    /// last day with a list before that, `first_after` the first day with one again.
    Gap {
        from: PartialDate,
        to: PartialDate,
        last_before: Option<PartialDate>,
        first_after: Option<PartialDate>,
    },
}

/// The days pages explain the history with: read from the data, never written in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryDates {
    /// The first day the official repository holds a list.
    pub first_day: PartialDate,
    /// The first run of days with no list after that, first and last day.
    pub gap: Option<(PartialDate, PartialDate)>,
}

impl HistoryDates {
    /// The month of the first day, `YYYY-MM`.
    pub fn first_month(&self) -> String {
        format!(
            "{:04}-{:02}",
            self.first_day.year,
            self.first_day.month.unwrap_or(1)
        )
    }
}

/// Every day the list changed, oldest first.
pub struct Timeline {
    pub points: Vec<Point>,
}

impl Timeline {
    pub fn first_day(&self) -> Option<PartialDate> {
        self.points.first().map(|p| p.day)
    }

    /// The last change on or before `day`, with its index.
    fn at(&self, day: PartialDate) -> Option<(usize, &Point)> {
        let after = self.points.partition_point(|p| p.day <= day);
        after.checked_sub(1).map(|i| (i, &self.points[i]))
    }

    /// The list's size per category after `day`, if the repository held a list then.
    pub fn on_day(&self, day: PartialDate) -> Option<&Point> {
        self.at(day).map(|(_, p)| p).filter(|p| p.total() > 0)
    }

    /// `day` and what the history says about it, when the repository held no list that day.
    pub fn missing(&self, day: Option<PartialDate>) -> Option<(PartialDate, ListOn)> {
        let day = day?;
        let on = self.list_on(day);
        (on != ListOn::Listed).then_some((day, on))
    }

    /// The first day with a list and the first gap after it (`as_of` when there is no history).
    pub fn dates(&self, as_of: PartialDate) -> HistoryDates {
        let spans = self.listed_spans();
        HistoryDates {
            first_day: self.first_day().unwrap_or(as_of),
            gap: match spans.as_slice() {
                [(_, Some(end)), (next, _), ..] => end
                    .next_day()
                    .zip(next.previous_day())
                    .filter(|(from, to)| from <= to),
                _ => None,
            },
        }
    }

    /// The runs of days with a list, first day to last (None: still running), in order.
    pub fn listed_spans(&self) -> Vec<(PartialDate, Option<PartialDate>)> {
        let mut spans: Vec<(PartialDate, Option<PartialDate>)> = Vec::new();
        let mut open = false;
        for point in &self.points {
            match (open, point.total() > 0) {
                (false, true) => spans.push((point.day, None)),
                (true, false) => {
                    if let Some(span) = spans.last_mut() {
                        span.1 = point.day.previous_day();
                    }
                }
                _ => {}
            }
            open = point.total() > 0;
        }
        spans
    }

    pub fn list_on(&self, day: PartialDate) -> ListOn {
        let Some((index, point)) = self.at(day) else {
            return ListOn::BeforeRepository {
                first_day: self.first_day().unwrap_or(day),
            };
        };
        if point.total() > 0 {
            return ListOn::Listed;
        }
        let next = self.points.get(index + 1).map(|p| p.day);
        ListOn::Gap {
            from: point.day,
            to: next.and_then(|d| d.previous_day()).unwrap_or(point.day),
            last_before: self.points[..index]
                .iter()
                .rev()
                .find(|p| p.total() > 0)
                .map(|p| p.day),
            first_after: next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    fn timeline() -> Timeline {
        let point = |d: &str, n: i64| Point {
            day: day(d),
            counts: [n, 0, 0, 0, 0],
        };
        Timeline {
            points: vec![
                point("2019-09-16", 3),
                point("2019-10-17", 4),
                point("2019-10-25", 0),
                point("2019-11-10", 5),
            ],
        }
    }

    #[test]
    fn days_are_placed_in_the_history() {
        let t = timeline();
        assert_eq!(
            t.list_on(day("2018-11-12")),
            ListOn::BeforeRepository {
                first_day: day("2019-09-16")
            }
        );
        assert_eq!(t.list_on(day("2019-10-20")), ListOn::Listed);
        assert_eq!(t.list_on(day("2024-01-01")), ListOn::Listed);
        assert_eq!(t.missing(Some(day("2019-10-20"))), None);
        assert!(t.missing(Some(day("2019-10-26"))).is_some());
        assert_eq!(
            t.list_on(day("2019-11-09")),
            ListOn::Gap {
                from: day("2019-10-25"),
                to: day("2019-11-09"),
                last_before: Some(day("2019-10-17")),
                first_after: Some(day("2019-11-10")),
            }
        );
        assert_eq!(t.on_day(day("2019-10-30")).map(Point::total), None);
        assert_eq!(
            t.listed_spans(),
            vec![
                (day("2019-09-16"), Some(day("2019-10-24"))),
                (day("2019-11-10"), None)
            ]
        );
        assert_eq!(t.on_day(day("2019-10-24")).map(Point::total), Some(4));
    }
}
