//! Every URL of the site and its handler, in one table. These URLs are cited: never
//! change one; add a redirect instead.

use actix_web::{FromRequest, Handler};
use actix_web::{Resource, Responder, web};

use crate::handlers::{
    about, api, assets, changes, commentary, countries, counts, downloads, embeds, home,
    principles, search, seo, statements, supporters,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(page("/", home::show))
        .service(page("/about", about::show))
        .service(page("/principles", principles::index))
        .service(page("/principles/{number}", principles::show))
        .service(page("/commentary", commentary::index))
        .service(page("/commentary/{slug}", commentary::show))
        .service(page("/api/openapi.json", api::openapi))
        .service(page("/api/v1/supporters", api::supporters))
        .service(page("/api/v1/supporters/{id}", api::supporter))
        .service(page("/api/v1/countries", api::countries))
        .service(page("/api/v1/countries/{iso2}", api::country))
        .service(page("/api/v1/principles", api::principles))
        .service(page("/supporters.csv", downloads::supporters_csv))
        .service(page("/supporters.json", downloads::supporters_json))
        .service(page("/countries.csv", downloads::countries_csv))
        .service(page("/countries.json", downloads::countries_json))
        .service(page("/non-signatories.csv", downloads::non_signatories_csv))
        .service(page("/datapackage.json", downloads::datapackage))
        .service(page("/data", downloads::data))
        .service(page("/supporters", supporters::index))
        .service(page("/supporters/{id}", supporters::show))
        .service(page("/countries", countries::index))
        .service(page("/countries/{iso2}", countries::show))
        .service(page("/non-signatories", statements::non_signatories))
        .service(page("/disputed", statements::disputed))
        .service(page("/search", search::show))
        .service(page("/changes", changes::index))
        .service(page("/changes.atom", changes::feed))
        .service(page("/counts", counts::show))
        .service(page("/sitemap.xml", seo::sitemap))
        .service(page("/robots.txt", seo::robots))
        .service(page("/map.svg", embeds::map))
        .service(page("/badge.svg", embeds::badge))
        .service(page("/embed", embeds::embed))
        .service(page("/static/{path:.*}", assets::file));
}

/// A page answers GET and HEAD; any other method gets a 405 page.
fn page<F, Args>(path: &str, handler: F) -> Resource
where
    F: Handler<Args> + Clone,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    web::resource(path)
        .route(web::get().to(handler.clone()))
        .route(web::head().to(handler))
}
