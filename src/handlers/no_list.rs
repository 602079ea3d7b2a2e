//! The page for a day with no official list in the repository (`/supporters?as_of=D`,
//! `/countries?as_of=D` before the repository began or in a gap of its history): it says
//! so, and shows only what the sources say about that day.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::AppState;
use crate::db;
use crate::db::reported_counts::{self, ReportedCountRow};
use crate::db::supporters::{self, SupporterListRow};
use crate::error::AppError;
use crate::i18n::{Lang, filters};
use crate::model::PartialDate;
use crate::page_meta::PageMeta;
use crate::timeline::ListOn;

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

/// The page for `day` of the list at `list_path`, served at `page_path`.
pub(super) async fn page(
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
                    supporters::joined_by(c, day)?,
                    reported_counts::list_by(c, reported_by)?,
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
