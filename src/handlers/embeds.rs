//! `/map.svg`, `/badge.svg` and `/embed`: what other sites may embed. These two SVGs are
//! the only responses that may be framed or embedded (see `headers::security`).

use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

use super::{listed_day, render, render_as};
use crate::db;
use crate::db::supporters::{self, SupporterFilter};
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, filters};
use crate::model::{Category, PartialDate};
use crate::page_meta::PageMeta;
use crate::params;
use crate::{AppState, State};

fn svg(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")))
        .body(body)
}

pub async fn map(state: State, lang: Lang) -> HttpResponse {
    svg(state.map_svg(lang).to_string())
}

#[derive(Template)]
#[template(path = "badge.svg")]
struct Badge {
    label: &'static str,
    value: String,
    /// "data as of …, Paris Call Observatory", for the tooltip.
    credit: String,
    link: String,
    label_width: usize,
    value_width: usize,
}

/// Approximate text width at 11px for the badge's two boxes.
fn text_width(text: &str) -> usize {
    text.chars().count() * 7 + 12
}

pub async fn badge(state: State, lang: Lang, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query = params::supporter_query(req.query_string(), &state.vocab)?;
    let category = one_category(&query.filter.categories)?;
    // `as_of` counts the list as it stood that day; a badge cannot carry a notice, so a
    // day with no list is a 400 as for the downloads.
    let day = listed_day(&state, query.as_of)?;
    let filter = SupporterFilter {
        categories: category.into_iter().collect(),
        as_of: query.filter.as_of,
        ..SupporterFilter::default()
    };
    let counts = db::run(&state.pool, move |c| supporters::counts(c, &filter)).await?;
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    let badge = Badge::new(&state.public_url, lang, category, day, total);
    render_as(&badge, "image/svg+xml")
}

/// The category a badge counts: all of them, or one.
fn one_category(categories: &[Category]) -> Result<Option<Category>, AppError> {
    match categories {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        _ => Err(AppError::bad(
            "category",
            Problem::new(
                "the badge counts one category at most",
                "le badge compte une seule catégorie au plus",
            ),
            Category::allowed_values(),
        )),
    }
}

impl Badge {
    fn new(
        public_url: &str,
        lang: Lang,
        category: Option<Category>,
        day: PartialDate,
        total: i64,
    ) -> Self {
        let label = match category {
            None => lang.tr("Paris Call supporters", "Soutiens de l’Appel de Paris"),
            Some(Category::State) => lang.tr("Paris Call: states", "Appel de Paris : États"),
            Some(Category::PublicAuthority) => lang.tr(
                "Paris Call: public authorities",
                "Appel de Paris : autorités publiques",
            ),
            Some(Category::PrivateSector) => lang.tr(
                "Paris Call: private sector",
                "Appel de Paris : secteur privé",
            ),
            Some(Category::CivilSociety) => lang.tr(
                "Paris Call: civil society",
                "Appel de Paris : société civile",
            ),
            Some(Category::Other) => lang.tr(
                "Paris Call: uncategorised",
                "Appel de Paris : sans catégorie",
            ),
        };
        let as_of = lang.date(day);
        let value = match lang {
            Lang::En => format!("{} as of {as_of}", lang.number(total)),
            Lang::Fr => format!("{} au {as_of}", lang.number(total)),
        };
        let credit = match lang {
            Lang::En => format!("data as of {as_of}, Paris Call Observatory"),
            Lang::Fr => format!("données au {as_of}, Observatoire de l’Appel de Paris"),
        };
        let list = format!("{public_url}{}", lang.path("/supporters"));
        let link = match category {
            None => list,
            Some(c) => format!("{list}#{}", c.anchor()),
        };
        Badge {
            label,
            label_width: text_width(label),
            value_width: text_width(&value),
            value,
            credit,
            link,
        }
    }
}

#[derive(Template)]
#[template(path = "embed.html")]
struct EmbedPage {
    meta: PageMeta,
    /// States in the official list: the figure the states badge shows.
    states: i64,
    states_snippet: String,
    badge_snippet: String,
    map_snippet: String,
    /// The map's height for a width of 960, for the preview's proportions.
    map_height: u32,
}

pub async fn embed(state: State, lang: Lang) -> Result<HttpResponse, AppError> {
    let filter = SupporterFilter {
        categories: vec![Category::State],
        ..SupporterFilter::default()
    };
    let counts = db::run(&state.pool, move |c| supporters::counts(c, &filter)).await?;
    let states: i64 = counts.iter().map(|(_, n)| n).sum();
    render(&EmbedPage::new(&state, lang, states))
}

impl EmbedPage {
    fn new(state: &AppState, lang: Lang, states: i64) -> Self {
        let base = format!("{}{}", state.public_url, lang.prefix());
        let as_of = lang.date(state.vocab.as_of);
        let (states_alt, badge_alt, map_title) = match lang {
            Lang::En => (
                format!(
                    "{states} states support the Paris Call as of {as_of}, from the Paris Call Observatory"
                ),
                format!("Paris Call supporters as of {as_of}, from the Paris Call Observatory"),
                format!("World map of the Paris Call, as of {as_of}"),
            ),
            Lang::Fr => (
                format!(
                    "{states} États soutiennent l’Appel de Paris au {as_of}, d’après l’Observatoire de l’Appel de Paris"
                ),
                format!(
                    "Soutiens de l’Appel de Paris au {as_of}, par l’Observatoire de l’Appel de Paris"
                ),
                format!("Carte mondiale de l’Appel de Paris, au {as_of}"),
            ),
        };
        // Sized by the embedding page's width, in the map's own proportions, so it shrinks to
        // a phone's width instead of overflowing it; links inside open in the top window.
        let map_height = crate::map::height() as u32;
        EmbedPage {
            meta: PageMeta::new(
                state,
                lang,
                lang.tr("Embed the badge or the map", "Intégrer le badge ou la carte"),
                lang.tr(
                    "Copy-paste snippets to show the number of Paris Call supporters or the world map on your own site.",
                    "Des extraits à copier-coller pour afficher le nombre de soutiens de l’Appel de Paris ou la carte mondiale sur votre propre site.",
                ),
                "/embed",
            ),
            states,
            states_snippet: format!(
                "<a href=\"{base}/supporters#states\"><img src=\"{base}/badge.svg?category=state\" alt=\"{states_alt}\" height=\"20\"></a>"
            ),
            badge_snippet: format!(
                "<a href=\"{base}/supporters\"><img src=\"{base}/badge.svg\" alt=\"{badge_alt}\" height=\"20\"></a>"
            ),
            map_snippet: format!(
                "<iframe src=\"{base}/map.svg\" title=\"{map_title}\" width=\"960\" height=\"{map_height}\" \
                 style=\"display:block;width:100%;max-width:960px;height:auto;aspect-ratio:960/{map_height};border:0\" \
                 loading=\"lazy\"></iframe>"
            ),
            map_height,
        }
    }
}
