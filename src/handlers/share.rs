//! `/share/site.png` and `/share/principles/{n}.png` (and their French twins): the pictures
//! link previews show (`og:image`). Drawn on first request from `templates/share/card.svg`;
//! the page cache keeps them after that.

use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::State;
use crate::db::{self, explainers, principles};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::Category;
use crate::share_image;

/// Characters per title line at the card's title size (DejaVu Sans Bold, 62 px, 1040 px).
const TITLE_WIDTH: usize = 30;
/// At most this many title lines fit above the figures.
const TITLE_LINES: usize = 3;
/// Characters per line of a principle's plain meaning (40 px).
const MEANING_WIDTH: usize = 50;
/// The last baseline above the footer's rule (y = 540).
const LOWEST_BASELINE: usize = 515;

/// Keeps the first `max` lines, the last ending in "…" when some were dropped.
fn shorten(lines: &mut Vec<String>, max: usize) {
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
}

#[derive(Template)]
#[template(path = "share/card.svg")]
struct Card {
    eyebrow: String,
    title_lines: Vec<String>,
    figure_lines: Vec<String>,
    figures_y: usize,
    site: &'static str,
    independent: &'static str,
}

impl Card {
    /// `lines` below the title are cut to what fits above the footer's rule.
    fn new(lang: Lang, eyebrow: String, title: &str, mut lines: Vec<String>) -> Self {
        let mut title_lines = share_image::wrap(title, TITLE_WIDTH);
        shorten(&mut title_lines, TITLE_LINES);
        let figures_y = 200 + title_lines.len() * 74 + 50;
        shorten(&mut lines, (LOWEST_BASELINE - figures_y) / 52 + 1);
        Card {
            eyebrow,
            figures_y,
            title_lines,
            figure_lines: lines,
            site: lang.tr("Paris Call Observatory", "Observatoire de l’Appel de Paris"),
            independent: lang.tr(
                "Independent of the official site",
                "Indépendant du site officiel",
            ),
        }
    }

    async fn png(self) -> Result<HttpResponse, AppError> {
        let svg = self.render()?;
        let png = web::block(move || share_image::png(&svg)).await??;
        Ok(HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, HeaderValue::from_static("image/png")))
            .body(png))
    }
}

/// The share image of a page: its family's card where it has one, else the site's.
pub fn image_path(path: &str) -> String {
    match path.strip_prefix("/principles/") {
        Some(n) if n.parse::<u8>().is_ok_and(|n| (1..=9).contains(&n)) => {
            format!("/share/principles/{n}.png")
        }
        _ => "/share/site.png".to_string(),
    }
}

/// The site's card: the list's key figures and the day they are true as of.
pub async fn site(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let as_of = state.vocab.as_of;
    let point = state.vocab.timeline.on_day(as_of);
    let states = point.map_or(0, |p| p.count(Category::State));
    let total = point.map_or(0, |p| p.total());
    let figures = match lang {
        Lang::En => format!(
            "{} states · {} supporters",
            lang.number(states),
            lang.number(total)
        ),
        Lang::Fr => format!(
            "{} États · {} soutiens",
            lang.number(states),
            lang.number(total)
        ),
    };
    let day = lang.date(as_of);
    let as_of_line = match lang {
        Lang::En => format!("in the official list as of {day}"),
        Lang::Fr => format!("dans la liste officielle au {day}"),
    };
    Card::new(
        lang,
        lang.tr(
            "Who supports it, and what it says",
            "Qui le soutient, et ce qu’il dit",
        )
        .to_string(),
        lang.tr(
            "Paris Call for Trust and Security in Cyberspace",
            "Appel de Paris pour la confiance et la sécurité dans le cyberespace",
        ),
        vec![figures, as_of_line],
    )
    .png()
    .await
}

/// A principle's card: its number and short title.
pub async fn principle(
    state: State,
    lang: Lang,
    file: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let number: u8 = file
        .strip_suffix(".png")
        .and_then(|n| n.parse().ok())
        .ok_or(AppError::NotFound)?;
    let (row, summaries) = db::run(&state.pool, move |c| {
        Ok((principles::get(c, number)?, explainers::summaries(c, lang)?))
    })
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    // The plain meaning the principle's page opens with, as far as it fits.
    let meaning: Vec<String> = summaries
        .into_iter()
        .find(|s| s.number == number)
        .map(|s| share_image::wrap(&s.summary, MEANING_WIDTH))
        .unwrap_or_default();
    let title = match lang {
        Lang::En => row.short_title,
        Lang::Fr => row.short_title_fr,
    };
    let eyebrow = match lang {
        Lang::En => format!("Paris Call · principle {number} of 9"),
        Lang::Fr => format!("Appel de Paris · principe {number} sur 9"),
    };
    Card::new(lang, eyebrow, &title, meaning).png().await
}
