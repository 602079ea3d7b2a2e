//! `/about`: who we are, where the data comes from, how to report an error.

use actix_web::HttpResponse;
use askama::Template;

use super::render;
use crate::State;
use crate::error::AppError;
use crate::page::PageMeta;

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage {
    meta: PageMeta,
}

pub async fn show(state: State) -> Result<HttpResponse, AppError> {
    render(&AboutPage {
        meta: PageMeta::new(
            &state,
            "About this site",
            "Who runs the Paris Call Observatory, where its data comes from and how to report an error.",
            "/about",
        ),
    })
}
